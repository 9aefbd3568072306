/**
 * Cluster membership, crossings, lead units, labels and the shared-harm matrix
 * (src/analysis/borders.ts) on clusters built here, every number worked by hand in the comments.
 */
import { gridDisk, gridPathCells, gridRing, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import {
  type CellUnitPoints,
  clusterMembership,
  crossBorderClusters,
  membershipLabel,
  OUTSIDE,
  sharedHarmMatrix,
  type UnitNames,
  UNIT_LEVELS,
  wholePercents,
} from '../../src/analysis/borders';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import { findHotClusters } from '../../src/analysis/clusters';
import type { StudyArea } from '../../src/analysis/hotspots';
import { ringNeighbours } from '../../src/analysis/study-area';
import { cubeOfRows, type CubeRow } from './helpers/cube';
import { resultWith } from './helpers/hotspots';

const RES = 9;
const CENTRE = latLngToCell(51.53, -0.115, RES); // near where Camden, Islington and the City meet
const BURGLARY = ALL_CATEGORIES.indexOf('Burglary');
const ROBBERY = ALL_CATEGORIES.indexOf('Robbery');
const ASB = ALL_CATEGORIES.indexOf('Anti-social behaviour');
/** Made-up weights for hand-working: burglary 10, robbery 5, anti-social behaviour 0, the rest 1. */
const HARM = Float64Array.from(ALL_CATEGORIES, (_, c) => (c === BURGLARY ? 10 : c === ROBBERY ? 5 : c === ASB ? 0 : 1));

// Units (codes as in the shipped boundaries; indices into the cube's lists).
const BOROUGHS = ['E09000001', 'E09000007', 'E09000019', 'E09000033']; // City, Camden, Islington, Westminster
const [CITY, CAMDEN, ISLINGTON, WESTMINSTER] = [0, 1, 2, 3];
const BOROUGH_BCU = [null, 'CN', 'CN', 'AW'];
const WARDS = ['W-CAM', 'W-ISL-1', 'W-ISL-2', 'W-WES', 'W-CITY'];
const WARD_OF = { camden: 0, isl1: 1, isl2: 2, westminster: 3, city: 4 };
const NAMES: UnitNames = {
  ward: new Map([['W-CAM', 'King\'s Cross'], ['W-ISL-1', 'Clerkenwell'], ['W-ISL-2', 'Barnsbury'], ['W-WES', 'West End'], ['W-CITY', 'Aldersgate']]),
  borough: new Map([['E09000001', 'City of London'], ['E09000007', 'Camden'], ['E09000019', 'Islington'], ['E09000033', 'Westminster']]),
  bcu: new Map([['CN', 'Central North'], ['AW', 'Central West']]),
};

const disk = gridDisk(CENTRE, 5);
const study: StudyArea = { resolution: RES, cells: [...disk].sort(), neighbours: ringNeighbours([...disk].sort()), noData: new Uint8Array(disk.length), excluded: [] };

/** Hot cells and crime rows → clusters and memberships, one month, every category. */
function setUp(hotCells: string[], rows: CubeRow[], options: Parameters<typeof clusterMembership>[2] = {}) {
  const cube = cubeOfRows(study.cells, ['2024-01'], rows, { resolution: RES, boroughs: BOROUGHS, boroughBcu: BOROUGH_BCU, wards: WARDS });
  const clusters = findHotClusters({
    cube, study, hotspots: resultWith(study, Object.fromEntries(hotCells.map((c) => [c, 2]))), harmWeights: HARM,
    filter: { monthFrom: 0, monthTo: 0, categories: ALL_CATEGORIES.map((_, i) => i), area: { kind: 'all' } },
  });
  return { cube, clusters, members: clusterMembership(cube, clusters, { names: NAMES, ...options }) };
}

const row = (cell: string, category: number, count: number, borough: number, ward: number): CubeRow => ({ cell, month: 0, category, count, borough, ward });

// A three-cell cluster on a Camden / Islington / Westminster junction. Crimes by their own points:
//   cell x: Camden burglary 3 (harm 30), Camden ASB 4 (harm 0)
//   cell y: Islington robbery 2 (harm 10, ward Clerkenwell), Camden robbery 1 (harm 5): a Camden
//           point inside a cell whose other crimes are in Islington (shares follow points, not centres)
//   cell z: Westminster burglary 1 (harm 10)
// Cluster: 11 crimes, harm 55. Camden 35 (8 crimes), Islington 10 (2), Westminster 10 (1).
const [x, y, z] = gridPathCells(CENTRE, gridRing(CENTRE, 2)[0]);
const junctionRows = [
  row(x, BURGLARY, 3, CAMDEN, WARD_OF.camden),
  row(x, ASB, 4, CAMDEN, WARD_OF.camden),
  row(y, ROBBERY, 2, ISLINGTON, WARD_OF.isl1),
  row(y, ROBBERY, 1, CAMDEN, WARD_OF.camden),
  row(z, BURGLARY, 1, WESTMINSTER, WARD_OF.westminster),
];

describe('clusterMembership: a cluster on a three-borough junction', () => {
  const { members, clusters } = setUp([x, y, z], junctionRows);
  const m = members[0];

  it('shares of harm and of crimes come from the crimes\' own units, and sum to 1 per level', () => {
    expect(members).toHaveLength(1);
    expect(m.id).toBe(clusters.clusters[0].id);
    expect([m.crimes, m.harm]).toEqual([11, 55]);
    expect(m.units.borough.map((u) => [u.code, u.name, u.crimes, u.harm])).toEqual([
      ['E09000007', 'Camden', 8, 35],
      ['E09000019', 'Islington', 2, 10], // ties Westminster on harm; more crimes
      ['E09000033', 'Westminster', 1, 10],
    ]);
    const b = m.units.borough;
    expect(b[0].share).toBeCloseTo(35 / 55, 15);
    expect(b[1].share).toBeCloseTo(10 / 55, 15);
    expect(b[2].share).toBeCloseTo(10 / 55, 15);
    expect(b.map((u) => u.crimeShare)).toEqual([8 / 11, 2 / 11, 1 / 11]);
    for (const level of UNIT_LEVELS) {
      expect(m.units[level].reduce((a, u) => a + u.share, 0)).toBeCloseTo(1, 12);
      expect(m.units[level].reduce((a, u) => a + u.crimeShare, 0)).toBeCloseTo(1, 12);
    }
    expect(m.units.bcu.map((u) => [u.code, u.name, u.harm, u.crimes])).toEqual([
      ['CN', 'Central North', 45, 10],
      ['AW', 'Central West', 10, 1],
    ]);
    expect(m.units.ward.map((u) => u.name)).toEqual(['King\'s Cross', 'Clerkenwell', 'West End']);
  });

  it('crosses a BCU line: flagged for joint tasking, Camden proposed to lead', () => {
    expect(m).toMatchObject({ crossesWard: true, crossesBorough: true, crossesBcu: true, crossing: 'bcu', jointTasking: true });
    expect(m.lead).toEqual({ ward: 'W-CAM', borough: 'E09000007', bcu: 'CN' });
    expect(m.outsideShare).toBe(0);
  });

  it('says it in words, percentages summing to 100', () => {
    // 35/55 = 63.6 %, 10/55 = 18.2 % twice: floors 63 + 18 + 18 = 99, the point to the largest remainder.
    expect(membershipLabel(m, 'borough', NAMES)).toBe('Camden 64 % / Islington 18 % / Westminster 18 %, BCUs CN 82 % / AW 18 %');
    expect(membershipLabel(m, 'bcu', NAMES)).toBe('Central North 82 % / Central West 18 %');
  });

  it('the matrix: each pair of the three gets its own two parts, with the cluster listed', () => {
    const mx = sharedHarmMatrix(members, 'borough');
    expect(mx.units).toEqual(['E09000007', 'E09000019', 'E09000033']);
    expect(mx.names).toEqual(['Camden', 'Islington', 'Westminster']);
    expect(mx.harm).toEqual([
      [0, 35 + 10, 35 + 10],
      [35 + 10, 0, 10 + 10],
      [35 + 10, 10 + 10, 0],
    ]);
    expect(mx.clusters[0][1]).toEqual([m.id]);
    expect(mx.clusters[1][2]).toEqual([m.id]);
    expect(mx.clusters[0][0]).toEqual([]);
    expect(mx.within).toEqual([0, 0, 0]);
    const bcu = sharedHarmMatrix(members, 'bcu');
    expect(bcu.units).toEqual(['AW', 'CN']);
    expect(bcu.harm).toEqual([[0, 55], [55, 0]]);
  });
});

describe('clusterMembership: crossings, leads and the matrix over several clusters', () => {
  // Three clusters far apart (distance ≥ 2 between any two):
  //   P (two cells): Camden harm 58 (burglary 5 + other 8), Islington harm 42 (burglary 4 + other 2): one BCU
  //   Q (one cell): Islington wards Clerkenwell and Barnsbury, 1 burglary each: a ward line only, a tie
  //   R (one cell): Westminster robbery 2 (10) and City robbery 2 (10): a force line, a tie on everything
  const ring = gridRing(CENTRE, 4);
  const [p1, p2] = gridPathCells(CENTRE, gridRing(CENTRE, 1)[0]);
  const q = ring[0];
  const r = ring[12];
  const OTHER = ALL_CATEGORIES.indexOf('Other theft');
  const rows = [
    row(p1, BURGLARY, 5, CAMDEN, WARD_OF.camden),
    row(p1, OTHER, 8, CAMDEN, WARD_OF.camden),
    row(p2, BURGLARY, 4, ISLINGTON, WARD_OF.isl1),
    row(p2, OTHER, 2, ISLINGTON, WARD_OF.isl1),
    row(q, BURGLARY, 1, ISLINGTON, WARD_OF.isl1),
    row(q, BURGLARY, 1, ISLINGTON, WARD_OF.isl2),
    row(r, ROBBERY, 2, WESTMINSTER, WARD_OF.westminster),
    row(r, ROBBERY, 2, CITY, WARD_OF.city),
  ];
  const { members } = setUp([p1, p2, q, r], rows);
  const [P, R, Q] = members; // by harm: 100, 20, 20 → R before Q? both 20: then crimes 4 vs 2, R first

  it('orders clusters by harm, then crimes', () => {
    expect(members.map((m) => [m.harm, m.crimes])).toEqual([[100, 19], [20, 4], [20, 2]]);
    expect(Q.units.ward.map((u) => u.code)).toEqual(['W-ISL-1', 'W-ISL-2']);
  });

  it('two boroughs of one BCU: a borough crossing, not a BCU one, labelled as the issue shows', () => {
    expect(P).toMatchObject({ crossesBorough: true, crossesBcu: false, crossing: 'borough', jointTasking: false });
    expect(membershipLabel(P, 'borough', NAMES)).toBe('Camden 58 % / Islington 42 %, BCU CN');
    expect(P.lead.borough).toBe('E09000007');
  });

  it('a ward line within one borough: crossing "ward"; a tie for the lead goes to the smaller code', () => {
    expect(Q).toMatchObject({ crossesWard: true, crossesBorough: false, crossesBcu: false, crossing: 'ward' });
    expect(Q.units.ward.map((u) => u.share)).toEqual([0.5, 0.5]);
    expect(Q.lead).toEqual({ ward: 'W-ISL-1', borough: 'E09000019', bcu: 'CN' });
  });

  it('Westminster and the City: a force line counts as a BCU line; the City is its own unit, named as its borough', () => {
    expect(R).toMatchObject({ crossesBorough: true, crossesBcu: true, crossing: 'bcu', jointTasking: true });
    expect(R.units.bcu.map((u) => [u.code, u.name, u.share])).toEqual([['AW', 'Central West', 0.5], ['E09000001', 'City of London', 0.5]]);
    // Full tie (harm and crimes): the smaller code leads.
    expect(R.lead).toEqual({ ward: 'W-CITY', borough: 'E09000001', bcu: 'AW' });
    expect(membershipLabel(R, 'borough', NAMES)).toBe('City of London 50 % / Westminster 50 %, BCUs AW 50 % / City of London 50 %');
  });

  it('the cross-border list of a level holds the clusters crossing it, by harm', () => {
    expect(crossBorderClusters(members, 'borough').map((m) => m.id)).toEqual([P.id, R.id]);
    expect(crossBorderClusters(members, 'bcu').map((m) => m.id)).toEqual([R.id]);
    expect(crossBorderClusters(members, 'ward').map((m) => m.id)).toEqual([P.id, R.id, Q.id]);
  });

  it('the matrix adds up clusters per pair, and keeps one-borough clusters apart in "within"', () => {
    const mx = sharedHarmMatrix(members, 'borough');
    expect(mx.units).toEqual(['E09000001', 'E09000007', 'E09000019', 'E09000033']);
    const at = (a: string, b: string) => mx.harm[mx.units.indexOf(a)][mx.units.indexOf(b)];
    expect(at('E09000007', 'E09000019')).toBe(100);
    expect(at('E09000019', 'E09000007')).toBe(100);
    expect(at('E09000001', 'E09000033')).toBe(20);
    expect(at('E09000007', 'E09000033')).toBe(0);
    expect(mx.within).toEqual([0, 0, 20, 0]); // Q lies wholly in Islington
    expect(mx.clusters[mx.units.indexOf('E09000001')][mx.units.indexOf('E09000033')]).toEqual([R.id]);
  });
});

describe('clusterMembership: crimes outside every unit, zero harm, caveats', () => {
  it('crimes outside every borough are an explicit last entry: in the shares, never lead, no crossing by themselves', () => {
    const c = gridRing(CENTRE, 3)[2];
    const { members } = setUp([c], [row(c, BURGLARY, 3, CAMDEN, WARD_OF.camden), row(c, BURGLARY, 1, -1, -1)]);
    const m = members[0];
    expect(m.units.borough.map((u) => [u.code, u.name, u.share])).toEqual([['E09000007', 'Camden', 0.75], [OUTSIDE, 'outside every borough', 0.25]]);
    expect(m.units.bcu.map((u) => u.code)).toEqual(['CN', OUTSIDE]);
    expect(m.units.ward.map((u) => u.code)).toEqual(['W-CAM', OUTSIDE]);
    expect(m).toMatchObject({ crossesBorough: false, crossesBcu: false, crossing: 'none', outsideShare: 0.25 });
    expect(m.lead.borough).toBe('E09000007');
    expect(membershipLabel(m, 'borough', NAMES)).toBe('Camden 75 % / outside every borough 25 %, BCU CN');
    const mx = sharedHarmMatrix(members, 'borough');
    expect(mx.units).toEqual(['E09000007']);
    expect(mx.within).toEqual([30]); // Camden's own 30, not the 10 outside
  });

  it('a label leaves out units under half a per cent, counting them at the end', () => {
    const c = gridRing(CENTRE, 3)[2];
    // Camden 300 burglaries (3000), Islington 1 other theft (1), Westminster 1 (1): 99.93 / 0.03 / 0.03 %.
    const OTHER = ALL_CATEGORIES.indexOf('Other theft');
    const { members } = setUp([c], [row(c, BURGLARY, 300, CAMDEN, WARD_OF.camden), row(c, OTHER, 1, ISLINGTON, WARD_OF.isl1), row(c, OTHER, 1, WESTMINSTER, WARD_OF.westminster)]);
    expect(membershipLabel(members[0], 'borough', NAMES)).toBe('Camden 100 % + 2 under 1 %, BCUs CN 100 % + 1 under 1 %');
  });

  it('a cluster of harmless crimes (harm 0): its crime shares stand in for harm shares', () => {
    const c = gridRing(CENTRE, 3)[2];
    const { members } = setUp([c], [row(c, ASB, 3, CAMDEN, WARD_OF.camden), row(c, ASB, 1, ISLINGTON, WARD_OF.isl1)]);
    expect(members[0].harm).toBe(0);
    expect(members[0].units.borough.map((u) => u.share)).toEqual([0.75, 0.25]);
  });

  it('a share on 3 or fewer distinct points, or on aggregated cells, carries a caveat', () => {
    // Points per (cell, ward, borough) as src/db/cluster-points.ts gives them: Camden holds 2 + 2
    // points over two cells (4: no caveat), Islington 3, Westminster 1; a point in a cell outside
    // the cluster does not count.
    const points: CellUnitPoints[] = [
      { cell: x, ward: 'W-CAM', borough: 'E09000007', points: 2 },
      { cell: y, ward: 'W-CAM', borough: 'E09000007', points: 2 },
      { cell: y, ward: 'W-ISL-1', borough: 'E09000019', points: 3 },
      { cell: z, ward: 'W-WES', borough: 'E09000033', points: 1 },
      { cell: gridRing(CENTRE, 4)[0], ward: 'W-WES', borough: 'E09000033', points: 50 },
    ];
    const { members } = setUp([x, y, z], junctionRows, { points });
    const b = members[0].units.borough;
    expect(b.map((u) => [u.code, u.points, u.caveats])).toEqual([
      ['E09000007', 4, []],
      ['E09000019', 3, ['few-points']],
      ['E09000033', 1, ['few-points']],
    ]);
    expect(members[0].units.bcu.map((u) => [u.code, u.points])).toEqual([['CN', 7], ['AW', 1]]);
    // Westminster's side rests on one point: the BCU line is crossed, but not firmly enough to
    // call two commands together; without point counts the crossing alone flags it.
    expect(members[0]).toMatchObject({ crossesBcu: true, jointTasking: false });
    const firm = setUp([x, y, z], junctionRows, { points: points.map((p) => ({ ...p, points: 4 })) }).members[0];
    expect(firm).toMatchObject({ crossesBcu: true, jointTasking: true });
    const agg = setUp([x, y, z], junctionRows, { points, aggregated: true }).members[0];
    expect(agg.units.borough.map((u) => u.caveats)).toEqual([['aggregated'], ['few-points', 'aggregated'], ['few-points', 'aggregated']]);
    // Without point counts nothing is claimed about points.
    expect(setUp([x, y, z], junctionRows).members[0].units.borough.every((u) => u.points === null && u.caveats.length === 0)).toBe(true);
  });

  it('rejects clusters found on another cube', () => {
    const { clusters } = setUp([x, y, z], junctionRows);
    const other = cubeOfRows([x], ['2024-01'], [], { resolution: RES });
    expect(() => clusterMembership(other, clusters)).toThrow(/cluster codes for 1 cube cells/);
  });
});

describe('wholePercents', () => {
  it('rounds shares to whole percentages summing to 100 (largest remainder)', () => {
    expect(wholePercents([1 / 3, 1 / 3, 1 / 3])).toEqual([34, 33, 33]);
    expect(wholePercents([0.58, 0.42])).toEqual([58, 42]);
    expect(wholePercents([0.996, 0.004])).toEqual([100, 0]); // under half a per cent reads 0 %
    expect(wholePercents([0.125, 0.125, 0.75])).toEqual([13, 12, 75]); // equal remainders: the earlier entry
    expect(wholePercents([])).toEqual([]);
    expect(wholePercents([0, 0])).toEqual([0, 0]);
  });
});
