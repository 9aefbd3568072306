/**
 * H3 helpers shared by ingest, analysis and the map.
 *
 * h3-js works in [lat, lng] while GeoJSON, deck.gl and MapLibre use [lng, lat]: the swap
 * happens here and nowhere else (as deck.gl's h3-utils getHexagonCentroid does).
 * Cells are stored in DuckDB as UBIGINT (the 64-bit H3 index) and handled in JS as the
 * 15-character hex strings h3-js and deck.gl's H3HexagonLayer use.
 */
import { cellToLatLng, latLngToCell } from 'h3-js';

/** The cell of a point at resolution `res`, computed at that resolution (ANALYSIS.md: cells do not nest). */
export function cellOf(lon: number, lat: number, res: number): string {
  return latLngToCell(lat, lon, res);
}

/** Cell centre as [lng, lat]. */
export function cellCentre(cell: string): [number, number] {
  const [lat, lng] = cellToLatLng(cell);
  return [lng, lat];
}

export function cellToBigInt(cell: string): bigint {
  return BigInt(`0x${cell}`);
}

export function bigIntToCell(v: bigint): string {
  return v.toString(16);
}
