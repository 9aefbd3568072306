/**
 * A printable map for the meeting pack: H3 cells filled by group, area outlines, labels and a
 * scale bar, drawn as SVG by the cell sketch (src/map/cell-sketch.ts).
 *
 * Why SVG from the data rather than a capture of the live map (MapLibre's canvas keeps its
 * drawing buffer and deck.gl's overlay does by default, so both could be composited after a
 * render): the screen map is framed for the screen, so the pack would print whatever the user
 * last zoomed to, at the window's aspect, cropped by the panels; a capture is a bitmap at screen
 * resolution that blurs on A3; and it would wait on both canvases having drawn the current
 * filter. The sketch draws the very cells and colours the hexagon layer draws
 * (src/state/hex-view.ts `fillColors`), framed on the study area, as vectors that are sharp at
 * any paper size. Cells of one colour are one path, so a few thousand hexagons stay a few
 * elements. The scale bar is in the sketch's own units (`metresPerUnit`), so it is true at
 * whatever size the SVG is printed.
 */
import { createMemo, For, Show } from 'solid-js';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { cellSketch } from '../../map/cell-sketch';
import { scaleBar } from '../../state/pack-model';

export interface SketchGroup {
  /** Cells of one fill. */
  cells: readonly string[];
  fill: string;
  stroke?: string;
  strokeWidth?: number;
  /** Each cell's own label (a patrol order), by cell. */
  labels?: ReadonlyMap<string, string>;
  /** Marks the group's path for tests and readers. */
  name: string;
}

export interface SketchOutlines {
  features: readonly Feature<Polygon | MultiPolygon>[];
  stroke: string;
  width: number;
  dash?: string;
}

/** A label at a cell's centre (a site's rank on the overview). */
export interface SketchLabel {
  h3: string;
  text: string;
}

export function PackSketch(props: {
  groups: SketchGroup[];
  outlines: SketchOutlines[];
  labels?: SketchLabel[];
  title: string;
  testid: string;
  width: number;
  labelSize?: number;
}) {
  const sketch = createMemo(() => {
    const cells = [...new Set([...props.groups.flatMap((g) => g.cells), ...(props.labels ?? []).map((l) => l.h3)])];
    const features = props.outlines.flatMap((o) => o.features);
    if (cells.length + features.length === 0) return null;
    const s = cellSketch(cells, features, props.width, 12);
    const at = new Map(s.cells.map((c) => [c.h3, c]));
    let k = 0;
    const outlines = props.outlines.map((o) => {
      const rings = o.features.flatMap((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat()));
      const d = s.outlines.slice(k, k + rings.length).map((x) => x.d).join('');
      k += rings.length;
      return { ...o, d };
    });
    const bar = scaleBar(s.metresPerUnit, s.width / 4);
    return { s, at, outlines, bar };
  });
  return (
    <Show when={sketch()}>
      {(k) => (
        <svg class="pack-sketch" data-testid={props.testid} viewBox={`0 0 ${k().s.width} ${k().s.height + 34}`} role="img" aria-label={props.title}>
          <title>{props.title}</title>
          <rect x="0" y="0" width={k().s.width} height={k().s.height + 34} fill="#fff" />
          <For each={props.groups}>
            {(g) => (
              <path
                data-group={g.name}
                data-cells={g.cells.length}
                d={g.cells.map((c) => k().at.get(c)?.d ?? '').join('')}
                fill={g.fill}
                stroke={g.stroke ?? 'none'}
                stroke-width={g.strokeWidth ?? 0}
                stroke-linejoin="round"
              />
            )}
          </For>
          <For each={k().outlines}>
            {(o) => <path d={o.d} fill="none" stroke={o.stroke} stroke-width={o.width} stroke-dasharray={o.dash} stroke-linejoin="round" />}
          </For>
          <For each={props.groups.filter((g) => g.labels)}>
            {(g) => (
              <For each={[...g.labels!]}>
                {([h3, text]) => (
                  <Show when={k().at.get(h3)}>
                    {(c) => (
                      <text x={c().x} y={c().y} class="pack-sketch-label" text-anchor="middle" dominant-baseline="central" font-size={String(props.labelSize ?? 11)}>
                        {text}
                      </text>
                    )}
                  </Show>
                )}
              </For>
            )}
          </For>
          <For each={props.labels ?? []}>
            {(l) => (
              <Show when={k().at.get(l.h3)}>
                {(c) => (
                  // Beside the cell, not on it: a site of one hexagon stays visible under its number.
                  <text x={c().x + 5} y={c().y - 5} class="pack-sketch-label halo" text-anchor="start" dominant-baseline="auto" font-size={String(props.labelSize ?? 11)}>
                    {l.text}
                  </text>
                )}
              </Show>
            )}
          </For>
          <g class="pack-scale" data-testid={`${props.testid}-scale`} data-metres={k().bar.metres} data-units={k().bar.units} data-metres-per-unit={k().s.metresPerUnit}>
            <rect x="12" y={k().s.height + 8} width={k().bar.units} height="6" fill="#000" />
            <rect x={12 + k().bar.units / 2} y={k().s.height + 8} width={k().bar.units / 2} height="6" fill="#fff" stroke="#000" stroke-width="1" />
            <text x={12} y={k().s.height + 28} font-size="12">0</text>
            <text x={12 + k().bar.units} y={k().s.height + 28} font-size="12" text-anchor="middle">
              {k().bar.label}
            </text>
          </g>
        </svg>
      )}
    </Show>
  );
}
