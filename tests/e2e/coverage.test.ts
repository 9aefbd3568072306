/**
 * Gaps are shown, not read as "no crime" (issue 10, item 5), in the built app in Chromium:
 * boroughs with no data are hatched and left out of the hot spot study area (Central East, whose
 * Hackney and Tower Hamlets the embedded sample lacks, had 8 hexagons "99 % hot"); one month is
 * too short for emerging hot spots; a 2023 file does not stretch the analysis over 55 empty months.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDeckPixels, launchBrowser, openReady, ROOT, type Served, servePreview, recordsUrl } from './harness';

// Gi* hot bins (99/95/90 %), as drawn by src/map/hotspot-colors.ts.
const HOT: [number, number, number][] = [[178, 24, 43], [239, 138, 98], [253, 219, 199]];
// The hatch stripe (230, 160, 60) at fill-opacity 0.75 over the borough fill #2a3142.
const HATCH: [number, number, number] = [183, 132, 61];

interface Handle {
  setView(p: Record<string, unknown>): void;
  hotspots(): { cells: string[]; giBinFdr: Int8Array; noData: Uint8Array; months: string[]; emergingComputed: boolean; excludedCells: number } | null;
  shownHexagons(): number;
  coverage(): { noDataBoroughs: string[] } | null;
}

/** Pixels of the MapLibre canvas (the base map, under deck's hexagons) within `tol` of a colour. */
async function countBasePixels(page: Page, [r, g, b]: [number, number, number], tol = 24): Promise<number> {
  return page.evaluate(
    ({ r, g, b, tol }) => {
      const canvas = document.querySelector('[data-testid="map"] canvas.maplibregl-canvas') as HTMLCanvasElement | null;
      if (!canvas) return -1;
      const c2 = document.createElement('canvas');
      c2.width = canvas.width;
      c2.height = canvas.height;
      const ctx = c2.getContext('2d')!;
      ctx.drawImage(canvas, 0, 0);
      const d = ctx.getImageData(0, 0, c2.width, c2.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) <= tol && Math.abs(d[i + 1] - g) <= tol && Math.abs(d[i + 2] - b) <= tol) n++;
      return n;
    },
    { r, g, b, tol },
  );
}

describe('data coverage in Chromium', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const app = <T,>(f: (h: Handle) => T) => page.evaluate(f as never) as Promise<T>;
  const setView = (patch: Record<string, unknown>) =>
    page.evaluate((p) => (window as unknown as { hotspot: Handle }).hotspot.setView(p), patch);
  const hot = () => page.evaluate(() => (window as unknown as { hotspot: Handle }).hotspot.hotspots());

  beforeAll(async () => {
    [served, browser] = await Promise.all([servePreview(), launchBrowser()]);
    ({ page, errors } = await openReady(browser, recordsUrl(served, `layer=gi&bcu=CE`)));
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('knows from the data which boroughs have no data, and says so in words', async () => {
    const note = page.getByTestId('coverage-boroughs');
    await expect.poll(async () => (await note.textContent()) ?? '', { timeout: 15_000 }).toContain('8 boroughs');
    const text = (await note.textContent()) ?? '';
    for (const b of ['Bexley', 'City of London', 'Croydon', 'Hackney', 'Kensington and Chelsea', 'Redbridge', 'Southwark', 'Tower Hamlets']) {
      expect(text).toContain(b);
    }
    expect(text).toContain('No data in 2017-06…2018-05');
    expect(text).not.toContain('Westminster');
    expect(await page.getByTestId('legend-no-data').textContent()).toMatch(/No data\s*8 boroughs/);
  });

  it('Central East (Hackney and Tower Hamlets): nothing to analyse, and no hexagon is drawn hot', async () => {
    await expect.poll(async () => (await hot())?.excludedCells ?? -1, { timeout: 15_000 }).toBeGreaterThan(100);
    const h = (await hot())!;
    expect(h.cells).toEqual([]);
    expect(await page.getByTestId('no-data-area').textContent()).toContain('This area has no data in the chosen months');
    await page.waitForTimeout(1500);
    expect(await countDeckPixels(page, HOT, 12)).toBe(0);
  });

  it('the area is hatched on the map (base-map pixels), and a borough with data is not', async () => {
    await page.screenshot({ path: '/tmp/coverage-central-east.png' });
    const hatched = await countBasePixels(page, HATCH);
    // The 1280×860 page's map frames Hackney and Tower Hamlets: a good part of it is stripes.
    expect(hatched).toBeGreaterThan(20_000);
    // Barnet and every borough around it have data.
    await setView({ layer: 'counts', area: { kind: 'borough', codes: ['E09000003'] } });
    await page.waitForTimeout(2500);
    expect(await countBasePixels(page, HATCH)).toBe(0);
    await setView({ layer: 'gi', area: { kind: 'bcu', codes: ['CE'] } });
    await page.waitForTimeout(2500);
    expect(await countBasePixels(page, HATCH)).toBeGreaterThan(20_000);
  });

  it('included by the setting, the no-data hexagons are analysed as zeros but none is labelled hot', async () => {
    await page.getByTestId('include-no-data').check();
    await expect.poll(async () => new URL(page.url()).searchParams.get('nodata')).toBe('include');
    await expect.poll(async () => (await hot())?.cells.length ?? 0, { timeout: 15_000 }).toBeGreaterThan(100);
    const h = (await hot())!;
    expect(Array.from(h.noData).every((x) => x === 1)).toBe(true);
    expect(Array.from(h.giBinFdr).every((b) => b === 0)).toBe(true);
    expect(await page.getByTestId('no-data-kept').textContent()).toContain('never labelled');
    await page.waitForTimeout(1500);
    expect(await countDeckPixels(page, HOT, 12)).toBe(0);
    await page.getByTestId('include-no-data').uncheck();
    await expect.poll(async () => (await hot())?.cells.length ?? -1, { timeout: 15_000 }).toBe(0);
  });

  it('one month selected: no emerging category is shown, and the layer says why', async () => {
    await setView({ layer: 'emerging', area: { kind: 'all' }, from: '2018-01', to: '2018-01' });
    await expect.poll(async () => (await hot())?.months.join() ?? '', { timeout: 30_000 }).toBe('2018-01');
    expect((await hot())!.emergingComputed).toBe(false);
    expect(await app((h) => (window as unknown as { hotspot: Handle }).hotspot.shownHexagons())).toBe(0);
    expect(await page.getByTestId('emerging-too-short').textContent()).toMatch(/need at least 10 months with crime.*these months hold\s*1\./);
    expect(await page.getByTestId('legend').textContent()).toContain('Not classified: fewer than 10 months with crime');
    expect(await page.getByTestId('legend').textContent()).not.toContain('Persistent Hot Spot');
  });

  it('a 2023 file does not stretch the analysis: the gap is named, and emerging hot spots run over the 12 original months', async () => {
    await setView({ from: null, to: null });
    await expect.poll(async () => (await hot())?.months.length ?? 0, { timeout: 30_000 }).toBe(12);
    const patternedBefore = await app(() => (window as unknown as { hotspot: Handle }).hotspot.shownHexagons());
    expect(patternedBefore).toBeGreaterThan(1000);
    expect(await page.getByTestId('coverage-gap').count()).toBe(0);

    await page.getByTestId('file-input').setInputFiles(join(ROOT, 'data', 'samples', '2023-01-metropolitan-street-sample.csv'));
    const gap = page.getByTestId('coverage-gap');
    await gap.waitFor({ timeout: 60_000 });
    expect((await gap.textContent())?.replace(/\s+/g, ' ').trim()).toBe(
      'Data has a gap: 2018-06…2023-01 has no or too few crimes. Analysing 2017-06…2018-05 (the latest run of months with data); choose months to change.',
    );
    // The month pickers show the analysed months, though the data now reaches 2023-01.
    expect(await page.getByTestId('month-from').inputValue()).toBe('2017-06');
    expect(await page.getByTestId('month-to').inputValue()).toBe('2018-05');
    expect((await page.getByTestId('month-to').locator('option').allTextContents()).at(-1)).toBe('2023-01');
    await expect.poll(async () => page.getByTestId('app').getAttribute('data-phase'), { timeout: 60_000 }).toBe('ready');
    await expect.poll(async () => (await hot())?.months.length ?? 0, { timeout: 30_000 }).toBe(12);
    const h = (await hot())!;
    expect(h.months[0]).toBe('2017-06');
    expect(h.months[11]).toBe('2018-05');
    expect(h.emergingComputed).toBe(true);
    // Before: 68 months (55 empty), and patterned hexagons fell from 1,476 to 112.
    await expect.poll(async () => app(() => (window as unknown as { hotspot: Handle }).hotspot.shownHexagons()), { timeout: 15_000 }).toBe(patternedBefore);
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });

  // After the console check: with no network, the street map's tiles fail to load (and say so).
  it('the hatch survives a change of base map style (online street map on, then off)', async () => {
    await setView({ layer: 'counts', area: { kind: 'bcu', codes: ['CE'] } });
    await page.waitForTimeout(2500);
    const before = await countBasePixels(page, HATCH);
    expect(before).toBeGreaterThan(20_000);
    await setView({ onlineBasemap: true });
    await page.waitForTimeout(3000);
    expect(await countBasePixels(page, HATCH)).toBeGreaterThan(20_000);
    await setView({ onlineBasemap: false });
    await page.waitForTimeout(3000);
    expect(await countBasePixels(page, HATCH)).toBeGreaterThan(20_000);
  });
});
