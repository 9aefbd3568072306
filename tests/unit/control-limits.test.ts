import { describe, expect, it } from 'vitest';
import { controlFlagWords, controlLimits, sampleStandardDeviation } from '../../src/analysis/control-limits';

// Hand-worked: 11 months before the latest (as the default data, 2025-05..2026-03 before 2026-04)
// sum to 1100, mean 100; squared deviations 0,100,100,25,25,0,0,100,100,25,25 sum to 500;
// sample variance 500 / 10 = 50, SD √50 = 7.0711; limits 100 ∓ 14.1421 = 85.8579, 114.1421.
// (The population SD √(500/11) = 6.7420 would put the upper limit at 113.484.)
const BEFORE = [100, 110, 90, 105, 95, 100, 100, 110, 90, 105, 95];

describe('control limits: mean ± 2 sample SD of the previous 12 months', () => {
  it('rests on the 11 months there are before the 12th, and flags a month above', () => {
    const r = controlLimits([...BEFORE, 115], 11);
    expect(r.baselineMonths).toBe(11);
    expect(r.value).toBe(115);
    expect(r.last).toBe(95);
    expect(r.change).toBe(20);
    expect(r.mean).toBeCloseTo(100, 12);
    expect(r.sd).toBeCloseTo(Math.sqrt(50), 12);
    expect(r.lower).toBeCloseTo(85.857864, 5);
    expect(r.upper).toBeCloseTo(114.142136, 5);
    expect(r.flag).toBe('above');
    expect(controlFlagWords(r)).toBe('Above its control limit');
  });

  it('uses the sample SD: 114 is within (the population SD would flag it)', () => {
    expect(controlLimits([...BEFORE, 114], 11).flag).toBe('within');
  });

  it('flags a month below, and says within in words', () => {
    expect(controlLimits([...BEFORE, 85], 11).flag).toBe('below');
    expect(controlFlagWords(controlLimits([...BEFORE, 100], 11))).toBe('Within its control limits');
  });

  it('takes only the 12 months before: a 13th month back does not count', () => {
    const r = controlLimits([1_000_000, ...BEFORE, 100, 101], 13);
    // Baseline: BEFORE and 100 (12 months): mean 1200 / 12 = 100, squares 500 → SD √(500/11).
    expect(r.baselineMonths).toBe(12);
    expect(r.mean).toBeCloseTo(100, 12);
    expect(r.sd).toBeCloseTo(Math.sqrt(500 / 11), 12);
    expect(r.last).toBe(100);
  });

  it('leaves months without data out of the baseline, never as zero', () => {
    const withGap: (number | null)[] = [...BEFORE];
    withGap[3] = null;
    const r = controlLimits([...withGap, 100], 11);
    // Without 105: sum 995 over 10 months, mean 99.5.
    expect(r.baselineMonths).toBe(10);
    expect(r.mean).toBeCloseTo(99.5, 12);
  });

  it('a month with no data is "no data", and last month missing leaves no change', () => {
    const r = controlLimits([...BEFORE, null], 11);
    expect(r.flag).toBe('no-data');
    expect(r.change).toBeNull();
    expect(controlFlagWords(r)).toBe('No data this month');
    expect(controlLimits([...BEFORE.slice(0, 10), null, 100], 11).change).toBeNull();
  });

  it('draws no limits on fewer than 3 months, and says how many there are', () => {
    const r = controlLimits([10, 12, 50], 2);
    expect(r.flag).toBe('too-few-months');
    expect(r.upper).toBeNull();
    expect(controlFlagWords(r)).toBe('Too few months for limits (2)');
    expect(controlLimits([10, 12, 11, 30], 3).baselineMonths).toBe(3);
  });

  it('the first month has no month before it', () => {
    const r = controlLimits([7, 8], 0);
    expect(r.last).toBeNull();
    expect(r.baselineMonths).toBe(0);
  });

  it('refuses a month outside the series, naming the function', () => {
    expect(() => controlLimits([1, 2], 2)).toThrow(/controlLimits/);
    expect(() => sampleStandardDeviation([1])).toThrow(/sampleStandardDeviation/);
    expect(sampleStandardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });
});
