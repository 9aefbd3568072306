/**
 * Which BCUs and boroughs the meeting's control-limits table lists for the view's area
 * (src/state/meeting-areas.ts), on a hand-made piece of London: Westminster and Hammersmith &
 * Fulham in Central West (AW), Lambeth in Central South (AS), the City of London in no BCU, and
 * three wards whose borough the ward boundaries name.
 */
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import type { AreaFilter } from '../../src/analysis/cube';
import { limitAreas, limitAreasWords } from '../../src/state/meeting-areas';

const CITY = 'E09000001';
const HAMMERSMITH = 'E09000013';
const LAMBETH = 'E09000022';
const WESTMINSTER = 'E09000033';
const cube = { boroughs: [CITY, HAMMERSMITH, LAMBETH, WESTMINSTER], boroughBcu: [null, 'AW', 'AS', 'AW'] };
const ward = (code: string, borough: string) => ({ type: 'Feature' as const, properties: { code, name: code, borough }, geometry: { type: 'Point' as const, coordinates: [0, 0] } });
const wards: FeatureCollection = {
  type: 'FeatureCollection',
  features: [ward('E05013800', WESTMINSTER), ward('E05009288', CITY), ward('E05014100', LAMBETH), ward('E05013801', WESTMINSTER)],
};

const rows = (area: AreaFilter, w: FeatureCollection | null = wards) => {
  const r = limitAreas(area, cube, w);
  return r && { bcus: [...r.bcus].sort(), boroughs: [...r.boroughs].sort() };
};

describe('limitAreas: the rows of the meeting table for the view area', () => {
  it('all London: every row', () => {
    expect(limitAreas({ kind: 'all' }, cube, wards)).toBeNull();
  });

  it('a BCU: itself and its boroughs; two BCUs: both and all their boroughs', () => {
    expect(rows({ kind: 'bcu', codes: ['AW'] })).toEqual({ bcus: ['AW'], boroughs: [HAMMERSMITH, WESTMINSTER] });
    expect(rows({ kind: 'bcu', codes: ['AS', 'AW'] })).toEqual({ bcus: ['AS', 'AW'], boroughs: [HAMMERSMITH, LAMBETH, WESTMINSTER] });
  });

  it('a borough: itself and its BCU (not the BCU\'s other boroughs)', () => {
    expect(rows({ kind: 'borough', codes: [WESTMINSTER] })).toEqual({ bcus: ['AW'], boroughs: [WESTMINSTER] });
    expect(rows({ kind: 'borough', codes: [WESTMINSTER, LAMBETH] })).toEqual({ bcus: ['AS', 'AW'], boroughs: [LAMBETH, WESTMINSTER] });
  });

  it('the City of London: in no BCU, so no BCU row', () => {
    expect(rows({ kind: 'borough', codes: [CITY] })).toEqual({ bcus: [], boroughs: [CITY] });
    expect(rows({ kind: 'borough', codes: [CITY, HAMMERSMITH] })).toEqual({ bcus: ['AW'], boroughs: [CITY, HAMMERSMITH] });
  });

  it('a ward: its borough (from the ward boundaries) and that borough\'s BCU', () => {
    expect(rows({ kind: 'ward', codes: ['E05014100'] })).toEqual({ bcus: ['AS'], boroughs: [LAMBETH] });
    // Two wards of one borough: one borough row; a City ward adds the City, with no BCU.
    expect(rows({ kind: 'ward', codes: ['E05013800', 'E05013801'] })).toEqual({ bcus: ['AW'], boroughs: [WESTMINSTER] });
    expect(rows({ kind: 'ward', codes: ['E05009288', 'E05013800'] })).toEqual({ bcus: ['AW'], boroughs: [CITY, WESTMINSTER] });
  });

  it('a ward before the boundaries are loaded, or an unknown code: no rows', () => {
    expect(rows({ kind: 'ward', codes: ['E05014100'] }, null)).toEqual({ bcus: [], boroughs: [] });
    expect(rows({ kind: 'ward', codes: ['E05999999'] })).toEqual({ bcus: [], boroughs: [] });
    expect(rows({ kind: 'bcu', codes: ['ZZ'] })).toEqual({ bcus: ['ZZ'], boroughs: [] });
  });

  it('refuses a cube whose BCU list does not match its boroughs', () => {
    expect(() => limitAreas({ kind: 'bcu', codes: ['AW'] }, { boroughs: [CITY, HAMMERSMITH], boroughBcu: ['AW'] }, wards)).toThrow(/2 boroughs but 1 BCU/);
  });
});

describe('limitAreasWords: what the rows cover, in words', () => {
  it('says a BCU row counts the whole BCU when a borough or ward is chosen', () => {
    expect(limitAreasWords({ kind: 'all' }, { bcus: 12 })).toBe('Every BCU and borough of London.');
    expect(limitAreasWords({ kind: 'bcu', codes: ['AW'] }, { bcus: 1 })).toBe('The BCU and each of its boroughs.');
    expect(limitAreasWords({ kind: 'bcu', codes: ['AW', 'AS'] }, { bcus: 2 })).toBe('The chosen BCUs and each of their boroughs.');
    expect(limitAreasWords({ kind: 'borough', codes: [WESTMINSTER] }, { bcus: 1 })).toBe('The borough and its BCU; a BCU row counts the whole BCU, not only the chosen borough.');
    expect(limitAreasWords({ kind: 'borough', codes: [WESTMINSTER, LAMBETH] }, { bcus: 2 })).toBe(
      'The chosen boroughs and their BCUs; a BCU row counts the whole BCU, not only the chosen boroughs.',
    );
    expect(limitAreasWords({ kind: 'ward', codes: ['E05014100'] }, { bcus: 1 })).toBe(
      "The ward's borough and its BCU; a borough or BCU row counts the whole borough or BCU, not only the chosen ward.",
    );
    expect(limitAreasWords({ kind: 'ward', codes: ['E05013800', 'E05013801'] }, { bcus: 1 })).toBe(
      "The chosen wards' boroughs and their BCU; a borough or BCU row counts the whole borough or BCU, not only the chosen wards.",
    );
  });

  it('the City of London: no BCU row, and says so', () => {
    expect(limitAreasWords({ kind: 'borough', codes: [CITY] }, { bcus: 0 })).toBe('The borough, which is in no BCU.');
    expect(limitAreasWords({ kind: 'ward', codes: ['E05009288'] }, { bcus: 0 })).toBe("The ward's borough; a borough row counts the whole borough, not only the chosen ward.");
  });
});
