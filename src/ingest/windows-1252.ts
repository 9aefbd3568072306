/**
 * Windows-1252 (the "Latin-1" of Excel on Windows) to UTF-8, written out here because Node's
 * TextDecoder decodes 'windows-1252' as ISO-8859-1 (0x93 becomes a control character, not '“'),
 * and the app, its command-line twin and the tests must read a file the same way.
 */

/** Unicode code points of bytes 0x80..0x9F (WHATWG encoding standard; unassigned bytes map to themselves). */
const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** The UTF-8 encoding of Windows-1252 bytes. */
export function windows1252ToUtf8(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length * 3);
  let o = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    const cp = b >= 0x80 && b <= 0x9f ? HIGH[b - 0x80] : b;
    if (cp < 0x80) out[o++] = cp;
    else if (cp < 0x800) {
      out[o++] = 0xc0 | (cp >> 6);
      out[o++] = 0x80 | (cp & 0x3f);
    } else {
      out[o++] = 0xe0 | (cp >> 12);
      out[o++] = 0x80 | ((cp >> 6) & 0x3f);
      out[o++] = 0x80 | (cp & 0x3f);
    }
  }
  return out.slice(0, o);
}
