/** A user's boundary file as a boundary level (issue 12, item 2): accepted, converted, or refused with its reason. */
import { describe, expect, it } from 'vitest';
import { bngToWgs84 } from '../../src/ingest/bng';
import { boundaryLevel, isBoundaryFileName, nameCandidates, parseBoundaryFile } from '../../src/ingest/boundary-file';

const square = (x: number, y: number, d: number) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
const fc = (features: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'FeatureCollection', ...extra, features });
const poly = (props: Record<string, unknown>, coordinates: unknown, type = 'Polygon') => ({ type: 'Feature', properties: props, geometry: { type, coordinates } });

describe('parseBoundaryFile', () => {
  it('reads WGS84 polygons and multipolygons, leaves out other geometries and detects the naming property', () => {
    const f = parseBoundaryFile(
      'chb.geojson',
      fc([
        poly({ id: 7, SiteName: 'Hold: Seven Sisters', kind: 'hold' }, square(-0.08, 51.58, 0.01)),
        poly({ id: 8, SiteName: 'Build: Holloway', kind: 'build' }, [square(-0.12, 51.55, 0.01), square(-0.1, 51.55, 0.005)], 'MultiPolygon'),
        { type: 'Feature', properties: { id: 9 }, geometry: { type: 'Point', coordinates: [-0.1, 51.5] } },
      ]),
    );
    expect(f.features).toHaveLength(2);
    expect(f.skipped).toBe(1);
    expect(f.converted).toBe(false);
    expect(f.features[0].geometry).toEqual({ type: 'Polygon', coordinates: square(-0.08, 51.58, 0.01) });
    // "SiteName" ends in "name"; id is distinct on every area; kind too (2 values, 2 areas).
    expect(f.nameProperties).toEqual(['SiteName', 'id', 'kind']);
    expect(f.nameProperty).toBe('SiteName');
  });

  it('converts British National Grid metres with proj4 (a point near Charing Cross)', () => {
    // E 530000, N 180430 lies by Charing Cross; every corner is converted as bngToWgs84 does
    // (bng.test.ts checks that conversion against the OS guide formulas to 0.5 m).
    const f = parseBoundaryFile('site.json', fc([poly({ NAME: 'Site' }, square(530000, 180430, 100))]));
    expect(f.converted).toBe(true);
    const ring = (f.features[0].geometry.coordinates as number[][][])[0];
    const expected = bngToWgs84([530000, 530100, 530100, 530000, 530000], [180430, 180430, 180530, 180530, 180430]);
    expect(ring).toEqual([0, 1, 2, 3, 4].map((i) => [expected.lon[i], expected.lat[i]]));
    const [lon, lat] = ring[0];
    expect(lon).toBeCloseTo(-0.128, 2);
    expect(lat).toBeCloseTo(51.507, 2);
    // 100 m east is about 0.00144 degrees of longitude at this latitude.
    const [lon2] = (f.features[0].geometry.coordinates as number[][][])[0][1];
    expect(lon2 - lon).toBeCloseTo(100 / (111_320 * Math.cos((51.5074 * Math.PI) / 180)), 4);
    expect(f.nameProperty).toBe('NAME');
  });

  it('takes the legacy crs member at its word: EPSG:27700 is converted, another EPSG is refused with its code', () => {
    const crs = (name: string) => ({ crs: { type: 'name', properties: { name } } });
    expect(parseBoundaryFile('a.geojson', fc([poly({ name: 'a' }, square(530000, 180000, 50))], crs('urn:ogc:def:crs:EPSG::27700'))).converted).toBe(true);
    expect(() => parseBoundaryFile('b.geojson', fc([poly({ name: 'b' }, square(-14000, 6711000, 50))], crs('EPSG:3857')))).toThrow(
      'b.geojson: its coordinates are in EPSG:3857; save it in WGS84 longitude/latitude (EPSG:4326) or British National Grid (EPSG:27700)',
    );
  });

  it('refuses what is not a FeatureCollection of areas, saying why', () => {
    expect(() => parseBoundaryFile('x.json', '{"type": "Feat')).toThrow(/^x\.json: it is not JSON \(/);
    expect(() => parseBoundaryFile('x.json', JSON.stringify(poly({}, square(0, 51, 1))))).toThrow(
      'x.json: it is a GeoJSON Feature, not a GeoJSON FeatureCollection of Polygon or MultiPolygon areas',
    );
    expect(() => parseBoundaryFile('x.json', '[1, 2]')).toThrow('x.json: it is not GeoJSON, not a GeoJSON FeatureCollection');
    expect(() => parseBoundaryFile('x.json', fc([{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[0, 51], [1, 52]] } }]))).toThrow(
      'x.json: it holds no Polygon or MultiPolygon area (1 feature: LineString)',
    );
    expect(() => parseBoundaryFile('x.json', fc([]))).toThrow('x.json: it holds no Polygon or MultiPolygon area (0 features)');
  });

  it('names swapped axes and coordinates that are in no known frame', () => {
    expect(() => parseBoundaryFile('s.json', fc([poly({ name: 's' }, [[[51.5, -0.1], [51.6, -0.1], [51.6, 0], [51.5, -0.1]]])]))).toThrow(
      's.json: its longitude and latitude are swapped',
    );
    expect(() => parseBoundaryFile('p.json', fc([poly({ name: 'p' }, square(2.35, 48.85, 0.01))]))).toThrow(
      /^p\.json: its coordinates \(x 2\.35…2\.36, y 48\.85…48\.86\) are neither WGS84 longitude\/latitude in the UK nor British National Grid metres$/,
    );
    expect(() => parseBoundaryFile('n.json', fc([poly({ name: 'n' }, [[[-0.1, 51.5], ['a', 51.6], [-0.1, 51.5]]])]))).toThrow('n.json: a coordinate is not a pair of numbers');
  });
});

describe('nameCandidates and boundaryLevel', () => {
  const file = parseBoundaryFile(
    'areas.geojson',
    fc([
      poly({ ref: 'A1', label: 'North', blank: '' }, square(-0.1, 51.5, 0.01)),
      poly({ ref: 'A2', label: 'North', blank: 'x' }, square(-0.08, 51.5, 0.01)),
      poly({ ref: 'A3', label: 'South' }, square(-0.1, 51.48, 0.01)),
    ]),
  );

  it('keeps only properties every area has as text or a number; distinct values first', () => {
    // "blank" is empty on one area and missing on another; "ref" differs on every area, "label" does not.
    expect(nameCandidates(file.features)).toEqual(['ref', 'label']);
    expect(file.nameProperty).toBe('ref');
  });

  it('makes { code, name } from the chosen property (areas sharing a name are one unit), or "area N" without one', () => {
    expect(boundaryLevel(file, 'label').features.map((f) => f.properties)).toEqual([
      { code: 'North', name: 'North' },
      { code: 'North', name: 'North' },
      { code: 'South', name: 'South' },
    ]);
    expect(boundaryLevel(file, null).features.map((f) => f.properties?.name)).toEqual(['area 1', 'area 2', 'area 3']);
    expect(() => boundaryLevel(file, 'blank')).toThrow('areas.geojson: "blank" does not name every area (choose one of ref, label)');
  });

  it('tells boundary files from crime files by name', () => {
    expect(['a.geojson', 'B.JSON', 'sites.GeoJSON'].every(isBoundaryFileName)).toBe(true);
    expect(['a.csv', 'b.parquet', 'json.csv'].some(isBoundaryFileName)).toBe(false);
  });
});
