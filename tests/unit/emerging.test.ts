import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyEmerging, EMERGING_CATEGORIES, emergingHotSpots, type EmergingCategory } from '../../src/analysis/emerging.ts';
import { neighboursFromLists } from '../../src/analysis/gi-star.ts';
import type { Trend } from '../../src/analysis/mann-kendall.ts';

/** Golden categories from an independent numpy/scipy pipeline: tests/unit/fixtures/make_golden.py. */
const golden = JSON.parse(readFileSync(new URL('./fixtures/space-time.json', import.meta.url), 'utf8')) as {
  n: number;
  T: number;
  neighbours: number[][];
  cube: number[];
  trend: { s: number; z: number; p: number; trend: Trend }[];
  category: EmergingCategory[];
};

const zeros = (k: number) => new Array<number>(k).fill(0);

/**
 * One hand-made series of 12 monthly FDR bins per category, with the rule of ANALYSIS.md that
 * decides it. "90 %" = 10·count ≥ 9·12 = 108, i.e. at least 11 of 12 months.
 */
const CASES: [EmergingCategory, number[], Trend, string][] = [
  ['Intensifying Hot Spot', [1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 3], 'up', 'final hot, 12/12 hot, trend up'],
  ['Diminishing Hot Spot', [0, 3, 3, 3, 3, 3, 3, 2, 2, 2, 1, 1], 'down', 'final hot, 11/12 hot, trend down'],
  ['Persistent Hot Spot', [2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2], 'none', 'final hot, 12/12 hot, no trend'],
  ['Oscillating Hot Spot', [-1, 0, 0, 1, 1, 1, 0, -2, 0, 0, 1, 2], 'none', 'final hot, 5/12 hot, a cold month'],
  ['New Hot Spot', [...zeros(11), 1], 'none', 'final hot, the only hot month'],
  ['Consecutive Hot Spot', [...zeros(9), 1, 2, 3], 'up', 'final hot, one run of 3 ending at the end (trend ignored below 90 %)'],
  ['Sporadic Hot Spot', [0, 1, 0, 0, 2, 0, 0, 0, 0, 0, 1, 1], 'none', 'final hot, hot months not one final run, no cold'],
  ['Historical Hot Spot', [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0], 'down', 'final not significant, 11/12 hot'],
  ['Intensifying Cold Spot', [-1, -1, -1, -1, -2, -2, -2, -2, -3, -3, -3, -3], 'down', 'final cold, 12/12 cold, trend down'],
  ['Diminishing Cold Spot', [-3, -3, -3, -3, -3, -2, -2, -2, -1, -1, 0, -1], 'up', 'final cold, 11/12 cold, trend up'],
  ['Persistent Cold Spot', [-2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2, -2], 'none', 'final cold, 12/12 cold, no trend'],
  ['Oscillating Cold Spot', [1, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1], 'none', 'final cold, 9/12 cold, a hot month'],
  ['New Cold Spot', [...zeros(11), -2], 'none', 'final cold, the only cold month'],
  ['Consecutive Cold Spot', [...zeros(8), -1, -1, -1, -1], 'none', 'final cold, one run of 4 ending at the end'],
  ['Sporadic Cold Spot', [-1, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, -3], 'none', 'final cold, cold months not one final run, no hot'],
  ['Historical Cold Spot', [-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0], 'up', 'final not significant, 11/12 cold'],
  ['No Pattern Detected', zeros(12), 'none', 'final not significant, < 90 % hot or cold'],
];

describe('EMERGING_CATEGORIES', () => {
  it('holds Esri\'s 17 labels exactly', () => {
    expect(EMERGING_CATEGORIES).toEqual([
      'New Hot Spot', 'Consecutive Hot Spot', 'Intensifying Hot Spot', 'Persistent Hot Spot',
      'Diminishing Hot Spot', 'Sporadic Hot Spot', 'Oscillating Hot Spot', 'Historical Hot Spot',
      'New Cold Spot', 'Consecutive Cold Spot', 'Intensifying Cold Spot', 'Persistent Cold Spot',
      'Diminishing Cold Spot', 'Sporadic Cold Spot', 'Oscillating Cold Spot', 'Historical Cold Spot',
      'No Pattern Detected',
    ]);
  });
});

describe('classifyEmerging(binsOverTime, trend)', () => {
  it('covers all 17 categories with one hand-made series each', () => {
    expect(new Set(CASES.map(([c]) => c))).toEqual(new Set(EMERGING_CATEGORIES));
  });

  for (const [category, bins, trend, why] of CASES) {
    it(`gives '${category}' when ${why}`, () => {
      expect(classifyEmerging(bins, trend)).toBe(category);
    });
  }

  it('applies the 90 % rule as 10·hot ≥ 9·T: 11 of 12 is persistent, 10 of 12 is consecutive', () => {
    expect(classifyEmerging([0, ...new Array(11).fill(1)], 'none')).toBe('Persistent Hot Spot');
    expect(classifyEmerging([0, 0, ...new Array(10).fill(1)], 'none')).toBe('Consecutive Hot Spot');
    expect(classifyEmerging([...new Array(10).fill(1), 0, 0], 'none')).toBe('No Pattern Detected');
    expect(classifyEmerging([...new Array(9).fill(-1), 0], 'none')).toBe('Historical Cold Spot'); // T = 10: 90 ≥ 90
  });

  it('checks rule 1 (90 %) before rule 2 (a cold month): 11 hot after 1 cold is persistent', () => {
    expect(classifyEmerging([-1, ...new Array(11).fill(1)], 'none')).toBe('Persistent Hot Spot');
  });

  it('counts any bin ≥ +1 as hot and ≤ −1 as cold, whatever the confidence level', () => {
    expect(classifyEmerging([...zeros(9), 3, 1, 2], 'none')).toBe('Consecutive Hot Spot');
    expect(classifyEmerging([...zeros(9), -3, -1, -2], 'none')).toBe('Consecutive Cold Spot');
  });

  it('with T = 1 classifies a hot month as Persistent (1 of 1 is 90 %), not New', () => {
    expect(classifyEmerging([2], 'none')).toBe('Persistent Hot Spot');
    expect(classifyEmerging([-1], 'none')).toBe('Persistent Cold Spot');
    expect(classifyEmerging([0], 'none')).toBe('No Pattern Detected');
  });

  it('throws, naming itself, for an empty series', () => {
    expect(() => classifyEmerging([], 'none')).toThrow(/classifyEmerging/);
  });
});

describe('emergingHotSpots(cube, n, T, neighbours)', () => {
  it('gives No Pattern Detected everywhere for an all-zero cube', () => {
    const nb = neighboursFromLists([[0, 1], [0, 1, 2], [1, 2]]);
    const r = emergingHotSpots(new Float64Array(3 * 12), 3, 12, nb);
    expect(r.spaceTime.degenerate).toBe(true);
    expect(r.category).toEqual(['No Pattern Detected', 'No Pattern Detected', 'No Pattern Detected']);
    expect([...r.categoryIndex]).toEqual([16, 16, 16]);
    expect([...r.trendP]).toEqual([1, 1, 1]);
    expect([...r.trend]).toEqual([0, 0, 0]);
  });

  it('with T = 1 classifies from the spatial Gi* alone (no trend possible)', () => {
    // A 1-D chain of 40 cells, each with its two chain neighbours and itself; counts 1 except
    // cells 18–22 with 30. The centre cells are hot at 99 % after FDR, so Persistent Hot Spot.
    const lists = Array.from({ length: 40 }, (_, i) => [i - 1, i, i + 1].filter((j) => j >= 0 && j < 40));
    const cube = Float64Array.from({ length: 40 }, (_, i) => (i >= 18 && i <= 22 ? 30 : 1));
    const r = emergingHotSpots(cube, 40, 1, neighboursFromLists(lists));
    expect(r.category[20]).toBe('Persistent Hot Spot');
    expect(r.category[0]).toBe('No Pattern Detected');
    expect([...r.trend].every((t) => t === 0)).toBe(true);
  });

  it('matches an independent numpy/scipy pipeline on a 127-cell × 12-month cube with planted patterns', () => {
    const r = emergingHotSpots(Float64Array.from(golden.cube), golden.n, golden.T, neighboursFromLists(golden.neighbours));
    expect(r.category).toEqual(golden.category);
    golden.trend.forEach((t, i) => {
      expect(r.trendS[i]).toBe(t.s);
      expect(r.trendZ[i]).toBeCloseTo(t.z, 10);
      expect(r.trendP[i]).toBeCloseTo(t.p, 10);
      expect(r.trend[i]).toBe(t.trend === 'up' ? 1 : t.trend === 'down' ? -1 : 0);
    });
    r.category.forEach((c, i) => expect(EMERGING_CATEGORIES[r.categoryIndex[i]]).toBe(c));
    // The planted patterns reach 10 of the 17 categories.
    expect(new Set(golden.category).size).toBe(10);
  });
});
