/**
 * What chunk-scoped rules declare (Rule.scope / Rule.reads, issue #12): each rule's findings in a
 * section, computed with only that section's text and the facts it declares, equal its findings
 * over the whole document — over every markdown fixture and example. A rule that reads more
 * than it declares would keep stale findings when the undeclared part of the document changes;
 * this fails here, deterministically, not only in the randomized editing-session property.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { scopeViolations } from '../../src/core/lint.js';
import { lint } from '../../src/core/index.js';
import { ENCLOSING, fact, type Rule } from '../../src/core/rule.js';
import { redKpiUnaddressed } from '../../src/core/rules/kpi/red-kpi-unaddressed.js';
import { kpiTableColumns } from '../../src/core/rules/kpi/kpi-table-columns.js';
import { actionOverdue } from '../../src/core/rules/actions/action-overdue.js';
import { ruleList } from '../../src/core/rules/index.js';
import { markdownFilesUnder, TODAY, qbr } from '../helpers.js';

const FILES = [...markdownFilesUnder('test/fixtures'), ...markdownFilesUnder('examples')];

describe('chunk-scoped rules read only what they declare', () => {
  it('every chunk-scoped rule declares what it reads (over every fixture and example)', () => {
    let sections = 0;
    const problems: string[] = [];
    for (const path of FILES) {
      const text = readFileSync(path, 'utf8');
      if (lint(text, { today: TODAY, cache: false }).kind === null) continue;
      sections++;
      for (const v of scopeViolations(text, { today: TODAY, path })) {
        problems.push(`${path}:${v.line} ${v.ruleId} in “${v.section}”\n  whole document: ${v.inWholeDocument.join('\n    ')}\n  alone: ${v.alone.join('\n    ')}`);
      }
    }
    assert.ok(sections >= 60, `only ${sections} partnership documents among the fixtures`);
    assert.deepEqual(problems, []);
  });

  it('the rules that read the document beyond their section say so', () => {
    const reads = (r: Rule) => (r.reads ?? []).map((f) => f.factName).sort();
    assert.deepEqual(reads(redKpiUnaddressed), ['addressing sections', 'enclosing headings']);
    assert.deepEqual(reads(kpiTableColumns), ['follows the playbook template']);
    assert.deepEqual(reads(actionOverdue), ['document dates', 'document year', 'enclosing headings']);
    // Every chunk-scoped rule is in the list the engine runs.
    assert.ok(ruleList.filter((r) => r.scope === 'chunk').length >= 12);
  });

  describe('a rule that reads more than it declares is caught', () => {
    const red = qbr(`## KPI Dashboard

| Metric | Target | Actual | Status | Trend |
|---|---|---|---|---|
| Joint pipeline | $1M | $500K | 🔴 Red (50% of target) | ↓ Declining |

## Challenges and Actions

- Joint pipeline is half of plan: two enterprise deals slipped.
`);

    it('red-kpi-unaddressed without the Challenges text: reported alone, silent over the whole document', () => {
      const underDeclared: Rule = { ...redKpiUnaddressed, reads: [ENCLOSING] };
      const v = scopeViolations(red, { today: TODAY }, [underDeclared]);
      assert.equal(v.length, 1);
      assert.equal(v[0]!.ruleId, 'red-kpi-unaddressed');
      assert.deepEqual(v[0]!.inWholeDocument, []);
      assert.equal(v[0]!.alone.length, 1);
      // As declared, it passes.
      assert.deepEqual(scopeViolations(red, { today: TODAY }, [redKpiUnaddressed]), []);
    });

    it('kpi-table-columns without the document title: the Trend column is expected of every table', () => {
      const noTrend = qbr('## KPI Dashboard\n\n| Metric | Target | Actual | Status |\n|---|---|---|---|\n| Deals | 10 | 10 | 🟢 Green |\n');
      const underDeclared: Rule = { ...kpiTableColumns, reads: [] };
      // The title is outside the KPI section: alone, the rule cannot tell the playbook's template.
      const v = scopeViolations(noTrend, { today: TODAY }, [underDeclared]);
      assert.equal(v.length, 1);
      assert.deepEqual(scopeViolations(noTrend, { today: TODAY }, [kpiTableColumns]), []);
    });

    it('a rule reading another section’s text directly', () => {
      const peeking: Rule = {
        meta: { id: 'peeking', description: 'test', defaultSeverity: 'warning', fixable: false },
        scope: 'chunk',
        reads: [fact('nothing', () => null)],
        check(ctx) {
          // Reports each table when the document's text anywhere says "slipped".
          if (!ctx.doc.text.includes('slipped')) return;
          for (const t of ctx.doc.tables) ctx.report({ start: t.start, end: t.start + 1, message: 'peeked' });
        },
      };
      assert.equal(scopeViolations(red, { today: TODAY }, [peeking]).length, 1);
    });
  });
});
