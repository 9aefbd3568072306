/**
 * Aggregated extracts (issue 11, item 2): a count column makes each row stand for that many
 * crimes. Rows and crimes are reported apart, a count that is not a positive integer is refused
 * with its row number and value, the cube sums the counts, and the file's grid sets its precision
 * (item 3). Expected numbers come from how each file was built (helpers/hex-grid.ts) or, for the
 * real hex-100m London file, from SOURCES.md and native DuckDB.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { latLngToCell } from 'h3-js';
import Papa from 'papaparse';
import { Compression, Table as PqTable, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCube } from '../../src/db/cube';
import { hexSpacingM } from '../../src/analysis/precision';
import { loadedPrecision } from '../../src/db/precision';
import { ingestFile, type IngestEnv, type IngestReport } from '../../src/ingest/pipeline';
import { enc, freshEnv } from './helpers/env';
import { countCsv, HEX_PARQUET, hexArea } from './helpers/hex-grid';

const arrow = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');

// Rows 21..26 carry counts that are not positive integers; rows 27..29 carry good counts written
// loosely (3 with spaces, 3.0 as a float column writes it, +4). All at the first cell's centre.
const AT = '-0.128100,51.508000';
const BAD = [
  ['0', 'count: 0'],
  ['-2', 'count: -2'],
  ['1.5', 'count: 1.5'],
  ['x', 'count: x'],
  ['', 'count: (empty)'],
  ['9999999999', 'count: 9999999999'],
] as const;
const LOOSE = ['" 3 "', '3.0', '+4'];
const file = countCsv({ badRows: [...BAD.map(([c]) => `2023-01,Burglary,${AT},${c}`), ...LOOSE.map((c) => `2023-01,Robbery,${AT},${c}`)] });

describe('ingest: a count column', () => {
  let env: IngestEnv;
  let r: IngestReport;
  beforeAll(async () => {
    env = await freshEnv();
    r = await ingestFile(env, { name: 'counts.csv', data: enc(file.text) });
  });

  it('reports rows and crimes: 29 rows read, 23 kept standing for 70 crimes, 6 refused', () => {
    expect(r.status).toBe('loaded');
    expect(r.format).toBe('force-extract');
    expect(r.rowsRead).toBe(29);
    expect(r.kept).toBe(23);
    expect(r.rejected).toBe(6);
    // 60 crimes in the 20 grid rows, then 3 + 3 + 4.
    expect(file.crimes).toBe(60);
    expect(r.crimesKept).toBe(70);
    expect(r.rejectReasons).toEqual({ 'count not a positive integer': 6 });
  });

  it('refuses each bad count with its row number and value', async () => {
    const rej = await env.db.rows<{ source_row: number; reason: string; detail: string }>(
      'SELECT source_row, reason, detail FROM rejects ORDER BY source_row',
    );
    expect(rej).toEqual(BAD.map(([, detail], i) => ({ source_row: 21 + i, reason: 'count not a positive integer', detail })));
  });

  it('stores each row\'s count; the source row holds rows and crimes kept and the grid\'s precision', async () => {
    const loose = await env.db.rows<{ source_row: number; crime_count: number }>(
      'SELECT source_row, crime_count FROM crimes WHERE source_row > 20 ORDER BY source_row',
    );
    expect(loose).toEqual([
      { source_row: 27, crime_count: 3 },
      { source_row: 28, crime_count: 3 },
      { source_row: 29, crime_count: 4 },
    ]);
    const [src] = await env.db.rows<{ rows_kept: number; crimes_kept: bigint | number; cell_area_m2: number; finest_resolution: number }>(
      'SELECT rows_kept, crimes_kept::INT AS crimes_kept, cell_area_m2, finest_resolution FROM sources',
    );
    expect(src.rows_kept).toBe(23);
    expect(src.crimes_kept).toBe(70);
    expect(Math.abs(src.cell_area_m2 / hexArea(100) - 1)).toBeLessThan(0.002);
    expect(src.finest_resolution).toBe(9);
    expect(r.precision?.finestResolution).toBe(9);
    expect((await loadedPrecision(env.db)).finestResolution).toBe(9);
  });

  it('the cube sums the counts: per resolution-9 cell, as recounted here with papaparse and h3-js', async () => {
    const rows = Papa.parse<Record<string, string>>(file.text, { header: true, skipEmptyLines: true }).data;
    const want = new Map<string, number>();
    for (const row of rows) {
      const n = Number(row.crime_count.trim());
      if (!(Number.isInteger(n) && n >= 1 && n < 2 ** 31) || row.crime_count.trim() === '') continue;
      const cell = latLngToCell(Number(row.latitude), Number(row.longitude), 9);
      want.set(cell, (want.get(cell) ?? 0) + n);
    }
    const cube = await buildCube(env.db, 9);
    const got = new Map<string, number>();
    for (let i = 0; i < cube.count.length; i++) got.set(cube.cells[cube.cell[i]], (got.get(cube.cells[cube.cell[i]]) ?? 0) + cube.count[i]);
    expect([...got.values()].reduce((a, b) => a + b, 0)).toBe(70);
    expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...want].sort()));
  });

  it('a row already loaded with the same count is a duplicate; with another count it is not', async () => {
    const lines = file.text.split('\n');
    const first = lines[1].split(',');
    const changed = [...first.slice(0, -1), String(Number(first[4]) + 10)].join(',');
    const again = [lines[0], changed, lines[2]].join('\n') + '\n';
    const r2 = await ingestFile(env, { name: 'again.csv', data: enc(again) });
    expect(r2.rejectReasons).toEqual({ 'already loaded': 1 });
    expect(r2.kept).toBe(1);
    expect(r2.crimesKept).toBe(Number(first[4]) + 10);
  });
});

describe('ingest: counts from Parquet and record-level files', () => {
  it('a Parquet BIGINT count column: 3 and 2 kept (5 crimes), 0 refused on its row', async () => {
    const env = await freshEnv();
    const t = new arrow.Table({
      month: arrow.vectorFromArray(['2024-05', '2024-05', '2024-05'], new arrow.Utf8()),
      crime_type: arrow.vectorFromArray(['Shoplifting', 'Robbery', 'Burglary'], new arrow.Utf8()),
      longitude: arrow.makeVector(new Float64Array([-0.1, -0.2, -0.3])),
      latitude: arrow.makeVector(new Float64Array([51.5, 51.55, 51.45])),
      crime_count: arrow.makeVector(new BigInt64Array([3n, 0n, 2n])),
    });
    const pq = writeParquet(PqTable.fromIPCStream(arrow.tableToIPC(t, 'stream')), new WriterPropertiesBuilder().setCompression(Compression.ZSTD).build());
    const r = await ingestFile(env, { name: 'counts.parquet', data: pq });
    expect([r.rowsRead, r.kept, r.crimesKept, r.rejected]).toEqual([3, 2, 5, 1]);
    const [rej] = await env.db.rows<{ source_row: number; detail: string }>('SELECT source_row, detail FROM rejects');
    expect(rej).toEqual({ source_row: 2, detail: 'count: 0' });
  });

  it('a file without a count column: one crime a row, point precision (no limit)', async () => {
    const env = await freshEnv();
    const csv = 'Month,Crime type,Longitude,Latitude\n2023-01,Burglary,-0.1281,51.508\n2023-01,Robbery,-0.1416,51.5152\n';
    const r = await ingestFile(env, { name: 'points.csv', data: enc(csv) });
    expect([r.kept, r.crimesKept]).toEqual([2, 2]);
    expect(r.precision).toEqual({ cellAreaM2: null, finestResolution: null });
    const counts = await env.db.rows<{ crime_count: number }>('SELECT crime_count FROM crimes');
    expect(counts).toEqual([{ crime_count: 1 }, { crime_count: 1 }]);
    expect(await loadedPrecision(env.db)).toEqual({ cellAreaM2: null, finestResolution: null, fileName: null });
  });
});

describe('ingest: a grid spacing stated in the mapping step', () => {
  const mapping = (cellSpacingM: number) => ({
    format: 'force-extract' as const,
    coordinates: 'wgs84' as const,
    columns: { month: 'month', category: 'crime_type', longitude: 'longitude', latitude: 'latitude', count: 'crime_count' },
    cellSpacingM,
  });

  it('overrides detection: the 100 m grid stated as 866 m apart (500 m hexagons) supports resolution 8 only', async () => {
    const env = await freshEnv();
    const r = await ingestFile(env, { name: 'stated.csv', data: enc(countCsv().text) }, { mapping: mapping(866) });
    // (√3/2)·866² = 649,485 m²: under resolution 8's average 737,328 m², over resolution 9's 105,333 m².
    expect(r.precision?.cellAreaM2).toBeCloseTo((Math.sqrt(3) / 2) * 866 * 866, 6);
    expect(r.precision?.finestResolution).toBe(8);
    expect((await loadedPrecision(env.db)).finestResolution).toBe(8);
  });

  it('an embedded dataset\'s stated spacing (ingest option) replaces detection without a mapping: 25,981 m², as data/datasets.json says', async () => {
    const env = await freshEnv();
    // The default dataset's catalogue entry: 100 m hexagons, 3·√3/2·100² = 25,981 m² (rounded by the build).
    const r = await ingestFile(env, { name: 'embedded.csv', data: enc(countCsv().text) }, { cellSpacingM: hexSpacingM(25_981) });
    expect(r.precision?.cellAreaM2).toBeCloseTo(25_981, 6);
    expect(r.precision?.finestResolution).toBe(9);
    expect(await loadedPrecision(env.db)).toEqual({ cellAreaM2: expect.closeTo(25_981, 6), finestResolution: 9, fileName: 'embedded.csv' });
  });

  it('a spacing that is not a positive number is refused before anything is written', async () => {
    const env = await freshEnv();
    await expect(ingestFile(env, { name: 'bad-spacing.csv', data: enc(countCsv().text) }, { mapping: mapping(-5) })).rejects.toThrow(
      'bad-spacing.csv: the cell spacing given, -5 m, is not a positive number of metres',
    );
    const [{ n }] = await env.db.rows<{ n: number }>('SELECT (SELECT count(*) FROM crimes) + (SELECT count(*) FROM sources) AS n');
    expect(Number(n)).toBe(0);
  });
});

describe('ingest: the hex-100m London extract (real file)', () => {
  it('keeps all 640,333 rows as 1,142,981 crimes; 100 m cells support resolution 9; the cube sums to the crimes', async () => {
    expect(HEX_PARQUET, 'the hex-100m parquet is missing').toBeDefined();
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    const [[rows, crimes]] = (
      await conn.runAndReadAll(`SELECT count(*)::INT, sum(crime_count)::INT FROM read_parquet('${HEX_PARQUET}')`)
    ).getRows();
    // SOURCES.md: 640,333 rows, 1,142,981 crimes.
    expect([rows, crimes]).toEqual([640_333, 1_142_981]);
    const env = await freshEnv();
    const r = await ingestFile(env, { name: 'crime_hex_3d_month.parquet', data: new Uint8Array(readFileSync(HEX_PARQUET!)) });
    expect(r.format).toBe('force-extract');
    expect([r.rowsRead, r.kept, r.rejected, r.crimesKept]).toEqual([640_333, 640_333, 0, 1_142_981]);
    expect(r.precision?.finestResolution).toBe(9);
    const cube = await buildCube(env.db, 9);
    expect(cube.count.reduce((a, b) => a + b, 0)).toBe(1_142_981);
    expect(cube.months).toEqual(['2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04']);
  }, 300_000);
});
