import type { Feature, Polygon } from 'geojson';
import { polygonToCells } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { cubeOfRows } from './helpers/cube';
import { ALL_CATEGORIES, categoryCode, CRIME_CATEGORIES } from '../../src/analysis/categories.ts';
import { neighboursFromLists } from '../../src/analysis/gi-star.ts';
import { buildStudyArea } from '../../src/analysis/hotspots.ts';
import { type BacktestInput, monthlyStudyValues, patrolPlan, rollingBacktest } from '../../src/analysis/priority-backtest.ts';

// -- Hand-made windows of 4 cells; coverage 25 % flags k = 1 cell ------------------------------

const CELLS = ['a', 'b', 'c', 'd'];
/** Each cell its own only neighbour: Gi* z is then (x − x̄)/S, the window's order. */
const SELF = neighboursFromLists([[0], [1], [2], [3]]);
const LABELS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05'];

function input(rows: number[][], cells = CELLS, neighbours = SELF): BacktestInput {
  return {
    cells,
    neighbours,
    monthly: { n: cells.length, T: rows.length, values: Float64Array.from(rows.flat()) },
    monthLabels: LABELS.slice(0, rows.length),
    unit: 'crimes',
  };
}

//            a  b  c  d
const PRIORITY_WINS = [
  [6, 0, 0, 0], // 2024-01
  [0, 3, 0, 0], // 2024-02
  [0, 2, 3, 0], // 2024-03
  [0, 3, 0, 1], // 2024-04: the test month
];

describe('rollingBacktest: priority beats both baselines', () => {
  // Test month 2024-04 (index 3), trained on 2024-01..2024-03. halfLife 1:
  //   window      a 6, b 5, c 3          → flags a: catches 0 of N = 4
  //   last month  b 2, c 3               → flags c: 0
  //   priority    a 6·¼ = 1.5, b 3·½ + 2 = 3.5, c 3 → flags b: 3 of 4 (n* = 3)
  const bt = rollingBacktest(input(PRIORITY_WINS), { coverage: 0.25, halfLife: 1, months: 1, minHistory: 3 });

  it('tests only month 2024-04, trained on the months before it', () => {
    expect(bt.months.map((m) => [m.month, m.train])).toEqual([['2024-04', ['2024-01', '2024-03']]]);
    expect(bt.scoredMonths).toBe(1);
  });

  it('scores each ranking by hand-worked hit rate, PAI and PEI*', () => {
    const s = bt.months[0].scores;
    expect(s.priority).toMatchObject({ k: 1, n: 3, N: 4, nStar: 3, hitRate: 0.75, pai: 3, pei: 1, reason: null });
    expect(s.window).toMatchObject({ n: 0, hitRate: 0, pai: 0, pei: 0 });
    expect(s['last-month']).toMatchObject({ n: 0, hitRate: 0 });
    expect(s.gi).toMatchObject({ n: 0, hitRate: 0 }); // z order = window order here
    expect(bt.mean!.priority).toEqual({ hitRate: 0.75, pai: 3, pei: 1 });
  });

  it('recommends priority and says so in words', () => {
    expect(bt.recommended).toBe('priority');
    expect(bt.verdict).toBe(
      "Priority caught 75.0 % of next month's crimes in 25 % of hexagons, in 2024-04; 12-month counts caught 0.0 %, " +
        'last month 0.0 %: priority is the best of the three, so the app ranks patrols by priority. ' +
        'Gi* z, shown for contrast, caught 0.0 %.',
    );
  });
});

describe('rollingBacktest: a baseline wins, and the app then ranks by it', () => {
  it('12-month counts beat priority: a steady cell that went quiet for one month comes back', () => {
    //             a  b
    const rows = [[4, 0], [4, 0], [0, 4], [4, 0]];
    // Test 2024-04: window a 8, b 4 → a, catches 4/4. Last month b → 0. Priority (halfLife 1)
    // a 4·¼ + 4·½ = 3, b 4 → b → 0.
    const bt = rollingBacktest(input(rows, ['a', 'b'], neighboursFromLists([[0], [1]])), { coverage: 0.5, halfLife: 1, months: 1 });
    expect(bt.months[0].scores.window.hitRate).toBe(1);
    expect(bt.months[0].scores.priority.hitRate).toBe(0);
    expect(bt.recommended).toBe('window');
    expect(bt.verdict).toMatch(/^Priority caught 0.0 % of next month's crimes in 50 % of hexagons, in 2024-04; 12-month counts caught 100.0 %/);
    expect(bt.verdict).toContain(': 12-month counts did better than priority, so the app ranks patrols by 12-month counts.');
  });

  it('last month beats priority and the window: the patrol plan is last month\'s order', () => {
    //                  a  b  c  d
    const rows = [[5, 0, 0, 0], [5, 0, 0, 0], [0, 1, 0, 0], [0, 2, 0, 0]];
    // Test 2024-04: window a 10 → a, 0. Priority a 5·¼ + 5·½ = 3.75 vs b 1 → a, 0. Last month b → 2/2.
    const bt = rollingBacktest(input(rows), { coverage: 0.25, halfLife: 1, months: 1 });
    expect(bt.recommended).toBe('last-month');
    expect(bt.mean!['last-month'].hitRate).toBe(1);
    expect(bt.verdict).toContain('last month did better than priority, so the app ranks patrols by last month.');
  });
});

describe('rollingBacktest: rolling origin over several months', () => {
  //          a  b
  const rows = [[2, 0], [0, 1], [1, 1]];
  // coverage 50 % (k = 1), halfLife 1, minHistory 1: test months 2024-02 and 2024-03.
  // 2024-02, trained on 2024-01: every ranking flags a (2 vs 0); the test has b 1 → hit 0, PAI 0, PEI* 0.
  // 2024-03, trained on 2024-01..02: window a 2 > b 1 → a; last month b; priority a 2·½ = 1 = b 1, tie → a.
  //   The test has a 1, b 1: any one cell catches 1 of 2 → hit ½, PAI 1, PEI* 1 (n* = 1).
  const bt = rollingBacktest(input(rows, ['a', 'b'], neighboursFromLists([[0], [1]])), { coverage: 0.5, halfLife: 1, minHistory: 1 });

  it('forecasts each month from the months before it', () => {
    expect(bt.months.map((m) => [m.month, ...m.train])).toEqual([
      ['2024-02', '2024-01', '2024-01'],
      ['2024-03', '2024-01', '2024-02'],
    ]);
  });

  it('averages hit rate, PAI and PEI* over the months', () => {
    for (const r of ['priority', 'window', 'last-month'] as const) expect(bt.mean![r]).toEqual({ hitRate: 0.25, pai: 0.5, pei: 0.5 });
  });

  it('a tie goes to priority, and the verdict says it did as well, not better', () => {
    expect(bt.recommended).toBe('priority');
    expect(bt.verdict).toBe(
      "Priority caught 25.0 % of next month's crimes in 50 % of hexagons, on average over 2 months (2024-02 to 2024-03); " +
        '12-month counts caught 25.0 %, last month 25.0 %: priority did as well as 12-month counts, so the app ranks patrols by priority. ' +
        'Gi* z, shown for contrast, caught 25.0 %.',
    );
  });

  it('the training span is at most trainingMonths long', () => {
    const short = rollingBacktest(input(rows, ['a', 'b'], neighboursFromLists([[0], [1]])), { coverage: 0.5, minHistory: 1, trainingMonths: 1 });
    expect(short.months[1].train).toEqual(['2024-02', '2024-02']);
    expect(short.labels.window).toBe('1-month counts');
    // With one training month the window is last month: b, which catches 1 of 2.
    expect(short.months[1].scores.window.n).toBe(1);
  });

  it('a test month with no crime is listed but left out of the means', () => {
    const withEmpty = rollingBacktest(input([[2, 0], [0, 1], [0, 0]], ['a', 'b'], neighboursFromLists([[0], [1]])), { coverage: 0.5, minHistory: 1 });
    expect(withEmpty.months).toHaveLength(2);
    expect(withEmpty.months[1].scores.priority.reason).toBe('no-test-crimes');
    expect(withEmpty.scoredMonths).toBe(1);
    expect(withEmpty.mean!.priority.hitRate).toBe(0);
  });

  it('says when nothing can be tested, and ranks by priority untested', () => {
    const none = rollingBacktest(input([[1, 0], [0, 1]], ['a', 'b'], neighboursFromLists([[0], [1]])), { coverage: 0.5 });
    expect(none.months).toEqual([]);
    expect(none.mean).toBeNull();
    expect(none.recommended).toBe('priority');
    expect(none.verdict).toBe(
      'Not backtested: a test month needs at least 3 earlier months in the window, and the window has 2. ' +
        'The app ranks patrols by priority, the best simple ranking measured on London data, untested here.',
    );
  });

  it('says when the coverage flags no hexagon at all', () => {
    const tiny = rollingBacktest(input(rows, ['a', 'b'], neighboursFromLists([[0], [1]])), { coverage: 0.1, minHistory: 1 });
    expect(tiny.scoredMonths).toBe(0);
    expect(tiny.verdict).toMatch(/^Not backtested: 10 % of 2 hexagons is less than one hexagon\./);
  });

  it('refuses bad settings', () => {
    const i = input(rows, ['a', 'b'], neighboursFromLists([[0], [1]]));
    expect(() => rollingBacktest(i, { coverage: 0 })).toThrow(/coverage = 0/);
    expect(() => rollingBacktest(i, { halfLife: 0 })).toThrow(/halfLife = 0/);
    expect(() => rollingBacktest(i, { months: 1.5 })).toThrow(/months = 1.5/);
  });
});

// -- On a crime cube: the plan the app and the command-line twin show ------------------------

const RING: Polygon['coordinates'][number] = [[-0.145, 51.5], [-0.116, 51.5], [-0.116, 51.517], [-0.145, 51.517], [-0.145, 51.5]];
const AREA: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [RING] } };
const STUDY = buildStudyArea([AREA], 9);
const C = polygonToCells([RING], 9, true).sort();
const ROBBERY = categoryCode('Robbery');
const THEFT = categoryCode('Other theft');


describe('patrolPlan on a crime cube', () => {
  // Months 2024-01..06; the window is 2024-02..06 (month codes 1..5), so 2024-01 is outside it.
  // 2024-02 has no crime in the area: the window's months start there all the same.
  const ROWS = [
    { cell: C[7], month: 0, category: THEFT, count: 100 }, // before the window: ignored
    { cell: C[5], month: 2, category: THEFT, count: 4 },
    { cell: C[5], month: 5, category: THEFT, count: 1 },
    { cell: C[10], month: 4, category: ROBBERY, count: 3 },
  ];
  const CUBE = cubeOfRows(ROWS.map((r) => r.cell), ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'], ROWS);
  const FILTER = { monthFrom: 1, monthTo: 5, categories: CRIME_CATEGORIES.map((_, i) => i), area: { kind: 'all' as const } };

  it('lays the window out month by month from monthFrom, empty months included', () => {
    const m = monthlyStudyValues(CUBE, STUDY, FILTER);
    expect([m.n, m.T]).toEqual([C.length, 5]);
    expect(m.values[1 * m.n + 5]).toBe(4); // 2024-03 is the window's second month
    expect(m.values[3 * m.n + 10]).toBe(3);
    expect(m.values[4 * m.n + 5]).toBe(1);
    expect(m.values.reduce((a, b) => a + b, 0)).toBe(8);
  });

  it('priority at the last month (half-life 3): C5 = 4·½ + 1 = 3, C10 = 3·2^(−⅓); ranked C5, C10, then the rest by id', () => {
    const plan = patrolPlan(CUBE, STUDY, FILTER);
    expect(plan.train).toEqual(['2024-02', '2024-06']);
    expect(plan.recommended).toBe(plan.backtest.recommended);
    // The backtest tests 2024-05 and 2024-06 (3 months of history needed): priority ties or wins.
    expect(plan.backtest.months.map((x) => x.month)).toEqual(['2024-05', '2024-06']);
    expect(plan.recommended).toBe('priority');
    expect(plan.priority[5]).toBe(3);
    expect(plan.priority[10]).toBeCloseTo(3 * 2 ** (-1 / 3), 14);
    expect(plan.priority.reduce((a, b) => a + b, 0)).toBeCloseTo(3 + 3 * 2 ** (-1 / 3), 12);
    expect(plan.rank[5]).toBe(1);
    expect(plan.rank[10]).toBe(2);
    expect(plan.rank[0]).toBe(3); // first zero cell by id
    expect([...plan.rank].sort((a, b) => a - b)).toEqual(C.map((_, i) => i + 1));
  });

  it('with harm weights the values, the backtest unit and the words are harm', () => {
    const weights = new Float64Array(ALL_CATEGORIES.length).fill(1);
    weights[ROBBERY] = 365;
    const plan = patrolPlan(CUBE, STUDY, FILTER, weights);
    expect(plan.priority[10]).toBeCloseTo(365 * 3 * 2 ** (-1 / 3), 10);
    expect(plan.rank[10]).toBe(1);
    expect(plan.backtest.unit).toBe('harm');
    expect(plan.backtest.labels.window).toBe('12-month harm');
    expect(plan.backtest.verdict).toMatch(/of next month's harm/);
  });
});
