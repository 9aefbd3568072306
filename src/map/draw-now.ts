/**
 * Draws the overlay's deck.gl layers at once instead of on deck's next animation frame.
 *
 * After `MapboxOverlay.setProps` deck.gl only marks the layers dirty and draws them in its own
 * requestAnimationFrame callback, so a filter change's colours reach the canvas at the start of
 * the next display frame, with that frame's other work queued behind the draw. Drawing in the
 * input's own task instead uses the idle time before the frame, so the frame only composites.
 * deck.gl's own frame does two things this repeats: `layerManager.updateLayers()` (setProps only
 * queues the new layers; this applies them, e.g. re-reads the colour attribute), then the public
 * `Deck.redraw()`, which draws only when something changed. deck's next frame then finds nothing
 * to do, so a change still costs one draw. MapboxOverlay (overlaid mode) keeps its Deck in a
 * private field and Deck its layer manager in a protected one, and neither forwards a way to
 * draw now; this reads both, and does nothing if a later deck.gl renames them (deck then draws
 * on its next frame, as before).
 */
import type { Deck } from '@deck.gl/core';
import type { MapboxOverlay } from '@deck.gl/mapbox';

export function drawNow(overlay: MapboxOverlay): void {
  const deck = (overlay as unknown as { _deck?: Deck })._deck;
  if (!deck || !deck.isInitialized) return;
  const layers = (deck as unknown as { layerManager?: { updateLayers?: () => void } | null }).layerManager;
  if (typeof layers?.updateLayers !== 'function') return;
  layers.updateLayers();
  deck.redraw();
}
