/** The selected hexagon: crimes by type, ward / borough / BCU, its monthly series with a trend test, and its hotspot figures. */
import { createMemo, For, Show } from 'solid-js';
import { cellCode } from '../../analysis/cube';
import { EMERGING_CATEGORIES } from '../../analysis/emerging.ts';
import { mannKendall } from '../../analysis/mann-kendall.ts';
import { GI_BIN_LABELS } from '../../map/hotspot-colors';
import { useApp } from '../context';
import { EMERGING_EXPLAINED, explainGiBin, explainZ } from '../explain';
import { areaName } from '../names';
import { ShowOnly } from './ShowOnly';

function Sparkline(props: { values: number[]; months: string[] }) {
  const W = 260;
  const H = 56;
  const max = () => Math.max(1, ...props.values);
  const pts = () =>
    props.values.map((v, i) => `${(i / Math.max(1, props.values.length - 1)) * (W - 8) + 4},${H - 4 - (v / max()) * (H - 12)}`).join(' ');
  return (
    <svg width={W} height={H} class="sparkline" data-testid="cell-series" role="img" aria-label={`Monthly values ${props.months[0]} to ${props.months.at(-1)}: ${props.values.join(', ')}`}>
      <polyline points={pts()} fill="none" stroke="#4fc3f7" stroke-width="2" />
      <For each={props.values}>
        {(v, i) => (
          <circle cx={(i() / Math.max(1, props.values.length - 1)) * (W - 8) + 4} cy={H - 4 - (v / max()) * (H - 12)} r="2.5" fill="#4fc3f7">
            <title>{`${props.months[i()]}: ${Math.round(v * 10) / 10}`}</title>
          </circle>
        )}
      </For>
    </svg>
  );
}

export function CellPanel() {
  const app = useApp();
  // The same figures as the tooltip (app.cellFigures): one aggregation for one filter.
  const info = createMemo(() => {
    const c = app.cube();
    const hex = app.selected();
    const f = app.cubeFilter();
    if (!c || !hex || !f) return null;
    const code = cellCode(c, hex);
    if (code < 0) return null;
    const b = app.cellFigures(code);
    if (!b) return null;
    const bi = b.borough ? c.boroughs.indexOf(b.borough) : -1;
    const series = { months: c.months.slice(f.monthFrom, f.monthTo + 1), values: b.series };
    const trend = mannKendall(series.values);
    return { hex, ...b, bcu: bi >= 0 ? c.boroughBcu[bi] : null, series, trend };
  });
  const hot = createMemo(() => {
    const h = app.hotspots();
    const hex = app.selected();
    // Figures of an earlier filter are not shown beside this filter's counts.
    if (!h || !hex || app.hotspotsStale()) return null;
    const i = h.cells.indexOf(hex);
    return i < 0
      ? null
      : { z: h.giZ[i], p: h.giP[i], bin: h.giBinFdr[i], emerging: EMERGING_CATEGORIES[h.emerging[i]], computed: h.emergingComputed, noData: h.noData[i] === 1 };
  });
  return (
    <Show when={info()}>
      {(i) => (
        <section class="panel cell" data-testid="cell-panel" aria-labelledby="cell-h">
          <header>
            <h2 id="cell-h">Selected hexagon</h2>
            <button type="button" class="link" onClick={() => app.select(null)} aria-label="Clear selection">
              clear
            </button>
          </header>
          <p class="muted mono">H3 {i().hex}</p>
          <p>
            <strong data-testid="cell-total">{i().total.toLocaleString('en-GB')}</strong> crimes
            {i().stopSearch > 0 ? ` (and ${i().stopSearch.toLocaleString('en-GB')} stop-and-search records)` : ''} ·{' '}
            {areaName(app, 'ward', i().ward) ?? 'no ward'}, {areaName(app, 'borough', i().borough) ?? 'outside London'}
            {i().bcu ? ` (${areaName(app, 'bcu', i().bcu)} BCU)` : ''}
          </p>
          <ShowOnly ward={i().ward} borough={i().borough} />
          <Show when={i().series.values.length > 1}>
            <Sparkline values={i().series.values} months={i().series.months} />
            <p class="small" data-testid="cell-trend">
              {app.view.weight === 'harm' ? 'Harm' : 'Crimes'} per month, {i().series.months[0]} to {i().series.months.at(-1)}:{' '}
              {i().trend.trend === 'up'
                ? 'rising'
                : i().trend.trend === 'down'
                  ? 'falling'
                  : 'no significant trend'}{' '}
              <span class="muted">(Mann-Kendall S = {i().trend.s}, p = {i().trend.p.toFixed(3)}; a trend needs p ≤ 0.10)</span>
            </p>
          </Show>
          <Show when={hot()}>
            {(h) => (
              <div class="cell-hot" data-testid="cell-hotspot">
                <Show
                  when={!h().noData}
                  fallback={<p class="warn">No data in this borough for these months: this hexagon is not labelled hot or cold.</p>}
                >
                  <p>
                    <strong>{GI_BIN_LABELS[h().bin]}</strong> (FDR) — {explainGiBin(h().bin, true)}
                  </p>
                  <p class="muted small">{explainZ(h().z, h().p)}</p>
                  <Show
                    when={h().computed}
                    fallback={<p class="muted small">Emerging hot spot category: not given, too few months (Esri needs at least 10).</p>}
                  >
                    <p>
                      <strong>{h().emerging}</strong>: {EMERGING_EXPLAINED[h().emerging]}
                    </p>
                  </Show>
                </Show>
              </div>
            )}
          </Show>
          <table class="breakdown">
            <tbody>
              <For each={i().byCategory}>
                {(r) => (
                  <tr>
                    <td>{r.category}</td>
                    <td class="num">{r.count.toLocaleString('en-GB')}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </section>
      )}
    </Show>
  );
}
