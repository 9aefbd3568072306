/**
 * The ingested tables out of DuckDB and back in, whole, as Arrow IPC streams: what the app keeps
 * in the browser so that a second open restores the loaded data instead of ingesting it again
 * (issue 14, item 5; src/state/persist/ decides when and where).
 *
 * Arrow IPC rather than Parquet: DuckDB-WASM writes it without any extension (its Parquet writer
 * is a network extension, STACK.md section 4), and it goes back in about 3x faster than Parquet
 * (STACK.md section 9: 1M rows in 0.05-0.07 s against 0.13-0.23 s). The bytes are the engine's
 * own (`queryIPC`), never decoded on the page.
 */
import type { DbClient } from './client';
import { ensureSchema } from '../ingest/pipeline';

/** Every table an ingest writes: together they are the loaded data (precision lives in `sources`). */
export const SNAPSHOT_TABLES = ['sources', 'locations', 'crimes', 'rejects'] as const;
export type SnapshotTable = (typeof SNAPSHOT_TABLES)[number];
export type TableSnapshot = Record<SnapshotTable, Uint8Array>;

/** Each table as an Arrow IPC stream, in its stored row order (rejects and crimes keep their file order). */
export async function exportTables(db: DbClient): Promise<TableSnapshot> {
  const out = {} as TableSnapshot;
  // Table names come from the fixed list above, never from user text.
  for (const t of SNAPSHOT_TABLES) out[t] = ipcFileToStream(await db.queryIPC(`SELECT * FROM ${t}`));
  return out;
}

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"

/**
 * The stream inside an Arrow IPC *file*, without a copy. DuckDB-WASM's `runQuery` writes the file
 * format, and its `insertArrowFromIPCStream` silently inserts nothing from one: the file format is
 * "ARROW1", padding to 8 bytes, the stream (ending with its end-of-stream marker), the footer, the
 * footer's size (int32) and "ARROW1" again (Arrow columnar format, "IPC File Format"). A stream
 * is returned as it is.
 */
export function ipcFileToStream(bytes: Uint8Array): Uint8Array {
  const isMagic = (at: number) => MAGIC.every((b, i) => bytes[at + i] === b);
  if (bytes.length < 18 || !isMagic(0)) return bytes;
  if (!isMagic(bytes.length - 6)) throw new Error('an Arrow IPC file without its closing magic bytes (cut short?)');
  const footer = new DataView(bytes.buffer, bytes.byteOffset + bytes.length - 10, 4).getInt32(0, true);
  const end = bytes.length - 10 - footer;
  if (footer < 0 || end < 8) throw new Error('an Arrow IPC file with a damaged footer');
  return bytes.subarray(8, end);
}

/**
 * Fills the (empty) tables from a snapshot, in one transaction: a snapshot that does not fit the
 * schema (columns of another number or type) fails whole and leaves the tables empty, so the
 * caller can load the data the slow way instead.
 * @throws {Error} when the tables are not empty or a table does not fit
 */
export async function importTables(db: DbClient, snapshot: TableSnapshot): Promise<void> {
  await ensureSchema(db);
  const [{ n }] = await db.rows<{ n: number }>(
    `SELECT ((SELECT count(*) FROM sources) + (SELECT count(*) FROM crimes) + (SELECT count(*) FROM rejects) + (SELECT count(*) FROM locations))::INT AS n`,
  );
  if (n > 0) throw new Error('the saved data can only be restored into empty tables');
  await db.exec('BEGIN TRANSACTION');
  try {
    // Straight into the tables, by position: a snapshot is used only under the schema it was
    // saved with (its key holds the schema's hash, src/state/persist/manifest.ts), and a copy
    // through a staging table cost a second here for the default data.
    for (const t of SNAPSHOT_TABLES) await db.insertArrowIPC(t, snapshot[t], { create: false });
    await db.exec('COMMIT');
  } catch (e) {
    await db.exec('ROLLBACK').catch(() => undefined);
    throw e;
  }
}
