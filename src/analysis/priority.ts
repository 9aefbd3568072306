/**
 * Patrol priority: the order in which the app would send patrols next month, one score per
 * study-area cell.
 *
 * Why recency-weighted counts and not Gi* z: Gi* answers "is this area significantly hot?", not
 * "which cells will have the most crime next month?". Measured on a held-out next month (Met
 * area, resolution 9, 5 % of 16,670 cells; issue 10 item 8, ANALYSIS.md "Forecast accuracy"),
 * ranking by Gi* z caught 14 % fewer crimes than the 12-month counts (PAI 6.70 vs 7.83; last
 * month 7.63), while counts weighted by recency with a half-life of 3 months scored 7.84, the
 * best simple ranking found. Ranking equal-sized areas by their level of crime and patrolling
 * the top of the list is what the College of Policing's "Serious violence hot spots policing
 * guide" prescribes ("Targeting – step three": rank ordering); Koper (1995, "Just enough police
 * presence", Justice Quarterly 12(4)) is the basis for how long each visit lasts, not for which
 * cells come first.
 * Whether this ranking really beats its baselines on the data loaded is checked every time by
 * the rolling-origin backtest (`priority-backtest.ts`), and the app falls back to a baseline
 * when it does not.
 */

/** Half-life of the recency weights, in months (issue 10 item 8: about 3 was best). */
export const DEFAULT_HALF_LIFE = 3;

/**
 * Values per (month, study cell) over a run of consecutive months: `values[t·n + i]` is cell i's
 * value (crimes, or harm) in month t, t = 0 being the first month of the run.
 */
export interface MonthlyValues {
  /** Study cells. */
  n: number;
  /** Months. */
  T: number;
  values: Float64Array;
}

function checkSpan(m: MonthlyValues, from: number, to: number, who: string): void {
  if (m.values.length !== m.n * m.T) throw new Error(`${who}: values has ${m.values.length} entries, not n·T = ${m.n}·${m.T}`);
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from <= to && to < m.T)) {
    throw new Error(`${who}: need 0 ≤ from ≤ to < ${m.T} whole months (got ${from}, ${to})`);
  }
}

/**
 * Recency-weighted value of each cell at a forecast origin:
 *
 *   score_i = Σ_{t = from..origin} value_{t,i} · 0.5^((origin − t)/halfLife)
 *
 * so the origin month counts fully, a month halfLife months earlier counts half, and so on.
 * Months after the origin are never read (a forecast must not see its test month).
 *
 * @param m - values per (month, cell).
 * @param origin - the last month used (the month before the one forecast), index into the run.
 * @param halfLife - months for a month's weight to halve; finite and > 0. @default 3
 * @param from - the first month used. @default 0
 * @throws {Error} when the months are out of range or halfLife is not a positive finite number.
 * @example
 * // 1 cell, months 0..2 with values 4, 2, 1; halfLife 1: 4·0.25 + 2·0.5 + 1·1 = 3
 * patrolPriority({ n: 1, T: 3, values: Float64Array.of(4, 2, 1) }, 2, 1); // Float64Array [3]
 */
export function patrolPriority(m: MonthlyValues, origin: number, halfLife = DEFAULT_HALF_LIFE, from = 0): Float64Array {
  checkSpan(m, from, origin, 'patrolPriority');
  if (!(halfLife > 0 && halfLife < Infinity)) throw new Error(`patrolPriority: halfLife = ${halfLife} months is not a positive number`);
  const { n, values } = m;
  const score = new Float64Array(n);
  for (let t = from; t <= origin; t++) {
    const w = 0.5 ** ((origin - t) / halfLife);
    const base = t * n;
    for (let i = 0; i < n; i++) score[i] += values[base + i] * w;
  }
  return score;
}

/** Each cell's total over months from..to (inclusive): the "counts over the window" baseline. */
export function windowTotals(m: MonthlyValues, from: number, to: number): Float64Array {
  checkSpan(m, from, to, 'windowTotals');
  const { n, values } = m;
  const out = new Float64Array(n);
  for (let t = from; t <= to; t++) for (let i = 0; i < n; i++) out[i] += values[t * n + i];
  return out;
}

/**
 * The value a ranking compares: the score rounded to single precision (float32).
 *
 * Why: recency weights 0.5^(lag/halfLife) come from `**`, whose last bit differs between
 * JavaScript engines (the browser's V8 and Node's gave different ranks for 1 of 16,670 cells),
 * and scores equal in exact arithmetic (one crime at lags 1 and 4 against three at lag 4, with
 * half-life 3) can then differ by one unit in the last place, in opposite directions in the app
 * and the command-line twin. Rounded to float32 (relative step 6e-8, far below any difference
 * that matters to a patrol) they tie, and the tie goes by cell id everywhere. Rounding to
 * float32 is exact IEEE arithmetic, the same in every engine.
 */
export function rankingKey(score: ArrayLike<number>): Float32Array {
  return Float32Array.from(score);
}

/**
 * Patrol order: rank 1 is the highest score ({@link rankingKey}: compared in single precision).
 * Ties are broken by H3 cell id, ascending (string order, which for H3's fixed-width hex ids is
 * numeric order), the tie-break ANALYSIS.md pins for forecast accuracy, so the k cells ranked
 * 1..k are exactly the k cells `forecastAccuracy` flags for the same keys. Zero-score cells are
 * ranked too (last, by id).
 *
 * @returns rank per cell (same index as `cells`), 1..cells.length.
 * @throws {Error} when the lengths differ or a score is NaN.
 * @example rankCells(['b', 'a', 'c'], [1, 1, 5]); // Int32Array [3, 2, 1]
 */
export function rankCells(cells: readonly string[], score: ArrayLike<number>): Int32Array {
  if (cells.length !== score.length) throw new Error(`rankCells: ${cells.length} cells but ${score.length} scores`);
  const order = Array.from({ length: cells.length }, (_, i) => i);
  for (const i of order) if (Number.isNaN(score[i])) throw new Error(`rankCells: score[${i}] is NaN`);
  const key = rankingKey(score);
  order.sort((a, b) => key[b] - key[a] || (cells[a] < cells[b] ? -1 : cells[a] > cells[b] ? 1 : 0));
  const rank = new Int32Array(cells.length);
  order.forEach((cell, r) => (rank[cell] = r + 1));
  return rank;
}
