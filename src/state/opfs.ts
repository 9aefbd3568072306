/**
 * Files in the browser's origin private file system (OPFS), which survives reloads and browser
 * restarts: the tasking log (./lifecycle/opfs-log.ts) and the saved data (./persist/opfs-store.ts).
 *
 * A write goes through `createWritable()`, which writes a swap file and replaces the file only on
 * `close()`: a write that fails (a full quota: `QuotaExceededError`) leaves the file as it was, or
 * absent. Sizes are read from `getFile().size`: `navigator.storage.estimate()` under-reports
 * (STACK.md section 9).
 */

/** The OPFS root. @param lost what lasts only until the page closes without it, for the error. */
export async function opfsRoot(lost: string): Promise<FileSystemDirectoryHandle> {
  if (!navigator.storage?.getDirectory) throw new Error(`this browser has no private file storage (OPFS), so ${lost}`);
  return navigator.storage.getDirectory();
}

/** A missing file or folder (or a folder where a file was asked for). */
export const notFound = (e: unknown) => e instanceof DOMException && (e.name === 'NotFoundError' || e.name === 'TypeMismatchError');

/**
 * Writes (or replaces) a file whole: nothing is replaced unless the write completes.
 * @param beforeWrite test hook, called once the swap file is open: what it throws fails the write as the browser would
 */
export async function writeFileWhole(dir: FileSystemDirectoryHandle, name: string, data: Blob | Uint8Array | string, beforeWrite?: () => void): Promise<void> {
  const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
  try {
    beforeWrite?.();
    await w.write(data as FileSystemWriteChunkType);
    await w.close();
  } catch (e) {
    await w.abort().catch(() => undefined);
    throw e;
  }
}

/** A file's contents (read lazily), or null when there is none. */
export async function readFileOrNull(dir: FileSystemDirectoryHandle, name: string): Promise<File | null> {
  try {
    return await (await dir.getFileHandle(name)).getFile();
  } catch (e) {
    if (notFound(e)) return null;
    throw e;
  }
}

/** Removes a file or (recursively) a folder, if it is there. */
export async function removeIfThere(dir: FileSystemDirectoryHandle, name: string): Promise<void> {
  try {
    await dir.removeEntry(name, { recursive: true });
  } catch (e) {
    if (!notFound(e)) throw e;
  }
}

/** A storage error in words for the panels (a full quota said plainly). */
export function storageErrorWords(e: unknown): string {
  if (e instanceof DOMException && e.name === 'QuotaExceededError') return 'the browser storage for this site is full';
  return e instanceof Error ? e.message : String(e);
}
