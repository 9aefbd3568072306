/**
 * Patrol plans (issue 13, items 3 and 4) in Debian's Chromium on the default dataset (all London
 * 2025-26, resolution 9): a plan for Bloomsbury built by clicking cells on the map (one of its
 * cells taken out, a Camden cell outside the ward put in), its list, hours and PAI checked
 * against an independent computation from the parquet with native DuckDB and h3-js
 * (./tasking-reference.ts), the backtest verdict beside it, the link keeping the edits, and the
 * printed mission sheet's text under print media.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellToLatLng, polygonToCells } from 'h3-js';
import { bbox } from '@turf/turf';
import { launchBrowser, openReady, recordsUrl, servePreview, type Served } from './harness';
import { boundaryFeature } from './reference';
import { allMonths, cellMonthly, cellsByCentre, cellTotals, orderByScore, project, rankingScoreOf, rowsInBox, type HexCrimeRow } from './tasking-reference';

const BLOOMSBURY = 'E05013653';
const CAMDEN = 'E09000007';
const RES = 9;
const BUDGET = 14; // hours a week: 4 cells at 3.5 hours (2 visits × 15 minutes × 7 days)

let served: Served;
let browser: Browser;
let page: Page;
let errors: string[];
let rows: HexCrimeRow[];
let months: string[];
const ward = boundaryFeature('wards.geojson', BLOOMSBURY);
const camden = boundaryFeature('boroughs.geojson', CAMDEN);
const wardCells = cellsByCentre(ward, RES);
const camdenCells = new Set(cellsByCentre(camden, RES));

// The link's camera: the ward's middle at a zoom showing it whole (a link's camera wins over framing).
const [ww, ws, we, wn] = bbox(ward);
const CAMERA = { lon: Number(((ww + we) / 2).toFixed(5)), lat: Number(((ws + wn) / 2).toFixed(5)), zoom: 14.5 };

const param = (name: string) => new URL(page.url()).searchParams.get(name);
const listCells = () => page.$$eval('[data-testid="patrol-list"] li', (lis) => lis.map((li) => ({ h3: li.getAttribute('data-h3')!, planned: li.getAttribute('data-planned') === '1' })));

async function clickCell(cell: string) {
  const cam = { lon: Number(param('lon')), lat: Number(param('lat')), zoom: Number(param('zoom')) };
  expect(cam).toEqual(CAMERA);
  const rect = (await page.getByTestId('map').boundingBox())!;
  const [lat, lon] = cellToLatLng(cell);
  const at = project(lon, lat, cam, rect);
  expect(at.x).toBeGreaterThan(rect.x + 20);
  expect(at.x).toBeLessThan(rect.x + rect.width - 20);
  expect(at.y).toBeGreaterThan(rect.y + 120); // below the title strip
  expect(at.y).toBeLessThan(rect.y + rect.height - 20);
  await page.mouse.click(at.x, at.y);
}

beforeAll(async () => {
  [served, browser, rows, months] = await Promise.all([servePreview(), launchBrowser(), rowsInBox(bbox(camden)), allMonths()]);
  ({ page, errors } = await openReady(browser, `${served.url}?ward=${BLOOMSBURY}&patrol=1&pbudget=${BUDGET}&lon=${CAMERA.lon}&lat=${CAMERA.lat}&zoom=${CAMERA.zoom}`));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('a patrol plan for a ward, built by clicking cells', () => {
  it('lists the ward\'s cells in the backtested order and takes a clicked cell out, puts a clicked cell in', async () => {
    await expect.poll(async () => (await listCells()).length, { timeout: 60_000 }).toBe(wardCells.length);
    // The order is the ranking the backtest recommends, run on the ward's borough.
    const verdict = page.getByTestId('patrol-verdict');
    await expect.poll(() => verdict.count()).toBe(1);
    const recommended = (await verdict.getAttribute('data-recommended'))!;
    expect(['priority', 'window', 'last-month']).toContain(recommended);
    const verdictText = (await verdict.textContent())!;
    expect(verdictText).toMatch(/backtested on Camden \(\d+ hexagons\)/);
    expect(verdictText).toMatch(/caught [\d.]+ % of next month's crimes/);

    const monthly = cellMonthly(rows, months, RES);
    const score = (c: string) => (camdenCells.has(c) ? rankingScoreOf(recommended, monthly.get(c) ?? new Array(months.length).fill(0)) : 0);
    expect((await listCells()).map((c) => c.h3)).toEqual(orderByScore(wardCells, score));

    // Click the first cell out (where it is follows from the link's camera).
    const first = (await listCells())[0].h3;
    await clickCell(first);
    await expect.poll(() => param('prm')).toBe(first);
    // The Camden cell outside the ward nearest the ward's middle goes in.
    const distance = (c: string) => {
      const [lat, lon] = cellToLatLng(c);
      return ((lon - CAMERA.lon) * Math.cos((lat * Math.PI) / 180)) ** 2 + (lat - CAMERA.lat) ** 2;
    };
    const outside = [...camdenCells].filter((c) => !wardCells.includes(c)).sort((a, b) => distance(a) - distance(b))[0];
    expect(outside).toBeDefined();
    await clickCell(outside);
    await expect.poll(() => param('padd')).toBe(outside);

    const plan = [...wardCells.filter((c) => c !== first), outside];
    const order = orderByScore(plan, score);
    await expect.poll(async () => (await listCells()).map((c) => c.h3)).toEqual(order);
    const planned = order.slice(0, BUDGET / 3.5);
    expect((await listCells()).filter((c) => c.planned).map((c) => c.h3)).toEqual(planned);

    // Hours: 4 cells × 2 visits × 15 minutes × 7 days.
    expect(await page.getByTestId('patrol-hours').textContent()).toMatch(new RegExp(`^${BUDGET} h a week of ${BUDGET} h · 4 of ${plan.length} cells`));
    // PAI over the ward: harm (and crimes) of the planned ward cells over the ward's, against their share of its cells.
    const totals = cellTotals(rows, RES);
    const sum = (cells: string[], k: 'crimes' | 'harm') => cells.reduce((s, c) => s + (totals.get(c)?.[k] ?? 0), 0);
    const plannedInWard = planned.filter((c) => wardCells.includes(c));
    const areaShare = plannedInWard.length / wardCells.length;
    const harmShare = sum(plannedInWard, 'harm') / sum(wardCells, 'harm');
    const crimeShare = sum(plannedInWard, 'crimes') / sum(wardCells, 'crimes');
    expect(await page.getByTestId('patrol-pai').textContent()).toBe(
      `${(harmShare * 100).toFixed(1)} % of the harm of Bloomsbury in ${(areaShare * 100).toFixed(1)} % of its area: PAI ${(harmShare / areaShare).toFixed(2)} ` +
        `(crimes: ${(crimeShare * 100).toFixed(1)} %, PAI ${(crimeShare / areaShare).toFixed(2)})`,
    );

    // The edits and the budget are in the link: opening it again gives the same plan.
    const again = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await again.goto(page.url());
    await expect.poll(() => again.$$eval('[data-testid="patrol-list"] li', (lis) => lis.map((li) => li.getAttribute('data-h3'))), { timeout: 120_000 }).toEqual(order);
    await again.close();
    expect(errors).toEqual([]);
  });

  it('prints a one-page mission sheet: the map of the cells, the visit schedule and why each place', async () => {
    expect(await page.getByTestId('mission-sheet').isVisible()).toBe(false);
    await page.evaluate(() => (window.print = () => {}));
    await page.getByTestId('print-mission').click();
    // Laid out at the width of A4 less its margins (210 − 24 mm at 96 px an inch), as printed.
    await page.setViewportSize({ width: Math.floor(((210 - 24) / 25.4) * 96), height: 1000 });
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.getByTestId('app').isVisible()).toBe(false);
      const sheet = page.getByTestId('mission-sheet');
      expect(await sheet.isVisible()).toBe(true);
      const text = await sheet.innerText();
      const planned = (await listCells()).filter((c) => c.planned).map((c) => c.h3);
      expect(text).toContain('Patrol mission: Bloomsbury');
      expect(text).toContain(`4 of ${(await listCells()).length} cells patrolled, 2 visits a day of 15 minutes, 7 days a week`);
      // The map: one numbered hexagon per planned cell.
      const drawn = await page.$$eval('[data-testid="mission-map"] path[data-h3]', (ps) => ps.map((p) => p.getAttribute('data-h3')));
      expect(drawn).toEqual(planned);
      // The schedule: 7 days of 2 rounds, each visiting the 4 cells once.
      const schedule = await page.$$eval('[data-testid="mission-schedule"] tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent!)));
      expect(schedule).toHaveLength(7);
      for (const day of schedule) {
        expect(day).toHaveLength(2);
        for (const round of day) expect(round.split(' → ').sort()).toEqual(['1', '2', '3', '4']);
      }
      // Why each place: one row per planned cell, in order, with its crimes.
      const why = await page.$$eval('[data-testid="mission-why"] tbody tr', (trs) => trs.map((tr) => tr.textContent!));
      expect(why).toHaveLength(4);
      expect(why[0]).toMatch(/^1….*priority 1 here, .*crimes/);
      // One page: the sheet fits the height of A4 less its margins (297 − 24 mm at 96 px an inch).
      const height = await sheet.evaluate((el) => el.getBoundingClientRect().height);
      expect(height).toBeLessThan(((297 - 24) / 25.4) * 96);
    } finally {
      await page.emulateMedia({ media: 'screen' });
      await page.setViewportSize({ width: 1280, height: 860 });
    }
  });

  it('an area lassoed on the map becomes the plan\'s area: its cells by centre, kept in the link', async () => {
    await page.getByTestId('patrol-lasso-area').click();
    const cam = { lon: Number(param('lon')), lat: Number(param('lat')), zoom: Number(param('zoom')) };
    const rect = (await page.getByTestId('map').boundingBox())!;
    // A square of about 700 × 670 m around the ward's middle, drawn as one drag.
    const corners: [number, number][] = [[-0.005, -0.003], [0.005, -0.003], [0.005, 0.003], [-0.005, 0.003]].map(([dx, dy]) => [cam.lon + dx, cam.lat + dy]);
    const at = corners.map(([lon, lat]) => project(lon, lat, cam, rect));
    await page.mouse.move(at[0].x, at[0].y);
    await page.mouse.down();
    for (const p of [...at.slice(1), at[0]]) await page.mouse.move(p.x, p.y, { steps: 2 });
    await page.mouse.up();
    await expect.poll(() => param('plasso')).not.toBeNull();
    // The ring kept is the drag, to the map's precision (within a pixel: about 5 m at this zoom).
    const ring = param('plasso')!.split(';').map((p) => p.split(',').map(Number) as [number, number]);
    for (const [lon, lat] of corners) expect(Math.min(...ring.map(([x, y]) => Math.hypot(x - lon, y - lat)))).toBeLessThan(0.0001);
    // The edits of the ward's plan are dropped; the cells are those whose centre is inside the ring.
    expect(param('prm')).toBeNull();
    expect(param('padd')).toBeNull();
    const expected = polygonToCells(ring, RES, true).sort();
    expect(expected.length).toBeGreaterThan(3);
    await expect.poll(async () => (await listCells()).map((c) => c.h3).sort()).toEqual(expected);
    expect(await page.getByTestId('patrol-target').textContent()).toContain(`For the drawn area (drawn on the map, ${expected.length} cells)`);
    // The map pans again once the lasso is done.
    expect(await page.getByTestId('patrol-lasso-area').getAttribute('aria-pressed')).toBe('false');
  });

  it('the forecast panel and the patrol plan both get their ranking when one change asks for both at once', async () => {
    // Each asks the hotspot worker on its own channel: before, the later request made the earlier
    // one's answer count as superseded, and that panel waited for ever.
    await page.getByTestId('accuracy-toggle').click();
    const basis = page.getByTestId('priority-basis');
    await expect.poll(() => basis.count(), { timeout: 60_000 }).toBe(1);
    expect(await basis.textContent()).toContain('by their crimes of each month');
    await page.getByTestId('weight').selectOption('harm');
    await expect.poll(() => basis.textContent(), { timeout: 60_000 }).toContain('by their harm of each month');
    await expect.poll(() => page.getByTestId('patrol-verdict').textContent(), { timeout: 60_000 }).toMatch(/caught [\d.]+ % of next month's harm/);
    await page.getByTestId('weight').selectOption('count');
    await page.getByTestId('accuracy-toggle').click();
  });

  it('on point records (the 2017-18 set) the plan puts the map at resolution 10', async () => {
    const { page: p, errors: e } = await openReady(browser, recordsUrl(served, `ward=${BLOOMSBURY}&patrol=1`));
    try {
      await expect.poll(() => new URL(p.url()).searchParams.get('res'), { timeout: 60_000 }).toBe('10');
      expect(await p.getByTestId('patrol-resolution').textContent()).toBe('Patrol cells at resolution 10: the data place crimes precisely enough for cells of about 66 m.');
      // The ward's cells at resolution 10, in the plan once the cube is rebuilt.
      const cells = cellsByCentre(ward, 10);
      await expect.poll(async () => (await p.$$eval('[data-testid="patrol-list"] li', (lis) => lis.map((li) => li.getAttribute('data-h3')!))).sort(), { timeout: 120_000 }).toEqual(cells);
      expect(e).toEqual([]);
    } finally {
      await p.close();
    }
  }, 240_000);
});
