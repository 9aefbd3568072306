/**
 * data/recorded-crime/: byte copies of the MPS recorded crime by ward (the Met's own Home Office
 * offence counts, London Datastore "MPS Recorded Crime: Geographic Breakdown"), wide format:
 * one row per ward x offence group x subgroup, one column per month `YYYYMM`.
 */
import { join, resolve } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { InputError, rows, sqlString } from './common.ts';
import { type PinnedFile, type VerifiedCopy, copyVerified } from './verified-copy.ts';

const RECORDED_DIR = 'crime/mps-recorded-crime';

/** The two ward files of `fenneh/london-crime-data`, pinned (and their row counts) as ../shared/data/SOURCES.md lists them. */
export const RECORDED_CRIME_FILES: readonly { id: string; from: string; to: string; pin: PinnedFile; rows: number }[] = [
  {
    id: 'ward-historical',
    from: `${RECORDED_DIR}/recorded-crime-ward-historical.parquet`,
    to: 'recorded-crime/ward-historical.parquet',
    rows: 21_118,
    pin: {
      bytes: 1_876_834,
      gitBlob: '06ff9139d9a30b5a544a9fd2684cc4b0fd7435cb',
      sha256: '2992b6adf8e58026ed25264a508ccfa5fdb7d3361e2009c36e6a8c8a5c532216',
    },
  },
  {
    id: 'ward',
    from: `${RECORDED_DIR}/recorded-crime-ward.parquet`,
    to: 'recorded-crime/ward.parquet',
    rows: 18_688,
    pin: {
      bytes: 284_139,
      gitBlob: '753c88bbb81dd2efa5166956d49aa0a28fd13c44',
      sha256: 'ae8108f5286cb498bf78700ffee401eb19219546864ee038cda92e56a587b853',
    },
  },
];

const KEY_COLUMNS = ['wardname', 'wardcode', 'majortext', 'minortext', 'lookup_boroughname'];

export interface RecordedCrimeFile {
  id: string;
  /** Path relative to data/. */
  path: string;
  copy: VerifiedCopy;
  rows: number;
  wards: number;
  /** Offence groups (majortext) and subgroups (majortext, minortext). */
  groups: number;
  subgroups: number;
  /** First and last month column, 'YYYY-MM'. */
  months: [string, string];
  monthCount: number;
  /** Offences summed over every ward, subgroup and month. */
  offences: number;
  /** Offences per month (every ward and subgroup). */
  offencesByMonth: Record<string, number>;
  /** Ward codes not among the Met's wards of wards.geojson. */
  unknownWards: string[];
}

const toMonth = (col: string) => `${col.slice(0, 4)}-${col.slice(4, 6)}`;

/** Copies and describes the two ward files; their ward codes must be Met wards of 2022. */
export async function copyRecordedCrime(
  sharedDir: string,
  outDir: string,
  metWardCodes: ReadonlySet<string>,
): Promise<RecordedCrimeFile[]> {
  const out: RecordedCrimeFile[] = [];
  for (const f of RECORDED_CRIME_FILES) {
    const copy = copyVerified(join(sharedDir, f.from), join(outDir, f.to), f.pin, `MPS recorded crime file ${f.id}`);
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run(`SET autoload_known_extensions = false`);
      await conn.run(`CREATE VIEW src AS SELECT * FROM read_parquet(${sqlString(resolve(copy.file))})`);
      const cols = (await rows(conn, `DESCRIBE src`)).map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
      const missing = KEY_COLUMNS.filter((k) => !cols.some((c) => c.name === k));
      if (missing.length > 0) throw new InputError(`${copy.file}: no column ${missing.join(', ')}`);
      const monthCols = cols.filter((c) => /^\d{6}$/.test(c.name)).map((c) => c.name).sort();
      if (monthCols.length === 0) throw new InputError(`${copy.file}: no YYYYMM month columns`);
      const [t] = await rows(conn, `SELECT count(*) AS rows, count(DISTINCT wardcode) AS wards,
          count(DISTINCT majortext) AS groups, count(DISTINCT (majortext, minortext)) AS subgroups FROM src`);
      if (Number(t!.rows) !== f.rows) throw new Error(`${copy.file}: DuckDB reads ${t!.rows} rows, expected ${f.rows}`);
      const perMonth = await rows(conn, `SELECT month, sum(value)::BIGINT AS n FROM
          (UNPIVOT src ON COLUMNS('^\\d{6}$') INTO NAME month VALUE value) GROUP BY 1 ORDER BY 1`);
      const offencesByMonth: Record<string, number> = {};
      for (const r of perMonth) offencesByMonth[toMonth(String(r.month))] = Number(r.n);
      const codes = (await rows(conn, `SELECT DISTINCT wardcode AS c FROM src ORDER BY 1`)).map((r) => String(r.c));
      out.push({
        id: f.id,
        path: f.to,
        copy,
        rows: Number(t!.rows),
        wards: Number(t!.wards),
        groups: Number(t!.groups),
        subgroups: Number(t!.subgroups),
        months: [toMonth(monthCols[0]!), toMonth(monthCols.at(-1)!)],
        monthCount: monthCols.length,
        offences: Object.values(offencesByMonth).reduce((a, b) => a + b, 0),
        offencesByMonth,
        unknownWards: codes.filter((c) => !metWardCodes.has(c)),
      });
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  }
  return out;
}
