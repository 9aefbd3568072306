/**
 * The tasking log as a file (issue 14, item 1): the same text is kept in the browser's storage
 * and exported to move the log to another machine. Importing merges by event id, so importing a
 * log twice, or a log that shares history with this one, adds only the events not yet here.
 */
import { byTime, eventProblem, type LifecycleEvent } from './events';

export const LOG_FORMAT = 'hotspot-tasking-log';
export const LOG_VERSION = 1;

export interface LogFile {
  format: typeof LOG_FORMAT;
  version: typeof LOG_VERSION;
  events: LifecycleEvent[];
}

export function serializeLog(events: readonly LifecycleEvent[]): string {
  const file: LogFile = { format: LOG_FORMAT, version: LOG_VERSION, events: [...events] };
  return `${JSON.stringify(file, null, 1)}\n`;
}

/** The events of a log file, oldest first. @throws {Error} saying why the text is not a tasking log. */
export function parseLog(text: string): LifecycleEvent[] {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new Error(`not a tasking log: the file is not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof v !== 'object' || v === null || (v as { format?: unknown }).format !== LOG_FORMAT) {
    throw new Error(`not a tasking log: it lacks "format": "${LOG_FORMAT}"`);
  }
  const f = v as { version?: unknown; events?: unknown };
  if (f.version !== LOG_VERSION) throw new Error(`tasking log version ${String(f.version)} is not supported (this app reads version ${LOG_VERSION})`);
  if (!Array.isArray(f.events)) throw new Error('not a tasking log: "events" is not a list');
  const seen = new Map<string, string>();
  f.events.forEach((e: unknown, i) => {
    const problem = eventProblem(e);
    if (problem) throw new Error(`tasking log event ${i + 1}: ${problem}`);
    const ev = e as LifecycleEvent;
    const same = seen.get(ev.id);
    if (same !== undefined && same !== JSON.stringify(ev)) throw new Error(`tasking log event ${i + 1}: id ${ev.id} is used twice for different events`);
    seen.set(ev.id, JSON.stringify(ev));
  });
  return dedupe(f.events as LifecycleEvent[]).sort(byTime);
}

function dedupe(events: readonly LifecycleEvent[]): LifecycleEvent[] {
  const byId = new Map<string, LifecycleEvent>();
  for (const e of events) if (!byId.has(e.id)) byId.set(e.id, e);
  return [...byId.values()];
}

/**
 * Both logs' events, each id once, oldest first; the events of `ours` win over an import's
 * event of the same id (ids are random, so a clash is the same event met twice).
 */
export function mergeLogs(ours: readonly LifecycleEvent[], theirs: readonly LifecycleEvent[]): { events: LifecycleEvent[]; added: number } {
  const merged = dedupe([...ours, ...theirs]);
  return { events: merged.sort(byTime), added: merged.length - dedupe(ours).length };
}
