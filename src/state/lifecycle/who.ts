/**
 * The name decisions are recorded under: asked once and kept in this browser (localStorage, not
 * the log, so clearing or importing a log never changes who is at the keyboard).
 */
const KEY = 'hotspot-tasking-who';

export function rememberedName(): string | null {
  try {
    return globalThis.localStorage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}

export function rememberName(name: string): void {
  try {
    globalThis.localStorage?.setItem(KEY, name);
  } catch {
    // Storage refused (private mode): the name lasts for this page.
  }
}
