/**
 * The patrol plan in the app (issue 13, items 3 and 4): for the view's one ward or one borough,
 * or an area the inspector draws, the cells to patrol in the order the app's backtested patrol
 * priority gives (src/state/priority-model.ts; the ranking is the backtest's recommendation, so
 * never worse than the better of last month's and the 12-month counts), with Koper's dosage,
 * hours a week against the user's budget and the area's harm covered against its area (PAI),
 * all from src/analysis/tasking/patrol.ts. The inspector's edits (cells clicked in or out, a
 * lasso) and the budget are kept in the link (./patrol-url.ts).
 *
 * Cells are at resolution 10 where the data are precise enough, else 9 (`patrolResolution`):
 * opening the plan switches the map to it, since the priority is computed on the map's cells.
 */
import { type Accessor, createEffect, createMemo, createSignal, on, onCleanup, untrack } from 'solid-js';
import { getResolution, latLngToCell } from 'h3-js';
import type { AreaFilter, CrimeCube, CubeFilter } from '../analysis/cube';
import type { Backtest } from '../analysis/priority-backtest';
import { cellFacts } from '../analysis/tasking/cube-reads';
import { patrolPlanFor, type PatrolPlanForResult, patrolResolution, type PatrolRanking } from '../analysis/tasking/patrol';
import type { LoadedPrecision } from '../db/precision';
import type { H3Resolution } from '../db/schema';
import { areaFeatures, type BoundaryLayers } from '../map/basemap-style';
import type { ViewState } from './filters';
import type { HotspotClient, StudyRequest } from './hotspot-client';
import { createPriorityModel, type PriorityModel } from './priority-model';
import { addCells, candidateCells, decodePatrol, EMPTY_PATROL, lassoCells, type LassoRing, type PatrolState, toggleCell, withPatrolParams } from './patrol-url';
import { type PatrolTarget, rankingBasis, targetOf } from './patrol-target';

export type { PatrolTarget } from './patrol-target';

/** What a map tool does with the next click or drag. */
export type PatrolTool = 'cells' | 'lasso-area' | 'lasso-add';

export interface PatrolModel {
  state: Accessor<PatrolState>;
  setOpen(open: boolean): void;
  /** Hours a week; null = no budget. */
  setBudget(hours: number | null): void;
  /** The resolution patrol cells should be at, and why. */
  resolution: Accessor<{ resolution: number; reason: string }>;
  target: Accessor<PatrolTarget | null>;
  /** The plan (null while its ranking is computed, or without a target or cells). */
  plan: Accessor<PatrolPlanForResult | null>;
  /** The backtest behind the order, and the area it was run on ("Camden (212 hexagons)"). */
  backtest: Accessor<Backtest | null>;
  basisLabel: Accessor<string | null>;
  /** Why there is no plan, in words (null when there is one). */
  why: Accessor<string | null>;
  tool: Accessor<PatrolTool>;
  setTool(t: PatrolTool): void;
  /** A click on the map in plan mode: the cell there goes in or out of the plan. */
  clickAt(lon: number, lat: number): void;
  /** A finished lasso: the drawn area (tool 'lasso-area') or cells added (tool 'lasso-add'). */
  lasso(ring: LassoRing): void;
  /** Drops the drawn area and every edit (back to the view's ward or borough). */
  reset(): void;
  /** The view's query with the plan's parameters. */
  query(viewQuery: string): string;
}

export interface PatrolInputs {
  view: ViewState;
  setView(patch: Partial<ViewState>): void;
  cube: Accessor<CrimeCube | null>;
  cubeFilter: Accessor<CubeFilter | null>;
  harmWeights: Accessor<Float64Array>;
  /** Harm weights when the view weighs by harm, else undefined (the priority is then in crimes). */
  weights: Accessor<Float64Array | undefined>;
  boundaries: Accessor<BoundaryLayers | null>;
  client: () => HotspotClient;
  /** The hot spot study area of an area filter (the app's: no-data boroughs left out as the view says). */
  studyOf(area: AreaFilter): StudyRequest | null;
  precision: Accessor<LoadedPrecision>;
  /** Asks for the link to be rewritten. */
  writeUrl(): void;
}

export function createPatrolModel(inputs: PatrolInputs): PatrolModel {
  const { view } = inputs;
  const [state, setStateSignal] = createSignal<PatrolState>(decodePatrol(location.search));
  const [tool, setTool] = createSignal<PatrolTool>('cells');
  const setState = (s: PatrolState) => {
    setStateSignal(s);
    inputs.writeUrl();
  };
  const resolution = createMemo(() => patrolResolution(inputs.precision()));

  const target = createMemo<PatrolTarget | null>(() => {
    const cube = inputs.cube();
    const b = inputs.boundaries();
    return cube && b ? targetOf(state(), view.area, cube.resolution, b) : null;
  });

  // The area the plan's ranking is computed and backtested on (patrol-target.ts).
  const basis = createMemo<AreaFilter | null>(
    () => {
      const t = target();
      const b = inputs.boundaries();
      return t && b ? rankingBasis(t, view.area, b) : null;
    },
    null,
    { equals: (x, y) => JSON.stringify(x) === JSON.stringify(y) },
  );
  const priority: PriorityModel = createPriorityModel({
    cube: inputs.cube,
    cubeFilter: inputs.cubeFilter,
    weights: inputs.weights,
    client: inputs.client,
    channel: 'patrol',
    area: () => {
      const a = basis();
      return a ? inputs.studyOf(a) : null;
    },
  });
  // The ranking is computed only while the plan is open.
  createEffect(() => {
    if (state().open) onCleanup(priority.use());
  });
  // Opening the plan (or data of another precision) puts the map at the patrol resolution, since
  // the priority is of the map's cells. A resolution the user picks afterwards is left alone: the
  // panel then says the plan uses the map's cells.
  createEffect(
    on(
      () => [state().open, resolution().resolution, inputs.cube() !== null] as const,
      ([open, r, ready]) => {
        if (open && ready && untrack(() => view.resolution) !== r) inputs.setView({ resolution: r as H3Resolution });
      },
    ),
  );
  // Another ward or borough chosen: edits made to the previous one's cells no longer apply.
  createEffect(
    on(
      () => `${view.area.kind}|${view.area.kind === 'all' ? '' : view.area.codes.join(',')}`,
      () => {
        const s = untrack(state);
        if (!s.lasso && s.added.length + s.removed.length > 0) setState({ ...s, added: [], removed: [] });
      },
      { defer: true },
    ),
  );

  /** The priority model's latest ranking, if it is of the map's cells. */
  const ranking = createMemo<PatrolRanking | null>(() => {
    const p = priority.plan();
    const cube = inputs.cube();
    if (!p || !cube || p.cells.length === 0 || getResolution(p.cells[0]) !== cube.resolution) return null;
    return p;
  });

  const planned = createMemo<{ plan: PatrolPlanForResult | null; why: string | null }>(() => {
    const t = target();
    if (!t) return { plan: null, why: 'Choose one ward or one borough (the area filter, the ward search or "Show only <ward>"), or draw an area on the map.' };
    const cube = inputs.cube();
    const filter = inputs.cubeFilter();
    const r = ranking();
    if (!cube || !filter || !r) return { plan: null, why: priority.error() ?? 'Ranking the cells by patrol priority…' };
    const s = state();
    const cells = candidateCells(t.cells, s);
    if (cells.length === 0) return { plan: null, why: `${t.label} has no cells at resolution ${cube.resolution}: click cells or lasso some in.` };
    const facts = cellFacts(cube, filter, inputs.harmWeights(), new Set([...cells, ...t.cells]));
    const plan = patrolPlanFor({ cells, ranking: r, facts, area: { label: t.label, cells: t.cells }, settings: { budgetHoursPerWeek: s.budget } });
    return { plan, why: null };
  });

  const areaSet = createMemo(() => new Set(target()?.cells ?? []));

  return {
    state,
    setOpen: (open) => setState({ ...state(), open }),
    setBudget: (budget) => setState({ ...state(), budget }),
    resolution,
    target,
    plan: () => planned().plan,
    backtest: () => (ranking() ? (priority.plan()?.backtest ?? null) : null),
    basisLabel: () => {
      const a = basis();
      const b = inputs.boundaries();
      const r = ranking();
      if (!a || !b || !r) return null;
      const name = a.kind === 'all' ? 'the London boroughs' : areaFeatures(b, a).map((f) => String(f.properties?.name ?? f.properties?.code)).join(', ');
      return `${name} (${r.cells.length.toLocaleString('en-GB')} hexagons)`;
    },
    why: () => planned().why,
    tool,
    setTool,
    clickAt(lon, lat) {
      const cube = inputs.cube();
      if (!cube) return;
      setState(toggleCell(state(), latLngToCell(lat, lon, cube.resolution), areaSet()));
    },
    lasso(ring) {
      const cube = inputs.cube();
      if (!cube || ring.length < 3) return;
      // With no area yet, a lasso of cells draws the area.
      if (tool() === 'lasso-area' || !target()) setState({ ...state(), lasso: ring, added: [], removed: [] });
      else setState(addCells(state(), lassoCells(ring, cube.resolution), areaSet()));
      setTool('cells');
    },
    reset: () => setState({ ...EMPTY_PATROL, open: state().open, budget: state().budget }),
    query: (q) => withPatrolParams(q, state()),
  };
}
