/**
 * Finding a ward by typing (issue 11, item 4): ranking, accents, word starts, the borough shown.
 * Expected orders are worked out by hand from the documented ranks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { foldText, matchWards, prepareWards, wardEntries, wardLabel, type WardEntry } from '../../src/ui/filters/ward-search';

const W = (code: string, name: string, boroughName: string): WardEntry => ({ code, name, boroughName });
const ENTRIES = [
  W('E05000001', 'Abbey', 'Merton'),
  W('E05000002', 'Abbey', 'Barking and Dagenham'),
  W('E05000003', 'Abbey Road', 'Westminster'),
  W('E05000004', 'Westbourne', 'Westminster'),
  W('E05000005', 'Stockwell West and Larkhall', 'Lambeth'),
  W('E05000006', 'Stockwell East', 'Lambeth'),
  W('E05000007', "St Katharine's and Wapping", 'Tower Hamlets'),
  W('E05000008', "King's Cross", 'Camden'),
  W('E05000009', 'Café Quarter', 'Testshire'),
  W('E05000010', 'Brixton Acre Lane', 'Lambeth'),
];
const wards = prepareWards(ENTRIES);
const labels = (q: string, opts?: Parameters<typeof matchWards>[2]) => matchWards(wards, q, opts).wards.map((w) => w.label);

describe('foldText', () => {
  it('drops case, accents and apostrophes; other punctuation is one space', () => {
    expect(foldText("  King's  CROSS ")).toBe('kings cross');
    expect(foldText('Sainte-Hélène')).toBe('sainte helene');
    expect(foldText('Ealing Common & Acton')).toBe('ealing common acton');
  });
});

describe('matchWards', () => {
  it('shows every ward with its borough', () => {
    expect(wardLabel(ENTRIES[4])).toBe('Stockwell West and Larkhall — Lambeth');
    expect(labels('larkhall')).toEqual(['Stockwell West and Larkhall — Lambeth']);
  });

  it('ranks the exact name, then names starting with it, then a borough-word match; equal names by borough', () => {
    expect(labels('abbey')).toEqual(['Abbey — Barking and Dagenham', 'Abbey — Merton', 'Abbey Road — Westminster']);
  });

  it('name start before a word start inside the name, before a ward only its borough matches', () => {
    expect(labels('west')).toEqual(['Westbourne — Westminster', 'Stockwell West and Larkhall — Lambeth', 'Abbey Road — Westminster']);
  });

  it('matches on word starts of several typed words, in any order', () => {
    expect(labels('st west')).toEqual(['Stockwell West and Larkhall — Lambeth']);
    expect(labels('larkhall stock')).toEqual(['Stockwell West and Larkhall — Lambeth']);
    expect(labels('acre brix')).toEqual(['Brixton Acre Lane — Lambeth']);
  });

  it('matches substrings inside a word, after word starts', () => {
    expect(labels('well')).toEqual(['Stockwell East — Lambeth', 'Stockwell West and Larkhall — Lambeth']);
    // "ton" starts no word but sits inside "Brixton".
    expect(labels('ton')).toEqual(['Brixton Acre Lane — Lambeth']);
  });

  it('ignores case and accents both ways, and apostrophes', () => {
    expect(labels('cafe')).toEqual(['Café Quarter — Testshire']);
    expect(labels('CAFÉ QU')).toEqual(['Café Quarter — Testshire']);
    expect(labels('kings cross')).toEqual(["King's Cross — Camden"]);
    expect(labels("king's")).toEqual(["King's Cross — Camden"]);
    expect(labels('katharines')).toEqual(["St Katharine's and Wapping — Tower Hamlets"]);
  });

  it('the borough narrows a name, and a borough alone lists its wards', () => {
    expect(labels('abbey bark')).toEqual(['Abbey — Barking and Dagenham']);
    expect(labels('lambeth')).toEqual(['Brixton Acre Lane — Lambeth', 'Stockwell East — Lambeth', 'Stockwell West and Larkhall — Lambeth']);
  });

  it('finds a ward by the start of its code', () => {
    expect(labels('e05000008')).toEqual(["King's Cross — Camden"]);
    expect(labels('E0500000').length).toBe(9);
  });

  it('nothing for an empty query or one matching nothing', () => {
    expect(matchWards(wards, '   ')).toEqual({ wards: [], total: 0 });
    expect(matchWards(wards, 'zzz')).toEqual({ wards: [], total: 0 });
  });

  it('leaves out chosen wards, and cuts at the limit while counting every match', () => {
    expect(labels('abbey', { exclude: new Set(['E05000002']) })).toEqual(['Abbey — Merton', 'Abbey Road — Westminster']);
    const m = matchWards(wards, 'lambeth', { limit: 2 });
    expect(m.wards.map((w) => w.name)).toEqual(['Brixton Acre Lane', 'Stockwell East']);
    expect(m.total).toBe(3);
  });
});

describe('wardEntries', () => {
  const fc = (props: Record<string, unknown>[]): FeatureCollection => ({
    type: 'FeatureCollection',
    features: props.map((p) => ({ type: 'Feature', properties: p, geometry: { type: 'Point', coordinates: [0, 0] } })),
  });

  it('reads the 2022 ward properties and the 2013 ones; the borough code stands in for a missing name', () => {
    expect(
      wardEntries(
        fc([
          { code: 'E05014053', name: 'Abbey', borough: 'E09000002', boroughName: 'Barking and Dagenham', bcu: 'EA', bcuName: 'East Area' },
          { code: 'E05009288', name: 'Aldersgate', borough: 'E09000001', boroughName: 'City of London' },
          { code: 'E05000100', name: 'Nameless borough', borough: 'E09000099' },
          { code: 'E05000101' },
          { name: 'No code' },
        ]),
      ),
    ).toEqual([
      W('E05014053', 'Abbey', 'Barking and Dagenham'),
      W('E05009288', 'Aldersgate', 'City of London'),
      W('E05000100', 'Nameless borough', 'E09000099'),
    ]);
    expect(wardEntries(null)).toEqual([]);
  });

  it('over the shipped wards file, every ward is found by its own name and listed first among other wards', () => {
    const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'boundaries', 'wards.geojson'), 'utf8'));
    const all = prepareWards(wardEntries(shipped));
    expect(all.length).toBe(shipped.features.length);
    for (const w of all) {
      const found = matchWards(all, w.name).wards;
      const at = found.findIndex((x) => x.code === w.code);
      expect(at, w.label).toBeGreaterThanOrEqual(0);
      // Only namesakes (other boroughs' wards of the same name) may come before it.
      expect(found.slice(0, at).every((x) => x.folded === w.folded), w.label).toBe(true);
      expect(w.label).toMatch(/ — \S/);
    }
  });
});
