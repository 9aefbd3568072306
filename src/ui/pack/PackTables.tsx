/**
 * The pack's table sheets: the ranked proposals with their reasons and decisions, the clusters
 * crossing the chosen line, and the shared-harm matrices. Rows are src/state/pack-rows.ts's text,
 * from the panels' own models (app.tasking, app.clusters) and words; each sheet prints the slice
 * of rows src/state/pack-layout.ts cut for it, in the column widths the cut assumed.
 */
import { createMemo, For, Show } from 'solid-js';
import { CROSS_BORDER_COLUMNS, PROPOSAL_COLUMNS } from '../../state/pack-layout';
import { CROSS_BORDER_HEADER, type CrossBorderRow, PROPOSAL_HEADER, type ProposalRow } from '../../state/pack-rows';
import { shade, sharedUnits } from '../clusters/SharedHarmMatrix';
import { useApp } from '../context';
const partWords = (part: number, parts: number) => (parts > 1 ? ` (${part} of ${parts})` : '');

/** Fixed column widths (the fractions the row heights are estimated with). */
function Columns(props: { fractions: Record<string, number> }) {
  return (
    <colgroup>
      <For each={Object.values(props.fractions)}>{(f) => <col style={{ width: `${f * 100}%` }} />}</For>
    </colgroup>
  );
}

export function ProposalsSheet(props: { rows: ProposalRow[]; from: number; to: number; part: number; parts: number }) {
  const rows = () => props.rows.slice(props.from, props.to);
  const h = PROPOSAL_HEADER;
  return (
    <>
      <h2 class="pack-h">Ranked proposals{partWords(props.part, props.parts)}</h2>
      <Show when={rows().length > 0} fallback={<p>No candidate sites: no cluster of hot spot hexagons in this view.</p>}>
        <table class="pack-table pack-fixed pack-proposals" data-testid="pack-proposals">
          <Columns fractions={PROPOSAL_COLUMNS} />
          <thead>
            <tr>
              <th>{h.rank}</th>
              <th>{h.phase}</th>
              <th>{h.site}</th>
              <th class="num">{h.harm}</th>
              <th class="num">{h.crimes}</th>
              <th>{h.hot}</th>
              <th>{h.why}</th>
              <th>{h.decision}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(r) => (
                <tr data-id={r.id} data-rank={r.rank}>
                  <td>{r.rank}</td>
                  <td>
                    <span class={`pack-badge ${r.phase}`}>{r.phaseWord}</span>
                  </td>
                  <td>
                    {r.site}
                    <div class="pack-small">{r.siteSize}</div>
                  </td>
                  <td class="num">{r.harm}</td>
                  <td class="num">{r.crimes}</td>
                  <td>{r.hot}</td>
                  <td class="pack-reasons">
                    <For each={r.reasons}>{(x) => <div>{x}</div>}</For>
                    <Show when={r.displacement}>{(d) => <div class="pack-flag">{d()}</div>}</Show>
                  </td>
                  <td>{r.decision}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
    </>
  );
}

export function CrossBorderSheet(props: { rows: CrossBorderRow[]; summary: string; none: string; from: number; to: number; part: number; parts: number }) {
  const h = CROSS_BORDER_HEADER;
  return (
    <>
      <h2 class="pack-h">Cross-border hot spots{partWords(props.part, props.parts)}</h2>
      <p data-testid="pack-xb-summary">{props.summary}</p>
      <Show when={props.rows.length > 0} fallback={<p>{props.none}</p>}>
        <table class="pack-table pack-fixed" data-testid="pack-xb">
          <Columns fractions={CROSS_BORDER_COLUMNS} />
          <thead>
            <tr>
              <th>{h.rank}</th>
              <th>{h.cluster}</th>
              <th>{h.crossing}</th>
              <th class="num">{h.harm}</th>
              <th class="num">{h.crimes}</th>
              <th>{h.lead}</th>
              <th>{h.caveats}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows.slice(props.from, props.to)}>
              {(r) => (
                <tr data-id={r.id}>
                  <td>{r.rank}</td>
                  <td>
                    {r.label}
                    <div class="pack-small">{r.shares}</div>
                  </td>
                  <td>{r.crossing}</td>
                  <td class="num">{r.harm}</td>
                  <td class="num">{r.crimes}</td>
                  <td>{r.lead}</td>
                  <td class="pack-small">{r.caveats}</td>
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
