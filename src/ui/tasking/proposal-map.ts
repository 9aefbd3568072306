/**
 * The map's side of the proposals panel: the selected site's cells and outline
 * (src/map/proposal-layers.ts), and framing the site when the user selects it. MapView calls
 * this in a few lines, as it does the cross-border panel's.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { createEffect, createMemo, getOwner, on, runWithOwner } from 'solid-js';
import { padBounds } from '../../map/cluster-layers';
import { proposalLayers, siteBounds } from '../../map/proposal-layers';
import { useApp } from '../context';

/** The title strip covers the top of the map (MapTitleStrip): framing leaves it clear. */
const PADDING = { top: 130, bottom: 60, left: 60, right: 60 };

export function useProposalMap() {
  const app = useApp();
  const owner = getOwner();
  const cells = createMemo(() => app.tasking.selected()?.cells ?? [], [], {
    equals: (a, b) => a.length === b.length && a.every((c, i) => c === b[i]),
  });
  const layers = createMemo(() => proposalLayers(cells()));

  /**
   * Frames a site when the user selects one (not when its cells are redrawn). A link that opens
   * with a proposal and a camera keeps its camera.
   */
  function attach(map: MapLibreMap) {
    let framed = app.view.camera ? app.view.proposal : null;
    runWithOwner(owner, () =>
      createEffect(
        on(app.tasking.selected, (p) => {
          if (!p || p.id === framed) return;
          framed = p.id;
          map.fitBounds(padBounds(siteBounds(p.cells), 0, 0.002), { padding: PADDING, maxZoom: 16, duration: 600 });
        }),
      ),
    );
  }

  return { layers, attach };
}
