/**
 * Independent reference computations for browser tests: written from the definitions with h3-js
 * and the shipped GeoJSON, never with the app's own modules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { polygonToCells } from 'h3-js';
import { ROOT } from './harness';

/** The boroughs the embedded sample lacks (README, "Boroughs the sample lacks"). */
export const NO_DATA_BOROUGHS = ['Bexley', 'City of London', 'Croydon', 'Hackney', 'Kensington and Chelsea', 'Redbridge', 'Southwark', 'Tower Hamlets'];

/**
 * The default study area over London: cells whose centre lies in a borough (h3-js polygonToCells
 * per borough polygon), without those whose centre lies in a borough with no data (issue 10: left
 * out by default). Sorted.
 */
export function londonStudyCells(res: number): string[] {
  const fc = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', 'boroughs.geojson'), 'utf8'));
  const out = new Set<string>();
  for (const f of fc.features) {
    if (NO_DATA_BOROUGHS.includes(f.properties.name)) continue;
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) for (const c of polygonToCells(p, res, true)) out.add(c);
  }
  return [...out].sort();
}
