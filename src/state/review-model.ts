/**
 * Reviews of the sites under tasking (issue 14, item 2): for each current proposal the lifecycle
 * holds as accepted, its harm before and since its phase began (the phase's month from the log,
 * ./lifecycle/reducer.ts `phaseFrom`) against its borough, matched comparison cells and its ring,
 * by src/analysis/tasking/review.ts.
 *
 * Computed on the main thread, where the cube's typed arrays already are: the tables are one pass
 * over the cube's rows and the study cells' rows (measured about 30 ms over all London at
 * resolution 9 on a 2-core machine), each site's review a few milliseconds (its matching reads
 * every candidate cell's months before the phase). They run only while a site is accepted, and
 * again only when the data, the filter, the harm weights, the proposals or the log change. The
 * harm and filter are the clusters' (the proposals' own: harm table weights, the filter's crime
 * types); the candidates and the ring's domain are the hot spot study area's cells.
 */
import { type Accessor, createMemo, createSignal } from 'solid-js';
import type { HotClusters } from '../analysis/clusters';
import type { CrimeCube } from '../analysis/cube';
import type { HotspotResult } from '../analysis/hotspots';
import type { Proposal } from '../analysis/tasking/proposals';
import { reviewSite, reviewTables, type SiteReview } from '../analysis/tasking/review';
import type { SiteState } from './lifecycle/reducer';

export interface ReviewModel {
  /** The review of each accepted site among the current proposals, by id (or why it could not be made). */
  reviews: Accessor<Map<string, SiteReview | { error: string }>>;
  /** The review of one site (undefined: not under tasking, or not among the current proposals). */
  of(siteId: string): SiteReview | { error: string } | undefined;
  /** Whether the selected site's review is open (its matched cells are outlined on the map while it is). */
  open: Accessor<boolean>;
  setOpen(on: boolean): void;
  /** The matched comparison cells to outline: the selected site's, while its review is open. */
  matchedCells: Accessor<string[]>;
  /** Milliseconds the last tables and reviews took (for measuring). */
  lastMs: Accessor<number>;
}

export interface ReviewInputs {
  cube: Accessor<CrimeCube | null>;
  clusters: Accessor<HotClusters | null>;
  hotspots: Accessor<HotspotResult | null>;
  proposals: Accessor<readonly Proposal[] | null>;
  sites: Accessor<ReadonlyMap<string, SiteState>>;
  boroughNames: Accessor<ReadonlyMap<string, string> | undefined>;
  selectedId: Accessor<string | null>;
}

export function createReviewModel(inputs: ReviewInputs): ReviewModel {
  const [open, setOpen] = createSignal(false);
  const [lastMs, setLastMs] = createSignal(0);

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
  const tables = createMemo(() => {
    const cube = inputs.cube();
    const clusters = inputs.clusters();
    const hotspots = inputs.hotspots();
    if (!cube || !clusters || !hotspots || !anyUnderTasking()) return null;
    const t0 = performance.now();
    const t = reviewTables(cube, clusters.filter, clusters.harmWeights, hotspots.cells);
    setLastMs(performance.now() - t0);
    return t;
  });

  const reviews = createMemo(() => {
    const t = tables();
    const out = new Map<string, SiteReview | { error: string }>();
    if (!t) return out;
    const t0 = performance.now();
    const sites = underTasking();
    for (const { proposal, state } of sites) {
      // Other sites under tasking are treated too: none may serve as a comparison.
      const exclude = sites.filter((x) => x.proposal !== proposal).flatMap((x) => x.proposal.cells);
      try {
        out.set(proposal.id, reviewSite(t, { cells: proposal.cells, phase: state.phase!, from: state.phaseFrom!, boroughNames: inputs.boroughNames(), exclude }));
      } catch (e) {
        out.set(proposal.id, { error: e instanceof Error ? e.message : String(e) });
      }
    }
    setLastMs((ms) => ms + performance.now() - t0);
    return out;
  });

  const matchedCells = createMemo(() => {
    const id = inputs.selectedId();
    if (!open() || id === null) return [];
    const r = reviews().get(id);
    return r && 'site' in r ? (r.matched?.cells ?? []) : [];
  });

  return { reviews, of: (id) => reviews().get(id), open, setOpen, matchedCells, lastMs };
}
