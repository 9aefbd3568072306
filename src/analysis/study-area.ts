import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import {
  getDirectedEdgeDestination,
  getResolution,
  gridDisk,
  isValidCell,
  originToDirectedEdges,
  polygonToCells,
} from 'h3-js';
import type { Neighbours } from './gi-star.ts';

/** Area polygons as read from GeoJSON (borough boundaries, a custom area). */
export type AreaPolygons = FeatureCollection<Polygon | MultiPolygon> | readonly Feature<Polygon | MultiPolygon>[];

/**
 * The study area at one H3 resolution: every cell whose centre lies inside any of the polygons.
 *
 * Each polygon (each part of a MultiPolygon) goes to h3-js `polygonToCells` with its holes and
 * `isGeoJson = true`, because GeoJSON rings are `[lng, lat]` while h3-js otherwise expects
 * `[lat, lng]`. H3 assigns a cell to a polygon when the cell's centre is inside it, so cells are
 * never split and the union over polygons needs only deduplication. This is the study area of
 * ANALYSIS.md ("Study area and values"): cells with no crime belong to it and count in Gi*.
 * The result is sorted in code-unit order, which for H3 strings of one resolution is the order
 * of their 64-bit indexes, so the same polygons always give the same cell indices.
 *
 * @param polygons - A FeatureCollection or array of Polygon / MultiPolygon features.
 * @param resolution - H3 resolution, an integer 0–15.
 * @throws {Error} when the resolution is out of range or a feature is not a Polygon or
 *   MultiPolygon; h3-js errors (e.g. a malformed ring) propagate with the feature index added.
 * @returns Sorted, distinct H3 cell ids.
 * @example
 * const square = { type: 'Feature', properties: {}, geometry: { type: 'Polygon',
 *   coordinates: [[[-0.13, 51.50], [-0.12, 51.50], [-0.12, 51.51], [-0.13, 51.51], [-0.13, 51.50]]] } };
 * studyAreaCells([square], 9).length; // 7 (cells of about 0.1 km²)
 */
export function studyAreaCells(polygons: AreaPolygons, resolution: number): string[] {
  if (!Number.isInteger(resolution) || resolution < 0 || resolution > 15) {
    throw new Error(`studyAreaCells: resolution ${resolution} is not an integer from 0 to 15`);
  }
  const features = 'features' in polygons ? polygons.features : polygons;
  const cells = new Set<string>();
  features.forEach((feature, f) => {
    // Typed as Polygon | MultiPolygon, but area files are user input: check at run time.
    const geometry: { type?: string } | null | undefined = feature?.geometry;
    let parts: Polygon['coordinates'][];
    if (geometry?.type === 'Polygon') parts = [(geometry as Polygon).coordinates];
    else if (geometry?.type === 'MultiPolygon') parts = (geometry as MultiPolygon).coordinates;
    else throw new Error(`studyAreaCells: feature ${f} is ${geometry?.type ?? 'without geometry'}, not a Polygon or MultiPolygon`);
    for (const rings of parts) {
      let found: string[];
      try {
        found = polygonToCells(rings, resolution, true);
      } catch (error) {
        throw new Error(`studyAreaCells: h3-js polygonToCells failed on feature ${f}`, { cause: error });
      }
      for (const cell of found) cells.add(cell);
    }
  });
  return [...cells].sort();
}

/**
 * The cells adjacent to `cell` (sharing an edge), without gridDisk.
 * Used only if gridDisk throws for a valid cell: h3-js 4 computes gridDisk with a fallback
 * traversal around pentagons, so this path is a safeguard, not an expected case. Directed edges
 * exist for every valid cell, pentagons included (5 edges instead of 6).
 */
function adjacentByEdges(cell: string): string[] {
  return originToDirectedEdges(cell).map(getDirectedEdgeDestination);
}

/**
 * Ring-1 adjacency of a study area as binary Gi* weights in CSR form.
 *
 * Row i lists the indices (into `cells`) of `gridDisk(cells[i], 1)` that are in the study area,
 * cell i itself included, sorted ascending: the "binary weights over gridDisk(cell, 1)
 * restricted to the study area, the cell itself included" of ANALYSIS.md. An interior hexagon
 * has 7 entries; cells on the edge of the area have fewer, because cells outside the area are
 * not part of the statistic. Rows are symmetric (j in row i ⇔ i in row j).
 *
 * Pentagons: H3 has 12 pentagons per resolution, none near London. h3-js 4 returns their disk
 * (6 cells) normally. Should gridDisk nevertheless throw for a valid cell, the row is built from
 * the cell's directed edges (the cell and the destinations of its edges), which is the same set.
 *
 * @param cells - Distinct H3 cells of one resolution, e.g. from {@link studyAreaCells}.
 * @throws {Error} when a cell is not a valid H3 cell, appears twice, or has another resolution
 *   than cells[0].
 * @returns `{ offsets, indices }` with offsets.length = cells.length + 1.
 * @example
 * const disk = gridDisk('8a195da49a2ffff', 1).sort(); // Trafalgar Square, resolution 10
 * ringNeighbours(disk).offsets; // Int32Array [0, 4, 8, 12, 19, 23, 27, 31]: the centre (index 3) has 7
 */
export function ringNeighbours(cells: readonly string[]): Neighbours {
  const n = cells.length;
  const index = new Map<string, number>();
  const resolution = n > 0 ? getResolutionChecked(cells[0], 0) : 0;
  for (let i = 0; i < n; i++) {
    const cell = cells[i];
    if (getResolutionChecked(cell, i) !== resolution) {
      throw new Error(`ringNeighbours: cells[${i}] "${cell}" is not at resolution ${resolution} like cells[0]`);
    }
    if (index.has(cell)) throw new Error(`ringNeighbours: cell "${cell}" appears twice (indices ${index.get(cell)} and ${i})`);
    index.set(cell, i);
  }
  const offsets = new Int32Array(n + 1);
  const indices = new Int32Array(7 * n); // a ring-1 disk has at most 7 cells
  let used = 0;
  const row: number[] = [];
  for (let i = 0; i < n; i++) {
    let disk: string[];
    try {
      disk = gridDisk(cells[i], 1);
    } catch {
      // Not expected for a valid cell (see the doc comment); the edge route gives the same disk.
      disk = [cells[i], ...adjacentByEdges(cells[i])];
    }
    row.length = 0;
    for (const neighbour of disk) {
      const j = index.get(neighbour);
      if (j !== undefined && !row.includes(j)) row.push(j);
    }
    row.sort((a, b) => a - b);
    for (const j of row) indices[used++] = j;
    offsets[i + 1] = used;
  }
  return { offsets, indices: indices.slice(0, used) };
}

function getResolutionChecked(cell: string, i: number): number {
  if (typeof cell !== 'string' || !isValidCell(cell)) {
    throw new Error(`ringNeighbours: cells[${i}] "${String(cell)}" is not a valid H3 cell`);
  }
  return getResolution(cell);
}
