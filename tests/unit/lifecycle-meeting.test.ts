/** The tasking log's `meeting` event: its snapshot, its refusals, and a site reducer that passes over it. */
import { describe, expect, it } from 'vitest';
import { eventProblem, type LifecycleEvent, makeEvent } from '../../src/state/lifecycle/events';
import { LOG_FORMAT, parseLog, serializeLog } from '../../src/state/lifecycle/log-file';
import { closedSince, lastMeeting } from '../../src/state/lifecycle/meeting-event';
import { currentPhases, foldLog } from '../../src/state/lifecycle/reducer';
import { eventWords } from '../../src/state/lifecycle/words';

const SITE = '8a195da49b7ffff';
const SNAPSHOT = { asAt: '2026-04', sites: [{ id: SITE, cells: [SITE, '8a195da49b57fff'], phase: 'clear' as const, harm: 1234.5, rank: 1 }] };
const ACCEPT: LifecycleEvent = { id: 'a', at: '2026-11-30T09:00:00.000Z', who: 'Sgt Reid', siteId: SITE, kind: 'accept', fields: { phase: 'hold' }, why: '' };
const MEETING: LifecycleEvent = { id: 'm1', at: '2026-11-30T10:00:00.000Z', who: 'Insp Khan', siteId: '', kind: 'meeting', fields: { snapshot: SNAPSHOT }, why: '' };
const CLOSE: LifecycleEvent = { id: 'c', at: '2026-11-30T11:00:00.000Z', who: 'Sgt Reid', siteId: SITE, kind: 'close', fields: {}, why: 'done' };

describe('the meeting event', () => {
  it('is a valid event on no site, and round-trips through the log file', () => {
    expect(eventProblem(MEETING)).toBeNull();
    expect(parseLog(serializeLog([ACCEPT, MEETING]))).toEqual([ACCEPT, MEETING]);
    expect(eventWords(MEETING)).toBe('held a tasking meeting on 1 ranked proposals');
  });

  it('does not touch any site: state and phases are those of the log without it', () => {
    const sites = foldLog([ACCEPT, MEETING]);
    expect([...sites.keys()]).toEqual([SITE]);
    expect(sites.get(SITE)!.history.map((e) => e.kind)).toEqual(['accept']);
    expect(currentPhases(sites)).toEqual({ [SITE]: 'hold' });
    expect(sites.has('')).toBe(false);
  });

  it.each([
    [{ ...MEETING, siteId: SITE }, /a meeting event is on no site/],
    [{ ...ACCEPT, siteId: '' }, /"siteId" is empty/],
    [{ ...MEETING, fields: {} }, /needs a "snapshot" object/],
    [{ ...MEETING, fields: { snapshot: { ...SNAPSHOT, asAt: '2026-13' } } }, /"asAt" \(2026-13\) is not a month/],
    [{ ...MEETING, fields: { snapshot: { asAt: '2026-04', sites: [{ ...SNAPSHOT.sites[0], phase: 'patrol' }] } } }, /site 1's phase "patrol"/],
    [{ ...MEETING, fields: { snapshot: { asAt: '2026-04', sites: [{ ...SNAPSHOT.sites[0], cells: [] }] } } }, /site 1 has no cells/],
    [{ ...MEETING, fields: { snapshot: { asAt: '2026-04', sites: [{ ...SNAPSHOT.sites[0], rank: 0 }] } } }, /rank is not a whole number/],
    [{ ...ACCEPT, fields: { phase: 'hold', snapshot: SNAPSHOT } }, /a accept event has no field "snapshot"/],
  ])('refuses a malformed meeting or a misplaced snapshot (%#)', (e, reason) => {
    expect(() => makeEvent(e as LifecycleEvent)).toThrow(reason);
  });

  it('an old log without meetings is still read, and a log with one is refused by nothing else', () => {
    const old = JSON.stringify({ format: LOG_FORMAT, version: 1, events: [ACCEPT] });
    expect(parseLog(old)).toEqual([ACCEPT]);
    expect(lastMeeting(parseLog(old))).toBeNull();
  });

  it('the last meeting is the latest one, and closes count only after it', () => {
    const earlier = { ...MEETING, id: 'm0', at: '2026-11-01T10:00:00.000Z', fields: { snapshot: { asAt: '2026-03', sites: [] } } };
    const log = [earlier, ACCEPT, MEETING, CLOSE];
    expect(lastMeeting(log)).toEqual({ at: MEETING.at, who: 'Insp Khan', snapshot: SNAPSHOT });
    expect(closedSince(log, MEETING.at)).toEqual([SITE]);
    expect(closedSince(log, '2026-11-30T12:00:00.000Z')).toEqual([]);
    expect(closedSince(log, null)).toEqual([SITE]);
  });
});
