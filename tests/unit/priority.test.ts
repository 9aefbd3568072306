import { describe, expect, it } from 'vitest';
import { DEFAULT_HALF_LIFE, type MonthlyValues, patrolPriority, rankCells, rankingKey, windowTotals } from '../../src/analysis/priority.ts';

/** Builds MonthlyValues from rows of months (each row: one value per cell). */
const monthly = (rows: number[][]): MonthlyValues => ({ n: rows[0].length, T: rows.length, values: Float64Array.from(rows.flat()) });

describe('patrolPriority (recency-weighted values)', () => {
  it('weighs month t by 0.5^((origin − t)/halfLife): hand-worked with halfLife 1', () => {
    // Cell 0: 4, 2, 1 → 4·0.25 + 2·0.5 + 1·1 = 3. Cell 1: 0, 8, 0 → 8·0.5 = 4.
    const m = monthly([[4, 0], [2, 8], [1, 0]]);
    expect(Array.from(patrolPriority(m, 2, 1))).toEqual([3, 4]);
  });

  it('defaults to a half-life of 3 months: a crime 3 months before the origin counts half', () => {
    expect(DEFAULT_HALF_LIFE).toBe(3);
    // Cell 0: 8 at lag 3 and 2 at lag 0 → 8·0.5 + 2 = 6. Cell 1: 1 at lag 1 → 2^(−1/3).
    const m = monthly([[8, 0], [0, 0], [0, 1], [2, 0]]);
    const s = patrolPriority(m, 3);
    expect(s[0]).toBe(6);
    expect(s[1]).toBeCloseTo(0.7937005259840998, 15);
  });

  it('never reads a month after the origin (the forecast month), nor before `from`', () => {
    const m = monthly([[100, 0], [1, 2], [3, 0], [1000, 1000]]);
    // origin 2, from 1, halfLife 1: cell 0 = 1·0.5 + 3 = 3.5; cell 1 = 2·0.5 = 1.
    expect(Array.from(patrolPriority(m, 2, 1, 1))).toEqual([3.5, 1]);
  });

  it('refuses a half-life that is not a positive finite number, and months out of range', () => {
    const m = monthly([[1], [2]]);
    for (const h of [0, -1, NaN, Infinity]) expect(() => patrolPriority(m, 1, h)).toThrow(/patrolPriority: halfLife/);
    expect(() => patrolPriority(m, 2)).toThrow(/patrolPriority: need 0 ≤ from ≤ to < 2/);
    expect(() => patrolPriority(m, 0, 3, 1)).toThrow(/patrolPriority/);
    expect(() => patrolPriority({ n: 2, T: 2, values: new Float64Array(3) }, 1)).toThrow(/values has 3 entries/);
  });
});

describe('windowTotals', () => {
  it('sums each cell over months from..to inclusive', () => {
    const m = monthly([[1, 2], [3, 4], [5, 6]]);
    expect(Array.from(windowTotals(m, 0, 2))).toEqual([9, 12]);
    expect(Array.from(windowTotals(m, 1, 1))).toEqual([3, 4]);
  });
});

describe('rankCells (patrol order)', () => {
  it('ranks the highest score 1 and breaks ties by cell id ascending, whatever the input order', () => {
    // Scores: h 9, c 9, e 5, a 0, b 0. Ties: c before h; a before b.
    const r = rankCells(['e', 'h', 'c', 'a', 'b'], [5, 9, 9, 0, 0]);
    expect(Array.from(r)).toEqual([3, 2, 1, 4, 5]);
  });

  it('compares scores in single precision, so scores equal in exact arithmetic tie and go by id', () => {
    // Half-life 3: one crime at lags 1 and 4 is 2^(−⅓) + 2^(−4/3) = 1.5·2^(−⅓); three at lag 4 is
    // 3·2^(−4/3), the same number. In doubles the two may differ in the last bit (and did, in
    // opposite directions, between the browser and Node): ranked as float32 they tie.
    const m = monthly([[1, 3], [0, 0], [0, 0], [1, 0], [0, 0]]);
    const s = patrolPriority(m, 4);
    expect(Math.abs(s[0] - s[1])).toBeLessThan(1e-15);
    expect(Array.from(rankCells(['q', 'p'], s))).toEqual([2, 1]);
    expect(Array.from(rankCells(['q', 'p'], [1 + 2 ** -52, 1]))).toEqual([2, 1]);
    expect(Array.from(rankingKey([1 + 2 ** -52, 0.1]))).toEqual([1, Math.fround(0.1)]);
  });

  it('refuses NaN scores and mismatched lengths', () => {
    expect(() => rankCells(['a', 'b'], [1, NaN])).toThrow(/rankCells: score\[1\] is NaN/);
    expect(() => rankCells(['a'], [1, 2])).toThrow(/rankCells: 1 cells but 2 scores/);
  });
});
