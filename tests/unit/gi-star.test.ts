import { readFileSync } from 'node:fs';
import { gridDistance } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { getisOrdGiStar, giBin, giStarZ, neighboursFromLists } from '../../src/analysis/gi-star.ts';
import { studyAreaCells, ringNeighbours } from '../../src/analysis/study-area.ts';

// -- Fixtures made here ------------------------------------------------------------------

/** Numerical Recipes LCG (a = 1664525, c = 1013904223, m = 2³²): deterministic values in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** About 5.5 km × 4.4 km of central London (Westminster to the City). */
const CENTRAL_LONDON = {
  type: 'Feature' as const,
  properties: {},
  geometry: {
    type: 'Polygon' as const,
    coordinates: [[[-0.16, 51.49], [-0.08, 51.49], [-0.08, 51.53], [-0.16, 51.53], [-0.16, 51.49]]],
  },
};

/**
 * Independent reference, straight from Ord & Getis (1995) / Esri's formula, O(n²): binary weights
 * wᵢⱼ = 1 when h3 gridDistance(cᵢ, cⱼ) ≤ 1 (self included), x̄ and population S over all n.
 * Deliberately shares no code with src/analysis.
 */
function naiveGiStar(cells: string[], x: number[]): number[] {
  const n = cells.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const S = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return cells.map((ci) => {
    let sumWX = 0;
    let sumW = 0;
    let sumW2 = 0;
    cells.forEach((cj, j) => {
      const w = gridDistance(ci, cj) <= 1 ? 1 : 0;
      sumWX += w * x[j];
      sumW += w;
      sumW2 += w * w;
    });
    return (sumWX - mean * sumW) / (S * Math.sqrt((n * sumW2 - sumW * sumW) / (n - 1)));
  });
}

/** Golden values from numpy/scipy, dense-matrix Gi*: tests/unit/fixtures/make_golden.py. */
const golden = JSON.parse(readFileSync(new URL('./fixtures/gi-star.json', import.meta.url), 'utf8')) as {
  neighbours: number[][];
  cases: { name: string; values: number[]; z: number[]; p: number[]; mean: number; sd: number }[];
};

// -- Tests -------------------------------------------------------------------------------

describe('getisOrdGiStar(values, neighbours)', () => {
  it('reproduces a hand-worked chain of five cells', () => {
    // Chain 0–1–2–3–4, each row = the cell and its chain neighbours. Values 1, 1, 1, 1, 6.
    // n = 5, x̄ = 10/5 = 2, deviations −1, −1, −1, −1, 4, S² = (1+1+1+1+16)/5 = 4, S = 2.
    // Row sizes w = 2, 3, 3, 3, 2; spread √((n·w − w²)/(n−1)): w = 2 → √(6/4), w = 3 → √(6/4).
    // So every denominator is S·√1.5 = √6, and z = (Σwx − 2w)/√6:
    //   cell 0: {0,1}   Σwx = 2, 2 − 4 = −2 → z = −2/√6
    //   cell 1: {0,1,2} Σwx = 3, 3 − 6 = −3 → z = −3/√6
    //   cell 2: {1,2,3} Σwx = 3, 3 − 6 = −3 → z = −3/√6
    //   cell 3: {2,3,4} Σwx = 8, 8 − 6 =  2 → z =  2/√6
    //   cell 4: {3,4}   Σwx = 7, 7 − 4 =  3 → z =  3/√6
    const nb = neighboursFromLists([[0, 1], [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4]]);
    const result = getisOrdGiStar([1, 1, 1, 1, 6], nb);
    expect(result.mean).toBe(2);
    expect(result.sd).toBe(2);
    expect(result.degenerate).toBe(false);
    const want = [-2, -3, -3, 2, 3].map((k) => k / Math.sqrt(6));
    result.z.forEach((z, i) => expect(z).toBeCloseTo(want[i], 14));
    // p for z = 3/√6: mpmath 2·ncdf(−3/√6) at 30 digits = 0.22067136191984679260441946153
    expect(result.p[4]).toBeCloseTo(0.2206713619198468, 14);
  });

  it('reproduces a hand-worked 7-cell ring-1 disk', () => {
    // Disk around a centre c: the centre neighbours all 7 cells; each outer cell neighbours the
    // centre, its two outer neighbours and itself (4 cells). Values: centre 7, outer cells 0.
    // x̄ = 1, S² = ((7−1)² + 6·1)/7 = 42/7 = 6, S = √6.
    // Centre: w = 7 = n, so n·w − w² = 0: its neighbourhood is the whole area and z = 0.
    // Outer:  w = 4, Σwx = 7, numerator 7 − 4 = 3; spread = (7·4 − 16)/6 = 2; z = 3/(√6·√2) = 3/√12.
    const centre = 3;
    const outer = [0, 1, 2, 4, 5, 6];
    const ring = [0, 1, 2, 6, 5, 4]; // an arbitrary cyclic order of the outer cells
    const lists: number[][] = Array.from({ length: 7 }, () => []);
    lists[centre] = [0, 1, 2, 3, 4, 5, 6];
    ring.forEach((c, k) => (lists[c] = [c, centre, ring[(k + 1) % 6], ring[(k + 5) % 6]]));
    const values = [0, 0, 0, 7, 0, 0, 0];
    const { z, p } = getisOrdGiStar(values, neighboursFromLists(lists));
    expect(z[centre]).toBe(0);
    expect(p[centre]).toBe(1);
    for (const c of outer) expect(z[c]).toBeCloseTo(3 / Math.sqrt(12), 14);
  });

  it('agrees to 1e-9 with a naive O(n²) reference on a real H3 grid over central London', () => {
    const cells = studyAreaCells([CENTRAL_LONDON], 9);
    expect(cells.length).toBeGreaterThan(200);
    expect(cells.length).toBeLessThan(400);
    const rand = lcg(12345);
    // Skewed counts with many zeros and ties, and a planted cluster around the first cell's disk.
    const x = cells.map((c, i) => Math.floor(rand() ** 3 * 12) + (gridDistance(cells[0], c) <= 2 ? 6 : 0) + (i % 17 === 0 ? 3 : 0));
    const want = naiveGiStar(cells, x);
    const { z } = getisOrdGiStar(x, ringNeighbours(cells));
    let worst = 0;
    want.forEach((w, i) => (worst = Math.max(worst, Math.abs(z[i] - w))));
    expect(worst).toBeLessThan(1e-9);
    expect(Math.max(...z)).toBeGreaterThan(2.576); // the planted cluster is found
  });

  it('agrees to 1e-12 with numpy/scipy golden values (271-cell hex grid, counts and harm sums)', () => {
    const nb = neighboursFromLists(golden.neighbours);
    for (const c of golden.cases) {
      const result = getisOrdGiStar(c.values, nb);
      expect(result.mean).toBeCloseTo(c.mean, 12);
      expect(result.sd).toBeCloseTo(c.sd, 12);
      c.z.forEach((z, i) => expect(Math.abs(result.z[i] - z)).toBeLessThan(1e-12));
      // p from scipy.stats.norm.sf: relative agreement, which also covers the tail
      c.p.forEach((p, i) => expect(Math.abs(result.p[i] - p) / p).toBeLessThan(1e-9));
    }
  });

  it('returns z = 0, p = 1 and degenerate = true when all values are equal (S = 0)', () => {
    const nb = neighboursFromLists([[0, 1], [0, 1, 2], [1, 2]]);
    // 0.1 · 3 / 3 is not exactly 0.1 in doubles: the check must not depend on the mean.
    const result = getisOrdGiStar([0.1, 0.1, 0.1], nb);
    expect(result.degenerate).toBe(true);
    expect(result.sd).toBe(0);
    expect([...result.z]).toEqual([0, 0, 0]);
    expect([...result.p]).toEqual([1, 1, 1]);
  });

  it('throws, naming itself, on malformed neighbours, non-finite values or no cells', () => {
    const nb = neighboursFromLists([[0, 1], [0, 1]]);
    expect(() => getisOrdGiStar([1, 2, 3], nb)).toThrow(/getisOrdGiStar/);
    expect(() => getisOrdGiStar([1, NaN], nb)).toThrow(/getisOrdGiStar/);
    expect(() => getisOrdGiStar([], neighboursFromLists([]))).toThrow(/getisOrdGiStar/);
    const bad = { offsets: Int32Array.of(0, 1, 2), indices: Int32Array.of(0, 5) };
    expect(() => getisOrdGiStar([1, 2], bad)).toThrow(/getisOrdGiStar/);
  });
});

describe('giStarZ(localSum, sumW, sumW2, n, mean, sd)', () => {
  it('follows the Ord-Getis formula and returns 0 for an empty neighbourhood', () => {
    // (12 − 2·3) / (√2 · √((5·3 − 9)/4)) = 6/√3
    expect(giStarZ(12, 3, 3, 5, 2, Math.sqrt(2))).toBeCloseTo(6 / Math.sqrt(3), 14);
    expect(giStarZ(0, 0, 0, 5, 2, 1)).toBe(0);
  });
});

describe('neighboursFromLists(lists)', () => {
  it('sorts rows and rejects out-of-range or repeated indices', () => {
    const nb = neighboursFromLists([[1, 0], [0, 1]]);
    expect([...nb.offsets]).toEqual([0, 2, 4]);
    expect([...nb.indices]).toEqual([0, 1, 0, 1]);
    expect(() => neighboursFromLists([[0, 2], [1]])).toThrow(/neighboursFromLists/);
    expect(() => neighboursFromLists([[0, 0], [1]])).toThrow(/neighboursFromLists/);
  });
});

describe('giBin(z)', () => {
  it('uses strict thresholds 2.576, 1.96, 1.645 and the sign of z', () => {
    expect(giBin(2.5761)).toBe(3);
    expect(giBin(2.576)).toBe(2);
    expect(giBin(1.9601)).toBe(2);
    expect(giBin(1.96)).toBe(1);
    expect(giBin(1.6451)).toBe(1);
    expect(giBin(1.645)).toBe(0);
    expect(giBin(-3)).toBe(-3);
    expect(giBin(-2)).toBe(-2);
    expect(giBin(-1.7)).toBe(-1);
    expect(giBin(0)).toBe(0);
    expect(giBin(NaN)).toBe(0);
  });
});
