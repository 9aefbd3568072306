/** The selected cluster on the map (src/map/cluster-layers.ts): its box, and the border runs near it. */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { CLUSTER_BORDER_RGB, CLUSTER_OUTLINE_RGB, clusterLayers, edgesWithin, outlineBounds, outlinePaths, padBounds } from '../../src/map/cluster-layers';

const outline: MultiPolygon = {
  type: 'MultiPolygon',
  coordinates: [
    [[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]],
    [[[3, -1], [4, -1], [4, 0], [3, -1]]],
  ],
};
const feature = (coordinates: Polygon['coordinates']): Feature<Polygon> => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } });

describe('outlineBounds and padBounds', () => {
  it('spans every ring of every polygon', () => {
    expect(outlineBounds(outline)).toEqual([0, -1, 4, 1]);
  });
  it('grows by a fraction of the size, or by the minimum when the box is small', () => {
    expect(padBounds([0, -1, 4, 1], 0.25)).toEqual([-1, -1.5, 5, 1.5]);
    expect(padBounds([0, 0, 0.001, 0.001], 0.1, 0.01)).toEqual([-0.01, -0.01, 0.011, 0.011]);
  });
});

describe('edgesWithin', () => {
  it('keeps the runs of a ring that pass through the box, cut where the ring leaves it', () => {
    // A 10 x 10 square; the box covers its lower-left corner only. The ring runs
    // (0,0) → (10,0) → (10,10) → (0,10) → (0,0): the first segment starts inside, the last ends inside.
    const square = feature([[[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]]);
    expect(edgesWithin([square], [-1, -1, 2, 2])).toEqual([[[0, 0], [10, 0]], [[0, 10], [0, 0]]]);
  });
  it('keeps nothing of a unit far from the box, and every segment of one inside it', () => {
    const far = feature([[[50, 50], [51, 50], [51, 51], [50, 50]]]);
    const inside = feature([[[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]]]);
    expect(edgesWithin([far], [0, 0, 1, 1])).toEqual([]);
    expect(edgesWithin([far, inside], [0, 0, 1, 1])).toEqual([[[0.2, 0.2], [0.4, 0.2], [0.4, 0.4], [0.2, 0.2]]]);
  });
});

describe('clusterLayers', () => {
  it('draws the outline rings in cyan and the border runs in amber, borders on top', () => {
    const borders = [[[0, 0], [1, 1]]];
    const [o, b] = clusterLayers(outline, borders);
    expect(outlinePaths(outline)).toHaveLength(2);
    expect(o.props.data).toEqual(outlinePaths(outline));
    expect(o.props.getColor).toEqual([...CLUSTER_OUTLINE_RGB, 255]);
    expect(b.props.data).toBe(borders);
    expect(b.props.getColor).toEqual([...CLUSTER_BORDER_RGB, 255]);
  });
});
