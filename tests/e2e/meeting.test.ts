/**
 * Meeting mode in the browser (issue 14, items 3 and 6) at 1920×1080 on the embedded all-London
 * data: the top bar's button opens it on "since the last meeting" (nothing recorded yet: every
 * proposal is new), with Westminster's this month, last month, mean and control limits checked
 * against the shipped Parquet file read here with native DuckDB and the borough outline with
 * turf (never the app's code); the chair steps through the ranked proposals by keyboard and the
 * map frames each; every visible text is 24 px or more with contrast 7:1 or more; ending the
 * meeting records it in the tasking log, and after a reload the next meeting compares with it;
 * filtered to a BCU, a borough or a ward, the control-limits table lists only its BCU and boroughs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { bbox, booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { cellToBoundary } from 'h3-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openReady, ROOT, type Served, servePreview, waitReady } from './harness';

const POLL = { timeout: 15_000 };
const HEX100M = join(ROOT, 'data', 'london-2025-26-hex100m.parquet');
const WESTMINSTER = 'E09000033';
const CHAIR = 'Ch Insp Okafor';

/** Westminster's crimes per month, by point in polygon of the cell centres. */
async function boroughMonths(code: string): Promise<Map<string, number>> {
  const boroughs = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', 'boroughs.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  const f = boroughs.features.find((b) => b.properties?.code === code) as Feature<Polygon | MultiPolygon>;
  const [w, s, e, n] = bbox(f);
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const rows = (
    await db.runAndReadAll(
      `SELECT month, longitude, latitude, sum(crime_count)::DOUBLE FROM '${HEX100M}'
       WHERE longitude BETWEEN ${w} AND ${e} AND latitude BETWEEN ${s} AND ${n} GROUP BY ALL`,
    )
  ).getRows();
  const out = new Map<string, number>();
  for (const [month, lon, lat, k] of rows) {
    if (booleanPointInPolygon([Number(lon), Number(lat)], f)) out.set(String(month), (out.get(String(month)) ?? 0) + Number(k));
  }
  return out;
}

interface Camera {
  lon: number;
  lat: number;
  zoom: number;
}
interface Handle {
  view: { camera: Camera | null };
  tasking: { selected(): { id: string; cells: string[] } | null };
}
const camera = (page: Page) => page.evaluate(() => (window as unknown as { hotspot: Handle }).hotspot.view.camera);
const selectedCells = (page: Page) => page.evaluate(() => (window as unknown as { hotspot: Handle }).hotspot.tasking.selected()?.cells ?? []);

/** The middle of the cells' bounding box, [lon, lat]. */
function middle(cells: string[]): [number, number] {
  const pts = cells.flatMap((c) => cellToBoundary(c, true));
  const lons = pts.map((p) => p[0]);
  const lats = pts.map((p) => p[1]);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}
const dist = (c: Camera | null, [lon, lat]: [number, number]) => (c ? Math.hypot(c.lon - lon, c.lat - lat) : Infinity);

/**
 * Where a point sits on the map as a fraction of the half-width and half-height from its centre
 * (0: the centre, 1: the edge), from the camera and the map's size in Web Mercator (512 px tiles).
 */
async function offCentre(page: Page, c: Camera | null, [lon, lat]: [number, number]): Promise<number> {
  if (!c) return Infinity;
  const { width, height } = (await page.locator('[data-testid="map"]').boundingBox())!;
  const degPerPx = 360 / (512 * 2 ** c.zoom);
  const x = (lon - c.lon) / degPerPx;
  const y = (lat - c.lat) / (degPerPx * Math.cos((lat * Math.PI) / 180));
  return Math.max(Math.abs(x) / (width / 2), Math.abs(y) / (height / 2));
}

/** Every visible text node's font size and its contrast with the background behind it (WCAG 2). */
async function textReadings(page: Page): Promise<{ text: string; px: number; contrast: number }[]> {
  return page.evaluate(() => {
    const channel = (v: number) => {
      const c = v / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const rgba = (s: string) => (s.match(/[\d.]+/g) ?? ['0', '0', '0', '0']).map(Number) as number[];
    const lum = ([r, g, b]: number[]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    // The first opaque background up the tree (the page itself is white in meeting mode);
    // a translucent one is laid over what is behind it.
    const background = (el: Element | null): number[] => {
      const layers: number[][] = [];
      for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if ((c[3] ?? 1) > 0) layers.push(c);
        if ((c[3] ?? 1) >= 1) break;
      }
      let rgb = [255, 255, 255];
      for (const c of layers.reverse()) {
        const a = c[3] ?? 1;
        rgb = rgb.map((v, i) => c[i] * a + v * (1 - a));
      }
      return rgb;
    };
    const out: { text: string; px: number; contrast: number }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el || !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const r = range.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      const fg = lum(rgba(style.color));
      const bg = lum(background(el));
      out.push({ text: text.slice(0, 60), px: parseFloat(style.fontSize), contrast: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05) });
    }
    return out;
  });
}

async function expectReadable(page: Page): Promise<void> {
  const readings = await textReadings(page);
  expect(readings.length).toBeGreaterThan(20);
  expect(readings.filter((r) => r.px < 24)).toEqual([]);
  expect(readings.filter((r) => r.contrast < 7)).toEqual([]);
}

async function openMeeting(page: Page): Promise<void> {
  await page.click('[data-testid="meeting-open"]');
  await page.waitForSelector('[data-testid="meeting"]', POLL);
  // The proposals come from the hot spot clusters (the button switches to the hot spot layer).
  await page.waitForSelector('[data-testid="mt-new"]', { timeout: 240_000 });
}

const count = async (page: Page, id: string) => Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-count'));

describe('meeting mode: a shared screen stepped through by keyboard', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let westminster: Map<string, number>;
  let proposals: number;

  beforeAll(async () => {
    [served, browser, westminster] = await Promise.all([servePreview(), launchBrowser(), boroughMonths(WESTMINSTER)]);
    ({ page, errors } = await openReady(browser, served.url, { width: 1920, height: 1080 }));
    await openMeeting(page);
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('opens on "since the last meeting": with none recorded every proposal is new', async () => {
    expect(new URL(page.url()).searchParams.get('meeting')).toBe('1');
    expect(await page.textContent('[data-testid="mt-last-meeting"]')).toBe('No meeting is recorded yet: every proposal is new.');
    proposals = await page.locator('[data-testid="tk-item"]').count();
    expect(proposals).toBeGreaterThan(2);
    expect(await count(page, 'mt-new')).toBe(proposals);
    for (const id of ['mt-escalated', 'mt-de-escalated', 'mt-closed']) expect(await count(page, id), id).toBe(0);
    // Period and "as at" are on screen.
    expect(await page.textContent('[data-testid="mt-scope"]')).toContain('May 2025 – Apr 2026');
    expect(await page.textContent('[data-testid="mt-as-at"]')).toContain('as at Apr 2026');
    expect(await page.isVisible('[data-testid="mt-legend"]')).toBe(true);
  });

  it("Westminster's April against March and its control limits match an independent count", async () => {
    const months = [...westminster.keys()].sort();
    expect(months).toHaveLength(12);
    expect(months.at(-1)).toBe('2026-04');
    const values = months.map((m) => westminster.get(m)!);
    const before = values.slice(0, 11);
    const mean = before.reduce((a, b) => a + b, 0) / 11;
    const sd = Math.sqrt(before.reduce((a, v) => a + (v - mean) ** 2, 0) / 10);
    const row = page.locator(`[data-testid="mt-limit-row"][data-level="borough"][data-code="${WESTMINSTER}"]`);
    const attr = async (k: string) => Number(await row.getAttribute(`data-${k}`));
    expect(await attr('value')).toBe(values[11]);
    expect(await attr('last')).toBe(values[10]);
    expect(await attr('months')).toBe(11);
    expect(await attr('mean')).toBeCloseTo(mean, 6);
    expect(await attr('lower')).toBeCloseTo(mean - 2 * sd, 6);
    expect(await attr('upper')).toBeCloseTo(mean + 2 * sd, 6);
    const flag = values[11] > mean + 2 * sd ? 'Above its control limit' : values[11] < mean - 2 * sd ? 'Below its control limit' : 'Within its control limits';
    const cells = await row.locator('th, td').allTextContents();
    const whole = (v: number) => Math.round(v).toLocaleString('en-GB');
    expect(cells).toEqual(['Westminster', whole(values[11]), whole(values[10]), whole(mean), `${whole(Math.max(0, mean - 2 * sd))} – ${whole(mean + 2 * sd)}`, flag]);
    // Each BCU is on the table too, above the boroughs.
    expect(await page.locator('[data-testid="mt-limit-row"][data-level="bcu"]').count()).toBe(12);
    expect(await page.locator('[data-testid="mt-limit-row"][data-level="borough"]').count()).toBe(33);
  });

  it('every visible text is 24 px or more, with contrast of 7:1 or more', async () => {
    await expectReadable(page);
  });

  it('↓ pages the opening screen down to the table', async () => {
    const top = () => page.$eval('[data-testid="mt-side"]', (e) => e.scrollTop);
    expect(await top()).toBe(0);
    await page.keyboard.press('ArrowDown');
    await expect.poll(top, POLL).toBeGreaterThan(200);
  });

  it('→ shows proposal 1 and flies the map to it, → proposal 2, ← back, all readable', async () => {
    const ids = await page.locator('[data-testid="tk-item"]').evaluateAll((els) => els.slice(0, 2).map((e) => e.getAttribute('data-id')));
    const before = await camera(page);
    await page.keyboard.press('ArrowRight');
    const card = page.locator('[data-testid="mt-card"]');
    await expect.poll(() => card.getAttribute('data-id'), POLL).toBe(ids[0]);
    expect(await card.getAttribute('data-rank')).toBe('1');
    // A new step starts at the top of its card.
    expect(await page.$eval('[data-testid="mt-side"]', (e) => e.scrollTop)).toBe(0);
    expect(await page.textContent('[data-testid="mt-card-rank"]')).toBe(`1 of ${proposals}`);
    expect(((await page.textContent('[data-testid="mt-card-reasons"]')) ?? '').length).toBeGreaterThan(20);
    expect(await page.textContent('[data-testid="mt-card-state"]')).toBe('No decision yet');
    // Period, "as at" and the legend stay on screen beside the card.
    for (const id of ['mt-scope', 'mt-as-at', 'mt-legend']) expect(await page.isVisible(`[data-testid="${id}"]`), id).toBe(true);
    // The map framed the site: it moved towards it, and the site's middle is near the map's
    // centre (framing leaves room for the title strip: 35 px of the half-height).
    const site1 = middle(await selectedCells(page));
    await expect.poll(async () => offCentre(page, await camera(page), site1), POLL).toBeLessThan(0.2);
    const at1 = await camera(page);
    expect(dist(before, site1)).toBeGreaterThan(dist(at1, site1));
    // From all London down to the site.
    expect(at1!.zoom).toBeGreaterThan(before!.zoom + 1);
    await expectReadable(page);

    await page.keyboard.press('ArrowRight');
    await expect.poll(() => card.getAttribute('data-id'), POLL).toBe(ids[1]);
    expect(await card.getAttribute('data-rank')).toBe('2');
    const site2 = middle(await selectedCells(page));
    await expect.poll(async () => offCentre(page, await camera(page), site2), POLL).toBeLessThan(0.2);
    expect(await camera(page)).not.toEqual(at1);

    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => card.getAttribute('data-id'), POLL).toBe(ids[0]);
    // Page Down / Page Up step too; Home goes back to the opening screen.
    await page.keyboard.press('PageDown');
    await expect.poll(() => card.getAttribute('data-rank'), POLL).toBe('2');
    await page.keyboard.press('Home');
    await page.waitForSelector('[data-testid="mt-since"]', POLL);
  });

  it('Escape leaves meeting mode and the link forgets it', async () => {
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="meeting"]', { state: 'detached', ...POLL });
    await expect.poll(() => new URL(page.url()).searchParams.get('meeting'), POLL).toBeNull();
    expect(await page.isVisible('[data-testid="proposals"]')).toBe(true);
  });

  it('ending the meeting records it; after a reload the next meeting compares with it', async () => {
    await openMeeting(page);
    await page.fill('[data-testid="mt-who"]', CHAIR);
    await page.click('[data-testid="mt-end"]');
    await page.waitForSelector('[data-testid="meeting"]', { state: 'detached', ...POLL });
    const stored = () =>
      page.evaluate(async () => {
        const dir = await navigator.storage.getDirectory();
        try {
          const file = await (await dir.getFileHandle('tasking-log.json')).getFile();
          return (JSON.parse(await file.text()) as { events: { kind: string; siteId: string; who: string; fields: { snapshot?: { asAt: string; sites: unknown[] } } }[] }).events;
        } catch {
          return [];
        }
      });
    await expect.poll(async () => (await stored()).map((e) => [e.kind, e.siteId, e.who, e.fields.snapshot?.asAt, e.fields.snapshot?.sites.length]), POLL).toEqual([
      ['meeting', '', CHAIR, '2026-04', proposals],
    ]);

    await page.reload();
    await waitReady(page);
    await openMeeting(page);
    await expect.poll(() => page.textContent('[data-testid="mt-last-meeting"]'), POLL).toContain(`chaired by ${CHAIR}, on data as at Apr 2026, with ${proposals} ranked proposals`);
    for (const id of ['mt-new', 'mt-escalated', 'mt-de-escalated', 'mt-closed']) expect(await count(page, id), id).toBe(0);
    expect(await page.textContent('[data-testid="mt-unchanged"]')).toMatch(new RegExp(`^${proposals} unchanged; 0 of the last meeting's sites no longer proposed`));
    expect(errors).toEqual([]);
  }, 400_000);

  it("a BCU's, a borough's or a ward's meeting sees its own BCU and boroughs, with the all-London figures", async () => {
    // Still in the meeting after the reload, on all London: every row's figures, as the table shows them.
    const rowsShown = () =>
      page.locator('[data-testid="mt-limit-row"]').evaluateAll((els) =>
        els.map((e) => ({
          key: `${e.getAttribute('data-level')}:${e.getAttribute('data-code')}`,
          name: (e.querySelector('th')?.textContent ?? '').replace(/ BCU$/, ''),
          flag: e.getAttribute('data-flag'),
          figures: ['value', 'last', 'mean', 'lower', 'upper', 'months'].map((k) => e.getAttribute(`data-${k}`)).join(' '),
        })),
      );
    const london = await rowsShown();
    expect(london).toHaveLength(45);
    const figuresOf = new Map(london.map((r) => [r.key, r.figures]));
    const setArea = (area: object) => page.evaluate((a) => (window as unknown as { hotspot: { setView(p: object): void } }).hotspot.setView({ area: a }), area);
    const summary = (rows: { name: string; flag: string | null }[]) => {
      const of = (flag: string) => rows.filter((r) => r.flag === flag).map((r) => r.name);
      const above = of('above');
      const below = of('below');
      return `${above.length ? `Above its control limit: ${above.join(', ')}.` : 'No area is above its control limit.'} ${below.length ? `Below its control limit: ${below.join(', ')}.` : 'None below.'}`;
    };

    // Central West (AW): Hammersmith and Fulham, Kensington and Chelsea, Westminster.
    await setArea({ kind: 'bcu', codes: ['AW'] });
    const aw = ['bcu:AW', 'borough:E09000013', 'borough:E09000020', 'borough:E09000033'];
    await expect.poll(async () => (await rowsShown()).map((r) => r.key), POLL).toEqual(aw);
    const bcuRows = await rowsShown();
    expect(bcuRows.map((r) => r.figures)).toEqual(aw.map((k) => figuresOf.get(k)));
    expect(bcuRows.map((r) => r.name)).toEqual(['Central West', 'Hammersmith and Fulham', 'Kensington and Chelsea', 'Westminster']);
    expect(await page.textContent('[data-testid="mt-limits-heading"]')).toContain('BCU: Central West');
    expect(await page.textContent('[data-testid="mt-limits-summary"]')).toBe(summary(bcuRows));
    expect(await page.textContent('[data-testid="mt-limits-covers"]')).toBe('The BCU and each of its boroughs.');

    // Westminster alone: the borough and, as context, its whole BCU.
    await setArea({ kind: 'borough', codes: [WESTMINSTER] });
    await expect.poll(async () => (await rowsShown()).map((r) => r.key), POLL).toEqual(['bcu:AW', `borough:${WESTMINSTER}`]);
    const boroughRows = await rowsShown();
    expect(boroughRows.map((r) => r.figures)).toEqual([figuresOf.get('bcu:AW'), figuresOf.get(`borough:${WESTMINSTER}`)]);
    expect(await page.textContent('[data-testid="mt-limits-heading"]')).toContain('Borough: Westminster');
    expect(await page.textContent('[data-testid="mt-limits-summary"]')).toBe(summary(boroughRows));
    expect(await page.textContent('[data-testid="mt-limits-covers"]')).toContain('a BCU row counts the whole BCU');
    await expectReadable(page);

    // A ward of Westminster (Abbey Road): its borough, found from the ward boundaries, and its BCU.
    await setArea({ kind: 'ward', codes: ['E05013792'] });
    await expect.poll(() => page.textContent('[data-testid="mt-limits-heading"]'), POLL).toContain('Ward: Abbey Road');
    expect((await rowsShown()).map((r) => [r.key, r.figures])).toEqual(['bcu:AW', `borough:${WESTMINSTER}`].map((k) => [k, figuresOf.get(k)]));
    // The City of London is in no BCU: its row alone.
    await setArea({ kind: 'borough', codes: ['E09000001'] });
    await expect.poll(async () => (await rowsShown()).map((r) => [r.key, r.figures]), POLL).toEqual([['borough:E09000001', figuresOf.get('borough:E09000001')]]);
    expect(await page.textContent('[data-testid="mt-limits-covers"]')).toBe('The borough, which is in no BCU.');
    expect(errors).toEqual([]);
  }, 60_000);
});
