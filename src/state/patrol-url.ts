/**
 * The patrol plan's own state (issue 13, item 4), as plain data kept in the link beside the view:
 * whether the plan is open, the area drawn by the inspector (if any), the weekly budget, and the
 * cells added to or removed from the area's. Pure: no Solid, no DOM, so it is unit-tested.
 *
 * Link parameters: `patrol=1` (the plan is open), `pbudget=<hours a week>`, `plasso=<lon>,<lat>;…`
 * (the drawn polygon, 5 decimals, about 1 m), `padd=<h3>.<h3>` and `prm=<h3>.<h3>`.
 */
import { isValidCell, polygonToCells } from 'h3-js';

/** A drawn polygon's ring: [longitude, latitude] pairs, not closed (the first point is not repeated). */
export type LassoRing = [number, number][];

export interface PatrolState {
  open: boolean;
  /** Officer hours a week the plan may use; null = every cell of the area is planned. */
  budget: number | null;
  /** The inspector's drawn area; null = the view's area (one ward or one borough). */
  lasso: LassoRing | null;
  /** Cells added to the area's, and the area's cells taken out (both sorted, never overlapping). */
  added: string[];
  removed: string[];
}

/** Three officers' worth of visits: 6 cells at 15 minutes twice a day every day (3.5 hours a cell). */
export const DEFAULT_BUDGET_HOURS = 21;

export const EMPTY_PATROL: Readonly<PatrolState> = Object.freeze({ open: false, budget: DEFAULT_BUDGET_HOURS, lasso: null, added: [], removed: [] });

/** Longest budget accepted from a link: every hour of a week for 100 officers. */
const MAX_BUDGET = 16_800;

const round5 = (x: number) => Math.round(x * 1e5) / 1e5 + 0;

/** The link parameters of a plan state (empty when it is the closed default). */
export function encodePatrol(s: PatrolState): URLSearchParams {
  const p = new URLSearchParams();
  if (s.open) p.set('patrol', '1');
  if (s.budget !== DEFAULT_BUDGET_HOURS) p.set('pbudget', s.budget === null ? 'none' : String(s.budget));
  if (s.lasso) p.set('plasso', s.lasso.map(([x, y]) => `${round5(x)},${round5(y)}`).join(';'));
  if (s.added.length > 0) p.set('padd', s.added.join('.'));
  if (s.removed.length > 0) p.set('prm', s.removed.join('.'));
  return p;
}

/** Reads a plan state from a link; anything malformed falls back to its default. */
export function decodePatrol(search: string): PatrolState {
  const p = new URLSearchParams(search);
  const cells = (k: string) => [...new Set((p.get(k) ?? '').split('.').filter((c) => c && isValidCell(c)))].sort();
  const b = p.get('pbudget');
  const n = Number(b);
  const budget = b === null ? DEFAULT_BUDGET_HOURS : b === 'none' ? null : Number.isFinite(n) && n >= 0 && n <= MAX_BUDGET ? n : DEFAULT_BUDGET_HOURS;
  const added = cells('padd');
  const removed = cells('prm').filter((c) => !added.includes(c));
  return { open: p.get('patrol') === '1', budget, lasso: decodeLasso(p.get('plasso')), added, removed };
}

function decodeLasso(v: string | null): LassoRing | null {
  if (!v) return null;
  const ring: LassoRing = [];
  for (const pair of v.split(';')) {
    const [x, y] = pair.split(',').map(Number);
    if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) return null;
    ring.push([x, y]);
  }
  return ring.length >= 3 ? ring : null;
}

/**
 * The view's query (which never holds the plan's parameters) with the plan's appended; the
 * view's own text is kept as it is, so the plan changes nothing of how the view is written.
 */
export function withPatrolParams(viewQuery: string, s: PatrolState): string {
  const extra = encodePatrol(s).toString();
  return extra === '' ? viewQuery : viewQuery === '' ? extra : `${viewQuery}&${extra}`;
}

/**
 * The cells of a drawn polygon at a resolution: those whose centre lies inside (h3-js
 * polygonToCells, centre containment, as the study area is built). Sorted.
 */
export function lassoCells(ring: LassoRing, resolution: number): string[] {
  if (ring.length < 3) return [];
  return polygonToCells(ring, resolution, true).sort();
}

/** The plan's candidate cells: the area's, without those removed, with those added. Sorted. */
export function candidateCells(areaCells: readonly string[], s: Pick<PatrolState, 'added' | 'removed'>): string[] {
  const removed = new Set(s.removed);
  const out = new Set(areaCells.filter((c) => !removed.has(c)));
  for (const c of s.added) out.add(c);
  return [...out].sort();
}

/**
 * One click on a cell: a cell in the plan is taken out, one not in it is put in. Edits are kept
 * as differences from the area's cells, so a cell of the area put back is simply no longer removed.
 */
export function toggleCell(s: PatrolState, cell: string, areaCells: ReadonlySet<string>): PatrolState {
  const inArea = areaCells.has(cell);
  const inPlan = inArea ? !s.removed.includes(cell) : s.added.includes(cell);
  const without = (xs: string[]) => xs.filter((c) => c !== cell);
  const plus = (xs: string[]) => [...xs, cell].sort();
  if (inPlan) return inArea ? { ...s, removed: plus(s.removed) } : { ...s, added: without(s.added) };
  return inArea ? { ...s, removed: without(s.removed) } : { ...s, added: plus(s.added) };
}

/**
 * Lassoed cells on top of an existing area: every one of them goes into the plan (a removed
 * cell of the area comes back, any other is added).
 */
export function addCells(s: PatrolState, cells: readonly string[], areaCells: ReadonlySet<string>): PatrolState {
  const put = new Set(cells);
  const removed = s.removed.filter((c) => !put.has(c));
  const added = new Set(s.added);
  for (const c of cells) if (!areaCells.has(c)) added.add(c);
  return { ...s, removed, added: [...added].sort() };
}
