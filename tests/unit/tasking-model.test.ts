/**
 * The tasking model (src/state/tasking-model.ts) with Solid's reactive build: it waits for the
 * clusters' points (the units need them, as the command-line twin's do), asks the worker with the
 * view's thresholds, selects by the view's id, redraws the selected site by clicks (and drops the
 * redrawings when the sites are recomputed), and shows nothing off the hot spot layers. Node
 * resolves 'solid-js' to its server build (effects never run), so the browser build is put in its place.
 */
import { gridDisk, gridRing, latLngToCell } from 'h3-js';
import { describe, expect, it, vi } from 'vitest';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import { findHotClusters } from '../../src/analysis/clusters';
import type { CubeFilter } from '../../src/analysis/cube';
import type { HotspotResult, StudyArea } from '../../src/analysis/hotspots';
import { ringNeighbours } from '../../src/analysis/study-area';
import type { BoundaryLayers } from '../../src/map/basemap-style';
import type { ClustersModel } from '../../src/state/clusters-model';
import { DEFAULT_VIEW, type ViewState } from '../../src/state/filters';
import type { HotspotClient } from '../../src/state/hotspot-client';
import { DEFAULT_PRIORITY_SETTINGS } from '../../src/state/priority-model';
import type { TaskingThresholds } from '../../src/state/tasking-url';
import { answerTasking, type TaskingAsk } from '../../src/state/tasking-worker';
import { cubeOfRows } from './helpers/cube';
import { resultWith } from './helpers/hotspots';

vi.mock('solid-js', async () => {
  const browserBuild: string = '../../node_modules/solid-js/dist/solid.js';
  return (await import(/* @vite-ignore */ browserBuild)) as typeof import('solid-js');
});
const { createRoot, createSignal } = await import('solid-js');
const { createTaskingModel } = await import('../../src/state/tasking-model');

const RES = 9;
const CENTRE = latLngToCell(51.53, -0.115, RES);
const disk = [...gridDisk(CENTRE, 4)].sort();
const study: StudyArea = { resolution: RES, cells: disk, neighbours: ringNeighbours(disk), noData: new Uint8Array(disk.length), excluded: [] };
const A = CENTRE;
const B = gridRing(CENTRE, 1)[0];
const far = gridRing(CENTRE, 4)[0];
const VIOLENCE = ALL_CATEGORIES.indexOf('Violence and sexual offences');
const MONTHS = ['2024-01', '2024-02'];
const cube = cubeOfRows(study.cells, MONTHS, [
  { cell: A, month: 0, category: VIOLENCE, count: 3, borough: 0, ward: 0 },
  { cell: B, month: 1, category: VIOLENCE, count: 1, borough: 0, ward: 0 },
  { cell: far, month: 1, category: VIOLENCE, count: 2, borough: 0, ward: 0 },
], { boroughs: ['E09000007'], wards: ['W1'] });
const filter: CubeFilter = { monthFrom: 0, monthTo: 1, categories: ALL_CATEGORIES.map((_, i) => i), area: { kind: 'all' } };
const hot = resultWith(study, { [A]: 2, [B]: 2 }, { months: MONTHS, spaceTime: { [A]: [2, 0], [B]: [0, 2] } });
const harm = Float64Array.from(ALL_CATEGORIES, () => 1);
const clusters = findHotClusters({ cube, study, hotspots: hot, filter, harmWeights: harm, level: 2 });
const boundaries = { wards: { type: 'FeatureCollection', features: [] }, boroughs: { type: 'FeatureCollection', features: [] }, bcus: { type: 'FeatureCollection', features: [] } } as unknown as BoundaryLayers;
const settle = () => new Promise((r) => setTimeout(r, 20));

function setUp() {
  const asks: TaskingAsk[] = [];
  const client: HotspotClient = {
    analyse: async () => null,
    accuracy: async () => null,
    priority: async () => null,
    clusters: async () => null,
    tasking: async (args) => {
      asks.push(args.ask);
      return answerTasking(args.cube, study, args.filter, args.weights, args.ask);
    },
    dispose: () => {},
  };
  const [proposal, setProposal] = createSignal<string | null>(null);
  const [tasking, setTasking] = createSignal<Partial<TaskingThresholds>>({});
  const view = { ...DEFAULT_VIEW, layer: 'gi', get proposal() { return proposal(); }, get tasking() { return tasking(); } } as ViewState;
  const setView = (patch: Partial<ViewState>) => {
    if (patch.proposal !== undefined) setProposal(patch.proposal);
    if (patch.tasking !== undefined) setTasking(patch.tasking);
  };
  const [points, setPoints] = createSignal<[] | null>(null);
  const [hotspots, setHotspots] = createSignal<HotspotResult | null>(hot);
  const [found, setFound] = createSignal(clusters);
  const [phases, setPhases] = createSignal<Record<string, 'clear' | 'hold' | 'build'>>({});
  // As the clusters model: the last clusters, shown while on a hot spot layer.
  const clustersModel = { clusters: () => (hotspots() ? found() : null), points, names: () => ({}) } as unknown as ClustersModel;
  const model = createRoot(() =>
    createTaskingModel({
      view, setView, cube: () => cube, cubeFilter: () => filter, hotspots, hotspotsStale: () => false, weights: () => undefined,
      clusters: clustersModel, prioritySettings: () => DEFAULT_PRIORITY_SETTINGS, boundaries: () => boundaries,
      area: () => ({ areaKey: 'k', polygons: () => [] as never }), client: () => client, aggregated: () => true,
      currentPhases: phases,
    }),
  );
  return { model, asks, setView, setPoints, setHotspots, setFound, setPhases };
}

describe('createTaskingModel', () => {
  it('waits for the clusters\' points, then asks once with the default thresholds', async () => {
    const { model, asks, setPoints } = setUp();
    await settle();
    expect(asks).toHaveLength(0);
    expect(model.answer()).toBeNull();
    expect(model.busy()).toBe(true);
    setPoints([]);
    await settle();
    expect(asks).toHaveLength(1);
    expect(asks[0]).toMatchObject({ tasking: { clearPriorityShare: 0.5, buildMonths: 6 }, sites: { maxSiteAreaKm2: 6, joinRings: 3 }, edits: {}, aggregated: true });
    expect(asks[0].ranking).toEqual({ coverage: 0.05, halfLife: 3, months: 6 });
    expect(model.answer()!.proposals.map((p) => p.cells)).toEqual([[A, B].sort()]);
    expect(model.busy()).toBe(false);
  });

  it('selects by the view\'s id; a click redraws the selected site; a threshold change recomputes and drops redrawings', async () => {
    const { model, asks, setView, setPoints } = setUp();
    setPoints([]);
    await settle();
    const id = model.answer()!.proposals[0].id;
    expect(model.toggleCell(far)).toBe('choose a proposal first');
    setView({ proposal: id });
    expect(model.selected()?.id).toBe(id);
    model.setEditing(true);
    expect(model.toggleCell(far)).toBeNull();
    await settle();
    expect(asks.at(-1)!.edits).toEqual({ [id]: [A, B, far].sort() });
    expect(asks.at(-1)!.baseId).toBe(asks[0].baseId);
    expect(model.selected()!.cells).toEqual([A, B, far].sort());
    expect(model.selected()!.crimes).toBe(6);
    // Removing the last cell is refused, with the reason.
    model.toggleCell(far);
    model.toggleCell(A);
    await settle();
    expect(model.selected()!.cells).toEqual([B]);
    expect(model.toggleCell(B)).toBe('a site needs at least one hexagon');
    expect(model.editNote()).toBe('a site needs at least one hexagon');

    model.setThreshold('clearPriorityShare', 0.9);
    await settle();
    expect(asks.at(-1)!.tasking.clearPriorityShare).toBe(0.9);
    expect(asks.at(-1)!.baseId).not.toBe(asks[0].baseId);
    expect(model.edits()).toEqual({});
    expect(model.selected()!.cells).toEqual([A, B].sort());
    expect(model.thresholds().clearPriorityShare).toBe(0.9);
  });

  it('takes each site\'s current phase from the lifecycle into the phase rules', async () => {
    const { model, asks, setPoints, setPhases } = setUp();
    setPoints([]);
    await settle();
    const first = model.answer()!.proposals[0];
    expect(asks.at(-1)!.currentPhase).toEqual({});
    expect(first.phase.current).toBeNull();
    setPhases({ [first.id]: 'build' });
    await settle();
    expect(asks.at(-1)!.currentPhase).toEqual({ [first.id]: 'build' });
    const now = model.answer()!.proposals[0];
    expect(now.phase.current).toBe('build');
    expect(now.phase.reasons[0]).toMatch(/^(Build: stays under Build|Clear: back to Clear)/);
  });

  it('a new hot spot result is not mixed with the clusters of the last one: it waits for its own clusters', async () => {
    const { model, asks, setPoints, setHotspots, setFound } = setUp();
    setPoints([]);
    await settle();
    expect(asks).toHaveLength(1);
    // A weighting change: same filter, new result; the old clusters stay until the new ones come.
    const again = { ...hot };
    setHotspots(again);
    await settle();
    expect(asks).toHaveLength(1);
    setFound({ ...clusters });
    await settle();
    expect(asks).toHaveLength(2);
    expect(asks[1].hotspots).toBe(again);
    expect(model.answer()).not.toBeNull();
  });

  it('shows nothing off the hot spot layers', async () => {
    const { model, setPoints, setHotspots, setView } = setUp();
    setPoints([]);
    await settle();
    setView({ proposal: model.answer()!.proposals[0].id });
    setHotspots(null);
    expect([model.answer(), model.selected()]).toEqual([null, null]);
  });
});
