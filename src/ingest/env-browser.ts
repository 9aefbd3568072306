/**
 * The ingest environment in the browser: the shared DuckDB client (DuckDB's worker) and the
 * ingest worker (parquet-wasm, h3-js, point-in-polygon, proj4), so the page never blocks.
 *
 * The worker is started before DuckDB is ready, so that decoding the embedded Parquet (about
 * 2 s) overlaps DuckDB's own start-up instead of following it.
 */
import type { DbClient } from '../db/client';
import { isFatalWasmError, watchWorker } from '../db/worker-failure';
import type { BoundarySet } from './geocode';
import type { GeocodeRequest, GeocodeResponse } from './geocode-messages';
import type { IngestEnv } from './pipeline';

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Pending = { resolve: (r: GeocodeResponse) => void; reject: (e: Error) => void };

export interface IngestWorker {
  /** Hands the boundaries to the worker (needed before any geocoding). */
  init(boundaries: BoundarySet): void;
  /** Starts decoding Parquet bytes now; a later parquetToIPC of the same bytes object takes the result. */
  prefetchParquet(bytes: Uint8Array): void;
  /** The ingest environment over this worker and a DuckDB client. */
  env(db: DbClient): IngestEnv;
  /** Fault injection for tests: stops the worker as a crash would. */
  crash(detail: string): void;
  dispose(): void;
}

export function createIngestWorker(): IngestWorker {
  const worker = new Worker(new URL('./geocode.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  // A crash (the error event, or an aborted wasm module) rejects every request in flight and
  // every later one with WorkerDiedError; the app model then starts a new worker.
  const watch = watchWorker(worker, 'ingest');
  watch.onDeath((e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  worker.onmessage = (ev: MessageEvent<GeocodeResponse>) => {
    const p = pending.get(ev.data.id);
    if (!p) return;
    pending.delete(ev.data.id);
    if (ev.data.type === 'error') {
      if (isFatalWasmError(ev.data.message)) {
        watch.kill(ev.data.message);
        p.reject(watch.died!);
      } else p.reject(new Error(ev.data.message));
    } else p.resolve(ev.data);
  };
  const send = (req: WithoutId<GeocodeRequest>, transfer: Transferable[] = []): Promise<GeocodeResponse> => {
    if (watch.died) return Promise.reject(watch.died);
    return new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...req, id }, transfer);
    });
  };
  let ready: Promise<GeocodeResponse> | null = null;
  const decoding = new WeakMap<Uint8Array, Promise<Uint8Array[]>>();
  const decode = async (bytes: Uint8Array) => {
    // Copied, not transferred: the caller keeps its bytes (they are hashed, and may be re-read).
    const r = await send({ type: 'parquet', bytes });
    if (r.type !== 'ipc') throw new Error('ingest worker: unexpected reply');
    return r.ipc;
  };

  return {
    init(boundaries) {
      ready = send({ type: 'init', wards: boundaries.wards, boroughs: boundaries.boroughs });
    },
    prefetchParquet(bytes) {
      const p = decode(bytes);
      p.catch(() => undefined); // reported when the ingest asks for it
      decoding.set(bytes, p);
    },
    env(db) {
      return {
        db,
        async geocode(lon, lat) {
          if (!ready) throw new Error('ingest worker: boundaries were not given');
          await ready;
          // Copied, not transferred: the caller still writes these coordinates to DuckDB.
          const r = await send({ type: 'geocode', lon, lat });
          if (r.type !== 'geocoded') throw new Error('ingest worker: unexpected reply');
          return r.result;
        },
        async bngToWgs84(e, n) {
          const r = await send({ type: 'bng', e, n });
          if (r.type !== 'converted') throw new Error('ingest worker: unexpected reply');
          return { lon: r.lon, lat: r.lat };
        },
        parquetToIPC(bytes) {
          const early = decoding.get(bytes);
          // A prefetched result is used once (its buffers were transferred to this thread).
          decoding.delete(bytes);
          return early ?? decode(bytes);
        },
      };
    },
    crash(detail) {
      watch.kill(detail);
    },
    dispose() {
      worker.terminate();
    },
  };
}
