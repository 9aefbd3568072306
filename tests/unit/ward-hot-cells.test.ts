/** A ward's hot cells (src/analysis/tasking/ward-hot-cells.ts), worked by hand on a small cube. */
import { describe, expect, it } from 'vitest';
import { gridDisk, latLngToCell } from 'h3-js';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import type { CubeFilter } from '../../src/analysis/cube';
import { wardHotCells } from '../../src/analysis/tasking/ward-hot-cells';
import { cubeOfRows } from './helpers/cube';

const cells = gridDisk(latLngToCell(51.5117, -0.1233, 9), 1).sort();
const code = (n: string) => ALL_CATEGORIES.indexOf(n);
const HARM = Float64Array.from(ALL_CATEGORIES, (n) => (n === 'Robbery' ? 10 : n === 'Anti-social behaviour' ? 0 : 1));
const ALL = ALL_CATEGORIES.map((_, i) => i);

describe('wardHotCells', () => {
  // Ward 0: cell 0 robbery 1 (harm 10) in month 0; cell 1 burglary 4 (harm 4); cell 2 burglary 4 in
  // ward 1 (not counted); cell 3 ASB 9 (harm 0, never hot); cell 4 burglary 4 in month 2 (outside
  // the window 0..1); cell 5 burglary 4 and cell 6 burglary 2 + shoplifting 2 (harm 4 each: crimes tie, id decides).
  const rows = [
    { cell: cells[0], month: 0, category: code('Robbery'), count: 1, ward: 0 },
    { cell: cells[1], month: 1, category: code('Burglary'), count: 4, ward: 0 },
    { cell: cells[2], month: 1, category: code('Burglary'), count: 4, ward: 1 },
    { cell: cells[3], month: 0, category: code('Anti-social behaviour'), count: 9, ward: 0 },
    { cell: cells[4], month: 2, category: code('Burglary'), count: 4, ward: 0 },
    { cell: cells[5], month: 0, category: code('Burglary'), count: 4, ward: 0 },
    { cell: cells[6], month: 0, category: code('Burglary'), count: 2, ward: 0 },
    { cell: cells[6], month: 1, category: code('Shoplifting'), count: 2, ward: 0 },
  ];
  const cube = cubeOfRows(cells, ['2025-01', '2025-02', '2025-03'], rows, { wards: ['W0', 'W1'] });
  const filter: CubeFilter = { monthFrom: 0, monthTo: 1, categories: ALL, area: { kind: 'all' } };

  it('ranks the ward\'s own crimes by harm, then crimes, then id, within the window', () => {
    const hot = wardHotCells(cube, filter, HARM, 'W0', 3);
    // Ward harm in the window: 10 + 4 + 0 + 4 + 4 = 22.
    expect(hot).toEqual([
      { h3: cells[0], crimes: 1, harm: 10, share: 10 / 22 },
      { h3: cells[1], crimes: 4, harm: 4, share: 4 / 22 },
      { h3: cells[5], crimes: 4, harm: 4, share: 4 / 22 },
    ]);
    expect(wardHotCells(cube, filter, HARM, 'W0', 10).map((c) => c.h3)).toEqual([cells[0], cells[1], cells[5], cells[6]]);
  });

  it('follows the filter\'s categories, and refuses a ward not in the data', () => {
    expect(wardHotCells(cube, { ...filter, categories: [code('Burglary')] }, HARM, 'W0').map((c) => c.h3)).toEqual([cells[1], cells[5], cells[6]]);
    expect(() => wardHotCells(cube, filter, HARM, 'W9')).toThrow(/ward W9 is not in the data/);
  });
});
