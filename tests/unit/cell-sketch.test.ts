/** The printable sketch of cells (src/map/cell-sketch.ts): fitting, aspect, centres. */
import { describe, expect, it } from 'vitest';
import { cellToBoundary, cellToLatLng, greatCircleDistance, gridDisk, latLngToCell } from 'h3-js';
import { cellSketch } from '../../src/map/cell-sketch';

describe('cellSketch', () => {
  const C = latLngToCell(51.5, -0.1, 9);
  const cells = gridDisk(C, 2);
  it('fits every vertex inside the box with its margin, keeping the ground shape', () => {
    const s = cellSketch(cells, [], 400, 8);
    expect(s.width).toBe(400);
    const xs = s.cells.flatMap((c) => [...c.d.matchAll(/[ML]([-\d.]+),([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]));
    expect(Math.min(...xs.map((p) => p[0]))).toBeCloseTo(8, 0);
    expect(Math.max(...xs.map((p) => p[0]))).toBeCloseTo(392, 0);
    expect(Math.min(...xs.map((p) => p[1]))).toBeCloseTo(8, 0);
    expect(Math.max(...xs.map((p) => p[1]))).toBeCloseTo(s.height - 8, 0);
    // A disk of hexagons is about as tall as wide on the ground: the sketch keeps that (not 1.6× as in raw degrees).
    const ring = cellToBoundary(C);
    expect(ring.length).toBe(6);
    expect(s.height / s.width).toBeGreaterThan(0.8);
    expect(s.height / s.width).toBeLessThan(1.25);
    // The centre cell's centre is the middle of the box.
    const mid = s.cells.find((c) => c.h3 === C)!;
    expect(mid.x).toBeCloseTo(200, -1);
    expect(mid.y).toBeCloseTo(s.height / 2, -1);
  });

  it('gives metres a unit: centre-to-centre distances in the sketch times it are the great-circle distances (scale bars)', () => {
    // A box about 6 km across, as a site or a ward: H3's own great-circle distance within 0.3 %.
    const wide = gridDisk(C, 8);
    const s = cellSketch(wide, [], 500);
    const at = new Map(s.cells.map((c) => [c.h3, c]));
    for (const [a, b] of [[wide[0], wide.at(-1)!], [wide[10], wide[200]], [C, wide.at(-5)!]]) {
      const sketch = Math.hypot(at.get(a)!.x - at.get(b)!.x, at.get(a)!.y - at.get(b)!.y) * s.metresPerUnit;
      const ground = greatCircleDistance(cellToLatLng(a), cellToLatLng(b), 'm');
      expect(Math.abs(sketch / ground - 1)).toBeLessThan(0.003);
    }
  });

  it('refuses an empty sketch', () => {
    expect(() => cellSketch([], [])).toThrow(/no cells or outlines/);
  });
});
