/**
 * The ingest environment in Node (CLI twin, unit tests, benchmark): DuckDB-WASM's blocking
 * bindings, parquet-wasm's Node build, and the geocoder run in-process.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import * as parquetWasm from 'parquet-wasm/node';
import { createNodeClient } from '../db/node';
import { bngToWgs84 } from './bng';
import { parquetRowGroupsToIPC } from './parquet';
import { type BoundarySet, createGeocoder } from './geocode';
import type { IngestEnv } from './pipeline';

export async function loadBoundariesFromDir(dir: string): Promise<BoundarySet> {
  const read = async (f: string) => JSON.parse(await readFile(join(dir, f), 'utf8')) as FeatureCollection;
  return { wards: await read('wards.geojson'), boroughs: await read('boroughs.geojson') };
}

export async function createNodeIngestEnv(boundaries: BoundarySet): Promise<IngestEnv> {
  const db = await createNodeClient();
  const geocoder = createGeocoder(boundaries);
  return {
    db,
    async geocode(lon, lat) {
      return geocoder.geocode(lon, lat);
    },
    async bngToWgs84(e, n) {
      return bngToWgs84(e, n);
    },
    parquetToIPC: (bytes) => parquetRowGroupsToIPC(parquetWasm, bytes),
  };
}
