/**
 * What this browser keeps (issue 14, item 5): bytes used per kind, read from the files themselves
 * (src/state/persist/), a failed save in words, and one visible button that clears the saved data
 * after asking. The tasking log is the meeting's record, so deleting it is a separate, explicit
 * choice in the confirmation, off by default.
 */
import { createSignal, onMount, Show } from 'solid-js';
import { useApp } from '../context';
import './storage.css';

/** Bytes in words: "0 B", "12.3 kB", "45.6 MB". */
export function bytesLabel(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB'];
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

export function StoragePanel() {
  const app = useApp();
  const p = app.persist;
  const [asking, setAsking] = createSignal(false);
  const [withLog, setWithLog] = createSignal(false);
  const [clearing, setClearing] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  onMount(() => void p.refreshUsage());

  const clear = async () => {
    setClearing(true);
    try {
      await p.clear({ log: withLog() });
    } catch (e) {
      setClearing(false);
      setError(`Could not clear the saved data: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <div class="storage" data-testid="storage">
      <h3>Saved in this browser</h3>
      <Show when={p.usage()} fallback={<p class="muted">Storage used: not known yet</p>}>
        {(u) => (
          <p>
            <span data-testid="storage-total" data-bytes={u().total}>{bytesLabel(u().total)}</span>
            <span class="muted">
              : loaded data {bytesLabel(u().snapshot)}, your files {bytesLabel(u().files)}, map cache {bytesLabel(u().cubes)}, tasking log{' '}
              {bytesLabel(u().log)}
              {u().other > 0 ? `, settings ${bytesLabel(u().other)}` : ''}
            </span>
          </p>
        )}
      </Show>
      <Show when={p.savedAt()}>
        {(at) => (
          <p class="muted" data-testid="saved-at">
            {p.restoredThisOpen() ? 'Restored the copy saved ' : 'Saved '}
            {new Date(at()).toLocaleString('en-GB')}
            {p.restoredThisOpen() ? ': nothing was read or checked again.' : '.'}
          </p>
        )}
      </Show>
      <Show when={p.saveError()}>{(e) => <p class="error" role="alert" data-testid="storage-error">{e()}</p>}</Show>
      <Show when={error()}>{(e) => <p class="error" role="alert">{e()}</p>}</Show>
      <Show
        when={asking()}
        fallback={
          <button type="button" data-testid="clear-saved" onClick={() => setAsking(true)}>
            Clear saved data
          </button>
        }
      >
        <div class="confirm" role="alertdialog" aria-labelledby="clear-q" data-testid="clear-confirm">
          <p id="clear-q">
            Remove the loaded data, your files and your harm edits from this browser? The page then reloads with the embedded data only.
          </p>
          <label class="check">
            <input type="checkbox" data-testid="clear-log" checked={withLog()} onChange={(e) => setWithLog(e.currentTarget.checked)} />
            Also delete the tasking log (the meeting's record of decisions: export it first)
          </label>
          <div class="row">
            <button type="button" data-testid="clear-yes" disabled={clearing()} onClick={() => void clear()}>
              {withLog() ? 'Clear all, with the tasking log, and reload' : 'Clear and reload'}
            </button>
            <button type="button" onClick={() => setAsking(false)} disabled={clearing()}>
              Cancel
            </button>
          </div>
        </div>
      </Show>
    </div>
  );
}
