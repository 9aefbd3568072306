/** Label anchors for the boundary layers: a point guaranteed inside each polygon. */
import { centerOfMass, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BoundaryLayers } from './basemap-style';
import type { Label } from './layers';

function anchor(f: Feature): [number, number] {
  // The centre of mass reads best; for concave shapes where it falls outside, a point on the surface.
  const c = centerOfMass(f).geometry.coordinates as [number, number];
  if (booleanPointInPolygon(c, f as Feature<Polygon | MultiPolygon>)) return c;
  return pointOnFeature(f).geometry.coordinates as [number, number];
}

export function boundaryLabels(b: BoundaryLayers): Label[] {
  const out: Label[] = [];
  for (const f of b.bcus.features) out.push({ position: anchor(f), text: `${f.properties?.code} ${f.properties?.name}`, level: 'bcu' });
  for (const f of b.boroughs.features) {
    out.push({ position: anchor(f), text: String(f.properties?.name ?? ''), level: 'borough', code: String(f.properties?.code) });
  }
  for (const f of b.wards.features) out.push({ position: anchor(f), text: String(f.properties?.name ?? ''), level: 'ward' });
  return out;
}
