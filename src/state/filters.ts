/**
 * The user's view choices as plain, serialisable data (they go into the URL), and their
 * translation into a cube filter.
 */
import { isValidCell } from 'h3-js';
import { ALL_CATEGORIES } from '../analysis/categories';
import type { AreaFilter, CrimeCube, CubeFilter } from '../analysis/cube';
import { H3_RESOLUTIONS, type H3Resolution } from '../db/schema';
import { datasetById, DEFAULT_DATASET } from './datasets';
import { decodeThresholds, encodeThresholds, type TaskingThresholds } from './tasking-url';

export interface ViewState {
  /** The embedded dataset the user's files are loaded on top of (data/datasets.json id). */
  dataset: string;
  resolution: H3Resolution;
  /** Inclusive month range 'YYYY-MM'; null = the first / last month of the data. */
  from: string | null;
  to: string | null;
  /** Category names shown; the default is every crime category (stop and search off). */
  categories: string[];
  area: AreaFilter;
  onlineBasemap: boolean;
  /** What the hexagons show: crimes (or harm), Gi* hot and cold spots, or emerging hot spot categories. */
  layer: MapLayerKind;
  /** Count every crime as 1, or weight it by its harm (Cambridge Crime Harm Index days). */
  weight: 'count' | 'harm';
  /** The user's harm weights where they differ from data/harm-weights.json (category name -> days). */
  harmOverrides: Record<string, number>;
  /** Keep boroughs with no data in the hot spot study area (as zeros, never labelled); default: leave them out. */
  includeNoData: boolean;
  /** The selected H3 cell (lower-case hex string), or none. */
  selected: string | null;
  /** Where the map looks; null = frame the chosen area (or London). Rounded: see {@link roundCamera}. */
  camera: MapCamera | null;
  /** Draw the LSOA 2021 outlines (a boundary set fetched when first switched on). */
  lsoa: boolean;
  /** The MPS recorded offences layer: one Home Office offence group, or every group (null). */
  rcGroup: string | null;
  /** Its inclusive month range 'YYYY-MM'; null = the latest 12 months of the recorded data. */
  rcFrom: string | null;
  rcTo: string | null;
  /** The ward whose recorded trend is shown (clicked on the ward layer), or none. */
  rcWard: string | null;
  /** The line the cross-border hot spots panel lists crossings of (issue 12, item 3). */
  clusterLine: ClusterLine;
  /** Lowest Gi* FDR bin of a cluster's cells: 1, 2 or 3 (90, 95, 99 %). */
  clusterFdr: 1 | 2 | 3;
  /** The selected hot spot cluster (its id: its smallest H3 cell), or none. */
  cluster: string | null;
  /** The selected Clear/Hold/Build proposal (its site id: its smallest H3 cell), or none. */
  proposal: string | null;
  /** The tasking thresholds the user changed (./tasking-url.ts); {} = the core's defaults. */
  tasking: Partial<TaskingThresholds>;
}

export type ClusterLine = 'ward' | 'borough' | 'bcu';
export const CLUSTER_LINES: readonly ClusterLine[] = ['ward', 'borough', 'bcu'];

/** The map's centre (WGS84 degrees) and zoom, rounded as the URL writes them. */
export interface MapCamera {
  lon: number;
  lat: number;
  zoom: number;
}

/** Web Mercator's latitude limit (MapLibre clamps there) and MapLibre's zoom range. */
const MAX_LAT = 85.05113;
const MAX_ZOOM = 24;

export type MapLayerKind = 'counts' | 'gi' | 'emerging' | 'recorded';
export const MAP_LAYERS: Record<MapLayerKind, string> = {
  counts: 'Crimes per hexagon',
  gi: 'Hot spots (Gi* with FDR)',
  emerging: 'Emerging hot spots (trend)',
  recorded: 'MPS recorded offences by ward',
};

/** The layers that show Gi* or emerging hot spots of the loaded crimes (computed in the hotspot worker). */
export function isHotspotLayer(layer: MapLayerKind): layer is 'gi' | 'emerging' {
  return layer === 'gi' || layer === 'emerging';
}

/** What a Home Office offence group name in the URL may hold ("VIOLENCE AGAINST THE PERSON", "NFIB FRAUD"). */
const OFFENCE_GROUP = /^[A-Z][A-Z0-9 ,&()'/-]{0,79}$/;
/** A 2022 ward's GSS code. */
const WARD_CODE = /^[EWSN]\d{8}$/;

/**
 * Frozen, nested parts included: the view store adopts the objects it is given and edits them in
 * place, so a default shared with the store was silently rewritten (then a one-category view
 * looked like the default and was left out of the URL).
 */
export const DEFAULT_VIEW: Readonly<ViewState> = deepFreeze({
  dataset: DEFAULT_DATASET.id,
  resolution: 9,
  from: null,
  to: null,
  categories: ALL_CATEGORIES.filter((c) => c !== 'Stop and search'),
  area: { kind: 'all' },
  onlineBasemap: false,
  layer: 'counts',
  weight: 'count',
  harmOverrides: {},
  includeNoData: false,
  selected: null,
  camera: null,
  lsoa: false,
  rcGroup: null,
  rcFrom: null,
  rcTo: null,
  rcWard: null,
  clusterLine: 'borough',
  clusterFdr: 2,
  cluster: null,
  proposal: null,
  tasking: {},
});

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

/** Rounds to `digits` decimals; -0 becomes 0 (the URL cannot tell them apart). */
function roundTo(x: number, digits: number): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k + 0;
}

/** A camera as the URL keeps it: centre to 5 decimals (about 1 m), zoom to 2. */
export function roundCamera(c: MapCamera): MapCamera {
  return { lon: roundTo(c.lon, 5), lat: roundTo(c.lat, 5), zoom: roundTo(c.zoom, 2) };
}

/** Categories in code order (the order the panel lists them and the URL writes them). */
export function inCategoryOrder(categories: Iterable<string>): string[] {
  const on = new Set(categories);
  return ALL_CATEGORIES.filter((c) => on.has(c));
}

export function toCubeFilter(cube: CrimeCube, v: ViewState): CubeFilter {
  const last = cube.months.length - 1;
  // Months are contiguous, so a month missing from the list lies before or after the data. A
  // bound beyond the data clamps to it; a range wholly outside the data selects nothing
  // (monthFrom > monthTo), rather than quietly analysing the nearest month.
  const from = (m: string | null) => {
    if (m === null || cube.months.length === 0) return 0;
    const i = cube.months.indexOf(m);
    return i >= 0 ? i : m < cube.months[0] ? 0 : cube.months.length;
  };
  const to = (m: string | null) => {
    if (m === null || cube.months.length === 0) return last;
    const i = cube.months.indexOf(m);
    return i >= 0 ? i : m > cube.months[last] ? last : -1;
  };
  return {
    monthFrom: from(v.from),
    monthTo: to(v.to),
    categories: v.categories.map((c) => cube.categories.indexOf(c)).filter((i) => i >= 0),
    // A plain copy: the view may be a reactive store proxy, which cannot cross to a worker.
    area: v.area.kind === 'all' ? { kind: 'all' } : { kind: v.area.kind, codes: [...v.area.codes] },
  };
}

/** Encodes the view as URL search parameters (stable keys, short values). */
export function encodeView(v: ViewState): string {
  const p = new URLSearchParams();
  if (v.dataset !== DEFAULT_VIEW.dataset) p.set('ds', v.dataset);
  if (v.resolution !== DEFAULT_VIEW.resolution) p.set('res', String(v.resolution));
  if (v.from) p.set('from', v.from);
  if (v.to) p.set('to', v.to);
  const cats = v.categories.map((c) => ALL_CATEGORIES.indexOf(c)).filter((i) => i >= 0).sort((a, b) => a - b);
  const dflt = DEFAULT_VIEW.categories.map((c) => ALL_CATEGORIES.indexOf(c));
  if (cats.join() !== dflt.join()) p.set('cat', cats.join('.') || 'none');
  // Written even with no code yet (the area picker's "Choose…" state shows no crimes).
  if (v.area.kind !== 'all') p.set(v.area.kind, v.area.codes.join('.'));
  if (v.onlineBasemap) p.set('basemap', 'osm');
  if (v.layer !== 'counts') p.set('layer', v.layer);
  if (v.weight !== 'count') p.set('weight', v.weight);
  const w = Object.entries(v.harmOverrides)
    .map(([c, d]) => [ALL_CATEGORIES.indexOf(c), d] as const)
    .filter(([i, d]) => i >= 0 && Number.isFinite(d) && d >= 0)
    .sort((a, b) => a[0] - b[0]);
  // Pairs joined by '_' (weights may have a decimal point).
  if (w.length > 0) p.set('hw', w.map(([i, d]) => `${i}:${d}`).join('_'));
  if (v.includeNoData) p.set('nodata', 'include');
  if (v.selected) p.set('hex', v.selected);
  if (v.rcGroup) p.set('rcg', v.rcGroup);
  if (v.rcFrom) p.set('rcfrom', v.rcFrom);
  if (v.rcTo) p.set('rcto', v.rcTo);
  if (v.rcWard) p.set('rcward', v.rcWard);
  if (v.camera) {
    const c = roundCamera(v.camera);
    p.set('lon', String(c.lon));
    p.set('lat', String(c.lat));
    p.set('zoom', String(c.zoom));
  }
  if (v.lsoa) p.set('lsoa', '1');
  if (v.clusterLine !== DEFAULT_VIEW.clusterLine) p.set('line', v.clusterLine);
  if (v.clusterFdr !== DEFAULT_VIEW.clusterFdr) p.set('fdr', String(v.clusterFdr));
  if (v.cluster) p.set('cluster', v.cluster);
  if (v.proposal) p.set('prop', v.proposal);
  const tk = encodeThresholds(v.tasking);
  if (tk) p.set('tk', tk);
  return p.toString();
}

/**
 * Decodes {@link encodeView}'s output. Never throws: unknown or malformed values fall back to the
 * defaults, so any string gives a valid view.
 */
export function decodeView(search: string): ViewState {
  const p = new URLSearchParams(search);
  const res = Number(p.get('res'));
  const month = (s: string | null) => (s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s) ? s : null);
  const cat = p.get('cat');
  // Empty pieces are skipped (Number('') is 0, which would select a category by accident).
  const codes = (cat ?? '')
    .split('.')
    .filter((x) => x.trim() !== '')
    .map(Number)
    .filter((i) => Number.isInteger(i) && i >= 0 && i < ALL_CATEGORIES.length);
  const categories =
    cat === 'none'
      ? []
      : cat === null || codes.length === 0
        ? [...DEFAULT_VIEW.categories]
        : inCategoryOrder(codes.map((i) => ALL_CATEGORIES[i]));
  let area: AreaFilter = { kind: 'all' };
  for (const kind of ['borough', 'bcu', 'ward'] as const) {
    const codes = p.get(kind);
    if (codes !== null) area = { kind, codes: [...new Set(codes.split('.').filter((c) => /^[A-Za-z0-9]+$/.test(c)))] };
  }
  const hex = p.get('hex')?.toLowerCase() ?? null;
  const cluster = p.get('cluster')?.toLowerCase() ?? null;
  const proposal = p.get('prop')?.toLowerCase() ?? null;
  const fdr = p.get('fdr');
  const ds = p.get('ds');
  return {
    dataset: ds !== null && datasetById(ds) ? ds : DEFAULT_VIEW.dataset,
    resolution: (H3_RESOLUTIONS as readonly number[]).includes(res) ? (res as H3Resolution) : DEFAULT_VIEW.resolution,
    from: month(p.get('from')),
    to: month(p.get('to')),
    categories,
    area,
    onlineBasemap: p.get('basemap') === 'osm',
    layer: (Object.keys(MAP_LAYERS) as MapLayerKind[]).find((k) => k === p.get('layer')) ?? 'counts',
    weight: p.get('weight') === 'harm' ? 'harm' : 'count',
    harmOverrides: decodeHarm(p.get('hw')),
    includeNoData: p.get('nodata') === 'include',
    selected: hex && /^[0-9a-f]{15}$/.test(hex) && isValidCell(hex) ? hex : null,
    camera: decodeCamera(p),
    lsoa: p.get('lsoa') === '1',
    rcGroup: matching(p.get('rcg'), OFFENCE_GROUP),
    rcFrom: month(p.get('rcfrom')),
    rcTo: month(p.get('rcto')),
    rcWard: matching(p.get('rcward'), WARD_CODE),
    clusterLine: CLUSTER_LINES.find((l) => l === p.get('line')) ?? DEFAULT_VIEW.clusterLine,
    clusterFdr: fdr === '1' ? 1 : fdr === '3' ? 3 : 2,
    cluster: cluster && /^[0-9a-f]{15}$/.test(cluster) && isValidCell(cluster) ? cluster : null,
    proposal: proposal && /^[0-9a-f]{15}$/.test(proposal) && isValidCell(proposal) ? proposal : null,
    tasking: decodeThresholds(p.get('tk')),
  };
}

function matching(s: string | null, re: RegExp): string | null {
  return s !== null && re.test(s) ? s : null;
}

/** lon, lat and zoom together, each a plain decimal within the map's range; otherwise none. */
function decodeCamera(p: URLSearchParams): MapCamera | null {
  const num = (key: string) => {
    const s = p.get(key);
    return s !== null && /^-?\d+(\.\d+)?$/.test(s) ? Number(s) : Number.NaN;
  };
  const [lon, lat, zoom] = [num('lon'), num('lat'), num('zoom')];
  if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= MAX_LAT && zoom >= 0 && zoom <= MAX_ZOOM)) return null;
  return roundCamera({ lon, lat, zoom });
}

/** 'i:days_i:days' (category code : days) -> overrides; malformed pairs are ignored. */
function decodeHarm(s: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  if (!s) return out;
  for (const pair of s.split('_')) {
    const parts = pair.split(':');
    if (parts.length !== 2 || parts.some((x) => x.trim() === '')) continue;
    const [i, d] = parts.map(Number);
    // + 0 turns -0 into 0, which is what the URL will say next time.
    if (Number.isInteger(i) && i >= 0 && i < ALL_CATEGORIES.length && Number.isFinite(d) && d >= 0) out[ALL_CATEGORIES[i]] = d + 0;
  }
  return out;
}
