/**
 * Builds an Arrow IPC stream from plain columns with a given Arrow module.
 *
 * The module is passed in because DuckDB-WASM must receive tables built by the very Arrow
 * copy it uses (STACK.md section 7: a second copy silently inserts nothing). The browser
 * passes its ESM `apache-arrow`; Node passes the CJS copy that duckdb-node-blocking requires.
 */
import type * as Arrow from 'apache-arrow';
import type { ColumnData } from './client';

export type ArrowModule = Pick<typeof Arrow, 'vectorFromArray' | 'Utf8' | 'makeVector' | 'tableToIPC' | 'Table'>;

export function columnsToIPC(arrow: ArrowModule, columns: Record<string, ColumnData>): Uint8Array {
  const vectors: Record<string, Arrow.Vector> = {};
  for (const [name, data] of Object.entries(columns)) {
    if (Array.isArray(data)) {
      // Plain Utf8: tableFromArrays would infer a Dictionary, which DuckDB turns into an ENUM.
      vectors[name] = arrow.vectorFromArray(data, new arrow.Utf8());
    } else {
      vectors[name] = arrow.makeVector(data as Float64Array);
    }
  }
  return arrow.tableToIPC(new arrow.Table(vectors), 'stream');
}
