/**
 * The user's boundary files in the Data panel (issue 12, item 2): a GeoJSON chosen or dropped with
 * the crime files becomes a level of the cross-border panel; each is listed with its areas, or
 * with the reason it was refused.
 */
import { For } from 'solid-js';
import { isBoundaryFileName } from '../../ingest/boundary-file';
import { useApp } from '../context';

/** Splits chosen files into boundary files (.geojson, .json) and crime files. */
export function splitBoundaryFiles(files: readonly File[]): { boundaries: File[]; data: File[] } {
  return { boundaries: files.filter((f) => isBoundaryFileName(f.name)), data: files.filter((f) => !isBoundaryFileName(f.name)) };
}

export function BoundaryFiles() {
  const app = useApp();
  const model = app.clusters;
  return (
    <ul class="reports" data-testid="boundary-files">
      <For each={model.customLevels()}>
        {(l) => (
          <li class="loaded" data-file={l.file.fileName}>
            <strong>{l.id}</strong>: {l.file.features.length} area{l.file.features.length === 1 ? '' : 's'}
            {l.file.converted ? ' (British National Grid, converted to WGS84)' : ''}
            {l.file.skipped > 0 ? `, ${l.file.skipped} features without an area left out` : ''}; a boundary level of the cross-border hot spots
            {l.nameProperty ? `, named by "${l.nameProperty}"` : ', numbered (no property names every area)'}
          </li>
        )}
      </For>
      <For each={model.boundaryErrors()}>
        {(why) => (
          <li class="failed" data-testid="boundary-error">
            <span class="error">{why}</span>
          </li>
        )}
      </For>
    </ul>
  );
}
