/** The recorded-crime layer's words: offence groups and periods as people read them. */
import { monthInWords } from '../map/map-title';

/** "VIOLENCE AGAINST THE PERSON" -> "Violence against the person"; null -> "All offence groups". */
export function groupInWords(group: string | null): string {
  if (group === null) return 'All offence groups';
  const lower = group.toLowerCase();
  // The Met's own acronyms stay capitals (NFIB: the National Fraud Intelligence Bureau).
  return (lower.charAt(0).toUpperCase() + lower.slice(1)).replace(/\bnfib\b/gi, 'NFIB');
}

/** "Mar 2025 – Feb 2026", or one month. */
export function periodInWords(p: { from: string; to: string }): string {
  return p.from === p.to ? monthInWords(p.from) : `${monthInWords(p.from)} – ${monthInWords(p.to)}`;
}

export const fmtCount = (n: number) => Math.round(n).toLocaleString('en-GB');
