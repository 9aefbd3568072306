/** The colour legend for the hexagon layer: one swatch per quantile class with its range. */
import { For, Show } from 'solid-js';
import { useApp } from '../context';

const fmt = (v: number) => (Number.isInteger(v) ? v.toLocaleString('en-GB') : v.toLocaleString('en-GB', { maximumFractionDigits: 1 }));

export function Legend() {
  const app = useApp();
  const total = () => app.filtered()?.total ?? 0;
  return (
    <div class="legend" data-testid="legend" aria-label="Legend">
      <div class="legend-title">Crimes per hexagon</div>
      <Show when={app.scale().classes.length > 0} fallback={<div class="muted">No crimes match the filters</div>}>
        <For each={app.scale().classes}>
          {(c) => (
            <div class="legend-row">
              <span class="swatch" style={{ background: `rgba(${c.color[0]},${c.color[1]},${c.color[2]},${c.color[3] / 255})` }} />
              <span>{c.from === c.to ? fmt(c.to) : `${fmt(c.from)} – ${fmt(c.to)}`}</span>
            </div>
          )}
        </For>
      </Show>
      <div class="legend-foot" data-testid="filtered-total">
        {total().toLocaleString('en-GB')} crimes shown
      </div>
    </div>
  );
}
