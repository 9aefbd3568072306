/**
 * What the hexagon layer draws, split into what stays and what changes with a filter.
 *
 * The cells stay: the cube's cells on the counts layer, the study area's on the hot spot
 * layers. deck.gl computes a hexagon's geometry once per cell and keeps it while the cell list
 * keeps its identity; a filter change then only recolours (one RGBA per cell, alpha 0 = not
 * drawn). Rebuilding a row object per drawn cell on every change made deck recompute every
 * hexagon's position and repack every buffer (issue 10, item 7).
 */
import { cellCode, type CellTotals, type CrimeCube } from '../analysis/cube';
import { EMERGING_CATEGORIES } from '../analysis/emerging.ts';
import type { HotspotResult } from '../analysis/hotspots';
import { classIndex, type ColorScale, type RGBA } from '../map/color-scale';
import { EMERGING_COLORS, GI_BIN_COLORS } from '../map/hotspot-colors';
import type { HexRow } from '../map/layers';

/** The hexagon layer's source: the cube's cells with their totals, or a hot spot result's study cells. */
export type HexSource =
  | { kind: 'counts'; cube: CrimeCube; totals: CellTotals | null }
  | { kind: 'study'; cube: CrimeCube; result: HotspotResult; layer: 'gi' | 'emerging' }
  | { kind: 'none' };

const NO_PATTERN = EMERGING_CATEGORIES.indexOf('No Pattern Detected');

/** The cells the layer holds, index = the layer's object index. */
export function layerCells(src: HexSource): readonly string[] {
  return src.kind === 'counts' ? src.cube.cells : src.kind === 'study' ? src.result.cells : [];
}

/** True when the two cell lists hold the same cells in the same order (so the geometry can stay). */
export function sameCells(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether cell i is drawn: it holds a matching crime (counts), or is significant / has a pattern. */
export function isDrawn(src: HexSource, i: number): boolean {
  if (src.kind === 'counts') return src.totals !== null && src.totals.count[i] > 0;
  if (src.kind === 'study') return src.layer === 'gi' ? src.result.giBinFdr[i] !== 0 : src.result.emerging[i] !== NO_PATTERN;
  return false;
}

/** The drawn cell at layer index i (what hover and click report), or null when it is not drawn. */
export function hexRowAt(src: HexSource, i: number): HexRow | null {
  if (i < 0 || i >= layerCells(src).length || !isDrawn(src, i)) return null;
  if (src.kind === 'counts') return { hex: src.cube.cells[i], code: i, study: -1, count: src.totals!.count[i], value: src.totals!.value[i] };
  if (src.kind === 'study') {
    const r = src.result;
    return { hex: r.cells[i], code: cellCode(src.cube, r.cells[i]), study: i, count: r.count[i], value: r.value[i] };
  }
  return null;
}

/** How many cells are drawn. */
export function drawnCount(src: HexSource): number {
  const n = layerCells(src).length;
  let k = 0;
  for (let i = 0; i < n; i++) if (isDrawn(src, i)) k++;
  return k;
}

/**
 * Fill colour of every cell, 4 bytes (RGBA) per cell in layer order; a cell that is not drawn
 * gets alpha 0. Counts take the quantile class of their value; hot spot layers their bin's or
 * category's colour.
 */
export function fillColors(src: HexSource, scale: ColorScale): Uint8Array {
  const n = layerCells(src).length;
  const out = new Uint8Array(n * 4);
  const put = (i: number, c: RGBA) => {
    out[4 * i] = c[0];
    out[4 * i + 1] = c[1];
    out[4 * i + 2] = c[2];
    out[4 * i + 3] = c[3];
  };
  if (src.kind === 'counts') {
    if (!src.totals) return out;
    const { count, value } = src.totals;
    const classes = scale.classes;
    // One 32-bit store per cell (this runs on every filter change, over every cell). Each class's
    // word is read from its four bytes, so it lays them out as RGBA whatever the byte order.
    const px = new Uint32Array(out.buffer, out.byteOffset, n);
    const packed = new Uint32Array(Uint8Array.from(classes.flatMap((c) => c.color)).buffer);
    for (let i = 0; i < n; i++) {
      if (!(count[i] > 0)) continue;
      const c = classIndex(classes, value[i]);
      if (c >= 0) px[i] = packed[c];
    }
  } else if (src.kind === 'study') {
    const r = src.result;
    for (let i = 0; i < n; i++) {
      if (!isDrawn(src, i)) continue;
      put(i, src.layer === 'gi' ? GI_BIN_COLORS[r.giBinFdr[i] + 3] : EMERGING_COLORS[EMERGING_CATEGORIES[r.emerging[i]]]);
    }
  }
  return out;
}
