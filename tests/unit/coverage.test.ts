import { describe, expect, it } from 'vitest';
import type { CrimeCube } from '../../src/analysis/cube';
import { COVERAGE_THRESHOLDS, dataCoverage, gapsWithin, latestRun, noDataBoroughs } from '../../src/analysis/coverage';
import { coverageView, withDefaultWindow } from '../../src/state/coverage-view';

/** counts[b][t] crimes of borough b in month t, in one cell and category (coverage reads only borough, month, category). */
function cubeOf(boroughs: string[], months: string[], counts: number[][], extra: { month: number; category: number; count: number }[] = []): CrimeCube {
  const rows: { month: number; borough: number; category: number; count: number }[] = [];
  counts.forEach((series, b) => series.forEach((count, month) => count > 0 && rows.push({ month, borough: b, category: 0, count })));
  for (const e of extra) rows.push({ month: e.month, borough: -1, category: e.category, count: e.count });
  return {
    resolution: 9,
    cells: ['89194ad14d3ffff'],
    months,
    categories: ['Burglary', 'Stop and search'],
    wards: [],
    boroughs,
    boroughBcu: boroughs.map(() => null),
    cell: new Int32Array(rows.length),
    month: Uint16Array.from(rows, (r) => r.month),
    category: Uint8Array.from(rows, (r) => r.category),
    ward: new Int16Array(rows.length).fill(-1),
    borough: Int16Array.from(rows, (r) => r.borough),
    count: Int32Array.from(rows, (r) => r.count),
    cellStart: Int32Array.from([0, rows.length]),
  };
}

const at = (cov: ReturnType<typeof dataCoverage>, borough: string, t: number) =>
  cov.hasData[cov.boroughs.indexOf(borough) * cov.months.length + t];

// Hand-worked fixture: four boroughs over four months.
//            M0   M1   M2   M3     month totals 301, 301, 206, 201 (median 253.5: every month has data)
//   A       100  100  100  100     shares .332 .332 .485 .498: usual (median) .332
//   B       100  100    5  100     shares .332 .332 .024 .498: usual .332; M2 .024 < 10 % × .332 = .0332
//   C         1    1    1    1     usual .0033 < 10 % of an even split (1/4) = .025: spill-over only
//   D       100  100  100    0     M3: no crime
const MONTHS4 = ['2020-01', '2020-02', '2020-03', '2020-04'];
const HAND = cubeOf(['A', 'B', 'C', 'D'], MONTHS4, [
  [100, 100, 100, 100],
  [100, 100, 5, 100],
  [1, 1, 1, 1],
  [100, 100, 100, 0],
]);

describe('dataCoverage(cube)', () => {
  it('thresholds are 10 % and exported', () => {
    expect(COVERAGE_THRESHOLDS).toEqual({ boroughShareOfEven: 0.1, boroughMonthShareOfUsual: 0.1, monthShareOfMedian: 0.1 });
  });

  it('sums crimes per borough-month and per month', () => {
    const cov = dataCoverage(HAND);
    expect(Array.from(cov.monthCrimes)).toEqual([301, 301, 206, 201]);
    expect(Array.from(cov.crimes.subarray(4, 8))).toEqual([100, 100, 5, 100]); // B
  });

  it('a borough-month far below the borough\'s usual share, or with no crime, has no data', () => {
    const cov = dataCoverage(HAND);
    expect([0, 1, 2, 3].map((t) => at(cov, 'A', t))).toEqual([1, 1, 1, 1]);
    expect([0, 1, 2, 3].map((t) => at(cov, 'B', t))).toEqual([1, 1, 0, 1]);
    expect([0, 1, 2, 3].map((t) => at(cov, 'D', t))).toEqual([1, 1, 1, 0]);
  });

  it('a borough with only spill-over crimes (below 10 % of an even split) has no data in any month', () => {
    const cov = dataCoverage(HAND);
    expect([0, 1, 2, 3].map((t) => at(cov, 'C', t))).toEqual([0, 0, 0, 0]);
  });

  it('boroughs asked for but absent from the cube have no data; they count in the even split', () => {
    const cov = dataCoverage(HAND, { boroughs: ['A', 'E'] });
    expect(cov.boroughs).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect([0, 1, 2, 3].map((t) => at(cov, 'E', t))).toEqual([0, 0, 0, 0]);
  });

  it('thresholds can be changed: at 1 % of the usual share, B\'s 5 crimes in M2 count as data', () => {
    // 5/206 = .0243 ≥ 1 % × .332 = .00332
    const cov = dataCoverage(HAND, { thresholds: { boroughMonthShareOfUsual: 0.01 } });
    expect(at(cov, 'B', 2)).toBe(1);
  });

  it('rejects a threshold outside 0..1', () => {
    expect(() => dataCoverage(HAND, { thresholds: { monthShareOfMedian: 2 } })).toThrow(/monthShareOfMedian/);
    expect(() => dataCoverage(HAND, { thresholds: { boroughShareOfEven: Number.NaN } })).toThrow(/boroughShareOfEven/);
  });

  it('stop-and-search records are not crimes: they give no month or borough data', () => {
    // Month 1 holds only 500 stop-and-search records outside every borough.
    const cube = cubeOf(['A'], ['2020-01', '2020-02', '2020-03'], [[50, 0, 50]], [{ month: 1, category: 1, count: 500 }]);
    const cov = dataCoverage(cube);
    expect(Array.from(cov.monthCrimes)).toEqual([50, 0, 50]);
    expect(Array.from(cov.monthHasData)).toEqual([1, 0, 1]);
  });
});

// Twelve full months, then 55 empty ones, then a small sample month (the 2023 file):
// months 0..11 hold 1,000 crimes each, 12..66 none, 67 holds 40 (< 10 % of the 1,000 median).
const MONTHS68 = Array.from({ length: 68 }, (_, i) => {
  const n = 2017 * 12 + 5 + i; // 2017-06 + i
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
});
const GAPPY = cubeOf(['A', 'B'], MONTHS68, [
  MONTHS68.map((_, t) => (t < 12 ? 600 : t === 67 ? 40 : 0)),
  MONTHS68.map((_, t) => (t < 12 ? 400 : 0)),
]);

describe('month runs and gaps', () => {
  it('months with no crime, or under 10 % of the median month, are gaps; runs are the rest', () => {
    const cov = dataCoverage(GAPPY);
    expect(MONTHS68[0]).toBe('2017-06');
    expect(MONTHS68[67]).toBe('2023-01');
    expect(cov.runs).toEqual([{ from: 0, to: 11 }]);
    expect(latestRun(cov)).toEqual({ from: 0, to: 11 });
    expect(gapsWithin(cov, 0, 67)).toEqual([{ from: 12, to: 67 }]);
  });

  it('a full month after the gap is a run of its own, and the latest', () => {
    const cube = cubeOf(['A'], MONTHS68, [MONTHS68.map((_, t) => (t < 12 || t === 67 ? 1000 : 0))]);
    const cov = dataCoverage(cube);
    expect(cov.runs).toEqual([{ from: 0, to: 11 }, { from: 67, to: 67 }]);
    expect(latestRun(cov)).toEqual({ from: 67, to: 67 });
    expect(gapsWithin(cov, 5, 20)).toEqual([{ from: 12, to: 20 }]);
  });

  it('no crime at all: no run', () => {
    const cov = dataCoverage(cubeOf(['A'], MONTHS4, [[0, 0, 0, 0]]));
    expect(cov.runs).toEqual([]);
    expect(latestRun(cov)).toBeNull();
  });
});

describe('noDataBoroughs(coverage, from, to)', () => {
  const cov = dataCoverage(HAND, { boroughs: ['E'] });
  it('lists boroughs lacking data in any month of the window', () => {
    expect(noDataBoroughs(cov, 0, 1)).toEqual(['C', 'E']);
    expect(noDataBoroughs(cov, 0, 3)).toEqual(['B', 'C', 'D', 'E']);
    expect(noDataBoroughs(cov, 2, 2)).toEqual(['B', 'C', 'E']);
  });

  it('does not hold gap months against a borough', () => {
    const gappy = dataCoverage(GAPPY);
    expect(noDataBoroughs(gappy, 0, 67)).toEqual([]);
    expect(noDataBoroughs(gappy, 20, 30)).toEqual([]);
  });
});

describe('the app\'s default window (coverage-view)', () => {
  const filter = { monthFrom: 0, monthTo: 67, categories: [0], area: { kind: 'all' as const } };
  const cov = dataCoverage(GAPPY);

  it('with no months chosen and a gap in the data, analyses the latest run of months with data', () => {
    const f = withDefaultWindow(filter, { from: null, to: null }, cov);
    expect([f.monthFrom, f.monthTo]).toEqual([0, 11]);
    const v = coverageView(cov, f, { from: null, to: null });
    expect(v.latestRunDefault).toBe(true);
    expect(v.gaps).toEqual([{ from: 12, to: 67 }]);
    expect(v.gapsInWindow).toEqual([]);
  });

  it('months the user chose are kept, and the gap inside them reported', () => {
    const f = withDefaultWindow(filter, { from: '2017-06', to: '2023-01' }, cov);
    expect([f.monthFrom, f.monthTo]).toEqual([0, 67]);
    const v = coverageView(cov, f, { from: '2017-06', to: '2023-01' });
    expect(v.latestRunDefault).toBe(false);
    expect(v.gapsInWindow).toEqual([{ from: 12, to: 67 }]);
  });

  it('with one end chosen, the other stops at the edge of the months with data', () => {
    // From 2017-09 (code 3): to the last month with data, 2018-05 (code 11), not 2023-01.
    const from = withDefaultWindow({ ...filter, monthFrom: 3 }, { from: '2017-09', to: null }, cov);
    expect([from.monthFrom, from.monthTo]).toEqual([3, 11]);
    // To 2018-02 (code 8): from the start of its run, 2017-06.
    const to = withDefaultWindow({ ...filter, monthTo: 8 }, { from: null, to: '2018-02' }, cov);
    expect([to.monthFrom, to.monthTo]).toEqual([0, 8]);
    // From a month after the last data: left as chosen (the gap is then reported).
    const late = withDefaultWindow({ ...filter, monthFrom: 20 }, { from: '2019-02', to: null }, cov);
    expect([late.monthFrom, late.monthTo]).toEqual([20, 67]);
    // Two runs: to a month in the second run starts at that run.
    const two = dataCoverage(cubeOf(['A'], MONTHS68, [MONTHS68.map((_, t) => (t < 12 || t >= 60 ? 1000 : 0))]));
    const second = withDefaultWindow({ ...filter, monthTo: 64 }, { from: null, to: '2022-10' }, two);
    expect([second.monthFrom, second.monthTo]).toEqual([60, 64]);
  });

  it('data without a gap keeps all its months', () => {
    const f = withDefaultWindow({ ...filter, monthTo: 3 }, { from: null, to: null }, dataCoverage(HAND));
    expect([f.monthFrom, f.monthTo]).toEqual([0, 3]);
  });
});
