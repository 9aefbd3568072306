/**
 * Byte-for-byte copies of pinned input files. Each input is identified by its size, its git blob
 * id (the id GitHub shows for the file at the commit named in ../shared/data/SOURCES.md) and its
 * SHA-256, so a changed or truncated input stops the build instead of shipping silently.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InputError, need } from './common.ts';

export interface PinnedFile {
  bytes: number;
  /** git's object id: SHA-1 of `blob <size>\0` followed by the content. */
  gitBlob: string;
  sha256: string;
}

export interface VerifiedCopy extends PinnedFile {
  file: string;
}

export function gitBlobId(content: Uint8Array): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex');
}

export function sha256(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Checks `src` against its pins, copies it to `dst` and checks the copy reads back identical. */
export function copyVerified(src: string, dst: string, pinned: PinnedFile, what: string): VerifiedCopy {
  const a = readFileSync(need(src, what));
  const got: PinnedFile = { bytes: a.length, gitBlob: gitBlobId(a), sha256: sha256(a) };
  for (const k of ['bytes', 'gitBlob', 'sha256'] as const) {
    if (got[k] !== pinned[k]) {
      throw new InputError(`${src}: ${k} is ${got[k]}, expected ${pinned[k]} (not the pinned ${what})`);
    }
  }
  mkdirSync(dirname(dst), { recursive: true });
  rmSync(dst, { force: true }); // an earlier copy may be read-only
  writeFileSync(dst, a);
  if (!readFileSync(dst).equals(a)) throw new Error(`copy of ${src} differs`);
  return { file: dst, ...got };
}
