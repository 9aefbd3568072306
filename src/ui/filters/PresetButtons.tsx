/**
 * The Met's performance groupings as one-click crime type choices (issue 13, item 6;
 * src/analysis/presets.ts). A grouping's button is pressed while the chosen crime types are
 * exactly that grouping; the map's title then names it.
 */
import { For } from 'solid-js';
import { PERFORMANCE_PRESETS } from '../../analysis/presets';
import { inCategoryOrder } from '../../state/filters';
import { useApp } from '../context';
import './presets.css';

export function PresetButtons() {
  const app = useApp();
  const isChosen = (categories: readonly string[]) => {
    const on = new Set(app.view.categories);
    return on.size === categories.length && categories.every((c) => on.has(c));
  };
  return (
    <div class="presets" role="group" aria-label="The Met's crime groupings" data-testid="presets">
      <span class="muted">Met groupings:</span>
      <For each={PERFORMANCE_PRESETS}>
        {(p) => (
          <button
            type="button"
            data-testid={`preset-${p.id}`}
            aria-pressed={isChosen(p.categories)}
            title={p.categories.join(', ')}
            onClick={() => app.setView({ categories: inCategoryOrder(p.categories) })}
          >
            {p.label}
          </button>
        )}
      </For>
    </div>
  );
}
