/**
 * The recorded-offences layer's view pieces that are plain functions: the ward colour scale (a
 * ward with no figures is never drawn as zero), whose trend is shown, and the map title.
 */
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { NO_FIGURES_COLOR, recordedScale, ZERO_COLOR } from '../../src/map/recorded-layer';
import { DEFAULT_VIEW, type ViewState } from '../../src/state/filters';
import { isCity, trendSubject, wardsInArea } from '../../src/state/recorded-crime-model';
import type { BoundaryLayers } from '../../src/map/basemap-style';
import { recordedMapTitle } from '../../src/ui/recorded/recorded-title';

const fc = (props: Record<string, unknown>[]): FeatureCollection => ({
  type: 'FeatureCollection',
  features: props.map((p) => ({ type: 'Feature', properties: p, geometry: { type: 'Point', coordinates: [0, 0] } })),
});
const B: BoundaryLayers = {
  wards: fc([
    { code: 'E05009372', name: 'Hackney Central', borough: 'E09000012', boroughName: 'Hackney' },
    { code: 'E05009288', name: 'Aldersgate', borough: 'E09000001', boroughName: 'City of London' },
  ]),
  boroughs: fc([{ code: 'E09000012', name: 'Hackney' }, { code: 'E09000001', name: 'City of London' }]),
  bcus: fc([]),
};
const view = (patch: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, ...patch });

describe('the recorded-offences ward colours', () => {
  it('no figures (null) is the grey of the City, 0 is the palest class, and neither is the other', () => {
    const s = recordedScale([0, 5, 10, 20, 40, 80, 160]);
    expect(s.colorOf(null)).toEqual(NO_FIGURES_COLOR);
    expect(s.colorOf(0)).toEqual(ZERO_COLOR);
    expect(NO_FIGURES_COLOR).not.toEqual(ZERO_COLOR);
    expect(s.hasZero).toBe(true);
    // Six quantile classes over the six positive values, each its own colour, none grey or zero.
    expect(s.classes.map((c) => c.to)).toEqual([5, 10, 20, 40, 80, 160]);
    const colours = new Set([5, 10, 20, 40, 80, 160].map((v) => s.colorOf(v).join()));
    expect(colours.size).toBe(6);
    expect(colours.has(NO_FIGURES_COLOR.join())).toBe(false);
    expect(colours.has(ZERO_COLOR.join())).toBe(false);
  });

  it('with no ward above zero there are no classes, and a zero ward is still drawn as zero', () => {
    const s = recordedScale([0, 0]);
    expect(s.classes).toEqual([]);
    expect(s.colorOf(0)).toEqual(ZERO_COLOR);
  });
});

describe('whose recorded trend is shown', () => {
  it('the clicked ward first, with its borough from the ward boundaries', () => {
    expect(trendSubject(view({ rcWard: 'E05009372', area: { kind: 'borough', codes: ['E09000001'] } }), B)).toEqual({
      kind: 'ward', code: 'E05009372', name: 'Hackney Central', boroughCode: 'E09000012', boroughName: 'Hackney',
    });
  });

  it('else the area filter when it is one ward or one borough; nothing for several or for all London', () => {
    expect(trendSubject(view({ area: { kind: 'ward', codes: ['E05009372'] } }), B)?.name).toBe('Hackney Central');
    expect(trendSubject(view({ area: { kind: 'borough', codes: ['E09000012'] } }), B)).toEqual({ kind: 'borough', code: 'E09000012', name: 'Hackney' });
    expect(trendSubject(view({ area: { kind: 'borough', codes: ['E09000012', 'E09000001'] } }), B)).toBeNull();
    expect(trendSubject(view({}), B)).toBeNull();
    expect(trendSubject(view({ rcWard: 'E05000000' }), B)).toBeNull(); // not a ward of the boundaries
  });

  it('knows the City of London\'s wards and the City itself (no Met figures)', () => {
    expect(isCity(trendSubject(view({ rcWard: 'E05009288' }), B)!)).toBe(true);
    expect(isCity(trendSubject(view({ area: { kind: 'borough', codes: ['E09000001'] } }), B)!)).toBe(true);
    expect(isCity(trendSubject(view({ rcWard: 'E05009372' }), B)!)).toBe(false);
  });
});

describe('the wards the layer draws', () => {
  const codes = (f: FeatureCollection) => f.features.map((w) => w.properties?.code);
  it('all of them for all London; the chosen wards; the wards of the chosen boroughs or BCUs', () => {
    const wards = fc([
      { code: 'W1', borough: 'B1', bcu: 'NE' },
      { code: 'W2', borough: 'B1', bcu: 'NE' },
      { code: 'W3', borough: 'B2', bcu: 'CE' },
      { code: 'W4', borough: 'B3', bcu: null },
    ]);
    expect(codes(wardsInArea(wards, { kind: 'all' }))).toEqual(['W1', 'W2', 'W3', 'W4']);
    expect(codes(wardsInArea(wards, { kind: 'ward', codes: ['W3', 'W1'] }))).toEqual(['W1', 'W3']);
    expect(codes(wardsInArea(wards, { kind: 'borough', codes: ['B1'] }))).toEqual(['W1', 'W2']);
    expect(codes(wardsInArea(wards, { kind: 'bcu', codes: ['CE'] }))).toEqual(['W3']);
    expect(codes(wardsInArea(wards, { kind: 'borough', codes: [] }))).toEqual([]);
  });
});

describe('the map title on the recorded layer', () => {
  it('names the source, the group, the area and the period', () => {
    const t = recordedMapTitle(view({ rcGroup: 'NFIB FRAUD', area: { kind: 'borough', codes: ['E09000012'] } }), { from: '2025-03', to: '2026-02' }, '2026-02', ['Hackney']);
    expect(t.heading).toBe('MPS recorded offences by ward · Home Office groups, no anti-social behaviour');
    expect(t.scope).toBe('NFIB fraud · Borough: Hackney · Mar 2025 – Feb 2026');
    expect(t.basis).toContain('as at Feb 2026');
  });
});
