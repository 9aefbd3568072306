import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normalCdf, twoSidedP } from '../../src/analysis/normal.ts';

/** Golden values from mpmath.ncdf at 50 digits: tests/unit/fixtures/make_golden.py. */
const golden = JSON.parse(readFileSync(new URL('./fixtures/normal.json', import.meta.url), 'utf8')) as {
  x: number[];
  phi: number[];
  z: number[];
  twoSidedP: number[];
};

const relErr = (got: number, want: number) => Math.abs(got - want) / Math.abs(want);

describe('normalCdf(x)', () => {
  it('matches published and mpmath values', () => {
    // scipy.stats.norm.cdf(-1.96) = 0.024997895148220435;
    // mpmath.ncdf(-1.96) at 50 digits = 0.02499789514822043621282369239555352509402
    expect(relErr(normalCdf(-1.96), 0.024997895148220435)).toBeLessThan(1e-14);
    // mpmath.ncdf(-8) = 6.220960574271784123515995172588188422489e-16
    expect(relErr(normalCdf(-8), 6.220960574271784e-16)).toBeLessThan(1e-14);
    // mpmath.ncdf(-20) = 2.753624118606233695075622780857465332807e-89
    expect(relErr(normalCdf(-20), 2.7536241186062337e-89)).toBeLessThan(1e-14);
    // mpmath.ncdf(0.5) = 0.6914624612740131036377046106083377398836
    expect(relErr(normalCdf(0.5), 0.6914624612740131)).toBeLessThan(1e-15);
    expect(normalCdf(0)).toBe(0.5);
  });

  it('is within 1e-14 relative of mpmath on 475 points from -37.5 to 8.5, across all three of Cody\'s intervals', () => {
    let worst = 0;
    golden.x.forEach((x, i) => {
      worst = Math.max(worst, relErr(normalCdf(x), golden.phi[i]));
    });
    expect(golden.x.length).toBeGreaterThan(470);
    expect(worst).toBeLessThan(1e-14);
  });

  it('gives 0 and 1 at the infinities and 0 below -37.5193, where Φ is below the smallest normal double', () => {
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-40)).toBe(0);
  });

  it('throws on NaN with the function name', () => {
    expect(() => normalCdf(NaN)).toThrow(/normalCdf/);
  });
});

describe('twoSidedP(z)', () => {
  it('is 2Φ(−|z|) to 1e-14 relative, deep in the tail included', () => {
    // e.g. mpmath 2*ncdf(-2.576) = 0.009995064631470034789…, 2*ncdf(-8) = 1.2441921148543568…e-15
    golden.z.forEach((z, i) => {
      expect(relErr(twoSidedP(z), golden.twoSidedP[i])).toBeLessThan(1e-14);
      expect(relErr(twoSidedP(-z), golden.twoSidedP[i])).toBeLessThan(1e-14);
    });
    expect(relErr(twoSidedP(2.576), 0.009995064631470035)).toBeLessThan(1e-14);
  });

  it('is exactly 1 at z = 0 and 0 at infinite z', () => {
    expect(twoSidedP(0)).toBe(1);
    expect(twoSidedP(-Infinity)).toBe(0);
  });

  it('throws on NaN with the function name', () => {
    expect(() => twoSidedP(NaN)).toThrow(/twoSidedP/);
  });
});
