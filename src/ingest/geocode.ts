/**
 * Locates distinct points once at ingest: their H3 cell at every offered resolution and the
 * ward, borough and BCU they fall in. Pure (h3-js + turf), so it runs in the browser's
 * geocode worker, in Node for the CLI twin and in tests alike.
 */
import type { FeatureCollection } from 'geojson';
import { createBoundaryIndex, type BoundaryIndex } from '../analysis/boundaries';
import { cellOf, cellToBigInt } from '../analysis/h3';
import { H3_RESOLUTIONS } from '../db/schema';

export interface BoundarySet {
  /** Wards: properties `code`, `name`, `borough`. */
  wards: FeatureCollection;
  /** Boroughs: properties `code`, `name`, `bcu`. */
  boroughs: FeatureCollection;
}

export interface GeocodedPoints {
  /** One array per resolution in H3_RESOLUTIONS order. */
  cells: BigUint64Array[];
  ward: (string | null)[];
  borough: (string | null)[];
  bcu: (string | null)[];
}

export interface Geocoder {
  geocode(lon: Float64Array, lat: Float64Array): GeocodedPoints;
}

export function createGeocoder(boundaries: BoundarySet): Geocoder {
  const wards: BoundaryIndex = createBoundaryIndex(boundaries.wards);
  const boroughs: BoundaryIndex = createBoundaryIndex(boundaries.boroughs);
  const prop = (idx: BoundaryIndex, i: number, key: string): string | null =>
    i < 0 ? null : ((idx.features[i].properties?.[key] as string | null | undefined) ?? null);
  return {
    geocode(lon, lat) {
      const n = lon.length;
      const cells = H3_RESOLUTIONS.map(() => new BigUint64Array(n));
      const ward: (string | null)[] = new Array(n);
      const borough: (string | null)[] = new Array(n);
      const bcu: (string | null)[] = new Array(n);
      for (let i = 0; i < n; i++) {
        for (let r = 0; r < H3_RESOLUTIONS.length; r++) cells[r][i] = cellToBigInt(cellOf(lon[i], lat[i], H3_RESOLUTIONS[r]));
        // Borough by its own polygon, not via the ward: the 2013 wards and the borough layer
        // are generalised differently, and the borough answer must match the borough outline drawn.
        const b = boroughs.locate(lon[i], lat[i]);
        borough[i] = prop(boroughs, b, 'code');
        bcu[i] = prop(boroughs, b, 'bcu');
        ward[i] = prop(wards, wards.locate(lon[i], lat[i]), 'code');
      }
      return { cells, ward, borough, bcu };
    },
  };
}
