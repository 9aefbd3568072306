/**
 * boundaries/wards.geojson: the 704 London wards of December 2022 (= December 2024 in London),
 * i.e. the Met's 679 Safer Neighbourhood Team wards plus the 25 City of London wards, with the
 * Met's names, boroughs and BCUs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { area, featureCollection, intersect, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import { InputError, need, readCsvRecords } from './common.ts';
import { type Area, PolygonIndex, type RoundingStats, asArea, readCollection, roundGeometry } from './geometry.ts';

export const WARDS_2022_IN = 'boundaries/wards_2022/london_wards_2022.geojson';
export const MET_WARDS_IN = 'boundaries/met_snt_wards_2022.csv';
export const CITY_OF_LONDON = 'E09000001';
const CITY_NAME = 'City of London';

export interface WardProps {
  /** GSS ward code (WD22CD = WD24CD in London). */
  code: string;
  name: string;
  /** GSS borough code (E09). */
  borough: string;
  boroughName: string;
  /** Met BCU code; null for the City of London (City of London Police, not the Met). */
  bcu: string | null;
  bcuName: string | null;
}

/** What the 2022 ward layer needs of a borough (boroughs.geojson's properties have these). */
export interface BoroughLike {
  code: string;
  name: string;
  bcu: string | null;
  bcuName: string | null;
}

export interface Wards2022Report {
  metWards: number;
  cityWards: number;
  /** ONS ward names (the GeoJSON) that differ from the CSV's `ward_name_ons` (the CSV's is kept). */
  nameDifferences: { code: string; geojson: string; csv: string }[];
  /** The CSV's Met BCU names and the short names of bcus.geojson used instead (one per BCU). */
  bcuNames: { code: string; csv: string; used: string }[];
  /**
   * Wards whose point on feature lies in no borough polygon of boroughs.geojson or in another
   * borough than its own code says, with the share of its area inside its own borough polygon.
   */
  boroughDisagreements: { code: string; name: string; borough: string; foundIn: string | null; shareInOwn: number }[];
  rounding: RoundingStats;
}

/**
 * Reads the 2022 ward polygons and the Met's ward table, checks they describe the same wards,
 * and returns the features sorted by borough then code, coordinates rounded like the boroughs'.
 * @throws {InputError} when the two inputs disagree on the ward codes or their boroughs.
 */
export function buildWards2022(
  sharedDir: string,
  boroughs: readonly Feature<Area, BoroughLike>[],
): { wards: FeatureCollection<Area, WardProps>; report: Wards2022Report } {
  const geoPath = join(sharedDir, WARDS_2022_IN);
  const csvPath = need(join(sharedDir, MET_WARDS_IN), 'Met ward table');
  const geo = readCollection(geoPath, '2022 ward boundaries');
  const met = readCsvRecords(readFileSync(csvPath, 'utf8'), csvPath, [
    'WD22CD', 'ward_name_ons', 'LAD22CD', 'borough', 'bcu_name_mps', 'bcu_code',
  ]);
  const metByCode = new Map(met.map((r) => [r.WD22CD!, r] as const));
  if (metByCode.size !== met.length) throw new InputError(`${csvPath}: duplicate WD22CD`);
  const boroughByCode = new Map(boroughs.map((b) => [b.properties.code, b] as const));

  const rounding: RoundingStats = { duplicateVertices: 0, droppedRings: 0 };
  const nameDifferences: Wards2022Report['nameDifferences'] = [];
  const bcuNames = new Map<string, { code: string; csv: string; used: string }>();
  const seen = new Set<string>();
  const features: Feature<Area, WardProps>[] = geo.features.map((f) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const code = String(p.WD24CD ?? '');
    const lad = String(p.LAD24CD ?? '');
    if (!/^E05\d{6}$/.test(code)) throw new InputError(`${geoPath}: bad WD24CD ${JSON.stringify(code)}`);
    if (seen.has(code)) throw new InputError(`${geoPath}: duplicate ward ${code}`);
    seen.add(code);
    const home = boroughByCode.get(lad);
    if (!home) throw new InputError(`${geoPath}: ward ${code} has borough ${JSON.stringify(lad)}, not in boroughs.geojson`);
    const geometry = roundGeometry(asArea(f, geoPath), rounding);
    if (!geometry) throw new Error(`ward ${code} collapsed when rounded`);
    const row = metByCode.get(code);
    let props: WardProps;
    if (lad === CITY_OF_LONDON) {
      if (row) throw new InputError(`${csvPath}: ${code} is a City of London ward, which the Met does not police`);
      props = { code, name: String(p.WD24NM ?? ''), borough: lad, boroughName: CITY_NAME, bcu: null, bcuName: null };
    } else {
      if (!row) throw new InputError(`${csvPath}: no row for ward ${code} (${String(p.WD24NM)})`);
      if (row.LAD22CD !== lad) throw new InputError(`${code}: borough ${lad} in the GeoJSON, ${row.LAD22CD} in ${csvPath}`);
      if (row.bcu_code !== home.properties.bcu) {
        throw new InputError(`${code}: BCU ${row.bcu_code} in ${csvPath}, but its borough ${lad} is in BCU ${home.properties.bcu}`);
      }
      if (row.borough !== home.properties.name) {
        throw new InputError(`${code}: borough name "${row.borough}" in ${csvPath}, "${home.properties.name}" in boroughs.geojson`);
      }
      if (String(p.WD24NM) !== row.ward_name_ons) nameDifferences.push({ code, geojson: String(p.WD24NM), csv: row.ward_name_ons! });
      // One BCU name everywhere: the short name bcus.geojson and boroughs.geojson use.
      bcuNames.set(row.bcu_code!, { code: row.bcu_code!, csv: row.bcu_name_mps!, used: home.properties.bcuName! });
      props = {
        code,
        name: row.ward_name_ons!,
        borough: lad,
        boroughName: row.borough!,
        bcu: row.bcu_code!,
        bcuName: home.properties.bcuName,
      };
    }
    return { type: 'Feature', properties: props, geometry };
  });
  const missing = met.filter((r) => !seen.has(r.WD22CD!)).map((r) => r.WD22CD);
  if (missing.length > 0) throw new InputError(`${geoPath}: no polygon for Met ward(s) ${missing.join(', ')}`);
  features.sort((a, b) => {
    const k1 = `${a.properties.borough} ${a.properties.code}`;
    const k2 = `${b.properties.borough} ${b.properties.code}`;
    return k1 < k2 ? -1 : k1 > k2 ? 1 : 0;
  });

  return {
    wards: featureCollection(features) as FeatureCollection<Area, WardProps>,
    report: {
      metWards: features.filter((f) => f.properties.bcu !== null).length,
      cityWards: features.filter((f) => f.properties.borough === CITY_OF_LONDON).length,
      nameDifferences,
      bcuNames: [...bcuNames.values()].sort((a, b) => (a.code < b.code ? -1 : 1)),
      boroughDisagreements: checkAgainstBoroughs(features, boroughs),
      rounding,
    },
  };
}

/**
 * Do the 2022 wards sit in the borough polygons of boroughs.geojson (2015 London Datastore
 * boundaries) that their codes name? A ward whose point on feature falls elsewhere is measured
 * by the share of its area inside its own borough polygon.
 */
function checkAgainstBoroughs(
  wards: readonly Feature<Area, WardProps>[],
  boroughs: readonly Feature<Area, BoroughLike>[],
): Wards2022Report['boroughDisagreements'] {
  const index = new PolygonIndex(boroughs);
  const out: Wards2022Report['boroughDisagreements'] = [];
  for (const w of wards) {
    const [x, y] = pointOnFeature(w).geometry.coordinates as [number, number];
    const found = index.find(x, y);
    if (found?.properties.code === w.properties.borough) continue;
    const own = boroughs.find((b) => b.properties.code === w.properties.borough)!;
    const inOwn = intersect(featureCollection<Area>([
      { type: 'Feature', properties: {}, geometry: w.geometry },
      { type: 'Feature', properties: {}, geometry: own.geometry },
    ]));
    const share = inOwn ? area(inOwn) / area(w) : 0;
    out.push({
      code: w.properties.code,
      name: w.properties.name,
      borough: w.properties.borough,
      foundIn: found?.properties.code ?? null,
      shareInOwn: Math.round(share * 1000) / 1000,
    });
  }
  return out;
}
