/**
 * Meeting mode (issue 14, item 3): the tasking meeting's shared screen. Large type (24 px and up
 * at 1920×1080), dark text on white, the period, "as at" and the legend always on screen, and
 * nothing only on hover (the map's hover tooltip is off; the selected proposal's card is shown).
 * It opens on "since the last meeting"; the chair steps through the ranked proposals with the
 * arrow keys (or Page Down / Page Up; Home: the opening screen, End: the last proposal; ↓ and ↑
 * page the side; Escape leaves), and the map frames each site as the proposals panel does.
 *
 * Rendered into the app's grid beside the map (App.tsx adds the `meeting` class, meeting.css
 * lays it out), so the map keeps its state and camera.
 */
import { createEffect, createMemo, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import { useApp } from '../context';
import { DataAttribution } from '../map/DataAttribution';
import { mapTitle } from '../map/map-title';
import { areaName } from '../names';
import { MeetingLegend } from './MeetingLegend';
import { ProposalCard } from './ProposalCard';
import { SinceLastMeeting } from './SinceLastMeeting';
import './meeting.css';

/** Keys the meeting takes: step forward, back, to the start, to the end. */
const KEYS: Record<string, 'next' | 'prev' | 'first' | 'last'> = {
  ArrowRight: 'next',
  PageDown: 'next',
  ArrowLeft: 'prev',
  PageUp: 'prev',
  Home: 'first',
  End: 'last',
};

/** Asks the browser for full screen; a refusal (headless, no user gesture, an iframe) is no failure. */
export function requestFullscreen(): void {
  document.documentElement.requestFullscreen?.().catch(() => {
    // Refused: meeting mode works in the window as it is.
  });
}

function leaveFullscreen(): void {
  if (document.fullscreenElement) document.exitFullscreen().catch(() => {
    // Already left (the browser's own Escape): nothing to do.
  });
}

function EndMeeting() {
  const app = useApp();
  const [name, setName] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  const end = () => {
    try {
      if (!app.lifecycle.who()) app.lifecycle.setWho(name());
      app.meeting.end();
      leaveFullscreen();
    } catch (e) {
      setProblem(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div class="mt-end">
      <Show when={!app.lifecycle.who()}>
        <label>
          Chair's name{' '}
          <input type="text" data-testid="mt-who" value={name()} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
      </Show>
      <button type="button" class="mt-button" data-testid="mt-end" onClick={end} disabled={!app.tasking.answer()}>
        End meeting
      </button>
      <Show when={problem()}>
        <span class="mt-problem" role="alert">
          Not recorded: {problem()}
        </span>
      </Show>
    </div>
  );
}

export function MeetingMode() {
  const app = useApp();
  const m = app.meeting;
  const title = createMemo(() => {
    const a = app.view.area;
    return mapTitle(app.view, app.cube()?.months ?? [], a.kind === 'all' ? [] : a.codes.map((c) => areaName(app, a.kind, c) ?? c));
  });
  const leave = () => {
    m.setOpen(false);
    leaveFullscreen();
  };
  let side!: HTMLElement;
  // Each step starts at the top of its card or screen.
  createEffect(on(m.step, () => side.scrollTo({ top: 0 }), { defer: true }));

  onMount(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
      if (e.key === 'Escape') {
        e.preventDefault();
        leave();
        return;
      }
      // ↓ / ↑ page the side (the opening screen's table runs below the fold), whatever has focus.
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        e.stopPropagation();
        side.scrollBy({ top: (e.key === 'ArrowDown' ? 0.8 : -0.8) * side.clientHeight });
        return;
      }
      const k = KEYS[e.key];
      if (!k) return;
      // Captured before the map's own keyboard handler, which would pan the map on the arrows.
      e.preventDefault();
      e.stopPropagation();
      const n = m.steps();
      m.go(k === 'next' ? m.step() + 1 : k === 'prev' ? m.step() - 1 : k === 'first' ? 0 : n - 1);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    onCleanup(() => window.removeEventListener('keydown', onKey, { capture: true }));
  });

  return (
    <>
      <header class="mt-head" data-testid="meeting">
        <div class="mt-title">
          <h1>Tasking meeting</h1>
          <p data-testid="mt-scope">
            {title().heading} · {title().scope}
          </p>
          <p data-testid="mt-as-at">{title().basis}</p>
        </div>
        <p class="mt-step" data-testid="mt-step" data-step={m.step()}>
          {m.step() === 0 ? 'Since the last meeting' : `Proposal ${m.step()} of ${m.steps() - 1}`}
        </p>
        <div class="mt-actions">
          <EndMeeting />
          <button type="button" class="mt-button" data-testid="mt-leave" onClick={leave}>
            Leave (Esc)
          </button>
        </div>
      </header>
      <section class="mt-side" data-testid="mt-side" ref={side}>
        <Show when={m.proposal()} fallback={<SinceLastMeeting />}>
          {(p) => <ProposalCard proposal={p()} of={m.steps() - 1} />}
        </Show>
      </section>
      <footer class="mt-foot">
        <MeetingLegend />
        <p class="mt-keys">→ next · ← back · ↓ ↑ scroll · Home: start · End: last · Esc: leave</p>
        <DataAttribution />
      </footer>
    </>
  );
}
