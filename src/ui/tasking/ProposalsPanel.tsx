/**
 * Clear / Hold / Build proposals (issue 13, item 1): candidate sites ranked by harm and
 * persistence, each with its harm and crimes, concentration, trend and emerging mix, driving crime
 * types, months hot, units crossed, and a recommended phase with its reasons in plain words; the
 * thresholds beside them. Choosing one frames the site on the map and lists its patrol cells in
 * priority order; "Redraw site" lets a click on a hexagon add it to the site or remove it.
 */
import { For, Show } from 'solid-js';
import type { Proposal } from '../../analysis/tasking/proposals';
import { isHotspotLayer } from '../../state/filters';
import type { TaskingThresholds } from '../../state/tasking-url';
import {
  PHASE_NAMES,
  siteLabel,
} from '../../state/tasking-view';
import { useApp } from '../context';
import { ProposalFacts } from './ProposalFacts';
import { ReviewBlock } from '../review/ReviewBlock';
import { PackButtons } from '../pack/MeetingPack';
import { LogTransfer } from './LogTransfer';
import { SiteDecisions } from './SiteDecisions';
import './tasking.css';

const FDR_WORDS = { 1: '90 %', 2: '95 %', 3: '99 %' } as const;

/** The thresholds the panel offers, as the user reads and types them (shares in percent). */
const FIELDS: { key: keyof TaskingThresholds; label: string; unit: string; percent?: boolean; step: number }[] = [
  { key: 'clearPriorityShare', label: 'Clear: violence, robbery, weapons and drugs at least', unit: '% of harm', percent: true, step: 5 },
  { key: 'fallShare', label: 'Hold after Clear, Build: harm fallen at least', unit: '%', percent: true, step: 5 },
  { key: 'buildMonths', label: 'Build: held below its former level for', unit: 'months', step: 1 },
  { key: 'levelMonths', label: 'A level of harm is a mean over', unit: 'months', step: 1 },
  { key: 'maxSiteAreaKm2', label: 'Largest site', unit: 'km²', step: 0.5 },
  { key: 'joinRings', label: 'Join clusters within', unit: 'hexagon steps', step: 1 },
];

function Thresholds() {
  const app = useApp();
  const t = app.tasking;
  const shown = (f: (typeof FIELDS)[number]) => {
    const x = t.thresholds()[f.key];
    return f.percent ? Math.round(x * 1000) / 10 : x;
  };
  const set = (f: (typeof FIELDS)[number], text: string) => {
    const x = Number(text);
    try {
      t.setThreshold(f.key, f.percent ? x / 100 : x);
    } catch {
      // Out of range: the field shows the value in use again.
    }
  };
  const others = () => {
    const s = t.answer()?.settings.tasking;
    if (!s) return '';
    return (
      `Clear patterns: ${s.clearPatterns.join(', ')}; Hold patterns: ${s.holdPatterns.join(', ')}; a pattern needs ${s.minPatternMonths} months; ` +
      `displacement: ${s.displacementRings} rings, last ${s.displacementMonths} months against the ${s.displacementMonths} before, ring up ${Math.round(s.displacementRise * 100)} % ` +
      `while the site falls ${Math.round(s.displacementFall * 100)} %; clusters hot at ${FDR_WORDS[app.view.clusterFdr]} (set in Cross-border hot spots).`
    );
  };
  return (
    <details class="tk-thresholds" data-testid="tk-thresholds">
      <summary>Thresholds the phases rest on</summary>
      <For each={FIELDS}>
        {(f) => (
          <label class="tk-threshold">
            <span>{f.label}</span>
            <input
              type="number"
              data-testid={`tk-${f.key}`}
              min={f.key === 'maxSiteAreaKm2' ? 0.5 : f.percent ? 0 : 1}
              max={f.percent ? 100 : undefined}
              step={f.step}
              value={shown(f)}
              onChange={(e) => {
                set(f, e.currentTarget.value);
                e.currentTarget.value = String(shown(f));
              }}
            />
            <span>{f.unit}</span>
          </label>
        )}
      </For>
      <p class="muted">{others()}</p>
      <button type="button" class="link" data-testid="tk-defaults" onClick={() => app.setView({ tasking: {} })}>
        Back to the defaults
      </button>
    </details>
  );
}

function PatrolList(props: { proposal: Proposal }) {
  const cells = () => props.proposal.patrol.cells;
  return (
    <div class="tk-patrol">
      <h3>Patrol cells, in priority order</h3>
      <ol data-testid="tk-patrol">
        <For each={cells().slice(0, 12)}>
          {(c) => (
            <li data-h3={c.h3} title={`H3 ${c.h3}`}>
              {c.why}
            </li>
          )}
        </For>
      </ol>
      <Show when={cells().length > 12}>
        <p class="muted">and {cells().length - 12} more cells.</p>
      </Show>
      <p class="muted">{props.proposal.patrol.summary[0]}</p>
    </div>
  );
}

function SiteEditor(props: { proposal: Proposal }) {
  const app = useApp();
  const t = app.tasking;
  const edited = () => t.edits()[props.proposal.id] !== undefined;
  return (
    <div class="tk-edit">
      <label class="check">
        <input type="checkbox" data-testid="tk-edit" checked={t.editing()} onChange={(e) => t.setEditing(e.currentTarget.checked)} />
        Redraw site: click hexagons on the map to add or remove them
      </label>
      <Show when={edited()}>
        <p data-testid="tk-edited">
          Redrawn by you: the figures are for its {props.proposal.cells.length} hexagons.{' '}
          <button type="button" class="link" data-testid="tk-reset" onClick={() => t.resetSite()}>
            Back to the proposed site
          </button>
        </p>
      </Show>
      <Show when={app.tasking.answer()?.edited[props.proposal.id]}>{(why) => <p class="error">The redrawn site could not be computed: {why()}</p>}</Show>
      <Show when={t.editNote()}>{(why) => <p class="warn" role="status">Not changed: {why()}</p>}</Show>
    </div>
  );
}

function ProposalItem(props: { proposal: Proposal }) {
  const app = useApp();
  const p = () => props.proposal;
  const chosen = () => app.view.proposal === p().id;
  const phase = () => p().phase.phase;
  return (
    <li
      class="tk-item"
      classList={{ chosen: chosen() }}
      data-testid="tk-item"
      data-id={p().id}
      data-phase={phase()}
      data-harm={p().harm}
      data-crimes={p().crimes}
      data-cells={chosen() ? p().cells.join(',') : undefined}
      data-status={app.lifecycle.sites().get(p().id)?.status ?? 'proposed'}
    >
      <button
        type="button"
        class="tk-pick"
        aria-pressed={chosen()}
        onClick={() => {
          if (chosen()) app.tasking.setEditing(false);
          app.setView({ proposal: chosen() ? null : p().id });
        }}
      >
        <span class="tk-rank">{p().rank}.</span> <span class={`tk-badge ${phase()}`} data-testid="tk-phase">{PHASE_NAMES[phase()]}</span>{' '}
        <span data-testid="tk-label">{siteLabel(p())}</span>
      </button>
      <ul class="tk-facts">
        <ProposalFacts proposal={p()} sizeTestId="tk-size" />
      </ul>
      <div class="tk-reasons" data-testid="tk-reasons">
        <For each={p().phase.reasons}>{(r) => <p>{r}</p>}</For>
      </div>
      <p classList={{ 'tk-displacement': true, flagged: p().displacement.flagged }} data-testid="tk-displacement">
        {p().displacement.reason}
      </p>
      <Show when={chosen()}>
        <SiteDecisions proposal={p()} />
        <ReviewBlock siteId={p().id} />
        <SiteEditor proposal={p()} />
        <PatrolList proposal={p()} />
      </Show>
    </li>
  );
}

export function ProposalsPanel() {
  const app = useApp();
  const t = app.tasking;
  return (
    <section class="panel tasking" data-testid="proposals" aria-labelledby="tk-h">
      <h2 id="tk-h">Clear / Hold / Build proposals</h2>
      <Show
        when={isHotspotLayer(app.view.layer)}
        fallback={
          <p>
            Proposals are built from clusters of hot spot hexagons.{' '}
            <button type="button" class="link" data-testid="tk-show-hotspots" onClick={() => app.setView({ layer: 'gi' })}>
              Show hot spots and propose sites
            </button>
          </p>
        }
      >
        <Show when={t.error()}>
          <p class="error" role="alert">Proposals could not be computed: {t.error()}</p>
        </Show>
        <Show when={t.answer()} fallback={<p class="muted" data-testid="tk-busy">Building candidate sites from the hot spot clusters…</p>}>
          {(a) => (
            <>
              <Show when={t.busy()}>
                <p class="muted">Updating for the new choice…</p>
              </Show>
              <p data-testid="tk-summary">
                {a().proposals.length} candidate site{a().proposals.length === 1 ? '' : 's'} from clusters hot at {FDR_WORDS[app.view.clusterFdr]}, ranked by harm ×
                months hot. Harm is Cambridge Crime Harm Index days, whatever the map's weighting.
              </p>
              <PackButtons />
              <Thresholds />
              <LogTransfer />
              <ol class="tk-list" data-testid="tk-list">
                <For each={a().proposals}>{(p) => <ProposalItem proposal={p} />}</For>
              </ol>
            </>
          )}
        </Show>
      </Show>
    </section>
  );
}
