import { describe, expect, it } from 'vitest';
import { cellOverlap, matchSites, type MeetingSite, sinceLastMeeting, siteMovement } from '../../src/analysis/tasking/since-last-meeting';

const site = (id: string, cells: string[], phase: MeetingSite['phase'], harm: number, rank: number): MeetingSite => ({ id, cells, phase, harm, rank });
const ids = (xs: { now: MeetingSite }[]) => xs.map((x) => x.now.id);

describe('cell overlap and matching across meetings', () => {
  it('Jaccard by hand: {a,b,c} and {b,c,d} share 2 of 4', () => {
    expect(cellOverlap(['a', 'b', 'c'], ['b', 'c', 'd'])).toEqual({ jaccard: 0.5, shared: 2 });
    expect(cellOverlap(['a'], ['b'])).toEqual({ jaccard: 0, shared: 0 });
  });

  it('a site whose smallest cell changed keeps its match by overlap', () => {
    // Last meeting: site "b" = {b,c,d}; now it lost b and gained e, so its id is "c": {c,d,e}, Jaccard 2/4.
    const m = matchSites([site('c', ['c', 'd', 'e'], 'clear', 10, 1)], [site('b', ['b', 'c', 'd'], 'clear', 10, 1)]);
    expect(m.get('c')?.before.id).toBe('b');
    expect(m.get('c')?.overlap).toBe(0.5);
  });

  it('one to one: of two sites split from one, the larger overlap takes it', () => {
    const before = [site('a', ['a', 'b', 'c', 'd'], 'clear', 10, 1)];
    // "a" keeps {a,b,c}: J = 3/4; "d" = {d,x}: J = 1/5. Only "a" matches; "d" is new.
    const m = matchSites([site('d', ['d', 'x'], 'clear', 5, 2), site('a', ['a', 'b', 'c'], 'clear', 8, 1)], before);
    expect(m.get('a')?.before.id).toBe('a');
    expect(m.has('d')).toBe(false);
  });

  it('the same id matches before any overlap, even with no cell in common', () => {
    const m = matchSites([site('a', ['a', 'z'], 'hold', 1, 1)], [site('q', ['a', 'z'], 'hold', 1, 2), site('a', ['a', 'y'], 'hold', 1, 1)]);
    expect(m.get('a')?.before.id).toBe('a');
  });
});

describe('escalated and de-escalated', () => {
  it('a phase towards Clear escalates whatever the harm did; away de-escalates', () => {
    expect(siteMovement(site('a', ['a'], 'clear', 50, 1), site('a', ['a'], 'hold', 100, 1))).toBe(1);
    expect(siteMovement(site('a', ['a'], 'hold', 50, 1), site('a', ['a'], 'build', 100, 1))).toBe(1);
    expect(siteMovement(site('a', ['a'], 'build', 200, 1), site('a', ['a'], 'clear', 100, 1))).toBe(-1);
  });

  it('same phase: harm up 20 % escalates, down 20 % de-escalates, 19 % either way is unchanged', () => {
    const was = site('a', ['a'], 'clear', 100, 3);
    expect(siteMovement(site('a', ['a'], 'clear', 120, 3), was)).toBe(1);
    expect(siteMovement(site('a', ['a'], 'clear', 80, 3), was)).toBe(-1);
    expect(siteMovement(site('a', ['a'], 'clear', 119, 3), was)).toBe(0);
    expect(siteMovement(site('a', ['a'], 'clear', 81, 3), was)).toBe(0);
    // Rank alone decides nothing.
    expect(siteMovement(site('a', ['a'], 'clear', 100, 1), was)).toBe(0);
  });
});

describe('since the last meeting: the four lists', () => {
  const last = {
    asAt: '2026-03',
    sites: [
      site('a', ['a', 'b'], 'hold', 100, 1), // → Clear now: escalated
      site('c', ['c', 'd'], 'clear', 90, 2), // same, harm 60: de-escalated (−33 %)
      site('e', ['e'], 'clear', 50, 3), // same: unchanged
      site('g', ['g'], 'build', 40, 4), // closed since, and gone
      site('h', ['h'], 'hold', 30, 5), // gone, not closed
      site('k', ['k', 'l'], 'clear', 20, 6), // now "l" (lost k): closed since under its old id
    ],
  };
  const now = [
    site('a', ['a', 'b'], 'clear', 100, 1),
    site('n', ['n', 'o'], 'clear', 95, 2),
    site('c', ['c', 'd'], 'clear', 60, 3),
    site('e', ['e'], 'clear', 52, 4),
    site('l', ['l', 'm'], 'clear', 20, 5),
  ];

  it('sorts every site into one list', () => {
    const r = sinceLastMeeting(now, last, ['g', 'k', 'zz']);
    expect(ids(r.new)).toEqual(['n']);
    expect(ids(r.escalated)).toEqual(['a']);
    expect(ids(r.deEscalated)).toEqual(['c']);
    expect(ids(r.unchanged)).toEqual(['e']);
    expect(r.closed.map((c) => [c.siteId, c.now?.id ?? null, c.before?.id ?? null])).toEqual([
      ['k', 'l', 'k'],
      ['g', null, 'g'],
      ['zz', null, null],
    ]);
    expect(r.noLongerProposed.map((s) => s.id)).toEqual(['h']);
  });

  it('the same proposals again: nothing new, nothing changed', () => {
    const r = sinceLastMeeting(last.sites, last, []);
    expect(r.new).toEqual([]);
    expect(r.escalated).toEqual([]);
    expect(r.deEscalated).toEqual([]);
    expect(r.closed).toEqual([]);
    expect(r.unchanged).toHaveLength(6);
  });

  it('with no meeting recorded every proposal is new', () => {
    const r = sinceLastMeeting(now, null, []);
    expect(ids(r.new)).toEqual(['a', 'n', 'c', 'e', 'l']);
    expect(r.noLongerProposed).toEqual([]);
  });
});
