/**
 * The app's hot spot clusters and who shares them (issue 12): the clusters of the current hot
 * spot result at the view's FDR level (found in the hotspot worker, where the study area's ring-1
 * neighbours live), their membership by ward, borough and BCU with the "few points" caveat from
 * the crimes' distinct points (one database job on the queue), the cross-border list for the
 * chosen line, the shared-harm matrices, and the user's own boundary files as further levels.
 * The statistics are src/analysis/clusters.ts, borders.ts and custom-areas.ts; the words are
 * ./cluster-view.ts.
 */
import { type Accessor, createEffect, createMemo, createSignal } from 'solid-js';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { type CellUnitPoints, clusterMembership, type ClusterMembership, sharedHarmMatrix, type SharedHarmMatrix, type UnitNames } from '../analysis/borders';
import { STOP_AND_SEARCH } from '../analysis/categories';
import type { HotCluster, HotClusters } from '../analysis/clusters.ts';
import type { CrimeCube, CubeFilter } from '../analysis/cube';
import { customAreaShares, type CustomAreaShares } from '../analysis/custom-areas';
import type { HotspotResult } from '../analysis/hotspots';
import type { DbClient } from '../db/client';
import { clusterLocationCrimes, clusterPointCounts, type PointFilter } from '../db/cluster-points';
import type { H3Resolution } from '../db/schema';
import { boundaryLevel, type BoundaryFile, parseBoundaryFile } from '../ingest/boundary-file';
import type { BoundaryLayers } from '../map/basemap-style';
import { crossBorderEntries, customAreaEntries, type CrossBorderEntry } from './cluster-view';
import type { ViewState } from './filters';
import type { HotspotClient, StudyRequest } from './hotspot-client';
import type { JobQueue } from './job-queue';

/** A user's boundary file as a level of the cross-border panel. */
export interface CustomLevel {
  /** Unique in the session: the file name, numbered when loaded again. */
  id: string;
  file: BoundaryFile;
  nameProperty: string | null;
  /** Its areas as `{ code, name }` polygons (boundary-file.ts `boundaryLevel`). */
  areas: FeatureCollection<Polygon | MultiPolygon>;
}

export interface ClustersModel {
  /** The clusters of the current hot spot result (null before the first, or off a hot spot layer). */
  clusters: Accessor<HotClusters | null>;
  /** Their membership (null until the distinct points are counted). */
  members: Accessor<ClusterMembership[] | null>;
  /** The distinct crime points of the current clusters' cells by unit (null until counted): proposals share them. */
  points: Accessor<CellUnitPoints[] | null>;
  /** The cross-border list for the chosen line (a custom level when one is chosen), by harm. */
  entries: Accessor<CrossBorderEntry[] | null>;
  matrix(level: 'borough' | 'bcu'): SharedHarmMatrix | null;
  /** The selected cluster (view.cluster) when the current clusters hold it. */
  selected: Accessor<HotCluster | null>;
  /** Unit names by level, from the boundaries. */
  names: Accessor<UnitNames>;
  /** The user's boundary files, in load order. */
  customLevels: Accessor<CustomLevel[]>;
  /** The chosen custom level's id, or null when the line is the view's ward/borough/BCU. */
  customLevel: Accessor<string | null>;
  chooseCustomLevel(id: string | null): void;
  setNameProperty(id: string, property: string | null): void;
  /** Reads a boundary file and adds it as a level (chosen at once); throws the reason it is refused. */
  addBoundaryFile(file: File): Promise<CustomLevel>;
  /** Refusals of boundary files, in words (newest last). */
  boundaryErrors: Accessor<string[]>;
  /** True while clusters, points or custom shares are being computed. */
  busy: Accessor<boolean>;
  error: Accessor<string | null>;
}

export interface ClustersInputs {
  view: ViewState;
  cube: Accessor<CrimeCube | null>;
  cubeFilter: Accessor<CubeFilter | null>;
  /** The hot spot result on screen, and whether it is for an earlier filter. */
  hotspots: Accessor<HotspotResult | null>;
  hotspotsStale: Accessor<boolean>;
  harmWeights: Accessor<Float64Array>;
  boundaries: Accessor<BoundaryLayers | null>;
  area: Accessor<StudyRequest | null>;
  client: () => HotspotClient;
  db(): DbClient | null;
  jobs: JobQueue;
  /** The loaded data are aggregated cells (a count column): every share carries the caveat. */
  aggregated: Accessor<boolean>;
}

/** The crimes table's filter for the cube filter's months and crime types (stop and search never counts). */
export function pointFilterOf(cube: CrimeCube, filter: CubeFilter): PointFilter {
  return {
    from: cube.months[filter.monthFrom] ?? null,
    to: cube.months[filter.monthTo] ?? null,
    categories: filter.categories.map((c) => cube.categories[c]).filter((c) => c !== undefined && c !== STOP_AND_SEARCH),
  };
}

const namesOf = (fc: FeatureCollection) => new Map(fc.features.map((f) => [String(f.properties?.code), String(f.properties?.name ?? f.properties?.code)]));

export function createClustersModel(inputs: ClustersInputs): ClustersModel {
  // Clusters are kept with the cube they were found on: after a load or a resolution change the new
  // cube arrives before the new hot spots, and clusters of the old cube must never meet the new one
  // (their cell codes index the old cube's cells).
  const [found, setFound] = createSignal<{ clusters: HotClusters; cube: CrimeCube } | null>(null);
  const clusters = createMemo(() => {
    const f = found();
    return f && f.cube === inputs.cube() ? f.clusters : null;
  });
  const [points, setPoints] = createSignal<{ clusters: HotClusters; points: CellUnitPoints[] } | null>(null);
  const [custom, setCustom] = createSignal<{ clusters: HotClusters; level: CustomLevel; shares: CustomAreaShares[] } | null>(null);
  const [customLevels, setCustomLevels] = createSignal<CustomLevel[]>([]);
  const [customLevel, setCustomLevel] = createSignal<string | null>(null);
  const [boundaryErrors, setBoundaryErrors] = createSignal<string[]>([]);
  const [pending, setPending] = createSignal(0);
  const [error, setError] = createSignal<string | null>(null);
  const track = async <T,>(p: Promise<T>): Promise<T> => {
    setPending((n) => n + 1);
    try {
      return await p;
    } finally {
      setPending((n) => n - 1);
    }
  };
  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  // The clusters of the result on screen, at the view's level, found in the hotspot worker.
  createEffect(() => {
    const h = inputs.hotspots();
    const cube = inputs.cube();
    const filter = inputs.cubeFilter();
    const area = inputs.area();
    const level = inputs.view.clusterFdr;
    const harmWeights = inputs.harmWeights();
    if (!h || inputs.hotspotsStale() || !cube || !filter || !area) return;
    void track(inputs.client().clusters({ cube, ...area, filter, ask: { hotspots: h, level, harmWeights } }))
      .then((c) => {
        if (!c) return;
        setFound({ clusters: c, cube });
        setError(null);
      })
      .catch(fail);
  });

  // Distinct points per (cell, ward, borough) of the clusters' crimes: one job on the queue, read
  // again only when the months or crime types (or the data) change.
  let pointsKey = '';
  let pointsCache: CellUnitPoints[] = [];
  let cubeOfPoints: CrimeCube | null = null;
  createEffect(() => {
    const c = clusters();
    const cube = inputs.cube();
    if (!c || !cube) return;
    const pf = pointFilterOf(cube, c.filter);
    const key = JSON.stringify([cube.resolution, pf]);
    if (key === pointsKey && cube === cubeOfPoints) return setPoints({ clusters: c, points: pointsCache });
    void track(
      inputs.jobs.runLatest('cluster-points', 'Counting the hot spot clusters\' crime points', async () => {
        const db = inputs.db();
        return db ? clusterPointCounts(db, cube.resolution as H3Resolution, pf) : null;
      }),
    )
      .then((p) => {
        if (!p || clusters() !== c) return;
        pointsKey = key;
        pointsCache = p;
        cubeOfPoints = cube;
        setPoints({ clusters: c, points: p });
      })
      .catch(fail);
  });

  const names = createMemo<UnitNames>(() => {
    const b = inputs.boundaries();
    return b ? { ward: namesOf(b.wards), borough: namesOf(b.boroughs), bcu: namesOf(b.bcus) } : {};
  });

  const members = createMemo<ClusterMembership[] | null>(() => {
    const c = clusters();
    const p = points();
    const cube = inputs.cube();
    if (!c || !p || p.clusters !== c || !cube) return null;
    return clusterMembership(cube, c, { names: names(), points: p.points, aggregated: inputs.aggregated() });
  });

  const chosenCustom = () => customLevels().find((l) => l.id === customLevel()) ?? null;

  // A user's level needs the crimes per location in the clusters' cells (another queued job).
  createEffect(() => {
    const c = clusters();
    const level = chosenCustom();
    const cube = inputs.cube();
    if (!c || !level || !cube) return;
    const aggregated = inputs.aggregated();
    const cells = c.clusters.flatMap((k) => k.cells);
    void track(
      inputs.jobs.runLatest('cluster-locations', 'Placing the hot spot clusters\' crimes in your areas', async () => {
        const db = inputs.db();
        return db ? clusterLocationCrimes(db, cube.resolution as H3Resolution, pointFilterOf(cube, c.filter), cells, cube.categories) : null;
      }),
    )
      .then((locations) => {
        if (!locations || clusters() !== c || chosenCustom() !== level) return;
        setCustom({ clusters: c, level, shares: customAreaShares(c, locations, level.areas, aggregated) });
      })
      .catch(fail);
  });

  const edge = () => ({ wholeArea: inputs.view.area.kind === 'all' });
  const entries = createMemo<CrossBorderEntry[] | null>(() => {
    const c = clusters();
    const m = members();
    if (!c || !m) return null;
    const level = chosenCustom();
    if (!level) return crossBorderEntries(c, m, inputs.view.clusterLine, names(), edge());
    const s = custom();
    return s && s.clusters === c && s.level === level ? customAreaEntries(c, m, s.shares, edge()) : null;
  });

  const matrices = {
    borough: createMemo(() => (members() ? sharedHarmMatrix(members()!, 'borough') : null)),
    bcu: createMemo(() => (members() ? sharedHarmMatrix(members()!, 'bcu') : null)),
  };

  const selected = createMemo(() => {
    const id = inputs.view.cluster;
    return id === null || !inputs.hotspots() ? null : (clusters()?.clusters.find((k) => k.id === id) ?? null);
  });

  async function addBoundaryFile(f: File): Promise<CustomLevel> {
    try {
      const file = parseBoundaryFile(f.name, await f.text());
      const taken = customLevels().filter((l) => l.file.fileName === f.name).length;
      const level: CustomLevel = {
        id: taken === 0 ? f.name : `${f.name} (${taken + 1})`,
        file,
        nameProperty: file.nameProperty,
        areas: boundaryLevel(file, file.nameProperty),
      };
      setCustomLevels((ls) => [...ls, level]);
      setCustomLevel(level.id);
      return level;
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      setBoundaryErrors((es) => [...es, why]);
      throw e;
    }
  }

  // Off the hot spot layers nothing is recomputed: the last clusters would speak of an older filter.
  const current = () => (inputs.hotspots() ? clusters() : null);
  return {
    clusters: current,
    members: () => (current() ? members() : null),
    points: () => {
      const c = current();
      const p = points();
      return c && p && p.clusters === c ? p.points : null;
    },
    entries: () => (inputs.hotspots() ? entries() : null),
    matrix: (level) => (inputs.hotspots() ? matrices[level]() : null),
    selected,
    names,
    customLevels,
    customLevel,
    chooseCustomLevel: setCustomLevel,
    setNameProperty(id, property) {
      setCustomLevels((ls) => ls.map((l) => (l.id === id ? { ...l, nameProperty: property, areas: boundaryLevel(l.file, property) } : l)));
    },
    addBoundaryFile,
    boundaryErrors,
    busy: () => pending() > 0 || (clusters() !== null && members() === null),
    error,
  };
}
