/**
 * The resolution the loaded data supports (issue 11, item 3): the coarsest precision of the loaded
 * files (src/db/precision.ts), which resolutions that refuses and why, and the notice shown when a
 * view (a link, or a view kept while a coarser file was loaded) asked for a finer one and was
 * moved to the finest allowed. Nothing finer is ever built silently: the app model builds its
 * cube at the resolution {@link PrecisionModel.settle} returns.
 */
import { createSignal, type Accessor } from 'solid-js';
import { finerThanDataReason, refusedResolutions, resolutionRefusal } from '../analysis/precision';
import type { DbClient } from '../db/client';
import { loadedPrecision, type LoadedPrecision } from '../db/precision';
import { H3_RESOLUTIONS, type H3Resolution } from '../db/schema';

export interface PrecisionModel {
  /** The loaded data's precision (no limit before anything is loaded). */
  precision: Accessor<LoadedPrecision>;
  /** Why resolution `r` is refused, in words, or null when the data supports it. */
  refusal(r: number): string | null;
  /** The refused resolutions together, in words ("Resolution 10 is finer than the data: ..."), or null. */
  limitNote: Accessor<string | null>;
  /** Set when the asked resolution was refused and the finest allowed shown instead; cleared by the next choice. */
  fallbackNotice: Accessor<string | null>;
  /**
   * Reads the loaded files' precision (call inside a database job) and returns the resolution to
   * build: `asked`, or the finest allowed when `asked` is finer than the data supports.
   */
  settle(db: DbClient, asked: H3Resolution): Promise<H3Resolution>;
}

export function createPrecisionModel(): PrecisionModel {
  const [precision, setPrecision] = createSignal<LoadedPrecision>({ cellAreaM2: null, finestResolution: null, fileName: null });
  const [fallbackNotice, setFallbackNotice] = createSignal<string | null>(null);
  /** The resolution the last settle returned: asking for it again (a reload) keeps the notice. */
  let settled: H3Resolution | null = null;

  async function settle(db: DbClient, asked: H3Resolution): Promise<H3Resolution> {
    const p = await loadedPrecision(db);
    setPrecision(p);
    const why = resolutionRefusal(asked, p);
    if (why && p.finestResolution !== null) {
      const finest = p.finestResolution as H3Resolution;
      setFallbackNotice(`${why}. Showing resolution ${finest} instead of the ${asked} asked for.`);
      settled = finest;
      return finest;
    }
    if (asked !== settled) setFallbackNotice(null);
    settled = asked;
    return asked;
  }

  return {
    precision,
    refusal: (r) => resolutionRefusal(r, precision()),
    limitNote: () => finerThanDataReason(refusedResolutions(H3_RESOLUTIONS, precision()), precision()),
    fallbackNotice,
    settle,
  };
}
