/**
 * Keeps the tasking log in the browser's origin private file system (OPFS), which survives
 * reloads and browser restarts. The whole log is rewritten on each change through
 * `createWritable()`, which writes to a swap file and replaces the old file only on `close()`:
 * a failed write (a full quota) leaves the last saved log whole.
 */
import { type LifecycleEvent } from './events';
import { parseLog, serializeLog } from './log-file';

export const LOG_FILE_NAME = 'tasking-log.json';

export interface LogStorage {
  /** The saved events (none before the first save). @throws {Error} when storage cannot be read or the file is damaged. */
  load(): Promise<LifecycleEvent[]>;
  /** Replaces the saved log. @throws {Error} when it cannot be written (nothing saved before is lost). */
  save(events: readonly LifecycleEvent[]): Promise<void>;
}

async function root(): Promise<FileSystemDirectoryHandle> {
  if (!navigator.storage?.getDirectory) throw new Error('this browser has no private file storage (OPFS), so decisions last only until the page closes');
  return navigator.storage.getDirectory();
}

export function opfsLogStorage(name = LOG_FILE_NAME): LogStorage {
  return {
    async load() {
      const dir = await root();
      let handle: FileSystemFileHandle;
      try {
        handle = await dir.getFileHandle(name);
      } catch (e) {
        if (e instanceof DOMException && e.name === 'NotFoundError') return [];
        throw e;
      }
      const text = await (await handle.getFile()).text();
      return text.trim() === '' ? [] : parseLog(text);
    },
    async save(events) {
      const dir = await root();
      const handle = await dir.getFileHandle(name, { create: true });
      const w = await handle.createWritable();
      try {
        await w.write(serializeLog(events));
        await w.close();
      } catch (e) {
        await w.abort().catch(() => undefined);
        throw e;
      }
    },
  };
}

/** A storage error in words for the panel (a full quota said plainly). */
export function storageErrorWords(e: unknown): string {
  if (e instanceof DOMException && e.name === 'QuotaExceededError') return 'the browser storage for this site is full';
  return e instanceof Error ? e.message : String(e);
}
