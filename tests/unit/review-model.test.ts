/**
 * The review model (src/state/review-model.ts): which sites get a review (accepted ones among the
 * current proposals, from the month their phase began), other sites under tasking kept out of the
 * comparison cells, reviews kept until something they rest on changes, and the matched cells to
 * outline only while the review is open. With Solid's browser build (Node resolves 'solid-js' to
 * its server build, where memos never update).
 */
import { gridDisk, gridRing } from 'h3-js';
import { describe, expect, it, vi } from 'vitest';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import type { HotClusters } from '../../src/analysis/clusters';
import { type DataCoverage, dataCoverage } from '../../src/analysis/coverage';
import type { HotspotResult } from '../../src/analysis/hotspots';
import type { Proposal } from '../../src/analysis/tasking/proposals';
import type { SiteReview } from '../../src/analysis/tasking/review';
import type { SiteState } from '../../src/state/lifecycle/reducer';
import { cubeOfRows, type CubeRow } from './helpers/cube';

vi.mock('solid-js', async () => {
  const browserBuild: string = '../../node_modules/solid-js/dist/solid.js';
  return (await import(/* @vite-ignore */ browserBuild)) as typeof import('solid-js');
});
const { createRoot, createSignal } = await import('solid-js');
const { createReviewModel } = await import('../../src/state/review-model');
const { MATCHED_OUTLINE_RGB, reviewLayers } = await import('../../src/map/review-layers');

const VIOLENCE = ALL_CATEGORIES.indexOf('Violence and sexual offences');
const MONTHS = ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04'];
const A = '8928308280fffff';
const B = gridRing(A, 6)[0]; // another site, far from A
const M1 = gridRing(A, 4)[0]; // A's twin before the phase
const STUDY = gridDisk(A, 8);
const rows: CubeRow[] = [A, M1, B].flatMap((cell) => MONTHS.map((_, month) => ({ cell, month, category: VIOLENCE, count: cell === A && month >= 4 ? 3 : 5, borough: 0 })));
const cube = cubeOfRows(STUDY, MONTHS, rows, { boroughs: ['E09000001'] });
const clusters = {
  filter: { monthFrom: 0, monthTo: 7, categories: ALL_CATEGORIES.map((_, i) => i), area: { kind: 'all' } },
  harmWeights: Float64Array.from(ALL_CATEGORIES, () => 1),
} as unknown as HotClusters;
const hotspots = { cells: [...STUDY].sort() } as unknown as HotspotResult;
const proposal = (id: string, cells: string[]) => ({ id, cells }) as unknown as Proposal;
const state = (siteId: string, status: SiteState['status'], phaseFrom: string): SiteState => ({
  siteId, status, phase: 'hold', phaseFrom, team: null, reviewDate: null, notes: [], history: [],
});

function model(hs: HotspotResult = hotspots) {
  const [sites, setSites] = createSignal<ReadonlyMap<string, SiteState>>(new Map());
  const [selected, setSelected] = createSignal<string | null>(null);
  const [coverage, setCoverage] = createSignal<DataCoverage | null>(dataCoverage(cube));
  const proposals = [proposal(A, [A]), proposal(B, [B]), proposal(M1, [M1])];
  const m = createRoot(() =>
    createReviewModel({
      cube: () => cube,
      coverage,
      clusters: () => clusters,
      hotspots: () => hs,
      proposals: () => proposals,
      sites,
      boroughNames: () => new Map([['E09000001', 'Camden']]),
      selectedId: selected,
    }),
  );
  return { m, setSites, setSelected, setCoverage };
}

describe('createReviewModel', () => {
  it('reviews only accepted sites among the proposals, from the month their phase began', () => {
    const { m, setSites } = model();
    expect(m.of(A)).toBeUndefined();
    setSites(new Map([[A, state(A, 'accepted', '2026-01')], [B, state(B, 'rejected', '2026-01')], ['elsewhere', state('elsewhere', 'accepted', '2026-01')]]));
    const r = m.of(A) as SiteReview;
    expect(r.from).toBe('2026-01');
    expect([r.site.before, r.site.since]).toEqual([5, 3]);
    expect(r.sentence).toMatch(/^Harm in the site fell 40 % since Hold began in 2026-01 .*its borough \(Camden\)/);
    expect(m.of(B)).toBeUndefined();
    expect(m.of('elsewhere')).toBeUndefined();
    expect([...m.reviews().keys()]).toEqual([A]);
  });

  it('keeps a review until a site\'s phase or start changes; another site under tasking is no comparison', () => {
    const { m, setSites } = model();
    setSites(new Map([[A, state(A, 'accepted', '2026-01')]]));
    const first = m.of(A) as SiteReview;
    expect(first.matched!.cells).toEqual([M1]);
    // A new fold of the log with the same phase and start (a note, say): the same review.
    setSites(new Map([[A, { ...state(A, 'accepted', '2026-01'), notes: [{ at: '', who: 'x', text: 'y' }] }]]));
    expect(m.of(A)).toBe(first);
    // M1 accepted too: it is under tasking, so A's match must come from elsewhere.
    setSites(new Map([[A, state(A, 'accepted', '2026-01')], [M1, state(M1, 'accepted', '2026-02')]]));
    const second = m.of(A) as SiteReview;
    expect(second).not.toBe(first);
    expect(second.matched!.cells).not.toContain(M1);
    expect((m.of(M1) as SiteReview).from).toBe('2026-02');
    setSites(new Map([[A, state(A, 'accepted', '2026-05')]]));
    expect((m.of(A) as SiteReview).sentence).toBe('No data since the phase began (data ends 2026-04).');
  });

  it('takes the months without data from the coverage it is given, and reviews afresh when the coverage changes', () => {
    const { m, setSites, setCoverage } = model();
    setSites(new Map([[A, state(A, 'accepted', '2026-01')]]));
    expect((m.of(A) as SiteReview).monthsLeftOut).toEqual([]);
    // The same cube, but borough 0 said to have no data in 2026-02 (code 5).
    const full = dataCoverage(cube);
    const hasData = full.hasData.slice();
    hasData[5] = 0;
    setCoverage({ ...full, hasData });
    const r = m.of(A) as SiteReview;
    expect(r.monthsLeftOut).toEqual(['2026-02']);
    expect([r.sinceMonths, r.site.before, r.site.since]).toEqual([3, 5, 3]);
    setCoverage(null);
    expect(m.of(A)).toBeUndefined();
  });

  it('builds its tables when a review is first asked for, not while sites are merely accepted', () => {
    // The tables read the study cells; the model itself never does.
    let reads = 0;
    const counted = { get cells() { reads++; return hotspots.cells; } } as unknown as HotspotResult;
    const { m, setSites } = model(counted);
    setSites(new Map([[A, state(A, 'accepted', '2026-01')]]));
    expect(m.of(B)).toBeUndefined(); // not under tasking: no tables needed
    expect(reads).toBe(0);
    const r = m.of(A) as SiteReview;
    expect([r.site.before, r.site.since]).toEqual([5, 3]);
    const built = reads;
    expect(built).toBeGreaterThan(0);
    expect(m.of(A)).toBe(r);
    expect(reads).toBe(built);
  });

  it('gives the selected site\'s matched cells to outline only while its review is open', () => {
    const { m, setSites, setSelected } = model();
    setSites(new Map([[A, state(A, 'accepted', '2026-01')]]));
    setSelected(A);
    expect(m.matchedCells()).toEqual([]);
    m.setOpen(true);
    expect(m.matchedCells()).toEqual([M1]);
    setSelected(B);
    expect(m.matchedCells()).toEqual([]);
  });
});

describe('reviewLayers', () => {
  it('outlines each matched cell in white as a closed path; nothing without cells', () => {
    const layers = reviewLayers([A, M1]);
    expect(layers.map((l) => l.id)).toEqual(['review-matched-cells']);
    expect(layers[0].props.getColor).toEqual([...MATCHED_OUTLINE_RGB, 255]);
    const paths = layers[0].props.data as number[][][];
    expect(paths).toHaveLength(2);
    expect(paths[0].length).toBeGreaterThanOrEqual(7); // six corners and back to the first
    expect(paths[0].at(-1)).toEqual(paths[0][0]);
    expect(reviewLayers([])).toEqual([]);
  });
});
