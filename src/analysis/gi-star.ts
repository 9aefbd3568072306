import { twoSidedP } from './normal.ts';

/**
 * Binary spatial weights in compressed sparse row (CSR) form: row i lists the indices of the
 * cells j with wᵢⱼ = 1, in `indices[offsets[i] .. offsets[i+1])`. Every other weight is 0.
 * For Gi* the row includes i itself (Ord & Getis 1995 "star"). {@link ringNeighbours} in
 * `study-area.ts` builds it from H3 ring-1 disks; {@link neighboursFromLists} from plain lists.
 */
export interface Neighbours {
  /** Length n + 1, non-decreasing, offsets[0] = 0, offsets[n] = indices.length. */
  readonly offsets: Int32Array;
  /** Column indices, each in [0, n). */
  readonly indices: Int32Array;
}

/** Result of {@link getisOrdGiStar}. */
export interface GiStarResult {
  /** Gi* z-score per cell. */
  z: Float64Array;
  /** Two-sided p-value per cell, 2Φ(−|z|). */
  p: Float64Array;
  /** x̄, the mean value over all n cells. */
  mean: number;
  /** S, the population standard deviation over all n cells (divisor n). */
  sd: number;
  /** True when all values are equal (S = 0): every z is 0 and every p is 1. */
  degenerate: boolean;
}

/**
 * Builds {@link Neighbours} from one list of neighbour indices per cell (a row may be empty).
 * Rows are copied and sorted ascending.
 *
 * @param lists - lists[i] holds the indices j with wᵢⱼ = 1.
 * @throws {Error} when an index is not an integer in [0, lists.length) or repeats within a row.
 * @returns The CSR form.
 * @example
 * // A chain 0 – 1 – 2, each cell its own neighbour as Gi* requires:
 * neighboursFromLists([[0, 1], [0, 1, 2], [1, 2]]);
 * // { offsets: Int32Array [0, 2, 5, 7], indices: Int32Array [0, 1, 0, 1, 2, 1, 2] }
 */
export function neighboursFromLists(lists: ArrayLike<ArrayLike<number>>): Neighbours {
  const n = lists.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i] + lists[i].length;
  const indices = new Int32Array(offsets[n]);
  for (let i = 0; i < n; i++) {
    const row = Array.from(lists[i]).sort((a, b) => a - b);
    for (let k = 0; k < row.length; k++) {
      const j = row[k];
      if (!Number.isInteger(j) || j < 0 || j >= n) {
        throw new Error(`neighboursFromLists: row ${i} has index ${j}, outside [0, ${n})`);
      }
      if (k > 0 && row[k - 1] === j) throw new Error(`neighboursFromLists: row ${i} lists index ${j} twice`);
      indices[offsets[i] + k] = j;
    }
  }
  return { offsets, indices };
}

/**
 * Checks that `neighbours` is a well-formed CSR structure over n cells; throws, naming
 * `caller`, when it is not. O(number of weights).
 */
export function assertNeighbours(neighbours: Neighbours, n: number, caller: string): void {
  const { offsets, indices } = neighbours;
  if (offsets.length !== n + 1) {
    throw new Error(`${caller}: neighbours.offsets has length ${offsets.length}, expected n + 1 = ${n + 1}`);
  }
  if (offsets[0] !== 0 || offsets[n] !== indices.length) {
    throw new Error(`${caller}: neighbours.offsets must start at 0 and end at indices.length`);
  }
  for (let i = 0; i < n; i++) {
    if (offsets[i + 1] < offsets[i]) throw new Error(`${caller}: neighbours.offsets decreases at row ${i}`);
  }
  for (let k = 0; k < indices.length; k++) {
    if (indices[k] < 0 || indices[k] >= n) {
      throw new Error(`${caller}: neighbours.indices[${k}] = ${indices[k]} is outside [0, ${n})`);
    }
  }
}

/**
 * Mean and population standard deviation of `values`, and whether all values are equal.
 *
 * Uses the corrected two-pass algorithm (Chan, Golub & LeVeque, "Algorithms for computing the
 * sample variance", The American Statistician 37 (1983) 242–247): S² = (Σd² − (Σd)²/n)/n with
 * d = x − x̄, where the second term cancels the rounding error of x̄. The divisor is n, not n − 1
 * (population, no Bessel correction), as ANALYSIS.md and Esri's Gi* require.
 * `degenerate` is decided by comparing min and max, not by testing S = 0, because the
 * floating-point mean of equal values can differ from them in the last bit.
 *
 * @param values - At least one finite number.
 * @param caller - Name used in error messages.
 * @throws {Error} when values is empty or holds a non-finite number.
 * @returns `{ mean, sd, degenerate }`.
 */
export function populationMoments(
  values: ArrayLike<number>,
  caller = 'populationMoments',
): { mean: number; sd: number; degenerate: boolean } {
  const n = values.length;
  if (n === 0) throw new Error(`${caller} requires at least one value`);
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const x = values[i];
    if (!Number.isFinite(x)) throw new Error(`${caller}: value ${i} is ${x}, not a finite number`);
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / n;
  if (min === max) return { mean: min, sd: 0, degenerate: true };
  let sumD = 0;
  let sumD2 = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    sumD += d;
    sumD2 += d * d;
  }
  const variance = (sumD2 - (sumD * sumD) / n) / n;
  return { mean, sd: Math.sqrt(Math.max(variance, 0)), degenerate: false };
}

/**
 * The Gi* z-score of one location from its local sums (Ord & Getis 1995, eq. 14 as written in
 * Esri's "How Hot Spot Analysis works"):
 *
 *   z = (Σⱼwᵢⱼxⱼ − x̄·Σⱼwᵢⱼ) / (S·√((n·Σⱼwᵢⱼ² − (Σⱼwᵢⱼ)²)/(n − 1)))
 *
 * When the bracket under the root is not positive (an empty neighbourhood, or binary weights
 * that cover all n locations, where the numerator is 0 exactly), the z-score is defined as 0.
 *
 * @param localSum - Σⱼwᵢⱼxⱼ.
 * @param sumW - Σⱼwᵢⱼ.
 * @param sumW2 - Σⱼwᵢⱼ² (equal to sumW for binary weights).
 * @param n - Number of locations the mean and S were taken over.
 * @param mean - x̄.
 * @param sd - S (population); must be > 0.
 * @returns z.
 * @example
 * giStarZ(12, 3, 3, 5, 2, Math.sqrt(2)); // 6 / (√2·√(6/4)) = 3.4641016151377544
 */
export function giStarZ(localSum: number, sumW: number, sumW2: number, n: number, mean: number, sd: number): number {
  const spread = (n * sumW2 - sumW * sumW) / (n - 1);
  if (!(spread > 0)) return 0;
  return (localSum - mean * sumW) / (sd * Math.sqrt(spread));
}

/**
 * Getis-Ord Gi* hot spot statistic for every cell of a study area.
 *
 * For each cell i, Gi* compares the sum of the values in its neighbourhood (itself included)
 * with the sum expected if values were placed at random, and expresses the difference as a
 * z-score: large positive z means a cluster of high values (hot spot), large negative z a
 * cluster of low values (cold spot). The z-score is
 *
 *   zᵢ = (Σⱼwᵢⱼxⱼ − x̄Σⱼwᵢⱼ) / (S·√((nΣⱼwᵢⱼ² − (Σⱼwᵢⱼ)²)/(n − 1)))
 *
 * with binary weights (wᵢⱼ = 1 when j is in row i of `neighbours`), x̄ the mean over all n
 * cells and S the population standard deviation over all n cells (divisor n), and the p-value is
 * two-sided, p = 2Φ(−|z|). Cells with a zero value count in x̄ and S. These are the choices
 * pinned in ANALYSIS.md ("Getis-Ord Gi*").
 *
 * References: J. K. Ord & A. Getis, "Local spatial autocorrelation statistics: distributional
 * issues and an application", Geographical Analysis 27 (1995) 286–306; Esri, "How Hot Spot
 * Analysis (Getis-Ord Gi*) works" (ArcGIS Pro documentation).
 *
 * If all values are equal (S = 0), the statistic is undefined: every z is 0, every p is 1 and
 * `degenerate` is true, so the UI can say so instead of dividing by zero. A cell whose
 * neighbourhood is empty or covers all n cells gets z = 0 (see {@link giStarZ}).
 * Cost: O(n + number of weights).
 *
 * @param values - One value per cell (count or harm sum), finite.
 * @param neighbours - Binary weights in CSR form over the same n cells, self included.
 * @throws {Error} when values is empty or not finite, or neighbours is malformed.
 * @returns `{ z, p, mean, sd, degenerate }`.
 * @example
 * // Chain 0–1–2–3–4 with values 1, 1, 1, 1, 6 (worked in tests/unit/gi-star.test.ts):
 * const nb = neighboursFromLists([[0, 1], [0, 1, 2], [1, 2, 3], [2, 3, 4], [3, 4]]);
 * getisOrdGiStar([1, 1, 1, 1, 6], nb).z[4]; // 3/√6 = 1.2247448713915890
 */
export function getisOrdGiStar(values: ArrayLike<number>, neighbours: Neighbours): GiStarResult {
  const n = values.length;
  if (n === 0) throw new Error('getisOrdGiStar requires at least one cell');
  assertNeighbours(neighbours, n, 'getisOrdGiStar');
  const { mean, sd, degenerate } = populationMoments(values, 'getisOrdGiStar');
  const z = new Float64Array(n);
  const p = new Float64Array(n).fill(1);
  if (degenerate) return { z, p, mean, sd, degenerate };
  const { offsets, indices } = neighbours;
  for (let i = 0; i < n; i++) {
    let localSum = 0;
    for (let k = offsets[i]; k < offsets[i + 1]; k++) localSum += values[indices[k]];
    const w = offsets[i + 1] - offsets[i]; // binary weights: Σw = Σw² = row length
    z[i] = giStarZ(localSum, w, w, n, mean, sd);
    p[i] = twoSidedP(z[i]);
  }
  return { z, p, mean, sd, degenerate };
}

/**
 * Esri's confidence bin for a Gi* z-score, without multiple-testing correction:
 * ±3 when |z| > 2.576 (99 %), ±2 when |z| > 1.96 (95 %), ±1 when |z| > 1.645 (90 %), else 0.
 * The comparisons are strict, as pinned in ANALYSIS.md (`giBin`); the sign follows z.
 *
 * @param z - A z-score (NaN gives 0).
 * @returns An integer in −3..3.
 * @example
 * giBin(2.0); // 2
 * giBin(-1.645); // 0 (strict)
 */
export function giBin(z: number): number {
  const a = Math.abs(z);
  const level = a > 2.576 ? 3 : a > 1.96 ? 2 : a > 1.645 ? 1 : 0;
  return z < 0 ? -level : level;
}
