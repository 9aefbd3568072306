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

/** A cell id short enough to read out (H3's last 7 digits differ between neighbours). */
export const shortCell = (h3: string) => `…${h3.slice(-7)}`;
