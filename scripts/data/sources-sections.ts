/**
 * The data/SOURCES.md sections of the issue-11 datasets: the all-London aggregated crime set,
 * datasets.json, the MPS recorded crime, the 2022 wards and the 2021 LSOAs. Each returns lines;
 * scripts/build-data.ts puts them in order.
 */
import type { FeatureCollection } from 'geojson';
import { ATTRIBUTION } from './attributions.ts';
import { fmt } from './common.ts';
import {
  HEX_CELL_AREA_M2,
  HEX_FINEST_RESOLUTION,
  HEX_OUT,
  HEX_PIN,
  HEX_RADIUS_M,
  type DatasetSummary,
  type HexDatasetSummary,
} from './crime-datasets.ts';
import type { DatasetsJson } from './datasets-json.ts';
import { type Area, DECIMALS } from './geometry.ts';
import { LSOA_DECIMALS, type LsoaProps } from './lsoa-2021.ts';
import type { RecordedCrimeFile } from './recorded-crime.ts';
import type { WardProps, Wards2022Report } from './wards-2022.ts';

const names = (xs: readonly { name: string }[]) => xs.map((x) => x.name).join(', ');

/** The overview table: one line per shipped dataset. */
export function overviewLines(hex: DatasetSummary, api2017: DatasetSummary, recorded: readonly RecordedCrimeFile[]): string[] {
  const span = (s: DatasetSummary) => `${s.months[0]}..${s.months.at(-1)}`;
  const L: string[] = [];
  L.push('| file | what | coverage | spatial precision | licence |');
  L.push('|---|---|---|---|---|');
  L.push(`| ${HEX_OUT} (default) | police.uk street crime, month x crime type x 100 m hexagon with a count: ` +
    `${fmt(hex.rows)} rows, ${fmt(hex.crimes)} crimes | ${span(hex)}; ${hex.coverage.perBorough.length - hex.coverage.missing.length} of 33 areas | ` +
    `100 m hexagons (${fmt(HEX_CELL_AREA_M2)} m²): H3 resolution ${HEX_FINEST_RESOLUTION} at the finest | OGL v3.0 |`);
  L.push(`| crimes.parquet | police.uk API street crime, one row per crime: ${fmt(api2017.rows)} crimes | ${span(api2017)}; ` +
    `${api2017.coverage.perBorough.length - api2017.coverage.missing.length} of 33 areas (missing: ${names(api2017.coverage.missing) || 'none'}) | ` +
    'police.uk snapped points | OGL v3.0 |');
  for (const r of recorded) {
    L.push(`| ${r.path} | MPS recorded offences (Home Office groups, no ASB) by ward x subgroup x month: ${fmt(r.rows)} rows, ` +
      `${fmt(r.offences)} offences | ${r.months[0]}..${r.months[1]}; ${r.wards} Met wards (not the City) | 2022 ward | OGL v2.0 |`);
  }
  L.push('| boundaries/boroughs.geojson | 32 boroughs and the City | London | 2015 boundaries, excluding the Thames below MHW | OGL v3.0 |');
  L.push('| boundaries/wards.geojson | 704 wards of 2022 (679 Met neighbourhoods, 25 City wards) | London | ONS generalised (20 m) | OGL v3.0 |');
  L.push('| boundaries/bcus.geojson | 12 Met BCUs dissolved from their boroughs | the 32 Met boroughs | as boroughs | OGL v3.0 |');
  L.push('| boundaries/lsoa.geojson | 4,994 LSOAs of 2021 | London | generalised (20 m) | OGL v3.0 |');
  return L;
}

export function attributionLines(): string[] {
  return [
    `- All-London crime 2025-26 (default): "${ATTRIBUTION.hex}"`,
    `- London sample 2017-18 (crimes.parquet): "${ATTRIBUTION.api2017}"`,
    `- MPS recorded offences: "${ATTRIBUTION.recordedCrime}"`,
    `- Boroughs: "${ATTRIBUTION.boroughs}" (OGL v3.0)`,
    `- BCU grouping: "${ATTRIBUTION.bcus}"`,
    `- Wards (2022): "${ATTRIBUTION.wards}"`,
    `- LSOAs (2021): "${ATTRIBUTION.lsoa}"`,
    '- datasets.json carries these per dataset and per boundary file, for the app to show.',
  ];
}

export function hexLines(hex: HexDatasetSummary): string[] {
  const L: string[] = [];
  L.push(`## ${HEX_OUT} (default dataset \`london-2025-26\`)`);
  L.push('');
  L.push('- Byte-for-byte copy of `../shared/data/crime/london-2025-05_2026-04-hex100m/crime_hex_3d_month.parquet`, checked before');
  L.push(`  copying: ${fmt(HEX_PIN.bytes)} bytes, git blob ${HEX_PIN.gitBlob}, SHA-256 ${HEX_PIN.sha256}.`);
  L.push('- From: `Ellmal/3D-London-Crime-Statistics`, `data/viz/crime_hex_3d_month.parquet`, commit');
  L.push('  f346b8f046331a4cc1eabf0e5220a8b82295cd5b (HEAD 9979c3229cec4c4d2bb5a9f6c11f56936a2b153e).');
  L.push('- What it is: police.uk street-level crime (the Metropolitan Police\'s and the City of London Police\'s `*-street.csv`),');
  L.push(`  binned by that repository into flat-top hexagons of ${HEX_RADIUS_M} m radius (centre to corner) on a local equirectangular`);
  L.push('  projection. One row per month x crime type x cell. Columns: `month` (YYYY-MM), `crime_type` (the 14 police.uk');
  L.push('  names, anti-social behaviour included), `hex_q`, `hex_r` (axial cell coordinates), `longitude`, `latitude` (cell');
  L.push('  centre, WGS84), `crime_count` (crimes the row stands for). No Crime ID, outcome, street or LSOA.');
  L.push(`- Read back with native DuckDB: ${fmt(hex.rows)} rows, ${fmt(hex.crimes)} crimes (sum of \`crime_count\`), ${fmt(hex.cells)} distinct cells,`);
  L.push(`  ${hex.categories} crime types, ${hex.months.length} months (${hex.months[0]} to ${hex.months.at(-1)}); every count is a positive integer.`);
  L.push(`  Crimes a month: ${hex.crimesPerMonth.map(fmt).join('; ')}.`);
  L.push(`- Precision: the ${HEX_RADIUS_M} m cell (3·√3/2·${HEX_RADIUS_M}² = ${fmt(HEX_CELL_AREA_M2)} m², between H3 resolution 9, about`);
  L.push(`  105,000 m², and 10, about 15,000 m²). Finest sensible H3 resolution: ${HEX_FINEST_RESOLUTION}; at 10 the map would draw the source`);
  L.push('  grid, not where the crimes were. Within a cell every crime sits at the cell centre.');
  const cov = hex.coverage;
  L.push(`- Coverage, by point in polygon of the cell centres in boundaries/boroughs.geojson and the app's rules`);
  L.push(`  (src/analysis/coverage.ts): ${cov.missing.length === 0 ? 'every one of the 33 areas has data' : `no data in ${names(cov.missing)}`}` +
    (cov.partial.length === 0 ? ' in every month.' : `; some months lacking in ${cov.partial.map((p) => `${p.name} (${p.months.join(', ')})`).join('; ')}.`));
  L.push(`  ${fmt(cov.outside)} crimes have their cell centre in no borough polygon (cells at the edge of London and on the Thames).`);
  L.push('  Crimes per area over the 12 months:');
  L.push('');
  L.push('  | code | area | crimes |');
  L.push('  |---|---|---|');
  for (const b of cov.perBorough) L.push(`  | ${b.code} | ${b.name} | ${fmt(b.crimes)} |`);
  L.push('');
  L.push('- Licence: the records are police.uk data, Open Government Licence v3.0; the binning is mechanical and the repository');
  L.push('  has no licence file of its own. Credit both.');
  L.push(`- Attribution: "${ATTRIBUTION.hex}"`);
  return L;
}

/** The 2017-18 set's missing areas, as the app's rules find them (the caveat applies to this set only). */
export function sampleGapLines(api2017: DatasetSummary): string[] {
  const m = api2017.coverage.missing;
  return [
    `- **Areas this sample lacks** (${m.length}, found by the build with the app's coverage rules, src/analysis/coverage.ts):`,
    `  ${names(m) || 'none'}. The source pulled 483 of London's wards, so these have only spill-over points near their`,
    '  edges (see Coverage below). This caveat is about crimes.parquet only: the default all-London set has every area.',
  ];
}

export function datasetsJsonLines(json: DatasetsJson): string[] {
  const L: string[] = [];
  L.push('## datasets.json');
  L.push('');
  L.push('- Written by the build from what it read back (native DuckDB) and the attribution lines above; fixed key order.');
  L.push('- `datasets`: one entry per crime dataset, `default: true` on the one the app opens. `rows` and `crimes` (the sum of');
  L.push('  the count column; equal for one row per crime), `months` [first, last], `cellAreaM2` (area of a source cell; null for');
  L.push('  point records), `finestResolution` (finest H3 resolution the data supports; null = no limit from the data), `areas`');
  L.push('  (how many of the 33 areas have data), `missingAreas` and `missingAreaCodes` (the areas without data, by the app\'s');
  L.push('  coverage rules, sorted by name), `attribution`.');
  L.push('- `boundaries`: boundary file (name without .geojson) -> attribution. `recordedCrime`: label, licence, attribution and');
  L.push('  per ward file its rows, wards, months [first, last] and total offences.');
  L.push('');
  for (const d of json.datasets) {
    L.push(`  - \`${d.id}\`${d.default ? ' (default)' : ''}: ${d.file}, ${fmt(d.rows)} rows, ${fmt(d.crimes)} crimes, ${d.months[0]}..${d.months[1]}, ` +
      `cellAreaM2 ${d.cellAreaM2 ?? 'null'}, finestResolution ${d.finestResolution ?? 'null'}, areas ${d.areas}, missing [${d.missingAreas.join(', ')}].`);
  }
  return L;
}

export function recordedCrimeLines(files: readonly RecordedCrimeFile[]): string[] {
  const L: string[] = [];
  L.push('## recorded-crime/ (MPS recorded offences by ward)');
  L.push('');
  L.push('- Byte-for-byte copies, each checked before copying (bytes, git blob, SHA-256), from `fenneh/london-crime-data`, folder');
  L.push('  `data/`; that repository names its source: London Datastore, "MPS Recorded Crime: Geographic Breakdown".');
  L.push('');
  L.push('  | file | copied from | commit | git blob | SHA-256 | bytes |');
  L.push('  |---|---|---|---|---|---|');
  const commits: Record<string, string> = {
    'ward-historical': '8ea9f76a519a2007f245771c6b2fe4cd631f8ada',
    ward: '0659865b2dd31484be1cdb8d13d6f9af7a207917',
  };
  for (const f of files) {
    const from = f.id === 'ward' ? 'recorded-crime-ward.parquet' : `recorded-crime-${f.id}.parquet`;
    L.push(`  | ${f.path} | ${from} | ${commits[f.id] ?? '?'} | ${f.copy.gitBlob} | ${f.copy.sha256} | ${fmt(f.copy.bytes)} |`);
  }
  L.push('');
  L.push('- Wide format: one row per ward x offence group (`majortext`) x offence subgroup (`minortext`), plus `wardname`,');
  L.push('  `wardcode` (2022 ward code) and `lookup_boroughname`; one BIGINT column per month named `YYYYMM`. Read back:');
  L.push('');
  L.push('  | file | rows | wards | groups | subgroups | months | first..last | offences |');
  L.push('  |---|---|---|---|---|---|---|---|');
  for (const f of files) {
    L.push(`  | ${f.path} | ${fmt(f.rows)} | ${f.wards} | ${f.groups} | ${f.subgroups} | ${f.monthCount} | ${f.months[0]}..${f.months[1]} | ${fmt(f.offences)} |`);
  }
  L.push('');
  const shared = files.length === 2 ? Object.keys(files[0]!.offencesByMonth).filter((m) => m in files[1]!.offencesByMonth) : [];
  for (const m of shared) {
    const a = files[0]!.offencesByMonth[m]!;
    const b = files[1]!.offencesByMonth[m]!;
    const [full, stub] = a >= b ? [files[0]!, files[1]!] : [files[1]!, files[0]!];
    L.push(`- Both files have a column ${m}: ${fmt(a)} offences in ${files[0]!.path}, ${fmt(b)} in ${files[1]!.path}.` +
      (a === b
        ? ' They are identical: count it once.'
        : ` Count it once, from ${full.path}${Math.min(a, b) * 10 < Math.max(a, b) ? ` (in ${stub.path} the month is a stub)` : ''}.`));
  }
  const unknown = files.flatMap((f) => f.unknownWards);
  L.push(`- Every ward code is one of the 679 Met wards of boundaries/wards.geojson${unknown.length === 0 ? '.' : `, except ${unknown.join(', ')}.`}` +
    ' The 25 City wards are absent (the City of London Police is another force); "Aviation Security (SO18)" is Heathrow Villages.');
  L.push('- These are Home Office recorded offences, the Met\'s own counts, not police.uk street records: the groups differ from');
  L.push('  the 14 police.uk categories and anti-social behaviour is not included. Never add them to police.uk counts.');
  L.push(`- Licence: Open Government Licence v2.0 (London Datastore). Attribution: "${ATTRIBUTION.recordedCrime}"`);
  return L;
}

export function wardLines(
  wards: FeatureCollection<Area, WardProps>,
  r: Wards2022Report,
  boroughCodes: readonly string[],
  bcus: readonly { code: string; boroughs: readonly string[] }[],
): string[] {
  const wardBoroughs = [...new Set(wards.features.map((w) => w.properties.borough))].sort();
  const sameBoroughs = wardBoroughs.join() === [...boroughCodes].sort().join();
  const bcuOf = new Map(bcus.flatMap((b) => b.boroughs.map((c) => [c, b.code] as const)));
  const bcuMismatch = wards.features.filter((w) => (bcuOf.get(w.properties.borough) ?? null) !== w.properties.bcu);
  const L: string[] = [];
  L.push('## boundaries/wards.geojson (2022 wards)');
  L.push('');
  L.push(`- ${fmt(wards.features.length)} wards: the Met's ${r.metWards} Safer Neighbourhood Team wards and the ${r.cityWards} City of London wards,`);
  L.push('  WGS84, sorted by borough then code. One feature per line.');
  L.push('- Polygons from `../shared/data/boundaries/wards_2022/london_wards_2022.geojson`: ONS "Wards (December 2024) Boundaries');
  L.push('  UK BGC" clipped to the GLA boundary by `NikiPanayotov04/CBL---data-science-project` (commit');
  L.push('  648cf0b3b6991a37dd18398264c05cfbaf11beaa), converted to WGS84 with ogr2ogr at 6 decimals. London\'s ward codes of December');
  L.push('  2024 are those of December 2022.');
  L.push('- Names and BCUs from `../shared/data/boundaries/met_snt_wards_2022.csv` (the Met\'s Safer Neighbourhood Teams, 1:1 with the');
  L.push('  679 non-City wards, from the MPS Monthly Crime Dashboard in `fenneh/london-crime-data`).');
  L.push('- Properties: `code` (WD22CD = WD24CD), `name` (the CSV\'s `ward_name_ons`), `borough` (E09 code), `boroughName`, `bcu`');
  L.push('  (Met BCU code), `bcuName` (the short name bcus.geojson uses). City wards: `borough` E09000001, `boroughName` "City of');
  L.push('  London", `bcu` and `bcuName` null (City of London Police, not a Met BCU), `name` from the ONS GeoJSON.');
  L.push('- Checks (each stops the build if it fails): every CSV ward has a polygon and every non-City polygon a CSV row; the');
  L.push('  borough code of each ward is the same in both and is one of boroughs.geojson\'s; the CSV\'s BCU of each ward is its');
  L.push('  borough\'s BCU in boroughs.geojson; the CSV\'s borough names equal boroughs.geojson\'s.');
  L.push(`  The wards name ${wardBoroughs.length} borough codes: ${sameBoroughs ? 'exactly the codes of boroughs.geojson' : `not the ${boroughCodes.length} codes of boroughs.geojson`}; ` +
    (bcuMismatch.length === 0
      ? 'every Met ward\'s BCU is the bcus.geojson BCU that contains its borough.'
      : `${bcuMismatch.length} ward(s) have another BCU than bcus.geojson gives their borough: ${bcuMismatch.map((w) => w.properties.code).join(', ')}.`));
  L.push(`- BCU names: the CSV's are ${r.bcuNames.filter((b) => b.csv !== b.used).map((b) => `"${b.csv}"`).join(', ') || 'all the same'}` +
    ' where bcus.geojson has the short names; the short names are used, so one BCU has one name in every file.');
  L.push(`- Ward names: the CSV's \`ward_name_ons\` and the GeoJSON's WD24NM ${r.nameDifferences.length === 0 ? 'agree for every Met ward' : `differ for ${r.nameDifferences.length}: ${r.nameDifferences.map((d) => `${d.code} "${d.geojson}" vs "${d.csv}"`).join('; ')} (the CSV's kept)`}.`);
  const d = r.boroughDisagreements;
  L.push('- Against boroughs.geojson (2015 London Datastore boundaries): a point on each ward (turf `pointOnFeature`) lies in the');
  L.push(`  borough polygon its code names for ${fmt(wards.features.length - d.length)} of ${fmt(wards.features.length)} wards.` +
    (d.length === 0
      ? ' So the 2022 wards agree with the boroughs and bcus.geojson are kept as they are.'
      : ` Not for ${d.length}: ${d.map((x) => `${x.name} (${x.code}, ${x.borough}) in ${x.foundIn ?? 'no borough'}, ${(x.shareInOwn * 100).toFixed(1)} % of its area inside its own`).join('; ')}.` +
        (d.every((x) => x.shareInOwn >= 0.5)
          ? ' Each of these still has most of its area in its own borough (edges generalised differently), so boroughs.geojson and bcus.geojson are kept as they are.'
          : ' See the build warnings.')));
  L.push(`- Geometry unchanged except coordinates rounded to ${DECIMALS} decimals (the source has ${DECIMALS}) and` +
    ` ${fmt(r.rounding.duplicateVertices)} consecutive duplicate vertices removed (repeated in the source);` +
    ` ${r.rounding.droppedRings} ring(s) collapsed.`);
  L.push('- Licence: ONS, OGL v3.0; names and BCUs London Datastore / MPS, OGL v2.0.');
  L.push(`- Attribution: "${ATTRIBUTION.wards}"`);
  return L;
}

export function lsoaLines(
  lsoa: FeatureCollection<Area, LsoaProps>,
  rounding: { duplicateVertices: number; droppedRings: number },
  collapsed: readonly { code: string; m2: number }[],
): string[] {
  const boroughs = new Set(lsoa.features.map((f) => f.properties.borough));
  return [
    '## boundaries/lsoa.geojson (LSOA 2021)',
    '',
    `- ${fmt(lsoa.features.length)} Lower Layer Super Output Areas of the 2021 census in ${boroughs.size} areas, WGS84, sorted by code; the`,
    '  LSOA codes of recent police.uk CSVs. Properties: `code` (LSOA21CD), `name` (LSOA21NM), `borough` (LAD22CD).',
    '- From `../shared/data/boundaries/lsoa_2021/london_lsoa_2021.geojson`: `jamesdamillington/london-data`,',
    '  `data/geographies/census/london-2021-lsoa-gen20.*` (commit 0d6088121a263fccbb272a9b16c2bd7344567be4), generalised to',
    '  20 m by that repository, converted to WGS84 with ogr2ogr at 6 decimals. The MSOA and borough-name fields are dropped.',
    `- Coordinates rounded to ${LSOA_DECIMALS} decimals (about 1.1 m north-south, 0.7 m east-west), not the ${DECIMALS} of the other boundary`,
    '  files: the polygons are generalised to 20 m, so the sixth decimal (0.1 m) carries nothing; the file is 8 % smaller',
    '  than at 6 decimals (measured when chosen: 4,286,090 bytes). Shared edges stay shared. The geometry is not simplified.',
    `  Rounding removed ${fmt(rounding.duplicateVertices)} consecutive duplicate vertices and collapsed ${rounding.droppedRings} ring(s)` +
      (collapsed.length === 0 ? '.' : `: ${collapsed.map((c) => `${c.m2} m² of ${c.code}`).join(', ')} (a sliver left by the generalisation).`),
    `- Licence: ONS, OGL v3.0. Attribution: "${ATTRIBUTION.lsoa}"`,
  ];
}
