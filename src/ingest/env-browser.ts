/**
 * The ingest environment in the browser: the shared DuckDB client (DuckDB's worker) and the
 * ingest worker (parquet-wasm, h3-js, point-in-polygon, proj4), so the page never blocks.
 */
import type { DbClient } from '../db/client';
import type { BoundarySet } from './geocode';
import type { GeocodeRequest, GeocodeResponse } from './geocode-messages';
import type { IngestEnv } from './pipeline';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Pending = { resolve: (r: GeocodeResponse) => void; reject: (e: Error) => void };

export function createBrowserIngestEnv(db: DbClient, boundaries: BoundarySet): IngestEnv & { dispose(): void } {
  const worker = new Worker(new URL('./geocode.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  worker.onmessage = (ev: MessageEvent<GeocodeResponse>) => {
    const p = pending.get(ev.data.id);
    if (!p) return;
    pending.delete(ev.data.id);
    if (ev.data.type === 'error') p.reject(new Error(ev.data.message));
    else p.resolve(ev.data);
  };
  worker.onerror = (ev) => {
    for (const p of pending.values()) p.reject(new Error(`geocode worker failed: ${ev.message}`));
    pending.clear();
  };
  const send = (req: WithoutId<GeocodeRequest>, transfer: Transferable[] = []): Promise<GeocodeResponse> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id }, transfer);
    });
  const ready = send({ type: 'init', wards: boundaries.wards, boroughs: boundaries.boroughs });

  return {
    db,
    async geocode(lon, lat) {
      await ready;
      // Copied, not transferred: the caller still writes these coordinates to DuckDB.
      const r = await send({ type: 'geocode', lon, lat });
      if (r.type !== 'geocoded') throw new Error('geocode worker: unexpected reply');
      return r.result;
    },
    async bngToWgs84(e, n) {
      const r = await send({ type: 'bng', e, n });
      if (r.type !== 'converted') throw new Error('geocode worker: unexpected reply');
      return { lon: r.lon, lat: r.lat };
    },
    async parquetToIPC(bytes) {
      // Copied, not transferred: the caller keeps its bytes (they were hashed, and may be re-read).
      const r = await send({ type: 'parquet', bytes });
      if (r.type !== 'ipc') throw new Error('ingest worker: unexpected reply');
      return r.ipc;
    },
    dispose() {
      worker.terminate();
    },
  };
}
