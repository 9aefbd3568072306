/**
 * Forecast accuracy: would last period's hotspots have caught next month's crime? PAI and PEI*
 * of the chosen measure beside two baselines (ANALYSIS.md "Forecast accuracy").
 */
import { createResource, createSignal, For, Show } from 'solid-js';
import { FORECAST_MEASURES, type ForecastMeasure } from '../../analysis/accuracy-report';
import { useApp } from '../context';
import { PAI_EXPLAINED, PEI_EXPLAINED } from '../explain';

const f2 = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : '–');

export function AccuracyPanel() {
  const app = useApp();
  const [open, setOpen] = createSignal(false);
  const [measure, setMeasure] = createSignal<ForecastMeasure>('gi-harm');
  const [coverage, setCoverage] = createSignal(5);
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
      return { c, f, t, area: app.view.area.kind === 'all' ? '' : app.view.area.codes.join(), measure: measure(), coverage: coverage(), train: trainMonths(), w: app.harmWeights() };
    },
    async (k) => {
      const ti = k.c.months.indexOf(k.t);
      if (ti < 1) return { error: 'Pick a test month after the first month of data.' } as const;
      const trainTo = ti - 1;
      const trainFrom = Math.max(0, trainTo - k.train + 1);
      try {
        const rep = await app.accuracy({ trainFrom, trainTo, testMonth: ti, measure: k.measure, coverage: k.coverage / 100, categories: k.f.categories, harmWeights: k.w });
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
          <label class="field">
            <span>Area flagged (%)</span>
            <input type="number" min="0.5" max="50" step="0.5" value={coverage()} onChange={(e) => setCoverage(Math.min(50, Math.max(0.5, Number(e.currentTarget.value) || 5)))} />
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
