/**
 * A crime cube as one binary file and back (pure), so that a second open draws the map from the
 * saved cube without waiting for DuckDB (its start-up alone is 2-3 s here, STACK.md section 4).
 *
 * Layout: "HCUBE1\0\0", a little-endian uint32 header length, the header as UTF-8 JSON (the
 * resolution, the dictionaries and each array's type and length), padding to 8 bytes, then the
 * typed arrays one after another, each padded to 8 bytes so that each is read in place.
 */
import type { CrimeCube } from '../../analysis/cube';

const MAGIC = 'HCUBE1\0\0';
const ARRAYS = ['cell', 'month', 'category', 'ward', 'borough', 'count', 'cellStart'] as const;
type ArrayName = (typeof ARRAYS)[number];
const TYPES = { cell: Int32Array, month: Uint16Array, category: Uint8Array, ward: Int16Array, borough: Int16Array, count: Int32Array, cellStart: Int32Array };

interface Header {
  resolution: number;
  cells: string[];
  months: string[];
  categories: string[];
  wards: string[];
  boroughs: string[];
  boroughBcu: (string | null)[];
  lengths: Record<ArrayName, number>;
}

const pad8 = (n: number) => (n + 7) & ~7;

export function encodeCube(c: CrimeCube): Uint8Array {
  const header: Header = {
    resolution: c.resolution, cells: c.cells, months: c.months, categories: [...c.categories], wards: c.wards,
    boroughs: c.boroughs, boroughBcu: c.boroughBcu, lengths: Object.fromEntries(ARRAYS.map((a) => [a, c[a].length])) as Record<ArrayName, number>,
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  let size = pad8(8 + 4 + json.length);
  for (const a of ARRAYS) size += pad8(c[a].byteLength);
  const out = new Uint8Array(size);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  let at = pad8(12 + json.length);
  for (const a of ARRAYS) {
    const v = c[a];
    out.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), at);
    at += pad8(v.byteLength);
  }
  return out;
}

/**
 * Reads a cube file. The arrays are views into `bytes` (no copy).
 * @throws {Error} when it is not a cube file or is cut short
 */
export function decodeCube(bytes: Uint8Array): CrimeCube {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) throw new Error('not a saved cube');
  // Typed-array views need an 8-aligned start: copy a misaligned input once.
  if (bytes.byteOffset % 8 !== 0) bytes = bytes.slice();
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  if (12 + len > bytes.length) throw new Error('a saved cube cut short');
  const h = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len))) as Header;
  let at = pad8(12 + len);
  const arrays = {} as { [K in ArrayName]: InstanceType<(typeof TYPES)[K]> };
  for (const a of ARRAYS) {
    const T = TYPES[a];
    const n = h.lengths[a];
    if (at + n * T.BYTES_PER_ELEMENT > bytes.length) throw new Error('a saved cube cut short');
    (arrays as Record<string, unknown>)[a] = new T(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, n);
    at += pad8(n * T.BYTES_PER_ELEMENT);
  }
  if (arrays.cellStart.length !== h.cells.length + 1 || arrays.cellStart[h.cells.length] !== arrays.count.length) {
    throw new Error('a saved cube whose rows and cells disagree');
  }
  return {
    resolution: h.resolution, cells: h.cells, months: h.months, categories: h.categories, wards: h.wards,
    boroughs: h.boroughs, boroughBcu: h.boroughBcu, ...arrays,
  };
}
