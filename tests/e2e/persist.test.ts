/**
 * Loaded data persists (issue 14, item 5) and the tasking log survives a browser restart
 * (item 1), in Chromium with a profile on disk (`launchPersistentContext`), on the default
 * all-London data:
 * - a user's count-column CSV (20 rows, 60 crimes, 1 refused: the Node tests' grid file) and a
 *   harm edit survive a reload: the report line says "restored", the `sources` row keeps the
 *   first load's time (the file was not ingested again), its rejects are the same rows, the
 *   totals are the first load's, and the harm edit comes back on a link without `hw=` while a
 *   link with `hw=` wins;
 * - the storage shown is the size of the saved files, read independently from OPFS;
 * - a save that fails with QuotaExceededError (the writer made to fail by a test hook) is
 *   reported in words, keeps the second file in memory, and the reload restores the first save;
 * - a proposal accepted, the browser closed and launched again on the same profile: the data is
 *   restored and the decision is there with its history;
 * - DuckDB crashing in a restored session (the embedded file was never fetched): the embedded
 *   file is fetched and it and the saved user file loaded again, the crashed file rolled back;
 * - Clear saved data asks first, then reloads to the embedded data only (not restored: it is
 *   loaded afresh), without the harm edit, and keeps the tasking log, a separate choice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCsv } from '../unit/helpers/hex-grid';
import { CHROMIUM, CHROMIUM_ARGS, collectErrors, type Served, servePreview, waitReady } from './harness';

const POLL = { timeout: 15_000 };
const LONG = { timeout: 180_000 };
const FILE = 'grid-counts.csv';
const LINE = `${FILE}: 20 rows, 60 crimes kept, 1 rejected (count not a positive integer 1) of 21 rows read; 100 m cells: resolution 9 at the finest`;
const RESTORED = ' (restored from this browser, not read again)';
const EMBEDDED_ROWS = 640_333;
const WHO = 'Insp Okafor';

const grid = countCsv({ badRows: ['2023-01,Burglary,-0.128100,51.508000,0'] });
const later = { ...grid, text: grid.text.replaceAll('2023-01', '2023-02') };

type App = {
  persist: { inSync(): boolean; usage(): Record<string, number> | null; restoredThisOpen(): boolean; debug: { failWrites(on: boolean): void } };
  db(): { rows(sql: string): Promise<unknown[]> } | null;
  view: { harmOverrides: Record<string, number> };
};

const num = (s: string | null) => Number((s ?? '').replace(/[^\d.-]/g, ''));

/** What the Data panel shows, and the tables' own rows for the user's file. */
async function state(page: Page) {
  const text = async (id: string) => ((await page.getByTestId(id).count()) > 0 ? ((await page.getByTestId(id).textContent()) ?? '') : '');
  const tables = await page.evaluate(async (file) => {
    const db = (window as unknown as { hotspot: App }).hotspot.db()!;
    return {
      sources: await db.rows(`SELECT file_name, rows_read, rows_kept, rows_rejected, crimes_kept::INT AS crimes, loaded_at::VARCHAR AS at FROM sources ORDER BY source_id`),
      rejects: await db.rows(`SELECT source_row, reason, detail, raw FROM rejects WHERE file_name = '${file}' ORDER BY source_row`),
    };
  }, FILE);
  return {
    reports: await page.$$eval('[data-testid="reports"] li', (ls) => ls.map((l) => l.textContent ?? '')),
    crimes: num(await text('crimes-kept')),
    rows: num(await text('rows-kept')),
    rejected: num(await text('rows-rejected')),
    ...tables,
  };
}

const inSync = (page: Page) => () => page.evaluate(() => (window as unknown as { hotspot: App }).hotspot.persist.inSync());
const harm = (page: Page) => page.evaluate(() => ({ ...(window as unknown as { hotspot: App }).hotspot.view.harmOverrides }));

/** Bytes in the saved-data folder and the tasking log, read from OPFS in the page. */
async function opfsBytes(page: Page): Promise<{ saved: number; log: number; names: string[] }> {
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    let saved = 0;
    const names: string[] = [];
    try {
      const dir = await root.getDirectoryHandle('saved-data');
      for await (const [name, h] of (dir as unknown as { entries(): AsyncIterable<[string, FileSystemFileHandle]> }).entries()) {
        names.push(name);
        saved += (await h.getFile()).size;
      }
    } catch {
      // no folder: nothing saved
    }
    let log = 0;
    try {
      log = (await (await root.getFileHandle('tasking-log.json')).getFile()).size;
    } catch {
      // no log
    }
    return { saved, log, names: names.sort() };
  });
}

async function loadCsv(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  await page.locator(`[data-testid="reports"] li[data-file="${name}"]`).waitFor(LONG);
  await waitReady(page);
}

describe('loaded data, harm edits and the tasking log persist', () => {
  let served: Served;
  let profile: string;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let first: Awaited<ReturnType<typeof state>>;
  let siteId: string;

  const launch = async () => {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 860 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    errors = collectErrors(page);
  };

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'hotspot-profile-'));
    served = await servePreview();
    await launch();
    await page.goto(served.url);
    await waitReady(page, 300_000);
  }, 400_000);

  afterAll(async () => {
    await context?.close();
    await served?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('loads a CSV and a harm edit; both are saved, and the storage shown is the saved files\' size', async () => {
    await loadCsv(page, FILE, grid.text);
    await page.getByTestId('weight').selectOption('harm');
    await page.getByTestId('edit-harm').click();
    await page.getByTestId('harm-Burglary').fill('123');
    await page.getByTestId('harm-Burglary').press('Enter');
    expect(await harm(page)).toEqual({ Burglary: 123 });
    await expect.poll(inSync(page), LONG).toBe(true);
    first = await state(page);
    expect(first.reports).toEqual([expect.stringMatching(/^london-2025-26-hex100m\.parquet: /), LINE]);
    expect([first.rows, first.crimes, first.rejected]).toEqual([EMBEDDED_ROWS + 20, 1_142_981 + 60, 1]);
    expect(first.rejects).toHaveLength(1);
    const disk = await opfsBytes(page);
    expect(disk.names.filter((n) => n.startsWith('file-'))).toHaveLength(1);
    expect(disk.names).toContain('manifest.json');
    const total = page.getByTestId('storage-total');
    await expect.poll(async () => Number(await total.getAttribute('data-bytes')), POLL).toBe(disk.saved + disk.log + JSON.stringify({ Burglary: 123 }).length);
    // The figure is the files in OPFS plus the harm edit in localStorage, far above 0.
    expect(Number(await total.getAttribute('data-bytes'))).toBeGreaterThan(1_000_000);
  }, 300_000);

  it('after a reload the file, its rejects and totals are back without ingesting again, and the harm edit too', async () => {
    await page.reload();
    await waitReady(page, 300_000);
    const again = await state(page);
    expect(again.reports).toEqual(first.reports.map((r) => r + RESTORED));
    // The same sources rows, to the load time: restored, not loaded again.
    expect(again.sources).toEqual(first.sources);
    expect(again.rejects).toEqual(first.rejects);
    expect([again.rows, again.crimes, again.rejected]).toEqual([first.rows, first.crimes, first.rejected]);
    expect(await page.evaluate(() => (window as unknown as { hotspot: App }).hotspot.persist.restoredThisOpen())).toBe(true);
    expect(await page.getByTestId('saved-at').textContent()).toMatch(/^Restored the copy saved /);
    expect(await harm(page)).toEqual({ Burglary: 123 });
  }, 300_000);

  it('a link without hw= gets the saved harm edit; a link with hw= wins', async () => {
    const other = await context.newPage();
    await other.goto(served.url);
    await expect.poll(() => harm(other), POLL).toEqual({ Burglary: 123 });
    // hw=0:7 is anti-social behaviour at 7 days (ALL_CATEGORIES index 0).
    await other.goto(`${served.url}?hw=0:7`);
    await expect.poll(() => harm(other), POLL).toEqual({ 'Anti-social behaviour': 7 });
    // Opening a link, and changing anything but the weights there, does not overwrite the saved edit.
    await other.evaluate(() =>
      (window as unknown as { hotspot: { setView(p: object): void } }).hotspot.setView({ camera: { lon: -0.1, lat: 51.5, zoom: 11 }, resolution: 8 }),
    );
    await other.waitForTimeout(500);
    expect(await other.evaluate(() => localStorage.getItem('hotspot.harmEdits'))).toBe(JSON.stringify({ Burglary: 123 }));
    await other.close();
  }, 300_000);

  it('a full quota is reported in words, loses nothing in memory, and the previous save still restores', async () => {
    const before = await opfsBytes(page);
    await page.evaluate(() => (window as unknown as { hotspot: App }).hotspot.persist.debug.failWrites(true));
    await loadCsv(page, 'later.csv', later.text);
    const alert = page.getByTestId('storage-error');
    await alert.waitFor(LONG);
    expect(await alert.textContent()).toMatch(
      /^Could not save the loaded data for the next visit: the browser storage for this site is full\. The copy saved .+ is kept\. Everything loaded is still here until the page closes; the next load tries again\.$/,
    );
    const mem = await state(page);
    expect(mem.rows).toBe(first.rows + 20);
    expect(mem.reports.at(-1)).toMatch(/^later\.csv: 20 rows, 60 crimes kept/);
    // Nothing on disk changed: the failed save's own files are gone.
    expect(await opfsBytes(page)).toEqual(before);
    await page.reload();
    await waitReady(page, 300_000);
    const back = await state(page);
    expect(back.sources).toEqual(first.sources);
    expect([back.rows, back.crimes, back.rejected]).toEqual([first.rows, first.crimes, first.rejected]);
    expect(back.reports).toEqual(first.reports.map((r) => r + RESTORED));
  }, 300_000);

  it('a decision and the loaded data survive closing the browser and launching it again', async () => {
    await page.goto(`${served.url}?layer=gi`);
    await waitReady(page, 300_000);
    await page.waitForSelector('[data-testid="tk-list"]', { timeout: 300_000 });
    const item = page.locator('[data-testid="tk-item"]').first();
    siteId = (await item.getAttribute('data-id'))!;
    await item.locator('button.tk-pick').click();
    await item.locator('[data-testid="lc"]').waitFor(POLL);
    await page.fill('[data-testid="lc-who"]', WHO);
    await page.click('[data-testid="lc-who-save"]');
    await page.fill('[data-testid="lc-why"]', 'persistent violence');
    await page.click('[data-testid="lc-accept"]');
    await expect.poll(async () => (await opfsBytes(page)).log, POLL).toBeGreaterThan(0);
    expect(errors).toEqual([]);

    await context.close();
    await launch();
    await page.goto(`${served.url}?layer=gi&prop=${siteId}`);
    await waitReady(page, 300_000);
    const restored = await state(page);
    expect(restored.sources).toEqual(first.sources);
    expect(restored.reports).toEqual(first.reports.map((r) => r + RESTORED));
    const again = page.locator(`[data-testid="tk-item"][data-id="${siteId}"]`);
    await again.waitFor({ timeout: 300_000 });
    await expect.poll(() => again.getAttribute('data-status'), LONG).toBe('accepted');
    await again.locator('[data-testid="lc"]').waitFor(POLL);
    const history = await page.$$eval('[data-testid="lc-history"] li', (ls) => ls.map((l) => l.textContent ?? ''));
    expect(history).toHaveLength(1);
    expect(history[0]).toContain(`${WHO}: accepted for`);
    expect(history[0]).toContain('(why: persistent violence)');
  }, 600_000);

  it('a DuckDB crash in a restored session loads the embedded file and the saved file again, and the crashed file is rolled back', async () => {
    await page.evaluate(() =>
      (window as unknown as { hotspot: { debug: { crashWorker(w: string, s: string): void } } }).hotspot.debug.crashWorker('duckdb', 'checking'),
    );
    await page.getByTestId('file-input').setInputFiles({ name: 'crash.csv', mimeType: 'text/csv', buffer: Buffer.from(later.text) });
    await expect
      .poll(async () => (await page.getByTestId('reports').textContent()) ?? '', LONG)
      .toMatch(/crash\.csv: .*simulated crash during checking.*Nothing from this file was kept/);
    await waitReady(page, 300_000);
    const after = await state(page);
    expect([after.rows, after.crimes, after.rejected]).toEqual([first.rows, first.crimes, first.rejected]);
    // Loaded again (a new load time), the same files with the same counts, and the same refused row.
    const counts = (rows: unknown[]) => rows.map((r) => { const { at: _at, ...rest } = r as Record<string, unknown>; return rest; });
    expect(counts(after.sources)).toEqual(counts(first.sources));
    expect(after.rejects).toEqual(first.rejects);
  }, 600_000);

  it('Clear saved data asks first, then reloads to the embedded data only, keeping the tasking log', async () => {
    const log = (await opfsBytes(page)).log;
    await page.getByTestId('clear-saved').click();
    const confirm = page.getByTestId('clear-confirm');
    await confirm.waitFor(POLL);
    expect(await confirm.textContent()).toContain('Also delete the tasking log');
    expect(await page.getByTestId('clear-log').isChecked()).toBe(false);
    await Promise.all([page.waitForEvent('load', LONG), page.getByTestId('clear-yes').click()]);
    await waitReady(page, 300_000);
    const fresh = await state(page);
    // Loaded afresh (no "restored"), with the embedded data only.
    expect(fresh.reports).toEqual([first.reports[0]]);
    expect([fresh.rows, fresh.rejected]).toEqual([EMBEDDED_ROWS, 0]);
    expect(fresh.sources.map((s) => (s as { file_name: string }).file_name)).toEqual(['london-2025-26-hex100m.parquet']);
    expect(await harm(page)).toEqual({});
    expect(new URL(page.url()).searchParams.has('hw')).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('hotspot.harmEdits'))).toBeNull();
    // The embedded data is saved again for the next open; no file of the user's is kept.
    await expect.poll(inSync(page), LONG).toBe(true);
    const disk = await opfsBytes(page);
    expect(disk.names.filter((n) => n.startsWith('file-'))).toEqual([]);
    expect(disk.log).toBe(log);
  }, 600_000);
});
