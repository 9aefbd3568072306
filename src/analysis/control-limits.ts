/**
 * This month against last month and against control limits (issue 14, item 3: the tasking
 * meeting's "since the last meeting" table per BCU and borough).
 *
 * Method (a Shewhart-style individuals chart with the limits the issue asks for):
 * - The baseline is the previous {@link CONTROL_LIMIT_MONTHS} (12) calendar months before the
 *   month under review, the month itself excluded, so an unusual month cannot widen its own
 *   limits. Months with no data (`null`: not loaded, see src/analysis/coverage.ts) are left out
 *   of the baseline, never read as zero.
 * - Limits are mean ± {@link CONTROL_LIMIT_SDS} (2) standard deviations of the baseline months.
 *   The standard deviation is the *sample* one (divide by n − 1, Bessel's correction): the
 *   baseline months are a sample of the area's month-to-month variation, not the whole of it,
 *   and with 11 or 12 months dividing by n would narrow the limits by about 4-5 % and flag more
 *   months than the rule means to. (ANALYSIS.md's population S is for Gi*'s cells, which are
 *   the whole study area, not a sample.)
 * - With fewer than 12 months before it (the default data hold 2025-05..2026-04, so April 2026
 *   has 11), the limits rest on the months there are, and the result says how many
 *   (`baselineMonths`). With fewer than {@link MIN_BASELINE_MONTHS} (3) no limits are drawn: a
 *   standard deviation of one or two months says nothing about usual variation.
 * - A month is above its control limit when its value is strictly above mean + 2 SD, below when
 *   strictly under mean − 2 SD (a lower limit under zero cannot be crossed by a count).
 */

export const CONTROL_LIMIT_MONTHS = 12;
export const CONTROL_LIMIT_SDS = 2;
export const MIN_BASELINE_MONTHS = 3;

export type ControlFlag = 'above' | 'below' | 'within' | 'no-data' | 'too-few-months';

export interface ControlLimitResult {
  /** The month's value (null: no data that month). */
  value: number | null;
  /** The month before's value (null: no data, or no month before). */
  last: number | null;
  /** value − last (null when either is missing). */
  change: number | null;
  /** How many months with data the limits rest on (at most 12). */
  baselineMonths: number;
  /** Mean and sample standard deviation of the baseline, and mean ∓ 2 SD (null with too few months). */
  mean: number | null;
  sd: number | null;
  lower: number | null;
  upper: number | null;
  flag: ControlFlag;
}

/**
 * The sample standard deviation (n − 1 in the denominator: Bessel's correction).
 *
 * @throws {Error} with fewer than two values.
 * @example sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9]) // 2.138…
 */
export function sampleStandardDeviation(values: readonly number[]): number {
  if (values.length < 2) throw new Error('sampleStandardDeviation requires at least two values');
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return Math.sqrt(ss / (values.length - 1));
}

/**
 * Month `index` of a monthly series against the month before and its control limits.
 *
 * @param series - One value per consecutive calendar month, oldest first; null where the month has no data.
 * @param index - The month under review (usually the latest).
 * @throws {Error} when `index` is not a month of the series.
 * @example
 * controlLimits([10, 12, 11, 13, 30], 4)
 * // { value: 30, last: 13, change: 17, baselineMonths: 4, mean: 11.5, sd: 1.29…, lower: 8.92…, upper: 14.08…, flag: 'above' }
 */
export function controlLimits(series: readonly (number | null)[], index: number): ControlLimitResult {
  if (!Number.isInteger(index) || index < 0 || index >= series.length) {
    throw new Error(`controlLimits: month ${index} is not in a series of ${series.length} months`);
  }
  const value = series[index];
  const last = index > 0 ? series[index - 1] : null;
  const baseline = series.slice(Math.max(0, index - CONTROL_LIMIT_MONTHS), index).filter((v): v is number => v !== null);
  const change = value !== null && last !== null ? value - last : null;
  const base = { value, last, change, baselineMonths: baseline.length };
  if (baseline.length < MIN_BASELINE_MONTHS) {
    return { ...base, mean: null, sd: null, lower: null, upper: null, flag: value === null ? 'no-data' : 'too-few-months' };
  }
  const mean = baseline.reduce((a, b) => a + b, 0) / baseline.length;
  const sd = sampleStandardDeviation(baseline);
  const lower = mean - CONTROL_LIMIT_SDS * sd;
  const upper = mean + CONTROL_LIMIT_SDS * sd;
  const flag: ControlFlag = value === null ? 'no-data' : value > upper ? 'above' : value < lower ? 'below' : 'within';
  return { ...base, mean, sd, lower, upper, flag };
}

/** The flag in words for the meeting screen. */
export function controlFlagWords(r: ControlLimitResult): string {
  switch (r.flag) {
    case 'above':
      return 'Above its control limit';
    case 'below':
      return 'Below its control limit';
    case 'within':
      return 'Within its control limits';
    case 'no-data':
      return 'No data this month';
    case 'too-few-months':
      return `Too few months for limits (${r.baselineMonths})`;
  }
}
