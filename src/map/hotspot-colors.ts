/**
 * Colours for the hotspot layers. Gi* bins use ColorBrewer's RdBu diverging scheme (colour-blind
 * safe, and the red-hot / blue-cold convention of ArcGIS Pro's hot spot maps). Emerging
 * categories follow Esri's families: reds for hot patterns, blues for cold, darker for
 * stronger/longer-lived patterns, with a hatch-free palette checked for deuteranopia by keeping
 * hot and cold on the red-blue axis.
 */
import type { EmergingCategory } from '../analysis/emerging.ts';
import type { RGBA } from './color-scale';

/** Bin -3..3 -> colour (index bin + 3). Bin 0 is not drawn. */
export const GI_BIN_COLORS: RGBA[] = [
  [33, 102, 172, 225], // -3 cold, 99 %
  [103, 169, 207, 215], // -2 cold, 95 %
  [209, 229, 240, 205], // -1 cold, 90 %
  [0, 0, 0, 0], // not significant
  [253, 219, 199, 205], // +1 hot, 90 %
  [239, 138, 98, 215], // +2 hot, 95 %
  [178, 24, 43, 225], // +3 hot, 99 %
];

export const GI_BIN_LABELS: Record<number, string> = {
  3: 'Hot spot, 99 % confidence',
  2: 'Hot spot, 95 % confidence',
  1: 'Hot spot, 90 % confidence',
  0: 'Not significant',
  [-1]: 'Cold spot, 90 % confidence',
  [-2]: 'Cold spot, 95 % confidence',
  [-3]: 'Cold spot, 99 % confidence',
};

export const EMERGING_COLORS: Record<EmergingCategory, RGBA> = {
  'New Hot Spot': [252, 187, 161, 220],
  'Consecutive Hot Spot': [252, 146, 114, 220],
  'Intensifying Hot Spot': [203, 24, 29, 230],
  'Persistent Hot Spot': [165, 15, 21, 230],
  'Diminishing Hot Spot': [251, 106, 74, 220],
  'Sporadic Hot Spot': [254, 224, 210, 210],
  'Oscillating Hot Spot': [239, 59, 44, 220],
  'Historical Hot Spot': [150, 110, 100, 210],
  'New Cold Spot': [198, 219, 239, 220],
  'Consecutive Cold Spot': [158, 202, 225, 220],
  'Intensifying Cold Spot': [33, 113, 181, 230],
  'Persistent Cold Spot': [8, 69, 148, 230],
  'Diminishing Cold Spot': [107, 174, 214, 220],
  'Sporadic Cold Spot': [222, 235, 247, 210],
  'Oscillating Cold Spot': [66, 146, 198, 220],
  'Historical Cold Spot': [100, 110, 150, 210],
  'No Pattern Detected': [0, 0, 0, 0],
};
