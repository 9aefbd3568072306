/**
 * The cross-border hot spots list in words (issue 12, items 3 and 5): from the clusters and their
 * membership (src/analysis/borders.ts, custom-areas.ts), the entries the panel shows for the chosen
 * line, each with its label, lead unit and caveats said in words. Pure, so it is unit-tested
 * without a browser; the reactive model is ./clusters-model.ts.
 */
import {
  type ClusterMembership,
  crossBorderClusters,
  membershipLabel,
  OUTSIDE,
  type UnitNames,
  type UnitShare,
  wholePercents,
} from '../analysis/borders';
import type { HotCluster, HotClusters } from '../analysis/clusters.ts';
import type { CustomAreaShares } from '../analysis/custom-areas';
import { FEW_POINTS } from '../analysis/borders';
import type { ClusterLine } from './filters';

export interface CrossBorderEntry {
  id: string;
  cluster: HotCluster;
  membership: ClusterMembership;
  /** The units of the chosen line (wards, boroughs, BCUs or the user's areas) by harm share. */
  units: UnitShare[];
  /** "Camden 58 % / Islington 42 %, BCU CN". */
  label: string;
  /** It crosses a BCU or force line (not only boroughs of one BCU). */
  crossesBcu: boolean;
  /** Flagged for joint tasking (borders.ts `jointTasking`). */
  jointTasking: boolean;
  /** The proposed lead unit of the chosen line: largest harm share. */
  lead: { code: string; name: string } | null;
  /** What the figures rest on, in words (few points, aggregated cells, cut short). */
  caveats: string[];
}

/** Where the study area stops, for the "cut short" caveat. */
export interface EdgeContext {
  /** The study area is the whole of the data's area (no area filter): its edge is the force's. */
  wholeArea: boolean;
}

/** A share in words: whole percent, or "under 1 %" rather than a misleading "0 %". */
export const pct = (share: number) => (share < 0.005 ? 'under 1 %' : `${Math.round(share * 100)} %`);

/**
 * The caveats of one entry in words: shares on {@link FEW_POINTS} or fewer distinct points, shares
 * of aggregated cells, and a cluster that may be cut short at the study edge or next to no data.
 */
export function caveatWords(cluster: HotCluster, units: readonly UnitShare[], edge: EdgeContext): string[] {
  const out: string[] = [];
  const few = units.filter((u) => u.code !== OUTSIDE && u.caveats.includes('few-points'));
  for (const u of few) {
    out.push(
      `${u.name}'s ${pct(u.share)} rests on ${u.points} distinct point${u.points === 1 ? '' : 's'} (${FEW_POINTS} or fewer): police.uk snaps crimes to anonymous map points, which can fall across a line.`,
    );
  }
  if (units.some((u) => u.caveats.includes('aggregated'))) {
    out.push('Aggregated cells (about 100 m): each cell\'s crimes sit on its centre, so crimes near a line may belong to the other side.');
  }
  if (cluster.atStudyEdge) {
    out.push(
      edge.wholeArea
        ? 'Reaches the edge of the study area (London\'s boundary, or the Thames, which the borough outlines leave out): where that is London\'s boundary the data stop (the London forces\' crimes only), so the hot spot may continue beyond it and be cut short.'
        : 'Reaches the edge of the chosen area: the hot spot may continue beyond it and be cut short.',
    );
  }
  if (cluster.touchesNoData) out.push('Next to an area with no data: the hot spot may be cut short there.');
  return out;
}

/**
 * The clusters crossing a line of the chosen level (ward, borough or BCU), by harm descending
 * (borders.ts `crossBorderClusters`), each in words.
 */
export function crossBorderEntries(
  clusters: HotClusters,
  members: readonly ClusterMembership[],
  line: ClusterLine,
  names: UnitNames,
  edge: EdgeContext,
): CrossBorderEntry[] {
  const byId = new Map(clusters.clusters.map((c) => [c.id, c]));
  return crossBorderClusters(members, line).map((m) => {
    const cluster = byId.get(m.id)!;
    const units = m.units[line];
    const lead = m.lead[line];
    return {
      id: m.id,
      cluster,
      membership: m,
      units,
      label: membershipLabel(m, line, names),
      crossesBcu: m.crossesBcu,
      jointTasking: m.jointTasking,
      lead: lead === null ? null : { code: lead, name: units.find((u) => u.code === lead)!.name },
      caveats: caveatWords(cluster, units, edge),
    };
  });
}

/** "Site A 70 % / Site B 30 %" for a user's areas (units rounding to 0 % counted at the end). */
function customLabel(units: readonly UnitShare[]): string {
  const pc = wholePercents(units.map((u) => u.share));
  const shown = units.map((u, i) => `${u.name} ${pc[i]} %`).filter((_, i) => pc[i] > 0);
  const hidden = units.length - shown.length;
  return hidden > 0 ? `${shown.join(' / ')} + ${hidden} under 1 %` : shown.join(' / ');
}

/**
 * The clusters crossing a line between two or more of the user's own areas (custom-areas.ts
 * `customAreaShares`, same order as the clusters: by harm descending).
 */
export function customAreaEntries(
  clusters: HotClusters,
  members: readonly ClusterMembership[],
  shares: readonly CustomAreaShares[],
  edge: EdgeContext,
): CrossBorderEntry[] {
  const out: CrossBorderEntry[] = [];
  shares.forEach((s, k) => {
    if (!s.crosses) return;
    const cluster = clusters.clusters[k];
    const lead = s.lead === null ? null : { code: s.lead, name: s.units.find((u) => u.code === s.lead)!.name };
    out.push({
      id: s.id,
      cluster,
      membership: members[k],
      units: s.units,
      label: customLabel(s.units),
      crossesBcu: members[k].crossesBcu,
      jointTasking: members[k].jointTasking,
      lead,
      caveats: caveatWords(cluster, s.units, edge),
    });
  });
  return out;
}
