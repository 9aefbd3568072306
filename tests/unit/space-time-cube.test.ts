import { readFileSync } from 'node:fs';
import { gridDistance } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { getisOrdGiStar, neighboursFromLists } from '../../src/analysis/gi-star.ts';
import { spaceTimeGiStar } from '../../src/analysis/space-time-cube.ts';
import { ringNeighbours, studyAreaCells } from '../../src/analysis/study-area.ts';

// -- Fixtures made here ------------------------------------------------------------------

/** Numerical Recipes LCG (a = 1664525, c = 1013904223, m = 2³²): deterministic values in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Around Soho and Covent Garden. */
const SMALL_AREA = {
  type: 'Feature' as const,
  properties: {},
  geometry: {
    type: 'Polygon' as const,
    coordinates: [[[-0.14, 51.508], [-0.12, 51.508], [-0.12, 51.518], [-0.14, 51.518], [-0.14, 51.508]]],
  },
};

/**
 * Independent reference for space-time Gi*, O(N²) over cell-months, from ANALYSIS.md: weight 1
 * between (i, t) and (j, s) when gridDistance(cᵢ, cⱼ) ≤ 1 and s ∈ {t, t − 1}; x̄, population S
 * and n → N over the whole cube. Then Benjamini-Hochberg pooled over all N, written as
 * "reject p₍₁₎..p₍ₖ*₎" with an explicit rank loop. Shares no code with src/analysis.
 */
function naiveSpaceTime(cells: string[], T: number, cube: number[]) {
  const n = cells.length;
  const N = n * T;
  const mean = cube.reduce((a, b) => a + b, 0) / N;
  const S = Math.sqrt(cube.reduce((a, b) => a + (b - mean) ** 2, 0) / N);
  const z: number[] = [];
  for (let t = 0; t < T; t++) {
    for (let i = 0; i < n; i++) {
      let sumWX = 0;
      let sumW = 0;
      for (let s = 0; s < T; s++) {
        for (let j = 0; j < n; j++) {
          const w = (s === t || s === t - 1) && gridDistance(cells[i], cells[j]) <= 1 ? 1 : 0;
          sumWX += w * cube[s * n + j];
          sumW += w;
        }
      }
      z.push((sumWX - mean * sumW) / (S * Math.sqrt((N * sumW - sumW * sumW) / (N - 1))));
    }
  }
  return { z, mean, S };
}

function naiveBhPasses(p: number[], alpha: number): boolean[] {
  const order = p.map((_, i) => i).sort((a, b) => p[a] - p[b]);
  let kStar = 0;
  order.forEach((idx, rank) => {
    if (p[idx] <= ((rank + 1) * alpha) / p.length) kStar = rank + 1;
  });
  const cut = kStar > 0 ? p[order[kStar - 1]] : -1;
  return p.map((v) => v <= cut);
}

/** Golden values from numpy/scipy with a dense N × N weight matrix: tests/unit/fixtures/make_golden.py. */
const golden = JSON.parse(readFileSync(new URL('./fixtures/space-time.json', import.meta.url), 'utf8')) as {
  n: number;
  T: number;
  neighbours: number[][];
  cube: number[];
  z: number[];
  p: number[];
  binFdr: number[];
  mean: number;
  sd: number;
};

// -- Tests -------------------------------------------------------------------------------

describe('spaceTimeGiStar(cube, n, T, neighbours)', () => {
  it('reproduces a hand-worked cube of 2 cells × 3 months', () => {
    // Cells 0 and 1 neighbour each other (rows {0, 1}). Months: (0, 0), (0, 1), (5, 6).
    // N = 6, x̄ = 12/6 = 2, S² = (4 + 4 + 4 + 1 + 9 + 16)/6 = 38/6.
    // t = 0: Σw = 2, Σwx = 0:            z = (0 − 4)/(S·√((6·2 − 4)/5))   = −4/(S·√1.6)
    // t = 1: Σw = 4, Σwx = 0+1 + 0+0 = 1: z = (1 − 8)/(S·√((6·4 − 16)/5)) = −7/(S·√1.6)
    // t = 2: Σw = 4, Σwx = 11 + 1 = 12:  z = (12 − 8)/(S·√1.6)            =  4/(S·√1.6)
    const { z, mean, sd } = spaceTimeGiStar(Float64Array.of(0, 0, 0, 1, 5, 6), 2, 3, neighboursFromLists([[0, 1], [0, 1]]));
    const d = Math.sqrt(38 / 6) * Math.sqrt(1.6);
    expect(mean).toBe(2);
    expect(sd).toBeCloseTo(Math.sqrt(38 / 6), 14);
    [-4, -4, -7, -7, 4, 4].forEach((num, k) => expect(z[k]).toBeCloseTo(num / d, 14));
  });

  it('agrees with a naive O(N²) reference, FDR bins included, on a resolution-10 H3 grid of Soho × 4 months', () => {
    const cells = studyAreaCells([SMALL_AREA], 10);
    const n = cells.length;
    const T = 4;
    expect(n).toBeGreaterThan(60);
    const rand = lcg(777);
    // Skewed counts, plus a cluster around cell 0 that grows over the months.
    const cube = Array.from({ length: n * T }, (_, k) => {
      const i = k % n;
      const t = Math.floor(k / n);
      return Math.floor(rand() ** 2 * 6) + (gridDistance(cells[0], cells[i]) <= 1 ? 3 * t : 0);
    });
    const want = naiveSpaceTime(cells, T, cube);
    const got = spaceTimeGiStar(Float64Array.from(cube), n, T, ringNeighbours(cells));
    expect(got.mean).toBeCloseTo(want.mean, 12);
    expect(got.sd).toBeCloseTo(want.S, 12);
    want.z.forEach((z, k) => expect(Math.abs(got.z[k] - z)).toBeLessThan(1e-9));
    // Pooled BH over all N cell-months, bin = levels passed, signed by z.
    const pass = [0.1, 0.05, 0.01].map((a) => naiveBhPasses([...got.p], a));
    const bins = want.z.map((z, k) => {
      const levels = pass.filter((level) => level[k]).length;
      return levels === 0 ? 0 : Math.sign(z) * levels;
    });
    expect([...got.binFdr]).toEqual(bins);
    expect(bins.some((b) => b >= 1)).toBe(true); // the growing cluster is significant somewhere
  });

  it('agrees with numpy/scipy golden values (127 cells × 12 months, dense weights, scipy BH)', () => {
    const got = spaceTimeGiStar(Float64Array.from(golden.cube), golden.n, golden.T, neighboursFromLists(golden.neighbours));
    expect(got.mean).toBeCloseTo(golden.mean, 12);
    expect(got.sd).toBeCloseTo(golden.sd, 12);
    golden.z.forEach((z, k) => expect(Math.abs(got.z[k] - z)).toBeLessThan(1e-12));
    golden.p.forEach((p, k) => expect(Math.abs(got.p[k] - p) / p).toBeLessThan(1e-9));
    expect([...got.binFdr]).toEqual(golden.binFdr);
  });

  it('with T = 1 equals the purely spatial Gi*', () => {
    const nb = neighboursFromLists([[0, 1], [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4]]);
    const values = [1, 1, 1, 1, 6];
    const st = spaceTimeGiStar(Float64Array.from(values), 5, 1, nb);
    const gi = getisOrdGiStar(values, nb);
    st.z.forEach((z, i) => expect(z).toBeCloseTo(gi.z[i], 14));
  });

  it('returns z = 0, p = 1, bins 0 and degenerate = true for a constant cube', () => {
    const got = spaceTimeGiStar(new Float64Array(6).fill(3), 2, 3, neighboursFromLists([[0, 1], [0, 1]]));
    expect(got.degenerate).toBe(true);
    expect([...got.z]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([...got.p]).toEqual([1, 1, 1, 1, 1, 1]);
    expect([...got.binFdr]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('throws, naming itself, when the cube length is not n·T or n, T are not positive integers', () => {
    const nb = neighboursFromLists([[0, 1], [0, 1]]);
    expect(() => spaceTimeGiStar(new Float64Array(5), 2, 3, nb)).toThrow(/spaceTimeGiStar/);
    expect(() => spaceTimeGiStar(new Float64Array(0), 2, 0, nb)).toThrow(/spaceTimeGiStar/);
    expect(() => spaceTimeGiStar(new Float64Array(6), 3, 2, nb)).toThrow(/spaceTimeGiStar/);
  });
});
