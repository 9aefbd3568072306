/**
 * What a patrol plan covers and where its order is backtested (src/state/patrol-target.ts), on
 * two made-up square wards of one borough: cells by centre (h3-js, the study area's rule), the
 * drawn area before the view's, and a ward's ranking backtested on its borough.
 */
import { describe, expect, it } from 'vitest';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { polygonToCells } from 'h3-js';
import { type BoundaryLayers, wardBoroughs } from '../../src/map/basemap-style';
import { rankingBasis, targetOf } from '../../src/state/patrol-target';

const square = (code: string, name: string, x: number, props: Record<string, string> = {}): Feature<Polygon> => ({
  type: 'Feature',
  properties: { code, name, ...props },
  geometry: { type: 'Polygon', coordinates: [[[x, 51.5], [x + 0.01, 51.5], [x + 0.01, 51.507], [x, 51.507], [x, 51.5]]] },
});
const fc = (features: Feature<Polygon>[]): FeatureCollection => ({ type: 'FeatureCollection', features });
const b: BoundaryLayers = {
  wards: fc([square('W1', 'Ward One', -0.1, { borough: 'B1' }), square('W2', 'Ward Two', -0.09, { borough: 'B1' })]),
  boroughs: fc([{ ...square('B1', 'Borough One', -0.1), geometry: { type: 'Polygon', coordinates: [[[-0.1, 51.5], [-0.08, 51.5], [-0.08, 51.507], [-0.1, 51.507], [-0.1, 51.5]]] } }]),
  bcus: fc([]),
};

describe('targetOf', () => {
  it('one ward: its cells by centre at the resolution, its name and outline', () => {
    const t = targetOf({ lasso: null }, { kind: 'ward', codes: ['W1'] }, 10, b)!;
    expect(t.kind).toBe('ward');
    expect(t.label).toBe('Ward One');
    expect(t.cells).toEqual(polygonToCells((b.wards.features[0].geometry as Polygon).coordinates, 10, true).sort());
    expect(t.cells.length).toBeGreaterThan(10);
    expect(t.outline).toHaveLength(1);
  });

  it('a drawn area comes before the view\'s; no one ward or borough and nothing drawn: no target', () => {
    const lasso: [number, number][] = [[-0.095, 51.501], [-0.085, 51.501], [-0.085, 51.506]];
    const t = targetOf({ lasso }, { kind: 'ward', codes: ['W1'] }, 10, b)!;
    expect(t.kind).toBe('drawn');
    expect(t.cells).toEqual(polygonToCells(lasso, 10, true).sort());
    expect(t.outline[0].geometry).toEqual({ type: 'Polygon', coordinates: [[...lasso, lasso[0]]] });
    expect(targetOf({ lasso: null }, { kind: 'ward', codes: ['W1', 'W2'] }, 10, b)).toBeNull();
    expect(targetOf({ lasso: null }, { kind: 'all' }, 10, b)).toBeNull();
    expect(targetOf({ lasso: null }, { kind: 'ward', codes: ['W9'] }, 10, b)).toBeNull();
  });
});

describe('rankingBasis', () => {
  it('a ward is ranked and backtested on its borough, a borough on itself, a drawn area on the view\'s area', () => {
    const ward = targetOf({ lasso: null }, { kind: 'ward', codes: ['W2'] }, 9, b)!;
    expect(rankingBasis(ward, { kind: 'ward', codes: ['W2'] }, b)).toEqual({ kind: 'borough', codes: ['B1'] });
    const borough = targetOf({ lasso: null }, { kind: 'borough', codes: ['B1'] }, 9, b)!;
    expect(rankingBasis(borough, { kind: 'borough', codes: ['B1'] }, b)).toEqual({ kind: 'borough', codes: ['B1'] });
    const drawn = targetOf({ lasso: [[-0.095, 51.501], [-0.085, 51.501], [-0.085, 51.506]] }, { kind: 'all' }, 9, b)!;
    expect(rankingBasis(drawn, { kind: 'all' }, b)).toEqual({ kind: 'all' });
    expect(rankingBasis(drawn, { kind: 'ward', codes: ['W1', 'W2'] }, b)).toEqual({ kind: 'borough', codes: ['B1'] });
  });
});

describe('wardBoroughs (shared by the ranking basis and the meeting table)', () => {
  const wards = fc([
    square('W1', 'Ward One', -0.1, { borough: 'E09000033' }),
    square('W2', 'Ward Two', -0.09, { borough: 'E09000007' }),
    square('W3', 'Ward Three', -0.08, { borough: 'E09000033' }),
  ]);
  it('names each chosen ward\'s borough once, sorted by code; unknown wards add none', () => {
    expect(wardBoroughs(wards, ['W3', 'W1'])).toEqual(['E09000033']);
    expect(wardBoroughs(wards, ['W1', 'W2', 'W9'])).toEqual(['E09000007', 'E09000033']);
    expect(wardBoroughs(wards, ['W9'])).toEqual([]);
  });
});
