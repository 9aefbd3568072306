/**
 * Distinct crime locations per (H3 cell, ward, borough), for the "few points" caveat on a
 * cluster's unit shares (borders.ts, issue 12 item 5): police.uk snaps crimes to anonymous map
 * points, so a share can rest on one or two points that happen to fall across a line.
 */
import type { CellUnitPoints } from '../analysis/borders';
import type { LocationCrimes } from '../analysis/custom-areas';
import type { DbClient } from './client';
import { H3_RESOLUTIONS, type H3Resolution } from './schema';

export interface PointFilter {
  /** Inclusive months 'YYYY-MM'; null = no bound. */
  from: string | null;
  to: string | null;
  /** Crime types (the crimes table's `crime_type`) to count; every crime of them counts. */
  categories: readonly string[];
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Counts distinct `loc_id` per (cell at the resolution, ward, borough) over the crimes of the
 * filter. A location has one cell per resolution and one ward and borough (the `locations` row),
 * so these counts add up over cells and units without counting a point twice.
 * Values reach SQL as bound parameters only; the cell column name comes from the fixed list of
 * resolutions.
 *
 * @throws {Error} when the resolution is not offered or a month is not 'YYYY-MM'.
 * @returns One entry per (cell, ward, borough) holding crimes of the filter; cells as H3 strings.
 */
export async function clusterPointCounts(db: DbClient, resolution: H3Resolution, filter: PointFilter): Promise<CellUnitPoints[]> {
  if (!H3_RESOLUTIONS.includes(resolution)) throw new Error(`clusterPointCounts: resolution ${resolution} is not one of ${H3_RESOLUTIONS.join(', ')}`);
  for (const m of [filter.from, filter.to]) if (m !== null && !MONTH.test(m)) throw new Error(`clusterPointCounts: month "${m}" is not YYYY-MM`);
  if (filter.categories.length === 0) return [];
  const h3col = `h3_${resolution}`; // from the fixed list above, not user text
  const placeholders = filter.categories.map(() => '?').join(', ');
  const t = await db.query(
    `SELECT l.${h3col} AS cell, l.ward_code AS ward, l.borough_code AS borough, count(DISTINCT c.loc_id)::INT AS points
     FROM crimes c JOIN locations l USING (loc_id)
     WHERE c.month >= CAST(? AS DATE) AND c.month <= CAST(? AS DATE) AND c.crime_type IN (${placeholders})
     GROUP BY ALL
     ORDER BY cell, ward NULLS LAST, borough NULLS LAST`,
    [`${filter.from ?? '0001-01'}-01`, `${filter.to ?? '9999-12'}-01`, ...filter.categories],
  );
  const cell = t.getChild('cell');
  const ward = t.getChild('ward');
  const borough = t.getChild('borough');
  const points = t.getChild('points');
  const out: CellUnitPoints[] = new Array(t.numRows);
  for (let i = 0; i < t.numRows; i++) {
    out[i] = {
      cell: (cell?.get(i) as bigint).toString(16),
      ward: (ward?.get(i) as string | null) ?? null,
      borough: (borough?.get(i) as string | null) ?? null,
      points: Number(points?.get(i)),
    };
  }
  return out;
}

/**
 * Crimes per (location, crime type) of the filter in the given cells at the resolution: what a
 * user's own polygons need to share a cluster by the crimes' points (custom-areas.ts). The cells
 * reach SQL as a column of a temporary table, the months and types as bound parameters.
 *
 * @param categoryNames the cube's categories: a crime type's index there is its category code
 */
export async function clusterLocationCrimes(
  db: DbClient,
  resolution: H3Resolution,
  filter: PointFilter,
  cells: readonly string[],
  categoryNames: readonly string[],
): Promise<LocationCrimes[]> {
  if (!H3_RESOLUTIONS.includes(resolution)) throw new Error(`clusterLocationCrimes: resolution ${resolution} is not one of ${H3_RESOLUTIONS.join(', ')}`);
  for (const m of [filter.from, filter.to]) if (m !== null && !MONTH.test(m)) throw new Error(`clusterLocationCrimes: month "${m}" is not YYYY-MM`);
  if (filter.categories.length === 0 || cells.length === 0) return [];
  const h3col = `h3_${resolution}`; // from the fixed list above, not user text
  await db.exec('DROP TABLE IF EXISTS cluster_cells');
  await db.insertColumns('cluster_cells', { cell: BigUint64Array.from(cells, (c) => BigInt(`0x${c}`)) });
  try {
    const placeholders = filter.categories.map(() => '?').join(', ');
    const t = await db.query(
      `SELECT l.${h3col} AS cell, l.longitude AS lon, l.latitude AS lat, c.crime_type AS type, sum(c.crime_count)::INT AS crimes
       FROM crimes c JOIN locations l USING (loc_id) JOIN cluster_cells k ON k.cell = l.${h3col}
       WHERE c.month >= CAST(? AS DATE) AND c.month <= CAST(? AS DATE) AND c.crime_type IN (${placeholders})
       GROUP BY ALL
       ORDER BY cell, lon, lat, type`,
      [`${filter.from ?? '0001-01'}-01`, `${filter.to ?? '9999-12'}-01`, ...filter.categories],
    );
    const col = (name: string) => t.getChild(name);
    const out: LocationCrimes[] = new Array(t.numRows);
    for (let i = 0; i < t.numRows; i++) {
      out[i] = {
        cell: (col('cell')?.get(i) as bigint).toString(16),
        lon: Number(col('lon')?.get(i)),
        lat: Number(col('lat')?.get(i)),
        category: categoryNames.indexOf(String(col('type')?.get(i))),
        crimes: Number(col('crimes')?.get(i)),
      };
    }
    return out;
  } finally {
    await db.exec('DROP TABLE IF EXISTS cluster_cells');
  }
}
