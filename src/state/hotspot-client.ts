/**
 * The app's side of the hotspot worker: one request at a time per answer, superseded answers
 * dropped (solid-playground's `latest` pattern), the cube sent only when it changed and the area
 * polygons only when the worker asks for them.
 */
import type { AreaPolygons } from '../analysis/study-area.ts';
import type { CrimeCube, CubeFilter } from '../analysis/cube';
import type { HotspotResult, NoDataArea } from '../analysis/hotspots';
import type { AccuracyOptions, AccuracyReport } from '../analysis/accuracy-report';
import type { BacktestOptions, PatrolPlan } from '../analysis/priority-backtest';
import type { HotClusters } from '../analysis/clusters.ts';
import type { ClusterAsk, HotspotRequest, HotspotResponse } from './hotspot-messages';
import type { TaskingAnswer, TaskingAsk } from './tasking-worker';

/** The study area as the worker takes it: built there from the polygons, cached under the key. */
export interface StudyRequest {
  areaKey: string;
  polygons: () => AreaPolygons;
  /** The no-data area of the study (its codes must be part of `areaKey`). */
  noDataArea?: () => NoDataArea;
}

interface Args extends StudyRequest {
  cube: CrimeCube;
  filter: CubeFilter;
  weights?: Float64Array;
}

export interface HotspotClient {
  /** Resolves with the analysis, or null when a newer analysis request superseded this one. */
  analyse(args: Args): Promise<{ result: HotspotResult; ms: number } | null>;
  /** Resolves with the forecast-accuracy report, or null when a newer report request superseded it. */
  accuracy(args: Args & { options: AccuracyOptions }): Promise<AccuracyReport | null>;
  /**
   * Resolves with the patrol plan, or null when a newer plan request on the same channel
   * superseded it (the forecast panel and the patrol plan each ask on their own channel).
   */
  priority(args: Args & { options: BacktestOptions; channel?: string }): Promise<PatrolPlan | null>;
  /** Resolves with the hot spot clusters of a result, or null when a newer cluster request superseded it. */
  clusters(args: Args & { ask: ClusterAsk }): Promise<HotClusters | null>;
  /** Resolves with Clear/Hold/Build proposals, or null when a newer proposals request superseded them. */
  tasking(args: Args & { ask: TaskingAsk }): Promise<TaskingAnswer | null>;
  dispose(): void;
}

export function createHotspotClient(): HotspotClient {
  let worker: Worker | null = null;
  let nextId = 1;
  const latest = { analyse: 0, accuracy: 0, clusters: 0, tasking: 0 };
  const latestPlan = new Map<string, number>();
  let sentCube: CrimeCube | null = null;
  const waiting = new Map<number, (r: HotspotResponse) => void>();
  /**
   * Starts the worker on first use and again after a crash (the error event): the crashed
   * worker's requests fail with a message, and the next request goes to a new worker with the
   * cube sent afresh.
   */
  const spawn = (): Worker => {
    const w = new Worker(new URL('./hotspot.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (ev: MessageEvent<HotspotResponse>) => {
      waiting.get(ev.data.id)?.(ev.data);
      waiting.delete(ev.data.id);
    };
    w.onerror = (ev) => {
      ev.preventDefault();
      w.terminate();
      if (worker === w) {
        worker = null;
        sentCube = null;
      }
      for (const done of waiting.values()) done({ id: -1, type: 'error', message: `the hotspot worker stopped (${ev.message || 'crashed'}); it restarts with the next request` });
      waiting.clear();
    };
    return w;
  };

  const send = (req: HotspotRequest) =>
    new Promise<HotspotResponse>((resolve) => {
      waiting.set(req.id, resolve);
      (worker ??= spawn()).postMessage(req);
    });
  /** Sends one request (the cube only when it changed, the polygons only when asked for). */
  async function request(args: Args, ask: Pick<HotspotRequest, 'accuracy' | 'priority' | 'clusters' | 'tasking'> = {}): Promise<HotspotResponse> {
    const base: HotspotRequest = { id: nextId++, areaKey: args.areaKey, filter: args.filter, weights: args.weights, ...ask };
    if (args.cube !== sentCube) {
      base.cube = args.cube;
      sentCube = args.cube;
    }
    let r = await send(base);
    if (r.type === 'need-polygons') r = await send({ ...base, id: nextId++, cube: undefined, polygons: args.polygons(), noDataArea: args.noDataArea?.() });
    if (r.type === 'error') throw new Error(r.message);
    return r;
  }
  return {
    async analyse(args) {
      const ticket = ++latest.analyse;
      const r = await request(args);
      if (r.type !== 'result') throw new Error('hotspot worker: unexpected reply');
      return ticket === latest.analyse ? { result: r.result, ms: r.ms } : null;
    },
    async accuracy(args) {
      const ticket = ++latest.accuracy;
      const r = await request(args, { accuracy: args.options });
      if (r.type !== 'accuracy') throw new Error('hotspot worker: unexpected reply');
      return ticket === latest.accuracy ? r.report : null;
    },
    async priority(args) {
      const channel = args.channel ?? '';
      const ticket = (latestPlan.get(channel) ?? 0) + 1;
      latestPlan.set(channel, ticket);
      const r = await request(args, { priority: args.options });
      if (r.type !== 'priority') throw new Error('hotspot worker: unexpected reply');
      return ticket === latestPlan.get(channel) ? r.plan : null;
    },
    async clusters(args) {
      const ticket = ++latest.clusters;
      const r = await request(args, { clusters: args.ask });
      if (r.type !== 'clusters') throw new Error('hotspot worker: unexpected reply');
      return ticket === latest.clusters ? r.clusters : null;
    },
    async tasking(args) {
      const ticket = ++latest.tasking;
      const r = await request(args, { tasking: args.ask });
      if (r.type !== 'tasking') throw new Error('hotspot worker: unexpected reply');
      return ticket === latest.tasking ? r.answer : null;
    },
    dispose() {
      worker?.terminate();
      worker = null;
    },
  };
}
