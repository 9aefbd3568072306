import type { Neighbours } from './gi-star.ts';
import { mannKendall, type Trend } from './mann-kendall.ts';
import { spaceTimeGiStar, type SpaceTimeGiStarResult } from './space-time-cube.ts';

/**
 * Esri's 17 Emerging Hot Spot Analysis categories, with Esri's exact labels. The index of a label
 * here is its category code (`categoryIndex` in {@link emergingHotSpots}).
 */
export const EMERGING_CATEGORIES = [
  'New Hot Spot',
  'Consecutive Hot Spot',
  'Intensifying Hot Spot',
  'Persistent Hot Spot',
  'Diminishing Hot Spot',
  'Sporadic Hot Spot',
  'Oscillating Hot Spot',
  'Historical Hot Spot',
  'New Cold Spot',
  'Consecutive Cold Spot',
  'Intensifying Cold Spot',
  'Persistent Cold Spot',
  'Diminishing Cold Spot',
  'Sporadic Cold Spot',
  'Oscillating Cold Spot',
  'Historical Cold Spot',
  'No Pattern Detected',
] as const;

/** One of Esri's 17 emerging hot spot labels. */
export type EmergingCategory = (typeof EMERGING_CATEGORIES)[number];

const CATEGORY_CODE = new Map<EmergingCategory, number>(EMERGING_CATEGORIES.map((c, i) => [c, i]));

/**
 * "At least ninety percent of the time steps" in integers: 10·count ≥ 9·T, so 11 of 12 months
 * (ANALYSIS.md). Integer arithmetic avoids 0.9·T rounding (0.9·10 = 9.000000000000002).
 */
function atLeast90Percent(count: number, T: number): boolean {
  return 10 * count >= 9 * T;
}

/** +1 for a hot month (bin ≥ +1), −1 for a cold month (bin ≤ −1), 0 otherwise. */
function sideOf(bin: number): 1 | -1 | 0 {
  return bin >= 1 ? 1 : bin <= -1 ? -1 : 0;
}

/**
 * The decision list for one side. `sign` = +1 classifies a final hot month, −1 a final cold one;
 * `sameCount` counts months on that side, `otherCount` on the opposite side, and `run` is the
 * length of the unbroken run of same-side months ending at the final month.
 */
function classifySide(
  sign: 1 | -1,
  T: number,
  sameCount: number,
  otherCount: number,
  run: number,
  trend: Trend,
): EmergingCategory {
  const hot = sign > 0;
  const spot = hot ? 'Hot Spot' : 'Cold Spot';
  if (atLeast90Percent(sameCount, T)) {
    // Intensifying = z moving further from 0: upward for hot spots, downward for cold spots.
    const intensifying: Trend = hot ? 'up' : 'down';
    if (trend === intensifying) return `Intensifying ${spot}`;
    if (trend !== 'none') return `Diminishing ${spot}`;
    return `Persistent ${spot}`;
  }
  if (otherCount > 0) return `Oscillating ${spot}`;
  if (sameCount === 1) return `New ${spot}`;
  if (run === sameCount) return `Consecutive ${spot}`;
  return `Sporadic ${spot}`;
}

/**
 * Classifies one location into Esri's emerging hot spot categories from its FDR bins over time
 * and the Mann-Kendall trend of its space-time z-scores, by the decision list of ANALYSIS.md
 * ("Emerging hot spots"; first match wins). A month is hot when its bin is ≥ +1 and cold when it
 * is ≤ −1 (90 % confidence after FDR). T is the number of months; "at least 90 %" means
 * 10·count ≥ 9·T (11 of 12 months, 9 of 10, 1 of 1).
 *
 * Final month hot:
 * 1. at least 90 % of months hot: 'Intensifying Hot Spot' if the trend is 'up', 'Diminishing
 *    Hot Spot' if 'down', else 'Persistent Hot Spot';
 * 2. otherwise, any month cold: 'Oscillating Hot Spot';
 * 3. otherwise, the final month is the only hot month: 'New Hot Spot';
 * 4. otherwise, the hot months are one unbroken run ending at the final month (of length ≥ 2,
 *    since rule 3 came first): 'Consecutive Hot Spot';
 * 5. otherwise: 'Sporadic Hot Spot'.
 *
 * Final month cold: the same list with hot and cold swapped; a cold spot is intensifying when
 * its z-scores trend significantly downward (more negative) and diminishing when upward.
 *
 * Final month neither: 'Historical Hot Spot' if at least 90 % of months were hot, 'Historical
 * Cold Spot' if at least 90 % were cold, else 'No Pattern Detected'.
 *
 * Consequences of "first match wins" worth knowing: with T = 1 a hot final month is 90 % of the
 * months, so it is a Persistent (not New) Hot Spot; a Historical spot needs T ≥ 10, because
 * T − 1 months must reach 90 %.
 *
 * Reference: Esri, "How Emerging Hot Spot Analysis works" (ArcGIS Pro documentation), whose
 * category definitions this list orders so that exactly one applies.
 *
 * @param binsOverTime - FDR bins of one cell (−3..3), oldest month first; at least one.
 * @param trend - Mann-Kendall trend of the cell's space-time z-scores ({@link mannKendall}).
 * @throws {Error} when binsOverTime is empty.
 * @returns The category label.
 * @example
 * classifyEmerging([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3], 'up'); // 'Consecutive Hot Spot'
 */
export function classifyEmerging(binsOverTime: ArrayLike<number>, trend: Trend): EmergingCategory {
  const T = binsOverTime.length;
  if (T === 0) throw new Error('classifyEmerging requires at least one time step');
  let hot = 0;
  let cold = 0;
  for (let t = 0; t < T; t++) {
    const side = sideOf(binsOverTime[t]);
    if (side > 0) hot++;
    else if (side < 0) cold++;
  }
  const finalSign = sideOf(binsOverTime[T - 1]);
  if (finalSign === 0) {
    if (atLeast90Percent(hot, T)) return 'Historical Hot Spot';
    if (atLeast90Percent(cold, T)) return 'Historical Cold Spot';
    return 'No Pattern Detected';
  }
  let run = 0;
  for (let t = T - 1; t >= 0 && sideOf(binsOverTime[t]) === finalSign; t--) run++;
  return finalSign > 0
    ? classifySide(1, T, hot, cold, run, trend)
    : classifySide(-1, T, cold, hot, run, trend);
}

/** Result of {@link emergingHotSpots}; per-cell arrays have length n. */
export interface EmergingHotSpotsResult {
  /** Category label per cell. */
  category: EmergingCategory[];
  /** Category code per cell: the index into {@link EMERGING_CATEGORIES}. */
  categoryIndex: Uint8Array;
  /** Mann-Kendall S of each cell's z-score series. */
  trendS: Float64Array;
  /** Mann-Kendall continuity-corrected z per cell. */
  trendZ: Float64Array;
  /** Mann-Kendall two-sided p per cell. */
  trendP: Float64Array;
  /** Trend per cell: 1 significantly up, −1 significantly down, 0 none (p ≤ 0.10 counts). */
  trend: Int8Array;
  /** The space-time Gi* cube behind the classification (z, p, FDR bins, x̄, S). */
  spaceTime: SpaceTimeGiStarResult;
}

/**
 * Emerging Hot Spot Analysis: space-time Gi* with pooled FDR ({@link spaceTimeGiStar}), a
 * Mann-Kendall trend test on each cell's series of space-time z-scores ({@link mannKendall},
 * significant at p ≤ 0.10), and Esri's 17 categories ({@link classifyEmerging}).
 *
 * Thresholds, all from ANALYSIS.md: a cell-month is hot (cold) when its FDR bin is ≥ +1 (≤ −1),
 * i.e. Benjamini-Hochberg at α = 0.10 over all n·T cell-months; a trend counts when its
 * two-sided Mann-Kendall p ≤ 0.10; "90 % of months" is 10·count ≥ 9·T.
 * A constant cube has no significant cell-month and gives 'No Pattern Detected' everywhere.
 * Cost: O(n·T log(n·T)) for the FDR sort plus O(n·T²) for the trend tests.
 *
 * Reference: Esri, "How Emerging Hot Spot Analysis works" (ArcGIS Pro documentation).
 *
 * @param cube - Values, length n·T, month t of cell i at index t·n + i (oldest month t = 0).
 * @param n - Number of cells.
 * @param T - Number of months.
 * @param neighbours - Spatial binary weights over the n cells, self included.
 * @throws {Error} as {@link spaceTimeGiStar}.
 * @returns `{ category, categoryIndex, trendS, trendZ, trendP, trend, spaceTime }`.
 * @example
 * const nb = neighboursFromLists([[0, 1], [0, 1]]);
 * emergingHotSpots(new Float64Array(6), 2, 3, nb).category; // ['No Pattern Detected', 'No Pattern Detected']
 */
export function emergingHotSpots(cube: Float64Array, n: number, T: number, neighbours: Neighbours): EmergingHotSpotsResult {
  const spaceTime = spaceTimeGiStar(cube, n, T, neighbours);
  const category: EmergingCategory[] = new Array(n);
  const categoryIndex = new Uint8Array(n);
  const trendS = new Float64Array(n);
  const trendZ = new Float64Array(n);
  const trendP = new Float64Array(n);
  const trend = new Int8Array(n);
  const zSeries = new Float64Array(T);
  const binSeries = new Int8Array(T);
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < T; t++) {
      zSeries[t] = spaceTime.z[t * n + i];
      binSeries[t] = spaceTime.binFdr[t * n + i];
    }
    const mk = mannKendall(zSeries);
    trendS[i] = mk.s;
    trendZ[i] = mk.z;
    trendP[i] = mk.p;
    trend[i] = mk.trend === 'up' ? 1 : mk.trend === 'down' ? -1 : 0;
    category[i] = classifyEmerging(binSeries, mk.trend);
    categoryIndex[i] = CATEGORY_CODE.get(category[i])!;
  }
  return { category, categoryIndex, trendS, trendZ, trendP, trend, spaceTime };
}
