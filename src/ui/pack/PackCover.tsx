/**
 * The pack's first sheet: title, as at, the data's range, the view's filters in the map title's
 * words, the proposals in one line, and the map (the hexagon layer's own cells and colours, the
 * area's outlines, the sites outlined and numbered by rank) with the app's legend and a true
 * scale bar (./PackSketch.tsx says why the map is drawn as SVG).
 */
import { createMemo, Show } from 'solid-js';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { cellsToMultiPolygon } from 'h3-js';
import { areaFeatures } from '../../map/basemap-style';
import { isHotspotLayer } from '../../state/filters';
import { fillColors, layerCells } from '../../state/hex-view';
import { useApp } from '../context';
import { Legend } from '../legend/Legend';
import { DataAttribution } from '../map/DataAttribution';
import { monthInWords } from '../map/map-title';
import { useMapTitle } from '../map/MapTitleStrip';
import { PackSketch, type SketchGroup } from './PackSketch';

const FDR_WORDS = { 1: '90 %', 2: '95 %', 3: '99 %' } as const;
/** Off the hot spot layers the pack is this cover alone (src/state/pack-model.ts `packPlan`). */
const OFF_HOTSPOTS =
  'Proposals, cross-border clusters and site sheets come from hot spot clusters: set the map layer to hot spots to have them in the pack.';

/** The drawn cells of the hexagon layer grouped by their fill (one SVG path a colour). */
function useLayerGroups() {
  const app = useApp();
  return createMemo<SketchGroup[]>(() => {
    const src = app.hexSource();
    const cells = layerCells(src);
    const rgba = fillColors(src, app.scale());
    const byFill = new Map<string, string[]>();
    for (let i = 0; i < cells.length; i++) {
      if (rgba[4 * i + 3] === 0) continue;
      const fill = `rgb(${rgba[4 * i]},${rgba[4 * i + 1]},${rgba[4 * i + 2]})`;
      const list = byFill.get(fill);
      if (list) list.push(cells[i]);
      else byFill.set(fill, [cells[i]]);
    }
    return [...byFill].map(([fill, list]) => ({ name: fill, fill, cells: list }));
  });
}

export function PackCover() {
  const app = useApp();
  const title = useMapTitle();
  const groups = useLayerGroups();
  const proposals = () => app.tasking.answer()?.proposals ?? [];
  const months = () => app.cube()?.months ?? [];
  const outlines = createMemo(() => {
    const b = app.boundaries();
    const area = b ? (areaFeatures(b, app.view.area) as Feature<Polygon | MultiPolygon>[]) : [];
    const sites: Feature<MultiPolygon>[] = proposals().map((p) => ({
      type: 'Feature', properties: { id: p.id }, geometry: { type: 'MultiPolygon', coordinates: cellsToMultiPolygon(p.cells, true) },
    }));
    return [
      { features: area, stroke: '#555', width: 1 },
      { features: sites, stroke: '#000', width: 2.2 },
    ];
  });
  const printed = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
  return (
    <div class="pack-cover">
      <div class="pack-cover-text">
        <h1 data-testid="pack-title">Tasking meeting pack</h1>
        <p class="pack-asat" data-testid="pack-asat">
          As at {months().length > 0 ? monthInWords(months().at(-1)!) : 'no data loaded'}
        </p>
        <p data-testid="pack-range">
          Data range: {months().length > 0 ? `${monthInWords(months()[0])} to ${monthInWords(months().at(-1)!)}` : 'no months'} ·{' '}
          {app.dataset()?.label ?? 'loaded files'} · {app.totals().crimes.toLocaleString('en-GB')} crimes loaded
        </p>
        <h2>What the map shows</h2>
        <p data-testid="pack-filters">
          {title().heading}
          <br />
          {title().scope}
          <br />
          {title().basis}
        </p>
        <p data-testid="pack-summary">
          <Show when={isHotspotLayer(app.view.layer)} fallback={OFF_HOTSPOTS}>
            {proposals().length} candidate site{proposals().length === 1 ? '' : 's'} for Clear, Hold or Build, from clusters hot at {FDR_WORDS[app.view.clusterFdr]},
            ranked by harm × months hot (harm in Cambridge Crime Harm Index days). Sites are outlined in black and numbered by rank.
          </Show>
        </p>
        <Legend />
        <p class="pack-note">Printed {printed}. Hexagons and outlines drawn from the data; scale bar true on the printed page.</p>
        <DataAttribution />
      </div>
      <div class="pack-cover-map">
        <Show when={groups().length > 0 || outlines()[0].features.length > 0} fallback={<p>No hexagons to draw for this view.</p>}>
          <PackSketch
            testid="pack-map"
            title={`${title().heading}: ${title().scope}`}
            groups={groups()}
            outlines={outlines()}
            labels={proposals().map((p) => ({ h3: p.id, text: String(p.rank) }))}
            width={1000}
            labelSize={13}
          />
        </Show>
      </div>
    </div>
  );
}
