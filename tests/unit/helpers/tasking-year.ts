/**
 * A constructed year for the tasking tests (proposals redrawn, pack downloads): a disk of 9 rings
 * of resolution-9 cells round Covent Garden, twelve months of 2024. A and B, three steps apart,
 * make one site; C, far out, its own; D, beside A and never hot, only when asked. A: violence 2 a
 * month (harm 20), B: robbery 1 (5), C: burglary 10 (100), D: shoplifting 3 (3). A, B and D lie
 * in borough 0 (City, BCU CW), C in borough 1 (Camden, BCU CE).
 */
import { gridDisk, gridDistance, gridPathCells, gridRing, latLngToCell } from 'h3-js';
import { ALL_CATEGORIES } from '../../../src/analysis/categories';
import { findHotClusters } from '../../../src/analysis/clusters';
import type { CubeFilter } from '../../../src/analysis/cube';
import type { StudyArea } from '../../../src/analysis/hotspots';
import { patrolPlan } from '../../../src/analysis/priority-backtest';
import { ringNeighbours } from '../../../src/analysis/study-area';
import type { ProposalInput } from '../../../src/analysis/tasking/proposals';
import { cubeOfRows, type CubeRow } from './cube';
import { resultWith } from './hotspots';

const code = (name: string) => ALL_CATEGORIES.indexOf(name);
export const VIOLENCE = code('Violence and sexual offences');
export const ROBBERY = code('Robbery');
export const BURGLARY = code('Burglary');
export const SHOPLIFTING = code('Shoplifting');
/** Made-up harm weights: violence and burglary 10, robbery 5, others 1. */
export const HARM = Float64Array.from(ALL_CATEGORIES, (_, c) => (c === VIOLENCE || c === BURGLARY ? 10 : c === ROBBERY ? 5 : 1));
export const MONTHS = Array.from({ length: 12 }, (_, t) => `2024-${String(t + 1).padStart(2, '0')}`);
export const FILTER: CubeFilter = { monthFrom: 0, monthTo: 11, categories: ALL_CATEGORIES.map((_, i) => i), area: { kind: 'all' } };
export const CENTRE = latLngToCell(51.5117, -0.1233, 9);

/**
 * The year and the proposals' input over it.
 *
 * @param opts.quietNeighbour - Add D (crimes beside a site, in no cluster).
 * @param opts.wardNames - The names of wards W1, W2, W3 (A and D, B, C); default Alpha, Beta, Gamma.
 */
export function taskingYear(opts: { quietNeighbour?: boolean; wardNames?: readonly [string, string, string] } = {}) {
  const disk = [...gridDisk(CENTRE, 9)].sort();
  const study: StudyArea = { resolution: 9, cells: disk, neighbours: ringNeighbours(disk), noData: new Uint8Array(disk.length), excluded: [] };
  const path = gridPathCells(CENTRE, gridRing(CENTRE, 9)[0]);
  const [A, B] = [path[0], path[3]];
  const C = gridRing(CENTRE, 7).reduce((best, c) => (gridDistance(c, B) > gridDistance(best, B) ? c : best));
  const D = gridRing(A, 1)[0];
  const rows: CubeRow[] = [];
  for (let t = 0; t < 12; t++) {
    rows.push({ cell: A, month: t, category: VIOLENCE, count: 2, borough: 0, ward: 0 });
    rows.push({ cell: B, month: t, category: ROBBERY, count: 1, borough: 0, ward: 1 });
    rows.push({ cell: C, month: t, category: BURGLARY, count: 10, borough: 1, ward: 2 });
    if (opts.quietNeighbour) rows.push({ cell: D, month: t, category: SHOPLIFTING, count: 3, borough: 0, ward: 0 });
  }
  const cube = cubeOfRows(study.cells, MONTHS, rows, { boroughs: ['E09000001', 'E09000002'], wards: ['W1', 'W2', 'W3'], boroughBcu: ['CW', 'CE'] });
  const hotspots = resultWith(study, { [A]: 2, [B]: 2, [C]: 3 }, {
    months: MONTHS,
    spaceTime: { [A]: [0, ...Array(11).fill(2)], [B]: [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2], [C]: [...Array(11).fill(0), 3] },
    emerging: { [A]: 'Persistent Hot Spot', [B]: 'Consecutive Hot Spot', [C]: 'New Hot Spot' },
  });
  const clusters = findHotClusters({ cube, study, hotspots, filter: FILTER, harmWeights: HARM });
  const [w1, w2, w3] = opts.wardNames ?? ['Alpha', 'Beta', 'Gamma'];
  const names = {
    ward: new Map([['W1', w1], ['W2', w2], ['W3', w3]]),
    borough: new Map([['E09000001', 'City'], ['E09000002', 'Camden']]),
    bcu: new Map([['CW', 'Central West'], ['CE', 'Central East']]),
  };
  const input: ProposalInput = {
    cube, study, hotspots, clusters, ranking: patrolPlan(cube, study, FILTER, HARM), names,
    boroughAreaKm2: new Map([['E09000001', 10], ['E09000002', 5]]),
  };
  return { disk, study, A, B, C, D, cube, hotspots, clusters, names, input };
}
