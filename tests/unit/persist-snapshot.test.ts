/**
 * The loaded data's tables out of DuckDB and back in (src/db/snapshot.ts), on the engine the
 * browser runs: a file with kept rows, refused rows (with their raw text) and a detected grid
 * precision is ingested; its tables, restored into a fresh database, are the same rows, its
 * precision and cube are the same, and the same file loaded again is known as already loaded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCube } from '../../src/db/cube';
import { loadedPrecision } from '../../src/db/precision';
import { exportTables, importTables, SNAPSHOT_TABLES, type TableSnapshot } from '../../src/db/snapshot';
import { ingestFile, type IngestEnv } from '../../src/ingest/pipeline';
import { enc, freshEnv } from './helpers/env';
import { countCsv } from './helpers/hex-grid';

const file = countCsv({ badRows: ['2023-01,Burglary,-0.128100,51.508000,0', '2023-01,Nonsense,-0.128100,51.508000,2'] });
const ORDER: Record<string, string> = {
  sources: 'source_id', locations: 'loc_id', crimes: 'source_id, source_row', rejects: 'source_id, source_row',
};
const all = (env: IngestEnv, t: string) => env.db.rows(`SELECT * EXCLUDE (${t === 'sources' ? 'loaded_at' : 'rowid_'}) FROM (SELECT *, 0 AS rowid_ FROM ${t}) ORDER BY ${ORDER[t]}`);

describe('snapshot of the ingested tables', () => {
  let first: IngestEnv;
  let second: IngestEnv;
  let snap: TableSnapshot;
  beforeAll(async () => {
    first = await freshEnv();
    const r = await ingestFile(first, { name: 'grid.csv', data: enc(file.text) });
    expect([r.status, r.kept, r.rejected, r.crimesKept]).toEqual(['loaded', 20, 2, 60]);
    snap = await exportTables(first.db);
    second = await freshEnv();
    await importTables(second.db, snap);
  });

  it('restores every row of every table, the refused rows with their reason and raw text', async () => {
    for (const t of SNAPSHOT_TABLES) expect(await all(second, t), t).toEqual(await all(first, t));
    const rejects = await second.db.rows<{ reason: string; raw: string }>('SELECT reason, raw FROM rejects ORDER BY source_row');
    expect(rejects.map((r) => r.reason)).toEqual(['count not a positive integer', 'unknown category']);
    expect(rejects[1].raw).toContain('Nonsense');
    const [{ crimes }] = await second.db.rows<{ crimes: number }>('SELECT sum(crime_count)::INT AS crimes FROM crimes');
    expect(crimes).toBe(60);
  });

  it('gives the same precision and the same cube', async () => {
    expect(await loadedPrecision(second.db)).toEqual(await loadedPrecision(first.db));
    expect((await loadedPrecision(second.db)).finestResolution).toBe(9);
    const [a, b] = [await buildCube(first.db, 9), await buildCube(second.db, 9)];
    expect(b.cells).toEqual(a.cells);
    expect([...b.count]).toEqual([...a.count]);
    expect([...b.count].reduce((x, y) => x + y, 0)).toBe(60);
  });

  it('knows the restored file: loading it again adds nothing', async () => {
    const again = await ingestFile(second, { name: 'grid-again.csv', data: enc(file.text) });
    expect(again.status).toBe('duplicate-file');
  });

  it('restores only into empty tables, and a snapshot that does not fit leaves them empty', async () => {
    await expect(importTables(second.db, snap)).rejects.toThrow('empty tables');
    const third = await freshEnv();
    // The crimes table's bytes given as the locations table: it does not fit, and nothing stays.
    await expect(importTables(third.db, { ...snap, locations: snap.crimes })).rejects.toThrow();
    const [{ n }] = await third.db.rows<{ n: number }>('SELECT ((SELECT count(*) FROM sources) + (SELECT count(*) FROM crimes))::INT AS n');
    expect(n).toBe(0);
  });
});
