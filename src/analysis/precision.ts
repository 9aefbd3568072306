/**
 * Spatial precision of a loaded dataset: how fine a hexagon its locations can honestly fill.
 *
 * Record-level police.uk and force rows are points (snapped to police.uk's anonymous map points,
 * ANALYSIS.md "Locations"): no limit here. An aggregated extract (a file with a count column)
 * places each row at the centre of a grid cell; hexagons smaller than that cell would draw the
 * grid, not where crime happened (the hex-100m London set: 100 m-radius hexagons, "finer than H3
 * resolution 9 the map would show the grid", ../shared/data/SOURCES.md). The cell size is
 * detected from the data as the median nearest-neighbour distance between distinct cell centres
 * (the centre spacing of a regular grid: most centres have neighbours at exactly that distance,
 * and the median ignores the few isolated cells at the edge of the data).
 */
import { getHexagonAreaAvg } from 'h3-js';

/** Mean Earth radius (IUGG), metres: the one h3-js uses for its areas. */
const EARTH_RADIUS_M = 6_371_008.8;

export interface SpatialPrecision {
  /** Area of one cell of the data's grid, m²; null for point records (or too few points to tell): no limit. */
  cellAreaM2: number | null;
  /** The finest H3 resolution the data supports; null: no limit. */
  finestResolution: number | null;
}

/** Point records: no limit. */
export const POINT_PRECISION: SpatialPrecision = { cellAreaM2: null, finestResolution: null };

/**
 * The median distance (metres) from each distinct point to its nearest other point, on a local
 * equirectangular projection about the points' mean latitude (errors under 0.1 % across a city).
 * A grid hash with cells of about the mean spacing keeps it near-linear: each point searches
 * rings of hash cells outward until no unseen cell can hold a nearer point.
 * @returns null with fewer than two distinct points
 */
export function medianNearestNeighbourM(lon: ArrayLike<number>, lat: ArrayLike<number>): number | null {
  const seen = new Set<string>();
  const xs: number[] = [];
  const ys: number[] = [];
  let latSum = 0;
  for (let i = 0; i < lon.length; i++) {
    const key = `${lon[i]},${lat[i]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    xs.push(lon[i]);
    ys.push(lat[i]);
    latSum += lat[i];
  }
  const n = xs.length;
  if (n < 2) return null;
  const lat0 = latSum / n;
  const ky = (EARTH_RADIUS_M * Math.PI) / 180;
  const kx = ky * Math.cos((lat0 * Math.PI) / 180);
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0; i < n; i++) {
    xs[i] *= kx;
    ys[i] *= ky;
    minX = Math.min(minX, xs[i]);
    maxX = Math.max(maxX, xs[i]);
    minY = Math.min(minY, ys[i]);
    maxY = Math.max(maxY, ys[i]);
  }
  const w = maxX - minX;
  const h = maxY - minY;
  // About one point per hash cell: the mean spacing over the bounding box (or along the line).
  const size = Math.max(w * h > 0 ? Math.sqrt((w * h) / n) : Math.max(w, h) / n, 1e-6);
  const nx = Math.floor(w / size) + 1;
  const ny = Math.floor(h / size) + 1;
  const buckets = new Map<number, number[]>();
  const gx = new Int32Array(n);
  const gy = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    gx[i] = Math.floor((xs[i] - minX) / size);
    gy[i] = Math.floor((ys[i] - minY) / size);
    const k = gx[i] * ny + gy[i];
    const b = buckets.get(k);
    if (b) b.push(i);
    else buckets.set(k, [i]);
  }
  const nearest = new Float64Array(n);
  const maxRing = Math.max(nx, ny);
  for (let i = 0; i < n; i++) {
    let best = Infinity;
    for (let ring = 0; ring <= maxRing; ring++) {
      for (let cx = gx[i] - ring; cx <= gx[i] + ring; cx++) {
        if (cx < 0 || cx >= nx) continue;
        const edge = cx === gx[i] - ring || cx === gx[i] + ring;
        // Only the ring's outline: its inside was searched in earlier rings.
        for (let cy = gy[i] - ring; cy <= gy[i] + ring; cy += edge || ring === 0 ? 1 : 2 * ring) {
          if (cy < 0 || cy >= ny) continue;
          for (const j of buckets.get(cx * ny + cy) ?? []) {
            if (j === i) continue;
            const d = Math.hypot(xs[i] - xs[j], ys[i] - ys[j]);
            if (d < best) best = d;
          }
        }
      }
      // Every point beyond this ring is more than ring × size away.
      if (best <= ring * size) break;
    }
    nearest[i] = best;
  }
  nearest.sort();
  const mid = n >> 1;
  return n % 2 === 1 ? nearest[mid] : (nearest[mid - 1] + nearest[mid]) / 2;
}

/** Area of one cell of a hexagonal grid whose centres are `spacing` metres apart: (√3/2)·spacing². */
export function hexCellAreaM2(spacing: number): number {
  return (Math.sqrt(3) / 2) * spacing * spacing;
}

/** Centre spacing of a hexagonal grid whose cells have this area: the inverse of {@link hexCellAreaM2}. */
export function hexSpacingM(areaM2: number): number {
  return Math.sqrt((2 * areaM2) / Math.sqrt(3));
}

/** Centre-to-corner radius of a regular hexagon of this area: area = (3√3/2)·radius². */
export function hexRadiusM(areaM2: number): number {
  return Math.sqrt((2 * areaM2) / (3 * Math.sqrt(3)));
}

/**
 * The finest of `resolutions` whose average H3 cell (h3-js getHexagonAreaAvg) is at least as large
 * as the data's cell: a hexagon no smaller than the cells the data was counted in. When even the
 * coarsest is smaller, the coarsest (nothing coarser is offered).
 */
export function finestSupportedResolution(cellAreaM2: number, resolutions: readonly number[]): number {
  const sorted = [...resolutions].sort((a, b) => a - b);
  let finest = sorted[0];
  for (const r of sorted) if (getHexagonAreaAvg(r, 'm2') >= cellAreaM2) finest = r;
  return finest;
}

/**
 * The precision of an aggregated extract from its distinct cell centres: a hexagonal grid whose
 * centre spacing is the median nearest-neighbour distance. Fewer than two points: no limit can be
 * detected.
 */
export function gridPrecision(lon: ArrayLike<number>, lat: ArrayLike<number>, resolutions: readonly number[]): SpatialPrecision {
  const spacing = medianNearestNeighbourM(lon, lat);
  return spacing === null || spacing === 0 ? POINT_PRECISION : spacingPrecision(spacing, resolutions);
}

/** The precision of a hexagonal grid whose centres are `spacing` metres apart (detected or stated). */
export function spacingPrecision(spacing: number, resolutions: readonly number[]): SpatialPrecision {
  if (!(spacing > 0 && Number.isFinite(spacing))) throw new Error(`cell spacing ${spacing} m is not a positive number of metres`);
  const cellAreaM2 = hexCellAreaM2(spacing);
  return { cellAreaM2, finestResolution: finestSupportedResolution(cellAreaM2, resolutions) };
}

/** The coarsest of several datasets' precisions: what all of them together support. */
export function coarsestPrecision(ps: readonly SpatialPrecision[]): SpatialPrecision {
  let out = POINT_PRECISION;
  for (const p of ps) {
    if (p.finestResolution === null) continue;
    if (
      out.finestResolution === null ||
      p.finestResolution < out.finestResolution ||
      (p.finestResolution === out.finestResolution && (p.cellAreaM2 ?? 0) > (out.cellAreaM2 ?? 0))
    ) out = p;
  }
  return out;
}

/** "100 m cells": the cell named by its hexagon radius (centre to corner), in whole metres. */
export function cellsLabel(cellAreaM2: number): string {
  const r = hexRadiusM(cellAreaM2);
  return r >= 10_000 ? `${(r / 1000).toFixed(0)} km cells` : `${Math.round(r).toLocaleString('en-GB')} m cells`;
}

/** The resolutions of `resolutions` finer than the data supports, coarsest first. */
export function refusedResolutions(resolutions: readonly number[], p: SpatialPrecision): number[] {
  const finest = p.finestResolution;
  return finest === null ? [] : resolutions.filter((r) => r > finest).sort((a, b) => a - b);
}

/**
 * Why resolutions are refused, in words, or null when none is:
 * "Resolution 10 is finer than the data: 100 m cells support resolution 9 at the finest".
 */
export function finerThanDataReason(refused: readonly number[], p: SpatialPrecision): string | null {
  if (refused.length === 0 || p.finestResolution === null || p.cellAreaM2 === null) return null;
  const which = refused.length === 1 ? `Resolution ${refused[0]} is` : `Resolutions ${refused.slice(0, -1).join(', ')} and ${refused[refused.length - 1]} are`;
  return `${which} finer than the data: ${cellsLabel(p.cellAreaM2)} support resolution ${p.finestResolution} at the finest`;
}

/** Why `asked` is refused for data of this precision, or null when it is allowed. */
export function resolutionRefusal(asked: number, p: SpatialPrecision): string | null {
  return p.finestResolution !== null && asked > p.finestResolution ? finerThanDataReason([asked], p) : null;
}
