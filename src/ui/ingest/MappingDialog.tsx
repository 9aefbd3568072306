/** Column mapping: shown when a file's columns cannot be matched by name. */
import { createSignal, For, onMount, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { type ColumnMapping, type CoordinateSystem, missingRoles, type Role } from '../../ingest/detect';
import type { MappingRequest } from '../../state/app-model';

const LABELS: Partial<Record<Role, string>> = {
  month: 'Month or date',
  category: 'Crime type / category',
  longitude: 'Longitude (WGS84)',
  latitude: 'Latitude (WGS84)',
  easting: 'Easting (British National Grid)',
  northing: 'Northing (British National Grid)',
  crimeId: 'Crime ID (optional)',
  location: 'Location text (optional)',
  outcome: 'Outcome (optional)',
  count: 'Crimes per row, for counts (optional: without it each row is one crime)',
};

export function MappingDialog(props: { request: MappingRequest }) {
  const err = props.request.error;
  const [coords, setCoords] = createSignal<CoordinateSystem>(err.detection.mapping.coordinates);
  const [cols, setCols] = createStore<Partial<Record<Role, string>>>({ ...err.detection.mapping.columns });
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());
  const mapping = (): ColumnMapping => ({ format: 'force-extract', coordinates: coords(), columns: { ...cols } });
  const roles = (): Role[] => ['month', 'category', ...(coords() === 'bng' ? (['easting', 'northing'] as Role[]) : (['longitude', 'latitude'] as Role[])), 'crimeId', 'location', 'outcome', 'count'];
  let answered = false;
  const answer = (m: ColumnMapping | null) => {
    answered = true;
    props.request.resolve(m);
    dialog.close();
  };

  return (
    <dialog ref={dialog} class="mapping" data-testid="mapping-dialog" aria-labelledby="mapping-h" onClose={() => answered || props.request.resolve(null)}>
      <h2 id="mapping-h">Which columns are which?</h2>
      <p>
        <strong>{err.fileName}</strong> is not a police.uk file and its column names were not recognised. Pick the
        columns that hold each value.
      </p>
      <fieldset>
        <legend>Coordinates</legend>
        <label class="check">
          <input type="radio" name="coords" checked={coords() === 'wgs84'} onChange={() => setCoords('wgs84')} /> Longitude / latitude (WGS84)
        </label>
        <label class="check">
          <input type="radio" name="coords" checked={coords() === 'bng'} onChange={() => setCoords('bng')} /> Easting / northing (British National Grid)
        </label>
      </fieldset>
      <div class="grid">
        <For each={roles()}>
          {(role) => (
            <label class="field">
              <span>{LABELS[role]}</span>
              <select data-testid={`map-${role}`} value={cols[role] ?? ''} onChange={(e) => setCols(role, e.currentTarget.value || undefined)}>
                <option value="">—</option>
                <For each={err.header}>{(h) => <option value={h} selected={cols[role] === h}>{h}</option>}</For>
              </select>
            </label>
          )}
        </For>
      </div>
      <details>
        <summary>First rows of the file</summary>
        <table class="sample">
          <thead>
            <tr>
              <For each={err.header}>{(h) => <th>{h}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={err.sample}>
              {(row) => (
                <tr>
                  <For each={err.header}>{(h) => <td>{row[h] ?? ''}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </details>
      <Show when={missingRoles(mapping()).length > 0}>
        <p class="warn">Still needed: {missingRoles(mapping()).map((r) => LABELS[r] ?? r).join(', ')}</p>
      </Show>
      <footer>
        <button type="button" onClick={() => answer(null)}>
          Skip this file
        </button>
        <button type="button" class="primary" data-testid="mapping-load" disabled={missingRoles(mapping()).length > 0} onClick={() => answer(mapping())}>
          Load
        </button>
      </footer>
    </dialog>
  );
}
