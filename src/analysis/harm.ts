/**
 * Harm weighting: the Cambridge Crime Harm Index approximated per police.uk category
 * (data/harm-weights.json, derivation in data/SOURCES.md; ANALYSIS.md "Harm weights").
 */
import { ALL_CATEGORIES, STOP_AND_SEARCH } from './categories';

/** Anti-social behaviour is not a notifiable offence and has no CHI score (the UI says so). */
export const NO_CHI_SCORE = 'Anti-social behaviour';

/**
 * Weight per category code (ALL_CATEGORIES order) from a name → days table, with overrides.
 * Stop and search records are not crimes and weigh 0; a category missing from both tables throws.
 */
export function harmWeightVector(defaults: Record<string, number>, overrides: Record<string, number> = {}): Float64Array {
  return Float64Array.from(ALL_CATEGORIES, (c) => {
    if (c === STOP_AND_SEARCH) return 0;
    const w = overrides[c] ?? defaults[c];
    if (w === undefined || !Number.isFinite(w) || w < 0) throw new Error(`harmWeightVector: no valid weight for ${c}`);
    return w;
  });
}
