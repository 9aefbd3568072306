/**
 * The map: MapLibre for the base (offline style: background + boundaries) and deck.gl on top
 * through the overlaid MapboxOverlay (interleaved mode crashes on maplibre-gl 6: STACK.md).
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import { AttributionControl, Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import maplibreWorkerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { createEffect, createMemo, createSignal, on, onCleanup, onMount, Show } from 'solid-js';
import { cellBreakdown, type CellBreakdown } from '../../analysis/cube';
import { bbox as turfBbox } from '@turf/turf';
import { EMERGING_CATEGORIES } from '../../analysis/emerging.ts';
import { areaFeatures, buildStyle } from '../../map/basemap-style';
import { noteDeckFrame } from '../../map/frame-clock';
import { GI_BIN_LABELS } from '../../map/hotspot-colors';
import { EMERGING_EXPLAINED, explainGiBin, explainZ } from '../explain';
import { boundaryLabels } from '../../map/labels';
import { hexagonLayer, hexLayerData, labelLayer, selectionLayer, type HexRow } from '../../map/layers';
import { fillColors } from '../../state/hex-view';
import { useApp } from '../context';
import { areaName } from '../names';

// maplibre-gl 6 cannot find its worker after `vite build` unless told where it is (STACK.md section 7).
setWorkerUrl(maplibreWorkerUrl);

const LONDON: [number, number, number, number] = [-0.52, 51.28, 0.34, 51.7];
// The title strip covers the top of the map (src/ui/map/MapTitleStrip.tsx): framing leaves it clear.
const TITLE_CLEARANCE = 110;

interface Hover {
  x: number;
  y: number;
  row: HexRow;
  breakdown: CellBreakdown;
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

  const breakdownOf = (code: number): CellBreakdown | null => {
    const c = app.cube();
    if (!c) return null;
    if (code < 0) return { byCategory: [], ward: null, borough: null, total: 0 };
    return cellBreakdown(c, app.cubeFilter()!, code);
  };

  // The layer holds every cell (src/state/hex-view.ts); a picked cell that is not drawn is no pick.
  const onHover = (info: PickingInfo<string>) => {
    const row = info.picked ? app.hexAt(info.index) : null;
    if (!row) return setHover(null);
    const b = breakdownOf(row.code);
    if (b) setHover({ x: info.x, y: info.y, row, breakdown: b });
  };

  onMount(() => {
    createEffect(
      on(
        () => [app.boundaries(), app.view.onlineBasemap] as const,
        ([b, online]) => {
          if (!b) return;
          if (!map) {
            map = new MapLibreMap({
              container,
              style: buildStyle(b, { onlineBasemap: online }),
              bounds: LONDON,
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
              onClick: ((info: PickingInfo<string>) => app.select((info.picked && app.hexAt(info.index)?.hex) || null)) as never,
              onAfterRender: noteDeckFrame,
            });
            map.addControl(o);
            setOverlay(o);
            map.on('zoomend', () => setZoom(map!.getZoom()));
            setZoom(map.getZoom());
          } else {
            map.setStyle(buildStyle(b, { onlineBasemap: online }));
          }
        },
      ),
    );
  });

  // The map frames the chosen area (BCU, borough or ward), or London.
  createEffect(
    on(
      () => [overlay(), app.boundaries(), app.view.area.kind, app.view.area.kind === 'all' ? '' : app.view.area.codes.join()] as const,
      ([o, b]) => {
        if (!o || !b || !map) return;
        const a = app.view.area;
        if (a.kind === 'all') return map.fitBounds(LONDON, { padding: { top: TITLE_CLEARANCE, bottom: 20, left: 20, right: 20 }, duration: 600 });
        const features = areaFeatures(b, a);
        if (features.length === 0) return;
        const [w, s, e, n] = turfBbox({ type: 'FeatureCollection', features });
        map.fitBounds([w, s, e, n], { padding: { top: TITLE_CLEARANCE, bottom: 40, left: 40, right: 40 }, duration: 600, maxZoom: 15 });
      },
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

  createEffect(() => {
    const o = overlay();
    if (!o) return;
    o.setProps({
      layers: [hexagonLayer(hexData(), fill(), version()), selectionLayer(app.selected()), labelLayer(labels(), zoom())],
    });
  });

  onCleanup(() => {
    overlay()?.finalize();
    map?.remove();
  });

  const hovered = () => hover();

  return (
    <div class="map-wrap">
      <div ref={container} class="map" data-testid="map" aria-label="Crime map of London on H3 hexagons" role="region" />
      <Show when={hovered()}>
        {(h) => (
          <div class="tooltip" data-testid="tooltip" style={{ left: `${h().x + 14}px`, top: `${h().y + 14}px` }}>
            <div class="tt-title">
              {h().row.count.toLocaleString('en-GB')} crime{h().row.count === 1 ? '' : 's'}
              {app.view.weight === 'harm' ? ` · harm ${Math.round(h().row.value).toLocaleString('en-GB')} days` : ''}
            </div>
            <Show when={app.view.layer !== 'counts' && app.hotspots() && h().row.study >= 0}>
              <HotspotLines study={h().row.study} />
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
