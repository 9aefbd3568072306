/**
 * The meeting pack's downloads (issue 14, item 4): RFC 4180 CSV quoting, the proposals CSV read
 * back by an independent parser (papaparse) against the proposals of a constructed year, and the
 * GeoJSON of sites and patrol cells checked against RFC 7946 (closed rings, longitude first,
 * exteriors counterclockwise and holes clockwise, by turf's booleanClockwise).
 */
import { booleanClockwise } from '@turf/turf';
import type { Position } from 'geojson';
import { cellToBoundary } from 'h3-js';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { proposeTasking } from '../../src/analysis/tasking/proposals';
import type { SiteState } from '../../src/state/lifecycle/reducer';
import { csvField, patrolCellsGeoJson, PROPOSAL_CSV_HEADER, proposalsCsv, rfc7946, sitesGeoJson, toCsv } from '../../src/state/pack-exports';
import { taskingYear } from './helpers/tasking-year';

describe('RFC 4180 fields', () => {
  it('quotes a field with a comma, a quote, CR or LF and doubles its quotes; leaves others bare', () => {
    expect(csvField('Camden, Islington')).toBe('"Camden, Islington"');
    expect(csvField('the "Strand" site')).toBe('"the ""Strand"" site"');
    expect(csvField('Clear: a\nHold: b')).toBe('"Clear: a\nHold: b"');
    expect(csvField('a\rb')).toBe('"a\rb"');
    expect(csvField('plain words')).toBe('plain words');
    expect(csvField(12.5)).toBe('12.5');
    expect(csvField(false)).toBe('false');
    expect(csvField(null)).toBe('');
    expect(() => csvField(Number.NaN)).toThrow('csvField: NaN is not a finite number');
  });

  it('joins records with CRLF, ends with one, and refuses a row of the wrong length', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "no"'], [1, null]])).toBe('a,b\r\n"x,y","say ""no"""\r\n1,\r\n');
    expect(() => toCsv(['a', 'b'], [['only one']])).toThrow('toCsv: row 1 has 1 fields, the header 2');
  });
});

// The constructed year of tests/unit/helpers/tasking-year.ts: A and B one site, C its own; a ward
// name with quotes for the CSV, and C under Clear in the lifecycle: its phase comes with two
// reasons, one a line in the CSV field.
const { A, B, C, input } = taskingYear({ wardNames: ['Alpha', 'Beta "North"', 'Gamma'] });
const { proposals } = proposeTasking({ ...input, currentPhase: new Map([[C, 'clear']]) });
const [first, second] = proposals;
const accepted: SiteState = {
  siteId: second.id, status: 'accepted', phase: 'clear', phaseFrom: '2024-01', team: 'Team 4, Camden "East"', reviewDate: '2024-02-01', notes: [], history: [],
};
const sites = new Map([[second.id, accepted]]);

describe('proposals CSV', () => {
  const text = proposalsCsv(proposals, sites);
  const parsed = Papa.parse<string[]>(text.replace(/\r\n$/, ''), { newline: '\r\n' });

  it('has the fixture\'s sites in rank order: A+B (harm 240 + 60, hot 11 of 12 months) before C (1,200, hot 1 month)', () => {
    expect(proposals.map((p) => [p.rank, p.harm, p.crimes, p.monthsHot.length])).toEqual([[1, 300, 36, 11], [2, 1200, 120, 1]]);
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual([...PROPOSAL_CSV_HEADER]);
    expect(parsed.data).toHaveLength(3);
    const col = (row: string[], name: (typeof PROPOSAL_CSV_HEADER)[number]) => row[PROPOSAL_CSV_HEADER.indexOf(name)];
    const [, r1, r2] = parsed.data;
    expect([col(r1, 'rank'), col(r1, 'site_id'), col(r1, 'harm_days'), col(r1, 'crimes'), col(r1, 'hexagons'), col(r1, 'status')]).toEqual(['1', [A, B].sort()[0], '300', '36', '2', 'proposed']);
    expect([col(r2, 'rank'), col(r2, 'site_id'), col(r2, 'harm_days'), col(r2, 'crimes'), col(r2, 'hexagons')]).toEqual(['2', C, '1200', '120', '1']);
    expect(col(r2, 'reasons')).toBe(second.phase.reasons.join('\n'));
    expect(col(r2, 'recommended_phase')).toBe(second.phase.phase);
    expect([col(r2, 'status'), col(r2, 'phase_in_tasking'), col(r2, 'phase_from'), col(r2, 'team'), col(r2, 'review_date')]).toEqual(['accepted', 'clear', '2024-01', 'Team 4, Camden "East"', '2024-02-01']);
    expect(col(r1, 'wards')).toBe('Alpha; Beta "North"');
    expect(col(r1, 'boroughs')).toBe('City 100 %');
    expect(col(r2, 'boroughs')).toBe('Camden 100 %');
    expect([col(r1, 'months_hot'), col(r2, 'months_hot'), col(r2, 'months')]).toEqual(['11', '1', '12']);
  });

  it('quotes the team (comma and quotes) and the reasons (a line each) as RFC 4180 says, in the raw text', () => {
    expect(text).toContain(',"Team 4, Camden ""East""",');
    expect(second.phase.reasons).toHaveLength(2);
    expect(text).toContain(`,"${second.phase.reasons.join('\n')}",`);
    // A line feed inside a quoted field does not end a record: 3 records, each ended by CRLF.
    expect(text.split('\r\n')).toHaveLength(3 + 1);
  });
});

/** RFC 7946 checks of one polygon's rings: closed, lon/lat near the fixture, exterior CCW, holes CW. */
function expectRfc7946Polygon(rings: Position[][]) {
  rings.forEach((ring, k) => {
    expect(ring.length).toBeGreaterThanOrEqual(4);
    expect(ring[0]).toEqual(ring.at(-1));
    for (const [lon, lat] of ring) {
      expect(lon).toBeGreaterThan(-0.2);
      expect(lon).toBeLessThan(0);
      expect(lat).toBeGreaterThan(51.45);
      expect(lat).toBeLessThan(51.56);
    }
    expect(booleanClockwise(ring)).toBe(k > 0);
  });
}

describe('GeoJSON', () => {
  it('rfc7946 closes rings and turns a clockwise exterior and a counterclockwise hole the right way', () => {
    const cw = [[0, 0], [0, 1], [1, 1], [1, 0]];
    const hole = [[0.2, 0.2], [0.8, 0.2], [0.8, 0.8], [0.2, 0.8]];
    const g = rfc7946({ type: 'Polygon', coordinates: [cw, hole] });
    expect(g.coordinates[0]).toHaveLength(5);
    expect(booleanClockwise(g.coordinates[0])).toBe(false);
    expect(booleanClockwise(g.coordinates[1])).toBe(true);
    expect(g.coordinates[0][0]).toEqual(g.coordinates[0][4]);
  });

  it('sites: one feature a site, its hexagons dissolved, with figures and lifecycle state', () => {
    const fc = sitesGeoJson(proposals, sites);
    expect(fc.features.map((f) => [f.properties!.rank, f.id, f.properties!.status, f.properties!.team])).toEqual([
      [1, first.id, 'proposed', null],
      [2, C, 'accepted', 'Team 4, Camden "East"'],
    ]);
    for (const f of fc.features) f.geometry.coordinates.forEach(expectRfc7946Polygon);
    // A and B are three steps apart: two polygons; C one, the hexagon itself (6 corners + closing).
    expect(fc.features[0].geometry.coordinates).toHaveLength(2);
    expect(fc.features[1].geometry.coordinates[0][0]).toHaveLength(7);
    const corners = cellToBoundary(C, true).slice(0, 6).map((p) => p.map((v) => v.toFixed(9)).join()).sort();
    expect(fc.features[1].geometry.coordinates[0][0].slice(0, 6).map((p) => p.map((v) => v.toFixed(9)).join()).sort()).toEqual(corners);
  });

  it('patrol cells: every cell of every plan, with order, minutes and expected crimes a month', () => {
    const fc = patrolCellsGeoJson(proposals);
    expect(fc.features.map((f) => [f.properties!.siteRank, f.properties!.h3, f.properties!.order])).toEqual([
      ...first.patrol.cells.map((c) => [1, c.h3, c.order]),
      [2, C, 1],
    ]);
    // A: 24 crimes in 12 months; B: 12; C: 120. Two visits a day of 15 minutes, 7 days: 210 minutes a week.
    const byCell = new Map(fc.features.map((f) => [f.properties!.h3 as string, f.properties!]));
    expect([A, B, C].map((c) => byCell.get(c)!.expectedCrimesPerMonth)).toEqual([2, 1, 10]);
    expect([A, B, C].map((c) => byCell.get(c)!.minutesPerWeek)).toEqual([210, 210, 210]);
    for (const f of fc.features) expectRfc7946Polygon(f.geometry.coordinates);
  });
});
