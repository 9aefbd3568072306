/**
 * A user's own polygons (a partner's area, Clear/Hold/Build sites) as a boundary level like
 * wards and boroughs (issue 12, item 2): each cluster's shares of harm and crimes by the areas
 * its crimes' own points lie in (../shared/ANALYSIS.md, "Clusters and cross-border shares").
 *
 * The cube knows only each crime's ward and borough, so this level needs the crimes per
 * location in the clusters' cells (`clusterLocationCrimes`, src/db/cluster-points.ts); each
 * location is placed with the app's own point-in-polygon index (boundaries.ts).
 *
 * Choices made here (ANALYSIS.md does not pin them):
 * - Overlapping polygons: a point counts for the first feature containing it, in file order,
 *   so the shares still sum to 1 (a user's sites may overlap; a crime is not counted twice).
 * - Points in no polygon form the {@link OUTSIDE} entry, as at the other levels.
 * - A feature's code is its `code` property, else its `name`, else "area N" (1-based file order);
 *   its name is its `name`, else the code.
 */
import type { FeatureCollection } from 'geojson';
import { addToTally, OUTSIDE, sharesOf, type Tally, type UnitShare } from './borders.ts';
import { type AreaFeature, createBoundaryIndex } from './boundaries';
import type { HotClusters } from './clusters.ts';

/** Crimes of the analysis filter at one location (a snapped point) in a cluster cell. */
export interface LocationCrimes {
  cell: string;
  lon: number;
  lat: number;
  /** Category code (index into the cube's categories). */
  category: number;
  crimes: number;
}

export interface CustomAreaShares {
  id: string;
  /** The areas holding its crimes by share (descending), then {@link OUTSIDE}. */
  units: UnitShare[];
  /** Two or more of the user's areas hold its crimes. */
  crosses: boolean;
  /** The area with the largest harm share (ties by crimes, then code), or null. */
  lead: string | null;
}

const label = (f: AreaFeature, key: 'code' | 'name'): string | null => {
  const v = f.properties?.[key];
  return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
};

/**
 * Shares of each cluster (same order as `clusters.clusters`) by the user's polygons.
 *
 * @param locations crimes per location and category in the clusters' cells, under the clusters' filter
 * @param aggregated the data are aggregated cells: every share carries the 'aggregated' caveat
 * @throws {Error} when the collection holds no Polygon or MultiPolygon.
 */
export function customAreaShares(
  clusters: HotClusters,
  locations: readonly LocationCrimes[],
  areas: FeatureCollection | readonly AreaFeature[],
  aggregated = false,
): CustomAreaShares[] {
  const index = createBoundaryIndex(areas);
  if (index.features.length === 0) throw new Error('customAreaShares: the areas hold no Polygon or MultiPolygon');
  const codes = index.features.map((f, i) => label(f, 'code') ?? label(f, 'name') ?? `area ${i + 1}`);
  const names = new Map(index.features.map((f, i) => [codes[i], label(f, 'name') ?? codes[i]]));
  const clusterOf = new Map<string, number>();
  clusters.clusters.forEach((c, k) => c.cells.forEach((cell) => clusterOf.set(cell, k)));
  const K = clusters.clusters.length;
  const tallies = Array.from({ length: K }, () => new Map<string, Tally>());
  const points = Array.from({ length: K }, () => new Map<string, Set<string>>());
  const where = new Map<string, string>(); // "lon,lat" → area code: each location placed once
  for (const l of locations) {
    const k = clusterOf.get(l.cell);
    if (k === undefined || l.crimes === 0) continue;
    if (!(l.category >= 0 && l.category < clusters.harmWeights.length)) {
      throw new Error(`customAreaShares: category code ${l.category} at ${l.lon}, ${l.lat} is not one of the cube's`);
    }
    const key = `${l.lon},${l.lat}`;
    let code = where.get(key);
    if (code === undefined) {
      const f = index.locate(l.lon, l.lat);
      code = f < 0 ? OUTSIDE : codes[f];
      where.set(key, code);
    }
    addToTally(tallies[k], code, l.crimes, l.crimes * clusters.harmWeights[l.category]);
    const set = points[k].get(code) ?? new Set<string>();
    set.add(key);
    points[k].set(code, set);
  }
  const nameOf = (code: string) => (code === OUTSIDE ? 'outside every area' : (names.get(code) ?? code));
  return clusters.clusters.map((c, k) => {
    const counts = new Map([...points[k]].map(([code, set]) => [code, set.size]));
    const units = sharesOf(tallies[k], nameOf, counts, aggregated);
    const real = units.filter((u) => u.code !== OUTSIDE);
    return { id: c.id, units, crosses: real.length >= 2, lead: real[0]?.code ?? null };
  });
}
