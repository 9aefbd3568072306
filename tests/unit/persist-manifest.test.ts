/**
 * The saved data's manifest, key and files (src/state/persist/manifest.ts), the cube file
 * (cube-file.ts) and the harm-edit rule (harm-edits.ts): pure parts of issue 14, item 5.
 */
import { describe, expect, it } from 'vitest';
import type { CrimeCube } from '../../src/analysis/cube';
import { SCHEMA_SQL } from '../../src/db/schema';
import { decodeCube, encodeCube } from '../../src/state/persist/cube-file';
import { HARM_EDITS_KEY, openingHarmEdits, savedHarmEdits, saveHarmEdits } from '../../src/state/persist/harm-edits';
import {
  cubeFileName, formatKey, type Manifest, MANIFEST_NAME, parseManifest, PERSIST_FORMAT, referencedFiles, sameKey, staleFiles, storedFileName,
  tableFileName, textHash, usableFor,
} from '../../src/state/persist/manifest';

const URL_HEX = '/assets/london-2025-26-hex100m-Bx1.parquet';
const FORMAT = formatKey(SCHEMA_SQL);

function manifest(generation: number, hashes: string[] = ['ab12', 'sampled:cd34']): Manifest {
  return {
    key: { format: FORMAT, datasetId: 'london-2025-26', datasetUrl: URL_HEX, files: hashes },
    generation,
    savedAt: '2026-11-30T14:00:00.000Z',
    files: hashes.map((h, i) => ({ name: `f${i}.csv`, hash: h, size: 100 + i })),
    tables: {
      sources: { file: tableFileName(generation, 'sources'), size: 1 },
      locations: { file: tableFileName(generation, 'locations'), size: 2 },
      crimes: { file: tableFileName(generation, 'crimes'), size: 3 },
      rejects: { file: tableFileName(generation, 'rejects'), size: 4 },
    },
    reports: [],
  };
}

describe('the snapshot key', () => {
  it('holds the persisted format and the schema hash: another schema text gives another key', () => {
    expect(FORMAT).toBe(`${PERSIST_FORMAT}:${textHash(SCHEMA_SQL)}`);
    expect(formatKey(SCHEMA_SQL.replace('crime_count   INTEGER', 'crime_count   BIGINT'))).not.toBe(FORMAT);
    // FNV-1a 32-bit of "a" is 0xe40c292c (the published test vector).
    expect(textHash('a')).toBe('e40c292c');
    expect(textHash('')).toBe('811c9dc5');
  });

  it('is usable only for the same format, dataset id and dataset URL (the file content names the URL)', () => {
    const m = manifest(3);
    expect(usableFor(m, { format: FORMAT, datasetId: 'london-2025-26', datasetUrl: URL_HEX })).toBe(true);
    expect(usableFor(m, { format: FORMAT, datasetId: 'london-2017-18', datasetUrl: URL_HEX })).toBe(false);
    expect(usableFor(m, { format: FORMAT, datasetId: 'london-2025-26', datasetUrl: '/assets/london-2025-26-hex100m-Zz9.parquet' })).toBe(false);
    expect(usableFor(m, { format: `${PERSIST_FORMAT + 1}:${textHash(SCHEMA_SQL)}`, datasetId: 'london-2025-26', datasetUrl: URL_HEX })).toBe(false);
  });

  it('compares the user files in order', () => {
    expect(sameKey(manifest(1).key, manifest(2).key)).toBe(true);
    expect(sameKey(manifest(1, ['a', 'b']).key, manifest(1, ['b', 'a']).key)).toBe(false);
    expect(sameKey(manifest(1, ['a']).key, manifest(1, ['a', 'b']).key)).toBe(false);
  });
});

describe('file names and what a save deletes', () => {
  it('names a kept file after its hash, safe for a file name', () => {
    expect(storedFileName('ab12')).toBe('file-ab12');
    expect(storedFileName('sampled:cd/34')).toBe('file-sampled_cd_34');
    expect(cubeFileName(4, 9)).toBe('cube-4-r9.bin.gz');
  });

  it('lists every file a manifest needs', () => {
    expect(referencedFiles(manifest(2)).sort()).toEqual(
      ['file-ab12', 'file-sampled_cd34', 'snap-2-crimes.arrow.gz', 'snap-2-locations.arrow.gz', 'snap-2-rejects.arrow.gz', 'snap-2-sources.arrow.gz'],
    );
  });

  it('deletes the previous save, files no longer loaded and cubes of other saves; never the manifest, this save, or foreign files', () => {
    const m = manifest(5, ['ab12']);
    const names = [
      MANIFEST_NAME, 'snap-5-crimes.arrow.gz', 'snap-5-sources.arrow.gz', 'snap-5-locations.arrow.gz', 'snap-5-rejects.arrow.gz', 'file-ab12',
      'snap-4-crimes.arrow.gz', 'snap-4-sources.arrow', 'file-old', 'cube-4-r9.bin.gz', 'cube-5-r9.bin.gz', 'cube-5-r8.bin.gz', 'notes.txt', 'tasking-log.json',
    ];
    expect(staleFiles(names, m)).toEqual(['snap-4-crimes.arrow.gz', 'snap-4-sources.arrow', 'file-old', 'cube-4-r9.bin.gz']);
  });
});

describe('parseManifest', () => {
  it('reads back what was written', () => {
    const m = manifest(7);
    expect(parseManifest(JSON.stringify(m))).toEqual(m);
  });

  it.each([
    ['{', 'not JSON'],
    ['[]', 'no valid key'],
    [JSON.stringify({ ...manifest(1), generation: 0 }), 'no generation'],
    [JSON.stringify({ ...manifest(1), files: [{ name: 'x', hash: 'zz', size: 1 }, { name: 'y', hash: 'sampled:cd34', size: 1 }] }), 'its file list and key differ'],
    [JSON.stringify({ ...manifest(1), tables: { ...manifest(1).tables, crimes: undefined } }), 'no file for the table crimes'],
    [JSON.stringify({ ...manifest(1), reports: undefined }), 'no report lines'],
  ])('refuses %s: %s', (text, why) => {
    expect(() => parseManifest(text)).toThrow(why);
  });
});

describe('the cube file', () => {
  const cube: CrimeCube = {
    resolution: 9,
    cells: ['8919', '891a', '891b'],
    months: ['2025-05', '2025-06'],
    categories: ['Burglary', 'Robbery'],
    wards: ['E05000001'],
    boroughs: ['E09000001', 'E09000033'],
    boroughBcu: [null, 'CW'],
    cell: Int32Array.from([0, 0, 2]),
    month: Uint16Array.from([0, 1, 1]),
    category: Uint8Array.from([1, 0, 1]),
    ward: Int16Array.from([0, -1, 0]),
    borough: Int16Array.from([1, -1, 0]),
    count: Int32Array.from([3, 70000, 1]),
    cellStart: Int32Array.from([0, 2, 2, 3]),
  };

  it('round-trips every field, the typed arrays with their types', () => {
    const back = decodeCube(encodeCube(cube));
    expect(back).toEqual(cube);
    expect(back.month).toBeInstanceOf(Uint16Array);
    expect(back.ward).toBeInstanceOf(Int16Array);
    expect(back.count[1]).toBe(70000);
  });

  it('reads a file that does not start on an 8-byte boundary', () => {
    const bytes = encodeCube(cube);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(decodeCube(shifted.subarray(3))).toEqual(cube);
  });

  it('refuses another file and one cut short', () => {
    expect(() => decodeCube(new TextEncoder().encode('ARROW1\0\0xxxxxxxx'))).toThrow('not a saved cube');
    const bytes = encodeCube(cube);
    expect(() => decodeCube(bytes.subarray(0, bytes.length - 16))).toThrow('cut short');
  });
});

describe('harm edits: a link with hw= wins over the saved edits', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), removeItem: (k: string) => void m.delete(k), m };
  };

  it('saves, reads back, and forgets with {}', () => {
    const s = memory();
    saveHarmEdits({ Burglary: 50, Robbery: 0 }, s);
    expect(savedHarmEdits(s)).toEqual({ Burglary: 50, Robbery: 0 });
    saveHarmEdits({}, s);
    expect(s.m.has(HARM_EDITS_KEY)).toBe(false);
    expect(savedHarmEdits(s)).toEqual({});
  });

  it('drops damaged or unknown entries', () => {
    const s = memory();
    s.setItem(HARM_EDITS_KEY, JSON.stringify({ Burglary: 20, Nonsense: 4, Robbery: -1, Drugs: 'x' }));
    expect(savedHarmEdits(s)).toEqual({ Burglary: 20 });
    s.setItem(HARM_EDITS_KEY, '{');
    expect(savedHarmEdits(s)).toEqual({});
  });

  it('opens with the link\'s weights when it has hw=, even hw= with no weights, else the saved ones', () => {
    const saved = { Burglary: 50 };
    expect(openingHarmEdits('?hw=3:9', { Robbery: 9 }, saved)).toEqual({ Robbery: 9 });
    expect(openingHarmEdits('?hw=', {}, saved)).toEqual({});
    expect(openingHarmEdits('?res=8', {}, saved)).toEqual(saved);
  });
});
