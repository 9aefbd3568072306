import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, MultiPolygon, Point, Polygon } from 'geojson';
import { cellToParent, latLngToCell } from 'h3-js';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AreaFeature, createBoundaryIndex } from '../../src/analysis/boundaries';
import { createGeocoder, type GeocodedPoints } from '../../src/ingest/geocode';
import { shippedBoundaries } from './helpers/env';

// -- Shipped boundaries: known places ----------------------------------------------------

// Expected codes are ONS codes (2022 London wards, London boroughs) and MPS BCUs, from the places'
// known locations: Trafalgar Square is in St James's ward of Westminster (BCU AW, Central West);
// the British Museum is in Bloomsbury ward of Camden (BCU CN, Central North). The 2022 ward codes
// were read from the unrounded source polygons (../shared/data/boundaries/wards_2022, turf
// booleanPointInPolygon), not from the shipped file.
const PLACES = [
  { name: 'Trafalgar Square', lon: -0.1281, lat: 51.508, ward: 'E05013806', borough: 'E09000033', bcu: 'AW' },
  { name: 'the British Museum', lon: -0.127, lat: 51.5194, ward: 'E05013653', borough: 'E09000007', bcu: 'CN' },
  // Mid-river by Hungerford Bridge, between Westminster and Lambeth: the shipped outlines stop at the banks.
  { name: 'the Thames at Hungerford Bridge', lon: -0.1205, lat: 51.5065, ward: null, borough: null, bcu: null },
  { name: 'Manchester Piccadilly Gardens', lon: -2.2366, lat: 53.4809, ward: null, borough: null, bcu: null },
  // St Giles (Camden): its cells at 7, 8, 9 are not the parents of its resolution-10 cell.
  { name: 'St Giles', lon: -0.1298, lat: 51.517, ward: undefined, borough: 'E09000007', bcu: 'CN' },
] as const;

describe('createGeocoder(shipped boundaries).geocode(lon, lat)', () => {
  let g: GeocodedPoints;
  beforeAll(async () => {
    const geocoder = createGeocoder(await shippedBoundaries());
    g = geocoder.geocode(Float64Array.from(PLACES, (p) => p.lon), Float64Array.from(PLACES, (p) => p.lat));
  });

  PLACES.forEach((p, i) => {
    it(`puts ${p.name} in borough ${p.borough} and BCU ${p.bcu}`, () => {
      expect([g.borough[i], g.bcu[i]]).toEqual([p.borough, p.bcu]);
    });
    if (p.ward !== undefined) {
      it(`puts ${p.name} in ward ${p.ward}`, () => {
        expect(g.ward[i]).toBe(p.ward);
      });
    }
  });

  it('returns one cell array per resolution 7, 8, 9, 10', () => {
    expect(g.cells).toHaveLength(4);
    for (const a of g.cells) expect(a).toHaveLength(PLACES.length);
  });

  [7, 8, 9, 10].forEach((res, r) => {
    it(`cells at resolution ${res} are h3-js latLngToCell(lat, lon, ${res})`, () => {
      expect(Array.from(g.cells[r])).toEqual(PLACES.map((p) => BigInt(`0x${latLngToCell(p.lat, p.lon, res)}`)));
    });
  });

  it('St Giles has coarser cells that are not the parents of its resolution-10 cell', () => {
    // Guards the test above: here "computed at each resolution" and "parent of the finest"
    // give different answers, so the cell test would catch the parent shortcut.
    const { lat, lon } = PLACES[4];
    const c10 = latLngToCell(lat, lon, 10);
    for (const res of [7, 8, 9]) expect(cellToParent(c10, res)).not.toBe(latLngToCell(lat, lon, res));
  });

  it('geocodes no points to empty arrays', async () => {
    const empty = createGeocoder(await shippedBoundaries()).geocode(new Float64Array(0), new Float64Array(0));
    expect([empty.ward, empty.borough, empty.bcu, empty.cells.map((c) => c.length)]).toEqual([[], [], [], [0, 0, 0, 0]]);
  });
});

// -- createBoundaryIndex on hand-made shapes ---------------------------------------------

type Ring = Polygon['coordinates'][number];
const square = (west: number, south: number, east: number, north: number): Ring => [
  [west, south], [east, south], [east, north], [west, north], [west, south],
];
const polygon = (code: string, ...rings: Ring[]): AreaFeature => ({
  type: 'Feature', properties: { code }, geometry: { type: 'Polygon', coordinates: rings },
});
const multiPolygon = (code: string, ...parts: Ring[][]): AreaFeature => ({
  type: 'Feature', properties: { code }, geometry: { type: 'MultiPolygon', coordinates: parts } as MultiPolygon,
});

// 0 A: the unit square at the origin.
// 1 B: two unit squares, [2,3]×[0,1] and [4,5]×[0,1], as one MultiPolygon (gap [3,4] between them).
// 2 C: [0,3]×[2,5] with a square hole [1,2]×[3,4].
const SHAPES = [
  polygon('A', square(0, 0, 1, 1)),
  multiPolygon('B', [square(2, 0, 3, 1)], [square(4, 0, 5, 1)]),
  polygon('C', square(0, 2, 3, 5), square(1, 3, 2, 4)),
];

describe('createBoundaryIndex(features).locate(lon, lat)', () => {
  const idx = createBoundaryIndex(SHAPES);

  it('finds a point inside a polygon', () => {
    expect(idx.locate(0.5, 0.5)).toBe(0);
  });

  it('finds a point in either part of a MultiPolygon', () => {
    expect([idx.locate(2.5, 0.5), idx.locate(4.5, 0.5)]).toEqual([1, 1]);
  });

  it('misses a point between the parts of a MultiPolygon (inside its bounding box)', () => {
    expect(idx.locate(3.5, 0.5)).toBe(-1);
  });

  it('misses a point in a hole', () => {
    expect(idx.locate(1.5, 3.5)).toBe(-1);
  });

  it('finds a point in the polygon around a hole', () => {
    expect(idx.locate(0.5, 3.5)).toBe(2);
  });

  it('misses points outside every shape and outside the extent', () => {
    expect([idx.locate(2.5, 1.5), idx.locate(10, 10), idx.locate(-1, 0.5)]).toEqual([-1, -1, -1]);
  });

  it('finds a point on the east edge of the extent (the grid clamps to its last column)', () => {
    // The extent is [0,5]×[0,5]; (5, 1) is B's north-east corner, on the extent's east edge.
    expect(idx.locate(5, 1)).toBe(1);
  });

  it('returns the first of two overlapping features', () => {
    const overlap = createBoundaryIndex([polygon('first', square(0, 0, 2, 2)), polygon('second', square(1, 1, 3, 3))]);
    expect([overlap.locate(1.5, 1.5), overlap.locate(2.5, 2.5)]).toEqual([0, 1]);
  });

  it('drops features that are not polygons, indexing only the polygons', () => {
    const pt: Feature<Point> = { type: 'Feature', properties: { code: 'P' }, geometry: { type: 'Point', coordinates: [0.5, 0.5] } };
    const idx2 = createBoundaryIndex({ type: 'FeatureCollection', features: [pt, SHAPES[0]] });
    expect(idx2.features.map((f) => f.properties.code)).toEqual(['A']);
    expect(idx2.locate(0.5, 0.5)).toBe(0);
  });

  it('an empty collection locates nothing', () => {
    expect(createBoundaryIndex([]).locate(0, 0)).toBe(-1);
  });

  it('a single feature (one-square extent) still locates', () => {
    expect(createBoundaryIndex([SHAPES[0]]).locate(0.25, 0.75)).toBe(0);
  });

  it('agrees with a brute-force turf scan over 2,000 random points on 40 random rectangles', () => {
    // Deterministic LCG (Numerical Recipes constants) so failures reproduce.
    let s = 12345;
    const rnd = () => ((s = (1664525 * s + 1013904223) >>> 0) / 2 ** 32);
    const rects: AreaFeature[] = Array.from({ length: 40 }, (_, i) => {
      const w = rnd() * 30;
      const h = rnd() * 30;
      const x = rnd() * 100;
      const y = rnd() * 100;
      return polygon(`R${i}`, square(x, y, x + 0.1 + w * rnd(), y + 0.1 + h * rnd()));
    });
    const index = createBoundaryIndex(rects);
    const wrong: [number, number][] = [];
    for (let k = 0; k < 2000; k++) {
      const lon = -5 + rnd() * 140;
      const lat = -5 + rnd() * 140;
      const brute = rects.findIndex((f) => booleanPointInPolygon([lon, lat], f));
      if (index.locate(lon, lat) !== brute) wrong.push([lon, lat]);
    }
    expect(wrong).toEqual([]);
  });
});
