/**
 * The few sums over the crime cube that tasking needs: facts per cell, and monthly harm of a set
 * of cells. The rows are the filter's months and categories with stop-and-search records left
 * out (they are not crimes, cube.ts `CellBreakdown`), the same rows clusters.ts counts.
 */
import { cellCode, crimeCategorySwitch, type CrimeCube, type CubeFilter } from '../cube';
import type { CellFacts } from './patrol.ts';

/** Category switch per code: the filter's categories, stop and search off. */
export function crimeCategoriesOn(cube: CrimeCube, filter: CubeFilter): Uint8Array {
  return crimeCategorySwitch(cube, filter.categories);
}

/**
 * Crimes, harm and crime types (by harm, then crimes, then name) of each cell over the filter's
 * months and categories. A cell without rows has 0 and no types.
 */
export function cellFacts(cube: CrimeCube, filter: CubeFilter, harmWeights: ArrayLike<number>, cells: Iterable<string>): Map<string, CellFacts> {
  const on = crimeCategoriesOn(cube, filter);
  const out = new Map<string, CellFacts>();
  const C = cube.categories.length;
  for (const cell of cells) {
    if (out.has(cell)) continue;
    const code = cellCode(cube, cell);
    const crimesBy = new Float64Array(C);
    const harmBy = new Float64Array(C);
    if (code >= 0) {
      for (let r = cube.cellStart[code]; r < cube.cellStart[code + 1]; r++) {
        const m = cube.month[r];
        const cat = cube.category[r];
        if (m < filter.monthFrom || m > filter.monthTo || on[cat] === 0) continue;
        crimesBy[cat] += cube.count[r];
        harmBy[cat] += cube.count[r] * harmWeights[cat];
      }
    }
    const types = [...crimesBy.keys()]
      .filter((c) => crimesBy[c] > 0)
      .sort((a, b) => harmBy[b] - harmBy[a] || crimesBy[b] - crimesBy[a] || cube.categories[a].localeCompare(cube.categories[b]));
    out.set(cell, {
      crimes: crimesBy.reduce((a, b) => a + b, 0),
      harm: harmBy.reduce((a, b) => a + b, 0),
      topTypes: types.map((c) => cube.categories[c]),
    });
  }
  return out;
}

/**
 * Monthly harm of a set of cells over cube months `from`..`from + T − 1` (the filter's
 * categories; months outside the filter's own range still count, so a series can reach back
 * before the analysed window when asked), and harm per category over the same months.
 */
export function monthlyHarmOf(
  cube: CrimeCube,
  filter: CubeFilter,
  harmWeights: ArrayLike<number>,
  cells: Iterable<string>,
  from: number,
  T: number,
): { harm: number[]; crimes: number[]; harmByType: Record<string, number>; crimesByType: Record<string, number> } {
  const on = crimeCategoriesOn(cube, filter);
  const harm = new Array<number>(T).fill(0);
  const crimes = new Array<number>(T).fill(0);
  const harmByType: Record<string, number> = {};
  const crimesByType: Record<string, number> = {};
  for (const cell of new Set(cells)) {
    const code = cellCode(cube, cell);
    if (code < 0) continue;
    for (let r = cube.cellStart[code]; r < cube.cellStart[code + 1]; r++) {
      const t = cube.month[r] - from;
      const cat = cube.category[r];
      if (t < 0 || t >= T || on[cat] === 0) continue;
      const k = cube.count[r];
      const h = k * harmWeights[cat];
      harm[t] += h;
      crimes[t] += k;
      const name = cube.categories[cat];
      harmByType[name] = (harmByType[name] ?? 0) + h;
      crimesByType[name] = (crimesByType[name] ?? 0) + k;
    }
  }
  return { harm, crimes, harmByType, crimesByType };
}
