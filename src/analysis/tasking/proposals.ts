/**
 * Clear/Hold/Build proposals (issue 13, item 1): candidate sites built from the hot-spot clusters
 * (clusters.ts, ANALYSIS.md "Clusters and cross-border shares"), a site joining neighbouring
 * clusters, ranked by harm and persistence, each with its numbers, a recommended phase with
 * reasons (rules.ts), a displacement check and a patrol plan (patrol.ts). Pure.
 *
 * Choices ANALYSIS.md does not pin, made here:
 * - Neighbouring clusters: two clusters are neighbours when a cell of one lies within
 *   `joinRings` H3 grid steps of a cell of the other (grid distance ≤ joinRings). Clusters are
 *   ring-1 components, so distinct clusters are at least 2 steps apart: joinRings 1 joins none;
 *   the default 3 joins clusters with at most two cells between them (at resolution 9, cells
 *   about 350 m across, a few hundred metres: "an estate or a few wards holding several micro hot
 *   spots"). Pairs are joined nearest first (ties: the larger combined harm, then the ids), as
 *   long as the joined site stays within `maxSiteAreaKm2`, so that joining cannot chain across a
 *   city.
 * - A site's id is its smallest cell, as a cluster's; its months hot are the months in which any
 *   of its clusters was hot (clusters.ts `monthsHot`), over the clusters' window.
 * - Ranking: harm × (months hot ÷ months in the window), largest first; ties by harm, then id.
 *   Harm, not counts, is the size of the problem, and a site hot every month outranks one of
 *   equal harm hot once (issue 13: "ranked by harm and persistence, not counts").
 * - Concentration: the site's harm as a share of the harm of the boroughs holding its crimes,
 *   against its area as a share of theirs (for a site in one borough, exactly "its share of its
 *   borough's harm against its share of the borough's area"): a PAI of the site within them.
 */
import { cellArea, cellsToMultiPolygon, gridDisk, gridRing } from 'h3-js';
import { clusterMembership, type ClusterMembership, type CellUnitPoints, type UnitNames } from '../borders.ts';
import { type CrimeTypeTotal, type HotCluster, type HotClusters } from '../clusters.ts';
import type { CrimeCube } from '../cube';
import type { EmergingCategory } from '../emerging.ts';
import type { StudyArea } from '../hotspots.ts';
import { crimeCategoriesOn, cellFacts, monthlyHarmOf } from './cube-reads.ts';
import { type PatrolPlanForResult, patrolPlanFor, type PatrolRanking, type PatrolSettings } from './patrol.ts';
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
  /** Two clusters are neighbours within this many grid steps (≥ 1; 1 joins none). */
  joinRings: number;
  /** A join never makes a site larger than this, km². */
  maxSiteAreaKm2: number;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = { joinRings: 3, maxSiteAreaKm2: 6 };

export interface ProposalInput {
  cube: CrimeCube;
  study: StudyArea;
  /** `findHotClusters(...)`: its filter and harm weights are the proposals' too. */
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

export interface Proposal {
  id: string;
  /** 1 = first. */
  rank: number;
  /** harm × months hot ÷ months: the ranking key. */
  score: number;
  cells: string[];
  /** Ids of the clusters joined in it. */
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
  crimeTypes: CrimeTypeTotal[];
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
 * Groups clusters (indices into `clusters`) into sites by the joining rule of the module comment.
 * @returns each site as a list of cluster indices, ascending, sites in order of their first cluster.
 */
export function joinClusters(clusters: readonly Pick<HotCluster, 'id' | 'cells' | 'harm' | 'areaKm2'>[], s: SiteSettings = DEFAULT_SITE_SETTINGS): number[][] {
  if (!(Number.isInteger(s.joinRings) && s.joinRings >= 1)) throw new Error(`joinClusters: joinRings = ${s.joinRings} is not a whole number ≥ 1`);
  if (!(s.maxSiteAreaKm2 > 0)) throw new Error(`joinClusters: maxSiteAreaKm2 = ${s.maxSiteAreaKm2} is not above 0`);
  const owner = new Map<string, number>();
  clusters.forEach((c, k) => c.cells.forEach((cell) => owner.set(cell, k)));
  // Nearest grid distance of each pair within joinRings, found ring by ring outward.
  const distance = new Map<string, { a: number; b: number; d: number }>();
  clusters.forEach((c, a) => {
    for (const cell of c.cells) {
      for (let d = 2; d <= s.joinRings; d++) {
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
    (x, y) => x.d - y.d || clusters[y.a].harm + clusters[y.b].harm - (clusters[x.a].harm + clusters[x.b].harm) || x.a - y.a || x.b - y.b,
  );
  const sites = new Sites(clusters.map((c) => c.areaKm2));
  for (const { a, b } of pairs) {
    const ra = sites.find(a);
    const rb = sites.find(b);
    if (ra === rb || sites.area[ra] + sites.area[rb] > s.maxSiteAreaKm2 + 1e-12) continue;
    const [root, child] = ra < rb ? [ra, rb] : [rb, ra];
    sites.parent[child] = root;
    sites.area[root] += sites.area[child];
  }
  const groups = new Map<number, number[]>();
  clusters.forEach((_, k) => {
    const r = sites.find(k);
    groups.set(r, [...(groups.get(r) ?? []), k]);
  });
  return [...groups.values()].sort((x, y) => x[0] - y[0]);
}

/** A site as one merged cluster, so that borders.ts reports its units by the same rules. */
function mergedCluster(parts: readonly HotCluster[], months: readonly string[]): HotCluster {
  const cells = parts.flatMap((p) => p.cells).sort();
  const studyCells = parts.flatMap((p) => p.studyCells).sort((a, b) => a - b);
  const types = new Map<string, CrimeTypeTotal>();
  for (const p of parts) {
    for (const t of p.topCrimeTypes) {
      const x = types.get(t.category) ?? { category: t.category, crimes: 0, harm: 0 };
      types.set(t.category, { category: t.category, crimes: x.crimes + t.crimes, harm: x.harm + t.harm });
    }
  }
  const hot = new Set(parts.flatMap((p) => p.monthsHot));
  let emerging: { category: EmergingCategory; cells: number }[] | null = null;
  if (parts.every((p) => p.emerging !== null)) {
    const m = new Map<EmergingCategory, number>();
    for (const p of parts) for (const e of p.emerging!) m.set(e.category, (m.get(e.category) ?? 0) + e.cells);
    emerging = [...m].map(([category, n]) => ({ category, cells: n })).sort((a, b) => b.cells - a.cells || a.category.localeCompare(b.category));
  }
  return {
    id: cells[0],
    cells,
    studyCells,
    outline: { type: 'MultiPolygon', coordinates: cellsToMultiPolygon(cells, true) },
    areaKm2: cells.reduce((a, c) => a + cellArea(c, 'km2'), 0),
    crimes: parts.reduce((a, p) => a + p.crimes, 0),
    harm: parts.reduce((a, p) => a + p.harm, 0),
    peakBin: Math.max(...parts.map((p) => p.peakBin)),
    topCrimeTypes: [...types.values()],
    emerging,
    monthsHot: months.filter((m) => hot.has(m)),
    atStudyEdge: parts.some((p) => p.atStudyEdge),
    touchesNoData: parts.some((p) => p.touchesNoData),
  };
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

/**
 * Proposals for Clear, Hold and Build from hot-spot clusters (module comment for every rule).
 *
 * @throws {Error} when the clusters were found on another cube, or a setting is out of range.
 * @example proposeTasking({ cube, study, clusters: findHotClusters(...), ranking: patrolPlan(cube, study, filter, w) }).proposals[0].phase.reasons
 */
export function proposeTasking(input: ProposalInput): TaskingProposals {
  const { cube, study, clusters } = input;
  const tasking = taskingSettings(input.tasking);
  const sites = { ...DEFAULT_SITE_SETTINGS, ...input.sites };
  const months = clusters.months;
  const T = months.length;
  const from = T > 0 ? cube.months.indexOf(months[0]) : 0;
  if (T > 0 && from < 0) throw new Error(`proposeTasking: the clusters' month ${months[0]} is not in the cube`);
  const groups = joinClusters(clusters.clusters, sites);
  const merged = groups.map((g) => mergedCluster(g.map((k) => clusters.clusters[k]), months));
  // Membership of the sites: a HotClusters whose "clusters" are the sites.
  const siteOfCluster = new Int32Array(clusters.clusters.length);
  groups.forEach((g, s) => g.forEach((k) => (siteOfCluster[k] = s)));
  const siteClusters: HotClusters = {
    ...clusters,
    clusters: merged,
    clusterOfStudyCell: clusters.clusterOfStudyCell.map((k) => (k >= 0 ? siteOfCluster[k] : -1)),
    clusterOfCubeCell: clusters.clusterOfCubeCell.map((k) => (k >= 0 ? siteOfCluster[k] : -1)),
  };
  const membership = clusterMembership(cube, siteClusters, { names: input.names, points: input.points, aggregated: input.aggregated });
  const boroughTotals = input.boroughAreaKm2 ? boroughHarm(cube, clusters) : null;
  const studySet = new Set(study.cells);
  const w = clusters.harmWeights;

  const unsorted = merged.map((site, s) => {
    const series = monthlyHarmOf(cube, clusters.filter, w, site.cells, from, T);
    const hotSet = new Set(site.monthsHot);
    const evidence = { harm: series.harm, hot: months.map((m) => hotSet.has(m)), harmByType: series.harmByType };
    const phase = recommendPhase(evidence, input.currentPhase?.get(site.id) ?? null, tasking);
    const ring = ringCells(site.cells, tasking.displacementRings, studySet);
    const ringSeries = monthlyHarmOf(cube, clusters.filter, w, ring, from, T);
    const displacement = { ...displacementCheck(series.harm, ringSeries.harm, tasking), ringCells: ring.length };
    const m = membership[s];
    const boroughs = m.units.borough.filter((u) => u.code !== 'outside').map((u) => u.code);
    let concentration: Concentration | null = null;
    if (input.boroughAreaKm2 && boroughTotals && boroughs.length > 0 && boroughs.every((b) => input.boroughAreaKm2!.has(b))) {
      const harmAll = boroughs.reduce((a, b) => a + (boroughTotals.get(b) ?? 0), 0);
      const areaAll = boroughs.reduce((a, b) => a + input.boroughAreaKm2!.get(b)!, 0);
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
      facts: cellFacts(cube, clusters.filter, w, site.cells),
      area: { label: `site ${site.id}`, cells: site.cells },
      settings: input.patrol,
    });
    const score = T > 0 ? (site.harm * site.monthsHot.length) / T : site.harm;
    return {
      id: site.id, rank: 0, score, cells: site.cells, clusters: groups[s].map((k) => clusters.clusters[k].id),
      areaKm2: site.areaKm2, harm: site.harm, crimes: site.crimes, concentration,
      monthlyHarm: series.harm, trend: seriesTrend(series.harm), pattern: sitePattern(evidence, tasking.minPatternMonths), emerging: site.emerging,
      crimeTypes, monthsHot: site.monthsHot, months: T, membership: m, phase, displacement, patrol,
    } satisfies Proposal;
  });
  const proposals = unsorted.sort((a, b) => b.score - a.score || b.harm - a.harm || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  proposals.forEach((p, i) => (p.rank = i + 1));
  return { proposals, settings: { tasking, sites }, months };
}
