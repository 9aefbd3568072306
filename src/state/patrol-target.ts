/**
 * What a patrol plan covers and where its ranking is backtested (issue 13, item 4). Pure: the
 * plan state, the view's area, the boundaries and the resolution in; cells and areas out.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { AreaFilter } from '../analysis/cube';
import { studyAreaCells } from '../analysis/study-area';
import { areaFeatures, type BoundaryLayers, wardBoroughs } from '../map/basemap-style';
import { lassoCells, type PatrolState } from './patrol-url';

/** What the plan covers: the area whose cells it starts from and whose harm its PAI measures. */
export interface PatrolTarget {
  kind: 'ward' | 'borough' | 'drawn';
  /** The ward's or borough's code (null for a drawn area). */
  code: string | null;
  label: string;
  /** The area's cells at the plan's resolution (sorted). */
  cells: string[];
  /** Its outline, for the mission sheet's map. */
  outline: Feature<Polygon | MultiPolygon>[];
}

/** The plan's area: the drawn one, else the view's one ward or one borough (null: none). */
export function targetOf(s: Pick<PatrolState, 'lasso'>, area: AreaFilter, resolution: number, b: BoundaryLayers): PatrolTarget | null {
  if (s.lasso) {
    const ring = [...s.lasso, s.lasso[0]];
    return {
      kind: 'drawn', code: null, label: 'the drawn area', cells: lassoCells(s.lasso, resolution),
      outline: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } }],
    };
  }
  if ((area.kind !== 'ward' && area.kind !== 'borough') || area.codes.length !== 1) return null;
  const outline = areaFeatures(b, area) as Feature<Polygon | MultiPolygon>[];
  if (outline.length === 0) return null;
  return { kind: area.kind, code: area.codes[0], label: String(outline[0].properties?.name ?? area.codes[0]), cells: studyAreaCells(outline, resolution), outline };
}

/**
 * The area the plan's ranking is computed and backtested on: the ward's borough, or the borough
 * itself (a ward's dozen cells are too few to backtest: 5 % of them is under one cell); for a
 * drawn area, the view's area (a one-ward view: its borough). Boroughs sorted by code.
 */
export function rankingBasis(t: PatrolTarget, viewArea: AreaFilter, b: BoundaryLayers): AreaFilter {
  const a: AreaFilter = t.kind === 'drawn' ? viewArea : { kind: t.kind, codes: [t.code!] };
  if (a.kind !== 'ward') return a;
  const boroughs = wardBoroughs(b.wards, a.codes);
  return boroughs.length > 0 ? { kind: 'borough', codes: boroughs } : a;
}
