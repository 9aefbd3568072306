/**
 * The false-discovery-rate levels of Esri's FDR correction, weakest first: bin 1 is 90 %
 * confidence (α = 0.10), bin 2 is 95 % (α = 0.05), bin 3 is 99 % (α = 0.01).
 */
export const FDR_ALPHAS = [0.1, 0.05, 0.01] as const;

function checkP(p: ArrayLike<number>, caller: string): void {
  for (let i = 0; i < p.length; i++) {
    const v = p[i];
    if (!(v >= 0 && v <= 1)) throw new Error(`${caller}: p[${i}] = ${v} is not a probability in [0, 1]`);
  }
}

function checkAlpha(alpha: number, caller: string): void {
  if (!(alpha > 0 && alpha <= 1)) throw new Error(`${caller}: alpha = ${alpha} is not in (0, 1]`);
}

/**
 * The Benjamini-Hochberg cut-off p₍ₖ*₎ for p-values sorted ascending, or −1 when no k passes.
 * Scans from the largest k down, so the first k that passes is the maximum (step-up). O(n).
 */
function bhThreshold(sorted: Float64Array, alpha: number): number {
  const n = sorted.length;
  for (let k = n; k >= 1; k--) {
    if (sorted[k - 1] <= (k * alpha) / n) return sorted[k - 1];
  }
  return -1;
}

/**
 * Benjamini-Hochberg step-up procedure: which hypotheses are rejected at false discovery rate α.
 *
 * Sort the n p-values ascending, p₍₁₎ ≤ … ≤ p₍ₙ₎, find k* = max{k : p₍ₖ₎ ≤ k·α/n}, and reject
 * the k* smallest (none if no k qualifies). The comparison is computed as written, p₍ₖ₎ ≤ (k·α)/n.
 * Ties: every p-value ≤ p₍ₖ*₎ passes. This is the same set as "the k* smallest", because a
 * p-value tied with p₍ₖ*₎ at a later rank k' > k* would also satisfy p₍ₖ'₎ ≤ k'·α/n, so k* is
 * already past every tie; stating it as a threshold makes the result independent of sort order.
 * Cost: O(n log n) for the sort.
 *
 * Reference: Y. Benjamini & Y. Hochberg, "Controlling the false discovery rate: a practical and
 * powerful approach to multiple testing", Journal of the Royal Statistical Society B 57 (1995)
 * 289–300. ANALYSIS.md ("giBinFdr") pins this form.
 *
 * @param p - p-values in [0, 1].
 * @param alpha - The false discovery rate q, in (0, 1].
 * @throws {Error} when a p-value is NaN or outside [0, 1], or alpha is outside (0, 1].
 * @returns One byte per p-value: 1 = rejected (significant), 0 = not.
 * @example
 * // Benjamini & Hochberg (1995) section 4.2: 15 p-values, q = 0.05, the 4 smallest rejected.
 * benjaminiHochberg([0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459,
 *   0.324, 0.4262, 0.5719, 0.6528, 0.759, 1], 0.05); // Uint8Array [1, 1, 1, 1, 0, …, 0]
 */
export function benjaminiHochberg(p: ArrayLike<number>, alpha: number): Uint8Array {
  checkAlpha(alpha, 'benjaminiHochberg');
  checkP(p, 'benjaminiHochberg');
  const threshold = bhThreshold(Float64Array.from(p).sort(), alpha);
  const pass = new Uint8Array(p.length);
  for (let i = 0; i < p.length; i++) pass[i] = p[i] <= threshold ? 1 : 0;
  return pass;
}

/**
 * Esri's FDR-corrected confidence bins (ANALYSIS.md, `giBinFdr`): Benjamini-Hochberg is run once
 * for each α in 0.10, 0.05, 0.01 over all the p-values, and a location's bin is the highest
 * level it passes (1, 2, 3 for 90, 95, 99 % confidence), signed by its z-score; 0 when it passes
 * none. The BH rejection sets are nested (a smaller α gives a smaller k*), so the bin is also the
 * number of levels passed. The p-values are sorted once for the three thresholds: O(n log n).
 *
 * This is the "Apply False Discovery Rate (FDR) Correction" option of Esri's Hot Spot Analysis
 * and the significance test of its Emerging Hot Spot Analysis.
 *
 * @param z - z-scores (sign only is used; z = 0 gives bin 0).
 * @param p - Their p-values, same length.
 * @throws {Error} when the lengths differ or a p-value is not in [0, 1].
 * @returns One bin per location in −3..3.
 * @example
 * fdrBins([3.3, -2.2, 0.5], [0.001, 0.028, 0.62]); // Int8Array [3, -1, 0]
 */
export function fdrBins(z: ArrayLike<number>, p: ArrayLike<number>): Int8Array {
  if (z.length !== p.length) throw new Error(`fdrBins: z has ${z.length} values but p has ${p.length}`);
  checkP(p, 'fdrBins');
  const sorted = Float64Array.from(p).sort();
  const thresholds = FDR_ALPHAS.map((alpha) => bhThreshold(sorted, alpha));
  const bins = new Int8Array(p.length);
  for (let i = 0; i < p.length; i++) {
    let level = 0;
    while (level < thresholds.length && p[i] <= thresholds[level]) level++;
    bins[i] = z[i] > 0 ? level : z[i] < 0 ? -level : 0;
  }
  return bins;
}
