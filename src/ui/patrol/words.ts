/** Small pieces of wording shared by the patrol panel and its printed mission sheet. */
import type { CrimeCube, CubeFilter } from '../../analysis/cube';
import type { PatrolVisitRound } from '../../analysis/tasking/patrol';

export const hoursText = (x: number) => `${Number(x.toFixed(2)).toLocaleString('en-GB')} h`;

/** The analysed months in words ("2025-05 to 2026-04"). */
export function periodWords(cube: CrimeCube | null, f: CubeFilter | null): string {
  if (!cube || !f || f.monthTo < f.monthFrom) return '';
  return f.monthFrom === f.monthTo ? cube.months[f.monthTo] : `${cube.months[f.monthFrom]} to ${cube.months[f.monthTo]}`;
}

/** One round of visits as the patrol orders of its cells in their random order ("3 → 1 → 2"). */
export function roundWords(round: PatrolVisitRound, orderOf: ReadonlyMap<string, number>): string {
  return round.cells.map((c) => String(orderOf.get(c) ?? '?')).join(' → ');
}

/** A visit round's day of the week ("Mon" for day 1, 8, …). */
export const dayName = (day: number) => ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'][(day - 1) % 7];

/** The schedule's rounds grouped by day, days in the schedule's order. */
export function roundsByDay(schedule: readonly PatrolVisitRound[]): [number, PatrolVisitRound[]][] {
  const byDay = new Map<number, PatrolVisitRound[]>();
  for (const r of schedule) byDay.set(r.day, [...(byDay.get(r.day) ?? []), r]);
  return [...byDay.entries()];
}

/** A cell id short enough to read out (H3's last 7 digits differ between neighbours). */
export const shortCell = (h3: string) => `…${h3.slice(-7)}`;
