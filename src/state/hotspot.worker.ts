/// <reference lib="webworker" />
/**
 * The hotspot worker: study areas (polygonToCells + ring-1 neighbours: seconds at resolution 10),
 * the Gi* / emerging analysis, the forecast-accuracy report and the patrol plan (priority and its
 * rolling-origin backtest) and the hot spot clusters (connected components over the study area's ring-1 neighbours) run here, so the map stays responsive. Study areas are cached per resolution and area.
 */
import type { CrimeCube } from '../analysis/cube';
import { accuracyReport } from '../analysis/accuracy-report';
import { analyseHotspots, buildStudyArea, type StudyArea } from '../analysis/hotspots';
import { findHotClusters } from '../analysis/clusters.ts';
import type { HotspotRequest, HotspotResponse } from './hotspot-messages';
import { createPatrolPlanMemo } from './patrol-plan-memo';
import { answerTasking } from './tasking-worker';

let cube: CrimeCube | null = null;
const studies = new Map<string, StudyArea>();
/** The proposals and the forecast panel ask for the same patrol plan: computed once. */
const plans = createPatrolPlanMemo();
const reply = (m: HotspotResponse, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = (ev: MessageEvent<HotspotRequest>) => {
  const req = ev.data;
  try {
    if (req.cube) cube = req.cube;
    if (!cube) throw new Error('hotspot worker: no cube yet');
    let study = studies.get(req.areaKey);
    if (!study) {
      if (!req.polygons) return reply({ id: req.id, type: 'need-polygons' });
      study = buildStudyArea(req.polygons, cube.resolution, req.noDataArea);
      studies.set(req.areaKey, study);
    }
    if (req.accuracy) return reply({ id: req.id, type: 'accuracy', report: accuracyReport(cube, study, req.accuracy) });
    if (req.clusters) {
      const { hotspots, level, harmWeights } = req.clusters;
      return reply({ id: req.id, type: 'clusters', clusters: findHotClusters({ cube, study, hotspots, filter: req.filter, harmWeights, level }) });
    }
    if (req.tasking) return reply({ id: req.id, type: 'tasking', answer: answerTasking(cube, study, req.filter, req.weights, req.tasking, plans.plan) });
    if (req.priority) {
      // Copies travel (transferred), so the memo's own arrays stay whole for the next ask.
      const kept = plans.plan(cube, study, req.filter, req.weights, req.priority);
      const plan = { ...kept, priority: kept.priority.slice(), rank: kept.rank.slice() };
      return reply({ id: req.id, type: 'priority', plan }, [plan.priority.buffer, plan.rank.buffer]);
    }
    const t0 = performance.now();
    const result = analyseHotspots(cube, study, req.filter, req.weights);
    reply({ id: req.id, type: 'result', result, ms: performance.now() - t0 });
  } catch (e) {
    reply({ id: req.id, type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
