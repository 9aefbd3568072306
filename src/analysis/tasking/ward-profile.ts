/**
 * Ward profile (issue 13, item 5): for ward panels and dedicated ward officers setting their
 * three ward priorities, a ward's top three problems by harm and by count, the trend of each
 * against its borough, and this month against last month and the same month last year, in words
 * a panel can read. Pure: the cube in, numbers and sentences out.
 *
 * Crimes are placed by their own point's ward and borough (the cube's ward and borough codes, as
 * borders.ts), never by cell. The window is the filter's months; "this month" is its last month.
 * Trends: Mann-Kendall with its Theil-Sen size (rules.ts `seriesTrend`), on monthly harm for the
 * harm list and monthly crimes for the count list. The ward's borough is the one holding most of
 * its crimes (a ward lies in one borough; snapping can put a few elsewhere). Anti-social
 * behaviour has no harm score (harm.ts `NO_CHI_SCORE`): it can top the count list, never the harm
 * list. These choices are made here; ANALYSIS.md does not define a ward profile.
 */
import type { CrimeCube, CubeFilter } from '../cube';
import { crimeCategoriesOn } from './cube-reads.ts';
import { type SeriesTrend, seriesTrend, trendWords } from './rules.ts';

export interface WardProblem {
  category: string;
  crimes: number;
  harm: number;
  /** Share of the ward's harm (harm list) or crimes (count list), 0..1. */
  share: number;
  /** The ward's trend and its borough's, for this category, over the window. */
  trend: SeriesTrend;
  boroughTrend: SeriesTrend;
  words: string;
}

export interface MonthTotals {
  month: string;
  crimes: number;
  harm: number;
}

export interface WardProfile {
  ward: string;
  wardName: string;
  borough: string | null;
  boroughName: string | null;
  /** The window's months, oldest first. */
  months: string[];
  crimes: number;
  harm: number;
  byHarm: WardProblem[];
  byCount: WardProblem[];
  /** The window's last month, the month before (null when not in the cube), the same month a year earlier (null likewise). */
  thisMonth: MonthTotals;
  lastMonth: MonthTotals | null;
  sameMonthLastYear: MonthTotals | null;
  /** The profile in sentences. */
  words: string[];
}

export interface WardProfileInput {
  cube: CrimeCube;
  filter: CubeFilter;
  harmWeights: ArrayLike<number>;
  ward: string;
  names?: { ward?: ReadonlyMap<string, string>; borough?: ReadonlyMap<string, string> };
  /** How many problems each list holds. @default 3 */
  top?: number;
}

const int = (x: number) => Math.round(x).toLocaleString('en-GB');
const pc = (x: number) => `${Math.round(x * 100)} %`;

function change(now: number, then: number): string {
  if (then === 0) return now === 0 ? 'the same' : `up from 0`;
  const c = now / then - 1;
  return c === 0 ? 'the same' : `${c > 0 ? 'up' : 'down'} ${pc(Math.abs(c))}`;
}

/**
 * The profile of one ward (module comment for the definitions).
 * @throws {Error} when the ward is not in the cube or the window is empty.
 */
export function wardProfile(input: WardProfileInput): WardProfile {
  const { cube, filter, harmWeights, ward } = input;
  const top = input.top ?? 3;
  const w = cube.wards.indexOf(ward);
  if (w < 0) throw new Error(`wardProfile: ward ${ward} is not in the data`);
  const { monthFrom, monthTo } = filter;
  if (!(monthFrom <= monthTo && monthTo < cube.months.length)) throw new Error('wardProfile: the window holds no month');
  const T = monthTo - monthFrom + 1;
  const C = cube.categories.length;
  const on = crimeCategoriesOn(cube, filter);

  // The ward's borough: the one holding most of its crimes in the window (ties: smaller code).
  const boroughN = new Map<number, number>();
  for (let r = 0; r < cube.count.length; r++) {
    if (cube.ward[r] !== w || cube.borough[r] < 0 || on[cube.category[r]] === 0) continue;
    if (cube.month[r] < monthFrom || cube.month[r] > monthTo) continue;
    boroughN.set(cube.borough[r], (boroughN.get(cube.borough[r]) ?? 0) + cube.count[r]);
  }
  let b = -1;
  for (const [k, n] of boroughN) if (b < 0 || n > boroughN.get(b)! || (n === boroughN.get(b)! && cube.boroughs[k] < cube.boroughs[b])) b = k;

  // Monthly crimes and harm per category, ward and borough; per month totals of the ward for the comparisons.
  const wardCrimes = new Float64Array(C * T);
  const wardHarm = new Float64Array(C * T);
  const boroughCrimes = new Float64Array(C * T);
  const boroughHarm = new Float64Array(C * T);
  const byMonth = new Map<number, { crimes: number; harm: number }>();
  for (let r = 0; r < cube.count.length; r++) {
    const cat = cube.category[r];
    if (on[cat] === 0) continue;
    const m = cube.month[r];
    const k = cube.count[r];
    const h = k * harmWeights[cat];
    if (cube.ward[r] === w) {
      const x = byMonth.get(m) ?? { crimes: 0, harm: 0 };
      byMonth.set(m, { crimes: x.crimes + k, harm: x.harm + h });
    }
    if (m < monthFrom || m > monthTo) continue;
    const i = cat * T + (m - monthFrom);
    if (cube.ward[r] === w) {
      wardCrimes[i] += k;
      wardHarm[i] += h;
    }
    if (b >= 0 && cube.borough[r] === b) {
      boroughCrimes[i] += k;
      boroughHarm[i] += h;
    }
  }
  const series = (a: Float64Array, cat: number) => Array.from(a.subarray(cat * T, (cat + 1) * T));
  const sum = (xs: number[]) => xs.reduce((p, q) => p + q, 0);
  const totals = [...Array(C).keys()].map((cat) => ({ cat, crimes: sum(series(wardCrimes, cat)), harm: sum(series(wardHarm, cat)) }));
  const crimes = sum(totals.map((t) => t.crimes));
  const harm = sum(totals.map((t) => t.harm));
  const name = (c: number) => cube.categories[c];
  const wardName = input.names?.ward?.get(ward) ?? ward;
  const boroughCode = b >= 0 ? cube.boroughs[b] : null;
  const boroughName = boroughCode === null ? null : (input.names?.borough?.get(boroughCode) ?? boroughCode);

  const problem = (cat: number, by: 'harm' | 'count'): WardProblem => {
    const t = totals[cat];
    const own = by === 'harm' ? series(wardHarm, cat) : series(wardCrimes, cat);
    const theirs = by === 'harm' ? series(boroughHarm, cat) : series(boroughCrimes, cat);
    const trend = seriesTrend(own);
    const boroughTrend = seriesTrend(theirs);
    const share = by === 'harm' ? (harm > 0 ? t.harm / harm : 0) : crimes > 0 ? t.crimes / crimes : 0;
    const size = by === 'harm' ? `${int(t.harm)} harm days (${pc(share)} of the ward's harm), ${int(t.crimes)} crimes` : `${int(t.crimes)} crimes (${pc(share)} of the ward's crimes)`;
    const words = `${name(cat)}: ${size}; ${trendWords(trend)}${boroughName === null ? '' : ` (${boroughName}: ${trendWords(boroughTrend)})`}`;
    return { category: name(cat), crimes: t.crimes, harm: t.harm, share, trend, boroughTrend, words };
  };
  const ranked = (key: 'harm' | 'crimes') =>
    totals
      .filter((t) => t[key] > 0)
      .sort((x, y) => y[key] - x[key] || (key === 'harm' ? y.crimes - x.crimes : y.harm - x.harm) || name(x.cat).localeCompare(name(y.cat)))
      .slice(0, top)
      .map((t) => t.cat);
  const byHarm = ranked('harm').map((c) => problem(c, 'harm'));
  const byCount = ranked('crimes').map((c) => problem(c, 'count'));

  const totalsOf = (m: number): MonthTotals | null =>
    m < 0 || m >= cube.months.length ? null : { month: cube.months[m], ...(byMonth.get(m) ?? { crimes: 0, harm: 0 }) };
  const thisMonth = totalsOf(monthTo)!;
  const lastMonth = totalsOf(monthTo - 1);
  const sameMonthLastYear = totalsOf(monthTo - 12);
  const compare = (then: MonthTotals | null, what: string) =>
    then === null
      ? `No data for ${what}.`
      : `Against ${what} (${then.month}): crimes ${change(thisMonth.crimes, then.crimes)} (${int(then.crimes)} to ${int(thisMonth.crimes)}), harm ${change(thisMonth.harm, then.harm)}.`;
  const list = (ps: WardProblem[]) => ps.map((p, i) => `${i + 1}. ${p.words}`).join(' ');
  const span = `${cube.months[monthFrom]} to ${cube.months[monthTo]}`;
  const words = [
    `${wardName}${boroughName === null ? '' : ` (${boroughName})`}, ${span}: ${int(crimes)} crimes, ${int(harm)} harm days.`,
    byHarm.length > 0 ? `Top problems by harm: ${list(byHarm)}` : 'No harm recorded in these months.',
    byCount.length > 0 ? `Top problems by count: ${list(byCount)}` : 'No crimes recorded in these months.',
    `${thisMonth.month}: ${int(thisMonth.crimes)} crimes, ${int(thisMonth.harm)} harm days.`,
    compare(lastMonth, 'last month'),
    compare(sameMonthLastYear, 'the same month last year'),
  ];
  return { ward, wardName, borough: boroughCode, boroughName, months: cube.months.slice(monthFrom, monthTo + 1), crimes, harm, byHarm, byCount, thisMonth, lastMonth, sameMonthLastYear, words };
}
