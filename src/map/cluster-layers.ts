/**
 * The selected hot spot cluster on the map (issue 12, item 3): its outline, and the border lines
 * of the units it straddles drawn over it, as deck.gl path layers; and the box to frame it.
 * The lines are the units' own polygon edges near the cluster, so the user sees where the line
 * runs through the hot spot, not whole borough outlines across London.
 */
import { PathLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';

/** Cyan: neither the viridis counts, the red/blue hot spots nor the base map's lines use it (tests find the outline by it). */
export const CLUSTER_OUTLINE_RGB: [number, number, number] = [0, 240, 255];
/** Amber: the border lines the cluster crosses. */
export const CLUSTER_BORDER_RGB: [number, number, number] = [255, 196, 0];

export type Bounds = [number, number, number, number];

/** West, south, east, north of a MultiPolygon. */
export function outlineBounds(outline: MultiPolygon): Bounds {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const poly of outline.coordinates) {
    for (const ring of poly) {
      for (const [x, y] of ring) {
        w = Math.min(w, x);
        e = Math.max(e, x);
        s = Math.min(s, y);
        n = Math.max(n, y);
      }
    }
  }
  return [w, s, e, n];
}

/** The box grown by `fraction` of its size on every side (at least `minDegrees`). */
export function padBounds([w, s, e, n]: Bounds, fraction: number, minDegrees = 0): Bounds {
  const dx = Math.max((e - w) * fraction, minDegrees);
  const dy = Math.max((n - s) * fraction, minDegrees);
  return [w - dx, s - dy, e + dx, n + dy];
}

/**
 * The runs of the units' polygon edges inside `box`: each ring is cut where it leaves the box
 * (a segment counts as inside when either end is), so a borough boundary shows only where it
 * passes near the cluster. Paths of fewer than two points are dropped.
 */
export function edgesWithin(features: readonly Feature<Polygon | MultiPolygon>[], box: Bounds): Position[][] {
  const [w, s, e, n] = box;
  const inside = (p: Position) => p[0] >= w && p[0] <= e && p[1] >= s && p[1] <= n;
  const out: Position[][] = [];
  for (const f of features) {
    const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const poly of polys) {
      for (const ring of poly) {
        let run: Position[] = [];
        for (let i = 1; i < ring.length; i++) {
          const a = ring[i - 1];
          const b = ring[i];
          if (inside(a) || inside(b)) {
            if (run.length === 0) run.push(a);
            run.push(b);
          } else if (run.length > 0) {
            out.push(run);
            run = [];
          }
        }
        if (run.length > 1) out.push(run);
      }
    }
  }
  return out;
}

/** Every ring of the outline as a closed path. */
export function outlinePaths(outline: MultiPolygon): Position[][] {
  return outline.coordinates.flatMap((poly) => poly);
}

/** The selected cluster's outline and the borders it crosses (borders drawn over the outline). */
export function clusterLayers(outline: MultiPolygon, borders: Position[][]) {
  return [
    new PathLayer<Position[]>({
      id: 'cluster-outline',
      data: outlinePaths(outline),
      getPath: (p) => p as never,
      getColor: [...CLUSTER_OUTLINE_RGB, 255],
      getWidth: 4,
      widthUnits: 'pixels',
      jointRounded: true,
    }),
    new PathLayer<Position[]>({
      id: 'cluster-borders',
      data: borders,
      getPath: (p) => p as never,
      getColor: [...CLUSTER_BORDER_RGB, 255],
      getWidth: 3,
      widthUnits: 'pixels',
      jointRounded: true,
      capRounded: true,
    }),
  ];
}
