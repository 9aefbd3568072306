/**
 * The meeting pack's table rows as text (issue 14, item 4): what the proposals and cross-border
 * sheets print, built once from the panels' own words (./tasking-view.ts, ./lifecycle/words.ts,
 * the cross-border entries of ./cluster-view.ts) and used both to print the rows and to estimate
 * their heights (./pack-layout.ts), so the sheets are cut on the text that is printed.
 */
import type { Proposal } from '../analysis/tasking/proposals';
import type { CrossBorderEntry } from './cluster-view';
import type { SiteState } from './lifecycle/reducer';
import { stateWords } from './lifecycle/words';
import { type CellText, CROSS_BORDER_COLUMNS, PROPOSAL_COLUMNS } from './pack-layout';
import { monthsHotWords, PHASE_NAMES, siteLabel } from './tasking-view';

const int = (x: number) => Math.round(x).toLocaleString('en-GB');
/** The small print under a cell's main line is 0.85 of the body size (pack.css `.pack-small`). */
const SMALL = 0.85;

export interface ProposalRow {
  id: string;
  rank: number;
  phase: Proposal['phase']['phase'];
  phaseWord: string;
  site: string;
  siteSize: string;
  harm: string;
  crimes: string;
  hot: string;
  reasons: string[];
  /** The displacement check's words when it is flagged (null otherwise). */
  displacement: string | null;
  decision: string;
}

export function proposalRow(p: Proposal, site: SiteState | undefined): ProposalRow {
  return {
    id: p.id, rank: p.rank, phase: p.phase.phase, phaseWord: PHASE_NAMES[p.phase.phase], site: siteLabel(p),
    siteSize: `${p.cells.length} hexagons, ${p.areaKm2.toFixed(1)} km²`, harm: int(p.harm), crimes: int(p.crimes),
    hot: monthsHotWords(p).replace(/^Hot in /, ''), reasons: p.phase.reasons,
    displacement: p.displacement.flagged ? `Displacement? ${p.displacement.reason}` : null, decision: stateWords(site),
  };
}

export const PROPOSAL_HEADER = { rank: '#', phase: 'Phase', site: 'Site', harm: 'Harm (days)', crimes: 'Crimes', hot: 'Hot', why: 'Why', decision: 'Decision' } as const;

/** The row's cells for the height estimate, column by column. */
export function proposalRowCells(r: ProposalRow): CellText[] {
  const c = PROPOSAL_COLUMNS;
  return [
    { paragraphs: [String(r.rank)], fraction: c.rank },
    { paragraphs: [r.phaseWord], fraction: c.phase },
    { paragraphs: [r.site, { text: r.siteSize, scale: SMALL }], fraction: c.site },
    { paragraphs: [r.harm], fraction: c.harm },
    { paragraphs: [r.crimes], fraction: c.crimes },
    { paragraphs: [r.hot], fraction: c.hot },
    { paragraphs: [...r.reasons, ...(r.displacement ? [r.displacement] : [])], fraction: c.why },
    { paragraphs: [r.decision], fraction: c.decision },
  ];
}

export interface CrossBorderRow {
  id: string;
  rank: number;
  label: string;
  shares: string;
  crossing: string;
  harm: string;
  crimes: string;
  lead: string;
  caveats: string;
}

export function crossBorderRow(e: CrossBorderEntry, rank: number, crossing: string): CrossBorderRow {
  return {
    id: e.id, rank, label: e.label,
    shares: e.units.map((u) => `${u.name} ${(u.share * 100).toFixed(1)} %${u.caveats.includes('few-points') ? ' *' : ''}`).join(', '),
    crossing, harm: int(e.cluster.harm), crimes: int(e.cluster.crimes), lead: e.lead?.name ?? '—', caveats: e.caveats.join(' '),
  };
}

export const CROSS_BORDER_HEADER = {
  rank: '#', cluster: 'Cluster: shares of its harm', crossing: 'Crossing', harm: 'Harm (days)', crimes: 'Crimes', lead: 'Proposed lead', caveats: 'Caveats',
} as const;

export function crossBorderRowCells(r: CrossBorderRow): CellText[] {
  const c = CROSS_BORDER_COLUMNS;
  return [
    { paragraphs: [String(r.rank)], fraction: c.rank },
    { paragraphs: [r.label, { text: r.shares, scale: SMALL }], fraction: c.cluster },
    { paragraphs: [r.crossing], fraction: c.crossing },
    { paragraphs: [r.harm], fraction: c.harm },
    { paragraphs: [r.crimes], fraction: c.crimes },
    { paragraphs: [r.lead], fraction: c.lead },
    { paragraphs: [{ text: r.caveats, scale: SMALL }], fraction: c.caveats },
  ];
}

/** A header row's cells (one paragraph a column). */
export function headerCells<K extends string>(header: Record<K, string>, columns: Record<K, number>): CellText[] {
  return (Object.keys(header) as K[]).map((k) => ({ paragraphs: [header[k]], fraction: columns[k] }));
}
