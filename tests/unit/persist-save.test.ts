/**
 * Saving and restoring the loaded data (src/state/persist/persist-model.ts) over an in-memory file
 * store and the browser's DuckDB engine: a save writes the tables, the user's files and the
 * manifest; a save that fails part way (a full quota) leaves the previous manifest and every file
 * it names as they were, removes its own partial files and says why in words; a snapshot is
 * offered only for the dataset it was saved with, and restores to the same rows.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFile, type IngestEnv } from '../../src/ingest/pipeline';
import { MANIFEST_NAME, parseManifest } from '../../src/state/persist/manifest';
import type { FileStore } from '../../src/state/persist/opfs-store';
import { createPersistModel } from '../../src/state/persist/persist-model';
import { importTables } from '../../src/db/snapshot';
import { enc, freshEnv } from './helpers/env';
import { countCsv } from './helpers/hex-grid';

const URL_HEX = '/assets/hex-abc.parquet';

/** Files in memory; `failOn` makes writes of matching names throw as a full disk does. */
function memoryStore() {
  const files = new Map<string, Uint8Array>();
  let failOn: RegExp | null = null;
  const store: FileStore = {
    async write(name, data) {
      if (failOn?.test(name)) throw new DOMException('full', 'QuotaExceededError');
      const bytes = typeof data === 'string' ? enc(data) : data instanceof Uint8Array ? data.slice() : new Uint8Array(await data.arrayBuffer());
      files.set(name, bytes);
    },
    async read(name) {
      const b = files.get(name);
      return b ? new File([b as Uint8Array<ArrayBuffer>], name) : null;
    },
    async list() {
      return [...files].map(([name, b]) => ({ name, size: b.length }));
    },
    async remove(name) {
      files.delete(name);
    },
    async removeAll() {
      files.clear();
    },
  };
  return { store, files, fail: (re: RegExp | null) => (failOn = re) };
}

const first = countCsv({ badRows: ['2023-01,Burglary,-0.128100,51.508000,0'] });
const grid = countCsv();
const second = { ...grid, text: grid.text.replaceAll('2023-01', '2023-02') };

describe('saving the loaded data', () => {
  let env: IngestEnv;
  const mem = memoryStore();
  const persist = createPersistModel(mem.store);
  const userFile = (name: string, text: string, hash: string) => ({ name, hash, data: enc(text) });
  let hashes: string[];

  beforeAll(async () => {
    env = await freshEnv();
    await ingestFile(env, { name: 'a.csv', data: enc(first.text) });
    hashes = (await env.db.rows<{ sha256: string }>('SELECT sha256 FROM sources ORDER BY source_id')).map((r) => r.sha256);
    persist.changed();
    await persist.save({ db: env.db, datasetId: 'hex', datasetUrl: URL_HEX, files: [userFile('a.csv', first.text, hashes[0])], reports: [] });
  });

  it('writes the four tables, the user file and the manifest, and is then in sync', async () => {
    expect(persist.saveError()).toBeNull();
    expect(persist.inSync()).toBe(true);
    expect([...mem.files.keys()].sort()).toEqual(
      [`file-${hashes[0]}`, MANIFEST_NAME, 'snap-1-crimes.arrow.gz', 'snap-1-locations.arrow.gz', 'snap-1-rejects.arrow.gz', 'snap-1-sources.arrow.gz'].sort(),
    );
    // Each table is gzipped (magic bytes 1f 8b), and the manifest records the stored size.
    const crimes = mem.files.get('snap-1-crimes.arrow.gz')!;
    expect([crimes[0], crimes[1]]).toEqual([0x1f, 0x8b]);
    const m = parseManifest(new TextDecoder().decode(mem.files.get(MANIFEST_NAME)));
    expect(m.tables.crimes.size).toBe(crimes.length);
    expect(m.key.files).toEqual([hashes[0]]);
    expect(m.files[0]).toEqual({ name: 'a.csv', hash: hashes[0], size: first.text.length });
  });

  it('offers the snapshot for its own dataset only, and it restores the same rows', async () => {
    expect(await persist.restorable('other', URL_HEX)).toBeNull();
    expect(await persist.restorable('hex', '/assets/hex-new.parquet')).toBeNull();
    const r = (await persist.restorable('hex', URL_HEX))!;
    expect(r.files.map((f) => f.name)).toEqual(['a.csv']);
    const fresh = await freshEnv();
    await importTables(fresh.db, await r.tables());
    const [{ kept, rejected }] = await fresh.db.rows<{ kept: number; rejected: number }>(
      'SELECT (SELECT count(*) FROM crimes)::INT AS kept, (SELECT count(*) FROM rejects)::INT AS rejected',
    );
    expect([kept, rejected]).toEqual([20, 1]);
  });

  it('a save that fails at the manifest keeps the previous save whole, removes its own files, and says why', async () => {
    await ingestFile(env, { name: 'b.csv', data: enc(second.text) });
    persist.changed();
    const before = new Map(mem.files);
    const h2 = (await env.db.rows<{ sha256: string }>('SELECT sha256 FROM sources WHERE source_id = 2'))[0].sha256;
    mem.fail(/^manifest/);
    await persist.save({
      db: env.db, datasetId: 'hex', datasetUrl: URL_HEX, files: [userFile('a.csv', first.text, hashes[0]), userFile('b.csv', second.text, h2)], reports: [],
    });
    expect(persist.saveError()).toMatch(/^Could not save the loaded data for the next visit: the browser storage for this site is full\. The copy saved .* is kept\./);
    expect(persist.inSync()).toBe(false);
    expect([...mem.files.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [k, v] of before) expect(mem.files.get(k)).toEqual(v);
    // The previous snapshot still restores: one file, 20 rows.
    const r = (await persist.restorable('hex', URL_HEX))!;
    expect(r.manifest.generation).toBe(1);
    expect(r.files.map((f) => f.name)).toEqual(['a.csv']);
  });

  it('the next save succeeds, replaces the previous generation and deletes its files', async () => {
    mem.fail(null);
    const h2 = (await env.db.rows<{ sha256: string }>('SELECT sha256 FROM sources WHERE source_id = 2'))[0].sha256;
    await persist.save({
      db: env.db, datasetId: 'hex', datasetUrl: URL_HEX, files: [userFile('a.csv', first.text, hashes[0]), userFile('b.csv', second.text, h2)], reports: [],
    });
    expect(persist.saveError()).toBeNull();
    const names = [...mem.files.keys()];
    expect(names.filter((n) => n.startsWith('snap-1-'))).toEqual([]);
    expect(names.filter((n) => n.startsWith('snap-2-'))).toHaveLength(4);
    expect((await persist.restorable('hex', URL_HEX))!.files.map((f) => f.name)).toEqual(['a.csv', 'b.csv']);
  });

  it('a kept file of the wrong size makes the snapshot unusable', async () => {
    const name = [...mem.files.keys()].find((n) => n.startsWith('file-'))!;
    mem.files.set(name, mem.files.get(name)!.subarray(1));
    expect(await persist.restorable('hex', URL_HEX)).toBeNull();
  });
});
