/**
 * The proposals on screen as files for the meeting: CSV of the ranked proposals, GeoJSON of the
 * sites' outlines and of their patrol cells (src/state/pack-exports.ts), saved with the tasking
 * log's download helper. Named after the data's latest month, as the pack's "as at".
 */
import { Show } from 'solid-js';
import { downloadText } from '../../state/lifecycle/download';
import { patrolCellsGeoJson, proposalsCsv, sitesGeoJson } from '../../state/pack-exports';
import { useApp } from '../context';

export function PackDownloads() {
  const app = useApp();
  const proposals = () => app.tasking.answer()?.proposals ?? null;
  const asAt = () => app.cube()?.months.at(-1) ?? 'no-data';
  return (
    <Show when={proposals()}>
      {(list) => (
        <span class="pack-downloads">
          <button type="button" data-testid="pack-csv" onClick={() => downloadText(proposalsCsv(list(), app.lifecycle.sites()), `tasking-proposals-${asAt()}.csv`, 'text/csv')}>
            Proposals (CSV)
          </button>
          <button
            type="button"
            data-testid="pack-sites-geojson"
            onClick={() => downloadText(JSON.stringify(sitesGeoJson(list(), app.lifecycle.sites())), `tasking-sites-${asAt()}.geojson`, 'application/geo+json')}
          >
            Sites (GeoJSON)
          </button>
          <button
            type="button"
            data-testid="pack-patrol-geojson"
            onClick={() => downloadText(JSON.stringify(patrolCellsGeoJson(list())), `patrol-cells-${asAt()}.geojson`, 'application/geo+json')}
          >
            Patrol cells (GeoJSON)
          </button>
        </span>
      )}
    </Show>
  );
}
