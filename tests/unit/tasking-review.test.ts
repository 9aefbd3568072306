/**
 * Review of a site under tasking (src/analysis/tasking/review.ts) on a cube built here: every
 * number (windows, harm a month before and since, changes, the difference-in-differences ratios,
 * the borough less the site and ring, the matched cells and the ring) worked out by hand, and
 * each caveat.
 */
import { gridDisk, gridDistance, gridRing } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { areaMonthlyTotals } from '../../src/analysis/area-months';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import { dataCoverage } from '../../src/analysis/coverage';
import type { CrimeCube, CubeFilter } from '../../src/analysis/cube';
import { changeWords, nearestWithoutReplacement, relativeWords, reviewSite, reviewTables } from '../../src/analysis/tasking/review';
import { cubeOfRows, type CubeRow } from './helpers/cube';

const code = (name: string) => ALL_CATEGORIES.indexOf(name);
const VIOLENCE = code('Violence and sexual offences');
const BURGLARY = code('Burglary');
const SHOPLIFTING = code('Shoplifting');
const STOP = code('Stop and search');
/** Made-up weights: violence and burglary 10, stop and search 0 (never counted anyway), others 1. */
const HARM = Float64Array.from(ALL_CATEGORIES, (_, c) => (c === VIOLENCE || c === BURGLARY ? 10 : c === STOP ? 0 : 1));
const ALL = ALL_CATEGORIES.map((_, i) => i);
/** 2025-09 … 2026-04: codes 0..7; a phase from 2026-01 (code 4) has 4 months since and the 4 before. */
const MONTHS = ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
const FILTER: CubeFilter = { monthFrom: 0, monthTo: 7, categories: ALL, area: { kind: 'all' } };
const BOROUGHS = ['E09000001', 'E09000002'];

const A = '8928308280fffff'; // the site
const STUDY = gridDisk(A, 6);
const R = gridRing(A, 1)[0]; // in its ring
const F = gridRing(A, 3)[0]; // outside the ring, borough 0, little harm
const M1 = gridRing(A, 4)[0]; // the site's twin before the phase
const M2 = gridRing(A, 5)[0]; // the same level, rising

function rowsFor(cell: string, byMonth: number[], category: number, borough: number): CubeRow[] {
  return byMonth.flatMap((count, month) => (count > 0 ? [{ cell, month, category, count, borough }] : []));
}

const BASE: CubeRow[] = [
  ...rowsFor(A, [5, 5, 5, 5, 3, 3, 3, 3], VIOLENCE, 0), // 50 a month before, 30 since
  ...rowsFor(A, [2, 0, 0, 0, 0, 0, 0, 2], STOP, 0), // stop and search: never counted
  ...rowsFor(F, [10, 10, 10, 10, 9, 9, 9, 9], SHOPLIFTING, 0), // 10 before, 9 since
  ...rowsFor(M1, [5, 5, 5, 5, 5, 5, 5, 5], VIOLENCE, 0), // 50 throughout
  ...rowsFor(M2, [4, 5, 5, 6, 6, 6, 6, 6], VIOLENCE, 1), // 40, 50, 50, 60: S = 5
];
const cubeWith = (ringBurglary: number[]) =>
  cubeOfRows(STUDY, MONTHS, [...BASE, ...rowsFor(R, ringBurglary, BURGLARY, 0)], { boroughs: BOROUGHS });
const coverageOf = (cube: CrimeCube) => dataCoverage(cube, { boroughs: BOROUGHS });
const tablesOf = (cube: CrimeCube, study: readonly string[]) => reviewTables(cube, FILTER, HARM, study, coverageOf(cube));

describe('the constructed cube', () => {
  it('places the cells where the test says', () => {
    expect([gridDistance(A, R), gridDistance(A, F), gridDistance(A, M1), gridDistance(A, M2)]).toEqual([1, 3, 4, 5]);
    expect(STUDY.length).toBe(127);
  });
  it('reviewTables sums each cell by month, and takes each borough\'s from areaMonthlyTotals; stop and search left out', () => {
    const cube = cubeWith([1, 1, 1, 1, 1, 1, 1, 1]);
    const t = tablesOf(cube, STUDY);
    const T = MONTHS.length;
    const i = t.index.get(A)!;
    expect(Array.from(t.harm.subarray(i * T, i * T + T))).toEqual([50, 50, 50, 50, 30, 30, 30, 30]);
    // Borough 0: A 50|30 + R 10 + F 10|9 + M1 50; every borough-month has data.
    expect(t.boroughMonthly.map((b) => [b.code, b.harm])).toEqual([
      ['E09000001', [120, 120, 120, 120, 99, 99, 99, 99]],
      ['E09000002', [40, 50, 50, 60, 60, 60, 60, 60]],
    ]);
    // One source: the meeting's control-limits table's harm, the same switch of categories.
    expect(t.boroughMonthly).toEqual(areaMonthlyTotals(cube, coverageOf(cube), FILTER.categories, HARM).boroughs);
  });
});

describe('reviewSite: a Hold from 2026-01, 4 months since against the 4 before', () => {
  const tables = tablesOf(cubeWith([1, 1, 1, 1, 1, 1, 1, 1]), STUDY);
  const r = reviewSite(tables, { cells: [A], phase: 'hold', from: '2026-01', boroughNames: new Map([['E09000001', 'Camden']]) });

  it('windows', () => {
    expect(r.data).toEqual(['2025-09', '2026-04']);
    expect(r.sinceWindow).toEqual(['2026-01', '2026-04']);
    expect(r.beforeWindow).toEqual(['2025-09', '2025-12']);
    expect([r.beforeMonths, r.sinceMonths]).toEqual([4, 4]);
    expect(r.matchWindow).toEqual(['2025-09', '2025-12']);
  });
  it('the site: 50 a month before, 30 since, down 40 %; 20 crimes before, 12 since', () => {
    expect(r.site).toMatchObject({ before: 50, since: 30, cells: 1, crimesBefore: 20, crimesSince: 12, relative: null });
    expect(r.site.change).toBeCloseTo(-0.4, 12);
  });
  it('the borough less the site and its ring: F + M1 = 60 before, 59 since', () => {
    expect(r.borough!.code).toBe('E09000001');
    expect([r.borough!.before, r.borough!.since]).toEqual([60, 59]);
    expect(r.borough!.change).toBeCloseTo(59 / 60 - 1, 12);
    expect(r.borough!.relative).toBeCloseTo(0.6 / (59 / 60), 12);
  });
  it('the matched cell is M1 (same mean, same S); its ratio is 0.6', () => {
    expect(r.matched!.cells).toEqual([M1]);
    expect([r.matched!.before, r.matched!.since, r.matched!.change]).toEqual([50, 50, 0]);
    expect(r.matched!.relative).toBeCloseTo(0.6, 12);
    expect([r.matched!.matchHarm, r.matched!.siteMatchHarm]).toEqual([50, 50]);
  });
  it('the ring: every study cell within 2 steps but the site (18), 10 a month both sides', () => {
    expect(r.ring).toMatchObject({ cells: 18, before: 10, since: 10, change: 0 });
    expect(r.ring.relative).toBeCloseTo(0.6, 12);
    expect(r.displacement).toBe(false);
  });
  it('no caveat, and the sentence', () => {
    expect(r.caveats).toEqual([]);
    expect(r.sentence).toBe(
      'Harm in the site fell 40 % since Hold began in 2026-01 (4 months against the 4 before); its borough (Camden) fell 2 %; ' +
        'matched cells held level; the ring held level (no sign of displacement). ' +
        "Against its matched cells, the site's harm is down 40 % (ratio 0.60); against its borough, down 39 % (0.61).",
    );
  });
  it('the same cells in another order give the same review', () => {
    expect(reviewSite(tables, { cells: [A, A], phase: 'hold', from: '2026-01' }).matched!.cells).toEqual([M1]);
  });
});

describe('reviewSite: matching, windows and displacement', () => {
  it('with M1 excluded (another site under tasking) the nearest in standardised mean and S is F, not the rising M2', () => {
    const tables = tablesOf(cubeWith([1, 1, 1, 1, 1, 1, 1, 1]), STUDY);
    const r = reviewSite(tables, { cells: [A], phase: 'hold', from: '2026-01', exclude: [M1] });
    // Pool: 127 − A − 18 ring − M1 = 107 cells; means M2 50, F 10, the rest 0; S: M2 5, the rest 0.
    const n = 107;
    const sd = (xs: number[]) => {
      const m = xs.reduce((a, b) => a + b, 0) / n;
      return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / n + ((n - xs.length) * m * m) / n);
    };
    const sdMean = sd([50, 10]);
    const sdS = sd([5]);
    const dF = (50 - 10) / sdMean; // F: same S (0), mean 40 lower
    const dM2 = 5 / sdS; // M2: same mean, S 5 higher
    expect(dF).toBeLessThan(dM2);
    expect(r.matched!.cells).toEqual([F]);
    expect([r.matched!.before, r.matched!.since]).toEqual([10, 9]);
  });

  it('a phase from 2025-11: 6 months since, only the 2 before (data start 2025-09)', () => {
    const r = reviewSite(tablesOf(cubeWith([1, 1, 1, 1, 1, 1, 1, 1]), STUDY), { cells: [A], phase: 'clear', from: '2025-11' });
    expect([r.beforeMonths, r.sinceMonths]).toEqual([2, 6]);
    expect(r.beforeWindow).toEqual(['2025-09', '2025-10']);
    expect(r.site.before).toBe(50);
    expect(r.site.since).toBeCloseTo((50 + 50 + 4 * 30) / 6, 12);
    expect(r.sentence).toMatch(/^Harm in the site fell 27 % since Clear began in 2025-11 \(6 months against the 2 before\)/);
  });

  it('the ring doubling while the site falls 40 % is possible displacement', () => {
    const r = reviewSite(tablesOf(cubeWith([1, 1, 1, 1, 2, 2, 2, 2]), STUDY), { cells: [A], phase: 'hold', from: '2026-01' });
    expect(r.ring).toMatchObject({ before: 10, since: 20, change: 1 });
    expect(r.displacement).toBe(true);
    expect(r.sentence).toContain('the ring rose 100 % (possible displacement)');
  });
});

describe('reviewSite: caveats', () => {
  const tables = tablesOf(cubeWith([1, 1, 1, 1, 1, 1, 1, 1]), STUDY);

  it('a phase from after the data: no data since, and the sentence says only that', () => {
    const r = reviewSite(tables, { cells: [A], phase: 'hold', from: '2026-05' });
    expect([r.beforeMonths, r.sinceMonths, r.sinceWindow, r.beforeWindow]).toEqual([0, 0, null, null]);
    expect(r.caveats.map((c) => c.kind)).toEqual(['no-data-since']);
    expect(r.sentence).toBe('No data since the phase began (data ends 2026-04).');
    expect(r.displacement).toBeNull();
  });

  it('a phase from the first month of the data: nothing before', () => {
    const r = reviewSite(tables, { cells: [A], phase: 'hold', from: '2025-09' });
    expect([r.beforeMonths, r.sinceMonths]).toEqual([0, 8]);
    expect(r.sentence).toBe('No data before the phase began (data start 2025-09): nothing to compare with.');
  });

  it('2 months since (from 2026-03) is too short, and 6 crimes since are too few', () => {
    const r = reviewSite(tables, { cells: [A], phase: 'build', from: '2026-03' });
    expect([r.beforeMonths, r.sinceMonths]).toEqual([2, 2]);
    expect([r.site.before, r.site.since, r.site.crimesBefore, r.site.crimesSince]).toEqual([30, 30, 6, 6]);
    expect(r.caveats.map((c) => c.text)).toEqual([
      'Too short to say: only 2 months of data since the phase began (data ends 2026-04); at least 3 are needed',
      'Too few crimes to say: 6 before and 6 since (fewer than 10 on a side, a change that may be chance)',
    ]);
    expect(r.sentence).toMatch(/^Harm in the site held level since Build began in 2026-03/);
  });

  it('3 months since with enough crimes has no caveat (the edges are inclusive)', () => {
    const cube = cubeOfRows(STUDY, MONTHS, rowsFor(A, [0, 0, 10, 10, 10, 10, 10, 10], SHOPLIFTING, 0), { boroughs: BOROUGHS });
    const r = reviewSite(tablesOf(cube, STUDY), { cells: [A], phase: 'hold', from: '2026-02' });
    expect([r.sinceMonths, r.site.crimesBefore, r.site.crimesSince]).toEqual([3, 30, 30]);
    expect(r.caveats).toEqual([]);
  });

  it('a study area of only the site and its ring leaves no comparison cells', () => {
    const small = gridDisk(A, 2);
    const r = reviewSite(tablesOf(cubeWith([1, 1, 1, 1, 1, 1, 1, 1]), small), { cells: [A], phase: 'hold', from: '2026-01' });
    expect(r.matched).toBeNull();
    expect(r.caveats.map((c) => c.text)).toEqual(["Too few comparison cells: 0 matched for the site's 1 (cells not next to the site or under tasking)"]);
    expect(r.sentence).not.toContain('matched');
  });

  it('a site of two cells with one candidate left matches one: too few comparison cells', () => {
    const small = [...gridDisk(A, 2), ...gridDisk(R, 2), M1];
    const r = reviewSite(tablesOf(cubeWith([1, 1, 1, 1, 1, 1, 1, 1]), small), { cells: [A, R], phase: 'hold', from: '2026-01' });
    expect(r.matched!.cells).toEqual([M1]);
    expect(r.caveats.map((c) => c.kind)).toEqual(['few-comparison-cells']);
  });

  it('a site with crimes in no borough has no borough to compare with', () => {
    const cube = cubeOfRows(STUDY, MONTHS, rowsFor(A, [5, 5, 5, 5, 3, 3, 3, 3], VIOLENCE, -1), { boroughs: BOROUGHS });
    const r = reviewSite(tablesOf(cube, STUDY), { cells: [A], phase: 'hold', from: '2026-01' });
    expect(r.borough).toBeNull();
    expect(r.caveats.map((c) => c.kind)).toEqual(['no-borough']);
  });

  it('refuses a malformed month, no cells, or a cell outside the study area', () => {
    expect(() => reviewSite(tables, { cells: [A], phase: 'hold', from: '2026-13' })).toThrow(/not YYYY-MM/);
    expect(() => reviewSite(tables, { cells: [], phase: 'hold', from: '2026-01' })).toThrow(/at least one cell/);
    expect(() => reviewSite(tables, { cells: [gridRing(A, 9)[0]], phase: 'hold', from: '2026-01' })).toThrow(/outside the study area/);
  });
});

describe('reviewSite: months in which the site\'s borough has no data', () => {
  /** Borough 0 (the site's) has no rows in the given months; borough 1 (M2) keeps its own, so those months have data elsewhere. */
  const cubeWithout = (gaps: number[], rows: CubeRow[] = [...BASE, ...rowsFor(R, [1, 1, 1, 1, 1, 1, 1, 1], BURGLARY, 0)]) =>
    cubeOfRows(STUDY, MONTHS, rows.filter((r) => !(r.borough === 0 && gaps.includes(r.month))), { boroughs: BOROUGHS });

  it('the coverage says so, and the borough\'s monthly harm is null there', () => {
    const cube = cubeWithout([2, 6]);
    const t = tablesOf(cube, STUDY);
    expect(t.boroughMonthly[0].harm).toEqual([120, 120, null, 120, 99, 99, null, 99]);
    expect(t.boroughMonthly[1].harm).toEqual([40, 50, 50, 60, 60, 60, 60, 60]);
  });

  it('2025-11 and 2026-03 are left out of every mean (not read as zero) and the caveat says which and why', () => {
    const r = reviewSite(tablesOf(cubeWithout([2, 6]), STUDY), { cells: [A], phase: 'hold', from: '2026-01', boroughNames: new Map([['E09000001', 'Camden']]) });
    expect([r.beforeWindow, r.sinceWindow, r.beforeMonths, r.sinceMonths]).toEqual([['2025-09', '2025-12'], ['2026-01', '2026-04'], 3, 3]);
    expect(r.monthsLeftOut).toEqual(['2025-11', '2026-03']);
    // Read as zero, the site would have 37.5 before and 22.5 since; over the months with data, as without the gaps.
    expect(r.site).toMatchObject({ before: 50, since: 30, crimesBefore: 15, crimesSince: 9 });
    expect(r.site.change).toBeCloseTo(-0.4, 12);
    expect([r.borough!.code, r.borough!.before, r.borough!.since]).toEqual(['E09000001', 60, 59]);
    expect(r.borough!.relative).toBeCloseTo(0.6 / (59 / 60), 12);
    expect(r.matched!.cells).toEqual([M1]);
    expect([r.matched!.before, r.matched!.since, r.matched!.matchHarm, r.matched!.siteMatchHarm]).toEqual([50, 50, 50, 50]);
    expect(r.ring).toMatchObject({ cells: 18, before: 10, since: 10, change: 0 });
    expect(r.displacement).toBe(false);
    expect(r.caveats.map((c) => c.text)).toEqual([
      "Months without data left out: 2025-11 and 2026-03 (the site's borough, Camden, has no data in those months; read as none they would look like a fall in crime), " +
        'so the site, its borough, matched cells and ring are all compared over the other months',
      'Too few crimes to say: 15 before and 9 since (fewer than 10 on a side, a change that may be chance)',
    ]);
    expect(r.sentence).toMatch(/^Harm in the site fell 40 % since Hold began in 2026-01 \(3 months against the 3 before\); its borough \(Camden\) fell 2 %; matched cells held level;/);
  });

  it('a run of months is named as one span', () => {
    const r = reviewSite(tablesOf(cubeWithout([1, 2, 6]), STUDY), { cells: [A], phase: 'hold', from: '2026-01' });
    expect(r.monthsLeftOut).toEqual(['2025-10', '2025-11', '2026-03']);
    expect(r.caveats[0].text).toMatch(/^Months without data left out: 2025-10 – 2025-11 and 2026-03 \(the site's borough has no data in those months;/);
    expect([r.site.before, r.site.since, r.beforeMonths, r.sinceMonths]).toEqual([50, 30, 2, 3]);
  });

  it('every month since without data: no data since, which is the sentence', () => {
    const r = reviewSite(tablesOf(cubeWithout([7]), STUDY), { cells: [A], phase: 'hold', from: '2026-04' });
    expect([r.beforeMonths, r.sinceMonths, r.monthsLeftOut]).toEqual([1, 0, ['2026-04']]);
    expect(r.caveats.map((c) => c.kind)).toEqual(['no-data-since', 'months-without-data']);
    expect(r.sentence).toBe("No data since the phase began (the site's borough has no data in 2026-04).");
    expect(r.displacement).toBeNull();
  });

  it('every month before without data: no data before', () => {
    const r = reviewSite(tablesOf(cubeWithout([2, 3]), STUDY), { cells: [A], phase: 'hold', from: '2026-02' });
    // Since 2026-02 – 2026-04 (3 months), before 2025-11 – 2026-01, of which only 2026-01 has data.
    expect([r.beforeMonths, r.sinceMonths]).toEqual([1, 3]);
    expect(r.caveats.map((c) => c.kind)).not.toContain('no-data-before');
    const empty = reviewSite(tablesOf(cubeWithout([6]), STUDY), { cells: [A], phase: 'hold', from: '2026-04' });
    expect([empty.beforeMonths, empty.sinceMonths]).toEqual([0, 1]);
    expect(empty.sentence).toBe("No data before the phase began (the site's borough has no data in 2026-03): nothing to compare with.");
  });

  it('a site in no borough leaves out the months in which no data was loaded at all', () => {
    const rows = [...rowsFor(A, [5, 5, 5, 5, 3, 3, 3, 3], VIOLENCE, -1), ...rowsFor(M1, [5, 5, 5, 5, 5, 5, 5, 5], VIOLENCE, 0)];
    const cube = cubeOfRows(STUDY, MONTHS, rows.filter((r) => r.month !== 5), { boroughs: BOROUGHS });
    const r = reviewSite(tablesOf(cube, STUDY), { cells: [A], phase: 'hold', from: '2026-01' });
    expect(r.borough).toBeNull();
    expect([r.site.before, r.site.since, r.sinceMonths, r.monthsLeftOut]).toEqual([50, 30, 3, ['2026-02']]);
    expect(r.caveats[0].text).toMatch(/^Months without data left out: 2026-02 \(no data was loaded for that month;/);
  });
});

describe('nearestWithoutReplacement', () => {
  /** The plain greedy: every unused candidate measured, the first of equal distances kept. */
  function naive(xs: Float64Array, ys: Float64Array, targets: (readonly [number, number])[]): number[] {
    const used = new Set<number>();
    const out: number[] = [];
    for (const [x, y] of targets) {
      let best = -1;
      let bestD = Infinity;
      for (let k = 0; k < xs.length; k++) {
        const d = (xs[k] - x) ** 2 + (ys[k] - y) ** 2;
        if (!used.has(k) && d < bestD) [best, bestD] = [k, d];
      }
      if (best < 0) break;
      used.add(best);
      out.push(best);
    }
    return out;
  }
  it('chooses as the plain greedy does, ties to the smaller index, on many seeded pools (whole coordinates, so ties abound)', () => {
    let seed = 7;
    const rnd = (m: number) => (seed = (seed * 16807) % 2147483647) % m;
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + rnd(40);
      const xs = Float64Array.from({ length: n }, () => rnd(6) - 3);
      const ys = Float64Array.from({ length: n }, () => rnd(6) - 3);
      const targets = Array.from({ length: 1 + rnd(n + 3) }, () => [rnd(9) - 4, rnd(9) - 4] as const);
      expect(nearestWithoutReplacement(xs, ys, targets)).toEqual(naive(xs, ys, targets));
    }
  });
  it('a hand-worked case: the nearer first, then the next; a tie goes to the smaller index', () => {
    const xs = Float64Array.from([0, 2, 2, 5]);
    const ys = Float64Array.from([0, 1, -1, 0]);
    // (2, 0): candidates 1 and 2 both at distance 1; 1 wins. Then 2. Then (0, 0) takes 0.
    expect(nearestWithoutReplacement(xs, ys, [[2, 0], [2, 0], [0, 0], [9, 9], [9, 9]])).toEqual([1, 2, 0, 3]);
  });
});

describe('words', () => {
  it('changes and ratios', () => {
    expect([changeWords(-0.324), changeWords(0.03), changeWords(0.004), changeWords(null, 5), changeWords(null, 0)]).toEqual([
      'fell 32 %',
      'rose 3 %',
      'held level',
      'rose from none',
      'had none before or since',
    ]);
    expect([relativeWords(0.66), relativeWords(1.2), relativeWords(1.001)]).toEqual(['down 34 %', 'up 20 %', 'no different']);
  });
});
