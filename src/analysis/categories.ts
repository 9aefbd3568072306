/**
 * The police.uk street-level crime categories.
 *
 * police.uk publishes 14 categories in its street CSVs ("Crime type" column) and the same
 * 14 as URL slugs in its API (`category`). The app stores the CSV names; the slug table lets
 * API extracts and the CSV files meet in one column. Order here is the order of the UI and of
 * the category codes used in cubes (code = index).
 *
 * Source: data.police.uk "About" page and `GET /api/crime-categories`.
 */
export const CRIME_CATEGORIES = [
  'Anti-social behaviour',
  'Bicycle theft',
  'Burglary',
  'Criminal damage and arson',
  'Drugs',
  'Other crime',
  'Other theft',
  'Possession of weapons',
  'Public order',
  'Robbery',
  'Shoplifting',
  'Theft from the person',
  'Vehicle crime',
  'Violence and sexual offences',
] as const;

export type CrimeCategory = (typeof CRIME_CATEGORIES)[number];

/**
 * Records from police.uk stop-and-search files are not crimes; they share the crimes table
 * (so one cube, one map) under this pseudo-category, which the UI lists apart from the 14.
 */
export const STOP_AND_SEARCH = 'Stop and search' as const;

/** Every category code the app stores: the 14 crime categories, then stop and search. */
export const ALL_CATEGORIES: readonly string[] = [...CRIME_CATEGORIES, STOP_AND_SEARCH];

/** police.uk API slugs (and the older names police.uk used before 2013) to CSV names. */
const ALIASES: Record<string, CrimeCategory> = {
  'anti-social-behaviour': 'Anti-social behaviour',
  'bicycle-theft': 'Bicycle theft',
  burglary: 'Burglary',
  'criminal-damage-arson': 'Criminal damage and arson',
  drugs: 'Drugs',
  'other-crime': 'Other crime',
  'other-theft': 'Other theft',
  'possession-of-weapons': 'Possession of weapons',
  'public-order': 'Public order',
  robbery: 'Robbery',
  shoplifting: 'Shoplifting',
  'theft-from-the-person': 'Theft from the person',
  'vehicle-crime': 'Vehicle crime',
  'violent-crime': 'Violence and sexual offences',
  // Names police.uk used for the same category before May 2013.
  'violent crime': 'Violence and sexual offences',
  'violence and sexual offences': 'Violence and sexual offences',
};

const BY_LOWER_NAME = new Map<string, CrimeCategory>(
  CRIME_CATEGORIES.map((c) => [c.toLowerCase(), c] as const),
);

/**
 * Canonical police.uk category for a CSV name or API slug (case and surrounding space
 * ignored), or `null` when the text is not one of the 14 categories.
 * "Public disorder and weapons" (pre-2013) is deliberately unknown: it was split into two
 * current categories and cannot be assigned to either without guessing.
 *
 * @example normaliseCategory('violent-crime') // 'Violence and sexual offences'
 */
export function normaliseCategory(text: string | null | undefined): CrimeCategory | null {
  if (text == null) return null;
  const key = text.trim().toLowerCase();
  if (key === '') return null;
  return BY_LOWER_NAME.get(key) ?? ALIASES[key] ?? null;
}

/** Every spelling {@link normaliseCategory} accepts (lower case) with its canonical name, for SQL lookups. */
export function categoryAliases(): [alias: string, name: CrimeCategory][] {
  const out = new Map<string, CrimeCategory>(BY_LOWER_NAME);
  for (const [a, c] of Object.entries(ALIASES)) out.set(a, c);
  return [...out];
}

/** Code (index in {@link ALL_CATEGORIES}) of a canonical category name, or -1. */
export function categoryCode(name: string): number {
  return ALL_CATEGORIES.indexOf(name);
}
