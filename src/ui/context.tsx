import { createContext, useContext, type JSX } from 'solid-js';
import type { AppModel } from '../state/app-model';

const AppContext = createContext<AppModel>();

export function AppProvider(props: { model: AppModel; children: JSX.Element }) {
  return <AppContext.Provider value={props.model}>{props.children}</AppContext.Provider>;
}

export function useApp(): AppModel {
  const m = useContext(AppContext);
  if (!m) throw new Error('useApp: no AppProvider above this component');
  return m;
}
