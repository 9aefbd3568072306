/**
 * Crimes and harm per borough and per BCU, month by month, over the whole cube (issue 14,
 * item 3: the meeting's "this month against last, with control limits" table). Pure.
 *
 * Crimes are placed by their own point's borough (the cube's borough, as the borough filter
 * places them), BCUs are the sums of their boroughs (the cube's `boroughBcu`; the City of London
 * has none). Zero crimes where nothing was loaded is not "no crime" (src/analysis/coverage.ts):
 * a borough-month without data is null, and a BCU-month is null when any of its boroughs has no
 * data that month, since the sum would then read low for want of data. Stop-and-search records
 * are not crimes and are never counted.
 */
import type { DataCoverage } from './coverage';
import { crimeCategorySwitch, type CrimeCube } from './cube';

export interface AreaMonthly {
  /** Borough (E09…) or BCU code. */
  code: string;
  /** Crimes per month of the cube (index = month code); null = no data. */
  crimes: (number | null)[];
  /** Harm (the weights' units, CHI days) per month; null = no data. */
  harm: (number | null)[];
}

export interface AreaMonthlyTotals {
  months: readonly string[];
  boroughs: AreaMonthly[];
  bcus: AreaMonthly[];
}

/**
 * Monthly crimes and harm per borough and BCU.
 *
 * @param coverage - `dataCoverage(cube, …)`: which borough-months have data.
 * @param categories - Category codes counted (the view's crime types); stop and search is skipped.
 * @param harmWeights - Harm per category code.
 * @throws {Error} when the coverage is not of this cube's months.
 * @example areaMonthlyTotals(cube, dataCoverage(cube), [0, 1, 2], harmWeights).boroughs[0].crimes // [120, 131, null, …]
 */
export function areaMonthlyTotals(cube: CrimeCube, coverage: DataCoverage, categories: readonly number[], harmWeights: ArrayLike<number>): AreaMonthlyTotals {
  const T = cube.months.length;
  if (coverage.months.length !== T || coverage.months.some((m, i) => m !== cube.months[i])) {
    throw new Error('areaMonthlyTotals: the coverage is of other months than the cube');
  }
  const B = cube.boroughs.length;
  const on = crimeCategorySwitch(cube, categories);
  const crimes = new Float64Array(B * T);
  const harm = new Float64Array(B * T);
  for (let i = 0; i < cube.count.length; i++) {
    const b = cube.borough[i];
    if (b < 0 || on[cube.category[i]] === 0) continue;
    const k = cube.count[i];
    crimes[b * T + cube.month[i]] += k;
    harm[b * T + cube.month[i]] += k * harmWeights[cube.category[i]];
  }
  // The coverage lists the cube's boroughs first, in the cube's order.
  const covIndex = new Map(coverage.boroughs.map((code, i) => [code, i]));
  const hasData = (b: number, t: number) => {
    const j = covIndex.get(cube.boroughs[b]);
    return j !== undefined && coverage.hasData[j * T + t] === 1;
  };
  const boroughs: AreaMonthly[] = cube.boroughs.map((code, b) => ({
    code,
    crimes: Array.from({ length: T }, (_, t) => (hasData(b, t) ? crimes[b * T + t] : null)),
    harm: Array.from({ length: T }, (_, t) => (hasData(b, t) ? harm[b * T + t] : null)),
  }));
  const members = new Map<string, number[]>();
  cube.boroughBcu.forEach((bcu, b) => {
    if (bcu !== null) members.set(bcu, [...(members.get(bcu) ?? []), b]);
  });
  const bcus: AreaMonthly[] = [...members.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([code, bs]) => {
      const sum = (values: Float64Array, t: number) => (bs.every((b) => hasData(b, t)) ? bs.reduce((a, b) => a + values[b * T + t], 0) : null);
      return { code, crimes: Array.from({ length: T }, (_, t) => sum(crimes, t)), harm: Array.from({ length: T }, (_, t) => sum(harm, t)) };
    });
  return { months: cube.months, boroughs, bcus };
}
