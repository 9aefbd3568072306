/**
 * LSOA 2021 outlines as a boundary set (issue 11, item 4): a MapLibre line layer over the
 * base map, under the borough and BCU lines. The polygons are fetched only when first switched
 * on, so the source is added at run time rather than in the style (src/map/basemap-style.ts).
 */
import type { GeoJSONSource, LineLayerSpecification, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';

export const LSOA_SOURCE = 'lsoa';
export const LSOA_LAYER = 'lsoa-line';
/** Violet: no other line or fill of the base map uses it (tests find the outlines by it). */
export const LSOA_LINE_RGB: [number, number, number] = [182, 140, 255];
/** Drawn beneath the borough lines (src/map/basemap-style.ts). */
const BELOW = 'borough-line';

export function lsoaLayer(): LineLayerSpecification {
  return {
    id: LSOA_LAYER,
    type: 'line',
    source: LSOA_SOURCE,
    paint: {
      'line-color': `rgb(${LSOA_LINE_RGB.join(',')})`,
      // About 4,990 areas: hairlines over all London, firmer when zoomed in.
      'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.4, 13, 1.2],
      'line-opacity': ['interpolate', ['linear'], ['zoom'], 9, 0.6, 13, 0.9],
    },
  };
}

/**
 * Keeps the outlines on `map` while `data()` gives polygons, and off when it gives null, across
 * style changes (a new style drops run-time sources and layers; MapLibre fires 'styledata').
 * Returns the function to call when `data()` changes.
 */
export function attachLsoa(map: MapLibreMap, data: () => FeatureCollection | null): () => void {
  let shown: FeatureCollection | null = null;
  const apply = () => {
    // The style's own layers exist once it is loaded (isStyleLoaded() also waits for every source's tiles).
    if (!map.getLayer(BELOW)) return;
    const fc = data();
    if (!fc) {
      if (map.getLayer(LSOA_LAYER)) map.removeLayer(LSOA_LAYER);
      return;
    }
    const source = map.getSource(LSOA_SOURCE) as GeoJSONSource | undefined;
    if (!source) map.addSource(LSOA_SOURCE, { type: 'geojson', data: fc });
    else if (shown !== fc) source.setData(fc);
    shown = fc;
    if (!map.getLayer(LSOA_LAYER)) map.addLayer(lsoaLayer(), BELOW);
  };
  map.on('styledata', apply);
  return apply;
}
