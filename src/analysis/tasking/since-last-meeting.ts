/**
 * "Since the last meeting" (issue 14, item 3): the ranked proposals now against the snapshot
 * recorded when the last tasking meeting ended, as the four lists a meeting opens with (new,
 * escalated, de-escalated, closed) plus the unchanged sites and those no longer proposed. Pure.
 *
 * Matching a site across meetings. A site's id is its smallest H3 cell (proposals.ts), so a site
 * that gained or lost a cell at its corner can change id; sites are therefore matched by id and
 * by cell overlap:
 * - candidates are the previous sites with the same id or sharing at least one cell;
 * - pairs are taken greedily, one to one: the same id first, then the larger Jaccard index
 *   |A ∩ B| / |A ∪ B|, then the more shared cells, then the ids (so the result is the same on
 *   every machine). A pair with Jaccard ≥ {@link MATCH_JACCARD} (0.5: more than half of the
 *   joint area is common) always matches when nothing better claims either side; a smaller
 *   overlap matches too when it is each side's best remaining partner, so a site that grew
 *   (a hot spot spreading into the next ward) keeps its history instead of showing as new.
 *
 * Escalated and de-escalated:
 * - a phase move towards Clear (Build → Hold → Clear) escalates, one away from Clear
 *   de-escalates, whatever the harm did: the phase is the decision the room acts on;
 * - with the same phase, harm up by at least {@link HARM_CHANGE} (20 %) escalates and down by
 *   at least 20 % de-escalates: the same size of change the phase rules call a fall for Hold
 *   and Build (rules.ts, `fallShare`). Rank is shown but does not decide: a site's rank moves
 *   when other sites appear or go, though nothing changed at the site itself.
 *
 * Closed: sites with a `close` decision in the lifecycle log after the last meeting ended. A
 * closed site is listed under closed only (not also as new or changed), since the decision is
 * what the meeting needs to hear.
 */
import type { Phase } from './rules';
import { cellOverlap, matchSites } from './site-match';

export { cellOverlap, matchSites };

/** One ranked site as a meeting saw it (or sees it now). */
export interface MeetingSite {
  id: string;
  /** Its H3 cells. */
  cells: string[];
  /** The phase shown: the one it is under in the lifecycle log, else the recommended one. */
  phase: Phase;
  /** Cambridge Crime Harm Index days over the analysed window. */
  harm: number;
  /** 1 = first. */
  rank: number;
}

/** What the last meeting saw: the data's latest month and its ranked sites. */
export interface MeetingSnapshot {
  /** YYYY-MM: the latest month of the data the meeting looked at. */
  asAt: string;
  sites: MeetingSite[];
}

export const MATCH_JACCARD = 0.5;
export const HARM_CHANGE = 0.2;

/** Build (0) → Hold (1) → Clear (2): a higher step is a more intensive response. */
const INTENSITY: Record<Phase, number> = { build: 0, hold: 1, clear: 2 };

export interface SiteChange {
  now: MeetingSite;
  /** The matched site of the last meeting (null for a new site). */
  before: MeetingSite | null;
  /** Jaccard index of the two sites' cells (null for a new site). */
  overlap: number | null;
}

export interface SinceLastMeeting {
  new: SiteChange[];
  escalated: SiteChange[];
  deEscalated: SiteChange[];
  closed: { siteId: string; now: MeetingSite | null; before: MeetingSite | null }[];
  unchanged: SiteChange[];
  /** Sites of the last meeting not proposed now (and not closed). */
  noLongerProposed: MeetingSite[];
}

/** How a matched site moved: +1 escalated, −1 de-escalated, 0 unchanged (rules in the module comment). */
export function siteMovement(now: MeetingSite, before: MeetingSite): -1 | 0 | 1 {
  const step = INTENSITY[now.phase] - INTENSITY[before.phase];
  if (step !== 0) return step > 0 ? 1 : -1;
  if (before.harm > 0) {
    // A relative tolerance: 120 / 100 − 1 is 0.19999999999999996 in binary floating point.
    const ratio = now.harm / before.harm - 1;
    if (ratio >= HARM_CHANGE - 1e-12) return 1;
    if (ratio <= -HARM_CHANGE + 1e-12) return -1;
  } else if (now.harm > 0) {
    return 1;
  }
  return 0;
}

/**
 * The ranked sites now against the last meeting's snapshot.
 *
 * @param now - The ranked proposals as the meeting sees them (rank order).
 * @param last - The last meeting's snapshot, or null when no meeting was recorded (every site is new).
 * @param closedSince - Ids of sites closed in the lifecycle log since the last meeting ended.
 * @example
 * sinceLastMeeting([{ id: 'a', cells: ['a', 'b'], phase: 'clear', harm: 100, rank: 1 }],
 *   { asAt: '2026-03', sites: [{ id: 'a', cells: ['a', 'b'], phase: 'hold', harm: 100, rank: 1 }] }, [])
 * // escalated: [{ now: …, before: …, overlap: 1 }] (Hold → Clear)
 */
export function sinceLastMeeting(now: readonly MeetingSite[], last: MeetingSnapshot | null, closedSince: Iterable<string>): SinceLastMeeting {
  const before = last?.sites ?? [];
  const closedIds = new Set(closedSince);
  const matches = matchSites(now, before);
  const out: SinceLastMeeting = { new: [], escalated: [], deEscalated: [], closed: [], unchanged: [], noLongerProposed: [] };
  for (const s of now) {
    const m = matches.get(s.id) ?? null;
    const isClosed = closedIds.has(s.id) || (m !== null && closedIds.has(m.before.id));
    if (isClosed) {
      out.closed.push({ siteId: closedIds.has(s.id) ? s.id : m!.before.id, now: s, before: m?.before ?? null });
      closedIds.delete(s.id);
      if (m) closedIds.delete(m.before.id);
      continue;
    }
    const change: SiteChange = { now: s, before: m?.before ?? null, overlap: m?.overlap ?? null };
    if (!m) out.new.push(change);
    else {
      const move = siteMovement(s, m.before);
      (move > 0 ? out.escalated : move < 0 ? out.deEscalated : out.unchanged).push(change);
    }
  }
  const matchedBefore = new Set([...matches.values()].map((m) => m.before.id));
  for (const b of before) {
    if (matchedBefore.has(b.id)) continue;
    if (closedIds.has(b.id)) {
      out.closed.push({ siteId: b.id, now: null, before: b });
      closedIds.delete(b.id);
    } else out.noLongerProposed.push(b);
  }
  // Closed since the meeting but neither proposed now nor seen at the last meeting.
  for (const id of [...closedIds].sort()) out.closed.push({ siteId: id, now: null, before: null });
  return out;
}
