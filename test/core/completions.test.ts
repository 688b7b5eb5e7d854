/**
 * Completions (#13 item 2): what is offered where, in the document's own style, and that each
 * offer is what the linter wants there (the property over every fixture: completions-property.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildIndex, indexDocument, lint, lintWorkspace, snapshot, type LintOptions } from '../../src/core/index.js';
import { completionsAt, mayComplete, type CompletionContext, type CompletionItem } from '../../src/core/completions.js';
import { applyItem, expandSnippet } from '../completions-helpers.js';
import { TODAY } from '../helpers.js';

/** The items at the `▮` in `marked` (the marker removed). */
function at(marked: string, context: CompletionContext = {}, options: LintOptions = {}): { text: string; offset: number; items: CompletionItem[] } {
  const offset = marked.indexOf('▮');
  assert.ok(offset >= 0, 'the text has a ▮');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return { text, offset, items: completionsAt(snapshot(text, { today: TODAY, cache: false, ...options }), offset, context) };
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
const findingsOn = (text: string, line: number, options: LintOptions = {}) =>
  lint(text, { today: TODAY, cache: false, ...options }).findings.filter((f) => f.line === line).map((f) => f.ruleId);

const HEAD = '# Partnership QBR: Acme + Globex\n**Quarter**: Q4 2026\n**Date**: 2026-11-20\n\n## KPI Dashboard\n\n';

describe('KPI Status cell', () => {
  test('typing `|` after the Actual in a 🟢/🟡/🔴 table offers the computed status in circles, first; accepted, the row is clean', () => {
    const marked = HEAD + '| Metric | Target | Actual | Status | Trend |\n|---|---|---|---|---|\n| Revenue | $500K | $520K | 🟢 Green (104% of target) | ↑ Improving |\n| Leads | 100 | 90 |▮\n';
    const { text, items } = at(marked);
    assert.equal(items[0]!.label, '🟡 Yellow (90% of target)');
    assert.equal(items[0]!.insertText, ' 🟡 Yellow (90% of target) |');
    assert.equal(items[0]!.preselect, true);
    const after = applyItem(text, items[0]!).text;
    assert.ok(after.includes('| Leads | 100 | 90 | 🟡 Yellow (90% of target) |\n'));
    assert.deepEqual(findingsOn(after, lineOf(after, '| Leads')), []);
    // The quick fix of the same row writes the same status.
    const fix = lint(text.replace('| Leads | 100 | 90 |\n', '| Leads | 100 | 90 | 🟢 Green | ↑ Improving |\n'), { today: TODAY }).findings.find((f) => f.ruleId === 'kpi-status-mismatch');
    assert.equal(fix?.fix?.offsetEdits[0]?.text, '🟡 Yellow (90% of target)');
  });

  test('a ✅ / ⚠️ table gets the canonical form; team words (At Risk) and met / not-met tables their own', () => {
    const rows = (a: string, b: string) => HEAD + `| Metric | Target | Actual | Status |\n|---|---|---|---|\n| Revenue | 100 | 120 | ${a} |\n| Pipeline | 100 | 130 | ${b} |\n| Leads | 100 | 90 | ▮ |\n`;
    assert.deepEqual(labels(at(rows('✅ Green (120% of target)', '✅ Green (130% of target)')).items), ['⚠️ Yellow (90% of target)']);
    assert.deepEqual(labels(at(rows('🟢 On Track', '🟢 On Track')).items), ['🟡 At Risk']);
    assert.deepEqual(labels(at(rows('✅ Met', '✅ Met')).items), ['❌ Not Met']);
  });

  test('a wrong cell: the quick fix’s text (its note kept) replaces the whole cell, shown whatever was typed', () => {
    const { text, items } = at(HEAD + '| Metric | Target | Actual | Status |\n|---|---|---|---|\n| Leads | 100 | 60 | ✅ Gr▮een (100% of target) — pipeline slipped |\n');
    assert.equal(items.length, 1);
    assert.equal(items[0]!.label, '🔴 Red (60% of target) — pipeline slipped');
    assert.equal(text.slice(items[0]!.start, items[0]!.end), '✅ Green (100% of target) — pipeline slipped');
    assert.ok(items[0]!.filterText.startsWith('✅ Gr'), 'the typed text matches, so the item is shown');
    const fix = lint(text, { today: TODAY }).findings.find((f) => f.ruleId === 'kpi-status-mismatch');
    assert.equal(fix?.fix?.offsetEdits[0]?.text.trim(), items[0]!.label);
  });

  test('nothing when the cell agrees, when no status is computable, in the header or another column', () => {
    const table = '| Metric | Target | Actual | Status |\n|---|---|---|---|\n';
    assert.deepEqual(at(HEAD + table + '| Leads | 100 | 100 | ✅ Green (100% of target)▮ |\n').items, []);
    assert.deepEqual(at(HEAD + table + '| Leads | TBD | 100 | ▮ |\n').items, []);
    assert.deepEqual(at(HEAD + '| Metric | Target | Actual | Status▮ |\n|---|---|---|---|\n| Leads | 100 | 90 | |\n').items, []);
    assert.deepEqual(at(HEAD + table + '| Leads | 100 | ▮ | |\n').items, []);
  });
});

describe('KPI Trend cell', () => {
  const table = '| Metric | Target | Actual | Status | Trend |\n|---|---|---|---|---|\n| Revenue | $500K | $520K | ✅ Green (104% of target) | ↑ Improving |\n';
  test('the arrows and words of the table', () => {
    assert.deepEqual(labels(at(HEAD + table + '| Leads | 100 | 90 | ⚠️ Yellow (90% of target) |▮\n').items), ['↑ Improving', '→ Stable', '↓ Declining']);
    const plain = '| Metric | Target | Actual | Status | Trend |\n|---|---|---|---|---|\n| Leads | 100 | 90 | ⚠️ Yellow (90% of target) | ▮ |\n';
    assert.deepEqual(labels(at(HEAD + plain).items), ['↗️ Improving', '→ Stable', '↘️ Declining']);
  });

  test('with the previous quarter’s actual: only the trend the change implies, with the change, as kpi-trend-vs-previous wants it', () => {
    const q3 = '# Partnership QBR: Acme + Globex\n**Quarter**: Q3 2026\n**Date**: 2026-08-20\n\n## KPI Dashboard\n\n| Metric | Target | Actual | Status | Trend |\n|---|---|---|---|---|\n| Revenue | $500K | $400K | 🔴 Red (80% of target) | → Stable |\n| Leads | 100 | 100 | ✅ Green (100% of target) | → Stable |\n';
    const prev = indexDocument('q3.md', q3, { today: TODAY })!;
    const { text, items } = at(HEAD + table.replace('↑ Improving', '') + '| Leads | 100 | 90 | ⚠️ Yellow (90% of target) |▮\n', { previousKpis: prev.kpis, previousLabel: 'Q3 2026' });
    assert.deepEqual(labels(items), ['↘️ Declining (-10% vs. last quarter)', '↘️ Declining']);
    assert.match(items[0]!.detail, /100 last quarter \(Q3 2026\) → 90/);
    const after = applyItem(text, items[0]!).text;
    const docs = [prev, indexDocument('q4.md', after, { today: TODAY })!];
    const ws = lintWorkspace(buildIndex(docs), new Map([['q3.md', q3], ['q4.md', after]]), { today: TODAY });
    const line = lineOf(after, '| Leads');
    assert.deepEqual((ws.byPath.get('q4.md') ?? []).filter((f) => f.line === line), []);
    assert.deepEqual(findingsOn(after, line), []);
  });
});

describe('owners', () => {
  const doc = (line: string) => HEAD + '## Next Steps\n- [ ] Send the deck - Owner: Priya Shah, Due: 2026-12-01\n' + line + '\n';
  test('after `Owner:` the roster; without one the owners of the workspace and the document, most used first', () => {
    const { items } = at(doc('- [ ] Call Globex - Owner: ▮'), { owners: ['Dana Smith', 'Lee Park'], workspaceOwners: ['Lee Park', 'Dana', '@dana.smith', 'Sam Okafor'] });
    // With a roster its names only: the workspace's others would be reported by action-unknown-owner.
    assert.deepEqual(labels(items), ['Dana Smith', 'Lee Park']);
    const none = at(doc('- [ ] Call Globex - Owner: ▮'), { workspaceOwners: ['Sam Okafor', 'Lee Park', 'Lee Park', '[Name]', 'TBD'] });
    assert.deepEqual(labels(none.items), ['Lee Park', 'Sam Okafor', 'Priya Shah']);
  });

  test('the placeholder is replaced, the rest of the line kept; the roster’s names leave the line clean', () => {
    const options = { config: { owners: ['Dana Smith'] } };
    const { text, items } = at(doc('- [ ] Call Globex - Owner: [Na▮me], Due: 2026-12-10'), {}, options);
    assert.equal(text.slice(items[0]!.start, items[0]!.end), '[Name]');
    const after = applyItem(text, items[0]!).text;
    assert.ok(after.includes('- [ ] Call Globex - Owner: Dana Smith, Due: 2026-12-10\n'));
    assert.deepEqual(findingsOn(after, lineOf(after, 'Call Globex'), options), []);
    // Right after the colon: a space first.
    assert.equal(at(doc('- Owner:▮'), { owners: ['Dana Smith'] }).items[0]!.insertText, ' Dana Smith');
    // Other owner labels the action rules read.
    for (const label of ['Assignee', '**DRI**', 'Responsible', 'Assigned to']) {
      assert.deepEqual(labels(at(doc(`- [ ] Call Globex — ${label}: ▮`), { owners: ['Dana Smith'] }).items), ['Dana Smith'], label);
    }
  });
});

describe('due dates', () => {
  const NEXT: Record<string, string> = { '2026-11-20': '2027-02-15', 'Nov 20, 2026': 'Feb 15, 2027', '20 November 2026': '15 February 2027', '20/11/2026': '15/02/2027' };
  const doc = (date: string, line: string) => ({ marked: `# Partnership QBR: Acme + Globex\n**Quarter**: Q4 2026\n**Date**: ${date}\n\n## Next Steps\n${line}\n\n**Next QBR**: ${NEXT[date]}\n` });
  const style = (date: string, config = {}) => labels(at(doc(date, '- [ ] Call Globex - Owner: Dana, Due: ▮').marked, {}, { config }).items);
  test('end of the quarter, the next QBR, today + 2 weeks, in the document’s own style', () => {
    assert.deepEqual(style('2026-11-20'), ['2026-12-31', '2027-02-15', '2026-12-08']);
    assert.deepEqual(style('Nov 20, 2026'), ['Dec 31, 2026', 'Feb 15, 2027', 'Dec 8, 2026']);
    assert.deepEqual(style('20 November 2026'), ['31 December 2026', '15 February 2027', '8 December 2026']);
    assert.deepEqual(style('20/11/2026', { dateOrder: 'dmy' }), ['31/12/2026', '15/02/2027', '08/12/2026']);
  });

  test('each date is read as a future date by the action rules (nothing overdue, invalid or missing)', () => {
    for (const [date, config] of [['2026-11-20', {}], ['Nov 20, 2026', {}], ['20 November 2026', {}], ['20/11/2026', { dateOrder: 'dmy' as const }]] as const) {
      const { marked } = doc(date, '- [ ] Call Globex - Owner: Dana, Due: [Da▮te]');
      const { text, items } = at(marked, {}, { config });
      assert.equal(items.length, 3);
      for (const item of items) {
        const after = applyItem(text, item).text;
        assert.deepEqual(findingsOn(after, lineOf(after, 'Call Globex'), { config }), [], `${date}: ${item.label}`);
      }
    }
  });

  test('a next QBR in the past is not offered; the workspace’s next QBR date wins over none', () => {
    const { items } = at('# Partnership QBR: Acme + Globex\n**Quarter**: Q4 2026\n\n## Next Steps\n- [ ] Call - Owner: Dana, Timeline: ▮\n\n**Next QBR**: 2026-10-01\n');
    assert.deepEqual(labels(items), ['2026-12-31', '2026-12-08']);
    assert.deepEqual(labels(at('# Partnership QBR: Acme + Globex\n**Quarter**: Q4 2026\n\n## Next Steps\n- [ ] Call - Owner: Dana, Timeline: ▮\n', { nextQbr: '2027-01-20' }).items), ['2026-12-31', '2027-01-20', '2026-12-08']);
  });
});

describe('enumerated fields', () => {
  const issue = (status: string, resolution: string) => `## Partnership Issue: Co-sell leads stalled\n**Partner**: Globex\n**Date Identified**: 2026-11-02\n**Severity**: ▮\n**Status**: ${status}\n\n### Problem Statement\nLeads stalled.\n\n### Resolution\n${resolution}\n`;
  test('Severity and an issue’s Status: their values; Resolved only when the issue has a Resolution', () => {
    assert.deepEqual(labels(at(issue('Open', '[How it was resolved]')).items), ['Critical', 'High', 'Medium', 'Low']);
    const s1 = issue('Open', '[How it was resolved]').replace('**Severity**: ▮', '**Severity**: High').replace('**Status**: Open', '**Status**: ▮');
    assert.deepEqual(labels(at(s1).items), ['Open', 'In Progress']);
    const s2 = issue('Open', 'Routing fixed on Nov 10; leads flow again.').replace('**Severity**: ▮', '**Severity**: High').replace('**Status**: Open', '**Status**: In▮');
    const { text, items } = at(s2);
    assert.deepEqual(labels(items), ['Open', 'In Progress', 'Resolved']);
    assert.equal(text.slice(items[0]!.start, items[0]!.end), 'In');
  });

  test('Current status: the values the health score does not contradict', () => {
    const report = (score: string) => `# Partnership Status Report: Acme + Globex\n**Period**: Q4 2026\n**Report Date**: 2026-11-20\n\n## Partnership Overview\n- **Current status**: ▮\n\n## Performance Summary\n\n### Overall Health Score: ${score}/100\n`;
    const green = labels(at(report('91')).items);
    assert.ok(green.includes('Active') && green.includes('Thriving') && !green.includes('At Risk'), green.join());
    const red = labels(at(report('58')).items);
    assert.ok(red.includes('At Risk') && !red.includes('Thriving'), red.join());
  });

  test('a QBR’s Status line is not an enumerated field', () => {
    assert.deepEqual(at(HEAD + '**Status**: ▮\n').items, []);
  });
});

describe('snippets', () => {
  test('in Next Steps, `- ` offers an action item with a known owner and the end of the quarter, lint-clean as inserted', () => {
    const { text, items } = at(HEAD + '## Next Steps\n- [ ] Send the deck - Owner: Priya Shah, Due: 2026-12-01\n- ▮\n');
    assert.deepEqual(labels(items), ['Action item']);
    assert.equal(items[0]!.insertText, '- [ ] ${1:Action} - Owner: ${2:Priya Shah}, Due: ${3|2026-12-31,2026-12-08|}$0');
    const after = applyItem(text, items[0]!).text;
    assert.ok(after.includes('\n- [ ] Action - Owner: Priya Shah, Due: 2026-12-31\n'));
    assert.deepEqual(findingsOn(after, lineOf(after, '- [ ] Action')), []);
  });

  test('also on the last line of the file, with no line break after it', () => {
    assert.deepEqual(labels(at(HEAD + '## Next Steps\n- [ ] Send the deck - Owner: Priya Shah, Due: 2026-12-01\n- ▮').items), ['Action item']);
  });

  test('without any known owner no action item is offered (its owner would be a placeholder the linter reports)', () => {
    assert.deepEqual(at(HEAD + '## Next Steps\n- ▮\n').items, []);
  });

  test('in Challenges and Actions: a numbered challenge with owner and timeline', () => {
    const { text, items } = at(HEAD + '## Challenges and Actions\n1. **Leads**: low\n   - Owner: Dana Smith\n   - Timeline: 2026-12-15\n▮\n');
    assert.equal(items[0]!.label, 'Challenge');
    assert.ok(expandSnippet(items[0]!.insertText).startsWith('2. **Challenge**:\n   - Impact: what is at risk\n'));
    const after = applyItem(text, items[0]!).text;
    const first = lineOf(after, '2. **Challenge**');
    for (let l = first; l < first + 6; l++) assert.deepEqual(findingsOn(after, l), [], `line ${l}`);
  });

  test('right below a KPI table, `|` offers a row with the table’s columns', () => {
    const { text, items } = at(HEAD + '| Metric | Target | Actual | Status | Commentary |\n|---|---|---|---|---|\n| Leads | 100 | 100 | ✅ Green (100% of target) | ok |\n|▮\n');
    assert.deepEqual(labels(items), ['KPI row']);
    assert.equal(items[0]!.insertText, '| ${1:Metric} | ${2} | ${3} |   | ${4} |$0');
    const after = applyItem(text, items[0]!).text;
    assert.deepEqual(findingsOn(after, lineOf(after, '| Metric |  |')), []);
  });
});

describe('nowhere else', () => {
  test('prose, code, other documents and lines nothing applies to get nothing', () => {
    assert.equal(mayComplete('We grew revenue '), false);
    assert.equal(mayComplete('- [ ] Call - Owner: '), true);
    assert.deepEqual(at(HEAD + 'Revenue grew: ▮\n').items, []);
    assert.deepEqual(at(HEAD + '```\n- [ ] Call - Owner: ▮\n```\n', { owners: ['Dana'] }).items, []);
    assert.deepEqual(at('# README\n\n- [ ] Call - Owner: ▮\n', { owners: ['Dana'] }).items, []);
    // Unless every markdown file is checked.
    assert.deepEqual(labels(at('# README\n\n- [ ] Call - Owner: ▮\n', { owners: ['Dana'] }, { config: { lintAllMarkdown: true } }).items), ['Dana']);
  });
});
