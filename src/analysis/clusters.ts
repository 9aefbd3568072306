/**
 * Hot-spot clusters: contiguous significant hot cells of a hotspot result, each described by its
 * cells, outline, area, crimes, harm, crime types, emerging categories and the months it was hot
 * (issue 12, item 1). Pure: the cube, the study area and the hotspot result in, numbers out.
 *
 * Definitions (../shared/ANALYSIS.md, "Clusters and cross-border shares"):
 * - A cluster is a connected component of study-area cells whose Gi* FDR bin (`giBinFdr`) is at
 *   or above the chosen level (default +2, 95 %), two cells being connected when one is in the
 *   other's ring-1 disk: the study area's own `neighbours` (ring-1 within the study area), so the
 *   components are those of the weights Gi* itself used.
 * - Cells in a no-data area kept in the study area (`noData`) never join, whatever their bin:
 *   a cluster is never bridged through a cell that reads 0 for want of data. hotspots.ts already
 *   zeroes their bins; this module checks `noData` as well so the rule does not rest on that.
 *
 * Choices ANALYSIS.md does not pin (made here, and said in the doc comments below):
 * - the cluster id, the order of clusters, what "crimes" and "harm" count, and "months hot".
 */
import { cellArea, cellsToMultiPolygon, isPentagon } from 'h3-js';
import type { MultiPolygon } from 'geojson';
import { crimeCategorySwitch, type CrimeCube, type CubeFilter } from './cube';
import { EMERGING_CATEGORIES, type EmergingCategory } from './emerging.ts';
import { cubeToStudyIndex, type HotspotResult, type StudyArea } from './hotspots.ts';
import { spaceTimeGiStar } from './space-time-cube.ts';

/** Esri's 95 % FDR bin: the default level of a significant hot cell (issue 12, item 1). */
export const DEFAULT_CLUSTER_LEVEL = 2;

/** How many crime types a cluster lists in `topCrimeTypes` unless asked otherwise. */
export const DEFAULT_TOP_CRIME_TYPES = 3;

export interface ClusterInput {
  cube: CrimeCube;
  study: StudyArea;
  /** `analyseHotspots(cube, study, filter, weights)`: the bins that make cells hot. */
  hotspots: HotspotResult;
  /** The filter the hotspots were computed with (months and categories; the area is the study area). */
  filter: CubeFilter;
  /**
   * Harm weight per category code (`harmWeightVector`). Clusters always report harm, even when
   * the hot spots were found on counts: the weights that made cells hot need not be these.
   */
  harmWeights: ArrayLike<number>;
  /** Lowest FDR bin that counts as hot: 1, 2 or 3 (90, 95, 99 %). Default {@link DEFAULT_CLUSTER_LEVEL}. */
  level?: number;
  /** Length of `topCrimeTypes` (default {@link DEFAULT_TOP_CRIME_TYPES}). */
  topCrimeTypes?: number;
}

export interface CrimeTypeTotal {
  category: string;
  crimes: number;
  harm: number;
}

export interface HotCluster {
  /**
   * The cluster's smallest H3 cell (string order = 64-bit index order at one resolution): the
   * same cells give the same id in every run, and the id points at a real place.
   */
  id: string;
  /** Its cells, sorted. */
  cells: string[];
  /** Its cells' indices in the study area, ascending. */
  studyCells: number[];
  /** The merged outline of its cells (h3-js `cellsToMultiPolygon`, GeoJSON longitude/latitude order). */
  outline: MultiPolygon;
  /** Sum of h3-js `cellArea(cell, 'km2')` over its cells. */
  areaKm2: number;
  /**
   * Crimes of the filter (its months and categories) in its cells. Stop-and-search records are
   * not crimes (cube.ts, `CellBreakdown`): they are never counted here, nor in harm or shares.
   */
  crimes: number;
  /** Harm of those crimes: Σ count × harm weight of their category. */
  harm: number;
  /** Highest Gi* FDR bin among its cells (the level at least). */
  peakBin: number;
  /** Crime types by crimes (descending; ties by harm, then name), the first `topCrimeTypes`. */
  topCrimeTypes: CrimeTypeTotal[];
  /** Cells per emerging category, most cells first (ties in Esri's order); null when not computed. */
  emerging: { category: EmergingCategory; cells: number }[] | null;
  /**
   * The months ('YYYY-MM', oldest first) in which at least one of its cells was a hot spot at the
   * cluster level in the space-time Gi* (FDR bin ≥ level, pooled over all cell-months as
   * ANALYSIS.md "Emerging hot spots" pins). See {@link findHotClusters} for the window.
   */
  monthsHot: string[];
  /**
   * True when one of its cells lies on the edge of the study area (fewer ring-1 neighbours in the
   * area than a full disk): the hot spot may continue beyond the area or the data (a file from a
   * single force, say) and be cut short there (issue 12, item 5).
   */
  atStudyEdge: boolean;
  /** True when one of its cells neighbours a no-data cell kept in the study area: it may be cut short there. */
  touchesNoData: boolean;
}

export interface HotClusters {
  /** The FDR bin level used. */
  level: number;
  /** Clusters by harm (descending), then crimes (descending), then id. */
  clusters: HotCluster[];
  /** Per study cell, the index of its cluster in `clusters`, or -1. */
  clusterOfStudyCell: Int32Array;
  /** Per cube cell code, the index of its cluster in `clusters`, or -1. */
  clusterOfCubeCell: Int32Array;
  /** The months of the space-time window `monthsHot` is taken over ('YYYY-MM'). */
  months: string[];
  /** The filter and harm weights behind the crimes and harm (borders.ts reads the same rows). */
  filter: CubeFilter;
  harmWeights: ArrayLike<number>;
}

function checkLevel(level: number): void {
  if (!(level === 1 || level === 2 || level === 3)) {
    throw new Error(`findHotClusters: level ${level} is not an FDR bin level 1, 2 or 3 (90, 95, 99 %)`);
  }
}

/**
 * Connected components of the cells where `member` is 1, over CSR neighbours (the study area's
 * ring-1 disks). Components are numbered in order of their smallest cell index.
 */
export function connectedComponents(member: Uint8Array, neighbours: StudyArea['neighbours']): Int32Array {
  const n = member.length;
  const component = new Int32Array(n).fill(-1);
  const stack: number[] = [];
  let next = 0;
  for (let start = 0; start < n; start++) {
    if (member[start] === 0 || component[start] >= 0) continue;
    component[start] = next;
    stack.push(start);
    while (stack.length > 0) {
      const i = stack.pop()!;
      for (let k = neighbours.offsets[i]; k < neighbours.offsets[i + 1]; k++) {
        const j = neighbours.indices[k];
        if (member[j] === 1 && component[j] < 0) {
          component[j] = next;
          stack.push(j);
        }
      }
    }
    next++;
  }
  return component;
}

/**
 * Calls `visit(row, cluster)` for every cube row of the filter (months, categories) whose cell is
 * in a cluster, stop-and-search records left out: the one set of rows clusters.ts and borders.ts
 * both count, so a cluster's crimes always equal the sum of its units' crimes.
 */
export function forEachClusterRow(
  cube: CrimeCube,
  clusterOfCubeCell: Int32Array,
  filter: CubeFilter,
  visit: (row: number, cluster: number) => void,
): void {
  if (clusterOfCubeCell.length !== cube.cells.length) {
    throw new Error(`forEachClusterRow: ${clusterOfCubeCell.length} cluster codes for ${cube.cells.length} cube cells (another cube?)`);
  }
  const catOn = crimeCategorySwitch(cube, filter.categories);
  for (let c = 0; c < cube.cells.length; c++) {
    const k = clusterOfCubeCell[c];
    if (k < 0) continue;
    for (let r = cube.cellStart[c]; r < cube.cellStart[c + 1]; r++) {
      const m = cube.month[r];
      if (m < filter.monthFrom || m > filter.monthTo || catOn[cube.category[r]] === 0) continue;
      visit(r, k);
    }
  }
}

/**
 * Space-time FDR bins per (month, study cell) for "months hot": the hotspot result's own when it
 * computed them (emerging hot spots, at least 10 months), else the same statistic
 * ({@link spaceTimeGiStar}) over the same monthly values. Fewer than 10 months make Esri's
 * categories meaningless (hotspots.ts, MIN_EMERGING_MONTHS), not the monthly Gi*: with one month
 * it is the plain Gi* with its FDR bins, so a one-month window has that month hot in every cluster.
 */
export function spaceTimeBins(hotspots: HotspotResult, study: StudyArea): Int8Array {
  const n = study.cells.length;
  const T = hotspots.months.length;
  if (n === 0 || T === 0) return new Int8Array(0);
  if (hotspots.spaceTimeBinFdr.length === n * T) return hotspots.spaceTimeBinFdr;
  return spaceTimeGiStar(hotspots.monthly, n, T, study.neighbours).binFdr;
}

/**
 * Finds the hot-spot clusters of a hotspot result (definitions in the module comment).
 *
 * Months hot: the window is the hotspot result's space-time cube, `hotspots.months` (the first to
 * the last month with crime in the study area within the filter, ANALYSIS.md "Emerging hot
 * spots"). A month is hot for a cluster when at least one of its cells has a space-time FDR bin
 * at or above the cluster level that month. ANALYSIS.md calls a cell-month hot at bin ≥ +1 for
 * the emerging categories; here the cluster's own level is used, so that "hot" means the same
 * confidence for the cluster and its months (a choice ANALYSIS.md does not pin).
 *
 * @throws {Error} when the level is not 1, 2 or 3, or the cube, study area and result disagree.
 * @example findHotClusters({ cube, study, hotspots, filter, harmWeights }).clusters[0].id
 */
export function findHotClusters(input: ClusterInput): HotClusters {
  const { cube, study, hotspots, filter, harmWeights } = input;
  const level = input.level ?? DEFAULT_CLUSTER_LEVEL;
  checkLevel(level);
  const topN = input.topCrimeTypes ?? DEFAULT_TOP_CRIME_TYPES;
  const n = study.cells.length;
  if (hotspots.cells.length !== n || hotspots.giBinFdr.length !== n) {
    throw new Error(`findHotClusters: the hotspot result has ${hotspots.giBinFdr.length} cells, the study area ${n}`);
  }
  if (cube.resolution !== study.resolution) {
    throw new Error(`findHotClusters: cube resolution ${cube.resolution} differs from study area resolution ${study.resolution}`);
  }
  if (harmWeights.length < cube.categories.length) {
    throw new Error(`findHotClusters: ${harmWeights.length} harm weights for ${cube.categories.length} categories`);
  }

  const hot = new Uint8Array(n);
  for (let i = 0; i < n; i++) hot[i] = hotspots.giBinFdr[i] >= level && study.noData[i] === 0 ? 1 : 0;
  const component = connectedComponents(hot, study.neighbours);
  const K = component.reduce((a, c) => Math.max(a, c + 1), 0);
  const members: number[][] = Array.from({ length: K }, () => []);
  for (let i = 0; i < n; i++) if (component[i] >= 0) members[component[i]].push(i);

  const cubeToStudy = cubeToStudyIndex(cube.cells, study.cells);
  const clusterOfCube = Int32Array.from(cubeToStudy, (si) => (si >= 0 ? component[si] : -1));
  const crimes = new Float64Array(K);
  const harm = new Float64Array(K);
  const C = cube.categories.length;
  const byType = new Float64Array(K * C);
  const harmByType = new Float64Array(K * C);
  forEachClusterRow(cube, clusterOfCube, filter, (r, k) => {
    const cat = cube.category[r];
    const count = cube.count[r];
    crimes[k] += count;
    harm[k] += count * harmWeights[cat];
    byType[k * C + cat] += count;
    harmByType[k * C + cat] += count * harmWeights[cat];
  });

  const T = hotspots.months.length;
  const stBins = spaceTimeBins(hotspots, study);
  const { offsets } = study.neighbours;
  const unsorted: HotCluster[] = members.map((cells, k) => {
    const names = cells.map((i) => study.cells[i]);
    let peakBin = level;
    let atStudyEdge = false;
    let touchesNoData = false;
    for (const i of cells) {
      peakBin = Math.max(peakBin, hotspots.giBinFdr[i]);
      if (offsets[i + 1] - offsets[i] < (isPentagon(study.cells[i]) ? 6 : 7)) atStudyEdge = true;
      for (let q = offsets[i]; q < offsets[i + 1]; q++) if (study.noData[study.neighbours.indices[q]] === 1) touchesNoData = true;
    }
    const monthsHot: string[] = [];
    for (let t = 0; t < T && stBins.length > 0; t++) {
      if (cells.some((i) => stBins[t * n + i] >= level)) monthsHot.push(hotspots.months[t]);
    }
    const types: CrimeTypeTotal[] = [];
    for (let c = 0; c < C; c++) {
      if (byType[k * C + c] > 0) types.push({ category: cube.categories[c], crimes: byType[k * C + c], harm: harmByType[k * C + c] });
    }
    types.sort((a, b) => b.crimes - a.crimes || b.harm - a.harm || a.category.localeCompare(b.category));
    return {
      id: names[0],
      cells: names,
      studyCells: cells,
      outline: { type: 'MultiPolygon', coordinates: cellsToMultiPolygon(names, true) },
      areaKm2: names.reduce((a, c) => a + cellArea(c, 'km2'), 0),
      crimes: crimes[k],
      harm: harm[k],
      peakBin,
      topCrimeTypes: types.slice(0, topN),
      emerging: hotspots.emergingComputed ? emergingMix(cells, hotspots.emerging) : null,
      monthsHot,
      atStudyEdge,
      touchesNoData,
    };
  });

  const order = unsorted.map((_, k) => k).sort((a, b) => {
    const x = unsorted[a];
    const y = unsorted[b];
    return y.harm - x.harm || y.crimes - x.crimes || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  });
  const rank = new Int32Array(K);
  order.forEach((k, r) => (rank[k] = r));
  const remap = (k: number) => (k >= 0 ? rank[k] : -1);
  return {
    level,
    clusters: order.map((k) => unsorted[k]),
    clusterOfStudyCell: component.map(remap),
    clusterOfCubeCell: clusterOfCube.map(remap),
    months: hotspots.months,
    filter,
    harmWeights,
  };
}

function emergingMix(cells: readonly number[], codes: Uint8Array): { category: EmergingCategory; cells: number }[] {
  const counts = new Array<number>(EMERGING_CATEGORIES.length).fill(0);
  for (const i of cells) counts[codes[i]]++;
  return counts
    .map((c, code) => ({ code, c }))
    .filter((x) => x.c > 0)
    .sort((a, b) => b.c - a.c || a.code - b.code)
    .map((x) => ({ category: EMERGING_CATEGORIES[x.code], cells: x.c }));
}
