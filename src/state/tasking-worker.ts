/**
 * The hotspot worker's tasking step (issue 13): Clear/Hold/Build proposals from the clusters of a
 * hot spot result, with the patrol ranking (`patrolPlan`, as the command-line twin's `--tasking`
 * ranks), the boroughs' areas for the concentration, and the user's redrawn sites. The worker
 * keeps the last base proposals, so redrawing a site (one click) recomputes only that site.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { CellUnitPoints, UnitNames } from '../analysis/borders';
import type { HotClusters } from '../analysis/clusters.ts';
import type { CrimeCube, CubeFilter } from '../analysis/cube';
import type { HotspotResult, StudyArea } from '../analysis/hotspots';
import { type BacktestOptions, type PatrolPlan, patrolPlan } from '../analysis/priority-backtest';
import { boroughAreasKm2 } from '../analysis/tasking/borough-areas';
import { type Proposal, type ProposalInput, proposalForCells, proposeTasking, type SiteSettings, type TaskingProposals } from '../analysis/tasking/proposals';
import type { Phase, TaskingSettings } from '../analysis/tasking/rules';

/** Asks for proposals (sent with a hotspot request; its filter and weights are the ranking's). */
export interface TaskingAsk {
  /** Changes whenever anything but `edits` changes: the worker reuses its proposals for the same base. */
  baseId: number;
  hotspots: HotspotResult;
  clusters: HotClusters;
  /** The patrol ranking's backtest settings (the forecast panel's). */
  ranking: BacktestOptions;
  boroughs: Feature<Polygon | MultiPolygon>[];
  names: UnitNames;
  points: CellUnitPoints[] | null;
  aggregated: boolean;
  tasking: Partial<TaskingSettings>;
  sites: Partial<SiteSettings>;
  /** Sites the user redrew: site id → its cells. */
  edits: Record<string, string[]>;
  /** Each site's current phase by site id, from the tasking lifecycle (src/state/lifecycle/); absent: none. */
  currentPhase?: Record<string, Phase>;
  /** Sites the lifecycle has decisions on, with their cells: a proposal over one keeps its id. */
  knownSites?: { id: string; cells: readonly string[] }[];
}

/** The proposals, each redrawn site's figures in place of the proposed ones (marked in `edited`). */
export interface TaskingAnswer extends TaskingProposals {
  /** Ids of redrawn sites, with why a redrawing could not be computed (null when it was). */
  edited: Record<string, string | null>;
}

let base: { id: number; input: ProposalInput; out: TaskingProposals } | null = null;
const areaCache = new Map<number, Map<string, number>>();

/**
 * Proposals for the ask on the worker's cube and study area.
 * @param plan the patrol ranking (the worker passes its memo, shared with the forecast panel's asks)
 */
export function answerTasking(
  cube: CrimeCube, study: StudyArea, filter: CubeFilter, weights: Float64Array | undefined, ask: TaskingAsk,
  plan: (cube: CrimeCube, study: StudyArea, filter: CubeFilter, weights: Float64Array | undefined, options: BacktestOptions) => PatrolPlan = patrolPlan,
): TaskingAnswer {
  if (!base || base.id !== ask.baseId) {
    let areas = areaCache.get(cube.resolution);
    if (!areas) areaCache.set(cube.resolution, (areas = boroughAreasKm2(ask.boroughs, cube.resolution)));
    const ranking = plan(cube, study, filter, weights, ask.ranking);
    const input: ProposalInput = {
      cube, study, hotspots: ask.hotspots, clusters: ask.clusters, ranking, boroughAreaKm2: areas,
      names: ask.names, points: ask.points ?? undefined, aggregated: ask.aggregated, tasking: ask.tasking, sites: ask.sites,
      currentPhase: new Map(Object.entries(ask.currentPhase ?? {})),
      knownSites: ask.knownSites ?? [],
    };
    base = { id: ask.baseId, input, out: proposeTasking(input) };
  }
  const edited: Record<string, string | null> = {};
  const proposals = base.out.proposals.map((p): Proposal => {
    const cells = ask.edits[p.id];
    if (!cells) return p;
    try {
      const redrawn = proposalForCells(base!.input, cells);
      edited[p.id] = null;
      // The site keeps its id and place in the list, so the panel's choice stays on it.
      return { ...redrawn, id: p.id, rank: p.rank };
    } catch (e) {
      edited[p.id] = e instanceof Error ? e.message : String(e);
      return p;
    }
  });
  return { ...base.out, proposals, edited };
}
