/**
 * Review of a site under tasking (issue 14, item 2): its harm before and since its phase began,
 * against its borough, against matched comparison cells and in its displacement ring, in numbers
 * and in words, with the caveats that say when the numbers cannot carry a conclusion. Pure.
 *
 * Harm is Cambridge Crime Harm Index days (ANALYSIS.md "Harm weights": the harm table, whatever the
 * map's weighting), over the filter's crime types with stop and search left out (cube-reads.ts),
 * over every month of the cube (not only the analysed window: a phase can begin before it).
 *
 * Choices ANALYSIS.md does not pin, made here:
 * - Windows. "Since" is the phase's first month to the data's last month. "Before" is the same
 *   number of months just before the phase began (fewer when the data start sooner). Equal
 *   windows keep the comparison symmetric and the seasons close: a whole pre-period of eight
 *   months against four since would set summer against winter. Each side is a mean per month,
 *   so a shortened "before" still compares like with like.
 * - Change = since ÷ before − 1 (null when before is 0). The relative change of the site against
 *   a comparison is the difference-in-differences ratio (site since/before) ÷ (comparison
 *   since/before): below 1, the site did better than the comparison.
 * - Borough: the borough holding most of the site's harm (its crimes' own points, as ANALYSIS.md's
 *   shares), then most crimes, then the smaller code; its harm is that of every crime whose point
 *   lies in it, less the crimes of the site and of its ring, so neither is compared with itself.
 * - Ring: the displacement ring of proposals.ts (`ringCells`: cells within `rings` grid steps of
 *   the site, outside it, inside the study area), `rings` = the tasking settings' displacement
 *   rings (2). Displacement is "possible" when the site fell by at least `displacementFall` and
 *   the ring rose by at least `displacementRise` (rules.ts, 20 % each; a ring from 0 to any harm
 *   is a rise), as the proposals' own displacement check reads it.
 * - Matched comparison cells: study-area cells outside the site, its ring and any excluded cells
 *   (other sites under tasking), so never adjacent to the site. Each site cell, in order of its
 *   id, takes the nearest unused candidate in two standardised measures over the matching
 *   period: mean harm a month, and the Mann-Kendall S of its monthly harm (ANALYSIS.md "Trend":
 *   S = Σᵢ<ⱼ sgn(xⱼ − xᵢ)); each measure is standardised by the mean and population SD of the
 *   candidates (an SD of 0 drops the measure); ties by cell id. So there are as many matched
 *   cells as site cells, alike in harm and its direction before the phase. The matching period
 *   is the whole pre-period up to `matchMonths` (12: a year, every season) before the phase: a
 *   trend needs more months than the "before" window may hold.
 * - Too few crimes: fewer than `minCrimes` (10) crimes of the site on either side. With 10 a side
 *   the standard error of the log of a ratio of two Poisson counts is √(1/10 + 1/10) ≈ 0.45, so
 *   a change smaller than about a half cannot be told from chance.
 * - Too short: fewer than `minSinceMonths` (3) months since the phase began (a quarter, the
 *   tasking rules' `levelMonths`), or none when the phase began after the data's last month.
 * - Months without data (src/analysis/coverage.ts: zero crimes where nothing was loaded is not
 *   "no crime"): a month in which the site's borough has no data (any borough's, when the site
 *   has none: a gap month) is left out of every mean, of the site, its borough, the matched cells
 *   and the ring alike, and of the matching and the crime counts, so before and since stay like
 *   for like and a gap does not read as a fall in crime. The windows keep their months; the
 *   months counted (`beforeMonths`, `sinceMonths`) are those with data, and a caveat names the
 *   windows' months left out. A window left with no month is "no data" on that side.
 *
 * The borough's monthly harm is area-months.ts `areaMonthlyTotals` (the meeting's control-limits
 * table): one sum, placed by the crime's own borough, null where the borough has no data.
 */
import { type AreaMonthly, areaMonthlyTotals } from '../area-months';
import type { DataCoverage } from '../coverage';
import { cellCode, type CrimeCube, type CubeFilter } from '../cube';
import { crimeCategoriesOn } from './cube-reads.ts';
import { ringCells } from './proposals.ts';
import { atMost, DEFAULT_TASKING_SETTINGS, listWords, type Phase } from './rules.ts';

export interface ReviewSettings {
  /** Fewer months since the phase began than this: too short to say. */
  minSinceMonths: number;
  /** Fewer site crimes than this on either side: too few to say. */
  minCrimes: number;
  /** Months before the phase read for matching (at most). */
  matchMonths: number;
  /** The displacement ring: cells within this many grid steps of the site. */
  rings: number;
  /** Displacement is possible when the site fell at least this share ... */
  displacementFall: number;
  /** ... and the ring rose at least this share. */
  displacementRise: number;
}

export const DEFAULT_REVIEW_SETTINGS: ReviewSettings = {
  minSinceMonths: 3,
  minCrimes: 10,
  matchMonths: 12,
  rings: DEFAULT_TASKING_SETTINGS.displacementRings,
  displacementFall: DEFAULT_TASKING_SETTINGS.displacementFall,
  displacementRise: DEFAULT_TASKING_SETTINGS.displacementRise,
};

const PHASE_WORDS: Record<Phase, string> = { clear: 'Clear', hold: 'Hold', build: 'Build' };
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Monthly harm of the study area's cells and of every borough, read once from the cube for many
 * site reviews (one pass over the study cells' rows, and `areaMonthlyTotals`' pass over the cube).
 */
export interface ReviewTables {
  cube: CrimeCube;
  /** Crime categories counted (the filter's, stop and search off). */
  on: Uint8Array;
  harmWeights: ArrayLike<number>;
  /** The study area's cells, sorted: the ring's domain and the matching's candidates. */
  cells: string[];
  cellSet: Set<string>;
  index: Map<string, number>;
  /** harm[i·T + t]: cell i's harm in cube month t (T = cube.months.length). */
  harm: Float64Array;
  /** Which borough-months and months have data. */
  coverage: DataCoverage;
  /**
   * `areaMonthlyTotals(…).boroughs`, in the cube's borough order: harm[t] of the crimes whose own
   * point lies in the borough, month t; null where the borough has no data.
   */
  boroughMonthly: readonly AreaMonthly[];
}

/**
 * The tables a review reads.
 *
 * @param coverage - `dataCoverage(cube, …)`: which borough-months have data.
 * @throws {Error} when the harm weights do not cover the categories, or the coverage is of other months.
 */
export function reviewTables(cube: CrimeCube, filter: CubeFilter, harmWeights: ArrayLike<number>, studyCells: readonly string[], coverage: DataCoverage): ReviewTables {
  if (harmWeights.length < cube.categories.length) throw new Error(`reviewTables: ${harmWeights.length} harm weights for ${cube.categories.length} categories`);
  // The same switch as areaMonthlyTotals' (crimeCategorySwitch of the filter's categories), so
  // the cells and the boroughs count the same crimes.
  const on = crimeCategoriesOn(cube, filter);
  const T = cube.months.length;
  const cells = [...new Set(studyCells)].sort();
  const index = new Map(cells.map((c, i) => [c, i]));
  const harm = new Float64Array(cells.length * T);
  cells.forEach((cell, i) => {
    const code = cellCode(cube, cell);
    if (code < 0) return;
    for (let r = cube.cellStart[code]; r < cube.cellStart[code + 1]; r++) {
      if (on[cube.category[r]] === 1) harm[i * T + cube.month[r]] += cube.count[r] * harmWeights[cube.category[r]];
    }
  });
  const boroughMonthly = areaMonthlyTotals(cube, coverage, filter.categories, harmWeights).boroughs;
  return { cube, on, harmWeights, cells, cellSet: new Set(cells), index, harm, coverage, boroughMonthly };
}

/** One area's harm before and since, as means a month. */
export interface AreaChange {
  /** Harm a month in the "before" window, and since the phase began. */
  before: number;
  since: number;
  /** since ÷ before − 1; null when before is 0. */
  change: number | null;
  /** The site's (since/before) ÷ this area's (since/before); null when undefined, and for the site itself. */
  relative: number | null;
}

export type ReviewCaveat = 'no-data-since' | 'no-data-before' | 'months-without-data' | 'too-short' | 'few-crimes' | 'few-comparison-cells' | 'no-borough';

export interface SiteReview {
  phase: Phase;
  /** The month the phase began, YYYY-MM. */
  from: string;
  /** The cube's first and last month. */
  data: [string, string];
  /** First and last month of each window (null when empty). */
  beforeWindow: [string, string] | null;
  sinceWindow: [string, string] | null;
  /** Months with data in each window: those the means are over. */
  beforeMonths: number;
  sinceMonths: number;
  /** Months of the before and since windows left out for want of data, YYYY-MM, oldest first (the matching skips them too). */
  monthsLeftOut: string[];
  /** Months read to match the comparison cells (first, last), null when none. */
  matchWindow: [string, string] | null;
  site: AreaChange & { cells: number; crimesBefore: number; crimesSince: number };
  borough: (AreaChange & { code: string }) | null;
  matched: (AreaChange & { cells: string[]; /** Mean harm a month over the matching period, the matched cells' and the site's. */ matchHarm: number; siteMatchHarm: number }) | null;
  ring: AreaChange & { cells: number };
  /** Site fell and ring rose by the thresholds; null when a side has no "before". */
  displacement: boolean | null;
  caveats: { kind: ReviewCaveat; text: string }[];
  /** The card's sentence. */
  sentence: string;
}

export interface ReviewSiteInput {
  cells: readonly string[];
  phase: Phase;
  /** YYYY-MM. */
  from: string;
  /** Borough code → name, for the words (a borough without a name is not named). */
  boroughNames?: ReadonlyMap<string, string>;
  /** Cells no comparison may use (other sites under tasking). */
  exclude?: Iterable<string>;
  settings?: Partial<ReviewSettings>;
}

function checkedSettings(overrides: Partial<ReviewSettings> = {}): ReviewSettings {
  const s = { ...DEFAULT_REVIEW_SETTINGS, ...overrides };
  for (const k of ['minSinceMonths', 'minCrimes', 'matchMonths', 'rings'] as const) {
    if (!(Number.isInteger(s[k]) && s[k] >= 1)) throw new Error(`review settings: ${k} = ${s[k]} is not a whole number ≥ 1`);
  }
  for (const k of ['displacementFall', 'displacementRise'] as const) {
    if (!(s[k] >= 0 && s[k] <= 1)) throw new Error(`review settings: ${k} = ${s[k]} is not a share from 0 to 1`);
  }
  return s;
}

/** Mean of a month's value `sum(t)` over the months t in [from, to) with read[t] = 1 (0 for no months). */
const meanOver = (sum: (t: number) => number, from: number, to: number, read: Uint8Array) => {
  let a = 0;
  let n = 0;
  for (let t = from; t < to; t++) {
    if (read[t] === 0) continue;
    a += sum(t);
    n++;
  }
  return n > 0 ? a / n : 0;
};

/** "2025-11", "2025-11 and 2026-03", "2025-09 – 2025-11, 2026-01 and 2026-03": month codes of the cube, runs joined. */
function monthList(months: readonly string[], codes: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < codes.length; ) {
    let j = i;
    while (j + 1 < codes.length && codes[j + 1] === codes[j] + 1) j++;
    runs.push(j === i ? months[codes[i]] : `${months[codes[i]]} – ${months[codes[j]]}`);
    i = j + 1;
  }
  return listWords(runs);
}

const changeOf = (before: number, since: number) => (before > 0 ? since / before - 1 : null);
const ratioOf = (site: AreaChange, other: { before: number; since: number }) =>
  site.before > 0 && other.before > 0 && other.since > 0 ? site.since / site.before / (other.since / other.before) : null;

/**
 * Greedy nearest-neighbour matching without replacement: each target in turn takes the unused
 * candidate (xs[k], ys[k]) nearest in Euclidean distance, ties to the smaller k. The candidates
 * are searched outward from the target's x in x order and the search stops once the gap in x
 * alone exceeds the best distance, so a target far out in x (a hot site) reads few candidates.
 * Returns the chosen candidate indices in target order (fewer when the candidates run out).
 */
export function nearestWithoutReplacement(xs: Float64Array, ys: Float64Array, targets: readonly (readonly [number, number])[]): number[] {
  const n = xs.length;
  const order = Array.from({ length: n }, (_, k) => k).sort((a, b) => xs[a] - xs[b] || a - b);
  const sortedX = Float64Array.from(order, (k) => xs[k]);
  const used = new Uint8Array(n);
  const out: number[] = [];
  for (const [x, y] of targets) {
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sortedX[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    let bestD = Infinity;
    const consider = (i: number) => {
      const k = order[i];
      if (used[k]) return;
      const d = (xs[k] - x) ** 2 + (ys[k] - y) ** 2;
      if (d < bestD || (d === bestD && k < best)) {
        bestD = d;
        best = k;
      }
    };
    // A gap in x equal to the best distance may still tie it (and win on k): stop only beyond.
    for (let i = lo; i < n && (sortedX[i] - x) ** 2 <= bestD; i++) consider(i);
    for (let i = lo - 1; i >= 0 && (x - sortedX[i]) ** 2 <= bestD; i--) consider(i);
    if (best < 0) break;
    used[best] = 1;
    out.push(best);
  }
  return out;
}

/** "fell 32 %", "rose 3 %", "held level", "rose from none" (verbs that fit a singular or plural subject). */
export function changeWords(change: number | null, since = 0): string {
  if (change === null) return since > 0 ? 'rose from none' : 'had none before or since';
  const p = Math.round(change * 100);
  if (p === 0) return 'held level';
  return `${p > 0 ? 'rose' : 'fell'} ${Math.abs(p)} %`;
}

/** "down 34 %" for a difference-in-differences ratio of 0.66. */
export function relativeWords(ratio: number): string {
  const p = Math.round((ratio - 1) * 100);
  return p === 0 ? 'no different' : `${p > 0 ? 'up' : 'down'} ${Math.abs(p)} %`;
}

/**
 * The review of one site (module comment for every choice).
 *
 * @throws {Error} on a malformed month, no cells, or a cell outside the tables' study area.
 * @example reviewSite(reviewTables(cube, filter, w, study.cells), { cells: p.cells, phase: 'hold', from: '2026-01' }).sentence
 */
export function reviewSite(tables: ReviewTables, site: ReviewSiteInput): SiteReview {
  const s = checkedSettings(site.settings);
  const { cube, harm, index } = tables;
  if (!MONTH.test(site.from)) throw new Error(`reviewSite: the phase's month "${site.from}" is not YYYY-MM`);
  const cells = [...new Set(site.cells)].sort();
  if (cells.length === 0) throw new Error('reviewSite: a site needs at least one cell');
  const outside = cells.find((c) => !index.has(c));
  if (outside) throw new Error(`reviewSite: cell ${outside} is outside the study area`);
  const T = cube.months.length;
  if (T === 0) throw new Error('reviewSite: the cube has no months');
  const months = cube.months;
  const data: [string, string] = [months[0], months[T - 1]];

  // Windows in cube month codes: since [start, T), before [start − k, start), matching [start − m, start).
  const start = site.from < months[0] ? 0 : site.from > months[T - 1] ? T : months.indexOf(site.from);
  const b0 = start - Math.min(T - start, start);
  const matchFrom = Math.max(0, start - s.matchMonths);
  const win = (a: number, b: number): [string, string] | null => (b > a ? [months[a], months[b - 1]] : null);

  const inSite = new Set(cells);
  const ring = ringCells(cells, s.rings, tables.cellSet);
  const inRing = new Set(ring);
  const rowsOf = (group: readonly string[]) => {
    const out: number[] = [];
    for (const c of group) {
      const code = cellCode(cube, c);
      if (code >= 0) for (let r = cube.cellStart[code]; r < cube.cellStart[code + 1]; r++) if (tables.on[cube.category[r]] === 1) out.push(r);
    }
    return out;
  };
  const siteRows = rowsOf(cells);

  // Borough: the one holding most of the site's harm over every month.
  const tally = new Map<number, { harm: number; crimes: number }>();
  for (const r of siteRows) {
    const b = cube.borough[r];
    if (b < 0) continue;
    const t = tally.get(b) ?? { harm: 0, crimes: 0 };
    tally.set(b, { harm: t.harm + cube.count[r] * tables.harmWeights[cube.category[r]], crimes: t.crimes + cube.count[r] });
  }
  let bestB = -1;
  for (const [b, t] of tally) {
    const best = tally.get(bestB);
    if (!best || t.harm > best.harm || (t.harm === best.harm && (t.crimes > best.crimes || (t.crimes === best.crimes && cube.boroughs[b] < cube.boroughs[bestB])))) bestB = b;
  }

  // Months read: those in which the site's borough has data (without a borough, those in which any has).
  const boroughHarm = bestB >= 0 ? tables.boroughMonthly[bestB].harm : null;
  const read = Uint8Array.from({ length: T }, (_, t) => ((boroughHarm ? boroughHarm[t] !== null : tables.coverage.monthHasData[t] === 1) ? 1 : 0));
  const readIn = (from: number, to: number) => {
    let n = 0;
    for (let t = from; t < to; t++) n += read[t];
    return n;
  };
  const sinceMonths = readIn(start, T);
  const beforeMonths = readIn(b0, start);
  // Named only when there is a comparison to make (months on both sides of the phase's start).
  const leftOut: number[] = [];
  if (start > 0 && start < T) for (let t = b0; t < T; t++) if (read[t] === 0) leftOut.push(t);

  const cellSum = (group: readonly string[]) => (t: number) => group.reduce((a, c) => a + harm[index.get(c)! * T + t], 0);
  const area = (sum: (t: number) => number): { before: number; since: number } => ({ before: meanOver(sum, b0, start, read), since: meanOver(sum, start, T, read) });
  const withChange = (x: { before: number; since: number }): AreaChange => ({ ...x, change: changeOf(x.before, x.since), relative: null });

  // Site.
  let crimesBefore = 0;
  let crimesSince = 0;
  for (const r of siteRows) {
    const t = cube.month[r];
    if (read[t] === 0) continue;
    if (t >= start) crimesSince += cube.count[r];
    else if (t >= b0) crimesBefore += cube.count[r];
  }
  const siteArea = withChange(area(cellSum(cells)));
  const siteOut = { ...siteArea, cells: cells.length, crimesBefore, crimesSince };
  const rel = (x: { before: number; since: number }): AreaChange => ({ ...withChange(x), relative: ratioOf(siteArea, x) });

  // Borough, less the site and its ring (its harm is not null in a month read).
  let borough: SiteReview['borough'] = null;
  if (boroughHarm) {
    const less = new Float64Array(T);
    for (const r of [...siteRows, ...rowsOf(ring)]) if (cube.borough[r] === bestB) less[cube.month[r]] += cube.count[r] * tables.harmWeights[cube.category[r]];
    borough = { ...rel(area((t) => boroughHarm[t]! - less[t])), code: cube.boroughs[bestB] };
  }

  // Ring.
  const ringOut = { ...rel(area(cellSum(ring))), cells: ring.length };

  // Matched comparison cells.
  const excluded = new Set(site.exclude ?? []);
  const candidates = tables.cells.filter((c) => !inSite.has(c) && !inRing.has(c) && !excluded.has(c));
  const matchLen = readIn(matchFrom, start);
  let matched: SiteReview['matched'] = null;
  if (matchLen > 0 && candidates.length > 0) {
    // Mean harm a month and Mann-Kendall S of a cell over the matching months (S alone: the
    // distance needs the statistic, not its test; this runs for every study cell).
    const stats = (c: string) => {
      const i = index.get(c)! * T;
      let sum = 0;
      let S = 0;
      for (let a = matchFrom; a < start; a++) {
        if (read[a] === 0) continue;
        const x = harm[i + a];
        sum += x;
        for (let b = a + 1; b < start; b++) if (read[b] === 1) S += Math.sign(harm[i + b] - x);
      }
      return { mean: sum / matchLen, s: S };
    };
    const n = candidates.length;
    const means = new Float64Array(n);
    const ss = new Float64Array(n);
    candidates.forEach((c, k) => {
      const st = stats(c);
      means[k] = st.mean;
      ss[k] = st.s;
    });
    const standardiser = (xs: Float64Array) => {
      const m = xs.reduce((a, b) => a + b, 0) / n;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / n);
      return (x: number) => (sd > 0 ? (x - m) / sd : 0);
    };
    const zMean = standardiser(means);
    const zS = standardiser(ss);
    const xs = means.map(zMean);
    const ys = ss.map(zS);
    const chosen = nearestWithoutReplacement(
      xs,
      ys,
      cells.map((c) => {
        const me = stats(c);
        return [zMean(me.mean), zS(me.s)] as const;
      }),
    ).map((k) => candidates[k]);
    chosen.sort();
    const matchMean = (group: readonly string[]) => meanOver(cellSum(group), matchFrom, start, read);
    matched = { ...rel(area(cellSum(chosen))), cells: chosen, matchHarm: matchMean(chosen), siteMatchHarm: matchMean(cells) };
  }

  const displacement =
    siteArea.before > 0 && beforeMonths > 0 && sinceMonths > 0
      ? atMost(siteArea.since, (1 - s.displacementFall) * siteArea.before) &&
        (ringOut.before > 0 ? atMost((1 + s.displacementRise) * ringOut.before, ringOut.since) : ringOut.since > 0)
      : null;

  const caveats: SiteReview['caveats'] = [];
  const boroughName = bestB >= 0 ? site.boroughNames?.get(cube.boroughs[bestB]) : undefined;
  /** "the site's borough, Camden, has no data in 2026-03", "no data was loaded for 2026-03". */
  const noDataIn = (what: string) => (bestB >= 0 ? `the site's borough${boroughName ? `, ${boroughName},` : ''} has no data in ${what}` : `no data was loaded for ${what}`);
  const leftOutOf = (from: number, to: number) => monthList(months, leftOut.filter((t) => t >= from && t < to));
  if (sinceMonths === 0) {
    const why = start < T ? noDataIn(leftOutOf(start, T)) : `data ends ${data[1]}`;
    caveats.push({ kind: 'no-data-since', text: `No data since the phase began (${why})` });
  } else if (beforeMonths === 0) {
    const why = start > 0 ? noDataIn(leftOutOf(b0, start)) : `data start ${data[0]}`;
    caveats.push({ kind: 'no-data-before', text: `No data before the phase began (${why}): nothing to compare with` });
  }
  if (leftOut.length > 0) {
    const why = noDataIn(leftOut.length === 1 ? 'that month' : 'those months');
    caveats.push({
      kind: 'months-without-data',
      text: `Months without data left out: ${monthList(months, leftOut)} (${why}; read as none they would look like a fall in crime), so the site, its borough, matched cells and ring are all compared over the other months`,
    });
  }
  if (sinceMonths > 0 && beforeMonths > 0) {
    if (sinceMonths < s.minSinceMonths) {
      caveats.push({ kind: 'too-short', text: `Too short to say: only ${sinceMonths} month${sinceMonths === 1 ? '' : 's'} of data since the phase began (data ends ${data[1]}); at least ${s.minSinceMonths} are needed` });
    }
    if (crimesBefore < s.minCrimes || crimesSince < s.minCrimes) {
      caveats.push({ kind: 'few-crimes', text: `Too few crimes to say: ${crimesBefore} before and ${crimesSince} since (fewer than ${s.minCrimes} on a side, a change that may be chance)` });
    }
    if (!matched || matched.cells.length < cells.length) {
      const k = matched?.cells.length ?? 0;
      caveats.push({ kind: 'few-comparison-cells', text: `Too few comparison cells: ${k} matched for the site's ${cells.length} (cells not next to the site or under tasking)` });
    }
    if (!borough) caveats.push({ kind: 'no-borough', text: 'No borough to compare with: the site has no crimes in a borough' });
  }

  const review: SiteReview = {
    phase: site.phase,
    from: site.from,
    data,
    beforeWindow: win(b0, start),
    sinceWindow: win(start, T),
    beforeMonths,
    sinceMonths,
    monthsLeftOut: leftOut.map((t) => months[t]),
    matchWindow: win(matchFrom, start),
    site: siteOut,
    borough,
    matched,
    ring: ringOut,
    displacement,
    caveats,
    sentence: '',
  };
  review.sentence = reviewSentence(review, site.boroughNames);
  return review;
}

/**
 * "Harm in the site fell 32 % since Hold began in 2026-01; its borough fell 5 %; matched cells
 * rose 3 %; the ring fell 10 % (no sign of displacement)." and, when defined, the site against
 * each comparison. Without data on both sides it is the caveat itself.
 */
export function reviewSentence(r: SiteReview, boroughNames?: ReadonlyMap<string, string>): string {
  const began = `since ${PHASE_WORDS[r.phase]} began in ${r.from}`;
  const first = r.caveats.find((c) => c.kind === 'no-data-since' || c.kind === 'no-data-before');
  if (first) return `${first.text}.`;
  const window = `${r.sinceMonths} month${r.sinceMonths === 1 ? '' : 's'} against the ${r.beforeMonths} before`;
  const parts = [`Harm in the site ${changeWords(r.site.change, r.site.since)} ${began} (${window})`];
  if (r.borough) parts.push(`its borough${boroughNames?.get(r.borough.code) ? ` (${boroughNames.get(r.borough.code)})` : ''} ${changeWords(r.borough.change, r.borough.since)}`);
  if (r.matched) parts.push(`matched cells ${changeWords(r.matched.change, r.matched.since)}`);
  const disp = r.displacement === null ? '' : r.displacement ? ' (possible displacement)' : ' (no sign of displacement)';
  parts.push(`the ring ${changeWords(r.ring.change, r.ring.since)}${disp}`);
  let out = `${parts.join('; ')}.`;
  const against: string[] = [];
  const ratio = (x: number) => x.toFixed(2);
  if (r.matched?.relative != null) against.push(`its matched cells, the site's harm is ${relativeWords(r.matched.relative)} (ratio ${ratio(r.matched.relative)})`);
  if (r.borough?.relative != null) against.push(`its borough, ${relativeWords(r.borough.relative)} (${ratio(r.borough.relative)})`);
  if (against.length) out += ` Against ${against.join('; against ')}.`;
  return out;
}
