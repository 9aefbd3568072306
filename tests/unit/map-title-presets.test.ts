/**
 * The map's title names the Met's grouping (issue 13, item 6) when the crime types chosen are
 * exactly one of them, and falls back to the types otherwise: a superset, a subset, or a grouping
 * with stop and search added keeps saying what is drawn.
 */
import { describe, expect, it } from 'vitest';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import { DEFAULT_VIEW } from '../../src/state/filters';
import { crimeTypesInWords, mapTitle } from '../../src/ui/map/map-title';

const YEAR = Array.from({ length: 12 }, (_, i) => (i < 8 ? `2025-${String(i + 5).padStart(2, '0')}` : `2026-${String(i - 7).padStart(2, '0')}`));

describe('crimeTypesInWords names a grouping', () => {
  it('neighbourhood crime (burglary, robbery, theft from the person, vehicle crime), in any order', () => {
    expect(crimeTypesInWords(['Vehicle crime', 'Burglary', 'Theft from the person', 'Robbery'])).toBe('Neighbourhood crime');
  });
  it('violence (violence and sexual offences, robbery, possession of weapons)', () => {
    expect(crimeTypesInWords(['Possession of weapons', 'Robbery', 'Violence and sexual offences'])).toBe('Violence');
  });
  it('anti-social behaviour and drugs', () => {
    expect(crimeTypesInWords(['Anti-social behaviour'])).toBe('Anti-social behaviour');
    expect(crimeTypesInWords(['Drugs'])).toBe('Drugs');
  });
  it('not a grouping: one type short, one type more, or robbery alone, reads as the types', () => {
    // Violence without weapons: two types named in police.uk order.
    expect(crimeTypesInWords(['Robbery', 'Violence and sexual offences'])).toBe('Robbery, Violence and sexual offences');
    // Neighbourhood crime plus drugs: 5 types.
    expect(crimeTypesInWords(['Burglary', 'Robbery', 'Theft from the person', 'Vehicle crime', 'Drugs'])).toBe('5 of 14 crime types');
    expect(crimeTypesInWords(['Robbery'])).toBe('Robbery');
  });
  it('a grouping with stop and search (not crimes) says both', () => {
    expect(crimeTypesInWords(['Drugs', 'Stop and search'])).toBe('Drugs and stop and search');
    expect(crimeTypesInWords(['Burglary', 'Robbery', 'Theft from the person', 'Vehicle crime', 'Stop and search'])).toBe('Neighbourhood crime and stop and search');
  });
  it('every crime type is still "All crime types"', () => {
    expect(crimeTypesInWords(ALL_CATEGORIES.filter((c) => c !== 'Stop and search'))).toBe('All crime types');
  });
});

describe('mapTitle with a grouping', () => {
  it('names it in the scope line instead of listing its types', () => {
    const v = { ...DEFAULT_VIEW, categories: ['Burglary', 'Robbery', 'Theft from the person', 'Vehicle crime'] };
    expect(mapTitle(v, YEAR, []).scope).toBe('Neighbourhood crime · All London · May 2025 – Apr 2026');
    const w = { ...DEFAULT_VIEW, categories: ['Violence and sexual offences', 'Robbery', 'Possession of weapons'], layer: 'gi' as const };
    expect(mapTitle(w, YEAR, ['Camden']).scope).toBe('Violence · All London · May 2025 – Apr 2026');
  });
});
