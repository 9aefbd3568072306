/**
 * Aggregated extracts built by hand for the count-column tests (issue 11, items 2 and 3), shared
 * by the Node tests and the browser test: rows at the centres of a flat-top hexagon grid, like the
 * hex-100m London set. The expected numbers are worked out here from how the grid is built.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The hex-100m London extract: the embedded copy once the data build made it, else the shared original. */
export const HEX_PARQUET = [
  join(import.meta.dirname, '..', '..', '..', 'data', 'london-2025-26-hex100m.parquet'),
  join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'data', 'crime', 'london-2025-05_2026-04-hex100m', 'crime_hex_3d_month.parquet'),
].find((f) => existsSync(f));

/** Mean Earth radius (m). */
const R_EARTH = 6_371_008.8;

/**
 * Centres of a flat-top hexagon grid of `radius` metres (centre to corner) around a point: axial
 * cell (q, r) sits at x = 1.5·radius·q, y = √3·radius·(r + q/2), so neighbouring centres are
 * √3·radius apart and one cell covers (3√3/2)·radius².
 */
export function hexGridCentres(opts: { lon0: number; lat0: number; radius: number; cols: number; rows: number }): { lon: number; lat: number }[] {
  const out: { lon: number; lat: number }[] = [];
  const ky = (R_EARTH * Math.PI) / 180;
  const kx = ky * Math.cos((opts.lat0 * Math.PI) / 180);
  for (let q = 0; q < opts.cols; q++) {
    for (let r = 0; r < opts.rows; r++) {
      const x = 1.5 * opts.radius * q;
      const y = Math.sqrt(3) * opts.radius * (r + q / 2);
      out.push({ lon: opts.lon0 + x / kx, lat: opts.lat0 + y / ky });
    }
  }
  return out;
}

/** Area of one hexagon of this radius, m². 100 m: 25,980.76 m². */
export const hexArea = (radius: number) => ((3 * Math.sqrt(3)) / 2) * radius * radius;

/**
 * A count-column CSV of 20 cells of a 100 m grid by Trafalgar Square (5 x 4 cells), one row a
 * cell in 2023-01, the count of row i (1..20) being 1 + (i mod 5): 20 rows, 60 crimes.
 * `badRows` are appended after the 20 good rows (their numbers are 21, 22, ...).
 */
export function countCsv(opts: { header?: string; badRows?: string[] } = {}): { text: string; rows: number; crimes: number } {
  const cells = hexGridCentres({ lon0: -0.1281, lat0: 51.508, radius: 100, cols: 5, rows: 4 });
  const types = ['Burglary', 'Robbery', 'Shoplifting', 'Vehicle crime'];
  const lines = cells.map((c, k) => `2023-01,${types[k % types.length]},${c.lon.toFixed(6)},${c.lat.toFixed(6)},${1 + ((k + 1) % 5)}`);
  const crimes = cells.reduce((a, _, k) => a + 1 + ((k + 1) % 5), 0);
  const header = opts.header ?? 'month,crime_type,longitude,latitude,crime_count';
  return { text: [header, ...lines, ...(opts.badRows ?? [])].join('\n') + '\n', rows: cells.length, crimes };
}
