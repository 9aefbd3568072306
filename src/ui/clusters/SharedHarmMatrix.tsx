/**
 * The shared-harm matrix (issue 12, item 4): borough × borough or BCU × BCU, the harm in hot spot
 * clusters the two share (src/analysis/borders.ts `sharedHarmMatrix`), as a heat-shaded table over
 * the map, in text a room can read (16 px and up). Only units that share a cluster with another
 * are listed. Choosing a cell lists its clusters; choosing one of those frames it on the map.
 */
import { createMemo, createSignal, For, Show } from 'solid-js';
import type { SharedHarmMatrix as Matrix } from '../../analysis/borders';
import { useApp } from '../context';

const fmt = (x: number) => Math.round(x).toLocaleString('en-GB');

/** The rows and columns worth showing: units with shared harm, in the matrix's order. */
export function sharedUnits(m: Matrix): number[] {
  return m.units.map((_, i) => i).filter((i) => m.harm[i].some((h) => h > 0));
}

/** Heat shade of a cell: white-on-dark amber, by the square root of its share of the largest cell. */
export function shade(h: number, max: number): string {
  if (!(h > 0) || !(max > 0)) return 'transparent';
  const t = Math.sqrt(h / max);
  return `rgba(255, 160, 0, ${(0.15 + 0.75 * t).toFixed(3)})`;
}

export function SharedHarmMatrix(props: { onClose: () => void }) {
  const app = useApp();
  const [level, setLevel] = createSignal<'borough' | 'bcu'>('borough');
  const [cell, setCell] = createSignal<[string, string] | null>(null);
  const matrix = () => app.clusters.matrix(level());
  const shown = createMemo(() => (matrix() ? sharedUnits(matrix()!) : []));
  const max = createMemo(() => {
    const m = matrix();
    return m ? Math.max(0, ...m.harm.flat()) : 0;
  });
  const chosen = createMemo(() => {
    const m = matrix();
    const c = cell();
    if (!m || !c) return null;
    const a = m.units.indexOf(c[0]);
    const b = m.units.indexOf(c[1]);
    return a < 0 || b < 0 ? null : { a, b, ids: m.clusters[a][b] };
  });
  const labelOf = (id: string) => app.clusters.entries()?.find((e) => e.id === id)?.label ?? app.clusters.members()?.find((m) => m.id === id)?.units.borough.map((u) => u.name).join(' / ') ?? id;
  return (
    <div class="matrix-overlay" data-testid="xb-matrix" role="dialog" aria-labelledby="xb-matrix-h">
      <header>
        <h3 id="xb-matrix-h">Harm in shared hot spots (days)</h3>
        <div role="radiogroup" aria-label="Matrix level">
          <label class="check">
            <input type="radio" name="xb-matrix-level" data-testid="xb-matrix-borough" checked={level() === 'borough'} onChange={() => (setLevel('borough'), setCell(null))} />
            Borough × borough
          </label>
          <label class="check">
            <input type="radio" name="xb-matrix-level" data-testid="xb-matrix-bcu" checked={level() === 'bcu'} onChange={() => (setLevel('bcu'), setCell(null))} />
            BCU × BCU
          </label>
        </div>
        <button type="button" class="link" onClick={() => props.onClose()}>
          close
        </button>
      </header>
      <Show when={matrix() && shown().length > 0} fallback={<p>No hot spot cluster is shared by two {level() === 'bcu' ? 'BCUs' : 'boroughs'}.</p>}>
        <div class="matrix-scroll">
          <table class="matrix">
            <thead>
              <tr>
                <th />
                <For each={shown()}>
                  {(j) => (
                    <th scope="col" class="col-head">
                      <span>{matrix()!.names[j]}</span>
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={shown()}>
                {(i) => (
                  <tr>
                    <th scope="row">{matrix()!.names[i]}</th>
                    <For each={shown()}>
                      {(j) => {
                        const h = () => matrix()!.harm[i][j];
                        return (
                          <td style={{ background: shade(h(), max()) }} classList={{ chosen: chosen()?.a === i && chosen()?.b === j }}>
                            <Show when={h() > 0} fallback={i === j ? '—' : ''}>
                              <button
                                type="button"
                                data-testid="xb-matrix-cell"
                                data-row={matrix()!.units[i]}
                                data-col={matrix()!.units[j]}
                                data-harm={h()}
                                aria-label={`${matrix()!.names[i]} and ${matrix()!.names[j]}: ${fmt(h())} days of harm in shared hot spots`}
                                onClick={() => setCell([matrix()!.units[i], matrix()!.units[j]])}
                              >
                                {fmt(h())}
                              </button>
                            </Show>
                          </td>
                        );
                      }}
                    </For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
        <Show when={chosen()}>
          {(c) => (
            <div data-testid="xb-matrix-clusters">
              <p>
                {matrix()!.names[c().a]} and {matrix()!.names[c().b]} share {c().ids.length} cluster{c().ids.length === 1 ? '' : 's'}:
              </p>
              <ul>
                <For each={c().ids}>
                  {(id) => (
                    <li>
                      <button type="button" class="link" data-testid="xb-matrix-cluster" data-id={id} onClick={() => app.setView({ cluster: id })}>
                        {labelOf(id)}
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </div>
          )}
        </Show>
      </Show>
    </div>
  );
}
