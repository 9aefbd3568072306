/**
 * Boroughs with no data, hatched on the base map (issue 10, item 5): empty there means "not
 * loaded", and must not look like "no crime". The hatch is a MapLibre `fill-pattern` from an
 * image made here in code, so it works offline with the plain style (no sprite to fetch).
 */
import type { FilterSpecification, FillLayerSpecification, Map as MapLibreMap } from 'maplibre-gl';

export const NO_DATA_LAYER = 'no-data-hatch';
export const HATCH_IMAGE = 'no-data-hatch';
/** The stripe colour (also the legend swatch's). */
export const HATCH_RGB: [number, number, number] = [230, 160, 60];
const SIZE = 16;
const STRIPE = 3;

/** A square of diagonal stripes that tiles seamlessly (stripes where (x + y) mod SIZE < STRIPE). */
export function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(SIZE * SIZE * 4);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      if ((x + y) % SIZE >= STRIPE) continue;
      const i = (y * SIZE + x) * 4;
      data.set([...HATCH_RGB, 255], i);
    }
  }
  return { width: SIZE, height: SIZE, data };
}

/** Only the boroughs whose code is listed. */
export function noDataFilter(codes: readonly string[]): FilterSpecification {
  return ['in', ['get', 'code'], ['literal', [...codes]]];
}

/** The hatch layer over the borough polygons; shows nothing until {@link showNoData} lists boroughs. */
export function noDataLayer(codes: readonly string[] = []): FillLayerSpecification {
  return { id: NO_DATA_LAYER, type: 'fill', source: 'boroughs', filter: noDataFilter(codes), paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': 0.75 } };
}

/**
 * Keeps the hatch on `map` for the boroughs `codes()` names, across style changes (the online
 * street map switch sets a new style: MapLibre diffs it in place, firing 'styledata' but not
 * 'style.load', and the new style's hatch layer comes with an empty filter). Returns the
 * function to call when the codes change.
 */
export function attachNoData(map: MapLibreMap, codes: () => readonly string[]): () => void {
  const apply = () => {
    if (!map.getLayer(NO_DATA_LAYER)) return;
    if (!map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchImage());
    const want = noDataFilter(codes());
    // setFilter fires 'styledata' itself: set it only when it differs, or this loops.
    if (JSON.stringify(map.getFilter(NO_DATA_LAYER)) !== JSON.stringify(want)) map.setFilter(NO_DATA_LAYER, want);
  };
  map.on('styledata', apply);
  // A fill-pattern asks for its image before 'style.load' may have run.
  map.on('styleimagemissing', (e: { id: string }) => {
    if (e.id === HATCH_IMAGE && !map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchImage());
  });
  return apply;
}
