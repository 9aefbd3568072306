/** One month at a time: a slider over the months and a play button that steps through them. */
import { createSignal, onCleanup, Show } from 'solid-js';
import { useApp } from '../context';

const STEP_MS = 1500;

export function MonthPlayer() {
  const app = useApp();
  const [timer, setTimer] = createSignal<number | null>(null);
  const months = () => app.cube()?.months ?? [];
  const single = () => app.view.from !== null && app.view.from === app.view.to;
  const index = () => Math.max(0, months().indexOf(app.view.from ?? ''));
  const show = (i: number) => {
    const m = months()[i];
    if (m) app.setView({ from: m, to: m });
  };
  const stop = () => {
    const t = timer();
    if (t !== null) clearInterval(t);
    setTimer(null);
  };
  const play = () => {
    if (timer() !== null) return stop();
    if (!single() || index() >= months().length - 1) show(0);
    setTimer(
      window.setInterval(() => {
        const next = index() + 1;
        if (next >= months().length) stop();
        else show(next);
      }, STEP_MS),
    );
  };
  onCleanup(stop);
  return (
    <div class="field month-player">
      <span>Month by month</span>
      <div class="two">
        <button type="button" data-testid="play" aria-label={timer() !== null ? 'Pause' : 'Play the months'} onClick={play}>
          {timer() !== null ? '❚❚' : '▶'}
        </button>
        <input
          type="range"
          min="0"
          max={Math.max(0, months().length - 1)}
          value={single() ? index() : 0}
          data-testid="month-slider"
          aria-label="Month"
          onInput={(e) => show(Number(e.currentTarget.value))}
        />
      </div>
      <Show when={single()}>
        <span class="muted small">
          Showing {app.view.from} only ·{' '}
          <button type="button" class="link" onClick={() => (stop(), app.setView({ from: null, to: null }))}>
            all months
          </button>
        </span>
      </Show>
    </div>
  );
}
