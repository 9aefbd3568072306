/**
 * The app's tables. One schema for the browser, the CLI twin and the tests.
 *
 * - `sources`: one row per loaded file (content hash, so loading a file twice is a no-op), with
 *   its rows and crimes kept and its spatial precision: the cell area of an aggregated extract's
 *   grid and the finest H3 resolution that supports (both NULL for point records: no limit).
 * - `locations`: one row per distinct point (police.uk snaps crimes to ~750k anonymous map
 *   points, so the 774k shipped crimes sit on ~44k points): H3 cells at every offered
 *   resolution, computed once with h3-js at that resolution (ANALYSIS.md: cells do not nest),
 *   and the ward / borough / BCU the point falls in.
 * - `crimes`: one row per kept record, in police.uk street-CSV semantics, pointing at its location;
 *   `crime_count` is the crimes the row stands for (1 for a record, the count of an aggregated
 *   extract's row). Every count of crimes is a sum of it, never a count of rows.
 * - `rejects`: one row per refused record, with the reason and the raw row.
 */

/** H3 resolutions the app offers; each gets a column `h3_<r>` in `locations`. */
export const H3_RESOLUTIONS = [7, 8, 9, 10] as const;
export type H3Resolution = (typeof H3_RESOLUTIONS)[number];

/** Settings every session starts with: never reach for a network extension (STACK.md section 2). */
export const SESSION_SETTINGS = [
  'SET autoload_known_extensions = false',
  'SET autoinstall_known_extensions = false',
];

export const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS sources (
  source_id    INTEGER PRIMARY KEY,
  file_name    VARCHAR NOT NULL,
  sha256       VARCHAR NOT NULL,
  format       VARCHAR NOT NULL,
  rows_read    INTEGER NOT NULL,
  rows_kept    INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  crimes_kept  BIGINT NOT NULL,
  cell_area_m2 DOUBLE,
  finest_resolution INTEGER,
  loaded_at    TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS locations (
  loc_id       INTEGER PRIMARY KEY,
  longitude    DOUBLE NOT NULL,
  latitude     DOUBLE NOT NULL,
  h3_7         UBIGINT NOT NULL,
  h3_8         UBIGINT NOT NULL,
  h3_9         UBIGINT NOT NULL,
  h3_10        UBIGINT NOT NULL,
  ward_code    VARCHAR,
  borough_code VARCHAR,
  bcu_code     VARCHAR
);
CREATE TABLE IF NOT EXISTS crimes (
  crime_id      VARCHAR,
  month         DATE NOT NULL,
  reported_by   VARCHAR,
  falls_within  VARCHAR,
  longitude     DOUBLE NOT NULL,
  latitude      DOUBLE NOT NULL,
  location      VARCHAR,
  lsoa_code     VARCHAR,
  lsoa_name     VARCHAR,
  crime_type    VARCHAR NOT NULL,
  crime_count   INTEGER NOT NULL,
  last_outcome  VARCHAR,
  context       VARCHAR,
  dataset       VARCHAR NOT NULL,
  source_id     INTEGER NOT NULL,
  source_row    INTEGER NOT NULL,
  loc_id        INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS rejects (
  source_id   INTEGER NOT NULL,
  file_name   VARCHAR NOT NULL,
  source_row  INTEGER,
  reason      VARCHAR NOT NULL,
  detail      VARCHAR,
  raw         VARCHAR
);
`;

/** Reasons a row is refused. Stable strings: the UI groups by them and the CLI reports them. */
export const REJECT_REASONS = {
  malformed: 'malformed row',
  truncated: 'truncated last row',
  unterminatedQuote: 'unterminated quote',
  notUtf8: 'not UTF-8 text',
  noCoordinates: 'no coordinates',
  badCoordinates: 'unparseable coordinates',
  outsideUk: 'coordinates outside the UK',
  badMonth: 'unparseable month',
  unknownCategory: 'unknown category',
  badCount: 'count not a positive integer',
  duplicate: 'already loaded',
} as const;
export type RejectReason = (typeof REJECT_REASONS)[keyof typeof REJECT_REASONS];
