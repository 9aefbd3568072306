/**
 * The one query client the app, the command-line twin and the tests talk to.
 *
 * Two engines sit behind it: DuckDB-WASM's AsyncDuckDB in its web worker (browser, `browser.ts`)
 * and DuckDB-WASM's blocking bindings (Node: CLI, Vitest, bench; `node.ts`). Everything above
 * this file is written once against {@link DbClient}.
 *
 * Results are Apache Arrow tables (columnar, zero-copy into typed arrays). Values reach SQL
 * through bound parameters (`?`) or through {@link DbClient.insertColumns}; user text is never
 * pasted into SQL. The only exception is {@link quoteIdent}, used for column names that come
 * from a file's header, which are quoted and escaped.
 */
import type { Table } from 'apache-arrow';

/** Column data for {@link DbClient.insertColumns}: one typed array or string list per column. */
export type ColumnData =
  | Float64Array
  | Int32Array
  | Int16Array
  | Uint8Array
  | BigUint64Array
  | (string | null)[];

/** A file handed to DuckDB: bytes (copied/transferred) or, in the browser, a File it reads itself. */
export type FileSource = Uint8Array | Blob;

export interface DbClient {
  /** Runs one statement and returns its result as an Arrow table. */
  query(sql: string, params?: readonly unknown[]): Promise<Table>;
  /**
   * Runs one statement and returns its result as Arrow IPC stream bytes, as the engine wrote them
   * (no decoding on this side): a table saved whole, to go back in through {@link insertArrowIPC}.
   */
  queryIPC(sql: string): Promise<Uint8Array>;
  /** Runs statements for their effect. */
  exec(sql: string, params?: readonly unknown[]): Promise<void>;
  /** Runs one statement and returns plain row objects (small results only). */
  rows<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Creates (or appends to) a table from columns built with this engine's own Arrow copy. */
  insertColumns(table: string, columns: Record<string, ColumnData>, opts?: { create?: boolean }): Promise<void>;
  /** Creates (or, with `create: false`, appends to) a table from an Arrow IPC stream (e.g. parquet-wasm output). */
  insertArrowIPC(table: string, ipc: Uint8Array, opts?: { create?: boolean }): Promise<void>;
  /** Makes a file readable by name in SQL (`read_csv('name')`). */
  registerFile(name: string, source: FileSource): Promise<void>;
  dropFile(name: string): Promise<void>;
  /** The engine's version string, e.g. v1.4.3. */
  version(): Promise<string>;
  close(): Promise<void>;
  /**
   * Fault injection (browser only): stops the engine's worker as a crash would, so tests can check
   * that a load in flight is rolled back and the engine restarted. Later calls reject with
   * WorkerDiedError.
   */
  crash?(detail: string): void;
}

/** A failed query: keeps the engine's error as `cause` and the SQL that failed. */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(
    message: string,
    readonly sql: string,
    options?: { cause?: unknown },
  ) {
    super(`${message}\n  in SQL: ${sql.length > 400 ? `${sql.slice(0, 400)}…` : sql}`, options);
  }
}

/** Wraps an engine error thrown while running `sql`. */
export function queryError(sql: string, cause: unknown): QueryError {
  return new QueryError(engineMessage(cause), sql, { cause });
}

/**
 * The engine's message in words. DuckDB-WASM hands some errors over as JSON
 * (`{"exception_type":"Catalog","exception_message":"Table with name x already exists!"}`), which
 * must never reach a user as it is.
 */
export function engineMessage(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const t = msg.trim();
  if (t.startsWith('{')) {
    try {
      const j = JSON.parse(t) as { exception_type?: string; exception_message?: string };
      if (j.exception_message) return `${j.exception_type ? `${j.exception_type} error: ` : ''}${j.exception_message}`;
    } catch {
      // not JSON after all: the message as it is
    }
  }
  return msg;
}

/** An error for a person: the engine's words without the SQL that QueryError appends. */
export function userMessage(e: unknown): string {
  if (e instanceof QueryError) return e.message.split('\n  in SQL:')[0];
  return engineMessage(e);
}

/** Quotes an identifier (column or table name) for DuckDB: "a""b". */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Turns an Arrow table into plain objects, converting BigInt to number where it is exact. */
export function tableToRows<T>(table: Table): T[] {
  const out: T[] = [];
  const fields = table.schema.fields.map((f) => f.name);
  const cols = fields.map((f) => table.getChild(f));
  for (let r = 0; r < table.numRows; r++) {
    const row: Record<string, unknown> = {};
    for (let c = 0; c < fields.length; c++) {
      let v = cols[c]?.get(r);
      if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER)) {
        v = Number(v);
      }
      row[fields[c]] = v;
    }
    out.push(row as T);
  }
  return out;
}

/**
 * Binds parameters to a prepared statement when there are any; DuckDB-WASM rejects
 * prepare() for statements without a result (CREATE ...), so those go through query().
 */
export function hasParams(params?: readonly unknown[]): params is readonly unknown[] {
  return params !== undefined && params.length > 0;
}
