/**
 * One sheet a site: its card (the proposals panel's words), a map of its cells numbered in patrol
 * order inside its ring (the displacement check's cells) and the wards it touches, its decision
 * in the tasking lifecycle, and its patrol plan (the mission sheet's words and schedule,
 * src/ui/patrol/): the plan's summary, every cell in order, and the week's visit rounds.
 */
import { createMemo, For, Show } from 'solid-js';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { cellsToMultiPolygon } from 'h3-js';
import { ringCells, type Proposal } from '../../analysis/tasking/proposals';
import { OUTSIDE } from '../../analysis/borders';
import { stateWords } from '../../state/lifecycle/words';
import { PAPERS, type PackPaper } from '../../state/pack-model';
import {
  PHASE_NAMES,
  siteLabel,
} from '../../state/tasking-view';
import { useApp } from '../context';
import { ProposalFacts } from '../tasking/ProposalFacts';
import { dayName, hoursText, roundsByDay, roundWords } from '../patrol/words';
import { PackSketch } from './PackSketch';

/** Patrol cells listed with their figures; the rest are numbered on the map. */
const LISTED = 10;
const int = (x: number) => Math.round(x).toLocaleString('en-GB');

export function PackSite(props: { proposal: Proposal; paper: PackPaper }) {
  const app = useApp();
  const p = () => props.proposal;
  const planned = () => p().patrol.cells.filter((c) => c.planned);
  const orderOf = createMemo(() => new Map(planned().map((c) => [c.h3, c.order])));
  const ring = createMemo(() => {
    const rings = app.tasking.answer()?.settings.tasking.displacementRings ?? 0;
    const study = app.hotspots()?.cells;
    return rings > 0 && study ? ringCells(p().cells, rings, new Set(study)) : [];
  });
  const wards = createMemo(() => {
    const codes = new Set(p().membership.units.ward.filter((u) => u.code !== OUTSIDE).map((u) => u.code));
    return (app.boundaries()?.wards.features ?? []).filter((f) => codes.has(String(f.properties?.code))) as Feature<Polygon | MultiPolygon>[];
  });
  const outline = (): Feature<MultiPolygon>[] => [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPolygon', coordinates: cellsToMultiPolygon(p().cells, true) } }];
  const fullWeek = () => planned().length <= PAPERS[props.paper].scheduleCells;
  const days = createMemo(() => {
    const all = roundsByDay(p().patrol.schedule);
    return fullWeek() ? all : all.slice(0, 1);
  });
  const decision = () => app.lifecycle.sites().get(p().id);
  return (
    <div class="pack-site" data-testid="pack-site" data-id={p().id} data-rank={p().rank}>
      <h2 class="pack-h" data-testid="pack-site-head">
        Site {p().rank}: <span class={`pack-badge ${p().phase.phase}`}>{PHASE_NAMES[p().phase.phase]}</span> {siteLabel(p())}
      </h2>
      <div class="pack-site-cols">
        <div class="pack-site-map">
          <PackSketch
            testid="pack-site-map"
            title={`Site ${p().rank}: its hexagons numbered in patrol order, its displacement ring shaded`}
            groups={[
              { name: 'ring', cells: ring(), fill: '#eeeeee', stroke: '#c8c8c8', strokeWidth: 0.6 },
              { name: 'over-budget', cells: p().patrol.cells.filter((c) => !c.planned).map((c) => c.h3), fill: '#fde0dd', stroke: '#555', strokeWidth: 0.6 },
              {
                name: 'patrol', cells: planned().map((c) => c.h3), fill: '#f9b3ec', stroke: '#222', strokeWidth: 0.8,
                labels: new Map(planned().map((c) => [c.h3, String(c.order)])),
              },
            ]}
            outlines={[
              { features: wards(), stroke: '#777', width: 1, dash: '4 3' },
              { features: outline(), stroke: '#000', width: 2 },
            ]}
            width={420}
            labelSize={planned().length > 40 ? 8 : 10}
          />
          <p class="pack-small">
            Pink: patrol cells, numbered in patrol order. Grey: the ring within {app.tasking.answer()?.settings.tasking.displacementRings ?? 0} hexagons (displacement check). Dashed: ward lines.
          </p>
        </div>
        <div class="pack-site-card">
          <ul class="pack-facts">
            <ProposalFacts proposal={p()} />
          </ul>
          <div class="pack-reasons" data-testid="pack-site-reasons">
            <For each={p().phase.reasons}>{(r) => <p>{r}</p>}</For>
          </div>
          <p classList={{ 'pack-flag': p().displacement.flagged }}>Displacement: {p().displacement.reason}</p>
          <p data-testid="pack-site-decision">
            <strong>Decision:</strong> {stateWords(decision())}
            <Show when={decision()?.notes.at(-1)}>{(n) => <> · last note ({n().who}): {n().text}</>}</Show>
          </p>
          <h3>Patrol cells, first {Math.min(LISTED, planned().length)} of {planned().length}</h3>
          <table class="pack-table pack-patrol-cells" data-testid="pack-patrol-cells">
            <thead>
              <tr>
                <th class="num">Patrol cell</th>
                <th class="num">Crimes</th>
                <th class="num">Harm (days)</th>
              </tr>
            </thead>
            <tbody>
              <For each={planned().slice(0, LISTED)}>
                {(c) => (
                  <tr data-h3={c.h3}>
                    <td class="num">{c.order}</td>
                    <td class="num">{int(c.crimes)}</td>
                    <td class="num">{int(c.harm)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
          <Show when={planned().length > LISTED}>
            <p class="pack-small">and {planned().length - LISTED} more patrol cells, numbered on the map (every cell is in the patrol cells GeoJSON).</p>
          </Show>
        </div>
        <div class="pack-site-patrol">
          <h3>Patrol plan</h3>
          <ul class="pack-facts">
            <For each={p().patrol.summary}>{(line) => <li>{line}</li>}</For>
          </ul>
          <table class="pack-table pack-schedule">
            <caption>
              Visits of {p().patrol.settings.minutesPerVisit} minutes ({hoursText(p().patrol.hoursPerWeek)} a week), cells by number in this order
              {fullWeek() ? '' : `: Monday shown; each round has its own random order (seed ${p().patrol.settings.seed}), the same every time the plan is made`}
            </caption>
            <tbody>
              <For each={days()}>
                {([day, rounds]) => (
                  <For each={rounds}>
                    {(r) => (
                      <tr>
                        <th>
                          {dayName(day)} {r.period ?? `round ${r.round}`}
                        </th>
                        <td>{roundWords(r, orderOf())}</td>
                      </tr>
                    )}
                  </For>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
