/**
 * Clear, Hold, Build and displacement (src/analysis/tasking/rules.ts) on constructed monthly
 * series: each phase, each threshold just below, at and above its edge, and the reasons' words
 * against numbers worked out here.
 */
import { describe, expect, it } from 'vitest';
import {
  buildRule,
  clearRule,
  DEFAULT_TASKING_SETTINGS,
  displacementCheck,
  formerLevel,
  harmFallen,
  recommendPhase,
  type SiteEvidence,
  seriesTrend,
  sitePattern,
  taskingSettings,
} from '../../src/analysis/tasking/rules';

const T = 12;
const flat = (v: number, n = T) => new Array<number>(n).fill(v);
/** Hot in the months listed (0-based), of T. */
const hotIn = (months: number[], n = T) => Array.from({ length: n }, (_, t) => months.includes(t));
const allBut = (gaps: number[], n = T) => hotIn([...Array(n).keys()].filter((t) => !gaps.includes(t)), n);
/** 64 % violence and robbery: 40 + 24 of 100. */
const MIX64 = { 'Violence and sexual offences': 40, Robbery: 24, Burglary: 36 };

const site = (harm: number[], hot: boolean[], harmByType: Record<string, number> = MIX64): SiteEvidence => ({ harm, hot, harmByType });

describe('seriesTrend: Mann-Kendall with the Theil-Sen size', () => {
  it('10, 11, 12, 13: slope 1 a month, 1/11.5 of the mean month', () => {
    const t = seriesTrend([10, 11, 12, 13]);
    expect(t.slope).toBe(1);
    expect(t.perMonth).toBeCloseTo(1 / 11.5, 12);
    // S = 6 (every pair up), Var S = 4·3·13/18 = 8.667, z = 5/√8.667 = 1.698, p = 0.0894 ≤ 0.10.
    expect(t.mk.s).toBe(6);
    expect(t.mk.trend).toBe('up');
  });
  it('the median of pairwise slopes ignores one outlier', () => {
    // Pairwise slopes of 1, 2, 3, 100: 1, 1, 99/3, 1, 98/2, 97 → sorted [1, 1, 1, 33, 49, 97]:
    // median (1 + 33)/2 = 17, where a least-squares line would be pulled to 29.2.
    const t = seriesTrend([1, 2, 3, 100]);
    expect(t.slope).toBe(17);
  });
  it('a constant series has no trend and 0 % a month', () => {
    const t = seriesTrend(flat(5));
    expect(t.mk.trend).toBe('none');
    expect(t.perMonth).toBe(0);
  });
});

describe('Clear', () => {
  it('persistent hot spot for 11 of 12 months, 64 % violence and robbery: Clear, with the reason in words', () => {
    const r = recommendPhase(site(flat(100), allBut([0])), null);
    expect(r.clear.pattern).toBe('Persistent Hot Spot');
    expect(r.phase).toBe('clear');
    expect(r.reasons[0]).toBe('Clear: persistent hot spot for 11 of 12 months, violence and robbery 64 % of its harm, no significant trend');
    expect(r.settings).toEqual(DEFAULT_TASKING_SETTINGS);
  });

  it('intensifying: rising 3 a month from 100 is "rising 3 % a month" (slope 3 / mean 116.5 = 2.6 %)', () => {
    const harm = Array.from({ length: T }, (_, t) => 100 + 3 * t);
    const r = recommendPhase(site(harm, allBut([0])), null);
    expect(r.clear.trend.perMonth).toBeCloseTo(3 / 116.5, 12);
    expect(r.phase).toBe('clear');
    expect(r.reasons[0]).toBe('Clear: intensifying hot spot for 11 of 12 months, violence and robbery 64 % of its harm, rising 3 % a month');
  });

  it('new and consecutive hot spots are for Clear too', () => {
    expect(recommendPhase(site(flat(10), hotIn([11])), null).clear.pattern).toBe('New Hot Spot');
    expect(recommendPhase(site(flat(10), hotIn([11])), null).phase).toBe('clear');
    const consecutive = recommendPhase(site(flat(10), hotIn([8, 9, 10, 11])), null);
    expect(consecutive.clear.pattern).toBe('Consecutive Hot Spot');
    expect(consecutive.phase).toBe('clear');
  });

  it('persistence edge: 11 of 12 months hot is persistent (Clear); 10 of 12 with gaps is sporadic (Hold)', () => {
    expect(sitePattern(site(flat(10), allBut([3])))).toBe('Persistent Hot Spot');
    const ten = recommendPhase(site(flat(10), allBut([3, 6])), null);
    expect(ten.clear.pattern).toBe('Sporadic Hot Spot');
    expect(ten.phase).toBe('hold');
    expect(ten.reasons[0]).toBe('Hold: sporadic hot spot, hot in 10 of 12 months');
    // 9 of 10 is exactly 90 %: persistent.
    expect(sitePattern(site(flat(10, 10), allBut([4], 10)))).toBe('Persistent Hot Spot');
  });

  it('months edge: 9 months are too few for a pattern (never Clear by pattern), 10 are enough', () => {
    const nine = recommendPhase(site(flat(10, 9), allBut([], 9)), null);
    expect(nine.clear.pattern).toBe('No Pattern Detected');
    expect(nine.phase).toBe('hold');
    expect(nine.reasons[0]).toBe(
      'Hold: a hot spot kept with visible patrol; hot in 9 of 9 months: too few months to tell a persistent from a new hot spot (Clear needs 10)',
    );
    expect(recommendPhase(site(flat(10, 10), allBut([], 10)), null).phase).toBe('clear');
    expect(recommendPhase(site(flat(10, 1), [true]), null, { minPatternMonths: 1 }).clear.pattern).toBe('Persistent Hot Spot');
  });

  it('priority share edge: 49 % below the 50 % setting fails, 50 % and 51 % pass', () => {
    const at = (robbery: number) => clearRule(site(flat(10), allBut([0]), { Robbery: robbery, Burglary: 100 - robbery }));
    expect(at(49).holds).toBe(false);
    expect(at(49).reason).toBe('persistent hot spot for 11 of 12 months, but robbery 49 % of its harm (Clear needs 50 %)');
    expect(at(50).holds).toBe(true);
    expect(at(51).holds).toBe(true);
    // Without a lifecycle a persistent burglary hot spot is held, and the reason says why not Clear.
    const r = recommendPhase(site(flat(10), allBut([0]), { Burglary: 100 }), null);
    expect(r.phase).toBe('hold');
    expect(r.reasons[0]).toBe(
      'Hold: a hot spot kept with visible patrol; persistent hot spot for 11 of 12 months, but no violence, robbery, weapons or drugs harm (Clear needs 50 %)',
    );
  });

  it('the share is a setting: 0.7 turns a 64 % site away', () => {
    const r = recommendPhase(site(flat(100), allBut([0])), null, { clearPriorityShare: 0.7 });
    expect(r.phase).toBe('hold');
    expect(r.settings.clearPriorityShare).toBe(0.7);
  });
});

describe('Hold', () => {
  // Hot only in the last four months: a consecutive hot spot, so the pattern alone never says Hold.
  const hot = hotIn([8, 9, 10, 11]);
  const fallenTo = (last: number) => [...flat(100, 9), last, last, last];

  it('harmFallen: the last 3 months against the highest 3-month level before them; a fall of exactly 20 % counts', () => {
    expect(harmFallen(fallenTo(79)).holds).toBe(true);
    expect(harmFallen(fallenTo(80)).holds).toBe(true);
    expect(harmFallen(fallenTo(81)).holds).toBe(false);
    const r = harmFallen(fallenTo(70));
    expect([r.recent, r.former]).toEqual([70, 100]);
    expect(r.change).toBeCloseTo(-0.3, 12);
    expect(r.reason).toBe('harm fell 30 % from its highest 3-month level (Hold after Clear needs a fall of 20 %)');
  });

  it('formerLevel is the highest rolling mean ending before the month given', () => {
    // Rolling means of 3 over [0, 3, 6, 9, 0, 0]: 3, 6, 5, 3; before month 5 (ends 2..4): max 6.
    expect(formerLevel([0, 3, 6, 9, 0, 0], 5, 3)).toBe(6);
    expect(formerLevel([1, 2], 2, 3)).toBeNull();
  });

  it('a site under Clear whose harm fell 20 % moves to Hold; 19 % stays under Clear', () => {
    const moved = recommendPhase(site(fallenTo(80), hot), 'clear');
    expect(moved.phase).toBe('hold');
    expect(moved.reasons[0]).toBe('Hold: under Clear, harm fell 20 % from its highest 3-month level (Hold after Clear needs a fall of 20 %)');
    const stays = recommendPhase(site(fallenTo(81), hot), 'clear');
    expect(stays.phase).toBe('clear');
    expect(stays.reasons[0]).toBe('Clear: stays under Clear: under Clear, harm fell only 19 % from its highest 3-month level (a fall of 20 % is needed)');
  });

  it('the same fall without a lifecycle is not Hold by itself (the fall rule is for sites under Clear)', () => {
    expect(recommendPhase(site(fallenTo(80), hot), null).phase).toBe('clear');
  });

  it('a diminishing hot spot is held', () => {
    // Hot every month, harm falling gently (200 to 178, never 20 % under its former level, so
    // not Build): Mann-Kendall down, so Diminishing.
    const harm = Array.from({ length: T }, (_, t) => 200 - 2 * t);
    const r = recommendPhase(site(harm, flat(1).map(() => true)), null);
    expect(r.hold.pattern).toBe('Diminishing Hot Spot');
    expect(r.phase).toBe('hold');
  });
});

describe('Build', () => {
  // Former level 100 for 6 months, then n months at `low` and the rest back at 100 before them.
  const series = (below: number, low: number) => [...flat(100, T - below), ...flat(low, below)];

  it('six months at or under 80 % of the former level: Build; five: not yet', () => {
    expect(buildRule(series(6, 80)).holds).toBe(true);
    expect(buildRule(series(6, 80)).monthsBelow).toBe(6);
    expect(buildRule(series(5, 80)).holds).toBe(false);
    expect(buildRule(series(5, 80)).reason).toBe('held below its former level for 5 of the 6 months Build needs');
    expect(buildRule(series(7, 80)).monthsBelow).toBe(7);
  });

  it('the level edge: 80 is at the ceiling (Build), 80.5 above it (no month below)', () => {
    expect(buildRule(series(6, 80)).ceiling).toBe(80);
    expect(buildRule(series(6, 80.5)).monthsBelow).toBe(0);
    expect(buildRule(series(6, 79)).holds).toBe(true);
  });

  it('Hold → Build when held; stays Hold otherwise; derived (null) Build ahead of Clear', () => {
    const hot = allBut([]);
    expect(recommendPhase(site(series(6, 80), hot, { Robbery: 1 }), 'hold').phase).toBe('build');
    const stay = recommendPhase(site(series(5, 80), hot, { Robbery: 1 }), 'hold');
    expect(stay.phase).toBe('hold');
    expect(stay.reasons[0]).toBe('Hold: stays under Hold: held below its former level for 5 of the 6 months Build needs');
    const derived = recommendPhase(site(series(6, 80), hot, { Robbery: 1 }), null);
    expect(derived.phase).toBe('build');
    expect(derived.reasons[0]).toBe('Build: held at least 20 % below its former level for 6 months (Build needs 6)');
  });

  it('back to Clear from Hold or Build only on a rising Clear hot spot', () => {
    const rising = Array.from({ length: T }, (_, t) => 100 + 3 * t);
    expect(recommendPhase(site(rising, allBut([0])), 'hold').phase).toBe('clear');
    expect(recommendPhase(site(rising, allBut([0])), 'build').phase).toBe('clear');
    const steady = recommendPhase(site(flat(100), allBut([0])), 'build');
    expect(steady.phase).toBe('build');
  });
});

describe('displacement', () => {
  it('core down 20 % while the ring rises 20 %: flagged at both edges, with the numbers', () => {
    const d = displacementCheck([10, 10, 10, 8, 8, 8], [5, 5, 5, 6, 6, 6]);
    expect(d.flagged).toBe(true);
    expect([d.coreBefore, d.coreAfter, d.ringBefore, d.ringAfter]).toEqual([30, 24, 15, 18]);
    expect(d.coreChange).toBeCloseTo(-0.2, 12);
    expect(d.ringChange).toBeCloseTo(0.2, 12);
    expect(d.reason).toBe(
      'Possible displacement: over the last 3 months against the 3 before, harm in the ring around the site up 20 % (15 to 18), in the site down 20 % (30 to 24)',
    );
  });
  it('just inside the edges is not flagged: core down 19 %, or ring up 19 %', () => {
    // 100 → 81 is a 19 % fall; 100 → 119 a 19 % rise.
    expect(displacementCheck([100, 0, 0, 81, 0, 0], [100, 0, 0, 120, 0, 0]).flagged).toBe(false);
    expect(displacementCheck([100, 0, 0, 80, 0, 0], [100, 0, 0, 119, 0, 0]).flagged).toBe(false);
    expect(displacementCheck([100, 0, 0, 80, 0, 0], [100, 0, 0, 120, 0, 0]).flagged).toBe(true);
  });
  it('a ring from nothing to something is a rise; a core that rose is never displacement', () => {
    expect(displacementCheck([9, 9, 9, 1, 1, 1], [0, 0, 0, 1, 0, 0]).flagged).toBe(true);
    expect(displacementCheck([1, 1, 1, 9, 9, 9], [0, 0, 0, 9, 9, 9]).flagged).toBe(false);
  });
  it('says "unchanged" rather than "up 0 %"', () => {
    expect(displacementCheck([5, 5, 5, 5, 5, 5], [2, 2, 2, 2, 2, 2]).reason).toBe(
      'No displacement flagged: over the last 3 months against the 3 before, harm in the ring around the site unchanged (6 to 6), in the site unchanged (15 to 15)',
    );
  });
  it('only the last 2 × displacementMonths months count', () => {
    const d = displacementCheck([1000, 10, 10, 10, 8, 8, 8], [0, 5, 5, 5, 6, 6, 6]);
    expect([d.coreBefore, d.ringBefore]).toEqual([30, 15]);
  });
});

describe('settings', () => {
  it('refuses values outside their range', () => {
    expect(() => taskingSettings({ fallShare: 1.5 })).toThrow(/fallShare = 1.5 is not a share/);
    expect(() => taskingSettings({ buildMonths: 0 })).toThrow(/buildMonths = 0 is not a whole number/);
    expect(() => recommendPhase(site([1, 2], [true]), null)).toThrow(/2 months of harm but 1 of hot flags/);
  });
});
