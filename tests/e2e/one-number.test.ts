/**
 * One number per thing (issue 10, item 4), in Debian's Chromium: the tooltip, the selected-hexagon
 * panel and the legend read one aggregation for one filter. Observed before: H3 89195da4993ffff,
 * tooltip 110 crimes, panel 85 (Gi* layer over an area); a tooltip "6 crimes" listing one bicycle
 * theft (a hot spot answer of the previous filter); stop-and-search records counted as crimes;
 * "N crimes fall outside it" without saying outside what.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openReady, ROOT, servePreview, type Served, waitReady, recordsUrl } from './harness';

const num = (s: string | null) => Number((s ?? '').replace(/[^\d.-]/g, ''));
const WESTMINSTER = 'E09000033';

interface Tip {
  hex: string;
  total: number;
  listed: { category: string; count: number }[];
}

describe('one number per thing', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [served, browser] = await Promise.all([servePreview(), launchBrowser()]);
    ({ page } = await openReady(browser, recordsUrl(served, `layer=gi&borough=${WESTMINSTER}`)));
    await page.waitForSelector('[data-testid=hotspot-ms]:has-text("analysed")', { timeout: 60_000 });
    await page.waitForTimeout(1000); // the map's framing animation
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  /** Hovers points on a grid over the map until a tooltip shows; returns the point and the tooltip. */
  const hoverSomeHexagon = async (): Promise<{ x: number; y: number; tip: Tip }> => {
    const box = (await page.getByTestId('map').boundingBox())!;
    for (let gy = 0.5; gy > 0.1; gy -= 0.05) {
      for (const gx of [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65]) {
        const x = box.x + box.width * gx;
        const y = box.y + box.height * gy;
        await page.mouse.move(x, y);
        const tip = await readTip();
        if (tip) return { x, y, tip };
      }
    }
    throw new Error('no hexagon under any probed point');
  };
  const readTip = async (): Promise<Tip | null> => {
    const t = page.getByTestId('tooltip');
    try {
      await t.waitFor({ timeout: 400 });
    } catch {
      return null;
    }
    const title = (await t.locator('.tt-title').textContent()) ?? '';
    const hex = ((await t.locator('.tt-cell').textContent()) ?? '').replace('H3 ', '').trim();
    const listed = (await t.locator('li').allTextContents()).map((s) => {
      const [category, count] = s.split(': ');
      return { category, count: num(count) };
    });
    return { hex, total: num(title.split(' crime')[0]), listed };
  };

  it('Gi* layer over a borough: tooltip, panel and the hot spot answer give one count for a hexagon', async () => {
    const { x, y, tip } = await hoverSomeHexagon();
    await page.mouse.click(x, y);
    const panelTotal = num(await page.getByTestId('cell-total').textContent());
    expect(panelTotal).toBe(tip.total);
    const analysed = await page.evaluate((hex) => {
      const h = (window as unknown as { hotspot: { hotspots(): { cells: string[]; count: Float64Array } } }).hotspot.hotspots();
      return h.count[h.cells.indexOf(hex)];
    }, tip.hex);
    expect(analysed).toBe(tip.total);
    // A hexagon on the borough's edge holds crimes of both sides: the panel counts the whole
    // hexagon, as the analysis does (before: the panel masked by borough, the tooltip did not).
    const edge = await page.evaluate((code) => {
      const app = (window as unknown as {
        hotspot: {
          hotspots(): { cells: string[]; count: Float64Array };
          cube(): { cells: string[]; cell: Int32Array; borough: Int16Array; boroughs: string[]; count: Int32Array; cellStart: Int32Array };
        };
      }).hotspot;
      const h = app.hotspots();
      const c = app.cube();
      const cubeCells = new Map(c.cells.map((x, i) => [x, i]));
      for (let i = 0; i < h.cells.length; i++) {
        const k = cubeCells.get(h.cells[i]);
        if (k === undefined) continue;
        let inside = 0;
        for (let r = c.cellStart[k]; r < c.cellStart[k + 1]; r++) if (c.boroughs[c.borough[r]] === code) inside += c.count[r];
        if (inside > 0 && inside < h.count[i]) return { hex: h.cells[i], whole: h.count[i], inside };
      }
      return null;
    }, WESTMINSTER);
    expect(edge).not.toBeNull();
    await page.evaluate((hex) => (window as unknown as { hotspot: { select(h: string): void } }).hotspot.select(hex), edge!.hex);
    await expect.poll(async () => num(await page.getByTestId('cell-total').textContent())).toBe(edge!.whole);
    // The legend's figure is the sum of what the drawn hexagons' tooltips would say.
    const legend = num(await page.getByTestId('filtered-total').textContent());
    const sum = await page.evaluate(() => {
      const app = (window as unknown as {
        hotspot: { hotspots(): { cells: string[] }; cube(): { cells: string[] }; cellFigures(code: number): { total: number } | null };
      }).hotspot;
      const cubeCells = new Map(app.cube().cells.map((c, i) => [c, i]));
      return app.hotspots().cells.reduce((a, c) => a + (cubeCells.has(c) ? app.cellFigures(cubeCells.get(c)!)!.total : 0), 0);
    });
    expect(legend).toBe(sum);
    // "Outside" names what it is outside of.
    await expect.poll(async () => (await page.getByTestId('outside-area').textContent()) ?? '').toMatch(/outside\s+Westminster, so they are not analysed/);
  });

  it('right after a filter change, the tooltip counts the new filter and lists what it counts', async () => {
    await page.getByRole('button', { name: 'none', exact: true }).click();
    await page.getByTestId('cat-Bicycle theft').check();
    // No waiting for the new analysis: the first tooltip after the change must already agree.
    const { tip } = await hoverSomeHexagon();
    expect(tip.listed.map((l) => l.category)).toEqual(tip.total > 0 ? ['Bicycle theft'] : []);
    expect(tip.listed.reduce((a, l) => a + l.count, 0)).toBe(tip.total);
    await page.getByRole('button', { name: 'all', exact: true }).click();
  });

  it('stop-and-search records are never counted in "crimes shown"', async () => {
    await page.evaluate(() => (window as unknown as { hotspot: { setView(v: object): void } }).hotspot.setView({ layer: 'counts', area: { kind: 'all' } }));
    await expect.poll(async () => num(await page.getByTestId('filtered-total').textContent())).toBe(773_668);
    await page.getByTestId('file-input').setInputFiles(join(ROOT, 'data', 'samples', '2016-06-metropolitan-stop-and-search.csv'));
    await expect.poll(async () => (await page.getByTestId('reports').textContent()) ?? '').toMatch(/stop-and-search\.csv: [\d,]+ kept/);
    await waitReady(page);
    const stopKept = await page.evaluate(async () => {
      const db = (window as unknown as { hotspot: { db(): { rows(sql: string): Promise<{ n: number }[]> } } }).hotspot.db();
      return (await db.rows(`SELECT count(*)::INT AS n FROM crimes WHERE dataset = 'stop-and-search'`))[0].n;
    });
    expect(stopKept).toBeGreaterThan(0);
    // The stop searches are from 2016-06, a year before the crimes: the default window is the
    // latest run of months with data, so the months are chosen to hold both.
    await page.evaluate(() => (window as unknown as { hotspot: { setView(v: object): void } }).hotspot.setView({ from: '2016-06', to: '2018-05' }));
    await page.getByTestId('cat-Stop and search').check();
    await expect.poll(async () => (await page.getByTestId('stop-search-total').textContent()) ?? '').toContain(stopKept.toLocaleString('en-GB'));
    expect(num(await page.getByTestId('filtered-total').textContent())).toBe(773_668);
  });
});
