/**
 * Month arithmetic and the comparison behind the recorded-crime trend: a ward's (or borough's)
 * monthly MPS recorded offences beside the mean of its peers (the wards of its borough, or the
 * London boroughs), and the last 12 months against the 12 before.
 *
 * Plain sums and means (no statistic of ../shared/ANALYSIS.md applies): a mean per ward is the
 * borough's monthly total divided by its number of wards, so the two lines share one unit,
 * offences per month in one area.
 */

/** 'YYYY-MM' plus `k` months (k may be negative). */
export function addMonths(month: string, k: number): string {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
  if (!m || !Number.isInteger(k)) throw new Error(`addMonths: not a 'YYYY-MM' month and a whole number: ${month}, ${k}`);
  const i = Number(m[1]) * 12 + Number(m[2]) - 1 + k;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The `n` months ending with `to` (inclusive), clipped to start no earlier than `first`. */
export function monthsEnding(to: string, n: number, first?: string): { from: string; to: string } {
  if (!(n >= 1)) throw new Error(`monthsEnding: need at least one month, got ${n}`);
  const from = addMonths(to, -(n - 1));
  return { from: first !== undefined && from < first ? first : from, to };
}

/**
 * The period a view shows: its months clamped to the data's span; with no start (or a start after
 * the end), the 12 months ending at the end; with no end, the data's latest month.
 */
export function recordedPeriod(
  span: { first: string; last: string },
  chosen: { from: string | null; to: string | null },
): { from: string; to: string } {
  const clamp = (m: string) => (m < span.first ? span.first : m > span.last ? span.last : m);
  const to = chosen.to === null ? span.last : clamp(chosen.to);
  const from = chosen.from === null ? null : clamp(chosen.from);
  return from === null || from > to ? monthsEnding(to, 12, span.first) : { from, to };
}

/** Each month's total divided by the number of areas it is summed over (0 areas: an error). */
export function meanPerArea(totals: readonly number[], areas: number): number[] {
  if (!(areas > 0)) throw new Error(`meanPerArea: the totals are over ${areas} areas`);
  return totals.map((t) => t / areas);
}

export interface YearOnYear {
  /** Sum of the last 12 values. */
  last12: number;
  /** Sum of the 12 before them. */
  previous12: number;
  /** (last12 - previous12) / previous12; null when previous12 is 0. */
  change: number | null;
}

/** The last 12 months against the 12 before (needs at least 24 values). */
export function yearOnYear(values: readonly number[]): YearOnYear {
  if (values.length < 24) throw new Error(`yearOnYear: needs 24 months, got ${values.length}`);
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const last12 = sum(values.slice(-12));
  const previous12 = sum(values.slice(-24, -12));
  return { last12, previous12, change: previous12 === 0 ? null : (last12 - previous12) / previous12 };
}
