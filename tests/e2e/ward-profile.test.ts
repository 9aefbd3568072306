/**
 * The ward profile (issue 13, item 5) in Debian's Chromium on the default dataset: Bloomsbury
 * reached by the ward search, its top three problems by harm and by count, this month against
 * last, and its hot spots, against an independent computation from the parquet (native DuckDB,
 * turf point in the ward's polygon for each crime's own point, h3-js cells: ./tasking-reference.ts);
 * its printed page; the Met's recorded figures beside police.uk's once that layer is loaded.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bbox } from '@turf/turf';
import { latLngToCell } from 'h3-js';
import { launchBrowser, openReady, servePreview, type Served } from './harness';
import { boundaryFeature } from './reference';
import { allMonths, HARM, inside, rowsInBox, type HexCrimeRow } from './tasking-reference';

const BLOOMSBURY = 'E05013653';
const int = (x: number) => Math.round(x).toLocaleString('en-GB');

let served: Served;
let browser: Browser;
let page: Page;
let errors: string[];
let wardRows: HexCrimeRow[];
let months: string[];
const ward = boundaryFeature('wards.geojson', BLOOMSBURY);

beforeAll(async () => {
  let rows: HexCrimeRow[];
  [served, browser, rows, months] = await Promise.all([servePreview(), launchBrowser(), rowsInBox(bbox(ward), 0), allMonths()]);
  wardRows = rows.filter(inside(ward));
  ({ page, errors } = await openReady(browser, served.url));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** Crimes and harm per crime type of the rows, and the top three by harm (no harm: never listed) and by count. */
function topThree(rows: HexCrimeRow[]) {
  const by = new Map<string, { crimes: number; harm: number }>();
  for (const r of rows) {
    const t = by.get(r.type) ?? { crimes: 0, harm: 0 };
    t.crimes += r.n;
    t.harm += r.n * HARM[r.type];
    by.set(r.type, t);
  }
  const types = [...by.entries()];
  const byHarm = types.filter(([, t]) => t.harm > 0).sort((a, b) => b[1].harm - a[1].harm || b[1].crimes - a[1].crimes || a[0].localeCompare(b[0])).slice(0, 3);
  const byCount = types.filter(([, t]) => t.crimes > 0).sort((a, b) => b[1].crimes - a[1].crimes || b[1].harm - a[1].harm || a[0].localeCompare(b[0])).slice(0, 3);
  return { byHarm, byCount };
}

describe('the ward profile', () => {
  it('reached by the ward search: top three by harm and by count, this month against last, hot spots', async () => {
    expect(await page.getByTestId('ward-profile').count()).toBe(0);
    await page.getByTestId('area-kind').selectOption('ward');
    const input = page.getByRole('combobox', { name: 'Find a ward by name or borough' });
    await input.click();
    await input.pressSequentially('bloomsbury');
    await input.press('ArrowDown');
    await input.press('Enter');
    const panel = page.getByTestId('ward-profile');
    await expect.poll(() => panel.count()).toBe(1);

    const { byHarm, byCount } = topThree(wardRows);
    const crimes = wardRows.reduce((s, r) => s + r.n, 0);
    const harm = wardRows.reduce((s, r) => s + r.n * HARM[r.type], 0);
    expect(crimes).toBeGreaterThan(5000); // central London: a ward with crime, not an empty test
    await expect.poll(() => page.getByTestId('ward-profile-headline').first().textContent()).toBe(
      `Bloomsbury (Camden), ${months[0]} to ${months.at(-1)}: ${int(crimes)} crimes, ${int(harm)} harm days.`,
    );
    const listed = (id: string) => page.$$eval(`[data-testid="ward-profile-body"] [data-testid="${id}"] li`, (lis) => lis.map((li) => [li.getAttribute('data-category'), li.textContent]));
    const harmList = await listed('ward-top-harm');
    expect(harmList.map((x) => x[0])).toEqual(byHarm.map(([t]) => t));
    harmList.forEach(([, text], i) => {
      const [, t] = byHarm[i];
      expect(text).toContain(`${int(t.harm)} harm days (${Math.round((t.harm / harm) * 100)} % of the ward's harm), ${int(t.crimes)} crimes`);
      expect(text).toMatch(/\(Camden: (no significant trend|rising \d+ % a month|falling \d+ % a month)\)$/);
    });
    const countList = await listed('ward-top-count');
    expect(countList.map((x) => x[0])).toEqual(byCount.map(([t]) => t));
    countList.forEach(([, text], i) => expect(text).toContain(`${int(byCount[i][1].crimes)} crimes (${Math.round((byCount[i][1].crimes / crimes) * 100)} % of the ward's crimes)`));

    // This month against last month; the data hold no month a year before this one.
    const inMonth = (m: string) => wardRows.filter((r) => r.month === m).reduce((s, r) => s + r.n, 0);
    const [now, before] = [inMonth(months.at(-1)!), inMonth(months.at(-2)!)];
    const change = Math.round(Math.abs(now / before - 1) * 100);
    const compare = await page.locator('[data-testid="ward-profile-body"] [data-testid="ward-months"]').textContent();
    expect(compare).toContain(`${months.at(-1)}: ${int(now)} crimes`);
    expect(compare).toContain(`Against last month (${months.at(-2)}): crimes ${now >= before ? 'up' : 'down'} ${change} % (${int(before)} to ${int(now)})`);
    expect(compare).toContain('No data for the same month last year.');

    // Hot spots: the five cells holding most of the ward's own harm.
    const cellHarm = new Map<string, number>();
    for (const r of wardRows) {
      const c = latLngToCell(r.lat, r.lon, 9);
      cellHarm.set(c, (cellHarm.get(c) ?? 0) + r.n * HARM[r.type]);
    }
    const hot = [...cellHarm.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5).map(([c]) => c);
    expect(await page.$$eval('[data-testid="ward-profile-body-map"] path[data-h3]', (ps) => ps.map((p) => p.getAttribute('data-h3')))).toEqual(hot);
    expect(await page.getByTestId('ward-recorded-none').first().textContent()).toMatch(/^MPS recorded offences \(Home Office groups, no anti-social behaviour\): not loaded/);
  });

  it('prints on its own page', async () => {
    expect(await page.getByTestId('ward-profile-sheet').isVisible()).toBe(false);
    await page.evaluate(() => (window.print = () => {}));
    await page.getByTestId('print-profile').click();
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.getByTestId('app').isVisible()).toBe(false);
      const text = await page.getByTestId('ward-profile-sheet').innerText();
      expect(text).toMatch(/^Ward profile: Bloomsbury/);
      expect(text).toContain('Top problems by harm');
      expect(text).toContain('Top problems by count');
      expect(await page.getByTestId('mission-sheet').count()).toBe(0);
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('shows the Met\'s recorded offences beside police.uk\'s once they are loaded, never added to them', async () => {
    await page.getByTestId('layer-recorded').check();
    const recorded = page.locator('[data-testid="ward-profile-body"] [data-testid="ward-recorded"]');
    await expect.poll(() => recorded.count(), { timeout: 60_000 }).toBe(1);
    const text = (await recorded.textContent())!;
    expect(text).toMatch(/^MPS recorded offences \(Home Office groups, no anti-social behaviour\), Bloomsbury: [\d,]+ offences in the 12 months to \d{4}-\d{2}/);
    // The same figure as the recorded trend panel shows for the ward.
    const last12 = await page.getByTestId('trend-last12').textContent();
    expect(text).toContain(`${last12} offences in the 12 months`);
    const crimes = wardRows.reduce((s, r) => s + r.n, 0);
    expect(text).toContain(`Beside police.uk street crime: ${int(crimes)} crimes`);
    expect(text).toContain('never added together');
    expect(errors).toEqual([]);
  });
});
