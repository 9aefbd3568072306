/**
 * deck.gl layer factories. They take plain view-model rows and return layers; nothing here
 * holds state. H3HexagonLayer picks its own sub-layer and precision (`highPrecision: 'auto'`).
 */
import { TextLayer } from '@deck.gl/layers';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import type { RGBA } from './color-scale';

export interface HexRow {
  /** H3 cell (hex string). */
  hex: string;
  /** Index into the cube's cell list (-1: a study-area cell with no crime). */
  code: number;
  /** Index into the hotspot result's study cells (-1 on the counts layer). */
  study: number;
  count: number;
  value: number;
}

export interface Label {
  position: [number, number];
  text: string;
  /** Which boundary level it names: decides at which zoom it shows. */
  level: 'bcu' | 'borough' | 'ward';
  /** The boundary's code (ONS / BCU code). */
  code?: string;
}

/**
 * The hexagon layer's data: the cells, stable while the cube or study area stays (src/state/hex-view.ts),
 * and their fill colours as one RGBA byte array per filter change. deck.gl reads the colours as a
 * binary attribute (`attributes.getFillColor`), so a change uploads 4 bytes per cell and runs no
 * accessor; the cells' positions, computed once per data object, stay.
 */
export interface HexLayerData {
  cells: readonly string[];
  length: number;
  /** null (one vertex per cell): deck then takes the colour bytes as they are. */
  startIndices: null;
  attributes: { getFillColor: Uint8Array };
}

/** The data object for a cell list: make one per cell list and keep it while the cells stay. */
export function hexLayerData(cells: readonly string[]): HexLayerData {
  return { cells, length: cells.length, startIndices: null, attributes: { getFillColor: new Uint8Array(cells.length * 4) } };
}

/**
 * The hexagons. `data` keeps its identity across filter changes; `colors` (4 bytes per cell,
 * alpha 0 = not drawn) replaces the data's colour attribute, and `version` tells deck to take it.
 * Picking reports the cell's index in `data.cells`.
 */
export function hexagonLayer(data: HexLayerData, colors: Uint8Array, version: number) {
  if (colors.length !== data.length * 4) throw new Error(`hexagonLayer: ${colors.length} colour bytes for ${data.length} cells (want 4 per cell)`);
  // deck reads the binary attribute from the data object it already holds; swapping the array
  // there and bumping the trigger re-uploads the colours and nothing else.
  data.attributes.getFillColor = colors;
  const drawn = (i: number) => colors[4 * i + 3] > 0;
  return new H3HexagonLayer<unknown>({
    id: 'hexagons',
    data,
    getHexagon: (_, { index }) => data.cells[index],
    updateTriggers: { getFillColor: version },
    // The instanced path (one hexagon shape per cell, placed at its centre) instead of
    // tessellating every cell's polygon; H3 cells at resolution 7-10 over one city are close
    // enough in shape that the layer re-bases the shape when the view moves 10 km.
    highPrecision: false,
    extruded: false,
    stroked: false,
    pickable: true,
    autoHighlight: true,
    // Transparent cells (nothing to show) are still picked; they must not light up.
    highlightColor: ({ index }) => (index >= 0 && drawn(index) ? HIGHLIGHT : NONE),
  });
}

const HIGHLIGHT: RGBA = [255, 255, 255, 90];
const NONE: RGBA = [0, 0, 0, 0];
const SELECTED: RGBA = [255, 64, 160, 255];

export function selectionLayer(hex: string | null) {
  return new H3HexagonLayer<{ hex: string }>({
    id: 'selected-cell',
    data: hex ? [{ hex }] : [],
    getHexagon: (d) => d.hex,
    filled: false,
    stroked: true,
    extruded: false,
    getLineColor: SELECTED,
    lineWidthUnits: 'pixels',
    getLineWidth: 3,
    pickable: false,
  });
}

/**
 * Label sizes in CSS pixels: at least 16 px, like all text on the map, so that names read from
 * the back of a room on a 1080p screen (issue 10, item 6).
 */
export const LABEL_PX: Record<Label['level'], number> = { bcu: 18, borough: 17, ward: 16 };

/**
 * What every text on the map shares: an outlined SDF font (readable over any hexagon colour at
 * any zoom) in the system UI face, never picked. Boundary names, "No data" labels and the patrol
 * order numbers all use it (src/map/patrol-layers.ts).
 */
export const MAP_TEXT = {
  outlineWidth: 3,
  fontSettings: { sdf: true },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  pickable: false,
} as const;

/** Which names show at a zoom: BCUs when zoomed out, boroughs in the middle, wards close in. */
export function labelLevel(zoom: number): Label['level'] {
  return zoom < 10.2 ? 'bcu' : zoom < 12.5 ? 'borough' : 'ward';
}

/**
 * Boundary names of one level (`labelLevel` of the zoom). `minPx` raises every name to at least
 * that size (meeting mode asks 24 px, src/ui/meeting/).
 */
export function labelLayer(labels: Label[], level: Label['level'], minPx = 0) {
  return new TextLayer<Label>({
    id: `labels-${level}`,
    data: labels.filter((l) => l.level === level),
    getPosition: (d) => d.position,
    getText: (d) => d.text,
    getSize: Math.max(LABEL_PX[level], minPx),
    sizeUnits: 'pixels',
    ...MAP_TEXT,
    getColor: [240, 243, 250, 235],
    outlineColor: [20, 24, 33, 255],
    fontWeight: level === 'bcu' ? 700 : 500,
    characterSet: 'auto',
  });
}

/**
 * "No data" under the name of each borough with no data in the analysed months, from the level
 * at which borough names show (zoomed out, the hatch and the legend say it without crowding the
 * BCU names), so a hatched borough says what the hatch means. No layer when there is nothing to say.
 */
export function noDataLabelLayer(labels: Label[], codes: readonly string[], level: Label['level'], minPx = 0) {
  const wanted = new Set(level === 'bcu' ? [] : codes);
  const data = labels.filter((l) => l.level === 'borough' && l.code !== undefined && wanted.has(l.code));
  if (data.length === 0) return [];
  return [
    new TextLayer<Label>({
      id: 'no-data-labels',
      data,
      getPosition: (d) => d.position,
      getText: () => 'No data',
      getSize: Math.max(16, minPx), // at least 16 px on the map (issue 10, item 6)
      getPixelOffset: [0, Math.max(18, minPx + 2)],
      ...MAP_TEXT,
      getColor: [255, 205, 130, 255],
      outlineColor: [20, 24, 33, 255],
      fontWeight: 700,
      characterSet: 'auto',
    }),
  ];
}
