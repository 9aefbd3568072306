import { describe, expect, it } from 'vitest';
import type { CellTotals, CrimeCube } from '../../src/analysis/cube';
import { EMERGING_CATEGORIES } from '../../src/analysis/emerging';
import type { HotspotResult } from '../../src/analysis/hotspots';
import { quantileScale } from '../../src/map/color-scale';
import { GI_BIN_COLORS } from '../../src/map/hotspot-colors';
import { hexagonLayer, hexLayerData, LABEL_PX, labelLayer, labelLevel, noDataLabelLayer } from '../../src/map/layers';
import { drawnCount, fillColors, hexRowAt, type HexSource, isDrawn, layerCells, sameCells } from '../../src/state/hex-view';

// Three res-9 cells (sorted, as the cube keeps them); only `cells` matters to the view.
const CELLS = ['89195da4993ffff', '89195da4997ffff', '89195da499bffff'];
const cube = { resolution: 9, cells: CELLS, months: ['2017-06'] } as unknown as CrimeCube;
const totals = (count: number[], value = count): CellTotals => ({
  count: Float64Array.from(count),
  value: Float64Array.from(value),
  total: count.reduce((a, b) => a + b, 0),
  stopSearch: 0,
  totalValue: value.reduce((a, b) => a + b, 0),
});
const counts = (count: number[], value?: number[]): HexSource => ({ kind: 'counts', cube, totals: totals(count, value) });
const rgba = (colors: Uint8Array, i: number) => [...colors.slice(4 * i, 4 * i + 4)];

const NO_PATTERN = EMERGING_CATEGORIES.indexOf('No Pattern Detected');
// A study area of two cells: the second cube cell and one with no crime (not in the cube).
const result = {
  cells: [CELLS[1], '89195da49a3ffff'],
  count: Float64Array.from([4, 0]),
  value: Float64Array.from([4, 0]),
  giBinFdr: Int8Array.from([3, 0]),
  emerging: Uint8Array.from([NO_PATTERN, EMERGING_CATEGORIES.indexOf('New Cold Spot')]),
} as unknown as HotspotResult;

describe('the counts layer holds every cube cell and draws those with crimes', () => {
  const src = counts([0, 3, 9]);

  it('its cells are the cube cells themselves (same array: deck keeps the geometry)', () => {
    expect(layerCells(src)).toBe(CELLS);
  });

  it('a cell with no matching crime is not drawn and picks as nothing', () => {
    expect(isDrawn(src, 0)).toBe(false);
    expect(hexRowAt(src, 0)).toBeNull();
    expect(drawnCount(src)).toBe(2);
  });

  it('a drawn cell reports its hexagon, cube code, count and value', () => {
    expect(hexRowAt(src, 2)).toEqual({ hex: CELLS[2], code: 2, study: -1, count: 9, value: 9 });
    expect(hexRowAt(counts([0, 3, 9], [0, 30, 90]), 1)).toEqual({ hex: CELLS[1], code: 1, study: -1, count: 3, value: 30 });
  });

  it('an index outside the cells picks as nothing', () => {
    expect(hexRowAt(src, 3)).toBeNull();
    expect(hexRowAt(src, -1)).toBeNull();
  });

  it('colours: transparent where nothing is drawn, the quantile class colour elsewhere', () => {
    const scale = quantileScale([3, 9], 2); // classes (0, 3] and (3, 9]
    const colors = fillColors(src, scale);
    expect(colors).toHaveLength(12);
    expect(rgba(colors, 0)).toEqual([0, 0, 0, 0]);
    expect(rgba(colors, 1)).toEqual(scale.classes[0].color);
    expect(rgba(colors, 2)).toEqual(scale.classes[1].color);
  });

  it("colours every cell of a larger layer as the scale's colorOf says, byte for byte (values on and between breaks, harm values, NaN)", () => {
    const cells = Array.from({ length: 500 }, (_, i) => `c${i}`);
    const big = { resolution: 9, cells, months: ['2017-06'] } as unknown as CrimeCube;
    const count = cells.map((_, i) => (i % 7 === 0 ? 0 : 1 + ((i * 37) % 23)));
    for (const value of [count, count.map((c, i) => (c === 0 ? 0 : i % 11 === 0 ? Number.NaN : c * 18.25 + (i % 5)))]) {
      const src: HexSource = { kind: 'counts', cube: big, totals: totals(count, value) };
      const scale = quantileScale(value, 6);
      const colors = fillColors(src, scale);
      for (let i = 0; i < cells.length; i++) expect(rgba(colors, i)).toEqual(count[i] > 0 ? scale.colorOf(value[i]) : [0, 0, 0, 0]);
    }
  });

  it('before the first aggregation nothing is drawn', () => {
    const none: HexSource = { kind: 'counts', cube, totals: null };
    expect(drawnCount(none)).toBe(0);
    expect([...fillColors(none, quantileScale([1]))]).toEqual(new Array(12).fill(0));
  });
});

describe('the hot spot layers hold the study cells and draw the significant / patterned ones', () => {
  const gi: HexSource = { kind: 'study', cube, result, layer: 'gi' };
  const emerging: HexSource = { kind: 'study', cube, result, layer: 'emerging' };

  it('Gi*: only the 99 % hot cell is drawn, in its bin colour; it reports its cube code and study index', () => {
    expect(layerCells(gi)).toBe(result.cells);
    expect(hexRowAt(gi, 0)).toEqual({ hex: CELLS[1], code: 1, study: 0, count: 4, value: 4 });
    expect(hexRowAt(gi, 1)).toBeNull();
    expect(rgba(fillColors(gi, quantileScale([])), 0)).toEqual(GI_BIN_COLORS[3 + 3]);
    expect(rgba(fillColors(gi, quantileScale([])), 1)).toEqual([0, 0, 0, 0]);
  });

  it('emerging: the cell with a pattern is drawn even with no crime of its own (cube code -1)', () => {
    expect(drawnCount(emerging)).toBe(1);
    expect(hexRowAt(emerging, 1)).toEqual({ hex: '89195da49a3ffff', code: -1, study: 1, count: 0, value: 0 });
    expect(hexRowAt(emerging, 0)).toBeNull();
  });
});

describe('sameCells(a, b)', () => {
  it('equal contents are the same cells; another order or length is not', () => {
    expect(sameCells(CELLS, [...CELLS])).toBe(true);
    expect(sameCells(CELLS, [CELLS[1], CELLS[0], CELLS[2]])).toBe(false);
    expect(sameCells(CELLS, CELLS.slice(1))).toBe(false);
  });
});

describe('hexagonLayer(data, colors, version)', () => {
  const colors = Uint8Array.from([0, 0, 0, 0, 10, 20, 30, 40, 1, 2, 3, 4]);

  it('keeps the data object it is given and hands deck the colour bytes as its binary fill colour', () => {
    const data = hexLayerData(CELLS);
    const layer = hexagonLayer(data, colors, 7);
    expect(layer.props.data).toBe(data);
    expect(data.attributes.getFillColor).toBe(colors);
    expect(data.startIndices).toBeNull();
    expect(layer.props.updateTriggers).toEqual({ getFillColor: 7 });
    // A second change: same data object, new colours, new trigger.
    const next = Uint8Array.from(colors).reverse();
    const again = hexagonLayer(data, next, 8);
    expect(again.props.data).toBe(data);
    expect(data.attributes.getFillColor).toBe(next);
  });

  it('maps a layer index to its cell', () => {
    const getHexagon = hexagonLayer(hexLayerData(CELLS), colors, 0).props.getHexagon as unknown as (d: unknown, info: { index: number }) => string;
    expect(getHexagon(undefined, { index: 2 })).toBe(CELLS[2]);
  });

  it('refuses colours that are not 4 bytes per cell', () => {
    expect(() => hexagonLayer(hexLayerData(CELLS), new Uint8Array(8), 0)).toThrow(/8 colour bytes for 3 cells/);
  });

  it('draws through the instanced path (no per-polygon tessellation)', () => {
    expect(hexagonLayer(hexLayerData(CELLS), new Uint8Array(12), 0).props.highPrecision).toBe(false);
  });

  it('hovering a transparent (not drawn) cell does not light it up', () => {
    const hl = hexagonLayer(hexLayerData(CELLS), colors, 0).props.highlightColor as unknown as (info: { index: number }) => number[];
    expect(hl({ index: 0 })[3]).toBe(0);
    expect(hl({ index: 1 })[3]).toBeGreaterThan(0);
  });
});

describe('labelLevel(zoom) and labelLayer(labels, level)', () => {
  it('names BCUs zoomed out, boroughs in the middle, wards close in', () => {
    expect([9, 10.19, 10.2, 12.49, 12.5, 15].map(labelLevel)).toEqual(['bcu', 'bcu', 'borough', 'borough', 'ward', 'ward']);
  });
  it('draws BCU, borough and ward names at 16 px or more (readable from the back of a room)', () => {
    const label = (level: 'bcu' | 'borough' | 'ward') => ({ position: [0, 51.5] as [number, number], text: 'x', level });
    for (const level of ['bcu', 'borough', 'ward'] as const) {
      const layer = labelLayer([label('bcu'), label('borough'), label('ward')], level);
      expect(layer.props.data).toEqual([label(level)]);
      expect(layer.props.sizeUnits).toBe('pixels');
      expect(layer.props.getSize).toBe(LABEL_PX[level]);
      expect(layer.props.getSize).toBeGreaterThanOrEqual(16);
      // Meeting mode raises every name to 24 px.
      expect(labelLayer([label(level)], level, 24).props.getSize).toBe(24);
    }
  });
});

describe('noDataLabelLayer(labels, codes, level)', () => {
  const labels = [
    { position: [0, 51.5] as [number, number], text: 'Hackney', level: 'borough' as const, code: 'E09000012' },
    { position: [0, 51.5] as [number, number], text: 'Camden', level: 'borough' as const, code: 'E09000007' },
  ];
  it('says "No data" under each borough without data, from the borough level in', () => {
    const [layer] = noDataLabelLayer(labels, ['E09000012'], 'borough');
    expect((layer.props.data as typeof labels).map((l) => l.text)).toEqual(['Hackney']);
    expect(noDataLabelLayer(labels, ['E09000012'], 'ward')).toHaveLength(1);
  });
  it('is no layer when zoomed out to BCUs or when every borough has data', () => {
    expect(noDataLabelLayer(labels, ['E09000012'], 'bcu')).toEqual([]);
    expect(noDataLabelLayer(labels, [], 'borough')).toEqual([]);
  });
});
