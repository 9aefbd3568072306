/** The meeting's card for one ranked proposal, shown large beside the map (never a tooltip). */
import { For, Show } from 'solid-js';
import type { Proposal } from '../../analysis/tasking/proposals';
import { stateWords } from '../../state/lifecycle/words';
import {
  PHASE_NAMES,
  siteLabel,
} from '../../state/tasking-view';
import { useApp } from '../context';
import { ProposalFacts } from '../tasking/ProposalFacts';

export function ProposalCard(props: { proposal: Proposal; of: number }) {
  const app = useApp();
  const p = () => props.proposal;
  const state = () => app.lifecycle.sites().get(p().id);
  return (
    <article class="mt-card" data-testid="mt-card" data-id={p().id} data-rank={p().rank} aria-live="polite">
      <h2 class="mt-card-title">
        <span data-testid="mt-card-rank">
          {p().rank} of {props.of}
        </span>{' '}
        <span class={`mt-badge ${p().phase.phase}`} data-testid="mt-card-phase">
          {PHASE_NAMES[p().phase.phase]}
        </span>{' '}
        <span data-testid="mt-card-label">{siteLabel(p())}</span>
      </h2>
      <p class="mt-state" data-testid="mt-card-state">
        {stateWords(state())}
      </p>
      <div class="mt-reasons" data-testid="mt-card-reasons">
        <For each={p().phase.reasons}>{(r) => <p>{r}</p>}</For>
      </div>
      <ul class="mt-facts">
        <ProposalFacts proposal={p()} sizeTestId="mt-card-size" />
        <li classList={{ flagged: p().displacement.flagged }}>{p().displacement.reason}</li>
      </ul>
      <Show when={state()?.notes.length}>
        <p>Last note: {state()!.notes.at(-1)!.text}</p>
      </Show>
    </article>
  );
}
