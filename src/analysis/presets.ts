/**
 * The Met's performance groupings as category presets (issue 13, item 6), one click each and
 * named in the map's title. Category names are police.uk's (categories.ts); the groupings are
 * the issue's: neighbourhood crime (burglary, robbery, theft from the person, vehicle crime; the
 * Home Office's "neighbourhood crime" measure), violence (violence and sexual offences, robbery,
 * possession of weapons), anti-social behaviour, and drugs. Robbery is in two groupings, as in
 * the Met's own reporting.
 */
import type { CrimeCategory } from './categories';

export interface CategoryPreset {
  id: 'neighbourhood-crime' | 'violence' | 'anti-social-behaviour' | 'drugs';
  /** The name the map's title shows. */
  label: string;
  categories: readonly CrimeCategory[];
}

export const PERFORMANCE_PRESETS: readonly CategoryPreset[] = [
  { id: 'neighbourhood-crime', label: 'Neighbourhood crime', categories: ['Burglary', 'Robbery', 'Theft from the person', 'Vehicle crime'] },
  { id: 'violence', label: 'Violence', categories: ['Violence and sexual offences', 'Robbery', 'Possession of weapons'] },
  { id: 'anti-social-behaviour', label: 'Anti-social behaviour', categories: ['Anti-social behaviour'] },
  { id: 'drugs', label: 'Drugs', categories: ['Drugs'] },
];

/**
 * The preset whose categories are exactly `chosen` (any order), or null: the map's title names a
 * preset only when the selection is that preset, not a superset of it.
 */
export function presetMatching(chosen: readonly string[]): CategoryPreset | null {
  const want = new Set(chosen);
  return PERFORMANCE_PRESETS.find((p) => p.categories.length === want.size && p.categories.every((c) => want.has(c))) ?? null;
}
