import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

// DuckDB-WASM and parquet-wasm ship their own wasm + worker files; Vite's dependency
// optimiser would rewrite their relative URLs, so they are excluded (STACK.md snippets).
export default defineConfig({
  plugins: [solid()],
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
});
