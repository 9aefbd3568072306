/**
 * A user's own polygons as a boundary level (src/analysis/custom-areas.ts): shares of a cluster
 * by the areas its crimes' points lie in, hand-worked on two squares and an overlapping site.
 */
import type { Feature, Polygon } from 'geojson';
import { cellToLatLng, gridDisk, gridPathCells, gridRing, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { OUTSIDE } from '../../src/analysis/borders';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import { findHotClusters } from '../../src/analysis/clusters';
import { customAreaShares, type LocationCrimes } from '../../src/analysis/custom-areas';
import type { StudyArea } from '../../src/analysis/hotspots';
import { ringNeighbours } from '../../src/analysis/study-area';
import { cubeOfRows } from './helpers/cube';
import { resultWith } from './helpers/hotspots';

const RES = 9;
const CENTRE = latLngToCell(51.5117, -0.1233, RES);
const BURGLARY = ALL_CATEGORIES.indexOf('Burglary');
const ASB = ALL_CATEGORIES.indexOf('Anti-social behaviour');
const HARM = Float64Array.from(ALL_CATEGORIES, (_, c) => (c === BURGLARY ? 10 : c === ASB ? 0 : 1));
const cells = [...gridDisk(CENTRE, 3)].sort();
const study: StudyArea = { resolution: RES, cells, neighbours: ringNeighbours(cells), noData: new Uint8Array(cells.length), excluded: [] };
const [a, b] = gridPathCells(CENTRE, gridRing(CENTRE, 1)[0]);
const lone = gridRing(CENTRE, 3)[0];
const clusters = findHotClusters({
  cube: cubeOfRows(cells, ['2024-01'], [], { resolution: RES }),
  study, hotspots: resultWith(study, { [a]: 2, [b]: 2, [lone]: 3 }), harmWeights: HARM,
  filter: { monthFrom: 0, monthTo: 0, categories: ALL_CATEGORIES.map((_, i) => i), area: { kind: 'all' } },
});

// Two sites split at the longitude of a's centre: "West" (code W1) and "East" (no code: named
// by its name), and "Overlap", a later feature covering all of a's neighbourhood.
const [aLat, aLon] = cellToLatLng(a);
const square = (w: number, s: number, e: number, n: number): Polygon['coordinates'] => [[[w, s], [e, s], [e, n], [w, n], [w, s]]];
const feature = (properties: Record<string, unknown>, coordinates: Polygon['coordinates']): Feature<Polygon> => ({ type: 'Feature', properties, geometry: { type: 'Polygon', coordinates } });
const AREAS = [
  feature({ code: 'W1', name: 'West site' }, square(aLon - 0.002, aLat - 0.002, aLon, aLat + 0.002)),
  feature({ name: 'East site' }, square(aLon, aLat - 0.002, aLon + 0.002, aLat + 0.002)),
  feature({}, square(aLon - 0.02, aLat - 0.02, aLon + 0.02, aLat + 0.02)),
];
const at = (cell: string, dLon: number, category: number, crimes: number): LocationCrimes => {
  const [lat, lon] = cellToLatLng(cell);
  return { cell, lon: lon + dLon, lat, category, crimes };
};

describe('customAreaShares', () => {
  // Cluster {a, b}: West holds 2 points (burglary 3 → harm 30; ASB 4 → 0), East 1 point
  // (burglary 1 → 10). A point east of the sites (0.03° away) is in none of them.
  const locations = [
    at(a, -0.0002, BURGLARY, 3),
    at(a, -0.0003, ASB, 4),
    at(a, 0.0002, BURGLARY, 1),
    at(b, 0.03, ASB, 2),
    at(lone, 0, BURGLARY, 5),
  ];
  const shares = customAreaShares(clusters, locations, { type: 'FeatureCollection', features: AREAS });
  const pair = shares[clusters.clusters.findIndex((c) => c.cells.includes(a))];

  it('shares of harm and crimes by the polygon holding each crime\'s point; the first feature wins an overlap', () => {
    expect(pair.units.map((u) => [u.code, u.name, u.crimes, u.harm, u.points])).toEqual([
      ['W1', 'West site', 7, 30, 2],
      ['East site', 'East site', 1, 10, 1],
      [OUTSIDE, 'outside every area', 2, 0, 1],
    ]);
    expect(pair.units.map((u) => u.share)).toEqual([30 / 40, 10 / 40, 0]);
    expect(pair.units.map((u) => u.crimeShare)).toEqual([7 / 10, 1 / 10, 2 / 10]);
    expect(pair.units.every((u) => u.caveats.includes('few-points'))).toBe(true);
    expect(pair).toMatchObject({ crosses: true, lead: 'W1' });
  });

  it('a feature without code or name is "area N"; a cluster wholly in one area does not cross', () => {
    const solo = shares[clusters.clusters.findIndex((c) => c.cells.includes(lone))];
    // lone's centre is 3 cells (about 0.5 km) from a: outside the two small sites, inside "area 3".
    expect(solo.units.map((u) => [u.code, u.crimes])).toEqual([['area 3', 5]]);
    expect(solo).toMatchObject({ crosses: false, lead: 'area 3' });
  });

  it('aggregated data: every share carries the caveat; no polygon at all is an error', () => {
    const agg = customAreaShares(clusters, locations, { type: 'FeatureCollection', features: AREAS }, true);
    expect(agg.flatMap((s) => s.units).every((u) => u.caveats.includes('aggregated'))).toBe(true);
    expect(() => customAreaShares(clusters, locations, [])).toThrow(/no Polygon or MultiPolygon/);
    expect(() => customAreaShares(clusters, [{ ...locations[0], category: -1 }], { type: 'FeatureCollection', features: AREAS })).toThrow(/category code -1/);
  });
});
