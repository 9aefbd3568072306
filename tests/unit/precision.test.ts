/**
 * Spatial precision (issue 11, item 3): the cell size of an aggregated extract detected from its
 * points, and the finest H3 resolution it supports. Expected values are worked by hand from how
 * each grid is built (hex-grid.ts) and from h3-js's published average areas; the real hex-100m
 * London file is read with native DuckDB, not the app's ingest.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { getHexagonAreaAvg } from 'h3-js';
import { describe, expect, it } from 'vitest';
import {
  cellsLabel, coarsestPrecision, finerThanDataReason, finestSupportedResolution, gridPrecision, hexCellAreaM2, hexRadiusM, hexSpacingM,
  medianNearestNeighbourM, POINT_PRECISION, refusedResolutions, resolutionRefusal, spacingPrecision,
} from '../../src/analysis/precision';
import { DATASETS } from '../../src/state/datasets';
import { HEX_PARQUET, hexArea, hexGridCentres } from './helpers/hex-grid';

const RES = [7, 8, 9, 10];

const lonLat = (pts: { lon: number; lat: number }[]) => [pts.map((p) => p.lon), pts.map((p) => p.lat)] as const;

describe('cell size from the points', () => {
  it('a 100 m flat-top hexagon grid: centres 173.2 m apart, cells of 25,981 m², resolution 9 at the finest', () => {
    const [lon, lat] = lonLat(hexGridCentres({ lon0: -0.1281, lat0: 51.508, radius: 100, cols: 30, rows: 20 }));
    // Neighbouring centres of a 100 m-radius hexagon grid are 100·√3 = 173.205 m apart (the grid
    // was laid out about its south edge, measured about its mean latitude: within 0.1 %).
    expect(Math.abs(medianNearestNeighbourM(lon, lat)! / 173.205 - 1)).toBeLessThan(0.001);
    const p = gridPrecision(lon, lat, RES);
    expect(Math.abs(p.cellAreaM2! / hexArea(100) - 1)).toBeLessThan(0.002);
    // Resolution 9 averages 105,333 m² (at least 25,981), resolution 10 15,048 m² (less).
    expect(p.finestResolution).toBe(9);
    expect(cellsLabel(p.cellAreaM2!)).toBe('100 m cells');
  });

  it('a 500 m grid supports resolution 8; a 2 km grid 7; a 30 m grid every offered resolution', () => {
    const at = (radius: number) => gridPrecision(...lonLat(hexGridCentres({ lon0: -0.2, lat0: 51.45, radius, cols: 12, rows: 12 })), RES);
    // 500 m: 649,519 m² — under resolution 8's 737,328 m², over resolution 9's.
    expect(at(500).finestResolution).toBe(8);
    // 2 km: 10.4 km² — over resolution 7's 5.16 km²: nothing coarser is offered, so 7.
    expect(at(2000).finestResolution).toBe(7);
    // 30 m: 2,338 m² — under resolution 10's 15,048 m².
    expect(at(30).finestResolution).toBe(10);
  });

  it('the grid hash finds the same nearest neighbours as comparing every pair (scattered points, duplicates ignored)', () => {
    // A fixed pseudo-random scatter (LCG) over ~5 km, with some exact duplicates and a far outlier.
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const lon: number[] = [];
    const lat: number[] = [];
    for (let i = 0; i < 400; i++) {
      lon.push(-0.2 + rand() * 0.07);
      lat.push(51.45 + rand() * 0.045);
    }
    for (let i = 0; i < 20; i++) {
      lon.push(lon[i]);
      lat.push(lat[i]);
    }
    lon.push(0.5);
    lat.push(52.5);
    // Brute force on the same local projection (metres about the mean latitude of distinct points).
    const seen = new Set<string>();
    const pts: [number, number][] = [];
    lon.forEach((x, i) => {
      if (!seen.has(`${x},${lat[i]}`)) {
        seen.add(`${x},${lat[i]}`);
        pts.push([x, lat[i]]);
      }
    });
    const lat0 = pts.reduce((a, p) => a + p[1], 0) / pts.length;
    const ky = (6_371_008.8 * Math.PI) / 180;
    const kx = ky * Math.cos((lat0 * Math.PI) / 180);
    const nn = pts.map((p, i) => Math.min(...pts.filter((_, j) => j !== i).map((q) => Math.hypot((p[0] - q[0]) * kx, (p[1] - q[1]) * ky))));
    nn.sort((a, b) => a - b);
    const median = nn.length % 2 ? nn[nn.length >> 1] : (nn[nn.length / 2 - 1] + nn[nn.length / 2]) / 2;
    expect(pts.length).toBe(401);
    expect(medianNearestNeighbourM(lon, lat)).toBeCloseTo(median, 6);
  });

  it('fewer than two distinct points: no cell size, no limit', () => {
    expect(medianNearestNeighbourM([-0.1], [51.5])).toBeNull();
    expect(medianNearestNeighbourM([-0.1, -0.1], [51.5, 51.5])).toBeNull();
    expect(gridPrecision([-0.1, -0.1], [51.5, 51.5], RES)).toEqual(POINT_PRECISION);
  });

  it('hexagon geometry: (√3/2)·d² for centre spacing d; radius back from area', () => {
    expect(hexCellAreaM2(100 * Math.sqrt(3))).toBeCloseTo(25_980.762, 3);
    expect(hexRadiusM(25_980.762)).toBeCloseTo(100, 4);
  });
});

describe('finest resolution and the refusal', () => {
  it('a cell exactly the size of the average resolution-9 cell supports 9; a square metre larger only 8', () => {
    const a9 = getHexagonAreaAvg(9, 'm2');
    expect(finestSupportedResolution(a9, RES)).toBe(9);
    expect(finestSupportedResolution(a9 + 1, RES)).toBe(8);
    expect(finestSupportedResolution(1, RES)).toBe(10);
  });

  it('refuses only finer resolutions, in words naming the cells and the finest allowed', () => {
    const p = { cellAreaM2: hexArea(100), finestResolution: 9 };
    expect(refusedResolutions(RES, p)).toEqual([10]);
    expect(resolutionRefusal(9, p)).toBeNull();
    expect(resolutionRefusal(10, p)).toBe('Resolution 10 is finer than the data: 100 m cells support resolution 9 at the finest');
    const coarse = { cellAreaM2: hexArea(500), finestResolution: 8 };
    expect(finerThanDataReason(refusedResolutions(RES, coarse), coarse)).toBe(
      'Resolutions 9 and 10 are finer than the data: 500 m cells support resolution 8 at the finest',
    );
    expect(refusedResolutions(RES, POINT_PRECISION)).toEqual([]);
    expect(resolutionRefusal(10, POINT_PRECISION)).toBeNull();
  });

  it('several datasets: the coarsest limits; point records never do', () => {
    const fine = { cellAreaM2: hexArea(30), finestResolution: 10 };
    const mid = { cellAreaM2: hexArea(100), finestResolution: 9 };
    const coarse = { cellAreaM2: hexArea(500), finestResolution: 8 };
    expect(coarsestPrecision([POINT_PRECISION, mid, fine])).toBe(mid);
    expect(coarsestPrecision([fine, coarse, mid])).toBe(coarse);
    expect(coarsestPrecision([POINT_PRECISION])).toEqual(POINT_PRECISION);
  });
});

describe('the embedded datasets\' stated precision (data/datasets.json)', () => {
  it('hexSpacingM inverts hexCellAreaM2: 100 m hexagons are 100·√3 = 173.2 m apart', () => {
    expect(hexSpacingM(hexArea(100))).toBeCloseTo(100 * Math.sqrt(3), 9);
    expect(hexCellAreaM2(hexSpacingM(25_981))).toBeCloseTo(25_981, 9);
  });

  it('each aggregated dataset\'s finest resolution is the one its stated cell gives (what the ingest uses)', () => {
    const aggregated = DATASETS.filter((d) => d.cellAreaM2 !== null);
    expect(aggregated.map((d) => d.id)).toEqual(['london-2025-26']);
    for (const d of aggregated) expect(spacingPrecision(hexSpacingM(d.cellAreaM2!), RES).finestResolution).toBe(d.finestResolution);
  });
});

describe('the hex-100m London extract (real file)', () => {
  it('its 32,615 cell centres are 173 m apart: about 25,981 m² a cell, resolution 9 at the finest', async () => {
    expect(HEX_PARQUET, 'the hex-100m parquet is missing').toBeDefined();
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const rows = (await conn.runAndReadAll(`SELECT DISTINCT longitude, latitude FROM read_parquet('${HEX_PARQUET}')`)).getRows();
    expect(rows.length).toBe(32_615);
    const p = gridPrecision(rows.map((r) => Number(r[0])), rows.map((r) => Number(r[1])), RES);
    // The file's own pipeline binned on another local projection: within 0.5 % of 100 m hexagons.
    expect(Math.abs(p.cellAreaM2! / 25_981 - 1)).toBeLessThan(0.005);
    expect(p.finestResolution).toBe(9);
    expect(cellsLabel(p.cellAreaM2!)).toBe('100 m cells');
  });
});
