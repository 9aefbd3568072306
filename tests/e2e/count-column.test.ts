/**
 * Issue 11, items 2 and 3 in the browser: a count-column CSV (20 cells of a 100 m hexagon grid,
 * 60 crimes, one row with count 0) chosen through the Data panel's file input. The report says
 * rows and crimes, the totals move by 20 rows and 60 crimes, and resolution 10, finer than the
 * 100 m cells, is refused on screen: the view opened at resolution 10 falls back to 9 and says
 * so, and the option stays disabled with the reason written under the control. The file and its
 * numbers are the Node tests' (tests/unit/helpers/hex-grid.ts), worked out from how it was built.
 * It opens on the 2017-18 point records (no limit of their own), so the refusal is this file's.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCsv } from '../unit/helpers/hex-grid';
import { launchBrowser, openReady, recordsUrl, type Served, servePreview, waitReady } from './harness';

const num = (s: string | null) => Number((s ?? '').replace(/[^\d.-]/g, ''));
const REASON = 'Resolution 10 is finer than the data: 100 m cells support resolution 9 at the finest';

describe('a count-column extract in the browser', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [served, browser] = await Promise.all([servePreview(), launchBrowser()]);
    ({ page, errors } = await openReady(browser, recordsUrl(served, 'res=10')));
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  const text = async (id: string) => ((await page.getByTestId(id).count()) > 0 ? ((await page.getByTestId(id).textContent()) ?? '') : '');
  /** Crimes kept: the crimes figure once rows and crimes differ, else the records (one crime each). */
  const crimes = async () => num((await text('crimes-kept')) || (await text('rows-kept')));
  const rows = async () => num(await text('rows-kept'));

  it('reports 20 rows and 60 crimes kept, the bad count refused, and the totals move by exactly that', async () => {
    const [rows0, crimes0] = [await rows(), await crimes()];
    const file = countCsv({ badRows: ['2023-01,Burglary,-0.128100,51.508000,0'] });
    expect([file.rows, file.crimes]).toEqual([20, 60]);
    await page.getByTestId('file-input').setInputFiles({ name: 'grid-counts.csv', mimeType: 'text/csv', buffer: Buffer.from(file.text) });
    const line = page.locator('[data-testid="reports"] li[data-file="grid-counts.csv"]');
    await expect
      .poll(async () => ((await line.count()) > 0 ? await line.textContent() : ''), { timeout: 60_000 })
      .toBe(
        'grid-counts.csv: 20 rows, 60 crimes kept, 1 rejected (count not a positive integer 1) of 21 rows read; ' +
          '100 m cells: resolution 9 at the finest',
      );
    await waitReady(page);
    await expect.poll(rows).toBe(rows0 + 20);
    await expect.poll(crimes).toBe(crimes0 + 60);
    expect(await page.getByTestId('crimes-kept').isVisible()).toBe(true);
  });

  it('the view asked for resolution 10: it falls back to 9 and says why, on screen', async () => {
    const fallback = page.getByTestId('resolution-fallback');
    await expect.poll(() => fallback.isVisible()).toBe(true);
    expect(await fallback.textContent()).toBe(`${REASON}. Showing resolution 9 instead of the 10 asked for.`);
    expect(await page.getByTestId('resolution').inputValue()).toBe('9');
    const cube = await page.evaluate(() => {
      const c = (window as unknown as { hotspot: { cube(): { count: Int32Array; resolution: number } } }).hotspot.cube();
      return { resolution: c.resolution };
    });
    expect(cube.resolution).toBe(9);
    expect(new URL(page.url()).searchParams.get('res')).not.toBe('10');
  });

  it('resolution 10 stays disabled, and choosing another resolution leaves the reason written under the control', async () => {
    const option10 = page.locator('[data-testid="resolution"] option[value="10"]');
    expect(await option10.isDisabled()).toBe(true);
    expect(await option10.textContent()).toContain('finer than the data');
    expect(await page.locator('[data-testid="resolution"] option[value="9"]').isDisabled()).toBe(false);
    await page.getByTestId('resolution').selectOption('8');
    await waitReady(page);
    const limit = page.getByTestId('resolution-limit');
    await expect.poll(() => limit.isVisible()).toBe(true);
    expect(await limit.textContent()).toBe(`${REASON} (grid-counts.csv).`);
    expect(await page.getByTestId('resolution-fallback').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
