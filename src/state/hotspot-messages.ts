/** Typed messages between the app and its hotspot worker (one request, one response, by id). */
import type { AreaPolygons } from '../analysis/study-area.ts';
import type { CrimeCube, CubeFilter } from '../analysis/cube';
import type { HotspotResult, NoDataArea } from '../analysis/hotspots';
import type { AccuracyOptions, AccuracyReport } from '../analysis/accuracy-report';
import type { BacktestOptions, PatrolPlan } from '../analysis/priority-backtest';
import type { HotClusters } from '../analysis/clusters.ts';
import type { TaskingAnswer, TaskingAsk } from './tasking-worker';

/** Asks for the hot spot clusters of a hotspot result the worker computed before (its study area is the request's). */
export interface ClusterAsk {
  hotspots: HotspotResult;
  /** Lowest FDR bin of a hot cell: 1, 2 or 3. */
  level: number;
  harmWeights: Float64Array;
}

export interface HotspotRequest {
  id: number;
  /** Sent when the cube changed (new data or resolution); the worker keeps the latest. */
  cube?: CrimeCube;
  /** Identifies the study area polygons (resolution and area), so the worker can reuse it. */
  areaKey: string;
  /** Sent with the first request for an area key. */
  polygons?: AreaPolygons;
  /** Sent with `polygons`: the no-data boroughs' polygons and whether to keep their cells (the key covers both). */
  noDataArea?: NoDataArea;
  filter: CubeFilter;
  weights?: Float64Array;
  /** Asks for a forecast-accuracy report instead of the hotspot analysis. */
  accuracy?: AccuracyOptions;
  /** Asks for the patrol plan (priority per cell and its backtest) instead of the hotspot analysis. */
  priority?: BacktestOptions;
  /** Asks for the hot spot clusters of a result instead of the hotspot analysis. */
  clusters?: ClusterAsk;
  /** Asks for Clear/Hold/Build proposals instead of the hotspot analysis (./tasking-worker.ts). */
  tasking?: TaskingAsk;
}

export type HotspotResponse =
  | { id: number; type: 'result'; result: HotspotResult; ms: number }
  | { id: number; type: 'accuracy'; report: AccuracyReport }
  | { id: number; type: 'priority'; plan: PatrolPlan }
  | { id: number; type: 'clusters'; clusters: HotClusters }
  | { id: number; type: 'tasking'; answer: TaskingAnswer }
  | { id: number; type: 'need-polygons' }
  | { id: number; type: 'error'; message: string };
