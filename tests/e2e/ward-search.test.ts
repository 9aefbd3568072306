/**
 * Finding wards and the boundary sets (issue 11, item 4), in Debian's Chromium: a ward found by
 * typing part of its name and chosen with the keyboard; "Show only <borough>" and "Show only
 * <ward>" from a clicked hexagon; the LSOA 2021 outlines drawn on the map when switched on, and a
 * failed fetch said in words. Expected totals are the crimes of data/crimes.parquet whose point
 * lies in the area's polygon of the shipped boundaries, counted here with native DuckDB and turf.
 *
 * Bloomsbury (Camden) is a ward of both the 2013 wards and the 2022 wards, and its polygon is read
 * from data/boundaries/wards.geojson when the test runs, so the test holds for either file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, launchBrowser, ROOT, servePreview, type Served, waitReady, hexagonSpot } from './harness';
import { boundaryFeature, crimePoints, crimesInside, type CrimePoints } from './reference';

const num = (s: string | null) => Number((s ?? '').replace(/[^\d.-]/g, ''));
const CAMDEN = 'E09000007';
// The 2017-18 record-level set: the dataset choice's id (a parameter the app ignores where it
// has a single dataset).
const DATASET = 'ds=london-2017-18';

const wards = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', 'wards.geojson'), 'utf8')) as FeatureCollection;
const wardCode = (name: string, boroughName: string) => {
  const f = wards.features.filter((x) => x.properties?.name === name && x.properties?.boroughName === boroughName);
  if (f.length !== 1) throw new Error(`${f.length} wards named ${name} in ${boroughName}`);
  return String(f[0].properties!.code);
};
const BLOOMSBURY = wardCode('Bloomsbury', 'Camden');


/** MapLibre canvas pixels of the LSOA outline violet (red above green, blue well above red: no other base map colour is). */
async function violetPixelsOf(page: Page): Promise<number> {
  return page.evaluate(() => {
    const c = document.querySelector('[data-testid="map"] canvas.maplibregl-canvas') as HTMLCanvasElement;
    const k = document.createElement('canvas');
    k.width = c.width;
    k.height = c.height;
    const ctx = k.getContext('2d')!;
    ctx.drawImage(c, 0, 0);
    const d = ctx.getImageData(0, 0, k.width, k.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 100 && d[i] > d[i + 1] + 15 && d[i + 2] > d[i] + 30) n++;
    return n;
  });
}

describe('finding wards and the boundary sets (Chromium)', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let points: CrimePoints;
  let errors: string[];
  const lsoaRequests: string[] = [];
  const inWard = (code: string) => crimesInside(points, boundaryFeature('wards.geojson', code));
  const shown = async () => num(await page.getByTestId('filtered-total').textContent());
  const param = (key: string) => new URL(page.url()).searchParams.get(key);
  const violetPixels = () => violetPixelsOf(page);

  beforeAll(async () => {
    [served, browser, points] = await Promise.all([servePreview(), launchBrowser(), crimePoints()]);
    // Listening from the first request: the outlines must not be fetched while the app loads.
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    errors = collectErrors(page);
    page.on('request', (r) => {
      if (/lsoa[^/]*\.geojson/.test(r.url())) lsoaRequests.push(r.url());
    });
    await page.goto(`${served.url}?${DATASET}`);
    await waitReady(page);
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('typing part of a ward name lists it with its borough; the keyboard chooses it and the legend shows its crimes', async () => {
    const expected = inWard(BLOOMSBURY);
    expect(expected).toBeGreaterThan(1000); // central London: a ward with crime, not an empty test
    await page.getByTestId('area-kind').selectOption('ward');
    await expect.poll(shown).toBe(0); // a ward kind with no ward yet shows nothing
    const input = page.getByRole('combobox', { name: 'Find a ward by name or borough' });
    await input.click();
    await input.pressSequentially('blOOms');
    const listbox = page.getByRole('listbox', { name: 'Matching wards' });
    await expect.poll(async () => (await listbox.getByRole('option').allTextContents()).map((s) => s.trim())).toContain('Bloomsbury — Camden');
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    expect(await input.getAttribute('aria-activedescendant')).toBeNull();
    // Down to the first option (the only name starting "blooms"), then Enter.
    await input.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    const first = listbox.getByRole('option').first();
    expect(active).toBe(await first.getAttribute('id'));
    expect(await first.getAttribute('aria-selected')).toBe('true');
    expect((await first.textContent())?.trim()).toBe('Bloomsbury — Camden');
    await input.press('Enter');
    await expect.poll(shown).toBe(expected);
    expect(await page.getByTestId('ward-chips').textContent()).toContain('Bloomsbury — Camden');
    expect(await input.inputValue()).toBe('');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => param('ward')).toBe(BLOOMSBURY);

    // A second ward is added, not swapped: both wards' crimes. Escape closes the list.
    await input.pressSequentially('holborn');
    const holborn = (await listbox.getByRole('option').first().textContent())?.trim() ?? '';
    expect(holborn).toMatch(/^Holborn.* — Camden$/);
    const holbornCode = wardCode(holborn.split(' — ')[0], 'Camden');
    await input.press('Escape');
    expect(await input.getAttribute('aria-expanded')).toBe('false');
    await input.press('ArrowDown');
    await input.press('Enter');
    await expect.poll(shown).toBe(expected + inWard(holbornCode));
    await expect.poll(() => param('ward')).toBe(`${BLOOMSBURY}.${holbornCode}`);
    // Its chip's remove button takes it out again.
    await page.getByRole('button', { name: `Remove ${holborn}` }).click();
    await expect.poll(shown).toBe(expected);
    await expect.poll(() => param('ward')).toBe(BLOOMSBURY);

    await input.pressSequentially('zzq');
    await expect.poll(async () => page.getByTestId('ward-status').textContent()).toBe('No ward matches');
    await input.press('Escape');
    expect(await input.inputValue()).toBe('');
  });

  it('"Show only <borough>" and "Show only <ward>" from a clicked hexagon set the area filter', async () => {
    await page.waitForTimeout(1000); // the map's framing animation
    const spot = await hexagonSpot(page);
    await page.mouse.click(spot.x, spot.y);
    const panel = page.getByTestId('cell-panel');
    await expect.poll(async () => panel.count()).toBe(1);
    // The hexagon's crimes under a Bloomsbury filter are Bloomsbury's: its ward is the one shown,
    // so only the borough is offered.
    expect(await panel.textContent()).toContain('Bloomsbury, Camden');
    expect(await page.getByTestId('show-only-ward').count()).toBe(0);
    await page.getByRole('button', { name: 'Show only Camden' }).click();
    await expect.poll(shown).toBe(crimesInside(points, boundaryFeature('boroughs.geojson', CAMDEN)));
    await expect.poll(() => param('borough')).toBe(CAMDEN);
    expect(param('ward')).toBeNull();

    // Under the borough filter the hexagon's main ward is offered (Bloomsbury, or a neighbour the
    // hexagon reaches into with more crimes).
    const button = page.getByTestId('show-only-ward');
    await expect.poll(async () => button.count()).toBe(1);
    const name = ((await button.textContent()) ?? '').replace('Show only ', '').trim();
    const code = wardCode(name, 'Camden');
    await button.click();
    await expect.poll(shown).toBe(inWard(code));
    await expect.poll(() => param('ward')).toBe(code);
    expect(await page.getByTestId('area-kind').inputValue()).toBe('ward');
    expect(await page.getByTestId('ward-chips').textContent()).toContain(`${name} — Camden`);
  });

  it('the LSOA 2021 outlines are fetched when first switched on, drawn, and kept in the link', async () => {
    expect(lsoaRequests).toEqual([]);
    const before = await violetPixels();
    expect(before).toBeLessThan(50);
    await page.getByTestId('lsoa-toggle').check();
    await expect.poll(violetPixels, { timeout: 30_000 }).toBeGreaterThan(before + 2000);
    expect(lsoaRequests).toHaveLength(1);
    await expect.poll(() => param('lsoa')).toBe('1');
    expect(await page.getByTestId('lsoa-error').count()).toBe(0);
    // Off removes them; on again draws them from the copy already fetched.
    await page.getByTestId('lsoa-toggle').uncheck();
    await expect.poll(violetPixels).toBeLessThan(50);
    await page.getByTestId('lsoa-toggle').check();
    await expect.poll(violetPixels).toBeGreaterThan(before + 2000);
    expect(lsoaRequests).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('a link with the outlines on whose file cannot be fetched says so, and draws no outlines', async () => {
    const other = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await other.route(/lsoa[^/]*\.geojson/, (r) => r.fulfill({ status: 404, body: 'not here' }));
    await other.goto(`${served.url}?${DATASET}&lsoa=1&ward=${BLOOMSBURY}`);
    const error = other.getByTestId('lsoa-error');
    await error.waitFor({ timeout: 120_000 });
    expect(await error.textContent()).toContain('Could not load the LSOA 2021 boundaries: the server answered HTTP 404');
    expect(await error.getAttribute('role')).toBe('alert');
    await other.waitForSelector('[data-testid="app"][data-phase="ready"]', { timeout: 120_000 });
    expect(await other.getByTestId('lsoa-toggle').isChecked()).toBe(true);
    await other.waitForTimeout(2000); // the map settles on the ward
    expect(await violetPixelsOf(other)).toBeLessThan(50);
    await other.close();
  });
});
