import { render } from 'solid-js/web';
import recordsUrl from '../data/crimes.parquet?url';
import hex100mUrl from '../data/london-2025-26-hex100m.parquet?url';
import boroughsUrl from '../data/boundaries/boroughs.geojson?url';
import wardsUrl from '../data/boundaries/wards.geojson?url';
import bcusUrl from '../data/boundaries/bcus.geojson?url';
import lsoaUrl from '../data/boundaries/lsoa.geojson?url';
import recordedHistoricalUrl from '../data/recorded-crime/ward-historical.parquet?url';
import recordedCurrentUrl from '../data/recorded-crime/ward.parquet?url';
import { getBrowserClient } from './db/browser';
import { deckFrames } from './map/frame-clock';
import { createAppModel } from './state/app-model';
import { App } from './ui/App';
import { AppProvider } from './ui/context';
import './ui/app.css';

const model = createAppModel({
  // Keyed by data/datasets.json id; a dataset added there needs its file imported here.
  datasetUrls: { 'london-2025-26': hex100mUrl, 'london-2017-18': recordsUrl },
  boroughsUrl, wardsUrl, bcusUrl, lsoaUrl, connect: getBrowserClient,
  recordedCrime: { historicalUrl: recordedHistoricalUrl, currentUrl: recordedCurrentUrl },
});
// Read-only handle for browser tests and analysts' devtools.
(window as unknown as { hotspot: unknown }).hotspot = model;
(window as unknown as { hotspotFrames: unknown }).hotspotFrames = deckFrames;

render(
  () => (
    <AppProvider model={model}>
      <App />
    </AppProvider>
  ),
  document.getElementById('root')!,
);
