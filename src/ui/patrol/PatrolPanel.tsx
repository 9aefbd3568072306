/**
 * The patrol plan panel (issue 13, items 3 and 4): for the view's ward or borough, or an area the
 * inspector draws, the cells to patrol in the backtested priority order, the dose (Koper: 15
 * minutes, twice a day, random order), hours a week against the budget, the share of the area's
 * harm covered against its share of the area (PAI), the backtest verdict beside it, and the
 * printable mission sheet (./MissionSheet.tsx). State lives in src/state/patrol-model.ts.
 */
import { createMemo, For, Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import { BacktestTable } from '../accuracy/BacktestTable';
import { useApp } from '../context';
import { MissionSheet } from './MissionSheet';
import { printSheet } from './print';
import { hoursText, shortCell } from './words';
import './patrol.css';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

export function PatrolPanel() {
  const app = useApp();
  const patrol = app.patrol;
  const open = () => patrol.state().open;
  const plan = createMemo(() => (open() ? patrol.plan() : null));
  const tool = (t: 'cells' | 'lasso-area' | 'lasso-add', label: string, testid: string) => (
    <button type="button" data-testid={testid} aria-pressed={patrol.tool() === t} classList={{ on: patrol.tool() === t }} onClick={() => patrol.setTool(patrol.tool() === t ? 'cells' : t)}>
      {label}
    </button>
  );
  return (
    <section class="panel patrol" aria-labelledby="patrol-h" data-testid="patrol-panel">
      <header>
        <h2 id="patrol-h">Patrol plan</h2>
        <label class="check">
          <input type="checkbox" data-testid="patrol-toggle" checked={open()} onChange={(e) => patrol.setOpen(e.currentTarget.checked)} />
          Plan patrols
        </label>
      </header>
      <Show when={open()}>
        <p class="small muted" data-testid="patrol-resolution">
          Patrol cells at {patrol.resolution().reason}.
          {app.view.resolution !== patrol.resolution().resolution ? ` The map is at resolution ${app.view.resolution}: the plan uses the map's cells.` : ''}
        </p>
        <p class="small" data-testid="patrol-target">
          <Show when={patrol.target()} fallback={<span class="muted">{patrol.why()}</span>}>
            {(t) => (
              <>
                For <strong>{t().label}</strong> ({t().kind === 'drawn' ? 'drawn on the map' : t().kind}, {t().cells.length.toLocaleString('en-GB')} cells). Click a hexagon to put it in or take
                it out.
              </>
            )}
          </Show>
        </p>
        <div class="patrol-tools">
          {tool('lasso-add', 'Lasso cells in', 'patrol-lasso-add')}
          {tool('lasso-area', 'Draw an area', 'patrol-lasso-area')}
          <button type="button" data-testid="patrol-reset" onClick={() => patrol.reset()} disabled={!patrol.state().lasso && patrol.state().added.length + patrol.state().removed.length === 0}>
            Undo edits
          </button>
        </div>
        <label class="field">
          <span>Budget: officer hours a week (empty: no budget)</span>
          <input
            type="number"
            min="0"
            step="0.5"
            data-testid="patrol-budget"
            value={patrol.state().budget ?? ''}
            onChange={(e) => {
              const v = e.currentTarget.value.trim();
              const n = Number(v);
              patrol.setBudget(v === '' || !Number.isFinite(n) || n < 0 ? null : n);
            }}
          />
        </label>
        <Show when={plan()} fallback={<Show when={patrol.target()}><p class="small muted" data-testid="patrol-why">{patrol.why()}</p></Show>}>
          {(p) => (
            <>
              <p data-testid="patrol-hours">
                <strong>{hoursText(p().hoursPerWeek)}</strong> a week
                {p().budgetHoursPerWeek === null ? ' (no budget)' : ` of ${hoursText(p().budgetHoursPerWeek!)}`} · {p().cells.filter((c) => c.planned).length} of {p().cells.length} cells ·{' '}
                {hoursText(p().hoursPerCell)} a cell
              </p>
              <p data-testid="patrol-pai">
                {pct(p().coverage.harmShare)} of the harm of {p().coverage.label} in {pct(p().coverage.areaShare)} of its area: PAI{' '}
                <strong>{p().coverage.pai === null ? '–' : p().coverage.pai!.toFixed(2)}</strong> (crimes: {pct(p().coverage.crimeShare)}, PAI{' '}
                {p().coverage.paiCrimes === null ? '–' : p().coverage.paiCrimes!.toFixed(2)})
              </p>
              <ul class="small patrol-summary" data-testid="patrol-summary">
                <For each={p().summary}>{(line) => <li>{line}</li>}</For>
              </ul>
              <Show when={patrol.backtest()}>
                {(bt) => (
                  <details class="small">
                    <summary data-testid="patrol-verdict" data-recommended={bt().recommended}>
                      Order: {bt().labels[bt().recommended].toLowerCase()}, backtested on {patrol.basisLabel()}. {bt().verdict}
                    </summary>
                    <BacktestTable backtest={bt()} />
                  </details>
                )}
              </Show>
              <ol class="patrol-list small" data-testid="patrol-list">
                <For each={p().cells}>
                  {(c) => (
                    <li data-h3={c.h3} data-planned={c.planned ? '1' : '0'} classList={{ over: !c.planned }} title={c.h3}>
                      <span class="mono">{shortCell(c.h3)}</span> {c.planned ? `${c.visitsPerDay}×${c.minutesPerVisit} min a day` : 'over budget'} — {c.why}
                    </li>
                  )}
                </For>
              </ol>
              <button type="button" class="primary" data-testid="print-mission" onClick={() => printSheet('mission')}>
                Print the mission sheet
              </button>
              <Portal>
                <MissionSheet plan={p()} />
              </Portal>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
