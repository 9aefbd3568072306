/**
 * Proposals (src/analysis/tasking/proposals.ts) and ward profiles (ward-profile.ts) on cubes and
 * hotspot results built here: which clusters join into a site, the ranking by harm and
 * persistence, each site's numbers recomputed by hand, and a ward's top three worked out here.
 */
import { cellArea, cellToLatLng, gridDisk, gridDistance, gridPathCells, gridRing, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import { findHotClusters } from '../../src/analysis/clusters';
import type { CubeFilter } from '../../src/analysis/cube';
import type { StudyArea } from '../../src/analysis/hotspots';
import { PERFORMANCE_PRESETS, presetMatching } from '../../src/analysis/presets';
import { patrolPlan } from '../../src/analysis/priority-backtest';
import { ringNeighbours } from '../../src/analysis/study-area';
import { joinClusters, mainWards, proposeTasking, ringCells, splitByKey } from '../../src/analysis/tasking/proposals';
import { wardProfile } from '../../src/analysis/tasking/ward-profile';
import { cubeOfRows, type CubeRow } from './helpers/cube';
import { resultWith } from './helpers/hotspots';

const RES = 9;
const CENTRE = latLngToCell(51.5117, -0.1233, RES);
const code = (name: string) => ALL_CATEGORIES.indexOf(name);
const VIOLENCE = code('Violence and sexual offences');
const ROBBERY = code('Robbery');
const BURGLARY = code('Burglary');
const ASB = code('Anti-social behaviour');
const SHOPLIFTING = code('Shoplifting');
const DRUGS = code('Drugs');
const STOP = code('Stop and search');
/** Made-up harm weights for hand-working: violence 10, burglary 10, robbery 5, drugs 2, ASB 0, others 1. */
const HARM = Float64Array.from(ALL_CATEGORIES, (_, c) =>
  c === VIOLENCE || c === BURGLARY ? 10 : c === ROBBERY ? 5 : c === DRUGS ? 2 : c === ASB || c === STOP ? 0 : 1,
);
const ALL = ALL_CATEGORIES.map((_, i) => i);
const MONTHS = Array.from({ length: 12 }, (_, t) => `2024-${String(t + 1).padStart(2, '0')}`);
const FILTER: CubeFilter = { monthFrom: 0, monthTo: 11, categories: ALL, area: { kind: 'all' } };

function studyOf(cells: string[]): StudyArea {
  const sorted = [...cells].sort();
  return { resolution: RES, cells: sorted, neighbours: ringNeighbours(sorted), noData: new Uint8Array(sorted.length), excluded: [] };
}

describe('joinClusters: neighbouring clusters within joinRings grid steps, nearest first, capped by area', () => {
  const far = gridRing(CENTRE, 9)[0];
  const path = gridPathCells(CENTRE, far); // path[d] is d steps from CENTRE
  const A = path[0];
  const B = path[3];
  const C = path[6];
  const one = (cell: string, harm: number) => ({ cells: [cell], harm, areaKm2: cellArea(cell, 'km2') });
  const clusters = [one(A, 10), one(B, 5), one(C, 1)];

  it('checks the distances it is built on', () => {
    expect([gridDistance(A, B), gridDistance(B, C), gridDistance(A, C)]).toEqual([3, 3, 6]);
  });
  it('joinRings 3 chains A–B–C into one site; 2 joins none; 1 joins none', () => {
    expect(joinClusters(clusters, { joinRings: 3, maxSiteAreaKm2: 100 })).toEqual([[0, 1, 2]]);
    expect(joinClusters(clusters, { joinRings: 2, maxSiteAreaKm2: 100 })).toEqual([[0], [1], [2]]);
    expect(joinClusters(clusters, { joinRings: 1, maxSiteAreaKm2: 100 })).toEqual([[0], [1], [2]]);
  });
  it('an area cap of two cells joins only the pair with the larger harm when distances tie (A–B)', () => {
    const cap = cellArea(A, 'km2') + cellArea(B, 'km2') + 1e-9;
    expect(joinClusters(clusters, { joinRings: 3, maxSiteAreaKm2: cap })).toEqual([[0, 1], [2]]);
  });
  it('refuses a bad setting', () => {
    expect(() => joinClusters(clusters, { joinRings: 0, maxSiteAreaKm2: 1 })).toThrow(/joinRings/);
  });
});

describe('proposeTasking on a constructed year', () => {
  // Study area: a disk of 9 rings. A and B three steps apart (one site); C seven rings out.
  const study = studyOf(gridDisk(CENTRE, 9));
  const path = gridPathCells(CENTRE, gridRing(CENTRE, 9)[0]);
  const A = path[0];
  const B = path[3];
  const C = gridRing(CENTRE, 7).reduce((best, c) => (gridDistance(c, B) > gridDistance(best, B) ? c : best));
  const D = gridRing(A, 1)[0]; // beside A, not hot: its ring
  const rows: CubeRow[] = [];
  for (let t = 0; t < 12; t++) {
    rows.push({ cell: A, month: t, category: VIOLENCE, count: 2, borough: 0 }); // 20 harm a month
    rows.push({ cell: B, month: t, category: ROBBERY, count: 1, borough: 0 }); // 5
    rows.push({ cell: C, month: t, category: BURGLARY, count: 10, borough: 1 }); // 100
    rows.push({ cell: D, month: t, category: SHOPLIFTING, count: 3, borough: 0 }); // 3
    rows.push({ cell: A, month: t, category: STOP, count: 7, borough: 0 }); // never a crime
  }
  const cube = cubeOfRows(study.cells, MONTHS, rows, { boroughs: ['E09000001', 'E09000002'] });
  const hotspots = resultWith(study, { [A]: 2, [B]: 2, [C]: 3 }, {
    months: MONTHS,
    spaceTime: {
      [A]: [0, ...Array(11).fill(2)],
      [B]: [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2],
      [C]: [...Array(11).fill(0), 3],
    },
    emerging: { [A]: 'Persistent Hot Spot', [B]: 'Consecutive Hot Spot', [C]: 'New Hot Spot' },
  });
  const clusters = findHotClusters({ cube, study, hotspots, filter: FILTER, harmWeights: HARM });
  const ranking = patrolPlan(cube, study, FILTER, HARM);
  const areas = new Map([['E09000001', 10], ['E09000002', 5]]);
  const out = proposeTasking({ cube, study, hotspots, clusters, ranking, boroughAreaKm2: areas });
  const [ab, c] = out.proposals;

  it('joins A and B into one site; C stands alone', () => {
    expect(clusters.clusters.length).toBe(3);
    expect(out.proposals.map((p) => p.cells)).toEqual([[A, B].sort(), [C]]);
    expect(ab.id).toBe([A, B].sort()[0]);
    expect(ab.clusters.sort()).toEqual([A, B].sort());
  });

  it('ranks by harm × share of months hot, not by harm: A+B (300 × 11/12 = 275) above C (1,200 × 1/12 = 100)', () => {
    expect([ab.harm, c.harm]).toEqual([300, 1200]);
    expect([ab.crimes, c.crimes]).toEqual([36, 120]); // stop and search left out
    expect(ab.score).toBeCloseTo(275, 12);
    expect(c.score).toBeCloseTo(100, 12);
    expect(out.proposals.map((p) => p.rank)).toEqual([1, 2]);
  });

  it('A+B: persistent for 11 of 12 months, all violence and robbery: Clear, with the reason', () => {
    expect(ab.monthsHot).toEqual(MONTHS.slice(1));
    expect(ab.monthlyHarm).toEqual(Array(12).fill(25));
    expect(ab.pattern).toBe('Persistent Hot Spot');
    expect(ab.phase.phase).toBe('clear');
    expect(ab.phase.reasons[0]).toBe('Clear: persistent hot spot for 11 of 12 months, violence and robbery 100 % of its harm, no significant trend');
    expect(ab.crimeTypes).toEqual([
      { category: 'Violence and sexual offences', crimes: 24, harm: 240 },
      { category: 'Robbery', crimes: 12, harm: 60 },
    ]);
    expect(ab.emerging).toEqual([{ category: 'Consecutive Hot Spot', cells: 1 }, { category: 'Persistent Hot Spot', cells: 1 }]);
  });

  it('C: a new burglary hot spot is held, and the reason says why not Clear', () => {
    expect(c.pattern).toBe('New Hot Spot');
    expect(c.phase.phase).toBe('hold');
    expect(c.phase.reasons[0]).toMatch(/^Hold: a hot spot kept with visible patrol; new hot spot for 1 of 12 months, but no violence/);
  });

  it('the current phase drives the rule: A+B under Hold with flat harm stays under Hold', () => {
    const again = proposeTasking({ cube, study, hotspots, clusters, ranking, currentPhase: new Map([[ab.id, 'hold' as const]]) });
    expect(again.proposals[0].phase.phase).toBe('hold');
    expect(again.proposals[0].phase.current).toBe('hold');
  });

  it('concentration: its share of the borough harm against its share of the borough area', () => {
    // Borough E09000001 holds A, B and D: 300 + 36 harm; 10 km².
    const area = cellArea(A, 'km2') + cellArea(B, 'km2');
    expect(ab.concentration!.boroughs).toEqual(['E09000001']);
    expect(ab.concentration!.harmShare).toBeCloseTo(300 / 336, 12);
    expect(ab.concentration!.areaShare).toBeCloseTo(area / 10, 12);
    expect(ab.concentration!.ratio).toBeCloseTo(300 / 336 / (area / 10), 9);
    expect(ab.membership.units.borough.map((u) => [u.code, u.share])).toEqual([['E09000001', 1]]);
  });

  it('displacement ring: cells within 2 rings of the site, outside it; flat harm flags nothing', () => {
    const expected = new Set([...gridDisk(A, 2), ...gridDisk(B, 2)]);
    expected.delete(A);
    expected.delete(B);
    expect(ab.displacement.ringCells).toBe(expected.size);
    expect(ringCells([A, B], 2, new Set(study.cells))).toEqual([...expected].sort());
    expect(ab.displacement.flagged).toBe(false);
    expect([ab.displacement.ringBefore, ab.displacement.ringAfter]).toEqual([9, 9]); // D: 3 a month
  });

  it('the patrol plan of a site follows the study area priority', () => {
    const i = (cell: string) => ranking.cells.indexOf(cell);
    const expected = [A, B].sort((x, y) => ranking.priority[i(y)] - ranking.priority[i(x)] || (x < y ? -1 : 1));
    expect(ab.patrol.cells.map((p) => p.h3)).toEqual(expected);
    expect(ab.patrol.cells.map((p) => p.studyRank)).toEqual(expected.map((x) => ranking.rank[i(x)]));
    expect(ab.patrol.coverage.harmShare).toBe(1);
  });

  it('the settings come back beside the proposals', () => {
    expect(out.settings.sites).toEqual({ joinRings: 3, maxSiteAreaKm2: 6 });
    expect(out.settings.tasking.clearPriorityShare).toBe(0.5);
  });
});

describe('an oversized cluster is cut by main ward before sites are joined', () => {
  // One cluster: a disk of 2 rings (19 cells), its northern cells in ward N, the rest in ward S.
  const disk = gridDisk(CENTRE, 2);
  const study = studyOf(gridDisk(CENTRE, 5));
  const lat0 = cellToLatLng(CENTRE)[0];
  const north = disk.filter((c) => cellToLatLng(c)[0] > lat0).sort();
  const south = disk.filter((c) => cellToLatLng(c)[0] <= lat0).sort();
  const rows: CubeRow[] = [];
  for (let t = 0; t < 12; t++) {
    for (const c of north) rows.push({ cell: c, month: t, category: VIOLENCE, count: 2, ward: 0 });
    for (const c of south) {
      rows.push({ cell: c, month: t, category: ROBBERY, count: 3, ward: 1 });
      rows.push({ cell: c, month: t, category: VIOLENCE, count: 1, ward: 0 }); // 10 harm in N < 15 in S
    }
  }
  const cube = cubeOfRows(study.cells, MONTHS, rows, { wards: ['N', 'S'] });
  const hotspots = resultWith(study, Object.fromEntries(disk.map((c) => [c, 2])), {
    months: MONTHS, spaceTime: Object.fromEntries(disk.map((c) => [c, Array(12).fill(2)])),
  });
  const clusters = findHotClusters({ cube, study, hotspots, filter: FILTER, harmWeights: HARM });
  const ranking = patrolPlan(cube, study, FILTER, HARM);
  const area = disk.reduce((a, c) => a + cellArea(c, 'km2'), 0);

  it('main ward by harm: the southern cells go with S (15 harm a month) over N (10)', () => {
    const wards = mainWards(cube, FILTER, HARM, disk);
    expect(north.every((c) => wards.get(c) === 0)).toBe(true);
    expect(south.every((c) => wards.get(c) === 1)).toBe(true);
    expect(splitByKey(disk, wards).sort()).toEqual([north, south].sort());
  });
  it('under a cap smaller than the cluster, two sites, one a ward, both of the one cluster', () => {
    expect(clusters.clusters.length).toBe(1);
    const out = proposeTasking({ cube, study, hotspots, clusters, ranking, sites: { maxSiteAreaKm2: area * 0.9 } });
    expect(out.proposals.map((p) => p.cells).sort()).toEqual([north, south].sort());
    expect(out.proposals.every((p) => p.clusters[0] === clusters.clusters[0].id)).toBe(true);
    expect(out.proposals.every((p) => p.monthsHot.length === 12)).toBe(true);
  });
  it('under a cap the cluster fits, one site', () => {
    const out = proposeTasking({ cube, study, hotspots, clusters, ranking, sites: { maxSiteAreaKm2: area * 1.01 } });
    expect(out.proposals.map((p) => p.cells)).toEqual([[...disk].sort()]);
  });
});

describe('wardProfile: top three by harm and by count, trends against the borough, month comparisons', () => {
  // 13 months so that the last has a same month last year. Ward W1 (borough 0), every month:
  // violence 2 (4 in the last month), burglary 2, shoplifting 3, drugs 1, ASB 5. Ward W2 (same
  // borough): violence rising, t + 1 in month t.
  const months = [...MONTHS, '2025-01'];
  const cells = [CENTRE, gridRing(CENTRE, 1)[0]];
  const rows: CubeRow[] = [];
  for (let t = 0; t < 13; t++) {
    const w1 = (category: number, count: number) => rows.push({ cell: cells[0], month: t, category, count, ward: 0, borough: 0 });
    w1(VIOLENCE, t === 12 ? 4 : 2);
    w1(BURGLARY, 2);
    w1(SHOPLIFTING, 3);
    w1(DRUGS, 1);
    w1(ASB, 5);
    rows.push({ cell: cells[1], month: t, category: VIOLENCE, count: t + 1, ward: 1, borough: 0 });
  }
  const cube = cubeOfRows(cells, months, rows, { wards: ['W1', 'W2'], boroughs: ['B1'] });
  const filter: CubeFilter = { monthFrom: 0, monthTo: 12, categories: ALL, area: { kind: 'all' } };
  const names = { ward: new Map([['W1', 'Ward One']]), borough: new Map([['B1', 'Borough One']]) };
  const p = wardProfile({ cube, filter, harmWeights: HARM, ward: 'W1', names });

  it('top three by harm and by count, as computed here from the rows', () => {
    const tally = new Map<number, { crimes: number; harm: number }>();
    for (const r of rows.filter((r) => r.ward === 0)) {
      const t = tally.get(r.category) ?? { crimes: 0, harm: 0 };
      tally.set(r.category, { crimes: t.crimes + r.count, harm: t.harm + r.count * HARM[r.category] });
    }
    const top = (key: 'crimes' | 'harm', other: 'crimes' | 'harm') =>
      [...tally].filter(([, t]) => t[key] > 0).sort((a, b) => b[1][key] - a[1][key] || b[1][other] - a[1][other]).slice(0, 3).map(([c]) => ALL_CATEGORIES[c]);
    // Violence 280, burglary 260, shoplifting 39, drugs 26; ASB 65 crimes, shoplifting 39, violence 28, burglary 26.
    expect(top('harm', 'crimes')).toEqual(['Violence and sexual offences', 'Burglary', 'Shoplifting']);
    expect(top('crimes', 'harm')).toEqual(['Anti-social behaviour', 'Shoplifting', 'Violence and sexual offences']);
    expect(p.byHarm.map((x) => x.category)).toEqual(top('harm', 'crimes'));
    expect(p.byCount.map((x) => x.category)).toEqual(top('crimes', 'harm'));
    expect(p.byHarm.map((x) => x.harm)).toEqual([280, 260, 39]);
    expect(p.byCount.map((x) => x.crimes)).toEqual([65, 39, 28]);
    expect([p.crimes, p.harm]).toEqual([28 + 26 + 39 + 13 + 65, 280 + 260 + 39 + 26]);
  });

  it('trend of each against its borough, in words', () => {
    const v = p.byHarm[0];
    // Ward: twelve 20s then 40: S = 12, Var S = (13·12·31 − 12·11·29)/18 = 56, z = 11/√56 = 1.47, p = 0.14: none.
    expect(v.trend.mk.s).toBe(12);
    expect(v.trend.mk.varS).toBe(56);
    expect(v.trend.mk.trend).toBe('none');
    // Borough: the ward's 20s (40 last) plus W2's 10(t + 1): strictly rising.
    expect(v.boroughTrend.mk.trend).toBe('up');
    expect(v.words).toMatch(/^Violence and sexual offences: 280 harm days \(46 % of the ward's harm\), 28 crimes; no significant trend \(Borough One: rising \d+ % a month\)$/);
  });

  it('this month against last and the same month last year', () => {
    expect(p.thisMonth).toEqual({ month: '2025-01', crimes: 15, harm: 40 + 20 + 3 + 2 });
    expect(p.lastMonth).toEqual({ month: '2024-12', crimes: 13, harm: 45 });
    expect(p.sameMonthLastYear).toEqual({ month: '2024-01', crimes: 13, harm: 45 });
    expect(p.words[4]).toBe('Against last month (2024-12): crimes up 15 % (13 to 15), harm up 44 %.');
    expect(p.words[0]).toBe('Ward One (Borough One), 2024-01 to 2025-01: 171 crimes, 605 harm days.');
  });

  it('refuses a ward the data does not hold', () => {
    expect(() => wardProfile({ cube, filter, harmWeights: HARM, ward: 'W9' })).toThrow(/W9 is not in the data/);
  });
});

describe('performance presets', () => {
  it('use category names the app knows, and name a selection only when it is exactly a preset', () => {
    for (const p of PERFORMANCE_PRESETS) for (const c of p.categories) expect(ALL_CATEGORIES).toContain(c);
    expect(PERFORMANCE_PRESETS.find((p) => p.id === 'violence')!.categories).toEqual(['Violence and sexual offences', 'Robbery', 'Possession of weapons']);
    expect(presetMatching(['Robbery', 'Possession of weapons', 'Violence and sexual offences'])?.label).toBe('Violence');
    expect(presetMatching(['Robbery', 'Violence and sexual offences'])).toBeNull();
    expect(presetMatching(['Drugs'])?.id).toBe('drugs');
  });
});
