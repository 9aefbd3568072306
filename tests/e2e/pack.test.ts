/**
 * The meeting pack printed to PDF in Chromium (issue 14, items 4 and 6), on the embedded
 * all-London data at the hot spot layer (`?layer=gi`), with one proposal accepted and assigned:
 * - the browser's own print (page.pdf, as Ctrl+P) of the app prints the pack, not the screen
 *   (before the pack, it printed the screen layout: the panels and a cropped map);
 * - on A4 and A3 landscape the PDF has one page a sheet of the pack, as many as the app's own
 *   proposals and cross-border clusters give, each page's texts where they belong (title, as at,
 *   the data's range, the filters in the map title's words, each site's rank, name and reason
 *   on the proposals sheet and on its own sheet, the decision, the cross-border header and the
 *   matrices), no sheet clipped; the map on page 1 is drawn (its pixels, read by rendering the
 *   PDF with pdfjs-dist in Chromium, are the legend's hot spot colours, most of them of the 99 %
 *   class as the legend counts) and its scale bar is true (sketch distances against h3-js
 *   great-circle distances);
 * - the CSV and GeoJSON downloads parse and match the proposals on screen (RFC 4180 quoting of
 *   the team's comma and quotes; RFC 7946 rings; each site's outline covers its hexagons' area);
 * - a sheet that holds more than fits (a very long note) is named in the pack's toolbar;
 * - off the hot spot layers the pack is its cover alone (the counts map), saying why.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { area as turfArea, booleanClockwise } from '@turf/turf';
import type { FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { cellArea, cellToLatLng, greatCircleDistance } from 'h3-js';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openReady, ROOT, type Served, servePreview } from './harness';
import { FROM_PHASE } from './phase-words';

const POLL = { timeout: 15_000 };
const WHO = 'Insp Okafor';
const TEAM = 'NPT 4, Brixton "East"';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const inWords = (m: string) => `${MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;
/** pdf.js splits text at ligatures and line ends: compare without spaces, ligatures unfolded. */
const compact = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');
/** Gi* hot spot colours of the legend (src/map/hotspot-colors.ts), 99 %, 95 %, 90 %. */
const HOT: [number, number, number][] = [
  [178, 24, 43],
  [239, 138, 98],
  [253, 219, 199],
];

/** ISO A4 and A3 landscape in PostScript points (Chromium rounds each to the point). */
const A4_PT = [841.89, 595.28];
const A3_PT = [1190.55, 841.89];
const expectSheet = (p: { width: number; height: number }, [w, h]: number[]) => {
  expect(Math.abs(p.width - w)).toBeLessThan(1.5);
  expect(Math.abs(p.height - h)).toBeLessThan(1.5);
};

interface ScreenProposal {
  id: string;
  rank: number;
  phase: string;
  label: string;
  reasons: string[];
  harm: number;
  crimes: number;
  status: string;
}

/** The proposals as the panel shows them. */
async function screenProposals(page: Page): Promise<ScreenProposal[]> {
  return page.$$eval('[data-testid="tk-item"]', (items) =>
    items.map((li) => ({
      id: li.getAttribute('data-id')!,
      rank: Number(li.querySelector('.tk-rank')!.textContent!.replace('.', '')),
      phase: li.getAttribute('data-phase')!,
      label: li.querySelector('[data-testid="tk-label"]')!.textContent!,
      reasons: [...li.querySelectorAll('[data-testid="tk-reasons"] p')].map((p) => p.textContent!),
      harm: Number(li.getAttribute('data-harm')),
      crimes: Number(li.getAttribute('data-crimes')),
      status: li.getAttribute('data-status')!,
    })),
  );
}

interface SheetPlan {
  kinds: string[];
  /** Sheet index (0-based) holding each proposal's row, by rank. */
  sheetOfRank: Map<number, number>;
  /** Cross-border rows in sheet order, and the first cross-border sheet. */
  crossBorderIds: string[];
}

/** The open pack's sheets as laid out, and which sheet holds which table row. */
async function sheetPlan(page: Page): Promise<SheetPlan> {
  const sheets = await page.$$eval('[data-testid="pack-page"]', (ps) =>
    ps.map((p) => ({
      kind: p.getAttribute('data-kind')!,
      ranks: [...p.querySelectorAll('[data-testid="pack-proposals"] tbody tr')].map((tr) => Number(tr.getAttribute('data-rank'))),
      xb: [...p.querySelectorAll('[data-testid="pack-xb"] tbody tr')].map((tr) => tr.getAttribute('data-id')!),
    })),
  );
  const sheetOfRank = new Map<number, number>();
  sheets.forEach((s, i) => s.ranks.forEach((r) => sheetOfRank.set(r, i)));
  return { kinds: sheets.map((s) => s.kind), sheetOfRank, crossBorderIds: sheets.flatMap((s) => s.xb) };
}

/**
 * The sheets the pack must have for `n` proposals and the cross-border list on screen: cover,
 * proposals sheets holding ranks 1..n once each in order, cross-border sheets holding the list
 * in order, the two matrices, then a sheet a site.
 */
async function expectPlanFor(page: Page, n: number): Promise<SheetPlan> {
  const plan = await sheetPlan(page);
  const screenXb = await page.$$eval('[data-testid="xb-entry"]', (es) => es.map((e) => e.getAttribute('data-id')!));
  const p = plan.kinds.filter((k) => k === 'proposals').length;
  const x = plan.kinds.filter((k) => k === 'cross-border').length;
  expect(plan.kinds).toEqual(['cover', ...Array(p).fill('proposals'), ...Array(x).fill('cross-border'), 'matrix', 'matrix', ...Array(n).fill('site')]);
  expect([...plan.sheetOfRank.keys()]).toEqual(Array.from({ length: n }, (_, i) => i + 1));
  expect(plan.crossBorderIds).toEqual(screenXb);
  return plan;
}

/** A page that reads PDFs with pdfjs-dist (served from node_modules under a made-up origin). */
async function pdfReader(browser: Browser): Promise<{ read(pdf: Buffer): Promise<{ width: number; height: number; text: string }[]>; colours(pdf: Buffer, n: number): Promise<{ hot: number[]; distinct: number }> }> {
  const page = await browser.newPage();
  let current: Buffer = Buffer.alloc(0);
  const build = join(ROOT, 'node_modules', 'pdfjs-dist', 'build');
  await page.route('http://pdf.check/**', (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path === '/') {
      return route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><script type="module">import * as p from "/pdf.mjs"; p.GlobalWorkerOptions.workerSrc = "/pdf.worker.mjs"; window.pdfjs = p;</script>',
      });
    }
    if (path === '/doc.pdf') return route.fulfill({ contentType: 'application/pdf', body: current });
    return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(build, path.slice(1))) });
  });
  await page.goto('http://pdf.check/');
  await page.waitForFunction(() => 'pdfjs' in window);
  return {
    async read(pdf) {
      current = pdf;
      return page.evaluate(async () => {
        const doc = await (window as any).pdfjs.getDocument({ url: '/doc.pdf' }).promise;
        const out: { width: number; height: number; text: string }[] = [];
        for (let n = 1; n <= doc.numPages; n++) {
          const pg = await doc.getPage(n);
          const t = await pg.getTextContent();
          out.push({ width: pg.view[2], height: pg.view[3], text: t.items.map((i: { str?: string }) => i.str ?? '').join(' ') });
        }
        return out;
      });
    },
    async colours(pdf, n) {
      current = pdf;
      return page.evaluate(
        async ({ n, hot }) => {
          const doc = await (window as any).pdfjs.getDocument({ url: '/doc.pdf' }).promise;
          const pg = await doc.getPage(n);
          const vp = pg.getViewport({ scale: 2 });
          const c = document.createElement('canvas');
          c.width = vp.width;
          c.height = vp.height;
          const ctx = c.getContext('2d')!;
          await pg.render({ canvas: c, canvasContext: ctx, viewport: vp }).promise;
          const d = ctx.getImageData(0, 0, c.width, c.height).data;
          const counts = hot.map(() => 0);
          const distinct = new Set<number>();
          for (let i = 0; i < d.length; i += 4) {
            distinct.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
            hot.forEach(([r, g, b], k) => {
              if (Math.abs(d[i] - r) <= 8 && Math.abs(d[i + 1] - g) <= 8 && Math.abs(d[i + 2] - b) <= 8) counts[k]++;
            });
          }
          return { hot: counts, distinct: distinct.size };
        },
        { n, hot: HOT },
      );
    },
  };
}

/** Text of each sheet's elements that clip (overflow hidden) and hold more than they show, under print media. */
async function clippedSheets(page: Page): Promise<string[]> {
  await page.emulateMedia({ media: 'print' });
  const clipped = await page.$$eval('[data-testid="pack-page"] :is(.pack-body, .pack-cover-text, .pack-site-map, .pack-site-card, .pack-site-patrol)', (els) =>
    els.filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1).map((e) => `${e.className}: ${(e.textContent ?? '').slice(0, 60)}`),
  );
  await page.emulateMedia({ media: null });
  return clipped;
}

describe('the meeting pack prints to PDF', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let reader: Awaited<ReturnType<typeof pdfReader>>;
  let proposals: ScreenProposal[];
  let accepted: ScreenProposal;
  const dataset = (JSON.parse(readFileSync(join(ROOT, 'data', 'datasets.json'), 'utf8')) as { datasets: { default?: boolean; months: [string, string] }[] }).datasets.find((d) => d.default)!;

  beforeAll(async () => {
    [served, browser] = await Promise.all([servePreview(), launchBrowser()]);
    ({ page, errors } = await openReady(browser, `${served.url}?layer=gi`));
    await page.waitForSelector('[data-testid="tk-list"]', { timeout: 180_000 });
    await page.waitForSelector('[data-testid="xb-list"]', { timeout: 180_000 });
    reader = await pdfReader(browser);
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it("the browser's own print of the app prints the pack, never the screen layout", async () => {
    const n = await page.locator('[data-testid="tk-item"]').count();
    expect(await page.locator('[data-testid="meeting-pack"]').count()).toBe(0);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    const pages = await reader.read(pdf);
    expect(compact(pages[0].text)).toContain(compact('Tasking meeting pack'));
    // The screen's top bar and panels are not printed (they were, with a cropped map, before the pack).
    for (const p of pages) {
      expect(p.text).not.toContain('Hotspot Tasking Map');
      expect(p.text).not.toContain('Thresholds the phases rest on');
    }
    // Printing over, the pack it opened is closed again.
    expect(await page.locator('[data-testid="meeting-pack"]').count()).toBe(0);
    expect(await page.evaluate(() => document.body.dataset.print ?? null)).toBeNull();
    // What printed is the pack's sheets, one a page.
    await page.click('[data-testid="pack-open"]');
    const plan = await expectPlanFor(page, n);
    expect(pages).toHaveLength(plan.kinds.length);
    await page.click('[data-testid="pack-close"]');
  }, 180_000);

  it('a decision taken on a site shows in the pack: the second proposal accepted and assigned', async () => {
    const second = page.locator('[data-testid="tk-item"]').nth(1);
    const id = (await second.getAttribute('data-id'))!;
    const phase = (await second.getAttribute('data-phase')) as keyof typeof FROM_PHASE;
    await second.locator('button.tk-pick').click();
    await page.fill('[data-testid="lc-who"]', WHO);
    await page.click('[data-testid="lc-who-save"]');
    await page.click('[data-testid="lc-accept"]');
    await page.fill('[data-testid="lc-team"]', TEAM);
    await page.click('[data-testid="lc-assign"]');
    const item = page.locator(`[data-testid="tk-item"][data-id="${id}"]`);
    await expect.poll(() => item.getAttribute('data-status'), POLL).toBe('accepted');
    // The phase rules start from the accepted phase: wait for the recomputed reasons.
    await expect.poll(() => item.locator('[data-testid="tk-reasons"] p').first().textContent(), { timeout: 60_000 }).toMatch(FROM_PHASE[phase]);
    await expect.poll(() => page.locator('[data-testid="tk-busy"]').count(), POLL).toBe(0);
    proposals = await screenProposals(page);
    accepted = proposals.find((p) => p.id === id)!;
    expect(accepted.status).toBe('accepted');
    expect(proposals.length).toBeGreaterThan(10);
    expect(await page.locator('[data-testid="xb-entry"]').count()).toBeGreaterThan(0);
  }, 180_000);

  it('A4 landscape: a page a sheet, the texts on their pages, the map drawn with a true scale bar', async () => {
    await page.click('[data-testid="pack-open"]');
    await page.waitForSelector('[data-testid="pack-sheets"]');
    const plan = await expectPlanFor(page, proposals.length);
    const n = plan.kinds.length;
    expect(await clippedSheets(page)).toEqual([]);

    // The scale bars are true: centre-to-centre distances in the sketches × metres a unit = the ground's.
    const scaleCheck = await page.evaluate(() => {
      const site = document.querySelector('[data-testid="pack-site"]')!;
      const svg = site.querySelector('[data-testid="pack-site-map"]')!;
      const mpu = Number(svg.querySelector('[data-testid="pack-site-map-scale"]')!.getAttribute('data-metres-per-unit'));
      const bar = svg.querySelector('[data-testid="pack-site-map-scale"]')!;
      const cells = [...site.querySelectorAll('[data-testid="pack-patrol-cells"] tbody tr')].map((tr) => tr.getAttribute('data-h3')!);
      const at = (label: string) => {
        const t = [...svg.querySelectorAll('text.pack-sketch-label')].find((x) => x.textContent === label)!;
        return [Number(t.getAttribute('x')), Number(t.getAttribute('y'))];
      };
      return {
        mpu, cells: cells.slice(0, 4), points: ['1', '2', '3', '4'].map(at),
        bar: [Number(bar.getAttribute('data-metres')), Number(bar.getAttribute('data-units'))],
      };
    });
    expect(scaleCheck.bar[1] * scaleCheck.mpu).toBeCloseTo(scaleCheck.bar[0], 6);
    for (const [a, b] of [[0, 1], [0, 3], [2, 3]]) {
      const sketch = Math.hypot(scaleCheck.points[a][0] - scaleCheck.points[b][0], scaleCheck.points[a][1] - scaleCheck.points[b][1]) * scaleCheck.mpu;
      const ground = greatCircleDistance(cellToLatLng(scaleCheck.cells[a]), cellToLatLng(scaleCheck.cells[b]), 'm');
      expect(Math.abs(sketch / ground - 1)).toBeLessThan(0.005);
    }
    const title = await page.$$eval('[data-testid="map-title"] > div', (ds) => ds.map((d) => d.textContent!));
    const legendCounts = await page.$$eval('[data-testid="meeting-pack"] .legend-row .num', (ns) => ns.map((x) => Number(x.textContent!.replace(/,/g, ''))));

    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    const pages = await reader.read(pdf);
    expect(pages).toHaveLength(n);
    pages.forEach((p, i) => {
      expectSheet(p, A4_PT);
      expect(compact(p.text)).toContain(compact(`page ${i + 1} of ${n}`));
    });
    const cover = compact(pages[0].text);
    const [first, last] = dataset.months;
    for (const words of ['Tasking meeting pack', `As at ${inWords(last)}`, `${inWords(first)} to ${inWords(last)}`, ...title, 'Hot spot, 99 % confidence']) {
      expect(cover).toContain(compact(words));
    }
    const siteSheet = (rank: number) => plan.kinds.indexOf('site') + rank - 1;
    for (const p of proposals) {
      const sheet = compact(pages[plan.sheetOfRank.get(p.rank)!].text);
      expect(sheet).toContain(compact(p.label));
      expect(sheet).toContain(compact(p.reasons[0]));
      const own = compact(pages[siteSheet(p.rank)].text);
      expect(own).toContain(compact(`Site ${p.rank}:`));
      expect(own).toContain(compact(p.label));
      expect(own).toContain(compact(p.reasons[0]));
    }
    expect(compact(pages[plan.sheetOfRank.get(accepted.rank)!].text)).toContain(compact(`Accepted, under`));
    expect(compact(pages[siteSheet(accepted.rank)].text)).toContain(compact(`assigned to ${TEAM}`));
    const firstCrossing = await page.locator('[data-testid="xb-entry"] [data-testid="xb-label"]').first().textContent();
    const xbSheet = plan.kinds.indexOf('cross-border');
    expect(compact(pages[xbSheet].text)).toContain(compact('Cross-border hot spots'));
    expect(compact(pages[xbSheet].text)).toContain(compact(firstCrossing!));
    expect(compact(pages[plan.kinds.indexOf('matrix')].text)).toContain(compact('Shared-harm matrix: Borough × borough'));
    expect(compact(pages[plan.kinds.indexOf('matrix') + 1].text)).toContain(compact('Shared-harm matrix: BCU × BCU'));

    // The map is drawn: page 1 rendered to pixels holds the legend's hot spot colours, most of the 99 % class
    // (the legend counts more 99 % hexagons than 95 % and 90 % together), and many colours in all.
    const px = await reader.colours(pdf, 1);
    const [n99, n95, n90] = legendCounts;
    expect(n99).toBeGreaterThan(n95 + n90);
    expect(px.hot[0]).toBeGreaterThan(5_000);
    expect(px.hot[1]).toBeGreaterThan(200);
    expect(px.hot[2]).toBeGreaterThan(100);
    expect(px.hot[0]).toBeGreaterThan(px.hot[1] + px.hot[2]);
    expect(px.distinct).toBeGreaterThan(50);
  }, 240_000);

  it('A3 landscape: more rows a sheet, so fewer sheets, each a page', async () => {
    const a4Sheets = await page.locator('[data-testid="pack-page"]').count();
    await page.selectOption('[data-testid="meeting-pack"] [data-testid="pack-paper"]', 'a3');
    await expect.poll(() => page.locator('.pack.a3').count(), POLL).toBe(1);
    const plan = await expectPlanFor(page, proposals.length);
    const n = plan.kinds.length;
    expect(n).toBeLessThan(a4Sheets);
    expect(await clippedSheets(page)).toEqual([]);
    const pages = await reader.read(await page.pdf({ format: 'A3', landscape: true, printBackground: true }));
    expect(pages).toHaveLength(n);
    pages.forEach((p) => expectSheet(p, A3_PT));
    expect(compact(pages[0].text)).toContain(compact('Tasking meeting pack'));
    const lastSite = proposals.at(-1)!;
    expect(compact(pages[n - 1].text)).toContain(compact(`Site ${lastSite.rank}: ${lastSite.phase[0].toUpperCase()}${lastSite.phase.slice(1)} ${lastSite.label}`));
    // Escape closes it.
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-testid="meeting-pack"]').count()).toBe(0);
  }, 180_000);

  it('downloads the proposals as CSV and the sites and patrol cells as GeoJSON, matching the screen', async () => {
    if (await page.locator('[data-testid="meeting-pack"]').count()) await page.click('[data-testid="pack-close"]');
    const save = async (testid: string) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="proposals"] [data-testid="${testid}"]`)]);
      return { name: d.suggestedFilename(), text: readFileSync((await d.path())!, 'utf8') };
    };
    const csv = await save('pack-csv');
    expect(csv.name).toBe(`tasking-proposals-${dataset.months[1]}.csv`);
    // The team's comma and quotes are quoted as RFC 4180 says.
    expect(csv.text).toContain('"NPT 4, Brixton ""East"""');
    const rows = Papa.parse<Record<string, string>>(csv.text.replace(/\r\n$/, ''), { header: true, newline: '\r\n' });
    expect(rows.errors).toEqual([]);
    expect(rows.data.map((r) => [Number(r.rank), r.site_id, r.site, r.recommended_phase, r.reasons, Number(r.crimes), r.status])).toEqual(
      proposals.map((p) => [p.rank, p.id, p.label, p.phase, p.reasons.join('\n'), p.crimes, p.status]),
    );
    rows.data.forEach((r, i) => expect(Number(r.harm_days)).toBeCloseTo(proposals[i].harm, 1));
    const mine = rows.data.find((r) => r.site_id === accepted.id)!;
    expect([mine.status, mine.team]).toEqual(['accepted', TEAM]);

    const sites = JSON.parse((await save('pack-sites-geojson')).text) as FeatureCollection<MultiPolygon>;
    expect(sites.features.map((f) => [f.properties!.rank, f.id, f.properties!.phase])).toEqual(proposals.map((p) => [p.rank, p.id, p.phase]));
    const ringsOk = (rings: Position[][]) =>
      rings.every((ring, k) => ring.length >= 4 && ring[0].join() === ring.at(-1)!.join() && booleanClockwise(ring) === k > 0 && ring.every(([lon, lat]) => lon > -0.6 && lon < 0.4 && lat > 51.2 && lat < 51.8));
    for (const f of sites.features) expect(f.geometry.coordinates.every(ringsOk)).toBe(true);

    // The selected site's outline covers exactly its hexagons (turf's area of the outline against h3-js's cell areas).
    await page.locator(`[data-testid="tk-item"][data-id="${accepted.id}"] button.tk-pick`).waitFor();
    const cells = (await page.locator(`[data-testid="tk-item"][data-id="${accepted.id}"]`).getAttribute('data-cells'))!.split(',');
    const outline = sites.features.find((f) => f.id === accepted.id)!;
    const hexArea = cells.reduce((s, c) => s + cellArea(c, 'm2'), 0);
    expect(Math.abs(turfArea(outline) / hexArea - 1)).toBeLessThan(0.01);

    const patrol = JSON.parse((await save('pack-patrol-geojson')).text) as FeatureCollection<Polygon>;
    for (const f of patrol.features) expect(ringsOk(f.geometry.coordinates)).toBe(true);
    const onScreen = await page.$$eval(`[data-testid="tk-item"][data-id="${accepted.id}"] [data-testid="tk-patrol"] li`, (ls) => ls.map((l) => l.getAttribute('data-h3')));
    const ofSite = patrol.features.filter((f) => f.properties!.siteId === accepted.id);
    expect(ofSite.slice(0, onScreen.length).map((f) => f.properties!.h3)).toEqual(onScreen);
    expect(ofSite.map((f) => f.properties!.order)).toEqual(ofSite.map((_, i) => i + 1));
    expect(new Set(ofSite.map((f) => f.properties!.h3))).toEqual(new Set(cells));
    expect(ofSite.every((f) => f.properties!.minutesPerWeek === 210 && f.properties!.expectedCrimesPerMonth === Number((f.properties!.crimes / 12).toFixed(3)))).toBe(true);
    expect(errors).toEqual([]);
  }, 180_000);

  it('says which sheet holds more than fits: a very long note on the accepted site', async () => {
    const note = Array.from({ length: 160 }, (_, i) => `point ${i + 1} of the briefing`).join(', ');
    await page.fill('[data-testid="lc-note"]', note);
    await page.click('[data-testid="lc-add-note"]');
    await page.click('[data-testid="pack-open"]');
    await page.selectOption('[data-testid="meeting-pack"] [data-testid="pack-paper"]', 'a4');
    await expect.poll(() => page.locator('.pack.a4').count(), POLL).toBe(1);
    const plan = await sheetPlan(page);
    const sheet = plan.kinds.indexOf('site') + accepted.rank;
    await expect.poll(() => page.locator('[data-testid="pack-overfull"]').textContent(), POLL).toBe(`Sheet ${sheet} holds more than fits: the end will not print. Try A3.`);
    await page.click('[data-testid="pack-close"]');
  }, 120_000);

  it('off the hot spot layers the pack is its cover alone, with the counts map and saying why', async () => {
    await page.click('[data-testid="layer-counts"]');
    await expect.poll(() => page.locator('[data-testid="tk-list"]').count(), POLL).toBe(0);
    const pages = await reader.read(await page.pdf({ format: 'A4', landscape: true, printBackground: true }));
    expect(pages).toHaveLength(1);
    const cover = compact(pages[0].text);
    expect(cover).toContain(compact('Crimes per hexagon'));
    expect(cover).toContain(compact('set the map layer to hot spots to have them in the pack'));
  }, 120_000);
});
