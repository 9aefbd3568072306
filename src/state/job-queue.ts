/**
 * One database job at a time, in the order asked for.
 *
 * Every piece of work that touches DuckDB's tables in several statements (loading a file, building
 * the cube, restarting after a crash) runs through one queue. DuckDB-WASM answers one statement at a
 * time, but a job is many statements sharing staging tables (`stg`, `norm`, `cube_rows`, …): two
 * jobs interleaved corrupt each other. That is how a resolution change during the first load made
 * the legend count 8x the crimes (two cube builds filled one dictionary table twice), and how a file
 * chosen while the embedded data loaded replaced it.
 *
 * The queue is framework-free (the app model mirrors its state into a Solid signal), so the
 * command-line twin and the unit tests can use it too.
 */

export interface QueuedJob {
  readonly id: number;
  /** What the job does, in words the Data panel can show ("Loading thefts.csv"). */
  readonly label: string;
  /** Jobs with the same key coalesce while waiting (see {@link JobQueue.runLatest}). */
  readonly key: string | null;
}

export interface JobQueueState {
  running: QueuedJob | null;
  waiting: QueuedJob[];
}

type Listener = (state: JobQueueState) => void;

interface Entry extends QueuedJob {
  start: () => void;
  promise: Promise<unknown>;
}

export class JobQueue {
  private readonly waiting: Entry[] = [];
  private running: Entry | null = null;
  private nextId = 1;
  private readonly listeners = new Set<Listener>();

  /** Runs `fn` after every job queued before it; its result or error goes to the caller. */
  run<T>(label: string, fn: () => Promise<T>, key: string | null = null): Promise<T> {
    let start!: () => void;
    const promise = new Promise<T>((resolve, reject) => {
      start = () => {
        // The queue moves on before the caller hears back, so a caller that checks idle() sees
        // its own job gone. A synchronous throw inside fn becomes a rejection like any other.
        Promise.resolve()
          .then(fn)
          .then(
            (v) => {
              this.finish();
              resolve(v);
            },
            (e: unknown) => {
              this.finish();
              reject(e);
            },
          );
      };
    });
    this.waiting.push({ id: this.nextId++, label, key, start, promise });
    this.pump();
    return promise;
  }

  /**
   * Like {@link run}, but when a job with the same key is already waiting (not yet running) this
   * call joins it instead of queueing another: the job reads the latest wishes when it starts, so
   * ten quick resolution changes cost at most one running and one waiting cube build.
   */
  runLatest<T>(key: string, label: string, fn: () => Promise<T>): Promise<T> {
    const queued = this.waiting.find((e) => e.key === key);
    if (queued) return queued.promise as Promise<T>;
    return this.run(label, fn, key);
  }

  state(): JobQueueState {
    const strip = ({ id, label, key }: Entry): QueuedJob => ({ id, label, key });
    return { running: this.running && strip(this.running), waiting: this.waiting.map(strip) };
  }

  /** True when nothing runs or waits. */
  idle(): boolean {
    return this.running === null && this.waiting.length === 0;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private finish(): void {
    this.running = null;
    this.pump();
  }

  private pump(): void {
    if (this.running === null) {
      const next = this.waiting.shift();
      if (next) {
        this.running = next;
        next.start();
      }
    }
    const s = this.state();
    for (const l of this.listeners) l(s);
  }
}
