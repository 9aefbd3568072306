/**
 * Independent reference computations for browser tests: written from the definitions with h3-js,
 * turf, native DuckDB and the shipped files, never with the app's own modules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
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

/** The located crimes of data/crimes.parquet (the 2017-18 set), read with native DuckDB. */
export interface CrimePoints {
  lon: Float64Array;
  lat: Float64Array;
}

export async function crimePoints(): Promise<CrimePoints> {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const file = join(ROOT, 'data', 'crimes.parquet');
  const rows = (await db.runAndReadAll(`SELECT "Longitude", "Latitude" FROM '${file}' WHERE "Longitude" IS NOT NULL AND "Latitude" IS NOT NULL`)).getRows();
  return { lon: Float64Array.from(rows, (r) => Number(r[0])), lat: Float64Array.from(rows, (r) => Number(r[1])) };
}

/** A boundary feature of a shipped GeoJSON file (wards, boroughs), by its `code`. */
export function boundaryFeature(file: 'wards.geojson' | 'boroughs.geojson', code: string): Feature<Polygon | MultiPolygon> {
  const fc = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', file), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  const f = fc.features.find((x) => x.properties?.code === code);
  if (!f) throw new Error(`no feature ${code} in ${file}`);
  return f;
}

/** How many of the points lie in the polygon (turf booleanPointInPolygon, after a bounding-box test). */
export function crimesInside(points: CrimePoints, area: Feature<Polygon | MultiPolygon>): number {
  const [w, s, e, n] = bbox(area);
  let k = 0;
  for (let i = 0; i < points.lon.length; i++) {
    const lon = points.lon[i];
    const lat = points.lat[i];
    if (lon < w || lon > e || lat < s || lat > n) continue;
    if (booleanPointInPolygon([lon, lat], area)) k++;
  }
  return k;
}
