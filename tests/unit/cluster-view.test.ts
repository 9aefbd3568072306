/**
 * The cross-border list in words (src/state/cluster-view.ts) and the model's point filter
 * (src/state/clusters-model.ts), on clusters built here with hand-worked figures.
 */
import { gridDisk, gridPathCells, gridRing, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { type CellUnitPoints, clusterMembership, type UnitNames } from '../../src/analysis/borders';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import { findHotClusters } from '../../src/analysis/clusters';
import type { CustomAreaShares } from '../../src/analysis/custom-areas';
import type { StudyArea } from '../../src/analysis/hotspots';
import { ringNeighbours } from '../../src/analysis/study-area';
import { caveatWords, crossBorderEntries, customAreaEntries, pct } from '../../src/state/cluster-view';
import { pointFilterOf } from '../../src/state/clusters-model';
import { cubeOfRows, type CubeRow } from './helpers/cube';
import { resultWith } from './helpers/hotspots';

const RES = 9;
const CENTRE = latLngToCell(51.53, -0.115, RES);
const BURGLARY = ALL_CATEGORIES.indexOf('Burglary');
const ROBBERY = ALL_CATEGORIES.indexOf('Robbery');
const HARM = Float64Array.from(ALL_CATEGORIES, (_, c) => (c === BURGLARY ? 10 : c === ROBBERY ? 5 : 1));
const BOROUGHS = ['E09000007', 'E09000019', 'E09000033']; // Camden, Islington, Westminster
const [CAMDEN, ISLINGTON, WESTMINSTER] = [0, 1, 2];
const NAMES: UnitNames = {
  ward: new Map([['W1', 'King\'s Cross'], ['W2', 'Clerkenwell'], ['W3', 'West End']]),
  borough: new Map([['E09000007', 'Camden'], ['E09000019', 'Islington'], ['E09000033', 'Westminster']]),
  bcu: new Map([['CN', 'Central North'], ['AW', 'Central West']]),
};

const disk = [...gridDisk(CENTRE, 6)].sort();
const study: StudyArea = { resolution: RES, cells: disk, neighbours: ringNeighbours(disk), noData: new Uint8Array(disk.length), excluded: [] };
const row = (cell: string, category: number, count: number, borough: number, ward: number): CubeRow => ({ cell, month: 0, category, count, borough, ward });

// Cluster P (2 cells): Camden burglary 3 (harm 30) and Islington robbery 2 (harm 10): shares 75 % / 25 %, one BCU (CN).
// Cluster Q (2 cells, far off): Camden burglary 1 (harm 10), Westminster burglary 4 (harm 40): 20 % / 80 %, BCUs CN / AW.
// Cluster R (1 cell): Camden only (harm 50): crosses nothing.
const [p1, p2] = gridPathCells(CENTRE, gridRing(CENTRE, 1)[0]);
const ringFar = gridRing(CENTRE, 4);
const [q1, q2] = [ringFar[0], ringFar[1]];
const r1 = gridRing(CENTRE, 4)[12];
const rows = [
  row(p1, BURGLARY, 3, CAMDEN, 0),
  row(p2, ROBBERY, 2, ISLINGTON, 1),
  row(q1, BURGLARY, 1, CAMDEN, 0),
  row(q2, BURGLARY, 4, WESTMINSTER, 2),
  row(r1, BURGLARY, 5, CAMDEN, 0),
];
const cube = cubeOfRows(study.cells, ['2024-01'], rows, { resolution: RES, boroughs: BOROUGHS, boroughBcu: ['CN', 'CN', 'AW'], wards: ['W1', 'W2', 'W3'] });
const clusters = findHotClusters({
  cube, study, hotspots: resultWith(study, { [p1]: 2, [p2]: 3, [q1]: 2, [q2]: 2, [r1]: 3 }), harmWeights: HARM,
  filter: { monthFrom: 0, monthTo: 0, categories: ALL_CATEGORIES.map((_, i) => i), area: { kind: 'all' } },
});
// Islington's robbery at p2 sits on 2 distinct points; every other share on 5.
const points: CellUnitPoints[] = [
  { cell: p1, ward: 'W1', borough: 'E09000007', points: 5 },
  { cell: p2, ward: 'W2', borough: 'E09000019', points: 2 },
  { cell: q1, ward: 'W1', borough: 'E09000007', points: 5 },
  { cell: q2, ward: 'W3', borough: 'E09000033', points: 5 },
  { cell: r1, ward: 'W1', borough: 'E09000007', points: 5 },
];
const members = clusterMembership(cube, clusters, { names: NAMES, points });
const inner = { wholeArea: false };

describe('crossBorderEntries', () => {
  it('lists the clusters crossing a borough line by harm, each with its label, BCU crossing, lead and caveats', () => {
    // Harm: R 50, Q 50 (ties broken by crimes: R 5, Q 5, then id), P 40. R crosses nothing.
    const list = crossBorderEntries(clusters, members, 'borough', NAMES, inner);
    expect(list.map((e) => e.label)).toEqual(['Westminster 80 % / Camden 20 %, BCUs AW 80 % / CN 20 %', 'Camden 75 % / Islington 25 %, BCU CN']);
    const [q, p] = list;
    expect(q).toMatchObject({ crossesBcu: true, jointTasking: true, lead: { code: 'E09000033', name: 'Westminster' } });
    expect(p).toMatchObject({ crossesBcu: false, jointTasking: false, lead: { code: 'E09000007', name: 'Camden' } });
    expect(p.cluster.cells).toEqual([p1, p2].sort());
    expect(p.caveats).toEqual([
      'Islington\'s 25 % rests on 2 distinct points (3 or fewer): police.uk snaps crimes to anonymous map points, which can fall across a line.',
    ]);
    expect(q.caveats).toEqual([]);
  });

  it('at the BCU line only the cluster crossing CN / AW remains; at the ward line both', () => {
    expect(crossBorderEntries(clusters, members, 'bcu', NAMES, inner).map((e) => e.label)).toEqual(['Central West 80 % / Central North 20 %']);
    expect(crossBorderEntries(clusters, members, 'ward', NAMES, inner).map((e) => e.lead?.name)).toEqual(['West End', 'King\'s Cross']);
  });
});

describe('caveatWords', () => {
  const p = clusters.clusters.find((c) => c.cells.includes(p1))!;
  const aggregated = clusterMembership(cube, clusters, { names: NAMES, points, aggregated: true });

  it('says aggregated cells once, and a cut-short edge by where the study area stops', () => {
    const units = aggregated[clusters.clusters.indexOf(p)].units.borough;
    const edgeCluster = { ...p, atStudyEdge: true, touchesNoData: true };
    const whole = caveatWords(edgeCluster, units, { wholeArea: true });
    expect(whole).toHaveLength(4);
    expect(whole[1]).toMatch(/^Aggregated cells \(about 100 m\)/);
    expect(whole[2]).toMatch(/^Reaches the edge of the study area \(London's boundary, or the Thames.*may continue beyond it and be cut short\.$/);
    expect(whole[3]).toBe('Next to an area with no data: the hot spot may be cut short there.');
    expect(caveatWords(edgeCluster, units, { wholeArea: false })[2]).toBe('Reaches the edge of the chosen area: the hot spot may continue beyond it and be cut short.');
    expect(caveatWords(p, [], inner)).toEqual([]);
  });

  it('writes a share under half a percent as "under 1 %", never "0 %"', () => {
    expect([pct(0.004), pct(0.005), pct(0.25), pct(1)]).toEqual(['under 1 %', '1 %', '25 %', '100 %']);
  });
});

describe('customAreaEntries', () => {
  it('lists the clusters two or more of the user\'s areas share, in cluster order, keeping the BCU flags of the cluster', () => {
    const share = (code: string, name: string, s: number) => ({ code, name, crimes: 1, harm: s, share: s, crimeShare: s, points: null, caveats: [] });
    const shares: CustomAreaShares[] = clusters.clusters.map((c) =>
      c.cells.includes(q1)
        ? { id: c.id, units: [share('Site B', 'Site B', 0.6), share('Site A', 'Site A', 0.4)], crosses: true, lead: 'Site B' }
        : { id: c.id, units: [share('Site A', 'Site A', 1)], crosses: false, lead: 'Site A' },
    );
    const list = customAreaEntries(clusters, members, shares, inner);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ label: 'Site B 60 % / Site A 40 %', lead: { code: 'Site B', name: 'Site B' }, crossesBcu: true, jointTasking: true });
    expect(list[0].cluster.cells).toContain(q1);
  });
});

describe('pointFilterOf', () => {
  it('names the months and crime types of the cube filter, without stop and search', () => {
    const c = cubeOfRows(study.cells, ['2024-01', '2024-02', '2024-03'], [], { categories: ['Burglary', 'Stop and search', 'Robbery'] });
    expect(pointFilterOf(c, { monthFrom: 1, monthTo: 2, categories: [0, 1, 2], area: { kind: 'all' } })).toEqual({
      from: '2024-02', to: '2024-03', categories: ['Burglary', 'Robbery'],
    });
  });
});
