/** The meeting pack's layout rules (src/state/pack-model.ts): sheets, slices of tables, scale bars. */
import { describe, expect, it } from 'vitest';
import { packPlan, pageSlices, PAPERS, scaleBar } from '../../src/state/pack-model';

describe('pageSlices', () => {
  it('cuts n items into slices of at most `per`, the last shorter; one empty slice for none', () => {
    expect(pageSlices(51, 12)).toEqual([[0, 12], [12, 24], [24, 36], [36, 48], [48, 51]]);
    expect(pageSlices(12, 12)).toEqual([[0, 12]]);
    expect(pageSlices(0, 12)).toEqual([[0, 0]]);
    expect(() => pageSlices(3, 0)).toThrow('pageSlices: 0 a page is not a whole number ≥ 1');
    expect(() => pageSlices(-1, 3)).toThrow('pageSlices: -1 items is not a whole number ≥ 0');
  });
});

describe('packPlan', () => {
  it('A4, 51 sites and 10 cross-border clusters: cover, 5 proposal sheets, 2 cross-border, 2 matrices, 51 sites = 61', () => {
    const plan = packPlan(51, 10, 'a4');
    expect(plan).toHaveLength(1 + 5 + 2 + 2 + 51);
    expect(plan[0]).toEqual({ kind: 'cover' });
    expect(plan[1]).toEqual({ kind: 'proposals', from: 0, to: 12, part: 1, parts: 5 });
    expect(plan[5]).toEqual({ kind: 'proposals', from: 48, to: 51, part: 5, parts: 5 });
    expect(plan[6]).toEqual({ kind: 'cross-border', from: 0, to: 6, part: 1, parts: 2 });
    expect(plan[7]).toEqual({ kind: 'cross-border', from: 6, to: 10, part: 2, parts: 2 });
    expect(plan.slice(8, 10)).toEqual([{ kind: 'matrix', level: 'borough' }, { kind: 'matrix', level: 'bcu' }]);
    expect(plan[10]).toEqual({ kind: 'site', index: 0 });
    expect(plan.at(-1)).toEqual({ kind: 'site', index: 50 });
  });

  it('A3 holds more rows a sheet; no proposals still prints a sheet saying so for each table', () => {
    expect(packPlan(51, 10, 'a3')).toHaveLength(1 + Math.ceil(51 / PAPERS.a3.proposalRows) + 1 + 2 + 51);
    expect(packPlan(0, 0, 'a4').map((p) => p.kind)).toEqual(['cover', 'proposals', 'cross-border', 'matrix', 'matrix']);
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
