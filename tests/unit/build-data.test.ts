import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import {
  buildBoundaries,
  buildCrimes,
  computeCoverage,
  CRIME_COLUMNS,
  HARM_WEIGHTS,
  renderSources,
  InputError,
  parseArgs,
  type BuildBoundariesResult,
  type BuildCrimesResult,
} from '../../scripts/build-data.ts';
import { CRIME_CATEGORIES } from '../../src/analysis/categories.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = join(repoRoot, '..', 'shared', 'data');

let out: string;
let crimes: BuildCrimesResult;
let bounds: BuildBoundariesResult;

async function query(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'build-data-test-'));
  crimes = await buildCrimes(shared, join(out, 'crimes.parquet'), { months: ['2017-06'] });
  bounds = buildBoundaries(shared, out);
});

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

describe('buildCrimes (2017-06)', () => {
  it('deduplicates on id: 65,824 rows, read back with native DuckDB', async () => {
    expect(crimes.rows).toBe(65_824);
    expect(crimes.perMonth['2017-06']).toMatchObject({ files: 496, records: 69_234, unique: 65_824, btp: 1_403 });
    const [r] = await query(`SELECT count(*) AS n, count(DISTINCT "Month") AS months FROM read_parquet('${crimes.file}')`);
    expect(Number(r!.n)).toBe(65_824);
    expect(Number(r!.months)).toBe(1);
    expect(crimes.warnings).toEqual([]);
  });

  it('has exactly the 12 police.uk street CSV columns, in order, with plain types', async () => {
    const cols = await query(`DESCRIBE SELECT * FROM read_parquet('${crimes.file}')`);
    expect(cols.map((c) => c.column_name)).toEqual([...CRIME_COLUMNS]);
    expect(CRIME_COLUMNS).toEqual([
      'Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude', 'Location',
      'LSOA code', 'LSOA name', 'Crime type', 'Last outcome category', 'Context',
    ]);
    for (const c of cols) {
      expect(c.column_type).toBe(c.column_name === 'Longitude' || c.column_name === 'Latitude' ? 'DOUBLE' : 'VARCHAR');
    }
  });

  it('maps categories to the 14 CSV names and forces from location_type', async () => {
    const cats = await query(`SELECT DISTINCT "Crime type" AS c FROM read_parquet('${crimes.file}') ORDER BY 1`);
    for (const { c } of cats) expect(CRIME_CATEGORIES).toContain(c);
    expect(cats).toHaveLength(14);
    const forces = await query(
      `SELECT "Reported by" AS r, "Falls within" AS f, count(*) AS n FROM read_parquet('${crimes.file}') GROUP BY 1, 2 ORDER BY 1`,
    );
    expect(forces.map((x) => [x.r, x.f, Number(x.n)])).toEqual([
      ['British Transport Police', 'British Transport Police', 1_403],
      ['Metropolitan Police Service', 'Metropolitan Police Service', 65_824 - 1_403],
    ]);
    const [nulls] = await query(`SELECT
        count(*) FILTER (WHERE "Crime ID" = '') AS empty_id,
        count(*) FILTER (WHERE "Crime ID" IS NULL AND "Crime type" = 'Anti-social behaviour') AS asb_null_id,
        count(*) FILTER (WHERE "LSOA code" IS NOT NULL OR "LSOA name" IS NOT NULL) AS lsoa,
        count(*) FILTER (WHERE "Context" = '') AS empty_context,
        count(*) FILTER (WHERE "Longitude" IS NULL OR "Latitude" IS NULL) AS no_xy,
        min("Month") AS m0, max("Month") AS m1
      FROM read_parquet('${crimes.file}')`);
    expect(Number(nulls!.empty_id)).toBe(0);
    expect(Number(nulls!.asb_null_id)).toBeGreaterThan(10_000);
    expect(Number(nulls!.lsoa)).toBe(0);
    expect(Number(nulls!.empty_context)).toBe(0);
    expect(Number(nulls!.no_xy)).toBe(0);
    expect([nulls!.m0, nulls!.m1]).toEqual(['2017-06', '2017-06']);
  });

  it('is sorted by Month, Crime type, Longitude, Latitude', async () => {
    const [r] = await query(`SELECT count(*) AS bad FROM (
        SELECT "Crime type" AS c, "Longitude" AS x, "Latitude" AS y,
               lag("Crime type") OVER () AS pc, lag("Longitude") OVER () AS px, lag("Latitude") OVER () AS py
        FROM read_parquet('${crimes.file}'))
      WHERE pc IS NOT NULL AND (c < pc OR (c = pc AND (x < px OR (x = px AND y < py))))`);
    expect(Number(r!.bad)).toBe(0);
  });
});

describe('buildBoundaries', () => {
  type Area = Polygon | MultiPolygon;
  const read = (name: string) => JSON.parse(readFileSync(join(out, 'boundaries', name), 'utf8')) as FeatureCollection<Area, Record<string, unknown>>;

  it('writes 33 boroughs with the BCU join (City of London has none)', () => {
    const fc = read('boroughs.geojson');
    expect(fc.features).toHaveLength(33);
    const codes = fc.features.map((f) => f.properties.code as string);
    expect(codes).toEqual([...codes].sort());
    const city = fc.features.find((f) => f.properties.code === 'E09000001')!;
    expect(city.properties).toEqual({ code: 'E09000001', name: 'City of London', mpsCode: null, bcu: null, bcuName: null });
    const wm = fc.features.find((f) => f.properties.code === 'E09000033')!;
    expect(wm.properties).toEqual({ code: 'E09000033', name: 'Westminster', mpsCode: 'CW', bcu: 'AW', bcuName: 'Central West' });
    expect(fc.features.filter((f) => f.properties.bcu !== null)).toHaveLength(32);
  });

  it('writes 649 wards, each with a borough', () => {
    const fc = read('wards.geojson');
    expect(fc.features).toHaveLength(649);
    const boroughCodes = new Set(bounds.boroughs.features.map((b) => b.properties.code));
    for (const w of fc.features) {
      expect(boroughCodes.has(w.properties.borough as string)).toBe(true);
      expect(typeof w.properties.boroughName).toBe('string');
    }
    expect(new Set(fc.features.map((w) => w.properties.borough)).size).toBe(33);
    expect(bounds.wardFallbacks.length).toBeLessThan(10);
  });

  it('writes 12 BCUs covering the 32 Met boroughs exactly once', () => {
    const fc = read('bcus.geojson');
    expect(fc.features).toHaveLength(12);
    const all = fc.features.flatMap((f) => f.properties.boroughs as string[]);
    expect(all).toHaveLength(32);
    expect(new Set(all).size).toBe(32);
    expect(all).not.toContain('E09000001');
    expect(fc.features.find((f) => f.properties.code === 'AS')!.properties).toEqual({
      code: 'AS',
      name: 'Central South',
      boroughs: ['E09000022', 'E09000028'],
    });
    expect(bounds.skippedBcuRows.map((s) => s.name)).toEqual(['Aviation Security (SO18)']);
  });

  it('puts Trafalgar Square in Westminster and BCU AW', () => {
    const p: [number, number] = [-0.1281, 51.508];
    const inBorough = read('boroughs.geojson').features.filter((f) => booleanPointInPolygon(p, f.geometry));
    expect(inBorough.map((f) => f.properties.name)).toEqual(['Westminster']);
    const inBcu = read('bcus.geojson').features.filter((f) => booleanPointInPolygon(p, f.geometry));
    expect(inBcu.map((f) => f.properties.code)).toEqual(['AW']);
    const inWard = read('wards.geojson').features.filter((f) => booleanPointInPolygon(p, f.geometry));
    expect(inWard.map((f) => f.properties.borough)).toEqual(['E09000033']);
  });

  it('rounds coordinates to 6 decimals and is deterministic', () => {
    const text = readFileSync(join(out, 'boundaries', 'wards.geojson'), 'utf8');
    expect(text).not.toMatch(/\d\.\d{7,}/);
    const again = mkdtempSync(join(tmpdir(), 'build-data-test-'));
    try {
      buildBoundaries(shared, again);
      for (const f of ['boroughs.geojson', 'wards.geojson', 'bcus.geojson']) {
        expect(readFileSync(join(again, 'boundaries', f)).equals(readFileSync(join(out, 'boundaries', f)))).toBe(true);
      }
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });
});

describe('coverage and SOURCES.md', () => {
  it('finds the boroughs the API extract never queried', async () => {
    expect(crimes.wardCodes).toHaveLength(483);
    const cov = await computeCoverage(crimes.file, bounds.boroughs, bounds.wards, crimes.wardCodes);
    expect(cov.crimes).toBe(65_824);
    expect(cov.unknownWardCodes).toEqual([]);
    const notQueried = cov.boroughs.filter((b) => b.status === 'not queried').map((b) => b.name);
    expect(notQueried).toEqual([
      'City of London', 'Bexley', 'Croydon', 'Hackney', 'Kensington and Chelsea', 'Redbridge', 'Southwark', 'Tower Hamlets',
    ]);
    expect(cov.boroughs.filter((b) => b.status === 'complete')).toHaveLength(25);
    const wm = cov.boroughs.find((b) => b.name === 'Westminster')!;
    expect(wm.crimes).toBeGreaterThan(5_000);
    const text = renderSources({ outDir: out, crimes, boundaries: bounds, samples: [], coverage: cov });
    expect(text).toContain('Contains public sector information licensed under the Open Government Licence v3.0. Source: data.police.uk');
    expect(text).toContain('CC BY 4.0');
    expect(text).toContain('Aviation Security (SO18)');
  });

  it('has a harm weight and a note for each of the 14 categories', () => {
    for (const c of CRIME_CATEGORIES) {
      expect(HARM_WEIGHTS.weights[c]).toBeGreaterThan(0);
      expect(HARM_WEIGHTS.notes[c].length).toBeGreaterThan(20);
    }
    expect(HARM_WEIGHTS.weights.Robbery).toBe(365);
    expect(HARM_WEIGHTS.weights['Anti-social behaviour']).toBe(1);
  });
});

describe('CLI arguments and inputs', () => {
  it('parses --shared, --out and --months', () => {
    const a = parseArgs(['--shared', '/x/shared', '--out=/y/data', '--months', '2017-06,2017-07'], '/repo');
    expect(a).toEqual({ sharedDir: '/x/shared', outDir: '/y/data', months: ['2017-06', '2017-07'] });
    expect(parseArgs([], '/repo')).toEqual({ sharedDir: '/shared/data', outDir: '/repo/data', months: undefined });
    expect(() => parseArgs(['--months', '2017-6'], '/repo')).toThrow(InputError);
    expect(() => parseArgs(['--bogus'], '/repo')).toThrow(InputError);
  });

  it('fails with an InputError on a missing month or folder', async () => {
    await expect(buildCrimes(shared, join(out, 'x.parquet'), { months: ['2016-01'] })).rejects.toThrow(/missing input month 2016-01/);
    expect(() => buildBoundaries(join(out, 'nowhere'), out)).toThrow(InputError);
  });
});
