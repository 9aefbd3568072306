import { describe, expect, it } from 'vitest';
import { ALL_CATEGORIES, categoryAliases, categoryCode, CRIME_CATEGORIES, normaliseCategory } from '../../src/analysis/categories';

// police.uk API slugs (GET https://data.police.uk/api/crime-categories) and the CSV "Crime type"
// names they stand for, written out from the police.uk documentation.
const SLUGS: [slug: string, name: string][] = [
  ['anti-social-behaviour', 'Anti-social behaviour'],
  ['bicycle-theft', 'Bicycle theft'],
  ['burglary', 'Burglary'],
  ['criminal-damage-arson', 'Criminal damage and arson'],
  ['drugs', 'Drugs'],
  ['other-crime', 'Other crime'],
  ['other-theft', 'Other theft'],
  ['possession-of-weapons', 'Possession of weapons'],
  ['public-order', 'Public order'],
  ['robbery', 'Robbery'],
  ['shoplifting', 'Shoplifting'],
  ['theft-from-the-person', 'Theft from the person'],
  ['vehicle-crime', 'Vehicle crime'],
  ['violent-crime', 'Violence and sexual offences'],
];
const NAMES = SLUGS.map(([, name]) => name);

describe('CRIME_CATEGORIES and ALL_CATEGORIES', () => {
  it('are the 14 police.uk crime types in the documented order', () => {
    expect([...CRIME_CATEGORIES]).toEqual(NAMES);
  });

  it('ALL_CATEGORIES adds stop and search as code 14', () => {
    expect(ALL_CATEGORIES).toEqual([...NAMES, 'Stop and search']);
  });
});

describe('normaliseCategory(text)', () => {
  for (const [slug, name] of SLUGS) {
    it(`maps the API slug '${slug}' to '${name}'`, () => {
      expect(normaliseCategory(slug)).toBe(name);
    });
  }

  it('maps every CSV name to itself', () => {
    expect(NAMES.map((n) => normaliseCategory(n))).toEqual(NAMES);
  });

  it('ignores case', () => {
    expect(normaliseCategory('VIOLENCE AND SEXUAL OFFENCES')).toBe('Violence and sexual offences');
    expect(normaliseCategory('Anti-Social-Behaviour')).toBe('Anti-social behaviour');
  });

  it('ignores surrounding space', () => {
    expect(normaliseCategory('  Burglary \t')).toBe('Burglary');
  });

  it("maps the pre-2013 name 'Violent crime'", () => {
    expect(normaliseCategory('Violent crime')).toBe('Violence and sexual offences');
  });

  it("leaves 'Public disorder and weapons' unknown (it was split into two categories)", () => {
    expect(normaliseCategory('Public disorder and weapons')).toBeNull();
  });

  it('returns null for empty, blank, null and undefined', () => {
    expect([normaliseCategory(''), normaliseCategory('   '), normaliseCategory(null), normaliseCategory(undefined)]).toEqual([null, null, null, null]);
  });

  it('returns null for text that is not a category', () => {
    expect(normaliseCategory('Piracy')).toBeNull();
  });

  it('does not accept stop and search as a crime category', () => {
    expect(normaliseCategory('Stop and search')).toBeNull();
  });
});

describe('categoryAliases()', () => {
  const aliases = new Map(categoryAliases());

  it('covers all 14 names in lower case', () => {
    for (const n of NAMES) expect(aliases.get(n.toLowerCase())).toBe(n);
  });

  it('covers every API slug', () => {
    for (const [slug, name] of SLUGS) expect(aliases.get(slug)).toBe(name);
  });

  it('holds only lower-case spellings', () => {
    for (const a of aliases.keys()) expect(a).toBe(a.toLowerCase());
  });

  it('agrees with normaliseCategory on every spelling it lists', () => {
    for (const [a, name] of aliases) expect(normaliseCategory(a)).toBe(name);
  });

  it('lists each spelling once', () => {
    const list = categoryAliases().map(([a]) => a);
    expect(new Set(list).size).toBe(list.length);
  });
});

describe('categoryCode(name)', () => {
  it('is the position in ALL_CATEGORIES', () => {
    expect([categoryCode('Anti-social behaviour'), categoryCode('Burglary'), categoryCode('Stop and search')]).toEqual([0, 2, 14]);
  });

  it('is -1 for a slug or unknown name', () => {
    expect([categoryCode('burglary'), categoryCode('Piracy')]).toEqual([-1, -1]);
  });
});
