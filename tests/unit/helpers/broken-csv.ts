/**
 * Broken police.uk street CSVs built by hand for the "every row is accounted for" tests (issue
 * 10, item 2), shared by the Node tests and the browser tests. Each is 20 London rows around
 * Trafalgar Square with one kind of damage; the expected numbers are worked out here from how the
 * file was built, not from the app's code.
 */

export const HEADER =
  'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context';

const TYPES = ['Robbery', 'Burglary', 'Shoplifting', 'Vehicle crime'];
/** Odd rows carry a delimiter of semicolon files inside their outcome. */
export const OUTCOME_WITH_SEMICOLON = 'Investigation complete; no suspect identified';
export const OUTCOME_PLAIN = 'Under investigation';
export const CONTEXT = 'Seen on CCTV';

/**
 * The fields of row i (1..20): outcome with a semicolon on odd rows, a Context on every fifth.
 * `id` starts the Crime ID: files built with different ones share no record (none is "already loaded").
 */
export function streetFields(i: number, id = 'c'): string[] {
  return [
    `${id}${String(i).padStart(2, '0')}`,
    '2023-01',
    'Metropolitan Police Service',
    'Metropolitan Police Service',
    (-0.1281 + i * 0.0007).toFixed(4),
    (51.508 + i * 0.0003).toFixed(4),
    'On or near Trafalgar Square',
    'E01004736',
    'Westminster 018A',
    TYPES[i % TYPES.length],
    i % 2 === 1 ? OUTCOME_WITH_SEMICOLON : OUTCOME_PLAIN,
    i % 5 === 0 ? CONTEXT : '',
  ];
}

/** The 20 rows, comma-separated. */
export const rowsOf = (id = 'c') => Array.from({ length: 20 }, (_, k) => streetFields(k + 1, id).join(','));
export const ROWS = rowsOf();
const enc = (s: string) => new TextEncoder().encode(s);
const fileOf = (rows: string[], header = HEADER) => enc([header, ...rows].join('\n') + '\n');

export interface BrokenCase {
  name: string;
  bytes: Uint8Array;
  rowsRead: number;
  kept: number;
  reasons: Record<string, number>;
}

/** The last line cut short after "…,Metr" (4 of 12 fields, no line break): 19 kept, 1 refused. */
export function truncatedLastLine(id = 'c'): BrokenCase {
  const full = [HEADER, ...rowsOf(id)].join('\n');
  const cut = full.lastIndexOf('Metropolitan Police Service,Metropolitan') + 'Metropolitan Police Service,Metr'.length;
  return { name: 'truncated.csv', bytes: enc(full.slice(0, cut)), rowsRead: 20, kept: 19, reasons: { 'truncated last row': 1 } };
}

/**
 * Row 6 (line 7) opens a quote in Location that never closes. Row 9 has a properly quoted Location
 * with a comma in it and row 12 a quoted Context over two lines: both are good rows and are kept.
 */
export function unterminatedQuote(id = 'c'): BrokenCase {
  const rows = rowsOf(id).map((r, k) => {
    const i = k + 1;
    if (i === 6) return r.replace('On or near Trafalgar Square', '"On or near Trafalgar Square');
    if (i === 9) return r.replace('On or near Trafalgar Square', '"On or near Strand, Charing Cross"');
    if (i === 12) return `${r}"Seen on CCTV\nsecond camera"`;
    return r;
  });
  return { name: 'unterminated-quote.csv', bytes: fileOf(rows), rowsRead: 20, kept: 19, reasons: { 'unterminated quote': 1 } };
}

/** The rows (1-based) that {@link invalidUtf8} damages. */
export const DAMAGED_ROWS = [4, 8, 12, 16, 20];

/**
 * A UTF-8 file (row 1's Location is "Café Nero", é as C3 A9) with bytes that are not UTF-8 (0xFF,
 * and 0xC3 followed by '(') in the Location of rows 4, 8, 12, 16, 20: those five are refused.
 */
export function invalidUtf8(id = 'c'): BrokenCase {
  const parts: number[] = [...enc(`${HEADER}\n`)];
  rowsOf(id).forEach((r, k) => {
    const i = k + 1;
    if (i === 1) parts.push(...enc(`${r.replace('Trafalgar Square', 'Caf\u00e9 Nero')}\n`));
    else if (DAMAGED_ROWS.includes(i)) {
      const [before, after] = r.split('Trafalgar');
      parts.push(...enc(before), ...(i % 8 === 0 ? [0xff] : [0xc3, 0x28]), ...enc(`Trafalgar${after}\n`));
    } else parts.push(...enc(`${r}\n`));
  });
  return { name: 'invalid-utf8.csv', bytes: Uint8Array.from(parts), rowsRead: 20, kept: 15, reasons: { 'not UTF-8 text': 5 } };
}

/**
 * Excel-on-Windows text: no UTF-8 anywhere, Windows-1252 quotes and pound signs (0x93 '“', 0xA3 '£',
 * 0x94 '”') in the Location of rows 4, 8, 12, 16, 20. Every row is kept, read as Windows-1252.
 */
export function windows1252(id = 'c'): BrokenCase {
  const parts: number[] = [...enc(`${HEADER}\n`)];
  rowsOf(id).forEach((r, k) => {
    const i = k + 1;
    if (DAMAGED_ROWS.includes(i)) {
      const [before, after] = r.split('On or near Trafalgar Square');
      parts.push(...enc(before), 0x93, 0xa3, ...enc('5 Shop'), 0x94, ...enc(` near Trafalgar Square${after}\n`));
    } else parts.push(...enc(`${r}\n`));
  });
  return { name: 'windows-1252.csv', bytes: Uint8Array.from(parts), rowsRead: 20, kept: 20, reasons: {} };
}
export const WINDOWS_1252_LOCATION = '\u201c\u00a35 Shop\u201d near Trafalgar Square';

/**
 * Semicolon-separated, the outcome unquoted: the ten odd rows have 13 fields ("Investigation
 * complete; no suspect identified" splits) and are refused; the ten even rows are kept.
 */
export function semicolonExtraField(id = 'c'): BrokenCase {
  const rows = Array.from({ length: 20 }, (_, k) => streetFields(k + 1, id).join(';'));
  return {
    name: 'semicolon.csv', bytes: fileOf(rows, HEADER.replaceAll(',', ';')), rowsRead: 20, kept: 10,
    reasons: { 'malformed row': 10 },
  };
}

/** The same file with the outcome quoted: the semicolon inside is data and all 20 rows are kept. */
export function semicolonQuoted(): BrokenCase {
  const rows = Array.from({ length: 20 }, (_, k) =>
    streetFields(k + 1).map((f) => (f.includes(';') ? `"${f}"` : f)).join(';'),
  );
  return { name: 'semicolon-quoted.csv', bytes: fileOf(rows, HEADER.replaceAll(',', ';')), rowsRead: 20, kept: 20, reasons: {} };
}

/** Row 10 cut to its first four fields in the middle of the file: one malformed row, not eight. */
export function shortRowInTheMiddle(): BrokenCase {
  const rows = ROWS.map((r, k) => (k + 1 === 10 ? streetFields(10).slice(0, 4).join(',') : r));
  return { name: 'short-row.csv', bytes: fileOf(rows), rowsRead: 20, kept: 19, reasons: { 'malformed row': 1 } };
}

/** Files that are not CSV text, with the start of the message each must give. */
export function notCsvFiles(): { name: string; bytes: Uint8Array; message: RegExp }[] {
  const zipHead = (entry: string) => Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, ...enc(entry), 0, 1, 2, 3]);
  const text = [HEADER, ...ROWS].join('\r\n') + '\r\n';
  const utf16le = (bom: boolean) => {
    const b = new Uint8Array((bom ? 2 : 0) + text.length * 2);
    if (bom) b.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) b[(bom ? 2 : 0) + 2 * i] = text.charCodeAt(i);
    return b;
  };
  return [
    { name: 'crimes.zip.csv', bytes: zipHead('2023-01-metropolitan-street.csv'), message: /^crimes\.zip\.csv is a ZIP archive: unzip it and load the CSV files inside$/ },
    { name: 'crimes.xlsx', bytes: zipHead('[Content_Types].xml xl/workbook.xml'), message: /^crimes\.xlsx is an Excel workbook \(XLSX\): open it in Excel and save/ },
    { name: 'map.png', bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 0]), message: /^map\.png is a PNG image/ },
    { name: 'crimes.csv.gz', bytes: Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3]), message: /^crimes\.csv\.gz is a gzip-compressed file: decompress it/ },
    { name: 'report.pdf', bytes: enc('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n'), message: /^report\.pdf is a PDF document/ },
    { name: 'unicode.csv', bytes: utf16le(true), message: /^unicode\.csv is UTF-16 text \(little-endian.*save it .*"CSV UTF-8"/ },
    { name: 'unicode-no-bom.csv', bytes: utf16le(false), message: /^unicode-no-bom\.csv is UTF-16 text \(little-endian, no byte-order mark\)/ },
  ];
}
