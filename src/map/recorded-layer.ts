/**
 * The ward choropleth of MPS recorded offences: the ward polygons filled by quantile class of
 * their offences, in an orange-red ramp (not the hexagons' viridis, so the two sources are never
 * read as one scale). A ward with no figures (the City of London's, policed by another force) is
 * drawn in its own grey hatch colour and never as zero; a ward with 0 offences gets the palest class.
 */
import { GeoJsonLayer } from '@deck.gl/layers';
import type { PickingInfo } from '@deck.gl/core';
import type { Feature, FeatureCollection } from 'geojson';
import { interpolateOrRd } from 'd3-scale-chromatic';
import { parseColor, quantileScale, type ColorClass, type RGBA } from './color-scale';

export const NO_FIGURES_COLOR: RGBA = [120, 126, 140, 150];
export const ZERO_COLOR: RGBA = [255, 247, 236, 200];

export interface RecordedScale {
  /** The classes above zero, lowest first. */
  classes: ColorClass[];
  /** Whether any ward has 0 offences (then the legend shows a "0" row). */
  hasZero: boolean;
  colorOf(offences: number | null): RGBA;
}

/** Up to six quantile classes over the wards' positive counts (as the hexagons' scale), recoloured. */
export function recordedScale(values: readonly number[]): RecordedScale {
  const q = quantileScale(values);
  const n = q.classes.length;
  const classes = q.classes.map((c, i) => ({ ...c, color: parseColor(interpolateOrRd(n === 1 ? 0.8 : 0.3 + (0.65 * i) / (n - 1)), 220) }));
  return {
    classes,
    hasZero: values.some((v) => v === 0),
    colorOf(v) {
      if (v === null) return NO_FIGURES_COLOR;
      if (v <= 0) return ZERO_COLOR;
      for (const c of classes) if (v <= c.to) return c.color;
      return classes[classes.length - 1]?.color ?? ZERO_COLOR;
    },
  };
}

/**
 * The ward polygons. `offencesOf` gives a ward's offences, or null when it has no figures;
 * `version` changes whenever the colours do, so deck re-reads them and nothing else.
 */
export function recordedWardLayer(opts: {
  wards: FeatureCollection;
  offencesOf: (code: string) => number | null;
  scale: RecordedScale;
  version: number;
  selected: string | null;
  onHover: (info: PickingInfo<Feature>) => void;
  onClick: (info: PickingInfo<Feature>) => boolean;
}) {
  const code = (f: Feature) => String(f.properties?.code);
  return new GeoJsonLayer<Record<string, unknown>>({
    id: 'recorded-wards',
    data: opts.wards as never,
    filled: true,
    stroked: true,
    getFillColor: (f) => opts.scale.colorOf(opts.offencesOf(code(f as Feature))),
    getLineColor: (f) => (code(f as Feature) === opts.selected ? [255, 64, 160, 255] : [30, 34, 46, 200]),
    getLineWidth: (f) => (code(f as Feature) === opts.selected ? 3 : 0.6),
    lineWidthUnits: 'pixels',
    updateTriggers: { getFillColor: opts.version, getLineColor: opts.selected, getLineWidth: opts.selected },
    pickable: true,
    autoHighlight: true,
    highlightColor: [255, 255, 255, 70],
    onHover: opts.onHover as never,
    onClick: opts.onClick as never,
  });
}
