/**
 * The matched comparison cells of a site's review (issue 14, item 2) on the map, while the review
 * is open: each cell outlined in white, which neither the viridis counts, the red/blue hot spots,
 * the lime site, the cyan clusters, the magenta patrol cells nor the amber border lines use.
 */
import { PathLayer } from '@deck.gl/layers';
import type { Position } from 'geojson';
import { cellPaths } from './proposal-layers';

export const MATCHED_OUTLINE_RGB: [number, number, number] = [255, 255, 255];

/** The matched cells outlined; no layer without cells. */
export function reviewLayers(matched: readonly string[]) {
  if (matched.length === 0) return [];
  return [
    new PathLayer<Position[]>({
      id: 'review-matched-cells',
      data: cellPaths(matched),
      getPath: (p) => p as never,
      getColor: [...MATCHED_OUTLINE_RGB, 255],
      getWidth: 3,
      widthUnits: 'pixels',
    }),
  ];
}
