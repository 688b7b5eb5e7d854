/**
 * The Snapshot (src/core/snapshot.ts): one document version analysed once. Its answers are the
 * per-text functions' (lint, explainAt, kpiLenses, documentHealth, indexDocument, fixAll), each
 * computed once and kept, over one model build.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  createCache,
  documentHealth,
  engineStats,
  explainAt,
  fixAll,
  fixAllSnapshot,
  indexDocument,
  indexSnapshot,
  kpiLenses,
  lint,
  parseConfigText,
  ruleIds,
  snapshot,
  type LintOptions,
  type PartialConfig,
} from '../../src/core/index.js';
import { explainerOf } from '../../src/core/explain.js';
import { analyze } from '../../src/core/lint.js';
import { generateQbr } from '../../scripts/generate.mjs';
import { qbr, TODAY } from '../helpers.js';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'docs');

/** Every fixture document with its configuration (a `NAME.config.json` beside it), plus a generated QBR and a lone-CR one. */
function documents(): Array<{ name: string; text: string; config?: PartialConfig }> {
  const out: Array<{ name: string; text: string; config?: PartialConfig }> = [];
  for (const f of fs.readdirSync(FIXTURES).filter((n) => n.endsWith('.md')).sort()) {
    const cfgFile = path.join(FIXTURES, f.replace(/\.md$/, '.config.json'));
    const config = fs.existsSync(cfgFile) ? parseConfigText(fs.readFileSync(cfgFile, 'utf8'), cfgFile, ruleIds).config : undefined;
    out.push({ name: f, text: fs.readFileSync(path.join(FIXTURES, f), 'utf8'), config });
  }
  out.push({ name: 'generated 40 KB QBR', text: generateQbr(40_000, 5) });
  const stale = fs.readFileSync(path.join(FIXTURES, 'qbr-problems.md'), 'utf8');
  out.push({ name: 'lone CRs', text: stale.replace(/\n/g, (m, i: number) => (i % 3 === 0 ? '\r' : m)) });
  return out;
}

const json = (x: unknown) => JSON.stringify(x);

const QBR = qbr(`## KPI Dashboard

| Metric | Target | Actual | Status | Trend |
|---|---|---|---|---|
| Revenue generated | $500K | $450K | ✅ Green (100% of target) | ↗️ Improving |
| Customers acquired | 50 | 62 | ✅ Green (124% of target) | ↗️ Improving |

**Overall Partnership Health**: 🟢 Green (95% of targets met)
`);

describe('Snapshot', () => {
  it('its findings are lint()\'s, for every fixture (fresh parse, and through a warm section cache)', () => {
    const cache = createCache();
    let compared = 0;
    for (const { name, text, config } of documents()) {
      for (const options of [{ today: TODAY, config, cache: false as const }, { today: TODAY, config, cache }]) {
        const want = lint(text, options);
        const s = snapshot(text, options);
        assert.equal(json(s.result), json(want), `${name} (cache: ${options.cache === false ? 'none' : 'warm'})`);
        assert.equal(json(s.findings), json(want.findings));
        assert.equal(s.kind, want.kind, name);
      }
      compared++;
    }
    assert.ok(compared > 50, `documents: ${compared}`);
  });

  it('explainAt answers as explainAt(text, …) and as the explainer over a separate analysis, at every line start and in every table', () => {
    let explained = 0;
    for (const { name, text, config } of documents()) {
      const options: LintOptions = { today: TODAY, config, cache: false };
      const s = snapshot(text, options);
      // The explainer over its own analysis of the text: what explainAt did before snapshots.
      const separate = explainerOf(analyze(text, options), text);
      const offsets = new Set<number>([0, text.length]);
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) offsets.add(i + 1);
      for (const t of s.kpiTables) for (let i = t.table.start; i <= t.table.end; i += 7) offsets.add(i);
      for (const offset of offsets) {
        const got = s.explainAt(offset);
        assert.deepEqual(got, separate(offset), `${name} @${offset}`);
        if (got) explained++;
      }
    }
    assert.ok(explained > 500, `explained offsets: ${explained}`);
    // explainAt per text: one snapshot per call, so a few offsets (every row and health line of the inline QBR).
    const s = snapshot(QBR, { today: TODAY, cache: false });
    for (let i = QBR.indexOf('## KPI'); i < QBR.length; i += 11) assert.deepEqual(explainAt(QBR, i, { today: TODAY, cache: false }), s.explainAt(i), `@${i}`);
  });

  it('its lenses, health, index entry and fix-all are the per-text functions\'', () => {
    for (const { name, text, config } of documents()) {
      const options: LintOptions = { today: TODAY, config, cache: false };
      const s = snapshot(text, options);
      assert.equal(json(s.kpiLenses), json(kpiLenses(text, options)), name);
      assert.equal(json(s.documentHealth), json(documentHealth(text, options)), name);
      assert.equal(json(indexSnapshot(name, s)), json(indexDocument(name, text, options)), name);
      const fixed = fixAllSnapshot(s);
      const want = fixAll(text, options);
      assert.equal(fixed.snapshot.text, want.text, name);
      assert.equal(fixed.passes, want.passes, name);
      // The fixed text's snapshot lints it like lint() does.
      assert.equal(json(fixed.snapshot.findings), json(lint(want.text, options).findings), name);
    }
  });

  it('builds the model once; each answer is computed on first read and kept (a second read is the same object)', () => {
    const before = engineStats().modelBuilds;
    const s = snapshot(QBR, { today: TODAY, cache: false });
    assert.equal(engineStats().modelBuilds - before, 1, 'one model build');
    const reads = () => [s.analysis, s.result, s.findings, s.kpiLenses, s.documentHealth, s.kpiTables, s.healthBlocks, s.doc, s.lines, s.config];
    const first = reads();
    const row = QBR.indexOf('| Revenue generated');
    assert.equal(s.explainAt(row)?.kind, 'kpi-row');
    assert.equal(s.explainAt(QBR.indexOf('**Overall Partnership Health**'))?.kind, 'overall-health');
    const second = reads();
    first.forEach((x, i) => assert.equal(second[i], x, `read ${i} is the same object`));
    assert.equal(s.kpiLenses.length, 1);
    assert.equal(s.kpiLenses[0]!.staleStatuses, 1);
    assert.equal(s.documentHealth?.score, 95);
    assert.ok(s.findings.some((f) => f.ruleId === 'kpi-status-mismatch'));
    assert.equal(engineStats().modelBuilds - before, 1, 'reading every answer built no other model');
  });

  it('the per-text functions build one model each (kpiLenses used to build two: analyze, then lint)', () => {
    const options = { today: TODAY, cache: false as const };
    for (const [what, run] of [['lint', () => lint(QBR, options)], ['kpiLenses', () => kpiLenses(QBR, options)], ['explainAt', () => explainAt(QBR, 10, options)],
      ['documentHealth', () => documentHealth(QBR, options)]] as const) {
      const before = engineStats().modelBuilds;
      run();
      assert.equal(engineStats().modelBuilds - before, 1, what);
    }
  });

  it('with(): the same options give the same snapshot; other rules or today share the model; other section equivalents build a new one', () => {
    const cache = createCache();
    const s = snapshot(QBR, { today: TODAY, cache, path: 'a.md' });
    assert.equal(s.with({ today: TODAY, cache, path: 'a.md', config: {} }), s, 'equal options: the same snapshot');
    assert.ok(s.matches({ today: TODAY, cache, path: 'a.md' }));

    const before = engineStats().modelBuilds;
    const other = { today: '2027-03-01', cache, path: 'a.md', config: { rules: { 'kpi-status-mismatch': 'off' as const } } };
    const t = s.with(other);
    assert.notEqual(t, s);
    assert.equal(t.doc, s.doc, 'the model is shared');
    assert.equal(engineStats().modelBuilds - before, 0, 'no model build');
    assert.equal(json(t.findings), json(lint(QBR, { ...other, cache: false }).findings), 'its findings are its options\'');
    assert.ok(!t.findings.some((f) => f.ruleId === 'kpi-status-mismatch'));
    assert.ok(s.findings.some((f) => f.ruleId === 'kpi-status-mismatch'), 'the first snapshot keeps its own');

    const u = s.with({ today: TODAY, cache, path: 'a.md', config: { sectionEquivalents: { 'Next Steps': ['Follow-ups'] } } });
    assert.notEqual(u.doc, s.doc, 'section equivalents decide the model (kind detection): a new one');
    assert.notEqual(s.with({ today: TODAY, cache: false, path: 'a.md' }).doc, s.doc, 'another cache: a new model');
  });

  it('counts model builds per text while tracking', async () => {
    const { trackModelBuilds } = await import('../../src/core/index.js');
    const text = `${QBR}\n<!-- ${Date.now()} -->\n`;
    assert.equal(engineStats().modelBuildsOf(text), undefined, 'not tracking');
    trackModelBuilds(true);
    try {
      assert.equal(engineStats().modelBuildsOf(text), 0);
      const s = snapshot(text, { today: TODAY });
      void s.findings;
      void s.kpiLenses;
      assert.equal(engineStats().modelBuildsOf(text), 1);
      lint(text, { today: TODAY });
      assert.equal(engineStats().modelBuildsOf(text), 2);
    } finally {
      trackModelBuilds(false);
    }
  });
});
