/**
 * The Met's own recorded offences by ward (src/db/recorded-crime.ts) for the ward layer and the
 * trend: loaded when first needed, never before the first map is drawn, as one job on the app's
 * queue; then offences per ward for the view's offence group and period, and the monthly trend of
 * the chosen ward or borough against its peers.
 *
 * These figures are MPS recorded offences (Home Office groups, no anti-social behaviour) and are
 * kept apart from the police.uk crimes of the rest of the app: nothing here reads the cube.
 */
import { type Accessor, createEffect, createMemo, createSignal, on } from 'solid-js';
import type { FeatureCollection } from 'geojson';
import { addMonths, meanPerArea, monthsEnding, recordedPeriod, yearOnYear, type YearOnYear } from '../analysis/recorded-trend';
import { type DbClient, userMessage } from '../db/client';
import {
  boroughSeries,
  loadRecordedCrime,
  londonSeries,
  type MonthSpan,
  offenceGroups,
  offencesByWard,
  type OffenceQuery,
  recordedMonthSpan,
  wardSeries,
  type WardOffences,
} from '../db/recorded-crime';
import type { BoundaryLayers } from '../map/basemap-style';
import type { ViewState } from './filters';
import type { JobQueue } from './job-queue';
import type { LoadStatus } from './load-model';

/** What these figures are, in the words every label uses. */
export const RECORDED_LABEL = 'MPS recorded offences (Home Office groups, no anti-social behaviour)';
/** What a City of London ward shows: another force polices the City. */
export const CITY_NO_FIGURES = 'no figures (City of London Police)';
/** Months the trend shows (the last 12 against the 12 before). */
export const TREND_MONTHS = 24;
const CITY_OF_LONDON = 'E09000001';

export type RecordedState = 'idle' | 'loading' | 'ready' | 'failed';

/** Whose trend is shown: a ward (clicked, or the area filter's one ward) or the area filter's one borough. */
export type TrendSubject =
  | { kind: 'ward'; code: string; name: string; boroughCode: string; boroughName: string }
  | { kind: 'borough'; code: string; name: string };

export interface RecordedTrend {
  subject: TrendSubject;
  /** Offence group (null: all groups) and the months shown. */
  group: string | null;
  months: string[];
  /** The subject's offences per month; null when it has no figures (a City ward, the City). */
  values: number[] | null;
  /** The peers' mean per month, and what they are ("Hackney ward average"). */
  comparison: number[];
  comparisonLabel: string;
  /** How many areas the comparison is a mean over. */
  comparisonAreas: number;
  subjectYear: YearOnYear | null;
  comparisonYear: YearOnYear;
}

export interface RecordedCrimeModel {
  state: Accessor<RecordedState>;
  error: Accessor<string | null>;
  span: Accessor<MonthSpan | null>;
  groups: Accessor<string[]>;
  /** The view's period with its default (latest 12 months) resolved; null before the data is loaded. */
  period: Accessor<{ from: string; to: string } | null>;
  /** Offences per ward code for the view's group and period (every Met ward, zeros included). */
  byWard: Accessor<Map<string, WardOffences> | null>;
  /** The ward polygons the layer draws: those of the view's area (all of London by default). */
  shownWards: Accessor<FeatureCollection | null>;
  subject: Accessor<TrendSubject | null>;
  trend: Accessor<RecordedTrend | null>;
}

export interface RecordedCrimeInputs {
  view: ViewState;
  status: Accessor<LoadStatus>;
  boundaries: Accessor<BoundaryLayers | null>;
  db(): DbClient | null;
  jobs: JobQueue;
  decodeParquet(bytes: Uint8Array): Promise<Uint8Array[]>;
  urls: { historicalUrl: string; currentUrl: string } | undefined;
}

export function createRecordedCrimeModel(inputs: RecordedCrimeInputs): RecordedCrimeModel {
  const { view } = inputs;
  const [state, setState] = createSignal<RecordedState>('idle');
  const [error, setError] = createSignal<string | null>(null);
  const [span, setSpan] = createSignal<MonthSpan | null>(null);
  const [groups, setGroups] = createSignal<string[]>([]);
  /** The engine the tables were built in: a restarted DuckDB has lost them. */
  const [loadedInto, setLoadedInto] = createSignal<DbClient | null>(null);
  const needed = () => view.layer === 'recorded';

  async function load(): Promise<void> {
    const urls = inputs.urls;
    if (!urls) throw new Error('this build has no recorded crime files');
    const [historical, current] = await Promise.all([urls.historicalUrl, urls.currentUrl].map(fetchBytes));
    await inputs.jobs.run('Loading the MPS recorded offences by ward', async () => {
      const db = inputs.db();
      if (!db) throw new Error('the database is not ready');
      await loadRecordedCrime(db, { historical: await inputs.decodeParquet(historical), current: await inputs.decodeParquet(current) });
      setSpan(await recordedMonthSpan(db));
      setGroups(await offenceGroups(db));
      setLoadedInto(db);
    });
  }

  // After the first map (the load status is "ready"), and only once the layer is chosen; again
  // after a crash replaced the engine.
  createEffect(() => {
    if (!needed() || inputs.status().phase !== 'ready' || state() === 'loading') return;
    const db = inputs.db();
    if (!db || (loadedInto() === db && state() === 'ready') || state() === 'failed') return;
    setState('loading');
    load().then(
      () => setState('ready'),
      (e: unknown) => {
        setError(userMessage(e));
        setState('failed');
      },
    );
  });

  const ready = () => (state() === 'ready' ? inputs.db() : null);
  const period = createMemo(() => {
    const s = span();
    return s ? recordedPeriod(s, { from: view.rcFrom, to: view.rcTo }) : null;
  });
  const query = createMemo<OffenceQuery | null>(
    () => {
      const p = period();
      return p ? { group: view.rcGroup, from: p.from, to: p.to } : null;
    },
    null,
    { equals: (a, b) => a?.group === b?.group && a?.from === b?.from && a?.to === b?.to },
  );

  const [byWard, setByWard] = createSignal<Map<string, WardOffences> | null>(null);
  latest(
    () => [ready(), query()] as const,
    async ([db, q]) => (db && q ? new Map((await offencesByWard(db, q)).map((w) => [w.wardCode, w])) : null),
    setByWard,
    setError,
  );

  const shownWards = createMemo(() => {
    const b = inputs.boundaries();
    return b ? wardsInArea(b.wards, view.area) : null;
  });
  const subject = createMemo<TrendSubject | null>(() => trendSubject(view, inputs.boundaries()));
  const [trend, setTrend] = createSignal<RecordedTrend | null>(null);
  latest(
    () => [ready(), subject(), query()] as const,
    async ([db, s, q]) => (db && s && q ? trendOf(db, s, q.group, q.to, span()!) : null),
    setTrend,
    setError,
  );

  return { state, error, span, groups, period, byWard, shownWards, subject, trend };
}

/**
 * Runs `fetch` whenever `deps` change and hands its answer to `set`, unless a newer request was
 * made meanwhile (a slow answer for an old group must not overwrite the new one).
 */
function latest<D, T>(deps: () => D, fetch: (d: D) => Promise<T>, set: (v: T) => void, fail: (m: string) => void): void {
  let seq = 0;
  createEffect(
    on(deps, (d) => {
      const mine = ++seq;
      fetch(d).then(
        (v) => mine === seq && set(v),
        (e: unknown) => mine === seq && fail(userMessage(e)),
      );
    }),
  );
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`could not load ${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

/** The wards of an area filter: chosen wards, or the wards of the chosen boroughs or BCUs (by their properties). */
export function wardsInArea(wards: FeatureCollection, area: ViewState['area']): FeatureCollection {
  if (area.kind === 'all') return wards;
  const key = area.kind === 'ward' ? 'code' : area.kind;
  const codes = new Set(area.codes);
  return { ...wards, features: wards.features.filter((f) => codes.has(String(f.properties?.[key]))) };
}

/** The trend's subject: the clicked ward, else the area filter's one ward or one borough. */
export function trendSubject(view: ViewState, b: BoundaryLayers | null): TrendSubject | null {
  if (!b) return null;
  const ward = (code: string): TrendSubject | null => {
    const p = propsOf(b.wards, code);
    return p ? { kind: 'ward', code, name: String(p.name), boroughCode: String(p.borough), boroughName: String(p.boroughName) } : null;
  };
  if (view.rcWard) return ward(view.rcWard);
  const a = view.area;
  if (a.kind === 'ward' && a.codes.length === 1) return ward(a.codes[0]);
  if (a.kind === 'borough' && a.codes.length === 1) {
    const p = propsOf(b.boroughs, a.codes[0]);
    return p ? { kind: 'borough', code: a.codes[0], name: String(p.name) } : null;
  }
  return null;
}

function propsOf(fc: FeatureCollection, code: string): Record<string, unknown> | null {
  return (fc.features.find((f) => f.properties?.code === code)?.properties as Record<string, unknown> | undefined) ?? null;
}

/** Whether a ward or borough is the City of London's (policed by the City of London Police, not the Met). */
export function isCity(s: TrendSubject): boolean {
  return s.kind === 'ward' ? s.boroughCode === CITY_OF_LONDON : s.code === CITY_OF_LONDON;
}

/** The trend's 24 months end at the view's period end, and never start before the data. */
async function trendOf(db: DbClient, s: TrendSubject, group: string | null, to: string, span: MonthSpan): Promise<RecordedTrend> {
  const { from } = monthsEnding(to, TREND_MONTHS, span.first);
  const q: OffenceQuery = { group, from, to };
  const months: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  let values: number[] | null = null;
  let comparison: number[];
  let comparisonAreas: number;
  let comparisonLabel: string;
  if (s.kind === 'ward') {
    // A City ward has no Met figures; it is compared with nothing rather than with zeros.
    values = isCity(s) ? null : (await wardSeries(db, s.code, q)).map((r) => r.offences);
    if (values && values.length === 0) values = null;
    const borough = isCity(s) ? [] : await boroughSeries(db, s.boroughName, q);
    comparisonAreas = borough[0]?.wards ?? 0;
    comparison = comparisonAreas > 0 ? meanPerArea(borough.map((r) => r.offences), comparisonAreas) : [];
    comparisonLabel = `${s.boroughName} ward average`;
  } else {
    if (!isCity(s)) {
      const own = await boroughSeries(db, s.name, q);
      values = own.length > 0 ? own.map((r) => r.offences) : null;
    }
    const london = await londonSeries(db, q);
    comparisonAreas = london[0]?.boroughs ?? 0;
    comparison = meanPerArea(london.map((r) => r.offences), comparisonAreas);
    comparisonLabel = 'London borough average';
  }
  return {
    subject: s,
    group,
    months,
    values,
    comparison,
    comparisonLabel,
    comparisonAreas,
    subjectYear: values && values.length >= 24 ? yearOnYear(values) : null,
    comparisonYear: comparison.length >= 24 ? yearOnYear(comparison) : { last12: 0, previous12: 0, change: null },
  };
}
