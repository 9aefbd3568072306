/** The legend of the recorded-offences ward layer: its classes, the zero class and the City's "no figures". */
import { Index, Show } from 'solid-js';
import type { RGBA } from '../../map/color-scale';
import { NO_FIGURES_COLOR, ZERO_COLOR } from '../../map/recorded-layer';
import { CITY_NO_FIGURES, RECORDED_LABEL } from '../../state/recorded-crime-model';
import { useApp } from '../context';
import { useRecordedScale, useShownFigures } from './ward-layer';
import { fmtCount, groupInWords, periodInWords } from './words';

const css = (c: RGBA) => `rgba(${c[0]},${c[1]},${c[2]},${c[3] / 255})`;

function Row(props: { color: RGBA; label: string }) {
  return (
    <div class="legend-row">
      <span class="swatch" style={{ background: css(props.color) }} />
      <span>{props.label}</span>
    </div>
  );
}

export function RecordedLegend() {
  const app = useApp();
  const scale = useRecordedScale();
  const figures = useShownFigures();
  const total = () => (figures() ?? []).reduce((a, w) => a + w.offences, 0);
  return (
    <div data-testid="recorded-legend">
      <div class="legend-title">MPS recorded offences per ward</div>
      <div class="muted small">
        {groupInWords(app.view.rcGroup)}
        {app.recorded.period() ? ` · ${periodInWords(app.recorded.period()!)}` : ''}
      </div>
      <Show when={figures()} fallback={<div class="muted">Loading…</div>}>
        <Show when={scale().hasZero}>
          <Row color={ZERO_COLOR} label="0" />
        </Show>
        <Index each={scale().classes}>{(c) => <Row color={c().color} label={c().from === c().to ? fmtCount(c().to) : `${fmtCount(c().from)} – ${fmtCount(c().to)}`} />}</Index>
        <Row color={NO_FIGURES_COLOR} label={`City of London: ${CITY_NO_FIGURES}`} />
        <div class="legend-foot" data-testid="recorded-total">
          {fmtCount(total())} MPS recorded offences in {figures()!.length} Met ward{figures()!.length === 1 ? '' : 's'}
        </div>
      </Show>
      <div class="muted small">{RECORDED_LABEL}</div>
    </div>
  );
}
