/**
 * DuckDB-WASM in Node through its blocking bindings (STACK.md section 2: AsyncDuckDB does not
 * run in Node). Used by the command-line twin, the unit tests and the benchmark, so that they
 * run the very engine the browser runs.
 */
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import type { Table } from 'apache-arrow';
import { columnsToIPC } from './arrow-columns';
import { type DbClient, type FileSource, hasParams, queryError, tableToRows } from './client';
import { SESSION_SETTINGS } from './schema';

const require = createRequire(import.meta.url);
// duckdb-node-blocking.cjs requires the CJS Arrow; tables must be built with that same copy.
const arrow = require('apache-arrow') as typeof import('apache-arrow');
const dist = (f: string) => require.resolve(`@duckdb/duckdb-wasm/dist/${f}`);

export async function createNodeClient(): Promise<DbClient> {
  const db = await duckdb.createDuckDB(
    {
      mvp: { mainModule: dist('duckdb-mvp.wasm'), mainWorker: dist('duckdb-node-mvp.worker.cjs') },
      eh: { mainModule: dist('duckdb-eh.wasm'), mainWorker: dist('duckdb-node-eh.worker.cjs') },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  const conn = db.connect();
  for (const s of SESSION_SETTINGS) conn.query(s);

  const run = (sql: string, params?: readonly unknown[]): Table => {
    try {
      if (hasParams(params)) {
        const stmt = conn.prepare(sql);
        try {
          return stmt.query(...params) as unknown as Table;
        } finally {
          stmt.close();
        }
      }
      return conn.query(sql) as unknown as Table;
    } catch (e) {
      throw queryError(sql, e);
    }
  };

  return {
    async query(sql, params) {
      return run(sql, params);
    },
    async queryIPC(sql) {
      try {
        return conn.useUnsafe((b, c) => b.runQuery(c, sql));
      } catch (e) {
        throw queryError(sql, e);
      }
    },
    async exec(sql, params) {
      run(sql, params);
    },
    async rows<T>(sql: string, params?: readonly unknown[]) {
      return tableToRows<T>(run(sql, params));
    },
    async insertColumns(table, columns, opts) {
      conn.insertArrowFromIPCStream(columnsToIPC(arrow, columns), { name: table, create: opts?.create ?? true });
    },
    async insertArrowIPC(table, ipc, opts) {
      conn.insertArrowFromIPCStream(ipc, { name: table, create: opts?.create ?? true });
    },
    async registerFile(name: string, source: FileSource) {
      const bytes = source instanceof Uint8Array ? source : new Uint8Array(await source.arrayBuffer());
      db.registerFileBuffer(name, bytes);
    },
    async dropFile(name) {
      db.dropFile(name);
    },
    async version() {
      return db.getVersion();
    },
    async close() {
      conn.close();
      db.reset();
    },
  };
}

/** Reads a local file into bytes for {@link DbClient.registerFile}. */
export async function readLocalFile(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path));
}
