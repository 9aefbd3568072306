/**
 * The map's side of the cross-border panel: the selected cluster's outline and the border lines
 * of the units it straddles (src/map/cluster-layers.ts), and framing it when the user selects it.
 * MapView calls this in two lines.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { createEffect, createMemo, getOwner, on, runWithOwner } from 'solid-js';
import { OUTSIDE } from '../../analysis/borders';
import { boundaryLayer } from '../../map/basemap-style';
import { clusterLayers, edgesWithin, outlineBounds, padBounds } from '../../map/cluster-layers';
import { useApp } from '../context';

/** The title strip covers the top of the map (MapTitleStrip): framing leaves it clear. */
const PADDING = { top: 130, bottom: 60, left: 60, right: 60 };

export function useClusterMap() {
  const app = useApp();
  const model = app.clusters;
  // attach() is called from inside MapView's map effect, which re-runs on a style change: the
  // framing effect belongs to the component instead, so it lives as long as the map.
  const owner = getOwner();

  /** The polygons of the units sharing the selected cluster at the chosen line. */
  const unitFeatures = createMemo<Feature<Polygon | MultiPolygon>[]>(() => {
    const c = model.selected();
    const b = app.boundaries();
    if (!c || !b) return [];
    const custom = model.customLevels().find((l) => l.id === model.customLevel());
    const entry = model.entries()?.find((e) => e.id === c.id);
    const member = model.members()?.find((m) => m.id === c.id);
    const units = entry?.units ?? member?.units[app.view.clusterLine] ?? [];
    const codes = new Set(units.filter((u) => u.code !== OUTSIDE).map((u) => u.code));
    const features = custom ? custom.areas.features : boundaryLayer(b, app.view.clusterLine).features;
    return features.filter((f) => codes.has(String(f.properties?.code))) as Feature<Polygon | MultiPolygon>[];
  });

  const layers = createMemo(() => {
    const c = model.selected();
    if (!c) return [];
    return clusterLayers(c.outline, edgesWithin(unitFeatures(), padBounds(outlineBounds(c.outline), 0.15, 0.002)));
  });

  /**
   * Frames a cluster when the user selects one. A link that opens with a cluster and a camera
   * keeps its camera (the link is the view); without a camera it frames the cluster.
   */
  function attach(map: MapLibreMap) {
    let framed = app.view.camera ? app.view.cluster : null;
    runWithOwner(owner, () =>
      createEffect(
        on(model.selected, (c) => {
          if (!c || c.id === framed) return;
          framed = c.id;
          map.fitBounds(outlineBounds(c.outline), { padding: PADDING, maxZoom: 15, duration: 600 });
        }),
      ),
    );
  }

  return { layers, attach };
}
