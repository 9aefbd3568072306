/**
 * Ingest: one file in, every row either in `crimes` or in `rejects` with its reason.
 *
 * A CSV's records are first counted and its broken ones set aside by a streaming scanner
 * (csv-prepare.ts), so that kept + rejected = the records in the file. DuckDB then parses the file
 * (its CSV reader, or parquet-wasm's Arrow output for Parquet) into an all-VARCHAR staging
 * table; the checks run as SQL over it; only the distinct points go through JavaScript (proj4
 * for British National Grid, h3-js and point-in-polygon for the cells and boundaries), because
 * police.uk snaps crimes to far fewer points than rows.
 * The kept rows, their new locations, the rejects and the source row are written in one
 * transaction: a failure leaves the tables as they were.
 *
 * A row stands for one crime, or, when the file has a count column (an aggregated extract), for
 * that many: rows and crimes are reported apart, and such a file's grid sets its spatial
 * precision (src/analysis/precision.ts).
 */
import { categoryAliases, STOP_AND_SEARCH } from '../analysis/categories';
import { gridPrecision, POINT_PRECISION, spacingPrecision, type SpatialPrecision } from '../analysis/precision';
import { type DbClient, type FileSource, quoteIdent } from '../db/client';
import { H3_RESOLUTIONS, REJECT_REASONS, SCHEMA_SQL } from '../db/schema';
import { BNG_BOUNDS, UK_BOUNDS } from './bng';
import { type BrokenRecord, prepareCsv } from './csv-prepare';
import { type ColumnMapping, detectMapping, missingRoles, NeedsMappingError, type Role } from './detect';
import type { GeocodedPoints } from './geocode';
import { WorkerDiedError } from '../db/worker-failure';
import { notTabularReason, SNIFF_BYTES } from './sniff';

export interface IngestEnv {
  db: DbClient;
  /** Cells and boundaries for distinct points (a worker in the browser). */
  geocode(lon: Float64Array, lat: Float64Array): Promise<GeocodedPoints>;
  /** British National Grid to WGS84 for distinct pairs. */
  bngToWgs84(e: Float64Array, n: Float64Array): Promise<{ lon: Float64Array; lat: Float64Array }>;
  /**
   * Parquet bytes to Arrow IPC streams, one per row group (parquet-wasm; DuckDB-WASM has no
   * offline Parquet reader). Per row group, because parquet-wasm decodes a file several times
   * faster in row-group-sized calls than in one call (1.8 s against 4.9 s for the shipped file).
   */
  parquetToIPC(bytes: Uint8Array): Promise<Uint8Array[]>;
}

export interface IngestFile {
  name: string;
  data: FileSource;
}

export type IngestStage = 'hashing' | 'parsing' | 'checking' | 'locating' | 'writing' | 'done';
export interface IngestProgress {
  file: string;
  stage: IngestStage;
  /** 0..1 across the whole file. */
  fraction: number;
}

export interface IngestReport {
  fileName: string;
  /** `duplicate-file`: the same bytes were loaded before, nothing was added; `failed`: see `error`. */
  status: 'loaded' | 'duplicate-file' | 'failed';
  /** Why the file was not loaded (status `failed`). */
  error?: string;
  sourceId: number;
  format: ColumnMapping['format'];
  /**
   * Data records in the file (a CSV's header and empty lines not counted; 0 for a duplicate file:
   * nothing was read again). Always kept + rejected.
   */
  rowsRead: number;
  /** Rows kept. */
  kept: number;
  /** Crimes kept: the kept rows' counts summed (equal to `kept` for a file without a count column). */
  crimesKept: number;
  rejected: number;
  rejectReasons: Record<string, number>;
  /** The file's spatial precision (loaded files only; point records have no limit). */
  precision?: SpatialPrecision;
  newLocations: number;
  /** How the file was read when that is not the default, e.g. "read as Windows-1252 (Latin-1) text". */
  notes?: string[];
  /** The line comes from the copy saved in this browser: the file was not read again on this open. */
  restored?: boolean;
}

export interface IngestOptions {
  /** The user's mapping, when detection was not enough. */
  mapping?: ColumnMapping;
  /**
   * The grid spacing the publisher states (an embedded dataset's, from data/datasets.json): used
   * instead of detecting it, so the Data panel's description and the resolution limit are one figure.
   */
  cellSpacingM?: number;
  onProgress?: (p: IngestProgress) => void;
}

let schemaReady = new WeakSet<DbClient>();

/** Creates the app's tables once per client. */
export async function ensureSchema(db: DbClient): Promise<void> {
  if (schemaReady.has(db)) return;
  await db.exec(SCHEMA_SQL);
  // The alias table lets SQL map API slugs and case variants to canonical names (bound values).
  const aliases = categoryAliases();
  await db.exec('DROP TABLE IF EXISTS category_alias');
  await db.insertColumns('category_alias', { alias: aliases.map((a) => a[0]), crime_type: aliases.map((a) => a[1]) }, { create: true });
  schemaReady.add(db);
}

/** Forgets schema state (tests that reset a client). */
export function resetSchemaCache(): void {
  schemaReady = new WeakSet<DbClient>();
}


/** SHA-256 of the file's bytes, hex (Web Crypto: the same in the browser and Node 20). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Files up to this size are hashed whole; larger ones by their size and three 8 MiB samples. */
const WHOLE_HASH_LIMIT = 256 * 1024 * 1024;
const SAMPLE = 8 * 1024 * 1024;

/**
 * The identity of a file's content, for "the same file twice adds nothing". Whole-file SHA-256
 * up to 256 MiB; beyond that (a whole archive, too big to hold twice in memory) SHA-256 of its size,
 * first, middle and last 8 MiB. A sampled match is not proof, so rows of a file wrongly taken for
 * a duplicate are never lost silently: the report says the file was skipped as already loaded.
 */
async function fingerprint(data: Uint8Array | Blob): Promise<string> {
  const size = data instanceof Uint8Array ? data.length : data.size;
  if (size <= WHOLE_HASH_LIMIT) {
    return sha256Hex(data instanceof Uint8Array ? data : new Uint8Array(await data.arrayBuffer()));
  }
  const part = async (from: number) =>
    data instanceof Uint8Array ? data.subarray(from, from + SAMPLE) : new Uint8Array(await data.slice(from, from + SAMPLE).arrayBuffer());
  const parts = [await part(0), await part(Math.floor(size / 2)), await part(size - SAMPLE)];
  const sizeBytes = new TextEncoder().encode(`size:${size};`);
  const all = new Uint8Array(sizeBytes.length + parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of [sizeBytes, ...parts]) {
    all.set(p, o);
    o += p.length;
  }
  return `sampled:${await sha256Hex(all)}`;
}

function isParquet(name: string, head: Uint8Array): boolean {
  return /\.parquet$/i.test(name) || (head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31);
}

const sqlString = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * UK local time of a UTC timestamp: BST (+1 h) runs from 01:00 UTC on the last Sunday of March
 * to 01:00 UTC on the last Sunday of October. police.uk stop-and-search dates are UTC:
 * 2016-05-31T23:01:00+00:00 is 00:01 on 1 June in London, and police.uk files it under June.
 */
const UK_LOCAL_MACRO = `CREATE OR REPLACE TEMP MACRO uk_local(ts) AS ts + CASE
  WHEN ts >= (make_date(year(ts), 3, 31) - dayofweek(make_date(year(ts), 3, 31))::INT) + INTERVAL 1 HOUR
   AND ts <  (make_date(year(ts), 10, 31) - dayofweek(make_date(year(ts), 10, 31))::INT) + INTERVAL 1 HOUR
  THEN INTERVAL 1 HOUR ELSE INTERVAL 0 HOUR END`;

/** Timestamp formats with a UTC offset (ISO 8601 as police.uk writes them). */
const OFFSET_FORMATS = `['%Y-%m-%dT%H:%M:%S%z', '%Y-%m-%d %H:%M:%S%z', '%Y-%m-%dT%H:%M:%S.%g%z']`;
/** Local date forms: police.uk's 'YYYY-MM', ISO dates, and the UK day-first forms force extracts use. */
const LOCAL_FORMATS = `['%Y-%m-%d', '%Y-%m-%dT%H:%M:%S', '%Y-%m-%d %H:%M:%S', '%d/%m/%Y', '%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%Y/%m', '%m/%Y']`;

// Columns are read as text whatever their type (a no-op for CSV, where every column is VARCHAR;
// Parquet columns keep their types in `stg`, which saves copying the whole table as text).
const col = (m: ColumnMapping, role: Role) => (m.columns[role] ? `CAST(stg.${quoteIdent(m.columns[role]!)} AS VARCHAR)` : 'NULL');
const text = (m: ColumnMapping, role: Role) => (m.columns[role] ? `NULLIF(trim(${col(m, role)}), '')` : 'NULL::VARCHAR');

/**
 * Loads one file. Throws {@link NeedsMappingError} when the columns cannot be matched and no
 * mapping was given; throws a plain Error naming the file for unreadable input.
 */
export async function ingestFile(env: IngestEnv, file: IngestFile, opts: IngestOptions = {}): Promise<IngestReport> {
  try {
    return await loadFile(env, file, opts);
  } catch (e) {
    // Whatever failed, the staging tables go: nothing of this file stays behind to be counted, or
    // to collide with the next file's ("Table with name new_locations already exists!"). After a
    // worker crash there is nothing left to drop.
    if (!(e instanceof WorkerDiedError)) await dropStaging(env.db).catch(() => undefined);
    throw e;
  }
}

const STAGING_TABLES = ['stg', 'stg_raw', 'stg_err', 'stg_scan', 'norm', 'norm0', 'norm1', 'dup_rows', 'bng_map', 'new_locations', 'broken_rows'];

async function dropStaging(db: DbClient): Promise<void> {
  await db.exec(STAGING_TABLES.map((t) => `DROP TABLE IF EXISTS ${t};`).join(' '));
}

async function loadFile(env: IngestEnv, file: IngestFile, opts: IngestOptions): Promise<IngestReport> {
  const { db } = env;
  const progress = (stage: IngestStage, fraction: number) => opts.onProgress?.({ file: file.name, stage, fraction });
  await ensureSchema(db);

  progress('hashing', 0);
  const size = file.data instanceof Uint8Array ? file.data.length : file.data.size;
  if (size === 0) throw new Error(`${file.name}: the file is empty`);
  const head = file.data instanceof Uint8Array ? file.data.subarray(0, SNIFF_BYTES) : new Uint8Array(await file.data.slice(0, SNIFF_BYTES).arrayBuffer());
  const parquet = isParquet(file.name, head);
  const notTabular = parquet ? null : notTabularReason(file.name, head);
  if (notTabular) throw new Error(notTabular);
  // A browser CSV stays a File (DuckDB reads it in place); bytes are read only where needed.
  const bytes = file.data instanceof Uint8Array ? file.data : parquet ? new Uint8Array(await file.data.arrayBuffer()) : null;
  const hash = await fingerprint(bytes ?? (file.data as Blob));
  const seen = await db.rows<{ source_id: number; format: string }>(
    'SELECT source_id, format FROM sources WHERE sha256 = ?',
    [hash],
  );
  if (seen.length > 0) {
    progress('done', 1);
    return {
      fileName: file.name, status: 'duplicate-file', sourceId: seen[0].source_id,
      format: seen[0].format as ColumnMapping['format'], rowsRead: 0,
      kept: 0, crimesKept: 0, rejected: 0, rejectReasons: {}, newLocations: 0,
    };
  }
  const [{ next_id: sourceId }] = await db.rows<{ next_id: number }>('SELECT COALESCE(max(source_id), 0)::INT + 1 AS next_id FROM sources');

  progress('parsing', 0.05);
  const regName = `ingest_${sourceId}.${parquet ? 'parquet' : 'csv'}`;
  await dropStaging(db);
  let broken: BrokenRecord[] = [];
  let recordsInFile: number | null = null;
  const notes: string[] = [];
  try {
    if (parquet) {
      let chunks: Uint8Array[];
      try {
        chunks = await env.parquetToIPC(bytes!);
      } catch (e) {
        throw new Error(`${file.name}: not a readable Parquet file (${e instanceof Error ? e.message : String(e)})`);
      }
      if (chunks.length === 0) throw new Error(`${file.name}: the Parquet file has no rows`);
      for (let i = 0; i < chunks.length; i++) await db.insertArrowIPC('stg_raw', chunks[i], { create: i === 0 });
      await db.exec('ALTER TABLE stg_raw RENAME TO stg');
    } else {
      // Every record is counted and every broken one set aside before DuckDB reads the file, so
      // that one bad row costs only itself (csv-prepare.ts). A clean browser File is handed over
      // as a handle: DuckDB reads it where it lies instead of a copy in its 4 GB heap.
      let prepared;
      try {
        prepared = await prepareCsv(bytes ?? (file.data as Blob), (f) => progress('parsing', 0.05 + 0.1 * f));
      } catch (e) {
        throw new Error(`${file.name}: ${e instanceof Error ? e.message : String(e)}`);
      }
      broken = prepared.broken;
      recordsInFile = prepared.records;
      if (prepared.encoding === 'windows-1252') notes.push('read as Windows-1252 (Latin-1) text: it is not UTF-8');
      if (broken.length > 0) {
        await db.exec('DROP TABLE IF EXISTS broken_rows');
        await db.insertColumns('broken_rows', { rec: Int32Array.from(broken, (b) => b.record) }, { create: true });
      }
      // The engine may take ownership of the buffer it is given: the caller's bytes are copied
      // (new Uint8Array copies even a Node Buffer); a repaired copy is already the pipeline's own.
      const data = prepared.unchanged && prepared.data instanceof Uint8Array ? new Uint8Array(prepared.data) : prepared.data;
      await db.registerFile(regName, data);
      // The dialect is pinned (the scanner found it): DuckDB's sniffer misses quoted fields first
      // seen after its sample and silently shifts columns (STACK.md section 8). The file is UTF-8
      // by now (a Windows-1252 file was transcoded). Rejects are stored only to be counted below.
      await db.exec(
        `CREATE TEMP TABLE stg AS SELECT * FROM read_csv(${sqlString(regName)}, all_varchar = true, header = true, skip = 0,
           delim = ${sqlString(prepared.delimiter)}, quote = '"', escape = '"', encoding = 'utf-8',
           store_rejects = true, rejects_table = 'stg_err', rejects_scan = 'stg_scan')`,
      );
      // The scanner and DuckDB's reader must see the same records, or rows would be misnumbered.
      const [{ n, errs }] = await db.rows<{ n: number; errs: number }>(
        'SELECT (SELECT count(*) FROM stg)::INT AS n, (SELECT count(*) FROM stg_err)::INT AS errs',
      );
      if (n !== prepared.records || errs > 0) {
        throw new Error(`${file.name}: the CSV reader found ${n} rows (${errs} unreadable) where the file has ${prepared.records}; nothing was loaded`);
      }
    }
  } catch (e) {
    if (e instanceof WorkerDiedError || (e instanceof Error && e.message.startsWith(file.name))) throw e;
    throw new Error(`${file.name}: could not be read as CSV or Parquet (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
  } finally {
    if (!parquet) await db.dropFile(regName).catch(() => undefined);
  }

  const header = (await db.rows<{ column_name: string }>('DESCRIBE stg')).map((r) => r.column_name);
  // Stand-ins for broken records (csv-prepare.ts) are in `stg` only to keep the row numbers.
  const goodRows = broken.length > 0 ? 'WHERE stg.rowid + 1 NOT IN (SELECT rec FROM broken_rows)' : '';
  const detection = detectMapping(header);
  const mapping = { ...(opts.mapping ?? detection.mapping), ...(opts.cellSpacingM !== undefined ? { cellSpacingM: opts.cellSpacingM } : {}) };
  const missing = opts.mapping ? missingRoles(opts.mapping) : detection.missing;
  if (missing.length > 0) {
    const sample = await db.rows<Record<string, string | null>>(`SELECT COLUMNS(*)::VARCHAR FROM stg ${goodRows} LIMIT 5`);
    // ingestFile drops the staging tables on the way out, as for any other error.
    throw new NeedsMappingError(file.name, header, sample, { mapping, missing });
  }
  for (const c of Object.values(mapping.columns)) {
    if (c && !header.includes(c)) throw new Error(`${file.name}: mapped column "${c}" is not in the file`);
  }
  if (mapping.cellSpacingM !== undefined && !(mapping.cellSpacingM > 0 && Number.isFinite(mapping.cellSpacingM))) {
    throw new Error(`${file.name}: the cell spacing given, ${mapping.cellSpacingM} m, is not a positive number of metres`);
  }

  progress('checking', 0.3);
  await buildNormalised(env, mapping, header, goodRows);

  progress('locating', 0.5);
  const newLocations = await locateNewPoints(env);

  const precision = await filePrecision(db, mapping);

  progress('writing', 0.8);
  const { counts: reasonCounts, kept, crimesKept, rejected, read } = await writeRows(
    db, sourceId, file.name, hash, mapping, broken, recordsInFile, newLocations, precision,
  );
  await dropStaging(db);
  progress('done', 1);
  return {
    fileName: file.name, status: 'loaded', sourceId, format: mapping.format,
    rowsRead: read, kept, crimesKept, rejected, rejectReasons: reasonCounts, newLocations, precision,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/**
 * Builds `norm`: one row per staged row with its parsed values and the first check it fails,
 * if any. Written as a chain of CREATE TABLE AS (no UPDATEs: on DuckDB-WASM, updating every
 * row of a large table several times cost more than the whole parse).
 */
async function buildNormalised(env: IngestEnv, m: ColumnMapping, header: readonly string[], goodRows: string): Promise<void> {
  const { db } = env;
  const bng = m.coordinates === 'bng';
  const xCol = col(m, bng ? 'easting' : 'longitude');
  const yCol = col(m, bng ? 'northing' : 'latitude');
  const stopSearch = m.format === 'police-stop-search';
  const context = stopSearch
    ? `NULLIF(concat_ws('; ', 'Object of search: ' || ${text(m, 'context')}, 'Legislation: ' || ${header.includes('Legislation') ? `NULLIF(trim(stg."Legislation"), '')` : 'NULL'}), '')`
    : text(m, 'context');
  const categoryRaw = stopSearch ? sqlString(STOP_AND_SEARCH) : text(m, 'category');
  const categoryJoin = stopSearch ? '' : `LEFT JOIN category_alias a ON a.alias = lower(trim(${col(m, 'category')}))`;
  const monthRaw = text(m, 'month');
  // A count is a whole number of crimes, at least 1 and within INTEGER: '3', ' 3 ', '+3', and
  // '3.0' (a Parquet DOUBLE column read as text) are 3; '0', '-2', '1.5', 'x', '' and
  // '9999999999' are refused. Without a count column every row is one crime.
  const countRaw = m.columns.count ? text(m, 'count') : 'NULL::VARCHAR';
  const crimeCount = m.columns.count
    ? `CASE WHEN regexp_full_match(count_raw, '\\+?[0-9]+(\\.0*)?') THEN try_cast(regexp_extract(count_raw, '^\\+?([0-9]+)', 1) AS INTEGER) END`
    : '1';

  await db.exec(UK_LOCAL_MACRO);
  // Stage 1: parse. The month tries police.uk's 'YYYY-MM' first; COALESCE evaluates the later
  // (costlier) formats only for rows the earlier ones left NULL.
  const parsed = `
    SELECT *, date_trunc('month', COALESCE(ym, uk_local(utc), other))::DATE AS month FROM (
      SELECT
        (stg.rowid + 1)::INT AS src_row,
        ${text(m, 'crimeId')} AS crime_id,
        ${monthRaw} AS month_raw,
        try_strptime(${monthRaw}, '%Y-%m') AS ym,
        CASE WHEN ym IS NULL THEN try_strptime(${monthRaw}, ${OFFSET_FORMATS})::TIMESTAMP END AS utc,
        CASE WHEN ym IS NULL AND utc IS NULL THEN try_strptime(${monthRaw}, ${LOCAL_FORMATS}) END AS other,
        ${categoryRaw} AS category_raw,
        ${stopSearch ? sqlString(STOP_AND_SEARCH) : 'a.crime_type'} AS crime_type,
        NULLIF(trim(${xCol}), '') AS x_raw,
        NULLIF(trim(${yCol}), '') AS y_raw,
        try_cast(x_raw AS DOUBLE) AS x,
        try_cast(y_raw AS DOUBLE) AS y,
        ${stopSearch ? 'NULL::VARCHAR' : text(m, 'reportedBy')} AS reported_by,
        ${stopSearch ? 'NULL::VARCHAR' : text(m, 'fallsWithin')} AS falls_within,
        ${text(m, 'location')} AS location,
        ${text(m, 'lsoaCode')} AS lsoa_code,
        ${text(m, 'lsoaName')} AS lsoa_name,
        ${text(m, 'outcome')} AS last_outcome,
        ${context} AS context,
        ${countRaw} AS count_raw,
        ${crimeCount} AS crime_count
      FROM stg ${categoryJoin} ${goodRows})`;

  // Stage 2: coordinates to WGS84: identity for lon/lat (parsed rows feed stage 3 directly),
  // proj4 over the distinct pairs for BNG (parsed rows are materialised first to find them).
  let source = `(SELECT p.*, x AS lon, y AS lat FROM (${parsed}) p)`;
  if (bng) {
    await db.exec(`CREATE TEMP TABLE norm0 AS ${parsed}`);
    const pairs = await db.query(
      'SELECT DISTINCT x, y FROM norm0 WHERE x BETWEEN ? AND ? AND y BETWEEN ? AND ?',
      [BNG_BOUNDS.minE, BNG_BOUNDS.maxE, BNG_BOUNDS.minN, BNG_BOUNDS.maxN],
    );
    const e = Float64Array.from(pairs.getChild('x')!.toArray() as Float64Array);
    const n = Float64Array.from(pairs.getChild('y')!.toArray() as Float64Array);
    const { lon, lat } = await env.bngToWgs84(e, n);
    await db.exec('DROP TABLE IF EXISTS bng_map');
    await db.insertColumns('bng_map', { bx: e, by: n, lon, lat }, { create: true });
    source = '(SELECT norm0.*, b.lon, b.lat FROM norm0 LEFT JOIN bng_map b ON b.bx = norm0.x AND b.by = norm0.y)';
  }

  // Stage 3: the first failing check names the reason (order: month, category, coordinates, count).
  const R = REJECT_REASONS;
  await db.exec(`CREATE TEMP TABLE norm1 AS
    SELECT *,
      CASE
        WHEN month IS NULL THEN ${sqlString(R.badMonth)}
        WHEN crime_type IS NULL THEN ${sqlString(R.unknownCategory)}
        WHEN x_raw IS NULL OR y_raw IS NULL THEN ${sqlString(R.noCoordinates)}
        WHEN x IS NULL OR y IS NULL OR NOT isfinite(x) OR NOT isfinite(y) THEN ${sqlString(R.badCoordinates)}
        WHEN lon IS NULL OR NOT (lon BETWEEN ${UK_BOUNDS.minLon} AND ${UK_BOUNDS.maxLon} AND lat BETWEEN ${UK_BOUNDS.minLat} AND ${UK_BOUNDS.maxLat})
          THEN ${sqlString(R.outsideUk)}
        WHEN crime_count IS NULL OR crime_count < 1 THEN ${sqlString(R.badCount)}
      END AS reason,
      CASE reason
        WHEN ${sqlString(R.badMonth)} THEN 'month: ' || COALESCE(month_raw, '(empty)')
        WHEN ${sqlString(R.unknownCategory)} THEN 'category: ' || COALESCE(category_raw, '(empty)')
        WHEN ${sqlString(R.badCoordinates)} THEN 'coordinates: ' || x_raw || ', ' || y_raw
        WHEN ${sqlString(R.outsideUk)} THEN 'coordinates: ' || x_raw || ', ' || y_raw
        WHEN ${sqlString(R.badCount)} THEN 'count: ' || COALESCE(count_raw, '(empty)')
      END AS detail
    FROM ${source};
    DROP TABLE IF EXISTS norm0; DROP TABLE IF EXISTS bng_map`);

  // Stage 4: records already loaded from another file. police.uk repeats a Crime ID for each
  // offence and outcome of one crime, so a repeated ID inside a file is not a duplicate. A row is
  // one when an identical record (ID, month, type, count, point, location, outcome) was loaded
  // before: as a multiset, so a file holding three identical rows of which two were loaded adds one.
  const [{ overlap }] = await db.rows<{ overlap: number }>(
    'SELECT count(*)::INT AS overlap FROM crimes WHERE month IN (SELECT DISTINCT month FROM norm1 WHERE reason IS NULL)',
  );
  const key = ['crime_id', 'month', 'crime_type', 'crime_count', 'lon', 'lat', 'location', 'last_outcome'];
  if (overlap > 0) {
    await db.exec(`CREATE TEMP TABLE dup_rows AS
      WITH fresh AS (
        SELECT src_row, ${key.join(', ')}, row_number() OVER (PARTITION BY ${key.join(', ')} ORDER BY src_row) AS k
        FROM norm1 WHERE reason IS NULL),
      loaded AS (
        SELECT crime_id, month, crime_type, crime_count, longitude AS lon, latitude AS lat, location, last_outcome, count(*) AS c
        FROM crimes WHERE month IN (SELECT DISTINCT month FROM fresh) GROUP BY ALL)
      SELECT f.src_row FROM fresh f JOIN loaded o ON ${key.map((k) => `f.${k} IS NOT DISTINCT FROM o.${k}`).join(' AND ')}
      WHERE f.k <= o.c`);
    await db.exec(`CREATE TEMP TABLE norm AS
      SELECT norm1.* REPLACE (
        CASE WHEN d.src_row IS NOT NULL THEN ${sqlString(R.duplicate)} ELSE reason END AS reason,
        CASE WHEN d.src_row IS NOT NULL THEN 'already loaded from another file' ELSE detail END AS detail)
      FROM norm1 LEFT JOIN dup_rows d USING (src_row);
      DROP TABLE norm1; DROP TABLE dup_rows`);
  } else {
    // Nothing loaded overlaps these months: no copy needed.
    await db.exec('ALTER TABLE norm1 RENAME TO norm');
  }
}

/**
 * Geocodes kept points not yet in `locations` into `new_locations` (written to `locations` in the
 * same transaction as the crimes, so a failure before the commit leaves no stray points).
 * @returns how many were new
 */
async function locateNewPoints(env: IngestEnv): Promise<number> {
  const { db } = env;
  const pts = await db.query(
    `SELECT DISTINCT lon, lat FROM norm WHERE reason IS NULL
     EXCEPT SELECT longitude, latitude FROM locations`,
  );
  const n = pts.numRows;
  await db.exec('DROP TABLE IF EXISTS new_locations');
  if (n === 0) return 0;
  const lon = Float64Array.from(pts.getChild('lon')!.toArray() as Float64Array);
  const lat = Float64Array.from(pts.getChild('lat')!.toArray() as Float64Array);
  const g = await env.geocode(lon, lat);
  const [{ base }] = await db.rows<{ base: number }>('SELECT COALESCE(max(loc_id), 0)::INT AS base FROM locations');
  const ids = new Int32Array(n);
  for (let i = 0; i < n; i++) ids[i] = base + 1 + i;
  const cols: Record<string, Float64Array | Int32Array | BigUint64Array | (string | null)[]> = {
    loc_id: ids, longitude: lon, latitude: lat,
  };
  H3_RESOLUTIONS.forEach((r, i) => (cols[`h3_${r}`] = g.cells[i]));
  cols.ward_code = g.ward;
  cols.borough_code = g.borough;
  cols.bcu_code = g.bcu;
  await db.insertColumns('new_locations', cols, { create: true });
  return n;
}

/** The precision the user stated in the mapping step, else an aggregated extract's detected grid, else points. */
async function filePrecision(db: DbClient, m: ColumnMapping): Promise<SpatialPrecision> {
  if (m.cellSpacingM !== undefined) return spacingPrecision(m.cellSpacingM, H3_RESOLUTIONS);
  return m.columns.count ? detectGridPrecision(db) : POINT_PRECISION;
}

/**
 * The grid of an aggregated extract, from the distinct points of its kept rows (the cell centres).
 * An isolated reject does not move it; an extract of only refused rows has no limit.
 */
async function detectGridPrecision(db: DbClient): Promise<SpatialPrecision> {
  const pts = await db.query('SELECT DISTINCT lon, lat FROM norm WHERE reason IS NULL');
  const lon = pts.getChild('lon')?.toArray() as Float64Array | undefined;
  const lat = pts.getChild('lat')?.toArray() as Float64Array | undefined;
  return lon && lat ? gridPrecision(lon, lat, H3_RESOLUTIONS) : POINT_PRECISION;
}

/** Writes rejects, kept crimes and the source row in one transaction. @returns reject counts */
async function writeRows(
  db: DbClient,
  sourceId: number,
  fileName: string,
  hash: string,
  m: ColumnMapping,
  broken: BrokenRecord[],
  recordsInFile: number | null,
  newLocations: number,
  precision: SpatialPrecision,
): Promise<{ counts: Record<string, number>; kept: number; crimesKept: number; rejected: number; read: number }> {
  const dataset = m.format === 'police-stop-search' ? 'stop-and-search' : 'street';
  await db.exec('BEGIN TRANSACTION');
  try {
    if (newLocations > 0) await db.exec('INSERT INTO locations BY NAME SELECT * FROM new_locations');
    const [{ refused }] = await db.rows<{ refused: number }>('SELECT count(*)::INT AS refused FROM norm WHERE reason IS NOT NULL');
    if (refused > 0) {
      // The raw row (all its fields, as read) is rendered only for the rows refused.
      await db.exec(
        `INSERT INTO rejects SELECT ?, ?, n.src_row, n.reason, n.detail, CAST(stg AS VARCHAR)
         FROM (SELECT * FROM norm WHERE reason IS NOT NULL) n JOIN stg ON stg.rowid = n.src_row - 1 ORDER BY n.src_row`,
        [sourceId, fileName],
      );
    }
    if (broken.length > 0) {
      await db.insertColumns('broken_rejects', {
        rec: Int32Array.from(broken, (r) => r.record),
        reason: broken.map((r) => r.reason),
        detail: broken.map((r) => r.detail),
        raw: broken.map((r) => r.raw),
      });
      await db.exec('INSERT INTO rejects SELECT ?, ?, rec, reason, detail, raw FROM broken_rejects ORDER BY rec', [sourceId, fileName]);
      await db.exec('DROP TABLE broken_rejects');
    }
    await db.exec(
      `INSERT INTO crimes (crime_id, month, reported_by, falls_within, longitude, latitude, location, lsoa_code, lsoa_name,
                           crime_type, crime_count, last_outcome, context, dataset, source_id, source_row, loc_id)
       SELECT n.crime_id, n.month, n.reported_by, n.falls_within, n.lon, n.lat, n.location, n.lsoa_code, n.lsoa_name,
              n.crime_type, n.crime_count, n.last_outcome, n.context, ?, ?, n.src_row, l.loc_id
       FROM norm n JOIN locations l ON l.longitude = n.lon AND l.latitude = n.lat
       WHERE n.reason IS NULL ORDER BY n.src_row`,
      [dataset, sourceId],
    );
    const counts = await db.rows<{ reason: string; n: number }>(
      'SELECT reason, count(*)::INT AS n FROM rejects WHERE source_id = ? GROUP BY reason ORDER BY reason',
      [sourceId],
    );
    const [{ kept, crimes }] = await db.rows<{ kept: number; crimes: number }>(
      'SELECT count(*)::INT AS kept, COALESCE(sum(crime_count), 0)::DOUBLE AS crimes FROM crimes WHERE source_id = ?',
      [sourceId],
    );
    const rejected = counts.reduce((a, c) => a + c.n, 0);
    // A CSV's records were counted before DuckDB read it; each must be kept or refused, once.
    const read = recordsInFile ?? kept + rejected;
    if (kept + rejected !== read) {
      throw new Error(`${fileName}: ${kept} kept and ${rejected} rejected do not add up to the ${read} rows of the file; nothing was loaded`);
    }
    await db.exec(
      `INSERT INTO sources (source_id, file_name, sha256, format, rows_read, rows_kept, rows_rejected, crimes_kept,
                            cell_area_m2, finest_resolution, loaded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ${precision.cellAreaM2 === null ? 'NULL' : '?'}, ${precision.finestResolution === null ? 'NULL' : '?'}, now()::TIMESTAMP)`,
      [
        sourceId, fileName, hash, m.format, read, kept, rejected, crimes,
        ...(precision.cellAreaM2 === null ? [] : [precision.cellAreaM2]),
        ...(precision.finestResolution === null ? [] : [precision.finestResolution]),
      ],
    );
    await db.exec('COMMIT');
    return { counts: Object.fromEntries(counts.map((c) => [c.reason, c.n])), kept, crimesKept: crimes, rejected, read };
  } catch (e) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
