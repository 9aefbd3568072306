import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cellToParent, latLngToCell } from 'h3-js';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { aggregateCube, type AreaFilter, type CrimeCube, type CubeFilter } from '../../src/analysis/cube';
import { buildCube } from '../../src/db/cube';
import type { H3Resolution } from '../../src/db/schema';
import { ingestFile, type IngestEnv, type IngestReport } from '../../src/ingest/pipeline';
import { DATA, enc, freshEnv } from './helpers/env';

// -- Fixture made here -------------------------------------------------------------------

interface Place {
  lon: number;
  lat: number;
  /** Expected ward and borough (ONS codes); undefined = not asserted. */
  ward?: string | null;
  borough: string | null;
}

// Wards and boroughs are ONS codes of the 2022 London wards (read from the unrounded source
// polygons in ../shared/data/boundaries/wards_2022 with turf) and the London boroughs:
// Westminster E09000033 (MPS BCU AW, Central West), Camden E09000007 (BCU CN, Central North).
const PLACES = {
  trafalgar: { lon: -0.1281, lat: 51.508, ward: 'E05013806', borough: 'E09000033' }, // St James's, Westminster
  oxfordCircus: { lon: -0.1416, lat: 51.5152, ward: 'E05013808', borough: 'E09000033' }, // West End, Westminster
  britishMuseum: { lon: -0.127, lat: 51.5194, ward: 'E05013653', borough: 'E09000007' }, // Bloomsbury, Camden
  camdenTown: { lon: -0.1426, lat: 51.539, ward: 'E05013655', borough: 'E09000007' }, // Camden Town
  // St Giles, Camden, just north of New Oxford Street. Chosen because its cell at resolutions 7,
  // 8 and 9 is not the parent of its resolution-10 cell (found by scanning a 0.0001° grid with
  // h3-js; asserted below so the resolution tests keep their teeth).
  stGiles: { lon: -0.1298, lat: 51.517, borough: 'E09000007' },
  brighton: { lon: -0.1372, lat: 50.8225, ward: null, borough: null }, // in the UK, outside London
} satisfies Record<string, Place>;
type PlaceName = keyof typeof PLACES;

// 12 crimes in 2023-01, 2023-03 and 2023-04 (2023-02 has none).
const CRIMES: [month: string, place: PlaceName, category: string][] = [
  ['2023-01', 'trafalgar', 'Burglary'],
  ['2023-01', 'trafalgar', 'Burglary'],
  ['2023-01', 'trafalgar', 'Robbery'],
  ['2023-03', 'trafalgar', 'Burglary'],
  ['2023-01', 'oxfordCircus', 'Shoplifting'],
  ['2023-04', 'oxfordCircus', 'Shoplifting'],
  ['2023-03', 'britishMuseum', 'Theft from the person'],
  ['2023-04', 'britishMuseum', 'Anti-social behaviour'],
  ['2023-04', 'camdenTown', 'Drugs'],
  ['2023-03', 'stGiles', 'Robbery'],
  ['2023-01', 'brighton', 'Burglary'],
  ['2023-04', 'brighton', 'Vehicle crime'],
];

const HEADER = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
const CSV =
  [
    HEADER,
    ...CRIMES.map(([month, place, cat], i) => {
      const p = PLACES[place];
      return `c${i + 1},${month},Metropolitan Police Service,Metropolitan Police Service,${p.lon},${p.lat},On or near ${place},,,${cat},,`;
    }),
  ].join('\n') + '\n';

/** Crimes per "cell|month|category", grouped here with h3-js at `res` (independent of src). */
function expectedCounts(res: number): Map<string, number> {
  const m = new Map<string, number>();
  for (const [month, place, cat] of CRIMES) {
    const key = `${latLngToCell(PLACES[place].lat, PLACES[place].lon, res)}|${month}|${cat}`;
    m.set(key, (m.get(key) ?? 0) + 1);
  }
  return m;
}

/** The cube's rows read back as "cell|month|category" → count. */
function cubeCounts(cube: CrimeCube): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < cube.count.length; i++) {
    const key = `${cube.cells[cube.cell[i]]}|${cube.months[cube.month[i]]}|${cube.categories[cube.category[i]]}`;
    m.set(key, (m.get(key) ?? 0) + cube.count[i]);
  }
  return m;
}

const sortedEntries = (m: Map<string, number>) => [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const cellsAt = (res: number) => [...new Set(Object.values(PLACES).map((p) => latLngToCell(p.lat, p.lon, res)))].sort();

// -- Twelve hand-placed crimes -----------------------------------------------------------

describe('buildCube(db, resolution) over hand-placed crimes', () => {
  let env: IngestEnv;
  let cube: CrimeCube;
  beforeAll(async () => {
    env = await freshEnv();
    const report = await ingestFile(env, { name: 'twelve.csv', data: enc(CSV) });
    expect(report.kept).toBe(12);
    cube = await buildCube(env.db, 9);
  });

  const filter = (f: Partial<CubeFilter> & { area?: AreaFilter }): CubeFilter => ({
    monthFrom: 0,
    monthTo: cube.months.length - 1,
    categories: cube.categories.map((_, i) => i),
    area: { kind: 'all' },
    ...f,
  });
  const total = (f: Partial<CubeFilter>) => aggregateCube(cube, filter(f)).total;

  it('the fixture has one resolution-9 cell per place', () => {
    expect(cellsAt(9)).toHaveLength(Object.keys(PLACES).length);
  });

  it('cells are the sorted h3-js latLngToCell(lat, lon, 9) of the crimes', () => {
    expect(cube.cells).toEqual(cellsAt(9));
  });

  it('months run from the first to the last month, the empty month zero-filled', () => {
    expect(cube.months).toEqual(['2023-01', '2023-02', '2023-03', '2023-04']);
  });

  it('no row falls in the empty month', () => {
    expect(total({ monthFrom: 1, monthTo: 1 })).toBe(0);
  });

  it('counts per cell, month and category equal the crimes grouped in the test', () => {
    expect(sortedEntries(cubeCounts(cube))).toEqual(sortedEntries(expectedCounts(9)));
  });

  it('cellStart delimits each cell rows', () => {
    expect(cube.cellStart[cube.cells.length]).toBe(cube.count.length);
    for (let c = 0; c < cube.cells.length; c++) {
      for (let i = cube.cellStart[c]; i < cube.cellStart[c + 1]; i++) expect(cube.cell[i]).toBe(c);
    }
  });

  it('each row carries the ward and borough of its place (-1 outside London)', () => {
    for (const p of Object.values(PLACES) as Place[]) {
      const c = cube.cells.indexOf(latLngToCell(p.lat, p.lon, 9));
      for (let i = cube.cellStart[c]; i < cube.cellStart[c + 1]; i++) {
        expect(cube.borough[i] < 0 ? null : cube.boroughs[cube.borough[i]]).toBe(p.borough);
        if (p.ward !== undefined) expect(cube.ward[i] < 0 ? null : cube.wards[cube.ward[i]]).toBe(p.ward);
      }
    }
  });

  it('boroughs are Camden and Westminster with their BCUs CN and AW', () => {
    expect(cube.boroughs).toEqual(['E09000007', 'E09000033']);
    expect(cube.boroughBcu).toEqual(['CN', 'AW']);
  });

  it("area 'all' counts every crime, including those outside London", () => {
    expect(total({})).toBe(12);
  });

  it('a Westminster borough filter counts the six Westminster crimes', () => {
    expect(total({ area: { kind: 'borough', codes: ['E09000033'] } })).toBe(6);
  });

  it('a Camden borough filter counts the four Camden crimes', () => {
    expect(total({ area: { kind: 'borough', codes: ['E09000007'] } })).toBe(4);
  });

  it('BCU AW counts the Westminster crimes and BCU CN the Camden ones', () => {
    expect(total({ area: { kind: 'bcu', codes: ['AW'] } })).toBe(6);
    expect(total({ area: { kind: 'bcu', codes: ['CN'] } })).toBe(4);
  });

  it("a ward filter on St James's counts the four Trafalgar Square crimes", () => {
    expect(total({ area: { kind: 'ward', codes: ['E05013806'] } })).toBe(4);
  });

  it('a ward filter on West End and Camden Town counts their crimes (2 + 1)', () => {
    expect(total({ area: { kind: 'ward', codes: ['E05013808', 'E05013655'] } })).toBe(3);
  });

  it('a month range 2023-03..2023-04 counts the seven crimes in those months', () => {
    expect(total({ monthFrom: cube.months.indexOf('2023-03'), monthTo: cube.months.indexOf('2023-04') })).toBe(7);
  });

  it('a Burglary filter counts the four burglaries', () => {
    expect(total({ categories: [cube.categories.indexOf('Burglary')] })).toBe(4);
  });

  it('Burglary in Westminster counts the three Trafalgar Square burglaries', () => {
    expect(total({ categories: [cube.categories.indexOf('Burglary')], area: { kind: 'borough', codes: ['E09000033'] } })).toBe(3);
  });

  it('the St Giles point is one whose coarser cells are not parents of its resolution-10 cell', () => {
    const { lat, lon } = PLACES.stGiles;
    const c10 = latLngToCell(lat, lon, 10);
    for (const r of [7, 9]) expect(cellToParent(c10, r)).not.toBe(latLngToCell(lat, lon, r));
  });

  // Each resolution's cube is built once and shared by its two tests.
  const built = new Map<H3Resolution, Promise<CrimeCube>>();
  const cubeAt = (res: H3Resolution) => {
    if (!built.has(res)) built.set(res, buildCube(env.db, res));
    return built.get(res)!;
  };
  for (const res of [7, 10] as const) {
    it(`at resolution ${res}, cells are latLngToCell at ${res}`, async () => {
      const c = await cubeAt(res);
      expect(c.resolution).toBe(res);
      expect(c.cells).toEqual(cellsAt(res));
    });

    it(`at resolution ${res}, counts per cell, month and category equal the crimes grouped at ${res}`, async () => {
      const c = await cubeAt(res);
      expect(sortedEntries(cubeCounts(c))).toEqual(sortedEntries(expectedCounts(res)));
    });
  }

  it('refuses a resolution that has no cell column', async () => {
    await expect(buildCube(env.db, 6 as H3Resolution)).rejects.toThrow(/resolution 6/);
  });
});

// -- The real police.uk sample -----------------------------------------------------------

describe('buildCube over the real 2023-01 Metropolitan sample', () => {
  const STREET = join(DATA, 'samples', '2023-01-metropolitan-street-sample.csv');
  let report: IngestReport;
  let cube: CrimeCube;
  let rows: Record<string, string>[];
  beforeAll(async () => {
    const env = await freshEnv();
    const bytes = readFileSync(STREET);
    rows = Papa.parse<Record<string, string>>(bytes.toString('utf8'), { header: true, skipEmptyLines: true }).data;
    report = await ingestFile(env, { name: 'sample.csv', data: new Uint8Array(bytes) });
    cube = await buildCube(env.db, 9);
  });

  const all = (): CubeFilter => ({ monthFrom: 0, monthTo: cube.months.length - 1, categories: cube.categories.map((_, i) => i), area: { kind: 'all' } });

  it('the cube total equals the rows kept by ingest', () => {
    expect(aggregateCube(cube, all()).total).toBe(report.kept);
  });

  it('per-cell counts equal a recount with papaparse, h3-js and a Map', () => {
    // Rows with both coordinates are the kept rows (every row of the sample is 2023-01 with a
    // police.uk category); each goes to latLngToCell(lat, lon, 9).
    const recount = new Map<string, number>();
    for (const r of rows) {
      if (!r.Longitude || !r.Latitude) continue;
      const cell = latLngToCell(Number(r.Latitude), Number(r.Longitude), 9);
      recount.set(cell, (recount.get(cell) ?? 0) + 1);
    }
    const counts = aggregateCube(cube, all()).count;
    const fromCube = new Map(cube.cells.map((c, i) => [c, counts[i]] as const));
    expect(sortedEntries(fromCube)).toEqual(sortedEntries(recount));
  });

  it('the sample spans the single month 2023-01', () => {
    expect(cube.months).toEqual(['2023-01']);
  });
});
