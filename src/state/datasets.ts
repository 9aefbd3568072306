/**
 * The embedded crime datasets the app can open, as `npm run data` describes them in
 * data/datasets.json (one source for their names, coverage, precision and attribution).
 *
 * The default is all of London, recent, aggregated to 100 m cells; the 2017-18 record-level
 * set stays selectable (issue 11, item 1). A dataset is the base the user's own files are
 * loaded on top of.
 */
import catalogue from '../../data/datasets.json';

export interface DatasetInfo {
  id: string;
  /** What the Data panel calls it. */
  label: string;
  /** File name under data/. */
  file: string;
  /** Rows in the file and the crimes they stand for (a row of an aggregated file counts several). */
  rows: number;
  crimes: number;
  /** First and last month 'YYYY-MM'. */
  months: readonly [string, string];
  /** Area of the data's spatial cell in m² (null: point records). */
  cellAreaM2: number | null;
  /** The finest H3 resolution the data supports (null: no limit). */
  finestResolution: number | null;
  /** Of the 33 London areas (32 boroughs and the City), how many have crime. */
  areas: number;
  /** The areas with no crime in the data (shown as "No data" on the map). */
  missingAreas: readonly string[];
  /** Credit line shown on the map while this dataset is open. */
  attribution: string;
  default: boolean;
}

export const DATASETS: readonly DatasetInfo[] = (catalogue.datasets as unknown as DatasetInfo[]).map((d) => Object.freeze({ ...d }));

const defaults = DATASETS.filter((d) => d.default);
if (defaults.length !== 1) throw new Error(`data/datasets.json: expected one default dataset, found ${defaults.length}`);

/** The dataset a first visit opens. */
export const DEFAULT_DATASET: DatasetInfo = defaults[0];

/** The dataset of an id, or undefined for an unknown id. */
export function datasetById(id: string): DatasetInfo | undefined {
  return DATASETS.find((d) => d.id === id);
}
