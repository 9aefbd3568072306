/**
 * Redrawing a Clear/Hold/Build site (issue 13, item 1: "the user can redraw it"): the core's
 * `proposalForCells` on a constructed year gives a proposed site's own figures back for its own
 * cells and hand-worked figures for other cell sets; the worker step (src/state/tasking-worker.ts)
 * puts redrawn sites in place, keeps their id and rank and reuses the base proposals; the
 * panel's words (src/state/tasking-view.ts) and the click rule are checked word for word.
 */
import { cellArea, gridDistance, gridRing } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { findHotClusters } from '../../src/analysis/clusters';
import { proposalForCells, proposeTasking } from '../../src/analysis/tasking/proposals';
import {
  concentrationWords,
  drivingTypesWords,
  monthsHotWords,
  proposalFacts,
  siteLabel,
  sizeWords,
  toggledSiteCells,
  trendMixWords,
  unitsWords,
} from '../../src/state/tasking-view';
import { answerTasking, type TaskingAsk } from '../../src/state/tasking-worker';
import { resultWith } from './helpers/hotspots';
import { CENTRE, FILTER, HARM, MONTHS, taskingYear } from './helpers/tasking-year';

// The constructed year of tests/unit/helpers/tasking-year.ts, with D: A and B three steps apart
// (one site), C far out (its own), D beside A (never hot). Harm a month: A 20, B 5, C 100, D 3.
const { disk, study, A, B, C, D, cube, hotspots, clusters, names, input } = taskingYear({ quietNeighbour: true });
const out = proposeTasking(input);
const [ab, c] = out.proposals;

describe('proposalForCells: a redrawn site by the core\'s own steps', () => {
  it('for a proposed site\'s own cells, gives that site back (rank apart)', () => {
    expect(ab.cells).toEqual([A, B].sort());
    expect(proposalForCells(input, ab.cells)).toEqual({ ...ab, rank: 0 });
    expect(proposalForCells(input, [...c.cells].reverse())).toEqual({ ...c, rank: 0 });
  });

  it('A alone: 240 harm, 24 crimes, hot 11 months, its borough\'s harm 336 (A 240 + B 60 + D 36) in 10 km²', () => {
    const p = proposalForCells(input, [A]);
    expect([p.id, p.harm, p.crimes, p.monthsHot.length, p.clusters]).toEqual([A, 240, 24, 11, [A]]);
    expect(p.concentration!.harmShare).toBeCloseTo(240 / 336, 12);
    expect(p.concentration!.areaShare).toBeCloseTo(cellArea(A, 'km2') / 10, 12);
    expect(p.phase.phase).toBe('clear');
    expect(p.patrol.cells.map((x) => x.h3)).toEqual([A]);
    // B was the other cluster's: its ring now holds B's robbery.
    expect(p.displacement.ringCells).toBeGreaterThan(0);
  });

  it('A, B and D (a cell in no cluster): 336 harm, 72 crimes, clusters A and B, hot months as A+B\'s', () => {
    const p = proposalForCells(input, [D, B, A]);
    expect(p.cells).toEqual([A, B, D].sort());
    expect([p.harm, p.crimes]).toEqual([336, 72]);
    expect(p.clusters.sort()).toEqual([A, B].sort());
    expect(p.monthsHot).toEqual(ab.monthsHot);
    expect(p.crimeTypes.map((t) => [t.category, t.harm])).toEqual([['Violence and sexual offences', 240], ['Robbery', 60], ['Shoplifting', 36]]);
  });

  it('refuses no cells and a cell outside the study area, saying which', () => {
    expect(() => proposalForCells(input, [])).toThrow('proposalForCells: a site needs at least one cell');
    const outside = gridRing(CENTRE, 10)[0];
    expect(() => proposalForCells(input, [A, outside])).toThrow(`proposalForCells: cell ${outside} is outside the study area`);
  });
});

describe('proposeTasking with sites known to the lifecycle log', () => {
  it('the site over A and B takes the id of a known site recorded over A alone, and its phase rules start from that site\'s phase', () => {
    const known = proposeTasking({ ...input, knownSites: [{ id: 'site-kept', cells: [A] }], currentPhase: new Map([['site-kept', 'build']]) });
    const kept = known.proposals.find((p) => p.id === 'site-kept')!;
    expect(kept.cells).toEqual(ab.cells);
    // The same site without the known id is new: its rules start from no phase.
    expect(ab.phase.reasons[0]).toMatch(/^Clear: persistent hot spot/);
    expect(kept.phase.reasons[0]).toMatch(/^Build: stays under Build/);
    expect(known.proposals.map((p) => p.id).sort()).toEqual([c.id, 'site-kept'].sort());
  });
});

describe('a hot cluster with no crime of its own', () => {
  it('is not proposed: E, hot only through its neighbours in the Gi* sense, holds no crime', () => {
    // E: on the disk's edge, at least 4 steps from A, B and C (no join), with no rows in the cube.
    const E = gridRing(CENTRE, 9).find((x) => [A, B, C].every((y) => gridDistance(x, y) > 3))!;
    const withE = resultWith(study, { [A]: 2, [B]: 2, [C]: 3, [E]: 3 }, {
      months: MONTHS,
      spaceTime: { [A]: [0, ...Array(11).fill(2)], [B]: [0, 0, 0, 0, 0, 0, 2, 2, 2, 2, 2, 2], [C]: [...Array(11).fill(0), 3], [E]: Array(12).fill(3) },
      emerging: { [A]: 'Persistent Hot Spot', [B]: 'Consecutive Hot Spot', [C]: 'New Hot Spot', [E]: 'Persistent Hot Spot' },
    });
    const clustersE = findHotClusters({ cube, study, hotspots: withE, filter: FILTER, harmWeights: HARM });
    expect(clustersE.clusters.some((k) => k.cells.includes(E))).toBe(true);
    const sites = proposeTasking({ ...input, hotspots: withE, clusters: clustersE }).proposals;
    expect(sites.map((p) => p.cells)).toEqual(out.proposals.map((p) => p.cells));
    expect(sites.every((p) => p.crimes > 0)).toBe(true);
  });
});

describe('answerTasking (the worker step)', () => {
  const ask = (baseId: number, edits: Record<string, string[]>): TaskingAsk => ({
    baseId, hotspots, clusters, ranking: {}, boroughs: [], names, points: null, aggregated: false, tasking: {}, sites: {}, edits,
  });

  it('puts a redrawn site in place with its id and rank, and reuses the base for the same base id', () => {
    const first = answerTasking(cube, study, FILTER, HARM, ask(1, {}));
    expect(first.proposals.map((p) => [p.id, p.harm])).toEqual([[ab.id, 300], [c.id, 1200]]);
    expect(first.edited).toEqual({});
    const redrawn = answerTasking(cube, study, FILTER, HARM, ask(1, { [ab.id]: [B] }));
    expect(redrawn.proposals[0]).toMatchObject({ id: ab.id, rank: 1, cells: [B], harm: 60, crimes: 12 });
    expect(redrawn.edited).toEqual({ [ab.id]: null });
    // The other site is the base's own object: the base was not recomputed.
    expect(redrawn.proposals[1]).toBe(first.proposals[1]);
  });

  it('a redrawing that cannot be computed leaves the proposed site, with the reason', () => {
    const outside = gridRing(CENTRE, 10)[0];
    const a = answerTasking(cube, study, FILTER, HARM, ask(2, { [ab.id]: [outside] }));
    expect(a.proposals[0].cells).toEqual(ab.cells);
    expect(a.edited[ab.id]).toBe(`proposalForCells: cell ${outside} is outside the study area`);
  });

  it('a new base id recomputes with the new thresholds: Clear needing 100 % keeps A+B (100 % violence and robbery) in Clear', () => {
    const strict = answerTasking(cube, study, FILTER, HARM, { ...ask(3, {}), tasking: { clearPriorityShare: 1 } });
    expect(strict.settings.tasking.clearPriorityShare).toBe(1);
    expect(strict.proposals[0].phase.phase).toBe('clear');
    const joinNone = answerTasking(cube, study, FILTER, HARM, { ...ask(4, {}), sites: { joinRings: 2 } });
    expect(joinNone.proposals.map((p) => p.cells)).toEqual([[A], [C], [B]]);
  });
});

describe('the panel\'s words', () => {
  it('names the site by its main wards and borough, and its size', () => {
    expect(siteLabel(ab)).toBe('Alpha and Beta, City');
    expect(sizeWords(ab)).toBe(`Harm 300 days · 36 crimes · 2 hexagons, ${ab.areaKm2.toFixed(1)} km²`);
  });

  it('concentration: the share of its borough\'s harm against its share of the area', () => {
    // City's harm: A 240 + B 60 + D 36 = 336; 300/336 = 89 %; two cells of 10 km².
    const area = ((cellArea(A, 'km2') + cellArea(B, 'km2')) / 10) * 100;
    expect(concentrationWords(ab.concentration, names.borough)).toBe(
      `89 % of City's harm in ${area.toFixed(1)} % of its area (${((300 / 336) / (area / 100)).toFixed(1)} times its share)`,
    );
    expect(concentrationWords(null, names.borough)).toBe('Concentration unknown (a borough without an area)');
    expect(concentrationWords({ boroughs: ['E09000001', 'E09000002'], harmShare: 0.25, areaShare: 0.05, ratio: 5 }, names.borough)).toBe(
      '25 % of the harm of City and Camden in 5.0 % of their area (5.0 times its share)',
    );
  });

  it('trend and emerging mix, driving types, months hot, units', () => {
    expect(trendMixWords(ab)).toBe('Persistent hot spot, no significant trend; cells: 1 consecutive, 1 persistent');
    expect(drivingTypesWords(ab)).toBe('Violence and sexual offences 80 %, Robbery 20 % of its harm');
    expect(monthsHotWords(ab)).toBe('Hot in 11 of 12 months');
    expect(unitsWords(ab)).toBe('Borough: City 100 % · 2 wards · BCU: Central West');
    expect(unitsWords(c)).toBe('Borough: Camden 100 % · 1 ward · BCU: Central East');
  });

  it('the facts every card lists (panel, meeting card, pack), in that order and wording', () => {
    const area = ((cellArea(A, 'km2') + cellArea(B, 'km2')) / 10) * 100;
    expect(proposalFacts(ab, names.borough)).toEqual([
      `Harm 300 days · 36 crimes · 2 hexagons, ${ab.areaKm2.toFixed(1)} km²`,
      `Concentration: 89 % of City's harm in ${area.toFixed(1)} % of its area (${((300 / 336) / (area / 100)).toFixed(1)} times its share)`,
      'Trend: Persistent hot spot, no significant trend; cells: 1 consecutive, 1 persistent',
      'Driven by Violence and sexual offences 80 %, Robbery 20 % of its harm',
      'Hot in 11 of 12 months',
      'Borough: City 100 % · 2 wards · BCU: Central West',
    ]);
  });
});

describe('toggledSiteCells: a click on a hexagon while redrawing', () => {
  const inStudy = new Set(disk);
  it('removes a cell of the site, adds a study cell (kept sorted)', () => {
    expect(toggledSiteCells([A, B].sort(), A, inStudy)).toEqual({ cells: [B], refused: null });
    expect(toggledSiteCells([B], D, inStudy)).toEqual({ cells: [B, D].sort(), refused: null });
  });
  it('refuses removing the last cell and adding a cell outside the study area', () => {
    expect(toggledSiteCells([B], B, inStudy)).toEqual({ cells: [B], refused: 'a site needs at least one hexagon' });
    const outside = gridRing(CENTRE, 10)[0];
    expect(toggledSiteCells([B], outside, inStudy)).toEqual({ cells: [B], refused: 'that hexagon is outside the study area' });
  });
});
