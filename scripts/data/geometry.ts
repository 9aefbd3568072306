/**
 * Geometry helpers of the data build: rounding, point in polygon, GeoJSON I/O. turf does the maths.
 */
import { readFileSync } from 'node:fs';
import { area, bbox as turfBbox, booleanPointInPolygon } from '@turf/turf';
import type { BBox, Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { InputError, need } from './common.ts';

export type Area = Polygon | MultiPolygon;

/** Coordinates are rounded to this many decimals (6 ≈ 0.1 m, the precision of the borough file). */
export const DECIMALS = 6;

function roundCoord(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const r = Math.round(x * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

/** What rounding removed: consecutive duplicate vertices and rings that collapsed. */
export interface RoundingStats {
  duplicateVertices: number;
  droppedRings: number;
}

/**
 * Rounds a (Multi)Polygon to `decimals` (default {@link DECIMALS}), drops repeated vertices and
 * rings that collapse. The same input coordinate always rounds to the same output, so edges
 * shared by neighbouring polygons stay shared.
 */
export function roundGeometry(g: Area, stats: RoundingStats, decimals: number = DECIMALS): Area | null {
  const ring = (r: Position[]): Position[] | null => {
    const out: Position[] = [];
    for (const p of r) {
      const q: Position = [roundCoord(p[0]!, decimals), roundCoord(p[1]!, decimals)];
      const last = out[out.length - 1];
      if (last && last[0] === q[0] && last[1] === q[1]) {
        stats.duplicateVertices++;
        continue;
      }
      out.push(q);
    }
    const first = out[0];
    const last = out[out.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) out.push([first[0]!, first[1]!]);
    if (out.length < 4) {
      stats.droppedRings++;
      return null;
    }
    return out;
  };
  const poly = (rings: Position[][]): Position[][] | null => {
    const outer = ring(rings[0] ?? []);
    if (!outer) {
      stats.droppedRings += rings.length - 1;
      return null;
    }
    const holes = rings.slice(1).map(ring).filter((r): r is Position[] => r !== null);
    return [outer, ...holes];
  };
  if (g.type === 'Polygon') {
    const p = poly(g.coordinates);
    return p ? { type: 'Polygon', coordinates: p } : null;
  }
  const parts = g.coordinates.map(poly).filter((p): p is Position[][] => p !== null);
  if (parts.length === 0) return null;
  return { type: 'MultiPolygon', coordinates: parts };
}

export function bboxContains(b: BBox, x: number, y: number): boolean {
  return x >= b[0] && x <= b[2] && y >= b[1] && y <= b[3];
}

export function bboxOverlaps(a: BBox, b: BBox): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** A point-in-polygon index: bbox prefilter, then turf booleanPointInPolygon. */
export class PolygonIndex<P = unknown> {
  private readonly items: { f: Feature<Area, P>; g: Area; b: BBox }[];
  constructor(features: readonly Feature<Area, P>[]) {
    this.items = features.map((f) => ({ f, g: f.geometry, b: turfBbox(f.geometry) }));
  }
  /** The first feature (in input order) containing the point, boundary included, or null. */
  find(lon: number, lat: number): Feature<Area, P> | null {
    for (const { f, g, b } of this.items) {
      if (bboxContains(b, lon, lat) && booleanPointInPolygon([lon, lat], g)) return f;
    }
    return null;
  }
}

/** One feature per line, so the files diff well and stay byte-stable. */
export function stringifyCollection(fc: FeatureCollection): string {
  return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

export function readCollection(path: string, what: string): FeatureCollection {
  const fc = JSON.parse(readFileSync(need(path, what), 'utf8')) as FeatureCollection;
  if (fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new InputError(`${path} is not a FeatureCollection`);
  return fc;
}

export function asArea(f: Feature, path: string): Area {
  const g = f.geometry;
  if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) throw new InputError(`${path}: non-polygon feature`);
  return g;
}

/** Area (m²) of a polygon ring set, via turf. */
export function polyArea(rings: Position[][]): number {
  return area({ type: 'Polygon', coordinates: rings });
}

