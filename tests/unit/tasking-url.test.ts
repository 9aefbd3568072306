/**
 * The tasking thresholds in the link (src/state/tasking-url.ts): only values that differ from the
 * core's defaults are kept, each checked against its range, and the text reads back exactly; and
 * the map layers of the selected site (src/map/proposal-layers.ts).
 */
import { cellToBoundary, gridDisk, latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { SITE_OUTLINE_RGB, cellPaths, proposalLayers, siteBounds } from '../../src/map/proposal-layers';
import { DEFAULT_SITE_SETTINGS } from '../../src/analysis/tasking/proposals';
import { DEFAULT_TASKING_SETTINGS } from '../../src/analysis/tasking/rules';
import { coreSettings, decodeThresholds, DEFAULT_THRESHOLDS, encodeThresholds, withThreshold } from '../../src/state/tasking-url';

describe('tasking thresholds in the link', () => {
  it('defaults are the core\'s', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({
      clearPriorityShare: DEFAULT_TASKING_SETTINGS.clearPriorityShare,
      fallShare: DEFAULT_TASKING_SETTINGS.fallShare,
      buildMonths: DEFAULT_TASKING_SETTINGS.buildMonths,
      levelMonths: DEFAULT_TASKING_SETTINGS.levelMonths,
      maxSiteAreaKm2: DEFAULT_SITE_SETTINGS.maxSiteAreaKm2,
      joinRings: DEFAULT_SITE_SETTINGS.joinRings,
    });
    expect(coreSettings({})).toEqual({
      tasking: { clearPriorityShare: 0.5, fallShare: 0.2, buildMonths: 6, levelMonths: 3 },
      sites: { maxSiteAreaKm2: 6, joinRings: 3 },
    });
  });

  it('a changed value is kept, a value set back to its default is dropped', () => {
    const o = withThreshold({}, 'clearPriorityShare', 0.6);
    expect(o).toEqual({ clearPriorityShare: 0.6 });
    expect(withThreshold(o, 'clearPriorityShare', 0.5)).toEqual({});
    expect(coreSettings(withThreshold(o, 'joinRings', 1))).toEqual({
      tasking: { clearPriorityShare: 0.6, fallShare: 0.2, buildMonths: 6, levelMonths: 3 },
      sites: { maxSiteAreaKm2: 6, joinRings: 1 },
    });
  });

  it('refuses values out of range', () => {
    expect(() => withThreshold({}, 'clearPriorityShare', 1.2)).toThrow('tasking: clearPriorityShare = 1.2 is out of range');
    expect(() => withThreshold({}, 'buildMonths', 2.5)).toThrow(/buildMonths = 2.5/);
    expect(() => withThreshold({}, 'maxSiteAreaKm2', 0)).toThrow(/maxSiteAreaKm2 = 0/);
    expect(() => withThreshold({}, 'joinRings', 0)).toThrow(/joinRings = 0/);
  });

  it('writes short keys in a fixed order and reads them back', () => {
    const o = { joinRings: 2, clearPriorityShare: 0.65, maxSiteAreaKm2: 2.5 };
    expect(encodeThresholds(o)).toBe('cps:0.65_km:2.5_jr:2');
    expect(decodeThresholds(encodeThresholds(o))).toEqual(o);
    expect(encodeThresholds({})).toBe('');
  });

  it('reads past junk: unknown keys, bad numbers and values out of range are ignored', () => {
    expect(decodeThresholds('cps:0.7_xx:3_bm:-1_fs:abc_lm:4:5_jr:11_km:1e-3')).toEqual({ clearPriorityShare: 0.7, maxSiteAreaKm2: 0.001 });
    expect(decodeThresholds(null)).toEqual({});
  });
});

describe('the selected site on the map', () => {
  const cells = [...gridDisk(latLngToCell(51.5117, -0.1233, 9), 1)].sort();
  it('outlines each cell as a closed path and frames the cells', () => {
    const paths = cellPaths(cells);
    expect(paths).toHaveLength(7);
    const ring = cellToBoundary(cells[0], true);
    expect(paths[0]).toEqual([...ring, ring[0]]);
    const all = cells.flatMap((c) => cellToBoundary(c, true));
    expect(siteBounds(cells)).toEqual([
      Math.min(...all.map((p) => p[0])),
      Math.min(...all.map((p) => p[1])),
      Math.max(...all.map((p) => p[0])),
      Math.max(...all.map((p) => p[1])),
    ]);
    expect(() => siteBounds([])).toThrow('siteBounds: no cells');
  });
  it('draws the cells thin and the outline thick, in lime; nothing without cells', () => {
    const layers = proposalLayers(cells);
    expect(layers.map((l) => l.id)).toEqual(['proposal-cells', 'proposal-outline']);
    expect(layers[1].props.getColor).toEqual([...SITE_OUTLINE_RGB, 255]);
    expect(layers[1].props.getWidth).toBeGreaterThan(layers[0].props.getWidth as number);
    // The merged outline of a disk is one ring.
    expect((layers[1].props.data as unknown[]).length).toBe(1);
    expect(proposalLayers([])).toEqual([]);
  });
});
