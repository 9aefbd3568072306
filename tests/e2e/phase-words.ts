/**
 * How the screen names the Clear/Hold/Build phases, and how the phase rules speak of a site
 * already under a phase (src/analysis/tasking/rules.ts `recommendPhase`): written here from the
 * rules, for the lifecycle, review and pack browser tests.
 */
export const PHASE_WORD = { clear: 'Clear', hold: 'Hold', build: 'Build' } as const;

/** The first reason's opening for a site already under `phase`. */
export const FROM_PHASE = {
  clear: /^(Clear: stays under Clear|Hold: )/,
  hold: /^(Hold: stays under Hold|Build: |Clear: back to Clear)/,
  build: /^(Build: stays under Build|Clear: back to Clear)/,
} as const;
