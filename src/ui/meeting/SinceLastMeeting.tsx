/**
 * The meeting's opening screen: what changed since the last meeting (new, escalated,
 * de-escalated and closed proposals, src/analysis/tasking/since-last-meeting.ts), then this
 * month against last per BCU and borough with control limits.
 */
import { createMemo, For, type JSX, Show } from 'solid-js';
import type { MeetingSite, SiteChange } from '../../analysis/tasking/since-last-meeting';
import { PHASE_NAMES, siteLabel } from '../../state/tasking-view';
import { useApp } from '../context';
import { monthInWords } from '../map/map-title';
import { AreaLimitsTable } from './AreaLimitsTable';

/** Items listed per list; the rest are counted ("and 12 more"), so all four fit the screen. */
const SHOWN = 3;

const harmWords = (h: number) => `${Math.round(h).toLocaleString('en-GB')} harm days`;

function changeWords(c: SiteChange, label: string): string {
  const b = c.before;
  if (!b) return `${label}: ${PHASE_NAMES[c.now.phase]}, ${harmWords(c.now.harm)}`;
  const phase = b.phase === c.now.phase ? PHASE_NAMES[c.now.phase] : `${PHASE_NAMES[b.phase]} → ${PHASE_NAMES[c.now.phase]}`;
  const pct = b.harm > 0 ? Math.round((c.now.harm / b.harm - 1) * 100) : null;
  const harm = pct === null ? harmWords(c.now.harm) : `harm ${pct >= 0 ? 'up' : 'down'} ${Math.abs(pct)} %`;
  const rank = b.rank === c.now.rank ? `rank ${c.now.rank}` : `rank ${b.rank} → ${c.now.rank}`;
  return `${label}: ${phase}, ${harm}, ${rank}`;
}

function ChangeList(props: { id: string; title: string; items: { key: string; rank: number | null; words: string }[] }): JSX.Element {
  return (
    <section class="mt-list" data-testid={props.id} data-count={props.items.length}>
      <h3>
        {props.title}: {props.items.length}
      </h3>
      <ul>
        <For each={props.items.slice(0, SHOWN)}>
          {(i) => (
            <li data-id={i.key}>
              {i.rank !== null ? `${i.rank}. ` : ''}
              {i.words}
            </li>
          )}
        </For>
      </ul>
      <Show when={props.items.length > SHOWN}>
        <p>and {props.items.length - SHOWN} more</p>
      </Show>
    </section>
  );
}

export function SinceLastMeeting() {
  const app = useApp();
  const m = app.meeting;
  const last = () => m.last();
  const labels = createMemo(() => new Map((app.tasking.answer()?.proposals ?? []).map((p) => [p.id, siteLabel(p)])));
  const item = (c: SiteChange) => ({ key: c.now.id, rank: c.now.rank, words: changeWords(c, labels().get(c.now.id) ?? `site ${c.now.id}`) });
  const closedItem = (c: { siteId: string; now: MeetingSite | null; before: MeetingSite | null }) => ({
    key: c.siteId,
    rank: c.now?.rank ?? null,
    words: `${(c.now && labels().get(c.now.id)) ?? `site ${c.siteId}`}${c.before ? ` (${PHASE_NAMES[c.before.phase]} at the last meeting, rank ${c.before.rank})` : ''}`,
  });
  const when = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  return (
    <div class="mt-since" data-testid="mt-since">
      <h2>Since the last meeting</h2>
      <p data-testid="mt-last-meeting">
        <Show when={last()} fallback="No meeting is recorded yet: every proposal is new.">
          {(l) => `Last meeting ${when(l().at)}, chaired by ${l().who}, on data as at ${monthInWords(l().snapshot.asAt)}, with ${l().snapshot.sites.length} ranked proposals.`}
        </Show>
      </p>
      <Show when={m.since()} fallback={<p data-testid="mt-busy">Building the proposals from the hot spot clusters…</p>}>
        {(s) => (
          <>
            <div class="mt-lists">
              <ChangeList id="mt-new" title="New" items={s().new.map(item)} />
              <ChangeList id="mt-escalated" title="Escalated" items={s().escalated.map(item)} />
              <ChangeList id="mt-de-escalated" title="De-escalated" items={s().deEscalated.map(item)} />
              <ChangeList id="mt-closed" title="Closed" items={s().closed.map(closedItem)} />
            </div>
            <p data-testid="mt-unchanged">
              {s().unchanged.length} unchanged; {s().noLongerProposed.length} of the last meeting's sites no longer proposed. Escalated: towards Clear, or harm up 20 % in
              the same phase.
            </p>
          </>
        )}
      </Show>
      <AreaLimitsTable />
    </div>
  );
}
