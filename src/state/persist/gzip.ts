/**
 * gzip through the platform's own CompressionStream (browsers and Node 18+). Measured on the
 * default data here: its crimes table as Arrow IPC, 64.8 MB, becomes 7.1 MB in 1.2 s (in the
 * background save) and comes back in 0.26 s, against 0.08 s to read it uncompressed: the saved copy
 * takes a ninth of the space for a quarter second more before "ready" (the map does not wait).
 */
export async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** @throws {TypeError} when the data is not gzip or is cut short */
export async function gunzip(data: Blob): Promise<Uint8Array> {
  return new Uint8Array(await new Response(data.stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
}
