/**
 * Issue 10, item 2 in the browser: each broken file goes through the file input as a user's File
 * (the browser path: read in slices, repaired as a Blob), and the Data panel's report line says
 * how many rows were read, kept and rejected, and why; the totals move by exactly those numbers;
 * a file that is not CSV is named for what it is. The files and their expected numbers are the
 * Node tests' (tests/unit/helpers/broken-csv.ts), worked out from how each file was built.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrokenCase, invalidUtf8, notCsvFiles, semicolonExtraField, truncatedLastLine, unterminatedQuote, windows1252,
} from '../unit/helpers/broken-csv';
import { launchBrowser, openReady, type Served, servePreview, recordsUrl } from './harness';

const num = (s: string | null) => Number((s ?? '').replace(/[^\d.-]/g, ''));

describe('broken files in the browser: every row is accounted for', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [served, browser] = await Promise.all([servePreview(), launchBrowser()]);
    ({ page, errors } = await openReady(browser, recordsUrl(served)));
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  const kept = async () => num(await page.getByTestId('rows-kept').textContent());
  const rejected = async () => num(await page.getByTestId('rows-rejected').textContent());
  const reportLine = (name: string) => page.locator(`[data-testid="reports"] li[data-file="${name}"]`);
  const upload = (c: { name: string; bytes: Uint8Array }) =>
    page.getByTestId('file-input').setInputFiles({ name: c.name, mimeType: 'text/csv', buffer: Buffer.from(c.bytes) });

  // Each file with its own Crime IDs (t, q, u, w, s), so that none of its rows is "already loaded".
  const cases: [string, () => BrokenCase, string][] = [
    ['a truncated last line', () => truncatedLastLine('t'), 'truncated.csv: 19 kept, 1 rejected (truncated last row 1) of 20 rows read'],
    ['an unterminated quote', () => unterminatedQuote('q'), 'unterminated-quote.csv: 19 kept, 1 rejected (unterminated quote 1) of 20 rows read'],
    ['bytes that are not UTF-8', () => invalidUtf8('u'), 'invalid-utf8.csv: 15 kept, 5 rejected (not UTF-8 text 5) of 20 rows read'],
    [
      'a Windows-1252 file',
      () => windows1252('w'),
      'windows-1252.csv: 20 kept, 0 rejected of 20 rows read; read as Windows-1252 (Latin-1) text: it is not UTF-8',
    ],
    ['rows with more fields than the header', () => semicolonExtraField('s'), 'semicolon.csv: 10 kept, 10 rejected (malformed row 10) of 20 rows read'],
  ];
  for (const [what, make, line] of cases) {
    it(`${what}: the report line and the totals agree with the file`, async () => {
      const c = make();
      const [k0, r0] = [await kept(), await rejected()];
      await upload(c);
      await expect.poll(async () => (await reportLine(c.name).count()) > 0 ? await reportLine(c.name).textContent() : '', { timeout: 60_000 }).toBe(line);
      await expect.poll(kept).toBe(k0 + c.kept);
      await expect.poll(rejected).toBe(r0 + c.rowsRead - c.kept);
    });
  }

  it('the rejects viewer shows the unterminated quote with its line and raw text', async () => {
    await page.getByTestId('rows-rejected').click();
    const viewer = page.getByTestId('rejects-viewer');
    await viewer.getByRole('button', { name: /^unterminated quote \(1\)$/ }).click();
    const row = viewer.locator('tbody tr');
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('on line 7 is never closed');
    const cells = await row.locator('td').allTextContents();
    expect(cells.slice(0, 3)).toEqual(['unterminated-quote.csv', '6', 'unterminated quote']);
    expect(cells[4]).toContain(',"On or near Trafalgar Square,E01004736,');
    await viewer.getByRole('button', { name: 'Close' }).click();
  });

  it('ZIP, XLSX, PNG, gzip, PDF and UTF-16 files are named for what they are, and add nothing', async () => {
    const [k0, r0] = [await kept(), await rejected()];
    for (const f of notCsvFiles()) {
      await upload(f);
      await expect.poll(async () => ((await reportLine(f.name).count()) > 0 ? await reportLine(f.name).textContent() : ''), { timeout: 30_000 })
        .toMatch(new RegExp(`^${f.name.replaceAll('.', '\\.')}: ${f.message.source.slice(1)}`));
      const text = (await reportLine(f.name).textContent()) ?? '';
      expect(text).not.toContain('sniffing');
    }
    expect([await kept(), await rejected()]).toEqual([k0, r0]);
  });

  it('logged no console errors', () => {
    expect(errors).toEqual([]);
  });
});
