/**
 * Asks before a shared link turns on the online street map: opening a link must not make the
 * browser fetch tiles from the internet without the user's say (nothing leaves this machine
 * unless they choose it). Only "Yes" switches it on.
 */
import { Show } from 'solid-js';
import { useApp } from '../context';
import './basemap-prompt.css';

export function BasemapPrompt() {
  const app = useApp();
  return (
    <Show when={app.basemapAsked() && !app.view.onlineBasemap}>
      <div class="basemap-prompt" role="alertdialog" aria-labelledby="basemap-prompt-q" data-testid="basemap-prompt">
        <p id="basemap-prompt-q">
          This link asks for the online street map (OpenStreetMap tiles are fetched from the internet). Switch it on?
        </p>
        <div class="actions">
          <button type="button" data-testid="basemap-yes" onClick={() => app.answerBasemap(true)}>
            Yes
          </button>
          <button type="button" data-testid="basemap-no" onClick={() => app.answerBasemap(false)}>
            No
          </button>
        </div>
      </div>
    </Show>
  );
}
