/**
 * The LSOA outlines on the map (issue 11, item 4) across what MapLibre does to run-time layers:
 * a new style (the online street map switch) drops them, and they must come back; switching off
 * removes the layer but keeps the fetched polygons. A fake map stands in for MapLibre.
 */
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { attachLsoa, LSOA_LAYER, LSOA_SOURCE } from '../../src/map/lsoa-layer';

/** Sources and layers by id, 'styledata' listeners, and a log of what was done. */
function fakeMap() {
  const sources = new Map<string, { data: unknown; setData(d: unknown): void }>();
  const layers: string[] = [];
  const listeners: (() => void)[] = [];
  const log: string[] = [];
  const map = {
    getLayer: (id: string) => (layers.includes(id) ? { id } : undefined),
    getSource: (id: string) => sources.get(id),
    addSource(id: string, spec: { data: unknown }) {
      log.push(`addSource ${id}`);
      const s = { data: spec.data, setData: (d: unknown) => ((s.data = d), log.push(`setData ${id}`)) };
      sources.set(id, s);
    },
    addLayer(spec: { id: string }, before?: string) {
      log.push(`addLayer ${spec.id} before ${before}`);
      layers.splice(before ? layers.indexOf(before) : layers.length, 0, spec.id);
    },
    removeLayer(id: string) {
      log.push(`removeLayer ${id}`);
      layers.splice(layers.indexOf(id), 1);
    },
    on(_: string, f: () => void) {
      listeners.push(f);
    },
  };
  /** A style loaded with the base layers only (what a new style leaves). */
  const loadStyle = () => {
    sources.clear();
    layers.splice(0, layers.length, 'background', 'ward-line', 'borough-line', 'bcu-line');
    for (const f of listeners) f();
  };
  return { map: map as unknown as MapLibreMap, sources, layers, log, loadStyle };
}

const fc = (code: string): FeatureCollection => ({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code }, geometry: null as never }] });

describe('attachLsoa', () => {
  it('waits for the style, then draws the outlines under the borough lines, once', () => {
    const m = fakeMap();
    const data = fc('E01000001');
    const apply = attachLsoa(m.map, () => data);
    apply(); // before the style has loaded: nothing
    expect(m.log).toEqual([]);
    m.loadStyle();
    apply();
    apply();
    expect(m.log).toEqual([`addSource ${LSOA_SOURCE}`, `addLayer ${LSOA_LAYER} before borough-line`]);
    expect(m.layers).toEqual(['background', 'ward-line', LSOA_LAYER, 'borough-line', 'bcu-line']);
    expect(m.sources.get(LSOA_SOURCE)?.data).toBe(data);
  });

  it('comes back after a new style drops it, and off removes the layer only', () => {
    const m = fakeMap();
    let data: FeatureCollection | null = fc('E01000001');
    const apply = attachLsoa(m.map, () => data);
    m.loadStyle();
    m.loadStyle(); // the online street map switched on
    expect(m.layers).toContain(LSOA_LAYER);
    expect(m.sources.get(LSOA_SOURCE)?.data).toBe(data);
    data = null;
    apply();
    expect(m.layers).not.toContain(LSOA_LAYER);
    expect(m.sources.has(LSOA_SOURCE)).toBe(true);
    const other = fc('E01000002');
    data = other;
    apply();
    expect(m.layers).toContain(LSOA_LAYER);
    expect(m.sources.get(LSOA_SOURCE)?.data).toBe(other);
    expect(m.log.filter((l) => l.startsWith('setData'))).toHaveLength(1);
  });
});
