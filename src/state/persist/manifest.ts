/**
 * What the saved copy of the loaded data is, and when it may be used (pure: no OPFS, no DuckDB).
 *
 * The saved copy is a set of files in the browser's private file system (./opfs-store.ts) and
 * one manifest naming them, written last: a manifest names only files written completely before
 * it, so whatever fails mid-save, the manifest on disk and every file it names stay valid.
 *
 * A snapshot is the loaded data derived from (1) this app's persisted format, (2) one embedded
 * dataset and (3) the user's files in their load order. Its key says exactly that, and a
 * snapshot is used only when its key equals the key of what this open would load:
 * - the format: {@link PERSIST_FORMAT} and a hash of the schema's SQL, so a schema change makes
 *   every older snapshot stale by itself; a change to what the ingest writes (new reject rules,
 *   say) must bump PERSIST_FORMAT;
 * - the embedded dataset: its id and the URL it is served from, which Vite names after the
 *   file's content (`london-2025-26-hex100m-<hash>.parquet`), so a new build of the data makes
 *   the old snapshot stale without reading the file;
 * - the user's files: each one's content hash (the ingest's own, `sources.sha256`).
 * The user's original files are kept beside the snapshot (one file each, named after its hash)
 * with their column mappings, so that a dataset switch, or a stale snapshot, loads them again.
 */
import type { IngestReport } from '../../ingest/pipeline';
import type { ColumnMapping } from '../../ingest/detect';
import { SNAPSHOT_TABLES, type SnapshotTable } from '../../db/snapshot';

/** Bump when what the ingest writes into the tables, or how they are saved, changes without a schema change (2: gzip). */
export const PERSIST_FORMAT = 2;

/** The manifest's file name: the one file read first on open and written last on save. */
export const MANIFEST_NAME = 'manifest.json';

/** A user's file kept for loading again. */
export interface SavedFile {
  /** The name it was loaded under. */
  name: string;
  /** The ingest's content hash (`sources.sha256`). */
  hash: string;
  /** Its size in bytes (a kept copy of another size is damaged and not used). */
  size: number;
  /** The column mapping the user chose, when detection was not enough. */
  mapping?: ColumnMapping;
}

export interface SnapshotKey {
  format: string;
  datasetId: string;
  datasetUrl: string;
  /** The user's files' hashes in load order. */
  files: string[];
}

export interface Manifest {
  key: SnapshotKey;
  /** Increases with each save: names this save's files apart from the previous save's. */
  generation: number;
  /** ISO time of the save. */
  savedAt: string;
  /** The user's files in load order (their hashes are `key.files`). */
  files: SavedFile[];
  /** Each table's file and size in bytes. */
  tables: Record<SnapshotTable, { file: string; size: number }>;
  /** The Data panel's report lines as they were when saved. */
  reports: IngestReport[];
}

/** FNV-1a, 32 bits, hex: enough to tell one schema text from another. */
export function textHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The format part of a key: {@link PERSIST_FORMAT} and the schema's hash. */
export function formatKey(schemaSql: string): string {
  return `${PERSIST_FORMAT}:${textHash(schemaSql)}`;
}

export function sameKey(a: SnapshotKey, b: SnapshotKey): boolean {
  return a.format === b.format && a.datasetId === b.datasetId && a.datasetUrl === b.datasetUrl &&
    a.files.length === b.files.length && a.files.every((h, i) => h === b.files[i]);
}

/**
 * Whether a snapshot can stand for this open: the same format and embedded dataset. The user's
 * files are not asked for (they are whatever was saved): they come from the same manifest.
 */
export function usableFor(m: Manifest, open: { format: string; datasetId: string; datasetUrl: string }): boolean {
  return m.key.format === open.format && m.key.datasetId === open.datasetId && m.key.datasetUrl === open.datasetUrl;
}

/** A kept user file's name in storage: its hash, made safe for a file name (a sampled hash has a colon). */
export function storedFileName(hash: string): string {
  return `file-${hash.replace(/[^0-9a-zA-Z_-]/g, '_')}`;
}

/** A table's file name in save `generation`. */
export function tableFileName(generation: number, table: SnapshotTable): string {
  return `snap-${generation}-${table}.arrow.gz`;
}

/** A cached cube's file name: one per snapshot generation and resolution. */
export function cubeFileName(generation: number, resolution: number): string {
  return `cube-${generation}-r${resolution}.bin.gz`;
}

/** Every file a manifest needs (its tables and the user's files), not the manifest itself. */
export function referencedFiles(m: Manifest): string[] {
  return [...SNAPSHOT_TABLES.map((t) => m.tables[t].file), ...m.files.map((f) => storedFileName(f.hash))];
}

/**
 * Files to delete once manifest `m` is on disk: everything of an earlier save that `m` does not
 * name, the cubes of other generations included. Names that are not the saved data's (another
 * kind of file) are never touched.
 */
export function staleFiles(names: readonly string[], m: Manifest): string[] {
  const keep = new Set(referencedFiles(m));
  const cubeOfThis = new RegExp(`^cube-${m.generation}-r\\d+\\.bin(\\.gz)?$`);
  return names.filter((n) => {
    if (n === MANIFEST_NAME || keep.has(n) || cubeOfThis.test(n)) return false;
    return /^snap-\d+-[a-z]+\.arrow(\.gz)?$/.test(n) || /^file-[0-9a-zA-Z_-]+$/.test(n) || /^cube-\d+-r\d+\.bin(\.gz)?$/.test(n);
  });
}

/**
 * Reads a manifest file's text.
 * @throws {Error} saying what is wrong: not JSON, or a field missing or of the wrong kind
 */
export function parseManifest(text: string): Manifest {
  let j: unknown;
  try {
    j = JSON.parse(text);
  } catch {
    throw new Error('the saved data manifest is not JSON');
  }
  const bad = (what: string): never => {
    throw new Error(`the saved data manifest is damaged: ${what}`);
  };
  if (typeof j !== 'object' || j === null) bad('not an object');
  const m = j as Partial<Manifest>;
  const k = m.key as Partial<SnapshotKey> | undefined;
  if (!k || typeof k.format !== 'string' || typeof k.datasetId !== 'string' || typeof k.datasetUrl !== 'string' ||
      !Array.isArray(k.files) || !k.files.every((h) => typeof h === 'string')) bad('no valid key');
  if (!Number.isInteger(m.generation) || (m.generation as number) < 1) bad('no generation');
  if (typeof m.savedAt !== 'string') bad('no time of saving');
  if (!Array.isArray(m.files) || !m.files.every((f) => typeof f?.name === 'string' && typeof f.hash === 'string' && Number.isFinite(f.size))) bad('no valid file list');
  if (m.files!.map((f) => f.hash).join('\n') !== k!.files!.join('\n')) bad('its file list and key differ');
  for (const t of SNAPSHOT_TABLES) {
    const e = m.tables?.[t];
    if (!e || typeof e.file !== 'string' || !Number.isFinite(e.size)) bad(`no file for the table ${t}`);
  }
  if (!Array.isArray(m.reports)) bad('no report lines');
  return m as Manifest;
}
