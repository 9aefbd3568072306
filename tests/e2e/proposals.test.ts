/**
 * Clear / Hold / Build proposals and the Met's presets in the browser (issue 13, items 1, 6 and
 * 8), on the embedded all-London 2025-26 data at the hot spot layer with counts (the app's view
 * `?layer=gi`): the proposals list appears with its reasons, and its sites, harm, crimes, phases,
 * reasons and patrol order equal the command-line twin's for the same inputs
 * (`analyze --input data/london-2025-26-hex100m.parquet --resolution 9 --weight count --tasking`);
 * choosing the first frames it on the map (pixels) and keeps it in the link; redrawing it by
 * clicking a hexagon changes its harm and crimes by that hexagon's, computed independently from
 * the Parquet file (native DuckDB + h3-js); a threshold changes the phase and goes into the link;
 * a preset names itself in the map's title and the total equals native DuckDB's sum.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { cellToBoundary, cellToLatLng, latLngToCell } from 'h3-js';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDeckPixels, launchBrowser, openReady, ROOT, type Served, servePreview } from './harness';

const POLL = { timeout: 15_000 };
const LIME: [number, number, number] = [160, 255, 0];
const PARQUET = join(ROOT, 'data', 'london-2025-26-hex100m.parquet');

interface CliProposal {
  id: string;
  rank: number;
  cells: string[];
  phase: string;
  reasons: string[];
  harm: number;
  crimes: number;
  monthsHot: number;
  patrol: { h3: string }[];
}

/** The command-line twin on the default dataset with the app's view (resolution 9, counts, all months, London). */
async function runCli(): Promise<CliProposal[]> {
  const out = join(mkdtempSync(join(tmpdir(), 'tasking-cli-')), 'result.json');
  await promisify(execFile)(
    process.execPath,
    ['node_modules/tsx/dist/cli.mjs', 'cli/analyze.ts', '--input', 'data/london-2025-26-hex100m.parquet', '--resolution', '9', '--weight', 'count', '--tasking', '--out', out],
    { cwd: ROOT, maxBuffer: 1 << 26 },
  );
  return (JSON.parse(readFileSync(out, 'utf8')) as { proposals: CliProposal[] }).proposals;
}

/** Crimes and harm (data/harm-weights.json) of the Parquet rows whose point lies in `cell` at resolution 9. */
async function cellTotals(cell: string): Promise<{ crimes: number; harm: number }> {
  const weights = (JSON.parse(readFileSync(join(ROOT, 'data', 'harm-weights.json'), 'utf8')) as { weights: Record<string, number> }).weights;
  const ring = cellToBoundary(cell);
  const [lats, lons] = [ring.map((p) => p[0]), ring.map((p) => p[1])];
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const rows = (
    await db.runAndReadAll(
      `SELECT longitude, latitude, crime_type, crime_count FROM '${PARQUET}'
       WHERE longitude BETWEEN ${Math.min(...lons)} AND ${Math.max(...lons)} AND latitude BETWEEN ${Math.min(...lats)} AND ${Math.max(...lats)}`,
    )
  ).getRows();
  let crimes = 0;
  let harm = 0;
  for (const r of rows) {
    if (latLngToCell(Number(r[1]), Number(r[0]), 9) !== cell) continue;
    crimes += Number(r[3]);
    harm += Number(r[3]) * (weights[String(r[2])] ?? 1);
  }
  return { crimes, harm };
}

/** Crimes of the given types in the whole file (native DuckDB). */
async function crimesOfTypes(types: readonly string[]): Promise<number> {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const list = types.map((t) => `'${t.replace(/'/g, "''")}'`).join(', ');
  const rows = (await db.runAndReadAll(`SELECT sum(crime_count)::BIGINT FROM '${PARQUET}' WHERE crime_type IN (${list})`)).getRows();
  return Number(rows[0][0]);
}

/** Where a point is on the page: Web Mercator from the link's camera (the map shows exactly it) and the map's box. */
async function pagePoint(page: Page, lat: number, lng: number): Promise<{ x: number; y: number }> {
  const q = new URL(page.url()).searchParams;
  const [lon0, lat0, zoom] = ['lon', 'lat', 'zoom'].map((k) => Number(q.get(k)));
  const world = 512 * 2 ** zoom;
  const mx = (x: number) => ((x + 180) / 360) * world;
  const my = (y: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (y * Math.PI) / 360)) / Math.PI) / 2) * world;
  const box = (await page.getByTestId('map').boundingBox())!;
  return { x: box.x + box.width / 2 + mx(lng) - mx(lon0), y: box.y + box.height / 2 + my(lat) - my(lat0) };
}

const item = (page: Page, id: string) => page.locator(`[data-testid="tk-item"][data-id="${id}"]`);
const attr = async (page: Page, id: string, name: string) => (await item(page, id).getAttribute(name))!;

describe('Clear / Hold / Build proposals on the embedded all-London data', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let cli: CliProposal[];

  beforeAll(async () => {
    [served, browser, cli] = await Promise.all([servePreview(), launchBrowser(), runCli()]);
    ({ page, errors } = await openReady(browser, `${served.url}?layer=gi`));
    // The first hot spot analysis over all London, its clusters, the points job and the proposals.
    await page.waitForSelector('[data-testid="tk-list"]', { timeout: 180_000 });
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('lists the sites the command-line twin proposes, in its order, with the same harm, crimes, phase and reasons', async () => {
    expect(cli.length).toBeGreaterThan(10);
    const shown = await page.$$eval('[data-testid="tk-item"]', (es) =>
      es.map((e) => ({
        id: e.getAttribute('data-id'),
        harm: Number(e.getAttribute('data-harm')),
        crimes: Number(e.getAttribute('data-crimes')),
        phase: e.getAttribute('data-phase'),
        reasons: [...e.querySelectorAll('[data-testid="tk-reasons"] p')].map((p) => p.textContent),
      })),
    );
    expect(shown.map((s) => s.id)).toEqual(cli.map((p) => p.id));
    const first = cli[0];
    expect(first.rank).toBe(1);
    expect(shown[0].harm).toBeCloseTo(first.harm, 6);
    expect(shown[0].crimes).toBe(first.crimes);
    expect(shown[0].phase).toBe(first.phase);
    expect(shown[0].reasons).toEqual(first.reasons);
    // Every site, not only the first.
    for (let i = 0; i < cli.length; i++) {
      expect([shown[i].crimes, shown[i].phase, shown[i].reasons]).toEqual([cli[i].crimes, cli[i].phase, cli[i].reasons]);
      expect(shown[i].harm).toBeCloseTo(cli[i].harm, 6);
    }
    // The reasons are words: the phase first, then why ("Clear: persistent hot spot for 12 of 12 months, ...").
    expect(shown[0].reasons[0]).toMatch(/^(Clear|Hold|Build): .+ \d+ of 12 months/);
    const text = await item(page, first.id).textContent();
    expect(text).toContain(`Hot in ${first.monthsHot} of 12 months`);
    expect(text).toMatch(/Concentration: \d+(\.\d)? % of .+ in \d+(\.\d)? % of (its|their) area/);
    expect(text).toMatch(/Driven by [A-Z][a-z ]+ \d+ %/);
    expect(await item(page, first.id).locator('[data-testid="tk-phase"]').textContent()).toBe({ clear: 'Clear', hold: 'Hold', build: 'Build' }[first.phase]);
  });

  it('choosing the first frames it with its cells outlined, keeps it in the link, and lists its patrol cells in the twin\'s order', async () => {
    const first = cli[0];
    expect(await countDeckPixels(page, [LIME], 30)).toBe(0);
    const zoomBefore = Number(new URL(page.url()).searchParams.get('zoom') ?? '0');
    await item(page, first.id).locator('button.tk-pick').click();
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('prop') === id, first.id, POLL);
    await page.waitForFunction((z) => Number(new URL(location.href).searchParams.get('zoom')) > z + 2, zoomBefore, POLL);
    await expect.poll(() => countDeckPixels(page, [LIME], 30), POLL).toBeGreaterThan(1000);
    expect((await attr(page, first.id, 'data-cells')).split(',')).toEqual(first.cells);
    const patrol = await page.$$eval('[data-testid="tk-patrol"] li', (ls) => ls.map((l) => l.getAttribute('data-h3')));
    expect(patrol).toEqual(first.patrol.slice(0, 12).map((c) => c.h3));
  });

  it('redrawing the site: a clicked hexagon leaves it and comes back, harm and crimes changing by that hexagon\'s own', async () => {
    const first = cli[0];
    // The site's cell nearest the middle of the map (clear of the title strip and the legend).
    const box = (await page.getByTestId('map').boundingBox())!;
    const mid = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    let best = { cell: '', x: 0, y: 0, d: Infinity };
    for (const cell of first.cells) {
      const [lat, lng] = cellToLatLng(cell);
      const p = await pagePoint(page, lat, lng);
      const d = Math.hypot(p.x - mid.x, p.y - mid.y);
      if (d < best.d) best = { cell, ...p, d };
    }
    const own = await cellTotals(best.cell);
    expect(own.crimes).toBeGreaterThan(0);

    await page.getByTestId('tk-edit').check();
    await page.mouse.click(best.x, best.y);
    await page.waitForSelector('[data-testid="tk-edited"]', POLL);
    await expect.poll(async () => (await attr(page, first.id, 'data-cells')).split(',').length, POLL).toBe(first.cells.length - 1);
    expect((await attr(page, first.id, 'data-cells')).split(',')).toEqual(first.cells.filter((c) => c !== best.cell));
    expect(Number(await attr(page, first.id, 'data-crimes'))).toBe(first.crimes - own.crimes);
    expect(Number(await attr(page, first.id, 'data-harm'))).toBeCloseTo(first.harm - own.harm, 6);
    // The link did not take the click as a hexagon selection.
    expect(new URL(page.url()).searchParams.get('hex')).toBeNull();

    await page.mouse.click(best.x, best.y);
    await expect.poll(async () => Number(await attr(page, first.id, 'data-crimes')), POLL).toBe(first.crimes);
    expect((await attr(page, first.id, 'data-cells')).split(',')).toEqual(first.cells);
    expect(Number(await attr(page, first.id, 'data-harm'))).toBeCloseTo(first.harm, 6);
    await page.getByTestId('tk-edit').uncheck();
  });

  it('a threshold changes the phase, with the reason, and goes into the link', async () => {
    const first = cli[0];
    expect(first.phase).toBe('clear');
    const share = Number(/ (\d+) % of its harm/.exec(first.reasons[0])![1]);
    await page.locator('[data-testid="tk-thresholds"] summary').click();
    await page.getByTestId('tk-clearPriorityShare').fill(String(share + 5));
    await page.getByTestId('tk-clearPriorityShare').press('Enter');
    await page.waitForFunction((v) => new URL(location.href).searchParams.get('tk') === `cps:${v}`, (share + 5) / 100, POLL);
    await expect.poll(() => attr(page, first.id, 'data-phase'), POLL).toBe('hold');
    expect(await item(page, first.id).locator('[data-testid="tk-reasons"]').textContent()).toContain(`${share} % of its harm (Clear needs ${share + 5} %)`);
    await page.getByTestId('tk-defaults').click();
    await expect.poll(() => attr(page, first.id, 'data-phase'), POLL).toBe('clear');
    expect(new URL(page.url()).searchParams.has('tk')).toBe(false);
  });

  it('a preset names itself in the map title, and the total is the file\'s own count of its crime types', async () => {
    await page.getByTestId('layer-counts').check();
    const violence = ['Violence and sexual offences', 'Robbery', 'Possession of weapons'];
    const expected = await crimesOfTypes(violence);
    expect(expected).toBeGreaterThan(100_000);
    await page.getByTestId('preset-violence').click();
    await expect.poll(() => page.getByTestId('map-title-scope').textContent(), POLL).toBe('Violence · All London · May 2025 – Apr 2026');
    expect(await page.getByTestId('preset-violence').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByTestId('filtered-total').textContent(), POLL).toBe(`${expected.toLocaleString('en-GB')} crimes shown`);
    // One more type is no longer the grouping: the title lists the types again.
    await page.getByTestId('cat-Drugs').check();
    await expect.poll(() => page.getByTestId('map-title-scope').textContent(), POLL).toMatch(/^4 of 14 crime types · /);
    expect(await page.getByTestId('preset-violence').getAttribute('aria-pressed')).toBe('false');
    expect(errors).toEqual([]);
  });
});
