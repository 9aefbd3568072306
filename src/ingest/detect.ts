/**
 * Format detection and column mapping: which column of a file plays which role.
 *
 * Three kinds of file are recognised from their header alone:
 * - police.uk street-level CSVs (`Crime ID, Month, ..., Crime type, ...`),
 * - police.uk stop-and-search CSVs (`Type, Date, ..., Object of search, ...`),
 * - force extracts: any other table whose columns can be matched by name to a month/date,
 *   a category and a coordinate pair (WGS84 longitude/latitude or British National Grid
 *   easting/northing). When they cannot, the user maps them (the UI's mapping step).
 *
 * An optional count column (`crime_count`, `n`, ...) makes a file an aggregated extract: each row
 * stands for that many crimes. Without one, each row is one crime.
 */

export type SourceFormat = 'police-street' | 'police-stop-search' | 'force-extract';
export type CoordinateSystem = 'wgs84' | 'bng';

export const ROLES = [
  'crimeId',
  'month',
  'category',
  'longitude',
  'latitude',
  'easting',
  'northing',
  'location',
  'lsoaCode',
  'lsoaName',
  'outcome',
  'context',
  'reportedBy',
  'fallsWithin',
  'count',
] as const;
export type Role = (typeof ROLES)[number];

/** Which file column (by exact header text) feeds each role. */
export interface ColumnMapping {
  format: SourceFormat;
  coordinates: CoordinateSystem;
  columns: Partial<Record<Role, string>>;
  /**
   * Stated in the mapping step: metres between neighbouring centres of the grid the rows were
   * counted or snapped to. Sets the file's precision instead of detecting it from the points.
   */
  cellSpacingM?: number;
}

export interface Detection {
  mapping: ColumnMapping;
  /** Roles the file must supply but no column was found for; empty when ready to load. */
  missing: Role[];
}

/** Roles a file must map before it can be loaded (stop-and-search has no category column). */
export function requiredRoles(m: Pick<ColumnMapping, 'format' | 'coordinates'>): Role[] {
  const coords: Role[] = m.coordinates === 'bng' ? ['easting', 'northing'] : ['longitude', 'latitude'];
  return m.format === 'police-stop-search' ? ['month', ...coords] : ['month', 'category', ...coords];
}

const STREET_COLUMNS: Partial<Record<Role, string>> = {
  crimeId: 'Crime ID',
  month: 'Month',
  reportedBy: 'Reported by',
  fallsWithin: 'Falls within',
  longitude: 'Longitude',
  latitude: 'Latitude',
  location: 'Location',
  lsoaCode: 'LSOA code',
  lsoaName: 'LSOA name',
  category: 'Crime type',
  outcome: 'Last outcome category',
  context: 'Context',
};

const STOP_SEARCH_COLUMNS: Partial<Record<Role, string>> = {
  month: 'Date',
  longitude: 'Longitude',
  latitude: 'Latitude',
  outcome: 'Outcome',
  context: 'Object of search',
};

/** Header synonyms for force extracts, compared after {@link normaliseHeader}. */
const SYNONYMS: Record<Role, string[]> = {
  crimeId: ['crime id', 'crimeid', 'id', 'crime ref', 'crime reference', 'crime number', 'urn', 'reference', 'incident id', 'occurrence id', 'persistent id'],
  month: ['month', 'date', 'crime date', 'offence date', 'occurrence date', 'committed date', 'date from', 'incident date', 'reported date', 'date committed', 'period'],
  category: ['crime type', 'category', 'crime category', 'offence', 'offence type', 'offence category', 'offence group', 'crime group', 'type'],
  longitude: ['longitude', 'lon', 'lng', 'long', 'wgs84 longitude', 'x wgs84'],
  latitude: ['latitude', 'lat', 'wgs84 latitude', 'y wgs84'],
  easting: ['easting', 'eastings', 'east', 'x', 'grid x', 'os x', 'x coordinate', 'bng x', 'bng easting', 'x coord'],
  northing: ['northing', 'northings', 'north', 'y', 'grid y', 'os y', 'y coordinate', 'bng y', 'bng northing', 'y coord'],
  location: ['location', 'street', 'address', 'street name', 'location description'],
  lsoaCode: ['lsoa code', 'lsoa', 'lsoa11cd', 'lsoa21cd'],
  lsoaName: ['lsoa name', 'lsoa11nm', 'lsoa21nm'],
  outcome: ['last outcome category', 'outcome', 'last outcome', 'outcome status'],
  context: ['context', 'notes', 'description'],
  reportedBy: ['reported by', 'force'],
  fallsWithin: ['falls within'],
  count: ['crime count', 'count', 'n', 'crimes', 'number of crimes', 'no of crimes', 'crime total', 'total crimes', 'offence count', 'number of offences'],
};

/** Lower case, separators (_ - .) as spaces, runs of space collapsed. */
export function normaliseHeader(h: string): string {
  return h
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[_\-.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function hasAll(header: readonly string[], names: (string | undefined)[]): boolean {
  const set = new Set(header);
  return names.every((n) => n === undefined || set.has(n));
}

/**
 * Proposes a mapping for a file's header and says what is still missing.
 *
 * @example detectMapping(['Crime ID','Month',...]).mapping.format // 'police-street'
 */
export function detectMapping(rawHeader: readonly string[]): Detection {
  // A byte-order mark glued to the first name must not hide a police.uk header; the mapping
  // still names the columns as the file spells them (they are used to address the columns).
  const header = rawHeader.map((h) => h.replace(/^\uFEFF/, ''));
  const d = detectClean(header);
  for (const [role, name] of Object.entries(d.mapping.columns) as [Role, string][]) d.mapping.columns[role] = rawHeader[header.indexOf(name)];
  return d;
}

function detectClean(header: readonly string[]): Detection {
  if (hasAll(header, ['Month', 'Longitude', 'Latitude', 'Crime type'])) {
    // police.uk headers with a count column added: an aggregate of police.uk rows, whose count
    // must not be read as one crime a row.
    const columns = pick(header, STREET_COLUMNS);
    const count = bySynonym(header, 'count', new Set(Object.values(columns)));
    if (count) columns.count = count;
    return finish({ format: 'police-street', coordinates: 'wgs84', columns });
  }
  if (hasAll(header, ['Type', 'Date', 'Latitude', 'Longitude', 'Object of search'])) {
    const columns = pick(header, STOP_SEARCH_COLUMNS);
    return finish({ format: 'police-stop-search', coordinates: 'wgs84', columns });
  }
  const columns: Partial<Record<Role, string>> = {};
  const used = new Set<string>();
  for (const role of ROLES) {
    const name = bySynonym(header, role, used);
    if (name) {
      columns[role] = name;
      used.add(name);
    }
  }
  // WGS84 wins when a file has both pairs; BNG only when it has no lon/lat pair.
  const coordinates: CoordinateSystem =
    columns.longitude && columns.latitude ? 'wgs84' : columns.easting && columns.northing ? 'bng' : 'wgs84';
  return finish({ format: 'force-extract', coordinates, columns });
}

/** The first column (in synonym order) named like `role` and not yet used. */
function bySynonym(header: readonly string[], role: Role, used: ReadonlySet<string>): string | undefined {
  const normalised = header.map(normaliseHeader);
  for (const syn of SYNONYMS[role]) {
    const i = normalised.indexOf(syn);
    if (i >= 0 && !used.has(header[i])) return header[i];
  }
  return undefined;
}

function pick(header: readonly string[], want: Partial<Record<Role, string>>): Partial<Record<Role, string>> {
  const out: Partial<Record<Role, string>> = {};
  for (const [role, col] of Object.entries(want) as [Role, string][]) if (header.includes(col)) out[role] = col;
  return out;
}

function finish(mapping: ColumnMapping): Detection {
  return { mapping, missing: missingRoles(mapping) };
}

/** Required roles that the mapping leaves unmapped. */
export function missingRoles(mapping: ColumnMapping): Role[] {
  return requiredRoles(mapping).filter((r) => !mapping.columns[r]);
}

/** Raised when a file's columns cannot be matched: the UI asks the user to map them. */
export class NeedsMappingError extends Error {
  override readonly name = 'NeedsMappingError';
  constructor(
    readonly fileName: string,
    readonly header: string[],
    readonly sample: Record<string, string | null>[],
    readonly detection: Detection,
  ) {
    super(`${fileName}: cannot tell which columns hold ${detection.missing.join(', ')}; map them to load the file`);
  }
}
