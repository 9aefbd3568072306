/**
 * The recorded-offences ward layer as MapView uses it: the deck.gl layers to draw (none unless
 * the layer is chosen) and the hover text. Clicking a ward chooses it for the trend.
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { Feature } from 'geojson';
import { createMemo, createSignal, Show, type JSX } from 'solid-js';
import { recordedScale, recordedWardLayer } from '../../map/recorded-layer';
import type { WardOffences } from '../../db/recorded-crime';
import { CITY_NO_FIGURES, RECORDED_LABEL } from '../../state/recorded-crime-model';
import { useApp } from '../context';
import { fmtCount, groupInWords, periodInWords } from './words';

interface WardHover {
  x: number;
  y: number;
  code: string;
  name: string;
  boroughName: string;
  /** The City's wards have no Met figures: another force polices the City. */
  city: boolean;
}

/** The shown wards' figures (wards without Met figures left out) for the view's group and period. */
export function useShownFigures() {
  const app = useApp();
  return createMemo(() => {
    const byWard = app.recorded.byWard();
    const wards = app.recorded.shownWards();
    if (!byWard || !wards) return null;
    const out: WardOffences[] = [];
    for (const f of wards.features) {
      const w = byWard.get(String(f.properties?.code));
      if (w) out.push(w);
    }
    return out;
  });
}

/** The ward layer's colour scale over the shown wards (shared with its legend). */
export function useRecordedScale() {
  const figures = useShownFigures();
  return createMemo(() => recordedScale((figures() ?? []).map((w) => w.offences)));
}

export function useRecordedWardLayer(): { layers: () => Layer[]; Tooltip: () => JSX.Element } {
  const app = useApp();
  const [hover, setHover] = createSignal<WardHover | null>(null);
  const scale = useRecordedScale();
  const version = createMemo((v: number) => {
    scale();
    app.recorded.byWard();
    return v + 1;
  }, 0);
  /** A ward's offences; null when the Met has no figures for it (the City's wards). */
  const offencesOf = (code: string) => app.recorded.byWard()?.get(code)?.offences ?? null;

  const layers = (): Layer[] => {
    const wards = app.recorded.shownWards();
    if (app.view.layer !== 'recorded' || !wards || !app.recorded.byWard()) return [];
    return [
      recordedWardLayer({
        wards,
        offencesOf,
        scale: scale(),
        version: version(),
        selected: app.recorded.subject()?.kind === 'ward' ? app.recorded.subject()!.code : null,
        onHover: (info: PickingInfo<Feature>) => {
          const p = info.object?.properties;
          setHover(p ? { x: info.x, y: info.y, code: String(p.code), name: String(p.name), boroughName: String(p.boroughName ?? ''), city: p.borough === 'E09000001' } : null);
        },
        onClick: (info: PickingInfo<Feature>) => {
          const code = info.object?.properties?.code;
          if (code) app.setView({ rcWard: String(code) });
          return true;
        },
      }),
    ];
  };

  const Tooltip = () => (
    <Show when={app.view.layer === 'recorded' && hover()}>
      {(h) => (
        <div class="tooltip" data-testid="recorded-tooltip" style={{ left: `${h().x + 14}px`, top: `${h().y + 14}px` }}>
          <div class="tt-title">
            {h().name} · {h().boroughName}
          </div>
          <Show when={offencesOf(h().code) !== null} fallback={<div class="tt-strong">{h().city ? CITY_NO_FIGURES : 'no MPS figures for this ward'}</div>}>
            <div class="tt-strong">{fmtCount(offencesOf(h().code)!)} MPS recorded offences</div>
          </Show>
          <div>
            {groupInWords(app.view.rcGroup)}
            {app.recorded.period() ? ` · ${periodInWords(app.recorded.period()!)}` : ''}
          </div>
          <div class="muted small">{RECORDED_LABEL}. Click for its trend.</div>
        </div>
      )}
    </Show>
  );
  return { layers, Tooltip };
}
