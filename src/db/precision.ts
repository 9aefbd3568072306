/** Read-side query over `sources` for the spatial precision of everything loaded. */
import { coarsestPrecision, POINT_PRECISION, type SpatialPrecision } from '../analysis/precision';
import type { DbClient } from './client';

export interface LoadedPrecision extends SpatialPrecision {
  /** The file that sets the limit (null when nothing limits the resolution). */
  fileName: string | null;
}

/**
 * The precision all loaded files together support: the coarsest of theirs (one coarse file
 * limits the map, since the cube mixes every file's crimes). Point records set no limit.
 */
export async function loadedPrecision(db: DbClient): Promise<LoadedPrecision> {
  const rows = await db.rows<{ file_name: string; cell_area_m2: number; finest_resolution: number }>(
    'SELECT file_name, cell_area_m2, finest_resolution FROM sources WHERE finest_resolution IS NOT NULL ORDER BY source_id',
  );
  const ps = rows.map((r) => ({ cellAreaM2: r.cell_area_m2, finestResolution: r.finest_resolution, fileName: r.file_name }));
  const p = coarsestPrecision(ps);
  return p === POINT_PRECISION ? { ...POINT_PRECISION, fileName: null } : (p as LoadedPrecision);
}
