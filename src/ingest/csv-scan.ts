/**
 * A streaming RFC 4180 record scanner: finds where each record of a CSV file starts and ends,
 * counts its fields and checks its bytes are UTF-8, without building the fields. It exists so
 * that one broken record never takes a file with it, and so that "rows read" means the records
 * in the file (not physical lines, not a CSV reader's error count).
 *
 * Rules (DuckDB's reader, with quote '"' and escape '"', reads the records accepted here the same way):
 * - a record ends at an unquoted line break: `\n`, `\r\n` or `\r`; an empty line is no record;
 * - a field that starts with `"` is quoted: `""` inside is one quote, line breaks inside are data;
 *   a `"` inside an unquoted field is a plain character;
 * - the first record is the header; a record with another field count is malformed, except
 *   the file's last record cut short without a line break, which is truncated;
 * - a quote that never closes (the end of the file, text after the closing quote once the field
 *   has run over a line break, or a whole record-like line inside it) costs the lines from its
 *   record's start to the end of the line it opened on, and reading resumes on the next line:
 *   the rows after it are read as rows, not swallowed into one field.
 *
 * The file is read in chunks (`Blob.slice` in the browser), so a file of hundreds of MB is never
 * held whole; only a record that straddles two chunks is copied.
 */

/** Random access to a file's bytes: a Uint8Array (no copy) or a Blob / File (read in slices). */
export interface ByteSource {
  readonly size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

export function byteSource(data: Uint8Array | Blob): ByteSource {
  if (data instanceof Uint8Array) return { size: data.length, read: async (s, e) => data.subarray(s, e) };
  return { size: data.size, read: async (s, e) => new Uint8Array(await data.slice(s, e).arrayBuffer()) };
}

export type RecordProblem =
  /** More or fewer fields than the header. */
  | { kind: 'fields'; fields: number }
  /** The file's last record, with no line break and fewer fields than the header. */
  | { kind: 'truncated'; fields: number }
  /** A quote that never closes; `openLine` is the physical line it opened on, `column` its field (0-based). */
  | { kind: 'quote'; openLine: number; column: number }
  /** Text right after the closing quote of a field on the same line, e.g. `"a"b`. */
  | { kind: 'after-quote'; column: number };

export interface CsvRecord {
  /** 0 for the header, then 1, 2, … for the data records. */
  index: number;
  /** The physical line (1-based) the record starts on. */
  line: number;
  /** Byte offsets in the file: content [start, end), the next record from `next`. */
  start: number;
  end: number;
  next: number;
  /** The record's line break: 0 none (end of file), 1 `\n`, 2 `\r\n`, 3 `\r`. */
  terminator: 0 | 1 | 2 | 3;
  fields: number;
  problem: RecordProblem | null;
  /** Offset in the file of the first byte that is not UTF-8, or -1. */
  badByteAt: number;
  /** The content bytes [start, end): valid only during the callback. */
  readonly bytes: Uint8Array;
}

export interface ScanSummary {
  /** Data records (the header not counted). */
  records: number;
  /** Field count of the header. */
  headerFields: number;
  /** Some byte sequence was valid multi-byte UTF-8 (or the file starts with a UTF-8 byte-order mark). */
  sawUtf8: boolean;
  /** Bit set of the line breaks ending records: 1 `\n`, 2 `\r\n`, 4 `\r`. */
  terminators: number;
  /** Length of a leading UTF-8 byte-order mark (0 or 3). */
  bomLength: number;
}

/** Records longer than this are no real crime row: a quote has run away, or the file is not CSV. */
export const MAX_RECORD_BYTES = 1 << 20;
const CHUNK = 4 << 20;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** Candidate delimiters, in order of preference on a tie. */
const DELIMITERS = [0x2c, 0x3b, 0x09, 0x7c]; // , ; tab |

/** The delimiter of a file: the candidate found most often outside quotes in its first line. */
export function detectDelimiter(head: Uint8Array): number {
  const counts = new Map(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (let i = 0; i < head.length; i++) {
    const c = head[i];
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === LF || c === CR)) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = DELIMITERS[0];
  for (const d of DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Length of a valid UTF-8 sequence at `i` (2..4), 0 if invalid, -1 if it needs bytes past `len`. */
function utf8Length(b: Uint8Array, i: number, len: number): number {
  const c = b[i];
  let n: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) n = 2;
  else if (c >= 0xe0 && c <= 0xef) {
    n = 3;
    if (c === 0xe0) lo = 0xa0; // no overlong forms
    if (c === 0xed) hi = 0x9f; // no surrogates
  } else if (c >= 0xf0 && c <= 0xf4) {
    n = 4;
    if (c === 0xf0) lo = 0x90;
    if (c === 0xf4) hi = 0x8f;
  } else return 0;
  for (let k = 1; k < n; k++) {
    if (i + k >= len) return -1;
    const x = b[i + k];
    if (k === 1 ? x < lo || x > hi : x < 0x80 || x > 0xbf) return 0;
  }
  return n;
}

const NEED_MORE = false;

/**
 * Steps over the byte at `i` (>= 0x80) as the start of a UTF-8 sequence, noting in `out` the first
 * byte that is not UTF-8 and whether any multi-byte sequence was valid. `eof`: `len` ends the input,
 * so a sequence cut short there is not UTF-8. @returns the index after it, or -1 when it needs
 * bytes past `len`
 */
function stepNonAscii(out: Parsed, b: Uint8Array, i: number, len: number, eof: boolean): number {
  const n = utf8Length(b, i, len);
  if (n < 0 && !eof) return -1;
  if (n <= 0 && out.badByteAt < 0) out.badByteAt = i;
  if (n > 0) out.sawUtf8 = true;
  return i + (n > 0 ? n : 1);
}

/** One parsed record, relative to the buffer; a single instance is reused (no allocation per row). */
interface Parsed {
  end: number;
  next: number;
  terminator: 0 | 1 | 2 | 3;
  fields: number;
  /** Line breaks consumed, the terminator included. */
  lines: number;
  problem: RecordProblem | null;
  badByteAt: number;
  sawUtf8: boolean;
}

/**
 * Sets `out` to the end of the physical line holding `from` (`len` at the end of the file) and
 * the start of the next; false when that needs bytes past `len`.
 */
function toLineEnd(out: Parsed, b: Uint8Array, from: number, len: number, eof: boolean, lines: number): boolean {
  for (let i = from; i < len; i++) {
    const c = b[i];
    if (c === LF || c === CR) {
      if (c === CR && i + 1 >= len && !eof) return NEED_MORE;
      out.end = i;
      out.next = c === CR && b[i + 1] === LF ? i + 2 : i + 1;
      out.lines = lines + 1;
      return true;
    }
  }
  if (!eof) return NEED_MORE;
  out.end = len;
  out.next = len;
  out.lines = lines;
  return true;
}

/**
 * Parses the record at `pos` of `b[0, len)` into `out`, field by field (the slow path: lines with
 * quotes, lone carriage returns, or no line break in the buffer). `eof`: `len` is the end of the
 * file. `expected`: the header's field count (0 while reading the header). False: needs more bytes.
 */
function parseRecord(out: Parsed, b: Uint8Array, pos: number, len: number, eof: boolean, delim: number, expected: number): boolean {
  let i = pos;
  let fields = 1;
  let lines = 0;
  let fieldStart = true;
  const limit = pos + MAX_RECORD_BYTES;
  out.badByteAt = -1;
  out.sawUtf8 = false;
  out.terminator = 0;
  for (;;) {
    if (i >= len) {
      if (!eof) return NEED_MORE;
      out.end = i;
      out.next = i;
      out.fields = fields;
      out.lines = lines;
      out.problem = expected > 0 && fields < expected ? { kind: 'truncated', fields } : countProblem(fields, expected);
      return true;
    }
    if (i >= limit) {
      throw new Error(`a row starting at byte ${pos} is longer than ${MAX_RECORD_BYTES >> 20} MB without a line break: this is not a CSV file of rows`);
    }
    const c = b[i];
    if (fieldStart && c === QUOTE) {
      const openAt = i;
      const openLines = lines;
      const column = fields - 1;
      let crossed = false;
      let lineDelims = 0;
      let runaway = false;
      i++;
      for (;;) {
        if (i >= len) {
          if (!eof) return NEED_MORE;
          runaway = true;
          break;
        }
        if (i >= limit) {
          runaway = true;
          break;
        }
        const q = b[i];
        if (q === QUOTE) {
          if (i + 1 >= len && !eof) return NEED_MORE;
          if (b[i + 1] === QUOTE) {
            i += 2;
            continue;
          }
          i++;
          const after = i < len ? b[i] : -1;
          if (after === -1 || after === delim || after === LF || after === CR) break;
          if (crossed) {
            runaway = true;
            break;
          }
          // `"a"b` on one line: the record is refused up to the end of its line.
          if (!toLineEnd(out, b, i, len, eof, lines)) return NEED_MORE;
          out.fields = fields;
          out.problem = { kind: 'after-quote', column };
          return true;
        }
        if (q === LF || q === CR) {
          // A whole record's worth of delimiters on one line inside a quote: the quote has run
          // away over the rows after it.
          if (crossed && expected >= 3 && lineDelims >= expected - 1) {
            runaway = true;
            break;
          }
          if (q === CR) {
            if (i + 1 >= len && !eof) return NEED_MORE;
            if (b[i + 1] === LF) i++;
          }
          crossed = true;
          lineDelims = 0;
          lines++;
          i++;
          continue;
        }
        if (q === delim) lineDelims++;
        if (q >= 0x80) {
          i = stepNonAscii(out, b, i, len, eof);
          if (i < 0) return NEED_MORE;
        } else i++;
      }
      if (runaway) {
        // A quote that never closes costs the record's lines up to the end of the line it opened on.
        if (!toLineEnd(out, b, openAt, len, eof, openLines)) return NEED_MORE;
        out.fields = fields;
        out.problem = { kind: 'quote', openLine: openLines, column };
        return true;
      }
      fieldStart = false;
      continue;
    }
    if (c === delim) {
      fields++;
      fieldStart = true;
      i++;
      continue;
    }
    if (c === LF || c === CR) {
      let next = i + 1;
      let terminator: 1 | 2 | 3 = 1;
      if (c === CR) {
        if (i + 1 >= len && !eof) return NEED_MORE;
        terminator = b[i + 1] === LF ? 2 : 3;
        if (terminator === 2) next++;
      }
      out.end = i;
      out.next = next;
      out.terminator = terminator;
      out.fields = fields;
      out.lines = lines + 1;
      out.problem = countProblem(fields, expected);
      return true;
    }
    fieldStart = false;
    if (c >= 0x80) {
      i = stepNonAscii(out, b, i, len, eof);
      if (i < 0) return NEED_MORE;
    } else i++;
  }
}

/** Byte classes for the fast path: 1 delimiter, 2 line feed, 3 quote or carriage return. */
const classes = new Map<number, Uint8Array>();
function byteClasses(delim: number): Uint8Array {
  let t = classes.get(delim);
  if (!t) {
    t = new Uint8Array(256);
    t[delim] = 1;
    t[LF] = 2;
    t[QUOTE] = 3;
    t[CR] = 3;
    classes.set(delim, t);
  }
  return t;
}

/**
 * The fast path for a line with no quote and no carriage return but the one before its line
 * feed: one pass counting delimiters, UTF-8 checked only when a byte is >= 0x80. False (nothing
 * set) when the line needs the slow path or bytes past `len`.
 */
function parsePlainLine(out: Parsed, b: Uint8Array, pos: number, len: number, cls: Uint8Array, expected: number): boolean {
  let fields = 1;
  let high = 0;
  let i = pos;
  const stop = Math.min(len, pos + MAX_RECORD_BYTES);
  for (; i < stop; i++) {
    const c = b[i];
    const k = cls[c];
    if (k === 0) {
      high |= c;
      continue;
    }
    if (k === 1) fields++;
    else if (k === 2) break;
    else if (!(c === CR && b[i + 1] === LF)) return false;
  }
  if (i >= stop) return false;
  const lf = i;
  const crlf = lf > pos && b[lf - 1] === CR;
  const end = crlf ? lf - 1 : lf;
  out.badByteAt = -1;
  out.sawUtf8 = false;
  if (high & 0x80) {
    // The line ends at `end`: a sequence cut short there is not UTF-8 (as at the end of a file).
    for (let j = pos; j < end; ) j = b[j] < 0x80 ? j + 1 : stepNonAscii(out, b, j, end, true);
  }
  out.end = end;
  out.next = lf + 1;
  out.terminator = crlf ? 2 : 1;
  out.fields = fields;
  out.lines = 1;
  out.problem = countProblem(fields, expected);
  return true;
}

const countProblem = (fields: number, expected: number): RecordProblem | null =>
  expected > 0 && fields !== expected ? { kind: 'fields', fields } : null;

/**
 * Reads every record of `src` in order and hands each to `onRecord` (the header first, index 0).
 * The record object is reused: copy what must outlive the call. Throws a plain Error (to be
 * prefixed with the file's name) when the header itself is broken.
 */
export async function scanCsv(
  src: ByteSource,
  delim: number,
  onRecord: (r: CsvRecord) => void,
  onProgress?: (fraction: number) => void,
): Promise<ScanSummary> {
  let bufStart = 0;
  let buf = await src.read(0, Math.min(src.size, CHUNK));
  let eof = buf.length >= src.size;
  const bomLength = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  let pos = bomLength;
  let line = 1;
  let index = 0;
  let expected = 0;
  let sawUtf8 = bomLength > 0;
  let terminators = 0;
  const cls = byteClasses(delim);
  const out: Parsed = { end: 0, next: 0, terminator: 0, fields: 0, lines: 0, problem: null, badByteAt: -1, sawUtf8: false };
  const rec: CsvRecord = {
    index: 0, line: 0, start: 0, end: 0, next: 0, terminator: 0, fields: 0, problem: null, badByteAt: -1,
    get bytes() {
      return buf.subarray(this.start - bufStart, this.end - bufStart);
    },
  };
  const refill = async (keepFrom: number) => {
    const from = bufStart + buf.length;
    const more = await src.read(from, Math.min(src.size, from + CHUNK));
    if (keepFrom >= buf.length) buf = more;
    else {
      const joined = new Uint8Array(buf.length - keepFrom + more.length);
      joined.set(buf.subarray(keepFrom));
      joined.set(more, buf.length - keepFrom);
      buf = joined;
    }
    bufStart = from - (buf.length - more.length);
    eof = bufStart + buf.length >= src.size;
    pos = 0;
    onProgress?.(bufStart / src.size);
  };
  for (;;) {
    if (pos >= buf.length) {
      if (eof) break;
      await refill(pos);
      continue;
    }
    const c = buf[pos];
    // An empty line is no record (DuckDB skips it too).
    if (c === LF || c === CR) {
      if (c === CR && pos + 1 >= buf.length && !eof) {
        await refill(pos);
        continue;
      }
      pos += c === CR && buf[pos + 1] === LF ? 2 : 1;
      line++;
      continue;
    }
    if (!parsePlainLine(out, buf, pos, buf.length, cls, expected) && !parseRecord(out, buf, pos, buf.length, eof, delim, expected)) {
      await refill(pos);
      continue;
    }
    if (index === 0) {
      if (out.problem?.kind === 'quote' || out.problem?.kind === 'after-quote') {
        throw new Error('the header line (the column names) has a quote that is not closed properly');
      }
      expected = out.fields;
    }
    if (out.sawUtf8) sawUtf8 = true;
    if (out.terminator > 0) terminators |= out.terminator === 1 ? 1 : out.terminator === 2 ? 2 : 4;
    rec.index = index;
    rec.line = line;
    rec.start = bufStart + pos;
    rec.end = bufStart + out.end;
    rec.next = bufStart + out.next;
    rec.terminator = out.terminator;
    rec.fields = out.fields;
    rec.problem = out.problem;
    rec.badByteAt = out.badByteAt < 0 ? -1 : bufStart + out.badByteAt;
    onRecord(rec);
    line += out.lines;
    pos = out.next;
    index++;
  }
  if (index === 0) throw new Error('the file has no header line');
  onProgress?.(1);
  return { records: index - 1, headerFields: expected, sawUtf8, terminators, bomLength };
}
