/**
 * Says where the loaded data has gaps (issue 10, item 5): months with no or too few crimes, and
 * boroughs with no data in the analysed months, in words, so that empty never reads as "no crime".
 */
import { Show } from 'solid-js';
import { runLabel } from '../../state/coverage-view';
import { useApp } from '../context';
import { areaName } from '../names';

export function CoverageNote() {
  const app = useApp();
  const months = () => app.coverage()?.coverage.months ?? [];
  const list = (runs: { from: number; to: number }[]) => runs.map((g) => runLabel(months(), g)).join(', ');
  const windowText = () => {
    const c = app.coverage();
    return c && c.window.from <= c.window.to ? runLabel(months(), c.window) : 'no month';
  };
  const boroughNames = () => (app.coverage()?.noDataBoroughs ?? []).map((code) => areaName(app, 'borough', code) ?? code);
  return (
    <Show when={app.coverage()}>
      {(c) => (
        <div class="coverage-note" data-testid="coverage-note">
          <Show when={c().latestRunDefault}>
            <p class="warn" role="note" data-testid="coverage-gap">
              Data has a gap: {list(c().gaps)} {c().gaps.length === 1 ? 'has' : 'have'} no
              or too few crimes. Analysing {windowText()} (the latest run of months with data); choose months to change.
            </p>
          </Show>
          <Show when={!c().latestRunDefault && c().gapsInWindow.length > 0}>
            <p class="warn" role="note" data-testid="coverage-gap">
              The chosen months include {list(c().gapsInWindow)}, with no or too few crimes: empty there means not loaded, not no crime.
            </p>
          </Show>
          <Show when={boroughNames().length > 0}>
            <p class="warn" role="note" data-testid="coverage-boroughs">
              No data in {windowText()} for {boroughNames().length === 1 ? 'one borough' : `${boroughNames().length} boroughs`}{' '}
              (hatched on the map): {boroughNames().join(', ')}.
            </p>
          </Show>
        </div>
      )}
    </Show>
  );
}
