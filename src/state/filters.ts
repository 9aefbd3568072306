/**
 * The user's view choices as plain, serialisable data (they go into the URL), and their
 * translation into a cube filter.
 */
import { ALL_CATEGORIES } from '../analysis/categories';
import type { AreaFilter, CrimeCube, CubeFilter } from '../analysis/cube';
import { H3_RESOLUTIONS, type H3Resolution } from '../db/schema';

export interface ViewState {
  resolution: H3Resolution;
  /** Inclusive month range 'YYYY-MM'; null = the first / last month of the data. */
  from: string | null;
  to: string | null;
  /** Category names shown; the default is every crime category (stop and search off). */
  categories: string[];
  area: AreaFilter;
  onlineBasemap: boolean;
}

export const DEFAULT_VIEW: ViewState = {
  resolution: 9,
  from: null,
  to: null,
  categories: ALL_CATEGORIES.filter((c) => c !== 'Stop and search'),
  area: { kind: 'all' },
  onlineBasemap: false,
};

export function toCubeFilter(cube: CrimeCube, v: ViewState): CubeFilter {
  const last = cube.months.length - 1;
  const idx = (m: string | null, dflt: number) => {
    if (m === null) return dflt;
    const i = cube.months.indexOf(m);
    if (i >= 0) return i;
    // A month outside the data clamps to the nearest end.
    return cube.months.length === 0 ? dflt : m < cube.months[0] ? 0 : last;
  };
  return {
    monthFrom: idx(v.from, 0),
    monthTo: idx(v.to, last),
    categories: v.categories.map((c) => cube.categories.indexOf(c)).filter((i) => i >= 0),
    area: v.area,
  };
}

/** Encodes the view as URL search parameters (stable keys, short values). */
export function encodeView(v: ViewState): string {
  const p = new URLSearchParams();
  if (v.resolution !== DEFAULT_VIEW.resolution) p.set('res', String(v.resolution));
  if (v.from) p.set('from', v.from);
  if (v.to) p.set('to', v.to);
  const cats = v.categories.map((c) => ALL_CATEGORIES.indexOf(c)).filter((i) => i >= 0).sort((a, b) => a - b);
  const dflt = DEFAULT_VIEW.categories.map((c) => ALL_CATEGORIES.indexOf(c));
  if (cats.join() !== dflt.join()) p.set('cat', cats.join('.') || 'none');
  if (v.area.kind !== 'all') p.set(v.area.kind, v.area.codes.join('.'));
  if (v.onlineBasemap) p.set('basemap', 'osm');
  return p.toString();
}

/** Decodes {@link encodeView}'s output; unknown or malformed values fall back to the defaults. */
export function decodeView(search: string): ViewState {
  const p = new URLSearchParams(search);
  const res = Number(p.get('res'));
  const month = (s: string | null) => (s && /^\d{4}-\d{2}$/.test(s) ? s : null);
  const cat = p.get('cat');
  const categories =
    cat === null
      ? DEFAULT_VIEW.categories
      : cat === 'none'
        ? []
        : cat.split('.').map(Number).filter((i) => Number.isInteger(i) && i >= 0 && i < ALL_CATEGORIES.length).map((i) => ALL_CATEGORIES[i]);
  let area: AreaFilter = { kind: 'all' };
  for (const kind of ['borough', 'bcu', 'ward'] as const) {
    const codes = p.get(kind);
    if (codes) area = { kind, codes: codes.split('.').filter(Boolean) };
  }
  return {
    resolution: (H3_RESOLUTIONS as readonly number[]).includes(res) ? (res as H3Resolution) : DEFAULT_VIEW.resolution,
    from: month(p.get('from')),
    to: month(p.get('to')),
    categories,
    area,
    onlineBasemap: p.get('basemap') === 'osm',
  };
}
