/// <reference lib="webworker" />
/**
 * The ingest worker: Parquet decoding (parquet-wasm), h3-js cells, point-in-polygon and BNG
 * conversion off the main thread, so a big file never freezes the map. DuckDB itself runs in its
 * own worker. Messages are typed by {@link GeocodeRequest}.
 */
import initParquet, * as parquetWasm from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { FeatureCollection } from 'geojson';
import { bngToWgs84 } from './bng';
import { parquetRowGroupsToIPC } from './parquet';
import { createGeocoder, type Geocoder } from './geocode';
import type { GeocodeRequest, GeocodeResponse } from './geocode-messages';

let geocoder: Geocoder | null = null;
let parquetReady: Promise<unknown> | null = null;

const reply = (msg: GeocodeResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

self.onmessage = async (ev: MessageEvent<GeocodeRequest>) => {
  const req = ev.data;
  try {
    switch (req.type) {
      case 'init':
        geocoder = createGeocoder({ wards: req.wards as FeatureCollection, boroughs: req.boroughs as FeatureCollection });
        reply({ id: req.id, type: 'ok' });
        break;
      case 'geocode': {
        if (!geocoder) throw new Error('geocode worker: init was not called');
        const g = geocoder.geocode(req.lon, req.lat);
        reply({ id: req.id, type: 'geocoded', result: g }, g.cells.map((c) => c.buffer));
        break;
      }
      case 'bng': {
        const r = bngToWgs84(req.e, req.n);
        reply({ id: req.id, type: 'converted', lon: r.lon, lat: r.lat }, [r.lon.buffer, r.lat.buffer]);
        break;
      }
      case 'parquet': {
        parquetReady ??= initParquet({ module_or_path: parquetWasmUrl });
        await parquetReady;
        const ipc = await parquetRowGroupsToIPC(parquetWasm, req.bytes);
        reply({ id: req.id, type: 'ipc', ipc }, ipc.map((c) => c.buffer));
        break;
      }
    }
  } catch (e) {
    reply({ id: req.id, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
