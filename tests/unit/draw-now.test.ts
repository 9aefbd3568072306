import { describe, expect, it } from 'vitest';
import type { MapboxOverlay } from '@deck.gl/mapbox';
import { drawNow } from '../../src/map/draw-now';

/** An overlay holding a Deck-like object that records what drawNow asks of it. */
function overlayWith(deck: object | undefined): MapboxOverlay {
  return { _deck: deck } as unknown as MapboxOverlay;
}

describe('drawNow', () => {
  it('applies the queued layers, then draws, in that order', () => {
    const calls: string[] = [];
    const deck = {
      isInitialized: true,
      layerManager: { updateLayers: () => calls.push('updateLayers') },
      redraw: (reason?: string) => calls.push(`redraw:${reason ?? ''}`),
    };
    drawNow(overlayWith(deck));
    // No forced reason: deck draws only if the update changed something (one draw per change).
    expect(calls).toEqual(['updateLayers', 'redraw:']);
  });

  it('does nothing before deck is initialised, without a deck, or when deck.gl no longer has the fields', () => {
    const calls: string[] = [];
    const redraw = () => calls.push('redraw');
    drawNow(overlayWith({ isInitialized: false, layerManager: { updateLayers: () => calls.push('updateLayers') }, redraw }));
    drawNow(overlayWith(undefined));
    drawNow(overlayWith({ isInitialized: true, layerManager: null, redraw }));
    drawNow(overlayWith({ isInitialized: true, redraw }));
    expect(calls).toEqual([]);
  });
});
