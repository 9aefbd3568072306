/**
 * Keeps the tasking log in the browser's origin private file system (OPFS), which survives
 * reloads and browser restarts. The whole log is rewritten on each change, replacing the old file
 * only when the write completes (../opfs.ts): a failed write (a full quota) leaves the last saved log whole.
 */
import { type LifecycleEvent } from './events';
import { parseLog, serializeLog } from './log-file';
import { opfsRoot, readFileOrNull, writeFileWhole } from '../opfs';

export const LOG_FILE_NAME = 'tasking-log.json';

export interface LogStorage {
  /** The saved events (none before the first save). @throws {Error} when storage cannot be read or the file is damaged. */
  load(): Promise<LifecycleEvent[]>;
  /** Replaces the saved log. @throws {Error} when it cannot be written (nothing saved before is lost). */
  save(events: readonly LifecycleEvent[]): Promise<void>;
}

const root = () => opfsRoot('decisions last only until the page closes');

export function opfsLogStorage(name = LOG_FILE_NAME): LogStorage {
  return {
    async load() {
      const file = await readFileOrNull(await root(), name);
      const text = file ? await file.text() : '';
      return text.trim() === '' ? [] : parseLog(text);
    },
    async save(events) {
      await writeFileWhole(await root(), name, serializeLog(events));
    },
  };
}
