/**
 * What a file is, from its first bytes, when it is not a table the app can read: an archive,
 * an image, a PDF, an old Excel workbook, UTF-16 text. DuckDB's CSV sniffer only says "Error when
 * sniffing file" for these; the user needs to hear what the file is and what to do with it.
 */

/** How many leading bytes {@link notTabularReason} looks at. */
export const SNIFF_BYTES = 4096;

const startsWith = (head: Uint8Array, sig: readonly number[], at = 0) => sig.every((b, i) => head[at + i] === b);
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));

/** Does the text of these bytes (Latin-1, so any byte is one char) contain `s`? */
const holds = (head: Uint8Array, s: string) => String.fromCharCode(...head.subarray(0, SNIFF_BYTES)).includes(s);

/**
 * Why the file cannot be read as CSV, or null when it may be text. `head` is the file's first
 * bytes (up to {@link SNIFF_BYTES}). Parquet ('PAR1') is readable and is not this function's concern.
 */
export function notTabularReason(name: string, head: Uint8Array): string | null {
  const what = (kind: string, advice: string) => `${name} is ${kind}: ${advice}`;
  // ZIP: local file header, empty archive, spanned archive. XLSX is a ZIP whose parts live under xl/.
  if (startsWith(head, [0x50, 0x4b]) && [[3, 4], [5, 6], [7, 8]].some(([a, b]) => head[2] === a && head[3] === b)) {
    return /\.xlsx$/i.test(name) || holds(head, 'xl/')
      ? what('an Excel workbook (XLSX)', 'open it in Excel and save each sheet as "CSV UTF-8", then load the CSV')
      : what('a ZIP archive', 'unzip it and load the CSV files inside');
  }
  if (startsWith(head, [0x1f, 0x8b])) return what('a gzip-compressed file', 'decompress it and load the CSV inside');
  if (startsWith(head, ascii('Rar!'))) return what('a RAR archive', 'extract it and load the CSV files inside');
  if (startsWith(head, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return what('a 7-Zip archive', 'extract it and load the CSV files inside');
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    return what('an old-style Excel workbook (XLS) or another Office document', 'open it in Excel and save it as "CSV UTF-8", then load the CSV');
  }
  if (startsWith(head, ascii('%PDF'))) return what('a PDF document', 'the app reads tables of crimes as CSV or Parquet, not PDF');
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return what('a PNG image', 'the app reads tables of crimes as CSV or Parquet');
  if (startsWith(head, [0xff, 0xd8, 0xff])) return what('a JPEG image', 'the app reads tables of crimes as CSV or Parquet');
  if (startsWith(head, ascii('GIF8'))) return what('a GIF image', 'the app reads tables of crimes as CSV or Parquet');
  const utf16 = 'save it from its program as "CSV UTF-8" and load that';
  if (startsWith(head, [0xff, 0xfe, 0, 0]) || startsWith(head, [0, 0, 0xfe, 0xff])) return what('UTF-32 text', utf16);
  if (startsWith(head, [0xff, 0xfe])) return what('UTF-16 text (little-endian, as Excel\'s "Unicode Text" saves it)', utf16);
  if (startsWith(head, [0xfe, 0xff])) return what('UTF-16 text (big-endian)', utf16);
  // UTF-16 without a byte-order mark: ASCII text with a zero byte beside every character.
  const n = Math.min(head.length, SNIFF_BYTES) & ~1;
  if (n >= 8) {
    let evenZeros = 0;
    let oddZeros = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) evenZeros++;
      if (head[i + 1] === 0) oddZeros++;
    }
    const pairs = n / 2;
    if (oddZeros > 0.6 * pairs && evenZeros < 0.1 * pairs) return what('UTF-16 text (little-endian, no byte-order mark)', utf16);
    if (evenZeros > 0.6 * pairs && oddZeros < 0.1 * pairs) return what('UTF-16 text (big-endian, no byte-order mark)', utf16);
    // Text never holds many zero bytes; a stray one in a field is left to the row checks.
    if (evenZeros + oddZeros > 0.05 * n) return what('a binary file, not CSV text', 'the app reads tables of crimes as CSV or Parquet');
  }
  return null;
}
