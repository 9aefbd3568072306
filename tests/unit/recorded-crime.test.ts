/**
 * The MPS recorded crime tables (src/db/recorded-crime.ts), built on the app's engine
 * (DuckDB-WASM's blocking bindings, parquet-wasm) from the shipped wide files, against sums
 * computed here with native DuckDB (@duckdb/node-api) straight from the same Parquet files.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import * as parquetWasm from 'parquet-wasm/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbClient } from '../../src/db/client';
import { createNodeClient } from '../../src/db/node';
import {
  boroughSeries,
  loadRecordedCrime,
  londonSeries,
  offenceGroups,
  offencesByWard,
  type RecordedCrimeLoad,
  recordedMonthSpan,
  recordedWard,
  wardSeries,
} from '../../src/db/recorded-crime';
import { parquetRowGroupsToIPC } from '../../src/ingest/parquet';
import { DATA } from './helpers/env';

const HISTORICAL = join(DATA, 'recorded-crime', 'ward-historical.parquet');
const CURRENT = join(DATA, 'recorded-crime', 'ward.parquet');
// Hackney Central (Hackney): a ward of one of the boroughs the 2017-18 sample lacks.
const WARD = 'E05009372';
const HEATHROW_VILLAGES = 'E05013570';

type Native = { one(sql: string): Promise<number>; all(sql: string): Promise<Record<string, unknown>[]> };

async function nativeDuckDb(): Promise<Native> {
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  return {
    async one(sql) {
      return Number((await conn.runAndReadAll(sql)).getRows()[0][0]);
    },
    async all(sql) {
      return (await conn.runAndReadAll(sql)).getRowObjectsJson() as Record<string, unknown>[];
    },
  };
}

/**
 * Long form of each file, written independently of the app's code: DuckDB's own Parquet reader
 * and UNPIVOT; months up to 2024-02 from the historical file, later ones from the current file.
 */
const LONG = `(
  SELECT wardcode, lookup_boroughname, majortext, minortext, m, v FROM (UNPIVOT '${HISTORICAL}' ON COLUMNS('^[0-9]{6}$') INTO NAME m VALUE v)
  UNION ALL
  SELECT wardcode, lookup_boroughname, majortext, minortext, m, v FROM (UNPIVOT '${CURRENT}' ON COLUMNS('^[0-9]{6}$') INTO NAME m VALUE v) WHERE m > '202402'
)`;

describe('MPS recorded crime by ward: the tidy table', () => {
  let db: DbClient;
  let native: Native;
  let load: RecordedCrimeLoad;

  beforeAll(async () => {
    [db, native] = await Promise.all([createNodeClient(), nativeDuckDb()]);
    load = await loadRecordedCrime(db, {
      historical: await parquetRowGroupsToIPC(parquetWasm, readFileSync(HISTORICAL)),
      current: await parquetRowGroupsToIPC(parquetWasm, readFileSync(CURRENT)),
    });
  });
  afterAll(async () => db?.close());

  it('has the columns the issue asks for, with month a DATE and offences an INTEGER', async () => {
    const cols = await db.rows<{ column_name: string; column_type: string }>('SELECT column_name, column_type FROM (DESCRIBE recorded_crime)');
    expect(cols.map((c) => [c.column_name, c.column_type])).toEqual([
      ['ward_code', 'VARCHAR'], ['ward_name', 'VARCHAR'], ['borough_name', 'VARCHAR'], ['month', 'DATE'],
      ['offence_group', 'VARCHAR'], ['offence_subgroup', 'VARCHAR'], ['offences', 'INTEGER'],
    ]);
  });

  it('covers all 679 Met wards, 2010-04 to 2026-02, with 13 Home Office offence groups', async () => {
    expect(load.wards).toBe(679);
    expect(load.span).toEqual({ first: '2010-04', last: '2026-02' });
    expect(await recordedMonthSpan(db)).toEqual(load.span);
    const groups = await offenceGroups(db);
    expect(groups).toEqual((await native.all(`SELECT DISTINCT majortext AS g FROM '${CURRENT}' ORDER BY g`)).map((r) => r.g));
    expect(groups).toHaveLength(13);
  });

  it('reports the month both files hold, and takes it from the historical file (the current file\'s 2024-02 is a stub)', async () => {
    const h = await native.one(`SELECT sum("202402") FROM '${HISTORICAL}'`);
    const c = await native.one(`SELECT sum("202402") FROM '${CURRENT}'`);
    expect(load.overlap).toEqual([{ month: '2024-02', historical: h, current: c }]);
    expect([h, c]).toEqual([73_652, 40]);
    const [t] = await db.rows<{ n: number }>(`SELECT sum(offences)::BIGINT AS n FROM recorded_crime WHERE month = DATE '2024-02-01'`);
    expect(t.n).toBe(h);
  });

  it('holds every offence of both files once: the grand total and the total per group and month agree with native sums', async () => {
    const [t] = await db.rows<{ n: number }>('SELECT sum(offences)::BIGINT AS n FROM recorded_crime');
    expect(t.n).toBe(await native.one(`SELECT sum(v) FROM ${LONG}`));
    const ours = await db.rows<{ g: string; m: string; n: number }>(
      `SELECT offence_group AS g, strftime(month, '%Y%m') AS m, sum(offences)::BIGINT AS n FROM recorded_crime GROUP BY ALL ORDER BY g, m`,
    );
    const theirs = await native.all(`SELECT majortext AS g, m, sum(v)::BIGINT AS n FROM ${LONG} GROUP BY ALL ORDER BY g, m`);
    expect(ours.length).toBe(13 * 191);
    expect(ours).toEqual(theirs.map((r) => ({ g: r.g, m: r.m, n: Number(r.n) })));
  });

  it('keeps zero months as rows with 0 (one row per ward, month and subgroup of the files)', async () => {
    const [t] = await db.rows<{ rows: number; zeros: number }>(
      'SELECT count(*)::INTEGER AS rows, count(*) FILTER (WHERE offences = 0)::INTEGER AS zeros FROM recorded_crime',
    );
    // Heathrow Villages' rows appear twice in the historical file (Hillingdon and Aviation Security): one row each here.
    const rows = await native.one(`SELECT count(*) FROM (SELECT DISTINCT wardcode, majortext, minortext, m FROM ${LONG})`);
    expect(t.rows).toBe(rows);
    expect(t.rows).toBe(load.rows);
    expect(t.zeros).toBeGreaterThan(1_000_000);
    expect(t.zeros).toBe(
      await native.one(`SELECT count(*) FROM (SELECT wardcode, majortext, minortext, m, sum(v) s FROM ${LONG} GROUP BY ALL) WHERE s = 0`),
    );
  });

  it('one ward\'s series over 36 months across the files\' seam equals the native monthly sums, every month present', async () => {
    const q = { group: null, from: '2023-03', to: '2026-02' };
    const ours = await wardSeries(db, WARD, q);
    const theirs = await native.all(
      `SELECT substr(m, 1, 4) || '-' || substr(m, 5, 2) AS month, sum(v)::BIGINT AS offences FROM ${LONG}
       WHERE wardcode = '${WARD}' AND m BETWEEN '202303' AND '202602' GROUP BY m ORDER BY m`,
    );
    expect(ours).toHaveLength(36);
    expect(ours).toEqual(theirs.map((r) => ({ month: r.month, offences: Number(r.offences) })));
    expect(ours.every((r) => r.offences > 0)).toBe(true);
  });

  it('a group with months of no offences gives a full series with zeros, not a gap', async () => {
    // Robbery of business property in one ward is rare: its months of 0 must be there as 0.
    const q = { group: 'ROBBERY', from: '2024-03', to: '2026-02' };
    const ours = await wardSeries(db, WARD, q);
    expect(ours.map((r) => r.month)).toEqual(
      Array.from({ length: 24 }, (_, i) => `${2024 + Math.floor((i + 2) / 12)}-${String(((i + 2) % 12) + 1).padStart(2, '0')}`),
    );
    const theirs = await native.all(
      `SELECT m, sum(v)::BIGINT AS n FROM ${LONG} WHERE wardcode = '${WARD}' AND majortext = 'ROBBERY' AND m BETWEEN '202403' AND '202602' GROUP BY m ORDER BY m`,
    );
    expect(ours.map((r) => r.offences)).toEqual(theirs.map((r) => Number(r.n)));
  });

  it('a borough\'s series is the sum of its wards, and says how many wards', async () => {
    const q = { group: 'BURGLARY', from: '2024-01', to: '2025-12' };
    const ours = await boroughSeries(db, 'Hackney', q);
    const theirs = await native.all(
      `SELECT sum(v)::BIGINT AS n FROM ${LONG} WHERE lookup_boroughname = 'Hackney' AND majortext = 'BURGLARY' AND m BETWEEN '202401' AND '202512' GROUP BY m ORDER BY m`,
    );
    expect(ours).toHaveLength(24);
    expect(ours.map((r) => r.offences)).toEqual(theirs.map((r) => Number(r.n)));
    const wards = await native.one(`SELECT count(DISTINCT wardcode) FROM '${CURRENT}' WHERE lookup_boroughname = 'Hackney'`);
    expect(ours.every((r) => r.wards === wards)).toBe(true);
  });

  it('London\'s series sums every ward, over the 32 boroughs (Heathrow counted in Hillingdon)', async () => {
    const ours = await londonSeries(db, { group: 'ROBBERY', from: '2025-01', to: '2025-03' });
    const theirs = await native.all(`SELECT sum(v)::BIGINT AS n FROM ${LONG} WHERE majortext = 'ROBBERY' AND m BETWEEN '202501' AND '202503' GROUP BY m ORDER BY m`);
    expect(ours).toEqual(theirs.map((r, i) => ({ month: `2025-0${i + 1}`, offences: Number(r.n), boroughs: 32 })));
  });

  it('offences per ward for a group and period: every ward, each equal to the native sum', async () => {
    const q = { group: 'THEFT', from: '2025-03', to: '2026-02' };
    const ours = await offencesByWard(db, q);
    const theirs = await native.all(
      `SELECT wardcode, sum(v)::BIGINT AS n FROM ${LONG} WHERE majortext = 'THEFT' AND m BETWEEN '202503' AND '202602' GROUP BY wardcode ORDER BY wardcode`,
    );
    expect(ours).toHaveLength(679);
    expect(ours.map((r) => [r.wardCode, r.offences])).toEqual(theirs.map((r) => [r.wardcode, Number(r.n)]));
    const all = await offencesByWard(db, { ...q, group: null });
    expect(all.reduce((a, r) => a + r.offences, 0)).toBe(await native.one(`SELECT sum(v) FROM ${LONG} WHERE m BETWEEN '202503' AND '202602'`));
  });

  it('Heathrow Villages counts its Aviation Security rows and belongs to Hillingdon', async () => {
    expect(await recordedWard(db, HEATHROW_VILLAGES)).toEqual({ wardName: 'Heathrow Villages', boroughName: 'Hillingdon' });
    const [s] = await wardSeries(db, HEATHROW_VILLAGES, { group: null, from: '2024-01', to: '2024-01' });
    expect(s.offences).toBe(await native.one(`SELECT sum("202401") FROM '${HISTORICAL}' WHERE wardcode = '${HEATHROW_VILLAGES}'`));
    expect((await boroughSeries(db, 'Hillingdon', { group: null, from: '2024-01', to: '2024-01' }))[0].wards).toBe(21);
  });

  it('a City of London ward or an unknown borough has no recorded figures (empty, never zeros)', async () => {
    const q = { group: null, from: '2024-01', to: '2024-12' };
    expect(await wardSeries(db, 'E05009288', q)).toEqual([]); // Aldersgate, City of London
    expect(await recordedWard(db, 'E05009288')).toBeNull();
    expect(await boroughSeries(db, 'City of London', q)).toEqual([]);
  });

  it('refuses a malformed month instead of querying with it', async () => {
    await expect(wardSeries(db, WARD, { group: null, from: '2024-13', to: '2025-01' })).rejects.toThrow(/not a 'YYYY-MM' month/);
  });
});
