/**
 * Where the loaded data has coverage, learned from the data itself (issue 10, item 5): a
 * borough-month with no crime, or far fewer than the borough usually has, is "no data", and a
 * month with no crime (or far fewer than a usual month) is a gap in the data. Zero crimes there
 * means "not loaded", not "no crime", so the map hatches it and the hot spot analysis leaves it
 * out (hotspots.ts).
 *
 * Nothing here names a borough: which boroughs or months are missing is read from the counts,
 * so the same rules hold for the embedded sample (8 boroughs missing) and for all-London data.
 *
 * The rules (thresholds in {@link COVERAGE_THRESHOLDS}):
 * - A borough's share of month t is its crimes over all crimes of month t. Its usual share is
 *   the median of those shares over the months with data (a median, so a few missing months do
 *   not lower it).
 * - A borough whose usual share is below `boroughShareOfEven` (10 %) of an even split (1/B of
 *   the crimes for B boroughs) has no data in any month: only spill-over points snapped across
 *   its boundary. Its own usual share cannot tell (it is tiny every month), hence the even
 *   split as the yardstick. In the embedded 2017-18 data the eight missing boroughs hold at most
 *   0.10 % of a month (Hackney), the smallest complete borough 1.75 % (Sutton), against a
 *   threshold of 0.30 %.
 * - Otherwise borough-month (b, t) has no data when its crimes are 0 or below
 *   `boroughMonthShareOfUsual` (10 %) of its usual share of month t's crimes.
 * - Month t has data when its crimes are at least `monthShareOfMedian` (10 %) of the median
 *   month (over months with any crime). A gap month is "no data" for every borough.
 * - Runs are the maximal spans of consecutive months with data; the latest run is the app's
 *   default analysis window when the months have gaps.
 *
 * Stop-and-search records are not crimes and do not count.
 */
import type { CrimeCube } from './cube';

export interface CoverageThresholds {
  /** A borough whose usual share is below this fraction of an even split has no data at all. */
  boroughShareOfEven: number;
  /** A borough-month below this fraction of the borough's usual share of the month has no data. */
  boroughMonthShareOfUsual: number;
  /** A month with fewer crimes than this fraction of the median month is a gap. */
  monthShareOfMedian: number;
}

export const COVERAGE_THRESHOLDS: Readonly<CoverageThresholds> = Object.freeze({
  boroughShareOfEven: 0.1,
  boroughMonthShareOfUsual: 0.1,
  monthShareOfMedian: 0.1,
});

/** An inclusive span of month codes (indices into the cube's months). */
export interface MonthRun {
  from: number;
  to: number;
}

export interface DataCoverage {
  /** The cube's months, 'YYYY-MM' (index = month code). */
  months: readonly string[];
  /** Borough codes: the cube's, then any extra ones asked for (index = borough index here). */
  boroughs: readonly string[];
  /** Crimes per borough-month, index b·T + t (T = months.length). */
  crimes: Float64Array;
  /** Crimes per month, in boroughs or not. */
  monthCrimes: Float64Array;
  /** 1 where month t has data. */
  monthHasData: Uint8Array;
  /** 1 where borough-month (b, t) has data (index b·T + t); always 0 in a gap month. */
  hasData: Uint8Array;
  /** Maximal runs of consecutive months with data, oldest first. */
  runs: MonthRun[];
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * Coverage of a crime cube by borough and month (rules in the module comment).
 *
 * @param cube - The crime cube (any resolution: coverage does not depend on it).
 * @param options.boroughs - Borough codes that must appear even with no crime at all (e.g. the
 *   33 London boroughs of the boundaries); a borough with no crime has no data in any month.
 *   They also set B for the even split.
 * @param options.thresholds - Overrides {@link COVERAGE_THRESHOLDS}.
 * @throws {Error} when a threshold is not a number in [0, 1].
 * @example
 * const cov = dataCoverage(cube, { boroughs: boroughCodes });
 * cov.runs; // [{ from: 0, to: 11 }] for 2017-06..2018-05
 */
export function dataCoverage(
  cube: CrimeCube,
  options: { boroughs?: readonly string[]; thresholds?: Partial<CoverageThresholds> } = {},
): DataCoverage {
  const th = { ...COVERAGE_THRESHOLDS, ...options.thresholds };
  for (const [k, v] of Object.entries(th)) {
    if (!(typeof v === 'number' && v >= 0 && v <= 1)) throw new Error(`dataCoverage: threshold ${k} = ${v} is not a number from 0 to 1`);
  }
  const boroughs = [...cube.boroughs];
  for (const b of options.boroughs ?? []) if (!boroughs.includes(b)) boroughs.push(b);
  const T = cube.months.length;
  const B = boroughs.length;
  const crimes = new Float64Array(B * T);
  const monthCrimes = new Float64Array(T);
  const stopAndSearch = cube.categories.indexOf('Stop and search');
  for (let r = 0; r < cube.count.length; r++) {
    if (cube.category[r] === stopAndSearch) continue;
    const t = cube.month[r];
    const k = cube.count[r];
    monthCrimes[t] += k;
    const b = cube.borough[r];
    if (b >= 0) crimes[b * T + t] += k;
  }

  const typicalMonth = median([...monthCrimes].filter((k) => k > 0));
  const monthHasData = new Uint8Array(T);
  for (let t = 0; t < T; t++) monthHasData[t] = monthCrimes[t] > 0 && monthCrimes[t] >= th.monthShareOfMedian * typicalMonth ? 1 : 0;

  const hasData = new Uint8Array(B * T);
  const even = B > 0 ? 1 / B : 0;
  for (let b = 0; b < B; b++) {
    const shares: number[] = [];
    for (let t = 0; t < T; t++) if (monthHasData[t]) shares.push(crimes[b * T + t] / monthCrimes[t]);
    const usual = median(shares);
    if (usual === 0 || usual < th.boroughShareOfEven * even) continue;
    for (let t = 0; t < T; t++) {
      const k = crimes[b * T + t];
      if (monthHasData[t] && k > 0 && k >= th.boroughMonthShareOfUsual * usual * monthCrimes[t]) hasData[b * T + t] = 1;
    }
  }

  const runs: MonthRun[] = [];
  for (let t = 0; t < T; t++) {
    if (!monthHasData[t]) continue;
    const last = runs.at(-1);
    if (last && last.to === t - 1) last.to = t;
    else runs.push({ from: t, to: t });
  }
  return { months: cube.months, boroughs, crimes, monthCrimes, monthHasData, hasData, runs };
}

/** The most recent run of consecutive months with data, or null when no month has data. */
export function latestRun(coverage: DataCoverage): MonthRun | null {
  return coverage.runs.at(-1) ?? null;
}

/** The runs of gap months (no data) inside months [from, to], oldest first. */
export function gapsWithin(coverage: DataCoverage, from: number, to: number): MonthRun[] {
  const gaps: MonthRun[] = [];
  for (let t = Math.max(0, from); t <= Math.min(to, coverage.months.length - 1); t++) {
    if (coverage.monthHasData[t]) continue;
    const last = gaps.at(-1);
    if (last && last.to === t - 1) last.to = t;
    else gaps.push({ from: t, to: t });
  }
  return gaps;
}

/**
 * Boroughs with no data in the window [from, to]: those lacking data in at least one month of
 * the window that has data overall. A borough missing even one such month would read lower
 * than its neighbours for want of data, so it is left out of a comparison across the window.
 * Gap months (no data anywhere) are not held against any borough: they are the window's
 * problem, reported by {@link gapsWithin}. A window with no month of data gives none.
 *
 * @returns Borough codes, in the coverage's order.
 */
export function noDataBoroughs(coverage: DataCoverage, from: number, to: number): string[] {
  const T = coverage.months.length;
  const lo = Math.max(0, from);
  const hi = Math.min(to, T - 1);
  const out: string[] = [];
  coverage.boroughs.forEach((code, b) => {
    for (let t = lo; t <= hi; t++) {
      if (coverage.monthHasData[t] && !coverage.hasData[b * T + t]) {
        out.push(code);
        return;
      }
    }
  });
  return out;
}
