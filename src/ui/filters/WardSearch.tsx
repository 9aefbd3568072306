/**
 * The ward type-ahead (issue 11, item 4): type part of a ward's or its borough's name, pick with
 * the arrow keys and Enter (or the mouse); chosen wards are chips that can be removed. An ARIA 1.2
 * combobox: focus stays in the input and aria-activedescendant names the highlighted option, so
 * screen readers follow the arrow keys.
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import { useApp } from '../context';
import { matchWards, prepareWards, wardEntries, type PreparedWard } from './ward-search';
import './ward-search.css';

/** Options listed at once: enough to see namesakes across boroughs, few enough to scan. */
const LIMIT = 12;
const LISTBOX_ID = 'ward-options';
const optionId = (code: string) => `ward-option-${code}`;

export function WardSearch() {
  const app = useApp();
  const wards = createMemo(() => prepareWards(wardEntries(app.boundaries()?.wards)));
  const byCode = createMemo(() => new Map(wards().map((w) => [w.code, w])));
  const chosen = () => (app.view.area.kind === 'ward' ? app.view.area.codes : []);
  const [query, setQuery] = createSignal('');
  const [open, setOpen] = createSignal(false);
  // Index of the highlighted option; -1 = none (Enter then takes the best match).
  const [active, setActive] = createSignal(-1);
  const matches = createMemo(() => matchWards(wards(), query(), { limit: LIMIT, exclude: new Set(chosen()) }));
  const listed = () => (open() ? matches().wards : []);
  let input!: HTMLInputElement;

  const setCodes = (codes: string[]) => app.setView({ area: { kind: 'ward', codes } });
  const choose = (w: PreparedWard) => {
    setCodes([...chosen(), w.code]);
    setQuery('');
    setActive(-1);
    setOpen(false);
  };
  const remove = (code: string) => {
    setCodes(chosen().filter((c) => c !== code));
    input.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const n = matches().wards.length;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open()) setOpen(true);
        if (n > 0) setActive((active() + 1) % n);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!open()) setOpen(true);
        if (n > 0) setActive(active() <= 0 ? n - 1 : active() - 1);
        break;
      case 'Enter': {
        const w = listed()[active() >= 0 ? active() : 0];
        if (w) {
          e.preventDefault();
          choose(w);
        }
        break;
      }
      case 'Escape':
        // First Escape closes the list, the second clears what was typed.
        if (open() && listed().length > 0) setOpen(false);
        else setQuery('');
        setActive(-1);
        break;
      case 'Backspace':
        if (input.value === '' && chosen().length > 0) remove(chosen()[chosen().length - 1]);
        break;
    }
  };

  const status = () => {
    if (!query().trim()) return '';
    const m = matches();
    if (m.total === 0) return 'No ward matches';
    const more = m.total > m.wards.length ? `, the first ${m.wards.length} listed; type more to narrow` : '';
    return `${m.total.toLocaleString('en-GB')} ward${m.total === 1 ? '' : 's'} match${more}`;
  };

  return (
    <div class="ward-search" data-testid="ward-search">
      <Show when={chosen().length > 0}>
        <ul class="ward-chips" aria-label="Chosen wards" data-testid="ward-chips">
          <For each={chosen()}>
            {(code) => {
              const label = () => byCode().get(code)?.label ?? code;
              return (
                <li class="ward-chip" data-code={code}>
                  <span>{label()}</span>
                  <button type="button" aria-label={`Remove ${label()}`} title="Remove" onClick={() => remove(code)}>
                    ×
                  </button>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
      <div class="ward-combo">
        <input
          ref={input}
          type="text"
          role="combobox"
          data-testid="ward-input"
          aria-label="Find a ward by name or borough"
          placeholder={chosen().length > 0 ? 'Add another ward…' : 'Type a ward name…'}
          autocomplete="off"
          spellcheck={false}
          aria-autocomplete="list"
          aria-controls={LISTBOX_ID}
          aria-expanded={listed().length > 0}
          aria-activedescendant={active() >= 0 && listed()[active()] ? optionId(listed()[active()].code) : undefined}
          value={query()}
          onInput={(e) => {
            setQuery(e.currentTarget.value);
            setActive(-1);
            setOpen(true);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
        />
        <ul id={LISTBOX_ID} role="listbox" class="ward-options" aria-label="Matching wards" hidden={listed().length === 0}>
          <For each={listed()}>
            {(w, i) => (
              <li
                id={optionId(w.code)}
                role="option"
                aria-selected={i() === active()}
                classList={{ active: i() === active() }}
                // mousedown, not click: the input would lose focus (and close the list) first.
                onMouseDown={(e) => {
                  e.preventDefault();
                  choose(w);
                }}
                onMouseMove={() => setActive(i())}
              >
                {w.name} <span class="muted">— {w.boroughName}</span>
              </li>
            )}
          </For>
        </ul>
      </div>
      <p class="muted small" role="status" aria-live="polite" data-testid="ward-status">
        {status()}
      </p>
    </div>
  );
}
