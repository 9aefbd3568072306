/**
 * A web worker that stopped: DuckDB's (its WebAssembly ran out of memory or aborted) or the
 * ingest worker (parquet-wasm, h3-js, proj4). Its work in flight is lost, so whatever was being
 * loaded is rolled back and the worker is started afresh (src/state/app-model.ts).
 */
export type WorkerName = 'duckdb' | 'ingest';

const WORKER_WORDS: Record<WorkerName, string> = {
  duckdb: "DuckDB's worker (the in-browser database)",
  ingest: 'The ingest worker (file decoding and map lookups)',
};

export class WorkerDiedError extends Error {
  override readonly name = 'WorkerDiedError';
  constructor(
    readonly worker: WorkerName,
    /** What the browser said, if anything ("Out of memory", "Aborted(OOM)"). */
    readonly detail: string,
  ) {
    super(`${WORKER_WORDS[worker]} stopped${detail ? `: ${detail}` : ''}`);
  }
}

/**
 * True for errors after which a WebAssembly instance cannot be trusted: an Emscripten abort,
 * a trap or a failed memory growth. DuckDB's own "Out of Memory Error" is not one of them: it
 * fails the statement and the database goes on.
 */
export function isFatalWasmError(e: unknown): boolean {
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return /RuntimeError|Aborted\(|memory access out of bounds|unreachable executed|Cannot enlarge memory|WebAssembly\.Memory/i.test(msg);
}

/**
 * Watches a Worker for the error event a crash raises and races each call against it, so a call
 * in flight when the worker dies rejects with {@link WorkerDiedError} instead of waiting forever
 * (AsyncDuckDB's own error handler drops its pending requests without settling them).
 */
export function watchWorker(worker: Worker, name: WorkerName) {
  let died: WorkerDiedError | null = null;
  let reject!: (e: WorkerDiedError) => void;
  const death = new Promise<never>((_, r) => (reject = r));
  death.catch(() => undefined);
  const listeners = new Set<(e: WorkerDiedError) => void>();
  const kill = (detail: string) => {
    if (died) return;
    died = new WorkerDiedError(name, detail);
    worker.terminate();
    reject(died);
    for (const l of listeners) l(died);
  };
  worker.addEventListener('error', (ev: ErrorEvent) => {
    ev.preventDefault();
    kill(ev.message || 'the worker crashed');
  });
  return {
    get died(): WorkerDiedError | null {
      return died;
    },
    /** Settles like `p`, unless the worker dies first. */
    guard<T>(p: Promise<T>): Promise<T> {
      return died ? Promise.reject(died) : Promise.race([p, death]);
    },
    onDeath(l: (e: WorkerDiedError) => void): void {
      listeners.add(l);
    },
    /** Ends the worker as a crash would (an unusable wasm instance, or fault injection in tests). */
    kill,
  };
}
