/**
 * A static sketch of H3 cells and area outlines as SVG paths, for the printed mission sheet and
 * the ward profile's small map: printable without WebGL, at any size. The projection is
 * equirectangular with longitude scaled by cos(latitude) at the middle of the box, which at
 * the size of a ward or a borough (a few km) differs from Web Mercator by well under 1 %.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { cellToBoundary, cellToLatLng } from 'h3-js';

/** IUGG mean radius of the Earth, metres. */
const EARTH_MEAN_RADIUS_M = 6_371_008.8;

export interface SketchShape {
  /** SVG path data in the sketch's coordinates. */
  d: string;
}

export interface SketchCell extends SketchShape {
  h3: string;
  /** The cell's centre in the sketch's coordinates. */
  x: number;
  y: number;
}

export interface CellSketch {
  width: number;
  height: number;
  /**
   * Metres on the ground per sketch unit (for a scale bar): exact north-south, and east-west at
   * the box's middle latitude, on a sphere of the Earth's mean radius.
   */
  metresPerUnit: number;
  cells: SketchCell[];
  outlines: SketchShape[];
}

/**
 * Projects cells and outlines into a box `width` wide (height from the area's shape), with a
 * margin of `pad` sketch units. The box fits the cells and the outlines together.
 * @throws {Error} when there is nothing to draw.
 */
export function cellSketch(cells: readonly string[], outlines: readonly Feature<Polygon | MultiPolygon>[], width = 400, pad = 8): CellSketch {
  const cellRings = cells.map((c) => cellToBoundary(c, true) as Position[]);
  const outlineRings = outlines.flatMap((f) => (f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat()));
  const all = [...cellRings, ...outlineRings].flat();
  if (all.length === 0) throw new Error('cellSketch: no cells or outlines to draw');
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x, y] of all) {
    w = Math.min(w, x);
    e = Math.max(e, x);
    s = Math.min(s, y);
    n = Math.max(n, y);
  }
  const k = Math.cos((((s + n) / 2) * Math.PI) / 180);
  const spanX = Math.max((e - w) * k, 1e-9);
  const spanY = Math.max(n - s, 1e-9);
  const scale = (width - 2 * pad) / spanX;
  const height = Math.round(spanY * scale + 2 * pad);
  const px = ([x, y]: Position): [number, number] => [pad + (x - w) * k * scale, pad + (n - y) * scale];
  const path = (ring: Position[]) => `M${ring.map((p) => px(p).map((v) => v.toFixed(1)).join(',')).join('L')}Z`;
  return {
    width,
    height,
    metresPerUnit: ((Math.PI / 180) * EARTH_MEAN_RADIUS_M) / scale,
    cells: cells.map((h3, i) => {
      const [lat, lon] = cellToLatLng(h3);
      const [x, y] = px([lon, lat]);
      return { h3, d: path(cellRings[i]), x, y };
    }),
    outlines: outlineRings.map((r) => ({ d: path(r) })),
  };
}
