// `npm test`: install what is missing (npm packages, Debian's chromium), type-check, build,
// run every unit test (Vitest, Node) and every browser test (Vitest + playwright-core driving
// /usr/bin/chromium), then print one plain closing line: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBuild, ensureChromium, ensureNodeModules } from './ensure.mjs';

const root = join(import.meta.dirname, '..');
const out = join(root, '.cache', 'test-results');
ensureNodeModules();
ensureChromium();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const run = (label, args) => {
  console.log(`\n[test] ${label}`);
  return spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
};

let passed = 0;
let failed = 0;

// Strict TypeScript is part of the contract: each config with type errors counts as one failure.
for (const cfg of ['tsconfig.json', 'tsconfig.worker.json', 'tsconfig.node.json']) {
  if (run(`type-check (${cfg})`, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', cfg]) !== 0) failed++;
}

ensureBuild({ force: true });

const vitest = (label, config, file) => {
  run(label, ['node_modules/vitest/vitest.mjs', 'run', '--config', config, '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  if (!existsSync(file)) {
    console.error(`[test] ${label}: no results written (runner crashed)`);
    failed++;
    return;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  // A file that failed to load has no tests counted: count it as a failure.
  failed += r.testResults.filter((t) => t.status === 'failed' && t.assertionResults.length === 0).length;
};
vitest('unit tests (tests/unit)', 'vitest.config.ts', join(out, 'unit.json'));
vitest('browser tests (tests/e2e, Chromium)', 'vitest.e2e.config.ts', join(out, 'e2e.json'));

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
