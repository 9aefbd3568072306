/** Read-side queries over the `rejects` table for the rejects viewer. */
import type { DbClient } from './client';

export interface RejectRow {
  file_name: string;
  source_row: number | null;
  reason: string;
  detail: string | null;
  raw: string | null;
}

/** Reject counts by reason over every loaded file. */
export function rejectSummary(db: DbClient): Promise<{ reason: string; n: number }[]> {
  return db.rows('SELECT reason, count(*)::INT AS n FROM rejects GROUP BY reason ORDER BY n DESC, reason');
}

/** One page of rejects, optionally of one reason, in file and row order. */
export function listRejects(db: DbClient, opts: { reason: string | null; offset: number; limit: number }): Promise<RejectRow[]> {
  // Two statements rather than `? IS NULL OR ...`: DuckDB-WASM's prepared statements do not bind a JS null.
  const cols = 'SELECT file_name, source_row, reason, detail, raw FROM rejects';
  const page = 'ORDER BY source_id, source_row LIMIT ? OFFSET ?';
  return opts.reason === null
    ? db.rows<RejectRow>(`${cols} ${page}`, [opts.limit, opts.offset])
    : db.rows<RejectRow>(`${cols} WHERE reason = ? ${page}`, [opts.reason, opts.limit, opts.offset]);
}
