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
}

/**
 * The hexagons. `cells` must keep its identity across filter changes: deck.gl then keeps every
 * hexagon's geometry and, when `version` changes, re-reads only the fill colours (4 bytes per
 * cell, alpha 0 = not drawn). Picking reports the cell's index in `cells`.
 */
export function hexagonLayer(cells: readonly string[], colors: Uint8Array, version: number) {
  const drawn = (i: number) => colors[4 * i + 3] > 0;
  return new H3HexagonLayer<string>({
    id: 'hexagons',
    data: cells,
    getHexagon: (d) => d,
    getFillColor: (_, { index, target }) => {
      const t = target as number[];
      t[0] = colors[4 * index];
      t[1] = colors[4 * index + 1];
      t[2] = colors[4 * index + 2];
      t[3] = colors[4 * index + 3];
      return t as RGBA;
    },
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

/** Boundary names: BCUs when zoomed out, boroughs in the middle, wards close in. */
export function labelLayer(labels: Label[], zoom: number) {
  const level: Label['level'] = zoom < 10.2 ? 'bcu' : zoom < 12.5 ? 'borough' : 'ward';
  return new TextLayer<Label>({
    id: `labels-${level}`,
    data: labels.filter((l) => l.level === level),
    getPosition: (d) => d.position,
    getText: (d) => d.text,
    getSize: LABEL_PX[level],
    sizeUnits: 'pixels',
    getColor: [240, 243, 250, 235],
    outlineWidth: 3,
    outlineColor: [20, 24, 33, 255],
    fontSettings: { sdf: true },
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    fontWeight: level === 'bcu' ? 700 : 500,
    characterSet: 'auto',
    pickable: false,
  });
}
