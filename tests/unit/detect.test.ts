import { describe, expect, it } from 'vitest';
import { type ColumnMapping, detectMapping, missingRoles, normaliseHeader, requiredRoles, type Role } from '../../src/ingest/detect';

// Headers copied from the first lines of the shipped samples.
// data/samples/2023-01-metropolitan-street-sample.csv:
const STREET_HEADER =
  'Crime ID,Month,Reported by,Falls within,Longitude,Latitude,Location,LSOA code,LSOA name,Crime type,Last outcome category,Context'.split(',');
// data/samples/2016-06-metropolitan-stop-and-search.csv:
const STOP_HEADER =
  'Type,Date,Part of a policing operation,Policing operation,Latitude,Longitude,Gender,Age range,Self-defined ethnicity,Officer-defined ethnicity,Legislation,Object of search,Outcome,Outcome linked to object of search,Removal of more than just outer clothing'.split(
    ',',
  );

interface Case {
  name: string;
  header: string[];
  format: ColumnMapping['format'];
  coordinates: ColumnMapping['coordinates'];
  columns: Partial<Record<Role, string>>;
  missing: Role[];
}

// Expected mappings worked by hand from the header texts and the police.uk column meanings.
const CASES: Case[] = [
  {
    name: 'police.uk street header',
    header: STREET_HEADER,
    format: 'police-street',
    coordinates: 'wgs84',
    columns: {
      crimeId: 'Crime ID', month: 'Month', reportedBy: 'Reported by', fallsWithin: 'Falls within',
      longitude: 'Longitude', latitude: 'Latitude', location: 'Location', lsoaCode: 'LSOA code',
      lsoaName: 'LSOA name', category: 'Crime type', outcome: 'Last outcome category', context: 'Context',
    },
    missing: [],
  },
  {
    name: 'police.uk stop-and-search header',
    header: STOP_HEADER,
    format: 'police-stop-search',
    coordinates: 'wgs84',
    columns: { month: 'Date', longitude: 'Longitude', latitude: 'Latitude', outcome: 'Outcome', context: 'Object of search' },
    missing: [],
  },
  {
    name: 'force extract with LON / LAT and offence columns',
    header: ['Crime Reference', 'Offence Date', 'Offence Type', 'LON', 'LAT', 'Street'],
    format: 'force-extract',
    coordinates: 'wgs84',
    columns: { crimeId: 'Crime Reference', month: 'Offence Date', category: 'Offence Type', longitude: 'LON', latitude: 'LAT', location: 'Street' },
    missing: [],
  },
  {
    name: 'force extract in snake_case with lng',
    header: ['crime_id', 'month', 'crime_type', 'lng', 'lat'],
    format: 'force-extract',
    coordinates: 'wgs84',
    columns: { crimeId: 'crime_id', month: 'month', category: 'crime_type', longitude: 'lng', latitude: 'lat' },
    missing: [],
  },
  {
    name: 'force extract with British National Grid easting / northing',
    header: ['URN', 'Date', 'Offence', 'Easting', 'Northing'],
    format: 'force-extract',
    coordinates: 'bng',
    columns: { crimeId: 'URN', month: 'Date', category: 'Offence', easting: 'Easting', northing: 'Northing' },
    missing: [],
  },
  {
    name: 'force extract with BNG as X / Y',
    header: ['ID', 'Date', 'Type', 'X', 'Y'],
    format: 'force-extract',
    coordinates: 'bng',
    columns: { crimeId: 'ID', month: 'Date', category: 'Type', easting: 'X', northing: 'Y' },
    missing: [],
  },
  {
    name: 'force extract with both pairs: WGS84 wins',
    header: ['Date', 'Category', 'Easting', 'Northing', 'Longitude', 'Latitude'],
    format: 'force-extract',
    coordinates: 'wgs84',
    columns: { month: 'Date', category: 'Category', longitude: 'Longitude', latitude: 'Latitude', easting: 'Easting', northing: 'Northing' },
    missing: [],
  },
  {
    name: 'force extract with a byte-order mark on the first header',
    header: ['\uFEFFdate', 'category', 'lon', 'lat'],
    format: 'force-extract',
    coordinates: 'wgs84',
    columns: { month: '\uFEFFdate', category: 'category', longitude: 'lon', latitude: 'lat' },
    missing: [],
  },
  {
    name: 'police.uk street header with a byte-order mark on Crime ID',
    header: ['\uFEFFCrime ID', ...STREET_HEADER.slice(1)],
    format: 'police-street',
    coordinates: 'wgs84',
    columns: {
      crimeId: '\uFEFFCrime ID', month: 'Month', reportedBy: 'Reported by', fallsWithin: 'Falls within',
      longitude: 'Longitude', latitude: 'Latitude', location: 'Location', lsoaCode: 'LSOA code',
      lsoaName: 'LSOA name', category: 'Crime type', outcome: 'Last outcome category', context: 'Context',
    },
    missing: [],
  },
  {
    name: 'police.uk stop-and-search header with a byte-order mark on Type',
    header: ['\uFEFFType', ...STOP_HEADER.slice(1)],
    format: 'police-stop-search',
    coordinates: 'wgs84',
    columns: { month: 'Date', longitude: 'Longitude', latitude: 'Latitude', outcome: 'Outcome', context: 'Object of search' },
    missing: [],
  },
  {
    // The hex-100m London extract's own header: hex_q / hex_r are axial grid indices, neither
    // coordinates nor a count.
    name: 'the hex-100m aggregated extract (month, crime_type, hex_q, hex_r, longitude, latitude, crime_count)',
    header: ['month', 'crime_type', 'hex_q', 'hex_r', 'longitude', 'latitude', 'crime_count'],
    format: 'force-extract',
    coordinates: 'wgs84',
    columns: { month: 'month', category: 'crime_type', longitude: 'longitude', latitude: 'latitude', count: 'crime_count' },
    missing: [],
  },
  {
    name: 'aggregated BNG extract with "Number of Crimes"',
    header: ['Period', 'Offence Group', 'Easting', 'Northing', 'Number of Crimes'],
    format: 'force-extract',
    coordinates: 'bng',
    columns: { month: 'Period', category: 'Offence Group', easting: 'Easting', northing: 'Northing', count: 'Number of Crimes' },
    missing: [],
  },
  {
    name: 'police.uk street columns with a count added: still counted',
    header: ['Month', 'Longitude', 'Latitude', 'Crime type', 'N'],
    format: 'police-street',
    coordinates: 'wgs84',
    columns: { month: 'Month', longitude: 'Longitude', latitude: 'Latitude', category: 'Crime type', count: 'N' },
    missing: [],
  },
  {
    name: 'unmappable header',
    header: ['foo', 'bar', 'baz'],
    format: 'force-extract',
    coordinates: 'wgs84',
    columns: {},
    missing: ['month', 'category', 'longitude', 'latitude'],
  },
  {
    name: 'force extract with BNG but no category',
    header: ['Date', 'Easting', 'Northing'],
    format: 'force-extract',
    coordinates: 'bng',
    columns: { month: 'Date', easting: 'Easting', northing: 'Northing' },
    missing: ['category'],
  },
];

describe('detectMapping(header)', () => {
  for (const c of CASES) {
    it(`${c.name}: format ${c.format}, ${c.coordinates}, missing [${c.missing.join(', ')}]`, () => {
      const d = detectMapping(c.header);
      expect({ format: d.mapping.format, coordinates: d.mapping.coordinates, columns: d.mapping.columns, missing: d.missing }).toEqual({
        format: c.format,
        coordinates: c.coordinates,
        columns: c.columns,
        missing: c.missing,
      });
    });
  }

  it('maps each file column to at most one role', () => {
    // 'Crime ID' and 'crime_id' normalise alike; the first one wins and the second is unused.
    const d = detectMapping(['Crime ID', 'crime_id', 'Date', 'Category', 'lon', 'lat']);
    const used = Object.values(d.mapping.columns);
    expect(new Set(used).size).toBe(used.length);
    expect(d.mapping.columns.crimeId).toBe('Crime ID');
  });
});

describe('the count role', () => {
  it('is found under any of its names, whatever the case, spaces or underscores', () => {
    for (const name of ['crime_count', 'Crime Count', 'COUNT', 'n', 'Crimes', 'number_of_crimes', 'Number of crimes', 'offence_count', 'OFFENCE-COUNT', 'No. of crimes']) {
      expect(detectMapping(['month', 'crime_type', 'lon', 'lat', name]).mapping.columns.count, name).toBe(name);
    }
  });

  it('is optional: a file without one is one crime a row and misses nothing', () => {
    const d = detectMapping(['month', 'crime_type', 'lon', 'lat']);
    expect(d.mapping.columns.count).toBeUndefined();
    expect(d.missing).toEqual([]);
  });
});

describe('requiredRoles(mapping)', () => {
  it('a street file needs month, category and a lon/lat pair', () => {
    expect(requiredRoles({ format: 'police-street', coordinates: 'wgs84' })).toEqual(['month', 'category', 'longitude', 'latitude']);
  });

  it('a BNG force extract needs month, category and an easting/northing pair', () => {
    expect(requiredRoles({ format: 'force-extract', coordinates: 'bng' })).toEqual(['month', 'category', 'easting', 'northing']);
  });

  it('a stop-and-search file needs no category', () => {
    expect(requiredRoles({ format: 'police-stop-search', coordinates: 'wgs84' })).toEqual(['month', 'longitude', 'latitude']);
  });
});

describe('missingRoles(mapping)', () => {
  it('lists required roles with no column', () => {
    const m: ColumnMapping = { format: 'force-extract', coordinates: 'bng', columns: { month: 'Date', easting: 'E' } };
    expect(missingRoles(m)).toEqual(['category', 'northing']);
  });

  it('counts a role mapped to an empty column name as missing', () => {
    const m: ColumnMapping = { format: 'police-stop-search', coordinates: 'wgs84', columns: { month: '', longitude: 'lon', latitude: 'lat' } };
    expect(missingRoles(m)).toEqual(['month']);
  });

  it('ignores optional roles', () => {
    const m: ColumnMapping = { format: 'force-extract', coordinates: 'wgs84', columns: { month: 'm', category: 'c', longitude: 'x', latitude: 'y' } };
    expect(missingRoles(m)).toEqual([]);
  });
});

describe('normaliseHeader(text)', () => {
  it('lower-cases and turns _ - . into spaces', () => {
    expect(normaliseHeader('Crime_Type')).toBe('crime type');
    expect(normaliseHeader('x.wgs84')).toBe('x wgs84');
    expect(normaliseHeader('Date-From')).toBe('date from');
  });

  it('collapses runs of separators and space and trims', () => {
    expect(normaliseHeader('  LSOA--_code  ')).toBe('lsoa code');
    expect(normaliseHeader('Date \t From')).toBe('date from');
  });

  it('drops a leading byte-order mark', () => {
    expect(normaliseHeader('\uFEFFMonth')).toBe('month');
  });
});
