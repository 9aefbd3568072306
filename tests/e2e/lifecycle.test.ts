/**
 * The tasking lifecycle in the browser (issue 14, items 1 and 6), on the embedded all-London
 * data at the hot spot layer (`?layer=gi`): the first proposal is accepted, assigned and given a
 * note under a name asked once; the log is really in OPFS (read back from the page); after a
 * reload the site is accepted with its history and the phase rules start from its phase; the log
 * exports to a file, and after the stored log is removed and the page reloaded, importing the
 * file brings the history back (and saves it again); a file that is not a log is refused with
 * the reason.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openReady, type Served, servePreview, waitReady } from './harness';
import { FROM_PHASE, PHASE_WORD } from './phase-words';

const POLL = { timeout: 15_000 };
const WHO = 'Sgt Reid';
const WHY = 'violence-led and persistent';
const TEAM = 'Brixton NPT';
const NOTE = 'Night-time economy; CCTV asked for';

interface StoredEvent {
  id: string;
  who: string;
  siteId: string;
  kind: string;
  fields: Record<string, string | string[]>;
  why: string;
}

/** The tasking log as stored in the page's OPFS (null when there is none). */
async function storedLog(page: Page): Promise<StoredEvent[] | null> {
  return page.evaluate(async () => {
    const dir = await navigator.storage.getDirectory();
    try {
      const file = await (await dir.getFileHandle('tasking-log.json')).getFile();
      return (JSON.parse(await file.text()) as { events: StoredEvent[] }).events;
    } catch {
      return null;
    }
  });
}

const history = (page: Page) => page.$$eval('[data-testid="lc-history"] li', (ls) => ls.map((l) => l.textContent ?? ''));

async function openFirst(page: Page, id: string): Promise<void> {
  await page.waitForSelector('[data-testid="tk-list"]', { timeout: 180_000 });
  const item = page.locator(`[data-testid="tk-item"][data-id="${id}"]`);
  // The link keeps the chosen proposal, so after a reload it is open already.
  if ((await item.locator('button.tk-pick').getAttribute('aria-pressed')) !== 'true') await item.locator('button.tk-pick').click();
  await item.locator('[data-testid="lc"]').waitFor(POLL);
}

describe('the tasking lifecycle persists in the browser', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let id: string;
  let phase: keyof typeof PHASE_WORD;
  let exported: string;

  beforeAll(async () => {
    [served, browser] = await Promise.all([servePreview(), launchBrowser()]);
    ({ page, errors } = await openReady(browser, `${served.url}?layer=gi`));
    await page.waitForSelector('[data-testid="tk-list"]', { timeout: 180_000 });
    const first = page.locator('[data-testid="tk-item"]').first();
    id = (await first.getAttribute('data-id'))!;
    phase = (await first.getAttribute('data-phase')) as keyof typeof PHASE_WORD;
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('accepts and assigns the first proposal with a note, under a name asked once, and keeps it in OPFS', async () => {
    await openFirst(page, id);
    expect(await storedLog(page)).toBeNull();
    // No decision without a name: the card asks for one first.
    expect(await page.locator('[data-testid="lc-accept"]').count()).toBe(0);
    await page.fill('[data-testid="lc-who"]', WHO);
    await page.click('[data-testid="lc-who-save"]');
    await page.fill('[data-testid="lc-why"]', WHY);
    await page.click('[data-testid="lc-accept"]');
    await page.fill('[data-testid="lc-team"]', TEAM);
    await page.click('[data-testid="lc-assign"]');
    await page.fill('[data-testid="lc-note"]', NOTE);
    await page.click('[data-testid="lc-add-note"]');
    expect(await page.textContent('[data-testid="lc-state"]')).toBe(`Accepted, under ${PHASE_WORD[phase]}, assigned to ${TEAM}`);
    const h = await history(page);
    expect(h).toHaveLength(3);
    expect(h[0]).toContain(`${WHO}: accepted for ${PHASE_WORD[phase]} (why: ${WHY})`);
    expect(h[1]).toContain(`${WHO}: assigned to ${TEAM}`);
    expect(h[2]).toContain(`${WHO}: note: ${NOTE}`);
    await expect.poll(async () => (await storedLog(page))?.map((e) => [e.siteId, e.kind, e.who]), POLL).toEqual([
      [id, 'accept', WHO],
      [id, 'assign', WHO],
      [id, 'note', WHO],
    ]);
    // The phase rules now start from the accepted phase.
    await expect
      .poll(() => page.locator(`[data-testid="tk-item"][data-id="${id}"] [data-testid="tk-reasons"] p`).first().textContent(), POLL)
      .toMatch(FROM_PHASE[phase]);
  }, 120_000);

  it('after a reload the site is accepted with its history, and the name is remembered', async () => {
    await page.reload();
    await waitReady(page);
    await openFirst(page, id);
    const item = page.locator(`[data-testid="tk-item"][data-id="${id}"]`);
    await expect.poll(() => item.getAttribute('data-status'), POLL).toBe('accepted');
    expect(await page.textContent('[data-testid="lc-state"]')).toBe(`Accepted, under ${PHASE_WORD[phase]}, assigned to ${TEAM}`);
    const h = await history(page);
    expect(h).toHaveLength(3);
    expect(h[0]).toContain(`accepted for ${PHASE_WORD[phase]} (why: ${WHY})`);
    expect(h[2]).toContain(`note: ${NOTE}`);
    expect(await page.locator('[data-testid="lc-who"]').count()).toBe(0);
    await expect.poll(() => item.locator('[data-testid="tk-reasons"] p').first().textContent(), POLL).toMatch(FROM_PHASE[phase]);
  }, 300_000);

  it('exports the log to a file, and importing it after the stored log is gone brings the history back', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="lc-export"]')]);
    expect(download.suggestedFilename()).toMatch(/^tasking-log-\d{4}-\d{2}-\d{2}\.json$/);
    exported = readFileSync((await download.path())!, 'utf8');
    const file = JSON.parse(exported) as { format: string; events: StoredEvent[] };
    expect(file.format).toBe('hotspot-tasking-log');
    expect(file.events.map((e) => [e.siteId, e.kind, e.who, e.why])).toEqual([
      [id, 'accept', WHO, WHY],
      [id, 'assign', WHO, ''],
      [id, 'note', WHO, ''],
    ]);
    expect(file.events[1].fields).toEqual({ team: TEAM });
    // The accept records the site's cells (the proposals keep its id when they change); its id is its smallest cell.
    const cells = file.events[0].fields.cells as string[];
    expect(cells.length).toBeGreaterThan(0);
    expect([...cells].sort()[0]).toBe(id);

    await page.evaluate(async () => (await navigator.storage.getDirectory()).removeEntry('tasking-log.json'));
    expect(await storedLog(page)).toBeNull();
    await page.reload();
    await waitReady(page);
    await openFirst(page, id);
    expect(await page.textContent('[data-testid="lc-state"]')).toBe('No decision yet');
    expect(await page.locator('[data-testid="lc-history"] li').count()).toBe(0);

    await page.setInputFiles('[data-testid="lc-import"]', { name: 'tasking-log.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await expect.poll(() => page.textContent('[data-testid="lc-import-result"]'), POLL).toContain('3 new decisions');
    expect(await page.textContent('[data-testid="lc-state"]')).toBe(`Accepted, under ${PHASE_WORD[phase]}, assigned to ${TEAM}`);
    expect((await history(page)).map((t) => t.split(': ').slice(1).join(': '))).toEqual([
      `accepted for ${PHASE_WORD[phase]} (why: ${WHY})`,
      `assigned to ${TEAM}`,
      `note: ${NOTE}`,
    ]);
    await expect.poll(async () => (await storedLog(page))?.length, POLL).toBe(3);
  }, 300_000);

  it('refuses a file that is not a tasking log, with the reason, and keeps the log', async () => {
    await page.setInputFiles('[data-testid="lc-import"]', { name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"type":"FeatureCollection"}') });
    await expect.poll(() => page.textContent('[data-testid="lc-import-result"]'), POLL).toBe('Not imported: not a tasking log: it lacks "format": "hotspot-tasking-log"');
    expect(await history(page)).toHaveLength(3);
    expect(errors).toEqual([]);
  });
});
