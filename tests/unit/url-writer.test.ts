import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUrlWriter } from '../../src/state/url-writer';

describe('createUrlWriter(search, delayMs)', () => {
  const writes: string[] = [];
  const listeners = new Map<string, () => void>();
  beforeEach(() => {
    writes.length = 0;
    vi.useFakeTimers();
    vi.stubGlobal('history', { replaceState: (_s: unknown, _t: string, url: string) => writes.push(url) });
    vi.stubGlobal('location', { pathname: '/app/' });
    vi.stubGlobal('addEventListener', (type: string, fn: () => void) => listeners.set(type, fn));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('writes nothing inside the change, then once, with the latest view, after a quiet interval', () => {
    let q = 'cat=9';
    const w = createUrlWriter(() => q, 150);
    w.schedule();
    q = 'cat=9&res=8';
    w.schedule();
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(149);
    expect(writes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(writes).toEqual(['?cat=9&res=8']);
  });

  it('the default view (empty search) is the bare path', () => {
    const w = createUrlWriter(() => '', 150);
    w.schedule();
    vi.advanceTimersByTime(150);
    expect(writes).toEqual(['/app/']);
  });

  it('flush writes a pending view at once, and only once; leaving the page flushes', () => {
    const w = createUrlWriter(() => 'layer=gi', 150);
    w.flush();
    expect(writes).toEqual([]);
    w.schedule();
    w.flush();
    expect(writes).toEqual(['?layer=gi']);
    vi.advanceTimersByTime(500);
    expect(writes).toEqual(['?layer=gi']);
    w.schedule();
    listeners.get('pagehide')!();
    expect(writes).toEqual(['?layer=gi', '?layer=gi']);
  });
});
