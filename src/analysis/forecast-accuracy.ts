/** Input of {@link forecastAccuracy}; the three arrays are parallel (one entry per study-area cell). */
export interface ForecastAccuracyInput {
  /** Study-area cell ids; ties in score are broken by id, ascending. */
  cells: readonly string[];
  /** The forecast measure per cell (training-period count, Gi* z, ...); higher = flag first. */
  score: ArrayLike<number>;
  /** Crimes per cell in the test period (non-negative). */
  testCounts: ArrayLike<number>;
  /** Share of cells to flag, in [0, 1]. @default 0.05 */
  coverage?: number;
}

/** Why PAI and PEI* are NaN: no cell flagged (k = 0), or no test-period crime at all (N = 0). */
export type ForecastAccuracyIssue = 'no-flagged-cells' | 'no-test-crimes';

/** Result of {@link forecastAccuracy}. */
export interface ForecastAccuracyResult {
  /** Number of flagged cells, floor(coverage · cells). */
  k: number;
  /** Indices of the flagged cells, best score first. */
  flagged: number[];
  /** Test-period crimes in the flagged cells. */
  n: number;
  /** Test-period crimes in the whole study area. */
  N: number;
  /** n*, the test-period crimes in the k cells with the highest test counts. */
  nStar: number;
  /** Hit rate n/N (NaN when N = 0). */
  hitRate: number;
  /** Area share k/cells (NaN when there are no cells). */
  areaShare: number;
  /** Predictive Accuracy Index (n/N)/(k/cells); NaN when `reason` is set. */
  pai: number;
  /** Predictive Efficiency Index PEI* = n/n*; NaN when `reason` is set. */
  pei: number;
  /** Set when pai and pei are NaN; null otherwise. */
  reason: ForecastAccuracyIssue | null;
}

/**
 * Guards floor(coverage·cells) against binary rounding: 0.29 · 100 is 28.999999999999996 in
 * doubles, and without the guard 29 cells asked for would give 28. 1e-9 is far above that
 * error and far below the 1/cells step of a real count.
 */
const COVERAGE_EPSILON = 1e-9;

/**
 * How well a hot spot forecast would have targeted the crimes of a later test period.
 *
 * The study-area cells are ranked by `score` (descending; ties by cell id ascending, in code-unit
 * order) and the top k = floor(coverage · cells) are flagged. Then, with n the test-period crimes
 * in the flagged cells and N all test-period crimes in the study area:
 *
 * - PAI = (n/N)/(k/cells), the hit rate divided by the area share: how many times better than
 *   flagging cells at random (Chainey, Tompson & Uhlig 2008);
 * - PEI* = n/n*, with n* the crimes in the k cells that in fact had the most test-period crimes,
 *   so 1 is the best any choice of k cells could do (the "operationally realistic" PEI* of
 *   White, Hunt & Green 2023, which compares with the best k cells, not the best area).
 *
 * These are the definitions of ANALYSIS.md ("Forecast accuracy"). Degenerate inputs do not
 * throw: when k = 0 (too few cells for the coverage) `reason` is 'no-flagged-cells', and when
 * N = 0 (no test-period crime, so n* = 0 too) it is 'no-test-crimes'; in both cases pai and pei
 * are NaN, and the counts are still returned. Cost: O(m log m) for m cells.
 *
 * References: S. Chainey, L. Tompson & S. Uhlig, "The utility of hotspot mapping for predicting
 * spatial patterns of crime", Security Journal 21 (2008) 4–28; V. M. White, J. Hunt & B. Green,
 * "A discussion of current crime forecasting indices and an improvement to the prediction
 * efficiency index for applications", Security Journal (2023), NCJ 306617, for PEI*; J. M. Hunt,
 * "Do crime hot spots move?" (National Institute of Justice, 2016) for the original PEI.
 *
 * @param input - `{ cells, score, testCounts, coverage = 0.05 }`.
 * @throws {Error} when the arrays differ in length, a score is NaN, a test count is negative or
 *   not finite, or coverage is outside [0, 1].
 * @returns `{ k, flagged, n, N, nStar, hitRate, areaShare, pai, pei, reason }`.
 * @example
 * forecastAccuracy({ cells: ['a', 'b', 'c', 'd'], score: [4, 1, 3, 2], testCounts: [2, 5, 1, 0], coverage: 0.5 });
 * // k = 2, flagged = [0, 2], n = 3, N = 8, PAI = (3/8)/(2/4) = 0.75, n* = 5 + 2 = 7, PEI* = 3/7
 */
export function forecastAccuracy(input: ForecastAccuracyInput): ForecastAccuracyResult {
  const { cells, score, testCounts, coverage = 0.05 } = input;
  const m = cells.length;
  if (score.length !== m || testCounts.length !== m) {
    throw new Error(`forecastAccuracy: cells, score and testCounts have lengths ${m}, ${score.length}, ${testCounts.length}`);
  }
  if (!(coverage >= 0 && coverage <= 1)) throw new Error(`forecastAccuracy: coverage = ${coverage} is not in [0, 1]`);
  let N = 0;
  for (let i = 0; i < m; i++) {
    if (Number.isNaN(score[i])) throw new Error(`forecastAccuracy: score[${i}] is NaN`);
    const c = testCounts[i];
    if (!(c >= 0 && c < Infinity)) throw new Error(`forecastAccuracy: testCounts[${i}] = ${c} is not a non-negative number`);
    N += c;
  }
  const k = Math.floor(coverage * m + COVERAGE_EPSILON);
  const order = Array.from({ length: m }, (_, i) => i);
  order.sort((a, b) => score[b] - score[a] || (cells[a] < cells[b] ? -1 : cells[a] > cells[b] ? 1 : 0));
  const flagged = order.slice(0, k);
  let n = 0;
  for (const i of flagged) n += testCounts[i];
  const best = Float64Array.from(testCounts).sort(); // ascending: the k largest are at the end
  let nStar = 0;
  for (let r = m - k; r < m; r++) nStar += best[r];
  const hitRate = N > 0 ? n / N : NaN;
  const areaShare = m > 0 ? k / m : NaN;
  const reason: ForecastAccuracyIssue | null = k === 0 ? 'no-flagged-cells' : N === 0 ? 'no-test-crimes' : null;
  const pai = reason ? NaN : hitRate / areaShare;
  const pei = reason ? NaN : n / nStar;
  return { k, flagged, n, N, nStar, hitRate, areaShare, pai, pei, reason };
}
