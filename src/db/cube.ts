/**
 * Builds the crime cube ({@link CrimeCube}) for one H3 resolution in DuckDB: one GROUP BY over
 * crimes joined to their locations, dictionary codes assigned in SQL, typed arrays out. A cube
 * count is crimes: the rows' `crime_count` summed (an aggregated extract's row stands for many).
 */
import { ALL_CATEGORIES } from '../analysis/categories';
import { type CrimeCube, monthLabel } from '../analysis/cube';
import type { DbClient } from './client';
import { H3_RESOLUTIONS, type H3Resolution } from './schema';

const toInt32 = (v: ArrayLike<number> | null | undefined) => Int32Array.from(v ?? []);

export async function buildCube(db: DbClient, resolution: H3Resolution): Promise<CrimeCube> {
  if (!H3_RESOLUTIONS.includes(resolution)) throw new Error(`buildCube: resolution ${resolution} is not one of ${H3_RESOLUTIONS.join(', ')}`);
  const h3col = `h3_${resolution}`; // from the fixed list above, not user text
  await db.exec(`DROP TABLE IF EXISTS cube_rows; CREATE TEMP TABLE cube_rows AS
    SELECT l.${h3col} AS cell, (year(c.month) * 12 + month(c.month) - 1)::INT AS month_no, c.crime_type,
           l.ward_code, l.borough_code, sum(c.crime_count)::INT AS n
    FROM crimes c JOIN locations l USING (loc_id)
    GROUP BY ALL`);
  const span = await db.rows<{ lo: number | null; hi: number | null }>('SELECT min(month_no) AS lo, max(month_no) AS hi FROM cube_rows');
  const lo = span[0]?.lo ?? null;
  const hi = span[0]?.hi ?? null;
  const cellsT = await db.query('SELECT DISTINCT cell FROM cube_rows ORDER BY cell');
  const cellCol = cellsT.getChild('cell')!;
  const cells: string[] = new Array(cellsT.numRows);
  for (let i = 0; i < cells.length; i++) cells[i] = (cellCol.get(i) as bigint).toString(16);
  const wards = (await db.rows<{ w: string }>('SELECT DISTINCT ward_code AS w FROM cube_rows WHERE ward_code IS NOT NULL ORDER BY 1')).map((r) => r.w);
  const boroughRows = await db.rows<{ b: string; bcu: string | null }>(
    `SELECT DISTINCT l.borough_code AS b, first(l.bcu_code) AS bcu FROM locations l
     WHERE l.borough_code IS NOT NULL GROUP BY 1 ORDER BY 1`,
  );
  const boroughs = boroughRows.map((r) => r.b);
  await db.exec('DROP TABLE IF EXISTS cube_dict; CREATE TEMP TABLE cube_dict (kind VARCHAR, key VARCHAR, code INTEGER)');
  const dict = (kind: string, keys: readonly string[]) =>
    db.insertColumns('cube_dict', { kind: keys.map(() => kind), key: [...keys], code: Int32Array.from(keys, (_, i) => i) }, { create: false });
  await dict('cat', ALL_CATEGORIES);
  await dict('ward', wards);
  await dict('borough', boroughs);
  const t = await db.query(
    `WITH cell_codes AS (SELECT cell, (row_number() OVER (ORDER BY cell) - 1)::INT AS code FROM (SELECT DISTINCT cell FROM cube_rows))
     SELECT cc.code AS cell, (r.month_no - ?)::INT AS month, cat.code AS category,
            COALESCE(w.code, -1)::INT AS ward, COALESCE(b.code, -1)::INT AS borough, r.n
     FROM cube_rows r
     JOIN cell_codes cc USING (cell)
     JOIN cube_dict cat ON cat.kind = 'cat' AND cat.key = r.crime_type
     LEFT JOIN cube_dict w ON w.kind = 'ward' AND w.key = r.ward_code
     LEFT JOIN cube_dict b ON b.kind = 'borough' AND b.key = r.borough_code
     ORDER BY cc.code, month, category`,
    [lo ?? 0],
  );
  await db.exec('DROP TABLE IF EXISTS cube_rows; DROP TABLE IF EXISTS cube_dict');
  const cell = toInt32(t.getChild('cell')?.toArray());
  const cellStart = new Int32Array(cells.length + 1);
  for (let i = 0; i < cell.length; i++) cellStart[cell[i] + 1]++;
  for (let c = 0; c < cells.length; c++) cellStart[c + 1] += cellStart[c];
  const months: string[] = [];
  if (lo !== null && hi !== null) for (let m = lo; m <= hi; m++) months.push(monthLabel(m));
  return {
    resolution,
    cells,
    months,
    categories: ALL_CATEGORIES,
    wards,
    boroughs,
    boroughBcu: boroughRows.map((r) => r.bcu),
    cell,
    month: Uint16Array.from(t.getChild('month')?.toArray() ?? []),
    category: Uint8Array.from(t.getChild('category')?.toArray() ?? []),
    ward: Int16Array.from(t.getChild('ward')?.toArray() ?? []),
    borough: Int16Array.from(t.getChild('borough')?.toArray() ?? []),
    count: toInt32(t.getChild('n')?.toArray()),
    cellStart,
  };
}
