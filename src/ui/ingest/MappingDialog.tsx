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
  // Optional: the grid the rows were counted or snapped to, in metres between neighbouring centres.
  const [spacing, setSpacing] = createSignal('');
  const spacingM = () => (spacing().trim() === '' ? undefined : Number(spacing()));
  const spacingBad = () => spacingM() !== undefined && !(spacingM()! > 0 && Number.isFinite(spacingM()!));
  const mapping = (): ColumnMapping => ({
    format: 'force-extract',
    coordinates: coords(),
    columns: { ...cols },
    ...(spacingM() !== undefined ? { cellSpacingM: spacingM() } : {}),
  });
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
      <label class="field">
        <span>Grid spacing in metres, if the rows are counts on a grid (optional: detected from the points when blank)</span>
        <input
          type="number"
          min="1"
          step="any"
          inputmode="decimal"
          data-testid="map-cell-spacing"
          value={spacing()}
          onInput={(e) => setSpacing(e.currentTarget.value)}
        />
        <Show when={spacingBad()}>
          <span class="warn">The spacing must be a number of metres above 0.</span>
        </Show>
      </label>
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
        <button type="button" class="primary" data-testid="mapping-load" disabled={missingRoles(mapping()).length > 0 || spacingBad()} onClick={() => answer(mapping())}>
          Load
        </button>
      </footer>
    </dialog>
  );
}
