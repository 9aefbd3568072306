/**
 * How the meeting pack's tables are cut into sheets (issue 14, item 4: "no cropped map, no blank
 * page", and no table row split across sheets). Each row's height is estimated from its text:
 * the columns have fixed widths (`table-layout: fixed`, fractions below), each cell's text is
 * word-wrapped at the characters a line its width holds, and the row is as tall as its tallest
 * cell. Rows then fill sheets greedily up to the table's height on a sheet. Pure, so it is
 * unit-tested; the browser test checks on the real data that no sheet holds more than it shows.
 *
 * The estimate is deliberately pessimistic: a character is taken as 0.58 em wide, as wide as
 * DejaVu Sans's average (the sans-serif of Debian's Chromium; most system fonts are narrower), so
 * a sheet may end a row early but does not overflow.
 */
import type { PackPaper } from './pack-model';

const PT_MM = 25.4 / 72;
/** Average character width, em (pessimistic: module comment). */
const CHAR_EM = 0.58;
const LINE_EM = 1.3;
/** A cell's padding and border, mm, top and bottom together. */
const ROW_PAD_MM = 1.6;

export interface SheetMetrics {
  /** Body text size, pt. */
  fontPt: number;
  /** The sheet's content box, mm (the paper less margins and a little slack: src/ui/pack/pack.css). */
  widthMm: number;
  heightMm: number;
  /** The footer and the sheet's heading, mm. */
  chromeMm: number;
}

export const SHEET_METRICS: Record<PackPaper, SheetMetrics> = {
  a4: { fontPt: 8.5, widthMm: 273, heightMm: 186, chromeMm: 14 },
  a3: { fontPt: 10.5, widthMm: 396, heightMm: 273, chromeMm: 16 },
};

/** A table's columns as fractions of the sheet's width (the widths pack.css's colgroups give). */
export const PROPOSAL_COLUMNS = { rank: 0.03, phase: 0.06, site: 0.22, harm: 0.08, crimes: 0.06, hot: 0.07, why: 0.34, decision: 0.14 } as const;
export const CROSS_BORDER_COLUMNS = { rank: 0.03, cluster: 0.27, crossing: 0.12, harm: 0.08, crimes: 0.07, lead: 0.1, caveats: 0.33 } as const;

/** Lines `text` takes when wrapped at word boundaries into lines of `chars` characters (a longer word is broken). */
export function wrappedLines(text: string, chars: number): number {
  if (!(Number.isInteger(chars) && chars >= 1)) throw new Error(`wrappedLines: ${chars} characters a line is not a whole number ≥ 1`);
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return 1;
  let lines = 1;
  let used = 0;
  for (const w of words) {
    const need = used === 0 ? w.length : used + 1 + w.length;
    if (need <= chars) {
      used = need;
      continue;
    }
    if (used > 0) lines++;
    lines += Math.ceil(w.length / chars) - 1;
    used = w.length % chars || chars;
  }
  return lines;
}

/** Characters a line of a column `fraction` of the sheet's width holds, at `scale` × the body text size. */
export function columnChars(fraction: number, paper: PackPaper, scale = 1): number {
  const m = SHEET_METRICS[paper];
  const charMm = m.fontPt * scale * PT_MM * CHAR_EM;
  return Math.max(1, Math.floor((fraction * m.widthMm - 2.4) / charMm));
}

/** A paragraph of a cell: text at the body size, or at `scale` × it (small print). */
export type CellParagraph = string | { text: string; scale: number };

/** One cell: its paragraphs (each starts a line) and its column's width fraction. */
export interface CellText {
  paragraphs: readonly CellParagraph[];
  fraction: number;
}

/** A row's height, mm: its tallest cell (its paragraphs' lines × their line heights), plus padding. */
export function rowHeightMm(cells: readonly CellText[], paper: PackPaper): number {
  const m = SHEET_METRICS[paper];
  let tallest = 0;
  for (const c of cells) {
    let h = 0;
    for (const p of c.paragraphs) {
      const [text, scale] = typeof p === 'string' ? [p, 1] : [p.text, p.scale];
      h += wrappedLines(text, columnChars(c.fraction, paper, scale)) * m.fontPt * scale * PT_MM * LINE_EM;
    }
    tallest = Math.max(tallest, h);
  }
  return tallest + ROW_PAD_MM;
}

/** Height, mm, of full-width text above a table on a sheet (a summary paragraph), paragraph margins included. */
export function paragraphHeightMm(text: string, paper: PackPaper): number {
  const m = SHEET_METRICS[paper];
  return wrappedLines(text, columnChars(1, paper)) * m.fontPt * PT_MM * LINE_EM + 1.5;
}

/** The height a table has on a sheet, mm, after the sheet's heading, footer and anything else above it. */
export function tableBudgetMm(paper: PackPaper, aboveMm = 0): number {
  const m = SHEET_METRICS[paper];
  return m.heightMm - m.chromeMm - aboveMm;
}

/**
 * Cuts rows into sheets: [from, to) slices, each the most rows (at least one) whose heights and
 * the table's header fit `budgetMm`. No rows: one empty slice (the sheet says there are none).
 */
export function sheetsByHeight(heights: readonly number[], headerMm: number, budgetMm: number): [number, number][] {
  if (!(budgetMm > headerMm)) throw new Error(`sheetsByHeight: a budget of ${budgetMm} mm leaves no room under a ${headerMm} mm header`);
  if (heights.length === 0) return [[0, 0]];
  const out: [number, number][] = [];
  let from = 0;
  let used = headerMm;
  heights.forEach((h, i) => {
    if (!(h > 0)) throw new Error(`sheetsByHeight: row ${i} has height ${h}`);
    if (i > from && used + h > budgetMm) {
      out.push([from, i]);
      from = i;
      used = headerMm;
    }
    used += h;
  });
  out.push([from, heights.length]);
  return out;
}
