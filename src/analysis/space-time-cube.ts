import { fdrBins } from './fdr.ts';
import { assertNeighbours, giStarZ, populationMoments } from './gi-star.ts';
import type { Neighbours } from './gi-star.ts';
import { twoSidedP } from './normal.ts';

/** Result of {@link spaceTimeGiStar}; every array has length N = n·T, index t·n + i. */
export interface SpaceTimeGiStarResult {
  /** Space-time Gi* z-score per cell-month. */
  z: Float64Array;
  /** Two-sided p-value per cell-month. */
  p: Float64Array;
  /** FDR bin per cell-month (−3..3), Benjamini-Hochberg pooled over all N cell-months. */
  binFdr: Int8Array;
  /** x̄ over the whole cube. */
  mean: number;
  /** Population standard deviation S over the whole cube (divisor N). */
  sd: number;
  /** True when every cell-month has the same value: all z 0, p 1, bins 0. */
  degenerate: boolean;
}

/**
 * Space-time Getis-Ord Gi* over a cube of n cells × T time steps, as in Esri's Emerging Hot Spot
 * Analysis with the choices pinned in ANALYSIS.md ("Emerging hot spots"):
 *
 * - The neighbourhood of cell-month (i, t) is the spatial row of i (its ring-1 disk within the
 *   study area, i included) at month t and at month t − 1; for t = 0 only at month 0. Weights
 *   are binary, so Σw = Σw² = |row i| for t = 0 and 2·|row i| for t > 0.
 * - x̄ and the population S are taken over all N = n·T cell-months (Esri's default "entire cube"
 *   global window), and n in the Gi* formula becomes N:
 *   z = (Σw·x − x̄Σw) / (S·√((NΣw² − (Σw)²)/(N − 1))), p = 2Φ(−|z|).
 * - Significance is Benjamini-Hochberg at α = 0.10, 0.05, 0.01 pooled over all N cell-months at
 *   once ({@link fdrBins}).
 *
 * A constant cube (S = 0) gives z = 0, p = 1 and bin 0 everywhere, with `degenerate` true.
 * Cost: O(N + T·weights) for the statistic and O(N log N) for the FDR sort.
 *
 * References: Esri, "How Emerging Hot Spot Analysis works" and "How Hot Spot Analysis
 * (Getis-Ord Gi*) works" (ArcGIS Pro documentation); J. K. Ord & A. Getis, Geographical
 * Analysis 27 (1995) 286–306.
 *
 * @param cube - Values, length n·T, month t of cell i at index t·n + i (oldest month t = 0).
 * @param n - Number of cells (≥ 1).
 * @param T - Number of time steps (≥ 1).
 * @param neighbours - Spatial binary weights over the n cells, self included ({@link ringNeighbours}).
 * @throws {Error} when n or T is not a positive integer, cube.length ≠ n·T, a value is not
 *   finite, or neighbours is malformed.
 * @returns `{ z, p, binFdr, mean, sd, degenerate }`.
 * @example
 * // Two cells that neighbour each other, three months (0, 0), (0, 1), (5, 6): x̄ = 2, S² = 38/6.
 * const nb = neighboursFromLists([[0, 1], [0, 1]]);
 * spaceTimeGiStar(Float64Array.of(0, 0, 0, 1, 5, 6), 2, 3, nb).z;
 * // (i=0, t=0): Σw = 2, Σwx = 0: z = (0 − 4)/(S·√((6·2 − 4)/5)) = −1.2566;
 * // (i=0, t=2): Σw = 4, Σwx = 12: z = (12 − 8)/(S·√((6·4 − 16)/5)) = 1.2566
 */
export function spaceTimeGiStar(cube: Float64Array, n: number, T: number, neighbours: Neighbours): SpaceTimeGiStarResult {
  if (!Number.isInteger(n) || n < 1) throw new Error(`spaceTimeGiStar: n = ${n} is not a positive integer`);
  if (!Number.isInteger(T) || T < 1) throw new Error(`spaceTimeGiStar: T = ${T} is not a positive integer`);
  const N = n * T;
  if (cube.length !== N) throw new Error(`spaceTimeGiStar: cube has length ${cube.length}, expected n·T = ${N}`);
  assertNeighbours(neighbours, n, 'spaceTimeGiStar');
  const { mean, sd, degenerate } = populationMoments(cube, 'spaceTimeGiStar');
  const z = new Float64Array(N);
  const p = new Float64Array(N).fill(1);
  if (degenerate) return { z, p, binFdr: new Int8Array(N), mean, sd, degenerate };

  // Spatial sums per slice first: local(i, t) = disk sum at t + disk sum at t − 1.
  const { offsets, indices } = neighbours;
  const diskSum = new Float64Array(N);
  for (let t = 0; t < T; t++) {
    const base = t * n;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let k = offsets[i]; k < offsets[i + 1]; k++) sum += cube[base + indices[k]];
      diskSum[base + i] = sum;
    }
  }
  for (let t = 0; t < T; t++) {
    const base = t * n;
    const months = t === 0 ? 1 : 2;
    for (let i = 0; i < n; i++) {
      const local = t === 0 ? diskSum[i] : diskSum[base + i] + diskSum[base - n + i];
      const w = months * (offsets[i + 1] - offsets[i]);
      const zi = giStarZ(local, w, w, N, mean, sd);
      z[base + i] = zi;
      p[base + i] = twoSidedP(zi);
    }
  }
  return { z, p, binFdr: fdrBins(z, p), mean, sd, degenerate };
}
