/**
 * Parquet to Arrow IPC with parquet-wasm, one stream per row group. Shared by the browser's
 * ingest worker and Node; each passes its own parquet-wasm build (ESM or Node).
 */
import type * as ParquetWasm from 'parquet-wasm/node';

type ParquetModule = Pick<typeof ParquetWasm, 'readParquet' | 'ParquetFile'>;

export async function parquetRowGroupsToIPC(pq: ParquetModule, bytes: Uint8Array): Promise<Uint8Array[]> {
  const file = await pq.ParquetFile.fromFile(new Blob([bytes as Uint8Array<ArrayBuffer>]));
  const groups = file.metadata().numRowGroups();
  file.free();
  const out: Uint8Array[] = [];
  for (let g = 0; g < groups; g++) out.push(pq.readParquet(bytes, { rowGroups: [g] }).intoIPCStream());
  return out;
}
