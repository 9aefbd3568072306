/**
 * Hot-spot clusters (src/analysis/clusters.ts) on grids built here with h3-js: which hot cells
 * join (ring-1 adjacency, never through a no-data cell), and each cluster's numbers checked by
 * hand or against h3-js directly.
 */
import { cellArea, cellToVertexes, gridDisk, gridDistance, gridPathCells, gridRing, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import type { CubeFilter } from '../../src/analysis/cube';
import { DEFAULT_CLUSTER_LEVEL, findHotClusters } from '../../src/analysis/clusters';
import { analyseHotspots, type StudyArea } from '../../src/analysis/hotspots';
import { ringNeighbours } from '../../src/analysis/study-area';
import { cubeOfRows, type CubeRow } from './helpers/cube';
import { resultWith } from './helpers/hotspots';

const RES = 9;
/** Covent Garden at resolution 9; the grids below are disks around it. */
const CENTRE = latLngToCell(51.5117, -0.1233, RES);
const BURGLARY = ALL_CATEGORIES.indexOf('Burglary');
const ROBBERY = ALL_CATEGORIES.indexOf('Robbery');
const ASB = ALL_CATEGORIES.indexOf('Anti-social behaviour');
const STOP = ALL_CATEGORIES.indexOf('Stop and search');
/** Harm weights made up for hand-working: burglary 10, robbery 5, everything else 1 (stop and search 0). */
const HARM = Float64Array.from(ALL_CATEGORIES, (_, c) => (c === BURGLARY ? 10 : c === ROBBERY ? 5 : c === STOP ? 0 : 1));
const ALL = ALL_CATEGORIES.map((_, i) => i);

function studyOf(cells: string[], noData: string[] = []): StudyArea {
  const sorted = [...cells].sort();
  return {
    resolution: RES,
    cells: sorted,
    neighbours: ringNeighbours(sorted),
    noData: Uint8Array.from(sorted, (c) => (noData.includes(c) ? 1 : 0)),
    excluded: [],
  };
}

const filterAll = (months = 1): CubeFilter => ({ monthFrom: 0, monthTo: months - 1, categories: ALL, area: { kind: 'all' } });

function clustersOf(study: StudyArea, bins: Record<string, number>, rows: CubeRow[] = [], level?: number, opts = {}) {
  const cube = cubeOfRows(study.cells, ['2024-01'], rows, { resolution: RES });
  return findHotClusters({ cube, study, hotspots: resultWith(study, bins, opts), filter: filterAll(), harmWeights: HARM, level });
}

const hot = (cells: string[], bin = 2) => Object.fromEntries(cells.map((c) => [c, bin]));
const sortedCells = (cells: string[]) => [...cells].sort();

describe('findHotClusters: which cells join', () => {
  const disk = gridDisk(CENTRE, 4);

  it('a chain of five cells in a line is one cluster, its id its smallest cell', () => {
    const end = gridRing(CENTRE, 4)[0];
    const chain = gridPathCells(CENTRE, end);
    expect(chain).toHaveLength(5);
    const r = clustersOf(studyOf(disk), hot(chain));
    expect(r.clusters).toHaveLength(1);
    expect(r.clusters[0].cells).toEqual(sortedCells(chain));
    expect(r.clusters[0].id).toBe(sortedCells(chain)[0]);
    expect(r.level).toBe(DEFAULT_CLUSTER_LEVEL);
  });

  it('a ring of six hot cells around a cold centre is one cluster, its outline a polygon with a hole', () => {
    const ring = gridRing(CENTRE, 1);
    const r = clustersOf(studyOf(disk), hot(ring));
    expect(r.clusters).toHaveLength(1);
    expect(r.clusters[0].cells).toEqual(sortedCells(ring));
    expect(r.clusters[0].cells).not.toContain(CENTRE);
    const outline = r.clusters[0].outline;
    expect(outline.type).toBe('MultiPolygon');
    expect(outline.coordinates).toHaveLength(1); // one polygon ...
    expect(outline.coordinates[0]).toHaveLength(2); // ... with an outer ring and a hole (the centre)
    // GeoJSON order: longitude first (about -0.12 here), latitude second (about 51.5).
    const [lon, lat] = outline.coordinates[0][0][0];
    expect(lon).toBeCloseTo(-0.12, 1);
    expect(lat).toBeCloseTo(51.51, 1);
  });

  it('two hot cells two steps apart with a cold cell between are two clusters', () => {
    const far = gridRing(CENTRE, 2)[0];
    expect(gridDistance(CENTRE, far)).toBe(2);
    const r = clustersOf(studyOf(disk), hot([CENTRE, far]));
    expect(r.clusters.map((c) => c.cells)).toEqual(expect.arrayContaining([[CENTRE], [far]]));
    expect(r.clusters).toHaveLength(2);
  });

  it('H3 cells never touch at a vertex only: every cell sharing a vertex with a cell is in its ring-1 disk', () => {
    // So "cells touching at one vertex" (issue 12, item 7) cannot occur on one H3 resolution:
    // ring-1 adjacency is adjacency by edge or by vertex alike.
    const mine = new Set(cellToVertexes(CENTRE));
    const touching = gridDisk(CENTRE, 2).filter((c) => c !== CENTRE && cellToVertexes(c).some((v) => mine.has(v)));
    expect(sortedCells(touching)).toEqual(sortedCells(gridRing(CENTRE, 1)));
  });

  it('a no-data cell between two hot cells does not join them, and never joins itself, whatever its bin', () => {
    const end = gridRing(CENTRE, 2)[0];
    const [a, middle, b] = gridPathCells(CENTRE, end);
    // The middle cell is kept in the study area as no data; give it a hot bin to show the rule
    // does not rest on hotspots.ts zeroing its bin. A path of three in a line: a and b are not adjacent.
    const study = studyOf(disk, [middle]);
    const r = clustersOf(study, hot([a, middle, b]));
    expect(r.clusters.map((c) => c.cells).sort()).toEqual([[a], [b]].sort());
    expect(r.clusterOfStudyCell[study.cells.indexOf(middle)]).toBe(-1);
    expect(r.clusters.every((c) => c.touchesNoData)).toBe(true);
    // Without the no-data flag the three are one cluster.
    expect(clustersOf(studyOf(disk), hot([a, middle, b])).clusters).toHaveLength(1);
  });

  it('the level: bin +1 cells join only at level 1, bin +3 cells at every level; cold cells never', () => {
    const [x, y, z] = gridPathCells(CENTRE, gridRing(CENTRE, 2)[0]);
    const bins = { [x]: 3, [y]: 1, [z]: 2, [gridRing(CENTRE, 3)[5]]: -3 };
    expect(clustersOf(studyOf(disk), bins, [], 1).clusters.map((c) => c.cells)).toEqual([sortedCells([x, y, z])]);
    expect(clustersOf(studyOf(disk), bins, [], 2).clusters.map((c) => c.cells).sort()).toEqual([[x], [z]].sort());
    expect(clustersOf(studyOf(disk), bins, [], 3).clusters.map((c) => c.cells)).toEqual([[x]]);
    expect(clustersOf(studyOf(disk), bins, [], 1).clusters[0].peakBin).toBe(3);
    expect(() => clustersOf(studyOf(disk), bins, [], 0)).toThrow(/level 0 is not an FDR bin level 1, 2 or 3/);
    expect(() => clustersOf(studyOf(disk), bins, [], 2.5)).toThrow(/level 2.5/);
  });

  it('a cell on the study area edge marks its cluster as possibly cut short', () => {
    const edge = gridRing(CENTRE, 4)[0];
    const r = clustersOf(studyOf(disk), hot([CENTRE, edge]));
    const byId = new Map(r.clusters.map((c) => [c.id, c]));
    expect(byId.get(edge)!.atStudyEdge).toBe(true);
    expect(byId.get(CENTRE)!.atStudyEdge).toBe(false);
  });
});

describe('findHotClusters: what each cluster holds', () => {
  const disk = gridDisk(CENTRE, 3);
  const [a, b] = gridPathCells(CENTRE, gridRing(CENTRE, 1)[0]); // two adjacent cells
  const lone = gridRing(CENTRE, 3)[0];

  const rows: CubeRow[] = [
    { cell: a, month: 0, category: BURGLARY, count: 3 }, // harm 30
    { cell: a, month: 0, category: ASB, count: 4 }, // harm 4
    { cell: b, month: 0, category: ROBBERY, count: 2 }, // harm 10
    { cell: b, month: 1, category: BURGLARY, count: 9 }, // outside the one-month filter
    { cell: b, month: 0, category: STOP, count: 5 }, // stop and search: not crimes
    { cell: lone, month: 0, category: ASB, count: 50 }, // harm 50
    { cell: gridRing(CENTRE, 2)[3], month: 0, category: BURGLARY, count: 7 }, // not hot: in no cluster
  ];
  const study = studyOf(disk);
  const cube = cubeOfRows(study.cells, ['2024-01', '2024-02'], rows, { resolution: RES });
  const r = findHotClusters({
    cube, study, filter: filterAll(1), harmWeights: HARM,
    hotspots: resultWith(study, hot([a, b, lone]), {
      months: ['2024-01'],
      emerging: { [a]: 'Persistent Hot Spot', [b]: 'New Hot Spot', [lone]: 'Persistent Hot Spot' },
    }),
  });

  it('crimes and harm of the filter (months, categories), stop and search left out; ranked by harm', () => {
    expect(r.clusters.map((c) => c.cells)).toEqual([[lone], sortedCells([a, b])]);
    expect(r.clusters[0]).toMatchObject({ crimes: 50, harm: 50 });
    expect(r.clusters[1]).toMatchObject({ crimes: 9, harm: 44 });
    expect(r.clusterOfStudyCell[study.cells.indexOf(lone)]).toBe(0);
    expect(r.clusterOfCubeCell[cube.cells.indexOf(a)]).toBe(1);
    expect(r.clusterOfCubeCell[cube.cells.indexOf(gridRing(CENTRE, 2)[3])]).toBe(-1);
  });

  it('top crime types by crimes, with their harm', () => {
    expect(r.clusters[1].topCrimeTypes).toEqual([
      { category: 'Anti-social behaviour', crimes: 4, harm: 4 },
      { category: 'Burglary', crimes: 3, harm: 30 },
      { category: 'Robbery', crimes: 2, harm: 10 },
    ]);
  });

  it('area is the sum of h3-js cellArea in km², and the emerging mix counts cells per category', () => {
    expect(r.clusters[1].areaKm2).toBeCloseTo(cellArea(a, 'km2') + cellArea(b, 'km2'), 12);
    expect(r.clusters[1].areaKm2).toBeGreaterThan(0.15); // two cells of about 0.09 km² each in London
    expect(r.clusters[1].areaKm2).toBeLessThan(0.25);
    expect(r.clusters[1].emerging).toEqual([
      { category: 'New Hot Spot', cells: 1 },
      { category: 'Persistent Hot Spot', cells: 1 },
    ]);
    expect(clustersOf(study, hot([a])).clusters[0].emerging).toBeNull(); // not computed: null, not "No Pattern"
  });

  it('months hot: the months in which at least one of its cells has a space-time FDR bin at or above the level', () => {
    const months = ['2024-01', '2024-02', '2024-03', '2024-04'];
    const res = findHotClusters({
      cube, study, filter: filterAll(1), harmWeights: HARM,
      hotspots: resultWith(study, hot([a, b]), {
        months,
        spaceTime: { [a]: [2, 1, 0, 0], [b]: [0, 0, 3, 1], [lone]: [3, 3, 3, 3] },
      }),
    });
    expect(res.clusters).toHaveLength(1);
    expect(res.clusters[0].monthsHot).toEqual(['2024-01', '2024-03']);
    const atLevel1 = findHotClusters({
      cube, study, filter: filterAll(1), harmWeights: HARM, level: 1,
      hotspots: resultWith(study, hot([a, b]), { months, spaceTime: { [a]: [2, 1, 0, 0], [b]: [0, 0, 3, 1] } }),
    });
    expect(atLevel1.clusters[0].monthsHot).toEqual(months);
  });
});

describe('findHotClusters on analyseHotspots output', () => {
  // A blob of crime (a disk of 7 cells) in a quiet area of 127 cells, over three months.
  const disk = gridDisk(CENTRE, 6);
  const blob = gridDisk(CENTRE, 1);
  const rows: CubeRow[] = [];
  disk.forEach((cell, i) => {
    for (let m = 0; m < 3; m++) {
      if (blob.includes(cell)) rows.push({ cell, month: m, category: BURGLARY, count: 20 + m });
      else if (i % 3 === 0) rows.push({ cell, month: m, category: ASB, count: 1 });
    }
  });
  const study = studyOf(disk);
  const cube = cubeOfRows(disk, ['2024-01', '2024-02', '2024-03'], rows, { resolution: RES });
  const filter = filterAll(3);
  const hotspots = analyseHotspots(cube, study, filter);
  const r = findHotClusters({ cube, study, hotspots, filter, harmWeights: HARM });

  it('every cell at or above the level is in exactly one cluster, and clusters are its ring-1 components', () => {
    const hotCells = study.cells.filter((_, i) => hotspots.giBinFdr[i] >= 2);
    expect(hotCells.length).toBeGreaterThanOrEqual(7);
    expect(r.clusters.flatMap((c) => c.cells).sort()).toEqual(hotCells);
    // Independent check: no two clusters hold neighbouring cells; each cluster is connected.
    for (const c of r.clusters) {
      for (const d of r.clusters) if (c !== d) for (const x of c.cells) expect(d.cells.some((y) => gridDistance(x, y) === 1)).toBe(false);
      const seen = new Set([c.cells[0]]);
      let grew = true;
      while (grew) {
        grew = false;
        for (const x of c.cells) {
          if (!seen.has(x) && [...seen].some((y) => gridDistance(x, y) === 1)) {
            seen.add(x);
            grew = true;
          }
        }
      }
      expect(seen.size).toBe(c.cells.length);
    }
    const main = r.clusters.find((c) => c.cells.includes(CENTRE))!;
    expect(main.crimes).toBe(7 * (20 + 21 + 22) + main.cells.filter((x) => !blob.includes(x) && disk.indexOf(x) % 3 === 0).length * 3);
  });

  it('fewer than 10 months: months hot come from the same space-time Gi* computed here (3 months, all hot)', () => {
    expect(hotspots.emergingComputed).toBe(false);
    expect(hotspots.spaceTimeBinFdr).toHaveLength(0);
    const main = r.clusters.find((c) => c.cells.includes(CENTRE))!;
    expect(main.monthsHot).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(main.emerging).toBeNull();
  });
});
