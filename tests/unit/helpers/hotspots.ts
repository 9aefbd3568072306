/** Hand-made hotspot results for unit tests of what reads them (clusters, borders). */
import { EMERGING_CATEGORIES } from '../../../src/analysis/emerging';
import type { HotspotResult, StudyArea } from '../../../src/analysis/hotspots';

/**
 * A hotspot result with the given FDR bins (cell → bin, others 0), as analyseHotspots would
 * return it; only the fields clusters.ts reads carry meaning.
 */
export function resultWith(
  study: StudyArea,
  bins: Record<string, number>,
  opts: { months?: string[]; spaceTime?: Record<string, number[]>; emerging?: Record<string, string> } = {},
): HotspotResult {
  const n = study.cells.length;
  const months = opts.months ?? ['2024-01'];
  const T = months.length;
  const spaceTimeBinFdr = new Int8Array(opts.spaceTime ? n * T : 0);
  if (opts.spaceTime) {
    for (const [cell, series] of Object.entries(opts.spaceTime)) series.forEach((b, t) => (spaceTimeBinFdr[t * n + study.cells.indexOf(cell)] = b));
  }
  const noPattern = EMERGING_CATEGORIES.indexOf('No Pattern Detected');
  return {
    cells: study.cells,
    count: new Float64Array(n),
    value: new Float64Array(n),
    giZ: new Float64Array(n),
    giP: new Float64Array(n).fill(1),
    giBin: new Int8Array(n),
    giBinFdr: Int8Array.from(study.cells, (c) => bins[c] ?? 0),
    emerging: Uint8Array.from(study.cells, (c) =>
      opts.emerging?.[c] ? EMERGING_CATEGORIES.indexOf(opts.emerging[c] as (typeof EMERGING_CATEGORIES)[number]) : noPattern,
    ),
    emergingComputed: opts.emerging !== undefined,
    noData: study.noData,
    excludedCells: 0,
    inNoDataArea: 0,
    trend: new Int8Array(n),
    degenerate: false,
    outsideArea: 0,
    months,
    spaceTimeZ: new Float64Array(0),
    spaceTimeBinFdr,
    monthly: new Float64Array(n * T),
  };
}

