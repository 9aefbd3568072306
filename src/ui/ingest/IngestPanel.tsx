/** Loading files: picker and drop zone, progress, kept / rejected counts, per-file reports. */
import { createSignal, For, Show } from 'solid-js';
import { cellsLabel } from '../../analysis/precision';
import { useApp } from '../context';
import { DatasetChoice } from './DatasetChoice';
import { RejectsViewer } from './RejectsViewer';
import { BoundaryFiles, splitBoundaryFiles } from '../clusters/BoundaryFiles';
import { StoragePanel } from '../storage/StoragePanel';

const n = (v: number) => v.toLocaleString('en-GB');

export function IngestPanel() {
  const app = useApp();
  const [dragging, setDragging] = createSignal(false);
  const [showRejects, setShowRejects] = createSignal(false);
  let input!: HTMLInputElement;

  const take = (list: FileList | null | undefined) => {
    // GeoJSON files are boundary levels of the cross-border hot spots, not crimes.
    const { boundaries, data } = splitBoundaryFiles(list ? [...list] : []);
    for (const f of boundaries) app.clusters.addBoundaryFile(f).catch(() => {}); // refusals are listed by BoundaryFiles
    if (data.length > 0) void app.loadFiles(data);
  };

  return (
    <section class="panel ingest" aria-labelledby="ingest-h">
      <h2 id="ingest-h">Data</h2>
      <DatasetChoice />
      <div class="counts">
        {/* Rows and crimes differ once an aggregated extract (a count column) is loaded: both are said. */}
        <Show
          when={app.totals().crimes !== app.totals().kept}
          fallback={
            <div>
              <span class="big" data-testid="rows-kept">{n(app.totals().kept)}</span>
              <span class="muted"> records kept</span>
            </div>
          }
        >
          <div>
            <span class="big" data-testid="crimes-kept">{n(app.totals().crimes)}</span>
            <span class="muted"> crimes kept, in </span>
            <span data-testid="rows-kept">{n(app.totals().kept)}</span>
            <span class="muted"> rows</span>
          </div>
        </Show>
        <div>
          <button type="button" class="link big" data-testid="rows-rejected" onClick={() => setShowRejects(true)} title="Show the refused rows and why">
            {n(app.totals().rejected)}
          </button>
          <span class="muted"> rejected</span>
        </div>
      </div>
      <Show when={app.status().phase !== 'ready'}>
        <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow={Math.round(app.status().fraction * 100)} data-testid="progress">
          <div class="bar" style={{ width: `${Math.round(app.status().fraction * 100)}%` }} />
        </div>
        <p class={app.status().phase === 'failed' ? 'error' : 'muted'} data-testid="status">
          {app.status().message}
        </p>
      </Show>
      <Show when={app.queue().waiting.length > 0}>
        <div class="queue" data-testid="queue" role="status">
          <strong>Waiting to load, one at a time:</strong>
          <ol>
            <For each={app.queue().waiting}>{(j) => <li>{j.label}</li>}</For>
          </ol>
        </div>
      </Show>
      <div
        class={`dropzone${dragging() ? ' over' : ''}`}
        data-testid="dropzone"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          take(e.dataTransfer?.files);
        }}
      >
        <p>Drop police.uk street or stop-and-search CSVs, or force extracts (CSV / Parquet, WGS84 or British National Grid; one row a crime, or a count column for aggregated counts), or GeoJSON areas (a partner's area, Clear–Hold–Build sites) for the cross-border hot spots</p>
        <button type="button" onClick={() => input.click()} data-testid="choose-files">
          {app.queue().running ? 'Choose files… (they load after the current load)' : 'Choose files…'}
        </button>
        <input
          ref={input}
          type="file"
          multiple
          accept=".csv,.parquet,text/csv,.geojson,.json"
          data-testid="file-input"
          class="visually-hidden"
          onChange={(e) => {
            take(e.currentTarget.files);
            e.currentTarget.value = '';
          }}
        />
      </div>
      <ul class="reports" data-testid="reports">
        <For each={app.reports()}>
          {(r) => (
            <li class={r.status} data-file={r.fileName}>
              <strong>{r.fileName}</strong>
              <Show when={r.status === 'loaded'}>
                : {r.crimesKept !== r.kept ? `${n(r.kept)} rows, ${n(r.crimesKept)} crimes kept` : `${n(r.kept)} kept`}, {n(r.rejected)} rejected
                <Show when={r.rejected > 0}>
                  {' '}({Object.entries(r.rejectReasons).map(([k, v]) => `${k} ${n(v)}`).join(', ')})
                </Show>
                {/* The two counts add up to this: every row of the file is accounted for. */}
                <span class="muted"> of {n(r.rowsRead)} rows read</span>
                <For each={r.notes ?? []}>{(note) => <span class="muted">; {note}</span>}</For>
                <Show when={r.precision?.cellAreaM2 != null && r.precision}>
                  {(p) => <span class="muted">; {cellsLabel(p().cellAreaM2!)}: resolution {p().finestResolution} at the finest</span>}
                </Show>
              </Show>
              <Show when={r.status === 'duplicate-file'}>: already loaded, nothing added</Show>
              <Show when={r.restored}>
                <span class="muted" data-testid="restored"> (restored from this browser, not read again)</span>
              </Show>
              <Show when={r.status === 'failed'}>
                : <span class="error">{r.error}</span>
              </Show>
            </li>
          )}
        </For>
      </ul>
      <BoundaryFiles />
      <StoragePanel />
      <Show when={showRejects()}>
        <RejectsViewer onClose={() => setShowRejects(false)} />
      </Show>
    </section>
  );
}
