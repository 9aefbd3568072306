/**
 * Seeded randomness for what must come out the same on every run and machine: patrol visit
 * orders (tasking/patrol.ts) and the benchmark's resample.
 */

/**
 * Mulberry32, a small seeded generator of uniform numbers in [0, 1) (Tommy Ettinger's public
 * domain 32-bit generator): the same seed gives the same sequence in every engine, since it uses
 * only 32-bit integer arithmetic (Math.imul, shifts).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
