import { twoSidedP } from './normal.ts';

/** A trend counts when its two-sided Mann-Kendall p-value is at most this (ANALYSIS.md, "Trend"). */
export const MANN_KENDALL_ALPHA = 0.1;

/** Direction of a Mann-Kendall trend: significant upward, significant downward, or neither. */
export type Trend = 'up' | 'down' | 'none';

/** Result of {@link mannKendall}. */
export interface MannKendallResult {
  /** S = Σᵢ<ⱼ sgn(xⱼ − xᵢ). */
  s: number;
  /** Var S under H0 with the tie correction. */
  varS: number;
  /** Continuity-corrected z = (S − sgn S)/√Var S; 0 when Var S = 0. */
  z: number;
  /** Two-sided p = 2Φ(−|z|). */
  p: number;
  /** 'up' / 'down' when p ≤ 0.10 and S > 0 / S < 0, else 'none'. */
  trend: Trend;
}

/**
 * Mann-Kendall test for a monotonic trend in a series, with tie and continuity corrections.
 *
 * S counts, over every pair of time steps i < j, +1 when the later value is larger and −1 when
 * it is smaller: S = Σᵢ<ⱼ sgn(xⱼ − xᵢ). Under the null hypothesis of no trend S has mean 0 and
 *
 *   Var S = [n(n−1)(2n+5) − Σₜ t(t−1)(2t+5)] / 18,
 *
 * the sum running over groups of t tied (exactly equal) values (Kendall's tie correction). The
 * test statistic is z = (S − sgn S)/√Var S, i.e. |S| reduced by 1 for continuity, and the p-value
 * is two-sided, p = 2Φ(−|z|). The trend is 'up' (S > 0) or 'down' (S < 0) when p ≤ 0.10, else
 * 'none'. These are the choices of ANALYSIS.md ("Trend"), which Esri's Emerging Hot Spot Analysis
 * applies to each location's series of space-time Gi* z-scores.
 *
 * References: H. B. Mann, "Nonparametric tests against trend", Econometrica 13 (1945) 245–259;
 * M. G. Kendall, Rank Correlation Methods (Griffin, 4th ed. 1975), ch. 4 (variance with ties);
 * R. O. Gilbert, Statistical Methods for Environmental Pollution Monitoring (1987), §16.4
 * (the variance and continuity-corrected z in this form).
 *
 * Short series: for n < 3 the result is always "no trend": S and Var S are returned as the
 * formulas give them, z = 0 and p = 1. (For n = 2 the formula itself gives z = (±1 ∓ 1)/1 = 0;
 * for n ≤ 1 there are no pairs.) When every value is tied, Var S = 0 and likewise z = 0, p = 1.
 * Cost: O(n²) pairs, n being the number of time steps (12 for a year of months), plus a sort.
 *
 * @param series - Values in time order, oldest first; finite.
 * @throws {Error} when a value is not finite.
 * @returns `{ s, varS, z, p, trend }`.
 * @example
 * // 1, 2, 2, 3: pairs give S = 1+1+1+0+1+1 = 5; ties {2, 2}: Var S = (4·3·13 − 2·1·9)/18 = 7.667
 * mannKendall([1, 2, 2, 3]); // { s: 5, varS: 7.666…, z: 4/√7.667 = 1.4446, p: 0.1486, trend: 'none' }
 */
export function mannKendall(series: ArrayLike<number>): MannKendallResult {
  const n = series.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(series[i])) throw new Error(`mannKendall: series[${i}] = ${series[i]} is not a finite number`);
  }
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = series[i];
    for (let j = i + 1; j < n; j++) {
      const d = series[j] - xi;
      s += d > 0 ? 1 : d < 0 ? -1 : 0;
    }
  }
  // Tie correction: runs of equal values in sorted order are the tie groups.
  const sorted = Float64Array.from(series).sort();
  let tieTerm = 0;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && sorted[end] === sorted[start]) end++;
    const t = end - start;
    tieTerm += t * (t - 1) * (2 * t + 5);
    start = end;
  }
  // Math.max turns the −0 of n = 0 (0·(−1)) into 0; Var S is never negative otherwise.
  const varS = Math.max(0, (n * (n - 1) * (2 * n + 5) - tieTerm) / 18);
  if (n < 3 || !(varS > 0)) return { s, varS, z: 0, p: 1, trend: 'none' };
  const z = (s - Math.sign(s)) / Math.sqrt(varS); // continuity correction: |S| − 1
  const p = twoSidedP(z);
  const trend: Trend = p <= MANN_KENDALL_ALPHA && s !== 0 ? (s > 0 ? 'up' : 'down') : 'none';
  return { s, varS, z, p, trend };
}
