/**
 * The patrol priority's rolling-origin backtest: one row per test month (each forecast from the
 * months before it), one column per ranking, PAI and the share of the month's crimes caught,
 * the means, and the verdict in words (src/analysis/priority-backtest.ts).
 */
import { For, Show } from 'solid-js';
import { type Backtest, type MonthScore, type Ranking, RANKINGS } from '../../analysis/priority-backtest';
import { PAI_EXPLAINED, PEI_EXPLAINED } from '../explain';

const f2 = (v: number | null) => (v !== null && Number.isFinite(v) ? v.toFixed(2) : '–');
const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}\u00a0%` : '–');

function Figure(props: { pai: number; hitRate: number; pei: number; testid: string }) {
  return (
    <td class="num" data-testid={props.testid}>
      <span class="bt-pai">{f2(props.pai)}</span>
      <span class="bt-hit muted">{pct(props.hitRate)}</span>
      <span class="bt-pei muted" title={PEI_EXPLAINED}>{f2(props.pei)}</span>
    </td>
  );
}

export function BacktestTable(props: { backtest: Backtest }) {
  const bt = () => props.backtest;
  const header = (r: Ranking) => (r === bt().recommended ? `${bt().labels[r]} ✓` : bt().labels[r]);
  const score = (s: MonthScore) => (s.reason ? { pai: NaN, hitRate: NaN, pei: NaN } : { pai: s.pai, hitRate: s.hitRate, pei: s.pei });
  return (
    <>
      <Show when={bt().months.length > 0}>
        <table class="acc backtest" data-testid="backtest-table">
          <thead>
            <tr>
              <th title="Each month is forecast from the months before it">Month</th>
              <For each={RANKINGS}>
                {(r) => (
                  <th class="num" classList={{ ours: r === bt().recommended }} data-ranking={r} title={r === 'gi' ? 'For contrast: Gi* finds significant areas, it does not rank cells' : undefined}>
                    {header(r)}
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={bt().months}>
              {(m) => (
                <tr data-month={m.month}>
                  <td title={`forecast from ${m.train[0]} – ${m.train[1]}`}>{m.month}</td>
                  <For each={RANKINGS}>{(r) => <Figure {...score(m.scores[r])} testid={`bt-${m.month}-${r}`} />}</For>
                </tr>
              )}
            </For>
            <Show when={bt().mean}>
              {(mean) => (
                <tr class="ours" data-month="mean">
                  <td>Mean</td>
                  <For each={RANKINGS}>{(r) => <Figure {...mean()[r]} testid={`bt-mean-${r}`} />}</For>
                </tr>
              )}
            </Show>
          </tbody>
        </table>
        <p class="muted small">
          Each cell, top to bottom: PAI, the share of the month's {bt().unit} caught in the top{' '}
          {Number((bt().coverage * 100).toFixed(2))} % of hexagons, and PEI*. {PAI_EXPLAINED} {PEI_EXPLAINED}
        </p>
      </Show>
      <p class="verdict" data-testid="priority-verdict">
        {bt().verdict}
      </p>
    </>
  );
}
