import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { scaffold } from '../../src/core/templates.js';
import { indexDocument, newDocumentText } from '../../src/core/index.js';
import { ensureBuilt, removeTemp, run, tempRepo, writeFiles } from './helpers.js';

const temps: string[] = [];
const repo = () => {
  const d = tempRepo();
  temps.push(d);
  return d;
};
before(() => ensureBuilt());
after(() => temps.forEach(removeTemp));

describe('partnership-docs new', () => {
  it('writes a QBR at the default path, creating folders, and prints the path', () => {
    const d = repo();
    const r = run(['new', 'qbr', '--partner', 'Acme Corp', '--company', 'Globex', '--quarter', 'Q3', '--year', '2026', '--date', '2026-07-15'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'partnerships/acme-corp/2026-Q3-qbr.md\n');
    const text = readFileSync(join(d, 'partnerships/acme-corp/2026-Q3-qbr.md'), 'utf8');
    assert.equal(text, scaffold('qbr', { partner: 'Acme Corp', company: 'Globex', quarter: 3, year: 2026, date: '2026-07-15' }).text);
  });

  it('derives quarter and year from --date, and accepts a bare quarter number', () => {
    const d = repo();
    assert.equal(run(['new', 'status-report', '--partner', 'HubSpot', '--date', '2026-11-02'], d).stdout, 'partnerships/hubspot/2026-Q4-status-report.md\n');
    assert.equal(run(['new', 'status-report', '--partner', 'HubSpot', '--date', '2026-11-02', '--quarter', '1'], d).stdout, 'partnerships/hubspot/2026-Q1-status-report.md\n');
    const text = readFileSync(join(d, 'partnerships/hubspot/2026-Q1-status-report.md'), 'utf8');
    assert.match(text, /^\*\*Period\*\*: Q1 2026$/m);
  });

  it('names an issue by its date and honours --out', () => {
    const d = repo();
    assert.equal(run(['new', 'issue', '--partner', 'Stripe', '--date', '2026-03-09'], d).stdout, 'partnerships/stripe/2026-03-09-issue.md\n');
    const r = run(['new', 'issue', '-p', 'Stripe', '--out', 'elsewhere/deep/issue.md'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'elsewhere/deep/issue.md\n');
    assert.match(readFileSync(join(d, 'elsewhere/deep/issue.md'), 'utf8'), /^## Partnership Issue: \[Brief Description\]\n/);
  });

  it('defaults to today', () => {
    const d = repo();
    const r = run(['new', 'issue', '--partner', 'Stripe'], d);
    const now = new Date();
    const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    assert.equal(r.stdout, `partnerships/stripe/${today}-issue.md\n`);
  });

  it('never overwrites an existing file (exit 2)', () => {
    const d = repo();
    writeFiles(d, { 'partnerships/acme/2026-Q1-qbr.md': 'mine\n' });
    const r = run(['new', 'qbr', '--partner', 'Acme', '--date', '2026-02-01'], d);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'partnerships/acme/2026-Q1-qbr.md: already exists; not overwritten\n');
    assert.equal(r.stdout, '');
    assert.equal(readFileSync(join(d, 'partnerships/acme/2026-Q1-qbr.md'), 'utf8'), 'mine\n');
  });

  it('writes a launch plan named by its start date, which then checks as a launch plan', () => {
    const d = repo();
    const r = run(['new', 'launch-plan', '--partner', 'Initech Ltd', '--company', 'Globex', '--date', '2027-01-04'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'partnerships/initech-ltd/2027-01-04-launch-plan.md\n');
    const text = readFileSync(join(d, 'partnerships/initech-ltd/2027-01-04-launch-plan.md'), 'utf8');
    assert.equal(text, scaffold('launch-plan', { partner: 'Initech Ltd', company: 'Globex', quarter: 1, year: 2027, date: '2027-01-04' }).text);
    assert.match(text, /^# Partnership Launch Plan: Globex \+ Initech Ltd\n\*\*Partner\*\*: Initech Ltd\n\*\*Start Date\*\*: 2027-01-04\n/);
    // Never overwrites.
    const again = run(['new', 'launch-plan', '--partner', 'Initech Ltd', '--date', '2027-01-04'], d);
    assert.equal(again.status, 2);
    assert.equal(again.stderr, 'partnerships/initech-ltd/2027-01-04-launch-plan.md: already exists; not overwritten\n');
    // `check` reads it as a launch plan: placeholders and the Next Steps' placeholders, no milestone or section finding.
    const c = run(['check', '--format', 'json', '--today', '2027-01-04', 'partnerships'], d);
    const out = JSON.parse(c.stdout) as { files: Array<{ kind: string; findings: Array<{ ruleId: string }> }> };
    assert.equal(out.files[0]!.kind, 'launch-plan');
    const ids = new Set(out.files[0]!.findings.map((f) => f.ruleId));
    assert.ok(ids.has('placeholder-unfilled'));
    for (const id of ['milestone-missing-owner', 'milestone-missing-date', 'milestone-overdue', 'success-criteria-missing', 'section-missing']) assert.ok(!ids.has(id), id);
  });

  it('names the launch-plan kind when the kind is unknown', () => {
    const r = run(['new', 'launch', '--partner', 'A'], repo());
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'partnership-docs: unknown document kind "launch": expected one of qbr, status-report, issue, launch-plan\n');
  });

  it('rejects bad options with exit 2', () => {
    const d = repo();
    for (const args of [
      ['new', 'qbr', '--partner', 'A', '--quarter', 'Q5'],
      ['new', 'qbr', '--partner', 'A', '--year', '26'],
      ['new', 'qbr', '--partner', 'A', '--date', '2026-13-01'],
      ['new', 'qbr', '--partner', ' '],
    ]) {
      const r = run(args, d);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^partnership-docs: /, r.stderr);
    }
  });
});

describe('partnership-docs new qbr: from the partner’s previous QBR, as in the editor', () => {
  const Q2 = `# Partnership QBR: Globex + Acme
**Quarter**: Q2 2026
**Date**: 2026-04-15
**Attendees**: Dana Whitfield, Sam Ortiz

## Executive Summary
Pipeline ahead of plan.

## KPI Dashboard

| Metric | Target | Actual | Status | Trend |
|--------|--------|--------|--------|-------|
| Sourced pipeline | $500K | $520K | 🟢 Green (104% of target) | ↗️ Improving |
| Certified engineers | 20 | 14 | 🔴 Red (70% of target) | → Stable |

## Next Steps
- [ ] Run the partner bootcamp - Owner: Sam Ortiz, Due: 2026-06-30
- [x] Sign the MDF plan - Owner: Dana Whitfield, Due: 2026-04-30

**Next QBR**: 2026-07-15
`;
  const expected = (prevPath: string, prevText: string) => newDocumentText('qbr', { partner: 'Acme', company: 'Globex', quarter: 3, year: 2026, date: '2026-07-15' },
    { previous: { text: prevText, doc: indexDocument(prevPath, prevText)! } }).text;
  const args = ['new', 'qbr', '--partner', 'Acme', '--company', 'Globex', '--quarter', 'Q3', '--year', '2026', '--date', '2026-07-15'];

  it('carries the KPI rows (metric, target), the open actions and the Next QBR date; says where from', () => {
    const d = repo();
    writeFiles(d, { 'partnerships/acme/2026-Q2-qbr.md': Q2, 'partnerships/acme/2026-Q1-qbr.md': Q2.replace(/Q2 2026/, 'Q1 2026').replace('Sourced pipeline', 'Old metric') });
    const r = run(args, d);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, 'Starting from the previous QBR: partnerships/acme/2026-Q2-qbr.md\n');
    const text = readFileSync(join(d, 'partnerships/acme/2026-Q3-qbr.md'), 'utf8');
    assert.equal(text, expected('partnerships/acme/2026-Q2-qbr.md', Q2));
    assert.match(text, /^\| Sourced pipeline \| \$500K \| \[Actual\] \| \[Status\] \| \[Trend\] \|$/m);
    assert.match(text, /^- \[ \] Run the partner bootcamp - Owner: Sam Ortiz, Due: 2026-06-30$/m);
    assert.doesNotMatch(text, /Sign the MDF plan|Old metric/);
    assert.match(text, /^\*\*Next QBR\*\*: 2026-10-15$/m);
  });

  it('--no-previous: the plain template; another partner’s or a later QBR is not used', () => {
    const d = repo();
    writeFiles(d, { 'partnerships/acme/2026-Q2-qbr.md': Q2, 'partnerships/initech/2026-Q2-qbr.md': Q2.replace(/Acme/g, 'Initech'), 'partnerships/acme/2026-Q4-qbr.md': Q2.replace(/Q2 2026/, 'Q4 2026') });
    const plain = scaffold('qbr', { partner: 'Acme', company: 'Globex', quarter: 3, year: 2026, date: '2026-07-15' }).text;
    assert.equal(run([...args, '--no-previous'], d).status, 0);
    assert.equal(readFileSync(join(d, 'partnerships/acme/2026-Q3-qbr.md'), 'utf8'), plain);
    const r = run([...args, '--partner', 'Hooli', '--out', 'hooli.md'], d);
    assert.equal(r.stderr, '');
    assert.equal(readFileSync(join(d, 'hooli.md'), 'utf8'), plain.replace(/Acme/g, 'Hooli'));
    const q2 = run([...args, '--quarter', 'Q2', '--out', 'early.md'], d);
    assert.equal(q2.stderr, '', 'no QBR before Q2 2026');
  });

  it('a team template’s {{previousKpiRows}} and {{openActions}} are filled from it; partner aliases apply; --previous <folder>', () => {
    const d = repo();
    writeFiles(d, {
      'docs/partners/acme/2026-Q2-qbr.md': Q2,
      '.partnership-docs.json': '{ "partners": { "Acme Corp": "Acme" } }',
      '.partnership-docs/templates/qbr.md': '# QBR: {{company}} + {{partner}}\n**Quarter**: Q{{quarter}} {{year}}\n\n## KPI Dashboard\n\n| Metric | Target | Actual | Status |\n|---|---|---|---|\n{{previousKpiRows}}\n\n## Next Steps\n{{openActions}}\n',
    });
    const r = run(['new', 'qbr', '--partner', 'Acme Corp', '--company', 'Globex', '--quarter', 'Q3', '--year', '2026', '--date', '2026-07-15', '--previous', 'docs', '--out', 'q3.md'], d);
    assert.equal(r.status, 0, r.stderr);
    const text = readFileSync(join(d, 'q3.md'), 'utf8');
    assert.match(text, /^\| Certified engineers \| 20 \| \[Actual\] \| \[Status\] \|$/m);
    assert.match(text, /^- \[ \] Run the partner bootcamp - Owner: Sam Ortiz, Due: 2026-06-30$/m);
    assert.doesNotMatch(text, /\[Metric 1\]|\[Action item/);
  });
});
