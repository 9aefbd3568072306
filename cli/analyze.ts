/**
 * The command-line twin of the app (issue 3, item 6): the same modules (ingest, cube, study area,
 * Gi*, FDR, emerging hot spots) run in Node on DuckDB-WASM's blocking bindings, the engine the
 * browser runs, for analysts' batch runs and for checking the app number for number.
 *
 *   npm run --silent analyze -- --input FILE [--input FILE ...] --resolution 9 --weight count|harm \
 *     [--area FILE.geojson] [--from YYYY-MM] [--to YYYY-MM] [--half-life MONTHS] [--coverage PERCENT] \
 *     [--backtest-months K] --out result.json
 *
 * Pipeline (each step is the app's own code, so same inputs give the same numbers):
 * - every --input through `ingestFile` with the Node ingest environment and the shipped
 *   boundaries (data/boundaries);
 * - `buildCube` at the resolution;
 * - the study area `buildStudyArea(polygons, resolution)`: --area, or the 33 London boroughs;
 * - the month filter from `toCubeFilter` over the app's default view (the 14 crime categories,
 *   months clamped to the data as the app clamps them); with no --from/--to and a gap in the
 *   loaded months, the latest run of months with data (`withDefaultWindow`, as the app);
 * - data coverage (`dataCoverage`): boroughs with no data in those months are left out of the
 *   study area (`noDataStudyArea`), or kept but never labelled with --include-no-data;
 * - `analyseHotspots` with no weights (counts) or `harmWeightVector(data/harm-weights.json)`;
 * - `patrolPlan` (the patrol priority and its rolling-origin backtest) with the same weights.
 * Definitions: ../shared/ANALYSIS.md. Nothing is rounded.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { H3_RESOLUTIONS, type H3Resolution } from '../src/db/schema';
import type { IngestReport } from '../src/ingest/pipeline';
import type { ViewState } from '../src/state/filters';

const ROOT = join(import.meta.dirname, '..');
const DATA = join(ROOT, 'data');

const USAGE = `Usage: npm run --silent analyze -- --input FILE [--input FILE ...] --out FILE|- [options]

Loads crime files through the app's own ingest (DuckDB-WASM, the browser's engine) and writes,
for every H3 cell of the study area, its crimes, value, Getis-Ord Gi* z and p, confidence bins
without and with FDR correction, its emerging hot spot category and its patrol priority, with
the backtest behind the priority: the app's numbers.

Options:
  --input FILE       file to load: police.uk street or stop-and-search CSV, a force extract CSV
                     whose columns are recognised by name, or Parquet. Repeatable, at least one.
                     A file whose bytes were already loaded adds nothing. A file with a count
                     column (crime_count, count, n, crimes, number_of_crimes, offence_count) is
                     an aggregated extract: each row stands for that many crimes, and its rows
                     are taken as the centres of a grid whose cell size limits the resolution.
  --out FILE         where to write the JSON result; '-' writes to standard output. Required.
  --resolution R     H3 resolution, 7 to 10 (default 9). A resolution finer than the loaded data
                     supports (an aggregated extract whose cells are larger than its hexagons)
                     is refused, with the reason (exit 2).
  --weight W         count (default): value = crimes; harm: value = sum of Cambridge Crime Harm
                     Index days per category (data/harm-weights.json).
  --area FILE        study area: GeoJSON FeatureCollection (or one Feature or geometry) of Polygon
                     / MultiPolygon in WGS84 longitude/latitude. Default: the 33 London boroughs
                     (data/boundaries/boroughs.geojson).
  --from YYYY-MM     first month analysed (default: the first month of the data).
  --to YYYY-MM       last month analysed (default: the last month of the data). A month outside
                     the data is clamped to the data's first or last month, as in the app; a range
                     wholly outside the data selects nothing (a warning says so).
                     With neither, and a gap in the loaded months (a month with no crime, or under
                     10 % of the median month), the latest run of months with data is analysed,
                     as in the app (a warning names the gap). With one of them, the other end
                     stops at the edge of the months with data rather than crossing a gap.
  --include-no-data  keep boroughs with no data in the analysed months in the study area (as
                     zeros; their cells are never labelled hot, cold or emerging). Default: leave
                     their cells out (a warning names them). A borough has no data in a month when
                     its crimes there are 0 or under 10 % of its usual share of the month, or when
                     it usually holds under 10 % of an even split of the crimes (spill-over only).
  --half-life M      half-life of the patrol priority's recency weights, in months (default 3).
  --coverage P       share of hexagons flagged in the backtest, percent (default 5).
  --backtest-months K  test months of the rolling-origin backtest, the last K of the window
                     (default 6); each is forecast from up to 12 months before it.
  --clusters         also write "clusters": the hot-spot clusters (contiguous cells whose FDR bin
                     is at or above --cluster-level, joined by ring-1 adjacency) with the wards,
                     boroughs and BCUs that share them, and "sharedHarm" (see below).
  --cluster-level L  FDR bin a cell needs to join a cluster: 1, 2 or 3 (90, 95, 99 %; default 2).
  --tasking          also write "taskingSettings" and "proposals": Clear/Hold/Build proposals built
                     from the clusters (at --cluster-level), with reasons and a patrol plan each.
  --verbose          progress on standard error.
  --help             this text.

Output (JSON, numbers unrounded):
  {"rows":{"read","kept","rejected","crimes","outsideArea","rejectReasons":{reason:count}},
   "precision":{"cellAreaM2","finestResolution"},"resolution","weight","months":{"from","to"},
   "noData":{"boroughs":[code],"included","cells","crimes"},"emergingComputed",
   "backtest":{"unit","coverage","halfLife","trainingMonths","minHistory","labels","months",
               "scoredMonths","mean","recommended","verdict"},
   "cells":[{"h3","count","value","giZ","giP","giBin","giBinFdr","emerging","priority","priorityRank"}]}
  cells: one per study-area cell (every cell whose centre is inside the area, zero cells
  included), sorted by H3 index. giBin / giBinFdr: -3..3 (90/95/99 % cold or hot, without /
  with Benjamini-Hochberg FDR). emerging: Esri's category label, e.g. "Persistent Hot Spot", or
  null for every cell when fewer than 10 months hold crime in the area (Esri's minimum for
  Emerging Hot Spot Analysis; emergingComputed is then false). months: the analysed months.
  noData: boroughs with no data in those months, whether their cells were kept (included),
  and the cells left out and the analysed crimes in them (counted there, not in outsideArea).
  priority: the score of the recommended patrol ranking (backtest.recommended): by default the
  value (crimes or harm) of each month up to the last one weighted by 0.5^(months before the
  last / half-life), over the window's last 12 months; if the backtest found a baseline
  ("window": the 12 months' total, "last-month": the last month's value) better, that baseline's
  value. priorityRank: 1 = patrolled first; ties by H3 index.
  backtest: each of the last K months forecast from the months before it; months[].scores per
  ranking (priority, window, last-month, gi) hold k, n, N, nStar, hitRate, pai, pei, reason
  (PAI and PEI* as in ANALYSIS.md; null where undefined, e.g. no crime in the test month);
  mean: averages over the scored months (null if none); verdict: the outcome in words.
  rows: read, kept and rejected sum the ingest reports of the files (rows); crimes is the crimes
  the kept rows stand for (their counts summed; equal to kept when no file has a count column);
  outsideArea counts the analysed crimes (14 crime categories, within the months) whose cell
  lies outside the area. Every cell count is crimes, not rows.
  precision: the cell area (m²) of the coarsest aggregated extract loaded and the finest
  resolution it supports (both null for point records: no limit).

With --clusters (issue 12), three more keys, after "cells":
  "clusterLevel", "clusters":[{"id","cells":[h3],"crimes","harm","areaKm2","peakBin","monthsHot",
   "topCrimeTypes","emerging","atStudyEdge","touchesNoData",
   "units":{"ward":[{"code","name","share","crimeShare","crimes","harm","points","caveats"}],
            "borough":[...],"bcu":[...]},
   "crossesWard","crossesBorough","crossesBcu","crossing","jointTasking","lead":{"ward","borough","bcu"},
   "label"}] (by harm, largest first), and "sharedHarm":{"borough"|"bcu":{"units","names","harm",
   "clusters","within"}}.
  id: the cluster's smallest cell. crimes, harm: the analysed crimes in its cells; harm always
  weighs them by data/harm-weights.json, whatever --weight. share: a unit's share of the harm
  whose crimes' own points lie in it (crimeShare: of the crimes), 0..1, summing to 1 per level;
  crimes in no unit form the unit "outside". The City of London (its own force) is a unit of its
  own at the BCU level, and a line to it counts as a BCU line. points: distinct crime locations
  behind a share; caveats: "few-points" when 3 or fewer. lead: the unit with the largest share.
  crossing: the highest line crossed ("bcu", "borough" within one BCU, "ward", "none");
  jointTasking: a BCU or force line crossed by two BCU-level units neither resting on few points.
  monthsHot: months in which a cell of the cluster had a space-time FDR bin at or above the level.
  sharedHarm harm[a][b]: over clusters holding crimes of both a and b, the harm in a and in b.

With --tasking (issue 13), two more keys, last: "taskingSettings":{"tasking":{...},"sites":{...}}
(every threshold of the rules) and "proposals":[{"id","rank","score","cells":[h3],"clusters":[id],
  "phase":"clear"|"hold"|"build","reasons":[text],"harm","crimes","monthsHot","months","pattern",
  "trendPerMonth","concentration":{"boroughs","harmShare","areaShare","ratio"},
  "units":{"ward"|"borough"|"bcu":[{"code","name","share"}]},
  "displacement":{"flagged","ringCells","months","coreBefore","coreAfter","ringBefore","ringAfter","reason"},
  "patrol":[{"h3","priority","visitsPerDay","minutesPerVisit"}]}] (rank 1 first).
  A site is at most 6 km²: a larger cluster is first cut into runs of cells by main ward; pieces
  join when a cell of one is within 3 grid steps of a cell of another, nearest first, while the
  site stays within 6 km². clusters: the clusters it holds (all or part). Ranked by
  harm × months hot / months; harm always weighs by data/harm-weights.json. phase: derived
  from the data (no current phase is known to the command). patrol: the site's cells by the
  cells' "priority" (ties by H3 index), 15-minute visits twice a day (Koper 1995), every cell
  planned (no budget).

What is analysed: the 14 police.uk crime categories. Stop-and-search records are loaded (they
count in rows.read, rows.kept and rows.crimes) but they are not crimes: they are never analysed and not part
of outsideArea. So rows.crimes = sum of cells' count + outsideArea + noData.crimes +
stop-and-search records + crimes outside the analysed months.

Exit status: 0 done; 2 bad arguments (including a --resolution finer than the data); 1 unreadable or invalid input file, including a file whose
columns cannot be recognised (this command has no column mapping: rename the columns, e.g. to
police.uk's Month, Crime type, Longitude, Latitude). Errors are one line on standard error,
"analyze: <message>". Warnings ("analyze: warning: ...": a month clamped to the data, every
cell with the same value so every z is 0, a gap in the months, boroughs with no data, too few
months for emerging hot spots) go to standard error and leave the exit status 0.`;

/** A failure with its exit code: 2 for bad arguments, 1 for input files. */
class CliError extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2,
  ) {
    super(message);
  }
}
const usageError = (m: string) => new CliError(`${m} (see --help)`, 2);
const fileError = (m: string) => new CliError(m, 1);

interface CliOptions {
  inputs: string[];
  out: string;
  resolution: H3Resolution;
  weight: 'count' | 'harm';
  area: string | null;
  from: string | null;
  to: string | null;
  verbose: boolean;
  halfLife: number;
  coverage: number;
  backtestMonths: number;
  includeNoData: boolean;
  /** --clusters and its level (issue 12). */
  clusters: boolean;
  /** --tasking (issue 13). */
  tasking: boolean;
  clusterLevel: number;
}

const MONTH = /^(\d{4})-(\d{2})$/;

function checkMonth(flag: string, v: string): string {
  const m = MONTH.exec(v);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw usageError(`${flag} "${v}" is not a month YYYY-MM (01 to 12)`);
  return v;
}

/** Parses the arguments (after the script name); `null` means --help was asked for. */
function parseArgs(argv: readonly string[]): CliOptions | null {
  const single = new Map<string, string>();
  const inputs: string[] = [];
  let verbose = false;
  let includeNoData = false;
  let clusters = false;
  let tasking = false;
  const valued = new Set(['--input', '--out', '--resolution', '--weight', '--area', '--from', '--to', '--half-life', '--coverage', '--backtest-months', '--cluster-level']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') return null;
    if (arg === '--verbose') {
      verbose = true;
      continue;
    }
    if (arg === '--include-no-data') {
      includeNoData = true;
      continue;
    }
    if (arg === '--clusters') {
      clusters = true;
      continue;
    }
    if (arg === '--tasking') {
      tasking = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (!valued.has(flag)) {
      throw usageError(arg.startsWith('-') ? `unknown option ${flag}` : `unexpected argument "${arg}"`);
    }
    let value: string;
    if (flag !== arg) value = arg.slice(eq + 1);
    else {
      if (i + 1 >= argv.length || argv[i + 1].startsWith('--')) throw usageError(`${flag} needs a value`);
      value = argv[++i];
    }
    if (value === '') throw usageError(`${flag} needs a value`);
    if (flag === '--input') inputs.push(value);
    else if (single.has(flag)) throw usageError(`${flag} is given more than once`);
    else single.set(flag, value);
  }
  if (inputs.length === 0) throw usageError('--input FILE is required');
  const out = single.get('--out');
  if (out === undefined) throw usageError('--out FILE (or --out - for standard output) is required');

  const resText = single.get('--resolution') ?? '9';
  const res = /^\d+$/.test(resText) ? Number(resText) : NaN;
  if (!(H3_RESOLUTIONS as readonly number[]).includes(res)) {
    throw usageError(`--resolution "${resText}" is not one of ${H3_RESOLUTIONS.join(', ')}`);
  }
  const weight = single.get('--weight') ?? 'count';
  if (weight !== 'count' && weight !== 'harm') throw usageError(`--weight "${weight}" is not count or harm`);
  const from = single.has('--from') ? checkMonth('--from', single.get('--from')!) : null;
  const to = single.has('--to') ? checkMonth('--to', single.get('--to')!) : null;
  if (from !== null && to !== null && from > to) throw usageError(`--from ${from} is after --to ${to}`);
  const number = (flag: string, fallback: number, ok: (x: number) => boolean, what: string) => {
    const text = single.get(flag);
    if (text === undefined) return fallback;
    const x = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (!ok(x)) throw usageError(`${flag} "${text}" is not ${what}`);
    return x;
  };
  const halfLife = number('--half-life', 3, (x) => x > 0 && x <= 120, 'a number of months above 0 (at most 120)');
  const coverage = number('--coverage', 5, (x) => x > 0 && x <= 100, 'a percentage above 0 (at most 100)');
  const backtestMonths = number('--backtest-months', 6, (x) => Number.isInteger(x) && x >= 1 && x <= 120, 'a whole number of months from 1 to 120');
  const levelText = single.get('--cluster-level');
  if (levelText !== undefined && !clusters && !tasking) throw usageError('--cluster-level needs --clusters or --tasking');
  const clusterLevel = levelText === undefined ? 2 : ['1', '2', '3'].includes(levelText) ? Number(levelText) : NaN;
  if (Number.isNaN(clusterLevel)) throw usageError(`--cluster-level "${levelText}" is not 1, 2 or 3`);
  return {
    inputs, out, resolution: res as H3Resolution, weight, area: single.get('--area') ?? null, from, to, verbose, includeNoData,
    halfLife, coverage: coverage / 100, backtestMonths, clusters, clusterLevel, tasking,
  };
}

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

async function readInput(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : firstLine(e);
    throw fileError(`cannot read ${what} ${path}: ${why}`);
  }
}

type AreaFeature = Feature<Polygon | MultiPolygon>;

/** Reads an area GeoJSON: a FeatureCollection, a Feature or a bare geometry of (Multi)Polygons in WGS84. */
async function readArea(path: string): Promise<AreaFeature[]> {
  const text = new TextDecoder().decode(await readInput(path, 'area file'));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw fileError(`area file ${path} is not JSON (${firstLine(e)})`);
  }
  const obj = json as { type?: unknown; features?: unknown; geometry?: unknown };
  let features: unknown[];
  if (obj?.type === 'FeatureCollection' && Array.isArray(obj.features)) features = obj.features;
  else if (obj?.type === 'Feature') features = [obj];
  else if (obj?.type === 'Polygon' || obj?.type === 'MultiPolygon') features = [{ type: 'Feature', properties: {}, geometry: obj }];
  else throw fileError(`area file ${path} is not a GeoJSON FeatureCollection, Feature or Polygon/MultiPolygon`);
  if (features.length === 0) throw fileError(`area file ${path} has no features`);
  features.forEach((f, i) => {
    const g = (f as { geometry?: { type?: unknown; coordinates?: unknown } } | null)?.geometry;
    if (g?.type !== 'Polygon' && g?.type !== 'MultiPolygon') {
      throw fileError(`area file ${path}: feature ${i} is ${typeof g?.type === 'string' ? g.type : 'without geometry'}, not a Polygon or MultiPolygon`);
    }
    // A projected file (British National Grid metres, say) would silently give no cells.
    const bad = firstNonLonLat(g.coordinates);
    if (bad) throw fileError(`area file ${path}: feature ${i} has coordinates ${bad.join(', ')}, not WGS84 longitude, latitude`);
  });
  return features as AreaFeature[];
}

function firstNonLonLat(c: unknown): number[] | null {
  if (!Array.isArray(c)) return [NaN];
  if (c.length >= 2 && typeof c[0] === 'number') {
    const [lon, lat] = c as number[];
    return Number.isFinite(lon) && Number.isFinite(lat) && Math.abs(lon) <= 180 && Math.abs(lat) <= 90 ? null : c.slice(0, 2);
  }
  for (const x of c) {
    const bad = firstNonLonLat(x);
    if (bad) return bad;
  }
  return null;
}

interface Rows {
  read: number;
  kept: number;
  rejected: number;
  crimes: number;
  outsideArea: number;
  rejectReasons: Record<string, number>;
}

async function run(argv: readonly string[]): Promise<void> {
  const opts = parseArgs(argv);
  if (opts === null) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const t0 = performance.now();
  const log = (m: string) => {
    if (opts.verbose) process.stderr.write(`analyze: ${((performance.now() - t0) / 1000).toFixed(1)} s: ${m}\n`);
  };
  const warn = (m: string) => process.stderr.write(`analyze: warning: ${m}\n`);

  // Cheap checks first: every file readable, the area valid, the output directory present.
  const files: { name: string; data: Uint8Array }[] = [];
  for (const path of opts.inputs) files.push({ name: path, data: await readInput(path, 'input file') });
  const area = opts.area === null ? null : await readArea(opts.area);
  if (opts.out !== '-') {
    const dir = dirname(resolve(opts.out));
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw fileError(`cannot write ${opts.out}: no directory ${dir}`);
  }

  // The heavy modules load only now, so that argument errors come back at once.
  const [
    { harmWeightVector },
    { analyseHotspots, buildStudyArea, emergingLabel, MIN_EMERGING_MONTHS },
    { buildCube },
    { NeedsMappingError },
    { createNodeIngestEnv, loadBoundariesFromDir },
    { ingestFile },
    { DEFAULT_VIEW, toCubeFilter },
    { patrolPlan },
    { dataCoverage },
    { boroughCodes, coverageView, noDataStudyArea, runLabel, withDefaultWindow },
    { loadedPrecision },
    { resolutionRefusal },
  ] = await Promise.all([
    import('../src/analysis/harm'),
    import('../src/analysis/hotspots'),
    import('../src/db/cube'),
    import('../src/ingest/detect'),
    import('../src/ingest/env-node'),
    import('../src/ingest/pipeline'),
    import('../src/state/filters'),
    import('../src/analysis/priority-backtest'),
    import('../src/analysis/coverage'),
    import('../src/state/coverage-view'),
    import('../src/db/precision'),
    import('../src/analysis/precision'),
  ]);
  log('starting DuckDB-WASM');
  const env = await createNodeIngestEnv(await loadBoundariesFromDir(join(DATA, 'boundaries')));
  const rows: Rows = { read: 0, kept: 0, rejected: 0, crimes: 0, outsideArea: 0, rejectReasons: {} };
  for (const file of files) {
    let report: IngestReport;
    try {
      report = await ingestFile(env, file, { onProgress: (p) => log(`${p.file}: ${p.stage}`) });
    } catch (e) {
      if (e instanceof NeedsMappingError) {
        throw fileError(
          `${file.name}: cannot tell which columns hold ${e.detection.missing.join(', ')} (columns: ${e.header.join(', ')}); ` +
            'rename them, e.g. to police.uk\'s Month, Crime type, Longitude, Latitude',
        );
      }
      const msg = firstLine(e);
      throw fileError(msg.startsWith(file.name) ? msg : `${file.name}: ${msg}`);
    }
    if (report.status === 'failed') throw fileError(`${file.name}: ${report.error ?? 'could not be loaded'}`);
    if (report.status === 'duplicate-file') {
      log(`${file.name}: the same bytes were already loaded; adds nothing`);
      continue;
    }
    log(`${file.name}: ${report.format}, ${report.rowsRead} rows read, ${report.kept} kept (${report.crimesKept} crimes), ${report.rejected} rejected`);
    rows.read += report.rowsRead;
    rows.kept += report.kept;
    rows.crimes += report.crimesKept;
    rows.rejected += report.rejected;
    for (const [reason, n] of Object.entries(report.rejectReasons)) rows.rejectReasons[reason] = (rows.rejectReasons[reason] ?? 0) + n;
  }

  // As in the app: never a resolution finer than the loaded data supports.
  const precision = await loadedPrecision(env.db);
  const refused = resolutionRefusal(opts.resolution, precision);
  if (refused) {
    await env.db.close();
    throw usageError(`--resolution ${opts.resolution}: ${refused} (${precision.fileName}); use --resolution ${precision.finestResolution} or coarser`);
  }

  log(`building the resolution-${opts.resolution} cube`);
  const cube = await buildCube(env.db, opts.resolution);
  const boroughs = JSON.parse(await readFile(join(DATA, 'boundaries', 'boroughs.geojson'), 'utf8')) as FeatureCollection<Polygon | MultiPolygon>;
  const polygons: FeatureCollection<Polygon | MultiPolygon> | AreaFeature[] = area ?? boroughs;
  const areaName = opts.area ?? 'data/boundaries/boroughs.geojson';

  // The app's default view (the 14 crime categories) with this run's resolution and months;
  // with no months chosen and a gap in the data, the latest run of months with data.
  const view: ViewState = { ...DEFAULT_VIEW, resolution: opts.resolution, from: opts.from, to: opts.to, includeNoData: opts.includeNoData };
  const coverage = dataCoverage(cube, { boroughs: boroughCodes(boroughs) });
  const filter = withDefaultWindow(toCubeFilter(cube, view), view, coverage);
  // --clusters (issue 12): distinct crime locations per cell and unit, read before the database closes.
  const clusterSection = opts.clusters || opts.tasking ? await import('./clusters-section') : null;
  const clusterPoints = clusterSection ? await clusterSection.clusterPoints(env.db, cube, filter) : [];
  const taskingSection = opts.tasking ? await import('./tasking-section') : null;
  await env.db.close();
  const cover = coverageView(coverage, filter, view);
  const months = cube.months;
  const window = filter.monthFrom <= filter.monthTo ? runLabel(months, cover.window) : 'no month';
  const gapText = (gaps: typeof cover.gaps) => gaps.map((g) => runLabel(months, g)).join(', ');
  if (cover.latestRunDefault) {
    warn(`the data has a gap: ${gapText(cover.gaps)} has no or too few crimes; analysing ${window}, the latest run of months with data (choose --from/--to to change)`);
  } else if (cover.gapsInWindow.length > 0) {
    warn(`${gapText(cover.gapsInWindow)} within the chosen months has no or too few crimes: read as zeros`);
  }

  const noData = noDataStudyArea(cover, boroughs, opts.includeNoData);
  let study;
  try {
    study = buildStudyArea(polygons, opts.resolution, noData?.area);
  } catch (e) {
    throw fileError(`area file ${areaName}: ${firstLine(e)}`);
  }
  if (study.cells.length + study.excluded.length === 0) {
    throw fileError(`area file ${areaName}: no H3 cell centre at resolution ${opts.resolution} lies inside it (too small for this resolution?)`);
  }
  const affected = opts.includeNoData ? study.noData.reduce((a, b) => a + b, 0) : study.excluded.length;
  if (affected > 0) {
    const names = new Map(boroughs.features.map((f) => [String(f.properties?.code), String(f.properties?.name)]));
    const list = cover.noDataBoroughs.map((c) => names.get(c) ?? c).join(', ');
    warn(
      opts.includeNoData
        ? `${affected} study cells lie in boroughs with no data in ${window} (${list}): kept as zeros (--include-no-data), never labelled`
        : `${affected} study cells lie in boroughs with no data in ${window} (${list}): left out of the study area (--include-no-data keeps them)`,
    );
  }
  if (study.cells.length === 0) warn(`no study cell is left: the area has no data in ${window}`);
  log(`study area: ${study.cells.length} cells`);
  const span = months.length > 0 ? `${months[0]} to ${months[months.length - 1]}` : '';
  if (months.length > 0 && ((opts.from !== null && opts.from > months[months.length - 1]) || (opts.to !== null && opts.to < months[0]))) {
    warn(`--from..--to holds no month of the data (${span}); as in the app, nothing is selected and every cell is 0`);
  } else for (const [flag, m] of [['--from', opts.from], ['--to', opts.to]] as const) {
    if (m !== null && months.length > 0 && !months.includes(m)) {
      warn(`${flag} ${m} is outside the data (${span}); clamped to ${m < months[0] ? months[0] : months[months.length - 1]}, as the app does`);
    }
  }
  const weights =
    opts.weight === 'harm'
      ? harmWeightVector((JSON.parse(await readFile(join(DATA, 'harm-weights.json'), 'utf8')) as { weights: Record<string, number> }).weights)
      : undefined;
  log(`analysing ${window}`);
  const r = analyseHotspots(cube, study, filter, weights);
  rows.outsideArea = r.outsideArea;
  if (r.degenerate) warn('every study cell has the same value (S = 0): every z is 0 and every bin 0');
  if (!r.emergingComputed && study.cells.length > 0) {
    warn(`${r.months.length} month${r.months.length === 1 ? '' : 's'} with crime in the area: emerging hot spots need at least ${MIN_EMERGING_MONTHS} (Esri); every cell's emerging is null`);
  }
  const plan = patrolPlan(cube, study, filter, weights, { halfLife: opts.halfLife, coverage: opts.coverage, months: opts.backtestMonths });
  log(plan.backtest.verdict);

  const cells = r.cells.map((h3, i) => ({
    h3,
    count: r.count[i],
    value: r.value[i],
    giZ: r.giZ[i],
    giP: r.giP[i],
    giBin: r.giBin[i],
    giBinFdr: r.giBinFdr[i],
    emerging: r.emergingComputed ? emergingLabel(r.emerging[i]) : null,
    priority: plan.priority[i],
    priorityRank: plan.rank[i],
  }));
  const result = {
    rows,
    precision: { cellAreaM2: precision.cellAreaM2, finestResolution: precision.finestResolution },
    resolution: opts.resolution,
    weight: opts.weight,
    months: filter.monthFrom <= filter.monthTo ? { from: months[filter.monthFrom], to: months[filter.monthTo] } : null,
    noData: { boroughs: cover.noDataBoroughs, included: opts.includeNoData, cells: r.excludedCells, crimes: r.inNoDataArea },
    emergingComputed: r.emergingComputed,
    backtest: plan.backtest,
    cells,
    // --clusters (issue 12): clusterLevel, clusters, sharedHarm.
    ...(clusterSection && opts.clusters
      ? await clusterSection.clustersSection({ cube, study, hotspots: r, filter, level: opts.clusterLevel, dataDir: DATA, aggregated: precision.cellAreaM2 !== null }, clusterPoints)
      : {}),
    // --tasking (issue 13): taskingSettings, proposals.
    ...(taskingSection
      ? await taskingSection.taskingSection(
        { cube, study, hotspots: r, filter, level: opts.clusterLevel, ranking: plan, dataDir: DATA, aggregated: precision.cellAreaM2 !== null },
        clusterPoints,
      )
      : {}),
  };
  const json = `${JSON.stringify(result)}\n`;
  if (opts.out === '-') process.stdout.write(json);
  else {
    try {
      await writeFile(opts.out, json);
    } catch (e) {
      throw fileError(`cannot write ${opts.out}: ${firstLine(e)}`);
    }
  }
  log(`wrote ${cells.length} cells to ${opts.out === '-' ? 'standard output' : opts.out}`);
}

run(process.argv.slice(2)).catch((e: unknown) => {
  const code = e instanceof CliError ? e.code : 1;
  process.stderr.write(`analyze: ${firstLine(e)}\n`);
  process.exitCode = code;
});
