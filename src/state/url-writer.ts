/**
 * Puts the view into the address bar shortly after it changes, not inside the change.
 *
 * `history.replaceState` costs Chromium a cross-process round trip: measured in the built app
 * (bench/browser.ts, on this 2-core machine) a median 4-8 ms per filter change, as much as the
 * aggregation itself, spent before the map could redraw. Writing after a short quiet interval
 * takes it off the input-to-frame path, and a slider drag or the month player writes once per
 * pause instead of once per step (Chromium also ignores a page's replaceState calls beyond about
 * 200 in 10 s). A page being left writes at once, so the address it leaves is the view.
 */
export interface UrlWriter {
  /** Writes the current view `delayMs` after the last call. */
  schedule(): void;
  /** Writes now if a write is pending. */
  flush(): void;
}

export function createUrlWriter(search: () => string, delayMs = 150): UrlWriter {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const q = search();
    history.replaceState(null, '', q ? `?${q}` : location.pathname);
  };
  const flush = () => {
    if (timer === null) return;
    clearTimeout(timer);
    write();
  };
  addEventListener('pagehide', flush);
  return {
    schedule() {
      if (timer !== null) clearTimeout(timer);
      timer = setTimeout(write, delayMs);
    },
    flush,
  };
}
