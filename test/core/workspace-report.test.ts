/** The portfolio report (md, html, json) and "new QBR from the previous one". */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indexDocument, latestDocument, lint, lintWorkspace, portfolioReport, scaffoldFromPrevious } from '../../src/core/index.js';
import { fixtureTexts, indexTexts, WS_TODAY } from './workspace-helpers.js';

const texts = fixtureTexts();
const { index } = indexTexts(texts);

describe('portfolioReport', () => {
  it('md: a table of partners and health over quarters', () => {
    const md = portfolioReport(index, 'md', { today: WS_TODAY });
    const lines = md.split('\n');
    assert.equal(lines[0], '# Partnership portfolio');
    assert.ok(lines.includes('| Partner | Health | Trend | Renewal | Overdue actions | Red KPIs | Latest document |'));
    assert.ok(lines.includes('| Acme | 🟡 Yellow 78 | ↘️ −10 pts | — | 1 | 1 | test/fixtures/workspace/acme/2026-Q3-qbr.md (Q3 2026) |'), md);
    assert.ok(lines.includes('| Globex | 🟢 Green 100 | ↗️ +16 pts | 2026-12-31 (in 37 days) | 2 | 0 | test/fixtures/workspace/globex/2026-Q2-qbr.md (Q2 2026) |'), md);
    assert.ok(lines.includes('| Partner | Q4 2025 | Q1 2026 | Q2 2026 | Q3 2026 |'));
    // Q1 2026 of Globex: the QBR's figure (94), not the later status report's (84)
    assert.ok(lines.includes('| Globex | 85 | 94 | 100 | — |'), md);
  });

  it('json: the same data', () => {
    const data = JSON.parse(portfolioReport(index, 'json', { today: WS_TODAY }));
    assert.equal(data.date, WS_TODAY);
    assert.deepEqual(data.quarters, ['Q4 2025', 'Q1 2026', 'Q2 2026', 'Q3 2026']);
    assert.deepEqual(
      data.partners.map((p: { partner: string; health: { score: number }; trendWord: string; daysToRenewal: number | null; history: unknown[] }) => [
        p.partner,
        p.health.score,
        p.trendWord,
        p.daysToRenewal,
        p.history.length,
      ]),
      [
        ['Acme', 78, 'declining', null, 3],
        ['Globex', 100, 'improving', 37, 3],
      ],
    );
  });

  it('html: self-contained, an inline SVG chart, no scripts, no remote resources', () => {
    const html = portfolioReport(index, 'html', { today: WS_TODAY });
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<svg[\s>]/);
    assert.match(html, /<polyline /);
    assert.match(html, /<style>/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /https?:\/\//i);
    assert.doesNotMatch(html, /<link|<img|@import|url\(/i);
    assert.match(html, /<th scope="row">Acme<\/th>/);
  });

  it('escapes names in html and md', () => {
    const one = indexTexts(new Map([['x/a.md', '# Partnership QBR: Us + <b>Evil</b> | Co\n**Quarter**: Q1 2026\n']])).index;
    const html = portfolioReport(one, 'html', { today: WS_TODAY });
    assert.ok(!html.includes('<b>Evil'));
    assert.ok(html.includes('&lt;b&gt;Evil&lt;/b&gt; | Co'));
    assert.ok(portfolioReport(one, 'md', { today: WS_TODAY }).includes('<b>Evil</b> \\| Co'));
  });

  it('an empty workspace still renders', () => {
    const empty = indexTexts(new Map()).index;
    assert.match(portfolioReport(empty, 'html', { today: WS_TODAY }), /No health figures yet/);
    assert.match(portfolioReport(empty, 'md', { today: WS_TODAY }), /0 partnerships/);
  });
});

describe('scaffoldFromPrevious', () => {
  const path = 'test/fixtures/workspace/acme/2026-Q2-qbr.md';
  const text = texts.get(path)!;
  const doc = indexDocument(path, text, { today: WS_TODAY })!;
  const s = scaffoldFromPrevious({ text, doc }, { partner: 'Acme', quarter: 3, year: 2026, date: '2026-07-20' });

  it('carries KPI rows with targets, open actions, and the Next QBR three months on', () => {
    const lines = s.text.split('\n');
    assert.equal(lines[0], '# Partnership QBR: Northwind + Acme');
    assert.equal(lines[1], '**Quarter**: Q3 2026');
    assert.ok(lines.includes('| Revenue | $500K | [Actual] | [Status] | [Trend] |'));
    assert.ok(lines.includes('| Referrals | 50 | [Actual] | [Status] | [Trend] |'));
    assert.ok(lines.includes('| Escalations | ≤ 5 | [Actual] | [Status] | [Trend] |'));
    assert.ok(!s.text.includes('[Metric 1]'));
    assert.ok(lines.includes('- [ ] Renew reseller agreement with Acme - Owner: Lee Chen, Due: 2026-06-30'));
    assert.ok(lines.includes('- [ ] Publish the joint case study - Owner: Dana Smith, Due: 2026-06-15'));
    assert.ok(!s.text.includes('Launch the joint webinar series'), 'closed items are not carried');
    assert.ok(lines.includes('**Next QBR**: 2026-10-20'));
    assert.deepEqual(s.firstField, { line: 4, column: 16, endColumn: 64 }); // the Attendees placeholder
  });

  it('the new QBR is a QBR of the same partner, and nothing was dropped', () => {
    const next = indexDocument('test/fixtures/workspace/acme/2026-Q3-new.md', s.text, { today: WS_TODAY })!;
    assert.equal(next.partnerKey, 'acme');
    assert.equal(next.period?.label, 'Q3 2026');
    const m = new Map(texts);
    m.delete('test/fixtures/workspace/acme/2026-Q3-qbr.md');
    m.set('test/fixtures/workspace/acme/2026-Q3-new.md', s.text);
    const { index: ix } = indexTexts(m);
    const f = lintWorkspace(ix, m, { today: WS_TODAY }).byPath.get('test/fixtures/workspace/acme/2026-Q3-new.md')!;
    assert.deepEqual(f.map((x) => x.ruleId), []);
    assert.equal(lint(s.text, { today: WS_TODAY }).kind, 'qbr');
  });

  it('challenge records carry over as task items with their owner and timeline', () => {
    const prevText = [
      '# Partnership QBR: Northwind + Acme',
      '**Quarter**: Q2 2026',
      '',
      '## Challenges and Actions',
      '1. **Referrals below plan**:',
      '   - Impact: 9 short',
      '   - Owner: Elena Petrova',
      '   - Timeline: Dec 15, 2026',
      '',
    ].join('\n');
    const prev = indexDocument('a/b.md', prevText, {})!;
    const out = scaffoldFromPrevious({ text: prevText, doc: prev }, { partner: 'Acme', quarter: 3, year: 2026 });
    assert.ok(out.text.includes('- [ ] Referrals below plan - Owner: Elena Petrova, Due: 2026-12-15'), out.text);
    assert.ok(out.text.includes('**Next QBR**: [Date]'));
    assert.ok(out.text.includes('| [Metric 1] |'), 'no KPI rows to carry: the template rows stay');
  });
});

describe('latestDocument', () => {
  it('is the latest dated QBR or status report, not a newer issue document', () => {
    const qbr = `# Partnership QBR: Northwind + Initech\n**Quarter**: Q3 2026\n**Date**: 2026-09-30\n`;
    const issue = `## Partnership Issue: Lead routing broken\n\n**Partner**: Initech\n**Severity**: High\n**Status**: Open\n**Date Identified**: 2026-11-20\n`;
    const { index: ix } = indexTexts(new Map([['p/initech/2026-Q3-qbr.md', qbr], ['p/initech/2026-11-20-issue.md', issue]]));
    const initech = ix.partners.find((p) => p.name === 'Initech')!;
    assert.equal(initech.docs.length, 2);
    assert.equal(latestDocument(initech)?.path, 'p/initech/2026-Q3-qbr.md');
    assert.match(portfolioReport(ix, 'md', { today: WS_TODAY }), /\| p\/initech\/2026-Q3-qbr\.md \(Q3 2026\) \|/);
  });
});
