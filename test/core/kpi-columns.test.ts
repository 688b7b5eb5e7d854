/**
 * KPI tables as real teams write them (issue #11, spec §9 "KPI tables"): which tables are KPI
 * tables and which column is which, and what kpi-table-columns / red-kpi-unaddressed make of them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyze } from '../../src/core/lint.js';
import { analyzeKpi, periodOf } from '../../src/core/analysis/kpi.js';
import { explainAt, explainToMarkdown, parseConfigText, ruleIds } from '../../src/core/index.js';
import { DEFAULT_CONFIG, mergeConfig } from '../../src/core/config.js';
import type { PartialConfig } from '../../src/core/types.js';
import { qbr, run, spans, statusReport, TODAY } from '../helpers.js';

/** A QBR with one table under `## KPI Dashboard`: header on line 6, rows from line 8. */
function doc(header: string, rows: string[], after = ''): string {
  const cols = header.split('|').length - 2;
  const delim = `|${'---|'.repeat(cols)}`;
  return qbr(`## KPI Dashboard\n\n${[header, delim, ...rows].join('\n')}\n${after}`);
}

/** Header names of the columns read as metric / target / actual / status / trend, or null (not a KPI table). */
function read(header: string, rows: string[], config?: PartialConfig) {
  const text = doc(header, rows);
  const { ctx } = analyze(text, { today: TODAY, cache: false, config });
  const t = ctx.get(analyzeKpi)[0];
  if (!t) return null;
  const name = (i: number | null | undefined) => (i === null || i === undefined ? null : t.table.header.cells[i]!.text.trim());
  const c = t.columns;
  return { metric: name(c.metric), target: name(c.target), actual: name(c.actual), status: name(c.status), trend: name(c.trend) };
}

const ids = (text: string, config?: PartialConfig) =>
  run(text, { config }).filter((f) => f.ruleId.startsWith('kpi-') || f.ruleId.startsWith('red-') || f.ruleId.includes('health-mismatch')).map((f) => `${f.line}:${f.column} ${f.ruleId}`);

describe('column names', () => {
  it('the playbook header', () => {
    assert.deepEqual(read('| Metric | Target | Actual | Status | Trend |', ['| A | 1 | 1 | ✅ | → |']), {
      metric: 'Metric', target: 'Target', actual: 'Actual', status: 'Status', trend: 'Trend',
    });
  });
  it('Requirement / Threshold / Result / Met?', () => {
    assert.deepEqual(read('| Requirement | Threshold | Result | Met? |', ['| Uptime | 99.9% | 99.95% | ✅ |']), {
      metric: 'Requirement', target: 'Threshold', actual: 'Result', status: 'Met?', trend: null,
    });
  });
  it('a Met? column of Yes / No is not checked as a status (and stands in for one)', () => {
    const text = doc('| Requirement | Threshold | Result | Met? |', ['| Uptime | 99.9% | 99.95% | Yes |', '| P1 response | 30 min | 45 min | No |']);
    assert.equal(read('| Requirement | Threshold | Result | Met? |', ['| Uptime | 99.9% | 99.95% | Yes |'])?.status, null);
    assert.deepEqual(ids(text).filter((f) => !f.endsWith('red-kpi-unaddressed')), ['6:1 kpi-table-columns']);
    assert.match(run(text).find((f) => f.ruleId === 'kpi-table-columns')!.message, /no Trend column/);
  });
  it('Indicator / Benchmark / Value / RAG, KPI / SLA / Achieved / Health, Measure / Commitment / Score / State', () => {
    assert.deepEqual(read('| Indicator | Benchmark | Value | RAG |', ['| NPS | 40 | 44 | 🟢 |'])?.actual, 'Value');
    assert.deepEqual(read('| KPI | SLA | Achieved | Health |', ['| Uptime | 99.9% | 99.95% | 🟢 |']), {
      metric: 'KPI', target: 'SLA', actual: 'Achieved', status: 'Health', trend: null,
    });
    assert.deepEqual(read('| Measure | Commitment | Score | State |', ['| CSAT | 4.5 | 4.6 | 🟢 |'])?.status, 'State');
    assert.deepEqual(read('| Metric | SLO | Current | Status |', ['| p95 latency | < 300 ms | 240 ms | 🟢 |'])?.target, 'SLO');
    assert.deepEqual(read('| Metric | Goal | Actual(s) | Status |', ['| A | 1 | 1 | 🟢 |'])?.actual, 'Actual(s)');
  });
  it('SLA | Commitment | Actual | Met?: the SLA column names the metric when another column is the target', () => {
    assert.deepEqual(read('| SLA | Commitment | Actual | Met? | Notes |', ['| On-time delivery | ≥ 96% | 95.2% | ✅ Met | |']), {
      metric: 'SLA', target: 'Commitment', actual: 'Actual', status: 'Met?', trend: null,
    });
    assert.equal(
      run(doc('| SLA | Commitment | Actual | Met? |', ['| On-time delivery | ≥ 96% | 95.2% | ✅ Met |'])).filter((f) => f.ruleId === 'kpi-status-mismatch').length,
      1,
    );
    // With a Metric column, the SLA column is the target (as before).
    assert.deepEqual(read('| KPI | SLA | Achieved | Health |', ['| Uptime | 99.9% | 99.95% | 🟢 |'])?.target, 'SLA');
    // Alone, an SLA column with no target column beside it is no KPI table.
    assert.equal(read('| SLA | Actual | Notes |', ['| Uptime | 99.95% | fine |']), null);
  });
  it('OKR table: the Key Result is the metric, not the Objective', () => {
    assert.deepEqual(
      read('| Objective | Key Result | Target | Actual | Status |', ['| Grow together | Joint pipeline | $2M | $1.6M | 🟡 |']),
      { metric: 'Key Result', target: 'Target', actual: 'Actual', status: 'Status', trend: null },
    );
    assert.equal(read('| Objective | KR | Target | Actual |', ['| O1 | Deals | 10 | 9 |'])?.metric, 'KR');
    assert.equal(read('| Objective | Target | Actual |', ['| Deals | 10 | 9 |'])?.metric, 'Objective');
    // An OKR Score is the key result's grade (0.7), not its actual; it stands in for a status.
    assert.equal(read('| Key Result | Target | Score |', ['| Close deals | 10 | 0.7 |']), null);
    assert.deepEqual(spans(doc('| Key Result | Target | Actual | Score |', ['| Close deals | 10 | 9 | 0.9 |']), 'kpi-table-columns'), []);
  });
  it('a Result column of statuses beside an Actual column is the status', () => {
    assert.deepEqual(read('| Metric | Target | Actual | Result |', ['| Uptime | 99.9% | 99.95% | ✅ Green |', '| CSAT | 4.5 | 4.1 | 🟡 Yellow |']), {
      metric: 'Metric', target: 'Target', actual: 'Actual', status: 'Result', trend: null,
    });
  });
  it('a Direction column is the trend only when it holds trend words, not “higher is better”', () => {
    assert.equal(read('| Metric | Target | Actual | Status | Direction |', ['| A | 1 | 1 | ✅ | ↗️ Improving |', '| B | 2 | 2 | ✅ | → Stable |'])?.trend, 'Direction');
    assert.equal(read('| Metric | Direction | Target | Actual | Status |', ['| A | ↑ Higher is better | 1 | 1 | ✅ |'])?.trend, null);
    assert.equal(read('| Metric | Target | Actual | Status | Change |', ['| A | 1 | 1 | ✅ | ↓ 12% |'])?.trend, null);
  });
});

describe('period columns', () => {
  it('a period label is the actual; of several, the latest', () => {
    assert.equal(read('| Metric | Target | Q3 2026 | Status |', ['| A | 1 | 1 | ✅ |'])?.actual, 'Q3 2026');
    assert.equal(read('| Metric | Target | Q2 2026 | Q3 2026 | Status |', ['| A | 1 | 1 | 1 | ✅ |'])?.actual, 'Q3 2026');
    assert.equal(read('| Metric | Target | Q3 2026 | Q3 2025 | Status |', ['| A | 1 | 1 | 1 | ✅ |'])?.actual, 'Q3 2026');
    assert.equal(read('| Metric | Target | Aug 2026 | Sep 2026 | Status |', ['| A | 1 | 1 | 1 | ✅ |'])?.actual, 'Sep 2026');
    assert.equal(read('| KPI | Goal | Q1 | Q2 | Q3 | RAG |', ['| A | 1 | 1 | 1 | 1 | ✅ |'])?.actual, 'Q3');
    assert.equal(read('| Metric | Target | FY25 | FY26 |', ['| A | 1 | 1 | 1 |'])?.actual, 'FY26');
    assert.equal(read('| Metric | Target | YTD | Status |', ['| A | 1 | 1 | ✅ |'])?.actual, 'YTD');
  });
  it('This Period beside Prior Period, YoY and Δ: This Period', () => {
    assert.deepEqual(
      read('| Metric | Target | Prior Period | This Period | YoY | Δ | Status |', ['| A | 10 | 8 | 9 | +5% | +1 | 🟡 |']),
      { metric: 'Metric', target: 'Target', actual: 'This Period', status: 'Status', trend: null },
    );
    assert.equal(read('| Metric | Target | This Month | Last Month |', ['| A | 10 | 9 | 8 |'])?.actual, 'This Month');
  });
  it('Prior Period, Last Month, Baseline, a forecast are never the actual', () => {
    assert.equal(read('| Metric | Target | Prior Period | Status |', ['| A | 10 | 8 | 🟡 |']), null);
    assert.equal(read('| Metric | Target | Baseline | Last Month |', ['| A | 10 | 8 | 9 |']), null);
    assert.equal(read('| Metric | Target | Q3 2026 | Q4 2026 (forecast) |', ['| A | 10 | 8 | 9 |'])?.actual, 'Q3 2026');
  });
  it('a Target qualified by a period picks that period', () => {
    assert.equal(read('| Metric | Q3 Target | Q2 | Q3 |', ['| A | 10 | 8 | 9 |'])?.actual, 'Q3');
    // An annual target beside quarterly actuals: not comparable, not a KPI table.
    assert.equal(read('| Metric | FY26 Target | Q1 | Q2 | Q3 |', ['| A | 100 | 20 | 25 | 30 |']), null);
  });
  it('of several qualified Targets, the one whose period has an Actual (not the next quarter’s target)', () => {
    assert.deepEqual(read('| Metric | Q3 Target | Q3 Actual | Q4 Target |', ['| A | 10 | 9 | 12 |'])?.target, 'Q3 Target');
    assert.deepEqual(read('| Metric | Q2 Target | Q2 Actual | Q3 Target | Q3 Actual |', ['| A | 10 | 9 | 12 | 11 |']), {
      metric: 'Metric', target: 'Q3 Target', actual: 'Q3 Actual', status: null, trend: null,
    });
  });
  it('periods that cannot be ordered: not a KPI table (silence)', () => {
    assert.equal(read('| Metric | Target | Q3 | YTD |', ['| A | 10 | 8 | 20 |']), null);
    assert.equal(read('| Metric | Target | This Month | This Quarter |', ['| A | 10 | 8 | 20 |']), null);
    assert.equal(read('| Metric | Target | Q2 | Q3 2026 |', ['| A | 10 | 8 | 20 |']), null);
  });
  it('period labels', () => {
    assert.deepEqual(periodOf('q3 2026'), { kind: 'quarter', index: 3, year: 2026 });
    assert.deepEqual(periodOf('2026 q3'), { kind: 'quarter', index: 3, year: 2026 });
    assert.deepEqual(periodOf("q3 '26"), { kind: 'quarter', index: 3, year: 2026 });
    assert.deepEqual(periodOf('q3 fy26'), { kind: 'quarter', index: 3, year: 2026 });
    assert.deepEqual(periodOf('fy 2026'), { kind: 'fy', index: 0, year: 2026 });
    assert.deepEqual(periodOf('september 2026'), { kind: 'month', index: 9, year: 2026 });
    assert.deepEqual(periodOf('h1 2026'), { kind: 'half', index: 1, year: 2026 });
    assert.deepEqual(periodOf('this quarter'), { kind: 'current', index: 0, year: null });
    for (const no of ['prior period', 'last month', 'previous', 'yoy', 'qoq', 'baseline', 'δ', 'change', 'q5', 'may day', 'metric']) {
      assert.equal(periodOf(no), null, no);
    }
  });
});

describe('which tables are KPI tables', () => {
  it('a workstream RAG table, a timeline and a requirements matrix with text targets are not', () => {
    assert.equal(read('| Workstream | Status | Owner | Notes |', ['| Integration | 🟢 Green | Priya | on plan |']), null);
    assert.equal(read('| Time | Event |', ['| 09:00 | Kick-off |']), null);
    assert.equal(
      read('| Requirement | Target | Actual | Status |', ['| SSO | SAML 2.0 | Delivered | ✅ |', '| Audit log | Export to S3 | In review | 🟡 |']),
      null,
    );
  });
  it('a table mostly of values with one typo is still a KPI table (kpi-value-unparsable reports the typo)', () => {
    const text = doc('| Metric | Target | Actual | Status | Trend |', ['| Revenue | $500K | see deck | | |', '| Deals | 10 | 12 | | |']);
    assert.deepEqual(spans(text, 'kpi-value-unparsable'), [[8, 21, 8, 29]]);
  });
  it('a template table with nothing filled in keeps its header reading', () => {
    assert.notEqual(read('| Metric | Target | Actual | Status | Trend |', ['| [Metric] | [Target] | [Actual] | | |']), null);
  });
});

describe('kpi-table-columns on real shapes', () => {
  it('a Gap / Variance column stands in for Status; a Change / prior-period column for Trend', () => {
    assert.deepEqual(spans(doc('| Metric | Target | Actual | Variance | Trend |', ['| A | 10 | 9 | -10% | → |']), 'kpi-table-columns'), []);
    assert.deepEqual(spans(doc('| Metric | Target | Actual | Gap | Change |', ['| A | 10 | 9 | -1 | +2% |']), 'kpi-table-columns'), []);
    assert.deepEqual(spans(doc('| Metric | Target | Q2 2026 | Q3 2026 | Status |', ['| A | 10 | 8 | 9 | 🟡 |']), 'kpi-table-columns'), []);
  });
  it('an OKR table need not have a Trend', () => {
    assert.deepEqual(spans(doc('| Objective | Key Result | Target | Actual | Status |', ['| O | KR | 10 | 9 | 🟡 |']), 'kpi-table-columns'), []);
  });
  it('still reported: no stand-in at all', () => {
    assert.deepEqual(spans(doc('| KPI | Goal | Value |', ['| A | 10 | 9 |']), 'kpi-table-columns'), [[6, 1, 6, 23]]);
    assert.deepEqual(
      run(doc('| KPI | Goal | Value | Status |', ['| A | 10 | 9 | 🟡 |'])).find((f) => f.ruleId === 'kpi-table-columns')?.message,
      'KPI table has no Trend column; expected `| Metric | Target | Actual | Status | Trend |`',
    );
  });
  it('silent on look-alikes', () => {
    assert.deepEqual(ids(doc('| Workstream | Status | Owner | Notes |', ['| Integration | 🔴 Red | Priya | blocked |'])), []);
    assert.deepEqual(ids(doc('| Requirement | Target | Actual |', ['| SSO | SAML 2.0 | Delivered |'])), []);
  });
});

describe('kpi-status-mismatch reads the latest period', () => {
  it('Q3 2026 is checked, not Q2 2026', () => {
    const text = doc('| Metric | Target | Q2 2026 | Q3 2026 | Status |', ['| Deals | 10 | 4 | 10 | 🔴 Red |']);
    assert.deepEqual(spans(text, 'kpi-status-mismatch'), [[8, 25, 8, 31]]);
    const f = run(text).find((x) => x.ruleId === 'kpi-status-mismatch');
    assert.match(f!.message, /computed ✅ Green \(100% of target\)/);
  });
});

describe('configuration: kpiColumns', () => {
  const header = '| Service | Commit | Landed | Verdict |';
  const rows = ['| Uptime | 99.9% | 95% | ✅ Green |'];
  it('unknown names: not a KPI table', () => {
    assert.equal(read(header, rows), null);
    assert.deepEqual(ids(doc(header, rows)), []);
  });
  it('configured names make it one (case-insensitive, normalised like headings)', () => {
    const config: PartialConfig = { kpiColumns: { metric: ['service'], target: ['COMMIT'], actual: ['Landed (30 days)'], status: ['Verdict'], trend: [] } };
    assert.deepEqual(read(header, rows, config), { metric: 'Service', target: 'Commit', actual: 'Landed', status: 'Verdict', trend: null });
    assert.deepEqual(ids(doc(header, rows), config), ['6:1 kpi-table-columns', '8:26 kpi-status-mismatch']);
  });
  it('config files: validated by the schema, merged per role (a nearer file replaces a role’s list)', () => {
    const ok = parseConfigText('{ "kpiColumns": { "actual": ["Landed"] } }', '.partnership-docs.json', ruleIds);
    assert.deepEqual(ok.errors, []);
    const bad = parseConfigText('{ "kpiColumns": { "owner": ["DRI"] } }', '.partnership-docs.json', ruleIds);
    assert.equal(bad.errors.length, 1);
    const merged = mergeConfig(DEFAULT_CONFIG, { kpiColumns: { actual: ['Landed'], target: ['Commit'] } }, { kpiColumns: { actual: ['Delivered'] } });
    assert.deepEqual(merged.kpiColumns, { actual: ['Delivered'], target: ['Commit'] });
    assert.equal(mergeConfig(DEFAULT_CONFIG).kpiColumns, undefined);
  });
  it('a configured name takes its column from the built-in roles', () => {
    // `Result` is a built-in actual; configured as the status, `Value` becomes the actual.
    const got = read('| Metric | Target | Value | Result |', ['| A | 10 | 9 | 🟡 |'], { kpiColumns: { status: ['Result'] } });
    assert.deepEqual(got, { metric: 'Metric', target: 'Target', actual: 'Value', status: 'Result', trend: null });
  });
});

describe('red-kpi-unaddressed on real shapes', () => {
  const table = (extra: string) =>
    doc('| Metric | Target | Actual | Status | Trend | Commentary |', [`| Partner-sourced pipeline | $2M | $1.2M | 🔴 Red | ↘️ Declining | ${extra} |`]);
  it('an empty commentary cell: reported', () => {
    assert.deepEqual(spans(table(''), 'red-kpi-unaddressed'), [[8, 3, 8, 27]]);
    assert.deepEqual(spans(table('TBD'), 'red-kpi-unaddressed'), [[8, 3, 8, 27]]);
  });
  it('the row’s own commentary explains it: addressed', () => {
    assert.deepEqual(spans(table('Two deals slipped to Q4; recovery plan with Globex sales'), 'red-kpi-unaddressed'), []);
  });
  for (const heading of ['Risks & Issues', 'Risk Register', 'Blockers', 'Issues and Risks', 'Concerns', 'Watch items', 'Lowlights', 'Escalations', 'Areas of Concern']) {
    it(`a “${heading}” section naming it: addressed`, () => {
      const text = doc('| Metric | Target | Actual | Status | Trend |', ['| Partner-sourced pipeline | $2M | $1.2M | 🔴 Red | ↘️ Declining |'], `\n## ${heading}\n- Partner-sourced pipeline is 40% short: two deals slipped\n`);
      assert.deepEqual(spans(text, 'red-kpi-unaddressed'), []);
    });
  }
  it('a section holding the table counts by its text around the table, a title not at all', () => {
    const row = '| Partner-sourced pipeline | $2M | $1.2M | 🔴 Red | ↘️ Declining |';
    const t = '| Metric | Target | Actual | Status | Trend |\n|---|---|---|---|---|\n' + row + '\n';
    const within = (after: string) => qbr(`## KPIs and Risks\n\n${t}\n${after}\n`);
    assert.deepEqual(spans(within('Partner-sourced pipeline is short: two deals slipped.'), 'red-kpi-unaddressed'), []);
    assert.deepEqual(spans(within('Everything else is on plan.'), 'red-kpi-unaddressed'), [[8, 3, 8, 27]]);
    // An issue document's heading holds the whole document: it is not a section addressing the table.
    const issue = `# Partnership Issue: Referral drop\n**Severity**: High\n\n## Impact\n\n${t}`;
    assert.deepEqual(spans(issue, 'red-kpi-unaddressed'), [[8, 3, 8, 27]]);
  });
  it('a section that is none of these: reported', () => {
    const text = doc('| Metric | Target | Actual | Status | Trend |', ['| Partner-sourced pipeline | $2M | $1.2M | 🔴 Red | ↘️ Declining |'], `\n## Key Wins\n- Partner-sourced pipeline doubled in EMEA\n`);
    assert.deepEqual(spans(text, 'red-kpi-unaddressed'), [[8, 3, 8, 27]]);
  });
});

describe('hover names the columns read', () => {
  it('Actual: column “Q3 2026” (latest period)', () => {
    const text = statusReport(`## Performance Summary\n\n| KPI | Goal | Q2 2026 | Q3 2026 | RAG |\n|---|---|---|---|---|\n| Deals | 10 | 4 | 9 | 🟡 Yellow |\n`);
    const e = explainAt(text, text.indexOf('| Deals'), { today: TODAY });
    assert.equal(e?.kind, 'kpi-row');
    if (e?.kind !== 'kpi-row') return;
    assert.deepEqual(e.columns, { target: 'Goal', targetWhy: null, actual: 'Q3 2026', actualWhy: 'latest period' });
    const md = explainToMarkdown(e);
    assert.match(md, /\| Target \| 10 — column “Goal” \|/);
    assert.match(md, /\| Actual \| 9 — column “Q3 2026” \(latest period\) \|/);
  });
  it('plain Target / Actual headers add nothing', () => {
    const text = doc('| Metric | Target | Actual | Status | Trend |', ['| A | 10 | 9 | 🟡 | → |']);
    const e = explainAt(text, text.indexOf('| A |'), { today: TODAY });
    assert.equal(e?.kind === 'kpi-row' ? e.columns : 'no row', undefined);
  });
});
