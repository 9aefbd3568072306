/**
 * Benchmark: our pipeline (DuckDB-WASM ingest, H3 cube, typed-array filter) against the naive way
 * kepler.gl-style apps do it (papaparse rows, h3-js per row, JS Map, re-scan per filter change),
 * on (A) the shipped 12 months and (B) a 1,000,000-row resample of them. See bench/README.md.
 *
 *   npm run bench            (node --expose-gc --import tsx bench/run.ts)
 *   npm run bench -- --browser-only   (only the browser part, bench/browser.ts)
 *   npm run bench -- --browser-only --filters-only   (only its filter-change series, no opens)
 *
 * Everything below is real work on real data; both sides run in this one process, one after the
 * other, so the ratios compare like with like on the same machine at the same time.
 * Preparation (Parquet -> CSV export, the seeded resample) runs in a child process with native
 * DuckDB so that it does not inflate this process's memory figures; it is not timed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { bbox as turfBbox, booleanPointInPolygon } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { latLngToCell } from 'h3-js';
import Papa from 'papaparse';
import { CRIME_CATEGORIES } from '../src/analysis/categories';
import { type AreaFilter, aggregateCube, type CrimeCube, type CubeFilter } from '../src/analysis/cube';
import { buildCube } from '../src/db/cube';
import { createNodeIngestEnv, loadBoundariesFromDir } from '../src/ingest/env-node';
import { ingestFile, type IngestEnv, type IngestReport } from '../src/ingest/pipeline';
import { DEFAULT_VIEW, toCubeFilter } from '../src/state/filters';
import { mulberry32 } from '../src/analysis/random';
import { runBrowserBench } from './browser';
import { median, percentile } from './stats';

const PARQUET = 'data/crimes.parquet';
const BOUNDARIES = 'data/boundaries';
const RESAMPLE_ROWS = 1_000_000;
const RESAMPLE_SEED = 20170601;
const RESOLUTION = 9;
/** Timed passes over the filter list (after one untimed warm-up pass). */
const OURS_PASSES = 10;
const NAIVE_PASSES = 2;
const NAIVE_WARMUP_FILTERS = 3;

const CSV_COLUMNS = [
  'Crime ID', 'Month', 'Reported by', 'Falls within', 'Longitude', 'Latitude', 'Location',
  'LSOA code', 'LSOA name', 'Crime type', 'Last outcome category', 'Context',
] as const;

// ---------------------------------------------------------------------------------------------
// Preparation (child process, native DuckDB): A as CSV, B as a seeded resample written as CSV
// ---------------------------------------------------------------------------------------------


async function prepare(dir: string): Promise<void> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  const sq = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const cols = CSV_COLUMNS.map((c) => `s."${c}"`).join(', ');
  // Native DuckDB's CSV writer quotes a field only when it holds a comma, quote or newline, and
  // doubles inner quotes: the way police.uk's own CSVs are written. NULL is written empty.
  await conn.run(`COPY (SELECT ${cols} FROM read_parquet(${sq(PARQUET)}) s) TO ${sq(join(dir, 'a.csv'))} (HEADER, DELIMITER ',', QUOTE '"', ESCAPE '"')`);
  const n = Number((await conn.runAndReadAll(`SELECT count(*)::INT FROM read_parquet(${sq(PARQUET)})`)).getRows()[0][0]);
  await conn.run('CREATE TABLE picks (k INTEGER, pick INTEGER)');
  const app = await conn.createAppender('picks');
  const rand = mulberry32(RESAMPLE_SEED);
  for (let k = 0; k < RESAMPLE_ROWS; k++) {
    app.appendInteger(k);
    app.appendInteger(Math.floor(rand() * n));
    app.endRow();
  }
  app.closeSync();
  await conn.run(`COPY (
      SELECT ${cols} FROM picks p
      JOIN read_parquet(${sq(PARQUET)}, file_row_number = true) s ON s.file_row_number = p.pick
      ORDER BY p.k)
    TO ${sq(join(dir, 'b.csv'))} (HEADER, DELIMITER ',', QUOTE '"', ESCAPE '"')`);
  const distinct = Number((await conn.runAndReadAll('SELECT count(DISTINCT pick)::INT FROM picks')).getRows()[0][0]);
  conn.closeSync();
  process.stdout.write(JSON.stringify({ sourceRows: n, distinctPicks: distinct }));
}

// ---------------------------------------------------------------------------------------------
// Measurement helpers
// ---------------------------------------------------------------------------------------------

/**
 * RSS high-water mark sampled every 50 ms by a worker thread. The DuckDB-WASM blocking bindings
 * and papaparse block the main event loop for seconds, so a main-thread setInterval would never
 * fire during the work it should watch; a worker's timer does (RSS is per process).
 */
class RssMonitor {
  private readonly cells = new Int32Array(new SharedArrayBuffer(8));
  private readonly worker: Worker;
  constructor() {
    this.cells[0] = kb(process.memoryUsage.rss());
    this.cells[1] = this.cells[0];
    this.worker = new Worker(
      `const { workerData } = require('node:worker_threads');
       const a = new Int32Array(workerData);
       const tick = () => {
         const kb = Math.round(process.memoryUsage.rss() / 1024);
         if (kb > Atomics.load(a, 0)) Atomics.store(a, 0, kb);
         if (kb > Atomics.load(a, 1)) Atomics.store(a, 1, kb);
       };
       tick(); setInterval(tick, 50);`,
      { eval: true, workerData: this.cells.buffer },
    );
    this.worker.unref();
  }
  /** Starts a new phase: the high-water mark restarts at the current RSS. */
  reset(): void {
    Atomics.store(this.cells, 0, kb(process.memoryUsage.rss()));
  }
  /** High-water mark since the last reset, MB (includes a final sample now). */
  peakMB(): number {
    return Math.max(Atomics.load(this.cells, 0), kb(process.memoryUsage.rss())) / 1024;
  }
  /** High-water mark of every sample since start, MB (never reset). */
  runPeakMB(): number {
    return Atomics.load(this.cells, 1) / 1024;
  }
  stop(): Promise<number> {
    return this.worker.terminate();
  }
}
const kb = (bytes: number) => Math.round(bytes / 1024);
const rssMB = () => process.memoryUsage.rss() / 2 ** 20;

const gc = (): void => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
};

/** The WebAssembly heap of a dropped instance goes by a finaliser after a collection: collect, yield, collect. */
async function settle(): Promise<void> {
  gc();
  await new Promise((r) => setTimeout(r, 100));
  gc();
}

interface PhaseResult<T> {
  value: T;
  ms: number;
  startMB: number;
  peakMB: number;
}
const phases: { dataset: string; name: string; ms: number; startMB: number; peakMB: number }[] = [];

async function phase<T>(monitor: RssMonitor, dataset: string, name: string, fn: () => Promise<T> | T): Promise<PhaseResult<T>> {
  gc();
  const startMB = rssMB();
  monitor.reset();
  log(`  ${dataset}: ${name}...`);
  const t0 = performance.now();
  const value = await fn();
  const ms = performance.now() - t0;
  const peakMB = monitor.peakMB();
  log(`    ${(ms / 1000).toFixed(2)} s, RSS ${startMB.toFixed(0)} -> peak ${peakMB.toFixed(0)} MB (run peak so far ${monitor.runPeakMB().toFixed(0)} MB)`);
  phases.push({ dataset, name, ms, startMB, peakMB });
  return { value, ms, startMB, peakMB };
}

function log(s: string): void {
  process.stderr.write(`${s}\n`);
}


/** DuckDB's own memory accounting (buffer manager), if the WASM engine offers it. */
async function duckdbMemoryMB(db: { rows<T>(sql: string): Promise<T[]> }): Promise<number | null> {
  try {
    const r = await db.rows<{ b: number | bigint | null }>('SELECT sum(memory_usage_bytes)::BIGINT AS b FROM duckdb_memory()');
    const b = r[0]?.b;
    return b == null ? null : Number(b) / 2 ** 20;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The filter changes (a plausible analyst session: months, categories, boroughs, BCUs)
// ---------------------------------------------------------------------------------------------

interface BenchFilter {
  label: string;
  from: string | null;
  to: string | null;
  categories: string[];
  area: AreaFilter;
}

const CRIME: string[] = [...CRIME_CATEGORIES];
const ALL_AREAS: AreaFilter = { kind: 'all' };
const FILTERS: BenchFilter[] = [
  { label: 'all crime, all months', from: null, to: null, categories: CRIME, area: ALL_AREAS },
  { label: 'last 3 months', from: '2018-03', to: '2018-05', categories: CRIME, area: ALL_AREAS },
  { label: 'last month', from: '2018-05', to: '2018-05', categories: CRIME, area: ALL_AREAS },
  { label: 'Dec 2017', from: '2017-12', to: '2017-12', categories: CRIME, area: ALL_AREAS },
  { label: 'Sep 2017..Feb 2018', from: '2017-09', to: '2018-02', categories: CRIME, area: ALL_AREAS },
  { label: 'burglary', from: null, to: null, categories: ['Burglary'], area: ALL_AREAS },
  { label: 'violence and sexual offences', from: null, to: null, categories: ['Violence and sexual offences'], area: ALL_AREAS },
  { label: 'robbery + theft from the person', from: null, to: null, categories: ['Robbery', 'Theft from the person'], area: ALL_AREAS },
  { label: 'vehicle crime + bicycle theft', from: null, to: null, categories: ['Vehicle crime', 'Bicycle theft'], area: ALL_AREAS },
  { label: 'all but anti-social behaviour', from: null, to: null, categories: CRIME.filter((c) => c !== 'Anti-social behaviour'), area: ALL_AREAS },
  { label: 'Westminster', from: null, to: null, categories: CRIME, area: { kind: 'borough', codes: ['E09000033'] } },
  { label: 'Camden + Islington', from: null, to: null, categories: CRIME, area: { kind: 'borough', codes: ['E09000007', 'E09000019'] } },
  { label: 'BCU AW (Central West)', from: null, to: null, categories: CRIME, area: { kind: 'bcu', codes: ['AW'] } },
  { label: 'BCUs CE + NE', from: null, to: null, categories: CRIME, area: { kind: 'bcu', codes: ['CE', 'NE'] } },
  { label: 'Westminster burglary, last 6 months', from: '2017-12', to: '2018-05', categories: ['Burglary'], area: { kind: 'borough', codes: ['E09000033'] } },
  { label: 'Lambeth robbery, last 3 months', from: '2018-03', to: '2018-05', categories: ['Robbery'], area: { kind: 'borough', codes: ['E09000022'] } },
  { label: 'BCU SN violence', from: null, to: null, categories: ['Violence and sexual offences'], area: { kind: 'bcu', codes: ['SN'] } },
  { label: 'Tower Hamlets drugs, 2018', from: '2018-01', to: '2018-05', categories: ['Drugs'], area: { kind: 'borough', codes: ['E09000030'] } },
  { label: 'BCU WA weapons + public order, summer', from: '2017-06', to: '2017-08', categories: ['Possession of weapons', 'Public order'], area: { kind: 'bcu', codes: ['WA'] } },
  { label: 'back to all crime', from: null, to: null, categories: CRIME, area: ALL_AREAS },
];

// ---------------------------------------------------------------------------------------------
// Our side
// ---------------------------------------------------------------------------------------------

interface OursIngest {
  report: IngestReport;
  ingest: PhaseResult<IngestReport>;
  /** Seconds spent in each ingest stage, from the pipeline's own progress events. */
  stages: [string, number][];
}

interface OursResult extends OursIngest {
  cube: PhaseResult<CrimeCube>;
  cubeRows: number;
  filterMs: number[];
  filterPhase: PhaseResult<void>;
  duckdbMB: number | null;
  /** Per filter: cell -> count (for the cross-check with the naive side). */
  answers: Map<string, number>[];
}

async function ingestOnce(monitor: RssMonitor, env: IngestEnv, dataset: string, label: string, file: { name: string; data: Uint8Array }): Promise<OursIngest> {
  const marks: [string, number][] = [];
  const ingest = await phase(monitor, dataset, label, () =>
    ingestFile(env, file, { onProgress: (p) => marks.push([p.stage, performance.now()]) }),
  );
  if (ingest.value.status !== 'loaded') throw new Error(`${dataset}: ingest ${ingest.value.status}: ${ingest.value.error ?? ''}`);
  const stages: [string, number][] = [];
  for (let i = 0; i + 1 < marks.length; i++) stages.push([marks[i][0], (marks[i + 1][1] - marks[i][1]) / 1000]);
  return { report: ingest.value, ingest, stages };
}

/**
 * Closes the client and lets its WebAssembly heap go. DuckDB-WASM's Node bindings park themselves
 * in globalThis.DUCKDB_BINDINGS, so a closed instance's heap (it only grows) would otherwise stay
 * resident for the rest of the run and inflate every later phase's RSS.
 */
async function dispose(monitor: RssMonitor, env: IngestEnv): Promise<void> {
  await env.db.close();
  delete (globalThis as { DUCKDB_BINDINGS?: unknown }).DUCKDB_BINDINGS;
  await settle();
  log(`    closed DuckDB: RSS ${rssMB().toFixed(0)} MB (run peak so far ${monitor.runPeakMB().toFixed(0)} MB)`);
}

/** Ingest only (a like-for-like extra: our pipeline on the very CSV the naive side parses). */
async function runOursIngestOnly(monitor: RssMonitor, dataset: string, label: string, file: { name: string; data: Uint8Array }): Promise<OursIngest> {
  const env = await createNodeIngestEnv(await loadBoundariesFromDir(BOUNDARIES));
  const r = await ingestOnce(monitor, env, dataset, label, file);
  await dispose(monitor, env);
  return r;
}

async function runOurs(monitor: RssMonitor, dataset: string, file: { name: string; data: Uint8Array }): Promise<OursResult> {
  const env = await createNodeIngestEnv(await loadBoundariesFromDir(BOUNDARIES));
  const ingested = await ingestOnce(monitor, env, dataset, 'ours: ingest', file);
  const cube = await phase(monitor, dataset, `ours: cube build (res ${RESOLUTION})`, () => buildCube(env.db, RESOLUTION));
  const duckdbMB = await duckdbMemoryMB(env.db);
  const c = cube.value;
  const filters: CubeFilter[] = FILTERS.map((f) =>
    toCubeFilter(c, { ...DEFAULT_VIEW, resolution: RESOLUTION, from: f.from, to: f.to, categories: f.categories, area: f.area }),
  );
  const filterMs: number[] = [];
  const filterPhase = await phase(monitor, dataset, 'ours: filter changes', () => {
    for (const f of filters) aggregateCube(c, f); // warm-up pass, untimed
    for (let pass = 0; pass < OURS_PASSES; pass++) {
      for (const f of filters) {
        const t0 = performance.now();
        aggregateCube(c, f);
        filterMs.push(performance.now() - t0);
      }
    }
  });
  const answers = filters.map((f) => {
    const r = aggregateCube(c, f);
    const m = new Map<string, number>();
    r.count.forEach((k, i) => {
      if (k > 0) m.set(c.cells[i], k);
    });
    return m;
  });
  await dispose(monitor, env);
  return { ...ingested, cube, cubeRows: c.count.length, filterMs, filterPhase, duckdbMB, answers };
}

// ---------------------------------------------------------------------------------------------
// The naive side: papaparse row objects, h3-js per row, Map counts, re-scan per filter change
// ---------------------------------------------------------------------------------------------

type NaiveRow = Record<string, string> & { h3?: string; borough?: string };

interface BoroughPolygons {
  features: Feature<Polygon | MultiPolygon, { code: string; bcu: string | null }>[];
  boxes: number[][];
}

function loadBoroughPolygons(): BoroughPolygons {
  const fc = JSON.parse(readFileSync(join(BOUNDARIES, 'boroughs.geojson'), 'utf8')) as FeatureCollection;
  const features = fc.features as BoroughPolygons['features'];
  return { features, boxes: features.map((f) => turfBbox(f)) };
}

/** Parse, then one h3-js call per row, counted in a Map: the first map of a kepler-style app. */
function naiveLoad(text: string): { rows: NaiveRow[]; counts: Map<string, number>; parseMs: number; h3Ms: number } {
  const t0 = performance.now();
  const parsed = Papa.parse<NaiveRow>(text, { header: true, skipEmptyLines: true });
  const rows = parsed.data;
  const t1 = performance.now();
  const counts = new Map<string, number>();
  for (const r of rows) {
    const lat = Number(r.Latitude);
    const lon = Number(r.Longitude);
    if (r.Latitude === '' || r.Longitude === '' || !Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    const cell = latLngToCell(lat, lon, RESOLUTION);
    r.h3 = cell; // kept on the row, as kepler keeps an h3 column, so filter changes need not recompute it
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  const t2 = performance.now();
  return { rows, counts, parseMs: t1 - t0, h3Ms: t2 - t1 };
}

/**
 * The naive app has no boundary assignment; for area filters it looks each distinct point up once
 * (turf booleanPointInPolygon over the 33 borough polygons, bounding boxes first, first match in
 * file order: the same rule as our geocoder), caches it in a Map keyed "lon,lat" and tags rows.
 */
function naiveAreaPrep(rows: NaiveRow[], b: BoroughPolygons): number {
  const cache = new Map<string, string>();
  for (const r of rows) {
    if (r.h3 === undefined) continue;
    const key = `${r.Longitude},${r.Latitude}`;
    let code = cache.get(key);
    if (code === undefined) {
      code = '';
      const lon = Number(r.Longitude);
      const lat = Number(r.Latitude);
      for (let i = 0; i < b.features.length; i++) {
        const [x0, y0, x1, y1] = b.boxes[i];
        if (lon < x0 || lon > x1 || lat < y0 || lat > y1) continue;
        if (booleanPointInPolygon([lon, lat], b.features[i])) {
          code = b.features[i].properties.code;
          break;
        }
      }
      cache.set(key, code);
    }
    r.borough = code;
  }
  return cache.size;
}

interface NaiveFilter {
  from: string;
  to: string;
  categories: Set<string>;
  boroughs: Set<string> | null;
}

function toNaiveFilter(f: BenchFilter, b: BoroughPolygons): NaiveFilter {
  let boroughs: Set<string> | null = null;
  if (f.area.kind === 'borough') boroughs = new Set(f.area.codes);
  else if (f.area.kind === 'bcu') {
    const want = new Set(f.area.codes);
    boroughs = new Set(b.features.filter((x) => x.properties.bcu !== null && want.has(x.properties.bcu)).map((x) => x.properties.code));
  } else if (f.area.kind === 'ward') throw new Error('the naive side has no wards');
  return { from: f.from ?? '', to: f.to ?? '\uffff', categories: new Set(f.categories), boroughs };
}

/** One filter change the naive way: re-scan every row object, re-count into a new Map. */
function naiveFilter(rows: NaiveRow[], f: NaiveFilter): Map<string, number> {
  const counts = new Map<string, number>();
  const { from, to, categories, boroughs } = f;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const cell = r.h3;
    if (cell === undefined) continue;
    const m = r.Month;
    if (m < from || m > to) continue;
    if (!categories.has(r['Crime type'])) continue;
    if (boroughs !== null && !boroughs.has(r.borough!)) continue;
    counts.set(cell, (counts.get(cell) ?? 0) + 1);
  }
  return counts;
}

interface NaiveResult {
  rows: number;
  load: PhaseResult<{ rows: NaiveRow[]; counts: Map<string, number>; parseMs: number; h3Ms: number }>;
  areaPrep: PhaseResult<number>;
  filterMs: number[];
  filterPhase: PhaseResult<void>;
  agree: number;
  disagreements: string[];
}

async function runNaive(monitor: RssMonitor, dataset: string, csvPath: string, ours: OursResult, b: BoroughPolygons): Promise<NaiveResult> {
  // The text is read before the clock starts (in a browser: file.text()); both sides start from memory.
  // Collect first, so that a just-closed DuckDB heap is gone before the text arrives.
  await settle();
  let text: string | null = readFileSync(csvPath, 'utf8');
  const load = await phase(monitor, dataset, 'naive: parse + h3 + count', () => naiveLoad(text!));
  text = null;
  const rows = load.value.rows;
  const areaPrep = await phase(monitor, dataset, 'naive: borough per point', () => naiveAreaPrep(rows, b));
  const filters = FILTERS.map((f) => toNaiveFilter(f, b));
  const filterMs: number[] = [];
  const answers: Map<string, number>[] = [];
  const filterPhase = await phase(monitor, dataset, 'naive: filter changes', () => {
    for (const f of filters.slice(0, NAIVE_WARMUP_FILTERS)) naiveFilter(rows, f); // warm-up, untimed
    for (let pass = 0; pass < NAIVE_PASSES; pass++) {
      filters.forEach((f, i) => {
        const t0 = performance.now();
        const m = naiveFilter(rows, f);
        filterMs.push(performance.now() - t0);
        if (pass === 0) answers[i] = m;
      });
    }
  });
  // Cross-check (untimed): both sides must give the same count in every cell for every filter.
  let agree = 0;
  const disagreements: string[] = [];
  FILTERS.forEach((f, i) => {
    const a = ours.answers[i];
    const n = answers[i];
    let same = a.size === n.size;
    if (same) for (const [cell, k] of a) if (n.get(cell) !== k) { same = false; break; }
    if (same) agree++;
    else {
      const sum = (m: Map<string, number>) => [...m.values()].reduce((x, y) => x + y, 0);
      disagreements.push(`${f.label}: ours ${sum(a)} crimes in ${a.size} cells, naive ${sum(n)} in ${n.size}`);
    }
  });
  return { rows: rows.length, load, areaPrep, filterMs, filterPhase, agree, disagreements };
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

const s = (ms: number) => (ms / 1000).toFixed(2);
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const thousands = (n: number) => Math.round(n).toLocaleString('en-GB');
const ratio = (a: number, b: number) => (a / b).toFixed(3);

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
}

interface DatasetResult {
  key: string;
  title: string;
  oursInput: string;
  ours: OursResult;
  naive: NaiveResult;
  /** Our ingest of the very CSV text the naive side parsed (only where ours read another format). */
  oursCsv?: OursIngest;
}

const stageLine = (o: OursIngest) => o.stages.map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');

function printDataset(d: DatasetResult): void {
  const { ours, naive } = d;
  const rows = ours.report.rowsRead;
  const naiveLoadMs = naive.load.ms;
  const rate = (n: number, ms: number) => thousands(n / (ms / 1000));
  const out: string[] = [];
  out.push('');
  out.push(`(${d.key}) ${d.title}`);
  out.push(
    `    ours read ${thousands(rows)} rows (${d.oursInput}): kept ${thousands(ours.report.kept)}, rejected ${thousands(ours.report.rejected)}, ` +
      `${thousands(ours.report.newLocations)} distinct points geocoded; cube ${thousands(ours.cubeRows)} rows at res ${RESOLUTION}`,
  );
  out.push(`    ours ingest stages (s): ${stageLine(ours)}`);
  out.push(`    naive parsed ${thousands(naive.rows)} rows of CSV text: papaparse ${s(naive.load.value.parseMs)} s + h3-js per row and Map count ${s(naive.load.value.h3Ms)} s`);
  const w = [46, 9, 12, 9, 12, 11];
  out.push(`    ${pad(['LOAD', 'ours s', 'ours rows/s', 'naive s', 'naive rows/s', 'ours/naive'], w)}`);
  out.push(`    ${pad([`ingest (${d.oursInput}) vs parse+h3+count`, s(ours.ingest.ms), rate(rows, ours.ingest.ms), s(naiveLoadMs), rate(naive.rows, naiveLoadMs), ratio(ours.ingest.ms, naiveLoadMs)], w)}`);
  if (d.oursCsv) {
    const c = d.oursCsv;
    out.push(`    ${pad(['ingest (same CSV) vs parse+h3+count', s(c.ingest.ms), rate(c.report.rowsRead, c.ingest.ms), s(naiveLoadMs), rate(naive.rows, naiveLoadMs), ratio(c.ingest.ms, naiveLoadMs)], w)}`);
  }
  const firstOurs = ours.ingest.ms + ours.cube.ms;
  out.push(`    ${pad(['first map: ingest+cube vs parse+h3+count', s(firstOurs), rate(rows, firstOurs), s(naiveLoadMs), rate(naive.rows, naiveLoadMs), ratio(firstOurs, naiveLoadMs)], w)}`);
  const naiveArea = naiveLoadMs + naive.areaPrep.ms;
  out.push(`    ${pad(['area-ready: ingest+cube vs +borough per point', s(firstOurs), rate(rows, firstOurs), s(naiveArea), rate(naive.rows, naiveArea), ratio(firstOurs, naiveArea)], w)}`);
  if (d.oursCsv) out.push(`    ours ingest stages, same CSV (s): ${stageLine(d.oursCsv)}`);
  out.push(`    cube build (one-off per resolution): ${s(ours.cube.ms)} s; naive borough lookup (${thousands(naive.areaPrep.value)} distinct points): ${s(naive.areaPrep.ms)} s`);
  const om = median(ours.filterMs);
  const op = percentile(ours.filterMs, 95);
  const nm = median(naive.filterMs);
  const np = percentile(naive.filterMs, 95);
  const w2 = [46, 9, 12, 11];
  out.push(`    ${pad([`FILTER CHANGE (${FILTERS.length} changes)`, 'ours ms', 'naive ms', 'ours/naive'], w2)}`);
  out.push(`    ${pad([`median (samples: ours ${ours.filterMs.length}, naive ${naive.filterMs.length})`, f2(om), f1(nm), ratio(om, nm)], w2)}`);
  out.push(`    ${pad(['p95', f2(op), f1(np), ratio(op, np)], w2)}`);
  out.push(`    answers agree cell by cell on ${naive.agree}/${FILTERS.length} filters`);
  for (const x of naive.disagreements) out.push(`      differs: ${x}`);
  const w3 = [46, 9, 12, 12, 12];
  out.push(`    ${pad(['MEMORY (process RSS, MB; 50 ms samples)', 'time s', 'RSS before', 'RSS peak', 'growth'], w3)}`);
  const mine = phases.filter((x) => x.dataset === d.key);
  for (const p of mine) out.push(`    ${pad([p.name, s(p.ms), f1(p.startMB), f1(p.peakMB), `+${f1(p.peakMB - p.startMB)}`], w3)}`);
  const side = (prefix: string) => {
    const ps = mine.filter((x) => x.name.startsWith(prefix));
    const peak = Math.max(...ps.map((x) => x.peakMB));
    return `${f1(peak)} MB (+${f1(peak - ps[0].startMB)} over its start)`;
  };
  out.push(`    peak RSS: ours ${side('ours: ')}, naive ${side('naive: ')}`);
  out.push(`    DuckDB's own accounting, duckdb_memory() after the cube build: ${ours.duckdbMB === null ? 'not available' : `${f1(ours.duckdbMB)} MB`}`);
  console.log(out.join('\n'));
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const prepIdx = process.argv.indexOf('--prepare');
  if (prepIdx >= 0) {
    await prepare(process.argv[prepIdx + 1]);
    return;
  }
  if (process.argv.includes('--browser-only')) {
    await runBrowserBench(log, { filtersOnly: process.argv.includes('--filters-only') });
    return;
  }
  const t0 = performance.now();
  const version = (p: string) => (JSON.parse(readFileSync(join('node_modules', p, 'package.json'), 'utf8')) as { version: string }).version;
  const monitor = new RssMonitor();
  const gcOn = typeof (globalThis as { gc?: unknown }).gc === 'function';

  // Preparation in a child process (native DuckDB), untimed.
  const dir = mkdtempSync(join(tmpdir(), 'hotspot-bench-'));
  try {
    log(`preparing CSVs in ${dir} (child process, native DuckDB)...`);
    const tp = performance.now();
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1], '--prepare', dir], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(`preparation failed (${child.status}): ${child.stderr}`);
    const prep = JSON.parse(child.stdout.trim().split('\n').pop()!) as { sourceRows: number; distinctPicks: number };
    const prepS = (performance.now() - tp) / 1000;
    const aCsv = join(dir, 'a.csv');
    const bCsv = join(dir, 'b.csv');
    const mb = (p: string) => (statSync(p).size / 2 ** 20).toFixed(1);

    console.log('Hotspot Tasking Map benchmark: our pipeline vs the naive (kepler.gl-style) way');
    console.log(
      `machine: node ${process.version}, ${cpus().length} CPU (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM, ` +
        `V8 heap limit ${(getHeapStatistics().heap_size_limit / 2 ** 20).toFixed(0)} MB, global.gc ${gcOn ? 'exposed' : 'NOT exposed (run with node --expose-gc)'}, ` +
        `load average at start ${loadavg().map((x) => x.toFixed(2)).join(' ')}`,
    );
    console.log(
      `libraries: @duckdb/duckdb-wasm ${version('@duckdb/duckdb-wasm')}, h3-js ${version('h3-js')}, papaparse ${version('papaparse')}, ` +
        `@turf/turf ${version('@turf/turf')}, parquet-wasm ${version('parquet-wasm')}`,
    );
    console.log(
      `inputs: ${PARQUET} ${mb(PARQUET)} MB (${thousands(prep.sourceRows)} rows) -> CSV ${mb(aCsv)} MB; ` +
        `resample ${thousands(RESAMPLE_ROWS)} rows (seed ${RESAMPLE_SEED}, ${thousands(prep.distinctPicks)} distinct source rows) -> CSV ${mb(bCsv)} MB; prepared in ${prepS.toFixed(1)} s (untimed)`,
    );
    console.log(`H3 resolution ${RESOLUTION}; filter changes: ${FILTERS.length} (ours: ${OURS_PASSES} timed passes, naive: ${NAIVE_PASSES}; after a warm-up)`);

    const b = loadBoroughPolygons();
    const results: DatasetResult[] = [];

    // (A) shipped data: ours ingests the Parquet bytes, the naive side parses the same rows as CSV.
    log('(A) shipped 12 months');
    {
      const pq = readFileSync(PARQUET);
      const data = new Uint8Array(pq.buffer, pq.byteOffset, pq.byteLength);
      const ours = await runOurs(monitor, 'A', { name: 'crimes.parquet', data });
      const naive = await runNaive(monitor, 'A', aCsv, ours, b);
      // Drop the row objects (results keep only numbers and the small answer maps).
      naive.load.value.rows.length = 0;
      const csv = readFileSync(aCsv);
      const oursCsv = await runOursIngestOnly(monitor, 'A', 'ours: ingest of the same CSV', {
        name: 'crimes-12-months.csv',
        data: new Uint8Array(csv.buffer, csv.byteOffset, csv.byteLength),
      });
      results.push({ key: 'A', title: `shipped data: ${PARQUET} (ours: its Parquet bytes, then the CSV; naive: the CSV text)`, oursInput: 'Parquet', ours, naive, oursCsv });
      printDataset(results[0]);
    }

    // (B) the 1M resample: both sides read the same police.uk street CSV.
    log('(B) 1,000,000-row resample');
    {
      const buf = readFileSync(bCsv);
      const data = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      const ours = await runOurs(monitor, 'B', { name: 'resample-1m.csv', data });
      const naive = await runNaive(monitor, 'B', bCsv, ours, b);
      results.push({ key: 'B', title: `${thousands(RESAMPLE_ROWS)}-row resample as a police.uk street CSV (both sides read the same CSV)`, oursInput: 'CSV', ours, naive });
      printDataset(results[1]);
      naive.load.value.rows.length = 0;
    }

    const sampledMB = monitor.runPeakMB();
    await monitor.stop();
    const maxRssMB = process.resourceUsage().maxRSS / 1024;
    console.log('');
    console.log(`process maxRSS (getrusage, whole run, both sides): ${f1(maxRssMB)} MB (highest 50 ms sample: ${f1(sampledMB)} MB); total wall time ${((performance.now() - t0) / 1000).toFixed(1)} s; load average at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
    const [A, B] = results;
    const summary = (d: DatasetResult) =>
      `${d.key}: ingest ${ratio(d.ours.ingest.ms, d.naive.load.ms)}x naive time, filter median ${ratio(median(d.ours.filterMs), median(d.naive.filterMs))}x ` +
      `(${f2(median(d.ours.filterMs))} vs ${f1(median(d.naive.filterMs))} ms)`;
    console.log(`summary (ours/naive, <1 = ours faster): ${summary(A)}; ${summary(B)}; answers agree on ${A.naive.agree + B.naive.agree}/${2 * FILTERS.length} filters`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  // The browser part: a filter change from input to drawn map, against its aggregation.
  await runBrowserBench(log);
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
