/** Typed messages between the app and its hotspot worker (one request, one response, by id). */
import type { AreaPolygons } from '../analysis/study-area.ts';
import type { CrimeCube, CubeFilter } from '../analysis/cube';
import type { HotspotResult } from '../analysis/hotspots';

export interface HotspotRequest {
  id: number;
  /** Sent when the cube changed (new data or resolution); the worker keeps the latest. */
  cube?: CrimeCube;
  /** Identifies the study area polygons (resolution and area), so the worker can reuse it. */
  areaKey: string;
  /** Sent with the first request for an area key. */
  polygons?: AreaPolygons;
  filter: CubeFilter;
  weights?: Float64Array;
}

export type HotspotResponse =
  | { id: number; type: 'result'; result: HotspotResult; ms: number; needPolygons?: false }
  | { id: number; type: 'need-polygons' }
  | { id: number; type: 'error'; message: string };
