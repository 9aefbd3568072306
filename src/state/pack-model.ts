/**
 * The meeting pack (issue 14, item 4): a print layout of the tasking meeting's view on A4 or A3
 * landscape. The pack is not a view of its own, so it is not in the link: it prints the view the
 * link holds. While it is open the page is marked `body[data-print=pack]`, and the print styles
 * (src/ui/pack/pack.css) hide the app and print the pack alone; printing with the browser's own
 * command (Ctrl+P) while it is closed opens it first (`beforeprint`), so the screen layout (a
 * WebGL map cropped to a corner and a grey second page) is never what prints.
 *
 * Every page of the pack is one sheet: long tables are cut into sheets of whole rows by their
 * estimated heights (./pack-layout.ts), so no row is split across sheets and the page count is
 * known before printing (`packPlan`).
 */
import { type Accessor, createSignal } from 'solid-js';

export type PackPaper = 'a4' | 'a3';

export interface PaperLayout {
  label: string;
  /** A site's weekly visit schedule is printed in full up to this many planned cells (else the first day). */
  scheduleCells: number;
}

export const PAPERS: Record<PackPaper, PaperLayout> = {
  a4: { label: 'A4 landscape', scheduleCells: 16 },
  a3: { label: 'A3 landscape', scheduleCells: 30 },
};

/** The pack's sheets in order: what each holds. */
export type PackPage =
  | { kind: 'cover' }
  | { kind: 'proposals'; from: number; to: number; part: number; parts: number }
  | { kind: 'cross-border'; from: number; to: number; part: number; parts: number }
  | { kind: 'matrix'; level: 'borough' | 'bcu' }
  | { kind: 'site'; index: number };

/**
 * The sheets of a pack: the cover (title, as at, data range, filters, map, legend, scale bar),
 * the ranked proposals, the cross-border clusters (each table cut into [from, to) slices of rows
 * by ./pack-layout.ts `sheetsByHeight`), the shared-harm matrices (borough, then BCU), then one
 * sheet a site in rank order. Off the hot spot layers there are no proposals or clusters
 * (`tables` null): the cover alone, which says so.
 */
export function packPlan(tables: { proposals: readonly [number, number][]; crossBorder: readonly [number, number][] } | null, sites: number): PackPage[] {
  if (tables === null) return [{ kind: 'cover' }];
  const sheets = (slices: readonly [number, number][], kind: 'proposals' | 'cross-border') =>
    slices.map(([from, to], k) => ({ kind, from, to, part: k + 1, parts: slices.length }));
  return [
    { kind: 'cover' },
    ...sheets(tables.proposals, 'proposals'),
    ...sheets(tables.crossBorder, 'cross-border'),
    { kind: 'matrix', level: 'borough' },
    { kind: 'matrix', level: 'bcu' },
    ...Array.from({ length: sites }, (_, index) => ({ kind: 'site' as const, index })),
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
