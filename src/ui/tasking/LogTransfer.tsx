/**
 * Export and import of the tasking log (issue 14, item 1), and any trouble keeping it: the log
 * moves between machines as a JSON file; an import merges by event id and a bad file is refused
 * with the reason.
 */
import { createSignal, Show } from 'solid-js';
import { downloadText } from '../../state/lifecycle/download';
import { useApp } from '../context';

export function LogTransfer() {
  const app = useApp();
  const lc = app.lifecycle;
  const [message, setMessage] = createSignal<{ ok: boolean; text: string } | null>(null);
  const importFile = async (file: File) => {
    try {
      const added = lc.importText(await file.text());
      setMessage({ ok: true, text: `Imported ${file.name}: ${added} new decision${added === 1 ? '' : 's'} (${lc.events().length} in the log).` });
    } catch (e) {
      setMessage({ ok: false, text: `Not imported: ${e instanceof Error ? e.message : String(e)}` });
    }
  };
  return (
    <div class="lc-transfer" data-testid="lc-transfer">
      <span class="muted" data-testid="lc-count">
        Tasking log: {lc.events().length} decision{lc.events().length === 1 ? '' : 's'}, kept in this browser.
      </span>{' '}
      <button type="button" data-testid="lc-export" onClick={() => downloadText(lc.exportText(), `tasking-log-${new Date().toISOString().slice(0, 10)}.json`)}>
        Export log
      </button>{' '}
      <label class="button">
        Import log
        <input
          type="file"
          accept=".json,application/json"
          data-testid="lc-import"
          class="visually-hidden"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (f) void importFile(f);
          }}
        />
      </label>
      <Show when={message()}>{(m) => <p class={m().ok ? 'muted' : 'error'} role="status" data-testid="lc-import-result">{m().text}</p>}</Show>
      <Show when={lc.storageError()}>{(e) => <p class="error" role="alert" data-testid="lc-storage-error">{e()}</p>}</Show>
    </div>
  );
}
