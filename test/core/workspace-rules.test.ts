/** The cross-document rules on the multi-quarter fixture folders and on small inline workspaces. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFixes, buildIndex, indexDocument, lint, lintWorkspace, rules } from '../../src/core/index.js';
import type { Finding, PartialConfig } from '../../src/core/types.js';
import { fixtureTexts, indexTexts, WS_TODAY } from './workspace-helpers.js';

const texts = fixtureTexts();
const ACME_Q3 = 'test/fixtures/workspace/acme/2026-Q3-qbr.md';

const tuple = (f: Finding) => [f.ruleId, f.line, f.column, f.endLine, f.endColumn] as const;

function lintAll(m: Map<string, string>, config?: PartialConfig) {
  const { index } = indexTexts(m, { config });
  return lintWorkspace(index, m, { today: WS_TODAY, config });
}

/** A QBR of partner Acme for quarter `q` of 2026 with KPI rows and Next Steps lines. */
function qbr(q: number, rows: string[], steps: string[] = []): string {
  return [
    '# Partnership QBR: Us + Acme',
    `**Quarter**: Q${q} 2026`,
    '',
    '## KPI Dashboard',
    '',
    '| Metric | Target | Actual | Status | Trend |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    '## Next Steps',
    ...steps,
    '',
  ].join('\n');
}
const ws = (...docs: string[]) => new Map(docs.map((t, i) => [`acme/${i}.md`, t]));

describe('on the fixture folders', () => {
  const found = lintAll(texts);

  it('finds exactly the planted problems, at exact positions', () => {
    const all = [...found.byPath].flatMap(([p, fs]) => fs.map((f) => [p.split('/').slice(-2).join('/'), ...tuple(f)]));
    assert.deepEqual(all, [
      ['acme/2026-Q3-qbr.md', 'kpi-trend-vs-previous', 12, 57, 12, 69],
      ['acme/2026-Q3-qbr.md', 'kpi-declining-quarters', 13, 3, 13, 12],
      ['acme/2026-Q3-qbr.md', 'kpi-declining-quarters', 14, 3, 14, 14],
      ['acme/2026-Q3-qbr.md', 'kpi-trend-vs-previous', 14, 55, 14, 87],
      ['acme/2026-Q3-qbr.md', 'action-carried-over', 16, 4, 16, 14],
    ]);
  });

  it('has an entry for every QBR checked, empty when clean', () => {
    assert.deepEqual(
      [...found.byPath].map(([p, fs]) => [p.split('/').slice(-2).join('/'), fs.length]),
      [
        ['acme/2026-Q1-qbr.md', 0],
        ['acme/2026-Q2-qbr.md', 0],
        ['acme/2026-Q3-qbr.md', 5],
        ['globex/2025-Q4-qbr.md', 0],
        ['globex/2026-Q1-qbr.md', 0],
        ['globex/2026-Q2-qbr.md', 0],
      ],
    );
  });

  it('messages name the numbers, the quarters and the item', () => {
    const msgs = found.byPath.get(ACME_Q3)!.map((f) => f.message);
    assert.equal(
      msgs[0],
      'Trend of “Revenue” says “↗️ Improving”, but the actual went from $480K (Q2 2026, 2026-Q2-qbr.md) to $480K: 0%; expected “→ Stable (0% vs. last quarter)”',
    );
    assert.match(msgs[1]!, /^“Referrals” has declined 2 consecutive quarters: 40 \(Q1 2026\) → 34 \(Q2 2026\) → 27 \(Q3 2026\)\./);
    assert.match(msgs[2]!, /^“Escalations” has declined 2 consecutive quarters \(lower is better\): 3 \(Q1 2026\) → 4 \(Q2 2026\) → 6 \(Q3 2026\)\./);
    assert.match(msgs[3]!, /\+50% on a lower-is-better metric; expected “↘️ Declining \(\+50% vs\. last quarter\)”$/);
    assert.match(msgs[4]!, /^Open action item of the Q2 2026 QBR \(2026-Q2-qbr\.md:19\) is neither closed nor carried over: “Publish the joint case study - Owner: Dana Smith, Due: 2026-06-15”/);
  });

  it('the fixes write the trend computed from both documents', () => {
    const text = texts.get(ACME_Q3)!;
    const fixed = applyFixes(text, found.byPath.get(ACME_Q3)!);
    const lines = fixed.split('\n');
    assert.equal(lines[11], '| Revenue | $500K | $480K | ⚠️ Yellow (96% of target) | → Stable (0% vs. last quarter) |');
    assert.equal(lines[13], '| Escalations | ≤ 5 | 6 | ⚠️ Yellow (83% of target) | ↘️ Declining (+50% vs. last quarter) |');
    // After the fix, lintWorkspace reports no trend finding (the text changed: it is re-indexed).
    const m = new Map(texts).set(ACME_Q3, fixed);
    const { index } = indexTexts(texts);
    const again = lintWorkspace(index, m, { today: WS_TODAY }).byPath.get(ACME_Q3)!;
    assert.deepEqual(again.map((f) => f.ruleId), ['kpi-declining-quarters', 'kpi-declining-quarters', 'action-carried-over']);
  });

  it('per-file lint never runs them', () => {
    const ids = new Set(lint(texts.get(ACME_Q3)!, { today: WS_TODAY }).findings.map((f) => f.ruleId));
    for (const id of ['kpi-trend-vs-previous', 'kpi-declining-quarters', 'action-carried-over']) assert.ok(!ids.has(id), id);
  });

  it('are registered with metadata', () => {
    const meta = Object.fromEntries(rules.map((r) => [r.id, [r.defaultSeverity, r.fixable]]));
    assert.deepEqual(meta['kpi-trend-vs-previous'], ['warning', 'fix']);
    assert.deepEqual(meta['kpi-declining-quarters'], ['warning', false]);
    assert.deepEqual(meta['action-carried-over'], ['warning', false]);
  });

  it('honour rule settings (off, severity) and suppression comments', () => {
    const off = lintAll(texts, { rules: { 'kpi-declining-quarters': 'off', 'action-carried-over': 'error' } }).byPath.get(ACME_Q3)!;
    assert.deepEqual(off.map((f) => [f.ruleId, f.severity]), [
      ['kpi-trend-vs-previous', 'warning'],
      ['kpi-trend-vs-previous', 'warning'],
      ['action-carried-over', 'error'],
    ]);
    const m = new Map(texts);
    m.set(ACME_Q3, texts.get(ACME_Q3)!.replace('## Next Steps', '<!-- partnership-docs-disable-next-line action-carried-over -->\n## Next Steps'));
    const sup = lintAll(m).byPath.get(ACME_Q3)!;
    assert.ok(!sup.some((f) => f.ruleId === 'action-carried-over'));
    // and `unknown-rule` knows the new ids
    assert.ok(!lint(m.get(ACME_Q3)!, { today: WS_TODAY }).findings.some((f) => f.ruleId === 'unknown-rule'));
  });

  it('`only` restricts the documents reported on', () => {
    const { index } = indexTexts(texts);
    const r = lintWorkspace(index, texts, { today: WS_TODAY, only: [ACME_Q3] });
    assert.deepEqual([...r.byPath.keys()], [ACME_Q3]);
    const none = lintWorkspace(index, () => undefined, { today: WS_TODAY });
    assert.equal(none.byPath.size, 0);
  });
});

describe('kpi-trend-vs-previous', () => {
  const run = (m: Map<string, string>, config?: PartialConfig) => lintAll(m, config).byPath.get('acme/1.md')!.filter((f) => f.ruleId === 'kpi-trend-vs-previous');

  it('valid: agreeing word, arrow and change (direction-aware, Stable band)', () => {
    const m = ws(
      qbr(1, ['| Revenue | $500K | $400K | | → Stable |', '| Time to close | 10 days | 10 days | | → Stable |', '| Win rate | 30% | 20% | | → Stable |']),
      qbr(2, [
        '| Revenue | $500K | $480K | | ↗️ Improving (+20% vs. last quarter) |',
        '| Time to close | 10 days | 9 days | | ↗️ Improving (-10%) |',
        '| Win rate | 30% | 22% | | ↗️ Improving (+2%) |', // percentage points accepted for a % metric
      ]),
    );
    assert.deepEqual(run(m), []);
  });

  it('invalid: word, arrow or number disagrees; the fix is computed', () => {
    const m = ws(
      qbr(1, ['| Revenue | $500K | $400K | | → Stable |', '| Time to close | 10 days | 10 days | | → Stable |', '| Leads | 100 | 100 | | → Stable |']),
      qbr(2, [
        '| Revenue | $500K | $480K | | ↘️ Declining |',
        '| Time to close | 10 days | 12 days | | ↗️ Improving (+20%) |',
        '| Leads | 100 | 101 | | ↗️ Improving (+10% vs. last quarter) |',
      ]),
    );
    const f = run(m);
    assert.deepEqual(f.map((x) => [x.line, x.column, x.endLine, x.endColumn, x.fix!.edits[0]!.text]), [
      [8, 31, 8, 43, '↗️ Improving (+20% vs. last quarter)'],
      [9, 41, 9, 60, '↘️ Declining (+20% vs. last quarter)'],
      [10, 25, 10, 61, '→ Stable (+1% vs. last quarter)'],
    ]);
  });

  it('the Stable band comes from the configuration', () => {
    const m = ws(qbr(1, ['| Leads | 100 | 100 | | → Stable |']), qbr(2, ['| Leads | 100 | 104 | | → Stable (+4%) |']));
    assert.equal(run(m).length, 1);
    assert.equal(run(m, { thresholds: { stableBand: 5 } }).length, 0);
  });

  it('not checked: a quarter gap, other units, N/A, placeholders, previous 0', () => {
    const m = ws(
      qbr(1, ['| Revenue | $500K | $400K | | → Stable |', '| Leads | 100 | 0 | | → Stable |']),
      qbr(3, ['| Revenue | $500K | $100K | | ↗️ Improving |']),
    );
    assert.deepEqual(run(m), []);
    const m2 = ws(
      qbr(1, ['| Revenue | $500K | €400K | | → Stable |', '| Leads | 100 | 0 | | → Stable |', '| NPS | 50 | N/A | | → Stable |', '| CSAT | 8 | 8 | | → Stable |']),
      qbr(2, ['| Revenue | $500K | $100K | | ↗️ Improving |', '| Leads | 100 | 50 | | → Stable |', '| NPS | 50 | 10 | | ↗️ Improving |', '| CSAT | 8 | 4 | | [Trend] |']),
    );
    assert.deepEqual(run(m2), []);
  });

  it('keeps the table padding when the author padded it', () => {
    const m = ws(
      qbr(1, ['| Leads | 100    | 100    | | → Stable |']),
      ['# Partnership QBR: Us + Acme', '**Quarter**: Q2 2026', '', '| Metric | Target | Actual | Trend    |', '| ------ | ------ | ------ | -------- |', '| Leads  | 100    | 150    | → Stable |', ''].join('\n'),
    );
    const f = run(m);
    assert.equal(f.length, 1);
    const fixed = applyFixes(m.get('acme/1.md')!, f);
    assert.deepEqual(fixed.split('\n').slice(3, 6), [
      '| Metric | Target | Actual | Trend                                |',
      '| ------ | ------ | ------ | ------------------------------------ |',
      '| Leads  | 100    | 150    | ↗️ Improving (+50% vs. last quarter) |',
    ]);
  });
});

describe('kpi-declining-quarters', () => {
  const run = (m: Map<string, string>, path: string) => lintAll(m).byPath.get(path)!.filter((f) => f.ruleId === 'kpi-declining-quarters');

  it('needs two consecutive declines, on consecutive quarters, reported on the latest QBR only', () => {
    const three = ws(qbr(1, ['| Leads | 100 | 90 | | → Stable |']), qbr(2, ['| Leads | 100 | 80 | | ↘️ Declining |']), qbr(3, ['| Leads | 100 | 70 | | ↘️ Declining |']));
    assert.deepEqual(run(three, 'acme/2.md').map((f) => [f.line, f.column, f.endLine, f.endColumn]), [[8, 3, 8, 8]]);
    assert.deepEqual(run(three, 'acme/1.md'), []);
    assert.equal(run(three, 'acme/2.md')[0]!.data!['quarters'], 2);
    // one decline only
    const recovered = ws(qbr(1, ['| Leads | 100 | 90 | | → Stable |']), qbr(2, ['| Leads | 100 | 80 | | ↘️ Declining |']), qbr(3, ['| Leads | 100 | 85 | | ↗️ Improving |']));
    assert.deepEqual(run(recovered, 'acme/2.md'), []);
    // a gap breaks the run
    const gap = ws(qbr(1, ['| Leads | 100 | 90 | | → Stable |']), qbr(2, ['| Leads | 100 | 80 | | ↘️ Declining |']), qbr(4, ['| Leads | 100 | 70 | | ↘️ Declining |']));
    assert.deepEqual(run(gap, 'acme/2.md'), []);
    // within the Stable band is not a decline
    const flat = ws(qbr(1, ['| Leads | 100 | 100 | | → Stable |']), qbr(2, ['| Leads | 100 | 99 | | → Stable |']), qbr(3, ['| Leads | 100 | 98 | | → Stable |']));
    assert.deepEqual(run(flat, 'acme/2.md'), []);
  });

  it('is direction-aware and counts three declines as 3 quarters', () => {
    const m = ws(
      qbr(1, ['| Churn | ≤ 5% | 2% | | → Stable |']),
      qbr(2, ['| Churn | ≤ 5% | 3% | | ↘️ Declining |']),
      qbr(3, ['| Churn | ≤ 5% | 4% | | ↘️ Declining |']),
      qbr(4, ['| Churn | ≤ 5% | 5% | | ↘️ Declining |']),
    );
    const f = run(m, 'acme/3.md');
    assert.equal(f.length, 1);
    assert.match(f[0]!.message, /^“Churn” has declined 3 consecutive quarters \(lower is better\): 2% \(Q1 2026\) → 3% \(Q2 2026\) → 4% \(Q3 2026\) → 5% \(Q4 2026\)\./);
  });
});

describe('action-carried-over', () => {
  const run = (m: Map<string, string>) => lintAll(m).byPath.get('acme/1.md')!.filter((f) => f.ruleId === 'action-carried-over');

  it('closed or carried (reworded) items pass; a dropped one is reported on Next Steps', () => {
    const m = ws(
      qbr(1, [], [
        '- [ ] Book the enablement slot at the Globex sales kickoff - Owner: Dana, Due: 2026-02-01',
        '- [ ] Pick the 10 target accounts - Owner: Lee, Due: 2026-02-07',
        '- [ ] Scope the campaign-sync extension - Owner: Priya, Due: 2026-03-01',
        '- [x] Already done - Owner: Lee',
        '- [ ] [Action item 1] - Owner: [Name], Due: [Date]',
      ]),
      qbr(2, [], [
        '- [ ] Book enablement slot at the Globex sales kickoff (SKO) - Owner: Elena, Due: 2026-05-01',
        '- [x] Pick the 10 target accounts - Owner: Lee, Due: 2026-02-07',
        '- [ ] Deliver campaign sync to 5 design partners - Owner: Priya, Due: 2026-06-01',
      ]),
    );
    const f = run(m);
    assert.deepEqual(f.map((x) => [x.line, x.column, x.endLine, x.endColumn]), [[9, 4, 9, 14]]);
    assert.match(f[0]!.message, /“Scope the campaign-sync extension - Owner: Priya, Due: 2026-03-01”/);
    assert.equal(f[0]!.data!['previousLine'], 12);
  });

  it('reports on the title when there is no Next Steps heading; nothing without a previous QBR', () => {
    const m = ws(qbr(1, [], ['- [ ] Call Acme - Owner: Dana, Due: 2026-02-01']), '# Partnership QBR: Us + Acme\n**Quarter**: Q2 2026\n\nNothing.\n');
    assert.deepEqual(run(m).map((x) => [x.line, x.column, x.endLine, x.endColumn]), [[1, 3, 1, 29]]);
    assert.deepEqual(lintAll(ws(qbr(1, [], ['- [ ] Call Acme']))).byPath.get('acme/0.md'), []);
  });

  it('real documents: an item mentioned anywhere in the new QBR, or marked done in its text, is not reported', () => {
    const m = ws(
      qbr(1, [], [
        '- [ ] Publish the joint case study - Owner: Dana, Due: 2026-02-01',
        '- [ ] Renew the reseller agreement ✅ - Owner: Lee',
        '- [ ] Recap (done) - Owner: Lee',
        '- [ ] Kickoff - Owner: Lee',
      ]),
      qbr(2, [], []).replace('## Next Steps', '## Key Wins\n- Joint case study published in March\n\n## Next Steps'),
    );
    assert.deepEqual(run(m), []);
  });

  it('a mention inside an HTML comment does not count: the item is still dropped', () => {
    const m = ws(
      qbr(1, [], ['- [ ] Scope the connector certification with Acme product (Tomás) — Dec 15']),
      qbr(2, [], ['- [ ] Send the recap - Owner: Dana, Due: 2026-05-01']).replace(
        '## Next Steps',
        '<!-- reviewer: "Scope the connector certification with Acme product (Tomas)" was dropped on purpose? -->\n\n## Next Steps',
      ),
    );
    assert.equal(run(m).length, 1);
    // The same sentence as visible text is a mention.
    const visible = new Map([...m].map(([p, t]) => [p, t.replace('<!-- reviewer: ', '- Reviewer: ').replace(' -->', '')]));
    assert.deepEqual(run(visible), []);
  });

  it('never chains documents whose partner comes only from their folder', () => {
    // No partner in the content: both documents are "Acme" only because of the folder.
    const doc = (q: number, steps: string[]) =>
      ['---', 'partnership-doc: qbr', '---', '# Quarterly Business Review', `**Quarter**: Q${q} 2026`, '', '## Next Steps', ...steps, ''].join('\n');
    const m = ws(doc(1, ['- [ ] Scope the campaign-sync extension - Owner: Priya']), doc(2, []));
    const { index } = indexTexts(m);
    assert.equal(index.docs.get('acme/1.md')!.partnerSource, 'folder');
    assert.deepEqual(run(m), []);
    // The same two documents naming their partner in front matter are chained.
    const named = new Map([...m].map(([p, t]) => [p, t.replace('partnership-doc: qbr', 'partnership-doc: qbr\npartner: Acme')]));
    assert.equal(run(named).length, 1);
  });

  it('links documents through aliases', () => {
    const a = qbr(1, [], ['- [ ] Call the partner - Owner: Dana, Due: 2026-02-01']).replace('Us + Acme', 'Us + Acme Corp');
    const b = qbr(2, [], []).replace('Us + Acme', 'Us + ACME Holdings');
    const m = ws(a, b);
    assert.equal(lintAll(m).byPath.get('acme/1.md')!.length, 0);
    assert.equal(lintAll(m, { partners: { 'ACME Holdings': 'Acme' } }).byPath.get('acme/1.md')!.length, 1);
  });
});

describe('indexing cost', () => {
  it('a 20 KB QBR indexes in one analysis', () => {
    const rows = Array.from({ length: 260 }, (_, i) => `| Metric ${i} | 100 | ${90 + (i % 20)} | ⚠️ Yellow (90% of target) | → Stable |`);
    const text = qbr(1, rows, Array.from({ length: 40 }, (_, i) => `- [ ] Do thing ${i} - Owner: Dana, Due: 2026-02-01`));
    assert.ok(text.length > 18_000);
    const d = indexDocument('a/b.md', text, { today: WS_TODAY, cache: false })!;
    assert.equal(d.kpis.length, 260);
    assert.equal(d.actions.length, 40);
    void buildIndex([d], {});
  });
});
