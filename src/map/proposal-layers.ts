/**
 * The selected Clear/Hold/Build site on the map (issue 13, item 1): every one of its cells
 * outlined thinly, the site's merged outline drawn thick over them, and the box to frame it.
 * Lime, which neither the viridis counts, the red/blue hot spots, the cyan cluster outline, the
 * pink selected hexagon nor the base map use (tests find the site by it).
 */
import { PathLayer } from '@deck.gl/layers';
import type { Position } from 'geojson';
import { cellsToMultiPolygon, cellToBoundary } from 'h3-js';
import { type Bounds, outlineBounds, outlinePaths } from './cluster-layers';

export const SITE_OUTLINE_RGB: [number, number, number] = [160, 255, 0];

/** Each cell's boundary as a closed path, longitude/latitude. */
export function cellPaths(cells: readonly string[]): Position[][] {
  return cells.map((c) => {
    const ring = cellToBoundary(c, true);
    return [...ring, ring[0]];
  });
}

/** West, south, east, north of the cells. @throws {Error} on no cells. */
export function siteBounds(cells: readonly string[]): Bounds {
  if (cells.length === 0) throw new Error('siteBounds: no cells');
  return outlineBounds({ type: 'MultiPolygon', coordinates: cellsToMultiPolygon([...cells], true) });
}

/** The site's cells (thin) and its outline (thick); no layer without cells. */
export function proposalLayers(cells: readonly string[]) {
  if (cells.length === 0) return [];
  const outline = { type: 'MultiPolygon' as const, coordinates: cellsToMultiPolygon([...cells], true) };
  return [
    new PathLayer<Position[]>({
      id: 'proposal-cells',
      data: cellPaths(cells),
      getPath: (p) => p as never,
      getColor: [...SITE_OUTLINE_RGB, 160],
      getWidth: 1,
      widthUnits: 'pixels',
    }),
    new PathLayer<Position[]>({
      id: 'proposal-outline',
      data: outlinePaths(outline),
      getPath: (p) => p as never,
      getColor: [...SITE_OUTLINE_RGB, 255],
      getWidth: 4,
      widthUnits: 'pixels',
      jointRounded: true,
    }),
  ];
}
