import { describe, expect, it } from 'vitest';
import type { EventFields, EventKind, LifecycleEvent } from '../../src/state/lifecycle/events';
import { currentPhases, foldLog } from '../../src/state/lifecycle/reducer';
import { eventWords, stateWords } from '../../src/state/lifecycle/words';

let n = 0;
function ev(siteId: string, kind: EventKind, fields: EventFields, minute: number, why = '', who = 'Sgt Reid'): LifecycleEvent {
  return { id: `e${++n}`, at: new Date(Date.UTC(2026, 10, 30, 9, minute)).toISOString(), who, siteId, kind, fields, why };
}

describe('foldLog', () => {
  it('folds accept, assign, phase, review and notes into the site state with its history in order', () => {
    const log = [
      ev('A', 'accept', { phase: 'clear' }, 1, 'violence-led'),
      ev('A', 'assign', { team: 'Brixton NPT' }, 2),
      ev('A', 'note', { text: 'Night-time economy' }, 3, '', 'PC Ode'),
      ev('A', 'phase', { phase: 'hold' }, 4, 'harm fell 40 %'),
      ev('A', 'review', { date: '2026-12-14' }, 5),
      ev('A', 'assign', { team: 'Lambeth ERT' }, 6),
    ];
    const a = foldLog(log).get('A')!;
    expect(a).toMatchObject({ status: 'accepted', phase: 'hold', team: 'Lambeth ERT', reviewDate: '2026-12-14' });
    expect(a.notes).toEqual([{ at: log[2]!.at, who: 'PC Ode', text: 'Night-time economy' }]);
    expect(a.history.map((e) => e.kind)).toEqual(['accept', 'assign', 'note', 'phase', 'review', 'assign']);
  });

  it('orders by time, not by position in the log (a merged log folds the same on every machine)', () => {
    const late = ev('B', 'phase', { phase: 'build' }, 9);
    const early = ev('B', 'accept', { phase: 'clear' }, 1);
    const s = foldLog([late, early]).get('B')!;
    expect(s.phase).toBe('build');
    expect(s.history.map((e) => e.id)).toEqual([early.id, late.id]);
  });

  it('keeps sites apart and leaves rejected and closed sites out of the phase rules', () => {
    const log = [
      ev('A', 'accept', { phase: 'clear' }, 1),
      ev('B', 'accept', { phase: 'hold' }, 1),
      ev('B', 'close', {}, 2, 'harm back to the borough level'),
      ev('C', 'reject', {}, 1, 'one-off event'),
      ev('D', 'phase', { phase: 'build' }, 1),
      ev('E', 'note', { text: 'watch' }, 1),
    ];
    const sites = foldLog(log);
    expect(sites.get('B')).toMatchObject({ status: 'closed', phase: 'hold' });
    expect(sites.get('C')).toMatchObject({ status: 'rejected', phase: null });
    expect(sites.get('D')).toMatchObject({ status: 'accepted', phase: 'build' });
    expect(sites.get('E')).toMatchObject({ status: 'proposed', phase: null });
    expect(currentPhases(sites)).toEqual({ A: 'clear', D: 'build' });
  });

  it('a site accepted again after closing is under tasking again', () => {
    const log = [ev('A', 'accept', { phase: 'clear' }, 1), ev('A', 'close', {}, 2), ev('A', 'accept', { phase: 'build' }, 3)];
    expect(currentPhases(foldLog(log))).toEqual({ A: 'build' });
  });
});

describe('lifecycle words', () => {
  it('says what each event changed and the state of a site', () => {
    const log = [
      ev('W', 'accept', { phase: 'clear' }, 1),
      ev('W', 'assign', { team: 'NPT 4' }, 2),
      ev('W', 'phase', { phase: 'hold' }, 3),
      ev('W', 'review', { date: '2026-12-14' }, 4),
      ev('W', 'note', { text: 'CCTV' }, 5),
      ev('W', 'close', {}, 6),
    ];
    expect(log.map(eventWords)).toEqual(['accepted for Clear', 'assigned to NPT 4', 'moved to Hold', 'review set for 14 Dec 2026', 'note: CCTV', 'closed']);
    expect(stateWords(foldLog(log.slice(0, 4)).get('W'))).toBe('Accepted, under Hold, assigned to NPT 4, review 14 Dec 2026');
    expect(stateWords(foldLog(log).get('W'))).toBe('Closed, last Hold, assigned to NPT 4, review 14 Dec 2026');
    expect(stateWords(undefined)).toBe('No decision yet');
  });
});
