/**
 * The hot spots of a ward for its profile's small map (issue 13, item 5): the cells holding most
 * of the ward's harm over the filter's months and categories. As ward-profile.ts, a crime counts
 * for the ward its own point lies in (the cube's ward code), never by cell, so a cell on the
 * ward's edge holds only the ward's own crimes. Ranked by harm, then crimes, then cell id.
 */
import type { CrimeCube, CubeFilter } from '../cube';
import { crimeCategoriesOn } from './cube-reads.ts';

export interface WardHotCell {
  h3: string;
  crimes: number;
  harm: number;
  /** Share of the ward's harm in this cell, 0..1 (0 when the ward has no harm). */
  share: number;
}

/**
 * The ward's `top` cells by harm (cells with no harm are never hot; fewer when fewer have harm).
 * @throws {Error} when the ward is not in the cube.
 */
export function wardHotCells(cube: CrimeCube, filter: CubeFilter, harmWeights: ArrayLike<number>, ward: string, top = 5): WardHotCell[] {
  const w = cube.wards.indexOf(ward);
  if (w < 0) throw new Error(`wardHotCells: ward ${ward} is not in the data`);
  const on = crimeCategoriesOn(cube, filter);
  const crimes = new Float64Array(cube.cells.length);
  const harm = new Float64Array(cube.cells.length);
  let total = 0;
  for (let code = 0; code < cube.cells.length; code++) {
    for (let r = cube.cellStart[code]; r < cube.cellStart[code + 1]; r++) {
      if (cube.ward[r] !== w || on[cube.category[r]] === 0 || cube.month[r] < filter.monthFrom || cube.month[r] > filter.monthTo) continue;
      const k = cube.count[r];
      crimes[code] += k;
      harm[code] += k * harmWeights[cube.category[r]];
    }
    total += harm[code];
  }
  return [...harm.keys()]
    .filter((c) => harm[c] > 0)
    .sort((a, b) => harm[b] - harm[a] || crimes[b] - crimes[a] || (cube.cells[a] < cube.cells[b] ? -1 : 1))
    .slice(0, top)
    .map((c) => ({ h3: cube.cells[c], crimes: crimes[c], harm: harm[c], share: total > 0 ? harm[c] / total : 0 }));
}
