/**
 * Patrol plans for a site, a ward or an area an inspector draws (issue 13, item 4): the cells in
 * patrol priority order, the dose of patrol each gets, the hours a week against a budget, a
 * randomised visit schedule, the share of the area's harm covered against its share of the area
 * (PAI), and why each place was chosen. Pure: cells and numbers in, a plan out.
 *
 * - Order: the per-cell `priority` the app backtests (priority.ts, priority-backtest.ts
 *   `patrolPlan`; ANALYSIS.md "Forecast accuracy": at least as good as the better of last month's
 *   and the 12-month counts), compared in single precision, ties by cell id ({@link rankCells}).
 * - Dose: Koper (1995, "Just enough police presence: reducing crime and disorderly behavior by
 *   optimizing patrol time in crime hot spots", Justice Quarterly 12(4) 649–672) found the
 *   residual deterrence of a stop rises with its length up to about 14–15 minutes; the College of
 *   Policing's hot spots policing guidance (crime reduction toolkit and "Serious violence hot
 *   spots policing guide") turns that into visits of about 15 minutes, repeated through the day
 *   and in an unpredictable order. Defaults here: 15 minutes, twice a day, every day, a new
 *   random order each round from a seeded generator (the same seed gives the same sheet).
 * - Time of day: the guidance splits visits between the busiest periods of the day; police.uk
 *   publishes a month per crime and no time, so no hour can be chosen from it. With times
 *   (`hasTimes`), visits alternate between two 12-hour periods; without, the plan says why not.
 * - PAI as ANALYSIS.md defines it, (n/N)/(k/cells), with the area's cells as the study area: n the
 *   harm (and, separately, crimes) in the planned cells of the area, N the area's, k the planned
 *   cells in the area, cells the area's cells.
 */
import { mulberry32 } from '../random';
import type { SpatialPrecision } from '../precision.ts';
import { rankCells, rankingKey } from '../priority.ts';

/** Dosage and budget of a plan. Defaults in {@link DEFAULT_PATROL_SETTINGS}; returned with the plan. */
export interface PatrolSettings {
  /** Length of a visit, minutes (Koper 1995: about 15). */
  minutesPerVisit: number;
  /** Visits to each planned cell a day (College of Policing guidance: at least twice). */
  visitsPerDay: number;
  /** Days a week patrolled. */
  daysPerWeek: number;
  /** Officer hours a week available; null = no budget (every cell given is planned). */
  budgetHoursPerWeek: number | null;
  /** Seed of the random visit order. */
  seed: number;
  /** The data have times of day (police.uk has none): split visits into two 12-hour periods. */
  hasTimes: boolean;
}

export const DEFAULT_PATROL_SETTINGS: PatrolSettings = {
  minutesPerVisit: 15,
  visitsPerDay: 2,
  daysPerWeek: 7,
  budgetHoursPerWeek: null,
  seed: 1,
  hasTimes: false,
};

/** The settings with overrides, checked. @throws {Error} on a value outside its range. */
export function patrolSettings(overrides: Partial<PatrolSettings> = {}): PatrolSettings {
  const s = { ...DEFAULT_PATROL_SETTINGS, ...overrides };
  if (!(s.minutesPerVisit > 0 && Number.isFinite(s.minutesPerVisit))) throw new Error(`patrol: minutesPerVisit = ${s.minutesPerVisit} is not a positive number`);
  for (const k of ['visitsPerDay', 'daysPerWeek'] as const) {
    if (!(Number.isInteger(s[k]) && s[k] >= 1)) throw new Error(`patrol: ${k} = ${s[k]} is not a whole number ≥ 1`);
  }
  if (s.daysPerWeek > 7) throw new Error(`patrol: daysPerWeek = ${s.daysPerWeek} is more than 7`);
  if (s.budgetHoursPerWeek !== null && !(s.budgetHoursPerWeek >= 0 && Number.isFinite(s.budgetHoursPerWeek))) {
    throw new Error(`patrol: budgetHoursPerWeek = ${s.budgetHoursPerWeek} is not a number of hours ≥ 0`);
  }
  if (!Number.isInteger(s.seed)) throw new Error(`patrol: seed = ${s.seed} is not a whole number`);
  return s;
}

/** Officer hours a week one planned cell takes: visits a day × minutes a visit × days a week / 60. */
export function hoursPerCellWeek(s: PatrolSettings): number {
  return (s.visitsPerDay * s.minutesPerVisit * s.daysPerWeek) / 60;
}


/** Fisher-Yates shuffle of a copy, driven by `random`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The resolution of patrol cells: 10 (66 m edge, a street or two) where the data are precise
 * enough to fill it (precision.ts: point records, or an extract whose cells are no larger), else
 * 9; and never finer than the data support (an extract coarser than resolution 9 gets its own
 * finest). Issue 13: "resolution 10 where the data is precise enough, else 9".
 */
export function patrolResolution(p: SpatialPrecision): { resolution: number; reason: string } {
  const finest = p.finestResolution;
  if (finest === null || finest >= 10) return { resolution: 10, reason: 'resolution 10: the data place crimes precisely enough for cells of about 66 m' };
  if (finest === 9) return { resolution: 9, reason: 'resolution 9: the data are counted in cells too large for resolution 10' };
  return { resolution: finest, reason: `resolution ${finest}: the data are counted in cells too large for resolution 9` };
}

/** What is known of one cell, for the reasons and the PAI. */
export interface CellFacts {
  crimes: number;
  harm: number;
  /** Its crime types by harm, largest first (names). */
  topTypes: string[];
}

/** The patrol ranking of the study area: `patrolPlan(...)` of priority-backtest.ts gives it. */
export interface PatrolRanking {
  cells: readonly string[];
  /** Score per cell (same index as `cells`). */
  priority: ArrayLike<number>;
  /** Rank per cell in the whole study area, 1 = first (same index). */
  rank: ArrayLike<number>;
}

export interface PatrolInput {
  /** Cells the plan may use (a site's, a ward's, a drawn area's), at the ranking's resolution. */
  cells: readonly string[];
  ranking: PatrolRanking;
  /** Facts per cell (crimes, harm, types) over the analysed months: for the reasons and the PAI. */
  facts: ReadonlyMap<string, CellFacts>;
  /** The area whose harm the PAI measures (a ward, say): its cells. Default: `cells`. */
  area?: { label: string; cells: readonly string[] };
  settings?: Partial<PatrolSettings>;
}

export interface PatrolCell {
  h3: string;
  /** 1 = patrolled first within this plan. */
  order: number;
  /** Rank in the whole study area (null: the cell is outside it). */
  studyRank: number | null;
  priority: number;
  /** Inside the budget: patrolled. */
  planned: boolean;
  visitsPerDay: number;
  minutesPerVisit: number;
  crimes: number;
  harm: number;
  /** Why this place, in words. */
  why: string;
}

export interface PatrolVisitRound {
  day: number;
  /** 1..visitsPerDay. */
  round: number;
  /** '08:00–20:00' / '20:00–08:00' with times; null without. */
  period: string | null;
  /** The planned cells in this round's random order. */
  cells: string[];
}

export interface AreaCoverage {
  label: string;
  /** Area cells, and the planned ones among them. */
  cells: number;
  plannedCells: number;
  harm: number;
  plannedHarm: number;
  crimes: number;
  plannedCrimes: number;
  /** plannedHarm / harm (null when the area has no harm). */
  harmShare: number | null;
  crimeShare: number | null;
  /** plannedCells / cells. */
  areaShare: number;
  /** (harmShare)/(areaShare), ANALYSIS.md PAI in harm; null when undefined. */
  pai: number | null;
  /** The same in crimes. */
  paiCrimes: number | null;
}

export interface PatrolPlanForResult {
  cells: PatrolCell[];
  /** Officer hours a week of the planned cells. */
  hoursPerWeek: number;
  hoursPerCell: number;
  budgetHoursPerWeek: number | null;
  /** Cells left out for want of budget. */
  overBudget: number;
  schedule: PatrolVisitRound[];
  coverage: AreaCoverage;
  /** Why visits are not tied to hours (null when the data have times). */
  timeNote: string | null;
  settings: PatrolSettings;
  /** The plan in words (one line a point). */
  summary: string[];
}

const int = (x: number) => Math.round(x).toLocaleString('en-GB');
const pc = (x: number) => `${Math.round(x * 100)} %`;
const hours = (x: number) => `${Number(x.toFixed(2)).toLocaleString('en-GB')} hours`;

/**
 * The patrol plan for a set of cells (module comment for the method). Cells are put in priority
 * order; with a budget, the first floor(budget / hours a cell) are planned and the rest listed as
 * over budget. Each round of each day visits the planned cells in a fresh random order.
 *
 * @throws {Error} on bad settings or an empty or duplicated cell list.
 * @example patrolPlanFor({ cells, ranking: patrolPlan(cube, study, filter), facts }).cells[0].why
 */
export function patrolPlanFor(input: PatrolInput): PatrolPlanForResult {
  const s = patrolSettings(input.settings);
  const cells = [...input.cells];
  if (cells.length === 0) throw new Error('patrolPlanFor: no cells to plan');
  if (new Set(cells).size !== cells.length) throw new Error('patrolPlanFor: a cell is listed twice');
  const index = new Map(input.ranking.cells.map((c, i) => [c, i]));
  const score = cells.map((c) => {
    const i = index.get(c);
    return i === undefined ? 0 : input.ranking.priority[i];
  });
  const order = rankCells(cells, score);
  const byOrder = cells.map((c, i) => ({ c, i, o: order[i] })).sort((a, b) => a.o - b.o);
  const perCell = hoursPerCellWeek(s);
  const fit = s.budgetHoursPerWeek === null ? cells.length : Math.min(cells.length, Math.floor(s.budgetHoursPerWeek / perCell + 1e-9));
  const key = rankingKey(score);
  const n = input.ranking.cells.length;
  const planCells: PatrolCell[] = byOrder.map(({ c, i, o }) => {
    const at = index.get(c);
    const f = input.facts.get(c) ?? { crimes: 0, harm: 0, topTypes: [] };
    const studyRank = at === undefined ? null : Number(input.ranking.rank[at]);
    const types = f.topTypes.slice(0, 2).map((t) => t.toLowerCase());
    const why =
      studyRank === null
        ? 'outside the study area: no patrol priority'
        : `priority ${o} here, ${int(studyRank)} of ${int(n)} in the study area (score ${Number(key[i].toPrecision(3))}): ` +
          `${int(f.crimes)} crime${f.crimes === 1 ? '' : 's'}, ${int(f.harm)} harm days${types.length > 0 ? `, mostly ${types.join(' and ')}` : ''}`;
    return {
      h3: c, order: o, studyRank, priority: score[i], planned: o <= fit,
      visitsPerDay: o <= fit ? s.visitsPerDay : 0, minutesPerVisit: s.minutesPerVisit, crimes: f.crimes, harm: f.harm, why,
    };
  });
  const planned = planCells.filter((p) => p.planned).map((p) => p.h3);
  const random = mulberry32(s.seed);
  const schedule: PatrolVisitRound[] = [];
  for (let day = 1; day <= s.daysPerWeek; day++) {
    for (let round = 1; round <= s.visitsPerDay; round++) {
      schedule.push({ day, round, period: s.hasTimes ? (round % 2 === 1 ? '08:00–20:00' : '20:00–08:00') : null, cells: shuffled(planned, random) });
    }
  }
  const coverage = areaCoverage(input.area ?? { label: 'the cells given', cells }, new Set(planned), input.facts);
  const hoursPerWeek = planned.length * perCell;
  const timeNote = s.hasTimes ? null : 'police.uk gives the month of each crime, not its time: visits are spread through the day rather than tied to the busiest hours';
  const summary = [
    `${planned.length} of ${cells.length} cells patrolled, ${s.visitsPerDay} visits a day of ${s.minutesPerVisit} minutes, ${s.daysPerWeek} days a week, each in a random order (Koper 1995)`,
    `${hours(hoursPerWeek)} a week${s.budgetHoursPerWeek === null ? '' : ` of a budget of ${hours(s.budgetHoursPerWeek)}`}${cells.length > planned.length ? `; ${cells.length - planned.length} cells over budget` : ''}`,
    coverage.harmShare === null
      ? `${coverage.label} has no harm in the months analysed`
      : `${pc(coverage.harmShare)} of the harm of ${coverage.label} in ${pc(coverage.areaShare)} of its area${coverage.pai === null ? '' : ` (PAI ${coverage.pai.toFixed(1)})`}`,
    ...(timeNote ? [timeNote] : []),
  ];
  return { cells: planCells, hoursPerWeek, hoursPerCell: perCell, budgetHoursPerWeek: s.budgetHoursPerWeek, overBudget: cells.length - planned.length, schedule, coverage, timeNote, settings: s, summary };
}

/** The PAI of the planned cells within an area (module comment). */
export function areaCoverage(area: { label: string; cells: readonly string[] }, planned: ReadonlySet<string>, facts: ReadonlyMap<string, CellFacts>): AreaCoverage {
  let harm = 0, plannedHarm = 0, crimes = 0, plannedCrimes = 0, plannedCells = 0;
  const unique = [...new Set(area.cells)];
  for (const c of unique) {
    const f = facts.get(c);
    const on = planned.has(c);
    if (on) plannedCells++;
    if (!f) continue;
    harm += f.harm;
    crimes += f.crimes;
    if (on) {
      plannedHarm += f.harm;
      plannedCrimes += f.crimes;
    }
  }
  const areaShare = unique.length > 0 ? plannedCells / unique.length : 0;
  const harmShare = harm > 0 ? plannedHarm / harm : null;
  const crimeShare = crimes > 0 ? plannedCrimes / crimes : null;
  return {
    label: area.label, cells: unique.length, plannedCells, harm, plannedHarm, crimes, plannedCrimes, harmShare, crimeShare, areaShare,
    pai: harmShare !== null && areaShare > 0 ? harmShare / areaShare : null,
    paiCrimes: crimeShare !== null && areaShare > 0 ? crimeShare / areaShare : null,
  };
}

