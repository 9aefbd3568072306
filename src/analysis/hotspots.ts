/**
 * Hotspot analysis of a crime cube over a study area: the one orchestration the app, the
 * command-line twin and the tests share, so that the same inputs give the same numbers.
 *
 * Follows ../shared/ANALYSIS.md:
 * - Study area: every H3 cell at the cube's resolution whose centre lies inside the area
 *   polygons (`studyAreaCells`), zero-valued cells included; crimes whose cell lies outside are
 *   counted as `outsideArea`, not dropped silently.
 * - Value per cell: the count of crimes, or the sum of their harm weights.
 * - Gi* over binary ring-1 weights within the study area ({@link getisOrdGiStar}), bins at
 *   90/95/99 % ({@link giBin}) and Benjamini-Hochberg FDR bins ({@link fdrBins}).
 * - Emerging hot spots over a monthly space-time cube from the first to the last month with
 *   crime in the area (zero-filled between), {@link emergingHotSpots}, only when that cube has
 *   at least {@link MIN_EMERGING_MONTHS} months (below, every cell is 'No Pattern Detected' and
 *   `emergingComputed` is false).
 * - Cells in boroughs with no data (coverage.ts) are left out of the study area by default, or
 *   kept (as zeros) when the user asks, but are then never labelled hot, cold or emerging.
 */
import type { CrimeCube, CubeFilter } from './cube';
import { EMERGING_CATEGORIES, type EmergingCategory, emergingHotSpots } from './emerging.ts';
import { fdrBins } from './fdr.ts';
import { getisOrdGiStar, giBin, type Neighbours } from './gi-star.ts';
import { type AreaPolygons, ringNeighbours, studyAreaCells } from './study-area.ts';

/**
 * Esri's minimum for Emerging Hot Spot Analysis: the space-time cube needs at least ten time
 * steps (Esri, "How Emerging Hot Spot Analysis works"; ANALYSIS.md is silent on a minimum).
 * With fewer, the categories say nothing true: one month would make every hot cell a
 * "Persistent Hot Spot — hot in at least 90 % of months" (issue 10, item 5).
 */
export const MIN_EMERGING_MONTHS = 10;

export interface StudyArea {
  resolution: number;
  /** Sorted H3 cells (index = study cell code). */
  cells: string[];
  neighbours: Neighbours;
  /** 1 for a study cell in a no-data area kept by the user's choice: it is never labelled. */
  noData: Uint8Array;
  /** Cells of the area left out because they lie in a no-data area (sorted). */
  excluded: string[];
}

/** Where the data has no coverage, for {@link buildStudyArea}. */
export interface NoDataArea {
  /** Polygons of the no-data boroughs (coverage.ts `noDataBoroughs`). */
  polygons: AreaPolygons;
  /** Keep their cells in the study area (as zeros, never labelled); default: leave them out. */
  include?: boolean;
}

/**
 * The study area for polygons at a resolution: cells by centre-in-polygon, ring-1 neighbours
 * within (ANALYSIS.md). A cell belongs to a no-data area when its centre lies in one of the
 * no-data polygons: the same centre rule that builds the study area, and the only one that
 * holds for the many cells with no crime (which have no crimes to ask); a spill-over crime
 * snapped across the boundary does not move a cell either.
 */
export function buildStudyArea(polygons: AreaPolygons, resolution: number, noDataArea?: NoDataArea): StudyArea {
  const all = studyAreaCells(polygons, resolution);
  const inNoData = noDataArea ? new Set(studyAreaCells(noDataArea.polygons, resolution)) : new Set<string>();
  const cells = noDataArea?.include ? all : all.filter((c) => !inNoData.has(c));
  const excluded = noDataArea?.include ? [] : all.filter((c) => inNoData.has(c));
  const noData = Uint8Array.from(cells, (c) => (inNoData.has(c) ? 1 : 0));
  return { resolution, cells, neighbours: ringNeighbours(cells), noData, excluded };
}

/**
 * For each cube cell, its index in the study area or -1 (a merge of two sorted lists).
 * Both lists hold 15-character hex strings, whose string order is their numeric order.
 */
export function cubeToStudyIndex(cubeCells: readonly string[], studyCells: readonly string[]): Int32Array {
  const out = new Int32Array(cubeCells.length).fill(-1);
  let j = 0;
  for (let i = 0; i < cubeCells.length; i++) {
    const c = cubeCells[i];
    while (j < studyCells.length && studyCells[j] < c) j++;
    if (j < studyCells.length && studyCells[j] === c) out[i] = j;
  }
  return out;
}

export interface StudyValues {
  /** Crimes per study cell. */
  count: Float64Array;
  /** Weighted value per study cell (= count when unweighted). */
  value: Float64Array;
  /** Crimes matching the filter whose cell is outside the study area (and not in `excluded`). */
  outsideArea: number;
  /** Crimes matching the filter whose cell was left out of the study area as a no-data area. */
  inNoDataArea: number;
  /** Month codes (cube month indices) of the first and last month with crime in the area, or -1. */
  firstMonth: number;
  lastMonth: number;
  /** Per (month − firstMonth, study cell) weighted values: index t·n + i. */
  monthly: Float64Array;
}

/**
 * Sums the cube into the study area under a filter (months and categories; the study area
 * itself plays the part of the area filter, so `filter.area` is ignored).
 */
export function studyValues(cube: CrimeCube, study: StudyArea, filter: CubeFilter, weights?: ArrayLike<number>): StudyValues {
  if (cube.resolution !== study.resolution) {
    throw new Error(`studyValues: cube resolution ${cube.resolution} differs from study area resolution ${study.resolution}`);
  }
  const n = study.cells.length;
  const map = cubeToStudyIndex(cube.cells, study.cells);
  const excluded = cubeToStudyIndex(cube.cells, study.excluded);
  const catOn = new Uint8Array(cube.categories.length);
  for (const c of filter.categories) if (c >= 0 && c < catOn.length) catOn[c] = 1;
  const count = new Float64Array(n);
  const value = new Float64Array(n);
  let outsideArea = 0;
  let inNoDataArea = 0;
  let first = Infinity;
  let last = -Infinity;
  const rows = cube.count.length;
  for (let r = 0; r < rows; r++) {
    const m = cube.month[r];
    if (m < filter.monthFrom || m > filter.monthTo || catOn[cube.category[r]] === 0) continue;
    const si = map[cube.cell[r]];
    const k = cube.count[r];
    if (si < 0) {
      if (excluded[cube.cell[r]] >= 0) inNoDataArea += k;
      else outsideArea += k;
      continue;
    }
    count[si] += k;
    value[si] += weights ? k * weights[cube.category[r]] : k;
    if (m < first) first = m;
    if (m > last) last = m;
  }
  const T = Number.isFinite(first) ? last - first + 1 : 0;
  const monthly = new Float64Array(n * T);
  if (T > 0) {
    for (let r = 0; r < rows; r++) {
      const m = cube.month[r];
      if (m < first || m > last || catOn[cube.category[r]] === 0) continue;
      const si = map[cube.cell[r]];
      if (si < 0) continue;
      monthly[(m - first) * n + si] += weights ? cube.count[r] * weights[cube.category[r]] : cube.count[r];
    }
  }
  return {
    count, value, outsideArea, inNoDataArea, monthly,
    firstMonth: T > 0 ? first : -1,
    lastMonth: T > 0 ? last : -1,
  };
}

export interface HotspotResult {
  cells: string[];
  count: Float64Array;
  value: Float64Array;
  giZ: Float64Array;
  giP: Float64Array;
  giBin: Int8Array;
  giBinFdr: Int8Array;
  /**
   * Emerging category code per cell (index into EMERGING_CATEGORIES); every cell 'No Pattern
   * Detected' when `emergingComputed` is false.
   */
  emerging: Uint8Array;
  /** False when the space-time cube has fewer than {@link MIN_EMERGING_MONTHS} months. */
  emergingComputed: boolean;
  /** 1 for a study cell in a no-data area (kept by the user's choice): all its bins are 0. */
  noData: Uint8Array;
  /** Cells left out of the study area as no-data areas, and the filtered crimes in them. */
  excludedCells: number;
  inNoDataArea: number;
  /** Mann-Kendall trend of each cell's space-time z series: 1 up, −1 down, 0 none. */
  trend: Int8Array;
  /** True when every cell has the same value (S = 0): every z is 0 and every bin 0. */
  degenerate: boolean;
  outsideArea: number;
  /** The months of the space-time cube ('YYYY-MM'), oldest first. */
  months: string[];
  /** Space-time Gi* z per (month, cell), index t·n + i, for the selected cell's series. */
  spaceTimeZ: Float64Array;
  /**
   * Space-time FDR bin per (month, cell), index t·n + i (Benjamini-Hochberg pooled over all
   * cell-months, ANALYSIS.md "Emerging hot spots"); empty when `emergingComputed` is false.
   * Hot-spot clusters read it for the months each cluster was hot (clusters.ts).
   */
  spaceTimeBinFdr: Int8Array;
  /** Weighted value per (month, cell), index t·n + i. */
  monthly: Float64Array;
}

/**
 * Gi*, FDR bins and emerging hot spot categories for every study-area cell.
 *
 * @param weights per category code (harm weights); omitted = counts
 * @example analyseHotspots(cube, buildStudyArea(boroughs, 9), filter).giBinFdr
 */
export function analyseHotspots(cube: CrimeCube, study: StudyArea, filter: CubeFilter, weights?: ArrayLike<number>): HotspotResult {
  const v = studyValues(cube, study, filter, weights);
  const n = study.cells.length;
  // No study cell (an area wholly without data, say): nothing to test, nothing to label.
  const gi = n > 0 ? getisOrdGiStar(v.value, study.neighbours) : { z: new Float64Array(0), p: new Float64Array(0), degenerate: false };
  const bins = new Int8Array(n);
  for (let i = 0; i < n; i++) bins[i] = giBin(gi.z[i]);
  const T = v.firstMonth < 0 ? 0 : v.lastMonth - v.firstMonth + 1;
  const noPattern = EMERGING_CATEGORIES.indexOf('No Pattern Detected');
  let emerging: Uint8Array = new Uint8Array(n).fill(noPattern);
  let trend: Int8Array = new Int8Array(n);
  let spaceTimeZ: Float64Array = new Float64Array(0);
  let spaceTimeBinFdr: Int8Array = new Int8Array(0);
  const emergingComputed = T >= MIN_EMERGING_MONTHS && n > 0;
  if (emergingComputed) {
    const eh = emergingHotSpots(v.monthly, n, T, study.neighbours);
    emerging = eh.categoryIndex;
    trend = eh.trend;
    spaceTimeZ = eh.spaceTime.z;
    spaceTimeBinFdr = eh.spaceTime.binFdr;
  }
  const binsFdr = fdrBins(gi.z, gi.p);
  // A no-data cell reads 0 for want of data, not of crime: whatever its z, it is never a hot
  // or cold spot (issue 10: hexagons with 0 crimes in unloaded boroughs were "99 % hot").
  for (let i = 0; i < n; i++) {
    if (study.noData[i] === 0) continue;
    bins[i] = 0;
    binsFdr[i] = 0;
    emerging[i] = noPattern;
    trend[i] = 0;
  }
  return {
    cells: study.cells,
    count: v.count,
    value: v.value,
    giZ: gi.z,
    giP: gi.p,
    giBin: bins,
    giBinFdr: binsFdr,
    emerging,
    emergingComputed,
    noData: study.noData,
    excludedCells: study.excluded.length,
    inNoDataArea: v.inNoDataArea,
    trend,
    degenerate: gi.degenerate,
    outsideArea: v.outsideArea,
    months: T > 0 ? cube.months.slice(v.firstMonth, v.lastMonth + 1) : [],
    spaceTimeZ,
    spaceTimeBinFdr,
    monthly: v.monthly,
  };
}

export function emergingLabel(code: number): EmergingCategory {
  return EMERGING_CATEGORIES[code];
}
