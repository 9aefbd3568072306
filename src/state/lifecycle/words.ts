/** The tasking lifecycle in words, for the panel's history and the site's state line. */
import { PHASE_NAMES } from '../tasking-view';
import type { LifecycleEvent } from './events';
import type { SiteState } from './reducer';

/** A review date (YYYY-MM-DD) as "14 Dec 2026". */
export function dateWords(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** " from 2026-01" for a phase given a start month, else nothing (it began with the decision). */
const fromWords = (from: string | undefined) => (from ? ` from ${from}` : '');

/** What an event changed: "accepted for Clear", "assigned to NPT 4". */
export function eventWords(e: LifecycleEvent): string {
  const f = e.fields;
  switch (e.kind) {
    case 'accept':
      return `accepted for ${PHASE_NAMES[f.phase!]}${fromWords(f.from)}`;
    case 'reject':
      return 'rejected';
    case 'assign':
      return `assigned to ${f.team}`;
    case 'phase':
      return `moved to ${PHASE_NAMES[f.phase!]}${fromWords(f.from)}`;
    case 'review':
      return `review set for ${dateWords(f.date!)}`;
    case 'note':
      return `note: ${f.text}`;
    case 'close':
      return 'closed';
    case 'meeting':
      return `held a tasking meeting on ${f.snapshot!.sites.length} ranked proposals`;
  }
}

const STATUS_WORDS = { proposed: 'No decision yet', accepted: 'Accepted', rejected: 'Rejected', closed: 'Closed' } as const;

/** "Accepted, under Clear, assigned to NPT 4, review 14 Dec 2026". */
export function stateWords(s: SiteState | undefined): string {
  if (!s) return STATUS_WORDS.proposed;
  const parts: string[] = [STATUS_WORDS[s.status]];
  if (s.phase) parts.push(`${s.status === 'closed' ? 'last' : 'under'} ${PHASE_NAMES[s.phase]}`);
  if (s.team) parts.push(`assigned to ${s.team}`);
  if (s.reviewDate) parts.push(`review ${dateWords(s.reviewDate)}`);
  return parts.join(', ');
}
