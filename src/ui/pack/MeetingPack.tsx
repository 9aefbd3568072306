/**
 * The meeting pack (issue 14, item 4): on screen, the sheets as they will print, over the app,
 * with the paper, Print, the downloads and Close; printed, the sheets alone (./pack.css). Which
 * sheets is src/state/pack-model.ts `packPlan`; how tables are cut into them, pack-layout.ts.
 */
import { createEffect, createMemo, createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { Portal } from 'solid-js/web';
import { isHotspotLayer } from '../../state/filters';
import { type PackPage, type PackPaper, PAPERS, packPlan } from '../../state/pack-model';
import { CROSS_BORDER_COLUMNS, paragraphHeightMm, PROPOSAL_COLUMNS, rowHeightMm, sheetsByHeight, tableBudgetMm } from '../../state/pack-layout';
import {
  CROSS_BORDER_HEADER,
  crossBorderRow,
  crossBorderRowCells,
  headerCells,
  PROPOSAL_HEADER,
  proposalRow,
  proposalRowCells,
} from '../../state/pack-rows';
import { crossingBadge, LINE_WORDS } from '../clusters/CrossBorderPanel';
import { useApp } from '../context';
import { monthInWords } from '../map/map-title';
import { PackCover } from './PackCover';
import { PackDownloads } from './PackDownloads';
import { PackSite } from './PackSite';
import { CrossBorderSheet, MatrixSheet, ProposalsSheet } from './PackTables';
import './pack.css';

export function PaperChoice() {
  const app = useApp();
  return (
    <label class="pack-paper">
      Paper{' '}
      <select data-testid="pack-paper" value={app.pack.paper()} onChange={(e) => app.pack.setPaper(e.currentTarget.value as PackPaper)}>
        <For each={Object.entries(PAPERS)}>{([k, p]) => <option value={k} selected={app.pack.paper() === k}>{p.label}</option>}</For>
      </select>
    </label>
  );
}

/** The table rows, their sheets, and the pack's plan for the paper chosen. */
function usePackPlan() {
  const app = useApp();
  const proposals = () => app.tasking.answer()?.proposals ?? [];
  const proposalRows = createMemo(() => proposals().map((p) => proposalRow(p, app.lifecycle.sites().get(p.id))));
  const lineWords = () => (app.clusters.customLevel() !== null ? `a line between your areas (${app.clusters.customLevel()})` : LINE_WORDS[app.view.clusterLine]);
  const crossBorder = createMemo(() => {
    const entries = app.clusters.entries() ?? [];
    return {
      rows: entries.map((e, i) => crossBorderRow(e, i + 1, crossingBadge(e).text)),
      summary:
        `${app.clusters.clusters()?.clusters.length ?? 0} clusters of hot hexagons; ${entries.length} cross ${lineWords()}, by harm. ` +
        "Shares are of each cluster's harm whose crimes' own points lie in the unit; * a share on 3 or fewer distinct points.",
      none: `No cluster crosses ${lineWords()}.`,
    };
  });
  const plan = createMemo(() => {
    const paper = app.pack.paper();
    const xb = crossBorder();
    if (!isHotspotLayer(app.view.layer)) return packPlan(null, 0);
    return packPlan(
      {
        proposals: sheetsByHeight(
          proposalRows().map((r) => rowHeightMm(proposalRowCells(r), paper)),
          rowHeightMm(headerCells(PROPOSAL_HEADER, PROPOSAL_COLUMNS), paper),
          tableBudgetMm(paper),
        ),
        crossBorder: sheetsByHeight(
          xb.rows.map((r) => rowHeightMm(crossBorderRowCells(r), paper)),
          rowHeightMm(headerCells(CROSS_BORDER_HEADER, CROSS_BORDER_COLUMNS), paper),
          tableBudgetMm(paper, paragraphHeightMm(xb.summary, paper)),
        ),
      },
      proposals().length,
    );
  });
  return { proposals, proposalRows, crossBorder, plan };
}

/** Parts of a sheet that clip what does not fit (pack.css): a sheet is overfull when one holds more than it shows. */
const CLIPPING = '.pack-body, .pack-cover-text, .pack-site-map, .pack-site-card, .pack-site-patrol';

/** Numbers (1-based) of the sheets that hold more than they show, measured on the sheets on screen (laid out at paper size). */
function overfullSheets(root: HTMLElement): number[] {
  return [...root.querySelectorAll('[data-testid="pack-page"]')]
    .map((sheet, i) => ([...sheet.querySelectorAll<HTMLElement>(CLIPPING)].some((e) => e.scrollHeight > e.clientHeight + 1) ? i + 1 : 0))
    .filter((n) => n > 0);
}

function Sheets(props: { onOverfull: (sheets: number[]) => void }) {
  const app = useApp();
  const { proposals, proposalRows, crossBorder, plan } = usePackPlan();
  let root!: HTMLDivElement;
  createEffect(() => {
    plan();
    proposalRows();
    // After the browser has laid the sheets out.
    const frame = requestAnimationFrame(() => props.onOverfull(overfullSheets(root)));
    onCleanup(() => cancelAnimationFrame(frame));
  });
  const asAt = () => {
    const m = app.cube()?.months.at(-1);
    return m ? `as at ${monthInWords(m)}` : 'no data loaded';
  };
  return (
    <div ref={root} class={`pack ${app.pack.paper()}`} data-testid="pack-sheets" data-pages={plan().length}>
      <For each={plan()}>
        {(page: PackPage, i) => (
          <section class="pack-page" data-testid="pack-page" data-kind={page.kind}>
            <div class="pack-body">
              <Switch>
                <Match when={page.kind === 'cover'}>
                  <PackCover />
                </Match>
                <Match when={page.kind === 'proposals' && page}>{(q) => <ProposalsSheet rows={proposalRows()} {...q()} />}</Match>
                <Match when={page.kind === 'cross-border' && page}>{(q) => <CrossBorderSheet {...crossBorder()} {...q()} />}</Match>
                <Match when={page.kind === 'matrix' && page}>{(q) => <MatrixSheet level={q().level} />}</Match>
                <Match when={page.kind === 'site' && proposals()[page.index]}>{(p) => <PackSite proposal={p()} paper={app.pack.paper()} />}</Match>
              </Switch>
            </div>
            <footer class="pack-foot">
              Tasking meeting pack · {asAt()} · page {i() + 1} of {plan().length}
            </footer>
          </section>
        )}
      </For>
    </div>
  );
}

/** Escape closes the pack while it is shown. */
function CloseOnEscape() {
  const app = useApp();
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') app.pack.close();
  };
  window.addEventListener('keydown', onKey);
  onCleanup(() => window.removeEventListener('keydown', onKey));
  return null;
}

export function MeetingPack() {
  const app = useApp();
  const [overfull, setOverfull] = createSignal<number[]>([]);
  return (
    <Show when={app.pack.open()}>
      <CloseOnEscape />
      <Portal>
        <div class="pack-overlay" data-testid="meeting-pack" role="dialog" aria-label="Meeting pack">
          <div class="pack-toolbar">
            <strong>Meeting pack</strong>
            <PaperChoice />
            <button type="button" class="primary" data-testid="pack-print" onClick={() => app.pack.print()}>
              Print
            </button>
            <PackDownloads />
            <Show when={app.tasking.busy()}>
              <span role="status">Proposals are being computed: the pack will update.</span>
            </Show>
            <Show when={overfull().length > 0}>
              <span class="warn" role="status" data-testid="pack-overfull">
                {`${overfull().length === 1 ? `Sheet ${overfull()[0]} holds` : `Sheets ${overfull().join(', ')} hold`} more than fits: the end will not print.${app.pack.paper() === 'a4' ? ' Try A3.' : ''}`}
              </span>
            </Show>
            <button type="button" data-testid="pack-close" onClick={() => app.pack.close()}>
              Close
            </button>
          </div>
          <Sheets onOverfull={setOverfull} />
        </div>
      </Portal>
    </Show>
  );
}

/** The proposals panel's entry to the pack and its downloads. */
export function PackButtons() {
  const app = useApp();
  return (
    <div class="pack-buttons">
      <button type="button" data-testid="pack-open" onClick={() => app.pack.openPack()}>
        Meeting pack
      </button>
      <PaperChoice />
      <PackDownloads />
    </div>
  );
}
