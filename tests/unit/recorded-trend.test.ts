/** Month arithmetic and the year-on-year comparison of the recorded-crime trend, against hand-worked values. */
import { describe, expect, it } from 'vitest';
import { addMonths, meanPerArea, monthsEnding, recordedPeriod, yearOnYear } from '../../src/analysis/recorded-trend';

const SPAN = { first: '2010-04', last: '2026-02' };

describe('recorded-crime trend helpers', () => {
  it('adds months across year ends, both ways', () => {
    expect(addMonths('2026-02', -11)).toBe('2025-03');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(addMonths('2024-02', -24)).toBe('2022-02');
    expect(() => addMonths('2024-13', 1)).toThrow(/YYYY-MM/);
  });

  it('the n months ending at a month, clipped to the first month of the data', () => {
    expect(monthsEnding('2026-02', 24)).toEqual({ from: '2024-03', to: '2026-02' });
    expect(monthsEnding('2010-09', 12, '2010-04')).toEqual({ from: '2010-04', to: '2010-09' });
    expect(() => monthsEnding('2026-02', 0)).toThrow();
  });

  it('defaults to the latest 12 months of the data, and clamps chosen months to it', () => {
    expect(recordedPeriod(SPAN, { from: null, to: null })).toEqual({ from: '2025-03', to: '2026-02' });
    expect(recordedPeriod(SPAN, { from: '2024-01', to: '2024-06' })).toEqual({ from: '2024-01', to: '2024-06' });
    expect(recordedPeriod(SPAN, { from: '2001-01', to: '2030-01' })).toEqual({ from: '2010-04', to: '2026-02' });
    expect(recordedPeriod(SPAN, { from: null, to: '2020-06' })).toEqual({ from: '2019-07', to: '2020-06' });
    // A start after the end: the 12 months ending at the end.
    expect(recordedPeriod(SPAN, { from: '2025-01', to: '2024-06' })).toEqual({ from: '2023-07', to: '2024-06' });
  });

  it('a mean per area divides each month by the number of areas', () => {
    expect(meanPerArea([210, 0, 21], 21)).toEqual([10, 0, 1]);
    expect(() => meanPerArea([1], 0)).toThrow();
  });

  it('last 12 months against the 12 before', () => {
    const v = [...Array(12).fill(10), ...Array(12).fill(12)];
    expect(yearOnYear(v)).toEqual({ last12: 144, previous12: 120, change: 0.2 });
    expect(yearOnYear([5, ...Array(12).fill(0), ...Array(12).fill(1)])).toEqual({ last12: 12, previous12: 0, change: null });
    expect(() => yearOnYear(Array(23).fill(1))).toThrow(/24 months/);
  });
});
