/**
 * The partnership lifecycle stage (issue 13): the stage computation and its boundaries, reading
 * the start date in several team styles, the document's own date, and what counts as a renewal
 * recommendation (renewal-recommendation-missing's cases are here and in rules-health.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeStage, findRenewalRecommendation, lifecycleStage, partnershipMonth, readStartDate, shortStage, snapshot, type StartDate } from '../../src/core/index.js';
import { dateOfIso } from '../../src/core/dates.js';
import { documentLifecycle } from '../../src/core/analysis/lifecycle.js';
import { markdownFilesUnder, run } from '../helpers.js';

const day = (iso: string): StartDate => ({ from: iso, to: iso, precision: 'day', text: iso });
const stageOn = (on: string, start: StartDate | null, renewal: string | null = null, windowDays = 90) =>
  lifecycleStage({ start, renewal, on: dateOfIso(on), windowDays });

describe('lifecycle stage: month stages from the start date', () => {
  const start = day('2026-01-15');
  const cases: Array<[string, string, string | null, number | null]> = [
    ['the day before the start', '2026-01-14', 'pre-launch', null],
    ['day 1 (the start date)', '2026-01-15', 'launch', 1],
    ['the last day of month 1', '2026-02-14', 'launch', 1],
    ['the first day of month 2', '2026-02-15', 'launch', 2],
    ['the last day of month 3', '2026-04-14', 'launch', 3],
    ['the first day of month 4', '2026-04-15', 'ramp-up', 4],
    ['the last day of month 6', '2026-07-14', 'ramp-up', 6],
    ['the first day of month 7', '2026-07-15', 'steady-state', 7],
    ['years later', '2029-03-01', 'steady-state', 38],
  ];
  for (const [name, on, stage, month] of cases) {
    it(name, () => {
      const s = stageOn(on, start);
      assert.equal(s.stage, stage);
      assert.equal(s.month, month);
    });
  }
  it('a start on the 31st: month 2 begins on the last day of the shorter month', () => {
    assert.equal(partnershipMonth(dateOfIso('2026-01-31'), dateOfIso('2026-02-27')), 1);
    assert.equal(partnershipMonth(dateOfIso('2026-01-31'), dateOfIso('2026-02-28')), 2);
    assert.equal(partnershipMonth(dateOfIso('2026-01-31'), dateOfIso('2026-04-30')), 4);
  });
});

describe('lifecycle stage: renewal window and Expired win over the month stages', () => {
  const start = day('2026-01-15');
  it('91 days before the renewal: the month stage', () => {
    assert.equal(stageOn('2026-10-02', start, '2027-01-01').stage, 'steady-state');
  });
  it('exactly 90 days before the renewal: Renewal window', () => {
    const s = stageOn('2026-10-03', start, '2027-01-01');
    assert.equal(s.stage, 'renewal-window');
    assert.equal(s.daysToRenewal, 90);
    assert.equal(s.label, 'Renewal window');
  });
  it('the renewal day: still the Renewal window', () => {
    const s = stageOn('2027-01-01', start, '2027-01-01');
    assert.equal(s.stage, 'renewal-window');
    assert.equal(s.daysToRenewal, 0);
  });
  it('the day after the renewal date: Expired', () => {
    const s = stageOn('2027-01-02', start, '2027-01-01');
    assert.equal(s.stage, 'expired');
    assert.equal(s.daysToRenewal, -1);
  });
  it('a 6-month pilot renewing in month 5: Renewal window, not Ramp-Up', () => {
    assert.equal(stageOn('2026-06-01', start, '2026-07-14').stage, 'renewal-window');
  });
  it('the window follows renewalWindowDays', () => {
    assert.equal(stageOn('2026-11-01', start, '2027-01-01', 60).stage, 'steady-state');
    assert.equal(stageOn('2026-11-02', start, '2027-01-01', 60).stage, 'renewal-window');
  });
});

describe('lifecycle stage: unknown start dates are said, not guessed', () => {
  it('no start date: no month stage, but the renewal window is known', () => {
    const far = stageOn('2026-11-24', null, '2027-06-30');
    assert.equal(far.stage, null);
    assert.equal(far.label, 'Unknown');
    assert.equal(far.note, 'no start date');
    assert.equal(describeStage(far), 'Unknown — no start date; renewal 2027-06-30 in 218 days');
    assert.equal(stageOn('2026-11-24', null, '2027-01-15').stage, 'renewal-window');
    assert.equal(stageOn('2026-11-24', null, '2026-10-01').stage, 'expired');
  });
  it('nothing known', () => {
    assert.equal(describeStage(stageOn('2026-11-24', null, null)), 'Unknown — no start date and no renewal date');
  });
  it('a month start: known when the whole month gives one stage', () => {
    const m = readStartDate('March 2024', { dateOrder: 'mdy' })!;
    assert.deepEqual([m.from, m.to, m.precision], ['2024-03-01', '2024-03-31', 'month']);
    const s = stageOn('2026-11-24', m);
    assert.equal(s.stage, 'steady-state');
    assert.equal(s.month, null);
    assert.equal(describeStage(s), 'Steady-State — since March 2024; no renewal date');
  });
  it('a quarter start straddling a stage boundary: unknown, with the reason', () => {
    const q = readStartDate('Q2 2026', { dateOrder: 'mdy' })!;
    assert.deepEqual([q.from, q.to], ['2026-04-01', '2026-06-30']);
    const s = stageOn('2026-10-15', q);
    assert.equal(s.stage, null);
    assert.match(s.note!, /too vague/);
  });
  it('a year', () => {
    const y = readStartDate('since 2021', { dateOrder: 'mdy' })!;
    assert.deepEqual([y.from, y.to, y.precision], ['2021-01-01', '2021-12-31', 'year']);
  });
  it('placeholders and TBD are no start date', () => {
    for (const v of ['[Date]', 'TBD', 'n/a', '', 'once the MSA is signed']) assert.equal(readStartDate(v, { dateOrder: 'mdy' }), null, v);
  });
});

describe('lifecycle stage: the one-line descriptions', () => {
  it('month stage with a renewal date', () => {
    const s = stageOn('2026-06-10', day('2026-01-15'), '2027-01-15');
    assert.equal(describeStage(s), 'Ramp-Up — month 5 since 2026-01-15; renewal 2027-01-15 in 219 days');
    assert.equal(shortStage(s), 'Ramp-Up · month 5');
  });
  it('renewal window', () => {
    const s = stageOn('2026-11-24', day('2024-01-01'), '2027-01-15');
    assert.equal(describeStage(s), 'Renewal window — month 35 since 2024-01-01; renewal 2027-01-15 in 52 days (window 90 days)');
    assert.equal(shortStage(s), 'Renewal window · 52 d');
  });
  it('expired', () => {
    const s = stageOn('2026-11-24', day('2024-01-01'), '2026-10-31');
    assert.equal(describeStage(s), 'Expired — month 35 since 2024-01-01; renewal date 2026-10-31 passed 24 days ago');
    assert.equal(shortStage(s), 'Expired');
  });
  it('pre-launch', () => {
    const s = stageOn('2026-11-24', day('2027-01-11'));
    assert.equal(describeStage(s), 'Pre-launch — starts 2027-01-11; no renewal date');
  });
});

// ---------------------------------------------------------------------------------------------
// Reading the start date from documents

function lifecycleOf(text: string) {
  const s = snapshot(text, { today: '2026-11-24', cache: false });
  return s.analysis.ctx.get(documentLifecycle);
}

describe('start date: team styles', () => {
  it('the playbook status report: `- **Start date**: January 1, 2024` under Partnership Overview', () => {
    const lc = lifecycleOf(
      '# Partnership Status Report: Acme + Globex\n**Period**: November 2026\n**Report Date**: 2026-11-20\n\n## Partnership Overview\n- **Partnership type**: Technology integration\n- **Start date**: January 1, 2024\n- **Current status**: Active\n- **Next renewal date**: 2027-01-31\n',
    );
    assert.equal(lc.start?.from, '2024-01-01');
    assert.equal(lc.startSource, 'Start date');
    assert.equal(lc.renewal?.iso, '2027-01-31');
    assert.equal(lc.documentDate, '2026-11-20');
  });
  it('front matter `partnership-start:` (a YAML date)', () => {
    const lc = lifecycleOf('---\npartnership-doc: qbr\npartner: Globex\npartnership-start: 2025-03-01\n---\n# Q3 review\n\nText.\n');
    assert.equal(lc.start?.from, '2025-03-01');
    assert.equal(lc.startSource, 'front matter partnership-start');
  });
  it('front matter `start_date:` with a British date', () => {
    const lc = snapshot('---\npartnership-doc: qbr\nstart_date: "3 March 2025"\n---\n# Q3 review\n', { today: '2026-11-24', cache: false, config: { dateOrder: 'dmy' } }).analysis.ctx.get(documentLifecycle);
    assert.equal(lc.start?.from, '2025-03-03');
  });
  it('a Notion-style plain header: `Partner since: March 2024`', () => {
    const lc = lifecycleOf('# Globex partner review — Q3 2026\n\nOwner: Dana Whitfield\nPartner since: March 2024\nQuarter: Q3 2026\n\n## KPIs\n\n| Metric | Target | Actual |\n|---|---|---|\n| Deals | 10 | 9 |\n');
    assert.equal(lc.start?.precision, 'month');
    assert.equal(lc.start?.from, '2024-03-01');
    assert.equal(lc.documentDate, '2026-09-30');
    assert.equal(lc.documentDateSource, 'period-end');
  });
  it('a launch plan: `**Go-live:** 15/01/2027` (dmy) in the header', () => {
    const lc = snapshot('# Partnership Launch Plan: Acme + Globex\n\n**Kickoff:** 05/01/2027\n**Go-live:** 15/01/2027\n\n## Milestones\n- Kickoff call\n', { today: '2026-11-24', cache: false, config: { dateOrder: 'dmy' } }).analysis.ctx.get(documentLifecycle);
    // Kickoff comes first in the label order: the partnership starts at the kickoff.
    assert.equal(lc.start?.from, '2027-01-05');
    assert.equal(lc.startSource, 'Kickoff');
  });
  it('`Partnership start date` wins over a `Launch date` above it', () => {
    const lc = lifecycleOf('# Partnership QBR: Acme + Globex\n**Quarter**: Q3 2026\n**Launch date**: 2025-05-01\n**Partnership start date**: 2025-04-01\n');
    assert.equal(lc.start?.from, '2025-04-01');
  });
  it('a Confluence key-facts section: `Effective date: 2025-06-01` under "Key facts"', () => {
    const lc = lifecycleOf('# Partnership QBR: Acme + Globex\n**Quarter**: Q3 2026\n\n## Executive Summary\nGood quarter.\n\n## Key facts\nEffective date: 2025-06-01\n');
    assert.equal(lc.start?.from, '2025-06-01');
  });
  it('a `Launch date` under Key Wins is a campaign’s, not the partnership’s', () => {
    const lc = lifecycleOf('# Partnership QBR: Acme + Globex\n**Quarter**: Q3 2026\n\n## Key Wins\n- Webinar series\n  Launch date: 2026-08-12\n\n## Milestones\nStart date: 2026-09-01\n');
    assert.equal(lc.start, null);
  });
  it('`Partner since` anywhere counts (a strong label)', () => {
    const lc = lifecycleOf('# Partnership QBR: Acme + Globex\n**Quarter**: Q3 2026\n\n## Relationship\n- **Partner since**: 2023-02-01\n');
    assert.equal(lc.start?.from, '2023-02-01');
  });
  it('an issue document’s `Start date` is the issue’s', () => {
    const lc = lifecycleOf('# Partnership Issue: Orders API throttling\n**Partner**: Globex\n**Date Identified**: 2026-11-02\n**Severity**: High\n**Start date**: 2026-10-30\n\n## Issue Description\nThrottled.\n');
    assert.equal(lc.start, null);
  });
  it('placeholder start date: none', () => {
    const lc = lifecycleOf('# Partnership Status Report: Acme + Globex\n**Period**: November 2026\n\n## Partnership Overview\n- **Start date**: [Date]\n');
    assert.equal(lc.start, null);
  });
  it('a Notion property table: `| Partner since | March 2025 |` and `| Renewal date | … |` rows', () => {
    const text = '# Globex QBR — Q3 2026\n\n| Property | Value |\n|---|---|\n| Partner | Globex |\n| **Partner since** | 2025-03-01 |\n| Renewal date | 2027-01-15 |\n| Quarter | Q3 2026 |\n\n## KPIs\n\n| Metric | Target | Actual |\n|---|---|---|\n| Deals | 10 | 9 |\n';
    const lc = lifecycleOf(text);
    assert.equal(lc.start?.from, '2025-03-01');
    assert.equal(lc.startSource, 'Partner since');
    assert.equal(text.slice(lc.startField!.valueStart, lc.startField!.valueEnd), '2025-03-01');
    assert.equal(lc.renewal?.iso, '2027-01-15');
    // renewal-window reports on the table cell, as on a field line.
    const w = run(text, { today: '2026-11-24' }).filter((f) => f.ruleId === 'renewal-window');
    assert.deepEqual(w.map((f) => [f.line, f.column, f.endColumn]), [[7, 18, 28]]);
  });
  it('a Confluence "Key dates" table with a header row of its own: `| Start date | 2024-06-01 |`', () => {
    const lc = lifecycleOf('# Partnership QBR: Acme + Globex\n**Quarter**: Q3 2026\n\n## Key dates\n\n| Start date | 2024-06-01 |\n|---|---|\n| Next renewal date | 1 March 2027 |\n');
    assert.equal(lc.start?.from, '2024-06-01');
    assert.equal(lc.renewal?.iso, '2027-03-01');
  });
  it('look-alike tables: a milestone plan’s Start date, a wider table’s Renewal date column', () => {
    const lc = lifecycleOf('# Partnership QBR: Acme + Globex\n**Quarter**: Q3 2026\n\n## Milestones\n\n| Milestone | Date |\n|---|---|\n| Start date | 2026-09-01 |\n\n## Contracts\n\n| Partner | Renewal date | Owner |\n|---|---|---|\n| Renewal date | 2027-01-10 | Dana |\n');
    assert.equal(lc.start, null);
    assert.equal(lc.renewal, null);
  });
  it('document date from a period range: its last day', () => {
    const lc = lifecycleOf('# QBR — Corvane Systems · Q3 2026\n\nPeriod covered: Jul 1 – Sep 30, 2026\n\n## KPIs\n\n| Metric | Target | Actual |\n|---|---|---|\n| Deals | 10 | 9 |\n');
    assert.equal(lc.documentDate, '2026-09-30');
  });
});

// ---------------------------------------------------------------------------------------------
// Renewal recommendation wordings

describe('renewal recommendation: realistic wordings count', () => {
  const yes = [
    '**Recommendation**: Renew and expand',
    '**Recommendation:** Expand',
    '- **Renewal recommendation**: Modify and renew — drop the co-sell clause',
    '## Renewal Recommendation\n\nTo be finalised with Finance.',
    '### Renewal proposal\n\n3-year term.',
    'We recommend renewing as-is for 2027.',
    'Our recommendation is to sunset the partnership at the end of the term.',
    '| Renewal recommendation | Renew as-is |',
    'Decision: do not renew; wind down the integration by March.',
    'We plan to renew for two years with the same referral commitment.',
    'The agreement auto-renews on January 31.',
    'Current status: Sunsetting',
    '## Recommendations\n\nRenew for three years with tiered margin tied to certified sellers.',
    '## Recommendations\n\n- Offer a 3-year renewal with 3 more points of margin.',
    'We propose\nrenewing on updated terms (wrapped line).',
    'Renewal: proceed with the renewal at current pricing.',
    '**Renewal recommendation**: [Expand / Renew as-is / Modify and renew / Sunset]',
    'Recommended outcome: Maintain current scope.',
    'We suggest we let the contract lapse.',
  ];
  for (const t of yes) it(JSON.stringify(t.slice(0, 60)), () => assert.ok(findRenewalRecommendation(`# X\n\n${t}\n`), t));
});

describe('renewal recommendation: look-alikes do not count', () => {
  const no = [
    '- **Next renewal date**: 2027-01-15',
    'Start the renewal process in December.',
    '- Renewal proposal to Globex procurement — 2026-12-15',
    '**Recommendation**: TBD',
    '## Recommendations\n\nDouble the enablement sessions; hire a partner SE in EMEA.',
    'Steering committee reviewed the Q3 decisions and the renewal timeline.',
    'Kellerman Logistics expanded to 400 seats after a joint demo.',
    '```\nRecommendation: renew as-is\n```',
    '<!-- Recommendation: Renew as-is / Expand / Sunset -->',
  ];
  for (const t of no) {
    it(JSON.stringify(t.slice(0, 60)), () => {
      const text = `# X\n\n${t}\n`;
      const s = snapshot(text, { cache: false });
      const skip = [...s.doc.code, ...s.doc.comments];
      assert.equal(findRenewalRecommendation(text, skip), null, t);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The rule on whole documents (today 2026-11-24; the stage at the document's own date)

const statusReportAt = (reportDate: string, renewal: string, body: string) =>
  `# Partnership Status Report: Acme + Globex\n**Period**: November 2026\n**Report Date**: ${reportDate}\n**Partnership Manager**: Dana Whitfield\n\n## Partnership Overview\n- **Start date**: January 1, 2024\n- **Current status**: Active\n- **Next renewal date**: ${renewal}\n\n${body}`;

const ids = (text: string, today = '2026-11-24') => run(text, { today }).filter((f) => f.ruleId === 'renewal-recommendation-missing');

describe('renewal-recommendation-missing on documents', () => {
  const noRec = '## Recommendations\nDouble the enablement sessions.\n';
  it('written 59 days before the renewal without a recommendation: reported on the title', () => {
    const [f, more] = ids(statusReportAt('2026-11-17', '2027-01-15', noRec));
    assert.equal(more, undefined);
    assert.deepEqual([f?.line, f?.column, f?.endLine, f?.severity], [1, 1, 1, 'info']);
    assert.equal(
      f?.message,
      'Dated 2026-11-17, 59 days before the renewal (2027-01-15), inside the 90-day renewal window, but it states no renewal recommendation: the playbook develops one 60–90 days before expiration — Expand, Renew as-is, Modify and renew, or Sunset (e.g. "**Renewal recommendation**: Renew as-is — …").',
    );
    assert.deepEqual(f?.data, { documentDate: '2026-11-17', renewalDate: '2027-01-15', days: 59 });
  });
  it('the stage at the document’s date, not today: an old report written in its window keeps it', () => {
    assert.equal(ids(statusReportAt('2026-11-17', '2027-01-15', noRec), '2027-06-01').length, 1);
  });
  it('today in the window but the document written before it: silent', () => {
    assert.equal(ids(statusReportAt('2026-09-30', '2027-01-15', noRec)).length, 0);
  });
  it('exactly 90 days before: reported; 91: silent', () => {
    assert.equal(ids(statusReportAt('2026-10-17', '2027-01-15', noRec)).length, 1);
    assert.equal(ids(statusReportAt('2026-10-16', '2027-01-15', noRec)).length, 0);
  });
  it('written on the renewal day: reported; after it (Expired): silent', () => {
    assert.equal(ids(statusReportAt('2027-01-15', '2027-01-15', noRec), '2027-01-15').length, 1);
    assert.equal(ids(statusReportAt('2027-01-16', '2027-01-15', noRec), '2027-01-16').length, 0);
  });
  it('a recommendation in any realistic wording silences it', () => {
    for (const rec of ['**Renewal recommendation**: Renew as-is\n', '## Recommendations\nRenew for three years with tiered margin.\n', 'We recommend renewing and expanding to EMEA.\n']) {
      assert.equal(ids(statusReportAt('2026-11-17', '2027-01-15', rec)).length, 0, rec);
    }
  });
  it('no document date: silent (no guessing from today)', () => {
    const text = '# Partnership QBR: Acme + Globex\n**Attendees**: Dana\n- **Next renewal date**: 2027-01-15\n\n## Executive Summary\nText.\n';
    assert.equal(ids(text).length, 0);
  });
  it('a QBR dated by its quarter only: the quarter’s last day', () => {
    const q = (quarter: string) => `# Partnership QBR: Acme + Globex\n**Quarter**: ${quarter}\n- **Next renewal date**: 2027-02-15\n\n## Executive Summary\nA good quarter.\n`;
    assert.equal(ids(q('Q4 2026')).length, 1); // 2026-12-31: 46 days before
    assert.equal(ids(q('Q3 2026')).length, 0); // 2026-09-30: 138 days before
  });
  it('renewalWindowDays 60', () => {
    const text = statusReportAt('2026-11-10', '2027-01-15', noRec); // 66 days before
    assert.equal(run(text, { today: '2026-11-24', config: { thresholds: { renewalWindowDays: 60 } } }).filter((f) => f.ruleId === 'renewal-recommendation-missing').length, 0);
    assert.equal(ids(text).length, 1);
  });
  it('not for issue documents', () => {
    const text = '# Partnership Issue: Renewal terms\n**Partner**: Globex\n**Date Identified**: 2026-11-17\n**Severity**: High\n- **Next renewal date**: 2027-01-15\n\n## Issue Description\nText.\n';
    assert.equal(ids(text).length, 0);
  });
});

// ---------------------------------------------------------------------------------------------
// The partner's stage from all its documents (workspace index) and the portfolio report

import { buildIndex, indexDocument, portfolioData, portfolioReport } from '../../src/core/index.js';

const LAUNCH_PLAN = `---
partnership-doc: launch-plan
partner: Pinecliff
---
# Partnership Launch Plan: Acme + Pinecliff

**Kickoff:** 2026-06-02
**Go-live:** 2026-07-01

## Milestones
- Kickoff call — Owner: Dana, Due: 2026-06-02
`;
const FIRST_QBR = `# Partnership QBR: Acme + Pinecliff
**Quarter**: Q3 2026
**Date**: 2026-10-08
- **Next renewal date**: 2027-06-01

## Executive Summary
First quarter live.
`;

function partnerIndex(files: Record<string, string>, today: string) {
  const docs = Object.entries(files).map(([p, t]) => indexDocument(p, t, { today, cache: false })!).filter(Boolean);
  return buildIndex(docs, { today });
}

describe('the partner’s stage from all its documents', () => {
  it('start date from the launch plan, renewal date from the QBR', () => {
    const index = partnerIndex({ 'pinecliff/launch-plan.md': LAUNCH_PLAN, 'pinecliff/2026-Q3-qbr.md': FIRST_QBR }, '2026-11-24');
    const p = index.partners.find((x) => x.name === 'Pinecliff')!;
    assert.equal(p.start?.from, '2026-06-02');
    assert.equal(p.startFrom, 'pinecliff/launch-plan.md');
    assert.equal(p.renewalDate, '2027-06-01');
    assert.equal(p.stage?.stage, 'ramp-up');
    assert.equal(p.stage?.month, 6);
  });
  it('a later document corrects the start date', () => {
    const corrected = FIRST_QBR.replace('- **Next renewal date**', '- **Partnership start date**: 2026-05-15\n- **Next renewal date**');
    const index = partnerIndex({ 'pinecliff/launch-plan.md': LAUNCH_PLAN, 'pinecliff/2026-Q3-qbr.md': corrected }, '2026-11-24');
    assert.equal(index.partners[0]!.start?.from, '2026-05-15');
    assert.equal(index.partners[0]!.stage?.stage, 'steady-state');
  });
  it('the renewal window on the index’s today', () => {
    const index = partnerIndex({ 'pinecliff/launch-plan.md': LAUNCH_PLAN, 'pinecliff/2026-Q3-qbr.md': FIRST_QBR }, '2027-03-10');
    assert.equal(index.partners[0]!.stage?.stage, 'renewal-window');
  });
  it('the report: a Lifecycle stage table (md, html) and the stage in json', () => {
    const index = partnerIndex({ 'pinecliff/launch-plan.md': LAUNCH_PLAN, 'pinecliff/2026-Q3-qbr.md': FIRST_QBR, 'hooli/2026-Q3-qbr.md': FIRST_QBR.replace(/Pinecliff/g, 'Hooli') }, '2026-11-24');
    const md = portfolioReport(index, 'md', { today: '2026-11-24' }).split('\n');
    assert.ok(md.includes('## Lifecycle stage'));
    assert.ok(md.includes('| Hooli | Unknown (no start date) | — | Add the partnership start date (e.g. `**Start date**: January 1, 2024`) to know the stage. |'), md.join('\n'));
    assert.ok(md.includes('| Pinecliff | Ramp-Up (month 6) | 2026-06-02 | Scale what worked, optimise processes, build momentum with wins and case studies. |'), md.join('\n'));
    const html = portfolioReport(index, 'html', { today: '2026-11-24' });
    assert.match(html, /<h2>Lifecycle stage<\/h2>/);
    assert.match(html, /<th scope="row">Pinecliff<\/th><td>Ramp-Up \(month 6\)<\/td><td>2026-06-02<\/td>/);
    const row = portfolioData(index, { today: '2026-11-24' }).partners.find((r) => r.partner === 'Pinecliff')!;
    assert.deepEqual({ ...row.stage, focus: undefined }, {
      id: 'ramp-up',
      label: 'Ramp-Up',
      month: 6,
      start: '2026-06-02',
      startFrom: 'pinecliff/launch-plan.md',
      detail: 'Ramp-Up — month 6 since 2026-06-02; renewal 2027-06-01 in 189 days',
      focus: undefined,
    });
  });
});

// ---------------------------------------------------------------------------------------------
// The editor's explanation (hover) and the snapshot's lifecycle

import { explainAt, explainToMarkdown, lifecycleToMarkdown } from '../../src/core/index.js';

describe('the lifecycle hover (core explanation)', () => {
  const text =
    '# Partnership Status Report: Acme + Globex\n**Period**: October 2026\n**Report Date**: 2026-11-02\n\n## Partnership Overview\n- **Start date**: January 15, 2026\n- **Next renewal date**: 2027-01-31\n';
  it('on the start date line: today, written in, the dates’ sources, what now', () => {
    const e = explainAt(text, text.indexOf('January 15'), { today: '2026-11-24', cache: false });
    assert.equal(e?.kind, 'lifecycle');
    const md = explainToMarkdown(e!);
    assert.ok(md.startsWith('**Lifecycle stage**'), md);
    assert.ok(md.includes('| Today (2026-11-24) | Renewal window — month 11 since 2026-01-15; renewal 2027-01-31 in 68 days (window 90 days) |'), md);
    assert.ok(md.includes('| Written in (2026-11-02, its date) | Renewal window — month 10 since 2026-01-15; renewal 2027-01-31 in 90 days (window 90 days) |'), md);
    assert.ok(md.includes('| Start date | 2026-01-15 (from “Start date”) |'), md);
    assert.ok(md.includes('| Renewal date | 2027-01-31 |'), md);
    assert.ok(md.includes('| What now | Assess performance against the original goals'), md);
  });
  it('on the renewal date line too; elsewhere nothing', () => {
    assert.equal(explainAt(text, text.indexOf('2027-01-31'), { today: '2026-11-24', cache: false })?.kind, 'lifecycle');
    assert.equal(explainAt(text, text.indexOf('Partnership Overview'), { today: '2026-11-24', cache: false }), null);
  });
  it('the partnership’s stage from the workspace is added when it differs', () => {
    const s = snapshot(text.replace('- **Start date**: January 15, 2026\n', ''), { today: '2026-06-01', cache: false });
    const partner = stageOn('2026-06-01', day('2026-01-15'), '2027-01-31');
    const md = lifecycleToMarkdown(s.lifecycle!, { stage: partner, startFrom: 'globex/launch-plan.md' });
    assert.ok(md.includes('| Today (2026-06-01) | Unknown — no start date; renewal 2027-01-31 in 244 days |'), md);
    assert.ok(md.includes('| Partnership (all its documents) | Ramp-Up — month 5 since 2026-01-15; renewal 2027-01-31 in 244 days — start date from globex/launch-plan.md |'), md);
    assert.ok(md.includes('| Start date | not found — add `Start date:`'), md);
    assert.ok(md.includes('| What now | Scale what worked'), md);
  });
  it('no document date: the written-in stage is unknown', () => {
    const s = snapshot('# Partnership QBR: Acme + Globex\n- **Partner since**: 2021\n', { today: '2026-11-24', cache: false });
    assert.equal(s.lifecycle?.written, null);
    assert.equal(s.lifecycle?.today.stage, 'steady-state');
    assert.ok(lifecycleToMarkdown(s.lifecycle!).includes('| Written in | unknown — the document has no date and no period |'));
  });
  it('not a partnership document: no lifecycle', () => {
    assert.equal(snapshot('# Notes\n\nStart date: 2026-01-01\n', { cache: false }).lifecycle, null);
  });
});

// ---------------------------------------------------------------------------------------------
// The recommendation scan per chunk (cached with each chunk) equals the whole-text scan

import { readFileSync } from 'node:fs';
import { createCache, lint } from '../../src/core/index.js';
import { renewalRecommendation } from '../../src/core/analysis/renewal-recommendation.js';

describe('renewal recommendation: per chunk as over the whole text', () => {
  const files = ['test/fixtures/real-world', 'examples', 'test/fixtures/docs'].flatMap(markdownFilesUnder);
  it(`the same sentence in every corpus, example and fixture document (${files.length})`, () => {
    let found = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const s = snapshot(text, { cache: createCache(), lintAllMarkdown: true } as never);
      const chunked = s.analysis.ctx.get(renewalRecommendation);
      const whole = findRenewalRecommendation(text, [...s.doc.code, ...s.doc.comments]);
      assert.deepEqual(chunked, whole, f);
      if (whole) found++;
    }
    assert.ok(found > 10, `recommendations found: ${found}`);
  });
  it('typing a recommendation into the Recommendations section silences the rule on the next (cached) lint', () => {
    const cache = createCache();
    const before = statusReportAt('2026-11-17', '2027-01-15', '## Recommendations\nDouble the enablement sessions.\n\n## Next Steps\n- [ ] Plan - Owner: Dana, Due: 2026-12-01\n');
    const ids = (t: string) => lint(t, { today: '2026-11-24', cache }).findings.filter((f) => f.ruleId === 'renewal-recommendation-missing').length;
    assert.equal(ids(before), 1);
    assert.equal(ids(before.replace('Double the enablement sessions.', 'Double the enablement sessions, and renew as-is.')), 0);
    assert.equal(ids(before), 1);
  });
});
