/**
 * The tasking lifecycle in the app (issue 14, item 1): records decisions on proposals as events
 * (./events.ts), keeps them in OPFS (./opfs-log.ts), folds them into each site's state
 * (./reducer.ts), and exports and imports the log (./log-file.ts).
 *
 * The in-memory log is the truth while the page is open: a failed save is reported in words and
 * retried, with the whole log, on the next change (or by `retrySave`), so nothing is lost.
 */
import { type Accessor, createMemo, createSignal } from 'solid-js';
import type { Phase } from '../../analysis/tasking/rules';
import { type EventFields, type EventKind, type LifecycleEvent, makeEvent } from './events';
import { mergeLogs, parseLog, serializeLog } from './log-file';
import { storageErrorWords } from '../opfs';
import type { LogStorage } from './opfs-log';
import { currentPhases, foldLog, knownSites, type SiteState } from './reducer';
import { rememberedName, rememberName } from './who';

export interface LifecycleModel {
  events: Accessor<LifecycleEvent[]>;
  sites: Accessor<Map<string, SiteState>>;
  /** Phase of each site under tasking, for the phase rules. */
  phases: Accessor<Record<string, Phase>>;
  /** Sites the log has decisions on, with their cells (for the proposals to keep their ids). */
  known: Accessor<{ id: string; cells: readonly string[] }[]>;
  /** The name decisions are recorded under (null until the user gives one). */
  who: Accessor<string | null>;
  setWho(name: string): void;
  /** Records a decision. @throws {Error} without a name or with unfit fields. */
  record(siteId: string, kind: EventKind, fields: EventFields, why: string): void;
  /** The log as a file's text. */
  exportText(): string;
  /** Merges a log file's events; returns how many were new. @throws {Error} saying why the file is refused. */
  importText(text: string): number;
  /** True once the saved log has been read (or could not be). */
  loaded: Accessor<boolean>;
  /** Why the log could not be read or saved (null when all is saved). */
  storageError: Accessor<string | null>;
  /** A promise for the save in progress (tests and the export wait on it). */
  saved(): Promise<void>;
}

export function createLifecycleModel(storage: LogStorage, now: () => Date = () => new Date(), newId: () => string = () => crypto.randomUUID()): LifecycleModel {
  const [events, setEvents] = createSignal<LifecycleEvent[]>([]);
  const [who, setWhoSignal] = createSignal<string | null>(rememberedName());
  const [loaded, setLoaded] = createSignal(false);
  const [storageError, setStorageError] = createSignal<string | null>(null);
  const sites = createMemo(() => foldLog(events()));
  const phases = createMemo(() => currentPhases(sites()), undefined, { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) });
  // A note or a team changes no site's cells: the proposals are not asked for again.
  const known = createMemo(() => knownSites(sites()), undefined, { equals: (a, b) => JSON.stringify(a) === JSON.stringify(b) });

  // Saves are chained so two changes never write at once; each writes the whole log as it is then.
  let chain: Promise<void> = Promise.resolve();
  // A saved log that could not be read is never written over: that would lose it.
  let unreadable: string | null = null;
  const save = () => {
    chain = chain.then(async () => {
      if (unreadable) {
        setStorageError(unreadable);
        return;
      }
      try {
        await storage.save(events());
        setStorageError(null);
      } catch (e) {
        setStorageError(`Decisions are kept on this page but not saved: ${storageErrorWords(e)}. They are saved again with the next change.`);
      }
    });
    return chain;
  };

  // Changes made before the saved log arrives are merged into it, never overwritten by it.
  chain = storage
    .load()
    .then((saved) => {
      if (saved.length) setEvents((ours) => mergeLogs(ours, saved).events);
    })
    .catch((e: unknown) => {
      unreadable = `The saved tasking log could not be read (${storageErrorWords(e)}), so it is left as it is and decisions made now are not saved: export them to keep them.`;
      setStorageError(unreadable);
    })
    .finally(() => setLoaded(true));

  return {
    events,
    sites,
    phases,
    known,
    who,
    setWho(name) {
      const n = name.trim();
      if (!n) throw new Error('give a name for the history');
      rememberName(n);
      setWhoSignal(n);
    },
    record(siteId, kind, fields, why) {
      const name = who();
      if (!name) throw new Error('give your name first: every decision is recorded with it');
      const e = makeEvent({ id: newId(), at: now().toISOString(), who: name, siteId, kind, fields, why });
      setEvents((es) => [...es, e]);
      void save();
    },
    exportText: () => serializeLog(events()),
    importText(text) {
      const theirs = parseLog(text);
      const { events: merged, added } = mergeLogs(events(), theirs);
      setEvents(merged);
      void save();
      return added;
    },
    loaded,
    storageError,
    saved: () => chain,
  };
}
