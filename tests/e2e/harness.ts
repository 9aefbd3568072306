/**
 * Browser-test harness: serves the built app with `vite preview` on 127.0.0.1 and drives
 * Debian's Chromium through playwright-core (never a downloaded browser). WebGL2 comes from
 * SwiftShader in headless mode, so deck.gl really draws and its pixels can be read back.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..', '..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Served {
  url: string;
  stop(): Promise<void>;
}

/** The 2017-18 record-level dataset: the tests written against its figures open it explicitly. */
export const RECORDS_2017 = 'ds=london-2017-18';

/** The app's address with the 2017-18 dataset and any further query (`'layer=gi&bcu=CE'`). */
export function recordsUrl(served: Served, query = ''): string {
  return `${served.url}?${RECORDS_2017}${query ? `&${query}` : ''}`;
}

/** Starts `vite preview` of dist/ (or another build directory) on a free port and resolves when it answers. */
export async function servePreview(port = 4300 + Math.floor(Math.random() * 500), outDir = 'dist'): Promise<Served> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  child.stdout?.on('data', (d) => (log += d));
  child.stderr?.on('data', (d) => (log += d));
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`vite preview exited: ${log}`);
    try {
      const r = await fetch(url);
      if (r.ok) break;
    } catch {
      // not listening yet: retry until the deadline
    }
    if (Date.now() > deadline) throw new Error(`vite preview did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** Chromium's flags for every test. The machine has no network: without these Chromium keeps trying Google's hosts (STACK.md). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Collects console errors and page errors so a test can assert there were none. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/**
 * Opens the app at `url` in a new page (1280x860 unless told), collecting its console and page
 * errors, and waits until it is ready.
 */
export async function openReady(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number } = { width: 1280, height: 860 },
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  const errors = collectErrors(page);
  await page.goto(url);
  await waitReady(page);
  return { page, errors };
}

/** Waits until the app reports it is ready (the embedded data loaded and the cube built). */
export async function waitReady(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForSelector('[data-testid="app"][data-phase="ready"]', { timeout });
}

/**
 * Counts deck.gl overlay pixels of a colour class: reads the overlay canvas back (deck 9
 * keeps its drawing buffer) and counts pixels whose RGB is within `tol` of any of `colors`.
 */
export async function countDeckPixels(page: Page, colors: [number, number, number][], tol = 40): Promise<number> {
  return page.evaluate(
    ({ colors, tol }) => {
      const canvases = [...document.querySelectorAll('[data-testid="map"] canvas')] as HTMLCanvasElement[];
      const deckCanvas = canvases.find((c) => !c.classList.contains('maplibregl-canvas'));
      if (!deckCanvas) return -1;
      const c2 = document.createElement('canvas');
      c2.width = deckCanvas.width;
      c2.height = deckCanvas.height;
      const ctx = c2.getContext('2d')!;
      ctx.drawImage(deckCanvas, 0, 0);
      const d = ctx.getImageData(0, 0, c2.width, c2.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i + 3] < 100) continue;
        for (const [r, g, b] of colors) {
          if (Math.abs(d[i] - r) <= tol && Math.abs(d[i + 1] - g) <= tol && Math.abs(d[i + 2] - b) <= tol) {
            n++;
            break;
          }
        }
      }
      return n;
    },
    { colors, tol },
  );
}

/** A point over a drawn hexagon near the map's centre (an opaque deck pixel whose neighbours 3 px away are opaque too). */
export async function hexagonSpot(page: Page): Promise<{ x: number; y: number }> {
  const spot = await page.evaluate(() => {
    const c = [...document.querySelectorAll('[data-testid="map"] canvas')].find((x) => !x.classList.contains('maplibregl-canvas')) as HTMLCanvasElement;
    const r = c.getBoundingClientRect();
    const k = document.createElement('canvas');
    k.width = c.width;
    k.height = c.height;
    const ctx = k.getContext('2d')!;
    ctx.drawImage(c, 0, 0);
    const d = ctx.getImageData(0, 0, k.width, k.height).data;
    const s = r.width / c.width;
    const opaque = (x: number, y: number) => d[(Math.floor(y) * c.width + Math.floor(x)) * 4 + 3] > 200;
    for (let ring = 0; ring < Math.min(c.width, c.height) / 2; ring += 4)
      for (const [x, y] of [[c.width / 2 + ring, c.height / 2], [c.width / 2 - ring, c.height / 2], [c.width / 2, c.height / 2 + ring], [c.width / 2, c.height / 2 - ring]])
        if (opaque(x, y) && [-3, 3].every((o) => opaque(x + o, y) && opaque(x, y + o))) return { x: r.left + x * s, y: r.top + y * s };
    return null;
  });
  if (!spot) throw new Error('no drawn hexagon near the centre of the map');
  return spot;
}
