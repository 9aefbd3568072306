/**
 * The app's model: the view choices and the derived view model (the cube, its filter, hot spots,
 * hexagons and their colour scale), over the loaded data of ./load-model.ts. Components read it
 * through `useApp()`; DuckDB calls stay in src/db and src/ingest, statistics in src/analysis, and
 * each further concern in its own model beside this one (priority-model.ts, coverage-view.ts).
 */
import { batch, createEffect, createMemo, createSignal, type Accessor } from 'solid-js';
import { createStore, reconcile } from 'solid-js/store';
import harmTable from '../../data/harm-weights.json';
import { aggregateCube, cellBreakdown, type CellBreakdown, type CellTotals, type CrimeCube, type CubeFilter } from '../analysis/cube';
import { harmWeightVector } from '../analysis/harm';
import type { AccuracyOptions, AccuracyReport } from '../analysis/accuracy-report';
import type { HotspotResult } from '../analysis/hotspots';
import { buildCube } from '../db/cube';
import type { DbClient } from '../db/client';
import type { H3Resolution } from '../db/schema';
import type { IngestReport } from '../ingest/pipeline';
import type { DatasetInfo } from './datasets';
import type { JobQueueState } from './job-queue';
import { createLoadModel, type DataSource, type LoadModel, type LoadStatus, type LoadTotals, type MappingRequest } from './load-model';
import { quantileScale, type ColorScale } from '../map/color-scale';
import type { HexRow } from '../map/layers';
import { areaFeatures, type BoundaryLayers } from '../map/basemap-style';
import { decodeView, encodeView, isHotspotLayer, toCubeFilter, type ViewState } from './filters';
import { createRecordedCrimeModel, type RecordedCrimeModel } from './recorded-crime-model';
import { createHotspotClient, type HotspotClient, type StudyRequest } from './hotspot-client';
import { createPriorityModel, type PriorityModel } from './priority-model';
import { createPrecisionModel, type PrecisionModel } from './precision-model';
import { createClustersModel, type ClustersModel } from './clusters-model';
import { createLifecycleModel, type LifecycleModel } from './lifecycle/lifecycle-model';
import { opfsLogStorage } from './lifecycle/opfs-log';
import { createReviewModel, type ReviewModel } from './review-model';
import { createTaskingModel, type TaskingModel } from './tasking-model';
import { createPatrolModel, type PatrolModel } from './patrol-model';
import { createMeetingModel, type MeetingModel } from './meeting-model';
import { createPackModel, type PackModel } from './pack-model';
import { dataCoverage } from '../analysis/coverage';
import { boroughCodes, type CoverageView, coverageView, noDataStudyArea, withDefaultWindow } from './coverage-view';
import { createUrlWriter } from './url-writer';
import { createPersistModel, type PersistModel } from './persist/persist-model';
import { openingHarmEdits, savedHarmEdits } from './persist/harm-edits';
import { createBoundarySet, type BoundarySet } from './boundary-set';
import { drawnCount, hexRowAt, type HexSource, layerCells, sameCells } from './hex-view';

export type { DataSource, LoadStatus, MappingRequest } from './load-model';

export interface AppModel {
  status: Accessor<LoadStatus>;
  view: ViewState;
  setView(patch: Partial<ViewState>): void;
  boundaries: Accessor<BoundaryLayers | null>;
  /** The LSOA 2021 outlines, loaded when first switched on (view.lsoa). */
  lsoa: BoundarySet;
  cube: Accessor<CrimeCube | null>;
  /** The view's filter in cube codes (null before the cube exists); months default to the latest run with data. */
  cubeFilter: Accessor<CubeFilter | null>;
  /** Where the data has no coverage in the analysed months (gaps, no-data boroughs). */
  coverage: Accessor<CoverageView | null>;
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
  /** The opening link asked for the online street map; it stays off until the user says yes. */
  basemapAsked: Accessor<boolean>;
  answerBasemap(yes: boolean): void;
  /** The embedded dataset now loaded (null while none is). */
  dataset: Accessor<DatasetInfo | null>;
  /** Totals over every loaded file. */
  totals: Accessor<LoadTotals>;
  reports: Accessor<IngestReport[]>;
  /** Queues files behind whatever is loading; resolves when they are loaded and the map updated. */
  loadFiles(files: File[]): Promise<void>;
  /** The database job running and those waiting (shown in the Data panel). */
  queue: Accessor<JobQueueState>;
  /** Fault injection for browser tests: crash a worker now, or when the next ingest reaches a stage. */
  debug: LoadModel['debug'];
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
  /** True while the drawn hot spots are for an earlier filter or weighting (a new analysis is under way). */
  hotspotsStale: Accessor<boolean>;
  /**
   * One cell's figures for the current view: the one source of the tooltip and the selected-hexagon
   * panel (null: no such cell in the cube).
   */
  cellFigures(code: number): CellBreakdown | null;
  /** Milliseconds the last hotspot analysis took. */
  lastHotspotMs: Accessor<number>;
  /** Why the last hotspot analysis failed, if it did. */
  hotspotError: Accessor<string | null>;
  /** Patrol priority per study cell and its backtest (computed in the worker while in use). */
  priority: PriorityModel;
  /** The finest resolution the loaded data supports, and why finer ones are refused. */
  precision: PrecisionModel;
  /** The Met's recorded offences by ward (loaded when its layer is first chosen). */
  recorded: RecordedCrimeModel;
  /** Hot spot clusters, who shares them, and the user's boundary files as levels (issue 12). */
  clusters: ClustersModel;
  /** Clear/Hold/Build proposals from those clusters (issue 13). */
  tasking: TaskingModel;
  /** Decisions on the proposals, kept in the browser (issue 14): each site's phase feeds the phase rules. */
  lifecycle: LifecycleModel;
  /** The patrol plan for a ward, a borough or a drawn area, and the inspector's edits (issue 13). */
  patrol: PatrolModel;
  /** Meeting mode: the shared screen of a tasking meeting (issue 14, item 3). */
  meeting: MeetingModel;
  /** Reviews of the sites under tasking: harm before and since their phase began (issue 14). */
  review: ReviewModel;
  /** The meeting pack: open, its paper, printing (issue 14, item 4). */
  pack: PackModel;
  /** Loaded data, the cube and harm edits kept in this browser; storage used; clearing it (issue 14). */
  persist: PersistModel;
}

export function createAppModel(source: DataSource): AppModel {
  // Loading (DuckDB, files, the job queue, crash recovery) is its own model; the cube is rebuilt
  // after every load.
  const persist = createPersistModel();
  const load = createLoadModel(source, () => rebuildCube(), persist);
  const { jobs, boundaries } = load;
  // A link may ask for the online street map but never switches it on: the user confirms.
  const linked = decodeView(location.search);
  // Saved harm edits apply unless the link names its own (src/state/persist/harm-edits.ts).
  linked.harmOverrides = openingHarmEdits(location.search, linked.harmOverrides, savedHarmEdits());
  const [view, setViewStore] = createStore<ViewState>({ ...linked, onlineBasemap: false });
  const [basemapAsked, setBasemapAsked] = createSignal(linked.onlineBasemap);
  const [cube, setCube] = createSignal<CrimeCube | null>(null);
  const [lastAggregateMs, setLastAggregateMs] = createSignal(0);
  const precision = createPrecisionModel();

  // The patrol plan keeps its own parameters after the view's (it is created below, before any write).
  const url = createUrlWriter(() => meeting.query(patrol.query(encodeView(view))));
  const setView = (patch: Partial<ViewState>) => {
    setViewStore(reconcile({ ...view, ...patch }, { merge: true }));
    url.schedule();
    if (patch.dataset !== undefined && patch.dataset !== load.dataset()?.id) void load.switchDataset(patch.dataset);
    else if (patch.resolution !== undefined) void rebuildCube();
  };

  const harmWeights = createMemo(() => harmWeightVector(harmTable.weights, { ...view.harmOverrides }));
  persist.keepHarmEdits(() => ({ ...view.harmOverrides }));
  // A second open draws the cube saved with the data at once, while DuckDB starts and the tables
  // are restored; the cube build after the restore then takes it instead of building it again.
  let savedCube: CrimeCube | null = null;
  void persist.savedCube(view.dataset, source.datasetUrls[view.dataset] ?? '', view.resolution).then((c) => {
    if (c && !cube()) setCube((savedCube = c));
  });
  const weightVector = () => (view.weight === 'harm' ? harmWeights() : undefined);
  const dataCov = createMemo(() => {
    const c = cube();
    const b = boundaries();
    return c ? dataCoverage(c, { boroughs: b ? boroughCodes(b.boroughs) : [] }) : null;
  });
  const cubeFilter = createMemo(() => {
    const c = cube();
    return c ? withDefaultWindow(toCubeFilter(c, view), view, dataCov()) : null;
  });
  const coverage = createMemo(() => {
    const d = dataCov();
    const f = cubeFilter();
    return d && f ? coverageView(d, f, view) : null;
  });
  /**
   * The hot spot study area of the view (Gi*, forecast accuracy and the patrol plan all use it):
   * the chosen area's polygons, without the no-data boroughs unless the user keeps them; null
   * when the area has no polygon.
   */
  const studyRequest = (c: CrimeCube, b: BoundaryLayers, area: ViewState['area'] = view.area): StudyRequest | null => {
    const features = areaFeatures(b, area);
    if (features.length === 0) return null;
    const cov = coverage();
    const nd = cov ? noDataStudyArea(cov, b.boroughs, view.includeNoData) : null;
    return {
      areaKey: areaKey(c.resolution, area) + (nd?.key ?? ''),
      polygons: () => features as never,
      noDataArea: nd ? () => nd.area : undefined,
    };
  };

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
  /** The filter and weights the drawn hot spots were computed for (a newer request may be on its way). */
  const [hotspotBasis, setHotspotBasis] = createSignal<{ filter: CubeFilter; weights: Float64Array | undefined } | null>(null);
  const hotspotsStale = createMemo(() => {
    const b = hotspotBasis();
    return b === null || b.filter !== cubeFilter() || b.weights !== weightVector();
  });
  const [hotspotError, setHotspotError] = createSignal<string | null>(null);
  let hotspotClient: HotspotClient | null = null;
  const client = () => (hotspotClient ??= createHotspotClient());
  createEffect(() => {
    const c = cube();
    const f = cubeFilter();
    const b = boundaries();
    if (!isHotspotLayer(view.layer) || !c || !f || !b) return;
    const study = studyRequest(c, b);
    if (!study) return setHotspots(null);
    const weights = weightVector();
    client()
      .analyse({ cube: c, ...study, filter: f, weights })
      .then((r) => {
        if (!r) return;
        batch(() => {
          setHotspots(r.result);
          setHotspotBasis({ filter: f, weights });
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
    // Until the first hot spot answer arrives, a hot spot layer shows the counts. The recorded
    // offences layer draws no hexagons (its cells stay, so switching back costs no rebuild).
    if (view.layer === 'recorded') return { kind: 'counts', cube: c, totals: null };
    if (h && isHotspotLayer(view.layer)) return { kind: 'study', cube: c, result: h, layer: view.layer };
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
    const study = studyRequest(c, b);
    if (!study) throw new Error('choose an area first');
    return client().accuracy({ cube: c, ...study, filter: f, options });
  }

  /**
   * The filter one cell's figures are read under (tooltip, selected-hexagon panel). A hot spot
   * layer's cells are whole hexagons of the study area (ANALYSIS.md: cells by centre), so no area
   * mask; the counts layer masks by the crimes' own ward and borough, as its totals do.
   */
  const cellFilter = createMemo<CubeFilter | null>(() => {
    const f = cubeFilter();
    if (!f) return null;
    return view.layer === 'counts' ? f : { ...f, area: { kind: 'all' } };
  });
  const cellFigures = (code: number): CellBreakdown | null => {
    const c = cube();
    const f = cellFilter();
    if (!c || !f || code < 0 || code >= c.cells.length) return null;
    return cellBreakdown(c, f, code, weightVector());
  };
  const studyArea = () => {
    const c = cube();
    const b = boundaries();
    return c && b ? studyRequest(c, b) : null;
  };
  const priority = createPriorityModel({ cube, cubeFilter, weights: weightVector, client, area: studyArea });
  const clusters = createClustersModel({
    view, cube, cubeFilter, hotspotsStale, harmWeights, boundaries, area: studyArea, client, db: load.db, jobs,
    hotspots: () => (isHotspotLayer(view.layer) ? hotspots() : null),
    aggregated: () => precision.precision().cellAreaM2 !== null,
  });
  const lifecycle = createLifecycleModel(opfsLogStorage());
  const tasking = createTaskingModel({
    view, setView, cube, cubeFilter, hotspotsStale, weights: weightVector, clusters, prioritySettings: priority.settings, boundaries,
    area: studyArea, client, hotspots: () => (isHotspotLayer(view.layer) ? hotspots() : null),
    aggregated: () => precision.precision().cellAreaM2 !== null, currentPhases: lifecycle.phases, knownSites: lifecycle.known,
  });

  const review = createReviewModel({
    cube, coverage: dataCov, clusters: clusters.clusters, hotspots: () => (isHotspotLayer(view.layer) ? hotspots() : null), proposals: () => tasking.answer()?.proposals ?? null,
    sites: lifecycle.sites, boroughNames: () => clusters.names().borough, selectedId: () => tasking.selected()?.id ?? null,
  });

  const patrol = createPatrolModel({
    view, setView, cube, cubeFilter, harmWeights, weights: weightVector, boundaries, client, precision: precision.precision, writeUrl: () => url.schedule(),
    studyOf: (area) => {
      const c = cube();
      const b = boundaries();
      return c && b ? studyRequest(c, b, area) : null;
    },
  });

  const meeting = createMeetingModel({
    view, setView, cube, cubeFilter, coverage, harmWeights, boundaries, tasking, lifecycle, writeUrl: () => url.schedule(), search: location.search,
  });

  const scale = createMemo(() => quantileScale(view.layer === 'counts' ? (filtered()?.value ?? []) : []));

  /**
   * Rebuilds the cube for the view's resolution, as a queued job: never beside an ingest or another
   * build (they share staging tables), and ten quick resolution changes cost one waiting build,
   * which reads the resolution wanted when it starts.
   */
  function rebuildCube(): Promise<void> {
    return jobs.runLatest('cube', 'Building the hexagon cube', async () => {
      const db = load.db();
      if (!db) return;
      load.progress('Building the hexagon cube…', 0.95);
      // Never finer than the data supports: a refused resolution falls back, with a notice.
      const resolution = await precision.settle(db, view.resolution as H3Resolution);
      if (resolution !== view.resolution) {
        setViewStore('resolution', resolution);
        url.schedule();
      }
      const saved = savedCube?.resolution === resolution && persist.inSync() ? savedCube : null;
      savedCube = null;
      const c = saved ?? (await buildCube(db, resolution));
      if (!saved) persist.cubeBuilt(c);
      if (c === cube()) return;
      batch(() => {
        // Hot spots of the previous cube (another resolution or data) must not be drawn on this one.
        setHotspots(null);
        setHotspotBasis(null);
        setCube(c);
        if (view.selected && !c.cells.includes(view.selected)) setView({ selected: null });
      });
    });
  }

  const recorded = createRecordedCrimeModel({
    view, status: load.status, boundaries, db: load.db, jobs, decodeParquet: load.decodeParquet, urls: source.recordedCrime,
  });

  void load.start(view.dataset);

  return {
    status: load.status,
    view,
    setView,
    boundaries,
    lsoa: createBoundarySet(source.lsoaUrl, 'LSOA 2021 boundaries', () => view.lsoa),
    cube,
    cubeFilter,
    coverage,
    filtered,
    hexSource,
    hexCells,
    hexAt: (index: number) => hexRowAt(hexSource(), index),
    shownHexagons,
    scale,
    selected: () => view.selected,
    select: (hex) => setView({ selected: hex }),
    basemapAsked,
    answerBasemap: (yes) => {
      setBasemapAsked(false);
      setView({ onlineBasemap: yes });
    },
    dataset: load.dataset,
    totals: load.totals,
    reports: load.reports,
    loadFiles: load.loadFiles,
    queue: load.queue,
    debug: load.debug,
    mappingRequest: load.mappingRequest,
    db: load.db,
    useCube: (c: CrimeCube) =>
      batch(() => {
        setHotspots(null);
        setHotspotBasis(null);
        setCube(c);
        setView({ selected: null });
      }),
    lastAggregateMs,
    harmWeights,
    harmDefaults: { weights: harmTable.weights, notes: harmTable.notes },
    accuracy,
    hotspots: () => (isHotspotLayer(view.layer) ? hotspots() : null),
    hotspotsStale,
    cellFigures,
    lastHotspotMs,
    hotspotError,
    priority,
    precision,
    recorded,
    clusters,
    tasking,
    lifecycle,
    pack: createPackModel(),
    patrol,
    meeting,
    review,
    persist,
  };
}

/** Identifies a study area: resolution and area filter. */
function areaKey(resolution: number, a: ViewState['area']): string {
  return `${resolution}|${a.kind}|${a.kind === 'all' ? '' : a.codes.join(',')}`;
}
