/** The BCU choice names its boroughs (issue 11, item 4): "Central South — Lambeth, Southwark". */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bcuLabel } from '../../src/ui/names';

const read = (f: string) => JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'data', 'boundaries', f), 'utf8'));

describe('bcuLabel', () => {
  const names = new Map([
    ['E09000022', 'Lambeth'],
    ['E09000028', 'Southwark'],
  ]);

  it('names the boroughs alphabetically after the BCU', () => {
    expect(bcuLabel('Central South', ['E09000028', 'E09000022'], names)).toBe('Central South — Lambeth, Southwark');
  });

  it('an unknown borough code is shown as its code; no borough list leaves the name alone', () => {
    expect(bcuLabel('X', ['E09000022', 'E09000099'], names)).toBe('X — E09000099, Lambeth');
    expect(bcuLabel('X', undefined, names)).toBe('X');
    expect(bcuLabel('X', [], names)).toBe('X');
  });

  it('over the shipped boundaries: Central South is Lambeth and Southwark, and every BCU names every one of its boroughs', () => {
    const boroughs = read('boroughs.geojson');
    const bcus = read('bcus.geojson');
    const boroughNames = new Map<string, string>(boroughs.features.map((f: { properties: { code: string; name: string } }) => [f.properties.code, f.properties.name]));
    const labels = new Map<string, string>(
      bcus.features.map((f: { properties: { name: string; boroughs: string[] } }) => [f.properties.name, bcuLabel(f.properties.name, f.properties.boroughs, boroughNames)]),
    );
    expect(labels.get('Central South')).toBe('Central South — Lambeth, Southwark');
    for (const f of bcus.features) {
      const label = labels.get(f.properties.name)!;
      expect(f.properties.boroughs.length).toBeGreaterThan(0);
      for (const code of f.properties.boroughs) expect(label).toContain(boroughNames.get(code));
    }
  });
});
