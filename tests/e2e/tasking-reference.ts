/**
 * Independent reference figures for the patrol plan and ward profile browser tests: the default
 * dataset (data/london-2025-26-hex100m.parquet) read with native DuckDB, cells with h3-js, areas
 * with turf, the rankings and the PAI written here from their definitions (ANALYSIS.md "Forecast
 * accuracy"; README "patrol priority"), never with the app's modules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { latLngToCell, polygonToCells } from 'h3-js';
import { ROOT } from './harness';

export const DEFAULT_FILE = join(ROOT, 'data', 'london-2025-26-hex100m.parquet');
export const HARM: Record<string, number> = JSON.parse(readFileSync(join(ROOT, 'data', 'harm-weights.json'), 'utf8')).weights;

export interface HexCrimeRow {
  month: string;
  type: string;
  lon: number;
  lat: number;
  n: number;
}

/** The default dataset's rows whose cell centre lies in the box (west, south, east, north), grown by `pad` degrees. */
export async function rowsInBox([w, s, e, n]: number[], pad = 0.01): Promise<HexCrimeRow[]> {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const r = await db.runAndReadAll(
    `SELECT month, crime_type, longitude, latitude, sum(crime_count)::DOUBLE FROM '${DEFAULT_FILE}'
     WHERE longitude BETWEEN ${w - pad} AND ${e + pad} AND latitude BETWEEN ${s - pad} AND ${n + pad} GROUP BY ALL`,
  );
  return r.getRows().map(([month, type, lon, lat, k]) => ({ month: String(month), type: String(type), lon: Number(lon), lat: Number(lat), n: Number(k) }));
}

/** Every month of the default dataset, oldest first. */
export async function allMonths(): Promise<string[]> {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  return (await db.runAndReadAll(`SELECT DISTINCT month FROM '${DEFAULT_FILE}' ORDER BY 1`)).getRows().map((r) => String(r[0]));
}

/** Cells whose centre lies in the feature (h3-js polygonToCells per polygon). Sorted. */
export function cellsByCentre(f: Feature<Polygon | MultiPolygon>, res: number): string[] {
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const out = new Set<string>();
  for (const p of polys) for (const c of polygonToCells(p, res, true)) out.add(c);
  return [...out].sort();
}

/** Whether a row's point lies in the feature (turf). */
export function inside(f: Feature<Polygon | MultiPolygon>): (r: HexCrimeRow) => boolean {
  const [w, s, e, n] = bbox(f);
  return (r) => r.lon >= w && r.lon <= e && r.lat >= s && r.lat <= n && booleanPointInPolygon([r.lon, r.lat], f);
}

/** Crimes per cell per month (index into `months`). */
export function cellMonthly(rows: HexCrimeRow[], months: string[], res: number): Map<string, number[]> {
  const at = new Map(months.map((m, i) => [m, i]));
  const out = new Map<string, number[]>();
  for (const r of rows) {
    const c = latLngToCell(r.lat, r.lon, res);
    const v = out.get(c) ?? new Array<number>(months.length).fill(0);
    v[at.get(r.month)!] += r.n;
    out.set(c, v);
  }
  return out;
}

/** Crimes and harm per cell over every month. */
export function cellTotals(rows: HexCrimeRow[], res: number): Map<string, { crimes: number; harm: number }> {
  const out = new Map<string, { crimes: number; harm: number }>();
  for (const r of rows) {
    const c = latLngToCell(r.lat, r.lon, res);
    const t = out.get(c) ?? { crimes: 0, harm: 0 };
    t.crimes += r.n;
    t.harm += r.n * HARM[r.type];
    out.set(c, t);
  }
  return out;
}

/**
 * A ranking's score of one cell's monthly series over its last 12 months: `priority` weighs month
 * t by 0.5^((last − t) / 3), `window` sums them, `last-month` is the last.
 */
export function rankingScoreOf(kind: string, series: number[]): number {
  const last = series.length - 1;
  const from = Math.max(0, series.length - 12);
  let s = 0;
  for (let t = from; t <= last; t++) {
    if (kind === 'priority') s += series[t] * 0.5 ** ((last - t) / 3);
    else if (kind === 'window') s += series[t];
    else if (kind === 'last-month') s += t === last ? series[t] : 0;
    else throw new Error(`unknown ranking ${kind}`);
  }
  return s;
}

/** Cells by score, highest first, compared in single precision, ties by id. */
export function orderByScore(cells: string[], score: (c: string) => number): string[] {
  const key = new Map(cells.map((c) => [c, Math.fround(score(c))]));
  return [...cells].sort((a, b) => key.get(b)! - key.get(a)! || (a < b ? -1 : 1));
}

/** Screen position of a point on the map given its camera (MapLibre: 512 px tiles, centre at the container's middle). */
export function project(lon: number, lat: number, cam: { lon: number; lat: number; zoom: number }, rect: { x: number; y: number; width: number; height: number }) {
  const world = 512 * 2 ** cam.zoom;
  const mx = (x: number) => (x + 180) / 360;
  const my = (y: number) => (1 - Math.log(Math.tan(Math.PI / 4 + (y * Math.PI) / 360)) / Math.PI) / 2;
  return { x: rect.x + rect.width / 2 + (mx(lon) - mx(cam.lon)) * world, y: rect.y + rect.height / 2 + (my(lat) - my(cam.lat)) * world };
}
