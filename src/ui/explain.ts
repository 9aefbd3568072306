/** Plain-words explanations of every figure the hotspot layers show (for hovers and legends). */
import type { EmergingCategory } from '../analysis/emerging.ts';

export function explainGiBin(bin: number, fdr: boolean): string {
  if (bin === 0) return fdr ? 'Not a significant hot or cold spot once multiple testing is corrected for.' : 'Not a significant hot or cold spot.';
  const conf = Math.abs(bin) === 3 ? 99 : Math.abs(bin) === 2 ? 95 : 90;
  const kind = bin > 0 ? 'hot spot: this hexagon and its neighbours have more' : 'cold spot: this hexagon and its neighbours have less';
  const fdrText = fdr ? ' after correcting for multiple testing (false discovery rate)' : '';
  return `${conf}% confident this is a ${kind} crime than the study area as a whole would give by chance${fdrText}.`;
}

export function explainZ(z: number, p: number): string {
  return `Gi* z = ${z.toFixed(2)} (two-sided p = ${p < 0.0001 ? p.toExponential(1) : p.toFixed(4)}): ${Math.abs(z).toFixed(1)} standard deviations ${z >= 0 ? 'above' : 'below'} what chance would give.`;
}

export const EMERGING_EXPLAINED: Record<EmergingCategory, string> = {
  'New Hot Spot': 'A significant hot spot for the first time in the final month.',
  'Consecutive Hot Spot': 'A run of hot months ending in the final month, after a time when it was not hot.',
  'Intensifying Hot Spot': 'Hot in at least 90% of months, and getting hotter (significant upward trend).',
  'Persistent Hot Spot': 'Hot in at least 90% of months, with no significant trend up or down.',
  'Diminishing Hot Spot': 'Hot in at least 90% of months, but cooling (significant downward trend).',
  'Sporadic Hot Spot': 'Hot in the final month and on and off before, never cold.',
  'Oscillating Hot Spot': 'Hot in the final month, and a significant cold spot in some earlier month.',
  'Historical Hot Spot': 'Hot in at least 90% of months, but not in the final month.',
  'New Cold Spot': 'A significant cold spot for the first time in the final month.',
  'Consecutive Cold Spot': 'A run of cold months ending in the final month.',
  'Intensifying Cold Spot': 'Cold in at least 90% of months, and getting colder.',
  'Persistent Cold Spot': 'Cold in at least 90% of months, with no significant trend.',
  'Diminishing Cold Spot': 'Cold in at least 90% of months, but less so over time.',
  'Sporadic Cold Spot': 'Cold in the final month and on and off before, never hot.',
  'Oscillating Cold Spot': 'Cold in the final month, and a significant hot spot in some earlier month.',
  'Historical Cold Spot': 'Cold in at least 90% of months, but not in the final month.',
  'No Pattern Detected': 'None of the hot or cold spot patterns.',
};

export const PAI_EXPLAINED =
  'PAI (Predictive Accuracy Index) = share of the test month’s crimes caught ÷ share of the area flagged. 1 is no better than chance; higher is better.';
export const PEI_EXPLAINED =
  'PEI* = crimes caught ÷ the most crimes any set of the same number of hexagons could have caught. 1 is a perfect forecast.';
