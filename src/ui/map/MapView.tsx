/**
 * The map: MapLibre for the base (offline style: background + boundaries) and deck.gl on top
 * through the overlaid MapboxOverlay (interleaved mode crashes on maplibre-gl 6: STACK.md).
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { createComputed, createEffect, createMemo, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import type { CellBreakdown } from '../../analysis/cube';
import { bbox as turfBbox } from '@turf/turf';
import { EMERGING_CATEGORIES } from '../../analysis/emerging.ts';
import { areaFeatures, buildStyle } from '../../map/basemap-style';
import { drawNow } from '../../map/draw-now';
import { deckFrames, noteDeckDrawStart, noteDeckFrame } from '../../map/frame-clock';
import { GI_BIN_LABELS } from '../../map/hotspot-colors';
import { EMERGING_EXPLAINED, explainGiBin, explainZ } from '../explain';
import { boundaryLabels } from '../../map/labels';
import { hexagonLayer, hexLayerData, labelLayer, labelLevel, noDataLabelLayer, selectionLayer, type HexRow } from '../../map/layers';
import { attachNoData } from '../../map/no-data';
import { attachLsoa } from '../../map/lsoa-layer';
import { fillColors } from '../../state/hex-view';
import { useApp } from '../context';
import { areaName } from '../names';
import { roundCamera, type MapCamera, type ViewState } from '../../state/filters';
import type { BoundaryLayers } from '../../map/basemap-style';
import { BasemapPrompt } from './BasemapPrompt';
import { useRecordedWardLayer } from '../recorded/ward-layer';
import { useClusterMap } from '../clusters/cluster-map';
import { reviewLayers } from '../../map/review-layers';
import { useProposalMap } from '../tasking/proposal-map';
import { usePatrolMap } from '../patrol/patrol-map';

// maplibre-gl 6 cannot find its worker after `vite build` unless told where it is (STACK.md section 7).
setWorkerUrl(maplibreWorkerUrl);

const LONDON: [number, number, number, number] = [-0.52, 51.28, 0.34, 51.7];
// The title strip covers the top of the map (src/ui/map/MapTitleStrip.tsx): framing leaves it clear.
const TITLE_CLEARANCE = 110;

/** How the map frames an area filter: its bounding box, or London for every area (null: no polygon). */
function framing(b: BoundaryLayers, a: ViewState['area']) {
  if (a.kind === 'all') return { bounds: LONDON, options: { padding: { top: TITLE_CLEARANCE, bottom: 20, left: 20, right: 20 } } };
  const features = areaFeatures(b, a);
  if (features.length === 0) return null;
  const [w, s, e, n] = turfBbox({ type: 'FeatureCollection', features });
  return { bounds: [w, s, e, n] as [number, number, number, number], options: { padding: { top: TITLE_CLEARANCE, bottom: 40, left: 40, right: 40 }, maxZoom: 15 } };
}

/** The same camera as far as the URL can tell (both already rounded). */
const sameCamera = (a: MapCamera | null, b: MapCamera | null) =>
  a === b || (a !== null && b !== null && a.lon === b.lon && a.lat === b.lat && a.zoom === b.zoom);

function cameraOf(map: MapLibreMap): MapCamera {
  const c = map.getCenter().wrap();
  return roundCamera({ lon: c.lng, lat: c.lat, zoom: map.getZoom() });
}

interface Hover {
  x: number;
  y: number;
  row: HexRow;
}

/** The hotspot figures of one study cell, in plain words. */
function HotspotLines(props: { study: number }) {
  const app = useApp();
  const h = () => app.hotspots()!;
  return (
    <div class="tt-hot" data-testid="tooltip-hotspot">
      <Show
        when={app.view.layer === 'gi'}
        fallback={
          <>
            <div class="tt-strong">{EMERGING_CATEGORIES[h().emerging[props.study]]}</div>
            <div>{EMERGING_EXPLAINED[EMERGING_CATEGORIES[h().emerging[props.study]]]}</div>
          </>
        }
      >
        <div class="tt-strong">{GI_BIN_LABELS[h().giBinFdr[props.study]]} (FDR)</div>
        <div>{explainGiBin(h().giBinFdr[props.study], true)}</div>
        <div class="muted">{explainZ(h().giZ[props.study], h().giP[props.study])}</div>
      </Show>
    </div>
  );
}

export function MapView() {
  const app = useApp();
  let container!: HTMLDivElement;
  let map: MapLibreMap | undefined;
  // A signal, so the layer effect runs once the overlay exists.
  const [overlay, setOverlay] = createSignal<MapboxOverlay | null>(null);
  const [zoom, setZoom] = createSignal(9.5);
  const [hover, setHover] = createSignal<Hover | null>(null);
  const labels = createMemo(() => (app.boundaries() ? boundaryLabels(app.boundaries()!) : []));
  // The hatch speaks of the loaded police.uk crimes, not of the Met's recorded offences layer.
  // A memo that keeps its array while the boroughs stay the same, so a filter change that leaves
  // them redraws neither the hatch nor the "No data" names.
  const noDataCodes = createMemo<readonly string[]>(() => (app.view.layer === 'recorded' ? [] : (app.coverage()?.noDataBoroughs ?? [])), [], {
    equals: (a, b) => a.length === b.length && a.every((c, i) => c === b[i]),
  });
  let showNoData = () => {};
  let showLsoa = () => {};
  const recorded = useRecordedWardLayer();
  const clusterMap = useClusterMap();
  const proposalMap = useProposalMap();
  const patrolMap = usePatrolMap();

  /** The hovered cell's figures: the same source as the selected-hexagon panel. */
  const breakdownOf = (code: number): CellBreakdown | null => {
    if (!app.cube()) return null;
    return app.cellFigures(code) ?? { byCategory: [], ward: null, borough: null, total: 0, stopSearch: 0, value: 0, series: [] };
  };

  // The layer holds every cell (src/state/hex-view.ts); a picked cell that is not drawn is no pick.
  const onHover = (info: PickingInfo<string>) => {
    const row = info.picked ? app.hexAt(info.index) : null;
    if (!row) return setHover(null);
    setHover({ x: info.x, y: info.y, row });
  };

  onMount(() => {
    createEffect(
      on(
        () => [app.boundaries(), app.view.onlineBasemap] as const,
        ([b, online]) => {
          if (!b) return;
          if (!map) {
            // A link's camera wins; otherwise the map frames the link's area (or London).
            const cam = app.view.camera;
            const frame = framing(b, app.view.area) ?? framing(b, { kind: 'all' })!;
            map = new MapLibreMap({
              container,
              style: buildStyle(b, { onlineBasemap: online }),
              ...(cam ? { center: [cam.lon, cam.lat], zoom: cam.zoom } : { bounds: frame.bounds, fitBoundsOptions: frame.options }),
              attributionControl: false,
              // Lets tests (and the print pack later) read the canvas back.
              canvasContextAttributes: { preserveDrawingBuffer: true },
            });
            map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
            map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
            map.addControl(new AttributionControl({ compact: true }), 'bottom-right');
            const o = new MapboxOverlay({
              interleaved: false,
              layers: [],
              onHover: onHover as never,
              onClick: ((info: PickingInfo<string>) => {
                // While a proposal's site is being redrawn, a click adds or removes its hexagon
                // (a hexagon not drawn, not significant, say, can join a site too).
                if (patrolMap.click(info.coordinate)) return;
                const cell = info.picked ? (app.hexCells()[info.index] ?? null) : null;
                if (cell && app.tasking.editing()) app.tasking.toggleCell(cell);
                else app.select((info.picked && app.hexAt(info.index)?.hex) || null);
              }) as never,
              onBeforeRender: noteDeckDrawStart,
              onAfterRender: noteDeckFrame,
            });
            map.addControl(o);
            setOverlay(o);
            map.on('zoomend', () => setZoom(map!.getZoom()));
            showNoData = attachNoData(map, noDataCodes);
            showLsoa = attachLsoa(map, () => (app.view.lsoa ? app.lsoa.data() : null));
            clusterMap.attach(map);
            proposalMap.attach(map);
            patrolMap.attach(map);
            // Map -> URL; the camera effect below ignores a camera the map already shows, so no loop.
            // The map first settles on the rounded camera (a move under 1 m and 0.005 zoom levels):
            // it then shows exactly what the URL says, so the link draws the same pixels elsewhere.
            // The tolerance (far above float noise, far below the rounding) keeps the snap's own
            // moveend from snapping again should the map not store the rounded numbers exactly.
            map.on('moveend', () => {
              const c = cameraOf(map!);
              const at = map!.getCenter();
              const off = Math.max(Math.abs(at.lng - c.lon), Math.abs(at.lat - c.lat), Math.abs(map!.getZoom() - c.zoom));
              if (off > 1e-9) map!.jumpTo({ center: [c.lon, c.lat], zoom: c.zoom });
              if (!sameCamera(c, app.view.camera)) app.setView({ camera: c });
            });
            setZoom(map.getZoom());
          } else {
            map.setStyle(buildStyle(b, { onlineBasemap: online }));
          }
        },
      ),
    );
  });

  // Choosing an area frames it (BCU, borough or ward), or London. Deferred: at start the map
  // was built looking at the link's camera or area already.
  createEffect(
    on(
      () => [app.view.area.kind, app.view.area.kind === 'all' ? '' : app.view.area.codes.join()] as const,
      () => {
        const b = app.boundaries();
        const frame = b && framing(b, app.view.area);
        if (map && frame) map.fitBounds(frame.bounds, { ...frame.options, duration: 600 });
      },
      { defer: true },
    ),
  );

  // URL state -> map, for a camera the map does not show yet.
  createEffect(
    on(
      () => app.view.camera && { ...app.view.camera },
      (cam) => {
        if (map && cam && !sameCamera(cam, cameraOf(map))) map.jumpTo({ center: [cam.lon, cam.lat], zoom: cam.zoom });
      },
      { defer: true },
    ),
  );

  // One data object per cell list (deck keeps the hexagons' positions while it stays), and
  // per-cell colours for the current source.
  const hexData = createMemo(() => hexLayerData(app.hexCells()));
  // Per-cell colours for the current source; the cells themselves keep their identity.
  const fill = createMemo(() => fillColors(app.hexSource(), app.scale()));
  // Bumped whenever the colours change, so deck re-reads getFillColor (and nothing else).
  const version = createMemo((v: number) => {
    fill();
    return v + 1;
  }, 0);

  // Boroughs with no data in the analysed months are hatched.
  createEffect(on(noDataCodes, () => showNoData()));
  createEffect(on(() => app.view.lsoa && app.lsoa.data(), () => showLsoa()));

  // Each layer is its own memo, so a change rebuilds only the layers it touches: a filter change
  // hands deck.gl a new hexagon layer and the very same instances of the others, which deck then
  // skips (Layer._transferState returns at once for the same instance) instead of diffing their
  // props and, for layers whose data would be a fresh array, recomputing every attribute (the
  // names' glyphs). Empty layers are left out: deck would still visit and draw them.
  const hexagons = createMemo(() => hexagonLayer(hexData(), fill(), version()));
  const recordedLayers = createMemo(() => recorded.layers());
  const selection = createMemo(() => (app.selected() ? [selectionLayer(app.selected())] : []));
  const review = createMemo(() => reviewLayers(app.review.matchedCells()));
  // Meeting mode's 24 px holds for the names drawn on the map too.
  const minPx = () => (app.meeting.open() ? 24 : 0);
  const level = createMemo(() => labelLevel(zoom()));
  const names = createMemo(() => labelLayer(labels(), level(), minPx()));
  const noDataNames = createMemo(() => noDataLabelLayer(labels(), noDataCodes(), level(), minPx()));

  // A computation, not an effect: Solid runs it before the render effects that write the panels'
  // and legend's text, so deck.gl draws while the page's layout is still clean. (deck reads its
  // container's size on every draw; after the panels changed, that read forced a layout of the
  // whole page inside the input's task, about 1 ms, before the map's draw calls were issued.)
  // The panels then change in the same task, so the frame shows the map and legend together.
  createComputed(() => {
    const o = overlay();
    if (!o) return;
    const layers = [
      hexagons(),
      // Above the hexagons, so the wards (not transparent cells) answer hover and click.
      ...recordedLayers(),
      ...selection(),
      ...clusterMap.layers(),
      ...proposalMap.layers(),
      ...review(),
      ...patrolMap.layers(),
      names(),
      ...noDataNames(),
    ];
    o.setProps({ layers });
    deckFrames.layers = layers;
    drawNow(o);
  });

  onCleanup(() => {
    overlay()?.finalize();
    map?.remove();
  });

  // Read under the current filter at render time, so a filter change while hovering updates it.
  const hovered = () => {
    const h = hover();
    const breakdown = h && breakdownOf(h.row.code);
    return h && breakdown ? { ...h, breakdown } : null;
  };

  return (
    <div class="map-wrap">
      <div ref={container} class="map" data-testid="map" aria-label="Crime map of London on H3 hexagons" role="region" />
      <BasemapPrompt />
      <recorded.Tooltip />
      <Show when={hovered()}>
        {(h) => (
          <div class="tooltip" data-testid="tooltip" style={{ left: `${h().x + 14}px`, top: `${h().y + 14}px` }}>
            <div class="tt-title">
              {h().breakdown.total.toLocaleString('en-GB')} crime{h().breakdown.total === 1 ? '' : 's'}
              {app.view.weight === 'harm' ? ` · harm ${Math.round(h().breakdown.value).toLocaleString('en-GB')} days` : ''}
            </div>
            <Show when={h().breakdown.stopSearch > 0}>
              <div>{h().breakdown.stopSearch.toLocaleString('en-GB')} stop-and-search record{h().breakdown.stopSearch === 1 ? '' : 's'} (not crimes)</div>
            </Show>
            <Show when={app.view.layer !== 'counts' && app.hotspots() && h().row.study >= 0}>
              <Show when={!app.hotspotsStale()} fallback={<div class="muted">Hot spot figures are being recomputed for the new filter…</div>}>
                <HotspotLines study={h().row.study} />
              </Show>
            </Show>
            <div class="tt-sub">
              {areaName(app, 'ward', h().breakdown.ward) ?? 'outside the wards'} · {areaName(app, 'borough', h().breakdown.borough) ?? 'outside London boroughs'}
            </div>
            <ul>
              {h().breakdown.byCategory.slice(0, 3).map((c) => (
                <li>
                  {c.category}: {c.count.toLocaleString('en-GB')}
                </li>
              ))}
            </ul>
            <div class="tt-cell">H3 {h().row.hex}</div>
          </div>
        )}
      </Show>
    </div>
  );
}
