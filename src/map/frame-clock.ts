/**
 * When deck.gl last drew the map. The browser benchmark (bench/browser.ts) reads it through
 * `window.hotspotFrames` to time input to drawn frame; three numbers, so it costs nothing.
 * `layers` is the list the map last handed deck (one reference): the browser tests check with it
 * that a filter change hands deck a new hexagon layer and the same instances of the others.
 */
export const deckFrames: { count: number; startAt: number; lastAt: number; layers: readonly unknown[] } = { count: 0, startAt: 0, lastAt: 0, layers: [] };

/** deck.gl's onBeforeRender: a draw starts now. */
export function noteDeckDrawStart(): void {
  deckFrames.startAt = performance.now();
}

/** deck.gl's onAfterRender: one more frame drawn, now. */
export function noteDeckFrame(): void {
  deckFrames.count++;
  deckFrames.lastAt = performance.now();
}
