/**
 * Who shares a hot-spot cluster: its wards, boroughs and BCUs with their shares of its harm and
 * crimes, the lines it crosses, a proposed lead unit, a label in words, and the shared-harm
 * matrices (issue 12, items 2 to 5). Pure: the cube and the clusters in, numbers out.
 *
 * Shares follow ../shared/ANALYSIS.md ("Clusters and cross-border shares"): a unit's share is the
 * share of the cluster's harm (and, separately, crimes) whose own point lies in the unit, read
 * from the cube rows' ward and borough codes (each crime's location, `locations.ward_code` /
 * `borough_code`), never from cell centres. A BCU's crimes are those of its boroughs
 * (`cube.boroughBcu`).
 *
 * Choices ANALYSIS.md does not pin, made here:
 * - Crimes whose point lies in no unit of a level (cube code -1: outside London, or a gap in the
 *   boundaries) form an explicit entry with code {@link OUTSIDE}, so that the shares of a level
 *   always sum to 1. It is listed last, never proposed as lead, never makes a crossing by itself
 *   (the line to "nothing" is the edge of the boundaries, not a line between two units) and never
 *   enters the matrix; `outsideShare` says how much of the harm it holds.
 * - The City of London has its own police force and no BCU (`boroughBcu` null): at the BCU level
 *   it is a unit of its own, coded by its borough code, and a cluster reaching it from a Met BCU
 *   crosses a force line, which counts as crossing a BCU line.
 * - Harm shares when a cluster's harm is 0 (all its crimes weigh 0): the crime shares stand in.
 * - Lead unit: the largest harm share; ties by the larger crime share, then the smaller code.
 */
import type { CrimeCube } from './cube';
import { forEachClusterRow, type HotClusters } from './clusters.ts';

/** The code of the "outside every unit of this level" entry. */
export const OUTSIDE = 'outside';

/** A share resting on this many distinct points or fewer carries a caveat (issue 12, item 5). */
export const FEW_POINTS = 3;

export type UnitLevel = 'ward' | 'borough' | 'bcu';
export const UNIT_LEVELS: readonly UnitLevel[] = ['ward', 'borough', 'bcu'];

/** Names of units by level and code; a unit without a name is shown by its code. */
export type UnitNames = Partial<Record<UnitLevel, ReadonlyMap<string, string>>>;

/**
 * Distinct crime locations per (H3 cell, ward, borough) under the analysis filter, from
 * `clusterPointCounts` (src/db/cluster-points.ts). A location lies in exactly one cell, ward and
 * borough, so sums of these over cells and wards are counts of distinct locations.
 */
export interface CellUnitPoints {
  cell: string;
  ward: string | null;
  borough: string | null;
  points: number;
}

export type ShareCaveat =
  /** The share rests on {@link FEW_POINTS} or fewer distinct points: police.uk snaps crimes to anonymous points, which can fall across a line. */
  | 'few-points'
  /** The data are counts per aggregated cell (a source with a count column), whose point is not the crimes' own. */
  | 'aggregated';

export interface UnitShare {
  /** Unit code, or {@link OUTSIDE}. */
  code: string;
  name: string;
  crimes: number;
  harm: number;
  /** Share of the cluster's harm, 0..1 (the crime share when the cluster's harm is 0). */
  share: number;
  /** Share of the cluster's crimes, 0..1. */
  crimeShare: number;
  /** Distinct points its crimes sit on, or null when no point counts were given. */
  points: number | null;
  caveats: ShareCaveat[];
}

export type Crossing = 'none' | 'ward' | 'borough' | 'bcu';

export interface ClusterMembership {
  id: string;
  crimes: number;
  harm: number;
  /** Units per level: real units by share (descending; ties by crime share, then code), then {@link OUTSIDE}. */
  units: Record<UnitLevel, UnitShare[]>;
  /** Two or more real units of the level hold its crimes. */
  crossesWard: boolean;
  crossesBorough: boolean;
  /** A BCU or force line: such a cluster is flagged for joint tasking. */
  crossesBcu: boolean;
  /**
   * The highest line crossed: 'bcu' (BCU or force line), 'borough' (between boroughs of one BCU),
   * 'ward' (between wards of one borough) or 'none'.
   */
  crossing: Crossing;
  /**
   * Flagged for joint tasking: it crosses a BCU or force line with at least two BCU-level units
   * whose shares do not rest on {@link FEW_POINTS} or fewer points. A crossing made by one or two
   * snapped points (police.uk's anonymous map points can fall across a line) is still reported in
   * `crossesBcu`, with its caveat, but does not call two commands together. Without point counts
   * it equals `crossesBcu`.
   */
  jointTasking: boolean;
  /** Proposed lead unit code per level (null when no real unit holds its crimes). */
  lead: Record<UnitLevel, string | null>;
  /** Share of its harm outside every borough (at the edge of the boundaries). */
  outsideShare: number;
}

export interface MembershipOptions {
  names?: UnitNames;
  /** Distinct points per (cell, ward, borough); without them no share carries a few-points caveat. */
  points?: readonly CellUnitPoints[];
  /** The data are aggregated cells (a count column): every share carries the 'aggregated' caveat. */
  aggregated?: boolean;
}

export interface Tally {
  crimes: number;
  harm: number;
}

const OUTSIDE_NAMES: Record<UnitLevel, string> = {
  ward: 'outside every ward',
  borough: 'outside every borough',
  bcu: 'outside every BCU',
};

/** The BCU-level unit of a borough: its BCU, or the borough itself for a force without BCUs (the City). */
function bcuUnitOf(cube: CrimeCube, borough: number): string {
  if (borough < 0) return OUTSIDE;
  return cube.boroughBcu[borough] ?? cube.boroughs[borough];
}

export function addToTally(map: Map<string, Tally>, key: string, crimes: number, harm: number): void {
  const t = map.get(key);
  if (t) {
    t.crimes += crimes;
    t.harm += harm;
  } else map.set(key, { crimes, harm });
}

/** Largest harm share first; ties by crime share, then code; {@link OUTSIDE} always last. */
function byShare(a: UnitShare, b: UnitShare): number {
  if ((a.code === OUTSIDE) !== (b.code === OUTSIDE)) return a.code === OUTSIDE ? 1 : -1;
  return b.share - a.share || b.crimeShare - a.crimeShare || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/**
 * Distinct points per (cluster, unit code) at each level, from per-(cell, ward, borough) counts.
 * BCU-level codes come from the cube's borough → BCU table, as for the crimes.
 */
function pointsByUnit(
  cube: CrimeCube,
  clusters: HotClusters,
  points: readonly CellUnitPoints[],
): Record<UnitLevel, Map<string, number>[]> {
  const K = clusters.clusters.length;
  const out: Record<UnitLevel, Map<string, number>[]> = {
    ward: Array.from({ length: K }, () => new Map()),
    borough: Array.from({ length: K }, () => new Map()),
    bcu: Array.from({ length: K }, () => new Map()),
  };
  const clusterOfCell = new Map<string, number>();
  clusters.clusters.forEach((c, k) => c.cells.forEach((cell) => clusterOfCell.set(cell, k)));
  const boroughCode = new Map(cube.boroughs.map((b, i) => [b, i]));
  const bump = (m: Map<string, number>, key: string, n: number) => m.set(key, (m.get(key) ?? 0) + n);
  for (const p of points) {
    const k = clusterOfCell.get(p.cell);
    if (k === undefined) continue;
    const b = p.borough === null ? -1 : (boroughCode.get(p.borough) ?? -1);
    bump(out.ward[k], p.ward ?? OUTSIDE, p.points);
    bump(out.borough[k], p.borough ?? OUTSIDE, p.points);
    // A borough the cube does not know has no crimes here under the cube's codes; keep it by name.
    bump(out.bcu[k], p.borough !== null && b < 0 ? p.borough : bcuUnitOf(cube, b), p.points);
  }
  return out;
}

/**
 * The membership of every cluster (same order as `clusters.clusters`): units and shares per
 * level, crossings, lead and caveats. Definitions in the module comment.
 *
 * @throws {Error} when the clusters were found on another cube.
 * @example clusterMembership(cube, findHotClusters(input), { names })[0].units.borough
 */
export function clusterMembership(cube: CrimeCube, clusters: HotClusters, options: MembershipOptions = {}): ClusterMembership[] {
  const K = clusters.clusters.length;
  const tallies: Record<UnitLevel, Map<string, Tally>[]> = {
    ward: Array.from({ length: K }, () => new Map()),
    borough: Array.from({ length: K }, () => new Map()),
    bcu: Array.from({ length: K }, () => new Map()),
  };
  const w = clusters.harmWeights;
  forEachClusterRow(cube, clusters.clusterOfCubeCell, clusters.filter, (r, k) => {
    const crimes = cube.count[r];
    const harm = crimes * w[cube.category[r]];
    addToTally(tallies.ward[k], cube.ward[r] >= 0 ? cube.wards[cube.ward[r]] : OUTSIDE, crimes, harm);
    addToTally(tallies.borough[k], cube.borough[r] >= 0 ? cube.boroughs[cube.borough[r]] : OUTSIDE, crimes, harm);
    addToTally(tallies.bcu[k], bcuUnitOf(cube, cube.borough[r]), crimes, harm);
  });
  const pts = options.points ? pointsByUnit(cube, clusters, options.points) : null;

  return clusters.clusters.map((cluster, k) => {
    const units = {} as Record<UnitLevel, UnitShare[]>;
    const lead = {} as Record<UnitLevel, string | null>;
    const crosses = {} as Record<UnitLevel, boolean>;
    for (const level of UNIT_LEVELS) {
      const nameOf = (code: string) => (code === OUTSIDE ? OUTSIDE_NAMES[level] : unitName(options.names, level, code));
      const list = sharesOf(tallies[level][k], nameOf, pts ? pts[level][k] : null, options.aggregated ?? false);
      units[level] = list;
      const real = list.filter((u) => u.code !== OUTSIDE);
      lead[level] = real.length > 0 ? real[0].code : null;
      crosses[level] = real.length >= 2;
    }
    const crossing: Crossing = crosses.bcu ? 'bcu' : crosses.borough ? 'borough' : crosses.ward ? 'ward' : 'none';
    const outside = units.borough.find((u) => u.code === OUTSIDE);
    return {
      id: cluster.id,
      crimes: cluster.crimes,
      harm: cluster.harm,
      units,
      crossesWard: crosses.ward,
      crossesBorough: crosses.borough,
      crossesBcu: crosses.bcu,
      crossing,
      jointTasking: units.bcu.filter((u) => u.code !== OUTSIDE && !u.caveats.includes('few-points')).length >= 2,
      lead,
      outsideShare: outside?.share ?? 0,
    };
  });
}

/** A unit's name; at the BCU level a force without BCUs (the City) is named as its borough. */
function unitName(names: UnitNames | undefined, level: UnitLevel, code: string): string {
  return names?.[level]?.get(code) ?? (level === 'bcu' ? names?.borough?.get(code) : undefined) ?? code;
}

/**
 * Shares of one cluster at one level from its per-unit tally: harm share (the crime share when
 * the cluster's harm is 0), crime share, distinct points and caveats, ordered by {@link byShare}.
 * Shared with custom-areas.ts, so a user's polygons follow the same rules.
 */
export function sharesOf(
  tally: ReadonlyMap<string, Tally>,
  nameOf: (code: string) => string,
  points: ReadonlyMap<string, number> | null,
  aggregated: boolean,
): UnitShare[] {
  let crimes = 0;
  let harm = 0;
  for (const t of tally.values()) {
    crimes += t.crimes;
    harm += t.harm;
  }
  const list: UnitShare[] = [];
  for (const [code, t] of tally) {
    if (t.crimes === 0) continue;
    const crimeShare = t.crimes / crimes;
    const p = points ? (points.get(code) ?? 0) : null;
    const caveats: ShareCaveat[] = [];
    if (p !== null && p <= FEW_POINTS) caveats.push('few-points');
    if (aggregated) caveats.push('aggregated');
    list.push({ code, name: nameOf(code), crimes: t.crimes, harm: t.harm, share: harm > 0 ? t.harm / harm : crimeShare, crimeShare, points: p, caveats });
  }
  return list.sort(byShare);
}

/**
 * The clusters crossing a line of the level (two or more real units of it), by harm descending,
 * then crimes, then id: the cross-border list of issue 12, item 3.
 */
export function crossBorderClusters(memberships: readonly ClusterMembership[], level: UnitLevel): ClusterMembership[] {
  const crosses = (m: ClusterMembership) => (level === 'ward' ? m.crossesWard : level === 'borough' ? m.crossesBorough : m.crossesBcu);
  return memberships
    .filter(crosses)
    .sort((a, b) => b.harm - a.harm || b.crimes - a.crimes || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Whole percentages of shares that sum to 100 (largest remainder: floors first, then one point
 * each to the largest remainders, ties to the earlier entry), so a label never reads 101 %.
 */
export function wholePercents(shares: readonly number[]): number[] {
  const total = shares.reduce((a, b) => a + b, 0);
  if (shares.length === 0 || !(total > 0)) return shares.map(() => 0);
  const exact = shares.map((s) => (100 * s) / total);
  const out = exact.map(Math.floor);
  let left = 100 - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let q = 0; left > 0 && q < order.length; q++, left--) out[order[q].i]++;
  return out;
}

/**
 * "Name 58 % / Name 42 %" for shares, whole percentages summing to 100; units that round to 0 %
 * are counted at the end ("+ 2 under 1 %") rather than listed, so a label stays readable when a
 * few crimes are snapped across several lines.
 */
function sharesInWords(units: readonly UnitShare[], tag: (u: UnitShare) => string): string {
  const pc = wholePercents(units.map((u) => u.share));
  const shown = units.map((u, i) => `${tag(u)} ${pc[i]} %`).filter((_, i) => pc[i] > 0);
  const hidden = units.length - shown.length;
  return hidden > 0 ? `${shown.join(' / ')} + ${hidden} under 1 %` : shown.join(' / ');
}

/**
 * The cluster in words at a level: its units with their harm shares, and (for wards and
 * boroughs) the BCU it lies in, e.g. "Camden 58 % / Islington 42 %, BCU CN", or
 * "Enfield 55 % / Waltham Forest 45 %, BCUs NA 55 % / NE 45 %" across a BCU line. BCUs are
 * named by code, as the Met names them on a shared screen; the City by its name.
 */
export function membershipLabel(m: ClusterMembership, level: UnitLevel, names: UnitNames = {}): string {
  const units = m.units[level];
  if (units.length === 0) return 'no crimes';
  const head = units.length === 1 ? units[0].name : sharesInWords(units, (u) => u.name);
  if (level === 'bcu') return head;
  // A BCU by its code; a force without BCUs (the City, coded by its borough code) by its name.
  const tag = (u: UnitShare) => (u.code === OUTSIDE || names.borough?.has(u.code) ? u.name : u.code);
  const bcus = m.units.bcu;
  const real = bcus.filter((u) => u.code !== OUTSIDE);
  if (real.length === 0) return head;
  // One BCU: its code alone (the head already shows any share outside every unit).
  if (real.length === 1) return `${head}, BCU ${tag(real[0])}`;
  return `${head}, BCUs ${sharesInWords(bcus, tag)}`;
}

export interface SharedHarmMatrix {
  level: 'borough' | 'bcu';
  /** Unit codes of the rows and columns: every real unit holding crimes in a cluster, sorted. */
  units: string[];
  names: string[];
  /** harm[a][b] (symmetric, diagonal 0): see {@link sharedHarmMatrix}. */
  harm: number[][];
  /** clusters[a][b]: ids of the clusters shared by units a and b, by harm descending (ties by id). */
  clusters: string[][][];
  /** Per unit, its harm in clusters no other real unit shares (crimes outside every unit left out, as in `harm`). */
  within: number[];
}

/**
 * Borough × borough or BCU × BCU shared harm (issue 12, item 4). For units a ≠ b, over the
 * clusters in which both hold crimes: the harm whose points lie in a or in b. For a cluster of two
 * units that is its whole harm (less any share outside every unit); for a cluster of three or more
 * units each pair gets only its own two parts, so a matrix cell never holds a third unit's harm,
 * and a row sums to more than the unit's shared harm when one of its clusters has three units.
 * (ANALYSIS.md does not define the matrix; this is the choice made here.)
 */
export function sharedHarmMatrix(memberships: readonly ClusterMembership[], level: 'borough' | 'bcu'): SharedHarmMatrix {
  const codes = new Map<string, string>();
  for (const m of memberships) for (const u of m.units[level]) if (u.code !== OUTSIDE) codes.set(u.code, u.name);
  const units = [...codes.keys()].sort();
  const index = new Map(units.map((u, i) => [u, i]));
  const k = units.length;
  const harm = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const lists: { id: string; harm: number }[][][] = Array.from({ length: k }, () => Array.from({ length: k }, () => []));
  const within = new Array<number>(k).fill(0);
  for (const m of memberships) {
    const real = m.units[level].filter((u) => u.code !== OUTSIDE);
    if (real.length === 1) within[index.get(real[0].code)!] += real[0].harm;
    for (let x = 0; x < real.length; x++) {
      for (let y = x + 1; y < real.length; y++) {
        const a = index.get(real[x].code)!;
        const b = index.get(real[y].code)!;
        const h = real[x].harm + real[y].harm;
        harm[a][b] += h;
        harm[b][a] += h;
        lists[a][b].push({ id: m.id, harm: m.harm });
        lists[b][a].push({ id: m.id, harm: m.harm });
      }
    }
  }
  const clusters = lists.map((row) =>
    row.map((l) => l.sort((p, q) => q.harm - p.harm || (p.id < q.id ? -1 : p.id > q.id ? 1 : 0)).map((c) => c.id)),
  );
  return { level, units, names: units.map((u) => codes.get(u)!), harm, clusters, within };
}
