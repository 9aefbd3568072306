/**
 * A ward's profile in words a ward panel can read (issue 13, item 5): its top three problems by
 * harm and by count, each with its trend beside its borough's; its hot spots on a small map;
 * this month against last month and the same month last year; and, where the Met's recorded
 * offences are loaded, the ward's own figures beside police.uk's, labelled and never added to
 * them. Used by the panel and by its printed sheet.
 */
import { For, Show } from 'solid-js';
import type { WardProblem } from '../../analysis/tasking/ward-profile';
import { RECORDED_LABEL } from '../../state/recorded-crime-model';
import { useApp } from '../context';
import { CellSketchSvg } from '../sketch/CellSketchSvg';
import type { WardProfileView } from './ward-profile-view';

const int = (x: number) => Math.round(x).toLocaleString('en-GB');

/** Hot cells shaded by their share of the ward's harm (darkest: the most). */
const HOT_FILLS = ['#b30000', '#e34a33', '#fc8d59', '#fdbb84', '#fdd49e'];

function Problems(props: { title: string; list: WardProblem[]; by: 'harm' | 'count'; testid: string }) {
  return (
    <>
      <h3>{props.title}</h3>
      <ol class="ward-problems" data-testid={props.testid}>
        <For each={props.list}>
          {(p) => (
            <li data-category={p.category}>
              {p.words}
            </li>
          )}
        </For>
      </ol>
      <Show when={props.list.length === 0}>
        <p class="muted small">{props.by === 'harm' ? 'No harm in these months.' : 'No crimes in these months.'}</p>
      </Show>
    </>
  );
}

export function WardProfileBody(props: { view: WardProfileView; testid: string }) {
  const app = useApp();
  const rc = app.recorded;
  const recorded = () => {
    const t = rc.trend();
    return rc.state() === 'ready' && t && t.subject.kind === 'ward' && t.subject.code === props.view.code ? t : null;
  };
  return (
    <div data-testid={props.testid}>
      <Show when={props.view.profile} fallback={<p class="muted">{props.view.error}</p>}>
        {(p) => (
          <>
            <p data-testid="ward-profile-headline">{p().words[0]}</p>
            <Problems title="Top problems by harm" list={p().byHarm} by="harm" testid="ward-top-harm" />
            <Problems title="Top problems by count" list={p().byCount} by="count" testid="ward-top-count" />
            <h3>This month</h3>
            <p data-testid="ward-months">{p().words.slice(3).join(' ')}</p>
            <h3>Hot spots</h3>
            <p class="small muted">
              The {props.view.hot.length} hexagons holding most of the ward's harm ({int(props.view.hot.reduce((s, c) => s + c.harm, 0))} of {int(p().harm)} harm days),
              darkest first, within the ward's boundary.
            </p>
            <CellSketchSvg
              testid={`${props.testid}-map`}
              title={`Hot spots of ${p().wardName}`}
              cells={props.view.hot.map((c, i) => ({ h3: c.h3, label: String(i + 1), fill: HOT_FILLS[i] ?? HOT_FILLS.at(-1)! }))}
              outlines={props.view.outline}
              width={300}
            />
            <h3>The Met's own figures</h3>
            <Show
              when={recorded()}
              fallback={
                <p class="small muted" data-testid="ward-recorded-none">
                  {RECORDED_LABEL}: not loaded. Choose the map layer "MPS recorded offences by ward" to load them.
                </p>
              }
            >
              {(t) => (
                <p class="small" data-testid="ward-recorded">
                  {RECORDED_LABEL}, {p().wardName}:{' '}
                  <Show when={t().values && t().subjectYear} fallback={<>no figures for this ward.</>}>
                    <strong>{int(t().subjectYear!.last12)}</strong> offences in the 12 months to {t().months.at(-1)} ({int(t().subjectYear!.previous12)} in the 12
                    before).
                  </Show>{' '}
                  Beside police.uk street crime: {int(p().crimes)} crimes over {p().months[0]} to {p().months.at(-1)}. Different counts (different groups, no
                  anti-social behaviour in the Met's), never added together.
                </p>
              )}
            </Show>
          </>
        )}
      </Show>
    </div>
  );
}
