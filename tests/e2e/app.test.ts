/**
 * The built app in Debian's Chromium: the embedded London data loads, hexagons are really
 * drawn (canvas pixels), filters redraw, files load through the file input, rejects and the
 * column-mapping step work, hover and click answer. Expected numbers come from the shipped
 * Parquet read independently here with native DuckDB and h3-js, not from the app's code.
 */
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { latLngToCell } from 'h3-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDeckPixels, launchBrowser, openReady, ROOT, type Served, servePreview, recordsUrl } from './harness';

// The six viridis classes the legend draws (0.1..1.0 of the scale, see src/map/color-scale.ts).
const VIRIDIS: [number, number, number][] = [
  [72, 36, 117], [65, 68, 135], [42, 120, 142], [34, 168, 132], [122, 209, 81], [253, 231, 37],
  [71, 45, 123], [59, 82, 139], [44, 114, 142], [33, 145, 140], [40, 174, 128], [94, 201, 98], [173, 220, 48],
];

const num = (s: string | null) => Number((s ?? '').replace(/[^\d.-]/g, ''));

interface Truth {
  total: number;
  robbery: number;
  cellsRes7: number;
}

async function independentTruth(): Promise<Truth> {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const file = join(ROOT, 'data', 'crimes.parquet');
  const one = async (sql: string) => Number((await db.runAndReadAll(sql)).getRows()[0][0]);
  const total = await one(`SELECT count(*) FROM '${file}'`);
  const robbery = await one(`SELECT count(*) FROM '${file}' WHERE "Crime type" = 'Robbery'`);
  const pts = (await db.runAndReadAll(`SELECT DISTINCT "Latitude", "Longitude" FROM '${file}'`)).getRows();
  const cells = new Set(pts.map(([lat, lon]) => latLngToCell(Number(lat), Number(lon), 7)));
  return { total, robbery, cellsRes7: cells.size };
}

describe('the app in Chromium', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let truth: Truth;

  beforeAll(async () => {
    [served, browser, truth] = await Promise.all([servePreview(), launchBrowser(), independentTruth()]);
    ({ page, errors } = await openReady(browser, recordsUrl(served)));
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  const kept = async () => num(await page.getByTestId('rows-kept').textContent());
  const rejected = async () => num(await page.getByTestId('rows-rejected').textContent());
  const shown = async () => num(await page.getByTestId('filtered-total').textContent());
  const hexCount = async () => num((await page.getByTestId('filter-ms').textContent())!.split(' hexagons')[0]);

  it('loads the embedded 12 months of London crime: 773,668 records, none rejected', async () => {
    expect(truth.total).toBe(773_668);
    expect(await kept()).toBe(truth.total);
    expect(await rejected()).toBe(0);
    expect(await shown()).toBe(truth.total); // every crime type on by default
  });

  it('draws hexagons on the map: thousands of viridis pixels on the deck.gl canvas', async () => {
    await page.waitForTimeout(1500);
    const px = await countDeckPixels(page, VIRIDIS, 30);
    expect(px).toBeGreaterThan(20_000);
  });

  it('a filter change redraws: no crime types leaves nothing drawn, Robbery alone shows the robberies', async () => {
    await page.getByRole('button', { name: 'none' }).click();
    await expect.poll(shown).toBe(0);
    await page.waitForTimeout(800);
    expect(await countDeckPixels(page, VIRIDIS, 30)).toBeLessThan(50);
    await page.getByTestId('cat-Robbery').check();
    await expect.poll(shown).toBe(truth.robbery);
    await page.waitForTimeout(800);
    expect(await countDeckPixels(page, VIRIDIS, 30)).toBeGreaterThan(2_000);
    await page.getByRole('button', { name: 'all' }).click();
    await expect.poll(shown).toBe(truth.total);
  });

  it('a filter change is drawn in its input task, not on a later animation frame (src/map/draw-now.ts)', async () => {
    await page.getByRole('button', { name: 'none' }).click();
    await expect.poll(shown).toBe(0);
    await page.waitForTimeout(800);
    // Click, then read deck's frame count and canvas in the same task: no frame can run between.
    const r = await page.evaluate(() => {
      const frames = (window as unknown as { hotspotFrames: { count: number } }).hotspotFrames;
      const deckCanvas = [...document.querySelectorAll('[data-testid="map"] canvas')].find((x) => !x.classList.contains('maplibregl-canvas')) as HTMLCanvasElement;
      const painted = () => {
        const k = document.createElement('canvas');
        k.width = deckCanvas.width;
        k.height = deckCanvas.height;
        const ctx = k.getContext('2d')!;
        ctx.drawImage(deckCanvas, 0, 0);
        const d = ctx.getImageData(0, 0, k.width, k.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;
      };
      const before = { frames: frames.count, px: painted() };
      document.querySelector<HTMLInputElement>('[data-testid="cat-Robbery"]')!.click();
      return { drawn: frames.count - before.frames, newPx: painted() - before.px };
    });
    expect(r.drawn).toBe(1);
    expect(r.newPx).toBeGreaterThan(2_000);
    await expect.poll(shown).toBe(truth.robbery);
    await page.getByRole('button', { name: 'all' }).click();
    await expect.poll(shown).toBe(truth.total);
  });

  it('the resolution picker re-aggregates: at resolution 7 there is one hexagon per distinct res-7 cell', async () => {
    await page.getByTestId('resolution').selectOption('7');
    await expect.poll(hexCount, { timeout: 20_000 }).toBe(truth.cellsRes7);
    expect(await shown()).toBe(truth.total);
    await page.getByTestId('resolution').selectOption('9');
    await expect.poll(hexCount, { timeout: 20_000 }).toBeGreaterThan(truth.cellsRes7 * 10);
  });

  it('hovering a hexagon shows its count, ward and borough; clicking selects it', async () => {
    await page.waitForTimeout(1000);
    const spot = await page.evaluate(() => {
      const c = [...document.querySelectorAll('[data-testid="map"] canvas')].find((x) => !x.classList.contains('maplibregl-canvas')) as HTMLCanvasElement;
      const r = c.getBoundingClientRect();
      const k = document.createElement('canvas');
      k.width = c.width;
      k.height = c.height;
      const ctx = k.getContext('2d')!;
      ctx.drawImage(c, 0, 0);
      const d = ctx.getImageData(0, 0, k.width, k.height).data;
      // Scan from the centre outwards for an opaque, bright yellow (high-count) pixel; the boundary
      // labels are white (blue high), and a label pixel is not a hexagon.
      const sx = r.width / c.width;
      for (let y = Math.floor(c.height * 0.35); y < c.height * 0.65; y += 3)
        for (let x = Math.floor(c.width * 0.35); x < c.width * 0.65; x += 3) {
          const i = (y * c.width + x) * 4;
          if (d[i + 3] > 150 && d[i] > 200 && d[i + 1] > 200 && d[i + 2] < 120) return { x: r.left + x * sx, y: r.top + y * sx };
        }
      return null;
    });
    expect(spot).not.toBeNull();
    await page.mouse.move(spot!.x, spot!.y);
    const tip = page.getByTestId('tooltip');
    await expect.poll(async () => (await tip.count()) > 0, { timeout: 10_000 }).toBe(true);
    const text = (await tip.textContent()) ?? '';
    expect(text).toMatch(/\d[\d,]* crimes?/);
    expect(text).toMatch(/H3 89[0-9a-f]{13}/);
    await page.mouse.click(spot!.x, spot!.y);
    await expect.poll(async () => page.getByTestId('cell-panel').count()).toBe(1);
    expect(await page.getByTestId('cell-panel').textContent()).toMatch(/Selected hexagon/);
    // Its monthly series: one point per month of the data, and the Mann-Kendall verdict.
    expect(await page.getByTestId('cell-series').locator('circle').count()).toBe(12);
    expect(await page.getByTestId('cell-trend').textContent()).toMatch(
      /per month, 2017-06 to 2018-05: (rising|falling|no significant trend) \(Mann-Kendall S = -?\d+, p = \d\.\d{3}/,
    );
  });

  it('uploads a police.uk street CSV through the file input and the counts change; the same file again adds nothing', async () => {
    const before = await kept();
    const sample = join(ROOT, 'data', 'samples', '2023-01-metropolitan-street-sample.csv');
    await page.getByTestId('file-input').setInputFiles(sample);
    await expect.poll(kept, { timeout: 60_000 }).toBe(before + 4000);
    await expect.poll(async () => page.getByTestId('app').getAttribute('data-phase')).toBe('ready');
    // The month range widened to 2023-01, with the empty months in between zero-filled.
    const months = await page.getByTestId('month-to').locator('option').allTextContents();
    expect(months.at(-1)).toBe('2023-01');
    expect(months).toHaveLength(12 + 56);
    await page.getByTestId('file-input').setInputFiles(sample);
    await expect.poll(async () => (await page.getByTestId('reports').textContent()) ?? '').toMatch(/already loaded, nothing added/);
    expect(await kept()).toBe(before + 4000);
  });

  it('refused rows are counted, and the rejects viewer shows each with its reason', async () => {
    const before = await rejected();
    const csv = [
      'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context',
      'z1,2023-02,MPS,MPS,,,x,,,Burglary,,',
      'z2,2023-02,MPS,MPS,-0.1,51.5,x,,,Piracy,,',
      'z3,2023-02,MPS,MPS,-0.1,51.5,x,,,Burglary,,',
    ].join('\n');
    await page.getByTestId('file-input').setInputFiles({ name: 'bad-rows.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await expect.poll(rejected, { timeout: 30_000 }).toBe(before + 2);
    await page.getByTestId('rows-rejected').click();
    const viewer = page.getByTestId('rejects-viewer');
    await expect.poll(async () => (await viewer.textContent()) ?? '').toMatch(/category: Piracy/);
    const text = (await viewer.textContent()) ?? '';
    expect(text).toContain('no coordinates');
    expect(text).toContain('category: Piracy');
    expect(text).toContain('bad-rows.csv');
    await viewer.getByRole('button', { name: 'Close' }).click();
  });

  it('asks for a column mapping when a force extract uses unknown names, then loads it (British National Grid)', async () => {
    const before = await kept();
    const csv = 'ref,when,what,gx,gy\nR1,2024-02-11,Drugs,530000,180430\nR2,2024-02-12,Drugs,529000,181000\n';
    await page.getByTestId('file-input').setInputFiles({ name: 'force-extract.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const dialog = page.getByTestId('mapping-dialog');
    await dialog.waitFor({ timeout: 30_000 });
    await dialog.getByText('Easting / northing').click();
    await page.getByTestId('map-month').selectOption('when');
    await page.getByTestId('map-category').selectOption('what');
    await page.getByTestId('map-easting').selectOption('gx');
    await page.getByTestId('map-northing').selectOption('gy');
    await page.getByTestId('mapping-load').click();
    await expect.poll(kept, { timeout: 30_000 }).toBe(before + 2);
  });

  it('loads several files dropped on the drop zone at once', async () => {
    const before = await kept();
    const head = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
    const a = `${head}\nd1,2023-03,MPS,MPS,-0.12,51.50,x,,,Robbery,,\n`;
    const b = `${head}\nd2,2023-03,MPS,MPS,-0.13,51.51,x,,,Drugs,,\nd3,2023-03,MPS,MPS,-0.14,51.52,x,,,Drugs,,\n`;
    await page.evaluate(
      ([a, b]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([a], 'dropped-a.csv', { type: 'text/csv' }));
        dt.items.add(new File([b], 'dropped-b.csv', { type: 'text/csv' }));
        document.querySelector('[data-testid="dropzone"]')!.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
      },
      [a, b],
    );
    await expect.poll(kept, { timeout: 30_000 }).toBe(before + 3);
    const reports = (await page.getByTestId('reports').textContent()) ?? '';
    expect(reports).toContain('dropped-a.csv: 1 kept');
    expect(reports).toContain('dropped-b.csv: 2 kept');
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });

  it('the online basemap is opt-in; with no network the map keeps working and credits OpenStreetMap', async () => {
    await page.getByTestId('online-basemap').check();
    await expect.poll(async () => (await page.locator('.maplibregl-ctrl-attrib').innerHTML()) ?? '').toContain('OpenStreetMap');
    await page.waitForTimeout(1500);
    expect(await countDeckPixels(page, VIRIDIS, 30)).toBeGreaterThan(20_000);
    expect(new URL(page.url()).searchParams.get('basemap')).toBe('osm');
    await page.getByTestId('online-basemap').uncheck();
    await expect.poll(async () => (await page.locator('.maplibregl-ctrl-attrib').innerHTML()) ?? '').not.toContain('OpenStreetMap');
  });
});
