/**
 * The ward profile for the view (issue 13, item 5): the ward of the area filter when it is one
 * ward (chosen with the ward search, or "Show only <ward>" from a clicked hexagon), its profile
 * (src/analysis/tasking/ward-profile.ts) and its hot cells for the small map, over the view's
 * months and crime types.
 */
import { type Accessor, createMemo } from 'solid-js';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { type WardHotCell, wardHotCells } from '../../analysis/tasking/ward-hot-cells';
import { type WardProfile, wardProfile } from '../../analysis/tasking/ward-profile';
import type { AppModel } from '../../state/app-model';

export interface WardProfileView {
  code: string;
  profile: WardProfile | null;
  hot: WardHotCell[];
  outline: Feature<Polygon | MultiPolygon>[];
  /** Why there is no profile (a ward with no crime in the data, say). */
  error: string | null;
}

const HOT_CELLS = 5;

export function createWardProfileView(app: AppModel): Accessor<WardProfileView | null> {
  const names = createMemo(() => {
    const b = app.boundaries();
    if (!b) return null;
    const of = (fc: typeof b.wards) => new Map(fc.features.map((f) => [String(f.properties?.code), String(f.properties?.name)]));
    return { ward: of(b.wards), borough: of(b.boroughs) };
  });
  return createMemo(() => {
    const a = app.view.area;
    const cube = app.cube();
    const filter = app.cubeFilter();
    const b = app.boundaries();
    if (a.kind !== 'ward' || a.codes.length !== 1 || !cube || !filter || !b) return null;
    const code = a.codes[0];
    const outline = b.wards.features.filter((f) => f.properties?.code === code) as Feature<Polygon | MultiPolygon>[];
    try {
      const weights = app.harmWeights();
      const profile = wardProfile({ cube, filter, harmWeights: weights, ward: code, names: names() ?? undefined });
      return { code, profile, hot: wardHotCells(cube, filter, weights, code, HOT_CELLS), outline, error: null };
    } catch (e) {
      const name = names()?.ward.get(code) ?? code;
      const why = cube.wards.includes(code) ? (e instanceof Error ? e.message : String(e)) : `${name} has no crime in the loaded data`;
      return { code, profile: null, hot: [], outline, error: why };
    }
  });
}
