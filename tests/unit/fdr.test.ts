import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, fdrBins } from '../../src/analysis/fdr.ts';

/** Golden values from scipy.stats.false_discovery_control: tests/unit/fixtures/make_golden.py. */
const golden = JSON.parse(readFileSync(new URL('./fixtures/fdr.json', import.meta.url), 'utf8')) as {
  z: number[];
  p: number[];
  rejected: Record<string, number[]>;
  bins: number[];
};

/** Benjamini & Hochberg (1995), section 4.2: the 15 p-values of their worked example. */
const BH_1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];

describe('benjaminiHochberg(p, alpha)', () => {
  it('rejects the 4 smallest of Benjamini & Hochberg\'s (1995) 15 p-values at q = 0.05', () => {
    // k·q/n = k/300: k = 4: 0.0095 ≤ 0.01333 yes; k = 5..15 all fail (0.0201 > 0.01667, 0.0278 > 0.02,
    // 0.0298 > 0.02333, 0.0344 > 0.02667, 0.0459 > 0.03, 0.324 > 0.0333, …), so k* = 4.
    expect([...benjaminiHochberg(BH_1995, 0.05)]).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('does not depend on input order', () => {
    const shuffled = [8, 3, 14, 0, 11, 5, 1, 13, 2, 9, 6, 12, 4, 10, 7];
    const pass = benjaminiHochberg(shuffled.map((k) => BH_1995[k]), 0.05);
    shuffled.forEach((k, i) => expect(pass[i]).toBe(k < 4 ? 1 : 0));
  });

  it('is a step-up procedure: a p-value above its own k·α/n passes when a later one qualifies', () => {
    // n = 4, α = 0.1: thresholds 0.025, 0.05, 0.075, 0.1. p₍₁₎ = 0.03 > 0.025, but p₍₄₎ = 0.09 ≤ 0.1,
    // so k* = 4 and all four pass.
    expect([...benjaminiHochberg([0.03, 0.04, 0.08, 0.09], 0.1)]).toEqual([1, 1, 1, 1]);
  });

  it('lets every p-value tied with p₍ₖ*₎ pass', () => {
    // n = 5, α = 0.1: k·α/n = 0.02k. p sorted 0.001, 0.03, 0.03, 0.03, 0.5: k = 4: 0.03 ≤ 0.08 → all ties pass.
    expect([...benjaminiHochberg([0.03, 0.5, 0.03, 0.001, 0.03], 0.1)]).toEqual([1, 0, 1, 1, 1]);
    // A tie group sitting exactly on the boundary: n = 2, α = 0.1, p = 0.05, 0.05 → k = 2: 0.05 ≤ 0.1.
    expect([...benjaminiHochberg([0.05, 0.05], 0.1)]).toEqual([1, 1]);
  });

  it('matches scipy.stats.false_discovery_control on 500 p-values at α = 0.10, 0.05, 0.01', () => {
    for (const [alpha, want] of Object.entries(golden.rejected)) {
      expect([...benjaminiHochberg(golden.p, Number(alpha))]).toEqual(want);
    }
  });

  it('returns no rejections for an empty input or all p = 1', () => {
    expect(benjaminiHochberg([], 0.05).length).toBe(0);
    expect([...benjaminiHochberg([1, 1, 1], 0.05)]).toEqual([0, 0, 0]);
  });

  it('throws, naming itself, for p outside [0, 1], NaN or a bad alpha', () => {
    expect(() => benjaminiHochberg([0.5, NaN], 0.05)).toThrow(/benjaminiHochberg/);
    expect(() => benjaminiHochberg([1.5], 0.05)).toThrow(/benjaminiHochberg/);
    expect(() => benjaminiHochberg([0.5], 0)).toThrow(/benjaminiHochberg/);
  });
});

describe('fdrBins(z, p)', () => {
  it('gives the highest level passed, signed by z, on a worked example', () => {
    // n = 3. α = 0.10: k = 2: 0.04 ≤ 0.0667 → threshold 0.04. α = 0.05: k = 2: 0.04 > 0.0333;
    // k = 1: 0.001 ≤ 0.0167 → 0.001. α = 0.01: k = 1: 0.001 ≤ 0.00333 → 0.001.
    // So cell 0 passes all three (bin 3), cell 1 only 90 % (bin −1, z < 0), cell 2 none.
    expect([...fdrBins([3.3, -2.05, 0.5], [0.001, 0.04, 0.62])]).toEqual([3, -1, 0]);
  });

  it('applied to Benjamini & Hochberg (1995): 3 pass at 99 %, 4 at 95 %, 9 at 90 %', () => {
    // α = 0.01: k·α/n = k/1500: 0.0019 ≤ 0.002 (k = 3), 0.0095 > 0.00267 → k* = 3.
    // α = 0.05: k* = 4 (previous test). α = 0.10: k/150: k = 9: 0.0459 ≤ 0.06, k = 10: 0.324 > 0.0667 → k* = 9.
    const z = BH_1995.map(() => 1);
    expect([...fdrBins(z, BH_1995)]).toEqual([3, 3, 3, 2, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('matches bins built from scipy.stats.false_discovery_control on 500 p-values', () => {
    expect([...fdrBins(golden.z, golden.p)]).toEqual(golden.bins);
  });

  it('throws, naming itself, when z and p differ in length', () => {
    expect(() => fdrBins([1, 2], [0.5])).toThrow(/fdrBins/);
  });
});
