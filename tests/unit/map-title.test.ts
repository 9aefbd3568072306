import { describe, expect, it } from 'vitest';
import { CRIME_CATEGORIES, STOP_AND_SEARCH } from '../../src/analysis/categories';
import { DEFAULT_VIEW, type ViewState } from '../../src/state/filters';
import { areaInWords, crimeTypesInWords, mapTitle, monthInWords, resolutionInWords } from '../../src/ui/map/map-title';

const TWELVE = ['2017-06', '2017-07', '2017-08', '2017-09', '2017-10', '2017-11', '2017-12', '2018-01', '2018-02', '2018-03', '2018-04', '2018-05'];
const view = (patch: Partial<ViewState>): ViewState => ({ ...DEFAULT_VIEW, ...patch });

describe('crimeTypesInWords(categories)', () => {
  it('the default (the 14 crime types) is "All crime types"', () => {
    expect(crimeTypesInWords(DEFAULT_VIEW.categories)).toBe('All crime types');
  });

  it('one type is its name', () => {
    expect(crimeTypesInWords(['Robbery'])).toBe('Robbery');
  });

  it("two or three types are named in police.uk's order, whatever order they were ticked in", () => {
    expect(crimeTypesInWords(['Violence and sexual offences', 'Robbery'])).toBe('Robbery, Violence and sexual offences');
    expect(crimeTypesInWords(['Drugs', 'Burglary', 'Robbery'])).toBe('Burglary, Drugs, Robbery');
  });

  it('four or more (but not all) are counted: "7 of 14 crime types"', () => {
    expect(crimeTypesInWords(CRIME_CATEGORIES.slice(0, 7))).toBe('7 of 14 crime types');
    expect(crimeTypesInWords(CRIME_CATEGORIES.slice(1))).toBe('13 of 14 crime types');
  });

  it('stop and search is named apart, since its records are not crimes', () => {
    expect(crimeTypesInWords([...CRIME_CATEGORIES, STOP_AND_SEARCH])).toBe('All crime types and stop and search');
    expect(crimeTypesInWords([STOP_AND_SEARCH])).toBe('Stop and search (not crimes)');
    expect(crimeTypesInWords(['Robbery', STOP_AND_SEARCH])).toBe('Robbery and stop and search');
  });

  it('nothing chosen says so', () => {
    expect(crimeTypesInWords([])).toBe('No crime types');
  });
});

describe('areaInWords(area, names)', () => {
  it('all London, one area, a few, many', () => {
    expect(areaInWords({ kind: 'all' }, [])).toBe('All London');
    expect(areaInWords({ kind: 'borough', codes: ['E09000033'] }, ['Westminster'])).toBe('Borough: Westminster');
    expect(areaInWords({ kind: 'bcu', codes: ['AW', 'CN'] }, ['AW Central West', 'CN Central North'])).toBe('BCUs: AW Central West, CN Central North');
    expect(areaInWords({ kind: 'ward', codes: ['a', 'b', 'c', 'd', 'e'] }, ['A', 'B', 'C', 'D', 'E'])).toBe('5 wards: A, B, C and 2 more');
  });

  it('an area kind with nothing chosen says so', () => {
    expect(areaInWords({ kind: 'ward', codes: [] }, [])).toBe('Ward: none chosen');
  });
});

describe('resolutionInWords(resolution)', () => {
  it("gives H3's average hexagon area to one significant figure (h3geo.org table: 0.105 km² at 9, 0.737 at 8, 5.16 at 7, 0.0150 at 10)", () => {
    expect(resolutionInWords(9)).toBe('H3 resolution 9 (≈0.1 km² hexagons)');
    expect(resolutionInWords(8)).toBe('H3 resolution 8 (≈0.7 km² hexagons)');
    expect(resolutionInWords(7)).toBe('H3 resolution 7 (≈5 km² hexagons)');
    expect(resolutionInWords(10)).toBe('H3 resolution 10 (≈0.02 km² hexagons)');
  });
});

describe('monthInWords(month)', () => {
  it("reads 'YYYY-MM' as 'Mon YYYY'", () => {
    expect(monthInWords('2017-06')).toBe('Jun 2017');
    expect(monthInWords('2018-12')).toBe('Dec 2018');
  });

  it('refuses anything else', () => {
    expect(() => monthInWords('2018-13')).toThrow(/not a 'YYYY-MM' month/);
    expect(() => monthInWords('June')).toThrow(/not a 'YYYY-MM' month/);
  });
});

describe('mapTitle(view, months, areaNames)', () => {
  it('the default view over the shipped 12 months', () => {
    expect(mapTitle(DEFAULT_VIEW, TWELVE, [])).toEqual({
      heading: 'Crimes per hexagon · each crime counts 1',
      scope: 'All crime types · All London · Jun 2017 – May 2018',
      basis: 'H3 resolution 9 (≈0.1 km² hexagons) · as at May 2018',
    });
  });

  it('Robbery in Westminster, Sep 2017 to Feb 2018, harm-weighted hot spots at resolution 8', () => {
    const v = view({ categories: ['Robbery'], area: { kind: 'borough', codes: ['E09000033'] }, from: '2017-09', to: '2018-02', layer: 'gi', weight: 'harm', resolution: 8 });
    expect(mapTitle(v, TWELVE, ['Westminster'])).toEqual({
      heading: 'Hot spots (Gi* with FDR) · weighted by harm (Cambridge Crime Harm Index days)',
      scope: 'Robbery · Borough: Westminster · Sep 2017 – Feb 2018',
      basis: 'H3 resolution 8 (≈0.7 km² hexagons) · as at May 2018',
    });
  });

  it('"as at" is the latest month in the data, not the end of the chosen period', () => {
    expect(mapTitle(view({ from: '2017-07', to: '2017-07' }), TWELVE, []).scope).toMatch(/ · Jul 2017$/);
    expect(mapTitle(view({ from: '2017-07', to: '2017-07' }), TWELVE, []).basis).toMatch(/as at May 2018$/);
  });

  it('a period reaching beyond the data is clamped to it, as the filter clamps it; one wholly outside is empty', () => {
    expect(mapTitle(view({ from: '2016-01', to: '2019-01' }), TWELVE, []).scope).toMatch(/Jun 2017 – May 2018$/);
    expect(mapTitle(view({ from: '2019-01', to: '2019-03' }), TWELVE, []).scope).toMatch(/no months of the data$/);
  });

  it('before any data is loaded', () => {
    expect(mapTitle(DEFAULT_VIEW, [], []).basis).toBe('H3 resolution 9 (≈0.1 km² hexagons) · no data loaded');
  });
});
