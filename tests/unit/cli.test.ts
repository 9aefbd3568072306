/**
 * The command-line twin (cli/analyze.ts), run as a child process the way analysts run it, checked
 * against numbers recomputed here without the app's code: papaparse + h3-js for the cells and
 * counts, the textbook Gi* formula and Benjamini-Hochberg for the statistics (ANALYSIS.md).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellToLatLng, gridDisk, gridDistance, latLngToCell, polygonToCells } from 'h3-js';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countCsv, hexArea } from './helpers/hex-grid';
import { insideEvenOdd } from './helpers/even-odd';

const ROOT = join(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const STREET = join(ROOT, 'data', 'samples', '2023-01-metropolitan-street-sample.csv');
const RES = 8;
// The 14 police.uk crime categories (the analysis leaves out 'Stop and search').
const CRIME_TYPES = [
  'Anti-social behaviour', 'Bicycle theft', 'Burglary', 'Criminal damage and arson', 'Drugs', 'Other crime',
  'Other theft', 'Possession of weapons', 'Public order', 'Robbery', 'Shoplifting', 'Theft from the person',
  'Vehicle crime', 'Violence and sexual offences',
];
const ESRI_LABELS = [
  'New Hot Spot', 'Consecutive Hot Spot', 'Intensifying Hot Spot', 'Persistent Hot Spot', 'Diminishing Hot Spot',
  'Sporadic Hot Spot', 'Oscillating Hot Spot', 'Historical Hot Spot', 'New Cold Spot', 'Consecutive Cold Spot',
  'Intensifying Cold Spot', 'Persistent Cold Spot', 'Diminishing Cold Spot', 'Sporadic Cold Spot',
  'Oscillating Cold Spot', 'Historical Cold Spot', 'No Pattern Detected',
];

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(process.execPath, [TSX, 'cli/analyze.ts', ...args], { cwd: ROOT, maxBuffer: 256 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}

interface Cell {
  h3: string;
  count: number;
  value: number;
  giZ: number;
  giP: number;
  giBin: number;
  giBinFdr: number;
  emerging: string | null;
  priority: number;
  priorityRank: number;
}
type RankingId = 'priority' | 'window' | 'last-month' | 'gi';
interface Score {
  k: number;
  n: number;
  N: number;
  nStar: number;
  hitRate: number;
  pai: number | null;
  pei: number | null;
  reason: string | null;
}
interface Backtest {
  unit: string;
  coverage: number;
  halfLife: number;
  trainingMonths: number;
  minHistory: number;
  labels: Record<RankingId, string>;
  months: { month: string; train: [string, string]; scores: Record<RankingId, Score> }[];
  scoredMonths: number;
  mean: Record<RankingId, { hitRate: number; pai: number; pei: number }> | null;
  recommended: Exclude<RankingId, 'gi'>;
  verdict: string;
}
interface Result {
  rows: { read: number; kept: number; rejected: number; crimes: number; outsideArea: number; rejectReasons: Record<string, number> };
  precision: { cellAreaM2: number | null; finestResolution: number | null };
  resolution: number;
  weight: string;
  backtest: Backtest;
  months: { from: string; to: string } | null;
  noData: { boroughs: string[]; included: boolean; cells: number; crimes: number };
  emergingComputed: boolean;
  cells: Cell[];
}

// -- Independent re-computation ---------------------------------------------------------

/** Gi* of ANALYSIS.md written out naively: binary ring-1 weights within the area, S with divisor n. */
function naiveGiZ(cells: string[], x: number[], i: number): number {
  const n = cells.length;
  const index = new Map(cells.map((c, k) => [c, k]));
  const mean = x.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(x.reduce((a, b) => a + b * b, 0) / n - mean * mean);
  const nb = gridDisk(cells[i], 1).filter((c) => index.has(c)).map((c) => index.get(c)!);
  const sw = nb.length; // Σwᵢⱼ; binary weights, so Σwᵢⱼ² = Σwᵢⱼ
  const swx = nb.reduce((a, j) => a + x[j], 0);
  return (swx - mean * sw) / (s * Math.sqrt((n * sw - sw * sw) / (n - 1)));
}

/** erfc, Numerical Recipes' erfcc (fractional error below 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 +
    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

/** Benjamini-Hochberg at α = 0.10, 0.05, 0.01; bin = levels passed, signed by z. */
function bhBins(z: number[], p: number[]): number[] {
  const n = p.length;
  const sorted = [...p].sort((a, b) => a - b);
  const cut = [0.1, 0.05, 0.01].map((alpha) => {
    let k = 0;
    for (let j = 1; j <= n; j++) if (sorted[j - 1] <= (j * alpha) / n) k = j;
    return k === 0 ? -1 : sorted[k - 1];
  });
  return p.map((pi, i) => {
    const level = cut.filter((c) => pi <= c).length;
    return z[i] > 0 ? level : z[i] < 0 && level > 0 ? -level : 0;
  });
}

/**
 * The sample spread over 8 months, 2022-06..2023-01, so that the patrol priority and its backtest
 * have months to work with: row i (0-based, in file order) gets month MONTHS8[(7i + ⌊i/13⌋) mod 8].
 */
const MONTHS8 = ['2022-06', '2022-07', '2022-08', '2022-09', '2022-10', '2022-11', '2022-12', '2023-01'];
const monthOfRow = (i: number) => MONTHS8[(7 * i + Math.floor(i / 13)) % 8];

/** Study area of the shipped London boroughs: union of h3-js polygonToCells per polygon, sorted. */
function londonCells(res: number): string[] {
  const fc = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', 'boroughs.geojson'), 'utf8'));
  const out = new Set<string>();
  for (const f of fc.features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const p of polys) for (const c of polygonToCells(p, res, true)) out.add(c);
  }
  return [...out].sort();
}

/**
 * Patrol order: score descending, compared in single precision (as priority.ts documents, so that
 * scores equal in exact arithmetic tie whatever the rounding of the weights), ties by cell id.
 */
const patrolOrder = (cells: string[], score: number[]) =>
  cells.map((_, i) => i).sort((a, b) => Math.fround(score[b]) - Math.fround(score[a]) || (cells[a] < cells[b] ? -1 : 1));

/** The top-k cells' catch, written out from ANALYSIS.md "Forecast accuracy". */
function caught(cells: string[], score: number[], test: number[], k: number): number {
  return patrolOrder(cells, score).slice(0, k).reduce((a, i) => a + test[i], 0);
}

const binOf = (z: number) => {
  const a = Math.abs(z);
  const level = a > 2.576 ? 3 : a > 1.96 ? 2 : a > 1.645 ? 1 : 0;
  return z < 0 && level > 0 ? -level : level;
};

// -- Runs ------------------------------------------------------------------------------------

let dir: string;
let areaCells: string[];
let areaPath: string;
let counted: Result;
let harm: Result;
let multi: Result;
let multiRun: Run;
let multiPath: string;
let countRun: Run;
let harmRun: Run;
let errors: Record<string, Run>;
let help: Run;
let london: Result;
let londonRun: Run;
let included: Result;
let includedRun: Run;
let gappy: Result;
let gappyRun: Run;

// Independent recount of the sample.
const csv = Papa.parse<Record<string, string>>(readFileSync(STREET, 'utf8'), { header: true, skipEmptyLines: true }).data;
const crimes = csv.filter(
  (r) => CRIME_TYPES.includes(r['Crime type']) && r.Longitude !== '' && r.Latitude !== '' && /^\d{4}-\d{2}$/.test(r.Month),
);
const harmWeights = (JSON.parse(readFileSync(join(ROOT, 'data', 'harm-weights.json'), 'utf8')) as { weights: Record<string, number> }).weights;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'analyze-cli-'));
  // The study area: Barking and Dagenham (E09000002), cut out of the shipped borough file.
  const boroughs = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', 'boroughs.geojson'), 'utf8'));
  const bd = boroughs.features.find((f: { properties: { code: string } }) => f.properties.code === 'E09000002');
  areaPath = join(dir, 'barking-and-dagenham.geojson');
  writeFileSync(areaPath, JSON.stringify({ type: 'FeatureCollection', features: [bd] }));
  const polys: number[][][][] = bd.geometry.type === 'Polygon' ? [bd.geometry.coordinates] : bd.geometry.coordinates;
  areaCells = [...new Set(polys.flatMap((rings) => polygonToCells(rings, RES, true)))].sort();

  writeFileSync(join(dir, 'needs-mapping.csv'), 'when,what,where\n2023-01,Burglary,High Street\n');
  multiPath = join(dir, 'eight-months.csv');
  writeFileSync(multiPath, Papa.unparse(csv.map((r, i) => ({ ...r, Month: monthOfRow(i) }))));
  // Twelve full months (the sample's rows re-dated 2021-01..2021-12, IDs made unique per month),
  // then nothing in 2022, then 100 rows in 2023-01: a gap, and a last month under 10 % of usual.
  const lines = readFileSync(STREET, 'utf8').trimEnd().split('\n');
  const body = lines.slice(1);
  const redate = (line: string, month: string) => line.replace(/^([0-9a-f]*),2023-01,/, (_, id: string) => `${id ? `${id}-${month}` : ''},${month},`);
  const gapCsv = [lines[0]];
  for (let m = 1; m <= 12; m++) for (const l of body) gapCsv.push(redate(l, `2021-${String(m).padStart(2, '0')}`));
  gapCsv.push(...body.slice(0, 100));
  writeFileSync(join(dir, 'gap.csv'), `${gapCsv.join('\n')}\n`);
  const common = ['--input', STREET, '--resolution', String(RES), '--area', areaPath];
  const runs = await Promise.all([
    cli([...common, '--weight', 'count', '--out', join(dir, 'count.json')]),
    cli([...common, '--weight', 'harm', '--from', '2023-01', '--to', '2023-01', '--out', '-']),
    cli(['--help']),
    cli(['--resolution', '9', '--out', '-']),
    cli(['--input', STREET, '--resolution', '12', '--out', '-']),
    cli(['--input', STREET, '--weight', 'bogus', '--out', '-']),
    cli(['--input', STREET, '--from', '2023-13', '--out', '-']),
    cli(['--input', join(dir, 'no-such-file.csv'), '--out', '-']),
    cli(['--input', join(dir, 'needs-mapping.csv'), '--out', '-']),
    cli(['--input', multiPath, '--resolution', String(RES), '--include-no-data', '--half-life', '2', '--coverage', '4', '--backtest-months', '3', '--out', '-']),
    cli(['--input', STREET, '--half-life', '0', '--out', '-']),
    cli(['--input', STREET, '--coverage', '150', '--out', '-']),
  ]);
  [countRun, harmRun, help] = runs;
  const names = ['missingInput', 'resolution12', 'weightBogus', 'month13', 'unreadable', 'needsMapping', 'multi', 'halfLife0', 'coverage150'];
  errors = Object.fromEntries(names.map((n, i) => [n, runs[3 + i]]));
  multiRun = errors.multi;
  if (multiRun.code === 0) multi = JSON.parse(multiRun.stdout);
  if (countRun.code === 0) counted = JSON.parse(readFileSync(join(dir, 'count.json'), 'utf8'));
  if (harmRun.code === 0) harm = JSON.parse(harmRun.stdout);

}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('analyze CLI: output', () => {
  it('runs cleanly (exit 0, only the too-few-months warning on stderr)', () => {
    const tooFew = 'analyze: warning: 1 month with crime in the area: emerging hot spots need at least 10 (Esri); every cell\'s emerging is null\n';
    expect(countRun.stderr).toBe(tooFew);
    expect(countRun.code).toBe(0);
    expect(harmRun.stderr).toBe(tooFew);
    expect(harmRun.code).toBe(0);
  });

  it('writes exactly the documented JSON shape', () => {
    for (const r of [counted, harm]) {
      expect(Object.keys(r)).toEqual(['rows', 'precision', 'resolution', 'weight', 'months', 'noData', 'emergingComputed', 'backtest', 'cells']);
      // Point records: no limit.
      expect(r.precision).toEqual({ cellAreaM2: null, finestResolution: null });
      expect(r.months).toEqual({ from: '2023-01', to: '2023-01' });
      expect(Object.keys(r.noData)).toEqual(['boroughs', 'included', 'cells', 'crimes']);
      expect(Object.keys(r.rows)).toEqual(['read', 'kept', 'rejected', 'crimes', 'outsideArea', 'rejectReasons']);
      expect(r.resolution).toBe(RES);
      for (const c of r.cells) {
        expect(Object.keys(c)).toEqual(['h3', 'count', 'value', 'giZ', 'giP', 'giBin', 'giBinFdr', 'emerging', 'priority', 'priorityRank']);
        expect(typeof c.h3).toBe('string');
        for (const k of ['count', 'value', 'giZ', 'giP'] as const) expect(Number.isFinite(c[k])).toBe(true);
        for (const k of ['giBin', 'giBinFdr'] as const) expect([-3, -2, -1, 0, 1, 2, 3]).toContain(c[k]);
        expect(c.emerging).toBeNull(); // one month: too few for emerging hot spots
      }
    }
    expect(counted.weight).toBe('count');
    expect(harm.weight).toBe('harm');
  });

  it('has one entry per study-area cell (centre in the polygon), zeros included, in H3 order', () => {
    expect(areaCells.length).toBeGreaterThan(40);
    expect(counted.cells.map((c) => c.h3)).toEqual(areaCells);
    expect(harm.cells.map((c) => c.h3)).toEqual(areaCells);
    expect(counted.cells.some((c) => c.count === 0)).toBe(true);
  });

  it('accounts for every row: read, kept, rejected, and kept = Σ count + outsideArea', () => {
    expect(counted.rows.read).toBe(csv.length);
    expect(counted.rows.kept).toBe(crimes.length);
    // One crime a row: no count column.
    expect(counted.rows.crimes).toBe(crimes.length);
    expect(counted.rows.rejected).toBe(csv.length - crimes.length);
    expect(Object.values(counted.rows.rejectReasons).reduce((a, b) => a + b, 0)).toBe(counted.rows.rejected);
    const sum = counted.cells.reduce((a, c) => a + c.count, 0);
    expect(sum).toBeGreaterThan(1000);
    expect(counted.rows.outsideArea).toBeGreaterThan(0);
    expect(sum + counted.rows.outsideArea).toBe(crimes.length);
    expect(harm.rows).toEqual(counted.rows);
  });

  it('counts per cell equal an independent recount (papaparse + h3-js latLngToCell)', () => {
    const recount = new Map<string, number>();
    for (const r of crimes) {
      const cell = latLngToCell(Number(r.Latitude), Number(r.Longitude), RES);
      recount.set(cell, (recount.get(cell) ?? 0) + 1);
    }
    const inArea = new Set(areaCells);
    let outside = 0;
    for (const [cell, n] of recount) if (!inArea.has(cell)) outside += n;
    expect(counted.rows.outsideArea).toBe(outside);
    for (const c of counted.cells) {
      expect(c.count).toBe(recount.get(c.h3) ?? 0);
      expect(c.value).toBe(c.count);
    }
  });

  it('Gi* z equals the naive Ord-Getis formula (ring-1 within the area, population S) to 1e-9; p and bins follow', () => {
    const x = counted.cells.map((c) => c.count);
    const hottest = x.indexOf(Math.max(...x));
    const edge = counted.cells.findIndex((c) => gridDisk(c.h3, 1).filter((d) => areaCells.includes(d)).length < 7);
    const empty = x.indexOf(0);
    for (const i of [hottest, edge, empty]) {
      expect(i).toBeGreaterThanOrEqual(0);
      expect(Math.abs(counted.cells[i].giZ - naiveGiZ(areaCells, x, i))).toBeLessThan(1e-9);
    }
    for (let i = 0; i < x.length; i++) {
      const c = counted.cells[i];
      expect(Math.abs(c.giZ - naiveGiZ(areaCells, x, i))).toBeLessThan(1e-9);
      const p = erfc(Math.abs(c.giZ) / Math.SQRT2);
      expect(Math.abs(c.giP - p)).toBeLessThanOrEqual(1e-6 * p + 1e-12);
      expect(c.giBin).toBe(binOf(c.giZ));
    }
    expect(counted.cells[hottest].giBin).toBe(3);
  });

  it('giBinFdr is the Benjamini-Hochberg bin over all study cells', () => {
    const z = counted.cells.map((c) => c.giZ);
    const p = counted.cells.map((c) => c.giP);
    expect(counted.cells.map((c) => c.giBinFdr)).toEqual(bhBins(z, p));
    expect(counted.cells.some((c) => c.giBinFdr !== c.giBin)).toBe(true); // FDR is stricter here
  });

  it('one month of data: no emerging category (Esri needs 10 months), though Gi* finds hot spots', () => {
    // Before: every hot cell was a "Persistent Hot Spot — hot in at least 90 % of months".
    expect(counted.emergingComputed).toBe(false);
    expect(counted.cells.some((c) => c.giBinFdr >= 1)).toBe(true);
    expect(counted.cells.every((c) => c.emerging === null)).toBe(true);
  });

  it('data coverage: in this sample only Barking and Dagenham and Barnet have data; the area (Barking and Dagenham) loses no cell', () => {
    // The 4,000-row head of the January 2023 file: Barking and Dagenham and Barnet hold about
    // 2,000 crimes each, Brent 6 (0.15 % of the month, under 10 % of an even split of 33): the
    // other 31 boroughs have no data.
    expect(counted.noData.boroughs).toHaveLength(31);
    expect(counted.noData.boroughs).not.toContain('E09000002');
    expect(counted.noData.boroughs).toContain('E09000005'); // Brent
    expect(counted.noData.cells).toBe(0);
    expect(counted.noData.crimes).toBe(0);
    expect(counted.noData.included).toBe(false);
  });

  it('harm weighting: value = Σ count × weight (data/harm-weights.json), and Gi* runs on the value', () => {
    const inArea = new Set(areaCells);
    const expected = new Map<string, number>();
    for (const r of crimes) {
      const cell = latLngToCell(Number(r.Latitude), Number(r.Longitude), RES);
      if (inArea.has(cell)) expected.set(cell, (expected.get(cell) ?? 0) + harmWeights[r['Crime type']]);
    }
    harm.cells.forEach((c, i) => {
      expect(c.count).toBe(counted.cells[i].count);
      const want = expected.get(c.h3) ?? 0;
      expect(Math.abs(c.value - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, want));
    });
    const v = harm.cells.map((c) => c.value);
    for (let i = 0; i < v.length; i++) expect(Math.abs(harm.cells[i].giZ - naiveGiZ(areaCells, v, i))).toBeLessThan(1e-9);
    expect(harm.cells.map((c) => c.giBinFdr)).toEqual(bhBins(v.map((_, i) => harm.cells[i].giZ), harm.cells.map((c) => c.giP)));
    expect(harm.cells.some((c, i) => c.giZ !== counted.cells[i].giZ)).toBe(true);
  });
});

describe('analyze CLI: patrol priority and its backtest (eight months of the sample, London, resolution 8)', () => {
  // Independent recount: papaparse rows, the months given above, h3-js cells, the study area by
  // polygonToCells; then the priority and the backtest written out from their definitions.
  const cells = londonCells(RES);
  const index = new Map(cells.map((c, i) => [c, i]));
  const T = MONTHS8.length;
  const perMonth = MONTHS8.map(() => new Array<number>(cells.length).fill(0));
  csv.forEach((r, i) => {
    if (!crimes.includes(r)) return;
    const c = index.get(latLngToCell(Number(r.Latitude), Number(r.Longitude), RES));
    if (c !== undefined) perMonth[MONTHS8.indexOf(monthOfRow(i))][c]++;
  });
  const HALF_LIFE = 2;
  const COVERAGE = 0.04;
  const k = Math.floor(COVERAGE * cells.length);
  /** Every ranking, forecasting month t from months 0..t−1 (all within 12 months here). */
  const score = (r: RankingId, t: number): number[] =>
    cells.map((_, i) => {
      if (r === 'last-month') return perMonth[t - 1][i];
      let s = 0;
      for (let m = 0; m < t; m++) s += perMonth[m][i] * (r === 'priority' ? 0.5 ** ((t - 1 - m) / HALF_LIFE) : 1);
      return s;
    });

  it('runs cleanly with the new settings', () => {
    // Only warnings: 8 months are too few for emerging hot spots, and the boroughs without data
    // are kept as zeros (--include-no-data), so the study area is all of London as recounted here.
    const lines = multiRun.stderr.trimEnd().split('\n');
    expect(lines.every((l) => l.startsWith('analyze: warning: '))).toBe(true);
    expect(multiRun.stderr).toContain('kept as zeros (--include-no-data)');
    expect(multiRun.code).toBe(0);
    expect(multi.cells.map((c) => c.h3)).toEqual(cells);
    expect(multi.cells.reduce((a, c) => a + c.count, 0)).toBe(perMonth.flat().reduce((a, b) => a + b, 0));
  });

  it('backtests the last 3 months, each forecast from the months before it, with hit rate, PAI and PEI* recomputed here', () => {
    const bt = multi.backtest;
    expect([bt.unit, bt.coverage, bt.halfLife, bt.trainingMonths]).toEqual(['crimes', COVERAGE, HALF_LIFE, 12]);
    expect(bt.months.map((m) => [m.month, ...m.train])).toEqual([
      ['2022-11', '2022-06', '2022-10'],
      ['2022-12', '2022-06', '2022-11'],
      ['2023-01', '2022-06', '2022-12'],
    ]);
    const sums = { priority: 0, window: 0, 'last-month': 0 };
    bt.months.forEach((m, j) => {
      const t = T - 3 + j;
      const test = perMonth[t];
      const N = test.reduce((a, b) => a + b, 0);
      const nStar = [...test].sort((a, b) => b - a).slice(0, k).reduce((a, b) => a + b, 0);
      expect(N).toBeGreaterThan(300);
      for (const r of ['priority', 'window', 'last-month'] as const) {
        const n = caught(cells, score(r, t), test, k);
        expect(m.scores[r], `${m.month} ${r}`).toMatchObject({ k, n, N, nStar });
        expect(m.scores[r].pai).toBeCloseTo(n / N / (k / cells.length), 12);
        expect(m.scores[r].pei).toBeCloseTo(n / nStar, 12);
        sums[r] += n / N;
      }
    });
    for (const r of ['priority', 'window', 'last-month'] as const) expect(bt.mean![r].hitRate).toBeCloseTo(sums[r] / 3, 12);
    // The recommendation is the best mean hit rate, priority first on a tie, then the window.
    const best = (['priority', 'window', 'last-month'] as const).reduce((a, r) => (sums[r] > sums[a] ? r : a), 'priority' as const);
    expect(bt.recommended).toBe(best);
    const pc = (x: number) => `${((x / 3) * 100).toFixed(1)} %`;
    expect(bt.verdict).toContain(`Priority caught ${pc(sums.priority)} of next month's crimes in 4 % of hexagons, on average over 3 months (2022-11 to 2023-01); 12-month counts caught ${pc(sums.window)}, last month ${pc(sums['last-month'])}`);
  });

  it('per cell: priority is the recommended ranking\'s score from all 8 months, priorityRank its order (ties by H3 index)', () => {
    const want = score(multi.backtest.recommended, T);
    multi.cells.forEach((c, i) => expect(Math.abs(c.priority - want[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, want[i])));
    const order = patrolOrder(cells, want);
    order.forEach((i, r) => expect(multi.cells[i].priorityRank).toBe(r + 1));
    // Not vacuous: the priority differs from the plain total, and many cells have some.
    if (multi.backtest.recommended === 'priority') expect(multi.cells.some((c) => c.priority !== c.count && c.count > 0)).toBe(true);
    expect(multi.cells.filter((c) => c.priority > 0).length).toBeGreaterThan(k);
  });

  it('one month of data: nothing to backtest, and the verdict says so', () => {
    expect(counted.backtest.months).toEqual([]);
    expect(counted.backtest.mean).toBeNull();
    expect(counted.backtest.verdict).toMatch(/^Not backtested: a test month needs at least 3 earlier months in the window, and the window has 1\./);
    for (const c of counted.cells) expect(c.priority).toBe(c.count);
  });
});

describe('analyze CLI: gaps in the data (issue 10, item 5)', () => {
  // Run after the timed runs above, so as not to slow them.
  beforeAll(async () => {
    [londonRun, includedRun, gappyRun] = await Promise.all([
      cli(['--input', STREET, '--resolution', '7', '--out', '-']),
      cli(['--input', STREET, '--resolution', '7', '--include-no-data', '--out', '-']),
      cli(['--input', join(dir, 'gap.csv'), '--resolution', '7', '--area', areaPath, '--out', '-']),
    ]);
    if (londonRun.code === 0) london = JSON.parse(londonRun.stdout);
    if (includedRun.code === 0) included = JSON.parse(includedRun.stdout);
    if (gappyRun.code === 0) gappy = JSON.parse(gappyRun.stdout);
  }, 120_000);

  /** Cells at resolution 7 whose centre lies in the given boroughs (independent of the app's code). */
  const cellsOf = (codes: string[]) => {
    const fc = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', 'boroughs.geojson'), 'utf8'));
    const out = new Set<string>();
    for (const f of fc.features) {
      if (!codes.includes(f.properties.code)) continue;
      const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
      for (const p of polys) for (const c of polygonToCells(p, 7, true)) out.add(c);
    }
    return out;
  };

  it('over London, cells of the 31 boroughs without data are left out, with a warning, and their crimes counted apart', () => {
    expect(londonRun.code).toBe(0);
    expect(londonRun.stderr).toMatch(/warning: \d+ study cells lie in boroughs with no data in 2023-01 \(.*Brent.*\): left out of the study area/);
    const missing = cellsOf(london.noData.boroughs);
    const covered = cellsOf(['E09000002', 'E09000003']);
    expect(london.cells.map((c) => c.h3)).toEqual([...covered].filter((c) => !missing.has(c)).sort());
    expect(london.noData.cells).toBe([...missing].length);
    // kept = Σ count + outsideArea + noData.crimes (no stop and search in this file)
    const sum = london.cells.reduce((a, c) => a + c.count, 0);
    expect(london.noData.crimes).toBeGreaterThan(0);
    expect(sum + london.rows.outsideArea + london.noData.crimes).toBe(crimes.length);
  });

  it('--include-no-data keeps those cells, and none of them is labelled hot or cold', () => {
    expect(includedRun.code).toBe(0);
    expect(includedRun.stderr).toMatch(/kept as zeros \(--include-no-data\), never labelled/);
    const missing = cellsOf(included.noData.boroughs);
    expect(included.noData.included).toBe(true);
    expect(included.cells.length).toBe(london.cells.length + london.noData.cells);
    const inMissing = included.cells.filter((c) => missing.has(c.h3));
    expect(inMissing.length).toBe(london.noData.cells);
    expect(inMissing.every((c) => c.giBin === 0 && c.giBinFdr === 0)).toBe(true);
    // Not vacuous: some of them hold (spill-over) crimes, and hot spots exist elsewhere.
    expect(inMissing.some((c) => c.count > 0)).toBe(true);
    expect(included.cells.some((c) => c.giBinFdr > 0)).toBe(true);
  });

  it('a gap in the months: the latest run of months with data is analysed, with a warning naming the gap', () => {
    expect(gappyRun.code).toBe(0);
    expect(gappyRun.stderr).toContain(
      'analyze: warning: the data has a gap: 2022-01…2023-01 has no or too few crimes; analysing 2021-01…2021-12, the latest run of months with data (choose --from/--to to change)\n',
    );
    expect(gappy.months).toEqual({ from: '2021-01', to: '2021-12' });
    expect(gappy.emergingComputed).toBe(true);
    expect(gappy.cells.every((c) => ESRI_LABELS.includes(c.emerging!))).toBe(true);
    // Twelve times the sample's Barking and Dagenham crimes: every cell's count is 12 × its one-month count.
    const once = new Map<string, number>();
    for (const r of crimes) {
      const cell = latLngToCell(Number(r.Latitude), Number(r.Longitude), 7);
      once.set(cell, (once.get(cell) ?? 0) + 1);
    }
    for (const c of gappy.cells) expect(c.count).toBe(12 * (once.get(c.h3) ?? 0));
  });
});

describe('analyze CLI: errors', () => {
  const oneLine = (r: Run) => {
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^analyze: [^\n]+\n$/);
  };

  it('--help prints the usage and exits 0', () => {
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run --silent analyze -- --input FILE');
    expect(help.stdout).toContain('Stop-and-search');
  });

  it('bad arguments: one line on stderr, exit 2', () => {
    const cases: [string, RegExp][] = [
      ['missingInput', /--input FILE is required/],
      ['resolution12', /--resolution "12" is not one of 7, 8, 9, 10/],
      ['weightBogus', /--weight "bogus" is not count or harm/],
      ['month13', /--from "2023-13" is not a month/],
      ['halfLife0', /--half-life "0" is not a number of months above 0/],
      ['coverage150', /--coverage "150" is not a percentage above 0 \(at most 100\)/],
    ];
    for (const [name, message] of cases) {
      const r = errors[name];
      oneLine(r);
      expect(r.stderr, name).toMatch(message);
      expect(r.code, name).toBe(2);
    }
  });

  it('an unreadable file: one line, exit 1', () => {
    oneLine(errors.unreadable);
    expect(errors.unreadable.stderr).toMatch(/cannot read input file .*no-such-file\.csv: no such file/);
    expect(errors.unreadable.code).toBe(1);
  });

  it('a CSV whose columns need mapping: one line naming the missing columns, exit 1', () => {
    oneLine(errors.needsMapping);
    expect(errors.needsMapping.stderr).toMatch(/needs-mapping\.csv: cannot tell which columns hold .*category.*longitude.*latitude/);
    expect(errors.needsMapping.stderr).toContain('(columns: when, what, where)');
    expect(errors.needsMapping.code).toBe(1);
  });
});

describe('analyze CLI: an aggregated extract (count column, 100 m grid)', () => {
  let countDir: string;
  let fine: Run;
  let ok: Run;
  let okResult: Result;
  const grid = countCsv();
  beforeAll(async () => {
    countDir = mkdtempSync(join(tmpdir(), 'analyze-counts-'));
    const path = join(countDir, 'grid-counts.csv');
    writeFileSync(path, grid.text);
    [fine, ok] = await Promise.all([
      cli(['--input', path, '--resolution', '10', '--out', '-']),
      cli(['--input', path, '--resolution', '9', '--out', '-']),
    ]);
    if (ok.code === 0) okResult = JSON.parse(ok.stdout);
  }, 120_000);
  afterAll(() => rmSync(countDir, { recursive: true, force: true }));

  it('refuses --resolution 10 with the reason, in one line, exit 2', () => {
    expect(fine.stdout).toBe('');
    expect(fine.stderr).toBe(
      'analyze: --resolution 10: Resolution 10 is finer than the data: 100 m cells support resolution 9 at the finest ' +
        `(${join(countDir, 'grid-counts.csv')}); use --resolution 9 or coarser (see --help)\n`,
    );
    expect(fine.code).toBe(2);
  });

  it('at resolution 9: 20 rows, 60 crimes; the cells count crimes (Σ count + outside + no-data = 60)', () => {
    expect(ok.code).toBe(0);
    expect(okResult.rows).toMatchObject({ read: 20, kept: 20, rejected: 0, crimes: 60 });
    expect(okResult.precision.finestResolution).toBe(9);
    expect(Math.abs(okResult.precision.cellAreaM2! / hexArea(100) - 1)).toBeLessThan(0.002);
    const sum = okResult.cells.reduce((a, c) => a + c.count, 0);
    expect(sum + okResult.rows.outsideArea + okResult.noData.crimes).toBe(60);
    // Recounted here: the counts summed per resolution-9 cell of each row's point.
    const want = new Map<string, number>();
    for (const row of Papa.parse<Record<string, string>>(grid.text, { header: true, skipEmptyLines: true }).data) {
      const cell = latLngToCell(Number(row.latitude), Number(row.longitude), 9);
      want.set(cell, (want.get(cell) ?? 0) + Number(row.crime_count));
    }
    for (const [cell, n] of want) expect(okResult.cells.find((c) => c.h3 === cell)?.count, cell).toBe(n);
  });
});

describe('analyze CLI: --clusters (issue 12), checked against a recomputation here', () => {
  // A constructed month on the Camden / Islington line at York Way: seven resolution-9 cells of
  // crime (six points in each, around its centre, three crimes a point), and one crime at the
  // centre of every fourth other cell of the two boroughs. The study area is the two boroughs.
  const CAMDEN = 'E09000007';
  const ISLINGTON = 'E09000019';
  const TYPES = ['Burglary', 'Robbery', 'Violence and sexual offences', 'Anti-social behaviour', 'Shoplifting'];
  const HEADER = readFileSync(STREET, 'utf8').split('\n')[0];
  const boroughFc = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', 'boroughs.geojson'), 'utf8'));
  const wardFc = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', 'wards.geojson'), 'utf8'));
  const two = boroughFc.features.filter((f: { properties: { code: string } }) => [CAMDEN, ISLINGTON].includes(f.properties.code));
  const polysOf = (g: { type: string; coordinates: unknown }) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as number[][][][];
  const studyCells = [...new Set(two.flatMap((f: { geometry: { type: string; coordinates: unknown } }) => polysOf(f.geometry).flatMap((p) => polygonToCells(p, 9, true))))].sort() as string[];
  const blob = gridDisk(latLngToCell(51.5365, -0.1215, 9), 1);
  const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
  const points: { lon: number; lat: number; type: string }[] = [];
  for (const cell of blob) {
    const [lat, lon] = cellToLatLng(cell);
    for (let k = 0; k < 6; k++) {
      const a = (k * Math.PI) / 3;
      const p = { lat: round6(lat + 0.0006 * Math.sin(a)), lon: round6(lon + 0.0009 * Math.cos(a)) };
      for (let j = 0; j < 3; j++) points.push({ ...p, type: TYPES[(k + j) % TYPES.length] });
    }
  }
  studyCells.forEach((cell, i) => {
    if (i % 4 !== 0 || blob.includes(cell)) return;
    const [lat, lon] = cellToLatLng(cell);
    points.push({ lat: round6(lat), lon: round6(lon), type: TYPES[i % TYPES.length] });
  });

  // Even-odd ray casting, apart from the app's geocoding.
  const inside = (lon: number, lat: number, g: { type: string; coordinates: unknown }) => insideEvenOdd(lon, lat, polysOf(g));
  const unitOf = (fc: { features: { properties: Record<string, string | null>; geometry: { type: string; coordinates: unknown } }[] }, lon: number, lat: number) =>
    fc.features.find((f) => inside(lon, lat, f.geometry))?.properties ?? null;

  interface ClusterUnit { code: string; name: string; share: number; crimeShare: number; crimes: number; harm: number; points: number | null; caveats: string[] }
  interface ClusterOut {
    id: string; cells: string[]; crimes: number; harm: number; monthsHot: string[];
    units: Record<'ward' | 'borough' | 'bcu', ClusterUnit[]>;
    crossesBorough: boolean; crossesBcu: boolean; lead: Record<'ward' | 'borough' | 'bcu', string | null>; label: string;
  }
  let run: Run;
  let out: Result & { clusterLevel: number; clusters: ClusterOut[]; sharedHarm: { borough: { units: string[]; harm: number[][]; clusters: string[][][] } } };
  let badLevel: Run;
  let levelAlone: Run;

  beforeAll(async () => {
    const csvPath = join(dir, 'york-way.csv');
    const lines = points.map((p, i) => `c${i},2023-01,Metropolitan Police Service,Metropolitan Police Service,${p.lon},${p.lat},On or near York Way,,,${p.type},,`);
    writeFileSync(csvPath, `${HEADER}\n${lines.join('\n')}\n`);
    const area = join(dir, 'camden-islington.geojson');
    writeFileSync(area, JSON.stringify({ type: 'FeatureCollection', features: two }));
    [run, badLevel, levelAlone] = await Promise.all([
      cli(['--input', csvPath, '--resolution', '9', '--area', area, '--clusters', '--out', '-']),
      cli(['--input', csvPath, '--clusters', '--cluster-level', '4', '--out', '-']),
      cli(['--input', csvPath, '--cluster-level', '2', '--out', '-']),
    ]);
    if (run.code === 0) out = JSON.parse(run.stdout);
  }, 120_000);

  it('adds clusterLevel, clusters and sharedHarm after the cells', () => {
    expect(run.code).toBe(0);
    expect(Object.keys(out)).toEqual(['rows', 'precision', 'resolution', 'weight', 'months', 'noData', 'emergingComputed', 'backtest', 'cells', 'clusterLevel', 'clusters', 'sharedHarm']);
    expect(out.clusterLevel).toBe(2);
    expect(out.cells.map((c) => c.h3)).toEqual(studyCells);
  });

  it('clusters are the ring-1 components of the cells with FDR bin ≥ 2, with crimes, harm and shares recomputed here', () => {
    // Components by breadth-first search over gridDisk, from the per-cell bins (checked against
    // the textbook formulas in the tests above).
    const hot = new Set(out.cells.filter((c) => c.giBinFdr >= 2).map((c) => c.h3));
    const components: string[][] = [];
    const seen = new Set<string>();
    for (const start of [...hot].sort()) {
      if (seen.has(start)) continue;
      const comp = [start];
      seen.add(start);
      for (let q = 0; q < comp.length; q++) {
        for (const nb of gridDisk(comp[q], 1)) if (hot.has(nb) && !seen.has(nb)) comp.push(nb), seen.add(nb);
      }
      components.push(comp.sort());
    }
    expect(out.clusters.map((c) => c.cells).sort()).toEqual(components.sort());
    expect(out.clusters.length).toBeGreaterThan(0);

    for (const c of out.clusters) {
      const mine = points.filter((p) => c.cells.includes(latLngToCell(p.lat, p.lon, 9)));
      expect(c.id).toBe(c.cells[0]);
      expect(c.crimes).toBe(mine.length);
      const harmSum = mine.reduce((a, p) => a + harmWeights[p.type], 0);
      expect(c.harm).toBeCloseTo(harmSum, 9);
      expect(c.monthsHot).toEqual(['2023-01']); // one month: its space-time Gi* is the plain Gi*
      // Shares by the crimes' own points, each unit found here by ray casting.
      const tally = (key: (p: (typeof mine)[number]) => string) => {
        const m = new Map<string, { crimes: number; harm: number; points: Set<string> }>();
        for (const p of mine) {
          const k = key(p);
          const t = m.get(k) ?? { crimes: 0, harm: 0, points: new Set<string>() };
          t.crimes++;
          t.harm += harmWeights[p.type];
          t.points.add(`${p.lon},${p.lat}`);
          m.set(k, t);
        }
        return m;
      };
      const borough = (p: { lon: number; lat: number }) => unitOf(boroughFc, p.lon, p.lat);
      const expected = {
        borough: tally((p) => String(borough(p)?.code ?? 'outside')),
        ward: tally((p) => String(unitOf(wardFc, p.lon, p.lat)?.code ?? 'outside')),
        bcu: tally((p) => String(borough(p)?.bcu ?? borough(p)?.code ?? 'outside')),
      };
      for (const level of ['ward', 'borough', 'bcu'] as const) {
        const units = c.units[level];
        expect(new Set(units.map((u) => u.code))).toEqual(new Set(expected[level].keys()));
        for (const u of units) {
          const t = expected[level].get(u.code)!;
          expect([u.crimes, u.points], `${c.id} ${level} ${u.code}`).toEqual([t.crimes, t.points.size]);
          expect(u.share).toBeCloseTo(t.harm / harmSum, 12);
          expect(u.crimeShare).toBeCloseTo(t.crimes / mine.length, 12);
          expect(u.caveats.includes('few-points')).toBe(t.points.size <= 3);
        }
        expect(units.reduce((a, u) => a + u.share, 0)).toBeCloseTo(1, 12);
        const best = [...expected[level].entries()].filter(([k]) => k !== 'outside').sort((a, b) => b[1].harm - a[1].harm || b[1].crimes - a[1].crimes || (a[0] < b[0] ? -1 : 1))[0];
        expect(c.lead[level]).toBe(best?.[0] ?? null);
      }
    }
  });

  it('the York Way cluster crosses from Camden into Islington, within BCU CN, and the matrix has that pair', () => {
    const york = out.clusters.find((c) => c.cells.includes(blob[0]))!;
    expect(york.units.borough.map((u) => u.code).sort()).toEqual([CAMDEN, ISLINGTON]);
    expect(york.crossesBorough).toBe(true);
    expect(york.crossesBcu).toBe(false);
    expect(york.label).toMatch(/^(Camden|Islington) \d+ % \/ (Islington|Camden) \d+ %, BCU CN$/);
    const m = out.sharedHarm.borough;
    const a = m.units.indexOf(CAMDEN);
    const b = m.units.indexOf(ISLINGTON);
    expect(m.clusters[a][b]).toContain(york.id);
    const pairHarm = york.units.borough.reduce((s, u) => s + u.harm, 0);
    expect(m.harm[a][b]).toBeCloseTo(pairHarm, 9);
  });

  it('refuses a bad level, and a level without --clusters (exit 2)', () => {
    expect(badLevel.code).toBe(2);
    expect(badLevel.stderr).toMatch(/--cluster-level "4" is not 1, 2 or 3/);
    expect(levelAlone.code).toBe(2);
    expect(levelAlone.stderr).toMatch(/--cluster-level needs --clusters/);
  });
});

describe('analyze CLI: --tasking (issue 13), checked against a recomputation here', () => {
  // A constructed year (2023-01..2023-12) in Camden at resolution 9: a violence and robbery blob
  // (a cell and its ring, four crimes a cell a month), a robbery blob whose centre is five steps
  // from it (its ring three steps from the first ring: near enough to join one site), a burglary
  // blob far off, and one
  // crime a month at the centre of every fourth other cell of the borough.
  const CAMDEN = 'E09000007';
  const HEADER = readFileSync(STREET, 'utf8').split('\n')[0];
  const boroughFc = JSON.parse(readFileSync(join(ROOT, 'data', 'boundaries', 'boroughs.geojson'), 'utf8'));
  const camden = boroughFc.features.filter((f: { properties: { code: string } }) => f.properties.code === CAMDEN);
  const polys = (camden[0].geometry.type === 'Polygon' ? [camden[0].geometry.coordinates] : camden[0].geometry.coordinates) as number[][][][];
  const studyCells = [...new Set(polys.flatMap((p) => polygonToCells(p, 9, true)))].sort();
  const MONTHS12 = Array.from({ length: 12 }, (_, t) => `2023-${String(t + 1).padStart(2, '0')}`);
  const P1 = latLngToCell(51.5390, -0.1426, 9); // Camden Town
  const violent = gridDisk(P1, 1);
  const nearCentre = gridDisk(P1, 5).find((c) => studyCells.includes(c) && gridDistance(P1, c) === 5)!;
  const near = gridDisk(nearCentre, 1);
  const P2 = latLngToCell(51.5560, -0.1780, 9); // Hampstead Heath side
  const burglary = gridDisk(P2, 1);
  const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
  const points: { lon: number; lat: number; type: string; month: string }[] = [];
  const at = (cell: string, type: string, month: string, k = 0) => {
    const [lat, lon] = cellToLatLng(cell);
    points.push({ lat: round6(lat + 0.0003 * Math.sin(k)), lon: round6(lon + 0.0004 * Math.cos(k)), type, month });
  };
  for (const month of MONTHS12) {
    violent.forEach((c) => [0, 1, 2, 3].forEach((k) => at(c, k % 2 === 0 ? 'Violence and sexual offences' : 'Robbery', month, k)));
    near.forEach((c) => [0, 1, 2, 3].forEach((k) => at(c, 'Robbery', month, k)));
    burglary.forEach((c) => [0, 1, 2, 3].forEach((k) => at(c, 'Burglary', month, k)));
    studyCells.forEach((c, i) => {
      if (i % 4 === 0 && !violent.includes(c) && !burglary.includes(c) && !near.includes(c)) at(c, CRIME_TYPES[i % CRIME_TYPES.length], month);
    });
  }

  interface ProposalOut {
    id: string; rank: number; score: number; cells: string[]; clusters: string[]; phase: string; reasons: string[];
    harm: number; crimes: number; monthsHot: number; months: number;
    units: Record<'ward' | 'borough' | 'bcu', { code: string; share: number }[]>;
    displacement: { flagged: boolean; ringCells: number };
    patrol: { h3: string; priority: number; visitsPerDay: number; minutesPerVisit: number }[];
  }
  let run: Run;
  let out: Result & { clusters: { id: string; cells: string[]; monthsHot: string[] }[]; proposals: ProposalOut[]; taskingSettings: { sites: { joinRings: number } } };

  beforeAll(async () => {
    const csvPath = join(dir, 'camden-year.csv');
    const lines = points.map((p, i) => `t${i},${p.month},Metropolitan Police Service,Metropolitan Police Service,${p.lon},${p.lat},On or near Camden High Street,,,${p.type},,`);
    writeFileSync(csvPath, `${HEADER}\n${lines.join('\n')}\n`);
    const area = join(dir, 'camden.geojson');
    writeFileSync(area, JSON.stringify({ type: 'FeatureCollection', features: camden }));
    run = await cli(['--input', csvPath, '--resolution', '9', '--area', area, '--weight', 'harm', '--clusters', '--tasking', '--out', '-']);
    if (run.code === 0) out = JSON.parse(run.stdout);
  }, 120_000);

  it('adds taskingSettings and proposals last, beside a per-cell priority', () => {
    expect(run.code).toBe(0);
    expect(Object.keys(out).slice(-6)).toEqual(['cells', 'clusterLevel', 'clusters', 'sharedHarm', 'taskingSettings', 'proposals']);
    expect(out.cells.every((c) => typeof c.priority === 'number')).toBe(true);
    expect(out.taskingSettings.sites.joinRings).toBe(3);
  });

  it('sites are the clusters joined within 3 grid steps; harm, crimes and patrol order recomputed here', () => {
    // Clusters from the per-cell FDR bins (checked in the --clusters test), joined here by the
    // smallest grid distance between their cells.
    const clusters = out.clusters.map((c) => c.cells);
    const dist = (a: string[], b: string[]) => Math.min(...a.flatMap((x) => b.map((y) => gridDistance(x, y))));
    const site = clusters.map((_, i) => i);
    const root = (i: number): number => (site[i] === i ? i : root(site[i]));
    for (let i = 0; i < clusters.length; i++) for (let j = i + 1; j < clusters.length; j++) if (dist(clusters[i], clusters[j]) <= 3) site[root(j)] = root(i);
    const groups = new Map<number, string[]>();
    clusters.forEach((c, i) => groups.set(root(i), [...(groups.get(root(i)) ?? []), ...c]));
    const expected = [...groups.values()].map((g) => g.sort());
    expect(out.proposals.map((p) => p.cells).sort()).toEqual(expected.sort());
    expect(out.proposals.some((p) => p.clusters.length >= 2)).toBe(true); // the near cell's cluster joined

    const priority = new Map(out.cells.map((c) => [c.h3, c.priority]));
    for (const p of out.proposals) {
      const mine = points.filter((q) => p.cells.includes(latLngToCell(q.lat, q.lon, 9)));
      expect(p.crimes).toBe(mine.length);
      expect(p.harm).toBeCloseTo(mine.reduce((a, q) => a + harmWeights[q.type], 0), 9);
      const order = patrolOrder(p.cells, p.cells.map((c) => priority.get(c)!)).map((i) => p.cells[i]);
      expect(p.patrol.map((x) => x.h3)).toEqual(order);
      expect(p.patrol.every((x) => x.visitsPerDay === 2 && x.minutesPerVisit === 15 && x.priority === priority.get(x.h3))).toBe(true);
      // Months hot: the union of its clusters' months (from the --clusters output).
      const hot = new Set(out.clusters.filter((c) => p.clusters.includes(c.id)).flatMap((c) => c.monthsHot));
      expect(p.monthsHot).toBe(hot.size);
      expect(p.score).toBeCloseTo((p.harm * hot.size) / 12, 9);
    }
    const scores = out.proposals.map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('the violence and robbery site is for Clear, the burglary site is not, with reasons from the numbers', () => {
    const v = out.proposals.find((p) => p.cells.includes(P1))!;
    const mine = points.filter((q) => v.cells.includes(latLngToCell(q.lat, q.lon, 9)));
    const harmOf = (types: string[]) => mine.filter((q) => types.includes(q.type)).reduce((a, q) => a + harmWeights[q.type], 0);
    const share = harmOf(['Violence and sexual offences', 'Robbery', 'Possession of weapons', 'Drugs']) / harmOf(Object.keys(harmWeights));
    expect(v.monthsHot).toBeGreaterThanOrEqual(11);
    expect(v.phase).toBe('clear');
    expect(v.reasons[0]).toMatch(new RegExp(`^Clear: (persistent|intensifying) hot spot for ${v.monthsHot} of 12 months, [a-z]+(, [a-z]+)*( and [a-z]+)? ${Math.round(share * 100)} % of its harm, `));
    expect(v.units.borough.map((u) => u.code)).toEqual([CAMDEN]);
    const b = out.proposals.find((p) => p.cells.includes(P2))!;
    expect(b.phase).not.toBe('clear');
    expect(b.reasons[0]).toMatch(/\(Clear needs 50 %\)$/);
  });
});
