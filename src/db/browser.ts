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
import { isFatalWasmError, watchWorker } from './worker-failure';

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
  // A crashed worker never answers: every call is raced against its death, and the next
  // getBrowserClient() starts a new engine.
  const watch = watchWorker(worker, 'duckdb');
  watch.onDeath(() => (inFlight = null));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await watch.guard(db.instantiate(bundle.mainModule, bundle.pthreadWorker));
  const conn = await watch.guard(db.connect());
  for (const s of SESSION_SETTINGS) await watch.guard(conn.query(s));

  /** Runs one engine call; after an abort or trap the instance is unusable, so it counts as a crash. */
  const call = async <T>(sql: string, f: () => Promise<T>): Promise<T> => {
    try {
      return await watch.guard(f());
    } catch (e) {
      if (watch.died) throw watch.died;
      if (isFatalWasmError(e)) {
        watch.kill(e instanceof Error ? e.message : String(e));
        throw watch.died!;
      }
      throw sql ? queryError(sql, e) : e;
    }
  };

  const run = (sql: string, params?: readonly unknown[]): Promise<arrow.Table> =>
    call(sql, async () => {
      if (hasParams(params)) {
        const stmt = await conn.prepare(sql);
        try {
          return await stmt.query(...params);
        } finally {
          await stmt.close();
        }
      }
      return conn.query(sql);
    });

  return {
    query: run,
    queryIPC: (sql) => call(sql, () => conn.useUnsafe((b, c) => b.runQuery(c, sql))),
    async exec(sql, params) {
      await run(sql, params);
    },
    async rows<T>(sql: string, params?: readonly unknown[]) {
      return tableToRows<T>(await run(sql, params));
    },
    async insertColumns(table, columns, opts) {
      await call('', () => conn.insertArrowFromIPCStream(columnsToIPC(arrow, columns), { name: table, create: opts?.create ?? true }));
    },
    async insertArrowIPC(table, ipc, opts) {
      await call('', () => conn.insertArrowFromIPCStream(ipc, { name: table, create: opts?.create ?? true }));
    },
    async registerFile(name, source) {
      await call('', () =>
        source instanceof Uint8Array
          ? db.registerFileBuffer(name, source)
          : db.registerFileHandle(name, source, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true),
      );
    },
    async dropFile(name) {
      await call('', () => db.dropFile(name));
    },
    version: () => call('', () => db.getVersion()),
    async close() {
      if (!watch.died) {
        await conn.close();
        await db.terminate();
      }
      inFlight = null;
    },
    crash(detail) {
      watch.kill(detail);
    },
  };
}
