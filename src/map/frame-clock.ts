/**
 * When deck.gl last drew the map. The browser benchmark (bench/browser.ts) reads it through
 * `window.hotspotFrames` to time input to drawn frame; three numbers, so it costs nothing.
 */
export const deckFrames = { count: 0, startAt: 0, lastAt: 0 };

/** deck.gl's onBeforeRender: a draw starts now. */
export function noteDeckDrawStart(): void {
  deckFrames.startAt = performance.now();
}

/** deck.gl's onAfterRender: one more frame drawn, now. */
export function noteDeckFrame(): void {
  deckFrames.count++;
  deckFrames.lastAt = performance.now();
}
