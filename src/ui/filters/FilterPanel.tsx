/** Filters: H3 resolution, month range, categories and area. Every change redraws from the cube. */
import { createMemo, For, Show } from 'solid-js';
import { CRIME_CATEGORIES, STOP_AND_SEARCH } from '../../analysis/categories';
import { inCategoryOrder } from '../../state/filters';
import { useApp } from '../context';
import { areaOptions } from '../names';
import { MonthPlayer } from './MonthPlayer';
import { ResolutionField } from './ResolutionField';
import { CoverageNote } from '../coverage/CoverageNote';
import { WardSearch } from './WardSearch';
import { PresetButtons } from './PresetButtons';

export function FilterPanel() {
  const app = useApp();
  const months = () => app.cube()?.months ?? [];
  // Unchosen months show the analysed window (the latest run of months with data when the data has a gap).
  const from = () => app.view.from ?? months()[app.coverage()?.window.from ?? 0] ?? '';
  const to = () => app.view.to ?? months()[app.coverage()?.window.to ?? months().length - 1] ?? '';
  const areaKind = () => app.view.area.kind;
  const areaCode = () => (app.view.area.kind === 'all' ? '' : (app.view.area.codes[0] ?? ''));
  const options = createMemo(() => (areaKind() === 'bcu' || areaKind() === 'borough' ? areaOptions(app, areaKind() as 'borough' | 'bcu') : []));
  const toggle = (cat: string, on: boolean) => {
    const set = new Set(app.view.categories);
    if (on) set.add(cat);
    else set.delete(cat);
    app.setView({ categories: inCategoryOrder(set) });
  };

  return (
    <section class="panel filters" aria-labelledby="filters-h">
      <h2 id="filters-h">Filters</h2>
      <ResolutionField />
      <div class="field two">
        <label>
          <span>From</span>
          <select data-testid="month-from" value={from()} onChange={(e) => app.setView({ from: e.currentTarget.value })}>
            <For each={months()}>{(m) => <option value={m} disabled={m > to()} selected={m === from()}>{m}</option>}</For>
          </select>
        </label>
        <label>
          <span>To</span>
          <select data-testid="month-to" value={to()} onChange={(e) => app.setView({ to: e.currentTarget.value })}>
            <For each={months()}>{(m) => <option value={m} disabled={m < from()} selected={m === to()}>{m}</option>}</For>
          </select>
        </label>
      </div>
      <MonthPlayer />
      <CoverageNote />
      <div class="field area-field" role="group" aria-labelledby="area-h">
        <span id="area-h">Area</span>
        {/* Stacked: a BCU's choice names its boroughs, too long for half the panel. */}
        <div>
          <select
            data-testid="area-kind"
            aria-label="Kind of area"
            value={areaKind()}
            onChange={(e) => {
              const kind = e.currentTarget.value as 'all' | 'ward' | 'borough' | 'bcu';
              app.setView({ area: kind === 'all' ? { kind } : { kind, codes: [] } });
            }}
          >
            <option value="all" selected={areaKind() === 'all'}>All London</option>
            <option value="bcu" selected={areaKind() === 'bcu'}>BCU</option>
            <option value="borough" selected={areaKind() === 'borough'}>Borough</option>
            <option value="ward" selected={areaKind() === 'ward'}>Ward</option>
          </select>
          <Show when={areaKind() === 'bcu' || areaKind() === 'borough'}>
            <select
              data-testid="area-code"
              aria-label={areaKind() === 'bcu' ? 'BCU' : 'Borough'}
              value={areaCode()}
              onChange={(e) => app.setView({ area: { kind: areaKind() as 'borough', codes: e.currentTarget.value ? [e.currentTarget.value] : [] } })}
            >
              <option value="">Choose…</option>
              <For each={options()}>{(o) => <option value={o.code} selected={o.code === areaCode()}>{o.label}</option>}</For>
            </select>
          </Show>
        </div>
        {/* 704 wards are found by typing, not from a list (issue 11, item 4). */}
        <Show when={areaKind() === 'ward'}>
          <WardSearch />
        </Show>
      </div>
      <fieldset class="field categories">
        <legend>
          Crime types{' '}
          <button type="button" class="link" onClick={() => app.setView({ categories: [...CRIME_CATEGORIES] })}>
            all
          </button>{' '}
          <button type="button" class="link" onClick={() => app.setView({ categories: [] })}>
            none
          </button>
        </legend>
        <PresetButtons />
        <For each={[...CRIME_CATEGORIES, STOP_AND_SEARCH]}>
          {(c) => (
            <label class="check">
              <input
                type="checkbox"
                data-testid={`cat-${c}`}
                checked={app.view.categories.includes(c)}
                onChange={(e) => toggle(c, e.currentTarget.checked)}
              />
              <span>{c === STOP_AND_SEARCH ? `${c} (not crimes)` : c}</span>
            </label>
          )}
        </For>
      </fieldset>
      <p class="muted" data-testid="filter-ms">
        Filtered {app.shownHexagons().toLocaleString('en-GB')} hexagons in {app.lastAggregateMs().toFixed(1)} ms
      </p>
    </section>
  );
}
