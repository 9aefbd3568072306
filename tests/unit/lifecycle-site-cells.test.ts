/**
 * A site keeps its decisions when its cells change (issue 14, item 1: "nothing may be lost"): accept
 * and phase events record the site's cells, the log names the sites it knows with them, and the
 * proposals give a site over the same place the id it had (site-match.ts, proposals.ts
 * `withKnownIds`), where before a site whose smallest cell changed came back as a new proposal.
 */
import { gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { withKnownIds } from '../../src/analysis/tasking/proposals';
import { eventProblem, type EventFields, type EventKind, type LifecycleEvent } from '../../src/state/lifecycle/events';
import { foldLog, knownSites } from '../../src/state/lifecycle/reducer';

const CENTRE = latLngToCell(51.5117, -0.1233, 9);
const DISK = [...gridDisk(CENTRE, 2)].sort(); // 19 cells
let n = 0;
function ev(siteId: string, kind: EventKind, fields: EventFields, minute = 0): LifecycleEvent {
  return { id: `e${++n}`, at: new Date(Date.UTC(2026, 10, 30, 9, minute)).toISOString(), who: 'Insp Okafor', siteId, kind, fields, why: '' };
}

describe('cells on phase decisions', () => {
  it('accept and phase events may carry the site\'s cells; other kinds may not', () => {
    expect(eventProblem(ev(DISK[0], 'accept', { phase: 'clear', cells: DISK.slice(0, 3) }))).toBeNull();
    expect(eventProblem(ev(DISK[0], 'phase', { phase: 'hold', cells: DISK.slice(0, 3) }))).toBeNull();
    expect(eventProblem(ev(DISK[0], 'assign', { team: 'NPT 2', cells: DISK.slice(0, 3) }))).toBe('a assign event has no field "cells"');
  });

  it('refuses an empty list and anything that is not an H3 cell, naming it', () => {
    expect(eventProblem(ev(DISK[0], 'accept', { phase: 'clear', cells: [] }))).toBe('a site\'s "cells" must be a non-empty list of H3 cells');
    expect(eventProblem(ev(DISK[0], 'accept', { phase: 'clear', cells: [DISK[0], 'Camden'] }))).toBe('"Camden" in the site\'s "cells" is not an H3 cell');
    expect(eventProblem({ ...ev(DISK[0], 'accept', { phase: 'clear' }), fields: { phase: 'clear', cells: 'x' } })).toMatch(/non-empty list/);
  });

  it('the site state keeps the cells of its last phase decision; a site from an older log stands for its id\'s cell', () => {
    const sites = foldLog([
      ev('A', 'accept', { phase: 'clear', cells: DISK.slice(0, 4) }, 1),
      ev('A', 'assign', { team: 'NPT 2' }, 2),
      ev('A', 'phase', { phase: 'hold', cells: DISK.slice(2, 6) }, 3),
      ev(DISK[9], 'accept', { phase: 'build' }, 4),
      ev('R', 'reject', {}, 5),
    ]);
    expect(sites.get('A')!.cells).toEqual(DISK.slice(2, 6));
    expect(knownSites(sites)).toEqual([
      { id: 'A', cells: DISK.slice(2, 6) },
      { id: DISK[9], cells: [DISK[9]] },
      { id: 'R', cells: ['R'] },
    ]);
  });
});

describe('withKnownIds: a proposed site over a known site\'s place takes its id', () => {
  const site = (cells: string[]) => ({ id: [...cells].sort()[0], cells: [...cells].sort() });

  it('a site whose smallest cell changed (it lost its first cell) keeps the known id', () => {
    const known = [{ id: DISK[0], cells: DISK.slice(0, 5) }];
    const now = [site(DISK.slice(1, 6)), site(DISK.slice(10, 12))];
    expect(now[0].id).toBe(DISK[1]);
    expect(withKnownIds(now, known).map((s) => s.id)).toEqual([DISK[0], DISK[10]]);
  });

  it('one to one: of two sites over one known site, the larger overlap takes the id; the same id wins over overlap', () => {
    const known = [{ id: 'K', cells: DISK.slice(0, 6) }];
    expect(withKnownIds([site(DISK.slice(0, 2)), site(DISK.slice(2, 7))], known).map((s) => s.id)).toEqual([DISK[0], 'K']);
    const sameId = [{ id: DISK[0], cells: DISK.slice(0, 6) }];
    expect(withKnownIds([site(DISK.slice(0, 2)), site(DISK.slice(2, 7))], sameId).map((s) => s.id)).toEqual([DISK[0], DISK[2]]);
  });

  it('no known sites, or none sharing a cell: the sites keep their own ids', () => {
    const now = [site(DISK.slice(0, 3))];
    expect(withKnownIds(now, [])).toEqual(now);
    expect(withKnownIds(now, [{ id: 'K', cells: DISK.slice(10, 12) }])).toEqual(now);
  });
});
