/**
 * Hotspot statistics in the browser: the Gi* and emerging layers draw, explain themselves on
 * hover, react to harm weights and months, and the forecast-accuracy panel reports PAI / PEI*
 * equal to an independent computation made here from the shipped Parquet with native DuckDB
 * and h3-js (no app code).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { latLngToCell } from 'h3-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { londonStudyCells } from './reference';
import { countDeckPixels, launchBrowser, openReady, ROOT, type Served, servePreview, recordsUrl } from './harness';

const HOT: [number, number, number][] = [[178, 24, 43], [239, 138, 98], [253, 219, 199]];
const num = (s: string | null) => Number((s ?? '').replace(/[^\d.-]/g, ''));

/** PAI / PEI* of "counts over the training window" computed from scratch (ANALYSIS.md). */
async function independentBaseline(trainFrom: string, trainTo: string, test: string, coverage: number) {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const file = join(ROOT, 'data', 'crimes.parquet');
  const rows = (await db.runAndReadAll(
    `SELECT "Latitude", "Longitude", "Month", count(*)::INT FROM '${file}' GROUP BY ALL`,
  )).getRows();
  const cells = londonStudyCells(9);
  const index = new Map(cells.map((c, i) => [c, i]));
  const train = new Float64Array(cells.length);
  const testN = new Float64Array(cells.length);
  for (const [lat, lon, month, n] of rows) {
    const i = index.get(latLngToCell(Number(lat), Number(lon), 9));
    if (i === undefined) continue;
    const m = String(month);
    if (m >= trainFrom && m <= trainTo) train[i] += Number(n);
    if (m === test) testN[i] += Number(n);
  }
  const k = Math.floor(coverage * cells.length);
  const order = cells.map((_, i) => i).sort((a, b) => train[b] - train[a] || (cells[a] < cells[b] ? -1 : 1));
  const caught = order.slice(0, k).reduce((s, i) => s + testN[i], 0);
  const N = testN.reduce((a, b) => a + b, 0);
  const best = [...testN].sort((a, b) => b - a).slice(0, k).reduce((a, b) => a + b, 0);
  return { pai: caught / N / (k / cells.length), pei: caught / best, k, studyCells: cells.length };
}

interface CliCell {
  h3: string;
  count: number;
  value: number;
  giZ: number;
  giP: number;
  giBin: number;
  giBinFdr: number;
  emerging: string;
}

/** The command-line twin on the embedded data, with the app's default view (counts, all months, London). */
async function runCli(): Promise<{ rows: Record<string, unknown>; cells: CliCell[] }> {
  const out = join(mkdtempSync(join(tmpdir(), 'hotspot-cli-')), 'result.json');
  await promisify(execFile)(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'cli/analyze.ts', '--input', 'data/crimes.parquet', '--resolution', '9', '--weight', 'count', '--out', out],
    { cwd: ROOT, maxBuffer: 1 << 26 },
  );
  return JSON.parse(readFileSync(out, 'utf8'));
}

describe('hotspot statistics in Chromium', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let cli: Awaited<ReturnType<typeof runCli>>;

  beforeAll(async () => {
    [served, browser, cli] = await Promise.all([servePreview(), launchBrowser(), runCli()]);
    ({ page, errors } = await openReady(browser, recordsUrl(served, `layer=gi`)));
    await page.waitForSelector('[data-testid=hotspot-ms]:has-text("analysed")', { timeout: 60_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('the command-line twin gives the same numbers as the app for the same inputs', async () => {
    const app = await page.evaluate(() => {
      const h = (window as unknown as { hotspot: { hotspots(): Record<string, ArrayLike<number> & { length: number }> & { cells: string[]; outsideArea: number } } }).hotspot.hotspots();
      return {
        cells: h.cells,
        count: Array.from(h.count),
        giZ: Array.from(h.giZ),
        giP: Array.from(h.giP),
        giBin: Array.from(h.giBin),
        giBinFdr: Array.from(h.giBinFdr),
        emerging: Array.from(h.emerging),
        outsideArea: h.outsideArea,
      };
    });
    const labels = ['New Hot Spot', 'Consecutive Hot Spot', 'Intensifying Hot Spot', 'Persistent Hot Spot', 'Diminishing Hot Spot', 'Sporadic Hot Spot', 'Oscillating Hot Spot', 'Historical Hot Spot', 'New Cold Spot', 'Consecutive Cold Spot', 'Intensifying Cold Spot', 'Persistent Cold Spot', 'Diminishing Cold Spot', 'Sporadic Cold Spot', 'Oscillating Cold Spot', 'Historical Cold Spot', 'No Pattern Detected'];
    expect(cli.cells.map((c) => c.h3)).toEqual(app.cells);
    expect(cli.rows.outsideArea).toBe(app.outsideArea);
    expect(cli.rows.kept).toBe(773_668);
    let maxDz = 0;
    cli.cells.forEach((c, i) => {
      expect(c.count).toBe(app.count[i]);
      maxDz = Math.max(maxDz, Math.abs(c.giZ - app.giZ[i]));
      expect(c.giBin).toBe(app.giBin[i]);
      expect(c.giBinFdr).toBe(app.giBinFdr[i]);
      expect(c.emerging).toBe(labels[app.emerging[i]]);
    });
    expect(maxDz).toBeLessThan(1e-9);
    // Not a vacuous match: there are hot spots and several emerging categories.
    expect(cli.cells.filter((c) => c.giBinFdr === 3).length).toBeGreaterThan(100);
    expect(new Set(cli.cells.map((c) => c.emerging)).size).toBeGreaterThan(4);
  });

  it('the Gi* layer draws FDR hot spots in the diverging scheme, and its legend counts cover the study area', async () => {
    // The layer came from the URL (?layer=gi): the view state round-trips through the address.
    expect(await page.getByTestId('layer-gi').isChecked()).toBe(true);
    await page.waitForTimeout(1500);
    expect(await countDeckPixels(page, HOT, 12)).toBeGreaterThan(3_000);
    const legend = (await page.getByTestId('legend').textContent()) ?? '';
    expect(legend).toContain('Hot spot, 99 % confidence');
    // Hexagon counts per bin (the "No data" row counts boroughs, not hexagons).
    const rows = await page.locator('[data-testid=legend] .legend-row:not([data-testid=legend-no-data]) .num').allTextContents();
    const drawn = rows.map(num).reduce((a, b) => a + b, 0);
    const notSig = num((legend.match(/([\d,]+) hexagons not significant/) ?? ['', ''])[1]);
    expect(drawn + notSig).toBe(londonStudyCells(9).length);
  });

  it('selecting a hot spot explains it in plain words in the cell panel', async () => {
    const h = await page.evaluate(() => {
      const app = (window as unknown as { hotspot: { hotspots(): { giBinFdr: Int8Array; cells: string[] } } }).hotspot;
      const r = app.hotspots();
      const i = r.giBinFdr.findIndex((b) => b === 3);
      return r.cells[i];
    });
    expect(h).toMatch(/^89/);
    // Select it through the app model (the same call a click makes).
    await page.evaluate((hex) => (window as unknown as { hotspot: { select(h: string): void } }).hotspot.select(hex), h);
    const panel = page.getByTestId('cell-hotspot');
    await expect.poll(async () => (await panel.textContent()) ?? '').toMatch(/99% confident this is a hot spot.*after correcting for multiple testing/);
    expect(await panel.textContent()).toMatch(/Gi\* z = \d+\.\d\d/);
  });

  it('harm weighting changes the analysis, and the weights are part of the shareable URL', async () => {
    // The analysis runs in a worker: poll for the new answer.
    const total = () => page.evaluate(() => (window as unknown as { hotspot: { hotspots(): { value: Float64Array } } }).hotspot.hotspots().value.reduce((a, b) => a + b, 0));
    const before = await total();
    await page.getByTestId('weight').selectOption('harm');
    await expect.poll(async () => new URL(page.url()).searchParams.get('weight')).toBe('harm');
    await expect.poll(total, { timeout: 20_000 }).toBeGreaterThan(before * 10);
    const harm = await total();
    await page.getByTestId('edit-harm').click();
    await page.getByTestId('harm-Robbery').fill('0');
    await page.getByTestId('harm-Robbery').press('Enter');
    await expect.poll(async () => new URL(page.url()).searchParams.get('hw')).toBe('9:0');
    await expect.poll(total, { timeout: 20_000 }).toBeLessThan(harm);
  });

  it('the month slider shows one month at a time (June 2017: 65,824 crimes)', async () => {
    await page.getByTestId('weight').selectOption('count');
    await page.getByTestId('layer-counts').check();
    await page.getByTestId('month-slider').fill('0');
    await expect.poll(async () => num(await page.getByTestId('filtered-total').textContent())).toBe(65_824);
    // The address bar follows the view a moment later (src/state/url-writer.ts).
    await expect.poll(async () => new URL(page.url()).searchParams.get('from')).toBe('2017-06');
    await expect.poll(async () => new URL(page.url()).searchParams.get('to')).toBe('2017-06');
    // Play steps to the next month by itself; pause stops it there.
    await page.getByTestId('play').click();
    await expect.poll(async () => new URL(page.url()).searchParams.get('from'), { timeout: 10_000 }).toBe('2017-07');
    await page.getByTestId('play').click();
    const paused = await page.evaluate(() => (window as unknown as { hotspot: { view: { from: string | null } } }).hotspot.view.from);
    await page.waitForTimeout(2000);
    expect(new URL(page.url()).searchParams.get('from')).toBe(paused);
    expect(num(await page.getByTestId('filtered-total').textContent())).toBe(paused === '2017-07' ? 70_867 : 67_383);
  });

  it('forecast accuracy: the whole-window-counts baseline equals an independent PAI / PEI* computation', async () => {
    await page.getByRole('button', { name: 'all months' }).click();
    await page.getByTestId('accuracy-toggle').click();
    const table = page.getByTestId('accuracy-table');
    await table.waitFor({ timeout: 30_000 });
    const truth = await independentBaseline('2017-11', '2018-04', '2018-05', 0.05);
    const rows = await table.locator('tbody tr').all();
    const cells = await rows[2].locator('td').allTextContents();
    expect(cells[0]).toBe('Counts over the whole training window');
    expect(Number(cells[1])).toBeCloseTo(truth.pai, 2);
    expect(Number(cells[2])).toBeCloseTo(truth.pei, 2);
    expect(await page.getByTestId('accuracy-panel').textContent()).toContain(`top ${truth.k.toLocaleString('en-GB')} hexagons`);
    expect(Number(await page.getByTestId('pai-ours').textContent())).toBeGreaterThan(1);
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
