/**
 * Which BCUs and boroughs the meeting's "this month against last" table lists for the view's
 * area. A BCU's tasking meeting filters the view to its BCU and wants its own BCU and boroughs,
 * not all of London; a borough's or a ward's meeting wants its borough, with its BCU as context.
 * Pure: the area, the cube's borough-to-BCU list and the ward boundaries in; codes out.
 */
import type { FeatureCollection } from 'geojson';
import type { AreaFilter, CrimeCube } from '../analysis/cube';
import { wardBoroughs } from '../map/basemap-style';

/** The codes of the rows to show. */
export interface LimitAreas {
  bcus: ReadonlySet<string>;
  boroughs: ReadonlySet<string>;
}

/**
 * The BCU and borough rows for an area (null: every row, for all London).
 *
 * - BCUs: the chosen BCUs and the boroughs in them (the cube's `boroughBcu`).
 * - Boroughs: the chosen boroughs and the BCUs they belong to (the City of London is in none).
 * - Wards: the boroughs holding them (`wardBoroughs`, as the patrol plan's ranking basis finds
 *   a ward's borough: src/state/patrol-target.ts) and their BCUs.
 *   Until the boundaries are loaded (`wards` null) a ward's borough is unknown: no rows.
 *
 * Codes that are not in the cube or the boundaries select nothing.
 *
 * @example limitAreas({ kind: 'borough', codes: ['E09000033'] }, cube, wards) // { bcus: {'AW'}, boroughs: {'E09000033'} }
 */
export function limitAreas(area: AreaFilter, cube: Pick<CrimeCube, 'boroughs' | 'boroughBcu'>, wards: FeatureCollection | null): LimitAreas | null {
  if (area.kind === 'all') return null;
  if (cube.boroughs.length !== cube.boroughBcu.length) {
    throw new Error(`limitAreas: ${cube.boroughs.length} boroughs but ${cube.boroughBcu.length} BCU entries`);
  }
  const bcuOf = new Map(cube.boroughs.map((b, i) => [b, cube.boroughBcu[i]]));
  const chosen = new Set(area.codes);
  if (area.kind === 'bcu') {
    const boroughs = cube.boroughs.filter((b) => {
      const bcu = bcuOf.get(b);
      return bcu != null && chosen.has(bcu);
    });
    return { bcus: chosen, boroughs: new Set(boroughs) };
  }
  const boroughs =
    area.kind === 'borough'
      ? chosen
      : new Set(wards ? wardBoroughs(wards, area.codes) : []);
  const bcus = new Set<string>();
  for (const b of boroughs) {
    const bcu = bcuOf.get(b);
    if (bcu != null) bcus.add(bcu);
  }
  return { bcus, boroughs };
}

/**
 * What the table's rows cover, in words, for its caption: for a borough or a ward a BCU row
 * counts the whole BCU (and for a ward the borough row the whole borough), not only the chosen area.
 *
 * @param shown - How many BCU rows the table shows (the City of London has none).
 */
export function limitAreasWords(area: AreaFilter, shown: { bcus: number }): string {
  switch (area.kind) {
    case 'all':
      return 'Every BCU and borough of London.';
    case 'bcu':
      return area.codes.length === 1 ? 'The BCU and each of its boroughs.' : 'The chosen BCUs and each of their boroughs.';
    case 'borough': {
      const one = area.codes.length === 1;
      const what = one ? 'The borough' : 'The chosen boroughs';
      if (shown.bcus === 0) return `${what}${one ? ', which is in no BCU' : ''}.`;
      return `${what} and ${one ? 'its BCU' : 'their BCUs'}; a BCU row counts the whole BCU, not only the chosen ${one ? 'borough' : 'boroughs'}.`;
    }
    case 'ward': {
      const one = area.codes.length === 1;
      const whose = one ? "The ward's borough" : "The chosen wards' boroughs";
      const bcu = shown.bcus === 0 ? '' : ` and ${one ? 'its' : 'their'} ${shown.bcus === 1 ? 'BCU' : 'BCUs'}`;
      const rows = shown.bcus === 0 ? 'a borough row counts the whole borough' : 'a borough or BCU row counts the whole borough or BCU';
      return `${whose}${bcu}; ${rows}, not only the chosen ${one ? 'ward' : 'wards'}.`;
    }
  }
}
