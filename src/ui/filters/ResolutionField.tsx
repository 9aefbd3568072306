/**
 * The hexagon size (H3 resolution) choice. Resolutions finer than the loaded data supports stay
 * listed but disabled, with the reason written under the control; a view moved to a coarser
 * resolution for that reason says so (src/state/precision-model.ts).
 */
import { For, Show } from 'solid-js';
import { H3_RESOLUTIONS, type H3Resolution } from '../../db/schema';
import { useApp } from '../context';

const EDGE_M: Record<number, string> = { 7: '1.4 km', 8: '530 m', 9: '200 m', 10: '76 m' };

export function ResolutionField() {
  const app = useApp();
  const p = app.precision;
  return (
    <>
      <label class="field">
        <span>Hexagon size (H3 resolution)</span>
        <select
          data-testid="resolution"
          value={app.view.resolution}
          onChange={(e) => app.setView({ resolution: Number(e.currentTarget.value) as H3Resolution })}
        >
          <For each={H3_RESOLUTIONS}>
            {(r) => (
              <option value={r} disabled={p.refusal(r) !== null} title={p.refusal(r) ?? undefined} selected={r === app.view.resolution}>
                {`${r} (edge ≈ ${EDGE_M[r]})${p.refusal(r) ? ': finer than the data' : ''}`}
              </option>
            )}
          </For>
        </select>
      </label>
      <Show when={p.fallbackNotice()}>
        <p class="warn" role="status" data-testid="resolution-fallback">
          {p.fallbackNotice()}
        </p>
      </Show>
      <Show when={!p.fallbackNotice() && p.limitNote()}>
        <p class="muted" style={{ 'font-size': '12px' }} role="note" data-testid="resolution-limit">
          {`${p.limitNote()}${p.precision().fileName ? ` (${p.precision().fileName})` : ''}.`}
        </p>
      </Show>
      <Show when={app.view.resolution >= 10}>
        <p class="warn" role="note">
          police.uk moves every crime to the nearest of ~750,000 anonymous map points. Hexagons this small show
          that snapping as much as where crime happened.
        </p>
      </Show>
    </>
  );
}
