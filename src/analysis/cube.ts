/**
 * The crime cube: counts per (H3 cell, month, category, ward, borough), built once per
 * resolution by DuckDB (`src/db/cube.ts`) and filtered here in typed arrays.
 *
 * Why a cube: a filter change (months, categories, area) must redraw in milliseconds at a
 * million crimes. Re-running SQL over raw rows costs tens of milliseconds and a worker round
 * trip; a scan over the pre-aggregated cube is a few milliseconds (STACK.md section 8, the
 * "cube as JS typed arrays" figure), the way mosaic and Falcon-style data cubes answer brushes.
 */
import { STOP_AND_SEARCH } from './categories';

export interface CrimeCube {
  resolution: number;
  /** H3 cells (hex strings), index = cell code; sorted. */
  cells: string[];
  /** Months 'YYYY-MM', index = month code; every calendar month from first to last (zero-filled). */
  months: string[];
  /** Category names, index = category code (ALL_CATEGORIES order). */
  categories: readonly string[];
  /** Ward codes (index = ward code; -1 in rows = outside every ward). */
  wards: string[];
  /** Borough codes (index = borough code; -1 = outside every borough). */
  boroughs: string[];
  /** BCU code of each borough (null for the City of London). */
  boroughBcu: (string | null)[];
  /** Rows sorted by cell. */
  cell: Int32Array;
  month: Uint16Array;
  category: Uint8Array;
  ward: Int16Array;
  borough: Int16Array;
  count: Int32Array;
  /** cellStart[c]..cellStart[c+1] are cell c's rows. */
  cellStart: Int32Array;
}

export type AreaFilter =
  | { kind: 'all' }
  | { kind: 'borough'; codes: readonly string[] }
  | { kind: 'bcu'; codes: readonly string[] }
  | { kind: 'ward'; codes: readonly string[] };

export interface CubeFilter {
  /** Inclusive month codes (indices into cube.months). */
  monthFrom: number;
  monthTo: number;
  /** Category codes to include (indices into cube.categories). */
  categories: readonly number[];
  area: AreaFilter;
}

export interface CellTotals {
  /** Crimes per cell (index = cell code). */
  count: Float64Array;
  /** Weighted value per cell: sum of the category weights (harm), or the count when unweighted. */
  value: Float64Array;
  /** Records matched (crimes, plus stop-and-search records when that category is chosen). */
  total: number;
  totalValue: number;
  /** Of `total`, stop-and-search records: never counted as crimes ("crimes shown" = total − stopSearch). */
  stopSearch: number;
}

/** The cube's code for stop-and-search records (-1 when it has none). */
export function stopSearchCode(cube: CrimeCube): number {
  return cube.categories.indexOf(STOP_AND_SEARCH);
}

/**
 * A switch per category code: 1 for the given crime categories, 0 for the others and always for
 * stop and search (its records are not crimes: `CellBreakdown`).
 */
export function crimeCategorySwitch(cube: CrimeCube, categories: readonly number[]): Uint8Array {
  const on = new Uint8Array(cube.categories.length);
  for (const c of categories) if (c >= 0 && c < on.length) on[c] = 1;
  const ss = stopSearchCode(cube);
  if (ss >= 0) on[ss] = 0;
  return on;
}

/** The area filter as two masks over boroughs and wards; null means "no restriction". */
function areaMasks(cube: CrimeCube, area: AreaFilter): { borough: Uint8Array | null; ward: Uint8Array | null } {
  if (area.kind === 'all') return { borough: null, ward: null };
  if (area.kind === 'ward') {
    const want = new Set(area.codes);
    return { borough: null, ward: Uint8Array.from(cube.wards, (w) => (want.has(w) ? 1 : 0)) };
  }
  const want = new Set(area.codes);
  const borough =
    area.kind === 'borough'
      ? Uint8Array.from(cube.boroughs, (b) => (want.has(b) ? 1 : 0))
      : Uint8Array.from(cube.boroughBcu, (bcu) => (bcu !== null && want.has(bcu) ? 1 : 0));
  return { borough, ward: null };
}

/**
 * Sums the cube over a filter: crimes and weighted value per cell.
 *
 * @param weights per category code; omitted = every category weighs 1 (a count)
 * @example aggregateCube(cube, { monthFrom: 0, monthTo: 11, categories: [2], area: { kind: 'all' } }).count
 */
export function aggregateCube(cube: CrimeCube, filter: CubeFilter, weights?: ArrayLike<number>): CellTotals {
  const count = new Float64Array(cube.cells.length);
  const value = new Float64Array(cube.cells.length);
  const catOn = new Uint8Array(cube.categories.length);
  for (const c of filter.categories) if (c >= 0 && c < catOn.length) catOn[c] = 1;
  const { borough, ward } = areaMasks(cube, filter.area);
  const { monthFrom, monthTo } = filter;
  let total = 0;
  let totalValue = 0;
  const n = cube.count.length;
  const ss = stopSearchCode(cube);
  let stopSearch = 0;
  for (let i = 0; i < n; i++) {
    const m = cube.month[i];
    if (m < monthFrom || m > monthTo) continue;
    const cat = cube.category[i];
    if (catOn[cat] === 0) continue;
    if (cat === ss) stopSearch += cube.count[i];
    if (borough !== null) {
      const b = cube.borough[i];
      if (b < 0 || borough[b] === 0) continue;
    }
    if (ward !== null) {
      const w = cube.ward[i];
      if (w < 0 || ward[w] === 0) continue;
    }
    const k = cube.count[i];
    const v = weights ? k * weights[cat] : k;
    count[cube.cell[i]] += k;
    value[cube.cell[i]] += v;
    total += k;
    totalValue += v;
  }
  return { count, value, total, totalValue, stopSearch };
}

/**
 * What one cell holds under a filter: records per category, its main ward and borough, its total,
 * weighted value and monthly series. The tooltip and the selected-hexagon panel both read this one
 * function, so they cannot disagree (issue 10: a tooltip said 110 crimes where the panel said 85).
 */
export interface CellBreakdown {
  byCategory: { category: string; count: number }[];
  ward: string | null;
  borough: string | null;
  /** Crimes (stop-and-search records are in `stopSearch`, never here). */
  total: number;
  /** Stop-and-search records matched (0 unless that category is chosen). */
  stopSearch: number;
  /** Weighted value (harm days with weights; = total without). */
  value: number;
  /** Weighted value per month of the filter's range, oldest first. */
  series: number[];
}

/**
 * Breakdown of one cell under a filter (months, categories, area: the same rules as
 * {@link aggregateCube}). Ward and borough are those holding most of its crimes.
 *
 * @param weights per category code; omitted = counts
 */
export function cellBreakdown(cube: CrimeCube, filter: CubeFilter, cellCode: number, weights?: ArrayLike<number>): CellBreakdown {
  const byCat = new Float64Array(cube.categories.length);
  const wardN = new Map<number, number>();
  const boroughN = new Map<number, number>();
  const catOn = new Set(filter.categories);
  const { borough, ward } = areaMasks(cube, filter.area);
  const ss = stopSearchCode(cube);
  const series: number[] = new Array(Math.max(0, filter.monthTo - filter.monthFrom + 1)).fill(0);
  let total = 0;
  let stopSearch = 0;
  let value = 0;
  for (let i = cube.cellStart[cellCode]; i < cube.cellStart[cellCode + 1]; i++) {
    const m = cube.month[i];
    if (m < filter.monthFrom || m > filter.monthTo || !catOn.has(cube.category[i])) continue;
    if (borough !== null && (cube.borough[i] < 0 || borough[cube.borough[i]] === 0)) continue;
    if (ward !== null && (cube.ward[i] < 0 || ward[cube.ward[i]] === 0)) continue;
    const k = cube.count[i];
    const v = weights ? k * weights[cube.category[i]] : k;
    byCat[cube.category[i]] += k;
    wardN.set(cube.ward[i], (wardN.get(cube.ward[i]) ?? 0) + k);
    boroughN.set(cube.borough[i], (boroughN.get(cube.borough[i]) ?? 0) + k);
    if (cube.category[i] === ss) stopSearch += k;
    else total += k;
    value += v;
    series[m - filter.monthFrom] += v;
  }
  // The main ward/borough is the real one holding most crimes; "outside every ward" (-1) is
  // never chosen over a real one, however few crimes the real one holds.
  const top = (m: Map<number, number>, names: string[]) => {
    let best = -1;
    let bestN = -1;
    for (const [k, v] of m) if (k >= 0 && (v > bestN || (v === bestN && k < best))) [best, bestN] = [k, v];
    return best >= 0 ? names[best] : null;
  };
  const byCategory = Array.from(byCat, (count, i) => ({ category: cube.categories[i], count }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category));
  return { byCategory, ward: top(wardN, cube.wards), borough: top(boroughN, cube.boroughs), total, stopSearch, value, series };
}

/** Index of a cell in the cube, or -1 (binary search: cells are sorted). */
export function cellCode(cube: CrimeCube, cell: string): number {
  let lo = 0;
  let hi = cube.cells.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const c = cube.cells[mid];
    if (c === cell) return mid;
    if (c < cell) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** 'YYYY-MM' for a month count since year 0 (year·12 + month − 1). */
export function monthLabel(monthNumber: number): string {
  const y = Math.floor(monthNumber / 12);
  const m = (monthNumber % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}`;
}
