import { describe, expect, it } from 'vitest';
import { HATCH_RGB, hatchImage, noDataFilter, noDataLayer } from '../../src/map/no-data';

describe('the no-data hatch', () => {
  const img = hatchImage();
  const striped = (x: number, y: number) => img.data[((y % 16) * 16 + (x % 16)) * 4 + 3] === 255;

  it('is a 16×16 RGBA image with 3 stripe pixels per row in the stripe colour, the rest transparent', () => {
    expect([img.width, img.height, img.data.length]).toEqual([16, 16, 16 * 16 * 4]);
    for (let y = 0; y < 16; y++) {
      let n = 0;
      for (let x = 0; x < 16; x++) {
        const i = (y * 16 + x) * 4;
        if (striped(x, y)) {
          n++;
          expect(Array.from(img.data.subarray(i, i + 3))).toEqual(HATCH_RGB);
        } else expect(img.data[i + 3]).toBe(0);
      }
      expect(n).toBe(3);
    }
  });

  it('tiles seamlessly: stripes run diagonally across the tile edges', () => {
    // A pixel is striped exactly when the one up-right of it is, wrapping around the edges.
    for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) expect(striped(x, y)).toBe(striped(x + 1, y + 15));
  });

  it('the layer fills the listed boroughs (by code) with the pattern', () => {
    expect(noDataFilter(['E09000012', 'E09000030'])).toEqual(['in', ['get', 'code'], ['literal', ['E09000012', 'E09000030']]]);
    const layer = noDataLayer();
    expect(layer.source).toBe('boroughs');
    expect(layer.filter).toEqual(['in', ['get', 'code'], ['literal', []]]);
    expect(layer.paint?.['fill-pattern']).toBe('no-data-hatch');
  });
});
