/**
 * Patrol plans (src/analysis/tasking/patrol.ts): the order, the dosage arithmetic, the budget
 * edge, the seeded random schedule, the PAI and the resolution rule, worked by hand here.
 */
import { describe, expect, it } from 'vitest';
import {
  areaCoverage,
  type CellFacts,
  hoursPerCellWeek,
  patrolPlanFor,
  patrolResolution,
  patrolSettings,
  DEFAULT_PATROL_SETTINGS,
} from '../../src/analysis/tasking/patrol';
import { mulberry32 } from '../../src/analysis/random';

// Ids need only sort as H3 ids do (fixed-width strings); the plan never reads their geometry.
const ids = ['8a01', '8a02', '8a03', '8a04', '8a05', '8a06'];
/** Priorities: 8a03 first, then 8a01 and 8a05 tied (8a01 first by id), 8a02, 8a04, 8a06. */
const ranking = { cells: ids, priority: [5, 2, 9, 1, 5, 0], rank: [2, 4, 1, 5, 3, 6] };
const facts = new Map<string, CellFacts>(
  ids.map((c, i) => [c, { crimes: [4, 2, 9, 1, 5, 0][i], harm: [40, 10, 90, 5, 30, 0][i], topTypes: i === 2 ? ['Robbery', 'Drugs'] : ['Burglary'] }]),
);

describe('patrolPlanFor', () => {
  it('orders cells by priority (ties by id) and says why each was chosen', () => {
    const plan = patrolPlanFor({ cells: ids, ranking, facts });
    expect(plan.cells.map((c) => c.h3)).toEqual(['8a03', '8a01', '8a05', '8a02', '8a04', '8a06']);
    expect(plan.cells.map((c) => c.order)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(plan.cells[0].why).toBe('priority 1 here, 1 of 6 in the study area (score 9): 9 crimes, 90 harm days, mostly robbery and drugs');
  });

  it('dosage after Koper: 15 minutes twice a day for 7 days is 3.5 hours a cell a week', () => {
    expect(hoursPerCellWeek(DEFAULT_PATROL_SETTINGS)).toBe((2 * 15 * 7) / 60);
    const plan = patrolPlanFor({ cells: ids, ranking, facts });
    expect(plan.hoursPerCell).toBe(3.5);
    expect(plan.hoursPerWeek).toBe(21);
    expect(plan.cells.every((c) => c.visitsPerDay === 2 && c.minutesPerVisit === 15)).toBe(true);
    expect(plan.timeNote).toMatch(/police.uk gives the month of each crime, not its time/);
    expect(plan.schedule.every((r) => r.period === null)).toBe(true);
  });

  it('budget edge: 10.4 hours buys 2 cells, 10.5 exactly buys 3, 10.6 still 3', () => {
    const planned = (budget: number) => patrolPlanFor({ cells: ids, ranking, facts, settings: { budgetHoursPerWeek: budget } });
    expect(planned(10.4).cells.filter((c) => c.planned).map((c) => c.h3)).toEqual(['8a03', '8a01']);
    expect(planned(10.5).cells.filter((c) => c.planned).length).toBe(3);
    expect(planned(10.5).hoursPerWeek).toBe(10.5);
    expect(planned(10.5).overBudget).toBe(3);
    expect(planned(10.6).cells.filter((c) => c.planned).length).toBe(3);
    expect(planned(10.4).cells[2].visitsPerDay).toBe(0);
    expect(planned(10.5).summary[1]).toBe('10.5 hours a week of a budget of 10.5 hours; 3 cells over budget');
  });

  it('the schedule visits every planned cell once a round, in a seeded random order', () => {
    const a = patrolPlanFor({ cells: ids, ranking, facts, settings: { seed: 7 } });
    const b = patrolPlanFor({ cells: ids, ranking, facts, settings: { seed: 7 } });
    const c = patrolPlanFor({ cells: ids, ranking, facts, settings: { seed: 8 } });
    expect(a.schedule.length).toBe(14);
    for (const r of a.schedule) expect([...r.cells].sort()).toEqual([...ids].sort());
    expect(a.schedule).toEqual(b.schedule);
    expect(a.schedule.map((r) => r.cells.join())).not.toEqual(c.schedule.map((r) => r.cells.join()));
    // Not one fixed order repeated: at least two distinct orders in the week.
    expect(new Set(a.schedule.map((r) => r.cells.join())).size).toBeGreaterThan(1);
  });

  it('with times, rounds alternate between two 12-hour periods', () => {
    const plan = patrolPlanFor({ cells: ids, ranking, facts, settings: { hasTimes: true } });
    expect(plan.schedule.slice(0, 2).map((r) => r.period)).toEqual(['08:00–20:00', '20:00–08:00']);
    expect(plan.timeNote).toBeNull();
  });

  it('PAI of the planned cells in the ward: harm share over area share, ANALYSIS.md form', () => {
    // Ward = the six cells plus two empty ones (8 cells, harm 175, crimes 21); 2 planned: 8a03, 8a01.
    const ward = { label: 'the ward', cells: [...ids, '8a07', '8a08'] };
    const plan = patrolPlanFor({ cells: ids, ranking, facts, area: ward, settings: { budgetHoursPerWeek: 7 } });
    const cov = plan.coverage;
    expect([cov.cells, cov.plannedCells, cov.harm, cov.plannedHarm, cov.crimes, cov.plannedCrimes]).toEqual([8, 2, 175, 130, 21, 13]);
    expect(cov.pai).toBeCloseTo(130 / 175 / (2 / 8), 12);
    expect(cov.paiCrimes).toBeCloseTo(13 / 21 / (2 / 8), 12);
    expect(plan.summary[2]).toBe('74 % of the harm of the ward in 25 % of its area (PAI 3.0)');
  });

  it('areaCoverage of an area without harm has no PAI', () => {
    const cov = areaCoverage({ label: 'x', cells: ['8a06'] }, new Set(['8a06']), facts);
    expect(cov.pai).toBeNull();
    expect(cov.areaShare).toBe(1);
  });

  it('a cell outside the ranking gets no priority and is said to be outside', () => {
    const plan = patrolPlanFor({ cells: ['8a09', '8a03'], ranking, facts });
    expect(plan.cells.map((c) => [c.h3, c.studyRank])).toEqual([['8a03', 1], ['8a09', null]]);
    expect(plan.cells[1].why).toBe('outside the study area: no patrol priority');
  });

  it('refuses bad input', () => {
    expect(() => patrolPlanFor({ cells: [], ranking, facts })).toThrow(/no cells/);
    expect(() => patrolPlanFor({ cells: ['8a01', '8a01'], ranking, facts })).toThrow(/twice/);
    expect(() => patrolSettings({ visitsPerDay: 1.5 })).toThrow(/visitsPerDay/);
    expect(() => patrolSettings({ budgetHoursPerWeek: -1 })).toThrow(/budgetHoursPerWeek/);
  });
});

describe('mulberry32', () => {
  it('is deterministic and uniform enough: 10,000 draws in [0, 1) with mean about 0.5', () => {
    const r = mulberry32(42);
    const xs = Array.from({ length: 10_000 }, r);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(Math.abs(xs.reduce((a, b) => a + b, 0) / xs.length - 0.5)).toBeLessThan(0.02);
    expect(mulberry32(42)()).toBe(xs[0]);
  });
});

describe('patrolResolution', () => {
  it('10 for point records, 9 for 100 m cells, the finest supported below that', () => {
    expect(patrolResolution({ cellAreaM2: null, finestResolution: null }).resolution).toBe(10);
    expect(patrolResolution({ cellAreaM2: 15_000, finestResolution: 10 }).resolution).toBe(10);
    expect(patrolResolution({ cellAreaM2: 25_981, finestResolution: 9 })).toEqual({
      resolution: 9, reason: 'resolution 9: the data are counted in cells too large for resolution 10',
    });
    expect(patrolResolution({ cellAreaM2: 500_000, finestResolution: 8 }).resolution).toBe(8);
  });
});
