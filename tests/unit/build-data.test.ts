import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import {
  buildAll,
  buildBoundaries,
  buildCrimes,
  computeCoverage,
  CRIME_COLUMNS,
  HARM_WEIGHTS,
  InputError,
  parseArgs,
  type BuildAllResult,
  type BuildBoundariesResult,
  type BuildCrimesResult,
} from '../../scripts/build-data.ts';
import { areaCoverage, HEX_PIN, monthRange } from '../../scripts/data/crime-datasets.ts';
import { copyVerified } from '../../scripts/data/verified-copy.ts';
import { CRIME_CATEGORIES } from '../../src/analysis/categories.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = join(repoRoot, '..', 'shared', 'data');

let out: string;
let built: BuildAllResult;
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

/** Every file under dir, as paths relative to it, sorted. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

// One whole build (every output; crimes.parquet from one month to keep it quick), shared by the tests.
beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'build-data-test-'));
  built = await buildAll({ sharedDir: shared, outDir: out, months: ['2017-06'] });
  crimes = built.crimes;
  bounds = built.boundaries;
}, 180_000);

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

  it('writes the 704 wards of 2022: 679 Met wards with the BCU of the Met table, 25 City wards without', async () => {
    const fc = read('wards.geojson');
    expect(fc.features).toHaveLength(704);
    for (const w of fc.features) expect(Object.keys(w.properties)).toEqual(['code', 'name', 'borough', 'boroughName', 'bcu', 'bcuName']);
    const codes = fc.features.map((w) => w.properties.code as string);
    expect(new Set(codes).size).toBe(704);
    // The Met's table, read independently with native DuckDB.
    const met = await query(`SELECT WD22CD AS code, ward_name_ons AS name, LAD22CD AS borough, borough AS bname, bcu_code AS bcu
      FROM read_csv('${join(shared, 'boundaries', 'met_snt_wards_2022.csv')}', all_varchar = true) ORDER BY 1`);
    expect(met).toHaveLength(679);
    const byCode = new Map(fc.features.map((w) => [w.properties.code as string, w.properties] as const));
    for (const m of met) {
      expect(byCode.get(m.code as string)).toMatchObject({ name: m.name, borough: m.borough, boroughName: m.bname, bcu: m.bcu });
    }
    const metWards = fc.features.filter((w) => w.properties.bcu !== null);
    expect(metWards).toHaveLength(679);
    for (const w of metWards) expect(typeof w.properties.bcuName).toBe('string');
    const city = fc.features.filter((w) => w.properties.borough === 'E09000001');
    expect(city).toHaveLength(25);
    for (const w of city) expect(w.properties).toMatchObject({ boroughName: 'City of London', bcu: null, bcuName: null });
    // Each BCU name is the one bcus.geojson gives that code; each ward's borough is in that BCU.
    const bcus = new Map(read('bcus.geojson').features.map((f) => [f.properties.code as string, f.properties] as const));
    for (const w of metWards) {
      const b = bcus.get(w.properties.bcu as string)!;
      expect(w.properties.bcuName).toBe(b.name);
      expect(b.boroughs).toContain(w.properties.borough);
    }
    // The borough codes of the wards are exactly those of boroughs.geojson.
    const boroughCodes = read('boroughs.geojson').features.map((f) => f.properties.code as string).sort();
    expect([...new Set(fc.features.map((w) => w.properties.borough as string))].sort()).toEqual(boroughCodes);
    expect(bounds.wards2022.nameDifferences).toEqual([]);
  });

  it('keeps the 2022 ward polygons (rounded to 6 decimals): points land in the wards the source puts them in', () => {
    const source = JSON.parse(readFileSync(join(shared, 'boundaries', 'wards_2022', 'london_wards_2022.geojson'), 'utf8')) as FeatureCollection<Area, Record<string, unknown>>;
    const fc = read('wards.geojson');
    const text = readFileSync(join(out, 'boundaries', 'wards.geojson'), 'utf8');
    expect(text).not.toMatch(/\d\.\d{7,}/);
    const places: [string, [number, number], string][] = [
      ['Trafalgar Square', [-0.1281, 51.508], "St James's"],
      ['the British Museum', [-0.127, 51.5194], 'Bloomsbury'],
      ['Cheapside', [-0.0915, 51.5138], 'Cheap'],
    ];
    for (const [, p, name] of places) {
      const inSource = source.features.filter((f) => booleanPointInPolygon(p, f.geometry)).map((f) => f.properties.WD24CD);
      const inBuilt = fc.features.filter((f) => booleanPointInPolygon(p, f.geometry));
      expect(inBuilt.map((f) => f.properties.code)).toEqual(inSource);
      expect(inBuilt.map((f) => f.properties.name)).toEqual([name]);
    }
  });

  it('writes the 4,994 LSOAs of 2021 with code, name and borough, at 5 decimals', async () => {
    const fc = read('lsoa.geojson');
    expect(fc.features).toHaveLength(4_994);
    for (const f of fc.features) expect(Object.keys(f.properties)).toEqual(['code', 'name', 'borough']);
    expect(new Set(fc.features.map((f) => f.properties.code)).size).toBe(4_994);
    const text = readFileSync(join(out, 'boundaries', 'lsoa.geojson'), 'utf8');
    expect(text).not.toMatch(/\d\.\d{6,}/);
    // LSOAs per borough equal the source's, counted by native DuckDB.
    const src = await query(`SELECT f.properties.LAD22CD AS b, count(*) AS n
      FROM (SELECT unnest(features) AS f FROM read_json('${join(shared, 'boundaries', 'lsoa_2021', 'london_lsoa_2021.geojson')}', maximum_object_size = 100000000))
      GROUP BY 1 ORDER BY 1`);
    const built = new Map<string, number>();
    for (const f of fc.features) built.set(f.properties.borough as string, (built.get(f.properties.borough as string) ?? 0) + 1);
    expect(src).toHaveLength(33);
    for (const r of src) expect(built.get(r.b as string)).toBe(Number(r.n));
    const westminster = fc.features.find((f) => booleanPointInPolygon([-0.1281, 51.508], f.geometry))!;
    expect(westminster.properties.borough).toBe('E09000033');
    expect(westminster.properties.name).toMatch(/^Westminster \d{3}[A-Z]$/);
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
    expect(inWard.map((f) => [f.properties.borough, f.properties.bcu])).toEqual([['E09000033', 'AW']]);
  });
});

describe('byte-identical rebuild', () => {
  it('a second build writes the same bytes in every file, crimes.parquet included', async () => {
    const again = mkdtempSync(join(tmpdir(), 'build-data-test-'));
    try {
      await buildAll({ sharedDir: shared, outDir: again, months: ['2017-06'] });
      const files = filesUnder(out);
      expect(files).toEqual(filesUnder(again));
      expect(files).toEqual(expect.arrayContaining([
        'crimes.parquet', 'london-2025-26-hex100m.parquet', 'datasets.json', 'SOURCES.md', 'harm-weights.json',
        'recorded-crime/ward-historical.parquet', 'recorded-crime/ward.parquet',
        'boundaries/boroughs.geojson', 'boundaries/wards.geojson', 'boundaries/bcus.geojson', 'boundaries/lsoa.geojson',
      ]));
      for (const f of files) expect({ f, same: readFileSync(join(again, f)).equals(readFileSync(join(out, f))) }).toEqual({ f, same: true });
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  }, 180_000);
});

describe('pinned copies', () => {
  const gitBlob = (file: string) => execFileSync('git', ['hash-object', file], { encoding: 'utf8' }).trim();

  it('copies the aggregated set and the two recorded-crime files byte for byte, with the blob ids SOURCES.md names', () => {
    const pairs: [string, string, string][] = [
      ['crime/london-2025-05_2026-04-hex100m/crime_hex_3d_month.parquet', 'london-2025-26-hex100m.parquet', 'ea201c2949ad4558d54b10bd233d820a854f6e15'],
      ['crime/mps-recorded-crime/recorded-crime-ward-historical.parquet', 'recorded-crime/ward-historical.parquet', '06ff9139d9a30b5a544a9fd2684cc4b0fd7435cb'],
      ['crime/mps-recorded-crime/recorded-crime-ward.parquet', 'recorded-crime/ward.parquet', '753c88bbb81dd2efa5166956d49aa0a28fd13c44'],
    ];
    for (const [from, to, blob] of pairs) {
      expect(readFileSync(join(out, to)).equals(readFileSync(join(shared, from)))).toBe(true);
      expect(gitBlob(join(out, to))).toBe(blob);
    }
  });

  it('refuses an input that is not the pinned file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'build-data-test-'));
    try {
      const bad = join(dir, 'bad.parquet');
      copyFileSync(join(shared, 'crime/london-2025-05_2026-04-hex100m/crime_hex_3d_month.parquet'), bad);
      const bytes = readFileSync(bad);
      bytes[1000] = bytes[1000]! ^ 1; // same size, one bit flipped
      writeFileSync(bad, bytes);
      expect(() => copyVerified(bad, join(dir, 'out.parquet'), HEX_PIN, 'aggregated crime file')).toThrow(InputError);
      expect(() => copyVerified(bad, join(dir, 'out.parquet'), HEX_PIN, 'aggregated crime file')).toThrow(/gitBlob is/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('datasets.json', () => {
  type Json = {
    datasets: Record<string, unknown>[];
    boundaries: Record<string, string>;
    recordedCrime: { files: { id: string; file: string; rows: number; wards: number; months: string[]; offences: number }[] } & Record<string, unknown>;
  };
  const readJson = (dir: string) => JSON.parse(readFileSync(join(dir, 'datasets.json'), 'utf8')) as Json;
  const hexSource = () => join(shared, 'crime/london-2025-05_2026-04-hex100m/crime_hex_3d_month.parquet');

  it('describes the all-London set with the sums native DuckDB reads from the source file', async () => {
    const [src] = await query(`SELECT count(*) AS rows, sum(crime_count) AS crimes, min(month) AS m0, max(month) AS m1 FROM read_parquet('${hexSource()}')`);
    expect([Number(src!.rows), Number(src!.crimes)]).toEqual([640_333, 1_142_981]);
    for (const json of [readJson(out), readJson(join(repoRoot, 'data'))]) {
      const hex = json.datasets[0]!;
      expect(Object.keys(hex)).toEqual([
        'id', 'default', 'label', 'file', 'rows', 'crimes', 'months', 'cellAreaM2', 'finestResolution', 'areas',
        'missingAreas', 'missingAreaCodes', 'attribution',
      ]);
      expect(hex).toMatchObject({
        id: 'london-2025-26', default: true, file: 'london-2025-26-hex100m.parquet',
        rows: Number(src!.rows), crimes: Number(src!.crimes), months: [src!.m0, src!.m1],
        cellAreaM2: Math.round(1.5 * Math.sqrt(3) * 100 * 100), finestResolution: 9, areas: 33, missingAreas: [], missingAreaCodes: [],
      });
      expect(hex.cellAreaM2).toBe(25_981);
      expect(hex.attribution).toContain('Ellmal/3D-London-Crime-Statistics');
      expect(json.datasets.filter((d) => d.default === true)).toHaveLength(1);
    }
  });

  it('describes the 2017-18 set from crimes.parquet, with the eight areas it lacks found in the data', async () => {
    const expectMissing = ['Bexley', 'City of London', 'Croydon', 'Hackney', 'Kensington and Chelsea', 'Redbridge', 'Southwark', 'Tower Hamlets'];
    for (const dir of [out, join(repoRoot, 'data')]) {
      const [src] = await query(`SELECT count(*) AS n, min("Month") AS m0, max("Month") AS m1 FROM read_parquet('${join(dir, 'crimes.parquet')}')`);
      const api = readJson(dir).datasets.find((d) => d.id === 'london-2017-18')!;
      expect(api).toMatchObject({
        default: false, file: 'crimes.parquet', rows: Number(src!.n), crimes: Number(src!.n), months: [src!.m0, src!.m1],
        cellAreaM2: null, finestResolution: null, areas: 25, missingAreas: expectMissing,
      });
      expect(api.attribution).toContain('PoliceRewired/ward-level-crime-data');
    }
    expect(readJson(join(repoRoot, 'data')).datasets[1]).toMatchObject({ rows: 773_668, months: ['2017-06', '2018-05'] });
  });

  it('gives the recorded-crime files rows, wards and months as DuckDB reads them, and every boundary an attribution', async () => {
    const json = readJson(out);
    expect(json.recordedCrime.licence).toBe('Open Government Licence v2.0');
    expect(json.recordedCrime.files.map((f) => f.id)).toEqual(['ward-historical', 'ward']);
    for (const f of json.recordedCrime.files) {
      const file = join(out, f.file);
      const [t] = await query(`SELECT count(*) AS n, count(DISTINCT wardcode) AS w FROM read_parquet('${file}')`);
      const months = (await query(`DESCRIBE SELECT * FROM read_parquet('${file}')`))
        .map((c) => c.column_name as string).filter((c) => /^\d{6}$/.test(c)).sort();
      expect(f).toMatchObject({ rows: Number(t!.n), wards: Number(t!.w), months: [months[0]!.replace(/(\d{4})(\d{2})/, '$1-$2'), months.at(-1)!.replace(/(\d{4})(\d{2})/, '$1-$2')] });
    }
    expect(json.recordedCrime.files.map((f) => f.months)).toEqual([['2010-04', '2024-02'], ['2024-02', '2026-02']]);
    expect(Object.keys(json.boundaries)).toEqual(['boroughs', 'bcus', 'wards', 'lsoa']);
    for (const v of Object.values(json.boundaries)) expect(v).toMatch(/Crown copyright/);
  });
});

describe('coverage and SOURCES.md', () => {
  it('finds the boroughs the API extract never queried', async () => {
    expect(crimes.wardCodes).toHaveLength(483);
    const cov = await computeCoverage(crimes.file, bounds.boroughs, bounds.wards2013, crimes.wardCodes);
    expect(cov.crimes).toBe(65_824);
    expect(cov.unknownWardCodes).toEqual([]);
    const notQueried = cov.boroughs.filter((b) => b.status === 'not queried').map((b) => b.name);
    expect(notQueried).toEqual([
      'City of London', 'Bexley', 'Croydon', 'Hackney', 'Kensington and Chelsea', 'Redbridge', 'Southwark', 'Tower Hamlets',
    ]);
    expect(cov.boroughs.filter((b) => b.status === 'complete')).toHaveLength(25);
    const wm = cov.boroughs.find((b) => b.name === 'Westminster')!;
    expect(wm.crimes).toBeGreaterThan(5_000);
    const text = readFileSync(built.sources, 'utf8');
    expect(text).toContain('Contains public sector information licensed under the Open Government Licence v3.0. Source: data.police.uk');
    expect(text).toContain('OGL v2.0');
    expect(text).toContain('Aviation Security (SO18)');
    // The missing-boroughs caveat belongs to the 2017-18 set only; the default set has every area.
    const hexSection = text.slice(text.indexOf('## london-2025-26-hex100m.parquet'), text.indexOf('## datasets.json'));
    expect(hexSection).toContain('every one of the 33 areas has data in every month');
    const sampleSection = text.slice(text.indexOf('## crimes.parquet'), text.indexOf('## Coverage of crimes.parquet'));
    expect(sampleSection).toContain('Areas this sample lacks** (8');
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

describe('areaCoverage on hand-made boroughs (the rules of src/analysis/coverage.ts)', () => {
  const square = (code: string, name: string, west: number) => ({
    type: 'Feature' as const,
    properties: { code, name },
    geometry: { type: 'Polygon' as const, coordinates: [[[west, 0], [west + 1, 0], [west + 1, 1], [west, 1], [west, 0]]] },
  });
  const boroughs = [square('A', 'Aville', 0), square('B', 'Beeton', 1), square('C', 'Ceeford', 2)];

  it('finds a borough with only a stray crime missing, and a borough-month far below its usual share lacking', () => {
    // Month totals 188, 109, 187 (outside crimes included). C's usual share is 0: missing.
    // B's usual share is 80/188 = 0.43; in 2020-02 it has 2 of 109, under a tenth of 0.43 * 109 = 4.6.
    const g = (month: string, x: number, n: number) => ({ month, x, y: 0.5, n });
    const groups = [
      g('2020-01', 0.5, 100), g('2020-02', 0.5, 100), g('2020-03', 0.5, 100),
      g('2020-01', 1.5, 80), g('2020-02', 1.5, 2), g('2020-03', 1.5, 80),
      g('2020-01', 2.5, 1),
      g('2020-01', 5, 7), g('2020-02', 5, 7), g('2020-03', 5, 7),
    ];
    const cov = areaCoverage(groups, ['2020-01', '2020-02', '2020-03'], boroughs);
    expect(cov.perBorough.map((b) => b.crimes)).toEqual([300, 162, 1]);
    expect(cov.outside).toBe(21);
    expect(cov.missing).toEqual([{ code: 'C', name: 'Ceeford' }]);
    expect(cov.partial).toEqual([{ code: 'B', name: 'Beeton', months: ['2020-02'] }]);
  });

  it('monthRange lists every month across a year end', () => {
    expect(monthRange('2019-11', '2020-02')).toEqual(['2019-11', '2019-12', '2020-01', '2020-02']);
    expect(monthRange('2025-05', '2026-04')).toHaveLength(12);
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
