import { Show } from 'solid-js';
import { AccuracyPanel } from './accuracy/AccuracyPanel';
import { CellPanel } from './cell/CellPanel';
import { CrossBorderPanel } from './clusters/CrossBorderPanel';
import { useApp } from './context';
import { FilterPanel } from './filters/FilterPanel';
import { IngestPanel } from './ingest/IngestPanel';
import { MappingDialog } from './ingest/MappingDialog';
import { LayerPanel } from './layers/LayerPanel';
import { Legend } from './legend/Legend';
import { DataAttribution } from './map/DataAttribution';
import { MapTitleStrip } from './map/MapTitleStrip';
import { MapView } from './map/MapView';
import { RecordedTrendPanel } from './recorded/RecordedTrendPanel';
import { ProposalsPanel } from './tasking/ProposalsPanel';
import { PatrolPanel } from './patrol/PatrolPanel';
import { MeetingPack } from './pack/MeetingPack';
import { WardProfilePanel } from './ward-profile/WardProfilePanel';
import { MeetingMode, requestFullscreen } from './meeting/MeetingMode';

export function App() {
  const app = useApp();
  return (
    <div class="app" classList={{ meeting: app.meeting.open() }} data-phase={app.status().phase} data-testid="app">
      <header class="topbar">
        <h1>Hotspot Tasking Map</h1>
        <span class="muted">Metropolitan Police area · H3 hexagons · DuckDB in your browser, nothing leaves this machine</span>
        <button
          type="button"
          class="setting"
          data-testid="meeting-open"
          onClick={() => {
            app.meeting.setOpen(true);
            requestFullscreen();
          }}
        >
          Meeting mode
        </button>
        <label class="check">
          <input
            type="checkbox"
            data-testid="online-basemap"
            checked={app.view.onlineBasemap}
            onChange={(e) => app.setView({ onlineBasemap: e.currentTarget.checked })}
          />
          Online street map (OpenStreetMap)
        </label>
      </header>
      <aside class="side left">
        <IngestPanel />
        <LayerPanel />
        <FilterPanel />
      </aside>
      <main class="main">
        <MapView />
        <MapTitleStrip />
        {/* The dataset's credit beside the legend, in one row along the map's foot: they never overlap, and the legend stays low. */}
        <div class="map-foot">
          <Legend />
          <DataAttribution />
        </div>
      </main>
      <aside class="side right">
        <CellPanel />
        <WardProfilePanel />
        <PatrolPanel />
        <RecordedTrendPanel />
        <ProposalsPanel />
        <CrossBorderPanel />
        <AccuracyPanel />
      </aside>
      <Show when={app.meeting.open()}>
        <MeetingMode />
      </Show>
      <Show when={app.mappingRequest()}>{(r) => <MappingDialog request={r()} />}</Show>
      <MeetingPack />
    </div>
  );
}
