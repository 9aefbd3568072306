/**
 * The saved data's files in the browser's origin private file system (OPFS), in one folder
 * (`saved-data/`) beside the tasking log (`tasking-log.json`, src/state/lifecycle/opfs-log.ts).
 *
 * Each file is written through `createWritable()`, which writes a swap file and replaces the
 * file only on `close()`: a write that fails (a full quota: `QuotaExceededError`) leaves the
 * file as it was, or absent. Sizes are read from `getFile().size`: `navigator.storage.estimate()`
 * under-reports (STACK.md section 9).
 */

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

async function root(): Promise<FileSystemDirectoryHandle> {
  if (!navigator.storage?.getDirectory) throw new Error('this browser has no private file storage (OPFS): loaded data lasts only until the page closes');
  return navigator.storage.getDirectory();
}

const notFound = (e: unknown) => e instanceof DOMException && (e.name === 'NotFoundError' || e.name === 'TypeMismatchError');

/**
 * @param failWrite test hook: called before each write; what it throws fails that write as the
 *   browser would (the browser tests make it throw a QuotaExceededError).
 */
export function opfsFileStore(failWrite: (name: string) => void = () => {}): FileStore {
  const dir = async () => (await root()).getDirectoryHandle(SAVED_DIR, { create: true });
  return {
    async write(name, data) {
      const handle = await (await dir()).getFileHandle(name, { create: true });
      const w = await handle.createWritable();
      try {
        failWrite(name);
        await w.write(data as FileSystemWriteChunkType);
        await w.close();
      } catch (e) {
        await w.abort().catch(() => undefined);
        throw e;
      }
    },
    async read(name) {
      try {
        return await (await (await dir()).getFileHandle(name)).getFile();
      } catch (e) {
        if (notFound(e)) return null;
        throw e;
      }
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
      try {
        await (await dir()).removeEntry(name);
      } catch (e) {
        if (!notFound(e)) throw e;
      }
    },
    async removeAll() {
      try {
        await (await root()).removeEntry(SAVED_DIR, { recursive: true });
      } catch (e) {
        if (!notFound(e)) throw e;
      }
    },
  };
}

/** Size of a file at the OPFS root (the tasking log), 0 when there is none. */
export async function rootFileSize(name: string): Promise<number> {
  try {
    return (await (await (await root()).getFileHandle(name)).getFile()).size;
  } catch (e) {
    if (notFound(e)) return 0;
    throw e;
  }
}

/** Removes a file at the OPFS root (the tasking log), if it is there. */
export async function removeRootFile(name: string): Promise<void> {
  try {
    await (await root()).removeEntry(name);
  } catch (e) {
    if (!notFound(e)) throw e;
  }
}
