/**
 * The recorded-offences trend of the chosen ward or borough: 24 months against its peers' mean
 * (a ward against its borough's wards, a borough against the London boroughs), and the last 12
 * months against the 12 before, in words a meeting reads at a glance.
 */
import { Show } from 'solid-js';
import type { YearOnYear } from '../../analysis/recorded-trend';
import { CITY_NO_FIGURES, isCity, RECORDED_LABEL, type TrendSubject } from '../../state/recorded-crime-model';
import './recorded.css';
import { useApp } from '../context';
import { COMPARISON_COLOR, SUBJECT_COLOR, TrendChart } from './TrendChart';
import { fmtCount, groupInWords, periodInWords } from './words';

function change(y: YearOnYear): string {
  if (y.change === null) return 'none in the 12 months before';
  const pct = Math.round(y.change * 100);
  return `${pct > 0 ? '+' : pct < 0 ? '−' : '±'}${Math.abs(pct)}% on the 12 months before (${fmtCount(y.previous12)})`;
}

function subjectKind(s: TrendSubject): string {
  return s.kind === 'ward' ? `(ward, ${s.boroughName})` : '(borough)';
}

export function RecordedTrendPanel() {
  const app = useApp();
  const rc = app.recorded;
  const shown = () => (app.view.layer === 'recorded' ? rc.subject() : null);
  return (
    <Show when={shown()}>
      {(s) => (
        <section class="panel recorded-trend" data-testid="recorded-trend" aria-labelledby="rc-trend-h">
          <header>
            <h2 id="rc-trend-h">
              Trend: <span data-testid="trend-subject">{s().name}</span> {subjectKind(s())}
            </h2>
            <Show when={app.view.rcWard}>
              <button type="button" class="link" onClick={() => app.setView({ rcWard: null })} aria-label="Clear the chosen ward">
                clear
              </button>
            </Show>
          </header>
          <p class="muted small">{RECORDED_LABEL}</p>
          <Show when={!isCity(s())} fallback={<p data-testid="trend-no-figures">{`City of London: ${CITY_NO_FIGURES}.`}</p>}>
            <Show when={rc.trend()?.subject === s() ? rc.trend() : null} fallback={<p class="muted small">Loading the trend…</p>}>
              {(t) => (
                <Show when={t().values} fallback={<p data-testid="trend-no-figures">No MPS figures for this {s().kind}.</p>}>
                  <p class="small">
                    {groupInWords(t().group)} · {periodInWords({ from: t().months[0], to: t().months.at(-1)! })}
                  </p>
                  <TrendChart
                    months={t().months}
                    values={t().values}
                    comparison={t().comparison}
                    subjectLabel={s().name}
                    comparisonLabel={t().comparisonLabel}
                  />
                  <div class="small trend-key">
                    <span style={{ color: SUBJECT_COLOR }}>━ {s().name}</span>{' '}
                    <span style={{ color: COMPARISON_COLOR }}>┅ {t().comparisonLabel} (mean of {t().comparisonAreas})</span>
                  </div>
                  <Show when={t().subjectYear}>
                    {(y) => (
                      <p data-testid="trend-summary">
                        Last 12 months: <strong data-testid="trend-last12">{fmtCount(y().last12)}</strong> offences, {change(y())}.{' '}
                        {t().comparisonLabel}: <span data-testid="trend-comparison-last12">{fmtCount(t().comparisonYear.last12)}</span>,{' '}
                        {change(t().comparisonYear)}.
                      </p>
                    )}
                  </Show>
                </Show>
              )}
            </Show>
          </Show>
        </section>
      )}
    </Show>
  );
}
