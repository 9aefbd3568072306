import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mannKendall } from '../../src/analysis/mann-kendall.ts';

/** Golden values from an independent numpy implementation (S cross-checked with scipy.stats.kendalltau,
 * p from scipy.stats.norm.sf): tests/unit/fixtures/make_golden.py. */
const golden = JSON.parse(readFileSync(new URL('./fixtures/mann-kendall.json', import.meta.url), 'utf8')) as {
  cases: { series: number[]; s: number; varS: number; z: number; p: number; trend: string }[];
};

describe('mannKendall(series)', () => {
  it('computes S and the tie-corrected Var S by hand for 3, 1, 4, 1, 5, 5', () => {
    // S, pair by pair (i < j, sgn(xⱼ − xᵢ)):
    //   3: vs 1 −, 4 +, 1 −, 5 +, 5 +  → +1
    //   1: vs 4 +, 1 0, 5 +, 5 +       → +3
    //   4: vs 1 −, 5 +, 5 +            → +1
    //   1: vs 5 +, 5 +                 → +2
    //   5: vs 5 0                      →  0      S = 7
    // Tie groups: {1, 1} (t = 2) and {5, 5} (t = 2); 3 and 4 are untied (t = 1 adds 0).
    // Var S = [6·5·17 − 2·(2·1·9)]/18 = (510 − 36)/18 = 474/18 = 26.333…
    // z = (7 − 1)/√26.333… = 1.1692256444309356 (continuity correction: |S| − 1)
    // p = 2Φ(−z) = 0.24231273167227864 (mpmath, 30 digits)
    const r = mannKendall([3, 1, 4, 1, 5, 5]);
    expect(r.s).toBe(7);
    expect(r.varS).toBeCloseTo(474 / 18, 13);
    expect(r.z).toBeCloseTo(1.1692256444309356, 14);
    expect(r.p).toBeCloseTo(0.24231273167227864, 14);
    expect(r.trend).toBe('none');
  });

  it('finds a strictly increasing series of 12 an upward trend and its reverse a downward one', () => {
    // S = 66 (all 66 pairs increase), Var S = 12·11·29/18 = 212.666…, z = 65/√212.666… = 4.4572156286043205,
    // p = 8.3031073535647e-6 (mpmath 2·ncdf(−z)).
    const up = mannKendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(up.s).toBe(66);
    expect(up.varS).toBeCloseTo(3828 / 18, 12);
    expect(up.z).toBeCloseTo(4.4572156286043205, 13);
    expect(up.p / 8.3031073535647e-6).toBeCloseTo(1, 12);
    expect(up.trend).toBe('up');
    const down = mannKendall([12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(down.s).toBe(-66);
    expect(down.z).toBeCloseTo(-4.4572156286043205, 13);
    expect(down.trend).toBe('down');
  });

  it('counts a trend at p ≤ 0.10: S = 26 of 12 months is one (p = 0.0865), S = 24 is not (p = 0.1148)', () => {
    // [12, 10, 1..9, 11]: 12 precedes 11 smaller values, 10 precedes 9: 20 inversions, S = 66 − 40 = 26.
    // z = 25/√212.666… = 1.7143137033093540, p = 0.086471127774072596 (mpmath).
    const a = mannKendall([12, 10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11]);
    expect(a.s).toBe(26);
    expect(a.p).toBeCloseTo(0.0864711277740726, 14);
    expect(a.trend).toBe('up');
    // [12, 11, 1..10]: 11 + 10 = 21 inversions, S = 24, z = 23/√212.666… = 1.5771686070446057, p = 0.11475673431864909.
    const b = mannKendall([12, 11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(b.s).toBe(24);
    expect(b.p).toBeCloseTo(0.11475673431864909, 14);
    expect(b.trend).toBe('none');
  });

  it('matches an independent numpy/scipy implementation on 20 series with and without ties', () => {
    for (const c of golden.cases) {
      const r = mannKendall(c.series);
      expect(r.s).toBe(c.s);
      expect(r.varS).toBeCloseTo(c.varS, 10);
      expect(r.z).toBeCloseTo(c.z, 13);
      expect(r.p).toBeCloseTo(c.p, 13);
      expect(r.trend).toBe(c.trend);
    }
  });

  it('reports no trend for n < 3: S and Var S from the formulas, z = 0, p = 1', () => {
    expect(mannKendall([])).toEqual({ s: 0, varS: 0, z: 0, p: 1, trend: 'none' });
    expect(mannKendall([4])).toEqual({ s: 0, varS: 0, z: 0, p: 1, trend: 'none' });
    // n = 2: Var S = 2·1·9/18 = 1, S = 1, z = (1 − 1)/1 = 0.
    expect(mannKendall([1, 2])).toEqual({ s: 1, varS: 1, z: 0, p: 1, trend: 'none' });
  });

  it('reports no trend when every value is tied (Var S = 0)', () => {
    // One tie group of t = n = 5: Var S = (5·4·15 − 5·4·15)/18 = 0.
    expect(mannKendall([2, 2, 2, 2, 2])).toEqual({ s: 0, varS: 0, z: 0, p: 1, trend: 'none' });
  });

  it('throws, naming itself, on a non-finite value', () => {
    expect(() => mannKendall([1, NaN, 3])).toThrow(/mannKendall/);
  });
});
