import { describe, expect, it } from 'vitest';
import { areaMonthlyTotals } from '../../src/analysis/area-months';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import { dataCoverage } from '../../src/analysis/coverage';
import { cubeOfRows } from './helpers/cube';

const BURGLARY = ALL_CATEGORIES.indexOf('Burglary');
const ROBBERY = ALL_CATEGORIES.indexOf('Robbery');
const SS = ALL_CATEGORIES.indexOf('Stop and search');
const weights = Float64Array.from(ALL_CATEGORIES, (c) => (c === 'Burglary' ? 2 : c === 'Robbery' ? 10 : 1));
const months = ['2026-01', '2026-02', '2026-03'];

// Three boroughs: X and Y in BCU "N", Z with no BCU (as the City). Y has no crime in 2026-02
// (no data), so BCU N has no data that month either.
const cube = cubeOfRows(
  ['c1', 'c2', 'c3'],
  months,
  [
    ...[0, 1, 2].flatMap((t) => [
      { cell: 'c1', month: t, category: BURGLARY, count: 50, borough: 0 },
      { cell: 'c1', month: t, category: ROBBERY, count: 5, borough: 0 },
      { cell: 'c3', month: t, category: BURGLARY, count: 40, borough: 2 },
      { cell: 'c1', month: t, category: SS, count: 99, borough: 0 },
    ]),
    { cell: 'c2', month: 0, category: BURGLARY, count: 30, borough: 1 },
    { cell: 'c2', month: 2, category: BURGLARY, count: 35, borough: 1 },
    // Outside every borough: counted nowhere.
    { cell: 'c2', month: 1, category: BURGLARY, count: 7, borough: -1 },
  ],
  { boroughs: ['X', 'Y', 'Z'], boroughBcu: ['N', 'N', null] },
);

describe('monthly crimes and harm per borough and BCU', () => {
  const cov = dataCoverage(cube);
  const all = ALL_CATEGORIES.map((_, i) => i);

  it('counts by the crimes\' own borough, never stop and search, and leaves months without data null', () => {
    const r = areaMonthlyTotals(cube, cov, all, weights);
    const x = r.boroughs.find((b) => b.code === 'X')!;
    expect(x.crimes).toEqual([55, 55, 55]);
    // 50 × 2 + 5 × 10 = 150 harm days a month.
    expect(x.harm).toEqual([150, 150, 150]);
    expect(r.boroughs.find((b) => b.code === 'Y')!.crimes).toEqual([30, null, 35]);
    expect(r.boroughs.find((b) => b.code === 'Z')!.crimes).toEqual([40, 40, 40]);
  });

  it('a BCU is the sum of its boroughs, and has no data when one of them has none', () => {
    const r = areaMonthlyTotals(cube, cov, all, weights);
    expect(r.bcus.map((b) => b.code)).toEqual(['N']);
    expect(r.bcus[0].crimes).toEqual([85, null, 90]);
    expect(r.bcus[0].harm).toEqual([210, null, 220]);
  });

  it('counts only the chosen crime types (a zero there is a real zero)', () => {
    const r = areaMonthlyTotals(cube, cov, [ROBBERY], weights);
    expect(r.boroughs.find((b) => b.code === 'X')!.crimes).toEqual([5, 5, 5]);
    expect(r.boroughs.find((b) => b.code === 'Z')!.crimes).toEqual([0, 0, 0]);
  });

  it('refuses a coverage of other months', () => {
    const other = dataCoverage(cubeOfRows(['c1'], ['2025-01'], [], { boroughs: ['X'] }));
    expect(() => areaMonthlyTotals(cube, other, all, weights)).toThrow(/areaMonthlyTotals/);
  });
});
