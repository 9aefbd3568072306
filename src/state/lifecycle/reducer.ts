/**
 * Each site's current state, folded from the lifecycle log (./events.ts): a pure reducer, so the
 * same log gives the same state on every machine.
 */
import type { Phase } from '../../analysis/tasking/rules';
import { byTime, type LifecycleEvent, phaseMonth } from './events';

/** proposed: no decision yet; a closed site keeps its last phase and team for the record. */
export type SiteStatus = 'proposed' | 'accepted' | 'rejected' | 'closed';

export interface SiteState {
  siteId: string;
  status: SiteStatus;
  /** The phase the site is in (null before one is accepted or set). */
  phase: Phase | null;
  /** The month (YYYY-MM) the current phase took effect (null without a phase). */
  phaseFrom: string | null;
  /** The site's cells at its last accept or phase decision that recorded them (absent in older logs). */
  cells?: readonly string[];
  team: string | null;
  reviewDate: string | null;
  notes: { at: string; who: string; text: string }[];
  /** Every event on the site, oldest first. */
  history: LifecycleEvent[];
}

function initial(siteId: string): SiteState {
  return { siteId, status: 'proposed', phase: null, phaseFrom: null, team: null, reviewDate: null, notes: [], history: [] };
}

/**
 * When the phase after an accept or phase event began: the event's month (its `from`, else its own
 * month), except that a decision keeping a site in the phase it is in, without a month of its own,
 * leaves the start where it was (a re-confirmed Hold has not begun again).
 */
function phaseStart(s: SiteState, e: LifecycleEvent): string {
  const keeps = s.status === 'accepted' && s.phase !== null && e.fields.phase === s.phase && e.fields.from === undefined && s.phaseFrom !== null;
  return keeps ? s.phaseFrom! : phaseMonth(e);
}

/** One event applied to a site's state. */
export function applyEvent(s: SiteState, e: LifecycleEvent): SiteState {
  const next: SiteState = { ...s, history: [...s.history, e] };
  switch (e.kind) {
    case 'accept':
      return { ...next, status: 'accepted', phase: e.fields.phase ?? s.phase, phaseFrom: phaseStart(s, e), ...(e.fields.cells ? { cells: e.fields.cells } : {}) };
    case 'reject':
      return { ...next, status: 'rejected' };
    case 'assign':
      return { ...next, team: e.fields.team ?? null };
    case 'phase':
      // Moving a site between phases is a decision on it: a proposed site becomes accepted.
      return {
        ...next, phase: e.fields.phase ?? s.phase, phaseFrom: phaseStart(s, e), status: s.status === 'proposed' ? 'accepted' : s.status,
        ...(e.fields.cells ? { cells: e.fields.cells } : {}),
      };
    case 'review':
      return { ...next, reviewDate: e.fields.date ?? null };
    case 'note':
      return { ...next, notes: [...s.notes, { at: e.at, who: e.who, text: e.fields.text ?? '' }] };
    case 'close':
      return { ...next, status: 'closed' };
    case 'meeting':
      return s;
  }
}

/** The state of every site the log speaks of, by site id. */
export function foldLog(events: readonly LifecycleEvent[]): Map<string, SiteState> {
  const sites = new Map<string, SiteState>();
  // A meeting (siteId '') is on no site.
  for (const e of [...events].sort(byTime)) if (e.kind !== 'meeting') sites.set(e.siteId, applyEvent(sites.get(e.siteId) ?? initial(e.siteId), e));
  return sites;
}

/**
 * The phase each site is in for the phase rules (`recommendPhase`'s `current`): only sites
 * under tasking (accepted) have one; a rejected or closed site starts again from none.
 */
export function currentPhases(sites: ReadonlyMap<string, SiteState>): Record<string, Phase> {
  const out: Record<string, Phase> = {};
  for (const [id, s] of sites) if (s.status === 'accepted' && s.phase) out[id] = s.phase;
  return out;
}

/**
 * Every site the log has a decision on, with its cells, for the proposals to keep its id
 * (`proposeTasking`'s `knownSites`): a site from an older log, which recorded no cells, stands
 * for the one cell its id names (its smallest cell when it was proposed).
 */
export function knownSites(sites: ReadonlyMap<string, SiteState>): { id: string; cells: readonly string[] }[] {
  return [...sites.values()].filter((s) => s.history.length > 0).map((s) => ({ id: s.siteId, cells: s.cells ?? [s.siteId] }));
}
