/**
 * Reproducible data build: turns the shared public inputs (../shared/data) into the files the app
 * ships in data/.
 *
 *   npx tsx scripts/build-data.ts [--shared DIR] [--out DIR] [--months 2017-06,2017-07]
 *
 * Outputs (under --out, default data/):
 *   london-2025-26-hex100m.parquet  all-London police.uk crime 2025-05..2026-04 in 100 m cells (pinned byte copy)
 *   crimes.parquet                  police.uk API JSON 2017-06..2018-05, deduplicated on `id`, in street-CSV columns
 *   datasets.json                   rows, crimes, months, precision, areas and attribution of each dataset
 *   recorded-crime/ward*.parquet    MPS recorded offences by 2022 ward and month (pinned byte copies)
 *   boundaries/boroughs.geojson     33 boroughs (incl. City of London) with their Met BCU
 *   boundaries/wards.geojson        704 wards (2022) with borough and Met BCU
 *   boundaries/bcus.geojson         12 Met BCUs, the union of their boroughs
 *   boundaries/lsoa.geojson         4,994 LSOAs (2021) with their borough
 *   samples/*.csv                   byte-for-byte copies of two police.uk CSVs
 *   harm-weights.json               Cambridge Crime Harm Index weights per police.uk category
 *   SOURCES.md                      provenance, licences, attribution, coverage
 *
 * Native DuckDB (@duckdb/node-api) does the JSON and Parquet work; turf does the geometry.
 * Same inputs give byte-identical files, every one of them (the Parquet writer included: see
 * buildCrimes).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  area,
  bbox as turfBbox,
  centroid,
  distance,
  featureCollection,
  intersect,
  pointOnFeature,
  pointToPolygonDistance,
  union,
} from '@turf/turf';
import type { BBox, Feature, FeatureCollection, Position } from 'geojson';
import { CRIME_CATEGORIES, normaliseCategory, type CrimeCategory } from '../src/analysis/categories.ts';
import { ATTRIBUTION, OGL_POLICE } from './data/attributions.ts';
import { fmt, ident, InputError, need, readCsvRecords, rows, scalar, sqlString } from './data/common.ts';
import { copyHexDataset, describeRecordLevelDataset, HEX_IN, type DatasetSummary, type HexDatasetSummary } from './data/crime-datasets.ts';
import { datasetsJson, writeDatasetsJson } from './data/datasets-json.ts';
import {
  type Area,
  asArea,
  bboxContains,
  bboxOverlaps,
  DECIMALS,
  PolygonIndex,
  polyArea,
  readCollection,
  roundGeometry,
  stringifyCollection,
} from './data/geometry.ts';
import { buildLsoa2021, LSOA_2021_IN, type LsoaProps } from './data/lsoa-2021.ts';
import { copyRecordedCrime, RECORDED_CRIME_FILES, type RecordedCrimeFile } from './data/recorded-crime.ts';
import {
  attributionLines,
  datasetsJsonLines,
  hexLines,
  lsoaLines,
  overviewLines,
  recordedCrimeLines,
  sampleGapLines,
  wardLines,
} from './data/sources-sections.ts';
import { buildWards2022, MET_WARDS_IN, WARDS_2022_IN, type WardProps, type Wards2022Report } from './data/wards-2022.ts';

export { InputError, parseCsv } from './data/common.ts';
export { PolygonIndex, stringifyCollection } from './data/geometry.ts';
export type { WardProps } from './data/wards-2022.ts';
export type { LsoaProps } from './data/lsoa-2021.ts';

// ---------------------------------------------------------------------------------------------
// Constants
// ---------------------------------------------------------------------------------------------

/** Column names and order of a police.uk street CSV, as written to crimes.parquet. */
export const CRIME_COLUMNS = [
  'Crime ID',
  'Month',
  'Reported by',
  'Falls within',
  'Longitude',
  'Latitude',
  'Location',
  'LSOA code',
  'LSOA name',
  'Crime type',
  'Last outcome category',
  'Context',
] as const;

/** Unique API `id`s per month in the shared extract (shared/data/SOURCES.md). Checked, not enforced. */
export const EXPECTED_UNIQUE: Readonly<Record<string, number>> = {
  '2017-06': 65_824,
  '2017-07': 70_867,
  '2017-08': 67_383,
  '2017-09': 63_826,
  '2017-10': 68_726,
  '2017-11': 65_672,
  '2017-12': 60_552,
  '2018-01': 62_465,
  '2018-02': 56_654,
  '2018-03': 61_728,
  '2018-04': 63_658,
  '2018-05': 66_313,
};

const MPS = 'Metropolitan Police Service';
const BTP = 'British Transport Police';
const API_DIR = 'crime/police-api-json';
const BOROUGHS_IN = 'boundaries/london_boroughs.geojson';
const WARDS_2013_IN = 'boundaries/london_wards_2013.geojson';
const BCU_CSV_IN = 'boundaries/mps_bcu_boroughs.csv';
const SAMPLES: readonly { from: string; to: string }[] = [
  { from: 'crime/2023-01-metropolitan-street-sample.csv', to: 'samples/2023-01-metropolitan-street-sample.csv' },
  { from: 'crime/2016-06-metropolitan-stop-and-search.csv', to: 'samples/2016-06-metropolitan-stop-and-search.csv' },
];
/** Parts and holes of a BCU union smaller than this (m²) are treated as union junk and dropped. */
const SLIVER_M2 = 10_000;

function monthOfTar(file: string): string | null {
  const m = /^london_month_(\d{4})_(\d{2})\.tar\.gz$/.exec(file);
  return m ? `${m[1]}-${m[2]}` : null;
}

/** Months available in <shared>/crime/police-api-json, sorted. */
export function availableMonths(sharedDir: string): string[] {
  const dir = need(join(sharedDir, API_DIR), 'police API folder');
  return readdirSync(dir)
    .map(monthOfTar)
    .filter((m): m is string => m !== null)
    .sort();
}

// ---------------------------------------------------------------------------------------------
// 1. crimes.parquet
// ---------------------------------------------------------------------------------------------

export interface MonthStats {
  /** JSON files in the tar (including empty ones). */
  files: number;
  /** Files skipped because they are 0 bytes (not valid JSON). */
  emptyFiles: string[];
  /** Records before deduplication. */
  records: number;
  /** Records kept (unique `id`). */
  unique: number;
  /** Of the kept records, British Transport Police ones. */
  btp: number;
  /** Distinct ward GSS codes in the file names (the wards the API was queried for). */
  wards: number;
}

export interface BuildCrimesResult {
  file: string;
  rows: number;
  months: string[];
  perMonth: Record<string, MonthStats>;
  /** ids seen more than once whose copies were not identical (kept the first in a total order). */
  conflictingDuplicates: number;
  /** Records whose `month` field differs from the month of the tar they came in. */
  monthMismatches: number;
  /** Rows per category name. */
  perCategory: Record<string, number>;
  /** Distinct (Longitude, Latitude) pairs. */
  distinctPoints: number;
  /** Ward GSS codes the API was queried for (from the file names), union over the months, sorted. */
  wardCodes: string[];
  /** Months whose unique count differs from EXPECTED_UNIQUE. */
  warnings: string[];
}

export interface BuildCrimesOptions {
  /** 'YYYY-MM' months to include; default every tar in the folder. */
  months?: string[];
  log?: (msg: string) => void;
}

const JSON_COLUMNS = `{
  category: 'VARCHAR',
  location_type: 'VARCHAR',
  location: 'STRUCT(latitude VARCHAR, street STRUCT(id BIGINT, name VARCHAR), longitude VARCHAR)',
  context: 'VARCHAR',
  outcome_status: 'STRUCT(category VARCHAR, date VARCHAR)',
  persistent_id: 'VARCHAR',
  id: 'BIGINT',
  location_subtype: 'VARCHAR',
  month: 'VARCHAR'
}`;

/**
 * Loads the police.uk API JSON of the given months with native DuckDB, deduplicates on `id`, maps
 * the API fields to the street-CSV columns and writes a ZSTD Parquet file sorted by
 * Month, Crime type, Longitude, Latitude, Crime ID (then `id`). Reads the file back to check it.
 */
export async function buildCrimes(
  sharedDir: string,
  outFile: string,
  options: BuildCrimesOptions = {},
): Promise<BuildCrimesResult> {
  const log = options.log ?? (() => {});
  const apiDir = need(join(sharedDir, API_DIR), 'police API folder');
  const months = [...(options.months ?? availableMonths(sharedDir))].sort();
  if (months.length === 0) throw new InputError(`no london_month_YYYY_MM.tar.gz in ${apiDir}`);
  for (const m of months) {
    if (!/^\d{4}-\d{2}$/.test(m)) throw new InputError(`bad month ${JSON.stringify(m)} (want YYYY-MM)`);
    need(join(apiDir, `london_month_${m.replace('-', '_')}.tar.gz`), `month ${m}`);
  }

  const tmp = mkdtempSync(join(tmpdir(), 'build-data-'));
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  const perMonth: Record<string, MonthStats> = {};
  const wardCodes = new Set<string>();
  try {
    await conn.run(`SET autoload_known_extensions = false`);
    await conn.run(`SET preserve_insertion_order = true`);
    await conn.run(`CREATE TABLE raw (
      tar_month VARCHAR, category VARCHAR, location_type VARCHAR,
      location STRUCT(latitude VARCHAR, street STRUCT(id BIGINT, name VARCHAR), longitude VARCHAR),
      context VARCHAR, outcome_status STRUCT(category VARCHAR, date VARCHAR), persistent_id VARCHAR,
      id BIGINT, location_subtype VARCHAR, month VARCHAR)`);

    for (const month of months) {
      const tar = join(apiDir, `london_month_${month.replace('-', '_')}.tar.gz`);
      const dest = join(tmp, month);
      mkdirSync(dest);
      try {
        execFileSync('tar', ['-xzf', tar, '-C', dest], { stdio: ['ignore', 'ignore', 'pipe'] });
      } catch (e) {
        throw new InputError(`cannot extract ${tar}: ${(e as Error).message.split('\n')[0]}`);
      }
      const files = listFiles(dest).filter((f) => f.endsWith('.json')).sort();
      if (files.length === 0) throw new InputError(`no JSON files in ${tar}`);
      const emptyFiles = files.filter((f) => statSync(f).size === 0);
      const used = files.filter((f) => statSync(f).size > 0);
      const list = `[${used.map(sqlString).join(', ')}]`;
      await conn.run(`INSERT INTO raw
        SELECT ${sqlString(month)}, category, location_type, location, context, outcome_status,
               persistent_id, id, location_subtype, month
        FROM read_json(${list}, format = 'array', columns = ${JSON_COLUMNS})`);
      const records = await scalar(conn, `SELECT count(*) FROM raw WHERE tar_month = ${sqlString(month)}`);
      const monthWards = new Set<string>();
      for (const f of files) {
        const w = /_area_(E05\d{6})_\d+\.json$/.exec(basename(f));
        if (w) monthWards.add(w[1]!);
      }
      for (const w of monthWards) wardCodes.add(w);
      perMonth[month] = {
        files: files.length,
        emptyFiles: emptyFiles.map((f) => basename(f)),
        records,
        unique: 0,
        btp: 0,
        wards: monthWards.size,
      };
      rmSync(dest, { recursive: true, force: true });
      log(`  ${month}: ${files.length} files (${emptyFiles.length} empty skipped), ${fmt(records)} records`);
    }

    const nullIds = await scalar(conn, `SELECT count(*) FROM raw WHERE id IS NULL`);
    if (nullIds > 0) throw new InputError(`${nullIds} API records have no id`);
    const monthMismatches = await scalar(conn, `SELECT count(*) FROM raw WHERE month IS DISTINCT FROM tar_month`);

    // Deduplicate on id. Copies of one id are identical in this extract; if they ever differ,
    // keep the first in a total order over every field, so the result stays deterministic.
    const conflictingDuplicates = await scalar(
      conn,
      `SELECT count(*) FROM (SELECT id FROM (SELECT DISTINCT * EXCLUDE (tar_month) FROM raw) GROUP BY id HAVING count(*) > 1)`,
    );
    await conn.run(`CREATE TABLE dedup AS
      SELECT DISTINCT ON (id) * FROM raw
      ORDER BY id, tar_month, month, category, location_type, location.longitude, location.latitude,
               location.street.id, location.street.name, persistent_id, outcome_status.category,
               outcome_status.date, context, location_subtype`);
    await conn.run(`DROP TABLE raw`);

    // API slug -> police.uk CSV category name, through the app's own table.
    const slugs = (await rows(conn, `SELECT DISTINCT category FROM dedup ORDER BY 1`)).map((r) =>
      r.category == null ? null : String(r.category),
    );
    const unknown = slugs.filter((s) => normaliseCategory(s) === null);
    if (unknown.length > 0) {
      throw new InputError(`unknown police.uk category slug(s): ${unknown.map((s) => JSON.stringify(s)).join(', ')}`);
    }
    await conn.run(`CREATE TABLE cat_map (slug VARCHAR, name VARCHAR)`);
    await conn.run(
      `INSERT INTO cat_map VALUES ${slugs.map((s) => `(${sqlString(s!)}, ${sqlString(normaliseCategory(s) as CrimeCategory)})`).join(', ')}`,
    );

    const force = `CASE WHEN d.location_type = 'BTP' THEN '${BTP}' ELSE '${MPS}' END`;
    await conn.run(`CREATE TABLE crimes AS
      SELECT
        NULLIF(d.persistent_id, '')                          AS "Crime ID",
        d.month                                              AS "Month",
        ${force}                                             AS "Reported by",
        ${force}                                             AS "Falls within",
        CAST(d.location.longitude AS DOUBLE)                 AS "Longitude",
        CAST(d.location.latitude AS DOUBLE)                  AS "Latitude",
        NULLIF(d.location.street.name, '')                   AS "Location",
        CAST(NULL AS VARCHAR)                                AS "LSOA code",
        CAST(NULL AS VARCHAR)                                AS "LSOA name",
        c.name                                               AS "Crime type",
        NULLIF(d.outcome_status.category, '')                AS "Last outcome category",
        NULLIF(d.context, '')                                AS "Context",
        d.id                                                 AS api_id,
        d.tar_month                                          AS tar_month
      FROM dedup d JOIN cat_map c ON c.slug = d.category`);
    const total = await scalar(conn, `SELECT count(*) FROM crimes`);
    const dedupTotal = await scalar(conn, `SELECT count(*) FROM dedup`);
    if (total !== dedupTotal) throw new Error(`category join lost rows: ${dedupTotal} -> ${total}`);

    for (const r of await rows(
      conn,
      `SELECT tar_month, count(*) AS n, count(*) FILTER (WHERE "Reported by" = '${BTP}') AS btp FROM crimes GROUP BY 1 ORDER BY 1`,
    )) {
      const s = perMonth[String(r.tar_month)];
      if (s) {
        s.unique = Number(r.n);
        s.btp = Number(r.btp);
      }
    }
    const warnings: string[] = [];
    for (const m of months) {
      const exp = EXPECTED_UNIQUE[m];
      const got = perMonth[m]?.unique ?? 0;
      if (exp !== undefined && exp !== got) warnings.push(`${m}: ${fmt(got)} unique crimes, expected ${fmt(exp)}`);
    }
    if (monthMismatches > 0) warnings.push(`${monthMismatches} records carry a month other than their tar's`);
    if (conflictingDuplicates > 0) warnings.push(`${conflictingDuplicates} ids have differing copies (kept one deterministically)`);

    mkdirSync(dirname(resolve(outFile)), { recursive: true });
    const cols = CRIME_COLUMNS.map(ident).join(', ');
    // Bytes, not just rows: the sort key is total (api_id is unique), the row groups are pinned
    // to 122,880 rows, and the writer runs on one thread, so how the machine's threads split
    // the rows into batches cannot change the row groups. (Measured: 1, 2, 4 and 8 threads wrote
    // identical files with DuckDB 1.5.6; one thread keeps that true on any machine.) The bytes
    // still depend on the DuckDB version, which the footer names: package-lock pins it.
    await conn.run(`SET threads = 1`);
    await conn.run(`COPY (
        SELECT ${cols} FROM crimes
        ORDER BY "Month", "Crime type", "Longitude", "Latitude", "Crime ID" NULLS LAST, api_id
      ) TO ${sqlString(resolve(outFile))} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)`);

    // Read back: row count, column names and types.
    const back = await scalar(conn, `SELECT count(*) FROM read_parquet(${sqlString(resolve(outFile))})`);
    if (back !== total) throw new Error(`${outFile} reads back ${back} rows, wrote ${total}`);
    const schema = await rows(conn, `DESCRIBE SELECT * FROM read_parquet(${sqlString(resolve(outFile))})`);
    const names = schema.map((r) => String(r.column_name));
    if (names.join('|') !== CRIME_COLUMNS.join('|')) throw new Error(`${outFile} has columns ${names.join(', ')}`);
    for (const r of schema) {
      const want = r.column_name === 'Longitude' || r.column_name === 'Latitude' ? 'DOUBLE' : 'VARCHAR';
      if (r.column_type !== want) throw new Error(`${outFile}: column ${String(r.column_name)} is ${String(r.column_type)}`);
    }

    const perCategory: Record<string, number> = {};
    for (const c of CRIME_CATEGORIES) perCategory[c] = 0;
    for (const r of await rows(conn, `SELECT "Crime type" AS c, count(*) AS n FROM crimes GROUP BY 1 ORDER BY 1`)) {
      perCategory[String(r.c)] = Number(r.n);
    }
    const distinctPoints = await scalar(conn, `SELECT count(*) FROM (SELECT DISTINCT "Longitude", "Latitude" FROM crimes)`);

    return {
      file: outFile,
      rows: total,
      months,
      perMonth,
      conflictingDuplicates,
      monthMismatches,
      perCategory,
      distinctPoints,
      wardCodes: [...wardCodes].sort(),
      warnings,
    };
  } finally {
    conn.closeSync();
    instance.closeSync();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 2-4. Boundaries
// ---------------------------------------------------------------------------------------------

export interface BoroughProps {
  code: string;
  name: string;
  mpsCode: string | null;
  bcu: string | null;
  bcuName: string | null;
}
/** A December 2013 ward: kept in memory only, for the coverage of the 2017-18 API extract. */
export interface Ward2013Props {
  code: string;
  name: string;
  borough: string;
  boroughName: string;
}
export interface BcuProps {
  code: string;
  name: string;
  boroughs: string[];
}

export interface BuildBoundariesResult {
  files: { boroughs: string; wards: string; bcus: string; lsoa: string };
  boroughs: FeatureCollection<Area, BoroughProps>;
  /** The 2022 wards, as written to wards.geojson. */
  wards: FeatureCollection<Area, WardProps>;
  bcus: FeatureCollection<Area, BcuProps>;
  lsoa: FeatureCollection<Area, LsoaProps>;
  /** The December 2013 wards (not written): the API extract of 2017-18 was pulled by these codes. */
  wards2013: FeatureCollection<Area, Ward2013Props>;
  /** 2013 wards whose pointOnFeature fell in no borough and were assigned by overlap or distance. */
  wardFallbacks: { code: string; name: string; borough: string; method: 'overlap' | 'nearest' }[];
  /** Checks of the 2022 wards against the Met's table and boroughs.geojson. */
  wards2022: Wards2022Report;
  /** CSV rows with no borough polygon (Aviation Security SO18). */
  skippedBcuRows: { bcu: string; name: string; mpsCode: string }[];
  /** What rounding removed from boroughs and BCUs: consecutive duplicate vertices and rings that collapsed. */
  rounding: { duplicateVertices: number; droppedRings: number };
  /** The same for the LSOAs (rounded to LSOA_DECIMALS), and the LSOAs that lost a ring (m² lost). */
  lsoaRounding: { duplicateVertices: number; droppedRings: number };
  lsoaCollapsed: { code: string; m2: number }[];
  /** Parts or holes removed from BCU unions (each smaller than SLIVER_M2). */
  bcuCleanup: { bcu: string; kind: 'part' | 'hole'; m2: number; fromBorough: string | null }[];
  /** Names that differ between the borough GeoJSON and the BCU CSV. */
  nameMismatches: string[];
}

interface BcuRow {
  BCU_Code: string;
  BCU_Name: string;
  MPS_BoroughCode: string;
  LAD22CD: string;
  LAD22NM: string;
}

function readBcuCsv(path: string): BcuRow[] {
  const want = ['BCU_Code', 'BCU_Name', 'MPS_BoroughCode', 'LAD22CD', 'LAD22NM'];
  return readCsvRecords(readFileSync(path, 'utf8'), path, want) as unknown as BcuRow[];
}

/** "Central South Command Unit" -> "Central South"; "East Area Command Unit" -> "East". */
export function shortBcuName(name: string): string {
  return name.replace(/\s+(Area\s+)?Command\s+Unit$/i, '').trim();
}

/**
 * Builds boroughs.geojson, wards.geojson (2022), bcus.geojson and lsoa.geojson under
 * <outDir>/boundaries/. Returns the collections as written, the 2013 wards (for the 2017-18
 * coverage) and what the build had to decide.
 */
export function buildBoundaries(sharedDir: string, outDir: string): BuildBoundariesResult {
  const boroughPath = join(sharedDir, BOROUGHS_IN);
  const wardPath = join(sharedDir, WARDS_2013_IN);
  const csvPath = need(join(sharedDir, BCU_CSV_IN), 'BCU table');
  const boroughIn = readCollection(boroughPath, 'borough boundaries');
  const wardIn = readCollection(wardPath, '2013 ward boundaries');
  const bcuRows = readBcuCsv(csvPath);
  const rounding = { duplicateVertices: 0, droppedRings: 0 };

  // -- boroughs --------------------------------------------------------------------------------
  const byLad = new Map(bcuRows.filter((r) => r.LAD22CD !== '').map((r) => [r.LAD22CD, r] as const));
  const skippedBcuRows = bcuRows
    .filter((r) => r.LAD22CD === '')
    .map((r) => ({ bcu: r.BCU_Code, name: r.LAD22NM, mpsCode: r.MPS_BoroughCode }));
  const nameMismatches: string[] = [];
  const boroughs: Feature<Area, BoroughProps>[] = boroughIn.features.map((f) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const code = String(p.GSS_CODE ?? '');
    const name = String(p.NAME ?? '');
    if (!/^E09\d{6}$/.test(code)) throw new InputError(`${boroughPath}: bad GSS_CODE ${JSON.stringify(code)}`);
    const row = byLad.get(code);
    if (row && row.LAD22NM !== name) nameMismatches.push(`${code}: "${name}" (GeoJSON) vs "${row.LAD22NM}" (CSV)`);
    const geometry = roundGeometry(asArea(f, boroughPath), rounding);
    if (!geometry) throw new Error(`borough ${code} collapsed when rounded`);
    return {
      type: 'Feature',
      properties: {
        code,
        name,
        mpsCode: row?.MPS_BoroughCode || null,
        bcu: row?.BCU_Code || null,
        bcuName: row ? shortBcuName(row.BCU_Name) : null,
      },
      geometry,
    };
  });
  boroughs.sort((a, b) => (a.properties.code < b.properties.code ? -1 : a.properties.code > b.properties.code ? 1 : 0));
  if (new Set(boroughs.map((b) => b.properties.code)).size !== boroughs.length) throw new InputError(`${boroughPath}: duplicate GSS_CODE`);
  for (const code of byLad.keys()) {
    if (!boroughs.some((b) => b.properties.code === code)) throw new InputError(`${csvPath}: ${code} has no borough polygon`);
  }

  // -- 2013 wards (in memory, for the coverage of the 2017-18 extract) -------------------------
  const index = new PolygonIndex(boroughs);
  const boroughBoxes = boroughs.map((b) => ({ b, box: turfBbox(b) }));
  const wardFallbacks: BuildBoundariesResult['wardFallbacks'] = [];
  const wards2013Rounding = { duplicateVertices: 0, droppedRings: 0 };
  const wards2013: Feature<Area, Ward2013Props>[] = wardIn.features.map((f) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const code = String(p.WD13CD ?? '');
    const name = String(p.WD13NM ?? '');
    if (!/^E05\d{6}$/.test(code)) throw new InputError(`${wardPath}: bad WD13CD ${JSON.stringify(code)}`);
    const original = asArea(f, wardPath);
    const pt = pointOnFeature({ type: 'Feature', properties: {}, geometry: original }).geometry.coordinates;
    let home = index.find(pt[0]!, pt[1]!);
    if (!home) {
      // Fallback 1: the borough with the largest overlap. Fallback 2: the nearest centroid.
      const wf: Feature<Area> = { type: 'Feature', properties: {}, geometry: original };
      const wbox = turfBbox(wf);
      let best: { b: Feature<Area, BoroughProps>; a: number } | null = null;
      for (const { b, box } of boroughBoxes) {
        if (!bboxOverlaps(wbox, box)) continue;
        const x = intersect(featureCollection<Area>([wf, b]));
        const a = x ? area(x) : 0;
        if (a > 0 && (!best || a > best.a)) best = { b, a };
      }
      let method: 'overlap' | 'nearest' = 'overlap';
      if (best) home = best.b;
      else {
        method = 'nearest';
        const c = centroid(wf);
        let nd = Infinity;
        for (const b of boroughs) {
          const d = distance(c, centroid(b));
          if (d < nd) {
            nd = d;
            home = b;
          }
        }
      }
      wardFallbacks.push({ code, name, borough: home!.properties.code, method });
    }
    const geometry = roundGeometry(original, wards2013Rounding);
    if (!geometry) throw new Error(`ward ${code} collapsed when rounded`);
    return {
      type: 'Feature',
      properties: { code, name, borough: home!.properties.code, boroughName: home!.properties.name },
      geometry,
    };
  });
  wards2013.sort((a, b) => {
    const k1 = `${a.properties.borough} ${a.properties.code}`;
    const k2 = `${b.properties.borough} ${b.properties.code}`;
    return k1 < k2 ? -1 : k1 > k2 ? 1 : 0;
  });
  if (new Set(wards2013.map((w) => w.properties.code)).size !== wards2013.length) throw new InputError(`${wardPath}: duplicate WD13CD`);

  // -- 2022 wards and LSOAs -----------------------------------------------------------------------
  const { wards, report: wards2022 } = buildWards2022(sharedDir, boroughs);
  const { lsoa, rounding: lsoaRounding, collapsed: lsoaCollapsed } = buildLsoa2021(sharedDir, new Set(boroughs.map((b) => b.properties.code)));

  // -- BCUs ------------------------------------------------------------------------------------
  const bcuCodes = [...new Set(boroughs.map((b) => b.properties.bcu).filter((c): c is string => c !== null))].sort();
  const bcuCleanup: BuildBoundariesResult['bcuCleanup'] = [];
  const bcus: Feature<Area, BcuProps>[] = bcuCodes.map((code) => {
    const members = boroughs.filter((b) => b.properties.bcu === code);
    const name = members[0]!.properties.bcuName!;
    const u = union(featureCollection<Area>(members.map((m) => ({ type: 'Feature', properties: {}, geometry: m.geometry }))));
    if (!u) throw new Error(`union of BCU ${code} is empty`);
    // turf returns a MultiPolygon when parts are disjoint; drop tiny parts and holes left by
    // boundaries that do not quite meet (none expected: the boroughs share their edges).
    const polys: Position[][][] = u.geometry.type === 'Polygon' ? [u.geometry.coordinates] : u.geometry.coordinates;
    const kept: Position[][][] = [];
    for (const rings of polys) {
      const outerArea = polyArea([rings[0]!]);
      if (outerArea < SLIVER_M2) {
        // Was it already a separate speck of a member borough (not something the union made)?
        const from = members.find((m) =>
          (m.geometry.type === 'Polygon' ? [m.geometry.coordinates] : m.geometry.coordinates).some(
            (p) => p[0]!.length === rings[0]!.length && Math.abs(polyArea([p[0]!]) - outerArea) < 0.5,
          ),
        );
        bcuCleanup.push({ bcu: code, kind: 'part', m2: Math.round(outerArea), fromBorough: from?.properties.name ?? null });
        continue;
      }
      const holes = rings.slice(1).filter((h) => {
        const a = polyArea([h]);
        if (a < SLIVER_M2) {
          bcuCleanup.push({ bcu: code, kind: 'hole', m2: Math.round(a), fromBorough: null });
          return false;
        }
        return true;
      });
      kept.push([rings[0]!, ...holes]);
    }
    const merged: Area = kept.length === 1 ? { type: 'Polygon', coordinates: kept[0]! } : { type: 'MultiPolygon', coordinates: kept };
    const geometry = roundGeometry(merged, rounding);
    if (!geometry) throw new Error(`BCU ${code} collapsed when rounded`);
    return {
      type: 'Feature',
      properties: { code, name, boroughs: members.map((m) => m.properties.code).sort() },
      geometry,
    };
  });

  const dir = join(outDir, 'boundaries');
  mkdirSync(dir, { recursive: true });
  const files = {
    boroughs: join(dir, 'boroughs.geojson'),
    wards: join(dir, 'wards.geojson'),
    bcus: join(dir, 'bcus.geojson'),
    lsoa: join(dir, 'lsoa.geojson'),
  };
  const out = {
    boroughs: featureCollection(boroughs) as FeatureCollection<Area, BoroughProps>,
    wards,
    bcus: featureCollection(bcus) as FeatureCollection<Area, BcuProps>,
    lsoa,
    wards2013: featureCollection(wards2013) as FeatureCollection<Area, Ward2013Props>,
  };
  writeFileSync(files.boroughs, stringifyCollection(out.boroughs));
  writeFileSync(files.wards, stringifyCollection(out.wards));
  writeFileSync(files.bcus, stringifyCollection(out.bcus));
  writeFileSync(files.lsoa, stringifyCollection(out.lsoa));
  return { files, ...out, wardFallbacks, wards2022, skippedBcuRows, rounding, lsoaRounding, lsoaCollapsed, bcuCleanup, nameMismatches };
}

// ---------------------------------------------------------------------------------------------
// 5. Samples
// ---------------------------------------------------------------------------------------------

/** Copies the two police.uk CSV samples byte for byte into <outDir>/samples/. */
export function copySamples(sharedDir: string, outDir: string): { file: string; bytes: number; rows: number }[] {
  return SAMPLES.map(({ from, to }) => {
    const src = need(join(sharedDir, from), 'sample CSV');
    const dst = join(outDir, to);
    mkdirSync(dirname(dst), { recursive: true });
    const a = readFileSync(src);
    rmSync(dst, { force: true }); // an earlier copy may be read-only
    writeFileSync(dst, a);
    const b = readFileSync(dst);
    if (!a.equals(b)) throw new Error(`copy of ${src} differs`);
    const text = b.toString('utf8');
    const lines = text.split(/\r?\n/).filter((l) => l !== '').length;
    return { file: dst, bytes: b.length, rows: lines - 1 };
  });
}

// ---------------------------------------------------------------------------------------------
// 6. Harm weights
// ---------------------------------------------------------------------------------------------

export interface HarmWeights {
  source: string;
  unit: string;
  weights: Record<CrimeCategory, number>;
  notes: Record<CrimeCategory, string>;
}

/**
 * Cambridge Crime Harm Index, approximated per police.uk category. police.uk publishes no offence
 * codes, so each category takes one value anchored on a common offence in it; see `notes`.
 */
export const HARM_WEIGHTS: HarmWeights = {
  source:
    'Approximation of the Cambridge Crime Harm Index (Sherman, Neyroud & Neyroud 2016, "The Cambridge Crime Harm Index: ' +
    'Measuring Total Harm from Crime Based on Sentencing Guidelines", Policing 10(3), doi:10.1093/police/paw003): days of ' +
    'custody at the Sentencing Council starting point for a first offender, non-custodial starting points converted to ' +
    'days of minimum-wage work. One value per police.uk category, anchored on a common offence in it; cross-check: the ONS ' +
    'Crime Severity Score ranks these categories in broadly the same order, but the numbers were not reconciled with it. ' +
    'Not copied from the CCHI offence spreadsheet (not available offline): an approximation for ranking places, not a ' +
    'per-offence score.',
  unit: 'days of custody (Cambridge Crime Harm Index, approximated per police.uk category)',
  weights: {
    'Anti-social behaviour': 1,
    'Bicycle theft': 2,
    Burglary: 240,
    'Criminal damage and arson': 10,
    Drugs: 4,
    'Other crime': 10,
    'Other theft': 2,
    'Possession of weapons': 274,
    'Public order': 7.5,
    Robbery: 365,
    Shoplifting: 1,
    'Theft from the person': 2,
    'Vehicle crime': 5,
    'Violence and sexual offences': 190,
  },
  notes: {
    'Anti-social behaviour':
      'No CHI score: ASB is not a notifiable offence; weight 1 so it is counted but not harm-ranked.',
    'Bicycle theft':
      'Theft of low-value property (theft guideline, lowest category): a fine, about 2 days of minimum-wage work.',
    Burglary:
      'Between domestic burglary (category 2 starting point 1 year custody) and non-domestic burglary (much lower); ' +
      'police.uk does not split them, so 240 days is a blend weighted toward dwellings.',
    'Criminal damage and arson':
      'Criminal damage under £5,000 (the bulk of the category): a fine, about 10 days; arson (far rarer) scores much higher.',
    Drugs:
      'Possession of a controlled drug, mostly cannabis (class B): a fine, about 4 days; supply offences score far higher.',
    'Other crime':
      'Mixed residual category (fraud-like, perjury, other indictable): no single anchor; nominal 10 days, like criminal damage.',
    'Other theft':
      'Theft of low-value property (theft guideline, lowest category): a fine, about 2 days.',
    'Possession of weapons':
      'Possession of a bladed article or offensive weapon: ~9 months (274 days), a custodial starting point from the ' +
      'middle of the guideline; its lowest categories are non-custodial, so this is uncertain and on the high side.',
    'Public order':
      'Public Order Act s.4/s.4A/s.5 (fear or provocation of violence, harassment): fines to a low community order, about 7.5 days.',
    Robbery:
      'Street robbery, lowest culpability and harm category: starting point 1 year custody = 365 days.',
    Shoplifting:
      'Theft from a shop, low value, lowest category: a fine, about 1 day.',
    'Theft from the person':
      'Theft guideline, low value (the person element is an aggravating factor): a fine, about 2 days.',
    'Vehicle crime':
      'Mostly theft from a vehicle and vehicle interference: a fine, about 5 days; theft of a vehicle scores higher.',
    'Violence and sexual offences':
      'Assault occasioning actual bodily harm (category 2 starting point 26 weeks = 182 days), rounded up for the sexual ' +
      'offences in the category; common assault and harassment, the most numerous offences here, score far lower.',
  },
};

/** Writes <outDir>/harm-weights.json (keys in the order of CRIME_CATEGORIES). */
export function writeHarmWeights(outDir: string): string {
  const weights: Record<string, number> = {};
  const notes: Record<string, string> = {};
  for (const c of CRIME_CATEGORIES) {
    weights[c] = HARM_WEIGHTS.weights[c];
    notes[c] = HARM_WEIGHTS.notes[c];
  }
  const file = join(outDir, 'harm-weights.json');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify({ source: HARM_WEIGHTS.source, unit: HARM_WEIGHTS.unit, weights, notes }, null, 2)}\n`);
  return file;
}

// ---------------------------------------------------------------------------------------------
// 7. Coverage and SOURCES.md
// ---------------------------------------------------------------------------------------------

export interface BoroughCoverage {
  code: string;
  name: string;
  bcu: string | null;
  crimes: number;
  btp: number;
  wards: number;
  /** Wards (2013) the API was queried for (ward code in the file names). */
  wardsPulled: number;
  /** Wards (2013) with at least one crime. */
  wardsWithCrime: number;
  /** Wards (2013) with at least a tenth of the median crimes per ward. */
  wardsCovered: number;
  /** 'not queried': no ward queried (any crimes are spill-over from neighbouring wards' polygons). */
  status: 'not queried' | 'partial' | 'complete';
}

export interface Coverage {
  points: number;
  crimes: number;
  /** Crimes at points inside no borough polygon (the boroughs exclude the Thames below MHW). */
  outsideBoroughs: number;
  outsideBoroughsBtp: number;
  /** Median crimes per ward over wards with any crime; a ward is 'covered' at a tenth of it. */
  medianWardCrimes: number;
  /** Queried ward codes that are not 2013 wards in wards.geojson. */
  unknownWardCodes: string[];
  /** Crimes inside boroughs with no queried ward, and the farthest such point from a queried ward (m). */
  spill: { crimes: number; points: number; maxMetres: number };
  boroughs: BoroughCoverage[];
}

/**
 * Counts the crimes of a built parquet per borough and per ward by point in polygon of the
 * distinct (Longitude, Latitude) pairs, and compares with the wards the API was queried for.
 */
export async function computeCoverage(
  crimesFile: string,
  boroughs: FeatureCollection<Area, BoroughProps>,
  wards: FeatureCollection<Area, Ward2013Props>,
  pulledWardCodes: readonly string[],
): Promise<Coverage> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  let pts: Record<string, unknown>[];
  try {
    await conn.run(`SET autoload_known_extensions = false`);
    pts = await rows(
      conn,
      `SELECT "Longitude" AS x, "Latitude" AS y, count(*) AS n,
              count(*) FILTER (WHERE "Reported by" = '${BTP}') AS btp
       FROM read_parquet(${sqlString(resolve(crimesFile))}) GROUP BY 1, 2 ORDER BY 1, 2`,
    );
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  const bIndex = new PolygonIndex(boroughs.features);
  const wIndex = new PolygonIndex(wards.features);
  const perBorough = new Map<string, { crimes: number; btp: number }>();
  const perWard = new Map<string, number>();
  let crimes = 0;
  let outside = 0;
  let outsideBtp = 0;
  for (const p of pts) {
    const x = Number(p.x);
    const y = Number(p.y);
    const n = Number(p.n);
    const btp = Number(p.btp);
    crimes += n;
    const b = bIndex.find(x, y);
    if (!b) {
      outside += n;
      outsideBtp += btp;
    } else {
      const s = perBorough.get(b.properties.code) ?? { crimes: 0, btp: 0 };
      s.crimes += n;
      s.btp += btp;
      perBorough.set(b.properties.code, s);
    }
    const w = wIndex.find(x, y);
    if (w) perWard.set(w.properties.code, (perWard.get(w.properties.code) ?? 0) + n);
  }
  // Crimes inside boroughs none of whose wards were queried: how far from a queried ward are they?
  const pulled = new Set(pulledWardCodes);
  const queriedBoroughs = new Set(wards.features.filter((w) => pulled.has(w.properties.code)).map((w) => w.properties.borough));
  const queriedWards = wards.features
    .filter((w) => pulled.has(w.properties.code))
    .map((w) => ({ geometry: w.geometry, bbox: turfBbox(w.geometry) }));
  const expand = (b: BBox, by: number): BBox => [b[0] - by, b[1] - by, b[2] + by, b[3] + by];
  const spill = { crimes: 0, points: 0, maxMetres: 0 };
  for (const p of pts) {
    const x = Number(p.x);
    const y = Number(p.y);
    const b = bIndex.find(x, y);
    if (!b || queriedBoroughs.has(b.properties.code)) continue;
    // Wards whose bbox lies within ~1.5 km first; all queried wards if none is that close.
    const near = queriedWards.filter((w) => bboxContains(expand(w.bbox, 0.02), x, y));
    let d = Infinity;
    for (const w of near.length > 0 ? near : queriedWards) {
      d = Math.min(d, pointToPolygonDistance([x, y], w.geometry, { units: 'meters' }));
    }
    spill.crimes += Number(p.n);
    spill.points++;
    if (d !== Infinity) spill.maxMetres = Math.max(spill.maxMetres, Math.round(d));
  }
  const counts = [...perWard.values()].filter((n) => n > 0).sort((a, b) => a - b);
  const median = counts.length === 0 ? 0 : counts[Math.floor((counts.length - 1) / 2)]!;
  const known = new Set(wards.features.map((w) => w.properties.code));
  const out: BoroughCoverage[] = boroughs.features.map((b) => {
    const { code, name, bcu } = b.properties;
    const s = perBorough.get(code) ?? { crimes: 0, btp: 0 };
    const ws = wards.features.filter((w) => w.properties.borough === code);
    const n = (w: Feature<Area, Ward2013Props>) => perWard.get(w.properties.code) ?? 0;
    const wardsPulled = ws.filter((w) => pulled.has(w.properties.code)).length;
    return {
      code,
      name,
      bcu,
      crimes: s.crimes,
      btp: s.btp,
      wards: ws.length,
      wardsPulled,
      wardsWithCrime: ws.filter((w) => n(w) > 0).length,
      wardsCovered: ws.filter((w) => n(w) > 0 && n(w) * 10 >= median).length,
      status: wardsPulled === 0 ? 'not queried' : wardsPulled < ws.length ? 'partial' : 'complete',
    };
  });
  return {
    points: pts.length,
    crimes,
    outsideBoroughs: outside,
    outsideBoroughsBtp: outsideBtp,
    medianWardCrimes: median,
    unknownWardCodes: pulledWardCodes.filter((c) => !known.has(c)),
    spill,
    boroughs: out,
  };
}

export interface SourcesInput {
  outDir: string;
  crimes: BuildCrimesResult;
  boundaries: BuildBoundariesResult;
  samples: { file: string; bytes: number; rows: number }[];
  coverage: Coverage;
  hex: HexDatasetSummary;
  api2017: DatasetSummary;
  recordedCrime: RecordedCrimeFile[];
  warnings: string[];
}

/** Renders data/SOURCES.md from what the build did (deterministic for the same inputs). */
export function renderSources(input: SourcesInput): string {
  const { crimes, boundaries: bd, coverage, samples, hex, api2017, recordedCrime } = input;
  const L: string[] = [];
  const months = crimes.months;
  const span = months.length > 0 ? `${months[0]} to ${months[months.length - 1]}` : '';
  L.push('# data/: sources, build steps, licences');
  L.push('');
  L.push('Generated by `scripts/build-data.ts` (`npm run data`) from `../shared/data` (see its SOURCES.md).');
  L.push('Do not edit by hand: rerun the build. Same inputs give byte-identical files, every file in data/: the copies are');
  L.push('checked against pinned hashes, the GeoJSON, JSON and this file are written in a fixed order, and crimes.parquet is');
  L.push('sorted on a total key and written by one DuckDB thread in fixed 122,880-row groups (its bytes depend only on the');
  L.push('DuckDB version, named in its footer and pinned by package-lock.json).');
  L.push('');
  L.push('## What is here');
  L.push('');
  L.push(...overviewLines(hex, api2017, recordedCrime));
  L.push('');
  L.push('## Attribution to show in the app');
  L.push('');
  L.push(...attributionLines());
  L.push('');
  if (input.warnings.length > 0) {
    L.push('## Build warnings');
    L.push('');
    for (const w of input.warnings) L.push(`- ${w}`);
    L.push('');
  }
  L.push(...hexLines(hex));
  L.push('');
  L.push(...datasetsJsonLines(datasetsJson(hex, api2017, recordedCrime)));
  L.push('');

  // crimes.parquet
  L.push('## crimes.parquet (dataset `london-2017-18`, the London sample of 2017-18)');
  L.push('');
  L.push(`- ${fmt(crimes.rows)} rows, one per crime, ${months.length} months (${span}), ${fmt(crimes.distinctPoints)} distinct (Longitude, Latitude) points.`);
  L.push('- Precision: police.uk\'s anonymised snapped points (many crimes share one point); no cell size.');
  L.push(...sampleGapLines(api2017));
  L.push('- From: `PoliceRewired/ward-level-crime-data`, folders `2018-05 boundaries/london_month_YYYY_MM/` (commit');
  L.push('  3e8cd991e163c4c0934ab78b6878c44bbd93df49 for the 2017 months, 4df4a2d79913738db6195f8a92b9ba4c11397fe7 for the 2018');
  L.push('  months; repo HEAD 7aba7f10ec804a2b38634afc52f55bb23e23c9d9), packed as `crime/police-api-json/london_month_YYYY_MM.tar.gz`');
  L.push('  in `../shared/data`. Each folder holds one raw `POST /api/crimes-street/all-crime` response per London ward polygon');
  L.push('  (May 2018 wards) for one month.');
  L.push('- What the build did:');
  L.push('  - extracted each tar with the system `tar`; read every JSON file with native DuckDB `read_json` (explicit columns);');
  L.push('    skipped 0-byte files (not valid JSON);');
  L.push('  - deduplicated on the API `id` (records repeat where ward polygons meet);' +
    (crimes.conflictingDuplicates === 0 ? ' every repeated `id` had identical copies;' : ` ${crimes.conflictingDuplicates} ids had differing copies, one kept by a total order;`));
  L.push('  - mapped the fields to the police.uk street-CSV columns, in this order:');
  L.push('    - `Crime ID` = `persistent_id` (empty -> NULL: anti-social behaviour and some other records have none);');
  L.push('    - `Month` = `month` (VARCHAR YYYY-MM);');
  L.push(`    - \`Reported by\` and \`Falls within\` = '${BTP}' where \`location_type\` = 'BTP', else '${MPS}';`);
  L.push('    - `Longitude`, `Latitude` = `location.longitude`, `location.latitude` as DOUBLE;');
  L.push('    - `Location` = `location.street.name`;');
  L.push('    - `LSOA code`, `LSOA name` = NULL (the API has no LSOA);');
  L.push('    - `Crime type` = the API slug mapped to the CSV category name by `normaliseCategory` (src/analysis/categories.ts);');
  L.push('    - `Last outcome category` = `outcome_status.category` or NULL;');
  L.push('    - `Context` = `context` (empty -> NULL);');
  L.push('  - sorted by Month, Crime type, Longitude, Latitude, Crime ID (NULLs last), then API `id`;');
  L.push('  - wrote with DuckDB `COPY ... (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 122880)` on one thread; all columns');
  L.push('    VARCHAR except Longitude/Latitude DOUBLE;');
  L.push('    read back and checked the row count and schema.');
  L.push('- Per month (files / empty files skipped / wards queried / records / unique `id` = rows / of which BTP):');
  L.push('');
  L.push('  | month | files | empty | wards | records | rows | BTP |');
  L.push('  |---|---|---|---|---|---|---|');
  for (const m of months) {
    const s = crimes.perMonth[m]!;
    L.push(`  | ${m} | ${s.files} | ${s.emptyFiles.length} | ${s.wards} | ${fmt(s.records)} | ${fmt(s.unique)} | ${fmt(s.btp)} |`);
  }
  const tot = months.reduce(
    (a, m) => {
      const s = crimes.perMonth[m]!;
      return { files: a.files + s.files, empty: a.empty + s.emptyFiles.length, records: a.records + s.records, unique: a.unique + s.unique, btp: a.btp + s.btp };
    },
    { files: 0, empty: 0, records: 0, unique: 0, btp: 0 },
  );
  L.push(`  | total | ${fmt(tot.files)} | ${tot.empty} | ${crimes.wardCodes.length} | ${fmt(tot.records)} | ${fmt(tot.unique)} | ${fmt(tot.btp)} |`);
  L.push('');
  const empties = months.flatMap((m) => crimes.perMonth[m]!.emptyFiles);
  if (empties.length > 0) L.push(`- Empty files skipped: ${empties.map((f) => `\`${f}\``).join(', ')}.`);
  if (crimes.monthMismatches > 0) L.push(`- ${fmt(crimes.monthMismatches)} records carry a \`month\` other than their folder's; \`Month\` keeps the record's own.`);
  L.push('- Rows per category:');
  L.push('');
  L.push('  | Crime type | rows |');
  L.push('  |---|---|');
  for (const c of CRIME_CATEGORIES) L.push(`  | ${c} | ${fmt(crimes.perCategory[c] ?? 0)} |`);
  L.push('');
  L.push('- Licence: Open Government Licence v3.0 (data.police.uk API content). The source repo has no licence file.');
  L.push(`- Attribution: "${ATTRIBUTION.api2017}"`);
  L.push('');

  // Coverage
  L.push('## Coverage of crimes.parquet (2017-18)');
  L.push('');
  L.push('Computed by the build. The API extract was pulled ward by ward; the ward codes in its file names are all December');
  L.push(`2013 ward codes, ${fmt(crimes.wardCodes.length)} of the ${fmt(bd.wards2013.features.length)} 2013 wards of` +
    ' `../shared/data/boundaries/london_wards_2013.geojson` (used for this check only; the app ships the 2022 wards)' +
    (coverage.unknownWardCodes.length > 0 ? ` (plus ${coverage.unknownWardCodes.length} codes not in it: ${coverage.unknownWardCodes.join(', ')})` : '') +
    '. Each distinct (Longitude, Latitude)');
  L.push('point of crimes.parquet was then placed in boundaries/boroughs.geojson and those 2013 wards by point in polygon');
  L.push('(turf). "Covered" wards have at least a tenth of the median crimes per ward' +
    ` (median ${fmt(coverage.medianWardCrimes)} over the ${months.length} month(s)).`);
  L.push('');
  L.push(`- ${fmt(coverage.crimes)} crimes at ${fmt(coverage.points)} distinct points; ${fmt(coverage.outsideBoroughs)} crimes (${fmt(coverage.outsideBoroughsBtp)} of them BTP) fall in`);
  L.push('  no borough polygon (the borough layer excludes the Thames below mean high water: points on the river and bridges).');
  const notPulled = coverage.boroughs.filter((b) => b.status === 'not queried');
  const partial = coverage.boroughs.filter((b) => b.status === 'partial');
  const complete = coverage.boroughs.filter((b) => b.status === 'complete');
  const spill = notPulled.reduce((a, b) => a + b.crimes, 0);
  const list = (bs: BoroughCoverage[]) =>
    bs.length === 0 ? 'none' : bs.map((b) => `${b.name} (${fmt(b.crimes)} crimes, ${b.wardsCovered}/${b.wards} wards covered)`).join('; ');
  L.push(`- **Missing: no ward queried** (${notPulled.length}): ${list(notPulled)}.`);
  L.push(`  Their ${fmt(spill)} crimes (${fmt(coverage.spill.points)} points) are spill-over: every one lies within ${fmt(coverage.spill.maxMetres)} m of a queried`);
  L.push('  ward, returned for the (May 2018) API polygons of neighbouring wards. Treat these boroughs as having no data.');
  L.push(`- **Partial: some wards not queried** (${partial.length}): ${partial.length === 0 ? 'none' : partial.map((b) => `${b.name} (${b.wardsPulled}/${b.wards} wards queried)`).join('; ')}.`);
  const thin = complete.filter((b) => b.wardsCovered < b.wards);
  L.push(`- **Complete: every ward queried** (${complete.length}): ${complete.map((b) => b.name).join(', ') || 'none'}.` +
    (thin.length === 0
      ? ' Every ward of these has at least a tenth of the median ward count.'
      : ` Wards below a tenth of the median ward count: ${thin.map((b) => `${b.name} ${b.wards - b.wardsCovered}`).join(', ')}.`));
  L.push('- Hotspot maps, rankings and PAI over the missing boroughs show the extract, not crime: say so in the UI.');
  L.push('');
  L.push('| code | borough | BCU | crimes | BTP | wards queried | wards with crime | wards covered | wards | status |');
  L.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const b of coverage.boroughs) {
    L.push(`| ${b.code} | ${b.name} | ${b.bcu ?? '-'} | ${fmt(b.crimes)} | ${fmt(b.btp)} | ${b.wardsPulled} | ${b.wardsWithCrime} | ${b.wardsCovered} | ${b.wards} | ${b.status} |`);
  }
  L.push('');

  L.push(...recordedCrimeLines(recordedCrime));
  L.push('');

  // Boundaries
  L.push('## boundaries/boroughs.geojson');
  L.push('');
  L.push(`- ${bd.boroughs.features.length} features: the 32 London boroughs and the City of London, WGS84 lon/lat, sorted by code.`);
  L.push('- From: `ICL-ERG/useful_geography`, `london_boroughs.geojson`, commit 0b36150d9cbb34ba2ebf1dc48615aa5ca442bc3d');
  L.push('  (HEAD 8e94592d1f01d8bab4de9b10291a37ff2edcd904): the London Datastore "Statistical GIS Boundary Files for London"');
  L.push('  layer `London_Borough_Excluding_MHW` in WGS84. Joined with `mps_bcu_boroughs.csv` (the attribute table of layer');
  L.push('  `mps_bocus` in `routineactivity/london_boundary_gpkg` `met_police_boundaries.gpkg`, commit');
  L.push('  983b36d231aad92cab9f7b02b94b89259d71e3ab) on GSS_CODE = LAD22CD.');
  L.push('- Properties: `code` (GSS E09), `name`, `mpsCode` (Met two-letter borough code), `bcu`, `bcuName` (short BCU name,');
  L.push('  " Command Unit" removed). The City of London is not a Met BCU (City of London Police): `mpsCode`, `bcu`, `bcuName` are null.');
  L.push(`- Geometry unchanged except coordinates rounded to ${DECIMALS} decimals (the source already has ${DECIMALS}).`);
  if (bd.nameMismatches.length > 0) L.push(`- Name differences GeoJSON vs CSV (GeoJSON kept): ${bd.nameMismatches.join('; ')}.`);
  L.push('- Licence: Open Government Licence v3.0. Attribution: "Contains National Statistics data © Crown copyright and');
  L.push('  database right 2015. Contains Ordnance Survey data © Crown copyright and database right 2015." BCU grouping: as for bcus.geojson.');
  L.push('');
  L.push(...wardLines(bd.wards, bd.wards2022, bd.boroughs.features.map((f) => f.properties.code), bd.bcus.features.map((f) => f.properties)));
  L.push('- The December 2013 wards (`../shared/data/boundaries/london_wards_2013.geojson`, 649, CC BY 4.0 Martin Chorley) are no');
  L.push('  longer shipped; the build reads them only for the coverage of crimes.parquet above. Their borough is the borough polygon');
  L.push('  containing turf `pointOnFeature(ward)`, else the largest overlap, else the nearest centroid' +
    (bd.wardFallbacks.length === 0
      ? '; none needed a fallback.'
      : `; ${bd.wardFallbacks.length} needed a fallback: ${bd.wardFallbacks.map((w) => `${w.name} (${w.code}) -> ${w.borough} by ${w.method}`).join('; ')}.`));
  L.push('');
  L.push('## boundaries/bcus.geojson');
  L.push('');
  L.push(`- ${bd.bcus.features.length} Met Basic Command Units, each the turf \`union\` of its boroughs' polygons from boroughs.geojson;`);
  L.push('  properties `code`, `name` (short name), `boroughs` (sorted E09 codes). Sorted by code.');
  for (const f of bd.bcus.features) {
    const names = f.properties.boroughs.map((c) => bd.boroughs.features.find((b) => b.properties.code === c)!.properties.name);
    L.push(`  - ${f.properties.code} ${f.properties.name}: ${names.join(', ')}`);
  }
  for (const s of bd.skippedBcuRows) {
    L.push(`- Skipped: "${s.name}" (${s.mpsCode}, BCU ${s.bcu}) has no polygon in the borough file (it is the Heathrow`);
    L.push(`  policing unit, not a borough), so ${s.bcu} is the union of its three boroughs only.`);
  }
  L.push(`- Clean-up: parts and holes under ${fmt(SLIVER_M2)} m² left by the union would be dropped as slivers; ` +
    (bd.bcuCleanup.length === 0
      ? 'turf left none (the boroughs share their edges exactly), so nothing was dropped.'
      : `dropped ${bd.bcuCleanup
          .map((c) => `a ${fmt(c.m2)} m² ${c.kind} of ${c.bcu}` + (c.fromBorough ? ` (already a separate part of ${c.fromBorough} in the source borough polygon, kept in boroughs.geojson; not union junk)` : ''))
          .join('; ')}. turf left no other slivers or holes.`));
  const holes = bd.bcus.features.flatMap((f) => {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const n = polys.reduce((a, p) => a + p.length - 1, 0);
    const parts = polys.length;
    return n > 0 || parts > 1 ? [`${f.properties.code}: ${parts} part(s), ${n} hole(s)`] : [];
  });
  if (holes.length > 0) L.push(`- Kept as real geometry (each over ${fmt(SLIVER_M2)} m²): ${holes.join('; ')}.`);
  L.push(`- Coordinates rounded to ${DECIMALS} decimals.`);
  L.push('- Licence: OGL v3.0. Attribution: "Contains National Statistics and Ordnance Survey data © Crown copyright and');
  L.push('  database right 2022 (OGL v3.0); BCU grouping per Metropolitan Police Service; compiled by');
  L.push('  github.com/routineactivity/london_boundary_gpkg" plus the borough attribution above (the polygons are the boroughs\').');
  L.push('');

  L.push(...lsoaLines(bd.lsoa, bd.lsoaRounding, bd.lsoaCollapsed));
  L.push('');

  // Samples
  L.push('## samples/');
  L.push('');
  for (const s of samples) {
    const name = basename(s.file);
    L.push(`### samples/${name}`);
    L.push('');
    L.push(`- Byte-for-byte copy of \`../shared/data/crime/${name}\` (${fmt(s.bytes)} bytes, ${fmt(s.rows)} data rows).`);
    if (name.startsWith('2023-01')) {
      L.push('- From: `rchillyard/TableParser`,');
      L.push('  `core/src/main/resources/com/phasmidsoftware/tableparser/core/examples/crime/2023-01-metropolitan-street-sample.csv`,');
      L.push('  commit 97bc6fbc844377859c8333b63ac02332dcc3e8e9 (HEAD f0105a2b0bf509e06784393884d8d6b8b42460b4).');
      L.push('- The first 4,000 data rows of police.uk `2023-01-metropolitan-street.csv` (sorted by LSOA name: 6 out-of-London');
      L.push('  rows, 2,002 Barking and Dagenham, 1,992 Barnet); 699 rows have an empty Crime ID; Context always empty.');
    } else {
      L.push('- From: `Claudia-Offner/CEGE0097_Crime_Spatial_Analysis`, `Data/2016-06-metropolitan-stop-and-search.csv`,');
      L.push('  commit d35b0b85a14107022763ebb67f0f6f8ad6b1e128 (HEAD 8b96c17f36621964c96c9960726a15ed6a3c1a67).');
      L.push('- The complete police.uk Met stop-and-search file for June 2016 (dates 2016-05-31T23:01Z to 2016-06-30T22:30Z;');
      L.push('  871 rows without coordinates).');
    }
    L.push(`- Licence: Open Government Licence v3.0. Attribution: "${OGL_POLICE} (Metropolitan Police Service)."`);
    L.push('');
  }

  // Harm weights
  L.push('## harm-weights.json');
  L.push('');
  L.push('- Written by the build from the table in `scripts/build-data.ts` (no input file).');
  L.push('- Cambridge Crime Harm Index (Sherman, Neyroud & Neyroud 2016, "The Cambridge Crime Harm Index: Measuring Total');
  L.push('  Harm from Crime Based on Sentencing Guidelines", Policing 10(3), doi:10.1093/police/paw003): the harm of an offence');
  L.push('  is the days of custody at the Sentencing Council guideline starting point for a first offender; fines and community');
  L.push('  orders are converted to days of minimum-wage work. police.uk publishes no offence codes, so each category gets one');
  L.push('  value anchored on a common offence in it. Cross-check: the ONS "Crime Severity Score" (weights from the sentences');
  L.push('  actually given) ranks the categories in broadly the same order (robbery, weapons, burglary and violence far above');
  L.push('  theft, damage and public order); the numbers were not reconciled with it one by one.');
  L.push('- Caveat: these are approximations for ranking places by harm (values set for this app), not CCHI scores copied');
  L.push('  from its offence spreadsheet, which was not available offline.');
  L.push('  Within a category the real CCHI spans orders of magnitude (common assault vs GBH with intent); the weight of');
  L.push('  "Violence and sexual offences" in particular overstates most of its records.');
  L.push('');
  L.push('| Crime type | days | derivation |');
  L.push('|---|---|---|');
  for (const c of CRIME_CATEGORIES) L.push(`| ${c} | ${HARM_WEIGHTS.weights[c]} | ${HARM_WEIGHTS.notes[c]} |`);
  L.push('');
  return `${L.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Everything
// ---------------------------------------------------------------------------------------------

export interface BuildAllOptions {
  sharedDir: string;
  outDir: string;
  months?: string[];
  log?: (msg: string) => void;
}

export interface BuildAllResult {
  crimes: BuildCrimesResult;
  boundaries: BuildBoundariesResult;
  samples: { file: string; bytes: number; rows: number }[];
  harmWeights: string;
  coverage: Coverage;
  hex: HexDatasetSummary;
  api2017: DatasetSummary;
  recordedCrime: RecordedCrimeFile[];
  datasets: string;
  sources: string;
  /** Disagreements the build found but did not stop for (also in SOURCES.md). */
  warnings: string[];
}

/** Checks every input exists before any work, so a missing one fails fast. */
export function checkInputs(sharedDir: string, months?: string[]): void {
  if (!existsSync(sharedDir) || !statSync(sharedDir).isDirectory()) throw new InputError(`missing shared data folder: ${sharedDir}`);
  need(join(sharedDir, BOROUGHS_IN), 'borough boundaries');
  need(join(sharedDir, WARDS_2013_IN), '2013 ward boundaries');
  need(join(sharedDir, WARDS_2022_IN), '2022 ward boundaries');
  need(join(sharedDir, MET_WARDS_IN), 'Met ward table');
  need(join(sharedDir, LSOA_2021_IN), 'LSOA 2021 boundaries');
  need(join(sharedDir, BCU_CSV_IN), 'BCU table');
  need(join(sharedDir, HEX_IN), 'aggregated crime file');
  for (const f of RECORDED_CRIME_FILES) need(join(sharedDir, f.from), `MPS recorded crime file ${f.id}`);
  for (const s of SAMPLES) need(join(sharedDir, s.from), 'sample CSV');
  const apiDir = need(join(sharedDir, API_DIR), 'police API folder');
  for (const m of months ?? []) need(join(apiDir, `london_month_${m.replace('-', '_')}.tar.gz`), `month ${m}`);
}

/** Builds every output under outDir. */
export async function buildAll(opts: BuildAllOptions): Promise<BuildAllResult> {
  const log = opts.log ?? (() => {});
  checkInputs(opts.sharedDir, opts.months);
  mkdirSync(opts.outDir, { recursive: true });
  log('crimes.parquet:');
  const crimes = await buildCrimes(opts.sharedDir, join(opts.outDir, 'crimes.parquet'), { months: opts.months, log });
  log('boundaries:');
  const boundaries = buildBoundaries(opts.sharedDir, opts.outDir);
  const samples = copySamples(opts.sharedDir, opts.outDir);
  const harmWeights = writeHarmWeights(opts.outDir);
  log('coverage:');
  const coverage = await computeCoverage(crimes.file, boundaries.boroughs, boundaries.wards2013, crimes.wardCodes);
  log('datasets:');
  const hex = await copyHexDataset(opts.sharedDir, opts.outDir, boundaries.boroughs.features);
  const api2017 = await describeRecordLevelDataset(crimes.file, boundaries.boroughs.features);
  const metWards = new Set(boundaries.wards.features.filter((w) => w.properties.bcu !== null).map((w) => w.properties.code));
  const recordedCrime = await copyRecordedCrime(opts.sharedDir, opts.outDir, metWards);
  const datasets = writeDatasetsJson(opts.outDir, datasetsJson(hex, api2017, recordedCrime));
  const warnings = crossChecks(coverage, api2017, hex, recordedCrime, boundaries);
  const sources = join(opts.outDir, 'SOURCES.md');
  writeFileSync(sources, renderSources({ outDir: opts.outDir, crimes, boundaries, samples, coverage, hex, api2017, recordedCrime, warnings }));
  return { crimes, boundaries, samples, harmWeights, coverage, hex, api2017, recordedCrime, datasets, sources, warnings };
}

/**
 * What one part of the build found that another should agree with: the boroughs the API extract
 * never queried vs those the app's coverage rules find empty; partial boroughs; recorded-crime
 * wards outside the 2022 Met wards; 2022 wards outside their borough polygons.
 */
export function crossChecks(
  coverage: Coverage,
  api2017: DatasetSummary,
  hex: DatasetSummary,
  recorded: readonly RecordedCrimeFile[],
  boundaries: BuildBoundariesResult,
): string[] {
  const out: string[] = [];
  const notQueried = coverage.boroughs.filter((b) => b.status === 'not queried').map((b) => b.code).sort();
  const empty = api2017.coverage.missing.map((m) => m.code).sort();
  if (notQueried.join() !== empty.join()) {
    out.push(`2017-18: boroughs never queried (${notQueried.join(', ')}) differ from those with no data by the app's rules (${empty.join(', ')})`);
  }
  for (const [id, s] of [['2017-18', api2017], ['2025-26', hex]] as const) {
    for (const p of s.coverage.partial) out.push(`${id}: ${p.name} lacks data in ${p.months.join(', ')}`);
  }
  for (const r of recorded) {
    if (r.unknownWards.length > 0) out.push(`recorded-crime/${r.id}: ward codes not among the 2022 Met wards: ${r.unknownWards.join(', ')}`);
  }
  for (const d of boundaries.wards2022.boroughDisagreements.filter((x) => x.shareInOwn < 0.5)) {
    out.push(`ward ${d.code} ${d.name}: only ${(d.shareInOwn * 100).toFixed(1)} % inside its borough ${d.borough} in boroughs.geojson`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------------

export interface CliArgs {
  sharedDir: string;
  outDir: string;
  months?: string[];
}

/** Parses `--shared DIR --out DIR --months a,b` (also `--flag=value`); paths resolve against repoRoot. */
export function parseArgs(argv: readonly string[], repoRoot: string): CliArgs {
  let shared = join(repoRoot, '..', 'shared', 'data');
  let out = join(repoRoot, 'data');
  let months: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const eq = a.indexOf('=');
    const flag = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) throw new InputError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--shared') shared = resolve(value());
    else if (flag === '--out') out = resolve(value());
    else if (flag === '--months') {
      months = value()
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '');
      for (const m of months) if (!/^\d{4}-\d{2}$/.test(m)) throw new InputError(`bad month ${JSON.stringify(m)} (want YYYY-MM)`);
    } else if (flag === '--help' || flag === '-h') {
      throw new InputError('usage: tsx scripts/build-data.ts [--shared DIR] [--out DIR] [--months 2017-06,2017-07]');
    } else throw new InputError(`unknown argument ${JSON.stringify(a)}`);
  }
  return { sharedDir: shared, outDir: out, months };
}

function size(file: string): string {
  const b = statSync(file).size;
  return b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(2)} MB` : `${(b / 1024).toFixed(1)} kB`;
}

async function main(): Promise<void> {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const args = parseArgs(process.argv.slice(2), repoRoot);
  const t0 = Date.now();
  const r = await buildAll({ ...args, log: (m) => console.log(m) });
  const show = (f: string, what: string) => console.log(`wrote ${relative(process.cwd(), f) || f}  ${size(f)}  ${what}`);
  console.log('');
  show(r.crimes.file, `${fmt(r.crimes.rows)} rows, ${r.crimes.months.length} months, ${fmt(r.crimes.distinctPoints)} distinct points`);
  show(r.boundaries.files.boroughs, `${r.boundaries.boroughs.features.length} boroughs`);
  show(r.hex.file, `${fmt(r.hex.rows)} rows, ${fmt(r.hex.crimes)} crimes, ${r.hex.months.length} months (pinned copy)`);
  show(r.boundaries.files.wards, `${r.boundaries.wards.features.length} wards (2022; ${r.boundaries.wards2022.metWards} Met, ${r.boundaries.wards2022.cityWards} City)`);
  show(r.boundaries.files.bcus, `${r.boundaries.bcus.features.length} BCUs (skipped: ${r.boundaries.skippedBcuRows.map((s) => s.name).join(', ') || 'none'})`);
  show(r.boundaries.files.lsoa, `${fmt(r.boundaries.lsoa.features.length)} LSOAs (2021)`);
  for (const f of r.recordedCrime) show(f.copy.file, `${fmt(f.rows)} rows, ${f.wards} wards, ${f.months[0]}..${f.months[1]} (pinned copy)`);
  show(r.datasets, `2 crime datasets; 2017-18 lacks ${r.api2017.coverage.missing.map((m) => m.name).join(', ') || 'nothing'}`);
  for (const s of r.samples) show(s.file, `${fmt(s.rows)} rows (copy)`);
  show(r.harmWeights, `${CRIME_CATEGORIES.length} categories`);
  show(r.sources, 'provenance, licences, coverage');
  const cov = r.coverage.boroughs;
  const names = (st: BoroughCoverage['status']) =>
    cov.filter((b) => b.status === st).map((b) => `${b.name} (${fmt(b.crimes)})`).join(', ') || 'none';
  console.log(`coverage: not queried (crimes are edge spill-over): ${names('not queried')}`);
  console.log(`coverage: partial: ${names('partial')}`);
  console.log(`coverage: ${cov.filter((b) => b.status === 'complete').length} boroughs complete; ${fmt(r.coverage.outsideBoroughs)} crimes in no borough`);
  if (r.boundaries.bcuCleanup.length > 0) {
    console.log(`bcus: dropped ${r.boundaries.bcuCleanup.map((c) => `${c.bcu} ${c.kind} ${c.m2} m²`).join(', ')}`);
  }
  for (const w of [...r.crimes.warnings, ...r.warnings]) console.log(`warning: ${w}`);
  console.log(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

const invokedDirectly = (() => {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(resolve(entry)).href;
  } catch {
    return false;
  }
})();

if (invokedDirectly) {
  main().catch((e: unknown) => {
    const msg = e instanceof Error ? e.message : String(e);
    console.error(`build-data: ${msg.split('\n')[0]}`);
    process.exit(1);
  });
}
