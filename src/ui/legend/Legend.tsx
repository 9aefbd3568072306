/** The legend for the current layer: quantile classes, Gi* confidence bins, or emerging categories. */
import { createMemo, For, Index, Show } from 'solid-js';
import { EMERGING_CATEGORIES } from '../../analysis/emerging.ts';
import type { RGBA } from '../../map/color-scale';
import { EMERGING_COLORS, GI_BIN_COLORS, GI_BIN_LABELS } from '../../map/hotspot-colors';
import { useApp } from '../context';
import { EMERGING_EXPLAINED, explainGiBin } from '../explain';
import { RecordedLegend } from '../recorded/RecordedLegend';

// One formatter, made once: `toLocaleString` with options builds a new Intl.NumberFormat per call
// (about 18 µs in V8), and the class labels are rewritten on every filter change.
const ONE_DECIMAL = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const fmt = (v: number) => ONE_DECIMAL.format(v);
const css = (c: RGBA) => `rgba(${c[0]},${c[1]},${c[2]},${c[3] / 255})`;

function Swatch(props: { color: RGBA; label: string; title?: string; count?: number }) {
  return (
    <div class="legend-row" title={props.title}>
      <span class="swatch" style={{ background: css(props.color) }} />
      <span>{props.label}</span>
      <Show when={props.count !== undefined}>
        <span class="muted num">{props.count!.toLocaleString('en-GB')}</span>
      </Show>
    </div>
  );
}

export function Legend() {
  const app = useApp();
  // Counts layer: the filter's crimes (stop-and-search records apart). Hot spot layers: the crimes
  // in the analysed hexagons (whole hexagons of the study area), the sum of what their tooltips say.
  const shown = createMemo(() => {
    const h = app.hotspots();
    const f = app.filtered();
    if (app.view.layer !== 'counts' && h) return { crimes: h.count.reduce((a, b) => a + b, 0), stopSearch: 0, where: 'in the analysed hexagons' };
    return { crimes: (f?.total ?? 0) - (f?.stopSearch ?? 0), stopSearch: f?.stopSearch ?? 0, where: 'shown' };
  });
  const giCounts = createMemo(() => {
    const h = app.hotspots();
    const n = new Array(7).fill(0);
    if (h) for (const b of h.giBinFdr) n[b + 3]++;
    return n;
  });
  const emergingCounts = createMemo(() => {
    const h = app.hotspots();
    const n = new Array(EMERGING_CATEGORIES.length).fill(0);
    if (h) for (const e of h.emerging) n[e]++;
    return n;
  });
  return (
    <Show
      when={app.view.layer !== 'recorded'}
      fallback={
        <div class="legend" data-testid="legend" aria-label="Legend">
          <RecordedLegend />
        </div>
      }
    >
    <div class="legend" data-testid="legend" aria-label="Legend">
      <Show when={app.view.layer === 'counts'}>
        <div class="legend-title">{app.view.weight === 'harm' ? 'Harm per hexagon (days)' : 'Crimes per hexagon'}</div>
        <Show when={app.scale().classes.length > 0} fallback={<div class="muted">No crimes match the filters</div>}>
          {/* Index, not For: a filter change makes new class objects, and the rows should update in place. */}
          <Index each={app.scale().classes}>{(c) => <Swatch color={c().color} label={c().from === c().to ? fmt(c().to) : `${fmt(c().from)} – ${fmt(c().to)}`} />}</Index>
        </Show>
      </Show>
      <Show when={app.view.layer === 'gi'}>
        <div class="legend-title">Gi* hot and cold spots (FDR-corrected)</div>
        <For each={[3, 2, 1, -1, -2, -3]}>
          {(b) => <Swatch color={GI_BIN_COLORS[b + 3]} label={GI_BIN_LABELS[b]} title={explainGiBin(b, true)} count={giCounts()[b + 3]} />}
        </For>
        <div class="muted small">{giCounts()[3].toLocaleString('en-GB')} hexagons not significant (not drawn)</div>
      </Show>
      <Show when={app.view.layer === 'emerging'}>
        <div class="legend-title">Emerging hot spots</div>
        <For each={EMERGING_CATEGORIES.filter((c, i) => c !== 'No Pattern Detected' && emergingCounts()[i] > 0)}>
          {(c) => <Swatch color={EMERGING_COLORS[c]} label={c} title={EMERGING_EXPLAINED[c]} count={emergingCounts()[EMERGING_CATEGORIES.indexOf(c)]} />}
        </For>
        <Show
          when={app.hotspots()?.emergingComputed !== false}
          fallback={<div class="muted small" data-testid="legend-emerging-none">Not classified: fewer than 10 months with crime</div>}
        >
          <div class="muted small">{emergingCounts()[16].toLocaleString('en-GB')} hexagons with no pattern (not drawn)</div>
        </Show>
      </Show>
      <Show when={(app.coverage()?.noDataBoroughs.length ?? 0) > 0}>
        <div class="legend-row" data-testid="legend-no-data" title="Boroughs with no crimes, or far fewer than usual, in a month analysed: not loaded, not crime-free">
          <span class="swatch hatch" />
          <span>No data</span>
          <span class="muted num">{app.coverage()!.noDataBoroughs.length} boroughs</span>
        </div>
      </Show>
      <div class="legend-foot" data-testid="filtered-total">
        {`${shown().crimes.toLocaleString('en-GB')} crimes ${shown().where}`}
      </div>
      <Show when={shown().stopSearch > 0}>
        <div class="legend-foot muted" data-testid="stop-search-total">
          and {shown().stopSearch.toLocaleString('en-GB')} stop-and-search records (not crimes)
        </div>
      </Show>
      <Show when={app.view.layer !== 'counts' && app.hotspotsStale()}>
        <div class="legend-foot muted">Recomputing for the new filter…</div>
      </Show>
    </div>
    </Show>
  );
}
