/** The selected hexagon: its crimes by type, ward, borough and BCU, under the current filters. */
import { createMemo, For, Show } from 'solid-js';
import { cellBreakdown, cellCode } from '../../analysis/cube';
import { toCubeFilter } from '../../state/filters';
import { useApp } from '../context';
import { areaName } from '../names';

export function CellPanel() {
  const app = useApp();
  const info = createMemo(() => {
    const c = app.cube();
    const hex = app.selected();
    if (!c || !hex) return null;
    const code = cellCode(c, hex);
    if (code < 0) return null;
    const b = cellBreakdown(c, toCubeFilter(c, app.view), code);
    const bi = b.borough ? c.boroughs.indexOf(b.borough) : -1;
    return { hex, ...b, bcu: bi >= 0 ? c.boroughBcu[bi] : null };
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
            <strong>{i().total.toLocaleString('en-GB')}</strong> crimes ·{' '}
            {areaName(app, 'ward', i().ward) ?? 'no ward'}, {areaName(app, 'borough', i().borough) ?? 'outside London'}
            {i().bcu ? ` (${areaName(app, 'bcu', i().bcu)} BCU)` : ''}
          </p>
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
