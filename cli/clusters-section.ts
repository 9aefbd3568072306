/**
 * The `--clusters` part of the command-line twin (issue 12, item 6): hot-spot clusters and who
 * shares them, computed by the app's own modules (src/analysis/clusters.ts, borders.ts and
 * src/db/cluster-points.ts) from the run's cube, study area and hotspot result. Kept apart from
 * cli/analyze.ts so that the command's main flow reads as before.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import {
  type ClusterMembership,
  clusterMembership,
  type CellUnitPoints,
  membershipLabel,
  sharedHarmMatrix,
  type UnitLevel,
  type UnitNames,
  type UnitShare,
} from '../src/analysis/borders';
import { STOP_AND_SEARCH } from '../src/analysis/categories';
import { findHotClusters, type HotCluster } from '../src/analysis/clusters';
import type { CrimeCube, CubeFilter } from '../src/analysis/cube';
import { harmWeightVector } from '../src/analysis/harm';
import type { HotspotResult, StudyArea } from '../src/analysis/hotspots';
import type { DbClient } from '../src/db/client';
import { clusterPointCounts } from '../src/db/cluster-points';
import type { H3Resolution } from '../src/db/schema';

/** Reads code → name of a shipped boundary file (properties code and name). */
async function namesOf(path: string): Promise<Map<string, string>> {
  const fc = JSON.parse(await readFile(path, 'utf8')) as FeatureCollection;
  return new Map(fc.features.map((f) => [String(f.properties?.code), String(f.properties?.name ?? f.properties?.code)]));
}

export interface ClustersRun {
  cube: CrimeCube;
  study: StudyArea;
  hotspots: HotspotResult;
  filter: CubeFilter;
  level: number;
  /** The data directory (data/boundaries for names, data/harm-weights.json for harm). */
  dataDir: string;
  /** The data are aggregated cells (a count column): every share carries the 'aggregated' caveat. */
  aggregated?: boolean;
}

/**
 * Distinct points per (cell, ward, borough) of the analysed crimes, read while the database is
 * still open; the months and categories are the filter's.
 */
export async function clusterPoints(db: DbClient, cube: CrimeCube, filter: CubeFilter): Promise<CellUnitPoints[]> {
  if (filter.monthFrom > filter.monthTo) return [];
  return clusterPointCounts(db, cube.resolution as H3Resolution, {
    from: cube.months[filter.monthFrom] ?? null,
    to: cube.months[filter.monthTo] ?? null,
    categories: filter.categories.map((c) => cube.categories[c]).filter((c) => c !== STOP_AND_SEARCH),
  });
}

const unitJson = (u: UnitShare) => ({
  code: u.code, name: u.name, share: u.share, crimeShare: u.crimeShare, crimes: u.crimes, harm: u.harm, points: u.points, caveats: u.caveats,
});

function clusterJson(c: HotCluster, m: ClusterMembership, names: UnitNames) {
  const units = Object.fromEntries((['ward', 'borough', 'bcu'] as UnitLevel[]).map((l) => [l, m.units[l].map(unitJson)]));
  return {
    id: c.id,
    cells: c.cells,
    crimes: c.crimes,
    harm: c.harm,
    areaKm2: c.areaKm2,
    peakBin: c.peakBin,
    monthsHot: c.monthsHot,
    topCrimeTypes: c.topCrimeTypes,
    emerging: c.emerging,
    atStudyEdge: c.atStudyEdge,
    touchesNoData: c.touchesNoData,
    units,
    crossesWard: m.crossesWard,
    crossesBorough: m.crossesBorough,
    crossesBcu: m.crossesBcu,
    crossing: m.crossing,
    jointTasking: m.jointTasking,
    lead: m.lead,
    label: membershipLabel(m, 'borough', names),
  };
}

/** The JSON keys --clusters adds: clusterLevel, clusters, sharedHarm. */
export async function clustersSection(run: ClustersRun, points: readonly CellUnitPoints[]) {
  const boundaries = join(run.dataDir, 'boundaries');
  const names: UnitNames = {
    ward: await namesOf(join(boundaries, 'wards.geojson')),
    borough: await namesOf(join(boundaries, 'boroughs.geojson')),
    bcu: await namesOf(join(boundaries, 'bcus.geojson')),
  };
  const weights = (JSON.parse(await readFile(join(run.dataDir, 'harm-weights.json'), 'utf8')) as { weights: Record<string, number> }).weights;
  const clusters = findHotClusters({
    cube: run.cube, study: run.study, hotspots: run.hotspots, filter: run.filter, harmWeights: harmWeightVector(weights), level: run.level,
  });
  const members = clusterMembership(run.cube, clusters, { names, points, aggregated: run.aggregated ?? false });
  const matrix = (level: 'borough' | 'bcu') => {
    const { units, names: unitNames, harm, clusters: ids, within } = sharedHarmMatrix(members, level);
    return { units, names: unitNames, harm, clusters: ids, within };
  };
  return {
    clusterLevel: clusters.level,
    clusters: clusters.clusters.map((c, k) => clusterJson(c, members[k], names)),
    sharedHarm: { borough: matrix('borough'), bcu: matrix('bcu') },
  };
}
