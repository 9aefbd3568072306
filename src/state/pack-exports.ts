/**
 * The meeting pack's downloads (issue 14, item 4): the ranked proposals as CSV, the sites as
 * GeoJSON outlines and the patrol cells as GeoJSON hexagons. Pure builders over the proposals on
 * screen and the tasking lifecycle's site states (./lifecycle/), so the files say what the meeting
 * saw and decided; the panel saves them with the lifecycle's download helper.
 *
 * - CSV follows RFC 4180: CRLF line ends, a header row, a field quoted when it holds a comma, a
 *   double quote, CR or LF, with its double quotes doubled. A site's reasons are one field, one
 *   reason a line, as they read on its card.
 * - GeoJSON follows RFC 7946: WGS84 longitude, latitude; every ring closed (its last position is
 *   its first); exteriors counterclockwise and holes clockwise (the right-hand rule, §3.1.6),
 *   enforced with turf's `rewind` whatever h3-js returns.
 * - "Expected crimes" of a patrol cell is its mean crimes a month over the analysed months (the
 *   site's window): the plain expectation the patrol order is checked against (the backtest's
 *   "12-month counts" baseline, README), not the priority score, which is a weighted sum with
 *   no unit.
 */
import { rewind } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { cellsToMultiPolygon, cellToBoundary } from 'h3-js';
import { OUTSIDE } from '../analysis/borders';
import type { Proposal } from '../analysis/tasking/proposals';
import type { SiteState } from './lifecycle/reducer';
import { drivingTypesWords, siteLabel, trendMixWords } from './tasking-view';

export type CsvValue = string | number | boolean | null;

/** One CSV field per RFC 4180 §2: quoted when it holds a comma, a quote, CR or LF; quotes doubled. */
export function csvField(v: CsvValue): string {
  if (v === null) return '';
  if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`csvField: ${v} is not a finite number`);
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows as RFC 4180 text: fields joined by commas, records by CRLF, a CRLF after the last. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  for (const [i, r] of rows.entries()) {
    if (r.length !== header.length) throw new Error(`toCsv: row ${i + 1} has ${r.length} fields, the header ${header.length}`);
  }
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const PROPOSAL_CSV_HEADER = [
  'rank', 'site_id', 'site', 'recommended_phase', 'reasons', 'harm_days', 'crimes', 'hexagons', 'area_km2', 'months_hot', 'months',
  'rank_score', 'harm_share_of_boroughs', 'area_share_of_boroughs', 'concentration_ratio', 'boroughs', 'wards', 'bcus', 'trend',
  'driving_crime_types', 'displacement_flagged', 'displacement', 'patrol_cells', 'status', 'phase_in_tasking', 'phase_from', 'team', 'review_date',
] as const;

const round = (x: number, dp: number) => Number(x.toFixed(dp));
const namedUnits = (p: Proposal, level: 'borough' | 'ward' | 'bcu') => p.membership.units[level].filter((u) => u.code !== OUTSIDE);

/**
 * The proposals as CSV, one row a site in rank order, with the lifecycle state of each (a site
 * the log does not know is "proposed").
 */
export function proposalsCsv(proposals: readonly Proposal[], sites: ReadonlyMap<string, SiteState>): string {
  const rows = [...proposals]
    .sort((a, b) => a.rank - b.rank)
    .map((p): CsvValue[] => {
      const s = sites.get(p.id);
      const c = p.concentration;
      return [
        p.rank, p.id, siteLabel(p), p.phase.phase, p.phase.reasons.join('\n'), round(p.harm, 1), p.crimes, p.cells.length, round(p.areaKm2, 3),
        p.monthsHot.length, p.months, round(p.score, 1),
        c ? round(c.harmShare, 5) : null, c ? round(c.areaShare, 5) : null, c?.ratio == null ? null : round(c.ratio, 3),
        namedUnits(p, 'borough').map((u) => `${u.name} ${Math.round(u.share * 100)} %`).join('; '),
        namedUnits(p, 'ward').map((u) => u.name).join('; '),
        namedUnits(p, 'bcu').map((u) => u.name).join('; '),
        trendMixWords(p), drivingTypesWords(p), p.displacement.flagged, p.displacement.reason, p.patrol.cells.filter((x) => x.planned).length,
        s?.status ?? 'proposed', s?.phase ?? null, s?.phaseFrom ?? null, s?.team ?? null, s?.reviewDate ?? null,
      ];
    });
  return toCsv(PROPOSAL_CSV_HEADER, rows);
}

/** A (multi)polygon made RFC 7946: rings closed, exteriors counterclockwise, holes clockwise. */
export function rfc7946<G extends Polygon | MultiPolygon>(geometry: G): G {
  const closed = (ring: Position[]) => (ring.length > 0 && ring[0].every((v, i) => v === ring.at(-1)![i]) ? ring : [...ring, ring[0]]);
  const g =
    geometry.type === 'Polygon'
      ? { ...geometry, coordinates: geometry.coordinates.map(closed) }
      : { ...geometry, coordinates: (geometry as MultiPolygon).coordinates.map((poly) => poly.map(closed)) };
  return rewind(g as G, { reverse: false }) as G;
}

/** The sites as outlines (one MultiPolygon each, its hexagons dissolved) with their figures and lifecycle state. */
export function sitesGeoJson(proposals: readonly Proposal[], sites: ReadonlyMap<string, SiteState>): FeatureCollection<MultiPolygon> {
  const features = [...proposals]
    .sort((a, b) => a.rank - b.rank)
    .map((p): Feature<MultiPolygon> => {
      const s = sites.get(p.id);
      return {
        type: 'Feature',
        id: p.id,
        geometry: rfc7946({ type: 'MultiPolygon', coordinates: cellsToMultiPolygon(p.cells, true) }),
        properties: {
          rank: p.rank, id: p.id, name: siteLabel(p), phase: p.phase.phase, reasons: p.phase.reasons,
          harmDays: round(p.harm, 1), crimes: p.crimes, hexagons: p.cells.length, areaKm2: round(p.areaKm2, 3),
          monthsHot: p.monthsHot.length, months: p.months, boroughs: namedUnits(p, 'borough').map((u) => u.name),
          displacementFlagged: p.displacement.flagged,
          status: s?.status ?? 'proposed', phaseInTasking: s?.phase ?? null, phaseFrom: s?.phaseFrom ?? null, team: s?.team ?? null, reviewDate: s?.reviewDate ?? null,
        },
      };
    });
  return { type: 'FeatureCollection', features };
}

/**
 * Every patrol cell of every site as its hexagon, in rank then patrol order, with its order,
 * minutes and expected crimes (module comment).
 */
export function patrolCellsGeoJson(proposals: readonly Proposal[]): FeatureCollection<Polygon> {
  const features: Feature<Polygon>[] = [];
  for (const p of [...proposals].sort((a, b) => a.rank - b.rank)) {
    const s = p.patrol.settings;
    for (const c of p.patrol.cells) {
      features.push({
        type: 'Feature',
        id: `${p.id}:${c.h3}`,
        geometry: rfc7946({ type: 'Polygon', coordinates: [cellToBoundary(c.h3, true)] }),
        properties: {
          siteId: p.id, siteRank: p.rank, site: siteLabel(p), h3: c.h3, order: c.order, planned: c.planned,
          visitsPerDay: c.visitsPerDay, minutesPerVisit: c.minutesPerVisit, minutesPerWeek: c.visitsPerDay * c.minutesPerVisit * s.daysPerWeek,
          crimes: c.crimes, harmDays: round(c.harm, 1), expectedCrimesPerMonth: p.months > 0 ? round(c.crimes / p.months, 3) : null, why: c.why,
        },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
