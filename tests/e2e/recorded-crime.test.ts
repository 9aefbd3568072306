/**
 * The MPS recorded offences ward layer and trend in Chromium (issue 11, item 5): choosing the
 * layer draws the ward choropleth (canvas pixels), its legend and title say "MPS recorded
 * offences", clicking a ward shows its 24-month trend against its borough, and every figure on
 * screen equals a sum computed here with native DuckDB straight from the shipped wide Parquet
 * files (not through the app's code).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { pointOnFeature } from '@turf/turf';
import { interpolateOrRd } from 'd3-scale-chromatic';
import type { Feature, FeatureCollection } from 'geojson';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countDeckPixels, launchBrowser, openReady, ROOT, type Served, servePreview } from './harness';

const HISTORICAL = join(ROOT, 'data', 'recorded-crime', 'ward-historical.parquet');
const CURRENT = join(ROOT, 'data', 'recorded-crime', 'ward.parquet');
const WARD = 'E05009372'; // Hackney Central, Hackney
const CITY_WARD = 'E05009288'; // Aldersgate, City of London
const num = (s: string | null) => Number((s ?? '').replace(/[^\d.-]/g, ''));
const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

/** Months up to 2024-02 from the historical file, later ones from the current file (the app's documented rule). */
const LONG = `(
  SELECT wardcode, lookup_boroughname, majortext, m, v FROM (UNPIVOT '${HISTORICAL}' ON COLUMNS('^[0-9]{6}$') INTO NAME m VALUE v)
  UNION ALL
  SELECT wardcode, lookup_boroughname, majortext, m, v FROM (UNPIVOT '${CURRENT}' ON COLUMNS('^[0-9]{6}$') INTO NAME m VALUE v) WHERE m > '202402'
)`;

interface Truth {
  /** Every offence of the latest 12 months (2025-03..2026-02), and the thefts among them. */
  latestYear: number;
  latestYearTheft: number;
  /** Hackney Central, 2024-03..2026-02, month by month. */
  wardSeries: number[];
  /** Hackney's wards and its total offences in 2025-03..2026-02 (all groups, then thefts). */
  boroughWards: number;
  boroughLast12: number;
  boroughTheftLast12: number;
  /** London's thefts in 2025-03..2026-02 over its 32 boroughs (Heathrow's ward counted in Hillingdon). */
  londonTheftLast12: number;
}

async function independentTruth(): Promise<Truth> {
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  const one = async (sql: string) => Number((await db.runAndReadAll(sql)).getRows()[0][0]);
  const series = (await db.runAndReadAll(`SELECT sum(v) FROM ${LONG} WHERE wardcode = '${WARD}' AND m BETWEEN '202403' AND '202602' GROUP BY m ORDER BY m`))
    .getRows()
    .map((r) => Number(r[0]));
  return {
    latestYear: await one(`SELECT sum(v) FROM ${LONG} WHERE m BETWEEN '202503' AND '202602'`),
    latestYearTheft: await one(`SELECT sum(v) FROM ${LONG} WHERE m BETWEEN '202503' AND '202602' AND majortext = 'THEFT'`),
    wardSeries: series,
    boroughWards: await one(`SELECT count(DISTINCT wardcode) FROM '${CURRENT}' WHERE lookup_boroughname = 'Hackney'`),
    boroughLast12: await one(`SELECT sum(v) FROM ${LONG} WHERE lookup_boroughname = 'Hackney' AND m BETWEEN '202503' AND '202602'`),
    boroughTheftLast12: await one(
      `SELECT sum(v) FROM ${LONG} WHERE lookup_boroughname = 'Hackney' AND majortext = 'THEFT' AND m BETWEEN '202503' AND '202602'`,
    ),
    londonTheftLast12: await one(`SELECT sum(v) FROM ${LONG} WHERE majortext = 'THEFT' AND m BETWEEN '202503' AND '202602'`),
  };
}

/** A point inside the ward (the 2022 wards shipped with the app). */
function insideWard(code: string): [number, number] {
  const wards = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', 'wards.geojson'), 'utf8')) as FeatureCollection;
  const f = wards.features.find((w) => w.properties?.code === code);
  if (!f) throw new Error(`ward ${code} is not in data/boundaries/wards.geojson (the 2022 wards are needed)`);
  return pointOnFeature(f as Feature).geometry.coordinates as [number, number];
}

/** The choropleth's orange-red classes, from the same ramp (d3's OrRd), computed here. */
const OR_RD: [number, number, number][] = [0.3, 0.43, 0.56, 0.69, 0.82, 0.95].map((t) => {
  const m = interpolateOrRd(t).match(/\d+/g)!.map(Number);
  return [m[0], m[1], m[2]];
});

describe('MPS recorded offences by ward, in Chromium', () => {
  let served: Served;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let truth: Truth;

  beforeAll(async () => {
    const [lon, lat] = insideWard(WARD);
    [served, browser, truth] = await Promise.all([servePreview(), launchBrowser(), independentTruth()]);
    // The ward at the map's centre, close in: a click at the centre of the map picks it.
    ({ page, errors } = await openReady(browser, `${served.url}?lon=${lon.toFixed(5)}&lat=${lat.toFixed(5)}&zoom=14`));
  });

  /** The legend's "N MPS recorded offences in 679 Met wards": N. */
  const legendTotal = async () => num((await page.getByTestId('recorded-total').textContent())!.split(' MPS')[0]);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it('the checks have teeth: the ward has 24 months of figures, and Hackney 20 or more wards', () => {
    expect(truth.wardSeries).toHaveLength(24);
    expect(truth.wardSeries.every((v) => v > 0)).toBe(true);
    expect(truth.boroughWards).toBeGreaterThanOrEqual(20);
  });

  it('is not loaded before the layer is chosen, and draws no orange-red wards then', async () => {
    expect(await page.getByTestId('recorded-legend').count()).toBe(0);
    expect(await countDeckPixels(page, OR_RD, 20)).toBeLessThan(500);
  });

  it('choosing the layer loads the Met\'s figures and draws the ward choropleth, labelled as MPS recorded offences', async () => {
    await page.getByTestId('layer-recorded').check();
    // Loading runs as a queued job after the first map (2 MB of Parquet into DuckDB): allow for a busy machine.
    await page.waitForSelector('[data-testid="recorded-total"]', { timeout: 60_000 });
    await expect.poll(async () => legendTotal()).toBe(truth.latestYear);
    expect(await page.getByTestId('recorded-total').textContent()).toContain('MPS recorded offences in 679 Met wards');
    await expect.poll(async () => countDeckPixels(page, OR_RD, 20), { timeout: 15_000 }).toBeGreaterThan(100_000);
    expect(await page.getByTestId('map-title-heading').textContent()).toContain('MPS recorded offences');
    expect(await page.getByTestId('map-title-scope').textContent()).toContain('Mar 2025 – Feb 2026');
    expect(await page.getByTestId('legend').textContent()).toContain('MPS recorded offences (Home Office groups, no anti-social behaviour)');
    expect(await page.getByTestId('legend').textContent()).toContain('City of London: no figures (City of London Police)');
    expect(await page.getByTestId('recorded-label').textContent()).toContain('MPS recorded offences (Home Office groups, no anti-social behaviour)');
    // The police.uk crimes' total is not shown beside them.
    expect(await page.getByTestId('filtered-total').count()).toBe(0);
  });

  it('clicking a ward shows its 24-month trend against its borough, with figures equal to the independent sums', async () => {
    const box = (await page.getByTestId('map').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect.poll(async () => page.getByTestId('trend-subject').textContent(), { timeout: 15_000 }).toBe('Hackney Central');
    await page.waitForSelector('[data-testid="trend-summary"]', { timeout: 15_000 });
    const last12 = truth.wardSeries.slice(12).reduce((a, b) => a + b, 0);
    const previous12 = truth.wardSeries.slice(0, 12).reduce((a, b) => a + b, 0);
    expect(num(await page.getByTestId('trend-last12').textContent())).toBe(last12);
    const summary = (await page.getByTestId('trend-summary').textContent())!;
    expect(summary).toContain(`(${fmt(previous12)})`);
    expect(summary).toContain('Hackney ward average');
    expect(await page.getByTestId('trend-comparison-last12').textContent()).toBe(fmt(truth.boroughLast12 / truth.boroughWards));
    // The pointer rests on the ward: its hover text gives the same latest 12 months (the layer's default period).
    await expect.poll(async () => page.getByTestId('recorded-tooltip').textContent(), { timeout: 15_000 }).toContain('Hackney Central · Hackney');
    expect(await page.getByTestId('recorded-tooltip').textContent()).toContain(`${fmt(last12)} MPS recorded offences`);
    // The chart plots exactly the ward's 24 monthly figures.
    const label = (await page.getByTestId('trend-chart').getAttribute('aria-label'))!;
    expect(label).toContain(`offences per month 2024-03 to 2026-02: ${truth.wardSeries.join(', ')};`);
    expect(await page.getByTestId('recorded-trend').textContent()).toContain('MPS recorded offences (Home Office groups, no anti-social behaviour)');
    // The choice is in the link.
    await expect.poll(() => new URL(page.url()).searchParams.get('rcward')).toBe(WARD);
    expect(new URL(page.url()).searchParams.get('layer')).toBe('recorded');
  });

  it('one offence group: the legend counts only that group, and the link keeps it', async () => {
    await page.getByTestId('rc-group').selectOption('THEFT');
    await expect.poll(async () => legendTotal()).toBe(truth.latestYearTheft);
    await expect.poll(() => new URL(page.url()).searchParams.get('rcg')).toBe('THEFT');
    expect(await page.getByTestId('map-title-scope').textContent()).toContain('Theft');
  });

  it('one borough as the area: only its wards are drawn and counted, and its trend is against the London borough average', async () => {
    await page.evaluate(
      () => (window as unknown as { hotspot: { setView(p: object): void } }).hotspot.setView({ rcWard: null, area: { kind: 'borough', codes: ['E09000012'] } }),
    );
    await expect.poll(legendTotal).toBe(truth.boroughTheftLast12);
    expect(await page.getByTestId('recorded-total').textContent()).toContain(`in ${truth.boroughWards} Met wards`);
    await expect.poll(async () => page.getByTestId('trend-subject').textContent(), { timeout: 15_000 }).toBe('Hackney');
    await expect.poll(async () => num(await page.getByTestId('trend-last12').textContent()), { timeout: 15_000 }).toBe(truth.boroughTheftLast12);
    expect(await page.getByTestId('trend-comparison-last12').textContent()).toBe(fmt(truth.londonTheftLast12 / 32));
    expect(await page.getByTestId('trend-summary').textContent()).toContain('London borough average');
  });

  it('a City of London ward says it has no figures (City of London Police), never zero', async () => {
    await page.evaluate((code) => (window as unknown as { hotspot: { setView(p: object): void } }).hotspot.setView({ rcWard: code }), CITY_WARD);
    await expect.poll(async () => page.getByTestId('trend-no-figures').textContent(), { timeout: 15_000 }).toBe(
      'City of London: no figures (City of London Police).',
    );
    expect(await page.getByTestId('trend-chart').count()).toBe(0);
  });

  it('left no errors in the console', () => {
    expect(errors).toEqual([]);
  });
});
