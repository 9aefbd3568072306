/**
 * The ward profile panel (issue 13, item 5): shown when the area filter is one ward, which the
 * ward search or "Show only <ward>" on a clicked hexagon sets; printable on its own page.
 */
import { Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import { useApp } from '../context';
import { printSheet } from '../patrol/print';
import { periodWords } from '../patrol/words';
import { createWardProfileView } from './ward-profile-view';
import { WardProfileBody } from './WardProfileBody';
import '../patrol/patrol.css';

export function WardProfilePanel() {
  const app = useApp();
  const view = createWardProfileView(app);
  return (
    <Show when={view()}>
      {(v) => (
        <section class="panel ward-profile" aria-labelledby="ward-profile-h" data-testid="ward-profile">
          <header>
            <h2 id="ward-profile-h">Ward profile</h2>
            <Show when={v().profile}>
              <button type="button" data-testid="print-profile" onClick={() => printSheet('profile')}>
                Print
              </button>
            </Show>
          </header>
          <WardProfileBody view={v()} testid="ward-profile-body" />
          <Portal>
            <article class="print-sheet ward-profile-sheet" data-testid="ward-profile-sheet">
              <h1>Ward profile: {v().profile?.wardName ?? v().code}</h1>
              <p class="sheet-meta">
                {app.dataset()?.label ?? 'Loaded data'} · police.uk street crime · {periodWords(app.cube(), app.cubeFilter())}
              </p>
              <WardProfileBody view={v()} testid="ward-profile-print" />
            </article>
          </Portal>
        </section>
      )}
    </Show>
  );
}
