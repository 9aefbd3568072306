/**
 * The app's reading of data coverage (src/analysis/coverage.ts) for the current view: which
 * months are analysed when the user has not chosen any, which of them are gaps, and which
 * boroughs have no data in that window (hatched on the map, left out of the hot spot study area
 * unless the user includes them). The command-line twin uses the same functions.
 */
import type { FeatureCollection } from 'geojson';
import type { CubeFilter } from '../analysis/cube';
import { type DataCoverage, gapsWithin, latestRun, type MonthRun, noDataBoroughs } from '../analysis/coverage';
import type { NoDataArea } from '../analysis/hotspots';

export interface CoverageView {
  coverage: DataCoverage;
  /** The analysed months (cube month codes, inclusive). */
  window: MonthRun;
  /** True when the window is the latest run of months with data, chosen because the user chose no months and the data has a gap. */
  latestRunDefault: boolean;
  /** Gap months (no data) in all the loaded months, and inside the window. */
  gaps: MonthRun[];
  gapsInWindow: MonthRun[];
  /** Boroughs with no data in the window (codes). */
  noDataBoroughs: string[];
}

/**
 * The filter the app analyses: the user's months when chosen; otherwise all months, or, when
 * the loaded months have a gap, the latest run of months with data (issue 10: one 2023 file
 * stretched the window over 55 empty months and emerging hot spots fell from 1,476 to 112).
 * With only one end chosen, the other does not reach across a gap either: an unchosen end is
 * the last month with data (at or after the chosen start), or the start of the run of months
 * with data that the chosen end closes.
 */
export function withDefaultWindow(filter: CubeFilter, chosen: { from: string | null; to: string | null }, coverage: DataCoverage | null): CubeFilter {
  if (!coverage || (chosen.from !== null && chosen.to !== null)) return filter;
  const run = latestRun(coverage);
  if (!run || gapsWithin(coverage, 0, coverage.months.length - 1).length === 0) return filter;
  if (chosen.from === null && chosen.to === null) return { ...filter, monthFrom: run.from, monthTo: run.to };
  if (chosen.from !== null) return run.to >= filter.monthFrom ? { ...filter, monthTo: Math.min(filter.monthTo, run.to) } : filter;
  const closing = coverage.runs.filter((r) => r.from <= filter.monthTo).at(-1);
  return closing ? { ...filter, monthFrom: closing.from } : filter;
}

export function coverageView(coverage: DataCoverage, filter: CubeFilter, chosen: { from: string | null; to: string | null }): CoverageView {
  const gaps = gapsWithin(coverage, 0, coverage.months.length - 1);
  const window = { from: filter.monthFrom, to: filter.monthTo };
  return {
    coverage,
    window,
    latestRunDefault: chosen.from === null && chosen.to === null && gaps.length > 0,
    gaps,
    gapsInWindow: gapsWithin(coverage, window.from, window.to),
    noDataBoroughs: noDataBoroughs(coverage, window.from, window.to),
  };
}

/** The borough codes of the boundary layer (property `code`). */
export function boroughCodes(boroughs: FeatureCollection): string[] {
  return boroughs.features.map((f) => String(f.properties?.code));
}

/**
 * The no-data area for the hot spot study, with a key naming it (so a cached study area is
 * reused only for the same boroughs and choice), or null when every borough has data.
 */
export function noDataStudyArea(view: CoverageView, boroughs: FeatureCollection, include: boolean): { key: string; area: NoDataArea } | null {
  if (view.noDataBoroughs.length === 0) return null;
  const codes = new Set(view.noDataBoroughs);
  const features = boroughs.features.filter((f) => codes.has(String(f.properties?.code)));
  return {
    key: `|nodata:${[...codes].sort().join(',')}${include ? '+include' : ''}`,
    area: { polygons: features as never, include },
  };
}

/** 'YYYY-MM' or 'YYYY-MM…YYYY-MM' for a run of month codes. */
export function runLabel(months: readonly string[], run: MonthRun): string {
  return run.from === run.to ? months[run.from] : `${months[run.from]}…${months[run.to]}`;
}
