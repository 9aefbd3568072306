/**
 * Loading data: DuckDB and the ingest worker, the one queue of database jobs, files in and their
 * reports, crash recovery, and the status the Data panel shows. The app model (app-model.ts) builds
 * the cube and everything drawn from the tables this fills; it runs its own database jobs (cube
 * builds) through {@link LoadModel.jobs}, so they never interleave with a load.
 *
 * With a persistence model (src/state/persist/), an open whose saved snapshot fits restores the
 * tables from it instead of fetching and ingesting, and every settled load is saved after it, as
 * one more job on the queue (persist-model.ts says what is saved and why it is safe).
 */
import { createSignal, type Accessor } from 'solid-js';
import type { FeatureCollection } from 'geojson';
import { type DbClient, userMessage } from '../db/client';
import { WorkerDiedError, type WorkerName } from '../db/worker-failure';
import { createIngestWorker, type IngestWorker } from '../ingest/env-browser';
import { type ColumnMapping, NeedsMappingError } from '../ingest/detect';
import { ingestFile, type IngestEnv, type IngestProgress, type IngestReport, type IngestStage } from '../ingest/pipeline';
import type { BoundaryLayers } from '../map/basemap-style';
import { hexSpacingM } from '../analysis/precision';
import { importTables, type TableSnapshot } from '../db/snapshot';
import { datasetById, type DatasetInfo } from './datasets';
import { JobQueue, type JobQueueState } from './job-queue';
import type { PersistModel, Restorable } from './persist/persist-model';

/** Rows kept and rejected, and the crimes the kept rows stand for (their counts summed). */
export interface LoadTotals {
  kept: number;
  rejected: number;
  crimes: number;
}

export interface LoadStatus {
  phase: 'starting' | 'loading' | 'ready' | 'failed';
  message: string;
  /** 0..1 for the progress bar. */
  fraction: number;
}

export interface MappingRequest {
  error: NeedsMappingError;
  resolve: (mapping: ColumnMapping | null) => void;
}

export interface DataSource {
  /** Where each embedded dataset's file is served (data/datasets.json id -> URL). */
  datasetUrls: Readonly<Record<string, string>>;
  boroughsUrl: string;
  wardsUrl: string;
  bcusUrl: string;
  /** LSOA 2021 boundaries: fetched only when the outlines are first switched on. */
  lsoaUrl: string;
  /** Creates the DuckDB client (the browser's worker-hosted one in the app). */
  connect: () => Promise<DbClient>;
  /** The MPS recorded crime ward files (wide Parquet), loaded when the recorded-crime layer is first used. */
  recordedCrime?: { historicalUrl: string; currentUrl: string };
}

/** A file as loaded: its bytes or File handle, and the user's column mapping if one was needed. */
interface LoadedFile {
  name: string;
  data: Blob | Uint8Array;
  mapping?: ColumnMapping;
  /** The embedded dataset's file (replaced by a dataset switch), not one of the user's. */
  embedded?: boolean;
  /** The grid spacing its publisher states (embedded aggregated datasets): not detected again. */
  cellSpacingM?: number;
  /** Its content hash (`sources.sha256`), once loaded. */
  hash?: string;
}

/** The embedded dataset restored from a snapshot: its file is fetched only if a crash needs it again. */
const NOT_FETCHED = new Uint8Array(0);

export interface LoadModel {
  status: Accessor<LoadStatus>;
  /** While a load runs, says what it is doing now (no effect once ready or failed). */
  progress(message: string, fraction: number): void;
  boundaries: Accessor<BoundaryLayers | null>;
  /** Totals over every loaded file. */
  totals: Accessor<LoadTotals>;
  reports: Accessor<IngestReport[]>;
  mappingRequest: Accessor<MappingRequest | null>;
  /** The database job running and those waiting (shown in the Data panel). */
  queue: Accessor<JobQueueState>;
  /** Every multi-statement database job runs here, one at a time. */
  jobs: JobQueue;
  db(): DbClient | null;
  /** Loads an embedded dataset (call once; see {@link LoadModel.switchDataset} for a change). */
  start(datasetId: string): Promise<void>;
  /**
   * Replaces the embedded dataset: the tables are emptied and the chosen dataset loaded, then the
   * user's own files again (nothing of theirs is lost), as one queued job.
   */
  switchDataset(datasetId: string): Promise<void>;
  /** The embedded dataset now loaded (null before the first load). */
  dataset: Accessor<DatasetInfo | null>;
  /** Parquet bytes to Arrow IPC streams in the ingest worker (for tables loaded outside the ingest). */
  decodeParquet(bytes: Uint8Array): Promise<Uint8Array[]>;
  /** Queues files behind whatever is loading; resolves when they are loaded and settled. */
  loadFiles(files: File[]): Promise<void>;
  /** Fault injection for browser tests: crash a worker now, or when the next ingest reaches a stage. */
  debug: { crashWorker(worker: WorkerName, atStage?: IngestStage): void };
}

/**
 * @param afterLoad runs after each load's files (and after a restart's reloads), before the
 *   status turns "ready": the app rebuilds its cube there.
 */
export function createLoadModel(source: DataSource, afterLoad: () => Promise<void>, persist?: PersistModel): LoadModel {
  const [status, setStatus] = createSignal<LoadStatus>({ phase: 'starting', message: 'Starting DuckDB…', fraction: 0 });
  const [boundaries, setBoundaries] = createSignal<BoundaryLayers | null>(null);
  const [totals, setTotals] = createSignal<LoadTotals>({ kept: 0, rejected: 0, crimes: 0 });
  const [reports, setReports] = createSignal<IngestReport[]>([]);
  const [mappingRequest, setMappingRequest] = createSignal<MappingRequest | null>(null);
  const [dataset, setDataset] = createSignal<DatasetInfo | null>(null);
  let ingestWorker: IngestWorker | null = null;
  let env: IngestEnv | null = null;
  let db: DbClient | null = null;
  const jobs = new JobQueue();
  const [queue, setQueue] = createSignal<JobQueueState>(jobs.state());
  jobs.subscribe(setQueue);
  /** Files in the database now, in load order: what a restarted DuckDB is given again. */
  const loaded: LoadedFile[] = [];
  /** Fault injection for tests: crash this worker when the ingest reaches this stage. */
  let faultAt: { worker: WorkerName; stage: IngestStage } | null = null;

  const progress = (message: string, fraction: number) => {
    if (status().phase === 'loading') setStatus({ phase: 'loading', message, fraction });
  };

  async function refreshTotals() {
    if (!db) return;
    const [t] = await db.rows<LoadTotals>(
      `SELECT (SELECT count(*) FROM crimes)::INT AS kept, (SELECT count(*) FROM rejects)::INT AS rejected,
              (SELECT COALESCE(sum(crime_count), 0) FROM crimes)::DOUBLE AS crimes`,
    );
    setTotals(t);
  }

  const onProgress = (p: IngestProgress) => {
    if (faultAt && faultAt.stage === p.stage) {
      const { worker } = faultAt;
      faultAt = null;
      if (worker === 'duckdb') db?.crash?.(`simulated crash during ${p.stage} (fault injection)`);
      else ingestWorker?.crash(`simulated crash during ${p.stage} (fault injection)`);
    }
    setStatus({ phase: 'loading', message: `${p.file}: ${p.stage}…`, fraction: p.fraction });
  };

  /** Loads one file; a file whose columns need mapping waits for the user's answer. @returns its report */
  async function ingestOne(file: LoadedFile): Promise<IngestReport> {
    if (!env) throw new Error('the database is not ready');
    try {
      const r = await ingestFile(env, file, { mapping: file.mapping, cellSpacingM: file.cellSpacingM, onProgress });
      if (r.status === 'loaded') await keep(file, r);
      return r;
    } catch (e) {
      if (e instanceof NeedsMappingError) {
        const chosen = await new Promise<ColumnMapping | null>((resolve) => setMappingRequest({ error: e, resolve }));
        setMappingRequest(null);
        if (chosen) return ingestOne({ ...file, mapping: chosen });
        return skipped(file.name, 'cancelled: columns were not mapped');
      }
      throw e;
    }
  }

  /**
   * Loads one file as a queued job and reports it. When a worker dies mid-file, the file is
   * rolled back (nothing of it is counted), the worker is restarted, and what was loaded before is
   * loaded again into the new engine, so the next file loads into the same data as before.
   */
  async function loadJob(file: LoadedFile): Promise<void> {
    let report: IngestReport;
    try {
      report = await ingestOne(file);
    } catch (e) {
      if (e instanceof WorkerDiedError) {
        setReports((rs) => [...rs, skipped(file.name, `${e.message}. Nothing from this file was kept; the worker was restarted.`)]);
        await recover(e);
        return;
      }
      report = skipped(file.name, userMessage(e));
    }
    setReports((rs) => [...rs, report]);
  }

  /** Records a loaded file with its content hash (what a saved copy of it is named after). */
  async function keep(file: LoadedFile, r: IngestReport): Promise<void> {
    const [row] = await db!.rows<{ sha256: string }>('SELECT sha256 FROM sources WHERE source_id = ?', [r.sourceId]);
    loaded.push({ ...file, hash: row?.sha256 });
    persist?.changed();
  }

  /** Starts a new worker after a crash; a new DuckDB gets the files loaded before, again. */
  async function recover(e: WorkerDiedError): Promise<void> {
    const b = boundaries();
    if (!b) throw e;
    ingestWorker?.dispose();
    ingestWorker = createIngestWorker();
    ingestWorker.init({ boroughs: b.boroughs, wards: b.wards });
    if (e.worker === 'duckdb') {
      db = null;
      env = null;
      setStatus({ phase: 'loading', message: 'Restarting the database after a crash…', fraction: 0 });
      db = await source.connect();
      env = ingestWorker.env(db);
      const before = loaded.splice(0);
      for (const [i, f] of before.entries()) {
        setStatus({ phase: 'loading', message: `Reloading ${f.name} (${i + 1} of ${before.length}) after the crash…`, fraction: i / before.length });
        const data = f.data === NOT_FETCHED ? await refetch() : f.data;
        const r = await ingestFile(env, { ...f, data }, { mapping: f.mapping, cellSpacingM: f.cellSpacingM });
        if (r.status === 'loaded') await keep(f, r);
      }
    } else {
      env = ingestWorker.env(db!);
    }
  }

  /** Loads asked for and not yet settled (their totals and cube not yet refreshed). */
  let loadsInFlight = 0;
  /** "Ready" once no load is in flight and no database job runs or waits. */
  const maybeReady = () => {
    if (loadsInFlight === 0 && jobs.idle() && db && status().phase === 'loading') setStatus({ phase: 'ready', message: 'Ready', fraction: 1 });
  };
  jobs.subscribe(maybeReady);

  /** Runs a load (files, then totals and the caller's afterLoad), keeping the status "loading" until every load has settled. */
  async function asLoad(work: () => Promise<void>): Promise<void> {
    loadsInFlight++;
    try {
      await work();
      await jobs.runLatest('totals', 'Updating totals', refreshTotals);
      await afterLoad();
    } catch (e) {
      setStatus({ phase: 'failed', message: e instanceof Error ? e.message : String(e), fraction: 0 });
    } finally {
      loadsInFlight--;
      maybeReady();
    }
    if (status().phase !== 'failed') scheduleSave();
  }

  /** Saves the loaded data for the next open, behind whatever is queued (loads coming coalesce into one save). */
  function scheduleSave(): void {
    if (!persist || persist.inSync()) return;
    void jobs.runLatest('save', 'Saving the loaded data in this browser', async () => {
      const d = dataset();
      if (!db || !d || persist.inSync()) return;
      const files = loaded.filter((f) => !f.embedded && f.hash).map((f) => ({ name: f.name, hash: f.hash!, data: f.data, mapping: f.mapping }));
      await persist.save({ db, datasetId: d.id, datasetUrl: source.datasetUrls[d.id] ?? '', files, reports: reports() });
    });
  }

  /** The embedded dataset's file, fetched when a restored session needs it (a crash recovery). */
  async function refetch(): Promise<Uint8Array> {
    const d = dataset();
    if (!d || !ingestWorker) throw new Error('the database is not ready');
    return (await fetchDataset(d, ingestWorker)).data as Uint8Array;
  }

  /**
   * Fills the tables from a saved snapshot. @returns false when it cannot be used (the tables
   * are then empty again, and the caller loads the data the slow way)
   */
  async function restore(saved: Restorable, tables: Promise<TableSnapshot>, info: DatasetInfo): Promise<boolean> {
    const n = saved.files.length;
    const yours = n === 0 ? '' : ` and ${n === 1 ? 'one file' : `${n} files`} of yours`;
    setStatus({ phase: 'loading', message: `Restoring ${info.label}${yours}, saved in this browser…`, fraction: 0.3 });
    try {
      await importTables(db!, await tables);
    } catch (e) {
      if (e instanceof WorkerDiedError) throw e;
      setReports((rs) => [...rs, skipped('Saved data', `could not be restored (${userMessage(e)}); loading it again instead`)]);
      return false;
    }
    loaded.push(embeddedFile(info, NOT_FETCHED), ...saved.files);
    setReports(saved.manifest.reports.map((r) => ({ ...r, restored: true })));
    persist?.restored(saved.manifest);
    return true;
  }

  /** Downloads an embedded dataset's file; its Parquet decoding starts in the ingest worker at once. */
  function fetchDataset(info: DatasetInfo, worker: IngestWorker): Promise<LoadedFile> {
    const url = source.datasetUrls[info.id];
    if (!url) return Promise.reject(new Error(`no file is served for the dataset "${info.label}"`));
    return fetch(url).then(async (res) => {
      if (!res.ok) throw new Error(`could not load ${info.label}: HTTP ${res.status}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      worker.prefetchParquet(bytes);
      return embeddedFile(info, bytes);
    });
  }

  /** An embedded dataset's file, with the grid spacing its catalogue states (one figure for its cells). */
  function embeddedFile(info: DatasetInfo, data: Uint8Array): LoadedFile {
    return { name: info.file, data, embedded: true, ...(info.cellAreaM2 !== null ? { cellSpacingM: hexSpacingM(info.cellAreaM2) } : {}) };
  }

  function known(datasetId: string): DatasetInfo {
    const info = datasetById(datasetId);
    if (!info) throw new Error(`unknown dataset "${datasetId}"`);
    return info;
  }

  function start(datasetId: string): Promise<void> {
    const fetchJson = async (url: string) => {
      const r = await fetch(url);
      if (!r.ok) throw new Error(`could not load ${url}: HTTP ${r.status}`);
      return (await r.json()) as FeatureCollection;
    };
    // The embedded data is the first job: files chosen meanwhile wait behind it.
    return asLoad(() =>
      jobs.run('Loading the embedded London crimes', async () => {
        const info = known(datasetId);
        // Everything independent starts at once: DuckDB's start-up, the boundaries, and the crimes
        // download with its Parquet decoding in the ingest worker.
        ingestWorker ??= createIngestWorker();
        const worker = ingestWorker;
        // Never an unhandled rejection while others are awaited: errors surface where awaited.
        const quiet = <T,>(p: Promise<T>) => (p.catch(() => undefined), p);
        const connecting = quiet(source.connect());
        // The boundaries go to the map as soon as they arrive: the map need not wait for
        // DuckDB's start-up (a second open draws the saved cube before the database is up).
        const bounds = quiet(
          Promise.all([fetchJson(source.boroughsUrl), fetchJson(source.wardsUrl), fetchJson(source.bcusUrl)]).then(([boroughs, wards, bcus]) => {
            setBoundaries({ boroughs, wards, bcus });
            worker.init({ boroughs, wards });
          }),
        );
        // A usable saved copy replaces the download and the ingest (its tables are read while
        // DuckDB starts); without one, the file is fetched as before.
        const saved = persist ? await persist.restorable(info.id, source.datasetUrls[info.id] ?? '').catch(() => null) : null;
        const crimes = saved ? null : quiet(fetchDataset(info, worker));
        const tables = saved ? quiet(saved.tables()) : null;
        const [conn] = await Promise.all([connecting, bounds]);
        db = conn;
        env = worker.env(conn);
        if (saved && tables && (await restore(saved, tables, info))) {
          setDataset(info);
          return;
        }
        setStatus({ phase: 'loading', message: `Loading ${info.label}…`, fraction: 0.02 });
        await loadJob(await (crimes ?? fetchDataset(info, worker)));
        setDataset(info);
        // The user's files kept from an earlier visit whose snapshot does not fit this open
        // (another dataset, an updated app): loaded again, on this base.
        for (const f of saved ? saved.files : ((await persist?.savedFiles().catch(() => [])) ?? [])) await loadJob(f);
      }),
    );
  }

  function switchDataset(datasetId: string): Promise<void> {
    if (status().phase === 'ready') setStatus({ phase: 'loading', message: 'Switching dataset…', fraction: 0 });
    return asLoad(() =>
      jobs.run('Switching the embedded dataset', async () => {
        const info = known(datasetId);
        if (!db || !env || !ingestWorker) throw new Error('the database is not ready');
        if (dataset()?.id === info.id) return;
        const file = fetchDataset(info, ingestWorker);
        setStatus({ phase: 'loading', message: `Loading ${info.label}…`, fraction: 0.02 });
        // Whole tables go (one transaction): the new base and the user's files are then loaded
        // again in their order, so the user's own files are never lost by a switch.
        const own = loaded.splice(0).filter((f) => !f.embedded);
        await db.exec('BEGIN TRANSACTION; DELETE FROM crimes; DELETE FROM rejects; DELETE FROM locations; DELETE FROM sources; COMMIT');
        persist?.changed();
        setReports([]);
        setDataset(null);
        await loadJob(await file);
        setDataset(info);
        for (const f of own) await loadJob(f);
      }),
    );
  }

  function loadFiles(files: File[]): Promise<void> {
    // One file at a time, behind whatever is loading: each is one transaction on the one connection.
    if (status().phase === 'ready') setStatus({ phase: 'loading', message: 'Loading…', fraction: 0 });
    return asLoad(async () => {
      await Promise.all(files.map((f) => jobs.run(`Loading ${f.name}`, () => loadJob({ name: f.name, data: f }))));
    });
  }

  return {
    status,
    progress,
    boundaries,
    totals,
    reports,
    mappingRequest,
    queue,
    jobs,
    db: () => db,
    start,
    switchDataset,
    dataset,
    decodeParquet: (bytes) => (env ? env.parquetToIPC(bytes) : Promise.reject(new Error('the database is not ready'))),
    loadFiles,
    debug: {
      crashWorker(worker, atStage) {
        if (atStage) faultAt = { worker, stage: atStage };
        else if (worker === 'duckdb') db?.crash?.('simulated crash (fault injection)');
        else ingestWorker?.crash('simulated crash (fault injection)');
      },
    },
  };
}

/** A report for a file that was not loaded. */
function skipped(fileName: string, why: string): IngestReport {
  return {
    fileName, status: 'failed', sourceId: -1, format: 'force-extract', rowsRead: 0, kept: 0, crimesKept: 0, rejected: 0,
    rejectReasons: {}, newLocations: 0, error: why,
  };
}
