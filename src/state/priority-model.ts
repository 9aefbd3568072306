/**
 * The app's patrol plan: the priority of every study-area cell (the order patrols would go in
 * next month) and the rolling-origin backtest behind it, computed in the hotspot worker from the
 * view's months, crime types, area and weight (src/analysis/priority-backtest.ts).
 *
 * It is computed only while something uses it (the forecast panel, later the patrol plan), so a
 * filter change costs nothing extra otherwise; users call `use()` and the returned release.
 */
import { type Accessor, createEffect, createSignal } from 'solid-js';
import type { CrimeCube, CubeFilter } from '../analysis/cube';
import type { BacktestOptions, PatrolPlan } from '../analysis/priority-backtest';
import { DEFAULT_HALF_LIFE } from '../analysis/priority';
import type { HotspotClient, StudyRequest } from './hotspot-client';

/** The backtest's settings the user can change (percent for the display, months). */
export interface PrioritySettings {
  /** Share of hexagons flagged, in percent. */
  coveragePercent: number;
  halfLife: number;
  /** Test months of the backtest. */
  months: number;
}

export const DEFAULT_PRIORITY_SETTINGS: PrioritySettings = { coveragePercent: 5, halfLife: DEFAULT_HALF_LIFE, months: 6 };

export interface PriorityModel {
  /** The latest plan for the current view (kept while a newer one is computed); null before the first. */
  plan: Accessor<PatrolPlan | null>;
  /** Why the last plan failed, if it did. */
  error: Accessor<string | null>;
  settings: Accessor<PrioritySettings>;
  setSettings(patch: Partial<PrioritySettings>): void;
  /** Starts computing plans for the view; call the returned function when no longer needed. */
  use(): () => void;
}

/** What the plan depends on: the hub's data, view and worker (one request per change). */
export interface PriorityInputs {
  cube: Accessor<CrimeCube | null>;
  cubeFilter: Accessor<CubeFilter | null>;
  /** Harm weights when the view's weight is harm, else undefined (counts). */
  weights: Accessor<Float64Array | undefined>;
  /** The study area, or null when the view has no area yet. */
  area: Accessor<StudyRequest | null>;
  client: () => HotspotClient;
  /** The client's channel: a newer request supersedes only one on the same channel. */
  channel?: string;
}

export function createPriorityModel(inputs: PriorityInputs): PriorityModel {
  const [plan, setPlan] = createSignal<PatrolPlan | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [settings, setSettingsSignal] = createSignal(DEFAULT_PRIORITY_SETTINGS);
  const [users, setUsers] = createSignal(0);

  createEffect(() => {
    if (users() === 0) return;
    const cube = inputs.cube();
    const filter = inputs.cubeFilter();
    const area = inputs.area();
    if (!cube || !filter || !area) return;
    const s = settings();
    const options: BacktestOptions = { coverage: s.coveragePercent / 100, halfLife: s.halfLife, months: s.months };
    inputs
      .client()
      .priority({ cube, ...area, filter, weights: inputs.weights(), options, channel: inputs.channel })
      .then((p) => {
        if (!p) return;
        setPlan(p);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  });

  return {
    plan,
    error,
    settings,
    setSettings: (patch) => setSettingsSignal((s) => ({ ...s, ...patch })),
    use() {
      setUsers((n) => n + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        setUsers((n) => n - 1);
      };
    },
  };
}
