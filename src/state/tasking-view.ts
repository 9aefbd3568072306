/**
 * The Clear/Hold/Build proposals in words for the panel (issue 13, item 1), and the rule for
 * redrawing a site by clicking cells. Pure, so it is unit-tested without a browser; the reactive
 * model is ./tasking-model.ts, the figures are the analysis core's (src/analysis/tasking/).
 */
import { OUTSIDE, type UnitShare } from '../analysis/borders';
import type { EmergingCategory } from '../analysis/emerging.ts';
import type { Concentration, Proposal } from '../analysis/tasking/proposals';
import { listWords, type Phase, trendWords } from '../analysis/tasking/rules';

export const PHASE_NAMES: Record<Phase, string> = { clear: 'Clear', hold: 'Hold', build: 'Build' };

const int = (x: number) => Math.round(x).toLocaleString('en-GB');
const pc = (x: number) => `${Math.round(x * 100)} %`;
/** One decimal under 10 %, so a small share never reads "0 %". */
const pcFine = (x: number) => (x < 0.1 ? `${(x * 100).toFixed(1)} %` : pc(x));

/** Named units of a level, largest harm share first, without "outside". */
const named = (units: readonly UnitShare[]) => units.filter((u) => u.code !== OUTSIDE);

/** The site's name: its main wards (up to two) and main borough, e.g. "West End and St James's, Westminster". */
export function siteLabel(p: Proposal): string {
  const wards = named(p.membership.units.ward).slice(0, 2).map((u) => u.name);
  const borough = named(p.membership.units.borough)[0]?.name;
  if (wards.length === 0) return borough ?? `site ${p.id}`;
  return `${listWords(wards)}${borough ? `, ${borough}` : ''}`;
}

/** "Harm 2,648,487 days · 60,686 crimes · 63 hexagons, 6.0 km²". */
export function sizeWords(p: Proposal): string {
  return `Harm ${int(p.harm)} days · ${int(p.crimes)} crimes · ${p.cells.length} hexagon${p.cells.length === 1 ? '' : 's'}, ${p.areaKm2.toFixed(1)} km²`;
}

/**
 * "26 % of the harm of Westminster and Camden in 9.7 % of their area (2.6 times its share)": the
 * site's share of its boroughs' harm against its share of their area (proposals.ts).
 */
export function concentrationWords(c: Concentration | null, names: ReadonlyMap<string, string>): string {
  if (!c) return 'Concentration unknown (a borough without an area)';
  const boroughs = c.boroughs.map((b) => names.get(b) ?? b);
  const whose = boroughs.length === 1 ? `${boroughs[0]}'s harm` : `the harm of ${listWords(boroughs)}`;
  const area = boroughs.length === 1 ? 'its area' : 'their area';
  const ratio = c.ratio === null ? '' : ` (${c.ratio.toFixed(1)} times its share)`;
  return `${pcFine(c.harmShare)} of ${whose} in ${pcFine(c.areaShare)} of ${area}${ratio}`;
}

/** "Persistent hot spot, rising 3 % a month; cells: 40 persistent, 12 intensifying, 11 sporadic". */
export function trendMixWords(p: Proposal): string {
  const head = `${p.pattern === 'No Pattern Detected' ? 'No pattern detected' : p.pattern.replace(/ Hot Spot$/, ' hot spot')}, ${trendWords(p.trend)}`;
  if (!p.emerging) return `${head}; emerging hot spots not computed (fewer than 10 months)`;
  const short = (c: EmergingCategory) => c.replace(/ (Hot|Cold) Spot$/, (_, k: string) => (k === 'Cold' ? ' cold' : '')).toLowerCase();
  return `${head}; cells: ${p.emerging.slice(0, 3).map((m) => `${m.cells} ${short(m.category)}`).join(', ')}`;
}

/** "Violence and sexual offences 62 %, Robbery 15 %, Drugs 8 % of its harm" (the first three). */
export function drivingTypesWords(p: Proposal, k = 3): string {
  if (p.harm <= 0 || p.crimeTypes.length === 0) return 'No harm in the months analysed';
  return `${p.crimeTypes.slice(0, k).map((t) => `${t.category} ${pc(t.harm / p.harm)}`).join(', ')} of its harm`;
}

/** "Hot in 11 of 12 months". */
export function monthsHotWords(p: Proposal): string {
  return `Hot in ${p.monthsHot.length} of ${p.months} month${p.months === 1 ? '' : 's'}`;
}

/**
 * The units the site crosses: "Boroughs: Westminster 87 %, Camden 12 % · 9 wards · BCU: Central
 * West" (borough shares of harm; wards counted; BCUs named).
 */
export function unitsWords(p: Proposal): string {
  const u = p.membership.units;
  const boroughs = named(u.borough);
  const wards = named(u.ward);
  const bcus = named(u.bcu);
  const parts = [
    `${boroughs.length === 1 ? 'Borough' : 'Boroughs'}: ${boroughs.map((b) => `${b.name} ${pc(b.share)}`).join(', ') || 'none'}`,
    `${wards.length} ward${wards.length === 1 ? '' : 's'}`,
    `${bcus.length === 1 ? 'BCU' : 'BCUs'}: ${bcus.map((b) => b.name).join(', ') || 'none'}`,
  ];
  return parts.join(' · ');
}

/** What a click on a hexagon does to a site being redrawn. */
export interface SiteToggle {
  cells: string[];
  /** Why the click changed nothing (null when it did). */
  refused: string | null;
}

/**
 * Adds `hex` to the site's cells or removes it. Refused: a cell outside the study area (it has no
 * hot spot figures), and removing the last cell (a site needs one). Cells stay sorted, as the
 * core keeps them (a site's id is its smallest cell).
 */
export function toggledSiteCells(cells: readonly string[], hex: string, studyCells: ReadonlySet<string>): SiteToggle {
  if (cells.includes(hex)) {
    if (cells.length === 1) return { cells: [...cells], refused: 'a site needs at least one hexagon' };
    return { cells: cells.filter((c) => c !== hex), refused: null };
  }
  if (!studyCells.has(hex)) return { cells: [...cells], refused: 'that hexagon is outside the study area' };
  return { cells: [...cells, hex].sort(), refused: null };
}

/** A proposal's facts in words, in the order every card lists them (the panel, the meeting's card, the pack's site sheet). */
export function proposalFacts(p: Proposal, boroughNames: ReadonlyMap<string, string>): string[] {
  return [
    sizeWords(p),
    `Concentration: ${concentrationWords(p.concentration, boroughNames)}`,
    `Trend: ${trendMixWords(p)}`,
    `Driven by ${drivingTypesWords(p)}`,
    monthsHotWords(p),
    unitsWords(p),
  ];
}
