/**
 * Distinct points per (H3 cell, ward, borough) (src/db/cluster-points.ts) on DuckDB-WASM in Node,
 * over crimes and locations inserted here, checked against counts made here by hand.
 */
import { latLngToCell } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbClient } from '../../src/db/client';
import { clusterLocationCrimes, clusterPointCounts } from '../../src/db/cluster-points';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import { createNodeClient } from '../../src/db/node';
import { SCHEMA_SQL, SESSION_SETTINGS } from '../../src/db/schema';

// Five locations: A and B share a resolution-9 cell and ward; C is in that cell but across a
// ward and borough line; D is in another cell; E has no ward or borough (outside London).
const LOCS = {
  A: { lon: -0.1233, lat: 51.5117, ward: 'W1', borough: 'B1' },
  B: { lon: -0.12332, lat: 51.51171, ward: 'W1', borough: 'B1' },
  C: { lon: -0.12328, lat: 51.51169, ward: 'W2', borough: 'B2' },
  D: { lon: -0.1, lat: 51.52, ward: 'W2', borough: 'B2' },
  E: { lon: -0.1005, lat: 51.5201, ward: null, borough: null },
} as const;
type Loc = keyof typeof LOCS;
const ids: Record<Loc, number> = { A: 1, B: 2, C: 3, D: 4, E: 5 };

// month, location, type: A holds four crimes (two months), B one, C two, D one, E one.
const CRIMES: [string, Loc, string][] = [
  ['2024-01-01', 'A', 'Burglary'],
  ['2024-01-01', 'A', 'Burglary'],
  ['2024-02-01', 'A', 'Robbery'],
  ['2024-03-01', 'A', 'Burglary'],
  ['2024-02-01', 'B', 'Burglary'],
  ['2024-02-01', 'C', 'Robbery'],
  ['2024-03-01', 'C', 'Drugs'],
  ['2024-01-01', 'D', 'Burglary'],
  ['2024-02-01', 'E', 'Burglary'],
];

const cell9 = (l: Loc) => latLngToCell(LOCS[l].lat, LOCS[l].lon, 9);
let db: DbClient;

beforeAll(async () => {
  expect(cell9('A')).toBe(cell9('B'));
  expect(cell9('A')).toBe(cell9('C'));
  expect(cell9('D')).not.toBe(cell9('A'));
  expect(cell9('D')).toBe(cell9('E'));
  db = await createNodeClient();
  for (const s of SESSION_SETTINGS) await db.exec(s);
  await db.exec(SCHEMA_SQL);
  for (const [name, l] of Object.entries(LOCS) as [Loc, (typeof LOCS)[Loc]][]) {
    const h3 = [7, 8, 9, 10].map((r) => BigInt(`0x${latLngToCell(l.lat, l.lon, r)}`).toString());
    await db.exec(
      'INSERT INTO locations VALUES (?, ?, ?, CAST(? AS UBIGINT), CAST(? AS UBIGINT), CAST(? AS UBIGINT), CAST(? AS UBIGINT), ?, ?, NULL)',
      [ids[name], l.lon, l.lat, ...h3, l.ward, l.borough],
    );
  }
  let row = 0;
  for (const [month, loc, type] of CRIMES) {
    row++;
    await db.exec(
      `INSERT INTO crimes (crime_id, month, longitude, latitude, crime_type, crime_count, dataset, source_id, source_row, loc_id)
       VALUES (NULL, CAST(? AS DATE), ?, ?, ?, 1, 'street', 1, ?, ?)`,
      [month, LOCS[loc].lon, LOCS[loc].lat, type, row, ids[loc]],
    );
  }
}, 60_000);

afterAll(async () => {
  await db?.close();
});

describe('clusterPointCounts', () => {
  it('counts distinct locations, not crimes, per (cell, ward, borough), unknown units as null', async () => {
    const got = await clusterPointCounts(db, 9, { from: null, to: null, categories: ['Burglary', 'Robbery', 'Drugs'] });
    const want = [
      { cell: cell9('A'), ward: 'W1', borough: 'B1', points: 2 }, // A (4 crimes) and B (1)
      { cell: cell9('A'), ward: 'W2', borough: 'B2', points: 1 }, // C (2 crimes)
      { cell: cell9('D'), ward: 'W2', borough: 'B2', points: 1 },
      { cell: cell9('D'), ward: null, borough: null, points: 1 },
    ];
    expect(got).toEqual(expect.arrayContaining(want));
    expect(got).toHaveLength(want.length);
  });

  it('follows the months and crime types of the analysis', async () => {
    // February, burglary only: B alone (A's February crime is a robbery), E outside London.
    const feb = await clusterPointCounts(db, 9, { from: '2024-02', to: '2024-02', categories: ['Burglary'] });
    expect(feb).toEqual([
      { cell: cell9('A'), ward: 'W1', borough: 'B1', points: 1 },
      { cell: cell9('D'), ward: null, borough: null, points: 1 },
    ].sort((a, b) => (a.cell < b.cell ? -1 : 1)));
    // From March on: A (burglary) and C (drugs).
    const march = await clusterPointCounts(db, 9, { from: '2024-03', to: null, categories: ['Burglary', 'Drugs'] });
    expect(march).toEqual([
      { cell: cell9('A'), ward: 'W1', borough: 'B1', points: 1 },
      { cell: cell9('A'), ward: 'W2', borough: 'B2', points: 1 },
    ]);
    expect(await clusterPointCounts(db, 9, { from: null, to: null, categories: [] })).toEqual([]);
  });

  it('uses the cell of the asked resolution', async () => {
    const got = await clusterPointCounts(db, 7, { from: null, to: null, categories: ['Burglary', 'Robbery', 'Drugs'] });
    const cells7 = new Set((Object.keys(LOCS) as Loc[]).map((l) => latLngToCell(LOCS[l].lat, LOCS[l].lon, 7)));
    expect(new Set(got.map((g) => g.cell))).toEqual(cells7);
    expect(got.reduce((a, g) => a + g.points, 0)).toBe(5);
  });

  it('takes text as bound values only, and refuses a bad month or resolution', async () => {
    const quote = "Burglary') OR 1=1 --";
    expect(await clusterPointCounts(db, 9, { from: null, to: null, categories: [quote] })).toEqual([]);
    await expect(clusterPointCounts(db, 9, { from: '2024-13', to: null, categories: ['Burglary'] })).rejects.toThrow(/month "2024-13"/);
    await expect(clusterPointCounts(db, 11 as 9, { from: null, to: null, categories: ['Burglary'] })).rejects.toThrow(/resolution 11/);
  });
});

describe('clusterLocationCrimes', () => {
  it('crimes per (location, crime type) in the given cells only, as category codes', async () => {
    const got = await clusterLocationCrimes(db, 9, { from: '2024-01', to: '2024-02', categories: ['Burglary', 'Robbery'] }, [cell9('A')], ALL_CATEGORIES);
    const code = (t: string) => ALL_CATEGORIES.indexOf(t);
    const want = [
      { cell: cell9('A'), lon: LOCS.A.lon, lat: LOCS.A.lat, category: code('Burglary'), crimes: 2 },
      { cell: cell9('A'), lon: LOCS.A.lon, lat: LOCS.A.lat, category: code('Robbery'), crimes: 1 },
      { cell: cell9('A'), lon: LOCS.B.lon, lat: LOCS.B.lat, category: code('Burglary'), crimes: 1 },
      { cell: cell9('A'), lon: LOCS.C.lon, lat: LOCS.C.lat, category: code('Robbery'), crimes: 1 },
    ];
    expect(got).toEqual(expect.arrayContaining(want));
    expect(got).toHaveLength(want.length); // D and E lie in another cell; March is outside the months
    expect(await clusterLocationCrimes(db, 9, { from: null, to: null, categories: ['Burglary'] }, [], ALL_CATEGORIES)).toEqual([]);
    // The temporary cell table is gone afterwards.
    expect(await db.rows("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = 'cluster_cells'")).toEqual([{ n: 0 }]);
  });
});
