/**
 * A small line chart of monthly offences: the subject (solid) against its peers' mean (dashed),
 * on one axis of offences per month, with the year boundaries marked. Plain SVG, no chart library.
 */
import { For, Show } from 'solid-js';
import { monthInWords } from '../map/map-title';

const W = 300;
const H = 170;
const PAD = { left: 40, right: 8, top: 10, bottom: 34 };
export const SUBJECT_COLOR = '#fc8d59';
export const COMPARISON_COLOR = '#c9d1e3';

/** A round axis maximum at least the largest value: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. */
export function niceMax(v: number): number {
  if (!(v > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((k) => Math.round(k * p * 1e6) / 1e6).find((m) => m >= v)!;
}

export function TrendChart(props: { months: string[]; values: number[] | null; comparison: number[]; subjectLabel: string; comparisonLabel: string }) {
  const top = () => niceMax(Math.max(...(props.values ?? []), ...props.comparison));
  const x = (i: number) => PAD.left + (i / Math.max(1, props.months.length - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - v / top()) * (H - PAD.top - PAD.bottom);
  const line = (vs: number[]) => vs.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  // Januaries, labelled with their year, split the months into calendar years.
  const januaries = () => props.months.map((m, i) => [m, i] as const).filter(([m]) => m.endsWith('-01'));
  const describe = () =>
    `${props.subjectLabel}, offences per month ${props.months[0]} to ${props.months.at(-1)}: ${(props.values ?? []).join(', ')}; ` +
    `${props.comparisonLabel}: ${props.comparison.map((v) => v.toFixed(1)).join(', ')}`;
  return (
    <svg width="100%" viewBox={`0 0 ${W} ${H}`} class="trend-chart" data-testid="trend-chart" role="img" aria-label={describe()}>
      <text x={PAD.left - 4} y={y(top()) + 4} class="axis-label" font-size="11" text-anchor="end">
        {top().toLocaleString('en-GB')}
      </text>
      <text x={PAD.left - 4} y={y(0) + 4} class="axis-label" font-size="11" text-anchor="end">
        0
      </text>
      <text x={0} y={0} class="axis-label" font-size="11" text-anchor="middle" transform={`translate(10 ${(y(0) + y(top())) / 2}) rotate(-90)`}>
        offences / month
      </text>
      <line x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} stroke="#5d6a85" />
      <line x1={PAD.left} x2={W - PAD.right} y1={y(top())} y2={y(top())} stroke="#3a4256" stroke-dasharray="2 3" />
      <For each={januaries()}>
        {([m, i]) => (
          <>
            <line x1={x(i)} x2={x(i)} y1={PAD.top} y2={y(0)} stroke="#3a4256" />
            <text x={x(i) > W - 30 ? x(i) - 2 : x(i) + 2} y={H - PAD.bottom + 13} font-size="11" class="axis-label" text-anchor={x(i) > W - 30 ? 'end' : 'start'}>
              {m.slice(0, 4)}
            </text>
          </>
        )}
      </For>
      <text x={PAD.left} y={H - 4} font-size="11" class="axis-label">
        {props.months.length > 0 ? `${monthInWords(props.months[0])} – ${monthInWords(props.months.at(-1)!)}` : ''}
      </text>
      <polyline points={line(props.comparison)} fill="none" stroke={COMPARISON_COLOR} stroke-width="1.5" stroke-dasharray="4 3" />
      <Show when={props.values}>
        {(vs) => (
          <>
            <polyline points={line(vs())} fill="none" stroke={SUBJECT_COLOR} stroke-width="2.2" />
            <For each={vs()}>
              {(v, i) => (
                <circle cx={x(i())} cy={y(v)} r="2.2" fill={SUBJECT_COLOR}>
                  <title>{`${monthInWords(props.months[i()])}: ${v.toLocaleString('en-GB')} offences (${props.comparisonLabel}: ${props.comparison[i()]?.toFixed(1)})`}</title>
                </circle>
              )}
            </For>
          </>
        )}
      </Show>
    </svg>
  );
}
