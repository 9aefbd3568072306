/**
 * The meeting pack (issue 14, item 4): a print layout of the tasking meeting's view on A4 or A3
 * landscape. The pack is not a view of its own, so it is not in the link: it prints the view the
 * link holds. While it is open the page is marked `body[data-print=pack]`, and the print styles
 * (src/ui/pack/pack.css) hide the app and print the pack alone; printing with the browser's own
 * command (Ctrl+P) while it is closed opens it first (`beforeprint`), so the screen layout (a
 * WebGL map cropped to a corner and a grey second page) is never what prints.
 *
 * Every page of the pack is one sheet: long tables are cut into pages here, a fixed number of
 * rows a sheet for each paper, so no row is split across sheets and the page count is known
 * before printing (`packPlan`).
 */
import { type Accessor, createSignal } from 'solid-js';

export type PackPaper = 'a4' | 'a3';

export interface PaperLayout {
  label: string;
  /** Ranked proposals a sheet (one table row each, reasons included). */
  proposalRows: number;
  /** Cross-border clusters a sheet. */
  crossBorderRows: number;
  /** A site's weekly visit schedule is printed in full up to this many planned cells (else the first day). */
  scheduleCells: number;
}

/** Rows a sheet, set so the longest rows of the default data (three lines of reasons) still fit. */
export const PAPERS: Record<PackPaper, PaperLayout> = {
  a4: { label: 'A4 landscape', proposalRows: 12, crossBorderRows: 6, scheduleCells: 16 },
  a3: { label: 'A3 landscape', proposalRows: 20, crossBorderRows: 10, scheduleCells: 30 },
};

/** The pack's sheets in order: what each holds. */
export type PackPage =
  | { kind: 'cover' }
  | { kind: 'proposals'; from: number; to: number; part: number; parts: number }
  | { kind: 'cross-border'; from: number; to: number; part: number; parts: number }
  | { kind: 'matrix'; level: 'borough' | 'bcu' }
  | { kind: 'site'; index: number };

/** [from, to) slices of `n` items, `per` a slice; one empty slice when n is 0 (the page says there are none). */
export function pageSlices(n: number, per: number): [number, number][] {
  if (!(Number.isInteger(n) && n >= 0)) throw new Error(`pageSlices: ${n} items is not a whole number ≥ 0`);
  if (!(Number.isInteger(per) && per >= 1)) throw new Error(`pageSlices: ${per} a page is not a whole number ≥ 1`);
  if (n === 0) return [[0, 0]];
  return Array.from({ length: Math.ceil(n / per) }, (_, k) => [k * per, Math.min(n, (k + 1) * per)]);
}

/**
 * The sheets of a pack: the cover (title, as at, data range, filters, map, legend, scale bar),
 * the ranked proposals, the cross-border clusters, the shared-harm matrices (borough, then BCU),
 * then one sheet a site in rank order.
 */
export function packPlan(proposals: number, crossBorder: number, paper: PackPaper): PackPage[] {
  const p = PAPERS[paper];
  const slices = (n: number, per: number, kind: 'proposals' | 'cross-border') =>
    pageSlices(n, per).map(([from, to], k, all) => ({ kind, from, to, part: k + 1, parts: all.length }));
  return [
    { kind: 'cover' },
    ...slices(proposals, p.proposalRows, 'proposals'),
    ...slices(crossBorder, p.crossBorderRows, 'cross-border'),
    { kind: 'matrix', level: 'borough' },
    { kind: 'matrix', level: 'bcu' },
    ...Array.from({ length: proposals }, (_, index) => ({ kind: 'site' as const, index })),
  ];
}

/** A scale bar: a round length (1, 2 or 5 × 10^k metres) and its length in the drawing's units. */
export interface ScaleBar {
  metres: number;
  units: number;
  label: string;
}

/**
 * The longest round length that fits in `maxUnits` of a drawing whose unit is `metresPerUnit`
 * metres on the ground: the bar is drawn in the drawing's own units, so it stays true at whatever
 * size the drawing is printed.
 */
export function scaleBar(metresPerUnit: number, maxUnits: number): ScaleBar {
  if (!(metresPerUnit > 0 && Number.isFinite(metresPerUnit))) throw new Error(`scaleBar: ${metresPerUnit} metres a unit is not a positive number`);
  if (!(maxUnits > 0)) throw new Error(`scaleBar: ${maxUnits} units is no room for a bar`);
  const most = metresPerUnit * maxUnits;
  const pow = 10 ** Math.floor(Math.log10(most));
  const metres = [5, 2, 1].map((m) => m * pow).find((m) => m <= most + 1e-9)!;
  const label = metres >= 1000 ? `${metres / 1000} km` : `${metres} m`;
  return { metres, units: metres / metresPerUnit, label };
}

export interface PackModel {
  /** The pack is shown (over the app on screen; alone when printed). */
  open: Accessor<boolean>;
  paper: Accessor<PackPaper>;
  setPaper(p: PackPaper): void;
  openPack(): void;
  close(): void;
  /** Opens the pack and prints it with the browser's print. */
  print(): void;
}

/** The pack's open state and paper, and the page's print hooks (module comment). */
export function createPackModel(): PackModel {
  const [open, setOpen] = createSignal(false);
  const [paper, setPaper] = createSignal<PackPaper>('a4');
  /** Opened by the browser's own print command: closed again after it. */
  let openedForPrint = false;
  const show = (on: boolean) => {
    setOpen(on);
    if (on) document.body.dataset.print = 'pack';
    else if (document.body.dataset.print === 'pack') delete document.body.dataset.print;
  };
  window.addEventListener('beforeprint', () => {
    // Another sheet (the mission sheet, a ward profile) asked to print: leave it.
    if (document.body.dataset.print && document.body.dataset.print !== 'pack') return;
    if (!open()) {
      openedForPrint = true;
      show(true);
    }
  });
  window.addEventListener('afterprint', () => {
    if (openedForPrint) show(false);
    openedForPrint = false;
    // A sheet's mark is for one print: after it, the browser's print command is the pack's again.
    if (document.body.dataset.print !== 'pack') delete document.body.dataset.print;
  });
  return {
    open,
    paper,
    setPaper,
    openPack: () => show(true),
    close: () => show(false),
    print() {
      show(true);
      window.print();
    },
  };
}
