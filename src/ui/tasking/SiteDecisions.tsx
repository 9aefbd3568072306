/**
 * The selected proposal's decisions (issue 14, item 1): accept or reject it, assign a team, move
 * it between Clear, Hold and Build, set a review date, add a note, close it; each with an
 * optional reason, recorded under the user's name (asked once) and listed in the history.
 */
import { createSignal, For, Show } from 'solid-js';
import type { Proposal } from '../../analysis/tasking/proposals';
import type { Phase } from '../../analysis/tasking/rules';
import type { EventFields, EventKind } from '../../state/lifecycle/events';
import { eventWords, stateWords } from '../../state/lifecycle/words';
import { PHASE_NAMES } from '../../state/tasking-view';
import { useApp } from '../context';

function NamePrompt() {
  const app = useApp();
  const [name, setName] = createSignal('');
  return (
    <form
      class="lc-who"
      onSubmit={(e) => {
        e.preventDefault();
        if (name().trim()) app.lifecycle.setWho(name());
      }}
    >
      <label>
        Your name, recorded with each decision{' '}
        <input type="text" data-testid="lc-who" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
      </label>{' '}
      <button type="submit" data-testid="lc-who-save" disabled={!name().trim()}>
        Use this name
      </button>
    </form>
  );
}

export function SiteDecisions(props: { proposal: Proposal }) {
  const app = useApp();
  const lc = app.lifecycle;
  const id = () => props.proposal.id;
  const state = () => lc.sites().get(id());
  const [why, setWhy] = createSignal('');
  const [team, setTeam] = createSignal('');
  const [phase, setPhase] = createSignal<Phase>(props.proposal.phase.phase);
  const [date, setDate] = createSignal('');
  // The month the accepted or moved-to phase took effect; empty: the month of the decision.
  const [from, setFrom] = createSignal('');
  // A phase decision records the site's cells, so the proposals keep its id when its cells change.
  const withFrom = (fields: EventFields): EventFields => ({ ...fields, ...(from() ? { from: from() } : {}), cells: [...props.proposal.cells] });
  const [note, setNote] = createSignal('');
  const [refused, setRefused] = createSignal<string | null>(null);

  const act = (kind: EventKind, fields: EventFields, clear?: () => void) => {
    try {
      lc.record(id(), kind, fields, why());
      setWhy('');
      setRefused(null);
      clear?.();
    } catch (e) {
      setRefused(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div class="lc" data-testid="lc">
      <h3>Decisions</h3>
      <p data-testid="lc-state" data-status={state()?.status ?? 'proposed'}>
        {stateWords(state())}
      </p>
      <Show when={lc.who()} fallback={<NamePrompt />}>
        {(who) => (
          <>
            <p class="muted">
              Recorded as {who()}.{' '}
              <button type="button" class="link" onClick={() => lc.setWho(window.prompt('Your name for the history', who()) || who())}>
                Change name
              </button>
            </p>
            <label class="lc-row">
              <span>Why (recorded with the next decision)</span>
              <input type="text" data-testid="lc-why" value={why()} onInput={(e) => setWhy(e.currentTarget.value)} />
            </label>
            <label class="lc-row">
              <span>Phase took effect in (empty: this month)</span>
              <input type="month" data-testid="lc-from" value={from()} onInput={(e) => setFrom(e.currentTarget.value)} />
            </label>
            <div class="lc-row">
              <button type="button" data-testid="lc-accept" onClick={() => act('accept', withFrom({ phase: props.proposal.phase.phase }), () => setFrom(''))}>
                Accept for {PHASE_NAMES[props.proposal.phase.phase]}
              </button>
              <button type="button" data-testid="lc-reject" onClick={() => act('reject', {})}>
                Reject
              </button>
              <button type="button" data-testid="lc-close" onClick={() => act('close', {})}>
                Close
              </button>
            </div>
            <form class="lc-row" onSubmit={(e) => (e.preventDefault(), act('assign', { team: team().trim() }, () => setTeam('')))}>
              <input type="text" placeholder="Team" aria-label="Team" data-testid="lc-team" value={team()} onInput={(e) => setTeam(e.currentTarget.value)} />
              <button type="submit" data-testid="lc-assign" disabled={!team().trim()}>
                Assign
              </button>
            </form>
            <form class="lc-row" onSubmit={(e) => (e.preventDefault(), act('phase', withFrom({ phase: phase() }), () => setFrom('')))}>
              <select aria-label="Phase" data-testid="lc-phase" value={phase()} onChange={(e) => setPhase(e.currentTarget.value as Phase)}>
                <For each={['clear', 'hold', 'build'] as Phase[]}>{(p) => <option value={p}>{PHASE_NAMES[p]}</option>}</For>
              </select>
              <button type="submit" data-testid="lc-move">
                Move to phase
              </button>
            </form>
            <form class="lc-row" onSubmit={(e) => (e.preventDefault(), act('review', { date: date() }))}>
              <input type="date" aria-label="Review date" data-testid="lc-date" value={date()} onInput={(e) => setDate(e.currentTarget.value)} />
              <button type="submit" data-testid="lc-review" disabled={!date()}>
                Set review date
              </button>
            </form>
            <form class="lc-row" onSubmit={(e) => (e.preventDefault(), act('note', { text: note().trim() }, () => setNote('')))}>
              <input type="text" placeholder="Note" aria-label="Note" data-testid="lc-note" value={note()} onInput={(e) => setNote(e.currentTarget.value)} />
              <button type="submit" data-testid="lc-add-note" disabled={!note().trim()}>
                Add note
              </button>
            </form>
            <Show when={refused()}>{(r) => <p class="warn" role="status">Not recorded: {r()}</p>}</Show>
          </>
        )}
      </Show>
      <Show when={state()?.history.length}>
        <h3>History</h3>
        <ol class="lc-history" data-testid="lc-history">
          <For each={state()!.history}>
            {(e) => (
              <li data-kind={e.kind}>
                <time datetime={e.at}>{new Date(e.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}</time>, {e.who}: {eventWords(e)}
                {e.why ? ` (why: ${e.why})` : ''}
              </li>
            )}
          </For>
        </ol>
      </Show>
    </div>
  );
}
