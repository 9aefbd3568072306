/**
 * The app's model: load status, the loaded data, the view choices and the derived view model
 * (hexagon rows and their colour scale). Components read it through `useApp()`; DuckDB calls
 * stay in src/db and src/ingest, statistics in src/analysis.
 */
import { batch, createEffect, createMemo, createSignal, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import type { FeatureCollection } from 'geojson';
import harmTable from '../../data/harm-weights.json';
import { aggregateCube, type CellTotals, type CrimeCube, type CubeFilter } from '../analysis/cube';
import { harmWeightVector } from '../analysis/harm';
import type { AccuracyOptions, AccuracyReport } from '../analysis/accuracy-report';
import type { HotspotResult } from '../analysis/hotspots';
import { buildCube } from '../db/cube';
import type { DbClient } from '../db/client';
import type { H3Resolution } from '../db/schema';
import { createIngestWorker, type IngestWorker } from '../ingest/env-browser';
import { type ColumnMapping, NeedsMappingError } from '../ingest/detect';
import { ingestFile, type IngestEnv, type IngestProgress, type IngestReport } from '../ingest/pipeline';
import { quantileScale, type ColorScale } from '../map/color-scale';
import type { HexRow } from '../map/layers';
import { areaFeatures, type BoundaryLayers } from '../map/basemap-style';
import { decodeView, encodeView, toCubeFilter, type ViewState } from './filters';
import { createHotspotClient, type HotspotClient } from './hotspot-client';
import { createUrlWriter } from './url-writer';
import { drawnCount, hexRowAt, type HexSource, layerCells, sameCells } from './hex-view';

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
  /** The shipped crimes file (police.uk street semantics, Parquet). */
  crimesUrl: string;
  boroughsUrl: string;
  wardsUrl: string;
  bcusUrl: string;
  /** Creates the DuckDB client (the browser's worker-hosted one in the app). */
  connect: () => Promise<DbClient>;
}

export interface AppModel {
  status: Accessor<LoadStatus>;
  view: ViewState;
  setView(patch: Partial<ViewState>): void;
  boundaries: Accessor<BoundaryLayers | null>;
  cube: Accessor<CrimeCube | null>;
  /** The view's filter in cube codes (null before the cube exists). */
  cubeFilter: Accessor<CubeFilter | null>;
  filtered: Accessor<CellTotals | null>;
  /** What the hexagon layer draws now (new on every change). */
  hexSource: Accessor<HexSource>;
  /** The hexagon layer's cells: keeps its identity while the cube or study area stays (src/state/hex-view.ts). */
  hexCells: Accessor<readonly string[]>;
  /** The drawn cell at an index of hexCells(), or null when that cell is not drawn. */
  hexAt(index: number): HexRow | null;
  /** How many hexagons are drawn. */
  shownHexagons: Accessor<number>;
  scale: Accessor<ColorScale>;
  selected: Accessor<string | null>;
  select(hex: string | null): void;
  /** Totals over every loaded file. */
  totals: Accessor<{ kept: number; rejected: number }>;
  reports: Accessor<IngestReport[]>;
  loadFiles(files: File[]): Promise<void>;
  mappingRequest: Accessor<MappingRequest | null>;
  db(): DbClient | null;
  /**
   * Draws a cube built elsewhere instead of the loaded data's, until the next load or resolution
   * change: the browser benchmark (bench/browser.ts) measures redraws on 1M- and 5M-crime cubes
   * that would take minutes to ingest.
   */
  useCube(c: CrimeCube): void;
  /** Milliseconds the last filter aggregation took (shown for analysts, and read by tests). */
  lastAggregateMs: Accessor<number>;
  /** Harm weight per category code (defaults from data/harm-weights.json with the user's edits). */
  harmWeights: Accessor<Float64Array>;
  /** The default harm table (days per category name) and its notes. */
  harmDefaults: { weights: Record<string, number>; notes: Record<string, string> };
  /** Forecast accuracy (PAI, PEI*, baselines) over the current study area, computed in a worker. */
  accuracy(options: AccuracyOptions): Promise<AccuracyReport | null>;
  /** Gi*, FDR bins and emerging categories (computed when a hotspot layer or panel needs them). */
  hotspots: Accessor<HotspotResult | null>;
  /** Milliseconds the last hotspot analysis took. */
  lastHotspotMs: Accessor<number>;
  /** Why the last hotspot analysis failed, if it did. */
  hotspotError: Accessor<string | null>;
}

export function createAppModel(source: DataSource): AppModel {
  const [status, setStatus] = createSignal<LoadStatus>({ phase: 'starting', message: 'Starting DuckDB…', fraction: 0 });
  const [view, setViewStore] = createStore<ViewState>(decodeView(location.search));
  const [boundaries, setBoundaries] = createSignal<BoundaryLayers | null>(null);
  const [cube, setCube] = createSignal<CrimeCube | null>(null);
  const [selected, setSelected] = createSignal<string | null>(null);
  const [totals, setTotals] = createSignal({ kept: 0, rejected: 0 });
  const [reports, setReports] = createSignal<IngestReport[]>([]);
  const [mappingRequest, setMappingRequest] = createSignal<MappingRequest | null>(null);
  const [lastAggregateMs, setLastAggregateMs] = createSignal(0);
  let ingestWorker: IngestWorker | null = null;
  let env: IngestEnv | null = null;
  let db: DbClient | null = null;
  let queue: Promise<void> = Promise.resolve();

  const url = createUrlWriter(() => encodeView(view));
  const setView = (patch: Partial<ViewState>) => {
    setViewStore(reconcile({ ...view, ...patch }, { merge: true }));
    url.schedule();
    if (patch.resolution !== undefined) void rebuildCube();
  };

  const harmWeights = createMemo(() => harmWeightVector(harmTable.weights, { ...view.harmOverrides }));
  const weightVector = () => (view.weight === 'harm' ? harmWeights() : undefined);
  const cubeFilter = createMemo(() => {
    const c = cube();
    return c ? toCubeFilter(c, view) : null;
  });

  const filtered = createMemo<CellTotals | null>(() => {
    const c = cube();
    const f = cubeFilter();
    if (!c || !f) return null;
    const t0 = performance.now();
    const r = aggregateCube(c, f, weightVector());
    setLastAggregateMs(performance.now() - t0);
    return r;
  });

  // Gi* and emerging hot spots run in the hotspot worker; an answer superseded by a newer
  // request is dropped, and the map keeps the last answer until the new one arrives.
  const [lastHotspotMs, setLastHotspotMs] = createSignal(0);
  const [hotspots, setHotspots] = createSignal<HotspotResult | null>(null);
  const [hotspotError, setHotspotError] = createSignal<string | null>(null);
  let hotspotClient: HotspotClient | null = null;
  const client = () => (hotspotClient ??= createHotspotClient());
  createEffect(() => {
    const c = cube();
    const f = cubeFilter();
    const b = boundaries();
    if (view.layer === 'counts' || !c || !f || !b) return;
    const features = areaFeatures(b, view.area);
    if (features.length === 0) return setHotspots(null);
    const weights = weightVector();
    client()
      .analyse({ cube: c, areaKey: areaKey(c.resolution, view.area), polygons: () => features as never, filter: f, weights })
      .then((r) => {
        if (!r) return;
        batch(() => {
          setHotspots(r.result);
          setLastHotspotMs(r.ms);
          setHotspotError(null);
        });
      })
      .catch((e: unknown) => setHotspotError(e instanceof Error ? e.message : String(e)));
  });

  const hexSource = createMemo<HexSource>(() => {
    const c = cube();
    if (!c) return { kind: 'none' };
    const h = hotspots();
    // Until the first hot spot answer arrives, a hot spot layer shows the counts.
    if (h && view.layer !== 'counts') return { kind: 'study', cube: c, result: h, layer: view.layer };
    return { kind: 'counts', cube: c, totals: filtered() };
  });
  const hexCells = createMemo(() => layerCells(hexSource()), [], { equals: sameCells });
  const shownHexagons = createMemo(() => drawnCount(hexSource()));

  /** Forecast accuracy for the current area, in the hotspot worker (null: superseded). */
  async function accuracy(options: AccuracyOptions): Promise<AccuracyReport | null> {
    const c = cube();
    const b = boundaries();
    const f = cubeFilter();
    if (!c || !b || !f) return null;
    const features = areaFeatures(b, view.area);
    if (features.length === 0) throw new Error('choose an area first');
    return client().accuracy({ cube: c, areaKey: areaKey(c.resolution, view.area), polygons: () => features as never, filter: f, options });
  }

  const scale = createMemo(() => quantileScale(view.layer === 'counts' ? (filtered()?.value ?? []) : []));

  async function refreshTotals() {
    if (!db) return;
    const [t] = await db.rows<{ kept: number; rejected: number }>(
      'SELECT (SELECT count(*) FROM crimes)::INT AS kept, (SELECT count(*) FROM rejects)::INT AS rejected',
    );
    setTotals(t);
  }

  async function rebuildCube() {
    if (!db) return;
    const c = await buildCube(db, view.resolution as H3Resolution);
    batch(() => {
      // Hot spots of the previous cube (another resolution or data) must not be drawn on this one.
      setHotspots(null);
      setCube(c);
      if (selected() && !c.cells.includes(selected()!)) setSelected(null);
    });
  }

  const onProgress = (p: IngestProgress) =>
    setStatus({ phase: 'loading', message: `${p.file}: ${p.stage}…`, fraction: p.fraction });

  async function ingestOne(file: { name: string; data: Blob | Uint8Array }, mapping?: ColumnMapping): Promise<void> {
    if (!env) throw new Error('the database is not ready yet');
    try {
      const r = await ingestFile(env, file, { mapping, onProgress });
      setReports((rs) => [...rs, r]);
    } catch (e) {
      if (e instanceof NeedsMappingError) {
        const chosen = await new Promise<ColumnMapping | null>((resolve) => setMappingRequest({ error: e, resolve }));
        setMappingRequest(null);
        if (chosen) return ingestOne(file, chosen);
        setReports((rs) => [...rs, skipped(file.name, 'cancelled: columns were not mapped')]);
        return;
      }
      throw e;
    }
  }

  async function start() {
    try {
      const fetchJson = async (url: string) => {
        const r = await fetch(url);
        if (!r.ok) throw new Error(`could not load ${url}: HTTP ${r.status}`);
        return (await r.json()) as FeatureCollection;
      };
      // Everything independent starts at once: DuckDB's start-up, the boundaries, and the crimes
      // download with its Parquet decoding in the ingest worker.
      ingestWorker ??= createIngestWorker();
      const worker = ingestWorker;
      const crimes = fetch(source.crimesUrl).then(async (res) => {
        if (!res.ok) throw new Error(`could not load the embedded crimes: HTTP ${res.status}`);
        const bytes = new Uint8Array(await res.arrayBuffer());
        worker.prefetchParquet(bytes);
        return bytes;
      });
      const [conn, boroughs, wards, bcus] = await Promise.all([
        source.connect(),
        fetchJson(source.boroughsUrl),
        fetchJson(source.wardsUrl),
        fetchJson(source.bcusUrl),
      ]);
      db = conn;
      setBoundaries({ boroughs, wards, bcus });
      worker.init({ boroughs, wards });
      env = worker.env(conn);
      setStatus({ phase: 'loading', message: 'Loading the embedded London crimes…', fraction: 0.02 });
      const bytes = await crimes;
      await ingestOne({ name: 'london-2017-06-to-2018-05.parquet', data: bytes });
      await refreshTotals();
      await rebuildCube();
      setStatus({ phase: 'ready', message: 'Ready', fraction: 1 });
    } catch (e) {
      setStatus({ phase: 'failed', message: e instanceof Error ? e.message : String(e), fraction: 0 });
    }
  }

  async function loadFiles(files: File[]) {
    // One file at a time: each is one transaction on the one connection.
    queue = queue.then(async () => {
      for (const f of files) {
        try {
          await ingestOne({ name: f.name, data: f });
        } catch (e) {
          setReports((rs) => [...rs, skipped(f.name, e instanceof Error ? e.message : String(e))]);
        }
      }
      await refreshTotals();
      await rebuildCube();
      setStatus({ phase: 'ready', message: 'Ready', fraction: 1 });
    });
    return queue;
  }

  void start();

  return {
    status,
    view,
    setView,
    boundaries,
    cube,
    cubeFilter,
    filtered,
    hexSource,
    hexCells,
    hexAt: (index: number) => hexRowAt(hexSource(), index),
    shownHexagons,
    scale,
    selected,
    select: setSelected,
    totals,
    reports,
    loadFiles,
    mappingRequest,
    db: () => db,
    useCube: (c: CrimeCube) =>
      batch(() => {
        setHotspots(null);
        setCube(c);
        setSelected(null);
      }),
    lastAggregateMs,
    harmWeights,
    harmDefaults: { weights: harmTable.weights, notes: harmTable.notes },
    accuracy,
    hotspots: () => (view.layer === 'counts' ? null : hotspots()),
    lastHotspotMs,
    hotspotError,
  };
}

/** Identifies a study area: resolution and area filter. */
function areaKey(resolution: number, a: ViewState['area']): string {
  return `${resolution}|${a.kind}|${a.kind === 'all' ? '' : a.codes.join(',')}`;
}


/** A report for a file that was not loaded. */
function skipped(fileName: string, why: string): IngestReport {
  return {
    fileName, status: 'failed', sourceId: -1, format: 'force-extract', rowsRead: 0, kept: 0, rejected: 0,
    rejectReasons: {}, newLocations: 0, error: why,
  };
}
