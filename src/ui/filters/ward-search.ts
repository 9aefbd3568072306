/**
 * Finding a ward by typing (issue 11, item 4): London has 704 wards, too many for one list, and
 * names repeat across boroughs (several "Abbey"s), so every ward is shown with its borough. Pure:
 * no DOM, no Solid; the type-ahead (WardSearch.tsx) calls it on every keystroke.
 */
import type { FeatureCollection } from 'geojson';

export interface WardEntry {
  code: string;
  name: string;
  boroughName: string;
}

/** A ward with its name, borough and code folded for matching (see {@link foldText}). */
export interface PreparedWard extends WardEntry {
  label: string;
  folded: string;
  nameWords: string[];
  boroughWords: string[];
  foldedCode: string;
}

export interface WardMatches {
  /** The best matches, best first, at most `limit`. */
  wards: PreparedWard[];
  /** How many wards match in all. */
  total: number;
}

/**
 * How well a ward matches, best first. Name matches come before borough matches, so "Abbey"
 * lists the wards called Abbey before any ward of a borough whose name holds "abbey".
 */
const Rank = { ExactName: 0, NameStart: 1, NameWordStarts: 2, NameSubstring: 3, NameOrBoroughWordStarts: 4, CodeStart: 5 } as const;
type Rank = (typeof Rank)[keyof typeof Rank];

/**
 * Text as matching sees it: accents and case dropped ("Sainte-Hélène" -> "sainte helene"),
 * apostrophes removed so "kings cross" finds "King's Cross", any other run of punctuation or
 * spaces one space.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "Stockwell West and Larkhall — Lambeth": how a ward is listed and shown on its chip. */
export function wardLabel(w: WardEntry): string {
  return w.boroughName ? `${w.name} — ${w.boroughName}` : w.name;
}

/**
 * The wards of a boundary layer: properties `code`, `name` and `boroughName` (the borough's code,
 * `borough`, when it has no name). Features without a code or name are skipped.
 */
export function wardEntries(fc: FeatureCollection | null | undefined): WardEntry[] {
  const out: WardEntry[] = [];
  for (const f of fc?.features ?? []) {
    const p = f.properties ?? {};
    const code = typeof p.code === 'string' ? p.code : '';
    const name = typeof p.name === 'string' ? p.name : '';
    if (!code || !name) continue;
    const boroughName = typeof p.boroughName === 'string' && p.boroughName ? p.boroughName : typeof p.borough === 'string' ? p.borough : '';
    out.push({ code, name, boroughName });
  }
  return out;
}

/** Folds each ward once (a keystroke then only folds the query). */
export function prepareWards(entries: readonly WardEntry[]): PreparedWard[] {
  return entries.map((w) => {
    const folded = foldText(w.name);
    return {
      ...w,
      label: wardLabel(w),
      folded,
      nameWords: folded.split(' '),
      boroughWords: foldText(w.boroughName).split(' '),
      foldedCode: foldText(w.code),
    };
  });
}

function rankOf(w: PreparedWard, q: string, tokens: string[]): Rank | null {
  const startsWord = (words: string[]) => (t: string) => words.some((word) => word.startsWith(t));
  if (w.folded === q) return Rank.ExactName;
  if (w.folded.startsWith(q)) return Rank.NameStart;
  if (tokens.every(startsWord(w.nameWords))) return Rank.NameWordStarts;
  if (w.folded.includes(q)) return Rank.NameSubstring;
  const words = [...w.nameWords, ...w.boroughWords];
  if (tokens.every(startsWord(words))) return Rank.NameOrBoroughWordStarts;
  if (/\d/.test(q) && w.foldedCode.startsWith(q.replace(/ /g, ''))) return Rank.CodeStart;
  return null;
}

/**
 * The wards matching what was typed, best first: the exact name, then names starting with it,
 * then names with every typed word starting one of their words ("st west" finds "Stockwell West
 * and Larkhall"), then names holding it anywhere ("well" finds "Stockwell"), then wards whose name
 * and borough words together start with every typed word ("abbey barking", or "lambeth" for all
 * of Lambeth's wards), then a ward code starting with it. Within a rank, by name then borough.
 * Case, accents and punctuation are ignored. An empty query matches nothing.
 *
 * @param exclude codes left out (the wards already chosen)
 * @example matchWards(prepareWards(entries), 'stockw').wards[0].label // "Stockwell East — Lambeth"
 */
export function matchWards(wards: readonly PreparedWard[], query: string, options: { limit?: number; exclude?: ReadonlySet<string> } = {}): WardMatches {
  const q = foldText(query);
  if (!q) return { wards: [], total: 0 };
  const tokens = q.split(' ');
  const hits: { w: PreparedWard; rank: Rank }[] = [];
  for (const w of wards) {
    if (options.exclude?.has(w.code)) continue;
    const rank = rankOf(w, q, tokens);
    if (rank !== null) hits.push({ w, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || a.w.name.localeCompare(b.w.name, 'en-GB') || a.w.boroughName.localeCompare(b.w.boroughName, 'en-GB'));
  const limit = options.limit ?? hits.length;
  return { wards: hits.slice(0, limit).map((h) => h.w), total: hits.length };
}
