/**
 * Point in polygon by even-odd ray casting over every ring (outer rings and holes alike), written
 * here apart from the app's geocoding (turf's booleanPointInPolygon, src/analysis/boundaries.ts),
 * so tests that place points in boroughs check the app against an independent rule.
 */
export function insideEvenOdd(lon: number, lat: number, polygons: readonly (readonly (readonly number[])[])[][]): boolean {
  let inside = false;
  for (const poly of polygons) {
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}
