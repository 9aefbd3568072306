/** What the map shows: the layer, count or harm weighting, and the editable harm weights. */
import { createSignal, For, Show } from 'solid-js';
import { CRIME_CATEGORIES } from '../../analysis/categories';
import { NO_CHI_SCORE } from '../../analysis/harm';
import { isHotspotLayer, MAP_LAYERS, type MapLayerKind } from '../../state/filters';
import { RecordedControls } from '../recorded/RecordedControls';
import { useApp } from '../context';
import { chosenAreaWords } from '../names';
import { NoDataLines } from './NoDataLines';
import { BoundarySets } from './BoundarySets';

export function LayerPanel() {
  const app = useApp();
  const [editing, setEditing] = createSignal(false);
  const setWeight = (cat: string, days: number) => {
    const overrides = { ...app.view.harmOverrides };
    if (days === app.harmDefaults.weights[cat]) delete overrides[cat];
    else overrides[cat] = days;
    app.setView({ harmOverrides: overrides });
  };
  return (
    <section class="panel layers" aria-labelledby="layers-h">
      <h2 id="layers-h">Map layer</h2>
      <div class="field" role="radiogroup" aria-label="Map layer">
        <For each={Object.entries(MAP_LAYERS) as [MapLayerKind, string][]}>
          {([k, label]) => (
            <label class="check">
              <input type="radio" name="layer" data-testid={`layer-${k}`} checked={app.view.layer === k} onChange={() => app.setView({ layer: k })} />
              {label}
            </label>
          )}
        </For>
      </div>
      <BoundarySets />
      <Show when={app.view.layer === 'recorded'}>
        <RecordedControls />
      </Show>
      <label class="field">
        <span>Weigh each crime by</span>
        <select data-testid="weight" disabled={app.view.layer === 'recorded'} value={app.view.weight} onChange={(e) => app.setView({ weight: e.currentTarget.value as 'count' | 'harm' })}>
          <option value="count" selected={app.view.weight === 'count'}>Count (every crime = 1)</option>
          <option value="harm" selected={app.view.weight === 'harm'}>Harm (Cambridge Crime Harm Index, days)</option>
        </select>
      </label>
      <Show when={app.view.weight === 'harm'}>
        <button type="button" class="link" data-testid="edit-harm" onClick={() => setEditing(!editing())}>
          {editing() ? 'Hide harm weights' : 'Edit harm weights'}
          {Object.keys(app.view.harmOverrides).length > 0 ? ` (${Object.keys(app.view.harmOverrides).length} changed)` : ''}
        </button>
        <Show when={editing()}>
          <table class="harm" data-testid="harm-table">
            <tbody>
              <For each={CRIME_CATEGORIES}>
                {(c) => (
                  <tr title={app.harmDefaults.notes[c]}>
                    <td>
                      {c}
                      <Show when={c === NO_CHI_SCORE}>
                        <span class="warn"> no CHI score</span>
                      </Show>
                    </td>
                    <td>
                      <input
                        type="number"
                        min="0"
                        step="any"
                        data-testid={`harm-${c}`}
                        aria-label={`Harm weight of ${c} in days`}
                        value={app.view.harmOverrides[c] ?? app.harmDefaults.weights[c]}
                        onChange={(e) => {
                          const v = Number(e.currentTarget.value);
                          if (Number.isFinite(v) && v >= 0) setWeight(c, v);
                          else e.currentTarget.value = String(app.view.harmOverrides[c] ?? app.harmDefaults.weights[c]);
                        }}
                      />
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <p class="muted small">
            Days of custody at the sentencing starting point, approximated per police.uk category (hover a row for its
            derivation). Anti-social behaviour is not a notifiable offence and has no Crime Harm Index score: it weighs 1.{' '}
            <button type="button" class="link" onClick={() => app.setView({ harmOverrides: {} })}>
              Reset
            </button>
          </p>
        </Show>
      </Show>
      <Show when={isHotspotLayer(app.view.layer)}>
        <Show when={app.hotspotError()}>
          <p class="error" role="alert">Hot spot analysis failed: {app.hotspotError()}</p>
        </Show>
        <NoDataLines />
        <Show when={app.hotspots()?.degenerate}>
          <p class="warn" data-testid="degenerate">Every hexagon has the same value, so nothing can stand out: no hot or cold spots.</p>
        </Show>
        <p class="muted small" data-testid="hotspot-ms">
          <Show when={app.hotspots()} fallback="Computing hot spots…">
            {(h) => (
              <>
                {h().cells.length.toLocaleString('en-GB')} hexagons in the study area ({h().months.length} months) analysed in{' '}
                {app.lastHotspotMs().toFixed(0)} ms
                <Show when={h().outsideArea > 0}>
                  <span data-testid="outside-area">
                    ; {h().outsideArea.toLocaleString('en-GB')} crimes matching the filters lie in hexagons whose centre is outside{' '}
                    {chosenAreaWords(app)}, so they are not analysed
                  </span>
                </Show>
              </>
            )}
          </Show>
        </p>
      </Show>
    </section>
  );
}
