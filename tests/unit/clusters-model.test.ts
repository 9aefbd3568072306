/**
 * The clusters model (src/state/clusters-model.ts) with Solid's reactive build: it asks the
 * hotspot worker for the clusters of the result on screen at the view's FDR level, counts the
 * points as one job on the queue, and turns a user's GeoJSON into a level. Node resolves
 * 'solid-js' to its server build (effects never run), so the browser build is put in its place.
 */
import { gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it, vi } from 'vitest';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import { findHotClusters, type HotClusters } from '../../src/analysis/clusters';
import type { CubeFilter } from '../../src/analysis/cube';
import type { HotspotResult, StudyArea } from '../../src/analysis/hotspots';
import { ringNeighbours } from '../../src/analysis/study-area';
import type { DbClient } from '../../src/db/client';
import type { BoundaryLayers } from '../../src/map/basemap-style';
import { createClustersModel } from '../../src/state/clusters-model';
import { DEFAULT_VIEW, type ViewState } from '../../src/state/filters';
import type { HotspotClient } from '../../src/state/hotspot-client';
import { JobQueue } from '../../src/state/job-queue';
import { cubeOfRows } from './helpers/cube';
import { resultWith } from './helpers/hotspots';

// The browser build's file has no declarations of its own: it is the API 'solid-js' declares.
vi.mock('solid-js', async () => {
  const browserBuild: string = '../../node_modules/solid-js/dist/solid.js';
  return (await import(/* @vite-ignore */ browserBuild)) as typeof import('solid-js');
});

const { createRoot, createSignal } = await import('solid-js');

const counted: { filter: unknown }[] = [];
vi.mock('../../src/db/cluster-points', () => ({
  clusterPointCounts: async (_db: unknown, _res: number, filter: unknown) => {
    counted.push({ filter });
    return [];
  },
  clusterLocationCrimes: async () => [],
}));

const RES = 9;
const CENTRE = latLngToCell(51.53, -0.115, RES);
const disk = [...gridDisk(CENTRE, 3)].sort();
const study: StudyArea = { resolution: RES, cells: disk, neighbours: ringNeighbours(disk), noData: new Uint8Array(disk.length), excluded: [] };
const [a, b] = [disk[0], disk.find((c) => gridDisk(disk[0], 1).includes(c) && c !== disk[0])!];
const BURGLARY = ALL_CATEGORIES.indexOf('Burglary');
// Two neighbouring cells: one in Camden (3 burglaries), one in Islington (1), both at bin 2 (hot at 95 %, not at 99 %).
const cube = cubeOfRows(study.cells, ['2024-01'], [
  { cell: a, month: 0, category: BURGLARY, count: 3, borough: 0, ward: 0 },
  { cell: b, month: 0, category: BURGLARY, count: 1, borough: 1, ward: 1 },
], { resolution: RES, boroughs: ['E09000007', 'E09000019'], boroughBcu: ['CN', 'CN'], wards: ['W1', 'W2'] });
const filter: CubeFilter = { monthFrom: 0, monthTo: 0, categories: ALL_CATEGORIES.map((_, i) => i), area: { kind: 'all' } };
const hot = resultWith(study, { [a]: 2, [b]: 2 });
const harm = Float64Array.from(ALL_CATEGORIES, () => 1);
const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features }) as never;
const boundaries: BoundaryLayers = {
  wards: fc([]),
  boroughs: fc([{ type: 'Feature', properties: { code: 'E09000007', name: 'Camden' }, geometry: null }, { type: 'Feature', properties: { code: 'E09000019', name: 'Islington' }, geometry: null }]),
  bcus: fc([{ type: 'Feature', properties: { code: 'CN', name: 'Central North' }, geometry: null }]),
};

/** A hotspot client that finds clusters in this process, recording the levels asked for. */
function fakeClient(levels: number[]): HotspotClient {
  return {
    analyse: async () => null,
    accuracy: async () => null,
    priority: async () => null,
    tasking: async () => null,
    clusters: async (args): Promise<HotClusters> => {
      levels.push(args.ask.level);
      return findHotClusters({ cube: args.cube, study, hotspots: args.ask.hotspots, filter: args.filter, harmWeights: args.ask.harmWeights, level: args.ask.level });
    },
    dispose: () => {},
  };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

function setUp() {
  const levels: number[] = [];
  const jobs = new JobQueue();
  const labels: string[] = [];
  jobs.subscribe((s) => s.running && labels.push(s.running.label));
  // The view's cluster fields as signals (solid-js/store, loaded by Node, would bring the server build back).
  const [fdr, setFdr] = createSignal<1 | 2 | 3>(2);
  const [cluster, setCluster] = createSignal<string | null>(null);
  const view = { ...DEFAULT_VIEW, layer: 'gi', get clusterFdr() { return fdr(); }, get cluster() { return cluster(); } } as ViewState;
  const setView = (patch: { clusterFdr?: 1 | 2 | 3; cluster?: string | null }) => {
    if (patch.clusterFdr !== undefined) setFdr(patch.clusterFdr);
    if (patch.cluster !== undefined) setCluster(patch.cluster);
  };
  const [hotspots, setHotspots] = createSignal<HotspotResult | null>(hot);
  const [aggregated] = createSignal(true);
  const [cubeNow, setCube] = createSignal(cube);
  const model = createRoot(() =>
    createClustersModel({
      view, cube: cubeNow, cubeFilter: () => filter, hotspots, hotspotsStale: () => false, harmWeights: () => harm,
      boundaries: () => boundaries, area: () => ({ areaKey: 'k', polygons: () => [] as never }), client: () => fakeClient(levels),
      db: () => ({}) as DbClient, jobs, aggregated,
    }),
  );
  return { model, levels, labels, setView, setHotspots, setCube };
}

describe('createClustersModel', () => {
  it('finds the clusters at the view\'s level, counts points as a queued job, and lists the Camden / Islington crossing', async () => {
    const { model, levels, labels, setView } = setUp();
    await settle();
    expect(levels).toEqual([2]);
    expect(labels).toEqual(['Counting the hot spot clusters\' crime points']);
    expect(counted.at(-1)?.filter).toEqual({ from: '2024-01', to: '2024-01', categories: ALL_CATEGORIES.filter((c) => c !== 'Stop and search') });
    expect(model.clusters()?.clusters).toHaveLength(1);
    const entries = model.entries()!;
    expect(entries.map((e) => e.label)).toEqual(['Camden 75 % / Islington 25 %, BCU CN']);
    // Point counts came back empty: each share rests on 0 points; the data are aggregated cells.
    expect(entries[0].units.every((u) => u.caveats.includes('aggregated') && u.caveats.includes('few-points'))).toBe(true);
    expect(model.matrix('borough')?.harm).toEqual([[0, 4], [4, 0]]);

    // At 99 % neither cell is hot: asked again at level 3, no cluster.
    setView({ clusterFdr: 3 });
    await settle();
    expect(levels).toEqual([2, 3]);
    expect(model.clusters()?.clusters).toEqual([]);
    expect(model.entries()).toEqual([]);
  });

  it('selects a cluster by the view\'s id, and shows nothing off the hot spot layers', async () => {
    const { model, setView, setHotspots } = setUp();
    await settle();
    const id = model.clusters()!.clusters[0].id;
    setView({ cluster: id });
    expect(model.selected()?.id).toBe(id);
    setHotspots(null);
    expect([model.clusters(), model.entries(), model.selected(), model.matrix('bcu')]).toEqual([null, null, null, null]);
  });

  it('never joins the clusters of one cube to the next (a load or a resolution change brings a new cube first)', async () => {
    const { model, setCube } = setUp();
    await settle();
    expect(model.clusters()?.clusters).toHaveLength(1);
    // A new cube with one more cell (a file loaded): the old clusters' cell codes do not fit it.
    // Before the fix the membership memo threw "cluster codes for ... cube cells (another cube?)",
    // inside the cube rebuild, and the load was reported as failed.
    const grown = cubeOfRows([...study.cells, latLngToCell(51.6, -0.2, RES)].sort(), ['2024-01'], [
      { cell: a, month: 0, category: BURGLARY, count: 3, borough: 0, ward: 0 },
    ], { resolution: RES, boroughs: ['E09000007', 'E09000019'], boroughBcu: ['CN', 'CN'], wards: ['W1', 'W2'] });
    expect(() => setCube(grown)).not.toThrow();
    expect([model.clusters(), model.entries(), model.matrix('borough')]).toEqual([null, null, null]);
  });

  it('reads a GeoJSON file as a level and chooses it; a refused file is listed with its reason', async () => {
    const { model } = setUp();
    const square = [[[-0.2, 51.4], [0, 51.4], [0, 51.6], [-0.2, 51.6], [-0.2, 51.4]]];
    const file = new File([JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { name: 'Site' }, geometry: { type: 'Polygon', coordinates: square } }] })], 'site.geojson');
    const level = await model.addBoundaryFile(file);
    expect(level.id).toBe('site.geojson');
    expect(model.customLevel()).toBe('site.geojson');
    expect(level.areas.features[0].properties).toEqual({ code: 'Site', name: 'Site' });
    expect((await model.addBoundaryFile(file)).id).toBe('site.geojson (2)');
    await expect(model.addBoundaryFile(new File(['nope'], 'bad.json'))).rejects.toThrow(/^bad\.json: it is not JSON/);
    expect(model.boundaryErrors()).toHaveLength(1);
    expect(model.boundaryErrors()[0]).toMatch(/^bad\.json: it is not JSON/);
  });
});
