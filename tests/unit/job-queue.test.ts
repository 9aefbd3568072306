import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCube } from '../../src/db/cube';
import { WorkerDiedError } from '../../src/db/worker-failure';
import { ingestFile } from '../../src/ingest/pipeline';
import { JobQueue } from '../../src/state/job-queue';
import { DATA, freshEnv } from './helpers/env';

const STREET = join(DATA, 'samples', '2023-01-metropolitan-street-sample.csv');
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('JobQueue', () => {
  it('runs jobs one at a time, in the order asked for, and reports what waits', async () => {
    const q = new JobQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = q.run('A', async () => {
      log.push('A start');
      await gate;
      log.push('A end');
      return 1;
    });
    const b = q.run('B', async () => {
      log.push('B');
      return 2;
    });
    await tick();
    expect(q.state().running?.label).toBe('A');
    expect(q.state().waiting.map((j) => j.label)).toEqual(['B']);
    expect(log).toEqual(['A start']);
    release();
    expect(await Promise.all([a, b])).toEqual([1, 2]);
    expect(log).toEqual(['A start', 'A end', 'B']);
    expect(q.idle()).toBe(true);
  });

  it('a failed job rejects its caller and the next job still runs', async () => {
    const q = new JobQueue();
    const bad = q.run('bad', async () => {
      throw new Error('boom');
    });
    const good = q.run('good', async () => 'ok');
    await expect(bad).rejects.toThrow('boom');
    expect(await good).toBe('ok');
  });

  it('runLatest joins a waiting job with the same key instead of queueing another', async () => {
    const q = new JobQueue();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    void q.run('load', () => gate);
    let runs = 0;
    const builds = [1, 2, 3, 4].map(() => q.runLatest('cube', 'cube', async () => ++runs));
    expect(q.state().waiting).toHaveLength(1);
    release();
    expect(await Promise.all(builds)).toEqual([1, 1, 1, 1]);
    // Once the build runs, a new request queues a new build (the running one may be stale).
    let release2!: () => void;
    const gate2 = new Promise<void>((r) => (release2 = r));
    const running = q.runLatest('cube', 'cube', () => gate2.then(() => ++runs));
    await tick();
    const next = q.runLatest('cube', 'cube', async () => ++runs);
    release2();
    expect([await running, await next]).toEqual([2, 3]);
  });

  it('serialised cube builds beside an ingest give exact totals (the 8x inflation of racing builds)', async () => {
    const env = await freshEnv();
    const q = new JobQueue();
    const bytes = new Uint8Array(readFileSync(STREET));
    const load = q.run('load', () => ingestFile(env, { name: 's.csv', data: bytes }));
    const cubes = ([8, 7, 10, 9] as const).map((r) => q.run(`cube ${r}`, () => buildCube(env.db, r)));
    const report = await load;
    for (const c of await Promise.all(cubes)) {
      const sum = c.count.reduce((a, b) => a + b, 0);
      expect(sum).toBe(report.kept);
    }
  });
});

describe('ingest rollback', () => {
  it('a worker that dies mid-file leaves no crimes, locations, rejects, source or staging table of that file', async () => {
    const env = await freshEnv();
    const bytes = new Uint8Array(readFileSync(STREET));
    const tables = async () =>
      (await env.db.rows<{ t: string }>('SELECT table_name AS t FROM duckdb_tables() ORDER BY 1')).map((r) => r.t);
    const counts = () =>
      env.db.rows<{ c: number; l: number; r: number; s: number }>(
        `SELECT (SELECT count(*) FROM crimes)::INT c, (SELECT count(*) FROM locations)::INT l,
                (SELECT count(*) FROM rejects)::INT r, (SELECT count(*) FROM sources)::INT s`,
      );
    // Schema exists after a first (empty-handed) call.
    await ingestFile(env, { name: 'empty.csv', data: new TextEncoder().encode('a,b\n') }).catch(() => undefined);
    const before = await counts();
    const tablesBefore = await tables();
    const dying = { ...env, geocode: async () => Promise.reject(new WorkerDiedError('ingest', 'Aborted(OOM)')) };
    await expect(ingestFile(dying, { name: 'big.csv', data: bytes })).rejects.toBeInstanceOf(WorkerDiedError);
    // The ingest worker died, DuckDB lives: staging was left for the next file to clear.
    const failing = { ...env, geocode: async () => Promise.reject(new Error('geocoding failed')) };
    await expect(ingestFile(failing, { name: 'big.csv', data: bytes })).rejects.toThrow('geocoding failed');
    expect(await counts()).toEqual(before);
    expect(await tables()).toEqual(tablesBefore);
    // And the same file then loads whole.
    const r = await ingestFile(env, { name: 'big.csv', data: bytes });
    expect(r.status).toBe('loaded');
    expect(r.kept + r.rejected).toBe(4000);
  });
});

describe('JobQueue idle', () => {
  it('is idle when the last job’s caller resumes', async () => {
    const q = new JobQueue();
    await q.run('only', async () => 1);
    expect(q.idle()).toBe(true);
    await q.run('fails', async () => Promise.reject(new Error('x'))).catch(() => undefined);
    expect(q.idle()).toBe(true);
  });
});

describe('error messages for people', () => {
  it('DuckDB-WASM JSON errors become words, and the SQL stays out of the report line', async () => {
    const { engineMessage, queryError, userMessage } = await import('../../src/db/client');
    const json = new Error('{"exception_type":"Catalog","exception_message":"Table with name new_locations already exists!"}');
    expect(engineMessage(json)).toBe('Catalog error: Table with name new_locations already exists!');
    const q = queryError('CREATE TABLE new_locations AS SELECT 1', json);
    expect(q.message).toContain('in SQL: CREATE TABLE');
    expect(userMessage(q)).toBe('Catalog error: Table with name new_locations already exists!');
    expect(userMessage(new Error('plain words'))).toBe('plain words');
    expect(engineMessage(new Error('{not json'))).toBe('{not json');
  });
});
