// `npm start`: install what is missing, build, and serve the app with its embedded London data
// on http://127.0.0.1:5173.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuild, ensureNodeModules } from './ensure.mjs';

const root = join(import.meta.dirname, '..');
ensureNodeModules();
ensureBuild();
console.log('[start] serving on http://127.0.0.1:5173 (Ctrl+C to stop)');
const child = spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--port', '5173', '--strictPort'], {
  cwd: root,
  stdio: 'inherit',
});
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
