/**
 * The app's Clear/Hold/Build proposals (issue 13, item 1): candidate sites built from the
 * clusters of the hot spot result on screen (./clusters-model.ts, at the view's FDR level), with
 * their figures, recommended phase and reasons, computed in the hotspot worker by the analysis
 * core (src/analysis/tasking/, through ./tasking-worker.ts) exactly as the command-line twin's
 * `--tasking` does: harm always weighs by the harm table, whatever the map's weighting; the
 * clusters come from the map's own hot spots and the patrol order from the map's weighting.
 *
 * The user changes the main thresholds (kept in the link when they differ from the defaults),
 * selects a proposal (in the link) and redraws the selected site by adding or removing cells;
 * a redrawn site's figures are recomputed by the core for the new cells. Redrawings last until
 * the proposals are recomputed for another filter, weighting or threshold (or a site's phase in
 * the tasking lifecycle, which the phase rules start from, changes).
 */
import { type Accessor, createEffect, createMemo, createSignal, on, untrack } from 'solid-js';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { CrimeCube, CubeFilter } from '../analysis/cube';
import type { HotspotResult } from '../analysis/hotspots';
import type { Proposal } from '../analysis/tasking/proposals';
import type { Phase } from '../analysis/tasking/rules';
import type { BoundaryLayers } from '../map/basemap-style';
import type { ClustersModel } from './clusters-model';
import type { ViewState } from './filters';
import type { HotspotClient, StudyRequest } from './hotspot-client';
import type { PrioritySettings } from './priority-model';
import { coreSettings, DEFAULT_THRESHOLDS, type TaskingThresholds, withThreshold } from './tasking-url';
import { toggledSiteCells } from './tasking-view';
import type { TaskingAnswer } from './tasking-worker';

export interface TaskingModel {
  /** The proposals of the hot spot result on screen (null before the first, or off the hot spot layers). */
  answer: Accessor<TaskingAnswer | null>;
  /** The selected proposal (view.proposal) when the current proposals hold it. */
  selected: Accessor<Proposal | null>;
  /** The thresholds in use: the defaults with the user's changes. */
  thresholds: Accessor<TaskingThresholds>;
  /** Changes one threshold. @throws {Error} on a value out of its range. */
  setThreshold(key: keyof TaskingThresholds, value: number): void;
  /** While on, a click on a hexagon adds it to the selected site or removes it. */
  editing: Accessor<boolean>;
  setEditing(on: boolean): void;
  /** Adds or removes a cell of the selected site; returns why not when refused (null when done). */
  toggleCell(hex: string): string | null;
  /** Gives the selected site back its proposed cells. */
  resetSite(): void;
  /** The sites the user redrew: id → cells. */
  edits: Accessor<Record<string, string[]>>;
  /** The last refusal of an edit, in words. */
  editNote: Accessor<string | null>;
  busy: Accessor<boolean>;
  error: Accessor<string | null>;
}

export interface TaskingInputs {
  view: ViewState;
  setView(patch: Partial<ViewState>): void;
  cube: Accessor<CrimeCube | null>;
  cubeFilter: Accessor<CubeFilter | null>;
  /** The hot spot result on screen (null off the hot spot layers), and whether it is for an earlier filter. */
  hotspots: Accessor<HotspotResult | null>;
  hotspotsStale: Accessor<boolean>;
  /** The map's weights (harm, or undefined for counts): the patrol ranking's, as the CLI's --weight. */
  weights: Accessor<Float64Array | undefined>;
  clusters: ClustersModel;
  /** The forecast panel's backtest settings (the patrol ranking's). */
  prioritySettings: Accessor<PrioritySettings>;
  boundaries: Accessor<BoundaryLayers | null>;
  area: Accessor<StudyRequest | null>;
  client: () => HotspotClient;
  aggregated: Accessor<boolean>;
  /** Each site's current phase from the tasking lifecycle (./lifecycle/), for the phase rules. */
  currentPhases?: Accessor<Record<string, Phase>>;
  /** Sites the lifecycle log has decisions on, with their cells: proposals over them keep their ids. */
  knownSites?: Accessor<{ id: string; cells: readonly string[] }[]>;
}

export function createTaskingModel(inputs: TaskingInputs): TaskingModel {
  const [answer, setAnswer] = createSignal<TaskingAnswer | null>(null);
  const [edits, setEdits] = createSignal<Record<string, string[]>>({});
  const [editing, setEditing] = createSignal(false);
  const [editNote, setEditNote] = createSignal<string | null>(null);
  const [pending, setPending] = createSignal(0);
  const [error, setError] = createSignal<string | null>(null);
  const thresholds = createMemo<TaskingThresholds>(() => ({ ...DEFAULT_THRESHOLDS, ...inputs.view.tasking }));

  /** Everything but the redrawings: a new base means new sites, so redrawings are dropped. */
  let baseCount = 0;
  // The hot spot result the clusters arrived for: after a weighting change the old clusters stay
  // on screen (same filter) until the new ones come, and must not be mixed with the new result.
  // (A memo first: it tells only when the clusters object itself changes, not the hot spots it reads.)
  const clustersNow = createMemo(() => inputs.clusters.clusters());
  const clustersOf = createMemo(on(clustersNow, (c) => ({ clusters: c, hotspots: untrack(inputs.hotspots) })));
  const base = createMemo(() => {
    const { clusters, hotspots: clustersFor } = clustersOf();
    const points = inputs.clusters.points();
    const hotspots = inputs.hotspots();
    if (clustersFor !== hotspots) return null;
    const cube = inputs.cube();
    const filter = inputs.cubeFilter();
    const b = inputs.boundaries();
    const area = inputs.area();
    if (!clusters || !points || !hotspots || inputs.hotspotsStale() || !cube || !filter || !b || !area) return null;
    if (clusters.filter !== filter && JSON.stringify(clusters.filter) !== JSON.stringify(filter)) return null;
    const p = inputs.prioritySettings();
    return {
      id: ++baseCount, clusters, points, hotspots, cube, filter, area,
      weights: inputs.weights(),
      boroughs: b.boroughs.features as Feature<Polygon | MultiPolygon>[],
      names: inputs.clusters.names(),
      ranking: { coverage: p.coveragePercent / 100, halfLife: p.halfLife, months: p.months },
      settings: coreSettings(thresholds()),
      aggregated: inputs.aggregated(),
      currentPhase: inputs.currentPhases?.() ?? {},
      knownSites: inputs.knownSites?.() ?? [],
    };
  });
  createEffect(on(base, () => setEdits({}), { defer: true }));

  createEffect(() => {
    const k = base();
    const e = edits();
    if (!k) return;
    setPending((n) => n + 1);
    inputs
      .client()
      .tasking({
        cube: k.cube, ...k.area, filter: k.filter, weights: k.weights,
        ask: {
          baseId: k.id, hotspots: k.hotspots, clusters: k.clusters, ranking: k.ranking, boroughs: k.boroughs, names: k.names,
          points: k.points, aggregated: k.aggregated, tasking: k.settings.tasking, sites: k.settings.sites, edits: e,
          currentPhase: k.currentPhase, knownSites: k.knownSites,
        },
      })
      .then((a) => {
        if (!a) return;
        setAnswer(a);
        setError(null);
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)))
      .finally(() => setPending((n) => n - 1));
  });

  // Off the hot spot layers the last proposals would speak of an older view.
  const current = () => (inputs.hotspots() ? answer() : null);
  const selected = createMemo(() => {
    const id = inputs.view.proposal;
    return id === null ? null : (current()?.proposals.find((p) => p.id === id) ?? null);
  });
  const studyCells = createMemo(() => new Set(inputs.hotspots()?.cells ?? []));

  return {
    answer: current,
    selected,
    thresholds,
    setThreshold(key, value) {
      inputs.setView({ tasking: withThreshold(inputs.view.tasking, key, value) });
    },
    editing,
    setEditing(on) {
      setEditing(on);
      setEditNote(null);
    },
    toggleCell(hex) {
      const p = selected();
      if (!p) return 'choose a proposal first';
      const r = toggledSiteCells(edits()[p.id] ?? p.cells, hex, studyCells());
      setEditNote(r.refused);
      if (r.refused === null) setEdits((e) => ({ ...e, [p.id]: r.cells }));
      return r.refused;
    },
    resetSite() {
      const p = selected();
      if (!p) return;
      setEdits((e) => {
        const { [p.id]: _dropped, ...rest } = e;
        return rest;
      });
      setEditNote(null);
    },
    edits,
    editNote,
    busy: () => pending() > 0 || (inputs.hotspots() !== null && answer() === null),
    error,
  };
}
