/**
 * The one-page printable mission sheet of a patrol plan (issue 13, item 4): the map of the
 * planned cells (an SVG sketch, numbered in patrol order, inside the area's outline), the week's
 * visit schedule in its random order, and why each place was chosen. Hidden on screen; shown
 * alone when printed from the panel's button (./print.ts).
 */
import { For, Show } from 'solid-js';
import type { PatrolPlanForResult } from '../../analysis/tasking/patrol';
import { useApp } from '../context';
import { CellSketchSvg } from '../sketch/CellSketchSvg';
import { dayName, hoursText, periodWords, roundsByDay, roundWords, shortCell } from './words';


export function MissionSheet(props: { plan: PatrolPlanForResult }) {
  const app = useApp();
  const planned = () => props.plan.cells.filter((c) => c.planned);
  const orderOf = () => new Map(planned().map((c) => [c.h3, c.order]));
  const days = () => roundsByDay(props.plan.schedule);
  const target = () => app.patrol.target();
  return (
    <article class="print-sheet mission-sheet" data-testid="mission-sheet">
      <h1>Patrol mission: {props.plan.coverage.label}</h1>
      <p class="sheet-meta">
        {app.dataset()?.label ?? 'Loaded data'} · {periodWords(app.cube(), app.cubeFilter())} · H3 resolution {app.cube()?.resolution} ·{' '}
        {app.view.weight === 'harm' ? 'ranked by harm' : 'ranked by crimes'}
      </p>
      <ul class="sheet-summary">
        <For each={props.plan.summary}>{(line) => <li>{line}</li>}</For>
      </ul>
      <Show when={app.patrol.backtest()}>{(bt) => <p class="sheet-verdict">Why this order: {bt().verdict}</p>}</Show>
      <div class="sheet-cols">
        <CellSketchSvg
          testid="mission-map"
          title={`Patrol cells of ${props.plan.coverage.label}, numbered in patrol order`}
          cells={planned().map((c) => ({ h3: c.h3, label: String(c.order), fill: '#f9b3ec' }))}
          outlines={target()?.outline ?? []}
          width={360}
        />
        <table class="sheet-schedule" data-testid="mission-schedule">
          <caption>
            Visits: {props.plan.settings.minutesPerVisit} minutes each, cells by number, in this order
          </caption>
          <thead>
            <tr>
              <th>Day</th>
              <For each={days()[0]?.[1] ?? []}>{(r) => <th>{r.period ?? `Round ${r.round}`}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={days()}>
              {([day, rounds]) => (
                <tr>
                  <th>{dayName(day)}</th>
                  <For each={rounds}>{(r) => <td>{roundWords(r, orderOf())}</td>}</For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <table class="sheet-why" data-testid="mission-why">
        <caption>Why each place ({hoursText(props.plan.hoursPerWeek)} a week)</caption>
        <thead>
          <tr>
            <th>#</th>
            <th>Cell</th>
            <th>Why</th>
          </tr>
        </thead>
        <tbody>
          <For each={planned()}>
            {(c) => (
              <tr>
                <td>{c.order}</td>
                <td class="mono" title={c.h3}>{shortCell(c.h3)}</td>
                <td>{c.why}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <Show when={props.plan.timeNote}>{(n) => <p class="sheet-note">{n()}.</p>}</Show>
      <p class="sheet-note">Dosage after Koper (1995): visits of about 15 minutes, at least twice a day, in an unpredictable order.</p>
    </article>
  );
}
