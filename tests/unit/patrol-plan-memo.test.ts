/**
 * The hotspot worker's patrol-plan memo: the proposals and the forecast panel ask for the same
 * plan; it is computed once for equal inputs and again whenever any input differs.
 */
import { gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import type { CubeFilter } from '../../src/analysis/cube';
import type { StudyArea } from '../../src/analysis/hotspots';
import { patrolPlan } from '../../src/analysis/priority-backtest';
import { ringNeighbours } from '../../src/analysis/study-area';
import { createPatrolPlanMemo } from '../../src/state/patrol-plan-memo';
import { cubeOfRows, type CubeRow } from './helpers/cube';

const RES = 9;
const CENTRE = latLngToCell(51.5117, -0.1233, RES);
const disk = [...gridDisk(CENTRE, 3)].sort();
const study: StudyArea = { resolution: RES, cells: disk, neighbours: ringNeighbours(disk), noData: new Uint8Array(disk.length), excluded: [] };
const MONTHS = Array.from({ length: 8 }, (_, t) => `2024-${String(t + 1).padStart(2, '0')}`);
const rows: CubeRow[] = disk.flatMap((cell, i) => MONTHS.map((_, month) => ({ cell, month, category: i % 3, count: (i * 7 + month * 3) % 5 })));
const cube = cubeOfRows(disk, MONTHS, rows);
const FILTER: CubeFilter = { monthFrom: 0, monthTo: 7, categories: ALL_CATEGORIES.map((_, i) => i), area: { kind: 'all' } };
const HARM = Float64Array.from(ALL_CATEGORIES, (_, c) => c + 1);

function counting() {
  let calls = 0;
  const compute: typeof patrolPlan = (...args) => {
    calls++;
    return patrolPlan(...args);
  };
  return { memo: createPatrolPlanMemo(compute), calls: () => calls };
}

describe('createPatrolPlanMemo', () => {
  it('gives patrolPlan\'s own plan, computed once for the same cube, study, filter, weights and settings', () => {
    const { memo, calls } = counting();
    const first = memo.plan(cube, study, FILTER, HARM, { months: 3 });
    expect(first).toEqual(patrolPlan(cube, study, FILTER, HARM, { months: 3 }));
    // Equal by value, not the same objects: still the kept plan.
    const again = memo.plan(cube, study, { ...FILTER, categories: [...FILTER.categories] }, Float64Array.from(HARM), { months: 3 });
    expect(again).toBe(first);
    expect(calls()).toBe(1);
  });

  it('computes again when the filter, weights, settings, study area or cube differ', () => {
    const { memo, calls } = counting();
    memo.plan(cube, study, FILTER, HARM, {});
    memo.plan(cube, study, { ...FILTER, monthFrom: 1 }, HARM, {});
    memo.plan(cube, study, { ...FILTER, monthFrom: 1 }, undefined, {});
    memo.plan(cube, study, { ...FILTER, monthFrom: 1 }, undefined, { halfLife: 2 });
    memo.plan(cube, { ...study }, { ...FILTER, monthFrom: 1 }, undefined, { halfLife: 2 });
    const other = cubeOfRows(disk, MONTHS, rows);
    const last = memo.plan(other, study, FILTER, HARM, {});
    expect(calls()).toBe(6);
    expect(last).toEqual(patrolPlan(other, study, FILTER, HARM, {}));
  });
});
