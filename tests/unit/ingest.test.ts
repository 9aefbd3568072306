import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { Compression, Table as PqTable, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm/node';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { NeedsMappingError } from '../../src/ingest/detect';
import { ingestFile, type IngestEnv } from '../../src/ingest/pipeline';
import { DATA, enc, freshEnv } from './helpers/env';

const arrow = createRequire(import.meta.url)('apache-arrow') as typeof import('apache-arrow');
const STREET = join(DATA, 'samples', '2023-01-metropolitan-street-sample.csv');
const STOP = join(DATA, 'samples', '2016-06-metropolitan-stop-and-search.csv');

describe('ingest: police.uk street CSV', () => {
  let env: IngestEnv;
  beforeAll(async () => {
    env = await freshEnv();
  });

  it('keeps every row of the real 4,000-row sample that has coordinates, category and month', async () => {
    const bytes = readFileSync(STREET);
    // Independent count with papaparse: rows with coordinates (police.uk repeats a Crime ID for
    // each offence of one crime, so repeated IDs inside a file are all kept).
    const parsed = Papa.parse<Record<string, string>>(bytes.toString('utf8'), { header: true, skipEmptyLines: true }).data;
    const expectKept = parsed.filter((r) => r.Longitude && r.Latitude).length;
    expect(parsed.length).toBe(4000);
    const report = await ingestFile(env, { name: '2023-01-metropolitan-street.csv', data: new Uint8Array(bytes) });
    expect(report.status).toBe('loaded');
    expect(report.format).toBe('police-street');
    expect(report.rowsRead).toBe(4000);
    expect(report.kept).toBe(expectKept);
    expect(report.kept + report.rejected).toBe(4000);
    const [row] = await env.db.rows<{ n: number; n_months: number; asb: number }>(
      `SELECT count(*)::INT n, count(DISTINCT month)::INT n_months, count(*) FILTER (crime_type = 'Anti-social behaviour')::INT asb FROM crimes`,
    );
    expect(row.n).toBe(expectKept);
    expect(row.n_months).toBe(1);
    expect(row.asb).toBe(parsed.filter((r) => r['Crime type'] === 'Anti-social behaviour').length);
  });

  it('loading the same file twice does not double-count', async () => {
    const bytes = new Uint8Array(readFileSync(STREET));
    const before = await env.db.rows<{ n: number }>('SELECT count(*)::INT n FROM crimes');
    const again = await ingestFile(env, { name: 'copy-with-another-name.csv', data: bytes });
    expect(again.status).toBe('duplicate-file');
    expect(again.kept).toBe(0);
    const after = await env.db.rows<{ n: number }>('SELECT count(*)::INT n FROM crimes');
    expect(after[0].n).toBe(before[0].n);
  });

  it('records already loaded from another file are refused as "already loaded", as a multiset', async () => {
    const text = readFileSync(STREET, 'utf8');
    const lines = text.split('\n');
    // header + the first 10 rows (already loaded) + row 1 once more: 11 rows, 10 duplicates, and
    // the 11th is a second copy of row 1 beyond the one copy loaded, so it is kept.
    const csv = [...lines.slice(0, 11), lines[1]].join('\n') + '\n';
    const r = await ingestFile(env, { name: 'first-ten-and-one.csv', data: enc(csv) });
    expect(r.rejectReasons).toEqual({ 'already loaded': 10 });
    expect(r.kept).toBe(1);
  });
});

describe('ingest: every reject reason', () => {
  it('refuses each bad row with its reason and keeps the good ones', async () => {
    const env = await freshEnv();
    const H = 'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';
    const rows = [
      'a1,2023-01,Metropolitan Police Service,Metropolitan Police Service,-0.1281,51.5080,On or near Trafalgar Square,,,Burglary,,', // kept
      'a2,Jan 2023,MPS,MPS,-0.1281,51.5080,x,,,Burglary,,', // unparseable month
      'a3,2023-01,MPS,MPS,-0.1281,51.5080,x,,,Piracy,,', // unknown category
      'a4,2023-01,MPS,MPS,,,x,,,Robbery,,', // no coordinates
      'a5,2023-01,MPS,MPS,abc,51.5,x,,,Robbery,,', // unparseable coordinates
      'a6,2023-01,MPS,MPS,0,0,x,,,Robbery,,', // outside the UK
      'a1,2023-01,MPS,MPS,-0.1281,51.5080,x,,,Robbery,,', // same Crime ID, another offence: kept
      'a7,2023-01,MPS,MPS,-0.1281,51.5080,x,,,Burglary,,,,extra', // malformed
      ',2023-01,MPS,MPS,-0.09,51.51,x,,,anti-social-behaviour,,', // kept (API slug)
    ];
    const r = await ingestFile(env, { name: 'bad.csv', data: enc([H, ...rows].join('\n') + '\n') });
    expect(r.rejectReasons).toEqual({
      'unparseable month': 1,
      'unknown category': 1,
      'no coordinates': 1,
      'unparseable coordinates': 1,
      'coordinates outside the UK': 1,
      'malformed row': 1,
    });
    expect(r.kept).toBe(3);
    expect(r.rowsRead).toBe(9);
    const rej = await env.db.rows<{ reason: string; source_row: number; detail: string | null; raw: string }>(
      'SELECT reason, source_row, detail, raw FROM rejects ORDER BY reason',
    );
    const byReason = Object.fromEntries(rej.map((x) => [x.reason, x]));
    expect(byReason['unparseable month'].detail).toBe('month: Jan 2023');
    expect(byReason['unknown category'].detail).toBe('category: Piracy');
    expect(byReason['coordinates outside the UK'].detail).toBe('coordinates: 0, 0');
    expect(byReason['malformed row'].raw).toContain('a7,2023-01');
    expect(byReason['unparseable month'].raw).toContain("'Month': Jan 2023");
    expect(byReason['unparseable month'].source_row).toBe(2);
    const kept = await env.db.rows<{ crime_type: string }>('SELECT crime_type FROM crimes ORDER BY crime_type');
    expect(kept.map((k) => k.crime_type)).toEqual(['Anti-social behaviour', 'Burglary', 'Robbery']);
  });

  it('an empty file and a non-tabular file fail with a clear one-line error', async () => {
    const env = await freshEnv();
    await expect(ingestFile(env, { name: 'empty.csv', data: new Uint8Array() })).rejects.toThrow('empty.csv: the file is empty');
    await expect(ingestFile(env, { name: 'junk.parquet', data: enc('not parquet at all') })).rejects.toThrow(/junk\.parquet: not a readable Parquet file/);
  });
});

describe('ingest: police.uk stop-and-search CSV', () => {
  it('keeps the 9,619 located searches of June 2016 and refuses the 871 without coordinates', async () => {
    const env = await freshEnv();
    const r = await ingestFile(env, { name: '2016-06-metropolitan-stop-and-search.csv', data: new Uint8Array(readFileSync(STOP)) });
    expect(r.format).toBe('police-stop-search');
    expect(r.rowsRead).toBe(10_490);
    expect(r.rejectReasons).toEqual({ 'no coordinates': 871 });
    expect(r.kept).toBe(9_619);
    // Dates are UTC; 2016-05-31T23:01:00+00:00 is 00:01 BST on 1 June, so every search is a June one.
    const months = await env.db.rows<{ m: string }>(`SELECT DISTINCT strftime(month, '%Y-%m') m FROM crimes`);
    expect(months).toEqual([{ m: '2016-06' }]);
    const [c] = await env.db.rows<{ t: string; ctx: string }>(`SELECT crime_type t, context ctx FROM crimes LIMIT 1`);
    expect(c.t).toBe('Stop and search');
    expect(c.ctx).toMatch(/^Object of search: /);
  });
});

describe('ingest: force extracts', () => {
  it('converts British National Grid eastings/northings with proj4 (Trafalgar Square)', async () => {
    const env = await freshEnv();
    // BNG 530 000 E, 180 430 N is in Trafalgar Square, ~20 m from Nelson's Column (WGS84 51.50773, -0.12798);
    // the exact conversion is checked in bng.test.ts, this checks the ingest wiring.
    const csv = 'URN,Offence Date,Offence,Easting,Northing\nX1,14/03/2024,Robbery,530000,180430\nX2,15/03/2024,Burglary,,\n';
    const r = await ingestFile(env, { name: 'force.csv', data: enc(csv) });
    expect(r.format).toBe('force-extract');
    expect(r.kept).toBe(1);
    expect(r.rejectReasons).toEqual({ 'no coordinates': 1 });
    const [p] = await env.db.rows<{ longitude: number; latitude: number; month: string; borough_code: string; bcu_code: string }>(
      `SELECT c.longitude, c.latitude, strftime(c.month, '%Y-%m') AS month, l.borough_code, l.bcu_code FROM crimes c JOIN locations l USING (loc_id)`,
    );
    expect(p.month).toBe('2024-03');
    expect(p.longitude).toBeCloseTo(-0.1282, 3);
    expect(p.latitude).toBeCloseTo(51.5079, 3);
    expect(p.borough_code).toBe('E09000033'); // Westminster
    expect(p.bcu_code).toBe('AW');
  });

  it('asks for a mapping when it cannot tell the columns apart, then loads with it', async () => {
    const env = await freshEnv();
    const csv = 'ref,when,what,gx,gy\nR1,2024-02-11,Drugs,-0.1,51.5\nR2,2024-02-12,Drugs,-0.11,51.51\n';
    let err: unknown;
    try {
      await ingestFile(env, { name: 'odd.csv', data: enc(csv) });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NeedsMappingError);
    const nm = err as NeedsMappingError;
    expect(nm.header).toEqual(['ref', 'when', 'what', 'gx', 'gy']);
    expect(nm.detection.missing).toEqual(['month', 'category', 'longitude', 'latitude']);
    const r = await ingestFile(env, { name: 'odd.csv', data: enc(csv) }, {
      mapping: { format: 'force-extract', coordinates: 'wgs84', columns: { crimeId: 'ref', month: 'when', category: 'what', longitude: 'gx', latitude: 'gy' } },
    });
    expect(r.kept).toBe(2);
  });

  it('reads a Latin-1 CSV (as Excel on Windows saves it) without losing its accents or pound signs', async () => {
    const env = await freshEnv();
    const text = 'Crime ID,Month,Longitude,Latitude,Location,Crime type\nL1,2024-01,-0.1,51.5,Caf\u00e9 on the \u00a35 street,Robbery\n';
    const latin1 = Uint8Array.from(text, (ch) => ch.charCodeAt(0)); // every char here is < 256: one byte each
    const r = await ingestFile(env, { name: 'latin1.csv', data: latin1 });
    expect(r.kept).toBe(1);
    const [row] = await env.db.rows<{ location: string }>('SELECT location FROM crimes');
    expect(row.location).toBe('Caf\u00e9 on the \u00a35 street');
  });

  it('reads a Parquet extract (written here with parquet-wasm) through the same checks', async () => {
    const env = await freshEnv();
    const t = new arrow.Table({
      crime_ref: arrow.vectorFromArray(['P1', 'P2', 'P3'], new arrow.Utf8()),
      month: arrow.vectorFromArray(['2024-05', '2024-05', 'May'], new arrow.Utf8()),
      crime_type: arrow.vectorFromArray(['Shoplifting', 'Shoplifting', 'Shoplifting'], new arrow.Utf8()),
      longitude: arrow.makeVector(new Float64Array([-0.1, -0.2, -0.3])),
      latitude: arrow.makeVector(new Float64Array([51.5, 51.55, 51.45])),
    });
    const pq = writeParquet(
      PqTable.fromIPCStream(arrow.tableToIPC(t, 'stream')),
      new WriterPropertiesBuilder().setCompression(Compression.ZSTD).build(),
    );
    const r = await ingestFile(env, { name: 'extract.parquet', data: pq });
    expect(r.kept).toBe(2);
    expect(r.rejectReasons).toEqual({ 'unparseable month': 1 });
  });
});
