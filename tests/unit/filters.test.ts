import { describe, expect, it } from 'vitest';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import type { CrimeCube } from '../../src/analysis/cube';
import { decodeView, DEFAULT_VIEW, encodeView, toCubeFilter, type ViewState } from '../../src/state/filters';

// The 14 police.uk crime categories in code order (categories.ts), written out by hand.
const CRIME_14 = [
  'Anti-social behaviour', 'Bicycle theft', 'Burglary', 'Criminal damage and arson', 'Drugs', 'Other crime', 'Other theft',
  'Possession of weapons', 'Public order', 'Robbery', 'Shoplifting', 'Theft from the person', 'Vehicle crime',
  'Violence and sexual offences',
];

describe('encodeView(view)', () => {
  it('encodes the default view as the empty string', () => {
    expect(encodeView(DEFAULT_VIEW)).toBe('');
  });

  it('the default categories are the 14 crime categories without stop and search', () => {
    expect(DEFAULT_VIEW.categories).toEqual(CRIME_14);
  });

  it('leaves out the categories when they are the default set in another order', () => {
    expect(encodeView({ ...DEFAULT_VIEW, categories: [...CRIME_14].reverse() })).toBe('');
  });

  it('writes categories as their codes in code order, joined by dots', () => {
    // Robbery = 9, Burglary = 2 (positions in CRIME_14)
    expect(encodeView({ ...DEFAULT_VIEW, categories: ['Robbery', 'Burglary'] })).toBe('cat=2.9');
  });

  it("writes no categories as cat=none", () => {
    expect(encodeView({ ...DEFAULT_VIEW, categories: [] })).toBe('cat=none');
  });

  it('writes every parameter of a fully non-default view', () => {
    const v: ViewState = {
      dataset: 'london-2017-18', resolution: 7, from: '2023-01', to: '2023-06', categories: ['Drugs'],
      area: { kind: 'ward', codes: ['E05000644', 'E05000649'] }, onlineBasemap: true,
      layer: 'gi', weight: 'harm', harmOverrides: { Robbery: 365, Burglary: 1.5 }, includeNoData: true,
      selected: '87195da49ffffff', camera: { lon: -0.12772, lat: 51.50741, zoom: 12.5 }, lsoa: true,
      rcGroup: 'VIOLENCE AGAINST THE PERSON', rcFrom: '2024-03', rcTo: '2026-02', rcWard: 'E05009372',
      clusterLine: 'bcu', clusterFdr: 3, cluster: '89194ad14d7ffff',
      proposal: '89194ad1453ffff', tasking: { clearPriorityShare: 0.6, buildMonths: 4, maxSiteAreaKm2: 2.5 },
    };
    // Drugs = code 4; harm overrides as code:days in code order (Burglary 2, Robbery 9), '_'-joined
    // ('%3A' is URLSearchParams' escape of ':').
    expect(encodeView(v)).toBe(
      'ds=london-2017-18&res=7&from=2023-01&to=2023-06&cat=4&ward=E05000644.E05000649&basemap=osm&layer=gi&weight=harm&hw=2%3A1.5_9%3A365&nodata=include' +
        '&hex=87195da49ffffff&rcg=VIOLENCE+AGAINST+THE+PERSON&rcfrom=2024-03&rcto=2026-02&rcward=E05009372&lon=-0.12772&lat=51.50741&zoom=12.5&lsoa=1' +
        '&line=bcu&fdr=3&cluster=89194ad14d7ffff&prop=89194ad1453ffff&tk=cps%3A0.6_bm%3A4_km%3A2.5',
    );
    expect(decodeView(encodeView(v))).toEqual(v);
  });

  it('rounds the camera to 5 decimals of a degree (about 1 m) and 2 of zoom', () => {
    const v: ViewState = { ...DEFAULT_VIEW, camera: { lon: -0.127724999, lat: 51.507405001, zoom: 12.3449 } };
    expect(encodeView(v)).toBe('lon=-0.12772&lat=51.50741&zoom=12.34');
    // -0.0000004 rounds to 0, written without a sign.
    expect(encodeView({ ...v, camera: { lon: -0.0000004, lat: 0, zoom: 0 } })).toBe('lon=0&lat=0&zoom=0');
  });

  it('keeps several chosen wards and the LSOA outlines switch (issue 11, item 4)', () => {
    const v: ViewState = { ...DEFAULT_VIEW, area: { kind: 'ward', codes: ['E05014053', 'E05009288'] }, lsoa: true };
    expect(encodeView(v)).toBe('ward=E05014053.E05009288&lsoa=1');
    expect(decodeView('?ward=E05014053.E05009288&lsoa=1')).toEqual(v);
    // Anything but 1 leaves the outlines off.
    expect(decodeView('?lsoa=true').lsoa).toBe(false);
  });

  it('leaves out harm overrides for unknown categories and negative or non-finite days', () => {
    const v: ViewState = { ...DEFAULT_VIEW, harmOverrides: { Piracy: 5, Burglary: -1, Drugs: Number.NaN, Robbery: Number.POSITIVE_INFINITY } };
    expect(encodeView(v)).toBe('');
  });
});

describe('decodeView(encodeView(view)) round trip', () => {
  const views: [string, ViewState][] = [
    ['the default view', DEFAULT_VIEW],
    ['resolution 10 only', { ...DEFAULT_VIEW, resolution: 10 }],
    ['a month range', { ...DEFAULT_VIEW, from: '2022-11', to: '2023-02' }],
    ['an open-ended month range', { ...DEFAULT_VIEW, from: '2023-03' }],
    ['two categories', { ...DEFAULT_VIEW, categories: ['Burglary', 'Robbery'] }],
    ['no categories', { ...DEFAULT_VIEW, categories: [] }],
    ['every category including stop and search', { ...DEFAULT_VIEW, categories: [...CRIME_14, 'Stop and search'] }],
    ['stop and search alone', { ...DEFAULT_VIEW, categories: ['Stop and search'] }],
    ['a borough filter', { ...DEFAULT_VIEW, area: { kind: 'borough', codes: ['E09000033', 'E09000007'] } }],
    ['a BCU filter', { ...DEFAULT_VIEW, area: { kind: 'bcu', codes: ['AW'] } }],
    ['a ward filter', { ...DEFAULT_VIEW, area: { kind: 'ward', codes: ['E05000644'] } }],
    ['the online basemap', { ...DEFAULT_VIEW, onlineBasemap: true }],
    ['the Gi* layer', { ...DEFAULT_VIEW, layer: 'gi' }],
    ['the emerging hot spot layer', { ...DEFAULT_VIEW, layer: 'emerging' }],
    ['harm weighting', { ...DEFAULT_VIEW, weight: 'harm' }],
    ['harm overrides with decimal and zero days', { ...DEFAULT_VIEW, harmOverrides: { Burglary: 1.5, Robbery: 0, 'Stop and search': 20 } }],
    ['Westminster with only Robbery (the issue 10 link)', { ...DEFAULT_VIEW, categories: ['Robbery'], area: { kind: 'borough', codes: ['E09000033'] } }],
    ['a borough kind with no borough chosen yet', { ...DEFAULT_VIEW, area: { kind: 'borough', codes: [] } }],
    ['a selected hexagon', { ...DEFAULT_VIEW, selected: '87195da49ffffff' }],
    ['a map camera', { ...DEFAULT_VIEW, camera: { lon: -0.12772, lat: 51.50741, zoom: 12.5 } }],
    ['the LSOA outlines', { ...DEFAULT_VIEW, lsoa: true }],
  ];
  for (const [name, v] of views) {
    it(`gives back ${name}`, () => {
      expect(decodeView(encodeView(v))).toEqual(v);
    });
  }
});

describe('decodeView(search) with malformed values', () => {
  it('decodes the empty string as the default view', () => {
    expect(decodeView('')).toEqual(DEFAULT_VIEW);
  });

  it('gives a view of its own: editing it leaves DEFAULT_VIEW alone (issue 10: Robbery alone was lost)', () => {
    // The view store edits its arrays in place. When decodeView handed it DEFAULT_VIEW's own
    // categories array, choosing Robbery alone rewrote the default too, so encodeView saw "the
    // default" and wrote no cat parameter.
    const v = decodeView('');
    expect(v.categories).not.toBe(DEFAULT_VIEW.categories);
    v.categories.splice(0, v.categories.length, 'Robbery');
    expect(DEFAULT_VIEW.categories).toEqual(CRIME_14);
    expect(encodeView(v)).toBe('cat=9');
  });

  it('DEFAULT_VIEW cannot be edited in place (a write throws instead of silently changing the default)', () => {
    expect(() => (DEFAULT_VIEW.categories as string[]).push('Robbery')).toThrow(TypeError);
    expect(() => ((DEFAULT_VIEW.harmOverrides as Record<string, number>).Robbery = 1)).toThrow(TypeError);
  });

  it('accepts a leading question mark', () => {
    expect(decodeView('?res=8').resolution).toBe(8);
  });

  it('a resolution the app does not offer falls back to 9', () => {
    expect(decodeView('res=6').resolution).toBe(9);
    expect(decodeView('res=11').resolution).toBe(9);
  });

  it('a non-numeric resolution falls back to 9', () => {
    expect(decodeView('res=abc').resolution).toBe(9);
  });

  it("months not in 'YYYY-MM' form fall back to null", () => {
    const v = decodeView('from=2023-1&to=January');
    expect([v.from, v.to]).toEqual([null, null]);
  });

  it('unknown category codes are dropped', () => {
    // 2 = Burglary, 9 = Robbery; 99 and x are not codes
    expect(decodeView('cat=2.99.x.9').categories).toEqual(['Burglary', 'Robbery']);
  });

  it('an empty cat value falls back to the default categories', () => {
    // Number('') is 0, which must not become code 0 (Anti-social behaviour).
    expect(decodeView('cat=').categories).toEqual(DEFAULT_VIEW.categories);
  });

  it('an empty piece between dots does not select Anti-social behaviour', () => {
    // 1 = Bicycle theft, 2 = Burglary
    expect(decodeView('cat=1..2').categories).toEqual(['Bicycle theft', 'Burglary']);
  });

  it('a cat value with no valid code falls back to the default categories', () => {
    expect(decodeView('cat=abc').categories).toEqual(DEFAULT_VIEW.categories);
  });

  it('an empty area value is that kind with no area chosen yet (which shows no crimes, as on screen)', () => {
    expect(decodeView('borough=').area).toEqual({ kind: 'borough', codes: [] });
  });

  it('area codes that are not letters and digits are dropped, and repeats kept once', () => {
    expect(decodeView('ward=E05000644.%3Cx%3E.E05000644..E05000649').area).toEqual({ kind: 'ward', codes: ['E05000644', 'E05000649'] });
  });

  it('categories come back in code order whatever order the link lists them in', () => {
    // 9 = Robbery, 2 = Burglary
    expect(decodeView('cat=9.2.9').categories).toEqual(['Burglary', 'Robbery']);
  });

  it('a month 00 or 13 is no month', () => {
    const v = decodeView('from=2023-00&to=2023-13');
    expect([v.from, v.to]).toEqual([null, null]);
  });

  it('a selected hexagon must be a valid H3 cell; upper case is read as lower case', () => {
    expect(decodeView('hex=87195DA49FFFFFF').selected).toBe('87195da49ffffff');
    // One hex digit changed in the base cell bits, and a string that is no hexadecimal at all.
    expect(decodeView('hex=87ff5da49ffffff').selected).toBeNull();
    expect(decodeView('hex=hello').selected).toBeNull();
  });

  it('a camera needs lon, lat and zoom, each a plain decimal within the map range', () => {
    expect(decodeView('lon=-0.1&lat=51.5').camera).toBeNull();
    expect(decodeView('lon=-0.1&lat=51.5&zoom=1e1').camera).toBeNull();
    expect(decodeView('lon=-0.1&lat=89&zoom=10').camera).toBeNull();
    expect(decodeView('lon=181&lat=51.5&zoom=10').camera).toBeNull();
    expect(decodeView('lon=-0.1&lat=51.5&zoom=25').camera).toBeNull();
    expect(decodeView('lon=-0.123456&lat=51.5&zoom=10.126').camera).toEqual({ lon: -0.12346, lat: 51.5, zoom: 10.13 });
  });

  it('any basemap value other than osm keeps the offline basemap', () => {
    expect(decodeView('basemap=yes').onlineBasemap).toBe(false);
  });

  it('an unknown layer falls back to counts', () => {
    expect(decodeView('layer=heatmap').layer).toBe('counts');
  });

  it('any weight other than harm falls back to count', () => {
    expect(decodeView('weight=HARM').weight).toBe('count');
  });

  it('malformed harm override pairs are ignored and the valid ones kept', () => {
    // 2:1.5 is valid (Burglary); 99 is no code, x is no number, -3 is negative, 9:abc has no number.
    expect(decodeView('hw=2:1.5_99:3_x_4:-3_9:abc').harmOverrides).toEqual({ Burglary: 1.5 });
  });

  it('a harm override pair with an empty code or empty days is ignored', () => {
    // Number('') is 0: ':5' must not become Anti-social behaviour = 5, nor '2:' Burglary = 0.
    expect(decodeView('hw=:5_2:').harmOverrides).toEqual({});
  });
});

// -- toCubeFilter ------------------------------------------------------------------------

/** A cube with six months and no rows (toCubeFilter reads only months and categories). */
const CUBE: CrimeCube = {
  resolution: 9,
  cells: [],
  months: ['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06'],
  categories: ALL_CATEGORIES,
  wards: [],
  boroughs: [],
  boroughBcu: [],
  cell: new Int32Array(0),
  month: new Uint16Array(0),
  category: new Uint8Array(0),
  ward: new Int16Array(0),
  borough: new Int16Array(0),
  count: new Int32Array(0),
  cellStart: new Int32Array(1),
};

describe('toCubeFilter(cube, view)', () => {
  it('null from and to span every month of the cube', () => {
    const f = toCubeFilter(CUBE, DEFAULT_VIEW);
    expect([f.monthFrom, f.monthTo]).toEqual([0, 5]);
  });

  it('months in the cube map to their indices', () => {
    const f = toCubeFilter(CUBE, { ...DEFAULT_VIEW, from: '2023-03', to: '2023-04' });
    expect([f.monthFrom, f.monthTo]).toEqual([2, 3]);
  });

  it('a from before the data clamps to the first month', () => {
    expect(toCubeFilter(CUBE, { ...DEFAULT_VIEW, from: '2022-11' }).monthFrom).toBe(0);
  });

  it('a to after the data clamps to the last month', () => {
    expect(toCubeFilter(CUBE, { ...DEFAULT_VIEW, to: '2024-01' }).monthTo).toBe(5);
  });

  it('a range wholly before the data selects no month (it does not analyse the first month instead)', () => {
    const f = toCubeFilter(CUBE, { ...DEFAULT_VIEW, from: '2020-01', to: '2020-02' });
    expect(f.monthFrom).toBeGreaterThan(f.monthTo);
  });

  it('a range wholly after the data selects no month', () => {
    const f = toCubeFilter(CUBE, { ...DEFAULT_VIEW, from: '2030-01', to: '2030-02' });
    expect(f.monthFrom).toBeGreaterThan(f.monthTo);
  });

  it('a cube with no months gives an empty month range', () => {
    const f = toCubeFilter({ ...CUBE, months: [] }, DEFAULT_VIEW);
    expect(f.monthFrom).toBeGreaterThan(f.monthTo);
  });

  it('categories become their codes in the cube category list', () => {
    // Robbery 9, Burglary 2, Stop and search 14 (after the 14 crime categories)
    expect(toCubeFilter(CUBE, { ...DEFAULT_VIEW, categories: ['Robbery', 'Burglary', 'Stop and search'] }).categories).toEqual([9, 2, 14]);
  });

  it('category names the cube does not know are dropped', () => {
    expect(toCubeFilter(CUBE, { ...DEFAULT_VIEW, categories: ['Piracy', 'Drugs'] }).categories).toEqual([4]);
  });

  it('the area passes through unchanged', () => {
    const area = { kind: 'bcu', codes: ['AW', 'CN'] } as const;
    expect(toCubeFilter(CUBE, { ...DEFAULT_VIEW, area }).area).toEqual(area);
  });
});
