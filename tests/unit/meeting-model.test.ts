/**
 * The meeting model: stepping through the ranked proposals (each step selects its proposal),
 * the phase a meeting sees (the lifecycle's when under tasking), "since the last meeting" from
 * the log, the BCU and borough control limits from the cube, ending the meeting into the log,
 * and `meeting=1` in the link (with Solid's browser build: Node resolves 'solid-js' to its
 * server build, where memos never update).
 */
import { describe, expect, it, vi } from 'vitest';
import { ALL_CATEGORIES } from '../../src/analysis/categories';
import { dataCoverage } from '../../src/analysis/coverage';
import type { Proposal } from '../../src/analysis/tasking/proposals';
import type { AreaFilter } from '../../src/analysis/cube';
import type { CoverageView } from '../../src/state/coverage-view';
import type { ViewState } from '../../src/state/filters';
import { parseLog, serializeLog } from '../../src/state/lifecycle/log-file';
import type { LogStorage } from '../../src/state/lifecycle/opfs-log';
import type { TaskingModel } from '../../src/state/tasking-model';
import { cubeOfRows } from './helpers/cube';

vi.mock('solid-js', async () => {
  const browserBuild: string = '../../node_modules/solid-js/dist/solid.js';
  return (await import(/* @vite-ignore */ browserBuild)) as typeof import('solid-js');
});
const { createRoot, createSignal } = await import('solid-js');
const { createLifecycleModel } = await import('../../src/state/lifecycle/lifecycle-model');
const { createMeetingModel } = await import('../../src/state/meeting-model');

const BURGLARY = ALL_CATEGORIES.indexOf('Burglary');
const months = ['2026-01', '2026-02', '2026-03', '2026-04'];
// Borough X (BCU N): 10, 12, 14 then 30 in April (mean 12, sample SD 2, limits 8..16: above);
// borough Y (BCU S): 5 a month.
const cube = cubeOfRows(
  ['c1', 'c2'],
  months,
  [
    ...[10, 12, 14, 30].map((count, month) => ({ cell: 'c1', month, category: BURGLARY, count, borough: 0 })),
    ...[5, 5, 5, 5].map((count, month) => ({ cell: 'c2', month, category: BURGLARY, count, borough: 1 })),
  ],
  { boroughs: ['X', 'Y'], boroughBcu: ['N', 'S'] },
);
const proposal = (id: string, rank: number, phase: 'clear' | 'hold' | 'build', harm: number) =>
  ({ id, rank, cells: [id], harm, phase: { phase, reasons: [] } }) as unknown as Proposal;

function setup(search = '', area: AreaFilter = { kind: 'all' }) {
  let text = serializeLog([]);
  const storage: LogStorage = { load: async () => parseLog(text), save: async (events) => void (text = serializeLog(events)) };
  return createRoot(() => {
    const [view, setViewSignal] = createSignal({ layer: 'counts', proposal: null } as unknown as ViewState);
    const [proposals, setProposals] = createSignal<Proposal[]>([proposal('a', 1, 'clear', 100), proposal('b', 2, 'hold', 50)]);
    // A clock a second on at each decision: a close counts after a meeting only when later than it.
    let tick = 0;
    let n = 0;
    const lifecycle = createLifecycleModel(storage, () => new Date(Date.UTC(2026, 10, 30, 10, 0, tick++)), () => `e${++n}`);
    const tasking = { answer: () => ({ proposals: proposals(), edited: {} }) } as unknown as TaskingModel;
    let writes = 0;
    const meeting = createMeetingModel({
      get view() {
        return view();
      },
      setView: (p) => setViewSignal((v) => ({ ...v, ...p })),
      cube: () => cube,
      cubeFilter: () => ({ monthFrom: 0, monthTo: 3, categories: [BURGLARY], area }),
      coverage: () => ({ coverage: dataCoverage(cube) }) as CoverageView,
      harmWeights: () => Float64Array.from(ALL_CATEGORIES, () => 2),
      boundaries: () => null,
      tasking,
      lifecycle,
      writeUrl: () => writes++,
      search,
    });
    return { meeting, lifecycle, view, setProposals, log: () => parseLog(text), writes: () => writes };
  });
}

describe('meeting model', () => {
  it('a link with meeting=1 opens it on a hot spot layer, and the link keeps it while open', () => {
    const { meeting, view } = setup('?meeting=1');
    expect(meeting.open()).toBe(true);
    expect(view().layer).toBe('gi');
    expect(meeting.query('layer=gi')).toBe('layer=gi&meeting=1');
    meeting.setOpen(false);
    expect(meeting.query('layer=gi')).toBe('layer=gi');
  });

  it('steps select each ranked proposal in turn, within the first and last step', () => {
    const { meeting, view } = setup();
    meeting.setOpen(true);
    expect(meeting.steps()).toBe(3);
    expect(meeting.proposal()).toBeNull();
    meeting.go(1);
    expect(meeting.proposal()?.id).toBe('a');
    expect(view().proposal).toBe('a');
    meeting.go(9);
    expect(meeting.step()).toBe(2);
    expect(view().proposal).toBe('b');
    meeting.go(-1);
    expect(meeting.step()).toBe(0);
  });

  it('control limits per borough and BCU from the cube, as at the window\'s last month', () => {
    const { meeting } = setup('?meeting=1');
    expect(meeting.asAt()).toBe('2026-04');
    expect(meeting.lastMonth()).toBe('2026-03');
    const rows = meeting.limits()!;
    expect(rows.map((r) => [r.level, r.code])).toEqual([['bcu', 'N'], ['bcu', 'S'], ['borough', 'X'], ['borough', 'Y']]);
    const x = rows[2];
    expect([x.crimes.value, x.crimes.last, x.crimes.mean, x.crimes.sd, x.crimes.lower, x.crimes.upper, x.crimes.flag]).toEqual([30, 14, 12, 2, 8, 16, 'above']);
    expect(x.harm.mean).toBe(24);
  });

  it("lists only the view's area: a BCU and its borough, a borough and its BCU", () => {
    const codes = (area: AreaFilter) => setup('?meeting=1', area).meeting.limits()!.map((r) => [r.level, r.code]);
    expect(codes({ kind: 'bcu', codes: ['S'] })).toEqual([['bcu', 'S'], ['borough', 'Y']]);
    expect(codes({ kind: 'borough', codes: ['X'] })).toEqual([['bcu', 'N'], ['borough', 'X']]);
    // The figures are those of the all-London table.
    const y = setup('?meeting=1', { kind: 'bcu', codes: ['S'] }).meeting.limits()![1];
    expect([y.crimes.value, y.crimes.last, y.crimes.mean, y.crimes.flag]).toEqual([5, 5, 5, 'within']);
  });

  it('ends a meeting into the log with the phase under tasking, and the next compares with it', async () => {
    const { meeting, lifecycle, setProposals, log } = setup('?meeting=1');
    await lifecycle.saved();
    expect(meeting.since()!.new.map((c) => c.now.id)).toEqual(['a', 'b']);
    lifecycle.setWho('Insp Khan');
    lifecycle.record('b', 'accept', { phase: 'build' }, '');
    expect(meeting.sites().map((s) => s.phase)).toEqual(['clear', 'build']);
    meeting.end();
    expect(meeting.open()).toBe(false);
    await lifecycle.saved();
    const recorded = log().at(-1)!;
    expect(recorded).toMatchObject({ kind: 'meeting', siteId: '', who: 'Insp Khan' });
    expect(recorded.fields.snapshot).toEqual({
      asAt: '2026-04',
      sites: [
        { id: 'a', cells: ['a'], phase: 'clear', harm: 100, rank: 1 },
        { id: 'b', cells: ['b'], phase: 'build', harm: 50, rank: 2 },
      ],
    });
    // The site reducer never sees the meeting.
    expect([...lifecycle.sites().keys()]).toEqual(['b']);
    // Next time: "a" harm up 30 % (escalated), "b" closed, a new "c".
    lifecycle.record('b', 'close', {}, '');
    setProposals([proposal('a', 1, 'clear', 130), proposal('b', 2, 'build', 50), proposal('c', 3, 'hold', 20)]);
    const s = meeting.since()!;
    expect(s.escalated.map((c) => c.now.id)).toEqual(['a']);
    expect(s.closed.map((c) => c.siteId)).toEqual(['b']);
    expect(s.new.map((c) => c.now.id)).toEqual(['c']);
  });

  it('refuses to end a meeting without a name', () => {
    const { meeting } = setup('?meeting=1');
    expect(() => meeting.end()).toThrow(/give your name/);
    expect(meeting.open()).toBe(true);
  });
});
