/**
 * data/datasets.json: what the app needs to offer, load and credit each shipped dataset
 * (issue 11 shared contract). Written with a fixed key order, so the same inputs give the same
 * bytes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ATTRIBUTION } from './attributions.ts';
import { HEX_CELL_AREA_M2, HEX_FINEST_RESOLUTION, HEX_OUT, type DatasetSummary } from './crime-datasets.ts';
import type { RecordedCrimeFile } from './recorded-crime.ts';

export interface CrimeDatasetEntry {
  id: string;
  default: boolean;
  label: string;
  /** Path relative to data/. */
  file: string;
  rows: number;
  /** Crimes the rows stand for (the sum of crime_count; = rows for one row per crime). */
  crimes: number;
  /** First and last month, 'YYYY-MM'. */
  months: [string, string];
  /** Area of one source cell in m² (null: point records, police.uk snapped locations). */
  cellAreaM2: number | null;
  /** Finest H3 resolution the data supports (null: no limit from the data). */
  finestResolution: number | null;
  /** Areas (of the 32 boroughs and the City) with data. */
  areas: number;
  /** Areas with no data in any month, by name (src/analysis/coverage.ts rules), sorted. */
  missingAreas: string[];
  /** Their GSS codes, in the same order. */
  missingAreaCodes: string[];
  attribution: string;
}

export interface DatasetsJson {
  datasets: CrimeDatasetEntry[];
  /** Boundary file name (without .geojson) -> attribution. */
  boundaries: Record<string, string>;
  recordedCrime: {
    label: string;
    description: string;
    licence: string;
    attribution: string;
    files: { id: string; file: string; rows: number; wards: number; months: [string, string]; offences: number }[];
  };
}

function entry(
  id: string,
  isDefault: boolean,
  label: string,
  file: string,
  s: DatasetSummary,
  cellAreaM2: number | null,
  finestResolution: number | null,
  attribution: string,
): CrimeDatasetEntry {
  const missing = s.coverage.missing;
  return {
    id,
    default: isDefault,
    label,
    file,
    rows: s.rows,
    crimes: s.crimes,
    months: [s.months[0]!, s.months.at(-1)!],
    cellAreaM2,
    finestResolution,
    areas: s.coverage.perBorough.length - missing.length,
    missingAreas: missing.map((m) => m.name),
    missingAreaCodes: missing.map((m) => m.code),
    attribution,
  };
}

export function datasetsJson(hex: DatasetSummary, api2017: DatasetSummary, recorded: readonly RecordedCrimeFile[]): DatasetsJson {
  return {
    datasets: [
      entry('london-2025-26', true, 'All London, May 2025 to April 2026 (police.uk, 100 m cells)', HEX_OUT, hex,
        HEX_CELL_AREA_M2, HEX_FINEST_RESOLUTION, ATTRIBUTION.hex),
      entry('london-2017-18', false, 'London sample, June 2017 to May 2018 (police.uk API, 25 of 33 areas)', 'crimes.parquet',
        api2017, null, null, ATTRIBUTION.api2017),
    ],
    boundaries: {
      boroughs: ATTRIBUTION.boroughs,
      bcus: `${ATTRIBUTION.bcus} ${ATTRIBUTION.boroughs}`,
      wards: ATTRIBUTION.wards,
      lsoa: ATTRIBUTION.lsoa,
    },
    recordedCrime: {
      label: 'MPS recorded offences',
      description:
        'The Metropolitan Police Service\'s own counts of recorded offences by ward and month (Home Office offence ' +
        'groups and subgroups; no anti-social behaviour; the City of London is another force). Not police.uk street crime.',
      licence: 'Open Government Licence v2.0',
      attribution: ATTRIBUTION.recordedCrime,
      files: recorded.map((r) => ({ id: r.id, file: r.path, rows: r.rows, wards: r.wards, months: r.months, offences: r.offences })),
    },
  };
}

/** Writes <outDir>/datasets.json (2-space JSON, key order as built, trailing newline). */
export function writeDatasetsJson(outDir: string, json: DatasetsJson): string {
  const file = join(outDir, 'datasets.json');
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  return file;
}
