import { booleanPointInPolygon, point } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { cellToLatLng, getPentagons, gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { ringNeighbours, studyAreaCells } from '../../src/analysis/study-area.ts';

// -- Fixtures made here ------------------------------------------------------------------

function square(west: number, south: number, east: number, north: number): Polygon['coordinates'][number] {
  return [[west, south], [east, south], [east, north], [west, north], [west, south]];
}

function polygonFeature(...rings: Polygon['coordinates']): Feature<Polygon> {
  return { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: rings } };
}

/** About 5.5 km × 4.4 km of central London (Westminster to the City). */
const CENTRAL = polygonFeature(square(-0.16, 51.49, -0.08, 51.53));

/** GeoJSON [lng, lat] of an H3 cell centre (h3-js answers [lat, lng]). */
function centre(cell: string): [number, number] {
  const [lat, lng] = cellToLatLng(cell);
  return [lng, lat];
}

// -- studyAreaCells ----------------------------------------------------------------------

describe('studyAreaCells(polygons, resolution)', () => {
  it('returns exactly the cells whose centre is inside the polygon (checked with turf)', () => {
    const cells = studyAreaCells([CENTRAL], 9);
    expect(cells.length).toBeGreaterThan(200);
    for (const c of cells) expect(booleanPointInPolygon(point(centre(c)), CENTRAL)).toBe(true);
    // Completeness: every ring-1 neighbour not returned has its centre outside.
    const inArea = new Set(cells);
    for (const c of cells) {
      for (const d of gridDisk(c, 1)) {
        if (!inArea.has(d)) expect(booleanPointInPolygon(point(centre(d)), CENTRAL)).toBe(false);
      }
    }
  });

  it('reads GeoJSON as [lng, lat]: the cell of Trafalgar Square is in a square around it', () => {
    const trafalgar = latLngToCell(51.508, -0.128, 10);
    expect(studyAreaCells([polygonFeature(square(-0.13, 51.507, -0.126, 51.509))], 10)).toContain(trafalgar);
  });

  it('returns a sorted union without duplicates for overlapping polygons and MultiPolygons', () => {
    const a = square(-0.16, 51.49, -0.1, 51.52);
    const b = square(-0.12, 51.5, -0.08, 51.53);
    const separate = [...new Set([...studyAreaCells([polygonFeature(a)], 9), ...studyAreaCells([polygonFeature(b)], 9)])].sort();
    const both = studyAreaCells([polygonFeature(a), polygonFeature(b)], 9);
    const multi: Feature<MultiPolygon> = { type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: [[a], [b]] } };
    expect(both).toEqual(separate);
    expect(studyAreaCells({ type: 'FeatureCollection', features: [multi] }, 9)).toEqual(separate);
    expect(new Set(both).size).toBe(both.length);
    expect([...both].sort()).toEqual(both);
  });

  it('leaves out cells whose centre is in a hole', () => {
    const hole = square(-0.13, 51.5, -0.11, 51.515);
    const withHole = studyAreaCells([polygonFeature(square(-0.16, 51.49, -0.08, 51.53), hole)], 9);
    const inHole = studyAreaCells([polygonFeature(hole)], 9);
    expect(inHole.length).toBeGreaterThan(10);
    for (const c of inHole) expect(withHole).not.toContain(c);
    expect(withHole.length + inHole.length).toBe(studyAreaCells([CENTRAL], 9).length);
  });

  it('throws, naming itself, for a bad resolution or a non-polygon feature', () => {
    expect(() => studyAreaCells([CENTRAL], 16)).toThrow(/studyAreaCells/);
    expect(() => studyAreaCells([CENTRAL], 8.5)).toThrow(/studyAreaCells/);
    const pt = { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [0, 51] } };
    expect(() => studyAreaCells([pt as unknown as Feature<Polygon>], 9)).toThrow(/studyAreaCells.*Point/);
  });
});

// -- ringNeighbours ----------------------------------------------------------------------

describe('ringNeighbours(cells)', () => {
  it('gives a 7-cell disk 7 entries for the centre and 4 for each outer cell', () => {
    // Outer cell: itself, the centre and its two outer neighbours on the ring.
    const centreCell = latLngToCell(51.508, -0.128, 10);
    const disk = gridDisk(centreCell, 1).sort();
    const nb = ringNeighbours(disk);
    const c = disk.indexOf(centreCell);
    const sizes = disk.map((_, i) => nb.offsets[i + 1] - nb.offsets[i]);
    expect(sizes[c]).toBe(7);
    expect(sizes.filter((s, i) => i !== c)).toEqual([4, 4, 4, 4, 4, 4]);
    expect([...nb.indices.subarray(nb.offsets[c], nb.offsets[c + 1])]).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('on a London grid: rows are sorted, include the cell, are symmetric, and match gridDisk', () => {
    const cells = studyAreaCells([CENTRAL], 9);
    const { offsets, indices } = ringNeighbours(cells);
    const rows = cells.map((_, i) => [...indices.subarray(offsets[i], offsets[i + 1])]);
    const inArea = new Set(cells);
    rows.forEach((row, i) => {
      expect(row).toContain(i);
      expect([...row].sort((a, b) => a - b)).toEqual(row);
      for (const j of row) expect(rows[j]).toContain(i);
      expect(row.map((j) => cells[j]).sort()).toEqual(gridDisk(cells[i], 1).filter((d) => inArea.has(d)).sort());
    });
    // Interior cells have all 7; some edge cells fewer.
    expect(rows.filter((r) => r.length === 7).length).toBeGreaterThan(cells.length / 2);
    expect(rows.some((r) => r.length < 7)).toBe(true);
  });

  it('handles a pentagon: its row has 6 entries (itself and 5 neighbours)', () => {
    const pentagon = getPentagons(5)[0];
    const disk = gridDisk(pentagon, 1).sort();
    const nb = ringNeighbours(disk);
    const p = disk.indexOf(pentagon);
    expect(disk.length).toBe(6);
    expect(nb.offsets[p + 1] - nb.offsets[p]).toBe(6);
  });

  it('throws, naming itself, for an invalid cell, a repeated cell or mixed resolutions', () => {
    const a = latLngToCell(51.5, -0.12, 9);
    expect(() => ringNeighbours([a, 'not-a-cell'])).toThrow(/ringNeighbours/);
    expect(() => ringNeighbours([a, a])).toThrow(/ringNeighbours.*twice/);
    expect(() => ringNeighbours([a, latLngToCell(51.5, -0.12, 10)])).toThrow(/ringNeighbours.*resolution/);
  });

  it('returns an empty structure for no cells', () => {
    const nb = ringNeighbours([]);
    expect([...nb.offsets]).toEqual([0]);
    expect(nb.indices.length).toBe(0);
  });
});
