/**
 * The open dataset's credit, always visible on the map (the Open Government Licence asks for
 * the attribution wherever the information is shown; a collapsed control is not "shown").
 */
import { Show } from 'solid-js';
import { useApp } from '../context';

export function DataAttribution() {
  const app = useApp();
  return (
    <Show when={app.dataset()}>
      {(d) => (
        <p class="data-attribution" data-testid="data-attribution" data-dataset={d().id}>
          {d().attribution}
        </p>
      )}
    </Show>
  );
}
