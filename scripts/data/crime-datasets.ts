/**
 * The crime datasets the app ships, described from the files themselves with native DuckDB:
 * rows, crimes, months, and which of the 33 London areas have data (by the app's own coverage
 * rules, src/analysis/coverage.ts, so datasets.json and the map's "No data" hatching agree).
 */
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Feature } from 'geojson';
import { dataCoverage } from '../../src/analysis/coverage.ts';
import type { CrimeCube } from '../../src/analysis/cube.ts';
import { InputError, rows, sqlString } from './common.ts';
import { type Area, PolygonIndex } from './geometry.ts';
import { type PinnedFile, type VerifiedCopy, copyVerified } from './verified-copy.ts';

export const HEX_IN = 'crime/london-2025-05_2026-04-hex100m/crime_hex_3d_month.parquet';
export const HEX_OUT = 'london-2025-26-hex100m.parquet';

/** `Ellmal/3D-London-Crime-Statistics` `data/viz/crime_hex_3d_month.parquet` at f346b8f0 (shared SOURCES.md). */
export const HEX_PIN: PinnedFile = {
  bytes: 2_254_877,
  gitBlob: 'ea201c2949ad4558d54b10bd233d820a854f6e15',
  sha256: '0f4174965af0672a2a795284e625e6d28918fe34c594c14a8b949d0b9bfa2af9',
};

/** What ../shared/data/SOURCES.md says the pinned file holds; the build reads it back and compares. */
export const HEX_EXPECTED = { rows: 640_333, crimes: 1_142_981, cells: 32_615 } as const;

/** Hexagon radius (centre to corner) of the aggregated set, metres. */
export const HEX_RADIUS_M = 100;
/** Area of a regular hexagon of radius r: 3·√3/2·r², here 25,980.76 m², rounded. */
export const HEX_CELL_AREA_M2 = Math.round(((3 * Math.sqrt(3)) / 2) * HEX_RADIUS_M ** 2);
/**
 * Finest H3 resolution the 100 m cells support: an H3 res-9 cell averages about 105,000 m² (four
 * 100 m hexagons), res 10 about 15,000 m², smaller than one source cell, so res 10 would draw
 * the source grid, not where crimes are.
 */
export const HEX_FINEST_RESOLUTION = 9;

const HEX_COLUMNS = ['month', 'crime_type', 'hex_q', 'hex_r', 'longitude', 'latitude', 'crime_count'];

export interface AreaCoverage {
  /** Crimes per borough (E09 code), boroughs.geojson order; cell centres / points by point in polygon. */
  perBorough: { code: string; name: string; crimes: number }[];
  /** Crimes at points in no borough polygon. */
  outside: number;
  /** Boroughs with no data in any month by src/analysis/coverage.ts, sorted by name. */
  missing: { code: string; name: string }[];
  /** Boroughs with data in some months but not all (none expected in either set). */
  partial: { code: string; name: string; months: string[] }[];
}

export interface DatasetSummary {
  file: string;
  rows: number;
  crimes: number;
  /** Every month first..last that has rows, sorted. */
  months: string[];
  crimesPerMonth: number[];
  coverage: AreaCoverage;
}

export interface HexDatasetSummary extends DatasetSummary {
  copy: VerifiedCopy;
  cells: number;
  categories: number;
}

interface BoroughFeature {
  code: string;
  name: string;
}

async function withDuckDB<T>(f: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`SET autoload_known_extensions = false`);
    return await f(conn);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}

/** 'YYYY-MM' months from first to last inclusive. */
export function monthRange(first: string, last: string): string[] {
  const out: string[] = [];
  let [y, m] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    if (++m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * Places (month, lon, lat, crimes) groups in the borough polygons and applies the app's
 * coverage rules to the borough x month counts.
 */
export function areaCoverage(
  groups: readonly { month: string; x: number; y: number; n: number }[],
  months: readonly string[],
  boroughs: readonly Feature<Area, BoroughFeature>[],
): AreaCoverage {
  const index = new PolygonIndex(boroughs);
  const codes = boroughs.map((b) => b.properties.code);
  const codeIndex = new Map(codes.map((c, i) => [c, i] as const));
  const monthIndex = new Map(months.map((m, i) => [m, i] as const));
  const place = new Map<string, number>();
  const n = groups.length;
  const month = new Uint16Array(n);
  const borough = new Int16Array(n);
  const count = new Int32Array(n);
  const perBorough = new Array<number>(codes.length).fill(0);
  let outside = 0;
  groups.forEach((g, r) => {
    const key = `${g.x},${g.y}`;
    let b = place.get(key);
    if (b === undefined) {
      const f = index.find(g.x, g.y);
      b = f ? codeIndex.get(f.properties.code)! : -1;
      place.set(key, b);
    }
    const t = monthIndex.get(g.month);
    if (t === undefined) throw new Error(`month ${g.month} outside ${months[0]}..${months.at(-1)}`);
    month[r] = t;
    borough[r] = b;
    count[r] = g.n;
    if (b >= 0) perBorough[b]! += g.n;
    else outside += g.n;
  });
  // Only the fields dataCoverage reads carry data; the cube has no cells or wards here.
  const cube: CrimeCube = {
    resolution: 0,
    cells: [],
    months: [...months],
    categories: ['crime'],
    wards: [],
    boroughs: codes,
    boroughBcu: codes.map(() => null),
    cell: new Int32Array(n),
    month,
    category: new Uint8Array(n),
    ward: new Int16Array(n).fill(-1),
    borough,
    count,
    cellStart: new Int32Array([0, n]),
  };
  const cov = dataCoverage(cube, { boroughs: codes });
  const T = months.length;
  const missing: AreaCoverage['missing'] = [];
  const partial: AreaCoverage['partial'] = [];
  boroughs.forEach((f, b) => {
    const lacking = months.filter((_, t) => cov.monthHasData[t] && !cov.hasData[b * T + t]);
    const withData = months.filter((_, t) => cov.monthHasData[t]).length;
    const who = { code: f.properties.code, name: f.properties.name };
    if (lacking.length === withData) missing.push(who);
    else if (lacking.length > 0) partial.push({ ...who, months: lacking });
  });
  missing.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    perBorough: boroughs.map((f, b) => ({ code: f.properties.code, name: f.properties.name, crimes: perBorough[b]! })),
    outside,
    missing,
    partial,
  };
}

/** Crimes per (month, point) of the view `src` (columns month, longitude, latitude). */
async function monthGroups(conn: DuckDBConnection, crimesPerRow: string) {
  const r = await rows(conn, `SELECT month, longitude AS x, latitude AS y, sum(${crimesPerRow})::BIGINT AS n
    FROM src GROUP BY ALL ORDER BY ALL`);
  return r.map((g) => ({ month: String(g.month), x: Number(g.x), y: Number(g.y), n: Number(g.n) }));
}

function summaryFrom(
  file: string,
  totals: Record<string, unknown>,
  perMonth: Record<string, unknown>[],
  groups: { month: string; x: number; y: number; n: number }[],
  boroughs: readonly Feature<Area, BoroughFeature>[],
): DatasetSummary {
  const first = String(totals.first);
  const last = String(totals.last);
  const months = monthRange(first, last);
  const byMonth = new Map(perMonth.map((r) => [String(r.month), Number(r.n)] as const));
  return {
    file,
    rows: Number(totals.rows),
    crimes: Number(totals.crimes),
    months,
    crimesPerMonth: months.map((m) => byMonth.get(m) ?? 0),
    coverage: areaCoverage(groups, months, boroughs),
  };
}

/**
 * Copies the aggregated all-London set (pinned by size, git blob and SHA-256) to
 * <outDir>/london-2025-26-hex100m.parquet and describes it.
 */
export async function copyHexDataset(
  sharedDir: string,
  outDir: string,
  boroughs: readonly Feature<Area, BoroughFeature>[],
): Promise<HexDatasetSummary> {
  const copy = copyVerified(join(sharedDir, HEX_IN), join(outDir, HEX_OUT), HEX_PIN, 'aggregated crime file');
  return withDuckDB(async (conn) => {
    await conn.run(`CREATE VIEW src AS SELECT * FROM read_parquet(${sqlString(resolve(copy.file))})`);
    const cols = (await rows(conn, `DESCRIBE src`)).map((r) => String(r.column_name));
    if (cols.join('|') !== HEX_COLUMNS.join('|')) throw new InputError(`${copy.file}: columns ${cols.join(', ')}, expected ${HEX_COLUMNS.join(', ')}`);
    const [totals] = await rows(conn, `SELECT count(*) AS rows, sum(crime_count)::BIGINT AS crimes,
        min(month) AS first, max(month) AS last, count(DISTINCT (hex_q, hex_r)) AS cells,
        count(DISTINCT crime_type) AS categories,
        count(*) FILTER (WHERE crime_count IS NULL OR crime_count < 1) AS bad_counts,
        count(*) FILTER (WHERE longitude IS NULL OR latitude IS NULL) AS no_xy
      FROM src`);
    if (Number(totals!.bad_counts) > 0) throw new InputError(`${copy.file}: ${totals!.bad_counts} rows with a count that is not a positive integer`);
    if (Number(totals!.no_xy) > 0) throw new InputError(`${copy.file}: ${totals!.no_xy} rows without a cell centre`);
    for (const k of ['rows', 'crimes', 'cells'] as const) {
      if (Number(totals![k]) !== HEX_EXPECTED[k]) throw new Error(`${copy.file}: DuckDB reads ${totals![k]} ${k}, expected ${HEX_EXPECTED[k]}`);
    }
    const perMonth = await rows(conn, `SELECT month, sum(crime_count)::BIGINT AS n FROM src GROUP BY 1 ORDER BY 1`);
    const groups = await monthGroups(conn, 'crime_count');
    return {
      ...summaryFrom(copy.file, totals!, perMonth, groups, boroughs),
      copy,
      cells: Number(totals!.cells),
      categories: Number(totals!.categories),
    };
  });
}

/** Describes the record-level 2017-18 set (crimes.parquet): one row per crime. */
export async function describeRecordLevelDataset(
  file: string,
  boroughs: readonly Feature<Area, BoroughFeature>[],
): Promise<DatasetSummary> {
  return withDuckDB(async (conn) => {
    await conn.run(`CREATE VIEW src AS SELECT "Month" AS month, "Longitude" AS longitude, "Latitude" AS latitude
      FROM read_parquet(${sqlString(resolve(file))})`);
    const [totals] = await rows(conn, `SELECT count(*) AS rows, count(*) AS crimes, min(month) AS first, max(month) AS last FROM src`);
    const perMonth = await rows(conn, `SELECT month, count(*) AS n FROM src GROUP BY 1 ORDER BY 1`);
    const groups = await monthGroups(conn, '1');
    return summaryFrom(file, totals!, perMonth, groups, boroughs);
  });
}
