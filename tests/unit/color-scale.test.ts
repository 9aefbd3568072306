import { interpolateViridis } from 'd3-scale-chromatic';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseColor, quantileScale, selectRanks } from '../../src/map/color-scale';

const ONE_TO_TWELVE = Array.from({ length: 12 }, (_, i) => i + 1);
const TRANSPARENT = [0, 0, 0, 0];
// Published viridis end colours (matplotlib _cm_listed.py, first and last of the 256 entries).
const VIRIDIS_0 = [0x44, 0x01, 0x54];
const VIRIDIS_1 = [0xfd, 0xe7, 0x25];

describe('parseColor(css, alpha)', () => {
  it("reads '#440154' as [68, 1, 84] with the default alpha 215", () => {
    expect(parseColor('#440154')).toEqual([68, 1, 84, 215]);
  });

  it("reads 'rgb(1, 2, 3)'", () => {
    expect(parseColor('rgb(1, 2, 3)')).toEqual([1, 2, 3, 215]);
  });

  it('uses the alpha it is given', () => {
    expect(parseColor('#fde725', 255)).toEqual([253, 231, 37, 255]);
  });

  it('throws on text that is not a colour', () => {
    expect(() => parseColor('viridis')).toThrow(/cannot read colour/);
  });
});

describe('viridis (d3-scale-chromatic interpolateViridis)', () => {
  it('starts at the published #440154', () => {
    expect(parseColor(interpolateViridis(0)).slice(0, 3)).toEqual(VIRIDIS_0);
  });

  it('ends at the published #fde725', () => {
    expect(parseColor(interpolateViridis(1)).slice(0, 3)).toEqual(VIRIDIS_1);
  });
});

describe('quantileScale(values, k)', () => {
  it('values 1..12 with k = 6 break at 2, 4, 6, 8, 10, 12', () => {
    // Hand-worked: the q-th break is the ceil(q/6 · 12)-th smallest value = the (2q)-th = 2q.
    expect(quantileScale(ONE_TO_TWELVE, 6).classes.map((c) => c.to)).toEqual([2, 4, 6, 8, 10, 12]);
  });

  it('values 1..12 with k = 4 break at 3, 6, 9, 12', () => {
    // ceil(q/4 · 12) = 3q
    expect(quantileScale(ONE_TO_TWELVE, 4).classes.map((c) => c.to)).toEqual([3, 6, 9, 12]);
  });

  it('the first class starts at the smallest positive value', () => {
    expect(quantileScale([0, 7, 3, 9], 2).classes[0].from).toBe(3);
  });

  it('ignores zeros and negative values when placing breaks', () => {
    const withZeros = [0, 0, 0, -3, ...ONE_TO_TWELVE];
    expect(quantileScale(withZeros, 6).classes.map((c) => c.to)).toEqual([2, 4, 6, 8, 10, 12]);
  });

  it('tied breaks merge classes', () => {
    // [1,1,1,1,1,5], k = 6: the q-th break is the q-th smallest: 1,1,1,1,1,5 → two classes.
    expect(quantileScale([5, 1, 1, 1, 1, 1], 6).classes.map((c) => c.to)).toEqual([1, 5]);
  });

  it('all-equal values give one class from and to that value', () => {
    const s = quantileScale([3, 3, 3], 6);
    expect(s.classes.map((c) => [c.from, c.to])).toEqual([[3, 3]]);
  });

  it('a single class takes the top viridis colour #fde725', () => {
    expect(quantileScale([3, 3, 3], 6).classes[0].color).toEqual([...VIRIDIS_1, 215]);
  });

  it('the highest class takes the top viridis colour #fde725', () => {
    const { classes } = quantileScale(ONE_TO_TWELVE, 6);
    expect(classes[classes.length - 1].color).toEqual([...VIRIDIS_1, 215]);
  });

  it('no class uses the darkest tenth of viridis', () => {
    // The lowest class is viridis(0.1), so it is not the #440154 end colour.
    expect(quantileScale(ONE_TO_TWELVE, 6).classes[0].color.slice(0, 3)).not.toEqual(VIRIDIS_0);
  });

  it('gives every class its own colour', () => {
    const colours = quantileScale(ONE_TO_TWELVE, 6).classes.map((c) => c.color.join());
    expect(new Set(colours).size).toBe(6);
  });

  it('each class from is the smallest value it holds (bounds are inclusive)', () => {
    // ColorClass documents from and to as inclusive; colorOf puts 2 in class 0 and 3 in class 1,
    // so the classes of 1..12 (k = 6) hold 1–2, 3–4, 5–6, 7–8, 9–10, 11–12.
    expect(quantileScale(ONE_TO_TWELVE, 6).classes.map((c) => c.from)).toEqual([1, 3, 5, 7, 9, 11]);
  });

  it('no values, or only zeros, give no classes', () => {
    expect(quantileScale([], 6).classes).toEqual([]);
    expect(quantileScale([0, 0, 0], 6).classes).toEqual([]);
  });
});

describe('quantileScale(values).colorOf(value)', () => {
  const s = quantileScale(ONE_TO_TWELVE, 6);

  it('zero is transparent', () => {
    expect(s.colorOf(0)).toEqual(TRANSPARENT);
  });

  it('negative and NaN values are transparent', () => {
    expect(s.colorOf(-1)).toEqual(TRANSPARENT);
    expect(s.colorOf(Number.NaN)).toEqual(TRANSPARENT);
  });

  it('a value on a break takes the class below it: class i is (break[i-1], break[i]]', () => {
    expect(s.colorOf(2)).toEqual(s.classes[0].color);
    expect(s.colorOf(3)).toEqual(s.classes[1].color);
    expect(s.colorOf(12)).toEqual(s.classes[5].color);
  });

  it('a value between 0 and the smallest value takes the lowest class', () => {
    expect(s.colorOf(0.5)).toEqual(s.classes[0].color);
  });

  it('a value above the largest takes the highest class', () => {
    expect(s.colorOf(1000)).toEqual(s.classes[5].color);
  });

  it('with no positive values every value is transparent', () => {
    expect(quantileScale([0, 0]).colorOf(5)).toEqual(TRANSPARENT);
  });
});

/** The scale as it was built before selection replaced the sort: the reference it must match. */
function sortedReference(values: number[], k: number): { from: number; to: number }[] {
  const pos = values.filter((v) => v > 0).sort((a, b) => a - b);
  if (pos.length === 0) return [];
  const breaks: number[] = [];
  for (let q = 1; q <= k; q++) {
    const v = pos[Math.min(pos.length - 1, Math.ceil((q / k) * pos.length) - 1)];
    if (breaks.length === 0 || v > breaks[breaks.length - 1]) breaks.push(v);
  }
  return breaks.map((to, i) => ({ from: i === 0 ? pos[0] : pos.find((v) => v > breaks[i - 1])!, to }));
}

describe('selectRanks(a, ranks)', () => {
  it('gives the values a full sort puts at those ranks, for any array and ranks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -5, max: 40 }), fc.double({ min: 0, max: 1e4, noNaN: true })), { minLength: 1, maxLength: 400 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        (xs, rs) => {
          const ranks = [...new Set(rs.map((r) => r % xs.length))].sort((a, b) => a - b);
          const sorted = [...xs].sort((a, b) => a - b);
          expect(selectRanks(Float64Array.from(xs), ranks)).toEqual(ranks.map((r) => sorted[r]));
        },
      ),
    );
  });

  it('handles thousands of tied counts (three-way partition) like a sort', () => {
    // 5,000 values of which most are 1, as hexagon counts are: the breaks fall on the ties.
    const xs = Array.from({ length: 5000 }, (_, i) => (i % 10 < 7 ? 1 : i % 10 < 9 ? 2 : 1 + (i % 97)));
    const sorted = [...xs].sort((a, b) => a - b);
    const ranks = [0, 833, 1666, 2499, 3333, 4166, 4999];
    expect(selectRanks(Float64Array.from(xs), ranks)).toEqual(ranks.map((r) => sorted[r]));
  });
});

describe('quantileScale without a full sort', () => {
  it('gives the same classes as the sort-based scale for any values and k', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 60 }), fc.double({ min: -1, max: 500, noNaN: true })), { maxLength: 600 }),
        fc.integer({ min: 1, max: 9 }),
        (xs, k) => {
          expect(quantileScale(xs, k).classes.map(({ from, to }) => ({ from, to }))).toEqual(sortedReference(xs, k));
        },
      ),
    );
  });

  it('gives the same classes for whole counts (the histogram path) as the sort-based scale, ties and gaps included', () => {
    fc.assert(
      fc.property(
        // Small counts with many ties, as hexagon counts are, and some large ones: counts up to a
        // few times their number take the histogram, larger ones fall back to selection.
        fc.array(fc.oneof(fc.integer({ min: -2, max: 12 }), fc.integer({ min: 0, max: 5000 })), { maxLength: 500 }),
        fc.integer({ min: 1, max: 9 }),
        (xs, k) => {
          expect(quantileScale(xs, k).classes.map(({ from, to }) => ({ from, to }))).toEqual(sortedReference(xs, k));
        },
      ),
    );
  });

  it('hand-worked counts: 1×7, 2×2, 9 with k = 4 break at 1, 2, 9', () => {
    // n = 10; ranks ceil(q/4 · 10) - 1 = 2, 4, 7, 9 → values 1, 1, 2, 9; the tie at 1 merges the first two.
    const s = quantileScale([1, 1, 1, 1, 1, 1, 1, 2, 2, 9, 0, 0], 4);
    expect(s.classes.map(({ from, to }) => [from, to])).toEqual([
      [1, 1],
      [2, 2],
      [9, 9],
    ]);
  });

  it('does not reorder the values it is given', () => {
    const xs = Float64Array.from([5, 3, 9, 1, 0, 7]);
    quantileScale(xs, 3);
    expect([...xs]).toEqual([5, 3, 9, 1, 0, 7]);
  });
});
