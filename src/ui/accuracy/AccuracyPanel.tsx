/**
 * Forecast accuracy: would last period's hotspots have caught next month's crime? First the
 * patrol priority's rolling-origin backtest against its baselines, with the verdict in words
 * (the app never recommends a ranking that forecast worse than a baseline: issue 10 item 8);
 * then PAI and PEI* of a chosen measure on one test month beside the same baselines
 * (ANALYSIS.md "Forecast accuracy"). The default measure is the priority.
 */
import { createEffect, createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { type AccuracyReport, FORECAST_MEASURES, type ForecastMeasure } from '../../analysis/accuracy-report';
import { useApp } from '../context';
import { PAI_EXPLAINED, PEI_EXPLAINED } from '../explain';
import { BacktestTable } from './BacktestTable';

const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

/**
 * Says so when the chosen measure caught fewer of the test month's crimes than a baseline (the
 * panel once showed Gi* below both baselines without a word: issue 10 item 8); null otherwise.
 */
function worseThanBaseline(rep: AccuracyReport): string | null {
  const ours = rep.ours.result;
  const best = rep.baselines.reduce((a, b) => (b.result.hitRate > a.result.hitRate ? b : a));
  if (!(ours.hitRate < best.result.hitRate)) return null;
  const gi = rep.ours.label.startsWith('Gi*') ? ' Gi* finds significant areas; it is not a cell ranking.' : '';
  return (
    `On ${rep.testMonth} alone, ${best.label.toLowerCase()} caught ${pct(best.result.hitRate)} of the crimes and ` +
    `${rep.ours.label.startsWith('Gi*') ? rep.ours.label : rep.ours.label.toLowerCase()} ${pct(ours.hitRate)}: it forecast worse than a baseline here.${gi} ` +
    'Patrols follow the backtest above, over several months.'
  );
}

export function AccuracyPanel() {
  const app = useApp();
  const [open, setOpen] = createSignal(false);
  const [measure, setMeasure] = createSignal<ForecastMeasure>('priority');
  const priority = app.priority;
  const coverage = () => priority.settings().coveragePercent;
  const setCoverage = (c: number) => priority.setSettings({ coveragePercent: c });
  // The plan and its backtest are computed (in the worker) only while the panel is open.
  createEffect(() => {
    if (open()) onCleanup(priority.use());
  });
  const [test, setTest] = createSignal<string | null>(null);
  const [trainMonths, setTrainMonths] = createSignal(6);
  const months = () => app.cube()?.months ?? [];
  const testMonth = () => test() ?? months()[months().length - 1] ?? null;
  // Recomputed (in the hotspot worker) when the panel is open and any input changes.
  const [report] = createResource(
    () => {
      const c = app.cube();
      const f = app.cubeFilter();
      const t = testMonth();
      if (!open() || !c || !f || !t) return false;
      return {
        c, f, t, area: app.view.area.kind === 'all' ? '' : app.view.area.codes.join(), measure: measure(), coverage: coverage(),
        halfLife: priority.settings().halfLife, train: trainMonths(), w: app.harmWeights(),
      };
    },
    async (k) => {
      const ti = k.c.months.indexOf(k.t);
      if (ti < 1) return { error: 'Pick a test month after the first month of data.' } as const;
      const trainTo = ti - 1;
      const trainFrom = Math.max(0, trainTo - k.train + 1);
      try {
        const rep = await app.accuracy({
          trainFrom, trainTo, testMonth: ti, measure: k.measure, coverage: k.coverage / 100, categories: k.f.categories, harmWeights: k.w, halfLife: k.halfLife,
        });
        return rep ? ({ report: rep } as const) : undefined;
      } catch (e) {
        return { error: e instanceof Error ? e.message : String(e) } as const;
      }
    },
  );
  return (
    <section class="panel accuracy" aria-labelledby="acc-h" data-testid="accuracy-panel">
      <header>
        <h2 id="acc-h">Forecast accuracy</h2>
        <button type="button" class="link" data-testid="accuracy-toggle" onClick={() => setOpen(!open())}>
          {open() ? 'hide' : 'show'}
        </button>
      </header>
      <Show when={open()}>
        <h3>Patrol priority: backtest</h3>
        <div class="two">
          <label class="field">
            <span>Area flagged (%)</span>
            <input type="number" data-testid="acc-coverage" min="0.5" max="50" step="0.5" value={coverage()} onChange={(e) => setCoverage(Math.min(50, Math.max(0.5, Number(e.currentTarget.value) || 5)))} />
          </label>
          <label class="field">
            <span>Half-life (months)</span>
            <input type="number" data-testid="acc-half-life" min="0.5" max="24" step="0.5" value={priority.settings().halfLife} onChange={(e) => priority.setSettings({ halfLife: Math.min(24, Math.max(0.5, Number(e.currentTarget.value) || 3)) })} />
          </label>
          <label class="field">
            <span>Months tested</span>
            <input type="number" data-testid="acc-bt-months" min="1" max="24" value={priority.settings().months} onChange={(e) => priority.setSettings({ months: Math.min(24, Math.max(1, Math.round(Number(e.currentTarget.value)) || 6)) })} />
          </label>
        </div>
        <Show when={priority.plan()} fallback={<p class="muted small">{priority.error() ?? 'Backtesting…'}</p>}>
          {(plan) => (
            <>
              <p class="muted small" data-testid="priority-basis">
                Priority ranks hexagons by their {plan().backtest.unit} of each month, a month {plan().backtest.halfLife} months older counting half
                {plan().train ? `, over ${plan().train![0]} – ${plan().train![1]}` : ''}. Each month below is forecast from the months before it.
              </p>
              <BacktestTable backtest={plan().backtest} />
              <Show when={priority.error()}>{(e) => <p class="error">{e()}</p>}</Show>
            </>
          )}
        </Show>
        <h3>One test month</h3>
        <div class="two">
          <label class="field">
            <span>Test month</span>
            <select data-testid="acc-test" value={testMonth() ?? ''} onChange={(e) => setTest(e.currentTarget.value)}>
              <For each={months().slice(1)}>{(m) => <option value={m} selected={m === testMonth()}>{m}</option>}</For>
            </select>
          </label>
          <label class="field">
            <span>Training months before it</span>
            <input type="number" min="1" max="60" value={trainMonths()} onChange={(e) => setTrainMonths(Math.max(1, Number(e.currentTarget.value) || 1))} />
          </label>
        </div>
        <div class="two">
          <label class="field">
            <span>Rank hexagons by</span>
            <select data-testid="acc-measure" value={measure()} onChange={(e) => setMeasure(e.currentTarget.value as ForecastMeasure)}>
              <For each={Object.entries(FORECAST_MEASURES)}>{([k, v]) => <option value={k} selected={k === measure()}>{v}</option>}</For>
            </select>
          </label>
        </div>
        <Show when={report.latest}>
          {(r) => (
            <Show when={'report' in r() && r().report} fallback={<p class="error">{'error' in r() ? (r() as { error: string }).error : ''}</p>}>
              {(rep) => (
                <>
                  <p class="muted small">
                    Trained on {rep().train[0]} – {rep().train[1]}, tested on {rep().testMonth}; top {rep().ours.result.k.toLocaleString('en-GB')} hexagons
                    flagged.
                  </p>
                  <table class="acc" data-testid="accuracy-table">
                    <thead>
                      <tr>
                        <th>Forecast</th>
                        <th title={PAI_EXPLAINED}>PAI</th>
                        <th title={PEI_EXPLAINED}>PEI*</th>
                        <th title="Share of the test month's crimes in the flagged hexagons">Caught</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={[rep().ours, ...rep().baselines]}>
                        {(row, i) => (
                          <tr classList={{ ours: i() === 0 }}>
                            <td>{row.label}</td>
                            <td class="num" data-testid={i() === 0 ? 'pai-ours' : undefined}>{f2(row.result.pai)}</td>
                            <td class="num">{f2(row.result.pei)}</td>
                            <td class="num">{Number.isFinite(row.result.hitRate) ? `${(row.result.hitRate * 100).toFixed(1)}%` : '–'}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                  <Show when={worseThanBaseline(rep())}>{(note) => <p class="note" data-testid="accuracy-note">{note()}</p>}</Show>
                  <p class="muted small">{PAI_EXPLAINED}</p>
                  <p class="muted small">{PEI_EXPLAINED}</p>
                </>
              )}
            </Show>
          )}
        </Show>
      </Show>
    </section>
  );
}
