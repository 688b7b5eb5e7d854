/** Hover / status bar / CodeLens explanations (src/core/explain.ts). */
import { documentLifecycle } from '../../src/core/analysis/lifecycle.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { documentHealth, explainAt, explainer, explainToMarkdown, kpiLenses } from '../../src/core/index.js';
import { qbr, statusReport, TODAY } from '../helpers.js';
import { analyze } from '../../src/core/lint.js';
import { analyzeKpi } from '../../src/core/analysis/kpi.js';
import { healthBlockAt } from '../../src/core/analysis/health.js';

const o = { today: TODAY, cache: false as const };
const QBR = qbr(`## KPI Dashboard

| Metric | Target | Actual | Status | Trend |
|---|---|---|---|---|
| Revenue generated | $500K | $450K | ⚠️ Yellow (94% of target) | ↗️ Improving |
| Issue resolution time | ≤ 2 days | 3 days | 🔴 Red (67% of target) | → Stable |
| Customers acquired | 50 | 62 | ✅ Green (124% of target) | ↗️ Improving |
| Referrals | N/A | 4 | | |

**Overall Partnership Health**: 🟡 Yellow (85% of targets met, some areas of concern)
`);
const at = (text: string, s: string) => {
  const i = text.indexOf(s);
  assert.ok(i >= 0, s);
  return i;
};

describe('explainAt: KPI rows', () => {
  it('a stale row: numbers, direction, computed and stated status, fix text', () => {
    const e = explainAt(QBR, at(QBR, '$450K'), o);
    assert.deepEqual(e, {
      kind: 'kpi-row',
      start: at(QBR, '| Revenue generated'),
      end: at(QBR, '| Revenue generated') + '| Revenue generated | $500K | $450K | ⚠️ Yellow (94% of target) | ↗️ Improving |'.length,
      metric: 'Revenue generated',
      target: '$500K',
      actual: '$450K',
      direction: 'higher',
      directionWhy: 'default',
      attainment: 90,
      exactAttainment: 90,
      vocabulary: 'statuses read as Green / Yellow / Red',
      statedReading: '“Yellow” → Yellow',
      breakdown: '$450K of $500K',
      computed: 'yellow',
      computedText: '⚠️ Yellow (90% of target)',
      stated: '⚠️ Yellow (94% of target)',
      statedRag: 'yellow',
      fix: '⚠️ Yellow (90% of target)',
    });
  });
  it('a lower-is-better row says why; a consistent row has no fix', () => {
    const e = explainAt(QBR, at(QBR, 'Issue resolution'), o);
    assert.equal(e?.kind, 'kpi-row');
    if (e?.kind !== 'kpi-row') return;
    assert.equal(e.direction, 'lower');
    assert.equal(e.directionWhy, 'the target has a ≤ / < comparator');
    assert.equal(e.attainment, 67);
    assert.equal(e.computed, 'red');
    assert.equal(e.fix, null);
  });
  it('the line start and end of a row count as on it', () => {
    const start = at(QBR, '| Customers acquired');
    assert.equal(explainAt(QBR, start, o)?.kind, 'kpi-row');
    const end = QBR.indexOf('\n', start);
    const e = explainAt(QBR, end, o);
    assert.ok(e?.kind === 'kpi-row' && e.metric === 'Customers acquired');
  });
  it('keyword and configured directions', () => {
    const text = qbr('| Metric | Target | Actual | Status | Trend |\n|---|---|---|---|---|\n| Support tickets | 20 | 25 | | |\n');
    const e = explainAt(text, at(text, 'Support'), o);
    assert.ok(e?.kind === 'kpi-row');
    assert.equal(e.directionWhy, 'the name contains “tickets”');
    assert.equal(e.attainment, 80);
    const c = explainAt(text, at(text, 'Support'), { ...o, config: { metrics: { 'Support tickets': { direction: 'higher' } } } });
    assert.ok(c?.kind === 'kpi-row');
    assert.equal(c.directionWhy, 'configured in `metrics`');
    assert.equal(c.attainment, 125);
    assert.equal(c.fix, '✅ Green (125% of target)');
  });
  it('an unmeasured row explains why there is no status', () => {
    const e = explainAt(QBR, at(QBR, 'Referrals'), o);
    assert.ok(e?.kind === 'kpi-row');
    assert.equal(e.attainment, null);
    assert.equal(e.note, 'not measured (no status expected)');
    assert.equal(e.fix, null);
  });
  it('header, delimiter, headings and prose explain nothing', () => {
    for (const s of ['| Metric', '|---|', 'KPI Dashboard', 'Quarter']) assert.equal(explainAt(QBR, at(QBR, s), o), null, s);
  });
  it('ordinary markdown explains nothing unless lintAllMarkdown', () => {
    const text = '# Notes\n\n| Metric | Target | Actual |\n|---|---|---|\n| A | 10 | 5 |\n';
    assert.equal(explainAt(text, at(text, '| A |'), o), null);
    assert.equal(explainAt(text, at(text, '| A |'), { ...o, config: { lintAllMarkdown: true } })?.kind, 'kpi-row');
  });
});

describe('explainAt: Overall Partnership Health', () => {
  it('rows used (capped), score, band, stated, fix text of the whole value', () => {
    const e = explainAt(QBR, at(QBR, 'Overall Partnership'), o);
    assert.deepEqual(e, {
      kind: 'overall-health',
      start: at(QBR, '**Overall Partnership'),
      end: at(QBR, '**Overall Partnership') + '**Overall Partnership Health**: 🟡 Yellow (85% of targets met, some areas of concern)'.length,
      rows: [
        { metric: 'Revenue generated', attainment: 90, capped: 90 },
        { metric: 'Issue resolution time', attainment: 67, capped: 67 },
        { metric: 'Customers acquired', attainment: 124, capped: 100 },
      ],
      score: 86,
      band: 'yellow',
      stated: '🟡 Yellow (85% of targets met, some areas of concern)',
      statedBand: 'yellow',
      statedPercent: 85,
      fix: '🟡 Yellow (86% of targets met, some areas of concern)',
    });
  });
});

describe('explainAt: health score block', () => {
  const SR = statusReport(`## Performance Summary

### Overall Health Score: 82/100 🟢 Green
- Business performance: 25/30 (revenue, customers, leads)
- Operational execution: 24/30 (campaigns, integrations, activities)
- Relationship health: 20/25 (satisfaction, engagement, responsiveness)
- Strategic alignment: 13/15 (priorities, vision, mutual value)

🟢 Green (90-100): Partnership thriving
`);
  it('on the score line and on a part', () => {
    for (const s of ['Overall Health Score', 'Relationship health']) {
      const e = explainAt(SR, at(SR, s), o);
      assert.ok(e?.kind === 'health-score', s);
      assert.deepEqual(e.parts, [
        { name: 'Business performance', score: 25, max: 30 },
        { name: 'Operational execution', score: 24, max: 30 },
        { name: 'Relationship health', score: 20, max: 25 },
        { name: 'Strategic alignment', score: 13, max: 15 },
      ]);
      assert.equal(e.sum, 82);
      assert.equal(e.total, 82);
      assert.equal(e.band, 'yellow');
      assert.equal(e.badge, '🟢 Green');
      assert.equal(e.badgeRag, 'green');
    }
  });
  it('not on the legend', () => {
    assert.equal(explainAt(SR, at(SR, '🟢 Green (90-100)'), o), null);
  });
  it('documentHealth of a status report uses the stated health score', () => {
    assert.deepEqual(documentHealth(SR, o), { source: 'health-score', score: 82, band: 'yellow', redCount: 0, staleCount: 0 });
  });
});

describe('explainToMarkdown', () => {
  it('a KPI row as a two-column table, pipes escaped', () => {
    const e = explainAt(QBR, at(QBR, '$450K'), o)!;
    assert.equal(
      explainToMarkdown(e),
      [
        '**KPI: Revenue generated**',
        '',
        '| | |',
        '| --- | --- |',
        '| Target | $500K |',
        '| Actual | $450K |',
        '| Direction | higher is better (default) |',
        '| Attainment | 90% — $450K of $500K |',
        '| Computed status | ⚠️ Yellow (90% of target) |',
        '| Stated status | ⚠️ Yellow (94% of target) |',
        '| Read as | “Yellow” → Yellow; statuses read as Green / Yellow / Red |',
        '| Fix writes | ⚠️ Yellow (90% of target) |',
      ].join('\n'),
    );
    const piped = explainToMarkdown({ ...(e as Extract<typeof e, { kind: 'kpi-row' }>), metric: 'a|b', target: 'x|y' });
    assert.match(piped, /\| Target \| x\\\|y \|/);
  });
  it('the computed status is shown in the table’s own style, as the fix writes it', () => {
    const head = '# QBR: Acme + Globex\n\n## KPI Dashboard\n\n';
    const circles = `${head}| Metric | Target | Actual | Status |\n|---|---|---|---|\n| Pipeline | 100 | 90 | 🟢 Green |\n| Deals | 10 | 10 | 🟢 Green |\n`;
    const c = explainAt(circles, at(circles, '| 90 |') + 2, o);
    assert.ok(c && c.kind === 'kpi-row');
    assert.equal(c.computedText, '🟡 Yellow (90% of target)');
    assert.equal(c.fix, '🟡 Yellow (90% of target)');
    // The right status in circles: computed and stated read the same, nothing to fix.
    const right = explainAt(circles, at(circles, '| 10 | 10') + 2, o);
    assert.ok(right && right.kind === 'kpi-row');
    assert.equal(right.computedText, '🟢 Green (100% of target)');
    assert.equal(right.fix, null);
    const metNotMet = `${head}| Metric | Target | Actual | Status |\n|---|---|---|---|\n| Pipeline | 100 | 90 | ✅ Met |\n| Deals | 10 | 12 | ✅ Met |\n`;
    const m = explainAt(metNotMet, at(metNotMet, '| 90 |') + 2, o);
    assert.ok(m && m.kind === 'kpi-row');
    assert.equal(m.computedText, m.fix);
    assert.match(m.computedText ?? '', /^❌ /);
  });
  it('the overall health line lists capped rows', () => {
    const md = explainToMarkdown(explainAt(QBR, at(QBR, 'Overall Partnership'), o)!);
    assert.match(md, /\| Customers acquired \| 124% → counted as 100% \|/);
    assert.match(md, /\| Score \(mean\) \| 86% \|/);
    assert.match(md, /\| Fix writes \| 🟡 Yellow \(86% of targets met, some areas of concern\) \|/);
  });
});

describe('documentHealth and kpiLenses', () => {
  it('summarises the first KPI table of a QBR', () => {
    assert.deepEqual(documentHealth(QBR, o), { source: 'kpi-table', score: 86, band: 'yellow', redCount: 1, staleCount: 1 });
  });
  it('null without a KPI table or health block, and for ordinary markdown', () => {
    assert.equal(documentHealth(qbr('## Executive Summary\n\nAll good.\n'), o), null);
    assert.equal(documentHealth('# Notes\n', o), null);
  });
  it('one lens per KPI table, counting fixable findings in the table and its health line', () => {
    const two = `${QBR}\n## Appendix\n\n| KPI | Goal | Result | Status | Trend |\n|---|---|---|---|---|\n| A | 10 | 10 | ✅ Green (100% of target) | → Stable |\n`;
    const lenses = kpiLenses(two, o);
    assert.equal(lenses.length, 2);
    assert.deepEqual(
      lenses.map((l) => [l.line, l.score, l.band, l.measured, l.rows, l.redCount, l.staleStatuses, l.fixableFindings, l.title]),
      [
        [6, 86, 'yellow', 3, 4, 1, 1, 2, 'KPI health 86% 🟡 Yellow · 1 red · 1 stale status · 2 fixable'],
        [17, 100, 'green', 1, 1, 0, 0, 0, 'KPI health 100% 🟢 Green'],
      ],
    );
    assert.equal(two.slice(lenses[1]!.tableStart, lenses[1]!.tableStart + 5), '| KPI');
  });
});

describe('explainer: one analysis, many lookups (the Markdown preview asks for every row)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const fs = require('node:fs') as typeof import('node:fs');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const path = require('node:path') as typeof import('node:path');
  const dir = path.join(__dirname, '..', 'fixtures', 'docs');
  const docs = fs.readdirSync(dir).filter((f) => f.endsWith('.md')).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')] as const);
  docs.push(['inline QBR', QBR], ['CRLF QBR', QBR.replace(/\n/g, '\r\n')], ['quoted table', qbr('## KPI Dashboard\n\n> | Metric | Target | Actual | Status | Trend |\n> |---|---|---|---|---|\n> | Revenue | $500K | $450K | ✅ Green | → Stable |\n')]);

  // The oracle: explainAt's documented search written out linearly — tables in order (a row when
  // the offset is on its line and inside the table, then the table's health line), then the
  // health-score blocks. It names what should be explained (kind + start); the explainer's line
  // index must find the same thing.
  const lineOf = (text: string, at: number) => {
    const start = text.lastIndexOf('\n', at - 1) + 1;
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    return { start, end };
  };
  // (The analysis is the same at every offset: made once per document, not once per offset.)
  const oracle = (text: string, offset: number, { doc, config, ctx }: ReturnType<typeof analyze>): string | null => {
    if (!doc.kind && !config.lintAllMarkdown) return null;
    for (const t of ctx.get(analyzeKpi)) {
      if (offset >= t.table.start && offset <= t.table.end) {
        for (const r of t.rows) {
          const line = lineOf(text, r.start);
          if (offset >= line.start && offset <= line.end) return `kpi-row@${r.start}`;
        }
      }
      if (t.health) {
        const line = lineOf(text, t.health.field.labelStart);
        if (offset >= line.start && offset <= line.end) return `overall-health@${line.start}`;
      }
    }
    // The lifecycle stage (issue 13): the start date and renewal date field lines.
    const lc = ctx.get(documentLifecycle);
    for (const at of [lc.startField?.valueStart, lc.renewal?.field.valueStart]) {
      if (at === undefined) continue;
      const line = lineOf(text, at);
      if (offset >= line.start && offset <= line.end) return `lifecycle@${line.start}`;
    }
    const block = healthBlockAt(ctx, offset);
    return block ? `health-score@${block.line.start}` : null;
  };

  it('finds what a linear search over the tables and blocks finds, at every offset of every fixture', () => {
    let explained = 0;
    for (const [name, text] of docs) {
      const ask = explainer(text, o);
      const interesting = new Set<number>();
      const analysis = analyze(text, o);
      const { ctx } = analysis;
      for (const t of ctx.get(analyzeKpi)) {
        for (let i = t.table.start; i <= t.table.end; i++) interesting.add(i);
        if (t.health) { const l = lineOf(text, t.health.field.labelStart); for (let i = l.start; i <= l.end + 1; i++) interesting.add(i); }
      }
      const lc = ctx.get(documentLifecycle);
      for (const at of [lc.startField?.valueStart, lc.renewal?.field.valueStart]) {
        if (at === undefined) continue;
        const l = lineOf(text, at);
        for (let i = l.start; i <= l.end + 1; i++) interesting.add(i);
      }
      for (let offset = 0; offset <= text.length; offset++) {
        // Every offset in and around tables and health lines; line starts elsewhere.
        if (!interesting.has(offset) && offset !== 0 && text[offset - 1] !== '\n') continue;
        const e = ask(offset);
        const got = e ? `${e.kind}@${e.start}` : null;
        assert.equal(got, oracle(text, offset, analysis), `${name} @${offset}`);
        if (e) explained++;
      }
    }
    assert.ok(explained > 1000, `explained offsets: ${explained}`);
  });
});
