/**
 * Clear, Hold and Build: the rules that recommend a site's phase (issue 13, item 2), each a named
 * function over numbers, with every threshold a setting returned beside the result so that a
 * meeting sees what the recommendation rested on.
 *
 * The phases (issue 13): Clear removes an area's most harmful offenders by intensive, co-ordinated
 * enforcement; Hold keeps it with sustained visible patrol so that others do not fill the void;
 * Build works with communities and partners on the causes. Phases change on review, never on a
 * timer: {@link recommendPhase} takes the site's current phase (null until a lifecycle records
 * one) and only ever proposes; nothing here moves a site by the calendar.
 *
 * ../shared/ANALYSIS.md pins the pieces used here: the emerging hot spot decision list ("90 % of
 * the months" = 10·hot ≥ 9·T, {@link classifyEmerging}) and the Mann-Kendall test (p ≤ 0.10,
 * {@link mannKendall}). It does not define Clear, Hold, Build, a site's own pattern, "% a month",
 * "harm has fallen" or displacement: the choices made here are said where they are made.
 */
import { classifyEmerging, type EmergingCategory } from '../emerging.ts';
import { MIN_EMERGING_MONTHS } from '../hotspots.ts';
import { mannKendall, type MannKendallResult } from '../mann-kendall.ts';

export type Phase = 'clear' | 'hold' | 'build';

/**
 * The crime types Clear puts first (issue 13: "above all violence, robbery, weapons and drugs"),
 * police.uk category names (categories.ts) with the short words the reasons use.
 */
export const CLEAR_PRIORITY_TYPES: Readonly<Record<string, string>> = {
  'Violence and sexual offences': 'violence',
  Robbery: 'robbery',
  'Possession of weapons': 'weapons',
  Drugs: 'drugs',
};

/** Every threshold of the rules. Defaults in {@link DEFAULT_TASKING_SETTINGS}; shown beside each result. */
export interface TaskingSettings {
  /** Months a site's pattern needs (fewer: 'No Pattern Detected', so never Clear by pattern). */
  minPatternMonths: number;
  /** Site patterns (Esri labels, computed by {@link sitePattern}) that make a Clear candidate. */
  clearPatterns: readonly EmergingCategory[];
  /** Clear needs at least this share (0..1) of the site's harm from {@link CLEAR_PRIORITY_TYPES}. */
  clearPriorityShare: number;
  /** Site patterns that make a Hold candidate by themselves. */
  holdPatterns: readonly EmergingCategory[];
  /** Months averaged into a "level" of harm (the recent level and each earlier level). */
  levelMonths: number;
  /** Harm has fallen when the recent level is at most (1 − fallShare) × the former level. */
  fallShare: number;
  /** Build: months in a row, up to the latest, each at most (1 − fallShare) × the former level. */
  buildMonths: number;
  /** Displacement: rings of cells around a site (1 = its ring-1 neighbours) that make its ring. */
  displacementRings: number;
  /** Displacement compares the last this-many months with the same number just before. */
  displacementMonths: number;
  /** Displacement: the ring's harm must rise by at least this share (0.2 = 20 %) ... */
  displacementRise: number;
  /** ... while the core's harm falls by at least this share. */
  displacementFall: number;
}

/**
 * Defaults. Where a number comes from:
 * - minPatternMonths 10: Esri's minimum for Emerging Hot Spot Analysis (hotspots.ts
 *   MIN_EMERGING_MONTHS); with one month every hot site would read "persistent, 1 of 1 months".
 * - clearPatterns: issue 13's "persistent, intensifying, consecutive or new" hot spots, Esri's
 *   labels; holdPatterns: its "diminishing or sporadic".
 * - clearPriorityShare 0.5: "above all violence, robbery, weapons and drugs" read as "most of
 *   the harm" (a choice: the issue gives no number).
 * - levelMonths 3, fallShare 0.2, buildMonths 6, displacement 2 rings, 3 months, ±20 %: choices
 *   made here, not from ANALYSIS.md or the literature; a quarter smooths the month-to-month
 *   noise of a few crimes, and six months below is half a year of holding. Each is a setting.
 */
export const DEFAULT_TASKING_SETTINGS: TaskingSettings = {
  minPatternMonths: MIN_EMERGING_MONTHS,
  clearPatterns: ['New Hot Spot', 'Consecutive Hot Spot', 'Intensifying Hot Spot', 'Persistent Hot Spot'],
  clearPriorityShare: 0.5,
  holdPatterns: ['Diminishing Hot Spot', 'Sporadic Hot Spot'],
  levelMonths: 3,
  fallShare: 0.2,
  buildMonths: 6,
  displacementRings: 2,
  displacementMonths: 3,
  displacementRise: 0.2,
  displacementFall: 0.2,
};

/** The settings with overrides, checked. @throws {Error} on a value outside its range. */
export function taskingSettings(overrides: Partial<TaskingSettings> = {}): TaskingSettings {
  const s = { ...DEFAULT_TASKING_SETTINGS, ...overrides };
  const share = (k: keyof TaskingSettings) => {
    const v = s[k] as number;
    if (!(v >= 0 && v <= 1)) throw new Error(`tasking settings: ${k} = ${v} is not a share from 0 to 1`);
  };
  const whole = (k: keyof TaskingSettings) => {
    const v = s[k] as number;
    if (!(Number.isInteger(v) && v >= 1)) throw new Error(`tasking settings: ${k} = ${v} is not a whole number ≥ 1`);
  };
  share('clearPriorityShare');
  share('fallShare');
  share('displacementRise');
  share('displacementFall');
  whole('minPatternMonths');
  whole('levelMonths');
  whole('buildMonths');
  whole('displacementRings');
  whole('displacementMonths');
  return s;
}

/** The monthly harm of a site over the analysed window, and what the rules read from the data. */
export interface SiteEvidence {
  /** Harm per month, oldest first (the window's months; zero months included). */
  harm: readonly number[];
  /** Per month (same length), whether the site was a hot spot that month (any cell at the cluster level). */
  hot: readonly boolean[];
  /** Harm per police.uk category over the window. */
  harmByType: Readonly<Record<string, number>>;
}

/** Trend of a monthly series: Mann-Kendall (ANALYSIS.md "Trend") and its size in % a month. */
export interface SeriesTrend {
  mk: MannKendallResult;
  /** Theil-Sen slope (median of pairwise slopes), units a month. */
  slope: number;
  /** The slope as a share of the series' mean a month (0.03 = 3 % a month); 0 when the mean is 0. */
  perMonth: number;
}

/**
 * Trend of a monthly series. Significance is Mann-Kendall's (ANALYSIS.md: two-sided p ≤ 0.10,
 * continuity- and tie-corrected). Its size is the Theil-Sen slope (Sen 1968, "Estimates of the
 * regression coefficient based on Kendall's tau", JASA 63: the median of (xⱼ − xᵢ)/(j − i) over
 * i < j, the estimator that goes with Mann-Kendall) divided by the series' mean, so "3 % a month"
 * is 3 % of an average month. ANALYSIS.md does not pin the size of a trend: this is the choice.
 *
 * @example seriesTrend([10, 11, 12, 13]).perMonth // slope 1 / mean 11.5 = 0.0870
 */
export function seriesTrend(series: readonly number[]): SeriesTrend {
  const mk = mannKendall(series);
  const slopes: number[] = [];
  for (let i = 0; i < series.length; i++) for (let j = i + 1; j < series.length; j++) slopes.push((series[j] - series[i]) / (j - i));
  slopes.sort((a, b) => a - b);
  const m = slopes.length;
  const slope = m === 0 ? 0 : m % 2 === 1 ? slopes[m >> 1] : (slopes[m / 2 - 1] + slopes[m / 2]) / 2;
  const mean = series.length === 0 ? 0 : series.reduce((a, b) => a + b, 0) / series.length;
  return { mk, slope, perMonth: mean > 0 ? slope / mean : 0 };
}

/**
 * A site's own emerging pattern: Esri's decision list ({@link classifyEmerging}, ANALYSIS.md)
 * over the site's hot months (a month hot when any of its cells was hot at the cluster level),
 * with the Mann-Kendall trend of its monthly harm standing in for the trend of z-scores. A site
 * has no cold months (its cells were chosen hot), so the list ends in a hot label, Historical
 * Hot Spot or No Pattern Detected. Reading the trend from harm rather than z is a choice made
 * here: a site is several cells, and the meeting asks whether its harm grows. Fewer months than
 * `minPatternMonths` give 'No Pattern Detected'.
 */
export function sitePattern(e: SiteEvidence, minPatternMonths = DEFAULT_TASKING_SETTINGS.minPatternMonths): EmergingCategory {
  if (e.hot.length === 0 || e.hot.length < minPatternMonths) return 'No Pattern Detected';
  return classifyEmerging(e.hot.map((h) => (h ? 1 : 0)), seriesTrend([...e.harm]).mk.trend);
}

/** Share of the harm from the Clear priority types, and those types with harm, largest first. */
export function priorityHarmShare(harmByType: Readonly<Record<string, number>>): { share: number; types: string[] } {
  let total = 0;
  let priority = 0;
  const types: [string, number][] = [];
  for (const [t, h] of Object.entries(harmByType)) {
    total += h;
    if (t in CLEAR_PRIORITY_TYPES && h > 0) {
      priority += h;
      types.push([t, h]);
    }
  }
  types.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return { share: total > 0 ? priority / total : 0, types: types.map(([t]) => t) };
}

/**
 * a ≤ b to a part in a billion: thresholds are shares (0.2 = 20 %) whose binary rounding would
 * otherwise decide an exact edge (24 / 30 − 1 is −0.19999999999999996, not −0.2), and a fall of
 * exactly the setting counts as that fall.
 */
export function atMost(a: number, b: number): boolean {
  return a <= b + 1e-9 * Math.max(1, Math.abs(b));
}

/**
 * The highest mean of `levelMonths` consecutive months among those ending before month `before`
 * (exclusive), or null when no such run fits.
 */
export function formerLevel(series: readonly number[], before: number, levelMonths: number): number | null {
  let best: number | null = null;
  for (let end = levelMonths - 1; end < before && end < series.length; end++) {
    let sum = 0;
    for (let t = end - levelMonths + 1; t <= end; t++) sum += series[t];
    const mean = sum / levelMonths;
    if (best === null || mean > best) best = mean;
  }
  return best;
}

/** The outcome of one rule: whether it holds, the numbers it read, and a reason in words. */
export interface RuleResult {
  holds: boolean;
  reason: string;
}

export interface ClearResult extends RuleResult {
  pattern: EmergingCategory;
  hotMonths: number;
  months: number;
  priorityShare: number;
  priorityTypes: string[];
  trend: SeriesTrend;
}

const pc = (x: number) => `${Math.round(x * 100)} %`;
const lowerPattern = (p: EmergingCategory) => p.toLowerCase();

/** "rising 3 % a month" / "falling 2 % a month" when Mann-Kendall finds a trend, else "no significant trend". */
export function trendWords(t: SeriesTrend): string {
  if (t.mk.trend === 'none') return 'no significant trend';
  const size = Math.abs(Math.round(t.perMonth * 100));
  return `${t.mk.trend === 'up' ? 'rising' : 'falling'} ${size} % a month`;
}

/** "violence and robbery", "violence, robbery and drugs". */
export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * Clear: a persistent, intensifying, consecutive or new hot spot ({@link sitePattern} in
 * `clearPatterns`) whose harm is at least `clearPriorityShare` violence, robbery, weapons and
 * drugs. Every candidate site is already a significant cluster of harm (proposals.ts), so
 * "high-harm" is met by candidacy; this rule asks what kind of hot spot it is and what harms it.
 */
export function clearRule(e: SiteEvidence, s: TaskingSettings = DEFAULT_TASKING_SETTINGS): ClearResult {
  const pattern = sitePattern(e, s.minPatternMonths);
  const hotMonths = e.hot.filter(Boolean).length;
  const trend = seriesTrend([...e.harm]);
  const { share, types } = priorityHarmShare(e.harmByType);
  const patternOk = s.clearPatterns.includes(pattern);
  const shareOk = share >= s.clearPriorityShare;
  const what = types.length > 0 ? `${listWords(types.map((t) => CLEAR_PRIORITY_TYPES[t]))} ${pc(share)} of its harm` : 'no violence, robbery, weapons or drugs harm';
  const head = `${lowerPattern(pattern)} for ${hotMonths} of ${e.hot.length} months`;
  const reason = patternOk && shareOk
    ? `${head}, ${what}, ${trendWords(trend)}`
    : e.hot.length < s.minPatternMonths
      ? `hot in ${hotMonths} of ${e.hot.length} month${e.hot.length === 1 ? '' : 's'}: too few months to tell a persistent from a new hot spot (Clear needs ${s.minPatternMonths})`
      : !patternOk
      ? `not a Clear pattern: ${head} (Clear needs ${s.clearPatterns.map(lowerPattern).join(', ')})`
      : `${head}, but ${what} (Clear needs ${pc(s.clearPriorityShare)})`;
  return { holds: patternOk && shareOk, reason, pattern, hotMonths, months: e.hot.length, priorityShare: share, priorityTypes: types, trend };
}

export interface FallResult extends RuleResult {
  /** Mean of the last `levelMonths` months. */
  recent: number;
  /** Highest mean of `levelMonths` months before them (null: too few months). */
  former: number | null;
  /** recent / former − 1 (negative = fallen); null without a former level above 0. */
  change: number | null;
}

/**
 * Harm has fallen: the mean of the last `levelMonths` months is at most (1 − fallShare) × the
 * highest mean of `levelMonths` consecutive months before them ({@link formerLevel}). A choice
 * made here: against the peak level, so a site cleared from its worst is measured from it.
 */
export function harmFallen(harm: readonly number[], s: TaskingSettings = DEFAULT_TASKING_SETTINGS): FallResult {
  const T = harm.length;
  const L = s.levelMonths;
  if (T < 2 * L) {
    return { holds: false, recent: NaN, former: null, change: null, reason: `too few months to compare (${T}; need ${2 * L})` };
  }
  let sum = 0;
  for (let t = T - L; t < T; t++) sum += harm[t];
  const recent = sum / L;
  const former = formerLevel(harm, T - L, L);
  if (former === null || !(former > 0)) return { holds: false, recent, former, change: null, reason: 'no earlier harm to fall from' };
  const change = recent / former - 1;
  const holds = atMost(recent, (1 - s.fallShare) * former);
  const reason = holds
    ? `harm fell ${pc(-change)} from its highest ${L}-month level (Hold after Clear needs a fall of ${pc(s.fallShare)})`
    : `harm ${change < 0 ? `fell only ${pc(-change)}` : `rose ${pc(change)}`} from its highest ${L}-month level (a fall of ${pc(s.fallShare)} is needed)`;
  return { holds, recent, former, change, reason };
}

export interface HoldResult extends RuleResult {
  /** Which way the rule holds: a fall after Clear, or the site's own pattern. */
  by: 'fallen-after-clear' | 'pattern' | null;
  pattern: EmergingCategory;
  fall: FallResult;
}

/**
 * Hold: a site under Clear whose harm has fallen ({@link harmFallen}), or a diminishing or
 * sporadic hot spot (`holdPatterns`), whatever its current phase.
 */
export function holdRule(e: SiteEvidence, current: Phase | null, s: TaskingSettings = DEFAULT_TASKING_SETTINGS): HoldResult {
  const pattern = sitePattern(e, s.minPatternMonths);
  const fall = harmFallen(e.harm, s);
  const hotMonths = e.hot.filter(Boolean).length;
  if (current === 'clear' && fall.holds) return { holds: true, by: 'fallen-after-clear', pattern, fall, reason: `under Clear, ${fall.reason}` };
  if (s.holdPatterns.includes(pattern)) {
    return { holds: true, by: 'pattern', pattern, fall, reason: `${lowerPattern(pattern)}, hot in ${hotMonths} of ${e.hot.length} months` };
  }
  const why = current === 'clear' ? `under Clear, ${fall.reason}` : `${lowerPattern(pattern)}, not ${s.holdPatterns.map(lowerPattern).join(' or ')}`;
  return { holds: false, by: null, pattern, fall, reason: why };
}

export interface BuildResult extends RuleResult {
  /** Months in a row, up to the latest, at most (1 − fallShare) × the former level. */
  monthsBelow: number;
  former: number | null;
  /** The ceiling each of those months stayed at or under: (1 − fallShare) × former. */
  ceiling: number | null;
}

/**
 * Build: a site held below its former level for `buildMonths` months. The former level is the
 * highest mean of `levelMonths` consecutive months ending before the last `buildMonths` months
 * ({@link formerLevel}); "below" means at most (1 − fallShare) × that level, each month. The run
 * is counted back from the latest month and never into the former level's own months. Choices
 * made here: the issue says "held below its former level for a set number of months".
 */
export function buildRule(harm: readonly number[], s: TaskingSettings = DEFAULT_TASKING_SETTINGS): BuildResult {
  const T = harm.length;
  const N = s.buildMonths;
  const L = s.levelMonths;
  // The months before the last N hold the former level; find where it ends so the run stops there.
  let former: number | null = null;
  let formerEnd = -1;
  for (let end = L - 1; end < T - N; end++) {
    let sum = 0;
    for (let t = end - L + 1; t <= end; t++) sum += harm[t];
    if (former === null || sum / L > former) [former, formerEnd] = [sum / L, end];
  }
  if (former === null || !(former > 0)) {
    return { holds: false, monthsBelow: 0, former, ceiling: null, reason: former === null ? `too few months (${T}; need ${N + L})` : 'no earlier harm to hold below' };
  }
  const ceiling = (1 - s.fallShare) * former;
  let run = 0;
  for (let t = T - 1; t > formerEnd && atMost(harm[t], ceiling); t--) run++;
  const holds = run >= N;
  const reason = holds
    ? `held at least ${pc(s.fallShare)} below its former level for ${run} months (Build needs ${N})`
    : `held below its former level for ${run} of the ${N} months Build needs`;
  return { holds, monthsBelow: run, former, ceiling, reason };
}

/** A recommended phase with the rule that decided it, every rule's outcome, and the settings. */
export interface PhaseRecommendation {
  phase: Phase;
  /** The phase the site was in (null: no lifecycle yet, derived from the data). */
  current: Phase | null;
  /** Reasons in plain words, the deciding one first, e.g. "Clear: persistent hot spot for 11 of 12 months, …". */
  reasons: string[];
  clear: ClearResult;
  hold: HoldResult;
  build: BuildResult;
  settings: TaskingSettings;
}

const PHASE_WORD: Record<Phase, string> = { clear: 'Clear', hold: 'Hold', build: 'Build' };

/**
 * The phase to propose at a review. With a current phase (from the lifecycle), a site moves on
 * only when the rule for the next phase holds: Clear → Hold when {@link holdRule} holds (its harm
 * has fallen, or its pattern is diminishing or sporadic); Hold → Build when {@link buildRule}
 * holds; Hold or Build → Clear when {@link clearRule} holds again and its harm is rising
 * significantly (a resurgence); otherwise it stays. Without one (null), the phase is derived from
 * the data, first match wins: Build if held below its former level; Clear if the Clear rule
 * holds; Hold otherwise (a hot spot that is not for Clear is kept with visible patrol; the
 * reason says which Clear test failed). These transitions are choices made here from the issue's
 * definitions; the order puts a sustained fall ahead of a pattern that still reads "persistent".
 */
export function recommendPhase(
  e: SiteEvidence,
  current: Phase | null,
  overrides: Partial<TaskingSettings> = {},
): PhaseRecommendation {
  if (e.harm.length !== e.hot.length) throw new Error(`recommendPhase: ${e.harm.length} months of harm but ${e.hot.length} of hot flags`);
  const settings = taskingSettings(overrides);
  const clear = clearRule(e, settings);
  const hold = holdRule(e, current, settings);
  const build = buildRule(e.harm, settings);
  const out = (phase: Phase, first: string, ...rest: string[]): PhaseRecommendation => ({
    phase, current, reasons: [`${PHASE_WORD[phase]}: ${first}`, ...rest], clear, hold, build, settings,
  });
  const resurgent = clear.holds && clear.trend.mk.trend === 'up';
  switch (current) {
    case 'clear':
      return hold.holds ? out('hold', hold.reason) : out('clear', `stays under Clear: ${hold.reason}`, clear.reason);
    case 'hold':
      if (resurgent) return out('clear', `back to Clear: ${clear.reason}`);
      return build.holds ? out('build', build.reason) : out('hold', `stays under Hold: ${build.reason}`);
    case 'build':
      return resurgent ? out('clear', `back to Clear: ${clear.reason}`) : out('build', `stays under Build: ${clear.holds ? `${clear.reason}, but not rising` : clear.reason}`);
    case null:
      if (build.holds) return out('build', build.reason);
      if (clear.holds) return out('clear', clear.reason);
      return out('hold', hold.holds ? hold.reason : `a hot spot kept with visible patrol; ${clear.reason}`);
  }
}

/** Displacement numbers of one site (see {@link displacementCheck}). */
export interface Displacement {
  flagged: boolean;
  /** Harm of the core (the site's cells) in the earlier and the later months. */
  coreBefore: number;
  coreAfter: number;
  /** Harm of the ring around it in the same months. */
  ringBefore: number;
  ringAfter: number;
  /** after / before − 1, or null when before is 0. */
  coreChange: number | null;
  ringChange: number | null;
  /** Months compared on each side. */
  months: number;
  reason: string;
}

/**
 * Displacement: the ring of cells around a site gains harm while the core loses it. Compares the
 * last `displacementMonths` months with the same number just before: flagged when the core's harm
 * fell by at least `displacementFall` and the ring's rose by at least `displacementRise` (a ring
 * from zero harm to some counts as a rise). Displacement is a question to look at, not a finding:
 * crime falling at a site and rising next to it may be chance; the numbers are shown for that.
 * The ring (proposals.ts: cells within `displacementRings` rings of the site, outside it, within
 * the study area) and the test are choices made here; ANALYSIS.md does not define displacement.
 *
 * @param core monthly harm of the site, oldest first
 * @param ring monthly harm of its ring, same months
 */
export function displacementCheck(core: readonly number[], ring: readonly number[], s: TaskingSettings = DEFAULT_TASKING_SETTINGS): Displacement {
  if (core.length !== ring.length) throw new Error(`displacementCheck: ${core.length} months of core but ${ring.length} of ring`);
  const M = s.displacementMonths;
  const T = core.length;
  const sum = (x: readonly number[], from: number, to: number) => x.slice(Math.max(0, from), to).reduce((a, b) => a + b, 0);
  const base = { months: M };
  if (T < 2 * M) {
    return { ...base, flagged: false, coreBefore: 0, coreAfter: 0, ringBefore: 0, ringAfter: 0, coreChange: null, ringChange: null, reason: `too few months to compare (${T}; need ${2 * M})` };
  }
  const coreBefore = sum(core, T - 2 * M, T - M);
  const coreAfter = sum(core, T - M, T);
  const ringBefore = sum(ring, T - 2 * M, T - M);
  const ringAfter = sum(ring, T - M, T);
  const change = (a: number, b: number) => (b > 0 ? a / b - 1 : null);
  const coreChange = change(coreAfter, coreBefore);
  const ringChange = change(ringAfter, ringBefore);
  const coreFell = coreBefore > 0 && atMost(coreAfter, (1 - s.displacementFall) * coreBefore);
  const ringRose = ringBefore > 0 ? atMost((1 + s.displacementRise) * ringBefore, ringAfter) : ringAfter > 0;
  const flagged = coreFell && ringRose;
  const r = (x: number) => Math.round(x).toLocaleString('en-GB');
  const moved = (change: number | null, before: number, after: number) =>
    change === null
      ? `from 0 to ${r(after)}`
      : `${Math.round(change * 100) === 0 ? 'unchanged' : `${change > 0 ? 'up' : 'down'} ${pc(Math.abs(change))}`} (${r(before)} to ${r(after)})`;
  const ringText = moved(ringChange, ringBefore, ringAfter);
  const coreText = moved(coreChange, coreBefore, coreAfter);
  const reason = `${flagged ? 'Possible displacement' : 'No displacement flagged'}: over the last ${M} months against the ${M} before, harm in the ring around the site ${ringText}, in the site ${coreText}`;
  return { flagged, coreBefore, coreAfter, ringBefore, ringAfter, coreChange, ringChange, months: M, reason };
}
