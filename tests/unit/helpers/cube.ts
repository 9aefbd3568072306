/** Hand-made crime cubes for unit tests, laid out as the docs of CrimeCube describe. */
import { ALL_CATEGORIES } from '../../../src/analysis/categories';
import type { CrimeCube } from '../../../src/analysis/cube';

export interface CubeRow {
  cell: string;
  month: number;
  category: number;
  count: number;
  /** Index into `opts.wards` / `opts.boroughs` of the crimes' own points; default -1 (outside every one). */
  ward?: number;
  borough?: number;
}

/**
 * A CrimeCube of `rows` (cells sorted, rows sorted by cell, cellStart offsets). Ward and borough
 * are -1 in a row unless it names them: the study area, not a ward or borough, decides what is
 * inside. `boroughBcu` defaults to null (no BCU) for every borough.
 */
export function cubeOfRows(
  cells: readonly string[],
  months: string[],
  rows: CubeRow[],
  opts: { categories?: readonly string[]; resolution?: number; boroughs?: string[]; wards?: string[]; boroughBcu?: (string | null)[] } = {},
): CrimeCube {
  const sortedCells = [...new Set(cells)].sort();
  const code = (c: string) => {
    const i = sortedCells.indexOf(c);
    if (i < 0) throw new Error(`cubeOfRows: row cell ${c} is not in the cube's cells`);
    return i;
  };
  const sorted = rows.map((r) => ({ ...r, code: code(r.cell) })).sort((a, b) => a.code - b.code);
  const cellStart = new Int32Array(sortedCells.length + 1);
  for (const r of sorted) cellStart[r.code + 1]++;
  for (let c = 0; c < sortedCells.length; c++) cellStart[c + 1] += cellStart[c];
  const boroughs = opts.boroughs ?? [];
  return {
    resolution: opts.resolution ?? 9,
    cells: sortedCells,
    months,
    categories: opts.categories ?? ALL_CATEGORIES,
    wards: opts.wards ?? [],
    boroughs,
    boroughBcu: opts.boroughBcu ?? boroughs.map(() => null),
    cell: Int32Array.from(sorted, (r) => r.code),
    month: Uint16Array.from(sorted, (r) => r.month),
    category: Uint8Array.from(sorted, (r) => r.category),
    ward: Int16Array.from(sorted, (r) => r.ward ?? -1),
    borough: Int16Array.from(sorted, (r) => r.borough ?? -1),
    count: Int32Array.from(sorted, (r) => r.count),
    cellStart,
  };
}
