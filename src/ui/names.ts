/** Display names of boundary codes, from the loaded boundary layers. */
import { boundaryLayer } from '../map/basemap-style';
import type { AppModel } from '../state/app-model';

const cache = new WeakMap<object, Map<string, string>>();

export function areaName(app: AppModel, kind: 'ward' | 'borough' | 'bcu', code: string | null): string | null {
  if (code === null) return null;
  const b = app.boundaries();
  if (!b) return code;
  const fc = boundaryLayer(b, kind);
  let m = cache.get(fc);
  if (!m) {
    m = new Map(fc.features.map((f) => [String(f.properties?.code), String(f.properties?.name)]));
    cache.set(fc, m);
  }
  return m.get(code) ?? code;
}

/** The borough or BCU choices, by label: a BCU names its boroughs ("Central South — Lambeth, Southwark"). */
export function areaOptions(app: AppModel, kind: 'borough' | 'bcu'): { code: string; label: string }[] {
  const b = app.boundaries();
  if (!b) return [];
  const boroughNames = new Map(b.boroughs.features.map((f) => [String(f.properties?.code), String(f.properties?.name)]));
  return boundaryLayer(b, kind)
    .features.map((f) => {
      const code = String(f.properties?.code);
      const name = String(f.properties?.name ?? code);
      return { code, label: kind === 'bcu' ? bcuLabel(name, f.properties?.boroughs, boroughNames) : name };
    })
    .sort((x, y) => x.label.localeCompare(y.label, 'en-GB'));
}

/**
 * A BCU with the names of its boroughs, in alphabetical order: "Central South — Lambeth,
 * Southwark". Codes without a known name are shown as codes; a BCU with no borough list is its name.
 */
export function bcuLabel(name: string, boroughCodes: unknown, boroughNames: ReadonlyMap<string, string>): string {
  const codes = Array.isArray(boroughCodes) ? boroughCodes.filter((c): c is string => typeof c === 'string') : [];
  if (codes.length === 0) return name;
  const names = codes.map((c) => boroughNames.get(c) ?? c).sort((x, y) => x.localeCompare(y, 'en-GB'));
  return `${name} — ${names.join(', ')}`;
}

/** The chosen area in words ("Westminster", "3 wards", "London"), for sentences about the study area. */
export function chosenAreaWords(app: AppModel): string {
  const a = app.view.area;
  if (a.kind === 'all') return 'the London boroughs';
  if (a.codes.length === 1) return areaName(app, a.kind, a.codes[0]) ?? a.codes[0];
  const noun = a.kind === 'bcu' ? 'BCUs' : a.kind === 'borough' ? 'boroughs' : 'wards';
  return `the ${a.codes.length} chosen ${noun}`;
}
