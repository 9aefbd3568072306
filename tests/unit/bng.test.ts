import { describe, expect, it } from 'vitest';
import { BNG_BOUNDS, bngToWgs84 } from '../../src/ingest/bng';

/**
 * An independent implementation of Ordnance Survey's own formulas ("A guide to coordinate
 * systems in Great Britain", Annex C inverse transverse Mercator, and section 6.6 Helmert
 * OSGB36 -> WGS84), written here without proj4 so the production conversion is checked
 * against a second computation.
 */
function osGuideBngToWgs84(E: number, N: number): [number, number] {
  const a = 6377563.396, b = 6356256.909, F0 = 0.9996012717;
  const lat0 = (49 * Math.PI) / 180, lon0 = (-2 * Math.PI) / 180, N0 = -100000, E0 = 400000;
  const e2 = 1 - (b * b) / (a * a), n = (a - b) / (a + b);
  const M = (phi: number) =>
    b * F0 * ((1 + n + (5 / 4) * n ** 2 + (5 / 4) * n ** 3) * (phi - lat0)
      - (3 * n + 3 * n ** 2 + (21 / 8) * n ** 3) * Math.sin(phi - lat0) * Math.cos(phi + lat0)
      + ((15 / 8) * n ** 2 + (15 / 8) * n ** 3) * Math.sin(2 * (phi - lat0)) * Math.cos(2 * (phi + lat0))
      - (35 / 24) * n ** 3 * Math.sin(3 * (phi - lat0)) * Math.cos(3 * (phi + lat0)));
  let phi = lat0, m = 0;
  do {
    phi = (N - N0 - m) / (a * F0) + phi;
    m = M(phi);
  } while (Math.abs(N - N0 - m) >= 1e-5);
  const s = Math.sin(phi), c = Math.cos(phi), t = Math.tan(phi);
  const nu = a * F0 / Math.sqrt(1 - e2 * s * s), rho = a * F0 * (1 - e2) / (1 - e2 * s * s) ** 1.5, eta2 = nu / rho - 1;
  const VII = t / (2 * rho * nu), VIII = t / (24 * rho * nu ** 3) * (5 + 3 * t * t + eta2 - 9 * t * t * eta2);
  const IX = t / (720 * rho * nu ** 5) * (61 + 90 * t * t + 45 * t ** 4);
  const X = 1 / (c * nu), XI = 1 / (c * 6 * nu ** 3) * (nu / rho + 2 * t * t);
  const XII = 1 / (c * 120 * nu ** 5) * (5 + 28 * t * t + 24 * t ** 4);
  const XIIA = 1 / (c * 5040 * nu ** 7) * (61 + 662 * t * t + 1320 * t ** 4 + 720 * t ** 6);
  const dE = E - E0;
  const lat = phi - VII * dE ** 2 + VIII * dE ** 4 - IX * dE ** 6;
  const lon = lon0 + X * dE - XI * dE ** 3 + XII * dE ** 5 - XIIA * dE ** 7;
  // Geodetic (Airy) -> Cartesian -> Helmert -> geodetic (WGS84).
  const nuA = a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
  const x1 = nuA * Math.cos(lat) * Math.cos(lon), y1 = nuA * Math.cos(lat) * Math.sin(lon), z1 = nuA * (1 - e2) * Math.sin(lat);
  const sec = Math.PI / 180 / 3600;
  const tx = 446.448, ty = -125.157, tz = 542.06, rx = 0.1502 * sec, ry = 0.247 * sec, rz = 0.8421 * sec, sc = -20.4894e-6;
  const x2 = tx + (1 + sc) * x1 - rz * y1 + ry * z1;
  const y2 = ty + rz * x1 + (1 + sc) * y1 - rx * z1;
  const z2 = tz - ry * x1 + rx * y1 + (1 + sc) * z1;
  const aW = 6378137, bW = 6356752.314245, e2W = 1 - (bW * bW) / (aW * aW);
  const p = Math.hypot(x2, y2);
  let la = Math.atan2(z2, p * (1 - e2W));
  for (let i = 0; i < 10; i++) la = Math.atan2(z2 + e2W * (aW / Math.sqrt(1 - e2W * Math.sin(la) ** 2)) * Math.sin(la), p);
  return [(Math.atan2(y2, x2) * 180) / Math.PI, (la * 180) / Math.PI];
}

describe('bngToWgs84', () => {
  it('agrees with an independent implementation of the OS guide formulas to under 0.5 m across London', () => {
    const pts: [number, number][] = [[530000, 180430], [503500, 155800], [561000, 200900], [525000, 170000], [651409.903, 313177.27]];
    const { lon, lat } = bngToWgs84(pts.map((p) => p[0]), pts.map((p) => p[1]));
    pts.forEach(([e, n], i) => {
      const [elon, elat] = osGuideBngToWgs84(e, n);
      const dx = (lon[i] - elon) * 111_320 * Math.cos((elat * Math.PI) / 180);
      const dy = (lat[i] - elat) * 110_540;
      expect(Math.hypot(dx, dy)).toBeLessThan(0.5);
    });
  });

  it('reproduces the OS guide worked example projection (E 651409.903, N 313177.270)', () => {
    // OS guide Annex C: OSGB36 52°39′27.2531″N 1°43′4.5177″E <-> E 651409.903 N 313177.270.
    // After the Helmert shift to WGS84 the point moves ~100 m; checked to 1e-4° here against
    // the OS-formula implementation above.
    const { lon, lat } = bngToWgs84([651409.903], [313177.27]);
    const [elon, elat] = osGuideBngToWgs84(651409.903, 313177.27);
    expect(lon[0]).toBeCloseTo(elon, 5);
    expect(lat[0]).toBeCloseTo(elat, 5);
    expect(lon[0]).toBeCloseTo(1.71605, 4);
    expect(lat[0]).toBeCloseTo(52.65798, 4);
  });

  it('gives NaN for pairs outside the National Grid', () => {
    const { lon, lat } = bngToWgs84([-5, 800_000, BNG_BOUNDS.maxE + 1], [100, 100, 100]);
    expect([...lon].every(Number.isNaN)).toBe(true);
    expect([...lat].every(Number.isNaN)).toBe(true);
  });
});
