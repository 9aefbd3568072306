/**
 * The review of a site under tasking in the browser (issue 14, item 2), on the embedded
 * all-London 2025-26 data (2025-05 to 2026-04) at the hot spot layer: the first proposal is
 * accepted with its phase from 2026-01; its review shows the site's harm a month before
 * (2025-09..2025-12) and since (2026-01..2026-04), and its matched cells', ring's and borough's
 * (less the site and ring; the borough's outline by ray casting), each equal to an independent
 * computation from the Parquet file (native DuckDB + h3-js, the harm table of
 * data/harm-weights.json); the matched cells are as many as the site's and none within its ring.
 * Moved to a phase from 2026-06, after the data end, the review says there is no data since.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { cellToBoundary, gridDisk, gridDistance, latLngToCell, polygonToCells } from 'h3-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openReady, ROOT, type Served, servePreview } from './harness';
import { PHASE_WORD } from './phase-words';
import { insideEvenOdd } from '../unit/helpers/even-odd';

const POLL = { timeout: 15_000 };
const PARQUET = join(ROOT, 'data', 'london-2025-26-hex100m.parquet');
const BEFORE = ['2025-09', '2025-10', '2025-11', '2025-12'];
const SINCE = ['2026-01', '2026-02', '2026-03', '2026-04'];

/**
 * Harm (data/harm-weights.json) by month of the Parquet rows in the box spanned by `pts` ([lon, lat])
 * whose point `keep` accepts.
 */
async function harmByMonth(pts: readonly (readonly number[])[], keep: (lon: number, lat: number) => boolean): Promise<Map<string, number>> {
  const weights = (JSON.parse(readFileSync(join(ROOT, 'data', 'harm-weights.json'), 'utf8')) as { weights: Record<string, number> }).weights;
  const [lons, lats] = [pts.map((p) => p[0]), pts.map((p) => p[1])];
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const rows = (
    await db.runAndReadAll(
      `SELECT month, longitude, latitude, crime_type, crime_count FROM '${PARQUET}'
       WHERE longitude BETWEEN ${Math.min(...lons)} AND ${Math.max(...lons)} AND latitude BETWEEN ${Math.min(...lats)} AND ${Math.max(...lats)}`,
    )
  ).getRows();
  const out = new Map<string, number>();
  for (const [month, lon, lat, type, count] of rows) {
    if (!keep(Number(lon), Number(lat))) continue;
    const w = weights[String(type)];
    if (w === undefined) throw new Error(`no harm weight for ${String(type)}`);
    const m = String(month).slice(0, 7);
    out.set(m, (out.get(m) ?? 0) + Number(count) * w);
  }
  return out;
}

/** Harm by month of the Parquet rows whose point lies in one of `cells` at resolution 9. */
function monthlyHarm(cells: readonly string[]): Promise<Map<string, number>> {
  const want = new Set(cells);
  const pts = cells.flatMap((c) => cellToBoundary(c, true));
  return harmByMonth(pts, (lon, lat) => want.has(latLngToCell(lat, lon, 9)));
}

/**
 * Harm by month of the Parquet rows whose point lies in the borough named `name` (its outline in
 * data/boundaries/boroughs.geojson), less the rows whose resolution-9 cell is in `less`.
 */
function boroughHarm(name: string, less: ReadonlySet<string>): Promise<Map<string, number>> {
  const fc = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', 'boroughs.geojson'), 'utf8')) as {
    features: { properties: { name: string }; geometry: { coordinates: number[][][][] } }[];
  };
  const coords = fc.features.find((f) => f.properties.name === name)!.geometry.coordinates;
  return harmByMonth(coords.flat(2), (lon, lat) => insideEvenOdd(lon, lat, coords) && !less.has(latLngToCell(lat, lon, 9)));
}

/** The study area (ANALYSIS.md): resolution-9 cells whose centre lies in one of the 33 borough outlines. */
function londonCells(): Set<string> {
  const fc = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', 'boroughs.geojson'), 'utf8')) as { features: { geometry: { coordinates: number[][][][] } }[] };
  return new Set(fc.features.flatMap((f) => f.geometry.coordinates.flatMap((poly) => polygonToCells(poly, 9, true))));
}

const meanOf = (byMonth: Map<string, number>, months: readonly string[]) => months.reduce((a, m) => a + (byMonth.get(m) ?? 0), 0) / months.length;
/** As the card shows harm a month (ReviewBlock `harmWords`): "243k", "9,876", "12.5" (sites here stay under a million). */
const shown = (x: number) => (x >= 10_000 ? `${Number((x / 1000).toPrecision(3))}k` : x >= 100 ? Math.round(x).toLocaleString('en-GB') : x.toFixed(1));

async function row(page: Page, kind: string) {
  const r = page.locator(`[data-testid="rv-table"] tr[data-row="${kind}"]`);
  return {
    before: Number(await r.getAttribute('data-before')),
    since: Number(await r.getAttribute('data-since')),
    beforeText: await r.locator('[data-testid="rv-before"]').textContent(),
    sinceText: await r.locator('[data-testid="rv-since"]').textContent(),
    changeText: await r.locator('[data-testid="rv-change"]').textContent(),
    cells: (await r.getAttribute('data-cells'))?.split(',') ?? [],
    relative: Number(await r.getAttribute('data-relative')),
  };
}

describe('the review of a site under tasking', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let id: string;
  let cells: string[];
  let phase: keyof typeof PHASE_WORD;

  beforeAll(async () => {
    [served, browser] = await Promise.all([servePreview(), launchBrowser()]);
    ({ page, errors } = await openReady(browser, `${served.url}?layer=gi`));
    await page.waitForSelector('[data-testid="tk-list"]', { timeout: 180_000 });
    const first = page.locator('[data-testid="tk-item"]').first();
    id = (await first.getAttribute('data-id'))!;
    phase = (await first.getAttribute('data-phase')) as keyof typeof PHASE_WORD;
    await first.locator('button.tk-pick').click();
    await first.locator('[data-testid="lc"]').waitFor(POLL);
    cells = (await first.getAttribute('data-cells'))!.split(',');
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('no review before the site is accepted', async () => {
    expect(await page.locator('[data-testid="rv"]').count()).toBe(0);
  });

  it('accepted from 2026-01: the site\'s, matched cells\' and ring\'s harm before and since equal native DuckDB\'s', async () => {
    await page.fill('[data-testid="lc-who"]', 'Insp Khan');
    await page.click('[data-testid="lc-who-save"]');
    await page.fill('[data-testid="lc-from"]', '2026-01');
    await page.click('[data-testid="lc-accept"]');
    const item = page.locator(`[data-testid="tk-item"][data-id="${id}"]`);
    await expect.poll(() => item.locator('[data-testid="lc-history"] li').first().textContent(), POLL).toContain(`accepted for ${PHASE_WORD[phase]} from 2026-01`);
    const rv = item.locator('[data-testid="rv"]');
    await rv.waitFor(POLL);
    await rv.locator('summary').click();
    const sentence = (await rv.locator('[data-testid="rv-sentence"]').textContent())!;
    expect(sentence).toMatch(new RegExp(`^Harm in the site (fell|rose) \\d+ % since ${PHASE_WORD[phase]} began in 2026-01 \\(4 months against the 4 before\\); its borough \\(.+\\) `));
    expect(sentence).toMatch(/; matched cells .+; the ring .+ \((no sign of|possible) displacement\)\./);
    expect(await rv.locator('summary').textContent()).toBe(`Review: since ${PHASE_WORD[phase]} began in 2026-01`);
    expect(await rv.locator('caption').textContent()).toBe('Harm a month before (Sep 2025 – Dec 2025) and since (Jan 2026 – Apr 2026)');
    console.log(`review: ${cells.length} site cells, tables ${await rv.getAttribute('data-tables-ms')} ms, review ${await rv.getAttribute('data-review-ms')} ms on the main thread`);

    const site = await row(page, 'site');
    const own = await monthlyHarm(cells);
    const [b, s] = [meanOf(own, BEFORE), meanOf(own, SINCE)];
    expect(b).toBeGreaterThan(0);
    expect(site.before).toBeCloseTo(b, 6);
    expect(site.since).toBeCloseTo(s, 6);
    expect([site.beforeText, site.sinceText]).toEqual([shown(b), shown(s)]);
    const change = Math.round((s / b - 1) * 100);
    expect(site.changeText).toBe(change === 0 ? '0 %' : `${change > 0 ? '+' : '−'}${Math.abs(change)} %`);
    expect(sentence).toContain(change === 0 ? 'Harm in the site held level' : `Harm in the site ${change > 0 ? 'rose' : 'fell'} ${Math.abs(change)} %`);

    // Matched cells: as many as the site's, none within 2 steps of it, their harm as DuckDB's.
    const matched = await row(page, 'matched');
    expect(matched.cells).toHaveLength(cells.length);
    for (const m of matched.cells) expect(Math.min(...cells.map((c) => gridDistance(c, m)))).toBeGreaterThan(2);
    const theirs = await monthlyHarm(matched.cells);
    expect(matched.before).toBeCloseTo(meanOf(theirs, BEFORE), 6);
    expect(matched.since).toBeCloseTo(meanOf(theirs, SINCE), 6);
    // The site against them: (site since ÷ before) ÷ (matched since ÷ before), in the sentence too.
    const ratio = s / b / (meanOf(theirs, SINCE) / meanOf(theirs, BEFORE));
    expect(matched.relative).toBeCloseTo(ratio, 9);
    const rel = Math.round((ratio - 1) * 100);
    expect(sentence).toContain(`Against its matched cells, the site's harm is ${rel === 0 ? 'no different' : `${rel > 0 ? 'up' : 'down'} ${Math.abs(rel)} %`} (ratio ${ratio.toFixed(2)})`);

    // The ring: every study cell within 2 steps of the site (the borough outlines leave out the Thames).
    const inSite = new Set(cells);
    const study = londonCells();
    const ringCells = [...new Set(cells.flatMap((c) => gridDisk(c, 2)))].filter((c) => !inSite.has(c) && study.has(c));
    expect(await rv.locator('tr[data-row="ring"] th').textContent()).toBe(`Ring (${ringCells.length})`);
    const ring = await row(page, 'ring');
    const ringHarm = await monthlyHarm(ringCells);
    expect(ring.before).toBeCloseTo(meanOf(ringHarm, BEFORE), 6);
    expect(ring.since).toBeCloseTo(meanOf(ringHarm, SINCE), 6);
    expect(await rv.locator('[data-testid="rv-caveats"] li[data-kind="too-short"]').count()).toBe(0);
    // All London 2025-26 has data in every borough-month: no month is left out.
    expect(await rv.locator('[data-testid="rv-caveats"] li[data-kind="months-without-data"]').count()).toBe(0);

    // The borough holding most of the site's harm, less the site and its ring.
    const name = /its borough \((.+?)\) /.exec(sentence)![1];
    const borough = await row(page, 'borough');
    const theBorough = await boroughHarm(name, new Set([...cells, ...ringCells]));
    expect(borough.before).toBeCloseTo(meanOf(theBorough, BEFORE), 6);
    expect(borough.since).toBeCloseTo(meanOf(theBorough, SINCE), 6);
  });

  it('a phase from 2026-06, after the data end, says there is no data since', async () => {
    const item = page.locator(`[data-testid="tk-item"][data-id="${id}"]`);
    await page.selectOption('[data-testid="lc-phase"]', 'hold');
    await page.fill('[data-testid="lc-from"]', '2026-06');
    await page.click('[data-testid="lc-move"]');
    await expect.poll(() => item.locator('[data-testid="lc-history"] li').last().textContent(), POLL).toContain('moved to Hold from 2026-06');
    const rv = item.locator('[data-testid="rv"]');
    await expect.poll(() => rv.locator('[data-testid="rv-sentence"]').textContent(), POLL).toBe('No data since the phase began (data ends 2026-04).');
    expect(await rv.locator('summary').textContent()).toBe('Review: since Hold began in 2026-06');
    expect(await rv.locator('[data-testid="rv-table"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
