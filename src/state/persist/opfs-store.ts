/**
 * The saved data's files in the browser's origin private file system (OPFS), in one folder
 * (`saved-data/`) beside the tasking log (`tasking-log.json`, src/state/lifecycle/opfs-log.ts);
 * each written whole or not at all, sizes from the files themselves (../opfs.ts).
 */
import { opfsRoot, readFileOrNull, removeIfThere, writeFileWhole } from '../opfs';

export const SAVED_DIR = 'saved-data';

export interface FileStore {
  /** Writes (or replaces) a file. @throws the browser's error (a DOMException named QuotaExceededError when full) */
  write(name: string, data: Blob | Uint8Array | string): Promise<void>;
  /** A file's contents as a File (read lazily), or null when there is none. */
  read(name: string): Promise<File | null>;
  /** Every file and its size in bytes. */
  list(): Promise<{ name: string; size: number }[]>;
  remove(name: string): Promise<void>;
  /** Removes the folder and everything in it. */
  removeAll(): Promise<void>;
}

const root = () => opfsRoot('loaded data lasts only until the page closes');

/**
 * @param failWrite test hook: called before each write; what it throws fails that write as the
 *   browser would (the browser tests make it throw a QuotaExceededError).
 */
export function opfsFileStore(failWrite: (name: string) => void = () => {}): FileStore {
  const dir = async () => (await root()).getDirectoryHandle(SAVED_DIR, { create: true });
  return {
    async write(name, data) {
      await writeFileWhole(await dir(), name, data, () => failWrite(name));
    },
    async read(name) {
      return readFileOrNull(await dir(), name);
    },
    async list() {
      const out: { name: string; size: number }[] = [];
      const d = await dir();
      for await (const [name, h] of (d as unknown as { entries(): AsyncIterable<[string, FileSystemHandle]> }).entries()) {
        if (h.kind === 'file') out.push({ name, size: (await (h as FileSystemFileHandle).getFile()).size });
      }
      return out;
    },
    async remove(name) {
      await removeIfThere(await dir(), name);
    },
    async removeAll() {
      await removeIfThere(await root(), SAVED_DIR);
    },
  };
}

/** Size of a file at the OPFS root (the tasking log), 0 when there is none. */
export async function rootFileSize(name: string): Promise<number> {
  return (await readFileOrNull(await root(), name))?.size ?? 0;
}

/** Removes a file at the OPFS root (the tasking log), if it is there. */
export async function removeRootFile(name: string): Promise<void> {
  await removeIfThere(await root(), name);
}
