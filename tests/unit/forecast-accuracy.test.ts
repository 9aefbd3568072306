import { describe, expect, it } from 'vitest';
import { forecastAccuracy } from '../../src/analysis/forecast-accuracy.ts';

// A hand-made study area of 10 cells. Ids are deliberately not in index order so that the
// tie-break (by id, ascending) is visible: cells 1 ('h') and 2 ('c') share the top score 9.
const cells = ['e', 'h', 'c', 'a', 'j', 'b', 'f', 'd', 'i', 'g'];
const score = [5, 9, 9, 1, 0, 3, 2, 0, 4, 0];
const testCounts = [4, 3, 0, 6, 1, 2, 0, 0, 5, 1]; // N = 22

describe('forecastAccuracy({ cells, score, testCounts, coverage })', () => {
  it('computes PAI and PEI* on a hand-worked grid of 10 cells at 20 % coverage', () => {
    // k = floor(0.2·10) = 2. Ranking: score 9 twice → 'c' (index 2) before 'h' (index 1), then 5 (index 0).
    // Flagged {2, 1}: n = 0 + 3 = 3. N = 22. PAI = (3/22)/(2/10) = 15/22 = 0.681818…
    // n* = the two largest test counts, 6 + 5 = 11. PEI* = 3/11.
    const r = forecastAccuracy({ cells, score, testCounts, coverage: 0.2 });
    expect(r.k).toBe(2);
    expect(r.flagged).toEqual([2, 1]);
    expect(r.n).toBe(3);
    expect(r.N).toBe(22);
    expect(r.nStar).toBe(11);
    expect(r.pai).toBeCloseTo(15 / 22, 14);
    expect(r.pei).toBeCloseTo(3 / 11, 14);
    expect(r.reason).toBeNull();
  });

  it('breaks score ties by cell id: at 10 % only "c" is flagged, with no test crime (PAI 0)', () => {
    const r = forecastAccuracy({ cells, score, testCounts, coverage: 0.1 });
    expect(r.flagged).toEqual([2]);
    expect(r.n).toBe(0);
    expect(r.pai).toBe(0);
    expect(r.pei).toBe(0);
  });

  it('gives PEI* = 1 and the largest possible PAI when the score is the test count itself', () => {
    // Top 3 by test count: 6, 5, 4 → n = n* = 15, PAI = (15/22)/(3/10) = 150/66.
    const r = forecastAccuracy({ cells, score: testCounts, testCounts, coverage: 0.3 });
    expect(r.pei).toBe(1);
    expect(r.pai).toBeCloseTo(150 / 66, 14);
  });

  it('uses coverage 0.05 by default and guards floor() against binary rounding', () => {
    const many = Array.from({ length: 100 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    const ones = new Array(100).fill(1);
    expect(forecastAccuracy({ cells: many, score: ones, testCounts: ones }).k).toBe(5);
    // 0.29·100 = 28.999999999999996 in doubles; the intended k is 29.
    expect(forecastAccuracy({ cells: many, score: ones, testCounts: ones, coverage: 0.29 }).k).toBe(29);
  });

  it('returns NaN with reason "no-flagged-cells" when k = 0', () => {
    const r = forecastAccuracy({ cells, score, testCounts }); // floor(0.05·10) = 0
    expect(r.k).toBe(0);
    expect(r.flagged).toEqual([]);
    expect(r.pai).toBeNaN();
    expect(r.pei).toBeNaN();
    expect(r.reason).toBe('no-flagged-cells');
  });

  it('returns NaN with reason "no-test-crimes" when N = 0', () => {
    const r = forecastAccuracy({ cells, score, testCounts: new Array(10).fill(0), coverage: 0.2 });
    expect(r.N).toBe(0);
    expect(r.pai).toBeNaN();
    expect(r.pei).toBeNaN();
    expect(r.reason).toBe('no-test-crimes');
  });

  it('throws, naming itself, for mismatched lengths, negative counts, NaN scores or a bad coverage', () => {
    expect(() => forecastAccuracy({ cells, score: [1], testCounts })).toThrow(/forecastAccuracy/);
    expect(() => forecastAccuracy({ cells: ['a'], score: [1], testCounts: [-1] })).toThrow(/forecastAccuracy/);
    expect(() => forecastAccuracy({ cells: ['a'], score: [NaN], testCounts: [1] })).toThrow(/forecastAccuracy/);
    expect(() => forecastAccuracy({ cells, score, testCounts, coverage: 1.5 })).toThrow(/forecastAccuracy/);
  });
});
