/**
 * The patrol plan's link state and edits (src/state/patrol-url.ts): round trips, malformed links,
 * a click toggling a cell in and out (area cells and added ones), a lasso adding cells, and the
 * lasso's cells by centre, checked against a hand-made ring of cells.
 */
import { describe, expect, it } from 'vitest';
import { cellToLatLng, gridDisk, latLngToCell } from 'h3-js';
import {
  addCells,
  candidateCells,
  decodePatrol,
  DEFAULT_BUDGET_HOURS,
  EMPTY_PATROL,
  encodePatrol,
  lassoCells,
  type PatrolState,
  toggleCell,
  withPatrolParams,
} from '../../src/state/patrol-url';

const C = latLngToCell(51.5117, -0.1233, 9);
const ring1 = gridDisk(C, 1).filter((c) => c !== C).sort();

describe('patrol link state', () => {
  it('the closed default writes nothing, and a full state round-trips', () => {
    expect(encodePatrol(EMPTY_PATROL).toString()).toBe('');
    const s: PatrolState = { open: true, budget: 10.5, lasso: [[-0.12345, 51.5], [-0.1, 51.51], [-0.11, 51.52]], added: [ring1[0]], removed: [ring1[1], ring1[2]].sort() };
    expect(decodePatrol(`?${encodePatrol(s)}`)).toEqual(s);
    expect(decodePatrol('?patrol=1&pbudget=none')).toMatchObject({ open: true, budget: null });
  });

  it('malformed parameters fall back to their defaults; invalid cells are dropped', () => {
    const d = decodePatrol('?patrol=yes&pbudget=-3&plasso=1,2;3&padd=zz.' + C + '&prm=' + C);
    expect(d.open).toBe(false);
    expect(d.budget).toBe(DEFAULT_BUDGET_HOURS);
    expect(d.lasso).toBeNull();
    expect(d.added).toEqual([C]);
    // A cell both added and removed is kept as added.
    expect(d.removed).toEqual([]);
    expect(decodePatrol('?plasso=200,51;0,51;0,52').lasso).toBeNull();
  });

  it('appends to the view query without rewriting it', () => {
    expect(withPatrolParams('res=9&cat=2.9', { ...EMPTY_PATROL, open: true })).toBe('res=9&cat=2.9&patrol=1');
    expect(withPatrolParams('', { ...EMPTY_PATROL, open: true })).toBe('patrol=1');
    expect(withPatrolParams('res=9', EMPTY_PATROL)).toBe('res=9');
  });
});

describe('patrol edits', () => {
  const area = new Set([C, ring1[0]]);
  it('a click takes a cell of the plan out and puts it back; a cell outside the area is added and removed', () => {
    let s: PatrolState = { ...EMPTY_PATROL };
    s = toggleCell(s, C, area);
    expect(s.removed).toEqual([C]);
    expect(candidateCells([...area], s)).toEqual([ring1[0]]);
    s = toggleCell(s, C, area);
    expect(s.removed).toEqual([]);
    s = toggleCell(s, ring1[3], area);
    expect(s.added).toEqual([ring1[3]]);
    expect(candidateCells([...area], s)).toEqual([C, ring1[0], ring1[3]].sort());
    s = toggleCell(s, ring1[3], area);
    expect(s.added).toEqual([]);
  });

  it('a lasso puts every cell it holds into the plan', () => {
    const s = addCells({ ...EMPTY_PATROL, removed: [C] }, [C, ring1[4]], area);
    expect(s.removed).toEqual([]);
    expect(s.added).toEqual([ring1[4]]);
  });

  it('lassoCells: the cells whose centre is inside the drawn ring', () => {
    // A ring through points just outside the six neighbours' centres holds the 7 cells of the disk, no more.
    const [lat0, lon0] = cellToLatLng(C);
    const ring = ring1.map((c) => {
      const [lat, lon] = cellToLatLng(c);
      return [lon0 + (lon - lon0) * 1.3, lat0 + (lat - lat0) * 1.3] as [number, number];
    });
    // Order the points around the centre so the ring does not cross itself.
    ring.sort((a, b) => Math.atan2(a[1] - lat0, a[0] - lon0) - Math.atan2(b[1] - lat0, b[0] - lon0));
    expect(lassoCells(ring, 9)).toEqual(gridDisk(C, 1).sort());
    expect(lassoCells(ring.slice(0, 2), 9)).toEqual([]);
  });
});
