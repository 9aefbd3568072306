/**
 * The meeting's legend, always on screen and in words (nothing only on hover): the hot spot
 * bins or emerging categories drawn, each with its meaning, and the outline of the site under
 * discussion.
 */
import { For, Show } from 'solid-js';
import { EMERGING_CATEGORIES } from '../../analysis/emerging.ts';
import type { RGBA } from '../../map/color-scale';
import { EMERGING_COLORS, GI_BIN_COLORS, GI_BIN_LABELS } from '../../map/hotspot-colors';
import { useApp } from '../context';

const css = (c: RGBA) => `rgb(${c[0]},${c[1]},${c[2]})`;

export function MeetingLegend() {
  const app = useApp();
  const emerging = () => {
    const h = app.hotspots();
    const n = new Array(EMERGING_CATEGORIES.length).fill(0);
    if (h) for (const e of h.emerging) n[e]++;
    return EMERGING_CATEGORIES.filter((c, i) => c !== 'No Pattern Detected' && n[i] > 0);
  };
  return (
    <div class="mt-legend" data-testid="mt-legend" aria-label="Legend">
      <Show
        when={app.view.layer === 'emerging'}
        fallback={
          <>
            <For each={[3, 2, 1, -1, -2, -3]}>
              {(b) => (
                <span class="mt-key">
                  <span class="mt-swatch" style={{ background: css(GI_BIN_COLORS[b + 3]) }} />
                  {GI_BIN_LABELS[b]}
                </span>
              )}
            </For>
            <span class="mt-key">Hot spot: a hexagon and its neighbours hold more crime than chance would give (Gi*, corrected for multiple testing).</span>
          </>
        }
      >
        <For each={emerging()}>
          {(c) => (
            <span class="mt-key">
              <span class="mt-swatch" style={{ background: css(EMERGING_COLORS[c]) }} />
              {c}
            </span>
          )}
        </For>
      </Show>
      <span class="mt-key">
        <span class="mt-swatch outline" /> The site under discussion
      </span>
    </div>
  );
}
