import type { Feature, Polygon } from 'geojson';
import { gridDisk, polygonToCells } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { cubeOfRows } from './helpers/cube';
import { accuracyReport, type AccuracyOptions, FORECAST_MEASURES } from '../../src/analysis/accuracy-report.ts';
import { categoryCode, CRIME_CATEGORIES, STOP_AND_SEARCH } from '../../src/analysis/categories.ts';
import { harmWeightVector } from '../../src/analysis/harm.ts';
import { buildStudyArea } from '../../src/analysis/hotspots.ts';

// -- Fixture made here -------------------------------------------------------------------

/** About 2 km × 1.9 km around Trafalgar Square: 40 cells at resolution 9. */
const RING: Polygon['coordinates'][number] = [[-0.145, 51.5], [-0.116, 51.5], [-0.116, 51.517], [-0.145, 51.517], [-0.145, 51.5]];
const AREA: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [RING] } };
const STUDY = buildStudyArea([AREA], 9);
/** The study cells, sorted: C[i] is study cell i. */
const C = polygonToCells([RING], 9, true).sort();
/** A cell next to the area but outside it. */
const OUTSIDE = gridDisk(C[0], 1).find((c) => !C.includes(c))!;

const code = (name: string) => categoryCode(name);
const ROBBERY = code('Robbery');
const SHOPLIFTING = code('Shoplifting');
const BURGLARY = code('Burglary');
const VIOLENCE = code('Violence and sexual offences');
const ASB = code('Anti-social behaviour');
const DRUGS = code('Drugs');
const VEHICLE = code('Vehicle crime');
const THEFT = code('Other theft');
const STOP = code(STOP_AND_SEARCH);

/**
 * Harm weights of the shipped table (data/harm-weights.json, pinned in harm.test.ts), written
 * here so that the hand-worked numbers below do not move if the table does.
 */
const HARM = harmWeightVector({
  'Anti-social behaviour': 1, 'Bicycle theft': 2, Burglary: 240, 'Criminal damage and arson': 10, Drugs: 4,
  'Other crime': 10, 'Other theft': 2, 'Possession of weapons': 274, 'Public order': 7.5, Robbery: 365,
  Shoplifting: 1, 'Theft from the person': 2, 'Vehicle crime': 5, 'Violence and sexual offences': 190,
});

interface Row {
  cell: string;
  month: number;
  category: number;
  count: number;
}


// Months M0..M4 = 2024-01..2024-05. Training window M0..M2, test month M3; M4 must be ignored.
const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];
//   cell     month  category          count   harm per crime
//   -- training M0..M2 --
//   C5       M0     Robbery           1       365
//   C10      M0     Shoplifting       3       1
//   C10      M1     Shoplifting       3       1
//   C10      M2     Shoplifting       2       1
//   C12      M0     Burglary          1       240
//   C12      M1     Burglary          1       240
//   C20      M2     Violence          1       190
//   C20      M2     ASB               4       1
//   C25      M0     Drugs             6       4
//   C30      M2     Vehicle crime     3       5
//   C33      M2     Stop and search   10      0     not one of the 14 categories counted
//   OUTSIDE  M2     Robbery           20      365   outside the study area
//   -- test M3 --
//   C0 1, C5 1, C7 4, C10 1, C12 3, C20 2 (all Other theft); OUTSIDE 7 (outside the area)
//   -- after the test month, M4 --
//   C7       M4     Other theft       50
const ROWS: Row[] = [
  { cell: C[5], month: 0, category: ROBBERY, count: 1 },
  { cell: C[10], month: 0, category: SHOPLIFTING, count: 3 },
  { cell: C[10], month: 1, category: SHOPLIFTING, count: 3 },
  { cell: C[10], month: 2, category: SHOPLIFTING, count: 2 },
  { cell: C[12], month: 0, category: BURGLARY, count: 1 },
  { cell: C[12], month: 1, category: BURGLARY, count: 1 },
  { cell: C[20], month: 2, category: VIOLENCE, count: 1 },
  { cell: C[20], month: 2, category: ASB, count: 4 },
  { cell: C[25], month: 0, category: DRUGS, count: 6 },
  { cell: C[30], month: 2, category: VEHICLE, count: 3 },
  { cell: C[33], month: 2, category: STOP, count: 10 },
  { cell: OUTSIDE, month: 2, category: ROBBERY, count: 20 },
  ...[[0, 1], [5, 1], [7, 4], [10, 1], [12, 3], [20, 2]].map(([i, count]) => ({ cell: C[i], month: 3, category: THEFT, count })),
  { cell: OUTSIDE, month: 3, category: THEFT, count: 7 },
  { cell: C[7], month: 4, category: THEFT, count: 50 },
];
const CUBE = cubeOfRows([...C, OUTSIDE], MONTHS, ROWS);

/** The 14 crime categories (codes 0..13); stop and search (code 14) left out. */
const CRIMES = CRIME_CATEGORIES.map((_, i) => i);
const OPTIONS: AccuracyOptions = {
  trainFrom: 0,
  trainTo: 2,
  testMonth: 3,
  measure: 'harm',
  coverage: 0.1,
  categories: CRIMES,
  harmWeights: HARM,
};

// Shared hand-working (n = 40 study cells, coverage 0.1 → k = floor(0.1·40) = 4):
//   Test counts (M3, in the area): C0 1, C5 1, C7 4, C10 1, C12 3, C20 2 → N = 12.
//   n* = the 4 largest test counts = 4 + 3 + 2 + 1 = 10.
//   Harm over M0..M2: C12 2·240 = 480, C5 365, C20 190 + 4 = 194, C25 6·4 = 24, C30 3·5 = 15, C10 8.
//   Counts over M0..M2: C10 8, C25 6, C20 5, C30 3, C12 2, C5 1 (C33's stop and search excluded).
//   Counts in M2 only: C20 5, C30 3, C10 2, every other cell 0.

// -- Tests -------------------------------------------------------------------------------

describe('accuracyReport(cube, study, options)', () => {
  it('the fixture is a 40-cell study area with one outside cell', () => {
    expect(STUDY.cells).toEqual(C);
    expect(C).toHaveLength(40);
    expect(C.includes(OUTSIDE)).toBe(false);
  });

  it("'harm' flags the top k cells by training harm and scores them on the test month", () => {
    // Top 4 by harm: C12 480, C5 365, C20 194, C25 24 → n = 3 + 1 + 2 + 0 = 6.
    // PAI = (6/12)/(4/40) = 5; PEI* = 6/10 = 0.6.
    const r = accuracyReport(CUBE, STUDY, OPTIONS).ours.result;
    expect(r.k).toBe(4);
    expect(r.flagged).toEqual([12, 5, 20, 25]);
    expect([r.n, r.N, r.nStar]).toEqual([6, 12, 10]);
    expect(r.pai).toBeCloseTo(5, 12);
    expect(r.pei).toBeCloseTo(0.6, 12);
  });

  it("the last-month baseline ranks by the counts of trainTo's month, ties by cell id", () => {
    // M2: C20 5, C30 3, C10 2, then 37 cells tied at 0 → the lowest id, C0 (test count 1).
    // n = 2 + 0 + 1 + 1 = 4. PAI = (4/12)/(4/40) = 10/3; PEI* = 4/10.
    // Were C33's 10 stop-and-search records counted, C33 would lead this ranking.
    const r = accuracyReport(CUBE, STUDY, OPTIONS).baselines[0].result;
    expect(r.flagged).toEqual([20, 30, 10, 0]);
    expect(r.n).toBe(4);
    expect(r.pai).toBeCloseTo(10 / 3, 12);
    expect(r.pei).toBeCloseTo(0.4, 12);
  });

  it('the whole-window baseline ranks by the counts over trainFrom..trainTo', () => {
    // M0..M2: C10 8, C25 6, C20 5, C30 3 → n = 1 + 0 + 2 + 0 = 3.
    // PAI = (3/12)/(4/40) = 2.5; PEI* = 3/10.
    const r = accuracyReport(CUBE, STUDY, OPTIONS).baselines[1].result;
    expect(r.flagged).toEqual([10, 25, 20, 30]);
    expect(r.n).toBe(3);
    expect(r.pai).toBeCloseTo(2.5, 12);
    expect(r.pei).toBeCloseTo(0.3, 12);
  });

  it('N counts only test-month crimes inside the study area', () => {
    // OUTSIDE's 7 in M3 and C7's 50 in M4 are not counted: N = 12 in every row.
    const report = accuracyReport(CUBE, STUDY, OPTIONS);
    expect([report.ours, ...report.baselines].map((row) => row.result.N)).toEqual([12, 12, 12]);
  });

  it('labels the rows with the measure and the baselines, naming the last training month', () => {
    const report = accuracyReport(CUBE, STUDY, OPTIONS);
    expect(report.ours.label).toBe(FORECAST_MEASURES.harm);
    expect(report.ours.label).toBe('Total crime harm');
    expect(report.baselines.map((b) => b.label)).toEqual([
      "Last month's counts (2024-03)",
      'Counts over the whole training window',
    ]);
  });

  it("reports the test month and the training window as 'YYYY-MM'", () => {
    const report = accuracyReport(CUBE, STUDY, OPTIONS);
    expect(report.testMonth).toBe('2024-04');
    expect(report.train).toEqual(['2024-01', '2024-03']);
  });

  it('flags floor(5 % of cells) by default', () => {
    // floor(0.05·40) = 2: C12 (harm 480) and C5 (365); n = 3 + 1 = 4, PAI = (4/12)/(2/40) = 20/3.
    const { coverage: _, ...defaults } = OPTIONS;
    const r = accuracyReport(CUBE, STUDY, defaults).ours.result;
    expect(r.k).toBe(2);
    expect(r.flagged).toEqual([12, 5]);
    expect(r.pai).toBeCloseTo(20 / 3, 12);
  });

  it("'gi-count' flags the top k cells by a naive Gi* z of the training counts", () => {
    const counts = new Array<number>(40).fill(0);
    for (const [i, k] of [[5, 1], [10, 8], [12, 2], [20, 5], [25, 6], [30, 3]]) counts[i] = k;
    // The naive z (printed once): cells 8, 10, 29, 31 tie at 1.3104, next is cell 4 at 1.0821. So
    // the top-4 set is clear-cut, and differs from the count ranking (10, 25, 20, 30); the order
    // inside the tie rests on last-bit rounding, so sets are compared.
    const want = topSet(C, naiveGiStar(C, counts), 4);
    expect(want).toEqual([8, 10, 29, 31]);
    const r = accuracyReport(CUBE, STUDY, { ...OPTIONS, measure: 'gi-count' });
    expect(r.ours.label).toBe('Gi* z-score of crime counts');
    expect([...r.ours.result.flagged].sort((a, b) => a - b)).toEqual(want);
  });

  it("'gi-harm' flags the top k cells by a naive Gi* z of the training harm", () => {
    const harm = new Array<number>(40).fill(0);
    for (const [i, h] of [[5, 365], [10, 8], [12, 480], [20, 194], [25, 24], [30, 15]]) harm[i] = h;
    // Naive z (printed once): cell 15 2.7882, 11 1.6837, 1 and 13 tied at 1.4365, next 14 at 1.3825.
    const want = topSet(C, naiveGiStar(C, harm), 4);
    expect(want).toEqual([1, 11, 13, 15]);
    const r = accuracyReport(CUBE, STUDY, { ...OPTIONS, measure: 'gi-harm' });
    expect(r.ours.label).toBe('Gi* z-score of crime harm');
    expect([...r.ours.result.flagged].sort((a, b) => a - b)).toEqual(want);
  });

  it("'priority' flags the top k cells by recency-weighted training counts (half-life a setting), not harm", () => {
    // Training counts (crimes, any type; stop and search left out), weight 0.5^((M2 − m)/h):
    //   C5 M0 1; C10 M0 3, M1 3, M2 2; C12 M0 1, M1 1; C20 M2 5; C25 M0 6; C30 M2 3.
    // h = 1: C20 5, C10 3·¼ + 3·½ + 2 = 4.25, C30 3, C25 6·¼ = 1.5, C12 0.75, C5 0.25.
    // h = 3 (default): C10 3·2^(−⅔) + 3·2^(−⅓) + 2 = 6.27, C20 5, C25 6·2^(−⅔) = 3.78, C30 3.
    // Test (M3): C10 1 + C20 2 caught either way, n = 3 of N = 12; PAI = (3/12)/(4/40) = 2.5.
    const fast = accuracyReport(CUBE, STUDY, { ...OPTIONS, measure: 'priority', halfLife: 1 });
    expect(fast.ours.result.flagged).toEqual([20, 10, 30, 25]);
    expect(fast.ours.result.n).toBe(3);
    expect(fast.ours.result.pai).toBeCloseTo(2.5, 12);
    const dflt = accuracyReport(CUBE, STUDY, { ...OPTIONS, measure: 'priority' });
    expect(dflt.ours.result.flagged).toEqual([10, 20, 25, 30]);
    expect(dflt.ours.label).toBe(FORECAST_MEASURES.priority);
    expect(Object.keys(FORECAST_MEASURES)[0]).toBe('priority');
  });

  it('the measure does not change the baselines', () => {
    const a = accuracyReport(CUBE, STUDY, OPTIONS);
    const b = accuracyReport(CUBE, STUDY, { ...OPTIONS, measure: 'gi-count' });
    expect(b.baselines).toEqual(a.baselines);
  });

  // -- invalid windows --

  it('throws, naming itself, when trainTo equals the test month', () => {
    expect(() => accuracyReport(CUBE, STUDY, { ...OPTIONS, trainTo: 3, testMonth: 3 })).toThrow(/accuracyReport/);
  });

  it('throws, naming itself, when trainTo is after the test month', () => {
    expect(() => accuracyReport(CUBE, STUDY, { ...OPTIONS, trainTo: 3, testMonth: 2 })).toThrow(/accuracyReport/);
  });

  it('throws, naming itself, when the test month is beyond the data', () => {
    // 5 months: codes 0..4.
    expect(() => accuracyReport(CUBE, STUDY, { ...OPTIONS, testMonth: 5 })).toThrow(/accuracyReport/);
  });

  it('throws, naming itself, when trainFrom is after trainTo', () => {
    expect(() => accuracyReport(CUBE, STUDY, { ...OPTIONS, trainFrom: 2, trainTo: 1 })).toThrow(/accuracyReport/);
  });

  it('throws, naming itself, when trainFrom is before the first month of the data', () => {
    // The message promises "trainFrom ≤ trainTo < testMonth within the data"; month −1 is not in it.
    expect(() => accuracyReport(CUBE, STUDY, { ...OPTIONS, trainFrom: -1 })).toThrow(/accuracyReport/);
  });
});

// -- Independent references ----------------------------------------------------------------

/**
 * Naive Gi* from ANALYSIS.md / Ord & Getis (1995), sharing no code with src/analysis: binary
 * weights over h3 gridDisk(cell, 1) within the area (self included), x̄ and population S over all n.
 */
function naiveGiStar(cells: string[], x: number[]): number[] {
  const n = cells.length;
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const S = Math.sqrt(x.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  return cells.map((c) => {
    const js = gridDisk(c, 1).map((d) => cells.indexOf(d)).filter((j) => j >= 0);
    const w = js.length;
    const sumWX = js.reduce((a, j) => a + x[j], 0);
    return (sumWX - mean * w) / (S * Math.sqrt((n * w - w * w) / (n - 1)));
  });
}

/** Indices of the k highest scores (ties by cell id, ANALYSIS.md "Forecast accuracy"), ascending. */
function topSet(cells: string[], score: number[], k: number): number[] {
  return cells
    .map((_, i) => i)
    .sort((a, b) => score[b] - score[a] || (cells[a] < cells[b] ? -1 : 1))
    .slice(0, k)
    .sort((a, b) => a - b);
}
