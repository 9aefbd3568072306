/// <reference lib="webworker" />
/**
 * The geocode worker: h3-js cells, point-in-polygon and BNG conversion off the main thread,
 * so a big file never freezes the map. Messages are typed by {@link GeocodeRequest}.
 */
import type { FeatureCollection } from 'geojson';
import { bngToWgs84 } from './bng';
import { createGeocoder, type Geocoder } from './geocode';
import type { GeocodeRequest, GeocodeResponse } from './geocode-messages';

let geocoder: Geocoder | null = null;

const reply = (msg: GeocodeResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(msg, transfer);

self.onmessage = (ev: MessageEvent<GeocodeRequest>) => {
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
    }
  } catch (e) {
    reply({ id: req.id, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
