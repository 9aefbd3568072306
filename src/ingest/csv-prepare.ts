/**
 * Makes a CSV file safe for DuckDB's reader: every record accounted for before DuckDB sees it.
 *
 * Pass 1 scans the records (csv-scan.ts): their number is the file's "rows read", and each broken
 * one (field count, truncated last row, a quote that never closes, bytes that are not UTF-8) is
 * noted with its reason. When the file is clean it goes to DuckDB as it is (a browser File is not
 * copied). Otherwise pass 2 writes a copy in which each broken record is replaced by an empty row
 * of the header's width, so that DuckDB's row k is still the file's record k, and line breaks are
 * made uniform (DuckDB's reader fails on a file that mixes them). The broken records go to
 * `rejects` with their raw text; the empty rows standing in for them are never checked or kept.
 *
 * Encoding: UTF-8, unless no byte sequence of the file is multi-byte UTF-8 and some are not UTF-8
 * at all: then the file is Windows-1252 (Latin-1 as Excel on Windows saves it, e.g. '£' as 0xA3)
 * and the copy is transcoded to UTF-8. In a UTF-8 file, a record with bytes that are not UTF-8 is
 * refused alone.
 */
import { REJECT_REASONS } from '../db/schema';
import { byteSource, type CsvRecord, detectDelimiter, type RecordProblem, scanCsv } from './csv-scan';
import { windows1252ToUtf8 } from './windows-1252';

export interface BrokenRecord {
  /** The record's number among the data records (1-based; the header is not counted). */
  record: number;
  line: number;
  reason: string;
  detail: string;
  raw: string;
}

export interface PreparedCsv {
  /** What DuckDB should read: the file itself, or the repaired copy. */
  data: Uint8Array | Blob;
  /** The original bytes or File, untouched (nothing to repair). */
  unchanged: boolean;
  delimiter: string;
  /** Data records in the file: kept + rejected must come to this. */
  records: number;
  broken: BrokenRecord[];
  encoding: 'utf-8' | 'windows-1252';
}

/** Raw text kept per refused record, so one runaway record cannot fill the rejects table. */
const RAW_LIMIT = 4096;
const OUT_CHUNK = 1 << 20;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

function describe(p: RecordProblem, line: number, headerFields: number, columns: string[]): { reason: string; detail: string } {
  const col = (i: number) => (columns[i] ? `"${columns[i]}"` : `number ${i + 1}`);
  switch (p.kind) {
    case 'fields':
      return { reason: REJECT_REASONS.malformed, detail: `line ${line}: ${plural(p.fields, 'field')}, header has ${headerFields}` };
    case 'truncated':
      return {
        reason: REJECT_REASONS.truncated,
        detail: `line ${line}: the file ends inside this row (${p.fields} of ${headerFields} fields, no line break)`,
      };
    case 'quote':
      return {
        reason: REJECT_REASONS.unterminatedQuote,
        detail: `the quote (") that opens column ${col(p.column)} on line ${p.openLine} is never closed; reading went on at the next line`,
      };
    case 'after-quote':
      return { reason: REJECT_REASONS.malformed, detail: `line ${line}: text follows the closing quote (") of column ${col(p.column)}` };
  }
}

/** Splits the header record's bytes into column names (only for messages). */
function headerNames(bytes: Uint8Array, delim: number, decode: (b: Uint8Array) => string): string[] {
  const text = decode(bytes);
  const d = String.fromCharCode(delim);
  const names: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      if (quoted && text[i + 1] === '"') {
        cur += '"';
        i++;
      } else quoted = !quoted;
    } else if (ch === d && !quoted) {
      names.push(cur);
      cur = '';
    } else cur += ch;
  }
  names.push(cur);
  return names;
}

/** Collects output bytes: a Uint8Array in Node, a Blob built from parts in the browser. */
class Sink {
  private parts: Uint8Array[] = [];
  private blob: Blob | null = null;
  private held = 0;
  private buf = new Uint8Array(OUT_CHUNK);
  private n = 0;
  constructor(
    private readonly asBlob: boolean,
    private readonly transcode: ((b: Uint8Array) => Uint8Array) | null,
  ) {}

  write(b: Uint8Array): void {
    if (this.n + b.length > this.buf.length) this.flush();
    if (b.length > this.buf.length) {
      this.push(b.slice());
      return;
    }
    this.buf.set(b, this.n);
    this.n += b.length;
  }

  private flush(): void {
    if (this.n === 0) return;
    this.push(this.buf.slice(0, this.n));
    this.n = 0;
  }

  private push(b: Uint8Array): void {
    const out = this.transcode ? this.transcode(b) : b;
    this.parts.push(out);
    this.held += out.length;
    // A Blob made of Blobs references them: folding the parts in now and then lets the
    // browser move them out of the JavaScript heap while a large file is copied.
    if (this.asBlob && this.held > 32 << 20) {
      this.blob = new Blob(this.blob ? [this.blob, ...(this.parts as BlobPart[])] : (this.parts as BlobPart[]));
      this.parts = [];
      this.held = 0;
    }
  }

  finish(): Uint8Array | Blob {
    this.flush();
    if (this.asBlob) return new Blob(this.blob ? [this.blob, ...(this.parts as BlobPart[])] : (this.parts as BlobPart[]));
    const out = new Uint8Array(this.parts.reduce((a, p) => a + p.length, 0));
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

/**
 * Scans a CSV file and, when some records are broken, builds the copy DuckDB should read.
 * Throws a plain Error (without the file name) when the file has no readable header.
 */
export async function prepareCsv(data: Uint8Array | Blob, onProgress?: (fraction: number) => void): Promise<PreparedCsv> {
  const src = byteSource(data);
  const delim = detectDelimiter(await src.read(0, Math.min(src.size, 65536)));

  // Pass 1: count, and find the broken records (by number) and those with bytes that are not UTF-8.
  const problems = new Map<number, { line: number; problem: RecordProblem }>();
  const notUtf8 = new Map<number, { line: number; byte: number; offset: number }>();
  let headerBytes: Uint8Array = new Uint8Array();
  const summary = await scanCsv(
    src,
    delim,
    (r) => {
      if (r.index === 0) headerBytes = r.bytes.slice();
      if (r.problem) problems.set(r.index, { line: r.line, problem: quoteLineAbsolute(r) });
      else if (r.badByteAt >= 0 && r.index > 0) notUtf8.set(r.index, { line: r.line, byte: r.bytes[r.badByteAt - r.start], offset: r.badByteAt - r.start });
    },
    onProgress && ((f) => onProgress(f * 0.5)),
  );
  const encoding = notUtf8.size > 0 && !summary.sawUtf8 ? 'windows-1252' : 'utf-8';
  const utf8 = new TextDecoder();
  const transcode = encoding === 'windows-1252' ? windows1252ToUtf8 : null;
  const decode = (b: Uint8Array) => utf8.decode(transcode ? transcode(b) : b);
  const columns = headerNames(headerBytes, delim, decode);
  const mixedBreaks = (summary.terminators & (summary.terminators - 1)) !== 0;
  const brokenCount = problems.size + (encoding === 'utf-8' ? notUtf8.size : 0);
  const base = { delimiter: String.fromCharCode(delim), records: summary.records, encoding } as const;
  if (brokenCount === 0 && encoding === 'utf-8' && !mixedBreaks) return { ...base, data, unchanged: true, broken: [] };

  // Pass 2: the copy, with an empty row of the header's width for each broken record.
  const placeholder = new TextEncoder().encode(`""${String.fromCharCode(delim).repeat(summary.headerFields - 1)}\n`);
  const newline = Uint8Array.of(0x0a);
  const sink = new Sink(!(data instanceof Uint8Array), transcode);
  const broken: BrokenRecord[] = [];
  const raw = (r: CsvRecord) => {
    const text = decode(r.bytes.subarray(0, RAW_LIMIT));
    return r.bytes.length > RAW_LIMIT ? `${text}…` : text;
  };
  await scanCsv(
    src,
    delim,
    (r) => {
      const p = problems.get(r.index);
      const u = encoding === 'utf-8' ? notUtf8.get(r.index) : undefined;
      if (p) {
        broken.push({ record: r.index, line: r.line, ...describe(p.problem, r.line, summary.headerFields, columns), raw: raw(r) });
        sink.write(placeholder);
      } else if (u) {
        broken.push({
          record: r.index, line: r.line, reason: REJECT_REASONS.notUtf8,
          detail: `line ${r.line}: byte ${u.offset + 1} of the row (0x${u.byte.toString(16).toUpperCase().padStart(2, "0")}) is not UTF-8 text`,
          raw: raw(r),
        });
        sink.write(placeholder);
      } else {
        sink.write(r.bytes);
        sink.write(newline);
      }
    },
    onProgress && ((f) => onProgress(0.5 + f * 0.5)),
  );
  return { ...base, data: sink.finish(), unchanged: false, broken };
}

/** The scanner gives a quote's line relative to its record; messages want the file's line. */
function quoteLineAbsolute(r: CsvRecord): RecordProblem {
  const p = r.problem!;
  return p.kind === 'quote' ? { ...p, openLine: r.line + p.openLine } : p;
}
