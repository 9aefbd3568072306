/** The meeting pack's sheets and scale bars (src/state/pack-model.ts). */
import { describe, expect, it } from 'vitest';
import { packPlan, scaleBar } from '../../src/state/pack-model';

describe('packPlan', () => {
  it('cover, the proposals sheets, the cross-border sheets, two matrices, then a sheet a site', () => {
    const plan = packPlan({ proposals: [[0, 12], [12, 25], [25, 51]], crossBorder: [[0, 6], [6, 10]] }, 51);
    expect(plan).toHaveLength(1 + 3 + 2 + 2 + 51);
    expect(plan[0]).toEqual({ kind: 'cover' });
    expect(plan[1]).toEqual({ kind: 'proposals', from: 0, to: 12, part: 1, parts: 3 });
    expect(plan[3]).toEqual({ kind: 'proposals', from: 25, to: 51, part: 3, parts: 3 });
    expect(plan[4]).toEqual({ kind: 'cross-border', from: 0, to: 6, part: 1, parts: 2 });
    expect(plan[5]).toEqual({ kind: 'cross-border', from: 6, to: 10, part: 2, parts: 2 });
    expect(plan.slice(6, 8)).toEqual([{ kind: 'matrix', level: 'borough' }, { kind: 'matrix', level: 'bcu' }]);
    expect(plan[8]).toEqual({ kind: 'site', index: 0 });
    expect(plan.at(-1)).toEqual({ kind: 'site', index: 50 });
  });

  it('off the hot spot layers (no tables): the cover alone', () => {
    expect(packPlan(null, 0)).toEqual([{ kind: 'cover' }]);
  });

  it('no proposals: still a sheet saying so for each table, and no site sheets', () => {
    expect(packPlan({ proposals: [[0, 0]], crossBorder: [[0, 0]] }, 0).map((p) => p.kind)).toEqual(['cover', 'proposals', 'cross-border', 'matrix', 'matrix']);
  });
});

describe('scaleBar', () => {
  it('takes the longest 1, 2 or 5 × 10^k metres that fits', () => {
    expect(scaleBar(10, 100)).toEqual({ metres: 1000, units: 100, label: '1 km' });
    const b = scaleBar(7, 100); // 700 m of room
    expect([b.metres, b.label]).toEqual([500, '500 m']);
    expect(b.units).toBeCloseTo(500 / 7, 12);
    expect(scaleBar(60, 100)).toMatchObject({ metres: 5000, label: '5 km' });
    expect(scaleBar(2.5, 100)).toMatchObject({ metres: 200, label: '200 m' });
    expect(() => scaleBar(0, 100)).toThrow('scaleBar: 0 metres a unit is not a positive number');
  });
});
