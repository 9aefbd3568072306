/**
 * The map's side of the patrol plan: its cells drawn over the hexagons, a click toggling a cell
 * while the plan is open, and the lasso drawn with MapLibre's mouse events (the map stops
 * panning while the lasso tool is on). MapView calls this in a few lines.
 */
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';
import { createEffect, createMemo, createSignal, getOwner, runWithOwner } from 'solid-js';
import { patrolLayers } from '../../map/patrol-layers';
import type { LassoRing } from '../../state/patrol-url';
import { useApp } from '../context';

export function usePatrolMap() {
  const app = useApp();
  const patrol = app.patrol;
  const owner = getOwner();
  const [drawing, setDrawing] = createSignal<LassoRing | null>(null);
  const lassoOn = () => patrol.state().open && patrol.tool() !== 'cells';
  /** When the last lasso ended: the click MapLibre may send after it is not a cell click. */
  let lassoEnded = -Infinity;

  const layers = createMemo(() => {
    if (!patrol.state().open) return [];
    const cells = patrol.plan()?.cells ?? [];
    return patrolLayers(cells, drawing() ?? (patrol.state().lasso ? [...patrol.state().lasso!, patrol.state().lasso![0]] : null));
  });

  /** A deck click while the plan is open and no lasso is on: the cell under it goes in or out. True when taken. */
  function click(coordinate: number[] | undefined): boolean {
    if (!patrol.state().open || lassoOn() || !coordinate) return false;
    if (performance.now() - lassoEnded < 400) return true;
    patrol.clickAt(coordinate[0], coordinate[1]);
    return true;
  }

  function attach(map: MapLibreMap) {
    runWithOwner(owner, () =>
      createEffect(() => {
        if (lassoOn()) map.dragPan.disable();
        else map.dragPan.enable();
        map.getCanvas().style.cursor = lassoOn() ? 'crosshair' : '';
      }),
    );
    const at = (e: MapMouseEvent): [number, number] => [e.lngLat.lng, e.lngLat.lat];
    map.on('mousedown', (e) => {
      if (lassoOn()) setDrawing([at(e)]);
    });
    map.on('mousemove', (e) => {
      const d = drawing();
      if (d) setDrawing([...d, at(e)]);
    });
    map.on('mouseup', (e) => {
      const d = drawing();
      if (!d) return;
      setDrawing(null);
      lassoEnded = performance.now();
      patrol.lasso([...d, at(e)]);
    });
  }

  return { layers, click, attach };
}
