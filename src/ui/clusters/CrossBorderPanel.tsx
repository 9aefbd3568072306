/**
 * Cross-border hot spots (issue 12, items 3 to 5): the clusters of hot cells that cross a line of
 * the chosen level (wards, boroughs, BCUs or the user's own areas), ranked by harm, each naming its
 * units and shares, whether it crosses a BCU or force line (joint tasking), the proposed lead and
 * its caveats in words. Choosing one frames it on the map; the shared-harm matrix opens over the map.
 */
import { createSignal, For, Show } from 'solid-js';
import { OUTSIDE } from '../../analysis/borders';
import type { CrossBorderEntry } from '../../state/cluster-view';
import { CLUSTER_LINES, type ClusterLine, isHotspotLayer } from '../../state/filters';
import { useApp } from '../context';
import { SharedHarmMatrix } from './SharedHarmMatrix';
import './clusters.css';

export const LINE_WORDS: Record<ClusterLine, string> = { ward: 'a ward line', borough: 'a borough line', bcu: 'a BCU or force line' };
const LINE_OPTIONS: Record<ClusterLine, string> = { ward: 'Wards', borough: 'Boroughs', bcu: 'BCUs (and the City force)' };
const FDR_OPTIONS = { 1: '90 %', 2: '95 %', 3: '99 %' } as const;

export const fmt = (x: number) => Math.round(x).toLocaleString('en-GB');

/** How the entry's crossing reads: a BCU or force line (joint tasking), or boroughs of one BCU. */
export function crossingBadge(e: CrossBorderEntry): { text: string; kind: 'joint' | 'bcu' | 'within' } {
  if (e.crossesBcu && e.jointTasking) return { text: 'Crosses a BCU or force line: joint tasking', kind: 'joint' };
  if (e.crossesBcu) return { text: 'Touches a BCU or force line on 3 or fewer points only', kind: 'bcu' };
  const bcu = e.membership.units.bcu.find((u) => u.code !== OUTSIDE);
  return { text: `Within one BCU${bcu ? ` (${bcu.code === bcu.name ? bcu.code : `${bcu.code}, ${bcu.name}`})` : ''}`, kind: 'within' };
}

function EntryDetail(props: { entry: CrossBorderEntry }) {
  const app = useApp();
  const c = () => props.entry.cluster;
  const windowMonths = () => app.clusters.clusters()?.months.length ?? 0;
  return (
    <div class="xb-detail" data-testid="xb-detail" data-cells={c().cells.join(',')}>
      <div>
        {c().cells.length} hexagons · {c().areaKm2.toFixed(2)} km² · {fmt(c().crimes)} crimes · harm {fmt(c().harm)} days
      </div>
      <div>Top crime types: {c().topCrimeTypes.map((t) => `${t.category} ${fmt(t.crimes)}`).join(', ') || 'none'}</div>
      <div>
        Hot in {c().monthsHot.length} of {windowMonths()} months
        {c().monthsHot.length > 0 ? ` (${c().monthsHot[0]} … ${c().monthsHot[c().monthsHot.length - 1]})` : ''}
      </div>
      <Show when={c().emerging}>
        {(mix) => <div>Trend: {mix().slice(0, 3).map((m) => `${m.category} ${m.cells}`).join(', ')}</div>}
      </Show>
      <table class="xb-shares" data-testid="xb-shares">
        <thead>
          <tr>
            <th scope="col">Unit</th>
            <th scope="col">Harm</th>
            <th scope="col">Crimes</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.entry.units}>
            {(u) => (
              <tr data-code={u.code} data-share={u.share}>
                <td>
                  {u.name}
                  {u.caveats.includes('few-points') ? ' *' : ''}
                </td>
                <td>{(u.share * 100).toFixed(1)} %</td>
                <td>{(u.crimeShare * 100).toFixed(1)} %</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function Entry(props: { entry: CrossBorderEntry; rank: number }) {
  const app = useApp();
  const chosen = () => app.view.cluster === props.entry.id;
  const badge = () => crossingBadge(props.entry);
  return (
    <li class="xb-entry" classList={{ chosen: chosen() }} data-testid="xb-entry" data-id={props.entry.id} data-joint={String(props.entry.jointTasking)}>
      <button type="button" class="xb-pick" aria-pressed={chosen()} onClick={() => app.setView({ cluster: chosen() ? null : props.entry.id })}>
        <span class="xb-rank">{props.rank}.</span> <span data-testid="xb-label">{props.entry.label}</span>
      </button>
      <div class={`xb-badge ${badge().kind}`} data-testid="xb-crossing">
        {badge().text}
      </div>
      <div>
        Harm {fmt(props.entry.cluster.harm)} days · {fmt(props.entry.cluster.crimes)} crimes
        <Show when={props.entry.lead}>{(l) => <> · proposed lead: <strong data-testid="xb-lead">{l().name}</strong></>}</Show>
      </div>
      <Show when={props.entry.caveats.length > 0}>
        <ul class="xb-caveats" data-testid="xb-caveats">
          <For each={props.entry.caveats}>{(w) => <li>{w}</li>}</For>
        </ul>
      </Show>
      <Show when={chosen()}>
        <EntryDetail entry={props.entry} />
      </Show>
    </li>
  );
}

export function CrossBorderPanel() {
  const app = useApp();
  const model = app.clusters;
  const [matrixOpen, setMatrixOpen] = createSignal(false);
  const lineValue = () => (model.customLevel() !== null ? `custom:${model.customLevel()}` : app.view.clusterLine);
  const chooseLine = (v: string) => {
    if (v.startsWith('custom:')) return model.chooseCustomLevel(v.slice('custom:'.length));
    model.chooseCustomLevel(null);
    app.setView({ clusterLine: v as ClusterLine });
  };
  const lineWords = () => (model.customLevel() !== null ? `a line between your areas (${model.customLevel()})` : LINE_WORDS[app.view.clusterLine]);
  return (
    <section class="panel crossborder" data-testid="crossborder" aria-labelledby="xb-h">
      <h2 id="xb-h">Cross-border hot spots</h2>
      <Show
        when={isHotspotLayer(app.view.layer)}
        fallback={
          <p>
            Clusters are groups of touching hot spot hexagons (Gi* with FDR).{' '}
            <button type="button" class="link" data-testid="xb-show-hotspots" onClick={() => app.setView({ layer: 'gi' })}>
              Show hot spots and find them
            </button>
          </p>
        }
      >
        <div class="two">
          <label class="field">
            <span>Crossing</span>
            <select data-testid="xb-line" value={lineValue()} onChange={(e) => chooseLine(e.currentTarget.value)}>
              <For each={CLUSTER_LINES}>{(l) => <option value={l} selected={lineValue() === l}>{LINE_OPTIONS[l]}</option>}</For>
              <For each={model.customLevels()}>{(l) => <option value={`custom:${l.id}`} selected={lineValue() === `custom:${l.id}`}>{l.id}</option>}</For>
            </select>
          </label>
          <label class="field">
            <span>Hot at</span>
            <select data-testid="xb-fdr" value={app.view.clusterFdr} onChange={(e) => app.setView({ clusterFdr: Number(e.currentTarget.value) as 1 | 2 | 3 })}>
              <For each={[1, 2, 3] as const}>{(k) => <option value={k} selected={app.view.clusterFdr === k}>{FDR_OPTIONS[k]}</option>}</For>
            </select>
          </label>
        </div>
        <Show when={model.customLevels().find((l) => l.id === model.customLevel())}>
          {(l) => (
            <label class="field">
              <span>Names of your areas from</span>
              <select data-testid="xb-name-property" onChange={(e) => model.setNameProperty(l().id, e.currentTarget.value || null)}>
                <For each={l().file.nameProperties}>{(p) => <option value={p} selected={l().nameProperty === p}>{p}</option>}</For>
                <option value="" selected={l().nameProperty === null}>(number them)</option>
              </select>
            </label>
          )}
        </Show>
        <Show when={model.error()}>
          <p class="error" role="alert">Clusters could not be computed: {model.error()}</p>
        </Show>
        <Show when={model.entries()} fallback={<p class="muted" data-testid="xb-busy">Finding clusters of hot hexagons…</p>}>
          {(list) => (
            <>
              <Show when={model.busy()}>
                <p class="muted">Updating for the new choice…</p>
              </Show>
              <p data-testid="xb-summary">
                {model.clusters()!.clusters.length} cluster{model.clusters()!.clusters.length === 1 ? '' : 's'} of hexagons hot at{' '}
                {FDR_OPTIONS[app.view.clusterFdr]} confidence; {list().length} cross{list().length === 1 ? 'es' : ''} {lineWords()}, by harm:
              </p>
              <ol class="xb-list" data-testid="xb-list">
                <For each={list()}>{(e, i) => <Entry entry={e} rank={i() + 1} />}</For>
              </ol>
              <p class="muted">
                Shares are of each cluster's harm whose crimes' own points lie in the unit. * a share on 3 or fewer distinct points.
              </p>
              <button type="button" data-testid="xb-open-matrix" onClick={() => setMatrixOpen(!matrixOpen())}>
                {matrixOpen() ? 'Close the shared-harm matrix' : 'Shared-harm matrix (borough × borough, BCU × BCU)'}
              </button>
            </>
          )}
        </Show>
        <Show when={matrixOpen()}>
          <SharedHarmMatrix onClose={() => setMatrixOpen(false)} />
        </Show>
      </Show>
    </section>
  );
}
