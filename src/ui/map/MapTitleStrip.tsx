/** The title strip over the map: what the map shows, in words (src/ui/map/map-title.ts). */
import { createMemo } from 'solid-js';
import { useApp } from '../context';
import { areaName } from '../names';
import { mapTitle } from './map-title';
import { recordedMapTitle } from '../recorded/recorded-title';

/** The map's title for the view on screen (the strip's, and the meeting pack's cover). */
export function useMapTitle() {
  const app = useApp();
  return createMemo(() => {
    const a = app.view.area;
    const names = a.kind === 'all' ? [] : a.codes.map((c) => areaName(app, a.kind, c) ?? c);
    if (app.view.layer === 'recorded') return recordedMapTitle(app.view, app.recorded.period(), app.recorded.span()?.last ?? null, names);
    return mapTitle(app.view, app.cube()?.months ?? [], names);
  });
}

export function MapTitleStrip() {
  const title = useMapTitle();
  return (
    <header class="map-title" data-testid="map-title" aria-label="What the map shows">
      <div class="map-title-heading" data-testid="map-title-heading">{title().heading}</div>
      <div data-testid="map-title-scope">{title().scope}</div>
      <div class="muted" data-testid="map-title-basis">{title().basis}</div>
    </header>
  );
}
