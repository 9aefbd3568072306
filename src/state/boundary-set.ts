/**
 * A boundary set fetched only when first shown (LSOA 2021 is about 4 MB of GeoJSON: issue 11,
 * item 4), with a failure the Layers panel can say in words. Switching it off and on again after
 * a failure tries again.
 */
import { createEffect, createSignal, type Accessor } from 'solid-js';
import type { FeatureCollection } from 'geojson';

export interface BoundarySetState {
  phase: 'off' | 'loading' | 'ready' | 'failed';
  /** Why it failed (phase 'failed'), else ''. */
  error: string;
}

export interface BoundarySet {
  /** The polygons once loaded (null before, and after a failure). */
  data: Accessor<FeatureCollection | null>;
  state: Accessor<BoundarySetState>;
}

/**
 * Fetches and checks a GeoJSON FeatureCollection; rejects with a message naming `label` and the
 * reason (network, HTTP status, not JSON, not a FeatureCollection).
 */
export async function fetchBoundarySet(url: string, label: string, fetchFn: typeof fetch = fetch): Promise<FeatureCollection> {
  let res: Response;
  try {
    res = await fetchFn(url);
  } catch (e) {
    throw new Error(`Could not load the ${label}: the request failed (${e instanceof Error ? e.message : String(e)}).`);
  }
  if (!res.ok) throw new Error(`Could not load the ${label}: the server answered HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}.`);
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new Error(`Could not load the ${label}: the file is not JSON.`);
  }
  const fc = json as Partial<FeatureCollection> | null;
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) {
    throw new Error(`Could not load the ${label}: the file is not a GeoJSON FeatureCollection.`);
  }
  return fc as FeatureCollection;
}

/** Loads `url` the first time `wanted()` is true (again after a failure, when it turns true again). */
export function createBoundarySet(url: string, label: string, wanted: Accessor<boolean>): BoundarySet {
  const [data, setData] = createSignal<FeatureCollection | null>(null);
  const [state, setState] = createSignal<BoundarySetState>({ phase: 'off', error: '' });
  createEffect(() => {
    if (!wanted() || data() !== null || state().phase !== 'off') return;
    setState({ phase: 'loading', error: '' });
    fetchBoundarySet(url, label).then(
      (fc) => {
        setData(fc);
        setState({ phase: 'ready', error: '' });
      },
      (e: unknown) => setState({ phase: 'failed', error: e instanceof Error ? e.message : String(e) }),
    );
  });
  // A failure is retried when the switch is turned on again, not in a loop while it stays on.
  createEffect(() => {
    if (!wanted() && state().phase === 'failed') setState({ phase: 'off', error: '' });
  });
  return { data, state };
}
