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
 * small dataset may get fewer). Class i spans (break[i-1], break[i]].
 */
export function quantileScale(values: ArrayLike<number>, k = 6): ColorScale {
  const pos: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i] > 0) pos.push(values[i]);
  pos.sort((a, b) => a - b);
  if (pos.length === 0) return { classes: [], colorOf: () => NONE };
  const breaks: number[] = [];
  for (let q = 1; q <= k; q++) {
    const v = pos[Math.min(pos.length - 1, Math.ceil((q / k) * pos.length) - 1)];
    if (breaks.length === 0 || v > breaks[breaks.length - 1]) breaks.push(v);
  }
  // A class holds the values in (previous break, break]; its `from` is the smallest value it holds.
  const classes: ColorClass[] = breaks.map((to, i) => ({
    from: i === 0 ? pos[0] : pos[upperBound(pos, breaks[i - 1])],
    to,
    // Skip the darkest tenth of viridis so the lowest class still reads against the dark background.
    color: parseColor(interpolateViridis(breaks.length === 1 ? 1 : 0.1 + (0.9 * i) / (breaks.length - 1))),
  }));
  return {
    classes,
    colorOf(value) {
      if (!(value > 0)) return NONE;
      for (const c of classes) if (value <= c.to) return c.color;
      return classes[classes.length - 1].color;
    },
  };
}

/** Index of the first element of sorted `a` greater than `v`. */
function upperBound(a: readonly number[], v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
