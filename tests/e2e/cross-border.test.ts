/**
 * Cross-border hot spots in the browser (issue 12): on the embedded all-London 2025-26 data at the
 * default view (resolution 9, 95 % FDR, borough lines), the cross-border list names a cluster Camden
 * and Islington share, with each borough's share of its harm checked against an independent
 * computation (native DuckDB on the shipped Parquet, h3-js, turf point-in-polygon), draws it on the
 * map (pixels) with the link keeping the choice, and the shared-harm matrix has Camden × Islington.
 * A GeoJSON file the user loads becomes a level of its own, with shares checked the same way.
 *
 * The clusters themselves were found with the command-line twin
 * (`npm run analyze -- --input data/london-2025-26-hex100m.parquet --resolution 9 --weight count --clusters`):
 * 59 clusters, 10 crossing a borough line; two hold crimes in both Camden and Islington: the big
 * central one (494 hexagons, 12 boroughs) and 89195da6a03ffff (7 hexagons, "Islington 97 % / Camden 3 %, BCU CN").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { cellToBoundary, latLngToCell } from 'h3-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDeckPixels, launchBrowser, openReady, ROOT, type Served, servePreview } from './harness';

const CAMDEN = 'E09000007';
const ISLINGTON = 'E09000019';
const CLUSTER = '89195da6a03ffff';
const CYAN: [number, number, number] = [0, 240, 255];
const AMBER: [number, number, number] = [255, 196, 0];
const POLL = { timeout: 15_000 };

interface Row {
  lon: number;
  lat: number;
  crimes: number;
  harm: number;
}

/** The shipped default dataset's rows whose point lies in the given H3 cells, with their harm (harm-weights.json). */
async function rowsInCells(cells: readonly string[]): Promise<Row[]> {
  const weights = (JSON.parse(readFileSync(join(ROOT, 'data', 'harm-weights.json'), 'utf8')) as { weights: Record<string, number> }).weights;
  const set = new Set(cells);
  const lats = cells.flatMap((c) => cellToBoundary(c).map((p) => p[0]));
  const lons = cells.flatMap((c) => cellToBoundary(c).map((p) => p[1]));
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const file = join(ROOT, 'data', 'london-2025-26-hex100m.parquet');
  const rows = (
    await db.runAndReadAll(
      `SELECT longitude, latitude, crime_type, crime_count FROM '${file}'
       WHERE longitude BETWEEN ${Math.min(...lons)} AND ${Math.max(...lons)} AND latitude BETWEEN ${Math.min(...lats)} AND ${Math.max(...lats)}`,
    )
  ).getRows();
  return rows
    .map((r) => ({ lon: Number(r[0]), lat: Number(r[1]), type: String(r[2]), crimes: Number(r[3]) }))
    .filter((r) => set.has(latLngToCell(r.lat, r.lon, 9)))
    .map((r) => ({ lon: r.lon, lat: r.lat, crimes: r.crimes, harm: r.crimes * (weights[r.type] ?? 1) }));
}

/** Harm share per area code of the rows (a row in no area counts as "outside"). */
function harmShares(rows: readonly Row[], areas: readonly Feature<Polygon | MultiPolygon>[]): Map<string, number> {
  const harm = new Map<string, number>();
  let total = 0;
  for (const r of rows) {
    const f = areas.find((a) => booleanPointInPolygon([r.lon, r.lat], a));
    const code = f ? String(f.properties?.code) : 'outside';
    harm.set(code, (harm.get(code) ?? 0) + r.harm);
    total += r.harm;
  }
  return new Map([...harm].map(([k, v]) => [k, v / total]));
}

/** The shares the selected cluster's detail table shows (code → harm share). */
async function shownShares(page: Page): Promise<Map<string, number>> {
  const pairs = await page.$$eval('[data-testid="xb-shares"] tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-code')!, Number(tr.getAttribute('data-share'))] as const));
  return new Map(pairs);
}

async function entryOf(page: Page, id: string) {
  return page.waitForSelector(`[data-testid="xb-entry"][data-id="${id}"]`, POLL);
}

describe('cross-border hot spots on the embedded all-London data', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const boroughs = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', 'boroughs.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;

  beforeAll(async () => {
    served = await servePreview();
    browser = await launchBrowser();
    ({ page, errors } = await openReady(browser, `${served.url}?layer=gi`));
    // The first hot spot analysis over all London, its clusters and the points job: allow the first answer longer.
    await page.waitForSelector('[data-testid="xb-list"]', { timeout: 120_000 });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('lists a cluster Camden and Islington share, by harm, with its BCU, lead and caveats', async () => {
    const summary = await page.textContent('[data-testid="xb-summary"]');
    expect(summary).toMatch(/^59 clusters of hexagons hot at 95 % confidence; 10 cross a borough line, by harm:/);
    const entry = await entryOf(page, CLUSTER);
    expect(await entry.$eval('[data-testid="xb-label"]', (e) => e.textContent)).toBe('Islington 97 % / Camden 3 %, BCU CN');
    // Both boroughs are in BCU CN (Central North): a crossing within one BCU, not joint tasking.
    expect(await entry.$eval('[data-testid="xb-crossing"]', (e) => e.textContent)).toBe('Within one BCU (CN, Central North)');
    expect(await entry.getAttribute('data-joint')).toBe('false');
    expect(await entry.$eval('[data-testid="xb-lead"]', (e) => e.textContent)).toBe('Islington');
    const caveats = await entry.$eval('[data-testid="xb-caveats"]', (e) => e.textContent ?? '');
    // Camden's 3 % rests on one aggregated cell centre; every share rests on aggregated cells.
    expect(caveats).toContain("Camden's 3 % rests on 1 distinct point (3 or fewer)");
    expect(caveats).toContain('Aggregated cells (about 100 m)');
    // The list is ranked by harm.
    const harms = await page.$$eval('[data-testid="xb-entry"]', (es) => es.map((e) => e.textContent ?? ''));
    expect(harms.length).toBe(10);
    const both = await page.$$eval('[data-testid="xb-label"]', (es) => es.map((e) => e.textContent ?? '').filter((t) => t.includes('Camden') && t.includes('Islington')));
    expect(both.length).toBe(2);
  });

  it('selecting it frames it, draws its outline and the border it crosses, keeps it in the link, and its shares match the data', async () => {
    expect(await countDeckPixels(page, [CYAN], 30)).toBe(0);
    await (await entryOf(page, CLUSTER)).$eval('button.xb-pick', (b) => (b as HTMLButtonElement).click());
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('cluster') === id, CLUSTER, POLL);
    await page.waitForSelector('[data-testid="xb-detail"]', POLL);
    // The map flies to the cluster (600 ms) and draws its outline (cyan) and the Camden / Islington line (amber).
    await page.waitForFunction(() => new URL(location.href).searchParams.has('zoom') && Number(new URL(location.href).searchParams.get('zoom')) > 13, null, POLL);
    await expect.poll(() => countDeckPixels(page, [CYAN], 30), POLL).toBeGreaterThan(200);
    await expect.poll(() => countDeckPixels(page, [AMBER], 30), POLL).toBeGreaterThan(50);

    const cells = (await page.getAttribute('[data-testid="xb-detail"]', 'data-cells'))!.split(',');
    expect(cells).toHaveLength(7);
    expect(cells[0]).toBe(CLUSTER);
    const expected = harmShares(await rowsInCells(cells), boroughs.features);
    const shown = await shownShares(page);
    expect([...shown.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...shown.keys()].sort()).toEqual([CAMDEN, ISLINGTON].sort());
    for (const [code, share] of expected) expect(shown.get(code)).toBeCloseTo(share, 9);
  });

  it('the shared-harm matrix has Camden × Islington, in 16 px text, and its cell lists the cluster', async () => {
    await page.click('[data-testid="xb-open-matrix"]');
    const cell = await page.waitForSelector(`[data-testid="xb-matrix-cell"][data-row="${CAMDEN}"][data-col="${ISLINGTON}"]`, POLL);
    expect(Number(await cell.getAttribute('data-harm'))).toBeGreaterThan(0);
    const mirror = await page.getAttribute(`[data-testid="xb-matrix-cell"][data-row="${ISLINGTON}"][data-col="${CAMDEN}"]`, 'data-harm');
    expect(mirror).toBe(await cell.getAttribute('data-harm'));
    const smallest = await page.$$eval('[data-testid="xb-matrix"] th, [data-testid="xb-matrix"] td, [data-testid="xb-matrix"] button', (es) =>
      Math.min(...es.filter((e) => (e.textContent ?? '').trim() !== '').map((e) => parseFloat(getComputedStyle(e).fontSize))),
    );
    expect(smallest).toBeGreaterThanOrEqual(16);
    await cell.click();
    const listed = await page.$$eval('[data-testid="xb-matrix-cluster"]', (es) => es.map((e) => e.getAttribute('data-id')));
    expect(listed).toContain(CLUSTER);
    expect(listed).toHaveLength(2);
    // Choosing the other one (the big central cluster) selects and frames it: the link says so and the map zooms out to it.
    const other = listed.find((id) => id !== CLUSTER)!;
    const zoomBefore = Number(new URL(page.url()).searchParams.get('zoom'));
    await page.click(`[data-testid="xb-matrix-cluster"][data-id="${other}"]`);
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('cluster') === id, other, POLL);
    await page.waitForFunction((z) => Number(new URL(location.href).searchParams.get('zoom')) < z - 1, zoomBefore, POLL);
    await page.click(`[data-testid="xb-entry"][data-id="${CLUSTER}"] button.xb-pick`);
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('cluster') === id, CLUSTER, POLL);
  });

  it('a GeoJSON file becomes a level: the cluster split into two sites, shares as the data say; a file of points is refused with the reason', async () => {
    const cells = (await page.getAttribute('[data-testid="xb-detail"]', 'data-cells'))!.split(',');
    const lons = cells.flatMap((c) => cellToBoundary(c).map((p) => p[1]));
    const lats = cells.flatMap((c) => cellToBoundary(c).map((p) => p[0]));
    const [w, e, s, n] = [Math.min(...lons) - 0.01, Math.max(...lons) + 0.01, Math.min(...lats) - 0.01, Math.max(...lats) + 0.01];
    const mid = (Math.min(...lons) + Math.max(...lons)) / 2;
    const rect = (x0: number, x1: number) => [[[x0, s], [x1, s], [x1, n], [x0, n], [x0, s]]];
    const sites: FeatureCollection<Polygon> = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { SiteName: 'West site', ref: 1 }, geometry: { type: 'Polygon', coordinates: rect(w, mid) } },
        { type: 'Feature', properties: { SiteName: 'East site', ref: 2 }, geometry: { type: 'Polygon', coordinates: rect(mid, e) } },
      ],
    };
    await page.setInputFiles('[data-testid="file-input"]', { name: 'chb-sites.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(sites)) });
    await page.waitForSelector('[data-testid="boundary-files"] li[data-file="chb-sites.geojson"]', POLL);
    expect(await page.$eval('[data-testid="xb-line"]', (s) => (s as HTMLSelectElement).value)).toBe('custom:chb-sites.geojson');
    const entry = await entryOf(page, CLUSTER);
    expect(await entry.$eval('[data-testid="xb-label"]', (e) => e.textContent)).toMatch(/^(West|East) site \d+ % \/ (West|East) site \d+ %$/);
    await page.waitForSelector('[data-testid="xb-shares"] tr[data-code="West site"]', POLL);
    const expected = harmShares(await rowsInCells(cells), sites.features.map((f) => ({ ...f, properties: { code: f.properties!.SiteName } })));
    const shown = await shownShares(page);
    expect([...shown.keys()].sort()).toEqual(['East site', 'West site']);
    for (const [code, share] of expected) expect(shown.get(code)).toBeCloseTo(share, 9);

    const points = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [-0.1, 51.5] } }] };
    await page.setInputFiles('[data-testid="file-input"]', { name: 'points.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(points)) });
    await page.waitForSelector('[data-testid="boundary-error"]', POLL);
    expect(await page.textContent('[data-testid="boundary-error"]')).toBe('points.json: it holds no Polygon or MultiPolygon area (1 feature: Point)');
    expect(errors).toEqual([]);
  });
});
