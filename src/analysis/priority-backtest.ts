/**
 * Rolling-origin backtest of the patrol priority against the baselines a meeting would use
 * without statistics, and the patrol order the app recommends from it (issue 10 item 8;
 * ANALYSIS.md "Forecast accuracy": "The app's patrol ranking (`priority`) must be at least as
 * good as the better baseline; the backtest forecasts each month from the months before it").
 *
 * For each test month t among the last K months of the analysed window (those with at least
 * `minHistory` months before them in the window), every ranking is built from months before t
 * only (the training span: up to `trainingMonths` months, t − W .. t − 1, cut at the start of
 * the window) and scored on month t with {@link forecastAccuracy} (top k = floor(coverage·n)
 * cells, hit rate, PAI, PEI*; scores compared in single precision, {@link rankingKey}, ties by
 * cell id). The rankings:
 * - `priority`: recency-weighted values, {@link patrolPriority} (half-life a setting, 3 months);
 * - `window`: the values over the training span (the "12-month counts" baseline);
 * - `last-month`: the values of month t − 1;
 * - `gi`: Gi* z of the training-span values, for contrast only: Gi* finds significant areas,
 *   it is not a cell ranking, and the app never recommends it.
 *
 * Values are crimes, or harm when harm weights are given; the test month is then scored in
 * harm too (n and N of PAI are harm), so that a harm ranking is judged on the harm it catches.
 *
 * The recommended ranking is the candidate (priority, window, last month) with the highest
 * mean hit rate over the scored months; priority wins a tie, and between the two baselines the
 * window wins a tie. Within a month k and N are the same for every ranking, so the order by
 * hit rate is the order by PAI and by PEI*. With no month to score, priority is recommended
 * untested and the verdict says so.
 */
import type { CrimeCube, CubeFilter } from './cube';
import { forecastAccuracy, type ForecastAccuracyIssue } from './forecast-accuracy.ts';
import { getisOrdGiStar, type Neighbours } from './gi-star.ts';
import { type StudyArea, studyValues } from './hotspots';
import { DEFAULT_HALF_LIFE, type MonthlyValues, patrolPriority, rankCells, rankingKey, windowTotals } from './priority.ts';

export type Ranking = 'priority' | 'window' | 'last-month' | 'gi';
/** The rankings the app may recommend (Gi* z is shown for contrast only). */
export type CandidateRanking = Exclude<Ranking, 'gi'>;
/** Column order of tables, and the tie preference among candidates (earlier wins). */
export const RANKINGS: readonly Ranking[] = ['priority', 'window', 'last-month', 'gi'];
const CANDIDATES: readonly CandidateRanking[] = ['priority', 'window', 'last-month'];

export interface BacktestOptions {
  /** Share of study cells flagged. @default 0.05 */
  coverage?: number;
  /** Half-life of the priority's recency weights, months. @default 3 */
  halfLife?: number;
  /** K: test months, the last K of the window. @default 6 */
  months?: number;
  /** W: longest training span, months (the window baseline's length). @default 12 */
  trainingMonths?: number;
  /** Months of history a test month needs before it in the window. @default 3 */
  minHistory?: number;
}

/** One ranking's score on one test month (forecastAccuracy without the flagged list). */
export interface MonthScore {
  k: number;
  n: number;
  N: number;
  nStar: number;
  hitRate: number;
  pai: number;
  pei: number;
  reason: ForecastAccuracyIssue | null;
}

export interface BacktestMonth {
  /** The test month 'YYYY-MM'. */
  month: string;
  /** First and last training month. */
  train: [string, string];
  scores: Record<Ranking, MonthScore>;
}

export interface RankingMean {
  hitRate: number;
  pai: number;
  pei: number;
}

export interface Backtest {
  unit: 'crimes' | 'harm';
  coverage: number;
  halfLife: number;
  trainingMonths: number;
  minHistory: number;
  /** Short names of the rankings, as the verdict and tables use them. */
  labels: Record<Ranking, string>;
  /** Every test month, oldest first. */
  months: BacktestMonth[];
  /** Months whose scores count in the means (some crime in the test month, k ≥ 1). */
  scoredMonths: number;
  /** Mean over the scored months; null when none could be scored. */
  mean: Record<Ranking, RankingMean> | null;
  recommended: CandidateRanking;
  /** The outcome in plain words. */
  verdict: string;
}

export interface BacktestInput {
  /** Study cells (ids break ties). */
  cells: readonly string[];
  /** Ring-1 neighbours within the study area, for Gi*. */
  neighbours: Neighbours;
  /** Values per (month, cell) over the analysed window. */
  monthly: MonthlyValues;
  /** 'YYYY-MM' of each month of the window. */
  monthLabels: readonly string[];
  unit: 'crimes' | 'harm';
}

interface Settings {
  coverage: number;
  halfLife: number;
  months: number;
  trainingMonths: number;
  minHistory: number;
}

function settings(o: BacktestOptions): Settings {
  const s = { coverage: 0.05, halfLife: DEFAULT_HALF_LIFE, months: 6, trainingMonths: 12, minHistory: 3, ...o };
  if (!(s.coverage > 0 && s.coverage <= 1)) throw new Error(`backtest: coverage = ${s.coverage} is not in (0, 1]`);
  if (!(s.halfLife > 0 && s.halfLife < Infinity)) throw new Error(`backtest: halfLife = ${s.halfLife} months is not a positive number`);
  for (const key of ['months', 'trainingMonths', 'minHistory'] as const) {
    if (!(Number.isInteger(s[key]) && s[key] >= 1)) throw new Error(`backtest: ${key} = ${s[key]} is not a whole number ≥ 1`);
  }
  return s;
}

/** The training span of a forecast of month t: up to W months, t − W .. t − 1, from month 0 on. */
export function trainingSpan(t: number, trainingMonths: number): [number, number] {
  return [Math.max(0, t - trainingMonths), t - 1];
}

/** A ranking's score per cell, from months from..origin (inclusive) only. */
export function rankingScore(
  ranking: Ranking,
  m: MonthlyValues,
  from: number,
  origin: number,
  halfLife: number,
  neighbours: Neighbours,
): Float64Array {
  switch (ranking) {
    case 'priority':
      return patrolPriority(m, origin, halfLife, from);
    case 'window':
      return windowTotals(m, from, origin);
    case 'last-month':
      return windowTotals(m, origin, origin);
    case 'gi':
      return getisOrdGiStar(windowTotals(m, from, origin), neighbours).z;
  }
}

export function rankingLabels(unit: 'crimes' | 'harm', trainingMonths: number): Record<Ranking, string> {
  return {
    priority: 'Priority',
    window: `${trainingMonths}-month ${unit === 'crimes' ? 'counts' : 'harm'}`,
    'last-month': 'Last month',
    gi: 'Gi* z',
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const coverageText = (c: number) => `${Number((c * 100).toFixed(2))} %`;
const lower = (s: string) => (s.startsWith('Gi*') ? s : s[0].toLowerCase() + s.slice(1));

/** Runs the backtest over the window of `input.monthly` (see the module comment). */
export function rollingBacktest(input: BacktestInput, options: BacktestOptions = {}): Backtest {
  const s = settings(options);
  const { cells, neighbours, monthly: m, monthLabels, unit } = input;
  if (monthLabels.length !== m.T) throw new Error(`backtest: ${monthLabels.length} month labels for ${m.T} months`);
  if (cells.length !== m.n) throw new Error(`backtest: ${cells.length} cells for values of ${m.n} cells`);
  const labels = rankingLabels(unit, s.trainingMonths);
  const months: BacktestMonth[] = [];
  for (let t = Math.max(s.minHistory, m.T - s.months); t < m.T; t++) {
    const [from, origin] = trainingSpan(t, s.trainingMonths);
    const test = m.values.subarray(t * m.n, (t + 1) * m.n);
    const scores = {} as Record<Ranking, MonthScore>;
    for (const r of RANKINGS) {
      const { k, n, N, nStar, hitRate, pai, pei, reason } = forecastAccuracy({
        cells, score: rankingKey(rankingScore(r, m, from, origin, s.halfLife, neighbours)), testCounts: test, coverage: s.coverage,
      });
      scores[r] = { k, n, N, nStar, hitRate, pai, pei, reason };
    }
    months.push({ month: monthLabels[t], train: [monthLabels[from], monthLabels[origin]], scores });
  }
  const scored = months.filter((x) => x.scores.priority.reason === null);
  const base = { unit, coverage: s.coverage, halfLife: s.halfLife, trainingMonths: s.trainingMonths, minHistory: s.minHistory, labels, months };
  if (scored.length === 0) {
    const why =
      months.length === 0
        ? `a test month needs at least ${s.minHistory} earlier month${s.minHistory === 1 ? '' : 's'} in the window, and the window has ${m.T}`
        : months[0].scores.priority.reason === 'no-flagged-cells'
          ? `${coverageText(s.coverage)} of ${m.n} hexagons is less than one hexagon`
          : `no ${unit === 'crimes' ? 'crime' : 'harm'} fell in the study area in the test months`;
    return {
      ...base, scoredMonths: 0, mean: null, recommended: 'priority',
      verdict: `Not backtested: ${why}. The app ranks patrols by priority, the best simple ranking measured on London data, untested here.`,
    };
  }
  const mean = {} as Record<Ranking, RankingMean>;
  for (const r of RANKINGS) {
    const avg = (f: (x: MonthScore) => number) => scored.reduce((a, x) => a + f(x.scores[r]), 0) / scored.length;
    mean[r] = { hitRate: avg((x) => x.hitRate), pai: avg((x) => x.pai), pei: avg((x) => x.pei) };
  }
  let recommended: CandidateRanking = CANDIDATES[0];
  for (const r of CANDIDATES) if (mean[r].hitRate > mean[recommended].hitRate) recommended = r;
  const span = scored.length === 1 ? `in ${scored[0].month}` : `on average over ${scored.length} months (${scored[0].month} to ${scored[scored.length - 1].month})`;
  const head =
    `Priority caught ${pct(mean.priority.hitRate)} of next month's ${unit} in ${coverageText(s.coverage)} of hexagons, ${span}; ` +
    `${lower(labels.window)} caught ${pct(mean.window.hitRate)}, last month ${pct(mean['last-month'].hitRate)}`;
  const bestBaseline = mean.window.hitRate >= mean['last-month'].hitRate ? 'window' : 'last-month';
  const outcome =
    recommended !== 'priority'
      ? `: ${lower(labels[recommended])} did better than priority, so the app ranks patrols by ${lower(labels[recommended])}.`
      : mean.priority.hitRate > mean[bestBaseline].hitRate
        ? ': priority is the best of the three, so the app ranks patrols by priority.'
        : `: priority did as well as ${lower(labels[bestBaseline])}, so the app ranks patrols by priority.`;
  return {
    ...base, scoredMonths: scored.length, mean, recommended,
    verdict: `${head}${outcome} Gi* z, shown for contrast, caught ${pct(mean.gi.hitRate)}.`,
  };
}

/**
 * Values per (month, study cell) over the filter's months (monthFrom..monthTo, zero months
 * included), the categories of the filter, crimes or harm.
 */
export function monthlyStudyValues(cube: CrimeCube, study: StudyArea, filter: CubeFilter, weights?: ArrayLike<number>): MonthlyValues {
  const n = study.cells.length;
  const T = Math.max(0, filter.monthTo - filter.monthFrom + 1);
  const values = new Float64Array(n * T);
  const v = studyValues(cube, study, filter, weights);
  if (v.firstMonth >= 0) {
    // studyValues spans the months with crime (firstMonth..lastMonth), inside the filter's months.
    values.set(v.monthly, (v.firstMonth - filter.monthFrom) * n);
  }
  return { n, T, values };
}

/** The patrol order the app recommends, with the backtest behind it. */
export interface PatrolPlan {
  cells: string[];
  /** The recommended ranking's score per cell (recency-weighted value when priority won). */
  priority: Float64Array;
  /** 1 = patrolled first; ties by cell id. */
  rank: Int32Array;
  recommended: CandidateRanking;
  /** Training span of the plan (the window's last W months), null when the window is empty. */
  train: [string, string] | null;
  backtest: Backtest;
}

/**
 * The recommended patrol order for the month after the filter's window: the backtest's
 * recommended ranking, built from the window's last `trainingMonths` months.
 *
 * @param weights harm per category code; omitted = crimes
 */
export function patrolPlan(cube: CrimeCube, study: StudyArea, filter: CubeFilter, weights?: ArrayLike<number>, options: BacktestOptions = {}): PatrolPlan {
  const s = settings(options);
  const monthly = monthlyStudyValues(cube, study, filter, weights);
  const monthLabels = cube.months.slice(filter.monthFrom, filter.monthFrom + monthly.T);
  const backtest = rollingBacktest({ cells: study.cells, neighbours: study.neighbours, monthly, monthLabels, unit: weights ? 'harm' : 'crimes' }, s);
  let priority: Float64Array = new Float64Array(monthly.n);
  let train: [string, string] | null = null;
  if (monthly.T > 0) {
    const [from, origin] = trainingSpan(monthly.T, s.trainingMonths);
    priority = rankingScore(backtest.recommended, monthly, from, origin, s.halfLife, study.neighbours);
    train = [monthLabels[from], monthLabels[origin]];
  }
  return { cells: study.cells, priority, rank: rankCells(study.cells, priority), recommended: backtest.recommended, train, backtest };
}
