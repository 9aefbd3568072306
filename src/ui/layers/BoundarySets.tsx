/** Boundary sets drawn over the map beyond the wards, boroughs and BCUs: LSOA 2021 (issue 11, item 4). */
import { Show } from 'solid-js';
import { useApp } from '../context';

export function BoundarySets() {
  const app = useApp();
  const state = () => app.lsoa.state();
  return (
    <div class="field">
      <label class="check">
        <input type="checkbox" data-testid="lsoa-toggle" checked={app.view.lsoa} onChange={(e) => app.setView({ lsoa: e.currentTarget.checked })} />
        LSOA 2021 outlines
      </label>
      <Show when={app.view.lsoa && state().phase === 'loading'}>
        <p class="muted small" role="status" data-testid="lsoa-status">
          Loading the LSOA 2021 boundaries (about 4 MB)…
        </p>
      </Show>
      <Show when={app.view.lsoa && state().phase === 'failed'}>
        <p class="error" role="alert" data-testid="lsoa-error">
          {state().error} The map shows no LSOA outlines; switch them off and on to try again.
        </p>
      </Show>
    </div>
  );
}
