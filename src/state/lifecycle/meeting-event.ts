/**
 * The `meeting` event of the tasking log (issue 14, item 3): a tasking meeting held, recorded
 * when the chair ends it, with a snapshot of the ranked proposals the room saw (ids, cells,
 * phases, harm, rank) and the data's latest month. The next meeting opens by comparing the
 * proposals then with this snapshot (src/analysis/tasking/since-last-meeting.ts). It is about no
 * one site, so its siteId is the empty string and the site reducer passes over it.
 */
import type { MeetingSnapshot } from '../../analysis/tasking/since-last-meeting';
import type { LifecycleEvent } from './events';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const PHASES = ['clear', 'hold', 'build'];

/** Why a value is not a meeting snapshot (null when it is). */
export function snapshotProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'a meeting event needs a "snapshot" object';
  const s = v as Record<string, unknown>;
  if (typeof s.asAt !== 'string' || !MONTH.test(s.asAt)) return `the meeting's "asAt" (${String(s.asAt)}) is not a month (YYYY-MM)`;
  if (!Array.isArray(s.sites)) return 'the meeting\'s "sites" is not a list';
  for (const [i, x] of (s.sites as unknown[]).entries()) {
    const site = x as Record<string, unknown>;
    const where = `the meeting's site ${i + 1}`;
    if (typeof x !== 'object' || x === null) return `${where} is not an object`;
    if (typeof site.id !== 'string' || site.id === '') return `${where} has no id`;
    if (!Array.isArray(site.cells) || site.cells.length === 0 || !site.cells.every((c) => typeof c === 'string')) return `${where} has no cells`;
    if (!PHASES.includes(site.phase as string)) return `${where}'s phase "${String(site.phase)}" is not one of ${PHASES.join(', ')}`;
    if (typeof site.harm !== 'number' || !Number.isFinite(site.harm)) return `${where}'s harm is not a number`;
    if (!Number.isInteger(site.rank) || (site.rank as number) < 1) return `${where}'s rank is not a whole number from 1`;
  }
  return null;
}

/** The meetings of a log, oldest first. */
export function meetingsOf(events: readonly LifecycleEvent[]): LifecycleEvent[] {
  return events.filter((e) => e.kind === 'meeting');
}

/** The last meeting recorded (null when none): its time, chair and snapshot. */
export function lastMeeting(events: readonly LifecycleEvent[]): { at: string; who: string; snapshot: MeetingSnapshot } | null {
  let last: LifecycleEvent | null = null;
  for (const e of meetingsOf(events)) if (!last || Date.parse(e.at) > Date.parse(last.at) || (e.at === last.at && e.id > last.id)) last = e;
  return last && last.fields.snapshot ? { at: last.at, who: last.who, snapshot: last.fields.snapshot } : null;
}

/** Ids of sites closed in the log after `since` (ISO time; all closes when null). */
export function closedSince(events: readonly LifecycleEvent[], since: string | null): string[] {
  const t = since === null ? -Infinity : Date.parse(since);
  return [...new Set(events.filter((e) => e.kind === 'close' && Date.parse(e.at) > t).map((e) => e.siteId))];
}
