/**
 * Sequential colour classes for hexagon values: viridis (perceptually uniform and readable with
 * the common colour-vision deficiencies; van der Walt & Smith 2015), in quantile classes over the
 * non-zero cells, as kepler.gl and ArcGIS default to for skewed counts.
 */
import { interpolateViridis } from 'd3-scale-chromatic';

export type RGBA = [number, number, number, number];

export interface ColorClass {
  /** Inclusive lower and upper bound of the class. */
  from: number;
  to: number;
  color: RGBA;
}

export interface ColorScale {
  classes: ColorClass[];
  colorOf(value: number): RGBA;
}

/** d3-scale-chromatic returns '#rrggbb' (or 'rgb(r, g, b)' for some schemes). */
export function parseColor(css: string, alpha = 215): RGBA {
  if (css.startsWith('#') && css.length === 7) {
    return [parseInt(css.slice(1, 3), 16), parseInt(css.slice(3, 5), 16), parseInt(css.slice(5, 7), 16), alpha];
  }
  const m = css.match(/\d+/g);
  if (!m || m.length < 3) throw new Error(`parseColor: cannot read colour ${css}`);
  return [Number(m[0]), Number(m[1]), Number(m[2]), alpha];
}

const NONE: RGBA = [0, 0, 0, 0];

/**
 * Builds up to `k` quantile classes from the positive values (ties merge classes, so a
 * small dataset may get fewer). Class i spans (break[i-1], break[i]]; the q-th break is the
 * ceil(q/k · n)-th smallest of the n positive values.
 *
 * The breaks are order statistics, so they are found by selection (expected O(n)) instead of
 * sorting every value: the scale is rebuilt on every filter change, and at tens of thousands
 * of hexagons a full sort was the largest part of that change after the aggregation itself.
 */
export function quantileScale(values: ArrayLike<number>, k = 6): ColorScale {
  const { breaks, from } = countsBreaks(values, k) ?? selectedBreaks(values, k);
  if (breaks.length === 0) return { classes: [], colorOf: () => NONE };
  // A class holds the values in (previous break, break]; its `from` is the smallest value it holds.
  const classes: ColorClass[] = breaks.map((to, i) => ({
    from: from[i],
    to,
    // Skip the darkest tenth of viridis so the lowest class still reads against the dark background.
    color: parseColor(interpolateViridis(breaks.length === 1 ? 1 : 0.1 + (0.9 * i) / (breaks.length - 1))),
  }));
  return {
    classes,
    colorOf(value) {
      const c = classIndex(classes, value);
      return c < 0 ? NONE : classes[c].color;
    },
  };
}

/**
 * The class a value falls in: class i holds (break[i-1], break[i]]; a value above the last break
 * takes the last class; -1 (not drawn) for zero, negative and NaN values.
 */
export function classIndex(classes: readonly ColorClass[], value: number): number {
  if (!(value > 0) || classes.length === 0) return -1;
  const last = classes.length - 1;
  let c = 0;
  while (c < last && value > classes[c].to) c++;
  return c;
}

/** The 0-based rank of the q-th of k quantile breaks among n values: the ceil(q/k · n)-th smallest. */
function breakRank(q: number, k: number, n: number): number {
  return Math.min(n - 1, Math.ceil((q / k) * n) - 1);
}

/** Breaks (distinct, ascending) and each class's smallest value, by selection over the positive values. */
function selectedBreaks(values: ArrayLike<number>, k: number): { breaks: number[]; from: number[] } {
  const pos = positives(values);
  const n = pos.length;
  if (n === 0) return { breaks: [], from: [] };
  const ranks: number[] = [];
  for (let q = 1; q <= k; q++) ranks.push(breakRank(q, k, n));
  const breaks: number[] = [];
  for (const v of selectRanks(pos, ranks)) if (breaks.length === 0 || v > breaks[breaks.length - 1]) breaks.push(v);
  return { breaks, from: smallestPerClass(pos, breaks) };
}

/**
 * The same breaks and smallest values for counts: when every positive value is a whole number no
 * larger than a few times their number, a histogram of the values gives every order statistic in
 * one pass over the values and one over the histogram (counting sort without the sort), cheaper
 * than selection. Null when the values are not such counts (harm weights, say).
 */
function countsBreaks(values: ArrayLike<number>, k: number): { breaks: number[]; from: number[] } | null {
  let n = 0;
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v > 0)) continue;
    if (v !== Math.floor(v)) return null;
    n++;
    if (v > max) max = v;
  }
  if (n === 0) return { breaks: [], from: [] };
  if (max > 4 * n + 1024) return null;
  const hist = new Int32Array(max + 1);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > 0) hist[v]++;
  }
  const breaks: number[] = [];
  const from: number[] = [];
  let q = 1;
  let seen = 0; // values below v
  let classFrom = 0; // smallest value above the last break (0: none yet)
  for (let v = 1; v <= max && q <= k; v++) {
    const h = hist[v];
    if (h === 0) continue;
    if (classFrom === 0) classFrom = v;
    seen += h;
    // Every break whose rank falls at or below this value is this value (ties merge classes).
    let hit = false;
    while (q <= k && breakRank(q, k, n) < seen) {
      hit = true;
      q++;
    }
    if (hit) {
      breaks.push(v);
      from.push(classFrom);
      classFrom = 0;
    }
  }
  return { breaks, from };
}

/** The values above zero (NaN and negatives dropped), in a scratch array selection may reorder. */
function positives(values: ArrayLike<number>): Float64Array {
  let n = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0) n++;
  const out = new Float64Array(n);
  let j = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > 0) out[j++] = values[i];
  return out;
}

/** Smallest value of each class (every class holds at least its own break). */
function smallestPerClass(values: Float64Array, breaks: readonly number[]): number[] {
  const from = breaks.slice();
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let c = 0;
    while (v > breaks[c]) c++;
    if (v < from[c]) from[c] = v;
  }
  return from;
}

/**
 * The values at the given 0-based ranks of `a` in ascending order (ranks ascending), as a full
 * sort would place them; reorders `a`. Multi-rank quickselect (Hoare's FIND, CACM 1961) with a
 * three-way partition, so the many ties of count data collapse in one pass; small ranges are
 * sorted outright.
 */
export function selectRanks(a: Float64Array, ranks: readonly number[]): number[] {
  const out = new Array<number>(ranks.length);
  // Work items: a range of `a` and the range of `ranks` (indices) that fall inside it.
  const stack: number[] = [0, a.length - 1, 0, ranks.length - 1];
  while (stack.length > 0) {
    const r1 = stack.pop()!;
    const r0 = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (r0 > r1) continue;
    if (hi - lo < 32) {
      a.subarray(lo, hi + 1).sort();
      for (let r = r0; r <= r1; r++) out[r] = a[ranks[r]];
      continue;
    }
    const p = medianOf3(a[lo], a[(lo + hi) >> 1], a[hi]);
    // Dutch national flag: a[lo..lt-1] < p, a[lt..gt] = p, a[gt+1..hi] > p.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i];
      if (v < p) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > p) {
        a[i] = a[gt];
        a[gt--] = v;
      } else i++;
    }
    let r = r0;
    while (r <= r1 && ranks[r] < lt) r++;
    stack.push(lo, lt - 1, r0, r - 1);
    while (r <= r1 && ranks[r] <= gt) out[r++] = p;
    stack.push(gt + 1, hi, r, r1);
  }
  return out;
}

function medianOf3(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}
