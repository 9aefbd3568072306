/**
 * Meeting mode (issue 14, item 3): the tasking meeting's shared screen. It opens on "since the
 * last meeting" (the ranked proposals now against the snapshot the last meeting recorded, and
 * this month against last per BCU and borough with control limits), then the chair steps through
 * the ranked proposals one by one; each step selects the proposal (the map frames it as the
 * proposals panel does) and its card is shown large.
 *
 * The meeting is recorded in the tasking log (a `meeting` event, ./lifecycle/meeting-event.ts)
 * when the chair *ends* it, not when it starts: while a meeting runs, "since the last meeting"
 * must compare with the previous one, and the snapshot should be what the room saw at the end,
 * after its decisions. A meeting left without "End meeting" (a closed tab) records nothing.
 *
 * In the link as `meeting=1` (kept apart from the view's own parameters, as the patrol plan's).
 */
import { type Accessor, createEffect, createMemo, createSignal, on } from 'solid-js';
import { areaMonthlyTotals } from '../analysis/area-months';
import { controlLimits, type ControlLimitResult } from '../analysis/control-limits';
import type { CrimeCube, CubeFilter } from '../analysis/cube';
import type { Proposal } from '../analysis/tasking/proposals';
import { type MeetingSite, type MeetingSnapshot, sinceLastMeeting, type SinceLastMeeting } from '../analysis/tasking/since-last-meeting';
import type { BoundaryLayers } from '../map/basemap-style';
import type { CoverageView } from './coverage-view';
import { isHotspotLayer, type ViewState } from './filters';
import type { LifecycleModel } from './lifecycle/lifecycle-model';
import { limitAreas } from './meeting-areas';
import { closedSince, lastMeeting } from './lifecycle/meeting-event';
import type { TaskingModel } from './tasking-model';

export interface AreaLimits {
  level: 'bcu' | 'borough';
  code: string;
  crimes: ControlLimitResult;
  harm: ControlLimitResult;
}

export interface MeetingModel {
  open: Accessor<boolean>;
  /** Opens meeting mode (on a hot spot layer, where the proposals are) or leaves it. */
  setOpen(on: boolean): void;
  /** 0: "since the last meeting"; k ≥ 1: the k-th ranked proposal. */
  step: Accessor<number>;
  /** The number of steps: the opening screen and one per proposal. */
  steps: Accessor<number>;
  go(step: number): void;
  /** The ranked proposals as the meeting sees them (the phase under tasking where the log has one). */
  sites: Accessor<MeetingSite[]>;
  /** The proposal of the current step (null on the opening screen). */
  proposal: Accessor<Proposal | null>;
  /** The last meeting recorded (null: none yet). */
  last: Accessor<{ at: string; who: string; snapshot: MeetingSnapshot } | null>;
  /** Now against the last meeting (null until the proposals are computed). */
  since: Accessor<SinceLastMeeting | null>;
  /** The month under review (the analysed window's last month) and the month before. */
  asAt: Accessor<string | null>;
  lastMonth: Accessor<string | null>;
  /**
   * This month against last and the control limits of each BCU and borough of the view's area
   * (./meeting-areas.ts: all London, a BCU and its boroughs, a borough and its BCU), BCUs first
   * (null before the cube).
   */
  limits: Accessor<AreaLimits[] | null>;
  /** Records the meeting (with the proposals as now) and leaves meeting mode. @throws {Error} without a name or proposals. */
  end(): void;
  /** The view's query with `meeting=1` when open. */
  query(viewQuery: string): string;
}

export interface MeetingInputs {
  view: ViewState;
  setView(patch: Partial<ViewState>): void;
  cube: Accessor<CrimeCube | null>;
  cubeFilter: Accessor<CubeFilter | null>;
  coverage: Accessor<CoverageView | null>;
  harmWeights: Accessor<Float64Array>;
  /** The ward boundaries name each ward's borough (a ward view's rows). */
  boundaries: Accessor<BoundaryLayers | null>;
  tasking: TaskingModel;
  lifecycle: LifecycleModel;
  writeUrl(): void;
  /** The address's query at start (`location.search`). */
  search: string;
}

export function createMeetingModel(inputs: MeetingInputs): MeetingModel {
  const { tasking, lifecycle } = inputs;
  const [open, setOpenSignal] = createSignal(new URLSearchParams(inputs.search).get('meeting') === '1');
  const [step, setStep] = createSignal(0);
  // The proposals are built from hot spot clusters: a meeting needs a hot spot layer.
  if (open() && !isHotspotLayer(inputs.view.layer)) inputs.setView({ layer: 'gi' });

  const proposals = () => tasking.answer()?.proposals ?? [];
  const sites = createMemo<MeetingSite[]>(() => {
    const states = lifecycle.sites();
    return proposals().map((p) => {
      const s = states.get(p.id);
      const phase = s?.status === 'accepted' && s.phase ? s.phase : p.phase.phase;
      return { id: p.id, cells: [...p.cells], phase, harm: p.harm, rank: p.rank };
    });
  });
  const last = createMemo(() => lastMeeting(lifecycle.events()));
  const since = createMemo(() => {
    if (!tasking.answer()) return null;
    const l = last();
    return sinceLastMeeting(sites(), l?.snapshot ?? null, closedSince(lifecycle.events(), l?.at ?? null));
  });

  const monthIndex = () => inputs.cubeFilter()?.monthTo ?? null;
  const asAt = () => {
    const t = monthIndex();
    return t === null ? null : (inputs.cube()?.months[t] ?? null);
  };
  const lastMonth = () => {
    const t = monthIndex();
    return t === null || t === 0 ? null : (inputs.cube()?.months[t - 1] ?? null);
  };
  const limits = createMemo<AreaLimits[] | null>(() => {
    if (!open()) return null;
    const cube = inputs.cube();
    const f = inputs.cubeFilter();
    const cov = inputs.coverage();
    if (!cube || !f || !cov) return null;
    const totals = areaMonthlyTotals(cube, cov.coverage, f.categories, inputs.harmWeights());
    const row = (level: AreaLimits['level']) => (a: (typeof totals.boroughs)[number]) => ({
      level,
      code: a.code,
      crimes: controlLimits(a.crimes, f.monthTo),
      harm: controlLimits(a.harm, f.monthTo),
    });
    const shown = limitAreas(f.area, cube, inputs.boundaries()?.wards ?? null);
    const bcus = shown ? totals.bcus.filter((a) => shown.bcus.has(a.code)) : totals.bcus;
    const boroughs = shown ? totals.boroughs.filter((a) => shown.boroughs.has(a.code)) : totals.boroughs;
    return [...bcus.map(row('bcu')), ...boroughs.map(row('borough'))];
  });

  const steps = () => 1 + proposals().length;
  const go = (k: number) => setStep(Math.max(0, Math.min(steps() - 1, Math.round(k))));
  const proposal = () => (open() && step() >= 1 ? (proposals()[step() - 1] ?? null) : null);
  // The step's proposal is the selected one, so the map frames it (src/ui/tasking/proposal-map.ts);
  // when the proposals are recomputed (a decision changes a phase), the step keeps its rank.
  createEffect(
    on(
      () => proposal()?.id ?? null,
      (id) => {
        if (id !== null && id !== inputs.view.proposal) inputs.setView({ proposal: id });
      },
    ),
  );

  return {
    open,
    setOpen(on) {
      setOpenSignal(on);
      if (on && !isHotspotLayer(inputs.view.layer)) inputs.setView({ layer: 'gi' });
      if (on) setStep(0);
      inputs.writeUrl();
    },
    step,
    steps,
    go,
    sites,
    proposal,
    last,
    since,
    asAt,
    lastMonth,
    limits,
    end() {
      const month = asAt();
      if (!tasking.answer() || month === null) throw new Error('the proposals are not ready yet: nothing to record');
      lifecycle.record('', 'meeting', { snapshot: { asAt: month, sites: sites() } }, '');
      setOpenSignal(false);
      inputs.writeUrl();
    },
    query(viewQuery) {
      if (!open()) return viewQuery;
      return viewQuery === '' ? 'meeting=1' : `${viewQuery}&meeting=1`;
    },
  };
}
