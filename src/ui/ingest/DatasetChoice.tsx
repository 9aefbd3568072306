/**
 * Which embedded dataset the user's files are loaded on top of: all of London aggregated to 100 m
 * cells (the default), or the 2017-18 record-level set. The choice is part of the view (and so
 * of a shared link); switching reloads the tables as one queued job.
 */
import { For, Show } from 'solid-js';
import { DATASETS, datasetById, type DatasetInfo } from '../../state/datasets';
import { cellsLabel } from '../../analysis/precision';
import { monthInWords } from '../map/map-title';
import { useApp } from '../context';

const n = (v: number) => v.toLocaleString('en-GB');

/** Coverage and precision of a dataset in one line of words. */
export function datasetSummary(d: DatasetInfo): string {
  const what = d.rows === d.crimes ? `${n(d.crimes)} crime records` : `${n(d.crimes)} crimes in ${n(d.rows)} rows`;
  const where = d.missingAreas.length === 0 ? `all ${d.areas} areas` : `${d.areas} of ${d.areas + d.missingAreas.length} areas`;
  const precision = d.cellAreaM2 === null ? 'points as police.uk publishes them' : `${cellsLabel(d.cellAreaM2)} of ${n(Math.round(d.cellAreaM2))} m² (resolution ${d.finestResolution} at the finest)`;
  return `${what}, ${monthInWords(d.months[0])} to ${monthInWords(d.months[1])}, ${where}; ${precision}`;
}

export function DatasetChoice() {
  const app = useApp();
  const chosen = () => datasetById(app.view.dataset);
  return (
    <div class="dataset-choice">
      <label>
        <span class="muted">Dataset </span>
        <select
          data-testid="dataset"
          value={app.view.dataset}
          disabled={app.status().phase !== 'ready'}
          onChange={(e) => app.setView({ dataset: e.currentTarget.value, from: null, to: null, selected: null })}
        >
          <For each={DATASETS}>{(d) => <option value={d.id}>{d.label}</option>}</For>
        </select>
      </label>
      <Show when={chosen()}>
        {(d) => (
          <p class="muted small" data-testid="dataset-summary">
            {datasetSummary(d())}
            <Show when={d().missingAreas.length > 0}>
              . No data for {d().missingAreas.join(', ')}
            </Show>
          </p>
        )}
      </Show>
    </div>
  );
}
