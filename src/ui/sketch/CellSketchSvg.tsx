/** A static SVG of cells (numbered or shaded) over area outlines: src/map/cell-sketch.ts. */
import { For, Show } from 'solid-js';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { cellSketch } from '../../map/cell-sketch';

export interface SketchCellStyle {
  h3: string;
  /** Text in the cell (a patrol order), or none. */
  label?: string;
  fill: string;
}

export function CellSketchSvg(props: { cells: SketchCellStyle[]; outlines: Feature<Polygon | MultiPolygon>[]; title: string; testid: string; width?: number }) {
  const sketch = () => (props.cells.length + props.outlines.length > 0 ? cellSketch(props.cells.map((c) => c.h3), props.outlines, props.width ?? 400) : null);
  return (
    <Show when={sketch()}>
      {(s) => (
        <svg class="cell-sketch" data-testid={props.testid} viewBox={`0 0 ${s().width} ${s().height}`} role="img" aria-label={props.title}>
          <title>{props.title}</title>
          <For each={s().outlines}>{(o) => <path d={o.d} fill="none" stroke="#555" stroke-width="1.5" />}</For>
          <For each={s().cells}>
            {(c, i) => (
              <>
                <path d={c.d} fill={props.cells[i()].fill} stroke="#222" stroke-width="0.8" data-h3={c.h3} />
                <Show when={props.cells[i()].label}>
                  <text x={c.x} y={c.y} text-anchor="middle" dominant-baseline="central" font-size="11" font-weight="700" fill="#000">
                    {props.cells[i()].label}
                  </text>
                </Show>
              </>
            )}
          </For>
        </svg>
      )}
    </Show>
  );
}
