/**
 * DuckDB-WASM in the browser: AsyncDuckDB in its own worker, bundles served by this app
 * (Vite `?url` imports), never a CDN. Start-up runs once; every caller shares the promise
 * (mosaic's wasm connector does the same "to avoid race conditions").
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import * as arrow from 'apache-arrow';
import { columnsToIPC } from './arrow-columns';
import { type DbClient, hasParams, queryError, tableToRows } from './client';
import { SESSION_SETTINGS } from './schema';

let inFlight: Promise<DbClient> | null = null;

/** The app's one DuckDB client (created on first call). */
export function getBrowserClient(): Promise<DbClient> {
  inFlight ??= startBrowserClient().catch((e) => {
    inFlight = null;
    throw e;
  });
  return inFlight;
}

async function startBrowserClient(): Promise<DbClient> {
  const bundle = await duckdb.selectBundle({
    mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
    eh: { mainModule: ehWasm, mainWorker: ehWorker },
  });
  const worker = new Worker(bundle.mainWorker!);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  const conn = await db.connect();
  for (const s of SESSION_SETTINGS) await conn.query(s);

  const run = async (sql: string, params?: readonly unknown[]): Promise<arrow.Table> => {
    try {
      if (hasParams(params)) {
        const stmt = await conn.prepare(sql);
        try {
          return await stmt.query(...params);
        } finally {
          await stmt.close();
        }
      }
      return await conn.query(sql);
    } catch (e) {
      throw queryError(sql, e);
    }
  };

  return {
    query: run,
    async exec(sql, params) {
      await run(sql, params);
    },
    async rows<T>(sql: string, params?: readonly unknown[]) {
      return tableToRows<T>(await run(sql, params));
    },
    async insertColumns(table, columns, opts) {
      await conn.insertArrowFromIPCStream(columnsToIPC(arrow, columns), { name: table, create: opts?.create ?? true });
    },
    async insertArrowIPC(table, ipc, opts) {
      await conn.insertArrowFromIPCStream(ipc, { name: table, create: opts?.create ?? true });
    },
    async registerFile(name, source) {
      if (source instanceof Uint8Array) await db.registerFileBuffer(name, source);
      else await db.registerFileHandle(name, source, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
    },
    async dropFile(name) {
      await db.dropFile(name);
    },
    version: () => db.getVersion(),
    async close() {
      await conn.close();
      await db.terminate();
      inFlight = null;
    },
  };
}
