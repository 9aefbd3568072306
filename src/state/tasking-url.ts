/**
 * The Clear/Hold/Build thresholds a user can change in the proposals panel (issue 13, items 1 and
 * 2), and how the link keeps those that differ from the defaults (`tk=cps:0.6_bm:4`). The
 * defaults are the analysis core's (src/analysis/tasking/rules.ts, proposals.ts); only the main
 * thresholds are offered, every other one stays at its default and is shown beside the result.
 */
import { DEFAULT_SITE_SETTINGS, type SiteSettings } from '../analysis/tasking/proposals';
import { DEFAULT_TASKING_SETTINGS, type TaskingSettings } from '../analysis/tasking/rules';

/** The thresholds the panel offers. */
export interface TaskingThresholds {
  /** Clear: share of harm from violence, robbery, weapons and drugs (0..1). */
  clearPriorityShare: number;
  /** Hold after Clear, and Build: the fall from the former level (0..1). */
  fallShare: number;
  /** Build: months in a row held below the former level. */
  buildMonths: number;
  /** Months averaged into a level of harm. */
  levelMonths: number;
  /** Largest site, km². */
  maxSiteAreaKm2: number;
  /** Clusters join within this many grid steps. */
  joinRings: number;
}

export const DEFAULT_THRESHOLDS: Readonly<TaskingThresholds> = Object.freeze({
  clearPriorityShare: DEFAULT_TASKING_SETTINGS.clearPriorityShare,
  fallShare: DEFAULT_TASKING_SETTINGS.fallShare,
  buildMonths: DEFAULT_TASKING_SETTINGS.buildMonths,
  levelMonths: DEFAULT_TASKING_SETTINGS.levelMonths,
  maxSiteAreaKm2: DEFAULT_SITE_SETTINGS.maxSiteAreaKm2,
  joinRings: DEFAULT_SITE_SETTINGS.joinRings,
});

type Key = keyof TaskingThresholds;

/** Short URL keys and what a valid value is. */
const FIELDS: Record<Key, { url: string; valid: (x: number) => boolean }> = {
  clearPriorityShare: { url: 'cps', valid: (x) => x >= 0 && x <= 1 },
  fallShare: { url: 'fs', valid: (x) => x >= 0 && x <= 1 },
  buildMonths: { url: 'bm', valid: (x) => Number.isInteger(x) && x >= 1 && x <= 120 },
  levelMonths: { url: 'lm', valid: (x) => Number.isInteger(x) && x >= 1 && x <= 60 },
  maxSiteAreaKm2: { url: 'km', valid: (x) => Number.isFinite(x) && x > 0 && x <= 2000 },
  joinRings: { url: 'jr', valid: (x) => Number.isInteger(x) && x >= 1 && x <= 10 },
};
export const THRESHOLD_KEYS = Object.keys(FIELDS) as Key[];

/** Whether `x` is a valid value of the threshold `key`. */
export function validThreshold(key: Key, x: number): boolean {
  return FIELDS[key].valid(x);
}

/** The overrides with `key` set to `x`; a value equal to the default is dropped, so the link stays short. */
export function withThreshold(overrides: Partial<TaskingThresholds>, key: Key, x: number): Partial<TaskingThresholds> {
  if (!validThreshold(key, x)) throw new Error(`tasking: ${key} = ${x} is out of range`);
  const out = { ...overrides };
  if (x === DEFAULT_THRESHOLDS[key]) delete out[key];
  else out[key] = x;
  return out;
}

/** The core's settings for the overrides. */
export function coreSettings(o: Partial<TaskingThresholds>): { tasking: Partial<TaskingSettings>; sites: Partial<SiteSettings> } {
  const t = { ...DEFAULT_THRESHOLDS, ...o };
  return {
    tasking: { clearPriorityShare: t.clearPriorityShare, fallShare: t.fallShare, buildMonths: t.buildMonths, levelMonths: t.levelMonths },
    sites: { maxSiteAreaKm2: t.maxSiteAreaKm2, joinRings: t.joinRings },
  };
}

/** 'cps:0.6_bm:4' (in {@link THRESHOLD_KEYS} order), or '' with no override. */
export function encodeThresholds(o: Partial<TaskingThresholds>): string {
  return THRESHOLD_KEYS.filter((k) => o[k] !== undefined && validThreshold(k, o[k]!))
    .map((k) => `${FIELDS[k].url}:${o[k]}`)
    .join('_');
}

/** Reads {@link encodeThresholds}' text; unknown keys and invalid values are ignored. Never throws. */
export function decodeThresholds(s: string | null): Partial<TaskingThresholds> {
  const out: Partial<TaskingThresholds> = {};
  if (!s) return out;
  for (const pair of s.split('_')) {
    const [k, v, ...rest] = pair.split(':');
    const key = THRESHOLD_KEYS.find((x) => FIELDS[x].url === k);
    if (!key || rest.length > 0 || v === undefined || !/^\d+(\.\d+)?(e-?\d+)?$/.test(v)) continue;
    const x = Number(v) + 0;
    if (validThreshold(key, x)) out[key] = x;
  }
  return out;
}
