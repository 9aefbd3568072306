/** A dialog listing refused rows: file, row, reason, detail and the raw row, by reason and page. */
import { createResource, createSignal, For, onMount } from 'solid-js';
import { listRejects, rejectSummary } from '../../db/rejects';
import { useApp } from '../context';

const PAGE = 50;

export function RejectsViewer(props: { onClose: () => void }) {
  const app = useApp();
  const [reason, setReason] = createSignal<string | null>(null);
  const [offset, setOffset] = createSignal(0);
  const [summary] = createResource(() => app.totals().rejected, () => (app.db() ? rejectSummary(app.db()!) : Promise.resolve([])));
  const [rows] = createResource(
    () => ({ reason: reason(), offset: offset(), n: app.totals().rejected }),
    (k) => (app.db() ? listRejects(app.db()!, { reason: k.reason, offset: k.offset, limit: PAGE }) : Promise.resolve([])),
  );
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());

  return (
    <dialog ref={dialog} class="rejects" data-testid="rejects-viewer" onClose={props.onClose} aria-labelledby="rejects-h">
      <header>
        <h2 id="rejects-h">Rejected rows</h2>
        <button type="button" onClick={() => dialog.close()} aria-label="Close">
          ✕
        </button>
      </header>
      <div class="reasons">
        <button type="button" classList={{ on: reason() === null }} onClick={() => (setReason(null), setOffset(0))}>
          All reasons
        </button>
        <For each={summary() ?? []}>
          {(s) => (
            <button type="button" classList={{ on: reason() === s.reason }} onClick={() => (setReason(s.reason), setOffset(0))}>
              {s.reason} ({s.n.toLocaleString('en-GB')})
            </button>
          )}
        </For>
      </div>
      <table>
        <thead>
          <tr>
            <th>File</th>
            <th>Row</th>
            <th>Reason</th>
            <th>Detail</th>
            <th>Raw row</th>
          </tr>
        </thead>
        <tbody>
          <For each={rows() ?? []}>
            {(r) => (
              <tr>
                <td>{r.file_name}</td>
                <td>{r.source_row ?? ''}</td>
                <td>{r.reason}</td>
                <td>{r.detail ?? ''}</td>
                <td class="raw">{r.raw ?? ''}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <footer>
        <button type="button" disabled={offset() === 0} onClick={() => setOffset(Math.max(0, offset() - PAGE))}>
          Previous
        </button>
        <span>
          Rows {offset() + 1}–{offset() + (rows()?.length ?? 0)}
        </span>
        <button type="button" disabled={(rows()?.length ?? 0) < PAGE} onClick={() => setOffset(offset() + PAGE)}>
          Next
        </button>
      </footer>
    </dialog>
  );
}
