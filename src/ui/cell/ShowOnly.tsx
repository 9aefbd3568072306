/**
 * "Show only <ward>" / "Show only <borough>" for the selected hexagon (issue 11, item 4): a ward
 * is found by clicking the map, then one click makes it the area filter.
 */
import { Show } from 'solid-js';
import { useApp } from '../context';
import { areaName } from '../names';
import './show-only.css';

export function ShowOnly(props: { ward: string | null; borough: string | null }) {
  const app = useApp();
  const isOnly = (kind: 'ward' | 'borough', code: string) => {
    const a = app.view.area;
    return a.kind === kind && a.codes.length === 1 && a.codes[0] === code;
  };
  const button = (kind: 'ward' | 'borough', code: string) => (
    <Show when={!isOnly(kind, code)}>
      <button type="button" data-testid={`show-only-${kind}`} onClick={() => app.setView({ area: { kind, codes: [code] } })}>
        Show only {areaName(app, kind, code)}
      </button>
    </Show>
  );
  return (
    <div class="show-only">
      {props.ward && button('ward', props.ward)}
      {props.borough && button('borough', props.borough)}
    </div>
  );
}
