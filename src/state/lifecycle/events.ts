/**
 * The tasking lifecycle's event log (issue 14, item 1): every decision on a proposal is one
 * append-only event — who took it, when, on which site, what changed and why. Nothing is ever
 * edited or removed; the sites' current state is a fold of the log (./reducer.ts).
 *
 * Sites are identified by their proposal id: the site's smallest H3 cell when first proposed
 * (src/analysis/tasking/proposals.ts). An accept or phase event records the site's cells, and the
 * proposals give a site over the same place (matched by cell overlap, site-match.ts) the id it
 * had, so a site whose cells change with new data or settings keeps its decisions.
 */
import { isValidCell } from 'h3-js';
import type { Phase } from '../../analysis/tasking/rules';
import type { MeetingSnapshot } from '../../analysis/tasking/since-last-meeting';
import { snapshotProblem } from './meeting-event';

// `meeting` (./meeting-event.ts) is a meeting held, on no one site: its siteId is ''.
export const EVENT_KINDS = ['accept', 'reject', 'assign', 'phase', 'review', 'note', 'close', 'meeting'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const PHASES: readonly Phase[] = ['clear', 'hold', 'build'];

/** What each kind changes: accept takes the phase it was accepted in. */
export interface EventFields {
  phase?: Phase;
  team?: string;
  /** Review date, YYYY-MM-DD. */
  date?: string;
  text?: string;
  /** A meeting's snapshot of the ranked proposals it saw. */
  snapshot?: MeetingSnapshot;
  /** accept, phase: the month the phase took effect, YYYY-MM (absent: the event's own month). */
  from?: string;
  /** accept, phase: the site's H3 cells when decided (logs written before it have none). */
  cells?: string[];
}

export interface LifecycleEvent {
  id: string;
  /** ISO 8601 time. */
  at: string;
  /** The name the user gave. */
  who: string;
  siteId: string;
  kind: EventKind;
  fields: EventFields;
  why: string;
}

/** The fields each kind must carry (the others must be absent). */
const REQUIRED: Record<EventKind, (keyof EventFields)[]> = {
  accept: ['phase'],
  reject: [],
  assign: ['team'],
  phase: ['phase'],
  review: ['date'],
  note: ['text'],
  close: [],
  meeting: ['snapshot'],
};

/** The fields each kind may carry besides those it must. */
const OPTIONAL: Partial<Record<EventKind, (keyof EventFields)[]>> = { accept: ['from', 'cells'], phase: ['from', 'cells'] };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Why `fields` do not fit `kind` (null when they do). */
export function fieldsProblem(kind: EventKind, fields: EventFields): string | null {
  const need = REQUIRED[kind];
  const may = OPTIONAL[kind] ?? [];
  for (const key of Object.keys(fields) as (keyof EventFields)[]) {
    if (!need.includes(key) && !may.includes(key)) return `a ${kind} event has no field "${key}"`;
  }
  for (const key of need) {
    const v = fields[key];
    if (key === 'snapshot') {
      const problem = snapshotProblem(v);
      if (problem) return problem;
      continue;
    }
    if (typeof v !== 'string' || v.trim() === '') return `a ${kind} event needs a non-empty "${key}"`;
  }
  if (fields.phase !== undefined && !PHASES.includes(fields.phase)) return `phase "${fields.phase}" is not one of ${PHASES.join(', ')}`;
  if (fields.date !== undefined && (!DATE.test(fields.date) || Number.isNaN(Date.parse(fields.date)))) return `review date "${fields.date}" is not a date (YYYY-MM-DD)`;
  if (fields.from !== undefined && (typeof fields.from !== 'string' || !MONTH.test(fields.from))) return `phase month "${String(fields.from)}" is not a month (YYYY-MM)`;
  if (fields.cells !== undefined) {
    if (!Array.isArray(fields.cells) || fields.cells.length === 0) return 'a site\'s "cells" must be a non-empty list of H3 cells';
    const bad = fields.cells.find((c) => typeof c !== 'string' || !isValidCell(c));
    if (bad !== undefined) return `"${String(bad)}" in the site's "cells" is not an H3 cell`;
  }
  return null;
}

/** The month a phase took effect by an accept or phase event: its `from`, else the event's own month (UTC). */
export function phaseMonth(e: Pick<LifecycleEvent, 'at' | 'fields'>): string {
  return e.fields.from ?? new Date(e.at).toISOString().slice(0, 7);
}

/**
 * A new event. `id` and `at` are passed in (the store gives crypto.randomUUID() and the clock)
 * so that this stays pure. @throws {Error} when the name, site or fields are unfit.
 */
export function makeEvent(e: LifecycleEvent): LifecycleEvent {
  const problem = eventProblem(e);
  if (problem) throw new Error(problem);
  return { ...e, who: e.who.trim(), why: e.why.trim(), fields: { ...e.fields, ...(e.fields.cells ? { cells: [...e.fields.cells] } : {}) } };
}

/** Why a value is not a lifecycle event (null when it is). */
export function eventProblem(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not an object';
  const e = v as Record<string, unknown>;
  for (const key of ['id', 'at', 'who', 'siteId', 'kind', 'why'] as const) {
    if (typeof e[key] !== 'string') return `"${key}" is missing or not text`;
  }
  if ((e.id as string) === '') return '"id" is empty';
  if ((e.who as string).trim() === '') return '"who" is empty: every decision needs a name';
  if ((e.siteId as string) === '' && e.kind !== 'meeting') return '"siteId" is empty';
  if ((e.siteId as string) !== '' && e.kind === 'meeting') return 'a meeting event is on no site: its "siteId" is empty';
  if (Number.isNaN(Date.parse(e.at as string))) return `"at" (${String(e.at)}) is not a time`;
  if (!(EVENT_KINDS as readonly string[]).includes(e.kind as string)) return `kind "${String(e.kind)}" is not one of ${EVENT_KINDS.join(', ')}`;
  if (typeof e.fields !== 'object' || e.fields === null || Array.isArray(e.fields)) return '"fields" is missing or not an object';
  return fieldsProblem(e.kind as EventKind, e.fields as EventFields);
}

/** Oldest first; the id breaks ties so every machine folds a merged log in the same order. */
export function byTime(a: LifecycleEvent, b: LifecycleEvent): number {
  const t = Date.parse(a.at) - Date.parse(b.at);
  return t !== 0 ? t : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
