/**
 * Property tests of the URL state (issue 10 item 3: "a shared link is the view"). Over random
 * valid views, decodeView(encodeView(v)) gives v back exactly, with no normalising: a valid view
 * already holds categories in code order and a rounded camera, as the app keeps them. Over
 * arbitrary strings, decodeView never throws and always gives a valid view.
 */
import fc from 'fast-check';
import { getPentagons, isValidCell, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import { H3_RESOLUTIONS } from '../../src/db/schema';
import { DATASETS } from '../../src/state/datasets';
import { decodeView, encodeView, MAP_LAYERS, type MapLayerKind, type ViewState } from '../../src/state/filters';
import { THRESHOLD_KEYS, validThreshold } from '../../src/state/tasking-url';

const RUNS = { numRuns: 1000 };

// -- What a valid view is (the contract decodeView must meet for any input) ---------------

const isRounded = (x: number, digits: number) => Number.isFinite(x) && Math.round(x * 10 ** digits) / 10 ** digits === x && !Object.is(x, -0);

/** Why `v` is not a valid view ([] when it is). */
function problems(v: ViewState): string[] {
  const out: string[] = [];
  if (!DATASETS.some((d) => d.id === v.dataset)) out.push(`dataset ${v.dataset}`);
  if (!(H3_RESOLUTIONS as readonly number[]).includes(v.resolution)) out.push(`resolution ${v.resolution}`);
  for (const m of [v.from, v.to]) if (m !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) out.push(`month ${m}`);
  // Categories: known, each once, in code order.
  const codes = v.categories.map((c) => ALL_CATEGORIES.indexOf(c));
  if (codes.some((i, k) => i < 0 || (k > 0 && i <= codes[k - 1]))) out.push(`categories ${v.categories.join('|')}`);
  if (v.area.kind !== 'all') {
    if (!['borough', 'bcu', 'ward'].includes(v.area.kind)) out.push(`area kind ${v.area.kind}`);
    const codes = v.area.codes;
    if (new Set(codes).size !== codes.length || codes.some((c) => !/^[A-Za-z0-9]+$/.test(c))) out.push(`area codes ${codes.join('|')}`);
  } else if (Object.keys(v.area).length !== 1) out.push('area all with codes');
  if (typeof v.onlineBasemap !== 'boolean') out.push('onlineBasemap');
  if (!(v.layer in MAP_LAYERS)) out.push(`layer ${v.layer}`);
  if (v.weight !== 'count' && v.weight !== 'harm') out.push(`weight ${v.weight}`);
  for (const [c, d] of Object.entries(v.harmOverrides)) {
    if (!ALL_CATEGORIES.includes(c) || !Number.isFinite(d) || d < 0 || Object.is(d, -0)) out.push(`harm ${c}=${d}`);
  }
  if (v.selected !== null && !(v.selected === v.selected.toLowerCase() && isValidCell(v.selected))) out.push(`selected ${v.selected}`);
  if (typeof v.lsoa !== 'boolean') out.push('lsoa');
  if (v.rcGroup !== null && !/^[A-Z][A-Z0-9 ,&()'/-]{0,79}$/.test(v.rcGroup)) out.push(`rcGroup ${v.rcGroup}`);
  for (const m of [v.rcFrom, v.rcTo]) if (m !== null && !/^\d{4}-(0[1-9]|1[0-2])$/.test(m)) out.push(`recorded month ${m}`);
  if (v.rcWard !== null && !/^[EWSN]\d{8}$/.test(v.rcWard)) out.push(`rcWard ${v.rcWard}`);
  if (!['ward', 'borough', 'bcu'].includes(v.clusterLine)) out.push(`clusterLine ${v.clusterLine}`);
  if (![1, 2, 3].includes(v.clusterFdr)) out.push(`clusterFdr ${v.clusterFdr}`);
  if (v.cluster !== null && !(v.cluster === v.cluster.toLowerCase() && isValidCell(v.cluster))) out.push(`cluster ${v.cluster}`);
  if (v.proposal !== null && !(v.proposal === v.proposal.toLowerCase() && isValidCell(v.proposal))) out.push(`proposal ${v.proposal}`);
  for (const [k, x] of Object.entries(v.tasking)) {
    if (!(THRESHOLD_KEYS as string[]).includes(k) || !validThreshold(k as (typeof THRESHOLD_KEYS)[number], x) || Object.is(x, -0)) out.push(`tasking ${k}=${x}`);
  }
  if (v.camera !== null) {
    const { lon, lat, zoom } = v.camera;
    if (!(isRounded(lon, 5) && Math.abs(lon) <= 180)) out.push(`lon ${lon}`);
    if (!(isRounded(lat, 5) && Math.abs(lat) <= 85.05113)) out.push(`lat ${lat}`);
    if (!(isRounded(zoom, 2) && zoom >= 0 && zoom <= 24)) out.push(`zoom ${zoom}`);
  }
  return out;
}

// -- Arbitrary valid views --------------------------------------------------------------

const month = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 1, max: 12 }))
  .map(([y, m]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`);

const areaCode = fc.stringMatching(/^[A-Za-z0-9]{1,12}$/);
const area: fc.Arbitrary<ViewState['area']> = fc.oneof(
  fc.constant({ kind: 'all' as const }),
  fc.record({
    kind: fc.constantFrom('borough' as const, 'bcu' as const, 'ward' as const),
    // 0 codes: the kind is chosen, the area not yet (the picker's "Choose…").
    codes: fc.uniqueArray(areaCode, { minLength: 0, maxLength: 8 }),
  }),
);

const days = fc.oneof(
  fc.integer({ min: 0, max: 100_000 }).map((k) => k / 100), // typed decimals such as 1.5 or 365.25
  fc.double({ min: 0, max: 1e12, noNaN: true }), // any double, subnormals included
);
const harmOverrides = fc
  .array(fc.tuple(fc.constantFrom(...ALL_CATEGORIES), days), { maxLength: ALL_CATEGORIES.length })
  .map((pairs) => Object.fromEntries(pairs));

const h3Cell = fc.oneof(
  fc
    .tuple(fc.double({ min: -90, max: 90, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), fc.integer({ min: 0, max: 15 }))
    .map(([lat, lng, res]) => latLngToCell(lat, lng, res)),
  // Pentagons are the odd cells out of H3: include them on purpose.
  fc.integer({ min: 0, max: 15 }).chain((res) => fc.constantFrom(...getPentagons(res))),
);

const camera = fc.record({
  lon: fc.integer({ min: -18_000_000, max: 18_000_000 }).map((k) => k / 1e5),
  lat: fc.integer({ min: -8_505_113, max: 8_505_113 }).map((k) => k / 1e5),
  zoom: fc.integer({ min: 0, max: 2400 }).map((k) => k / 100),
});

const validView: fc.Arbitrary<ViewState> = fc.record({
  dataset: fc.constantFrom(...DATASETS.map((d) => d.id)),
  resolution: fc.constantFrom(...H3_RESOLUTIONS),
  from: fc.option(month, { nil: null }),
  to: fc.option(month, { nil: null }),
  // Any subset, in code order: none, one, several or all (stop and search included).
  categories: fc.subarray([...ALL_CATEGORIES]),
  area,
  onlineBasemap: fc.boolean(),
  layer: fc.constantFrom(...(Object.keys(MAP_LAYERS) as MapLayerKind[])),
  weight: fc.constantFrom('count' as const, 'harm' as const),
  harmOverrides,
  includeNoData: fc.boolean(),
  selected: fc.option(h3Cell, { nil: null }),
  camera: fc.option(camera, { nil: null }),
  lsoa: fc.boolean(),
  rcGroup: fc.option(
    fc.oneof(
      fc.constantFrom('THEFT', 'VIOLENCE AGAINST THE PERSON', 'NFIB FRAUD', 'ARSON AND CRIMINAL DAMAGE'),
      fc.stringMatching(/^[A-Z][A-Z0-9 ,&()'/-]{0,79}$/),
    ),
    { nil: null },
  ),
  rcFrom: fc.option(month, { nil: null }),
  rcTo: fc.option(month, { nil: null }),
  rcWard: fc.option(fc.stringMatching(/^[EWSN]\d{8}$/), { nil: null }),
  clusterLine: fc.constantFrom('ward' as const, 'borough' as const, 'bcu' as const),
  clusterFdr: fc.constantFrom(1 as const, 2 as const, 3 as const),
  cluster: fc.option(h3Cell, { nil: null }),
  proposal: fc.option(h3Cell, { nil: null }),
  tasking: fc.record(
    {
      clearPriorityShare: fc.oneof(fc.integer({ min: 0, max: 100 }).map((k) => k / 100), fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true })).map((x) => x + 0),
      fallShare: fc.integer({ min: 0, max: 100 }).map((k) => k / 100),
      buildMonths: fc.integer({ min: 1, max: 120 }),
      levelMonths: fc.integer({ min: 1, max: 60 }),
      maxSiteAreaKm2: fc.oneof(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 20000 }).map((k) => k / 10)),
      joinRings: fc.integer({ min: 1, max: 10 }),
    },
    { requiredKeys: [] },
  ),
});

// -- Arbitrary search strings -----------------------------------------------------------

const KEYS = ['ds', 'res', 'from', 'to', 'cat', 'borough', 'bcu', 'ward', 'basemap', 'layer', 'weight', 'hw', 'hex', 'lon', 'lat', 'zoom', 'lsoa', 'rcg', 'rcfrom', 'rcto', 'rcward', 'line', 'fdr', 'cluster', 'prop', 'tk'];
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
/** Near misses: the app's own keys with values made of the characters its values use. */
const nearMiss = fc
  .array(
    fc.tuple(
      fc.constantFrom(...KEYS),
      fc.oneof(anyText, fc.stringMatching(/^[-+0-9a-fA-F.:_eE%]{0,20}$/), fc.constantFrom(...DATASETS.map((d) => d.id), 'none', 'osm', 'gi', 'recorded', 'THEFT', 'E05009372', 'harm', 'NaN', 'Infinity', '-0', '1e400', '2:-0', '2:0x10_9:1e-400', '1. 2', '1', '01', 'true', 'bcu', 'ward', '3', '0', '8919', 'cps:0.5', 'bm:4_km:6.5', 'jr:0', 'fs:1e-7', 'cps:-0')),
    ),
    { maxLength: 12 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
const anySearch = fc.oneof(anyText, fc.webQueryParameters(), nearMiss, nearMiss.map((s) => `?${s}`));

describe('the view URL (fast-check)', () => {
  it('every generated view is valid by the test\'s own definition (the generators are sound)', () => {
    fc.assert(fc.property(validView, (v) => {
      expect(problems(v)).toEqual([]);
    }), RUNS);
  });

  it('decodeView(encodeView(v)) deep-equals v for every valid view', () => {
    fc.assert(fc.property(validView, (v) => {
      expect(decodeView(encodeView(v))).toEqual(v);
    }), RUNS);
  });

  it('also through a real address: encoded, put in a URL, read back from location.search', () => {
    fc.assert(
      fc.property(validView, (v) => {
        const url = new URL(`https://example.org/app/?${encodeView(v)}`);
        expect(decodeView(new URL(url.href).search)).toEqual(v);
      }),
      RUNS,
    );
  });

  it('decodeView never throws on any string and always gives a valid view', () => {
    fc.assert(fc.property(anySearch, (s) => {
      expect(problems(decodeView(s))).toEqual([]);
    }), RUNS);
  });

  it('what decodeView makes of any string survives its own round trip', () => {
    fc.assert(
      fc.property(anySearch, (s) => {
        const v = decodeView(s);
        expect(decodeView(encodeView(v))).toEqual(v);
      }),
      RUNS,
    );
  });
});
