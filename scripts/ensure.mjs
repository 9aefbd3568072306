// Set-up shared by `npm start` and `npm test`: install what is missing, using only Node built-ins
// (this runs before node_modules exists on a fresh clone).
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');

/** `npm ci` when node_modules is missing or older than the lockfile. */
export function ensureNodeModules() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs - 1000) return;
  console.log('[setup] installing npm packages (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}

export const CHROMIUM = '/usr/bin/chromium';

/** Debian's Chromium for the browser tests (never a downloaded browser build). */
export function ensureChromium() {
  if (existsSync(CHROMIUM)) return;
  const isRoot = process.getuid?.() === 0;
  const sudo = isRoot ? '' : 'sudo ';
  console.log('[setup] installing Debian chromium (apt-get)…');
  execSync(`${sudo}apt-get update -qq && ${sudo}env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium`, {
    stdio: 'inherit',
  });
  if (!existsSync(CHROMIUM)) throw new Error('chromium did not install at /usr/bin/chromium');
}

/** Builds the app unless dist/ is newer than every source file. */
export function ensureBuild({ force = false } = {}) {
  const dist = join(root, 'dist', 'index.html');
  if (!force && existsSync(dist)) {
    const built = statSync(dist).mtimeMs;
    const newest = execSync('git ls-files -z src data index.html vite.config.ts package-lock.json 2>/dev/null || true', { cwd: root })
      .toString()
      .split('\0')
      .filter(Boolean)
      .map((f) => (existsSync(join(root, f)) ? statSync(join(root, f)).mtimeMs : 0))
      .reduce((a, b) => Math.max(a, b), 0);
    if (built > newest) return;
  }
  console.log('[setup] building the app (vite build)…');
  execSync('node node_modules/vite/bin/vite.js build --logLevel warn', { cwd: root, stdio: 'inherit' });
}

export function readJson(p) {
  return JSON.parse(readFileSync(p, 'utf8'));
}
