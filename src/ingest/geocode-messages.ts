/** Typed messages between the app and its ingest worker (one request, one response, by id). */
import type { GeocodedPoints } from './geocode';

export type GeocodeRequest =
  | { id: number; type: 'init'; wards: unknown; boroughs: unknown }
  | { id: number; type: 'geocode'; lon: Float64Array; lat: Float64Array }
  | { id: number; type: 'bng'; e: Float64Array; n: Float64Array }
  | { id: number; type: 'parquet'; bytes: Uint8Array };

export type GeocodeResponse =
  | { id: number; type: 'ok' }
  | { id: number; type: 'geocoded'; result: GeocodedPoints }
  | { id: number; type: 'converted'; lon: Float64Array; lat: Float64Array }
  | { id: number; type: 'ipc'; ipc: Uint8Array[] }
  | { id: number; type: 'error'; message: string };
