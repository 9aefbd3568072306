/**
 * The month a site's phase took effect (issue 14, item 2): the optional `from` of accept and
 * phase events, its checks, the reducer's `phaseFrom`, its words, and old logs without it.
 */
import { describe, expect, it } from 'vitest';
import { eventProblem, type EventFields, type EventKind, type LifecycleEvent, makeEvent, phaseMonth } from '../../src/state/lifecycle/events';
import { LOG_FORMAT, parseLog } from '../../src/state/lifecycle/log-file';
import { foldLog } from '../../src/state/lifecycle/reducer';
import { eventWords } from '../../src/state/lifecycle/words';

let n = 0;
/** An event on 2026-`month`-30 at 09:`minute` UTC. */
function ev(kind: EventKind, fields: EventFields, month: number, minute = 0): LifecycleEvent {
  return { id: `e${++n}`, at: new Date(Date.UTC(2026, month - 1, 28, 9, minute)).toISOString(), who: 'Sgt Reid', siteId: 'S', kind, fields, why: '' };
}

describe('the from field', () => {
  it('is allowed on accept and phase events, as YYYY-MM', () => {
    expect(eventProblem(ev('accept', { phase: 'hold', from: '2026-01' }, 4))).toBeNull();
    expect(eventProblem(ev('phase', { phase: 'build', from: '2025-12' }, 4))).toBeNull();
  });
  it('is refused on other kinds and when not a month', () => {
    expect(eventProblem(ev('assign', { team: 'NPT 4', from: '2026-01' }, 4))).toBe('a assign event has no field "from"');
    expect(() => makeEvent(ev('accept', { phase: 'hold', from: '2026-13' }, 4))).toThrow('phase month "2026-13" is not a month (YYYY-MM)');
    expect(eventProblem(ev('phase', { phase: 'hold', from: '2026-1' }, 4))).toMatch(/is not a month/);
    expect(eventProblem({ ...ev('phase', { phase: 'hold' }, 4), fields: { phase: 'hold', from: 202601 } })).toMatch(/"202601" is not a month/);
  });
  it('defaults to the event\'s own month (UTC)', () => {
    expect(phaseMonth(ev('accept', { phase: 'hold' }, 4))).toBe('2026-04');
    expect(phaseMonth({ at: '2026-01-31T23:30:00-02:00', fields: {} })).toBe('2026-02');
    expect(phaseMonth(ev('accept', { phase: 'hold', from: '2026-01' }, 4))).toBe('2026-01');
  });
});

describe('phaseFrom in the site state', () => {
  it('an accept with a month starts the phase then; without one, in its own month', () => {
    expect(foldLog([ev('accept', { phase: 'hold', from: '2026-01' }, 4)]).get('S')).toMatchObject({ phase: 'hold', phaseFrom: '2026-01' });
    expect(foldLog([ev('accept', { phase: 'clear' }, 3)]).get('S')).toMatchObject({ phase: 'clear', phaseFrom: '2026-03' });
  });
  it('a move to another phase restarts it; a re-confirmed phase without a month keeps its start; with one, takes it', () => {
    const accept = ev('accept', { phase: 'clear', from: '2025-11' }, 1);
    expect(foldLog([accept, ev('phase', { phase: 'hold' }, 3)]).get('S')!.phaseFrom).toBe('2026-03');
    expect(foldLog([accept, ev('phase', { phase: 'clear' }, 3)]).get('S')!.phaseFrom).toBe('2025-11');
    expect(foldLog([accept, ev('accept', { phase: 'clear' }, 3)]).get('S')!.phaseFrom).toBe('2025-11');
    expect(foldLog([accept, ev('phase', { phase: 'clear', from: '2026-02' }, 3)]).get('S')!.phaseFrom).toBe('2026-02');
  });
  it('a closed and re-accepted site starts again', () => {
    const log = [ev('accept', { phase: 'hold', from: '2025-11' }, 1), ev('close', {}, 2), ev('accept', { phase: 'hold' }, 3)];
    expect(foldLog(log).get('S')!.phaseFrom).toBe('2026-03');
  });
  it('no phase, no start', () => {
    expect(foldLog([ev('note', { text: 'x' }, 1)]).get('S')!.phaseFrom).toBeNull();
  });
});

describe('words and old logs', () => {
  it('names the month only when one was given', () => {
    expect(eventWords(ev('accept', { phase: 'hold', from: '2026-01' }, 4))).toBe('accepted for Hold from 2026-01');
    expect(eventWords(ev('phase', { phase: 'build', from: '2026-02' }, 4))).toBe('moved to Build from 2026-02');
    expect(eventWords(ev('accept', { phase: 'hold' }, 4))).toBe('accepted for Hold');
  });
  it('a log written before the field imports, its phases starting in their events\' months', () => {
    const old = {
      format: LOG_FORMAT,
      version: 1,
      events: [{ id: 'x', at: '2026-02-10T10:00:00.000Z', who: 'Insp Khan', siteId: 'S', kind: 'accept', fields: { phase: 'clear' }, why: '' }],
    };
    const events = parseLog(JSON.stringify(old));
    expect(foldLog(events).get('S')).toMatchObject({ status: 'accepted', phase: 'clear', phaseFrom: '2026-02' });
  });
});
