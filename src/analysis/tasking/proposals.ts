/**
 * Clear/Hold/Build proposals (issue 13, item 1): candidate sites built from the hot-spot clusters
 * (clusters.ts, ANALYSIS.md "Clusters and cross-border shares"), a site joining neighbouring
 * clusters, ranked by harm and persistence, each with its numbers, a recommended phase with
 * reasons (rules.ts), a displacement check and a patrol plan (patrol.ts). Pure.
 *
 * Choices ANALYSIS.md does not pin, made here:
 * - A site is "an estate or a few wards holding several micro hot spots" (issue 13), at most
 *   `maxSiteAreaKm2` (default 6 km², about three London wards). A cluster larger than that (in
 *   central London one cluster at resolution 9 covers 70 km² and twelve boroughs) is cut into
 *   pieces first: each cell goes with its main ward (the ward holding most of its harm, then
 *   crimes; cells without crimes form pieces of their own), and a piece is a ring-1 connected run
 *   of cells of one ward. Smaller clusters are one piece each.
 * - Neighbouring pieces: a cell of one lies within `joinRings` H3 grid steps of a cell of the
 *   other (grid distance ≤ joinRings). Distinct clusters are ring-1 components, so they are at
 *   least 2 steps apart; pieces of one cluster touch (1 step). The default 3 joins clusters with
 *   at most two cells between them (at resolution 9, cells about 350 m across: a few hundred
 *   metres). Pairs are joined nearest first (ties: the larger combined harm, then the order), as
 *   long as the joined site stays within `maxSiteAreaKm2`, so that joining cannot chain across a
 *   city.
 * - A site's id is its smallest cell, as a cluster's; its months hot are the months in which any
 *   of its cells was hot at the cluster level (the space-time FDR bins clusters.ts reads for
 *   `monthsHot`), over the clusters' window.
 * - A site whose cells hold no crime in the window (a piece of crime-free cells of a large
 *   cluster, hot only through its neighbours, that joined nothing) is not proposed.
 * - Ranking: harm × (months hot ÷ months in the window), largest first; ties by harm, then id.
 *   Harm, not counts, is the size of the problem, and a site hot every month outranks one of
 *   equal harm hot once (issue 13: "ranked by harm and persistence, not counts").
 * - Concentration: the site's harm as a share of the harm of the boroughs holding its crimes,
 *   against its area as a share of theirs (for a site in one borough, exactly "its share of its
 *   borough's harm against its share of the borough's area"): a PAI of the site within them.
 */
import { cellArea, cellsToMultiPolygon, gridDisk, gridRing } from 'h3-js';
import { clusterMembership, type ClusterMembership, type CellUnitPoints, type UnitNames } from '../borders.ts';
import { type HotCluster, type HotClusters, spaceTimeBins } from '../clusters.ts';
import { cellCode, type CrimeCube, type CubeFilter } from '../cube';
import { EMERGING_CATEGORIES, type EmergingCategory } from '../emerging.ts';
import type { HotspotResult, StudyArea } from '../hotspots.ts';
import { crimeCategoriesOn, cellFacts, monthlyHarmOf } from './cube-reads.ts';
import { matchSites, type SiteCells } from './site-match.ts';
import { type CellFacts, type PatrolPlanForResult, patrolPlanFor, type PatrolRanking, type PatrolSettings } from './patrol.ts';
import {
  type Displacement,
  displacementCheck,
  type Phase,
  type PhaseRecommendation,
  recommendPhase,
  type SeriesTrend,
  seriesTrend,
  sitePattern,
  taskingSettings,
  type TaskingSettings,
} from './rules.ts';

/** How clusters join into sites. */
export interface SiteSettings {
  /** Two pieces are neighbours within this many grid steps (≥ 1). */
  joinRings: number;
  /** No site is larger than this, km²: larger clusters are cut by ward, and joins stop here. */
  maxSiteAreaKm2: number;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = { joinRings: 3, maxSiteAreaKm2: 6 };

export interface ProposalInput {
  cube: CrimeCube;
  study: StudyArea;
  /** The hotspot result the clusters were found in (its space-time bins give the months hot). */
  hotspots: HotspotResult;
  /** `findHotClusters(...)`: its filter, harm weights and level are the proposals' too. */
  clusters: HotClusters;
  /** The study area's patrol ranking (`patrolPlan` of priority-backtest.ts). */
  ranking: PatrolRanking;
  /** Area of each borough, km² (for concentration); a site touching a borough missing here has concentration null. */
  boroughAreaKm2?: ReadonlyMap<string, number>;
  names?: UnitNames;
  points?: readonly CellUnitPoints[];
  aggregated?: boolean;
  /** Each site's current phase by site id (the lifecycle's); a site not listed has none (null). */
  currentPhase?: ReadonlyMap<string, Phase>;
  /**
   * Sites decided on before (the lifecycle log's), with their cells when decided: a proposed site
   * over the same place takes the known site's id (site-match.ts), so its decisions and phase stay
   * with it when its cells change with new data or other settings.
   */
  knownSites?: readonly SiteCells[];
  tasking?: Partial<TaskingSettings>;
  sites?: Partial<SiteSettings>;
  patrol?: Partial<PatrolSettings>;
}

export interface Concentration {
  boroughs: string[];
  /** Site harm ÷ the boroughs' harm. */
  harmShare: number;
  /** Site area ÷ the boroughs' area. */
  areaShare: number;
  /** harmShare ÷ areaShare (null when undefined). */
  ratio: number | null;
}

export interface CrimeTypeHarm {
  category: string;
  crimes: number;
  harm: number;
}

export interface Proposal {
  id: string;
  /** 1 = first. */
  rank: number;
  /** harm × months hot ÷ months: the ranking key. */
  score: number;
  cells: string[];
  /** Ids of the clusters it holds (all or part of each). */
  clusters: string[];
  areaKm2: number;
  harm: number;
  crimes: number;
  concentration: Concentration | null;
  /** Monthly harm over the window, oldest first, and its trend. */
  monthlyHarm: number[];
  trend: SeriesTrend;
  /** The site's own pattern (rules.ts `sitePattern`) and its cells' emerging mix (null when not computed). */
  pattern: EmergingCategory;
  emerging: { category: EmergingCategory; cells: number }[] | null;
  /** Crime types by harm (descending). */
  crimeTypes: CrimeTypeHarm[];
  monthsHot: string[];
  months: number;
  membership: ClusterMembership;
  phase: PhaseRecommendation;
  displacement: Displacement & { ringCells: number };
  patrol: PatrolPlanForResult;
}

export interface TaskingProposals {
  proposals: Proposal[];
  settings: { tasking: TaskingSettings; sites: SiteSettings };
  months: string[];
}

/** A part of a cluster that joins into sites (a whole cluster, or one ward's run of an oversized one). */
export interface SitePiece {
  /** Its cells, sorted. */
  cells: string[];
  harm: number;
  areaKm2: number;
  /** Index of its cluster. */
  cluster: number;
}

/** Union-find with the area of each set. */
class Sites {
  parent: number[];
  area: number[];
  constructor(areas: number[]) {
    this.parent = areas.map((_, i) => i);
    this.area = [...areas];
  }
  find(i: number): number {
    while (this.parent[i] !== i) i = this.parent[i] = this.parent[this.parent[i]];
    return i;
  }
}

/**
 * Groups pieces (indices) into sites by the joining rule of the module comment.
 * @returns each site as a list of piece indices, ascending, sites in order of their first piece.
 */
export function joinClusters(pieces: readonly Pick<SitePiece, 'cells' | 'harm' | 'areaKm2'>[], s: SiteSettings = DEFAULT_SITE_SETTINGS): number[][] {
  if (!(Number.isInteger(s.joinRings) && s.joinRings >= 1)) throw new Error(`joinClusters: joinRings = ${s.joinRings} is not a whole number ≥ 1`);
  if (!(s.maxSiteAreaKm2 > 0)) throw new Error(`joinClusters: maxSiteAreaKm2 = ${s.maxSiteAreaKm2} is not above 0`);
  const owner = new Map<string, number>();
  pieces.forEach((c, k) => c.cells.forEach((cell) => owner.set(cell, k)));
  // Nearest grid distance of each pair within joinRings, found ring by ring outward.
  const distance = new Map<string, { a: number; b: number; d: number }>();
  pieces.forEach((c, a) => {
    for (const cell of c.cells) {
      for (let d = 1; d <= s.joinRings; d++) {
        for (const near of gridRing(cell, d)) {
          const b = owner.get(near);
          if (b === undefined || b <= a) continue;
          const key = `${a},${b}`;
          const seen = distance.get(key);
          if (!seen || d < seen.d) distance.set(key, { a, b, d });
        }
      }
    }
  });
  const pairs = [...distance.values()].sort(
    (x, y) => x.d - y.d || pieces[y.a].harm + pieces[y.b].harm - (pieces[x.a].harm + pieces[x.b].harm) || x.a - y.a || x.b - y.b,
  );
  const sites = new Sites(pieces.map((c) => c.areaKm2));
  for (const { a, b } of pairs) {
    const ra = sites.find(a);
    const rb = sites.find(b);
    if (ra === rb || sites.area[ra] + sites.area[rb] > s.maxSiteAreaKm2 + 1e-12) continue;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    sites.parent[child] = root;
    sites.area[root] += sites.area[child];
  }
  const groups = new Map<number, number[]>();
  pieces.forEach((_, k) => {
    const r = sites.find(k);
    groups.set(r, [...(groups.get(r) ?? []), k]);
  });
  return [...groups.values()].sort((x, y) => x[0] - y[0]);
}

/**
 * Each cell's main ward: the ward code (index into cube.wards) holding most of its harm over the
 * filter, then most crimes, then the smaller code; -1 for a cell without crimes in any ward.
 */
export function mainWards(cube: CrimeCube, filter: CubeFilter, harmWeights: ArrayLike<number>, cells: readonly string[]): Map<string, number> {
  const on = crimeCategoriesOn(cube, filter);
  const out = new Map<string, number>();
  for (const cell of cells) {
    const code = cellCode(cube, cell);
    const tally = new Map<number, { harm: number; crimes: number }>();
    if (code >= 0) {
      for (let r = cube.cellStart[code]; r < cube.cellStart[code + 1]; r++) {
        const m = cube.month[r];
        const w = cube.ward[r];
        if (w < 0 || m < filter.monthFrom || m > filter.monthTo || on[cube.category[r]] === 0) continue;
        const t = tally.get(w) ?? { harm: 0, crimes: 0 };
        tally.set(w, { harm: t.harm + cube.count[r] * harmWeights[cube.category[r]], crimes: t.crimes + cube.count[r] });
      }
    }
    let best = -1;
    for (const [w, t] of tally) {
      const b = tally.get(best);
      if (!b || t.harm > b.harm || (t.harm === b.harm && (t.crimes > b.crimes || (t.crimes === b.crimes && w < best)))) best = w;
    }
    out.set(cell, best);
  }
  return out;
}

/** Ring-1 connected runs of cells with the same key (a cell's main ward), each sorted, in order of their smallest cell. */
export function splitByKey(cells: readonly string[], keyOf: ReadonlyMap<string, number>): string[][] {
  const inSet = new Set(cells);
  const seen = new Set<string>();
  const out: string[][] = [];
  for (const start of [...cells].sort()) {
    if (seen.has(start)) continue;
    const key = keyOf.get(start);
    const run = [start];
    seen.add(start);
    for (let q = 0; q < run.length; q++) {
      for (const nb of gridDisk(run[q], 1)) {
        if (inSet.has(nb) && !seen.has(nb) && keyOf.get(nb) === key) {
          seen.add(nb);
          run.push(nb);
        }
      }
    }
    out.push(run.sort());
  }
  return out;
}

/** Cells within `rings` grid steps of the site, outside it, inside the study area. */
export function ringCells(site: readonly string[], rings: number, studyCells: ReadonlySet<string>): string[] {
  const inSite = new Set(site);
  const out = new Set<string>();
  for (const c of site) for (const x of gridDisk(c, rings)) if (!inSite.has(x) && studyCells.has(x)) out.add(x);
  return [...out].sort();
}

/** Harm of every crime row in the given boroughs over the filter (the concentration's denominator). */
function boroughHarm(cube: CrimeCube, clusters: HotClusters): Map<string, number> {
  const on = crimeCategoriesOn(cube, clusters.filter);
  const out = new Map<string, number>();
  const { monthFrom, monthTo } = clusters.filter;
  for (let r = 0; r < cube.count.length; r++) {
    const b = cube.borough[r];
    const m = cube.month[r];
    if (b < 0 || m < monthFrom || m > monthTo || on[cube.category[r]] === 0) continue;
    const code = cube.boroughs[b];
    out.set(code, (out.get(code) ?? 0) + cube.count[r] * clusters.harmWeights[cube.category[r]]);
  }
  return out;
}

/** What every site of one run reads: built once by {@link proposeTasking}, and again for a redrawn site. */
interface SiteContext {
  input: ProposalInput;
  tasking: TaskingSettings;
  sites: SiteSettings;
  months: string[];
  /** Cube index of the window's first month. */
  from: number;
  facts: Map<string, CellFacts>;
  studyIndex: Map<string, number>;
  stBins: Int8Array;
  studySet: Set<string>;
  boroughTotals: Map<string, number> | null;
}

function siteContext(input: ProposalInput, extraCells: readonly string[] = []): SiteContext {
  const { cube, study, hotspots, clusters } = input;
  const months = clusters.months;
  const from = months.length > 0 ? cube.months.indexOf(months[0]) : 0;
  if (months.length > 0 && from < 0) throw new Error(`proposeTasking: the clusters' month ${months[0]} is not in the cube`);
  return {
    input,
    tasking: taskingSettings(input.tasking),
    sites: { ...DEFAULT_SITE_SETTINGS, ...input.sites },
    months,
    from,
    facts: cellFacts(cube, clusters.filter, clusters.harmWeights, [...clusters.clusters.flatMap((c) => c.cells), ...extraCells]),
    studyIndex: new Map(study.cells.map((c, i) => [c, i])),
    stBins: spaceTimeBins(hotspots, study),
    studySet: new Set(study.cells),
    boroughTotals: input.boroughAreaKm2 ? boroughHarm(cube, clusters) : null,
  };
}

const areaOf = (cells: readonly string[]) => cells.reduce((a, c) => a + cellArea(c, 'km2'), 0);

/** A site (as a cluster: its cells, outline, area, crimes, harm, emerging mix, months hot) from its cells and the clusters it holds. */
function siteCluster(ctx: SiteContext, cells: string[], parents: readonly HotCluster[]): HotCluster {
  const { hotspots, study, clusters } = ctx.input;
  const n = study.cells.length;
  const studyCells = cells.map((c) => ctx.studyIndex.get(c)!).sort((a, b) => a - b);
  let emerging: { category: EmergingCategory; cells: number }[] | null = null;
  if (hotspots.emergingComputed) {
    const counts = new Map<number, number>();
    for (const i of studyCells) counts.set(hotspots.emerging[i], (counts.get(hotspots.emerging[i]) ?? 0) + 1);
    emerging = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([code, k]) => ({ category: EMERGING_CATEGORIES[code], cells: k }));
  }
  return {
    id: cells[0],
    cells,
    studyCells,
    outline: { type: 'MultiPolygon', coordinates: cellsToMultiPolygon(cells, true) },
    areaKm2: areaOf(cells),
    crimes: cells.reduce((a, c) => a + ctx.facts.get(c)!.crimes, 0),
    harm: cells.reduce((a, c) => a + ctx.facts.get(c)!.harm, 0),
    peakBin: Math.max(...studyCells.map((i) => hotspots.giBinFdr[i])),
    topCrimeTypes: [],
    emerging,
    monthsHot: ctx.months.filter((_, t) => ctx.stBins.length > 0 && studyCells.some((i) => ctx.stBins[t * n + i] >= clusters.level)),
    atStudyEdge: parents.some((p) => p.atStudyEdge),
    touchesNoData: parents.some((p) => p.touchesNoData),
  };
}

/** Membership of the sites by ward, borough and BCU: a HotClusters whose "clusters" are the sites. */
function siteMembership(ctx: SiteContext, sites: readonly HotCluster[]): ClusterMembership[] {
  const { cube, study, clusters } = ctx.input;
  const siteOfStudy = new Int32Array(study.cells.length).fill(-1);
  sites.forEach((site, s) => site.studyCells.forEach((i) => (siteOfStudy[i] = s)));
  const siteClusters: HotClusters = {
    ...clusters,
    clusters: [...sites],
    clusterOfStudyCell: siteOfStudy,
    clusterOfCubeCell: Int32Array.from(cube.cells, (c) => {
      const i = ctx.studyIndex.get(c);
      return i === undefined ? -1 : siteOfStudy[i];
    }),
  };
  return clusterMembership(cube, siteClusters, { names: ctx.input.names, points: ctx.input.points, aggregated: ctx.input.aggregated });
}

/** One site's proposal (rank 0: the caller ranks). */
function siteProposal(ctx: SiteContext, site: HotCluster, m: ClusterMembership, parentIds: string[]): Proposal {
  const { input, tasking, months, from } = ctx;
  const { cube, clusters } = input;
  const w = clusters.harmWeights;
  const T = months.length;
  const series = monthlyHarmOf(cube, clusters.filter, w, site.cells, from, T);
  const hotSet = new Set(site.monthsHot);
  const evidence = { harm: series.harm, hot: months.map((mo) => hotSet.has(mo)), harmByType: series.harmByType };
  const phase = recommendPhase(evidence, input.currentPhase?.get(site.id) ?? null, tasking);
  const ring = ringCells(site.cells, tasking.displacementRings, ctx.studySet);
  const ringSeries = monthlyHarmOf(cube, clusters.filter, w, ring, from, T);
  const displacement = { ...displacementCheck(series.harm, ringSeries.harm, tasking), ringCells: ring.length };
  const boroughs = m.units.borough.filter((u) => u.code !== 'outside').map((u) => u.code);
  let concentration: Concentration | null = null;
  const areas = input.boroughAreaKm2;
  if (areas && ctx.boroughTotals && boroughs.length > 0 && boroughs.every((b) => areas.has(b))) {
    const harmAll = boroughs.reduce((a, b) => a + (ctx.boroughTotals!.get(b) ?? 0), 0);
    const areaAll = boroughs.reduce((a, b) => a + areas.get(b)!, 0);
    const harmShare = harmAll > 0 ? site.harm / harmAll : 0;
    const areaShare = areaAll > 0 ? site.areaKm2 / areaAll : 0;
    concentration = { boroughs, harmShare, areaShare, ratio: areaShare > 0 && harmAll > 0 ? harmShare / areaShare : null };
  }
  const crimeTypes = Object.keys(series.harmByType)
    .map((category) => ({ category, crimes: series.crimesByType[category], harm: series.harmByType[category] }))
    .sort((a, b) => b.harm - a.harm || b.crimes - a.crimes || a.category.localeCompare(b.category));
  const patrol = patrolPlanFor({
    cells: site.cells,
    ranking: input.ranking,
    facts: ctx.facts,
    area: { label: `site ${site.id}`, cells: site.cells },
    settings: input.patrol,
  });
  const score = T > 0 ? (site.harm * site.monthsHot.length) / T : site.harm;
  return {
    id: site.id, rank: 0, score, cells: site.cells, clusters: parentIds,
    areaKm2: site.areaKm2, harm: site.harm, crimes: site.crimes, concentration,
    monthlyHarm: series.harm, trend: seriesTrend(series.harm), pattern: sitePattern(evidence, tasking.minPatternMonths), emerging: site.emerging,
    crimeTypes, monthsHot: site.monthsHot, months: T, membership: m, phase, displacement, patrol,
  };
}

/**
 * Proposals for Clear, Hold and Build from hot-spot clusters (module comment for every rule).
 *
 * @throws {Error} when the clusters were found on another cube, or a setting is out of range.
 * @example proposeTasking({ cube, study, hotspots, clusters: findHotClusters(...), ranking: patrolPlan(cube, study, filter, w) }).proposals[0].phase.reasons
 */
export function proposeTasking(input: ProposalInput): TaskingProposals {
  const { cube, clusters } = input;
  const ctx = siteContext(input);
  const { tasking, sites } = ctx;
  const w = clusters.harmWeights;
  const harmOf = (cells: readonly string[]) => cells.reduce((a, c) => a + ctx.facts.get(c)!.harm, 0);

  // Pieces: whole clusters, or an oversized cluster's runs of cells by main ward.
  const pieces: SitePiece[] = [];
  clusters.clusters.forEach((c, k) => {
    const runs = c.areaKm2 <= sites.maxSiteAreaKm2 ? [c.cells] : splitByKey(c.cells, mainWards(cube, clusters.filter, w, c.cells));
    for (const cells of runs) pieces.push({ cells, harm: harmOf(cells), areaKm2: areaOf(cells), cluster: k });
  });
  const groups = joinClusters(pieces, sites);
  const merged = withKnownIds(
    groups.map((g) =>
      siteCluster(ctx, g.flatMap((p) => pieces[p].cells).sort(), [...new Set(g.map((p) => pieces[p].cluster))].map((k) => clusters.clusters[k])),
    ),
    input.knownSites ?? [],
  );
  const membership = siteMembership(ctx, merged);
  const unsorted = merged.map((site, s) => {
    const parentIds = [...new Set(groups[s].map((p) => pieces[p].cluster))].sort((a, b) => a - b).map((k) => clusters.clusters[k].id);
    return siteProposal(ctx, site, membership[s], parentIds);
  });
  // A site with no crime in the window is not proposed: its cells are hot only through their
  // neighbours (Gi* counts a cell's ring), and there is nothing there to patrol or clear.
  const proposals = unsorted.filter((p) => p.crimes > 0).sort(byRank);
  proposals.forEach((p, i) => (p.rank = i + 1));
  return { proposals, settings: { tasking, sites }, months: ctx.months };
}

/**
 * Sites with the ids of the known sites they match (one to one: the same id first, then cell
 * overlap); the others keep their own (their smallest cell). No two sites end with one id: a site
 * whose own id is a known one always matches that known site, the same id ranking first.
 */
export function withKnownIds<S extends SiteCells>(sites: readonly S[], known: readonly SiteCells[]): S[] {
  if (known.length === 0) return [...sites];
  const match = matchSites(sites, known);
  return sites.map((site) => {
    const m = match.get(site.id);
    return m ? { ...site, id: m.before.id } : site;
  });
}

/** The ranking: score, then harm, then id. */
function byRank(a: Proposal, b: Proposal): number {
  return b.score - a.score || b.harm - a.harm || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * A site redrawn by the user (issue 13: "the user can redraw it"): the same figures, phase,
 * displacement check and patrol plan as {@link proposeTasking} gives a site, for any set of study
 * cells. Its clusters are those holding any of its cells; its rank is 0 (the caller places it).
 *
 * @throws {Error} on no cells, or a cell outside the study area.
 */
export function proposalForCells(input: ProposalInput, cells: readonly string[]): Proposal {
  const sorted = [...new Set(cells)].sort();
  if (sorted.length === 0) throw new Error('proposalForCells: a site needs at least one cell');
  const ctx = siteContext(input, sorted);
  const outside = sorted.find((c) => !ctx.studyIndex.has(c));
  if (outside) throw new Error(`proposalForCells: cell ${outside} is outside the study area`);
  const inSite = new Set(sorted);
  const parents = input.clusters.clusters.filter((c) => c.cells.some((x) => inSite.has(x)));
  const site = siteCluster(ctx, sorted, parents);
  return siteProposal(ctx, site, siteMembership(ctx, [site])[0], parents.map((p) => p.id));
}
