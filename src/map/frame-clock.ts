/**
 * When deck.gl last finished drawing the map. The browser benchmark (bench/browser.ts) reads it
 * through `window.hotspotFrames` to time input to drawn frame; two numbers, so it costs nothing.
 */
export const deckFrames = { count: 0, lastAt: 0 };

/** deck.gl's onAfterRender: one more frame drawn, now. */
export function noteDeckFrame(): void {
  deckFrames.count++;
  deckFrames.lastAt = performance.now();
}
