/**
 * The pack's table sheets: the ranked proposals with their reasons and decisions, the clusters
 * crossing the chosen line, and the shared-harm matrices. Rows come from the panels' own models
 * (app.tasking, app.clusters) and words (src/state/tasking-view.ts, the cross-border panel's
 * crossing badge); each sheet holds a slice of rows set by the paper (src/state/pack-model.ts).
 */
import { createMemo, For, Show } from 'solid-js';
import { stateWords } from '../../state/lifecycle/words';
import { monthsHotWords, PHASE_NAMES, siteLabel } from '../../state/tasking-view';
import { crossingBadge, LINE_WORDS } from '../clusters/CrossBorderPanel';
import { shade, sharedUnits } from '../clusters/SharedHarmMatrix';
import { useApp } from '../context';

const int = (x: number) => Math.round(x).toLocaleString('en-GB');
const partWords = (part: number, parts: number) => (parts > 1 ? ` (${part} of ${parts})` : '');

export function ProposalsSheet(props: { from: number; to: number; part: number; parts: number }) {
  const app = useApp();
  const rows = () => (app.tasking.answer()?.proposals ?? []).slice(props.from, props.to);
  return (
    <>
      <h2 class="pack-h">Ranked proposals{partWords(props.part, props.parts)}</h2>
      <Show when={rows().length > 0} fallback={<p>No candidate sites: no cluster of hot spot hexagons in this view.</p>}>
        <table class="pack-table pack-proposals" data-testid="pack-proposals">
          <thead>
            <tr>
              <th>#</th>
              <th>Phase</th>
              <th>Site</th>
              <th class="num">Harm (days)</th>
              <th class="num">Crimes</th>
              <th>Hot</th>
              <th>Why</th>
              <th>Decision</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(p) => (
                <tr data-id={p.id} data-rank={p.rank}>
                  <td>{p.rank}</td>
                  <td>
                    <span class={`pack-badge ${p.phase.phase}`}>{PHASE_NAMES[p.phase.phase]}</span>
                  </td>
                  <td>
                    {siteLabel(p)}
                    <div class="pack-small">
                      {p.cells.length} hexagons, {p.areaKm2.toFixed(1)} km²
                    </div>
                  </td>
                  <td class="num">{int(p.harm)}</td>
                  <td class="num">{int(p.crimes)}</td>
                  <td>{monthsHotWords(p).replace(/^Hot in /, '')}</td>
                  <td class="pack-reasons">
                    <For each={p.phase.reasons}>{(r) => <div>{r}</div>}</For>
                    <Show when={p.displacement.flagged}>
                      <div class="pack-flag">Displacement? {p.displacement.reason}</div>
                    </Show>
                  </td>
                  <td>{stateWords(app.lifecycle.sites().get(p.id))}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </>
  );
}

export function CrossBorderSheet(props: { from: number; to: number; part: number; parts: number }) {
  const app = useApp();
  const entries = () => app.clusters.entries() ?? [];
  const lineWords = () => (app.clusters.customLevel() !== null ? `a line between your areas (${app.clusters.customLevel()})` : LINE_WORDS[app.view.clusterLine]);
  return (
    <>
      <h2 class="pack-h">Cross-border hot spots{partWords(props.part, props.parts)}</h2>
      <p data-testid="pack-xb-summary">
        {app.clusters.clusters()?.clusters.length ?? 0} clusters of hot hexagons; {entries().length} cross {lineWords()}, by harm. Shares are of each cluster's harm whose
        crimes' own points lie in the unit; * a share on 3 or fewer distinct points.
      </p>
      <Show when={entries().length > 0} fallback={<p>No cluster crosses {lineWords()}.</p>}>
        <table class="pack-table" data-testid="pack-xb">
          <thead>
            <tr>
              <th>#</th>
              <th>Cluster: shares of its harm</th>
              <th>Crossing</th>
              <th class="num">Harm (days)</th>
              <th class="num">Crimes</th>
              <th>Proposed lead</th>
              <th>Caveats</th>
            </tr>
          </thead>
          <tbody>
            <For each={entries().slice(props.from, props.to)}>
              {(e, i) => (
                <tr data-id={e.id}>
                  <td>{props.from + i() + 1}</td>
                  <td>
                    {e.label}
                    <div class="pack-small">
                      {e.units.map((u) => `${u.name} ${(u.share * 100).toFixed(1)} %${u.caveats.includes('few-points') ? ' *' : ''}`).join(', ')}
                    </div>
                  </td>
                  <td>{crossingBadge(e).text}</td>
                  <td class="num">{int(e.cluster.harm)}</td>
                  <td class="num">{int(e.cluster.crimes)}</td>
                  <td>{e.lead?.name ?? '—'}</td>
                  <td class="pack-small">{e.caveats.join(' ')}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </>
  );
}

/** Thousands of days, so a 20-column matrix fits a sheet: "5,387", "0.4". */
const thousands = (x: number) => (x >= 10_000 ? Math.round(x / 1000).toLocaleString('en-GB') : (x / 1000).toFixed(1));

export function MatrixSheet(props: { level: 'borough' | 'bcu' }) {
  const app = useApp();
  const m = () => app.clusters.matrix(props.level);
  const shown = createMemo(() => (m() ? sharedUnits(m()!) : []));
  const max = createMemo(() => Math.max(0, ...(m()?.harm.flat() ?? [])));
  const what = () => (props.level === 'bcu' ? 'BCU × BCU' : 'Borough × borough');
  return (
    <>
      <h2 class="pack-h">Shared-harm matrix: {what()}</h2>
      <p>
        Each cell: the harm, in thousands of Cambridge Crime Harm Index days, that the two {props.level === 'bcu' ? 'BCUs' : 'boroughs'} hold in the hot spot clusters they share.
      </p>
      <Show when={m() && shown().length > 0} fallback={<p>No hot spot cluster is shared by two {props.level === 'bcu' ? 'BCUs' : 'boroughs'}.</p>}>
        <table class="pack-table pack-matrix" data-testid={`pack-matrix-${props.level}`}>
          <thead>
            <tr>
              <th />
              <For each={shown()}>
                {(j) => (
                  <th class="pack-col-head">
                    <span>{m()!.names[j]}</span>
                  </th>
                )}
              </For>
            </tr>
          </thead>
          <tbody>
            <For each={shown()}>
              {(i) => (
                <tr>
                  <th>{m()!.names[i]}</th>
                  <For each={shown()}>
                    {(j) => (
                      <td class="num" style={{ background: shade(m()!.harm[i][j], max()) }}>
                        {m()!.harm[i][j] > 0 ? thousands(m()!.harm[i][j]) : i === j ? '—' : ''}
                      </td>
                    )}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </>
  );
}
