/**
 * The user's harm-weight edits kept in the browser (localStorage: a few dozen bytes), so that they
 * survive a reload and a new visit, not only a link that carries them.
 *
 * The rule, where a link and the saved edits disagree: **a link that says `hw=` wins**: it is
 * opened as it says (someone shared those weights on purpose), and it does not overwrite the
 * saved edits until the user edits a weight. A link without `hw=` gets the saved edits (the link
 * then carries them). Clearing the saved data (the Data panel) forgets them.
 */
import { ALL_CATEGORIES } from '../../analysis/categories';

export const HARM_EDITS_KEY = 'hotspot.harmEdits';

/** The saved edits (category name -> days), or {} when none are saved or the stored text is damaged. */
export function savedHarmEdits(storage: Pick<Storage, 'getItem'> | null = safeStorage()): Record<string, number> {
  const text = storage?.getItem(HARM_EDITS_KEY);
  if (!text) return {};
  try {
    const j = JSON.parse(text) as unknown;
    if (typeof j !== 'object' || j === null || Array.isArray(j)) return {};
    return Object.fromEntries(Object.entries(j).filter(([k, v]) => ALL_CATEGORIES.includes(k) && typeof v === 'number' && Number.isFinite(v) && v >= 0));
  } catch {
    return {};
  }
}

/** Saves the edits ({} forgets them). Storage that refuses (private mode, full) is ignored: the link still carries them. */
export function saveHarmEdits(edits: Record<string, number>, storage: Pick<Storage, 'setItem' | 'removeItem'> | null = safeStorage()): void {
  try {
    if (Object.keys(edits).length === 0) storage?.removeItem(HARM_EDITS_KEY);
    else storage?.setItem(HARM_EDITS_KEY, JSON.stringify(edits));
  } catch {
    // nothing more to do: the edits are in the view and the link
  }
}

/** The harm edits to open with: the link's when it has `hw=`, else the saved ones. */
export function openingHarmEdits(search: string, linked: Record<string, number>, saved: Record<string, number>): Record<string, number> {
  return new URLSearchParams(search).has('hw') ? linked : saved;
}

function safeStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
