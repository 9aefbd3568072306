/** Fetching a boundary set on demand (LSOA 2021, issue 11 item 4): every failure is said in words. */
import { describe, expect, it } from 'vitest';
import { fetchBoundarySet } from '../../src/state/boundary-set';

const LABEL = 'LSOA 2021 boundaries';
const answer = (body: string, init?: ResponseInit) => (async () => new Response(body, init)) as unknown as typeof fetch;

describe('fetchBoundarySet', () => {
  it('gives the FeatureCollection', async () => {
    const fc = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: 'E01000001', name: 'City of London 001A', borough: 'E09000001' }, geometry: null }] };
    expect(await fetchBoundarySet('/lsoa.geojson', LABEL, answer(JSON.stringify(fc)))).toEqual(fc);
  });

  it('names the HTTP status', async () => {
    await expect(fetchBoundarySet('/lsoa.geojson', LABEL, answer('missing', { status: 404, statusText: 'Not Found' }))).rejects.toThrow(
      'Could not load the LSOA 2021 boundaries: the server answered HTTP 404 Not Found.',
    );
  });

  it('says when the request itself failed', async () => {
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(fetchBoundarySet('/lsoa.geojson', LABEL, offline)).rejects.toThrow('Could not load the LSOA 2021 boundaries: the request failed (Failed to fetch).');
  });

  it('refuses a file that is not JSON, or JSON that is not a FeatureCollection', async () => {
    await expect(fetchBoundarySet('/lsoa.geojson', LABEL, answer('<html>'))).rejects.toThrow('the file is not JSON');
    await expect(fetchBoundarySet('/lsoa.geojson', LABEL, answer('{"type":"Feature"}'))).rejects.toThrow('the file is not a GeoJSON FeatureCollection');
    await expect(fetchBoundarySet('/lsoa.geojson', LABEL, answer('null'))).rejects.toThrow('the file is not a GeoJSON FeatureCollection');
  });
});
