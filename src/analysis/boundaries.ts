/**
 * Point-in-polygon lookup against a set of boundary polygons (wards, boroughs, BCUs).
 *
 * A uniform grid over the layer's extent lists, per grid square, the polygons whose bounding
 * box touches it; a point is tested (turf `booleanPointInPolygon`) only against those. London's
 * 649 wards then cost 1-3 exact tests a point instead of 649.
 */
import { bbox as turfBbox, booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type AreaFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

export interface BoundaryIndex {
  readonly features: readonly AreaFeature[];
  /** Index of the first feature containing the point, or -1. */
  locate(lon: number, lat: number): number;
}

const GRID = 64;

export function createBoundaryIndex(collection: FeatureCollection | readonly AreaFeature[]): BoundaryIndex {
  const features = (Array.isArray(collection) ? collection : (collection as FeatureCollection).features).filter(
    (f): f is AreaFeature => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon',
  );
  const boxes = features.map((f) => turfBbox(f));
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [a, b, c, d] of boxes) {
    minX = Math.min(minX, a);
    minY = Math.min(minY, b);
    maxX = Math.max(maxX, c);
    maxY = Math.max(maxY, d);
  }
  const w = (maxX - minX) / GRID || 1;
  const h = (maxY - minY) / GRID || 1;
  const cells: number[][] = Array.from({ length: GRID * GRID }, () => []);
  const clamp = (v: number) => Math.max(0, Math.min(GRID - 1, v));
  boxes.forEach(([a, b, c, d], fi) => {
    for (let gx = clamp(Math.floor((a - minX) / w)); gx <= clamp(Math.floor((c - minX) / w)); gx++)
      for (let gy = clamp(Math.floor((b - minY) / h)); gy <= clamp(Math.floor((d - minY) / h)); gy++) cells[gy * GRID + gx].push(fi);
  });
  return {
    features,
    locate(lon, lat) {
      if (!(lon >= minX && lon <= maxX && lat >= minY && lat <= maxY)) return -1;
      const list = cells[clamp(Math.floor((lat - minY) / h)) * GRID + clamp(Math.floor((lon - minX) / w))];
      for (const fi of list) {
        const [a, b, c, d] = boxes[fi];
        if (lon < a || lon > c || lat < b || lat > d) continue;
        if (booleanPointInPolygon([lon, lat], features[fi])) return fi;
      }
      return -1;
    },
  };
}
