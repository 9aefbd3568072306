import { describe, expect, it } from 'vitest';
import { aggregateCube, cellBreakdown, cellCode, crimeCategorySwitch, type CrimeCube, type CubeFilter, monthLabel } from '../../src/analysis/cube';

// -- Fixture made here -------------------------------------------------------------------

interface Row {
  cell: number;
  month: number;
  category: number;
  ward: number;
  borough: number;
  count: number;
}

/** A CrimeCube laid out as the docs of CrimeCube describe (rows sorted by cell, cellStart offsets). */
function makeCube(
  dims: Pick<CrimeCube, 'cells' | 'months' | 'categories' | 'wards' | 'boroughs' | 'boroughBcu'>,
  rows: Row[],
): CrimeCube {
  const sorted = [...rows].sort((a, b) => a.cell - b.cell);
  const cellStart = new Int32Array(dims.cells.length + 1);
  for (const r of sorted) cellStart[r.cell + 1]++;
  for (let c = 0; c < dims.cells.length; c++) cellStart[c + 1] += cellStart[c];
  return {
    resolution: 9,
    ...dims,
    cell: Int32Array.from(sorted, (r) => r.cell),
    month: Uint16Array.from(sorted, (r) => r.month),
    category: Uint8Array.from(sorted, (r) => r.category),
    ward: Int16Array.from(sorted, (r) => r.ward),
    borough: Int16Array.from(sorted, (r) => r.borough),
    count: Int32Array.from(sorted, (r) => r.count),
    cellStart,
  };
}

// Categories: 0 Burglary, 1 Drugs, 2 Robbery. Wards W1..W3 (codes 0..2), boroughs B1..B3
// (codes 0..2); B1 and B2 are in BCU X, B3 has no BCU (as the City of London has none).
const BURGLARY = 0;
const DRUGS = 1;
const ROBBERY = 2;
const DIMS = {
  cells: ['cellA', 'cellB', 'cellC'],
  months: ['2023-01', '2023-02', '2023-03'],
  categories: ['Burglary', 'Drugs', 'Robbery'],
  wards: ['W1', 'W2', 'W3'],
  boroughs: ['B1', 'B2', 'B3'],
  boroughBcu: ['X', 'X', null],
};
//   row  cell   month    category  ward  borough  count
//   r0   cellA  2023-01  Burglary  W1    B1       2
//   r1   cellA  2023-02  Drugs     W1    B1       3
//   r2   cellA  2023-03  Burglary  W2    B2       1
//   r3   cellB  2023-01  Robbery   W2    B2       4
//   r4   cellB  2023-02  Burglary  -     -        5   (outside every ward and borough)
//   r5   cellC  2023-01  Robbery   -     B3       7   (in a borough but no ward)
//   r6   cellC  2023-03  Drugs     W3    B3       6
const ROWS: Row[] = [
  { cell: 0, month: 0, category: BURGLARY, ward: 0, borough: 0, count: 2 },
  { cell: 0, month: 1, category: DRUGS, ward: 0, borough: 0, count: 3 },
  { cell: 0, month: 2, category: BURGLARY, ward: 1, borough: 1, count: 1 },
  { cell: 1, month: 0, category: ROBBERY, ward: 1, borough: 1, count: 4 },
  { cell: 1, month: 1, category: BURGLARY, ward: -1, borough: -1, count: 5 },
  { cell: 2, month: 0, category: ROBBERY, ward: -1, borough: 2, count: 7 },
  { cell: 2, month: 2, category: DRUGS, ward: 2, borough: 2, count: 6 },
];
const CUBE = makeCube(DIMS, ROWS);

const ALL_CATS = [BURGLARY, DRUGS, ROBBERY];
const everything: CubeFilter = { monthFrom: 0, monthTo: 2, categories: ALL_CATS, area: { kind: 'all' } };
const counts = (f: CubeFilter) => Array.from(aggregateCube(CUBE, f).count);

// -- aggregateCube -----------------------------------------------------------------------

describe('aggregateCube(cube, filter)', () => {
  it('with every month, category and area counts every row per cell', () => {
    // cellA 2+3+1, cellB 4+5, cellC 7+6
    const t = aggregateCube(CUBE, everything);
    expect(Array.from(t.count)).toEqual([6, 9, 13]);
    expect(t.total).toBe(28);
  });

  it("area 'all' includes rows outside every ward and borough", () => {
    // r4 (5 crimes, ward and borough -1) is cellB's only Burglary row.
    const t = aggregateCube(CUBE, { ...everything, categories: [BURGLARY], area: { kind: 'all' } });
    expect(t.count[1]).toBe(5);
  });

  it('keeps only months inside the inclusive month range', () => {
    // 2023-02..2023-03: r1 3 + r2 1 | r4 5 | r6 6
    const t = aggregateCube(CUBE, { ...everything, monthFrom: 1, monthTo: 2 });
    expect(Array.from(t.count)).toEqual([4, 5, 6]);
    expect(t.total).toBe(15);
  });

  it('a single-month range counts that month only', () => {
    // 2023-01: r0 2 | r3 4 | r5 7
    expect(counts({ ...everything, monthFrom: 0, monthTo: 0 })).toEqual([2, 4, 7]);
  });

  it('a range with monthFrom after monthTo selects nothing', () => {
    expect(aggregateCube(CUBE, { ...everything, monthFrom: 2, monthTo: 1 }).total).toBe(0);
  });

  it('keeps only the listed category codes', () => {
    // Burglary: r0 2 + r2 1 | r4 5 | none
    const t = aggregateCube(CUBE, { ...everything, categories: [BURGLARY] });
    expect(Array.from(t.count)).toEqual([3, 5, 0]);
    expect(t.total).toBe(8);
  });

  it('category codes outside the cube list select nothing', () => {
    expect(aggregateCube(CUBE, { ...everything, categories: [-1, 3, 99] }).total).toBe(0);
  });

  it('a borough filter keeps rows in the listed boroughs', () => {
    // B1: r0 2 + r1 3
    expect(counts({ ...everything, area: { kind: 'borough', codes: ['B1'] } })).toEqual([5, 0, 0]);
  });

  it('a borough filter listing every borough still drops rows outside every borough', () => {
    // 28 minus r4 (5, borough -1)
    const t = aggregateCube(CUBE, { ...everything, area: { kind: 'borough', codes: ['B1', 'B2', 'B3'] } });
    expect(Array.from(t.count)).toEqual([6, 4, 13]);
    expect(t.total).toBe(23);
  });

  it('a bcu filter keeps rows whose borough is in the BCU and drops boroughs with no BCU', () => {
    // BCU X = B1 + B2: r0 2, r1 3, r2 1 | r3 4. B3 (null BCU) and r4 (no borough) dropped.
    const t = aggregateCube(CUBE, { ...everything, area: { kind: 'bcu', codes: ['X'] } });
    expect(Array.from(t.count)).toEqual([6, 4, 0]);
    expect(t.total).toBe(10);
  });

  it('a ward filter keeps rows in the listed wards', () => {
    // W3: r6 6 only; r5 is in B3 but in no ward.
    expect(counts({ ...everything, area: { kind: 'ward', codes: ['W3'] } })).toEqual([0, 0, 6]);
  });

  it('a ward filter listing every ward drops rows outside every ward', () => {
    // 28 minus r4 (5) and r5 (7)
    expect(aggregateCube(CUBE, { ...everything, area: { kind: 'ward', codes: ['W1', 'W2', 'W3'] } }).total).toBe(16);
  });

  it('area codes the cube does not know select nothing', () => {
    expect(aggregateCube(CUBE, { ...everything, area: { kind: 'borough', codes: ['E09000033'] } }).total).toBe(0);
  });

  it('combines month, category and area filters', () => {
    // 2023-01..02, Burglary+Robbery, BCU X: r0 2 | r3 4
    const t = aggregateCube(CUBE, { monthFrom: 0, monthTo: 1, categories: [BURGLARY, ROBBERY], area: { kind: 'bcu', codes: ['X'] } });
    expect(Array.from(t.count)).toEqual([2, 4, 0]);
  });

  it('with weights, value is the sum of count × weight of the category', () => {
    // weights Burglary 10, Drugs 1, Robbery 0.5:
    // cellA 2·10 + 3·1 + 1·10 = 33; cellB 4·0.5 + 5·10 = 52; cellC 7·0.5 + 6·1 = 9.5
    const t = aggregateCube(CUBE, everything, [10, 1, 0.5]);
    expect(Array.from(t.value)).toEqual([33, 52, 9.5]);
    expect(t.totalValue).toBe(94.5);
  });

  it('weights change the value but not the count', () => {
    const t = aggregateCube(CUBE, everything, [10, 1, 0.5]);
    expect(Array.from(t.count)).toEqual([6, 9, 13]);
    expect(t.total).toBe(28);
  });

  it('without weights, value equals the count', () => {
    const t = aggregateCube(CUBE, everything);
    expect(Array.from(t.value)).toEqual([6, 9, 13]);
    expect(t.totalValue).toBe(28);
  });

  it('weights apply after the filters', () => {
    // Robbery only, weight 0.5: r3 4·0.5 = 2 | r5 7·0.5 = 3.5
    const t = aggregateCube(CUBE, { ...everything, categories: [ROBBERY] }, [10, 1, 0.5]);
    expect(Array.from(t.value)).toEqual([0, 2, 3.5]);
  });

  it('returns one entry per cell, zero for cells with no matching rows', () => {
    const t = aggregateCube(CUBE, { ...everything, categories: [] });
    expect(t.count).toHaveLength(3);
    expect(Array.from(t.count)).toEqual([0, 0, 0]);
  });
});

// -- cellBreakdown -----------------------------------------------------------------------

describe('cellBreakdown(cube, filter, cellCode)', () => {
  it('lists categories by count, largest first', () => {
    // cellC: Robbery 7, Drugs 6 (not alphabetical order)
    expect(cellBreakdown(CUBE, everything, 2).byCategory).toEqual([
      { category: 'Robbery', count: 7 },
      { category: 'Drugs', count: 6 },
    ]);
  });

  it('orders categories with equal counts by name', () => {
    // cellA: Burglary 2+1 = 3, Drugs 3
    expect(cellBreakdown(CUBE, everything, 0).byCategory).toEqual([
      { category: 'Burglary', count: 3 },
      { category: 'Drugs', count: 3 },
    ]);
  });

  it('leaves out categories with no crimes under the filter', () => {
    // cellA in 2023-02..03: Drugs 3, Burglary 1; Robbery absent
    const b = cellBreakdown(CUBE, { ...everything, monthFrom: 1 }, 0);
    expect(b.byCategory).toEqual([
      { category: 'Drugs', count: 3 },
      { category: 'Burglary', count: 1 },
    ]);
    expect(b.total).toBe(4);
  });

  it('total is the crimes in the cell under the filter', () => {
    // cellB, BCU X: r3 4 only (r4 is outside every borough)
    expect(cellBreakdown(CUBE, { ...everything, area: { kind: 'bcu', codes: ['X'] } }, 1).total).toBe(4);
  });

  it('main ward and borough are those holding most of the cell crimes', () => {
    // cellA: W1/B1 hold 5, W2/B2 hold 1
    const b = cellBreakdown(CUBE, everything, 0);
    expect(b.ward).toBe('W1');
    expect(b.borough).toBe('B1');
  });

  it('main ward and borough follow the filter', () => {
    // cellA in 2023-03 only: r2 (W2, B2)
    const b = cellBreakdown(CUBE, { ...everything, monthFrom: 2, monthTo: 2 }, 0);
    expect([b.ward, b.borough]).toEqual(['W2', 'B2']);
  });

  it('a cell whose crimes are all outside every ward and borough has null ward and borough', () => {
    // cellB, Burglary only: r4
    const b = cellBreakdown(CUBE, { ...everything, categories: [BURGLARY] }, 1);
    expect([b.ward, b.borough, b.total]).toEqual([null, null, 5]);
  });

  it('a cell with no crimes under the filter has an empty breakdown', () => {
    const b = cellBreakdown(CUBE, { ...everything, categories: [DRUGS] }, 1);
    expect(b).toEqual({ byCategory: [], ward: null, borough: null, total: 0, stopSearch: 0, value: 0, series: [0, 0, 0] });
  });

  it('gives the monthly series and weighted value under the same filter as its total (area included)', () => {
    // cellA in borough B1 only: r0 (Jan, Burglary 2) and r1 (Feb, Drugs 3); r2 (Mar) is in B2.
    const f: CubeFilter = { ...everything, area: { kind: 'borough', codes: ['B1'] } };
    const b = cellBreakdown(CUBE, f, 0, [10, 1, 100]);
    expect(b.total).toBe(5);
    expect(b.value).toBe(2 * 10 + 3 * 1);
    expect(b.series).toEqual([20, 3, 0]);
    // Months 2023-02..03 only: the series covers the filter's months.
    expect(cellBreakdown(CUBE, { ...everything, monthFrom: 1 }, 0).series).toEqual([3, 1]);
  });

  it('counts stop-and-search records apart from crimes, here and in aggregateCube', () => {
    const cube = makeCube({ ...DIMS, cells: ['only'], categories: ['Burglary', 'Drugs', 'Stop and search'] }, [
      { cell: 0, month: 0, category: 0, ward: 0, borough: 0, count: 4 },
      { cell: 0, month: 1, category: 2, ward: 0, borough: 0, count: 9 },
    ]);
    const f: CubeFilter = { ...everything, categories: [0, 1, 2] };
    const b = cellBreakdown(cube, f, 0);
    expect([b.total, b.stopSearch]).toEqual([4, 9]);
    const t = aggregateCube(cube, f);
    expect([t.total, t.stopSearch]).toEqual([13, 9]);
    expect(aggregateCube(cube, { ...f, categories: [0] }).stopSearch).toBe(0);
  });

  it('a tie between two wards goes to the lower ward code', () => {
    const cube = makeCube({ ...DIMS, cells: ['only'] }, [
      { cell: 0, month: 0, category: DRUGS, ward: 2, borough: 2, count: 4 },
      { cell: 0, month: 0, category: BURGLARY, ward: 1, borough: 1, count: 4 },
    ]);
    const b = cellBreakdown(cube, everything, 0);
    expect([b.ward, b.borough]).toEqual(['W2', 'B2']);
  });
});

// -- cellCode, monthLabel ----------------------------------------------------------------

describe('cellCode(cube, cell)', () => {
  // Real H3 resolution-9 cells, sorted as strings (all H3 indexes are 15 hex digits).
  const cube = makeCube({ ...DIMS, cells: ['89195da49a3ffff', '89195da49b7ffff', '89195da4d2fffff', '89195da4d37ffff'] }, []);

  it('returns the index of every cell in the sorted list', () => {
    expect(cube.cells.map((c) => cellCode(cube, c))).toEqual([0, 1, 2, 3]);
  });

  it('returns -1 for a cell not in the cube', () => {
    expect(cellCode(cube, '89195da49afffff')).toBe(-1);
  });

  it('returns -1 on a cube with no cells', () => {
    expect(cellCode(makeCube({ ...DIMS, cells: [] }, []), '89195da49a3ffff')).toBe(-1);
  });
});

describe('monthLabel(year·12 + month − 1)', () => {
  it("labels January and December of a year as 'YYYY-01' and 'YYYY-12'", () => {
    expect(monthLabel(2023 * 12 + 0)).toBe('2023-01');
    expect(monthLabel(2023 * 12 + 11)).toBe('2023-12');
  });

  it('rolls over to January of the next year after December', () => {
    expect(monthLabel(2023 * 12 + 12)).toBe('2024-01');
  });
});

describe('crimeCategorySwitch', () => {
  it('switches on the given crime categories, ignores codes out of range, and never stop and search', () => {
    expect([...crimeCategorySwitch(CUBE, [BURGLARY, ROBBERY, -1, 99])]).toEqual([1, 0, 1]);
    const withStops: CrimeCube = { ...CUBE, categories: ['Burglary', 'Stop and search', 'Robbery'] };
    expect([...crimeCategorySwitch(withStops, [0, 1, 2])]).toEqual([1, 0, 1]);
  });
});
