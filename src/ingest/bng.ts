/**
 * British National Grid (EPSG:27700) to WGS84 longitude/latitude, with proj4.
 *
 * The definition is EPSG:27700's: transverse Mercator on the Airy 1830 ellipsoid with the
 * 7-parameter Helmert shift OSGB36 -> WGS84 published by Ordnance Survey ("A guide to
 * coordinate systems in Great Britain", section 6.6). The Helmert shift is good to about
 * 3-5 m across Great Britain; OSTN15 (sub-metre) needs a grid file this app does not ship,
 * and police.uk points are themselves snapped to map points, so 5 m is well inside the noise.
 */
import proj4 from 'proj4';

export const BNG_PROJ4 =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

const toWgs84 = proj4(BNG_PROJ4, 'WGS84');

/** The extent of the National Grid: points outside it are not British grid references. */
export const BNG_BOUNDS = { minE: 0, maxE: 700_000, minN: 0, maxN: 1_300_000 } as const;

/**
 * Converts easting/northing pairs (metres) to WGS84; pairs outside the grid give NaN.
 * @returns longitudes and latitudes in degrees
 */
export function bngToWgs84(easting: ArrayLike<number>, northing: ArrayLike<number>): { lon: Float64Array; lat: Float64Array } {
  const n = easting.length;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const e = easting[i];
    const no = northing[i];
    if (!(e >= BNG_BOUNDS.minE && e <= BNG_BOUNDS.maxE && no >= BNG_BOUNDS.minN && no <= BNG_BOUNDS.maxN)) {
      lon[i] = NaN;
      lat[i] = NaN;
      continue;
    }
    const [x, y] = toWgs84.forward([e, no]);
    lon[i] = x;
    lat[i] = y;
  }
  return { lon, lat };
}

/**
 * A generous box around the United Kingdom (Great Britain, Northern Ireland, Shetland, the
 * Scillies): points outside it are refused as "coordinates outside the UK". It is a box, not
 * the coastline: it catches swapped lon/lat, 0,0 and other forces' grid mistakes.
 */
export const UK_BOUNDS = { minLon: -8.75, maxLon: 1.8, minLat: 49.85, maxLat: 60.9 } as const;
