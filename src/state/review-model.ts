/**
 * Reviews of the sites under tasking (issue 14, item 2): for each current proposal the lifecycle
 * holds as accepted, its harm before and since its phase began (the phase's month from the log,
 * ./lifecycle/reducer.ts `phaseFrom`) against its borough, matched comparison cells and its ring,
 * by src/analysis/tasking/review.ts.
 *
 * Computed on the main thread, where the cube's typed arrays already are. Measured over all London
 * at resolution 9 on a busy 2-core machine: the tables (one pass over the cube's rows and the
 * study cells' rows) 20-35 ms, one review of a 60-cell site 20-80 ms (the matching reads every
 * candidate cell's months before the phase and measures each site cell against each). So the
 * tables are built only while a site is accepted, when a review is first asked for, and a review
 * is made when asked for (the selected site's card) and kept until the data, the filter, the harm
 * weights, the proposals or a site's phase change. The
 * harm and filter are the clusters' (the proposals' own: harm table weights, the filter's crime
 * types); the candidates and the ring's domain are the hot spot study area's cells; the coverage
 * is the app's `dataCoverage` of the cube (which borough-months have data).
 */
import { type Accessor, createMemo, createSignal, untrack } from 'solid-js';
import type { HotClusters } from '../analysis/clusters';
import type { DataCoverage } from '../analysis/coverage';
import type { CrimeCube } from '../analysis/cube';
import type { HotspotResult } from '../analysis/hotspots';
import type { Proposal } from '../analysis/tasking/proposals';
import { reviewSite, reviewTables, type ReviewTables, type SiteReview } from '../analysis/tasking/review';
import type { SiteState } from './lifecycle/reducer';

export interface ReviewModel {
  /** The review of each accepted site among the current proposals, by id (or why it could not be made); made when called. */
  reviews: () => Map<string, SiteReview | { error: string }>;
  /** The review of one site (undefined: not under tasking, or not among the current proposals). */
  of(siteId: string): SiteReview | { error: string } | undefined;
  /** Whether the selected site's review is open (its matched cells are outlined on the map while it is). */
  open: Accessor<boolean>;
  setOpen(on: boolean): void;
  /** The matched comparison cells to outline: the selected site's, while its review is open. */
  matchedCells: Accessor<string[]>;
  /** Milliseconds the last tables and the last reviews took (for measuring). */
  lastMs: Accessor<{ tables: number; reviews: number }>;
}

export interface ReviewInputs {
  cube: Accessor<CrimeCube | null>;
  /** `dataCoverage` of the cube: months in which the site's borough has no data are left out of a review. */
  coverage: Accessor<DataCoverage | null>;
  clusters: Accessor<HotClusters | null>;
  hotspots: Accessor<HotspotResult | null>;
  proposals: Accessor<readonly Proposal[] | null>;
  sites: Accessor<ReadonlyMap<string, SiteState>>;
  boroughNames: Accessor<ReadonlyMap<string, string> | undefined>;
  selectedId: Accessor<string | null>;
}

export function createReviewModel(inputs: ReviewInputs): ReviewModel {
  const [open, setOpen] = createSignal(false);
  const [lastMs, setLastMs] = createSignal({ tables: 0, reviews: 0 });

  /** The accepted sites among the proposals, with the month their phase began. */
  const underTasking = createMemo(
    () => {
      const sites = inputs.sites();
      const out: { proposal: Proposal; state: SiteState }[] = [];
      for (const p of inputs.proposals() ?? []) {
        const s = sites.get(p.id);
        if (s?.status === 'accepted' && s.phase && s.phaseFrom) out.push({ proposal: p, state: s });
      }
      return out;
    },
    [],
    // The log is folded afresh on every decision: only a site's phase and its start change its review.
    {
      equals: (a, b) =>
        a.length === b.length && a.every((x, i) => x.proposal === b[i].proposal && x.state.phase === b[i].state.phase && x.state.phaseFrom === b[i].state.phaseFrom),
    },
  );

  const anyUnderTasking = createMemo(() => underTasking().length > 0);
  /** What the tables are read from, while a site is accepted. */
  const source = createMemo(() => {
    const cube = inputs.cube();
    const clusters = inputs.clusters();
    const hotspots = inputs.hotspots();
    const coverage = inputs.coverage();
    if (!cube || !clusters || !hotspots || !coverage || !anyUnderTasking()) return null;
    return { cube, clusters, hotspots, coverage };
  });
  // The tables are built when a review is first asked for after their source changed, not on
  // every recomputation of the hot spots while no review is shown.
  const built = createMemo(() => ({ source: source(), tables: null as ReviewTables | null }));
  const tables = (): ReviewTables | null => {
    const b = built();
    if (!b.source) return null;
    if (!b.tables) {
      const { cube, clusters, hotspots, coverage } = b.source;
      const t0 = performance.now();
      b.tables = reviewTables(cube, clusters.filter, clusters.harmWeights, hotspots.cells, coverage);
      const ms = performance.now() - t0;
      queueMicrotask(() => setLastMs((m) => ({ ...m, tables: ms })));
    }
    return b.tables;
  };

  // Reviews are made when asked for (the card asks for the selected site's) and kept until the
  // tables or the sites under tasking change: ten accepted sites do not cost ten reviews on every
  // recomputation of the proposals.
  const made = createMemo(() => {
    built();
    underTasking();
    return new Map<string, SiteReview | { error: string }>();
  });
  const of = (id: string): SiteReview | { error: string } | undefined => {
    const sites = underTasking();
    const cache = made();
    const hit = cache.get(id);
    if (hit) return hit;
    const entry = sites.find((x) => x.proposal.id === id);
    if (!entry) return undefined;
    const t = tables();
    if (!t) return undefined;
    const t0 = performance.now();
    // Other sites under tasking are treated too: none may serve as a comparison.
    const exclude = sites.filter((x) => x !== entry).flatMap((x) => x.proposal.cells);
    let r: SiteReview | { error: string };
    try {
      r = reviewSite(t, { cells: entry.proposal.cells, phase: entry.state.phase!, from: entry.state.phaseFrom!, boroughNames: untrack(inputs.boroughNames), exclude });
    } catch (e) {
      r = { error: e instanceof Error ? e.message : String(e) };
    }
    cache.set(id, r);
    const ms = performance.now() - t0;
    // Not inside the computation that asked: a signal written there would re-run its readers mid-run.
    queueMicrotask(() => setLastMs((m) => ({ ...m, reviews: ms })));
    return r;
  };
  const reviews = () => new Map(underTasking().map((x) => [x.proposal.id, of(x.proposal.id)!] as const));

  const matchedCells = createMemo(() => {
    const id = inputs.selectedId();
    if (!open() || id === null) return [];
    const r = of(id);
    return r && 'site' in r ? (r.matched?.cells ?? []) : [];
  });

  return { reviews, of, open, setOpen, matchedCells, lastMs };
}
