/**
 * The tasking log's file format, merge and refusals, and the lifecycle model's saving (with
 * Solid's browser build: Node resolves 'solid-js' to its server build, where memos never update).
 */
import { describe, expect, it, vi } from 'vitest';
import { eventProblem, type LifecycleEvent, makeEvent } from '../../src/state/lifecycle/events';
import { LOG_FORMAT, mergeLogs, parseLog, serializeLog } from '../../src/state/lifecycle/log-file';
import type { LogStorage } from '../../src/state/lifecycle/opfs-log';

vi.mock('solid-js', async () => {
  const browserBuild: string = '../../node_modules/solid-js/dist/solid.js';
  return (await import(/* @vite-ignore */ browserBuild)) as typeof import('solid-js');
});
const { createRoot } = await import('solid-js');
const { createLifecycleModel } = await import('../../src/state/lifecycle/lifecycle-model');

const A: LifecycleEvent = { id: 'a', at: '2026-11-30T09:00:00.000Z', who: 'Sgt Reid', siteId: '8a195da49b7ffff', kind: 'accept', fields: { phase: 'clear' }, why: 'violence' };
const B: LifecycleEvent = { id: 'b', at: '2026-11-30T09:05:00.000Z', who: 'Sgt Reid', siteId: '8a195da49b7ffff', kind: 'assign', fields: { team: 'NPT 4' }, why: '' };
const C: LifecycleEvent = { id: 'c', at: '2026-11-30T08:00:00.000Z', who: 'Insp Khan', siteId: '8a195da4d6dffff', kind: 'reject', fields: {}, why: 'event' };

describe('tasking log file', () => {
  it('round-trips through its text', () => {
    const text = serializeLog([A, B]);
    expect(JSON.parse(text)).toMatchObject({ format: LOG_FORMAT, version: 1 });
    expect(parseLog(text)).toEqual([A, B]);
  });

  it('merges by event id: shared events once, new ones added, oldest first', () => {
    const m = mergeLogs([A, B], [B, C]);
    expect(m.events.map((e) => e.id)).toEqual(['c', 'a', 'b']);
    expect(m.added).toBe(1);
    expect(mergeLogs([A, B], [A, B]).added).toBe(0);
  });

  it.each([
    ['{ not json', /not JSON/],
    [JSON.stringify({ events: [] }), /lacks "format"/],
    [JSON.stringify({ format: LOG_FORMAT, version: 2, events: [] }), /version 2 is not supported/],
    [JSON.stringify({ format: LOG_FORMAT, version: 1, events: {} }), /"events" is not a list/],
    [JSON.stringify({ format: LOG_FORMAT, version: 1, events: [A, { ...B, kind: 'approve' }] }), /event 2: kind "approve" is not one of/],
    [JSON.stringify({ format: LOG_FORMAT, version: 1, events: [{ ...A, who: ' ' }] }), /event 1: "who" is empty/],
    [JSON.stringify({ format: LOG_FORMAT, version: 1, events: [{ ...A, at: 'yesterday' }] }), /event 1: "at" \(yesterday\) is not a time/],
    [JSON.stringify({ format: LOG_FORMAT, version: 1, events: [{ ...B, fields: {} }] }), /event 1: a assign event needs a non-empty "team"/],
    [JSON.stringify({ format: LOG_FORMAT, version: 1, events: [{ ...A, fields: { phase: 'patrol' } }] }), /phase "patrol" is not one of clear, hold, build/],
    [JSON.stringify({ format: LOG_FORMAT, version: 1, events: [A, { ...B, id: 'a' }] }), /id a is used twice/],
  ])('refuses a malformed file with the reason: %s', (text, reason) => {
    expect(() => parseLog(text)).toThrow(reason);
  });

  it('checks a new event and refuses a review date that is not a date', () => {
    expect(eventProblem(A)).toBeNull();
    expect(() => makeEvent({ ...A, kind: 'review', fields: { date: '30/11/2026' } })).toThrow(/not a date/);
    expect(() => makeEvent({ ...A, kind: 'close', fields: { team: 'x' } })).toThrow(/a close event has no field "team"/);
  });
});

/** A storage that keeps the last saved text and can be made to fail like a full quota. */
function memoryStorage(initial: LifecycleEvent[] = []) {
  let text = serializeLog(initial);
  const s = {
    failing: false,
    saves: 0,
    text: () => text,
    storage: {
      load: async () => parseLog(text),
      save: async (events) => {
        s.saves++;
        if (s.failing) throw new DOMException('quota', 'QuotaExceededError');
        text = serializeLog(events);
      },
    } satisfies LogStorage,
  };
  return s;
}

describe('lifecycle model', () => {
  let id = 0;
  const make = (m: ReturnType<typeof memoryStorage>) => createRoot(() => createLifecycleModel(m.storage, () => new Date('2026-11-30T10:00:00Z'), () => `n${++id}`));

  it('merges changes made before the saved log arrives and saves both', async () => {
    const mem = memoryStorage([A]);
    const model = make(mem);
    model.setWho('PC Ode');
    model.record(A.siteId, 'note', { text: 'CCTV asked for' }, '');
    await model.saved();
    expect(parseLog(mem.text()).map((e) => e.kind)).toEqual(['accept', 'note']);
    expect(model.sites().get(A.siteId)?.notes[0]).toMatchObject({ who: 'PC Ode', text: 'CCTV asked for' });
  });

  it('a failed save is reported in words, loses nothing saved, and is retried with the next change', async () => {
    const mem = memoryStorage([A]);
    const model = make(mem);
    model.setWho('PC Ode');
    await model.saved();
    mem.failing = true;
    model.record(A.siteId, 'assign', { team: 'NPT 4' }, '');
    await model.saved();
    expect(model.storageError()).toMatch(/not saved: the browser storage for this site is full/);
    expect(parseLog(mem.text())).toEqual([A]);
    mem.failing = false;
    model.record(A.siteId, 'review', { date: '2026-12-14' }, '');
    await model.saved();
    expect(model.storageError()).toBeNull();
    expect(parseLog(mem.text()).map((e) => e.kind)).toEqual(['accept', 'assign', 'review']);
  });

  it('refuses a decision without a name, and an import that is not a log, changing nothing', async () => {
    const mem = memoryStorage();
    const model = make(mem);
    await model.saved();
    expect(model.who()).toBeNull();
    expect(() => model.record('x', 'close', {}, '')).toThrow(/give your name/);
    expect(() => model.importText('{"format":"other"}')).toThrow(/not a tasking log/);
    expect(model.events()).toEqual([]);
    expect(model.importText(serializeLog([A, C]))).toBe(2);
    expect(model.phases()).toEqual({ [A.siteId]: 'clear' });
  });
});
