/**
 * The last patrol plan computed in the hotspot worker, kept for the next ask with the same inputs.
 *
 * On a hot spot layer the proposals (./tasking-worker.ts) and the forecast panel both need
 * `patrolPlan` — a rolling-origin backtest over every study cell — for the same cube, study area,
 * filter, weights and settings. Without this the worker ran it twice per view change.
 */
import type { CrimeCube, CubeFilter } from '../analysis/cube';
import type { StudyArea } from '../analysis/hotspots';
import { type BacktestOptions, type PatrolPlan, patrolPlan } from '../analysis/priority-backtest';

export interface PatrolPlanMemo {
  /** The plan for these inputs: the kept one when they are the last asked for, else computed and kept. */
  plan(cube: CrimeCube, study: StudyArea, filter: CubeFilter, weights: ArrayLike<number> | undefined, options: BacktestOptions): PatrolPlan;
}

/** Inputs compared by value, except the cube and study area, which are compared by identity (the worker replaces, never mutates them). */
export function createPatrolPlanMemo(compute: typeof patrolPlan = patrolPlan): PatrolPlanMemo {
  let last: { cube: CrimeCube; study: StudyArea; key: string; plan: PatrolPlan } | null = null;
  return {
    plan(cube, study, filter, weights, options) {
      const key = JSON.stringify([filter, weights ? Array.from(weights) : null, options]);
      if (last && last.cube === cube && last.study === study && last.key === key) return last.plan;
      const plan = compute(cube, study, filter, weights, options);
      last = { cube, study, key, plan };
      return plan;
    },
  };
}
