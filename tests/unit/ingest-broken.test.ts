/**
 * Issue 10, item 2: every row of a broken file is accounted for. For each kind of damage the
 * report, the `sources` row, the `rejects` table and `crimes` agree (kept + rejected = the
 * records in the file), each bad record costs only itself, with a reason a user understands and
 * its raw text, and the good rows' fields are not shifted. Expected numbers come from how the
 * files were built (tests/unit/helpers/broken-csv.ts).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareCsv } from '../../src/ingest/csv-prepare';
import { ensureSchema, ingestFile, type IngestEnv, type IngestReport } from '../../src/ingest/pipeline';
import {
  type BrokenCase, CONTEXT, DAMAGED_ROWS, HEADER, invalidUtf8, notCsvFiles, OUTCOME_PLAIN, OUTCOME_WITH_SEMICOLON, ROWS,
  semicolonExtraField, semicolonQuoted, shortRowInTheMiddle, streetFields, truncatedLastLine, unterminatedQuote,
  WINDOWS_1252_LOCATION, windows1252,
} from './helpers/broken-csv';
import { enc, freshEnv, ROOT } from './helpers/env';

interface RejectRow {
  source_row: number;
  reason: string;
  detail: string;
  raw: string;
}
interface CrimeRow {
  crime_id: string;
  source_row: number;
  location: string;
  last_outcome: string | null;
  context: string | null;
}

let env: IngestEnv;
beforeAll(async () => {
  env = await freshEnv();
});

/** Loads a case and checks that the report, `sources`, `rejects` and `crimes` all agree with it. */
async function load(c: BrokenCase, data: Uint8Array | Blob = c.bytes): Promise<{ report: IngestReport; rejects: RejectRow[]; crimes: CrimeRow[] }> {
  // Each case on its own: the files share their good rows, which would be "already loaded".
  await ensureSchema(env.db);
  await env.db.exec('DELETE FROM crimes; DELETE FROM rejects; DELETE FROM sources');
  const report = await ingestFile(env, { name: c.name, data });
  expect(report.status).toBe('loaded');
  expect({ read: report.rowsRead, kept: report.kept, rejected: report.rejected, reasons: report.rejectReasons }).toEqual({
    read: c.rowsRead, kept: c.kept, rejected: c.rowsRead - c.kept, reasons: c.reasons,
  });
  const [src] = await env.db.rows<{ rows_read: number; rows_kept: number; rows_rejected: number }>(
    'SELECT rows_read, rows_kept, rows_rejected FROM sources WHERE source_id = ?',
    [report.sourceId],
  );
  expect(src).toEqual({ rows_read: c.rowsRead, rows_kept: c.kept, rows_rejected: c.rowsRead - c.kept });
  const rejects = await env.db.rows<RejectRow>('SELECT source_row, reason, detail, raw FROM rejects WHERE source_id = ? ORDER BY source_row', [report.sourceId]);
  const crimes = await env.db.rows<CrimeRow>(
    'SELECT crime_id, source_row, location, last_outcome, context FROM crimes WHERE source_id = ? ORDER BY source_row',
    [report.sourceId],
  );
  expect(rejects.length).toBe(c.rowsRead - c.kept);
  expect(crimes.length).toBe(c.kept);
  // Every record of the file is either kept or refused, once.
  expect([...crimes.map((r) => r.source_row), ...rejects.map((r) => r.source_row)].sort((a, b) => a - b)).toEqual(
    Array.from({ length: c.rowsRead }, (_, k) => k + 1),
  );
  return { report, rejects, crimes };
}

/** A kept row's fields are those it was built with (nothing shifted into its neighbour). */
function expectUnshifted(row: CrimeRow, i: number): void {
  const f = streetFields(i);
  expect(row.crime_id).toBe(f[0]);
  expect(row.last_outcome).toBe(f[10]);
  expect(row.context).toBe(f[11] === '' ? null : f[11]);
}

describe('a truncated last line is one rejected row', () => {
  it('20 rows cut inside the last: 19 kept, 1 "truncated last row" with its raw text', async () => {
    const { rejects, crimes } = await load(truncatedLastLine());
    expect(rejects).toEqual([
      {
        source_row: 20, reason: 'truncated last row',
        detail: 'line 21: the file ends inside this row (4 of 12 fields, no line break)',
        raw: 'c20,2023-01,Metropolitan Police Service,Metr',
      },
    ]);
    crimes.forEach((r) => expectUnshifted(r, r.source_row));
  });

  it('a short row in the middle is one malformed row (not one per missing field)', async () => {
    const { rejects } = await load(shortRowInTheMiddle());
    expect(rejects).toEqual([
      { source_row: 10, reason: 'malformed row', detail: 'line 11: 4 fields, header has 12', raw: 'c10,2023-01,Metropolitan Police Service,Metropolitan Police Service' },
    ]);
  });
});

describe('an unterminated quote costs only the rows it spans', () => {
  it('the quote opened on line 7 costs row 6; the quoted and multi-line fields after it are read', async () => {
    const { rejects, crimes } = await load(unterminatedQuote());
    expect(rejects).toHaveLength(1);
    expect(rejects[0].source_row).toBe(6);
    expect(rejects[0].reason).toBe('unterminated quote');
    expect(rejects[0].detail).toBe('the quote (") that opens column "Location" on line 7 is never closed; reading went on at the next line');
    expect(rejects[0].raw).toBe(ROWS[5].replace('On or near', '"On or near'));
    const byRow = new Map(crimes.map((r) => [r.source_row, r]));
    expect(byRow.get(9)!.location).toBe('On or near Strand, Charing Cross');
    expect(byRow.get(12)!.context).toBe('Seen on CCTV\nsecond camera');
    expectUnshifted(byRow.get(7)!, 7);
    expectUnshifted(byRow.get(20)!, 20);
  });

  it('a quote still open at the end of the file costs only its own row', async () => {
    const rows = [...ROWS.slice(0, 19), ROWS[19].replace(/Seen on CCTV$/, '"never closed')];
    const c: BrokenCase = { name: 'quote-at-end.csv', bytes: enc([HEADER, ...rows].join('\n') + '\n'), rowsRead: 20, kept: 19, reasons: { 'unterminated quote': 1 } };
    const { rejects } = await load(c);
    expect(rejects[0].source_row).toBe(20);
    expect(rejects[0].detail).toMatch(/column "Context" on line 21 is never closed/);
  });
});

describe('bytes that are not UTF-8 cost only their rows', () => {
  it('a UTF-8 file with five damaged rows: 15 kept (accents intact), 5 refused, shown with U+FFFD', async () => {
    const { rejects, crimes } = await load(invalidUtf8());
    expect(rejects.map((r) => r.source_row)).toEqual(DAMAGED_ROWS);
    expect(rejects.every((r) => r.reason === 'not UTF-8 text')).toBe(true);
    expect(rejects[1].detail).toMatch(/^line 9: byte \d+ of the row \(0xFF\) is not UTF-8 text$/);
    expect(rejects[0].raw).toContain('On or near \uFFFD(Trafalgar Square');
    expect(crimes[0].location).toBe('On or near Caf\u00e9 Nero');
    crimes.forEach((r) => expectUnshifted(r, r.source_row));
  });

  it('a file with no UTF-8 at all is Windows-1252 (Excel on Windows): every row kept, the report says so', async () => {
    const { report, crimes } = await load(windows1252());
    expect(report.notes).toEqual(['read as Windows-1252 (Latin-1) text: it is not UTF-8']);
    expect(crimes.filter((r) => DAMAGED_ROWS.includes(r.source_row)).map((r) => r.location)).toEqual(DAMAGED_ROWS.map(() => WINDOWS_1252_LOCATION));
  });
});

describe('a row with more fields than the header is refused, never shifted', () => {
  it('semicolon file, "Investigation complete; no suspect identified" unquoted: the 10 rows with it refused', async () => {
    const { rejects, crimes } = await load(semicolonExtraField());
    expect(rejects.map((r) => r.source_row)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(rejects[0]).toEqual({
      source_row: 1, reason: 'malformed row', detail: 'line 2: 13 fields, header has 12', raw: streetFields(1).join(';'),
    });
    expect(crimes.map((r) => r.last_outcome)).toEqual(Array(10).fill(OUTCOME_PLAIN));
    expect(crimes.filter((r) => r.context !== null).map((r) => [r.source_row, r.context])).toEqual([[10, CONTEXT], [20, CONTEXT]]);
    crimes.forEach((r) => expectUnshifted(r, r.source_row));
  });

  it('the same file with the outcome quoted keeps all 20, the semicolon inside the outcome', async () => {
    const { crimes } = await load(semicolonQuoted());
    expect(crimes.filter((r) => r.last_outcome === OUTCOME_WITH_SEMICOLON)).toHaveLength(10);
    crimes.forEach((r) => expectUnshifted(r, r.source_row));
  });
});

describe('a file that is not CSV text says what it is', () => {
  for (const f of notCsvFiles()) {
    it(`${f.name}: ${f.message.source}`, async () => {
      await expect(ingestFile(env, { name: f.name, data: f.bytes })).rejects.toThrow(f.message);
    });
  }
});

describe('the record scanner', () => {
  // Big enough to cross the scanner's 4 MiB chunks several times, with CRLF line breaks, a
  // multi-line quoted field and broken records at chunk edges: the Uint8Array and Blob (browser
  // File) paths must agree with each other and with papaparse's record count.
  it('counts the records of a 10 MB file the same way from bytes and from a Blob', async () => {
    const lines: string[] = [HEADER];
    let n = 0;
    let size = 0;
    const broken: number[] = [];
    while (size < 10_000_000) {
      n++;
      const i = (n % 20) + 1;
      if (n % 9973 === 0) {
        lines.push(streetFields(i).slice(0, 5).join(','));
        broken.push(n);
      } else if (n % 7919 === 0) lines.push(`${streetFields(i).slice(0, 11).join(',')},"first line\r\nsecond, with a comma"`);
      else lines.push(ROWS[i - 1].replace(/,$/, ',x'));
      size += lines[lines.length - 1].length + 2;
    }
    const text = `${lines.join('\r\n')}\r\n`;
    const bytes = enc(text);
    const fromBytes = await prepareCsv(bytes);
    const fromBlob = await prepareCsv(new Blob([bytes]));
    const papa = Papa.parse<string[]>(text, { skipEmptyLines: true }).data.length - 1;
    expect(fromBytes.records).toBe(n);
    expect(papa).toBe(n);
    expect(fromBlob.records).toBe(n);
    expect(fromBytes.broken.map((b) => b.record)).toEqual(broken);
    expect(fromBlob.broken).toEqual(fromBytes.broken);
    // The copy DuckDB reads keeps one line per record: the header, then a stand-in for each broken one.
    const copy = new TextDecoder().decode(fromBytes.data as Uint8Array);
    expect(copy).toBe(await (fromBlob.data as Blob).text());
    const copyRecords = Papa.parse<string[]>(copy, { skipEmptyLines: true }).data;
    expect(copyRecords.length - 1).toBe(n);
    expect(copyRecords.every((r) => r.length === 12)).toBe(true);
  });

  it('a clean file is handed on untouched (no copy)', async () => {
    const bytes = enc(`${HEADER}\r\n${ROWS.join('\r\n')}\r\n`);
    const p = await prepareCsv(bytes);
    expect(p.unchanged).toBe(true);
    expect(p.data).toBe(bytes);
    expect(p.records).toBe(20);
  });
});

describe('the command-line twin counts the same rows', () => {
  const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
  let dir: string;
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
      execFile(process.execPath, [TSX, 'cli/analyze.ts', ...args], { cwd: ROOT, maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
        done({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr }),
      );
    });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ingest-broken-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('rows.read of the truncated file is 20 (19 kept, 1 rejected); a ZIP is named as one', async () => {
    const c = truncatedLastLine();
    writeFileSync(join(dir, c.name), c.bytes);
    const zip = notCsvFiles()[0];
    writeFileSync(join(dir, 'crimes.zip'), zip.bytes);
    const [ok, bad] = await Promise.all([
      cli(['--input', join(dir, c.name), '--resolution', '9', '--out', '-']),
      cli(['--input', join(dir, 'crimes.zip'), '--out', '-']),
    ]);
    // Only warnings (one month of one borough: the rest of London has no data, and 1 month is too
    // few for emerging hot spots); no error.
    expect(ok.stderr.trimEnd().split('\n').every((l) => l.startsWith('analyze: warning: '))).toBe(true);
    expect(ok.code).toBe(0);
    const rows = (JSON.parse(ok.stdout) as { rows: { read: number; kept: number; rejected: number; rejectReasons: Record<string, number> } }).rows;
    expect([rows.read, rows.kept, rows.rejected]).toEqual([20, 19, 1]);
    expect(rows.rejectReasons).toEqual({ 'truncated last row': 1 });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe(`analyze: ${join(dir, 'crimes.zip')} is a ZIP archive: unzip it and load the CSV files inside\n`);
  }, 120_000);
});
