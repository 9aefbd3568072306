/**
 * The area of each borough for a proposal's concentration (proposals.ts): the sum of h3-js
 * `cellArea` over the borough's cells at the run's resolution (centre inside, ANALYSIS.md "Study
 * area"), the same cells a site's area is summed over, so the concentration compares like with
 * like. Shared by the app (in the hotspot worker) and the command-line twin.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { cellArea } from 'h3-js';
import { studyAreaCells } from '../study-area.ts';

/**
 * km² per borough code (`properties.code`); a code with several features sums them.
 * @throws {Error} on a resolution outside 0..15 (studyAreaCells).
 */
export function boroughAreasKm2(boroughs: readonly Feature<Polygon | MultiPolygon>[], resolution: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of boroughs) {
    const code = String(f.properties?.code);
    const cells = studyAreaCells([f], resolution);
    out.set(code, (out.get(code) ?? 0) + cells.reduce((a, c) => a + cellArea(c, 'km2'), 0));
  }
  return out;
}
