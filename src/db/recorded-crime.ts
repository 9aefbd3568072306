/**
 * The Met's own recorded crime by ward (London Datastore, "MPS Recorded Crime: Geographic
 * Breakdown"; data/SOURCES.md) as one tidy table, and the queries the ward layer and the trend
 * read.
 *
 * These are Home Office recorded offences, counted by the Metropolitan Police Service: their
 * groups are not the 14 police.uk categories and anti-social behaviour is not among them. They
 * live in their own tables and are never added to the `crimes` table or its cube.
 *
 * Input: two wide files, one row per ward x offence group (`majortext`) x subgroup (`minortext`)
 * and one BIGINT column per month named `YYYYMM`: the historical file (2010-04..2024-02) and the
 * current one (2024-02..2026-02). DuckDB-WASM has no offline Parquet reader, so the caller hands
 * over each file as Arrow IPC streams (parquet-wasm), as the ingest does.
 *
 * Tables:
 * - `recorded_crime(ward_code, ward_name, borough_name, month DATE, offence_group,
 *   offence_subgroup, offences INTEGER)`: a view over the compact tables below, so that the
 *   four million ward-months keep small integer keys in the browser's memory rather than five
 *   strings each.
 * - `recorded_crime_wards(ward_id, ward_code, ward_name, borough_name)`,
 *   `recorded_crime_offences(offence_id, offence_group, offence_subgroup)`,
 *   `recorded_crime_counts(ward_id, month, offence_id, offences)`.
 *
 * Rules (each checked in tests/unit/recorded-crime.test.ts):
 * - **Overlapping months** come from the historical file: a month is taken from the current file
 *   only when it is later than the historical file's last month. The files share 2024-02, and the
 *   current file's first month is a stub (40 offences in all London against 73,652 in the
 *   historical file, and 73,223 in the current file's next month); {@link RecordedCrimeLoad.overlap}
 *   reports both totals of every shared month.
 * - **Zero months stay**: a file's 0 is a row with 0 offences, not a missing month. A ward and
 *   subgroup with no row at all in a file had no offences in that file's months; the series
 *   queries fill every month of the span, so a trend never meets a gap.
 * - **Duplicate rows add up**: the historical file lists Heathrow Villages (E05013570) twice per
 *   subgroup, once under Hillingdon and once under the Met's Aviation Security command (SO18,
 *   Heathrow), each with its own months; both are offences in that ward, so they are summed.
 * - **A ward's borough** is the London borough its rows name. Rows filed under "Aviation Security
 *   (SO18)" (a Met command, not a borough) count in their ward, whose borough is then the other
 *   name its rows carry (Heathrow Villages: Hillingdon, where the ward lies).
 */
import { type DbClient, quoteIdent } from './client';

/** Arrow IPC streams of one wide file (one per Parquet row group). */
export type IpcChunks = readonly Uint8Array[];

export interface RecordedCrimeFiles {
  /** recorded-crime-ward-historical.parquet (2010-04..2024-02). */
  historical: IpcChunks;
  /** recorded-crime-ward.parquet (2024-02..). */
  current: IpcChunks;
}

/** A month both files hold, with each file's London total (the historical file's is used). */
export interface OverlapMonth {
  month: string;
  historical: number;
  current: number;
}

export interface RecordedCrimeLoad {
  /** Rows of `recorded_crime` (ward x month x subgroup). */
  rows: number;
  wards: number;
  /** First and last month, 'YYYY-MM'. */
  span: MonthSpan;
  overlap: OverlapMonth[];
}

export interface MonthSpan {
  first: string;
  last: string;
}

/** Which offences a query counts: one Home Office offence group, or every group (null). */
export interface OffenceQuery {
  group: string | null;
  /** Inclusive month range, 'YYYY-MM'. */
  from: string;
  to: string;
}

export interface WardOffences {
  wardCode: string;
  wardName: string;
  boroughName: string;
  offences: number;
}

export interface MonthCount {
  /** 'YYYY-MM'. */
  month: string;
  offences: number;
}

export interface BoroughMonth extends MonthCount {
  /** How many wards the borough's sum is over. */
  wards: number;
}

/** Where SOURCES.md says the Met files Heathrow's offences: a command, not a borough. */
const NOT_A_BOROUGH = 'Aviation Security (SO18)';

/**
 * Builds the recorded-crime tables from the two wide files (replacing any earlier ones). Runs
 * several statements over staging tables: in the app, call it as one job on the job queue.
 */
export async function loadRecordedCrime(db: DbClient, files: RecordedCrimeFiles): Promise<RecordedCrimeLoad> {
  if (files.historical.length === 0 || files.current.length === 0) throw new Error('loadRecordedCrime: both ward files are needed');
  await stage(db, 'rc_stage_historical', files.historical);
  await stage(db, 'rc_stage_current', files.current);
  try {
    // Wards and offences first, from the few thousand wide rows, so that the four million
    // ward-months below carry small integer keys and no strings.
    const bothFiles = `(SELECT wardcode, wardname, lookup_boroughname, majortext, minortext FROM rc_stage_historical
      UNION ALL SELECT wardcode, wardname, lookup_boroughname, majortext, minortext FROM rc_stage_current)`;
    await db.exec(`
      CREATE OR REPLACE TABLE recorded_crime_wards AS
      SELECT (row_number() OVER (ORDER BY wardcode))::SMALLINT AS ward_id, wardcode AS ward_code,
             min(wardname) AS ward_name,
             coalesce(min(lookup_boroughname) FILTER (WHERE lookup_boroughname <> ?), min(lookup_boroughname)) AS borough_name
      FROM ${bothFiles} GROUP BY wardcode`, [NOT_A_BOROUGH]);
    await db.exec(`
      CREATE OR REPLACE TABLE recorded_crime_offences AS
      SELECT (row_number() OVER (ORDER BY majortext, minortext))::SMALLINT AS offence_id,
             majortext AS offence_group, minortext AS offence_subgroup
      FROM (SELECT DISTINCT majortext, minortext FROM ${bothFiles})`);
    const historicalMonths = await monthColumns(db, 'rc_stage_historical');
    const currentMonths = await monthColumns(db, 'rc_stage_current');
    const lastHistorical = historicalMonths[historicalMonths.length - 1];
    const shared = currentMonths.filter((m) => historicalMonths.includes(m));
    const overlap: OverlapMonth[] = [];
    for (const m of shared) {
      const [r] = await db.rows<{ h: number; c: number }>(
        `SELECT (SELECT sum(${quoteIdent(m)}) FROM rc_stage_historical)::BIGINT AS h, (SELECT sum(${quoteIdent(m)}) FROM rc_stage_current)::BIGINT AS c`,
      );
      overlap.push({ month: `${m.slice(0, 4)}-${m.slice(4)}`, historical: Number(r.h), current: Number(r.c) });
    }
    // One wide row per ward and subgroup (the duplicated Heathrow rows summed), with integer keys,
    // then long form: a few thousand rows grouped instead of four million. UNPIVOT keeps zeros.
    const wide = (table: string, months: readonly string[]) => `
      SELECT w.ward_id, o.offence_id, ${months.map((m) => `sum(${quoteIdent(m)}) AS ${quoteIdent(m)}`).join(', ')}
      FROM ${table} s
      JOIN recorded_crime_wards w ON w.ward_code = s.wardcode
      JOIN recorded_crime_offences o ON o.offence_group = s.majortext AND o.offence_subgroup = s.minortext
      GROUP BY ALL`;
    const later = currentMonths.filter((m) => m > lastHistorical);
    await db.exec('DROP TABLE IF EXISTS rc_months');
    await db.insertColumns('rc_months', { ym: [...historicalMonths, ...later] });
    const long = (table: string, months: readonly string[]) =>
      `SELECT ward_id, m.month, offence_id, offences::INTEGER AS offences
       FROM (UNPIVOT (${wide(table, months)}) ON ${months.map(quoteIdent).join(', ')} INTO NAME ym VALUE offences) JOIN (SELECT ym, make_date(CAST(substr(ym, 1, 4) AS INTEGER), CAST(substr(ym, 5, 2) AS INTEGER), 1) AS month FROM rc_months) m USING (ym)`;
    await db.exec(`
      CREATE OR REPLACE TABLE recorded_crime_counts AS
      ${long('rc_stage_historical', historicalMonths)}
      ${later.length > 0 ? `UNION ALL ${long('rc_stage_current', later)}` : ''}`);
    await db.exec(`
      CREATE OR REPLACE VIEW recorded_crime AS
      SELECT w.ward_code, w.ward_name, w.borough_name, c.month, o.offence_group, o.offence_subgroup, c.offences
      FROM recorded_crime_counts c
      JOIN recorded_crime_wards w USING (ward_id)
      JOIN recorded_crime_offences o USING (offence_id)`);
    const [t] = await db.rows<{ rows: number; wards: number }>(
      'SELECT (SELECT count(*) FROM recorded_crime_counts)::INTEGER AS rows, (SELECT count(*) FROM recorded_crime_wards)::INTEGER AS wards',
    );
    return { ...t, span: await recordedMonthSpan(db), overlap: overlap.map((o) => ({ ...o, historical: Number(o.historical), current: Number(o.current) })) };
  } finally {
    await db.exec('DROP TABLE IF EXISTS rc_stage_historical; DROP TABLE IF EXISTS rc_stage_current; DROP TABLE IF EXISTS rc_months');
  }
}

/** The file's month columns ('YYYYMM'), in order; every other column must be one of the five named ones. */
async function monthColumns(db: DbClient, table: string): Promise<string[]> {
  const cols = await db.rows<{ name: string }>(`SELECT column_name AS name FROM (DESCRIBE ${table})`);
  const months: string[] = [];
  for (const { name } of cols) {
    if (/^\d{4}(0[1-9]|1[0-2])$/.test(name)) months.push(name);
    else if (!TEXT_COLUMNS.includes(name)) throw new Error(`recorded crime: unexpected column "${name}" (want ${TEXT_COLUMNS.join(', ')} and YYYYMM months)`);
  }
  for (const name of TEXT_COLUMNS) if (!cols.some((c) => c.name === name)) throw new Error(`recorded crime: the file has no column "${name}"`);
  if (months.length === 0) throw new Error('recorded crime: the file has no YYYYMM month columns');
  return months.sort();
}
const TEXT_COLUMNS = ['wardcode', 'wardname', 'lookup_boroughname', 'majortext', 'minortext'];

async function stage(db: DbClient, table: string, chunks: IpcChunks): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${table}`);
  for (const [i, ipc] of chunks.entries()) await db.insertArrowIPC(table, ipc, { create: i === 0 });
}

/** 'YYYY-MM' -> the first day of that month, as DuckDB reads a DATE. */
function monthDate(month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`recorded crime: not a 'YYYY-MM' month: ${month}`);
  return `${month}-01`;
}

/** Bound parameters of an {@link OffenceQuery}: group (NULL = every group), first day, first day. */
function offenceParams(q: OffenceQuery): unknown[] {
  return [q.group, monthDate(q.from), monthDate(q.to)];
}
const OFFENCE_FILTER = `o.offence_group = coalesce(?, o.offence_group) AND c.month BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)`;

/** The first and last month of the recorded data. */
export async function recordedMonthSpan(db: DbClient): Promise<MonthSpan> {
  const [r] = await db.rows<{ first: string | null; last: string | null }>(
    `SELECT strftime(min(month), '%Y-%m') AS first, strftime(max(month), '%Y-%m') AS last FROM recorded_crime_counts`,
  );
  if (!r?.first || !r.last) throw new Error('recorded crime: the table is empty');
  return { first: r.first, last: r.last };
}

/** The Home Office offence groups, in alphabetical order. */
export async function offenceGroups(db: DbClient): Promise<string[]> {
  const rows = await db.rows<{ g: string }>('SELECT DISTINCT offence_group AS g FROM recorded_crime_offences ORDER BY g');
  return rows.map((r) => r.g);
}

/** Offences per ward (every ward of the data, zeros included) for a group and month range. */
export async function offencesByWard(db: DbClient, q: OffenceQuery): Promise<WardOffences[]> {
  const rows = await db.rows<WardOffences>(
    `SELECT w.ward_code AS "wardCode", w.ward_name AS "wardName", w.borough_name AS "boroughName",
            coalesce(t.n, 0)::BIGINT AS offences
     FROM recorded_crime_wards w
     LEFT JOIN (SELECT c.ward_id, sum(c.offences) AS n
                FROM recorded_crime_counts c JOIN recorded_crime_offences o USING (offence_id)
                WHERE ${OFFENCE_FILTER} GROUP BY c.ward_id) t USING (ward_id)
     ORDER BY w.ward_code`,
    offenceParams(q),
  );
  return rows.map((r) => ({ ...r, offences: Number(r.offences) }));
}

/**
 * Monthly offences in one ward, every month of the range (0 where the ward had none). Empty when
 * the ward is not in the data (a City of London ward, say).
 */
export async function wardSeries(db: DbClient, wardCode: string, q: OffenceQuery): Promise<MonthCount[]> {
  const rows = await db.rows<{ month: string; offences: number | bigint }>(
    `WITH months AS (SELECT unnest(generate_series(CAST(? AS DATE), CAST(? AS DATE), INTERVAL 1 MONTH))::DATE AS month),
          ward AS (SELECT ward_id FROM recorded_crime_wards WHERE ward_code = ?),
          t AS (SELECT c.month, sum(c.offences) AS n
                FROM recorded_crime_counts c JOIN recorded_crime_offences o USING (offence_id)
                WHERE c.ward_id = (SELECT ward_id FROM ward) AND ${OFFENCE_FILTER} GROUP BY c.month)
     SELECT strftime(m.month, '%Y-%m') AS month, coalesce(t.n, 0)::BIGINT AS offences
     FROM months m LEFT JOIN t USING (month)
     WHERE EXISTS (SELECT 1 FROM ward)
     ORDER BY m.month`,
    [monthDate(q.from), monthDate(q.to), wardCode, ...offenceParams(q)],
  );
  return rows.map((r) => ({ month: r.month, offences: Number(r.offences) }));
}

/**
 * Monthly offences in a borough: the sum over the borough's wards (MPS borough names, e.g.
 * "Hackney"), every month of the range, with the number of wards summed. Empty for a name not in
 * the data.
 */
export async function boroughSeries(db: DbClient, boroughName: string, q: OffenceQuery): Promise<BoroughMonth[]> {
  const rows = await db.rows<{ month: string; offences: number | bigint; wards: number }>(
    `WITH months AS (SELECT unnest(generate_series(CAST(? AS DATE), CAST(? AS DATE), INTERVAL 1 MONTH))::DATE AS month),
          wards AS (SELECT ward_id FROM recorded_crime_wards WHERE borough_name = ?),
          t AS (SELECT c.month, sum(c.offences) AS n
                FROM recorded_crime_counts c JOIN recorded_crime_offences o USING (offence_id)
                WHERE c.ward_id IN (SELECT ward_id FROM wards) AND ${OFFENCE_FILTER} GROUP BY c.month)
     SELECT strftime(m.month, '%Y-%m') AS month, coalesce(t.n, 0)::BIGINT AS offences,
            (SELECT count(*) FROM wards)::INTEGER AS wards
     FROM months m LEFT JOIN t USING (month)
     WHERE EXISTS (SELECT 1 FROM wards)
     ORDER BY m.month`,
    [monthDate(q.from), monthDate(q.to), boroughName, ...offenceParams(q)],
  );
  return rows.map((r) => ({ month: r.month, offences: Number(r.offences), wards: r.wards }));
}

/** Monthly offences over every ward (all of the Met's London), with the number of boroughs the wards lie in. */
export async function londonSeries(db: DbClient, q: OffenceQuery): Promise<(MonthCount & { boroughs: number })[]> {
  const rows = await db.rows<{ month: string; offences: number | bigint; boroughs: number }>(
    `WITH months AS (SELECT unnest(generate_series(CAST(? AS DATE), CAST(? AS DATE), INTERVAL 1 MONTH))::DATE AS month),
          t AS (SELECT c.month, sum(c.offences) AS n
                FROM recorded_crime_counts c JOIN recorded_crime_offences o USING (offence_id)
                WHERE ${OFFENCE_FILTER} GROUP BY c.month)
     SELECT strftime(m.month, '%Y-%m') AS month, coalesce(t.n, 0)::BIGINT AS offences,
            (SELECT count(DISTINCT borough_name) FROM recorded_crime_wards)::INTEGER AS boroughs
     FROM months m LEFT JOIN t USING (month)
     ORDER BY m.month`,
    [monthDate(q.from), monthDate(q.to), ...offenceParams(q)],
  );
  return rows.map((r) => ({ month: r.month, offences: Number(r.offences), boroughs: r.boroughs }));
}

/** One ward's names as the recorded data has them (null: not in the data, e.g. a City ward). */
export async function recordedWard(db: DbClient, wardCode: string): Promise<{ wardName: string; boroughName: string } | null> {
  const [r] = await db.rows<{ wardName: string; boroughName: string }>(
    'SELECT ward_name AS "wardName", borough_name AS "boroughName" FROM recorded_crime_wards WHERE ward_code = ?',
    [wardCode],
  );
  return r ?? null;
}
