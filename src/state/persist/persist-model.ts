/**
 * Loaded data that persists (issue 14, item 5): the user's files, their rejects and report lines,
 * the embedded dataset as ingested, and the hexagon cube survive a reload and a browser restart,
 * in the browser's private file system (OPFS, ./opfs-store.ts).
 *
 * **Design.** The database stays in memory; after each load the ingested tables are saved whole
 * as Arrow IPC files, gzipped (src/db/snapshot.ts, ./gzip.ts), with the user's original files and a manifest written
 * last (./manifest.ts: what a snapshot is keyed by, and why a stale one is never used). On open, a
 * usable snapshot is inserted into a fresh DuckDB instead of fetching and ingesting (the SQL
 * checks, locating and writing: about 4.5 s of the 9-10 s first open here), and the cube saved
 * with it (./cube-file.ts) is drawn at once, before DuckDB has even started (2-3 s of start-up
 * alone, STACK.md section 4), so the second open's map does not wait for the database.
 * DuckDB's own OPFS database (STACK.md section 9) was not used: it needs a setting without which
 * committed data is lost silently, allows one tab at a time, and user SQL on it can destroy the
 * file; a snapshot keeps the in-memory database of every other part of the app as it was.
 *
 * **Atomic saves.** A save writes this generation's table files and any new user file first, the
 * manifest last, then deletes what the manifest no longer names. A failure at any step (a full
 * quota: QuotaExceededError) deletes this save's partial files, leaves the previous manifest and
 * its files valid, says so in words (`saveError`), and touches nothing in memory: the page goes
 * on with everything loaded, and the next load saves again.
 *
 * **When the snapshot is not used.** For another embedded dataset (a link with another `ds=`) or
 * after an app update that changed the schema, the embedded data is loaded as on a first visit
 * and the saved user files are loaded again on top (their mappings kept), then saved anew.
 *
 * **Tabs.** Saves take a Web Lock, so two tabs never write at once; the last tab to save wins
 * (each tab keeps its own data in memory).
 *
 * **Harm edits** persist in localStorage (./harm-edits.ts: a link with `hw=` wins).
 * **The tasking log** (`tasking-log.json`, src/state/lifecycle/) is the meeting's record: it is
 * counted in the storage shown, but cleared only when the user asks for it explicitly.
 */
import { type Accessor, createEffect, createMemo, createSignal, on } from 'solid-js';
import type { CrimeCube } from '../../analysis/cube';
import type { DbClient } from '../../db/client';
import { SCHEMA_SQL } from '../../db/schema';
import { exportTables, SNAPSHOT_TABLES, type TableSnapshot } from '../../db/snapshot';
import type { ColumnMapping } from '../../ingest/detect';
import type { IngestReport } from '../../ingest/pipeline';
import { LOG_FILE_NAME } from '../lifecycle/opfs-log';
import { storageErrorWords } from '../opfs';
import { decodeCube, encodeCube } from './cube-file';
import { gunzip, gzip } from './gzip';
import { HARM_EDITS_KEY, saveHarmEdits } from './harm-edits';
import {
  cubeFileName, formatKey, type Manifest, MANIFEST_NAME, parseManifest, referencedFiles, staleFiles, storedFileName, tableFileName,
  usableFor,
} from './manifest';
import { type FileStore, opfsFileStore, removeRootFile, rootFileSize } from './opfs-store';

/** A user's file as the load model holds it. */
export interface UserFile {
  name: string;
  hash: string;
  data: Blob | Uint8Array;
  mapping?: ColumnMapping;
}

/** What a save writes: the database's tables, the user's files in load order, the report lines. */
export interface SaveRequest {
  db: DbClient;
  datasetId: string;
  datasetUrl: string;
  files: UserFile[];
  reports: IngestReport[];
}

/** A snapshot this open can restore. */
export interface Restorable {
  manifest: Manifest;
  /** Reads the table files (call inside the restoring job). */
  tables(): Promise<TableSnapshot>;
  /** The user's kept files, read lazily, for a later dataset switch or crash recovery. */
  files: UserFile[];
}

/** Bytes kept in this browser, by kind. */
export interface StorageUsage {
  /** The loaded data's tables. */
  snapshot: number;
  /** The user's original files. */
  files: number;
  /** Saved hexagon cubes (one per resolution used). */
  cubes: number;
  /** The manifest and the harm edits. */
  other: number;
  /** The tasking log (the meeting's decisions). */
  log: number;
  total: number;
}

export interface PersistModel {
  /** The snapshot usable for this open of `datasetId`, or null (none, another dataset, stale, damaged). */
  restorable(datasetId: string, datasetUrl: string): Promise<Restorable | null>;
  /** The user's kept files whatever their snapshot's dataset (loaded again when the snapshot is not usable). */
  savedFiles(): Promise<UserFile[]>;
  /** The saved cube of a usable snapshot at `resolution`, or null. */
  savedCube(datasetId: string, datasetUrl: string, resolution: number): Promise<CrimeCube | null>;
  /** The load model restored the snapshot of this manifest: the tables now equal the saved data. */
  restored(m: Manifest): void;
  /** The tables changed (a file loaded, the dataset switched): the saved copy is behind until the next save. */
  changed(): void;
  /** True while the tables equal the saved copy (nothing to save). */
  inSync(): boolean;
  /** Saves the loaded data (call as a database job). Never throws: a failure is in {@link saveError}. */
  save(req: SaveRequest): Promise<void>;
  /** A cube was built from the tables as they are now: kept with the saved copy when that is current. */
  cubeBuilt(cube: CrimeCube): void;
  /** Keeps the user's harm edits whenever they change (not the ones a link opened with). */
  keepHarmEdits(edits: () => Record<string, number>): void;
  usage: Accessor<StorageUsage | null>;
  refreshUsage(): Promise<void>;
  /** Why the last save failed, in words (null once saved). */
  saveError: Accessor<string | null>;
  /** What the saved copy is: when it was saved, and whether this open restored it. */
  savedAt: Accessor<string | null>;
  restoredThisOpen: Accessor<boolean>;
  /** Removes the saved data and harm edits (and the tasking log only when asked), then reloads without `hw=`. */
  clear(opts: { log: boolean }): Promise<void>;
  debug: {
    /** Browser tests: makes every saved-data write fail as a full disk does (QuotaExceededError) until turned off. */
    failWrites(on: boolean): void;
    /** A promise for the save in progress. */
    saving(): Promise<void>;
  };
}

export function createPersistModel(store?: FileStore): PersistModel {
  let failing = false;
  const files: FileStore =
    store ??
    opfsFileStore(() => {
      if (failing) throw new DOMException('The quota has been exceeded (test hook).', 'QuotaExceededError');
    });
  const format = formatKey(SCHEMA_SQL);
  const [usage, setUsage] = createSignal<StorageUsage | null>(null);
  const [saveError, setSaveError] = createSignal<string | null>(null);
  const [savedAt, setSavedAt] = createSignal<string | null>(null);
  const [restoredThisOpen, setRestoredThisOpen] = createSignal(false);

  /** The manifest on disk (read once at start; replaced by each successful save). */
  let current: Promise<Manifest | null> = readManifest();
  let synced = false;
  /** Changes to the tables so far; a cube is kept only if built after the last one. */
  let changes = 0;
  let lastCube: { cube: CrimeCube; atChange: number } | null = null;
  let saving: Promise<void> = Promise.resolve();

  async function readManifest(): Promise<Manifest | null> {
    try {
      const f = await files.read(MANIFEST_NAME);
      if (!f) return null;
      const m = parseManifest(await f.text());
      setSavedAt(m.savedAt);
      return m;
    } catch (e) {
      setSaveError(`The saved data could not be read (${storageErrorWords(e)}): the data is loaded afresh, and saved again after loading.`);
      return null;
    }
  }

  /** The manifest's files that are on disk at their recorded sizes (a missing or damaged one: null). */
  async function complete(m: Manifest): Promise<boolean> {
    const sizes = new Map((await files.list()).map((f) => [f.name, f.size]));
    return SNAPSHOT_TABLES.every((t) => sizes.get(m.tables[t].file) === m.tables[t].size) &&
      m.files.every((f) => sizes.get(storedFileName(f.hash)) === f.size);
  }

  async function keptFiles(m: Manifest): Promise<UserFile[]> {
    const out: UserFile[] = [];
    for (const f of m.files) {
      const data = await files.read(storedFileName(f.hash));
      if (data && data.size === f.size) out.push({ name: f.name, hash: f.hash, data, ...(f.mapping ? { mapping: f.mapping } : {}) });
    }
    return out;
  }

  async function usable(datasetId: string, datasetUrl: string): Promise<Manifest | null> {
    const m = await current;
    if (!m || !usableFor(m, { format, datasetId, datasetUrl })) return null;
    return (await complete(m).catch(() => false)) ? m : null;
  }

  async function refreshUsage(): Promise<void> {
    try {
      const list = await files.list();
      const sum = (re: RegExp) => list.filter((f) => re.test(f.name)).reduce((a, f) => a + f.size, 0);
      const harm = (() => {
        try {
          return new Blob([localStorage.getItem(HARM_EDITS_KEY) ?? '']).size;
        } catch {
          return 0;
        }
      })();
      const u = {
        snapshot: sum(/^snap-/), files: sum(/^file-/), cubes: sum(/^cube-/), other: sum(/^manifest\.json$/) + harm,
        log: await rootFileSize(LOG_FILE_NAME),
      };
      setUsage({ ...u, total: u.snapshot + u.files + u.cubes + u.other + u.log });
    } catch {
      setUsage(null);
    }
  }

  async function writeCube(m: Manifest, cube: CrimeCube): Promise<void> {
    await files.write(cubeFileName(m.generation, cube.resolution), await gzip(encodeCube(cube)));
  }

  /**
   * Saves and clears hold a Web Lock across tabs: two tabs saving at once would write the same
   * generation's files, and one's clean-up would delete the other's. The last tab to save wins.
   */
  function exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    return locks ? (locks.request('hotspot-saved-data', fn) as Promise<T>) : fn();
  }

  async function save(req: SaveRequest): Promise<void> {
    // Another tab may have saved since this one read the manifest.
    current = readManifest();
    const before = await current;
    const generation = (before?.generation ?? 0) + 1;
    const startedAt = changes;
    const written: string[] = [];
    try {
      const onDisk = new Map((await files.list()).map((f) => [f.name, f.size]));
      const savedFiles = [];
      for (const f of req.files) {
        const name = storedFileName(f.hash);
        const size = f.data instanceof Uint8Array ? f.data.length : f.data.size;
        if (onDisk.get(name) !== size) {
          written.push(name);
          await files.write(name, f.data);
        }
        savedFiles.push({ name: f.name, hash: f.hash, size, ...(f.mapping ? { mapping: f.mapping } : {}) });
      }
      const snapshot = await exportTables(req.db);
      const tables = {} as Manifest['tables'];
      for (const t of SNAPSHOT_TABLES) {
        const name = tableFileName(generation, t);
        const packed = await gzip(snapshot[t]);
        written.push(name);
        await files.write(name, packed);
        tables[t] = { file: name, size: packed.length };
      }
      const m: Manifest = {
        key: { format, datasetId: req.datasetId, datasetUrl: req.datasetUrl, files: savedFiles.map((f) => f.hash) },
        generation, savedAt: new Date().toISOString(), files: savedFiles, tables,
        reports: req.reports.map(({ restored: _r, ...r }) => r),
      };
      await files.write(MANIFEST_NAME, JSON.stringify(m));
      current = Promise.resolve(m);
      setSavedAt(m.savedAt);
      setSaveError(null);
      // Extras after the manifest: their loss costs a slower open, never data.
      const cube = lastCube && lastCube.atChange === startedAt ? lastCube.cube : null;
      if (cube) await writeCube(m, cube).catch(() => undefined);
      await removeAll(staleFiles((await files.list()).map((f) => f.name), m));
      await refreshUsage();
      // In sync once the whole save is done (nothing loaded meanwhile: loads wait in the queue).
      if (changes === startedAt) synced = true;
    } catch (e) {
      // This save's own files go (they may be what filled the disk); the previous manifest's stay.
      const keep = new Set(before ? referencedFiles(before) : []);
      await removeAll(written.filter((n) => !keep.has(n)));
      const when = before ? ` The copy saved ${new Date(before.savedAt).toLocaleString('en-GB')} is kept.` : '';
      setSaveError(`Could not save the loaded data for the next visit: ${storageErrorWords(e)}.${when} Everything loaded is still here until the page closes; the next load tries again.`);
      await refreshUsage();
    }
  }

  async function removeAll(names: string[]): Promise<void> {
    for (const n of names) await files.remove(n).catch(() => undefined);
  }

  return {
    async restorable(datasetId, datasetUrl) {
      const m = await usable(datasetId, datasetUrl);
      if (!m) return null;
      return {
        manifest: m,
        files: await keptFiles(m),
        async tables() {
          const out = {} as TableSnapshot;
          for (const t of SNAPSHOT_TABLES) {
            const f = await files.read(m.tables[t].file);
            if (!f || f.size !== m.tables[t].size) throw new Error(`the saved table ${t} is missing or damaged`);
            out[t] = await gunzip(f);
          }
          return out;
        },
      };
    },
    async savedFiles() {
      const m = await current;
      return m ? keptFiles(m) : [];
    },
    async savedCube(datasetId, datasetUrl, resolution) {
      try {
        const m = await usable(datasetId, datasetUrl);
        const f = m && (await files.read(cubeFileName(m.generation, resolution)));
        return f ? decodeCube(await gunzip(f)) : null;
      } catch {
        return null; // the database builds it instead
      }
    },
    restored(m) {
      synced = true;
      setRestoredThisOpen(true);
      setSavedAt(m.savedAt);
    },
    changed() {
      changes++;
      synced = false;
    },
    inSync: () => synced,
    save(req) {
      saving = exclusive(() => save(req));
      return saving;
    },
    cubeBuilt(cube) {
      lastCube = { cube, atChange: changes };
      if (!synced) return;
      void current.then(async (m) => {
        if (!m || (await files.read(cubeFileName(m.generation, cube.resolution)))) return;
        await writeCube(m, cube);
        await refreshUsage();
      }).catch(() => undefined); // a cube not kept is built again next time
    },
    keepHarmEdits(edits) {
      // A memo, so that only a real change of the weights saves: any other view change (the
      // camera, say) leaves a link's weights unsaved, as the rule says.
      const text = createMemo(() => JSON.stringify(edits()));
      createEffect(on(text, () => {
        saveHarmEdits(edits());
        void refreshUsage();
      }, { defer: true }));
    },
    usage,
    refreshUsage,
    saveError,
    savedAt,
    restoredThisOpen,
    async clear({ log }) {
      await saving.catch(() => undefined);
      await exclusive(async () => {
        await files.removeAll();
        saveHarmEdits({});
        if (log) await removeRootFile(LOG_FILE_NAME);
      });
      const url = new URL(location.href);
      url.searchParams.delete('hw');
      location.replace(url.toString());
    },
    debug: {
      failWrites(on) {
        failing = on;
      },
      saving: () => saving,
    },
  };
}
