/**
 * Attribution and licence lines of every shipped dataset, as ../shared/data/SOURCES.md gives
 * them. datasets.json and data/SOURCES.md both read them from here, so the app shows what the
 * provenance file says.
 */

export const OGL_POLICE =
  'Contains public sector information licensed under the Open Government Licence v3.0. Source: data.police.uk';

export const ATTRIBUTION = {
  /** london-2025-26-hex100m.parquet */
  hex:
    `${OGL_POLICE} (Metropolitan Police Service, City of London Police); aggregated to 100 m hexagons by ` +
    'github.com/Ellmal/3D-London-Crime-Statistics.',
  /** crimes.parquet */
  api2017:
    'Contains public sector information licensed under the Open Government Licence v3.0. Source: data.police.uk API ' +
    '(Metropolitan Police Service, British Transport Police), retrieved by Police Rewired ' +
    '(github.com/PoliceRewired/ward-level-crime-data).',
  boroughs:
    'Contains National Statistics data © Crown copyright and database right 2015. Contains Ordnance Survey data © ' +
    'Crown copyright and database right 2015.',
  bcus:
    'Contains National Statistics and Ordnance Survey data © Crown copyright and database right 2022 (OGL v3.0); BCU ' +
    'grouping per Metropolitan Police Service; compiled by github.com/routineactivity/london_boundary_gpkg.',
  wards:
    'Source: Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown ' +
    'copyright and database right 2024. Ward names and BCUs: Metropolitan Police Service, London Datastore, Open ' +
    'Government Licence v2.0.',
  lsoa:
    'Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown ' +
    'copyright and database right (2022).',
  recordedCrime:
    'Contains Metropolitan Police Service data, London Datastore (MPS Recorded Crime: Geographic Breakdown), Open ' +
    'Government Licence v2.0; compiled by github.com/fenneh/london-crime-data.',
} as const;
