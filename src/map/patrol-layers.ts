/**
 * The patrol plan on the map (issue 13, item 4): planned cells outlined in magenta with their
 * patrol order, cells over budget in a thin grey, and the lasso while it is drawn. Magenta is in
 * none of viridis, the red/blue hot spots, the cluster cyan/amber or the base map (tests find
 * the plan by it).
 */
import { PathLayer, TextLayer } from '@deck.gl/layers';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { cellToLatLng } from 'h3-js';
import { MAP_TEXT } from './layers';

export const PATROL_RGB: [number, number, number] = [255, 0, 200];
const OVER_BUDGET_RGB: [number, number, number] = [200, 200, 200];

export interface PatrolMapCell {
  h3: string;
  order: number;
  planned: boolean;
}

export function patrolLayers(cells: readonly PatrolMapCell[], lasso: readonly [number, number][] | null) {
  const planned = cells.filter((c) => c.planned);
  return [
    new H3HexagonLayer<PatrolMapCell>({
      id: 'patrol-over-budget',
      data: cells.filter((c) => !c.planned),
      getHexagon: (d) => d.h3,
      filled: false,
      stroked: true,
      extruded: false,
      getLineColor: [...OVER_BUDGET_RGB, 200],
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      pickable: false,
    }),
    new H3HexagonLayer<PatrolMapCell>({
      id: 'patrol-planned',
      data: planned,
      getHexagon: (d) => d.h3,
      filled: false,
      stroked: true,
      extruded: false,
      getLineColor: [...PATROL_RGB, 255],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      pickable: false,
    }),
    new TextLayer<PatrolMapCell>({
      id: 'patrol-order',
      data: planned,
      getPosition: (d) => {
        const [lat, lon] = cellToLatLng(d.h3);
        return [lon, lat];
      },
      getText: (d) => String(d.order),
      getSize: 16, // at least 16 px on the map (issue 10, item 6)
      sizeUnits: 'pixels',
      ...MAP_TEXT,
      getColor: [255, 255, 255, 255],
      outlineColor: [90, 0, 70, 255],
      fontWeight: 700,
      characterSet: '0123456789',
    }),
    new PathLayer<readonly [number, number][]>({
      id: 'patrol-lasso',
      data: lasso && lasso.length > 1 ? [lasso] : [],
      getPath: (d) => d as [number, number][],
      getColor: [...PATROL_RGB, 255],
      widthUnits: 'pixels',
      getWidth: 2,
      pickable: false,
    }),
  ];
}
