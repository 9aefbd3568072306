/**
 * This month against last per BCU and borough of the view's area (a BCU's meeting sees its BCU
 * and boroughs: src/state/meeting-areas.ts), with control limits (mean ± 2 SD of the months
 * before, src/analysis/control-limits.ts), crimes or harm, the flag in words. Flagged areas are
 * named above the table so the room hears them first.
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import { controlFlagWords, type ControlLimitResult } from '../../analysis/control-limits';
import { limitAreasWords } from '../../state/meeting-areas';
import type { AreaLimits } from '../../state/meeting-model';
import { useApp } from '../context';
import { areaInWords, monthInWords } from '../map/map-title';
import { areaName } from '../names';

const whole = (v: number | null) => (v === null ? 'no data' : Math.round(v).toLocaleString('en-GB'));
const limitsWords = (r: ControlLimitResult) => (r.lower === null || r.upper === null ? '–' : `${whole(Math.max(0, r.lower))} – ${whole(r.upper)}`);

export function AreaLimitsTable() {
  const app = useApp();
  const m = app.meeting;
  const [measure, setMeasure] = createSignal<'crimes' | 'harm'>('crimes');
  const name = (a: AreaLimits) => areaName(app, a.level, a.code) ?? a.code;
  const flagged = createMemo(() => {
    const rows = m.limits() ?? [];
    const of = (flag: string) => rows.filter((a) => a[measure()].flag === flag).map(name);
    return { above: of('above'), below: of('below') };
  });
  const area = () => app.view.area;
  const areaWords = () => {
    const a = area();
    return areaInWords(a, a.kind === 'all' ? [] : a.codes.map((c) => areaName(app, a.kind, c) ?? c));
  };
  const coverWords = () => limitAreasWords(area(), { bcus: (m.limits() ?? []).filter((a) => a.level === 'bcu').length });
  const months = () => {
    const r = m.limits()?.[0]?.[measure()];
    return r ? r.baselineMonths : 0;
  };
  return (
    <section class="mt-limits" data-testid="mt-limits" data-measure={measure()}>
      <h3 data-testid="mt-limits-heading">
        This month against last, per BCU and borough · {areaWords()} · {measure() === 'crimes' ? 'crimes' : 'harm (CHI days)'}
      </h3>
      <div class="mt-switch" role="group" aria-label="Measure">
        <button type="button" aria-pressed={measure() === 'crimes'} data-testid="mt-measure-crimes" onClick={() => setMeasure('crimes')}>
          Crimes
        </button>
        <button type="button" aria-pressed={measure() === 'harm'} data-testid="mt-measure-harm" onClick={() => setMeasure('harm')}>
          Harm
        </button>
      </div>
      <p data-testid="mt-limits-summary">
        <Show when={flagged().above.length} fallback="No area is above its control limit.">
          Above its control limit: {flagged().above.join(', ')}.
        </Show>{' '}
        <Show when={flagged().below.length} fallback="None below.">
          Below its control limit: {flagged().below.join(', ')}.
        </Show>
      </p>
      <p>
        Control limits: the mean ± 2 standard deviations (sample) of the {months()} month{months() === 1 ? '' : 's'} before {m.asAt() ? monthInWords(m.asAt()!) : 'this month'}
        {months() < 12 ? ` (fewer than 12: the data begin ${app.cube()?.months[0] ? monthInWords(app.cube()!.months[0]!) : ''})` : ''}. Months with no data are left out.
      </p>
      <table class="mt-table">
        <caption data-testid="mt-limits-covers">{coverWords()}</caption>
        <thead>
          <tr>
            <th scope="col">Area</th>
            <th scope="col">{m.asAt() ? monthInWords(m.asAt()!) : 'This month'}</th>
            <th scope="col">{m.lastMonth() ? monthInWords(m.lastMonth()!) : 'Last month'}</th>
            <th scope="col">Mean</th>
            <th scope="col">Limits</th>
            <th scope="col">Against its limits</th>
          </tr>
        </thead>
        <tbody>
          <For each={m.limits() ?? []}>
            {(a) => {
              const r = () => a[measure()];
              return (
                <tr
                  data-testid="mt-limit-row"
                  data-level={a.level}
                  data-code={a.code}
                  data-value={r().value ?? ''}
                  data-last={r().last ?? ''}
                  data-mean={r().mean ?? ''}
                  data-lower={r().lower ?? ''}
                  data-upper={r().upper ?? ''}
                  data-months={r().baselineMonths}
                  data-flag={r().flag}
                  classList={{ [r().flag]: true }}
                >
                  <th scope="row">{a.level === 'bcu' ? `${name(a)} BCU` : name(a)}</th>
                  <td class="num">{whole(r().value)}</td>
                  <td class="num">{whole(r().last)}</td>
                  <td class="num">{whole(r().mean)}</td>
                  <td class="num">{limitsWords(r())}</td>
                  <td>{controlFlagWords(r())}</td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </section>
  );
}
