/**
 * The MapLibre style. Offline by default: a plain background and the shipped boundaries, so the
 * map needs no network. The online OpenStreetMap raster basemap is an opt-in setting; when its
 * tiles cannot be fetched the map still works (MapLibre just leaves the tiles blank).
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import type { AreaFilter } from '../analysis/cube';
import { noDataLayer } from './no-data';

export interface BoundaryLayers {
  boroughs: FeatureCollection;
  wards: FeatureCollection;
  bcus: FeatureCollection;
}

/** The boundary layer of one kind. */
export function boundaryLayer(b: BoundaryLayers, kind: 'ward' | 'borough' | 'bcu'): FeatureCollection {
  return kind === 'ward' ? b.wards : kind === 'bcu' ? b.bcus : b.boroughs;
}

/** The polygons an area filter selects: all 33 boroughs, or the chosen BCUs / boroughs / wards. */
export function areaFeatures(b: BoundaryLayers, a: AreaFilter): FeatureCollection['features'] {
  if (a.kind === 'all') return b.boroughs.features;
  return boundaryLayer(b, a.kind).features.filter((f) => a.codes.includes(String(f.properties?.code)));
}

/** The boroughs holding the given wards (the ward boundaries' `borough` property), sorted by code, each once. */
export function wardBoroughs(wards: FeatureCollection, codes: readonly string[]): string[] {
  const chosen = new Set(codes);
  return [...new Set(wards.features.filter((f) => chosen.has(String(f.properties?.code))).map((f) => String(f.properties?.borough)))].sort();
}

export const OSM_ATTRIBUTION = '© <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
/** The boundaries' credit (the open dataset's own credit is written on the map, src/ui/map/DataAttribution.tsx). */
export const DATA_ATTRIBUTION =
  'Boundaries: ONS / OS © Crown copyright, OGL v3.0';

export function buildStyle(b: BoundaryLayers, opts: { onlineBasemap: boolean }): StyleSpecification {
  return {
    version: 8,
    sources: {
      ...(opts.onlineBasemap
        ? {
            osm: {
              type: 'raster',
              tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
              tileSize: 256,
              maxzoom: 19,
              attribution: OSM_ATTRIBUTION,
            },
          }
        : {}),
      boroughs: { type: 'geojson', data: b.boroughs, attribution: DATA_ATTRIBUTION },
      wards: { type: 'geojson', data: b.wards },
      bcus: { type: 'geojson', data: b.bcus },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#1d2330' } },
      ...(opts.onlineBasemap
        ? [{ id: 'osm', type: 'raster' as const, source: 'osm', paint: { 'raster-opacity': 0.55, 'raster-saturation': -0.8 } }]
        : []),
      { id: 'borough-fill', type: 'fill', source: 'boroughs', paint: { 'fill-color': '#2a3142', 'fill-opacity': opts.onlineBasemap ? 0 : 1 } },
      noDataLayer(),
      { id: 'ward-line', type: 'line', source: 'wards', minzoom: 11, paint: { 'line-color': '#5d6a85', 'line-width': 0.5, 'line-dasharray': [2, 2] } },
      { id: 'borough-line', type: 'line', source: 'boroughs', paint: { 'line-color': '#9aa7c2', 'line-width': 1 } },
      { id: 'bcu-line', type: 'line', source: 'bcus', paint: { 'line-color': '#f0f3fa', 'line-width': 2.2 } },
    ],
  };
}
