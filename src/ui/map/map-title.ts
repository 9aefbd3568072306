/**
 * The map's title in words: what is drawn, for which crimes, where, when, at what hexagon size,
 * and how recent the data is. Shown on the map itself so that a screenshot of the map (a slide
 * in a tasking meeting) says what it shows without the side panels.
 */
import { getHexagonAreaAvg } from 'h3-js';
import { CRIME_CATEGORIES, STOP_AND_SEARCH } from '../../analysis/categories';
import { presetMatching } from '../../analysis/presets';
import { MAP_LAYERS, type ViewState } from '../../state/filters';

export interface MapTitle {
  /** The layer and its weighting, e.g. "Crimes per hexagon · each crime counts 1". */
  heading: string;
  /** Crime types, area and period, e.g. "All crime types · All London · Jun 2017 – May 2018". */
  scope: string;
  /** Hexagon size and data recency, e.g. "H3 resolution 9 (≈0.1 km² hexagons) · as at May 2018". */
  basis: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'YYYY-MM' as 'Mon YYYY' ("Jun 2017"). */
export function monthInWords(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const i = m ? Number(m[2]) - 1 : -1;
  if (!m || i < 0 || i > 11) throw new Error(`monthInWords: not a 'YYYY-MM' month: ${month}`);
  return `${MONTHS[i]} ${m[1]}`;
}

/** Named crime types up to this many; beyond it, "7 of 14 crime types". */
const MAX_NAMED = 3;

/**
 * The chosen crime types in words: "All crime types", one of the Met's groupings by its name when
 * the crimes chosen are exactly that grouping ("Neighbourhood crime", src/analysis/presets.ts),
 * "Robbery", "Robbery, Violence and sexual offences" (police.uk's order), "7 of 14 crime types";
 * stop and search (not crimes) is added by name.
 */
export function crimeTypesInWords(categories: readonly string[]): string {
  const chosen = new Set(categories);
  const crimes = CRIME_CATEGORIES.filter((c) => chosen.has(c));
  const stops = chosen.has(STOP_AND_SEARCH);
  const preset = presetMatching(crimes);
  const crimeWords =
    crimes.length === CRIME_CATEGORIES.length
      ? 'All crime types'
      : preset
        ? preset.label
        : crimes.length === 0
          ? ''
          : crimes.length <= MAX_NAMED
            ? crimes.join(', ')
            : `${crimes.length} of ${CRIME_CATEGORIES.length} crime types`;
  if (!stops) return crimeWords || 'No crime types';
  return crimeWords ? `${crimeWords} and stop and search` : 'Stop and search (not crimes)';
}

const AREA_KIND: Record<'bcu' | 'borough' | 'ward', [string, string]> = {
  bcu: ['BCU', 'BCUs'],
  borough: ['Borough', 'Boroughs'],
  ward: ['Ward', 'Wards'],
};

/** The area in words from its display names: "All London", "Borough: Westminster", "5 wards: A, B, C and 2 more". */
export function areaInWords(area: ViewState['area'], names: readonly string[]): string {
  if (area.kind === 'all') return 'All London';
  const [one, many] = AREA_KIND[area.kind];
  if (names.length === 0) return `${one}: none chosen`;
  if (names.length === 1) return `${one}: ${names[0]}`;
  if (names.length <= MAX_NAMED) return `${many}: ${names.join(', ')}`;
  return `${names.length} ${many.toLowerCase()}: ${names.slice(0, MAX_NAMED).join(', ')} and ${names.length - MAX_NAMED} more`;
}

/** "H3 resolution 9 (≈0.1 km² hexagons)": H3's average cell area at that resolution, one significant figure. */
export function resolutionInWords(resolution: number): string {
  const km2 = Number(getHexagonAreaAvg(resolution, 'km2').toPrecision(1));
  return `H3 resolution ${resolution} (≈${km2} km² hexagons)`;
}

/**
 * The title for a view over data whose months are `months` (every month from the first to the
 * last, as the cube holds them). The period is the view's month range, clamped to the data the
 * way the filter clamps it; "as at" is the latest month in the data.
 *
 * @param areaNames display names of the view's area codes, in the view's order
 */
export function mapTitle(view: ViewState, months: readonly string[], areaNames: readonly string[]): MapTitle {
  const heading = `${MAP_LAYERS[view.layer]} · ${view.weight === 'harm' ? 'weighted by harm (Cambridge Crime Harm Index days)' : 'each crime counts 1'}`;
  const scope = [crimeTypesInWords(view.categories), areaInWords(view.area, areaNames), periodInWords(view, months)].join(' · ');
  const latest = months.at(-1);
  const basis = `${resolutionInWords(view.resolution)} · ${latest ? `as at ${monthInWords(latest)}` : 'no data loaded'}`;
  return { heading, scope, basis };
}

function periodInWords(view: ViewState, months: readonly string[]): string {
  if (months.length === 0) return 'no months';
  const first = months[0];
  const last = months[months.length - 1];
  const from = view.from === null || view.from < first ? first : view.from;
  const to = view.to === null || view.to > last ? last : view.to;
  if (from > to) return 'no months of the data';
  return from === to ? monthInWords(from) : `${monthInWords(from)} – ${monthInWords(to)}`;
}
