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

export function hexagonLayer(rows: HexRow[], colorOf: (row: HexRow) => RGBA, version: number) {
  return new H3HexagonLayer<HexRow>({
    id: 'hexagons',
    data: rows,
    getHexagon: (d) => d.hex,
    getFillColor: colorOf,
    // The colour function changes on every filter; `version` tells deck to re-run the accessor.
    updateTriggers: { getFillColor: version },
    extruded: false,
    stroked: false,
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 90],
  });
}

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

/** Boundary names: BCUs when zoomed out, boroughs in the middle, wards close in. */
export function labelLayer(labels: Label[], zoom: number) {
  const level: Label['level'] = zoom < 10.2 ? 'bcu' : zoom < 12.5 ? 'borough' : 'ward';
  return new TextLayer<Label>({
    id: `labels-${level}`,
    data: labels.filter((l) => l.level === level),
    getPosition: (d) => d.position,
    getText: (d) => d.text,
    getSize: level === 'ward' ? 11 : 13,
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

/**
 * "No data" under the name of each borough with no data in the analysed months, from the zoom
 * at which borough names show (zoomed out, the hatch and the legend say it without crowding the
 * BCU names), so a hatched borough says what the hatch means.
 */
export function noDataLabelLayer(labels: Label[], codes: readonly string[], zoom: number) {
  const wanted = new Set(zoom < 10.2 ? [] : codes);
  return new TextLayer<Label>({
    id: 'no-data-labels',
    data: labels.filter((l) => l.level === 'borough' && l.code !== undefined && wanted.has(l.code)),
    getPosition: (d) => d.position,
    getText: () => 'No data',
    getSize: 13,
    getPixelOffset: [0, 16],
    getColor: [255, 205, 130, 255],
    outlineWidth: 3,
    outlineColor: [20, 24, 33, 255],
    fontSettings: { sdf: true },
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    fontWeight: 700,
    characterSet: 'auto',
    pickable: false,
  });
}
