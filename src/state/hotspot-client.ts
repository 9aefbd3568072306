/**
 * The app's side of the hotspot worker: one request at a time per answer, superseded answers
 * dropped (solid-playground's `latest` pattern), the cube sent only when it changed and the area
 * polygons only when the worker asks for them.
 */
import type { AreaPolygons } from '../analysis/study-area.ts';
import type { CrimeCube, CubeFilter } from '../analysis/cube';
import type { HotspotResult } from '../analysis/hotspots';
import type { HotspotRequest, HotspotResponse } from './hotspot-messages';

export interface HotspotClient {
  /** Resolves with the analysis, or null when a newer request superseded this one. */
  analyse(args: { cube: CrimeCube; areaKey: string; polygons: () => AreaPolygons; filter: CubeFilter; weights?: Float64Array }): Promise<{ result: HotspotResult; ms: number } | null>;
  dispose(): void;
}

export function createHotspotClient(): HotspotClient {
  const worker = new Worker(new URL('./hotspot.worker.ts', import.meta.url), { type: 'module' });
  let nextId = 1;
  let latest = 0;
  let sentCube: CrimeCube | null = null;
  const waiting = new Map<number, (r: HotspotResponse) => void>();
  worker.onmessage = (ev: MessageEvent<HotspotResponse>) => {
    waiting.get(ev.data.id)?.(ev.data);
    waiting.delete(ev.data.id);
  };
  worker.onerror = (ev) => {
    for (const w of waiting.values()) w({ id: -1, type: 'error', message: `hotspot worker failed: ${ev.message}` });
    waiting.clear();
  };
  const send = (req: HotspotRequest) =>
    new Promise<HotspotResponse>((resolve) => {
      waiting.set(req.id, resolve);
      worker.postMessage(req);
    });
  return {
    async analyse({ cube, areaKey, polygons, filter, weights }) {
      const id = nextId++;
      latest = id;
      const base: HotspotRequest = { id, areaKey, filter, weights };
      if (cube !== sentCube) {
        base.cube = cube;
        sentCube = cube;
      }
      let r = await send(base);
      if (r.type === 'need-polygons') r = await send({ ...base, id: nextId++, cube: undefined, polygons: polygons() });
      if (r.type === 'error') throw new Error(r.message);
      if (r.type !== 'result') throw new Error('hotspot worker: unexpected reply');
      return id === latest ? { result: r.result, ms: r.ms } : null;
    },
    dispose() {
      worker.terminate();
    },
  };
}
