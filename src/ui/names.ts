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

export function areaOptions(app: AppModel, kind: 'ward' | 'borough' | 'bcu'): { code: string; name: string; group?: string }[] {
  const b = app.boundaries();
  if (!b) return [];
  const fc = boundaryLayer(b, kind);
  return fc.features
    .map((f) => ({
      code: String(f.properties?.code),
      name: kind === 'bcu' ? `${f.properties?.code} ${f.properties?.name}` : String(f.properties?.name),
      group: kind === 'ward' ? String(f.properties?.boroughName ?? '') : undefined,
    }))
    .sort((a, b) => (a.group ?? '').localeCompare(b.group ?? '') || a.name.localeCompare(b.name));
}

/** The chosen area in words ("Westminster", "3 wards", "London"), for sentences about the study area. */
export function chosenAreaWords(app: AppModel): string {
  const a = app.view.area;
  if (a.kind === 'all') return 'the London boroughs';
  if (a.codes.length === 1) return areaName(app, a.kind, a.codes[0]) ?? a.codes[0];
  const noun = a.kind === 'bcu' ? 'BCUs' : a.kind === 'borough' ? 'boroughs' : 'wards';
  return `the ${a.codes.length} chosen ${noun}`;
}
