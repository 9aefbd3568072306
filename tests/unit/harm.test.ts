import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALL_CATEGORIES, categoryCode, CRIME_CATEGORIES, STOP_AND_SEARCH } from '../../src/analysis/categories.ts';
import { harmWeightVector, NO_CHI_SCORE } from '../../src/analysis/harm.ts';

/** The shipped table, read as the app ships it. */
const TABLE = JSON.parse(readFileSync(new URL('../../data/harm-weights.json', import.meta.url), 'utf8')) as {
  source: string;
  unit: string;
  weights: Record<string, number>;
  notes: Record<string, string>;
};

/** The shipped defaults without one category (a fresh object per call). */
function without(category: string): Record<string, number> {
  const { [category]: _, ...rest } = TABLE.weights;
  return rest;
}

// -- The shipped table ---------------------------------------------------------------------

describe('data/harm-weights.json', () => {
  it('has a weight for exactly the 14 police.uk crime categories', () => {
    expect(Object.keys(TABLE.weights).sort()).toEqual([...CRIME_CATEGORIES].sort());
  });

  it('holds the values the issue specifies (days of custody, Cambridge Crime Harm Index approximated)', () => {
    expect(TABLE.weights).toEqual({
      Robbery: 365,
      'Possession of weapons': 274,
      Burglary: 240,
      'Violence and sexual offences': 190,
      'Criminal damage and arson': 10,
      'Other crime': 10,
      'Public order': 7.5,
      'Vehicle crime': 5,
      Drugs: 4,
      'Other theft': 2,
      'Theft from the person': 2,
      'Bicycle theft': 2,
      Shoplifting: 1,
      'Anti-social behaviour': 1,
    });
  });

  it('has a non-empty note for every category and for no other key', () => {
    expect(Object.keys(TABLE.notes).sort()).toEqual([...CRIME_CATEGORIES].sort());
    for (const c of CRIME_CATEGORIES) expect(TABLE.notes[c].trim().length).toBeGreaterThan(0);
  });

  it('says in its note that anti-social behaviour has no CHI score', () => {
    expect(NO_CHI_SCORE).toBe('Anti-social behaviour');
    expect(TABLE.notes[NO_CHI_SCORE]).toMatch(/no CHI score/i);
  });

  it('names its unit and its source', () => {
    expect(TABLE.unit).toMatch(/days of custody/);
    expect(TABLE.source).toMatch(/Cambridge Crime Harm Index/);
  });
});

// -- harmWeightVector ----------------------------------------------------------------------

describe('harmWeightVector(defaults, overrides)', () => {
  it('returns one weight per category code, in ALL_CATEGORIES order', () => {
    const v = harmWeightVector(TABLE.weights);
    expect(v).toBeInstanceOf(Float64Array);
    expect(v).toHaveLength(ALL_CATEGORIES.length);
    expect(v).toHaveLength(15);
  });

  it('maps each default to the code of its category', () => {
    const v = harmWeightVector(TABLE.weights);
    for (const c of CRIME_CATEGORIES) expect(v[categoryCode(c)]).toBe(TABLE.weights[c]);
    // Two spot checks by hand: Robbery is code 9, Anti-social behaviour code 0.
    expect(v[9]).toBe(365);
    expect(v[0]).toBe(1);
  });

  it("gives 'Stop and search' weight 0", () => {
    const v = harmWeightVector(TABLE.weights);
    expect(v[categoryCode(STOP_AND_SEARCH)]).toBe(0);
    expect(categoryCode(STOP_AND_SEARCH)).toBe(14);
  });

  it("keeps 'Stop and search' at 0 even when a table gives it a weight (its records are not crimes)", () => {
    const v = harmWeightVector({ ...TABLE.weights, [STOP_AND_SEARCH]: 50 }, { [STOP_AND_SEARCH]: 99 });
    expect(v[14]).toBe(0);
  });

  it('an override wins over the default of its category and leaves the others alone', () => {
    const v = harmWeightVector(TABLE.weights, { Robbery: 1000 });
    expect(v[categoryCode('Robbery')]).toBe(1000);
    const base = harmWeightVector(TABLE.weights);
    for (let i = 0; i < v.length; i++) if (i !== categoryCode('Robbery')) expect(v[i]).toBe(base[i]);
  });

  it('an override supplies a weight missing from the defaults', () => {
    const v = harmWeightVector(without('Drugs'), { Drugs: 6 });
    expect(v[categoryCode('Drugs')]).toBe(6);
  });

  it('accepts a weight of 0', () => {
    expect(harmWeightVector(TABLE.weights, { Shoplifting: 0 })[categoryCode('Shoplifting')]).toBe(0);
  });

  it('throws, naming itself, when a category has no weight', () => {
    expect(() => harmWeightVector(without('Drugs'))).toThrow(/harmWeightVector/);
  });

  it('throws, naming itself and the category, on a negative weight', () => {
    expect(() => harmWeightVector(TABLE.weights, { Burglary: -1 })).toThrow(/harmWeightVector.*Burglary/);
  });

  it('throws, naming itself, on a NaN weight', () => {
    expect(() => harmWeightVector({ ...TABLE.weights, Robbery: NaN })).toThrow(/harmWeightVector/);
  });

  it('throws, naming itself, on an infinite weight', () => {
    expect(() => harmWeightVector(TABLE.weights, { Robbery: Infinity })).toThrow(/harmWeightVector/);
  });
});
