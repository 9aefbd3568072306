/** The patrol wording shared by the mission sheet and the meeting pack's site sheets (src/ui/patrol/words.ts). */
import { describe, expect, it } from 'vitest';
import type { PatrolVisitRound } from '../../src/analysis/tasking/patrol';
import { dayName, roundsByDay, roundWords } from '../../src/ui/patrol/words';

const round = (day: number, r: number, cells: string[]): PatrolVisitRound => ({ day, round: r, period: null, cells });

describe('patrol words', () => {
  it('names days 1-7 Monday to Sunday, and a second week again from Monday', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 14].map(dayName)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun', 'Mon', 'Sun']);
  });

  it('groups the rounds by day, days and rounds in the schedule\'s order', () => {
    const s = [round(1, 1, ['a']), round(1, 2, ['b']), round(2, 1, ['c']), round(3, 1, ['d']), round(3, 2, ['e'])];
    expect(roundsByDay(s)).toEqual([
      [1, [s[0], s[1]]],
      [2, [s[2]]],
      [3, [s[3], s[4]]],
    ]);
    expect(roundsByDay([])).toEqual([]);
  });

  it('a round as its cells\' patrol orders', () => {
    expect(roundWords(round(1, 1, ['x', 'y', 'z']), new Map([['x', 3], ['y', 1]]))).toBe('3 → 1 → ?');
  });
});
