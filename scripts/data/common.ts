/**
 * Helpers shared by the data build (scripts/build-data.ts and scripts/data/*): input errors,
 * SQL literals for native DuckDB, number formatting, CSV parsing.
 */
import { existsSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';

/** Error for a missing or malformed input: the CLI prints its message on one line. */
export class InputError extends Error {}

export function need(path: string, what: string): string {
  if (!existsSync(path)) throw new InputError(`missing input ${what}: ${path}`);
  return path;
}

export function sqlString(s: string): string {
  return `'${s.replaceAll("'", "''")}'`;
}

export function ident(s: string): string {
  return `"${s.replaceAll('"', '""')}"`;
}

export function fmt(n: number): string {
  return n.toLocaleString('en-GB');
}

export async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJson() as Record<string, unknown>[];
}

export async function scalar(conn: DuckDBConnection, sql: string): Promise<number> {
  const r = await rows(conn, sql);
  const v = r[0] ? Object.values(r[0])[0] : undefined;
  return Number(v);
}

/** Minimal CSV parser (RFC 4180 quotes), enough for the BCU and ward tables. */
export function parseCsv(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.length > 1 || row[0] !== '') out.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    out.push(row);
  }
  return out;
}
/** Parses a CSV with a header row into records, checking the wanted columns are there. */
export function readCsvRecords(text: string, path: string, want: readonly string[]): Record<string, string>[] {
  const [header, ...body] = parseCsv(text);
  if (!header || want.some((w) => !header.includes(w))) {
    throw new InputError(`${path}: expected columns ${want.join(', ')}`);
  }
  return body.map((r) => {
    const o: Record<string, string> = {};
    header.forEach((h, i) => (o[h] = (r[i] ?? '').trim()));
    return o;
  });
}
