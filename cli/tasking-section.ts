/**
 * The `--tasking` part of the command-line twin (issue 13, item 7): Clear/Hold/Build proposals
 * with their reasons, units, displacement check and patrol plan, computed by the app's own
 * modules (src/analysis/clusters.ts, borders.ts, tasking/*) from the run's cube, study area,
 * hotspot result and patrol ranking. Kept apart from cli/analyze.ts, as clusters-section.ts is.
 * Every site is derived from the data (no lifecycle phase is given: the current phase is null).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { CellUnitPoints, UnitLevel, UnitNames } from '../src/analysis/borders';
import { findHotClusters } from '../src/analysis/clusters';
import type { CrimeCube, CubeFilter } from '../src/analysis/cube';
import { harmWeightVector } from '../src/analysis/harm';
import type { HotspotResult, StudyArea } from '../src/analysis/hotspots';
import { boroughAreasKm2 } from '../src/analysis/tasking/borough-areas';
import type { PatrolRanking } from '../src/analysis/tasking/patrol';
import { type Proposal, proposeTasking } from '../src/analysis/tasking/proposals';

export interface TaskingRun {
  cube: CrimeCube;
  study: StudyArea;
  hotspots: HotspotResult;
  filter: CubeFilter;
  /** FDR bin level of the clusters the sites are built from. */
  level: number;
  /** The study area's patrol ranking (the cells' "priority"). */
  ranking: PatrolRanking;
  dataDir: string;
  aggregated?: boolean;
}

async function readJson<T>(path: string): Promise<T> {
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

function proposalJson(p: Proposal) {
  const units = Object.fromEntries(
    (['ward', 'borough', 'bcu'] as UnitLevel[]).map((l) => [l, p.membership.units[l].map((u) => ({ code: u.code, name: u.name, share: u.share }))]),
  );
  const d = p.displacement;
  return {
    id: p.id,
    rank: p.rank,
    score: p.score,
    cells: p.cells,
    clusters: p.clusters,
    phase: p.phase.phase,
    reasons: p.phase.reasons,
    harm: p.harm,
    crimes: p.crimes,
    monthsHot: p.monthsHot.length,
    months: p.months,
    pattern: p.pattern,
    trendPerMonth: p.trend.perMonth,
    concentration: p.concentration,
    units,
    displacement: {
      flagged: d.flagged, ringCells: d.ringCells, months: d.months,
      coreBefore: d.coreBefore, coreAfter: d.coreAfter, ringBefore: d.ringBefore, ringAfter: d.ringAfter, reason: d.reason,
    },
    patrol: p.patrol.cells.map((c) => ({ h3: c.h3, priority: c.priority, visitsPerDay: c.visitsPerDay, minutesPerVisit: c.minutesPerVisit })),
  };
}

/** The JSON keys --tasking adds: taskingSettings, proposals. */
export async function taskingSection(run: TaskingRun, points: readonly CellUnitPoints[]) {
  const boundaries = join(run.dataDir, 'boundaries');
  const namesOf = async (file: string) => {
    const fc = await readJson<FeatureCollection>(join(boundaries, file));
    return new Map(fc.features.map((f) => [String(f.properties?.code), String(f.properties?.name ?? f.properties?.code)]));
  };
  const names: UnitNames = { ward: await namesOf('wards.geojson'), borough: await namesOf('boroughs.geojson'), bcu: await namesOf('bcus.geojson') };
  const weights = harmWeightVector((await readJson<{ weights: Record<string, number> }>(join(run.dataDir, 'harm-weights.json'))).weights);
  const boroughs = await readJson<FeatureCollection<Polygon | MultiPolygon>>(join(boundaries, 'boroughs.geojson'));
  const clusters = findHotClusters({ cube: run.cube, study: run.study, hotspots: run.hotspots, filter: run.filter, harmWeights: weights, level: run.level });
  const out = proposeTasking({
    cube: run.cube,
    study: run.study,
    hotspots: run.hotspots,
    clusters,
    ranking: run.ranking,
    boroughAreaKm2: boroughAreasKm2(boroughs.features as Feature<Polygon | MultiPolygon>[], run.cube.resolution),
    names,
    points,
    aggregated: run.aggregated ?? false,
  });
  return { taskingSettings: out.settings, proposals: out.proposals.map(proposalJson) };
}
