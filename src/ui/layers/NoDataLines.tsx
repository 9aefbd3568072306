/**
 * The hot spot layers' account of data coverage (issue 10, item 5): hexagons left out of the
 * study area for want of data (and the setting to keep them), an area with no data at all, and
 * emerging categories withheld when the months are too few.
 */
import { Show } from 'solid-js';
import { MIN_EMERGING_MONTHS } from '../../analysis/hotspots';
import { useApp } from '../context';

export function NoDataLines() {
  const app = useApp();
  const h = () => app.hotspots();
  const hasNoData = () => (app.coverage()?.noDataBoroughs.length ?? 0) > 0;
  const keptNoData = () => h()?.noData.reduce((a, b) => a + b, 0) ?? 0;
  return (
    <>
      <Show when={hasNoData()}>
        <label class="check small">
          <input
            type="checkbox"
            data-testid="include-no-data"
            checked={app.view.includeNoData}
            onChange={(e) => app.setView({ includeNoData: e.currentTarget.checked })}
          />
          Include boroughs with no data in the study area (as zeros; never labelled hot or cold)
        </label>
      </Show>
      <Show when={h()}>
        {(r) => (
          <>
            <Show when={r().excludedCells > 0}>
              <p class="muted small" data-testid="no-data-excluded">
                {r().excludedCells.toLocaleString('en-GB')} hexagons in boroughs with no data left out of the study area
                {r().inNoDataArea > 0 ? ` (${r().inNoDataArea.toLocaleString('en-GB')} crimes there, spill-over not analysed)` : ''}.
              </p>
            </Show>
            <Show when={keptNoData() > 0}>
              <p class="muted small" data-testid="no-data-kept">
                {keptNoData().toLocaleString('en-GB')} hexagons in boroughs with no data are analysed as zeros and never labelled.
              </p>
            </Show>
            <Show when={r().cells.length === 0 && r().excludedCells > 0}>
              <p class="warn" role="note" data-testid="no-data-area">
                This area has no data in the chosen months: there is nothing to analyse. Choose another area, or load its crimes.
              </p>
            </Show>
            <Show when={app.view.layer === 'emerging' && !r().emergingComputed && r().cells.length > 0}>
              <p class="warn" role="note" data-testid="emerging-too-short">
                Emerging hot spots need at least {MIN_EMERGING_MONTHS} months with crime (Esri's minimum); these months hold{' '}
                {r().months.length}. No hexagon is classified: choose more months.
              </p>
            </Show>
          </>
        )}
      </Show>
    </>
  );
}
