/** The recorded-offences layer's choices (offence group, period) and its load state, under the layer choice. */
import { createMemo, For, Show } from 'solid-js';
import { addMonths } from '../../analysis/recorded-trend';
import { RECORDED_LABEL } from '../../state/recorded-crime-model';
import { useApp } from '../context';
import { monthInWords } from '../map/map-title';
import { groupInWords } from './words';

export function RecordedControls() {
  const app = useApp();
  const rc = app.recorded;
  const months = createMemo(() => {
    const s = rc.span();
    const out: string[] = [];
    if (s) for (let m = s.first; m <= s.last; m = addMonths(m, 1)) out.push(m);
    return out.reverse();
  });
  return (
    <div class="recorded-controls" data-testid="recorded-controls">
      <p class="small" data-testid="recorded-label">
        <strong>{RECORDED_LABEL}</strong>: the Met's own counts by ward (London Datastore). Not police.uk street crimes: the
        two are never added together.
      </p>
      <Show when={rc.state() !== 'ready'}>
        <p class="muted small" data-testid="recorded-status" role="status">
          {rc.state() === 'failed' ? `Could not load the MPS recorded offences: ${rc.error()}` : 'Loading the MPS recorded offences by ward…'}
        </p>
      </Show>
      <Show when={rc.state() === 'ready' && rc.period()}>
        {(p) => (
          <>
            <label class="field">
              <span>Offence group (Home Office)</span>
              <select data-testid="rc-group" onChange={(e) => app.setView({ rcGroup: e.currentTarget.value || null })}>
                <option value="" selected={app.view.rcGroup === null}>
                  {groupInWords(null)}
                </option>
                <For each={rc.groups()}>{(g) => <option value={g} selected={app.view.rcGroup === g}>{groupInWords(g)}</option>}</For>
              </select>
            </label>
            <div class="field month-range">
              <label>
                <span>From</span>
                <select data-testid="rc-from" onChange={(e) => app.setView({ rcFrom: e.currentTarget.value })}>
                  <For each={months()}>{(m) => <option value={m} selected={p().from === m}>{monthInWords(m)}</option>}</For>
                </select>
              </label>
              <label>
                <span>to</span>
                <select data-testid="rc-to" onChange={(e) => app.setView({ rcTo: e.currentTarget.value })}>
                  <For each={months()}>{(m) => <option value={m} selected={p().to === m}>{monthInWords(m)}</option>}</For>
                </select>
              </label>
            </div>
            <Show when={app.view.rcFrom !== null || app.view.rcTo !== null}>
              <button type="button" class="link" onClick={() => app.setView({ rcFrom: null, rcTo: null })}>
                Latest 12 months
              </button>
            </Show>
            <Show when={rc.error()}>
              <p class="error" role="alert">{rc.error()}</p>
            </Show>
            <p class="muted small">Click a ward for its trend, or choose one ward or one borough as the area.</p>
          </>
        )}
      </Show>
    </div>
  );
}
