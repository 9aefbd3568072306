/**
 * Forecast accuracy of the hotspots against a later month, beside simple baselines
 * (ANALYSIS.md "Forecast accuracy"; Chainey, Tompson & Uhlig 2008 for PAI).
 *
 * The training window's cells are ranked by the chosen measure, the top k = floor(coverage·n)
 * are flagged, and PAI and PEI* are computed on the test month's crime counts. The baselines
 * are what a meeting would do without statistics: last month's counts, and counts over the
 * whole training window.
 */
import type { CrimeCube, CubeFilter } from './cube';
import { forecastAccuracy, type ForecastAccuracyResult } from './forecast-accuracy.ts';
import { getisOrdGiStar } from './gi-star.ts';
import { type StudyArea, studyValues } from './hotspots';
import { DEFAULT_HALF_LIFE, patrolPriority } from './priority.ts';
import { monthlyStudyValues } from './priority-backtest.ts';

export type ForecastMeasure = 'priority' | 'gi-count' | 'gi-harm' | 'harm';

/**
 * The measures a user can test, the patrol priority first: it is the app's cell ranking, while
 * Gi* finds significant areas and ranks cells worse (issue 10 item 8; `priority.ts`).
 */
export const FORECAST_MEASURES: Record<ForecastMeasure, string> = {
  priority: 'Patrol priority (recency-weighted counts)',
  'gi-count': 'Gi* z-score of crime counts',
  'gi-harm': 'Gi* z-score of crime harm',
  harm: 'Total crime harm',
};

export interface AccuracyOptions {
  /** Training window, inclusive month codes (indices into cube.months). */
  trainFrom: number;
  trainTo: number;
  /** The month forecast (a month code after trainTo). */
  testMonth: number;
  measure: ForecastMeasure;
  /** Share of study cells flagged. @default 0.05 */
  coverage?: number;
  /** Category codes counted. */
  categories: readonly number[];
  /** Harm weight per category code (for the harm measures). */
  harmWeights: ArrayLike<number>;
  /** Half-life of the priority's recency weights, months. @default 3 */
  halfLife?: number;
}

export interface AccuracyRow {
  label: string;
  result: ForecastAccuracyResult;
}

export interface AccuracyReport {
  ours: AccuracyRow;
  baselines: AccuracyRow[];
  testMonth: string;
  train: [string, string];
}

export function accuracyReport(cube: CrimeCube, study: StudyArea, o: AccuracyOptions): AccuracyReport {
  const whole = [o.trainFrom, o.trainTo, o.testMonth].every(Number.isInteger);
  if (!(whole && o.trainFrom >= 0 && o.trainFrom <= o.trainTo && o.trainTo < o.testMonth && o.testMonth < cube.months.length)) {
    throw new Error(`accuracyReport: need trainFrom ≤ trainTo < testMonth within the data (got ${o.trainFrom}, ${o.trainTo}, ${o.testMonth})`);
  }
  const window = (from: number, to: number): CubeFilter => ({ monthFrom: from, monthTo: to, categories: o.categories, area: { kind: 'all' } });
  const train = window(o.trainFrom, o.trainTo);
  const test = studyValues(cube, study, window(o.testMonth, o.testMonth)).count;
  const counts = studyValues(cube, study, train);
  let score: ArrayLike<number>;
  if (o.measure === 'priority') {
    const m = monthlyStudyValues(cube, study, train);
    score = patrolPriority(m, m.T - 1, o.halfLife ?? DEFAULT_HALF_LIFE);
  } else if (o.measure === 'harm') score = studyValues(cube, study, train, o.harmWeights).value;
  else if (o.measure === 'gi-harm') score = getisOrdGiStar(studyValues(cube, study, train, o.harmWeights).value, study.neighbours).z;
  else score = getisOrdGiStar(counts.count, study.neighbours).z;
  const run = (s: ArrayLike<number>) => forecastAccuracy({ cells: study.cells, score: s, testCounts: test, coverage: o.coverage });
  const last = studyValues(cube, study, window(o.trainTo, o.trainTo)).count;
  return {
    ours: { label: FORECAST_MEASURES[o.measure], result: run(score) },
    baselines: [
      { label: `Last month's counts (${cube.months[o.trainTo]})`, result: run(last) },
      { label: 'Counts over the whole training window', result: run(counts.count) },
    ],
    testMonth: cube.months[o.testMonth],
    train: [cube.months[o.trainFrom], cube.months[o.trainTo]],
  };
}
