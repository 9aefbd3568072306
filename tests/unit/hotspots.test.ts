import type { Feature, Polygon } from 'geojson';
import { gridDisk, gridDistance, polygonToCells } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { cubeOfRows } from './helpers/cube';
import type { CrimeCube, CubeFilter } from '../../src/analysis/cube';
import { EMERGING_CATEGORIES } from '../../src/analysis/emerging.ts';
import {
  analyseHotspots,
  buildStudyArea,
  cubeToStudyIndex,
  emergingLabel,
  MIN_EMERGING_MONTHS,
  studyValues,
} from '../../src/analysis/hotspots.ts';

// -- Fixtures made here ------------------------------------------------------------------

type Ring = Polygon['coordinates'][number];

function square(west: number, south: number, east: number, north: number): Ring {
  return [[west, south], [east, south], [east, north], [west, north], [west, south]];
}

function polygonFeature(ring: Ring): Feature<Polygon> {
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } };
}

/** Numerical Recipes LCG (a = 1664525, c = 1013904223, m = 2³²): deterministic values in [0, 1). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** One cube row, addressed by H3 cell string rather than cell code. */
interface Row {
  cell: string;
  month: number;
  category: number;
  count: number;
}

/** This file's cubes: its own categories, one borough (the study area decides what is inside). */
const makeCube = (cells: readonly string[], months: string[], categories: string[], rows: Row[], resolution = 9): CrimeCube =>
  cubeOfRows(cells, months, rows, { categories, resolution, boroughs: ['B1'] });

/** Rows of a CSR neighbours structure as plain arrays. */
function rowsOf(nb: { offsets: Int32Array; indices: Int32Array }): number[][] {
  return Array.from({ length: nb.offsets.length - 1 }, (_, i) => Array.from(nb.indices.subarray(nb.offsets[i], nb.offsets[i + 1])));
}

/**
 * Independent Gi* reference written from ANALYSIS.md / Ord & Getis (1995), sharing no code with
 * src/analysis: wᵢⱼ = 1 when cⱼ is in h3 gridDisk(cᵢ, 1) (self included) and in the study area;
 * x̄ and the population S (divide by n) over all n study cells.
 */
function naiveGiStar(cells: string[], x: ArrayLike<number>): number[] {
  const n = cells.length;
  const xs = Array.from(x);
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const S = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
  const index = new Map(cells.map((c, i) => [c, i] as const));
  return cells.map((c) => {
    const js = gridDisk(c, 1).map((d) => index.get(d)).filter((j): j is number => j !== undefined);
    const sumW = js.length; // binary weights: Σw = Σw²
    const sumWX = js.reduce((a, j) => a + xs[j], 0);
    return (sumWX - mean * sumW) / (S * Math.sqrt((n * sumW - sumW * sumW) / (n - 1)));
  });
}

/**
 * Numerical Recipes `erfcc` (Chebyshev fit, fractional error < 1.2e-7 everywhere): an
 * independent normal tail for checking p-values to about 7 digits.
 */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z - 1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/**
 * Esri's FDR bins as ANALYSIS.md states them, written out here: for each α in 0.10, 0.05, 0.01
 * sort p ascending, k* = max{k : p₍ₖ₎ ≤ k·α/n}, the k* smallest pass; bin = levels passed, signed by z.
 */
function bhBins(z: ArrayLike<number>, p: ArrayLike<number>): number[] {
  const n = p.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => p[a] - p[b]);
  const bins = new Array<number>(n).fill(0);
  for (const alpha of [0.1, 0.05, 0.01]) {
    let kStar = 0;
    for (let k = 1; k <= n; k++) if (p[order[k - 1]] <= (k * alpha) / n) kStar = k;
    if (kStar === 0) continue;
    const cutoff = p[order[kStar - 1]];
    for (let i = 0; i < n; i++) if (p[i] <= cutoff) bins[i] += 1;
  }
  return bins.map((b, i) => (b === 0 ? 0 : z[i] > 0 ? b : z[i] < 0 ? -b : 0)); // no −0
}

const ALL_MONTHS_OF = (cube: CrimeCube, categories: number[]): CubeFilter => ({
  monthFrom: 0,
  monthTo: cube.months.length - 1,
  categories,
  area: { kind: 'all' },
});

// A 7-cell study area near Trafalgar Square (polygonToCells of a 0.01° square at resolution 9).
const SMALL = polygonFeature(square(-0.13, 51.5, -0.12, 51.51));
// Its cells, sorted (printed by h3-js polygonToCells and checked in the first test below), and
// two ring-1 neighbours outside it. In string order: O1 < S0 … S5 < O2 < S6.
const S = [
  '89194ad14d3ffff',
  '89194ad14d7ffff',
  '89194ad14dbffff',
  '89194ad326bffff',
  '89194ad327bffff',
  '89195da49a7ffff',
  '89195da49b7ffff',
];
const O1 = '89194ad148bffff';
const O2 = '89195da49b3ffff';

// Categories 0 Burglary, 1 Drugs, 2 Robbery; months M0..M4 = 2024-01..2024-05.
const BURGLARY = 0;
const DRUGS = 1;
const ROBBERY = 2;
const CATS = ['Burglary', 'Drugs', 'Robbery'];
const MONTHS5 = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];
//   month  cell  category  count
//   M0     O1    Burglary  4     outside the area: the only crime of M0
//   M1     S0    Burglary  2
//   M1     S3    Drugs     1
//   M2     —                     no crime at all
//   M3     S3    Robbery   3
//   M3     S6    Burglary  1
//   M3     O2    Robbery   5     outside
//   M4     O1    Drugs     2     outside: the only crime of M4
const SMALL_ROWS: Row[] = [
  { cell: O1, month: 0, category: BURGLARY, count: 4 },
  { cell: S[0], month: 1, category: BURGLARY, count: 2 },
  { cell: S[3], month: 1, category: DRUGS, count: 1 },
  { cell: S[3], month: 3, category: ROBBERY, count: 3 },
  { cell: S[6], month: 3, category: BURGLARY, count: 1 },
  { cell: O2, month: 3, category: ROBBERY, count: 5 },
  { cell: O1, month: 4, category: DRUGS, count: 2 },
];
const SMALL_CUBE = makeCube([...S, O1, O2], MONTHS5, CATS, SMALL_ROWS);
const SMALL_STUDY = buildStudyArea([SMALL], 9);
const EVERYTHING = ALL_MONTHS_OF(SMALL_CUBE, [BURGLARY, DRUGS, ROBBERY]);
/** Weights per category code: Burglary 10, Drugs 1, Robbery 0.5. */
const W = [10, 1, 0.5];

// -- buildStudyArea ----------------------------------------------------------------------

describe('buildStudyArea(polygons, resolution)', () => {
  it('cells are the sorted h3-js polygonToCells of the polygon at that resolution', () => {
    const ring = square(-0.13, 51.5, -0.12, 51.51);
    const want = polygonToCells([ring], 9, true).sort();
    expect(SMALL_STUDY.cells).toEqual(want);
    expect(SMALL_STUDY.cells).toEqual(S);
    expect(SMALL_STUDY.resolution).toBe(9);
  });

  it('each neighbours row is the cell itself and its ring-1 cells inside the area, as sorted indices', () => {
    const want = S.map((c) =>
      gridDisk(c, 1)
        .map((d) => S.indexOf(d))
        .filter((j) => j >= 0)
        .sort((a, b) => a - b),
    );
    // Printed by the reference above; an interior cell would have 7, these edge cells have 2 to 5.
    expect(want).toEqual([[0, 1, 2, 3, 5], [0, 1], [0, 2, 5], [0, 3, 4, 5, 6], [3, 4, 6], [0, 2, 3, 5, 6], [3, 4, 5, 6]]);
    expect(rowsOf(SMALL_STUDY.neighbours)).toEqual(want);
  });

  it('no neighbours row lists a cell outside the area', () => {
    // gridDisk(S1, 1) has 7 cells, but only S0 and S1 are in the area.
    expect(gridDisk(S[1], 1)).toHaveLength(7);
    expect(rowsOf(SMALL_STUDY.neighbours)[1]).toEqual([0, 1]);
  });
});

// -- cubeToStudyIndex --------------------------------------------------------------------

describe('cubeToStudyIndex(cubeCells, studyCells)', () => {
  it('maps each cube cell to its study index, and cells outside the study area to -1', () => {
    // cube: O1 (before S0), S1, 89194ad3263ffff (between S2 and S3, outside), S3, S5, O2 (after S5)
    //   →   -1,            1,  -1,                                          3,  5,  -1
    const cube = [O1, S[1], '89194ad3263ffff', S[3], S[5], O2];
    expect(Array.from(cubeToStudyIndex(cube, S))).toEqual([-1, 1, -1, 3, 5, -1]);
  });

  it('gives the identity when the cube holds exactly the study cells', () => {
    expect(Array.from(cubeToStudyIndex(S, S))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('gives -1 for every cube cell when the study area is empty', () => {
    expect(Array.from(cubeToStudyIndex([S[0], S[4]], []))).toEqual([-1, -1]);
  });

  it('returns an empty Int32Array for a cube with no cells', () => {
    const out = cubeToStudyIndex([], S);
    expect(out).toBeInstanceOf(Int32Array);
    expect(out).toHaveLength(0);
  });
});

// -- studyValues -------------------------------------------------------------------------

describe('studyValues(cube, study, filter, weights)', () => {
  it('counts crimes per study cell', () => {
    // S0: 2 (M1); S3: 1 (M1) + 3 (M3) = 4; S6: 1 (M3); others 0.
    const v = studyValues(SMALL_CUBE, SMALL_STUDY, EVERYTHING);
    expect(Array.from(v.count)).toEqual([2, 0, 0, 4, 0, 0, 1]);
  });

  it('without weights, value equals the count', () => {
    const v = studyValues(SMALL_CUBE, SMALL_STUDY, EVERYTHING);
    expect(Array.from(v.value)).toEqual([2, 0, 0, 4, 0, 0, 1]);
  });

  it('with weights, value is the sum of count × category weight and count is unchanged', () => {
    // S0: 2·10 = 20; S3: 1·1 + 3·0.5 = 2.5; S6: 1·10 = 10.
    const v = studyValues(SMALL_CUBE, SMALL_STUDY, EVERYTHING, W);
    expect(Array.from(v.value)).toEqual([20, 0, 0, 2.5, 0, 0, 10]);
    expect(Array.from(v.count)).toEqual([2, 0, 0, 4, 0, 0, 1]);
  });

  it('outsideArea counts the crimes whose cell is not in the study area', () => {
    // O1 4 (M0) + O2 5 (M3) + O1 2 (M4)
    expect(studyValues(SMALL_CUBE, SMALL_STUDY, EVERYTHING).outsideArea).toBe(11);
  });

  it('firstMonth and lastMonth are the first and last months with crime in the area', () => {
    // M0 and M4 hold crime only outside the area, so they do not extend the span: M1..M3.
    const v = studyValues(SMALL_CUBE, SMALL_STUDY, EVERYTHING);
    expect([v.firstMonth, v.lastMonth]).toEqual([1, 3]);
  });

  it('monthly holds weighted values at index t·n + i, with empty months in between zero-filled', () => {
    // n = 7, T = 3 (M1, M2, M3).
    //   t = 0 (M1): S0 2·10 = 20, S3 1·1 = 1
    //   t = 1 (M2): no crime, all 0
    //   t = 2 (M3): S3 3·0.5 = 1.5, S6 1·10 = 10
    const v = studyValues(SMALL_CUBE, SMALL_STUDY, EVERYTHING, W);
    expect(Array.from(v.monthly)).toEqual([
      20, 0, 0, 1, 0, 0, 0,
      0, 0, 0, 0, 0, 0, 0,
      0, 0, 0, 1.5, 0, 0, 10,
    ]);
  });

  it('keeps only months inside the filter, for counts, outsideArea and the month span', () => {
    // M2..M4: S3 3 (M3), S6 1 (M3); outside O2 5 + O1 2 = 7; span M3..M3, monthly = one slice.
    const v = studyValues(SMALL_CUBE, SMALL_STUDY, { ...EVERYTHING, monthFrom: 2, monthTo: 4 });
    expect(Array.from(v.count)).toEqual([0, 0, 0, 3, 0, 0, 1]);
    expect(v.outsideArea).toBe(7);
    expect([v.firstMonth, v.lastMonth]).toEqual([3, 3]);
    expect(Array.from(v.monthly)).toEqual([0, 0, 0, 3, 0, 0, 1]);
  });

  it('keeps only the listed categories, for counts, outsideArea and the month span', () => {
    // Burglary: S0 2 (M1), S6 1 (M3); outside O1 4 (M0); span M1..M3.
    const v = studyValues(SMALL_CUBE, SMALL_STUDY, { ...EVERYTHING, categories: [BURGLARY] });
    expect(Array.from(v.count)).toEqual([2, 0, 0, 0, 0, 0, 1]);
    expect(v.outsideArea).toBe(4);
    expect([v.firstMonth, v.lastMonth]).toEqual([1, 3]);
  });

  it('the monthly array follows the category filter', () => {
    // Drugs only: S3 1 in M1 is the only in-area crime (O1's Drugs in M4 is outside) → T = 1.
    const v = studyValues(SMALL_CUBE, SMALL_STUDY, { ...EVERYTHING, categories: [DRUGS] });
    expect([v.firstMonth, v.lastMonth]).toEqual([1, 1]);
    expect(Array.from(v.monthly)).toEqual([0, 0, 0, 1, 0, 0, 0]);
  });

  it('with no crime in the area under the filter, firstMonth = lastMonth = -1 and monthly is empty', () => {
    // M4 holds only O1's 2 Drugs, outside the area.
    const v = studyValues(SMALL_CUBE, SMALL_STUDY, { ...EVERYTHING, monthFrom: 4, monthTo: 4 });
    expect([v.firstMonth, v.lastMonth]).toEqual([-1, -1]);
    expect(v.monthly).toHaveLength(0);
    expect(v.outsideArea).toBe(2);
  });

  it('ignores filter.area: the study area plays its part', () => {
    // Every row has borough -1, so aggregateCube with this filter would keep nothing.
    const byBorough: CubeFilter = { ...EVERYTHING, area: { kind: 'borough', codes: ['B1'] } };
    const v = studyValues(SMALL_CUBE, SMALL_STUDY, byBorough);
    expect(Array.from(v.count)).toEqual([2, 0, 0, 4, 0, 0, 1]);
    expect(v.outsideArea).toBe(11);
  });

  it('throws, naming itself, when the cube and study area resolutions differ', () => {
    const res10 = makeCube([...S, O1, O2], MONTHS5, CATS, SMALL_ROWS, 10);
    expect(() => studyValues(res10, SMALL_STUDY, EVERYTHING)).toThrow(/studyValues/);
  });
});

// -- analyseHotspots ---------------------------------------------------------------------

// About 2.8 km × 2.2 km around Trafalgar Square: 64 cells at resolution 9.
const MEDIUM = polygonFeature(square(-0.15, 51.5, -0.11, 51.52));
const MEDIUM_STUDY = buildStudyArea([MEDIUM], 9);
const MEDIUM_CELLS = MEDIUM_STUDY.cells;
/** Ring-1 cells around the area, outside it. */
const MEDIUM_OUTSIDE = [...new Set(MEDIUM_CELLS.flatMap((c) => gridDisk(c, 1)))].filter((c) => !MEDIUM_CELLS.includes(c)).sort();
const MONTHS8 = ['2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];

/**
 * Counts over MEDIUM for M1..M6: skewed random counts (many zeros and ties) in Burglary and
 * Robbery, plus a planted cluster on the ring-1 disk of one cell that grows month by month.
 * M0 and M7 hold crime only outside the area (two outside cells), as do a few rows in between.
 */
function mediumRows(months = 6): Row[] {
  const rand = lcg(2024);
  const centre = MEDIUM_CELLS[Math.floor(MEDIUM_CELLS.length / 2)];
  const rows: Row[] = [];
  for (let m = 1; m <= months; m++) {
    for (const cell of MEDIUM_CELLS) {
      const burglary = Math.floor(rand() ** 3 * 5) + (gridDistance(centre, cell) <= 1 ? m : 0);
      const robbery = Math.floor(rand() ** 4 * 3);
      if (burglary > 0) rows.push({ cell, month: m, category: BURGLARY, count: burglary });
      if (robbery > 0) rows.push({ cell, month: m, category: ROBBERY, count: robbery });
    }
    rows.push({ cell: MEDIUM_OUTSIDE[0], month: m, category: DRUGS, count: 3 });
  }
  rows.push({ cell: MEDIUM_OUTSIDE[0], month: 0, category: BURGLARY, count: 9 });
  rows.push({ cell: MEDIUM_OUTSIDE[5], month: months + 1, category: ROBBERY, count: 4 });
  return rows;
}
const MEDIUM_ROWS = mediumRows();
/** The same area over 14 months, 2023-11..2024-12, with crime in it in M1..M12 (2023-12..2024-11): long enough for emerging hot spots. */
const MONTHS14 = ['2023-11', '2023-12', ...Array.from({ length: 12 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`)];
const LONG_CUBE = makeCube([...MEDIUM_CELLS, ...MEDIUM_OUTSIDE], MONTHS14, CATS, mediumRows(12));
const LONG_ALL = ALL_MONTHS_OF(LONG_CUBE, [BURGLARY, DRUGS, ROBBERY]);
const MEDIUM_CUBE = makeCube([...MEDIUM_CELLS, ...MEDIUM_OUTSIDE], MONTHS8, CATS, MEDIUM_ROWS);
const MEDIUM_ALL = ALL_MONTHS_OF(MEDIUM_CUBE, [BURGLARY, DRUGS, ROBBERY]);

/** Value per study cell summed straight from the rows (no src code), optionally weighted. */
function valuesFromRows(rows: Row[], weights?: number[]): number[] {
  const x = new Array<number>(MEDIUM_CELLS.length).fill(0);
  for (const r of rows) {
    const i = MEDIUM_CELLS.indexOf(r.cell);
    if (i >= 0) x[i] += r.count * (weights ? weights[r.category] : 1);
  }
  return x;
}

describe('analyseHotspots(cube, study, filter, weights)', () => {
  it('the medium fixture is the 64 polygonToCells of its square', () => {
    expect(MEDIUM_CELLS).toHaveLength(64);
    expect(MEDIUM_CELLS).toEqual(polygonToCells([square(-0.15, 51.5, -0.11, 51.52)], 9, true).sort());
  });

  it('giZ agrees to 1e-9 with a naive Ord-Getis Gi* over gridDisk ring-1 neighbours within the area', () => {
    const want = naiveGiStar(MEDIUM_CELLS, valuesFromRows(MEDIUM_ROWS));
    const r = analyseHotspots(MEDIUM_CUBE, MEDIUM_STUDY, MEDIUM_ALL);
    let worst = 0;
    want.forEach((w, i) => (worst = Math.max(worst, Math.abs(r.giZ[i] - w))));
    expect(worst).toBeLessThan(1e-9);
    expect(Math.max(...r.giZ)).toBeGreaterThan(2.576); // the planted cluster is found
  });

  it('with weights, giZ agrees to 1e-9 with the naive Gi* of the weighted values', () => {
    const want = naiveGiStar(MEDIUM_CELLS, valuesFromRows(MEDIUM_ROWS, W));
    const r = analyseHotspots(MEDIUM_CUBE, MEDIUM_STUDY, MEDIUM_ALL, W);
    let worst = 0;
    want.forEach((w, i) => (worst = Math.max(worst, Math.abs(r.giZ[i] - w))));
    expect(worst).toBeLessThan(1e-9);
  });

  it('giP is the two-sided normal p of giZ (Numerical Recipes erfc, 1e-6 relative)', () => {
    const r = analyseHotspots(MEDIUM_CUBE, MEDIUM_STUDY, MEDIUM_ALL);
    // p = 2Φ(−|z|) = erfc(|z|/√2)
    r.giZ.forEach((z, i) => {
      const want = erfc(Math.abs(z) / Math.SQRT2);
      expect(Math.abs(r.giP[i] - want) / want).toBeLessThan(1e-6);
    });
  });

  it('giBin applies the fixed 90/95/99 % thresholds to giZ', () => {
    const r = analyseHotspots(MEDIUM_CUBE, MEDIUM_STUDY, MEDIUM_ALL);
    const level = (a: number) => (a > 2.576 ? 3 : a > 1.96 ? 2 : a > 1.645 ? 1 : 0);
    const want = Array.from(r.giZ, (z) => (z < 0 ? -level(-z) : level(z)) || 0); // `|| 0` turns −0 into 0
    expect(Array.from(r.giBin)).toEqual(want);
  });

  it('giBinFdr equals Benjamini-Hochberg at 0.10, 0.05, 0.01 computed here over all cells', () => {
    const r = analyseHotspots(MEDIUM_CUBE, MEDIUM_STUDY, MEDIUM_ALL);
    const want = bhBins(r.giZ, r.giP);
    expect(want.some((b) => b !== 0)).toBe(true); // not a vacuous comparison
    expect(Array.from(r.giBinFdr)).toEqual(want);
  });

  it('is not degenerate when the values differ', () => {
    expect(analyseHotspots(MEDIUM_CUBE, MEDIUM_STUDY, MEDIUM_ALL).degenerate).toBe(false);
  });

  it('months are the cube months from the first to the last month with crime in the area', () => {
    // M0 (2023-11) and M7 (2024-06) hold crime only outside: M1..M6.
    const r = analyseHotspots(MEDIUM_CUBE, MEDIUM_STUDY, MEDIUM_ALL);
    expect(r.months).toEqual(['2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
  });

  it('spaceTimeZ and monthly hold one entry per (month, cell)', () => {
    const r = analyseHotspots(LONG_CUBE, MEDIUM_STUDY, LONG_ALL);
    expect(r.months).toHaveLength(12);
    expect(r.spaceTimeZ).toHaveLength(12 * 64);
    expect(r.monthly).toHaveLength(12 * 64);
  });

  it('returns the study cells, counts and outsideArea of studyValues', () => {
    // Outside: 3 Drugs in each of M1..M6 + 9 in M0 + 4 in M7 = 31.
    const r = analyseHotspots(MEDIUM_CUBE, MEDIUM_STUDY, MEDIUM_ALL);
    expect(r.cells).toEqual(MEDIUM_CELLS);
    expect(Array.from(r.count)).toEqual(valuesFromRows(MEDIUM_ROWS));
    expect(r.outsideArea).toBe(31);
  });

  it('the planted growing cluster is classified as a hot spot whose final month is hot', () => {
    // The centre's disk gains 1 burglary per cell per month (m in month m), so its final month is hot.
    const r = analyseHotspots(LONG_CUBE, MEDIUM_STUDY, LONG_ALL);
    expect(r.emergingComputed).toBe(true);
    const centre = Math.floor(MEDIUM_CELLS.length / 2); // the cell mediumRows() plants around
    // Any hot spot category whose final month is hot (every one but Historical Hot Spot); the
    // exact one rests on the pooled space-time FDR, which emerging.test.ts checks on golden data.
    expect(emergingLabel(r.emerging[centre])).toMatch(/^(New|Consecutive|Intensifying|Persistent|Diminishing|Sporadic|Oscillating) Hot Spot$/);
  });

  // -- too few months for emerging hot spots (issue 10, item 5) --

  it(`with fewer than ${MIN_EMERGING_MONTHS} months, no emerging category is given: every cell is 'No Pattern Detected'`, () => {
    // 6 months in the area: the planted cluster, a hot spot above over 12 months, is not labelled.
    const r = analyseHotspots(MEDIUM_CUBE, MEDIUM_STUDY, MEDIUM_ALL);
    expect(r.months).toHaveLength(6);
    expect(r.emergingComputed).toBe(false);
    expect(Array.from(r.emerging, emergingLabel).every((c) => c === 'No Pattern Detected')).toBe(true);
    expect(r.spaceTimeZ).toHaveLength(0);
    expect(r.giBinFdr.some((b) => b > 0)).toBe(true); // Gi* over the window still runs
  });

  it('one month of data never makes a Persistent Hot Spot (observed: one month selected, "hot in at least 90 % of months")', () => {
    const r = analyseHotspots(LONG_CUBE, MEDIUM_STUDY, { ...LONG_ALL, monthFrom: 12, monthTo: 12 });
    expect(r.months).toEqual(['2024-11']);
    expect(r.giBinFdr.some((b) => b > 0)).toBe(true);
    expect(r.emergingComputed).toBe(false);
    expect(Array.from(r.emerging, emergingLabel).some((c) => c !== 'No Pattern Detected')).toBe(false);
  });

  it(`the minimum is Esri's: ${MIN_EMERGING_MONTHS} months are enough, ${MIN_EMERGING_MONTHS - 1} are not`, () => {
    expect(MIN_EMERGING_MONTHS).toBe(10);
    // Months 2024-01..2024-09 (codes 2..10) and 2024-01..2024-10 (codes 2..11), crime in every one.
    expect(analyseHotspots(LONG_CUBE, MEDIUM_STUDY, { ...LONG_ALL, monthFrom: 2, monthTo: 10 }).emergingComputed).toBe(false);
    const ten = analyseHotspots(LONG_CUBE, MEDIUM_STUDY, { ...LONG_ALL, monthFrom: 2, monthTo: 11 });
    expect(ten.months).toHaveLength(10);
    expect(ten.emergingComputed).toBe(true);
    expect(Array.from(ten.emerging, emergingLabel).some((c) => c !== 'No Pattern Detected')).toBe(true);
  });

  // -- all values equal (S = 0) --

  /** One burglary in every study cell in M2, nothing else: every value is 1. */
  const flatCube = () =>
    makeCube(MEDIUM_CELLS, MONTHS8, CATS, MEDIUM_CELLS.map((cell) => ({ cell, month: 2, category: BURGLARY, count: 1 })));

  it('with all values equal, degenerate is true', () => {
    const cube = flatCube();
    expect(analyseHotspots(cube, MEDIUM_STUDY, ALL_MONTHS_OF(cube, [BURGLARY])).degenerate).toBe(true);
  });

  it('with all values equal, every z is 0 and every bin (fixed and FDR) is 0', () => {
    const cube = flatCube();
    const r = analyseHotspots(cube, MEDIUM_STUDY, ALL_MONTHS_OF(cube, [BURGLARY]));
    expect(r.giZ.every((z) => z === 0)).toBe(true);
    expect(r.giBin.every((b) => b === 0)).toBe(true);
    expect(r.giBinFdr.every((b) => b === 0)).toBe(true);
  });

  // -- filters that select no month with crime in the area --

  it('a filter selecting no month gives months []', () => {
    // Months 8..9 are beyond the 8-month cube.
    const r = analyseHotspots(MEDIUM_CUBE, MEDIUM_STUDY, { ...MEDIUM_ALL, monthFrom: 8, monthTo: 9 });
    expect(r.months).toEqual([]);
  });

  it("a filter selecting no month classifies every cell 'No Pattern Detected' with no trend", () => {
    const r = analyseHotspots(MEDIUM_CUBE, MEDIUM_STUDY, { ...MEDIUM_ALL, monthFrom: 8, monthTo: 9 });
    expect(r.emerging).toHaveLength(64);
    expect(Array.from(r.emerging, emergingLabel).every((c) => c === 'No Pattern Detected')).toBe(true);
    expect(r.emerging[0]).toBe(EMERGING_CATEGORIES.indexOf('No Pattern Detected'));
    expect(r.trend.every((t) => t === 0)).toBe(true);
    expect(r.spaceTimeZ).toHaveLength(0);
  });

  it('a filter whose months hold crime only outside the area gives months [] and counts those crimes outside', () => {
    // M0 holds only the 9 burglaries in an outside cell.
    const r = analyseHotspots(MEDIUM_CUBE, MEDIUM_STUDY, { ...MEDIUM_ALL, monthFrom: 0, monthTo: 0 });
    expect(r.months).toEqual([]);
    expect(r.outsideArea).toBe(9);
    expect(r.degenerate).toBe(true);
  });
});

// -- areas with no data (issue 10, item 5) ----------------------------------------------

describe('no-data areas in the study area', () => {
  // The west part of MEDIUM is a borough whose data is missing; a cluster of 40 burglaries a
  // month is planted there (spill-over would be far less, but it must not matter: never labelled).
  const WEST = polygonFeature(square(-0.15, 51.5, -0.135, 51.52));
  const westCells = new Set(polygonToCells([square(-0.15, 51.5, -0.135, 51.52)], 9, true));
  const west = MEDIUM_CELLS.filter((c) => westCells.has(c));
  const plantedIn = west[Math.floor(west.length / 2)];
  const rows: Row[] = [...mediumRows(12)];
  for (let m = 1; m <= 12; m++) for (const cell of gridDisk(plantedIn, 1)) if (MEDIUM_CELLS.includes(cell)) rows.push({ cell, month: m, category: BURGLARY, count: 40 });
  const cube = makeCube([...MEDIUM_CELLS, ...MEDIUM_OUTSIDE], MONTHS14, CATS, rows);
  const all = ALL_MONTHS_OF(cube, [BURGLARY, DRUGS, ROBBERY]);
  const crimesIn = (cells: string[]) => rows.filter((r) => cells.includes(r.cell)).reduce((a, r) => a + r.count, 0);

  it('the fixture: the no-data polygon holds some of the area\'s cells, and the plant would be hot', () => {
    expect(west.length).toBeGreaterThan(10);
    expect(west.length).toBeLessThan(MEDIUM_CELLS.length);
    const r = analyseHotspots(cube, MEDIUM_STUDY, all);
    expect(r.giBinFdr[MEDIUM_CELLS.indexOf(plantedIn)]).toBe(3);
  });

  it('by default, cells whose centre lies in a no-data polygon are left out, and their crimes counted apart', () => {
    const study = buildStudyArea([MEDIUM], 9, { polygons: [WEST] });
    expect(study.cells).toEqual(MEDIUM_CELLS.filter((c) => !westCells.has(c)));
    expect(study.excluded).toEqual(west);
    expect(study.noData.every((x) => x === 0)).toBe(true);
    const r = analyseHotspots(cube, study, all);
    expect(r.excludedCells).toBe(west.length);
    expect(r.inNoDataArea).toBe(crimesIn(west));
    // Outside as before: 3 Drugs in each of M1..M12 + 9 in M0 + 4 in M13.
    expect(r.outsideArea).toBe(3 * 12 + 9 + 4);
    expect(r.cells.some((c) => westCells.has(c))).toBe(false);
  });

  it('included by choice, a no-data cell is analysed as it is but never labelled hot, cold or emerging', () => {
    const study = buildStudyArea([MEDIUM], 9, { polygons: [WEST], include: true });
    expect(study.cells).toEqual(MEDIUM_CELLS);
    expect(study.excluded).toEqual([]);
    expect(Array.from(study.noData)).toEqual(MEDIUM_CELLS.map((c) => (westCells.has(c) ? 1 : 0)));
    const r = analyseHotspots(cube, study, all);
    const i = MEDIUM_CELLS.indexOf(plantedIn);
    expect(r.giZ[i]).toBeGreaterThan(2.576); // the statistic sees the values...
    expect(r.giBin[i]).toBe(0); // ...but the label is withheld
    expect(r.giBinFdr[i]).toBe(0);
    expect(r.emergingComputed).toBe(true);
    const noPattern = EMERGING_CATEGORIES.indexOf('No Pattern Detected');
    MEDIUM_CELLS.forEach((c, j) => {
      if (!westCells.has(c)) return;
      expect(r.giBinFdr[j]).toBe(0);
      expect(r.emerging[j]).toBe(noPattern);
    });
    expect(r.inNoDataArea).toBe(0);
  });

  it('an area wholly without data (the Central East case) has no study cell and no label, without failing', () => {
    const study = buildStudyArea([WEST], 9, { polygons: [MEDIUM] });
    expect(study.cells).toEqual([]);
    const r = analyseHotspots(cube, study, all);
    expect(r.cells).toEqual([]);
    expect(r.giBinFdr).toHaveLength(0);
    expect(r.inNoDataArea).toBe(crimesIn(west));
  });
});
