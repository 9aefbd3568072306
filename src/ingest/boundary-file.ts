/**
 * A user's own boundary file (a partner's area, Clear/Hold/Build sites) read as a boundary level
 * like wards and boroughs (issue 12, item 2): a GeoJSON FeatureCollection of Polygon and
 * MultiPolygon features, in WGS84 longitude/latitude or in British National Grid metres
 * (EPSG:27700, converted with proj4 as ./bng.ts does for crime files), with a property that names
 * each area, chosen by the user or detected here. Anything else is refused with the reason.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { BNG_BOUNDS, bngToWgs84, UK_BOUNDS } from './bng';

/** A boundary file read and checked, in WGS84. */
export interface BoundaryFile {
  fileName: string;
  /** Its Polygon and MultiPolygon features, coordinates in WGS84 longitude/latitude. */
  features: Feature<Polygon | MultiPolygon, Record<string, unknown>>[];
  /** Features without a polygon (points, lines, null geometry), left out. */
  skipped: number;
  /** The coordinates were British National Grid metres, converted to WGS84. */
  converted: boolean;
  /** Properties that could name the areas (text or numbers on every feature), best first. */
  nameProperties: string[];
  /** The detected naming property (the first of {@link BoundaryFile.nameProperties}), or null. */
  nameProperty: string | null;
}

/** File names the Data panel reads as boundary files rather than crime data. */
export function isBoundaryFileName(name: string): boolean {
  return /\.(geo)?json$/i.test(name);
}

const fail = (fileName: string, why: string): never => {
  throw new Error(`${fileName}: ${why}`);
};

/** Every position of a Polygon or MultiPolygon. */
function* positions(g: Polygon | MultiPolygon): Generator<Position> {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const p of polys) for (const ring of p) yield* ring;
}

/** The EPSG code a legacy GeoJSON `crs` member names ("EPSG:27700", "urn:ogc:def:crs:EPSG::27700"), or null. */
function namedCrs(fc: { crs?: unknown }): number | null {
  const name = (fc.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof name !== 'string') return null;
  if (/CRS84$/i.test(name)) return 4326;
  const m = /EPSG:{1,2}(\d+)$/i.exec(name);
  return m ? Number(m[1]) : null;
}

type Frame = 'wgs84' | 'bng';

/** Which frame the coordinates are in, from the `crs` member when given, else from their range. */
function coordinateFrame(fileName: string, fc: { crs?: unknown }, polys: readonly (Polygon | MultiPolygon)[]): Frame {
  const crs = namedCrs(fc);
  if (crs !== null && crs !== 4326 && crs !== 27700) {
    fail(fileName, `its coordinates are in EPSG:${crs}; save it in WGS84 longitude/latitude (EPSG:4326) or British National Grid (EPSG:27700)`);
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const g of polys) {
    for (const p of positions(g)) {
      const [x, y] = p;
      if (!(Number.isFinite(x) && Number.isFinite(y))) fail(fileName, `a coordinate is not a pair of numbers (${JSON.stringify(p)})`);
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  const inside = (b: { minLon: number; maxLon: number; minLat: number; maxLat: number }, x0: number, x1: number, y0: number, y1: number) =>
    x0 >= b.minLon && x1 <= b.maxLon && y0 >= b.minLat && y1 <= b.maxLat;
  if (crs === 27700 || (minX >= BNG_BOUNDS.minE && maxX <= BNG_BOUNDS.maxE && minY >= BNG_BOUNDS.minN && maxY <= BNG_BOUNDS.maxN && maxX > 180)) {
    if (!(minX >= BNG_BOUNDS.minE && maxX <= BNG_BOUNDS.maxE && minY >= BNG_BOUNDS.minN && maxY <= BNG_BOUNDS.maxN)) {
      fail(fileName, 'it says British National Grid but its coordinates lie outside the grid (eastings 0–700,000 m, northings 0–1,300,000 m)');
    }
    return 'bng';
  }
  if (inside(UK_BOUNDS, minX, maxX, minY, maxY)) return 'wgs84';
  if (inside(UK_BOUNDS, minY, maxY, minX, maxX)) fail(fileName, 'its longitude and latitude are swapped (GeoJSON positions are longitude first)');
  return fail(
    fileName,
    `its coordinates (x ${minX}…${maxX}, y ${minY}…${maxY}) are neither WGS84 longitude/latitude in the UK nor British National Grid metres`,
  );
}

function toWgs84(g: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const ring = (r: Position[]): Position[] => {
    const { lon, lat } = bngToWgs84(
      r.map((p) => p[0]),
      r.map((p) => p[1]),
    );
    return r.map((_, i) => [lon[i], lat[i]]);
  };
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(ring) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(ring)) };
}

/**
 * The properties that could name the areas: present as text or a number on every feature. Best
 * first: a property called "name" (any case), then one ending in "name" ("LSOA21NM" style "…nm"
 * too), then those whose values differ between features, in file order.
 */
export function nameCandidates(features: readonly Feature[]): string[] {
  if (features.length === 0) return [];
  const keys = Object.keys(features[0].properties ?? {}).filter((k) =>
    features.every((f) => {
      const v = f.properties?.[k];
      return (typeof v === 'string' && v.trim() !== '') || (typeof v === 'number' && Number.isFinite(v));
    }),
  );
  const distinct = (k: string) => new Set(features.map((f) => String(f.properties?.[k]))).size;
  const rank = (k: string) => (/^name$/i.test(k) ? 0 : /(name|nm)$/i.test(k) ? 1 : distinct(k) === features.length ? 2 : 3);
  return keys.map((k, i) => ({ k, i, r: rank(k) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.k);
}

/**
 * Reads a boundary file's text.
 *
 * @throws {Error} naming the file and the reason: not JSON, not a FeatureCollection, no polygon,
 *   coordinates in another frame (EPSG code, swapped axes, out of range).
 */
export function parseBoundaryFile(fileName: string, text: string): BoundaryFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return fail(fileName, `it is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const fc = json as { type?: unknown; features?: unknown; crs?: unknown } | null;
  if (!fc || typeof fc !== 'object' || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    const type = fc && typeof fc === 'object' && typeof fc.type === 'string' ? `a GeoJSON ${fc.type}` : 'not GeoJSON';
    return fail(fileName, `it is ${type}, not a GeoJSON FeatureCollection of Polygon or MultiPolygon areas`);
  }
  const all = fc.features as Feature[];
  const polygons = all.filter(
    (f): f is Feature<Polygon | MultiPolygon, Record<string, unknown>> =>
      f !== null && typeof f === 'object' && (f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon') && Array.isArray(f.geometry.coordinates),
  );
  if (polygons.length === 0) {
    const kinds = [...new Set(all.map((f) => f?.geometry?.type ?? 'null'))].join(', ');
    return fail(fileName, `it holds no Polygon or MultiPolygon area (${all.length} feature${all.length === 1 ? '' : 's'}${all.length ? `: ${kinds}` : ''})`);
  }
  const frame = coordinateFrame(fileName, fc, polygons.map((f) => f.geometry));
  const features = polygons.map((f) => ({
    type: 'Feature' as const,
    properties: { ...(f.properties ?? {}) },
    geometry: frame === 'bng' ? toWgs84(f.geometry) : f.geometry,
  }));
  const nameProperties = nameCandidates(features);
  return { fileName, features, skipped: all.length - polygons.length, converted: frame === 'bng', nameProperties, nameProperty: nameProperties[0] ?? null };
}

/**
 * The file's areas as a boundary level: properties `{ code, name }` from the naming property
 * (areas sharing a name are one unit, as the parts of one site), or "area N" in file order
 * without one. This is what custom-areas.ts `customAreaShares` reads.
 */
export function boundaryLevel(file: BoundaryFile, nameProperty: string | null): FeatureCollection<Polygon | MultiPolygon> {
  if (nameProperty !== null && !file.nameProperties.includes(nameProperty)) {
    throw new Error(`${file.fileName}: "${nameProperty}" does not name every area (choose one of ${file.nameProperties.join(', ') || 'none'})`);
  }
  return {
    type: 'FeatureCollection',
    features: file.features.map((f, i) => {
      const name = nameProperty === null ? `area ${i + 1}` : String(f.properties[nameProperty]);
      return { type: 'Feature', properties: { code: name, name }, geometry: f.geometry };
    }),
  };
}
