/**
 * boundaries/lsoa.geojson: the 4,994 London LSOAs of the 2021 census (the codes in recent
 * police.uk CSVs), generalised to 20 m by the source.
 */
import { join } from 'node:path';
import { area, featureCollection } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import { InputError } from './common.ts';
import { type Area, type RoundingStats, asArea, readCollection, roundGeometry } from './geometry.ts';

export const LSOA_2021_IN = 'boundaries/lsoa_2021/london_lsoa_2021.geojson';

/**
 * Coordinates are rounded to 5 decimals (about 1.1 m north-south, 0.7 m east-west in London):
 * the polygons are generalised to 20 m, so the sixth decimal (0.1 m) carries no information.
 * Measured on this input: 3,955,191 bytes against 4,286,090 at 6 decimals (8 % less); it
 * collapses one 8 m² sliver triangle (a part of E01032783). Shared edges stay shared (same
 * input, same rounding). Going further would mean simplifying the polygons, which the build
 * does not do to any boundary.
 */
export const LSOA_DECIMALS = 5;

export interface LsoaProps {
  /** LSOA21CD (E01). */
  code: string;
  /** LSOA21NM, e.g. "Westminster 018A". */
  name: string;
  /** GSS borough code (LAD22CD). */
  borough: string;
}

/** Reads the LSOA 2021 polygons, keeps code, name and borough, rounds, sorts by code. */
export function buildLsoa2021(
  sharedDir: string,
  boroughCodes: ReadonlySet<string>,
): { lsoa: FeatureCollection<Area, LsoaProps>; rounding: RoundingStats; collapsed: { code: string; m2: number }[] } {
  const path = join(sharedDir, LSOA_2021_IN);
  const fc = readCollection(path, 'LSOA 2021 boundaries');
  const rounding: RoundingStats = { duplicateVertices: 0, droppedRings: 0 };
  const seen = new Set<string>();
  const collapsed: { code: string; m2: number }[] = [];
  const features: Feature<Area, LsoaProps>[] = fc.features.map((f) => {
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const code = String(p.LSOA21CD ?? '');
    const borough = String(p.LAD22CD ?? '');
    if (!/^E01\d{6}$/.test(code)) throw new InputError(`${path}: bad LSOA21CD ${JSON.stringify(code)}`);
    if (seen.has(code)) throw new InputError(`${path}: duplicate LSOA ${code}`);
    seen.add(code);
    if (!boroughCodes.has(borough)) throw new InputError(`${path}: LSOA ${code} has borough ${JSON.stringify(borough)}, not in boroughs.geojson`);
    const before = rounding.droppedRings;
    const original = asArea(f, path);
    const geometry = roundGeometry(original, rounding, LSOA_DECIMALS);
    if (!geometry) throw new Error(`LSOA ${code} collapsed when rounded`);
    if (rounding.droppedRings > before) {
      collapsed.push({ code, m2: Math.round(Math.abs(area(original) - area(geometry))) });
    }
    return { type: 'Feature', properties: { code, name: String(p.LSOA21NM ?? ''), borough }, geometry };
  });
  features.sort((a, b) => (a.properties.code < b.properties.code ? -1 : a.properties.code > b.properties.code ? 1 : 0));
  return { lsoa: featureCollection(features) as FeatureCollection<Area, LsoaProps>, rounding, collapsed };
}
