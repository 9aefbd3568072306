/** Shared test set-up: a fresh DuckDB-WASM (blocking, in Node) with the shipped boundaries. */
import { join } from 'node:path';
import type { BoundarySet } from '../../../src/ingest/geocode';
import { createNodeIngestEnv, loadBoundariesFromDir } from '../../../src/ingest/env-node';
import type { IngestEnv } from '../../../src/ingest/pipeline';

export const ROOT = join(import.meta.dirname, '..', '..', '..');
export const DATA = join(ROOT, 'data');

let boundaries: Promise<BoundarySet> | null = null;
export function shippedBoundaries(): Promise<BoundarySet> {
  boundaries ??= loadBoundariesFromDir(join(DATA, 'boundaries'));
  return boundaries;
}

export async function freshEnv(): Promise<IngestEnv> {
  return createNodeIngestEnv(await shippedBoundaries());
}

export const enc = (s: string) => new TextEncoder().encode(s);
