/**
 * The review of a site under tasking (issue 14, item 2), in its card: the sentence, the numbers
 * (harm a month before and since its phase began for the site, its borough, its matched
 * comparison cells and its ring, each change and the site against each), and the caveats.
 * Opening it outlines the matched cells on the map (src/map/review-layers.ts).
 */
import { For, Show } from 'solid-js';
import type { AreaChange, SiteReview } from '../../analysis/tasking/review';
import { relativeWords } from '../../analysis/tasking/review';
import { PHASE_NAMES } from '../../state/tasking-view';
import { useApp } from '../context';
import { monthInWords } from '../map/map-title';
import './review.css';

/** Harm a month as shown (the card is narrow): three figures from 10,000 up ("243k", "1.2M"), whole days from 100, else one decimal. */
export function harmWords(x: number): string {
  if (x < 100) return x.toFixed(1);
  if (x < 10_000) return Math.round(x).toLocaleString('en-GB');
  const r = Number(x.toPrecision(3));
  return r >= 1e6 ? `${Number((r / 1e6).toPrecision(3))}M` : `${r / 1e3}k`;
}

const windowWords = (w: [string, string] | null) => (w ? (w[0] === w[1] ? monthInWords(w[0]) : `${monthInWords(w[0])} – ${monthInWords(w[1])}`) : 'none');

/** A change as the table shows it: "−22 %", "+3 %", "0 %", "new" (from none), "–" (none before or since). */
export function changeCell(change: number | null, since: number): string {
  if (change === null) return since > 0 ? 'new' : '–';
  const p = Math.round(change * 100);
  return p === 0 ? '0 %' : `${p > 0 ? '+' : '−'}${Math.abs(p)} %`;
}

function Row(props: { kind: string; label: string; area: AreaChange; cells?: readonly string[] }) {
  return (
    <tr
      data-row={props.kind}
      data-before={props.area.before}
      data-since={props.area.since}
      data-relative={props.area.relative ?? undefined}
      data-cells={props.cells?.join(',')}
      title={props.area.relative === null ? undefined : `The site against this: ${relativeWords(props.area.relative)} (ratio ${props.area.relative.toFixed(2)})`}
    >
      <th scope="row">{props.label}</th>
      <td data-testid="rv-before">{harmWords(props.area.before)}</td>
      <td data-testid="rv-since">{harmWords(props.area.since)}</td>
      <td data-testid="rv-change">{changeCell(props.area.change, props.area.since)}</td>
    </tr>
  );
}

function ReviewTable(props: { review: SiteReview; boroughName: string | undefined }) {
  const r = () => props.review;
  return (
    <>
      <table class="rv-table" data-testid="rv-table">
        <caption>
          Harm a month before ({windowWords(r().beforeWindow)}) and since ({windowWords(r().sinceWindow)})
        </caption>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">Before</th>
            <th scope="col">Since</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          <Row kind="site" label={`Site (${r().site.cells})`} area={r().site} />
          <Show when={r().borough}>{(b) => <Row kind="borough" label="Borough*" area={b()} />}</Show>
          <Show when={r().matched}>{(m) => <Row kind="matched" label={`Matched (${m().cells.length})`} area={m()} cells={m().cells} />}</Show>
          <Row kind="ring" label={`Ring (${r().ring.cells})`} area={r().ring} />
        </tbody>
      </table>
      <p class="muted" data-testid="rv-crimes">
        (n): hexagons. *{props.boroughName ?? 'The borough'} less the site and its ring. Site crimes: {r().site.crimesBefore.toLocaleString('en-GB')} before,{' '}
        {r().site.crimesSince.toLocaleString('en-GB')} since.
        <Show when={r().matched}>
          {(m) => (
            <>
              {' '}
              Matched on harm a month and its Mann-Kendall trend over {windowWords(r().matchWindow)}: {harmWords(m().matchHarm)} a month against the
              site's {harmWords(m().siteMatchHarm)}, none next to the site or under tasking.
            </>
          )}
        </Show>
      </p>
    </>
  );
}

/** The caveats not already said by the sentence (which is the caveat itself when one side has no data). */
const caveats = (r: SiteReview) => r.caveats.filter((c) => r.sentence !== `${c.text}.`);

export function ReviewBlock(props: { siteId: string }) {
  const app = useApp();
  const review = () => app.review.of(props.siteId);
  return (
    <Show when={review()}>
      {(r) => (
        <details
          class="rv"
          data-testid="rv"
          data-tables-ms={app.review.lastMs().tables.toFixed(1)}
          data-review-ms={app.review.lastMs().reviews.toFixed(1)}
          open={app.review.open()}
          onToggle={(e) => app.review.setOpen(e.currentTarget.open)}
        >
          <summary>
            Review{'site' in r() ? `: since ${PHASE_NAMES[(r() as SiteReview).phase]} began in ${(r() as SiteReview).from}` : ''}
          </summary>
          <Show when={'site' in r() ? (r() as SiteReview) : null} fallback={<p class="error">The review could not be made: {(r() as { error: string }).error}</p>}>
            {(ok) => (
              <>
                <p class="rv-sentence" data-testid="rv-sentence">
                  {ok().sentence}
                </p>
                <Show when={caveats(ok()).length > 0}>
                  <ul class="rv-caveats" data-testid="rv-caveats">
                    <For each={caveats(ok())}>{(c) => <li data-kind={c.kind}>{c.text}</li>}</For>
                  </ul>
                </Show>
                <Show when={ok().sinceMonths > 0 && ok().beforeMonths > 0}>
                  <ReviewTable review={ok()} boroughName={ok().borough ? app.clusters.names().borough?.get(ok().borough!.code) : undefined} />
                </Show>
                <p class="muted">
                  Harm is Cambridge Crime Harm Index days a month, over the same number of months before the phase as since (fewer when the data start sooner);
                  months in which the site's borough has no data are left out of every row.
                  The site against another is the site's since ÷ before over the other's. Matched cells are outlined in white on the map while this is open.
                </p>
              </>
            )}
          </Show>
        </details>
      )}
    </Show>
  );
}
