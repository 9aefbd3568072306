/** The map's title on the recorded-offences layer: what is drawn, which offences, where, when, and how recent. */
import type { ViewState } from '../../state/filters';
import { areaInWords, monthInWords, type MapTitle } from '../map/map-title';
import { groupInWords, periodInWords } from './words';

export function recordedMapTitle(
  view: ViewState,
  period: { from: string; to: string } | null,
  last: string | null,
  areaNames: readonly string[],
): MapTitle {
  return {
    heading: 'MPS recorded offences by ward · Home Office groups, no anti-social behaviour',
    scope: [groupInWords(view.rcGroup), areaInWords(view.area, areaNames), period ? periodInWords(period) : 'loading'].join(' · '),
    basis: `The Met's own counts, 2022 wards (City of London: no figures) · ${last ? `as at ${monthInWords(last)}` : 'loading'}`,
  };
}
