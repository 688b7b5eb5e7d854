/**
 * Team templates (issue #13 item 1): rendering `{{variables}}`, problems with line and column,
 * the required sections and fields a template sets (section-missing, next-qbr-missing), and
 * detection counting the template's sections.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fixAll, lint } from '../../src/core/index.js';
import { renderTemplate, TemplateError, templateProblems, templateRequirements, type TeamTemplates } from '../../src/core/teamTemplates.js';
import { newDocumentText } from '../../src/core/workspace/scaffold.js';
import { scaffold } from '../../src/core/templates.js';
import type { PartialConfig } from '../../src/core/types.js';
import type { IndexedDoc } from '../../src/core/workspace/types.js';

const TODAY = '2026-08-01';
/** A realistic team QBR template: extra Renewal Readiness section, a Commentary column, no Performance Highlights / Upcoming Initiatives / Asks and Decisions Needed, emoji and parentheticals in headings. */
const QBR_TEMPLATE = readFileSync('test/fixtures/team-templates/qbr.md', 'utf8');
const PATH = '.partnership-docs/templates/qbr.md';
const templates: TeamTemplates = { qbr: { path: PATH, text: QBR_TEMPLATE } };
const config: PartialConfig = { templates };

const render = (values: Parameters<typeof renderTemplate>[1]) => renderTemplate({ path: PATH, text: QBR_TEMPLATE }, values).text;
const findings = (text: string, cfg: PartialConfig = config, rule?: string) =>
  lint(text, { today: TODAY, config: cfg, cache: false }).findings.filter((f) => !rule || f.ruleId === rule);
const missing = (text: string, cfg: PartialConfig = config) => findings(text, cfg, 'section-missing').map((f) => (f.data as { section: string }).section);

/** A filled-in QBR written from the team template. */
function filledQbr(): string {
  return `# Partnership QBR: Globex + Initech
**Quarter**: Q3 2026
**Date**: 2026-07-15
**Attendees**: Dana Scully (VP Alliances), Fox Mulder (Partner Manager)
**Renewal date**: 2027-03-31

## 🎯 Executive Summary
Pipeline is ahead of plan; certified engineers lag. We need a joint enablement push.

## KPI Dashboard

| Metric | Target | Actual | Status | Trend | Commentary |
|--------|--------|--------|--------|-------|------------|
| Sourced pipeline | $1,000,000 | $1,200,000 | 🟢 Green | ↑ Up | Two large deals in EMEA |
| Certified engineers | 40 | 30 | 🔴 Red | → Stable | Training slipped to Q4 |

Legend: 🟢 on track · 🟡 watch · 🔴 at risk

**Overall Partnership Health**: 🟡 Yellow (50% of targets met)

## Key Wins
1. Closed the Acme deal together ($400K).

## Challenges and Actions
1. **Certified engineers behind plan**:
   - Impact: delivery capacity for Q4 deals
   - Owner: Fox Mulder
   - Timeline: 2026-10-31

## Renewal Readiness (60–90 days out)
- **Renewal date**: 2027-03-31
- **Recommendation**: Expand
- **Executive sponsor aligned**: Yes

## Next Steps (Owner, Due)
- [ ] Schedule enablement bootcamp - Owner: Fox Mulder, Due: 2026-09-15

**Next QBR**: 2026-10-15
`;
}

function without(text: string, heading: string): string {
  const start = text.indexOf(`## ${heading}`);
  assert.ok(start >= 0, heading);
  const next = text.indexOf('\n## ', start + 3);
  return text.slice(0, start) + (next < 0 ? '' : text.slice(next + 1));
}

describe('team templates: rendering', () => {
  it('fills the variables, byte for byte elsewhere (emoji kept)', () => {
    const text = render({ partner: 'Initech', company: 'Globex', quarter: 3, year: 2026, date: '2026-07-15' });
    assert.ok(text.startsWith('# Partnership QBR: Globex + Initech\n**Quarter**: Q3 2026\n**Date**: 2026-07-15\n'));
    assert.match(text, /^Legend: 🟢 on track · 🟡 watch · 🔴 at risk$/m);
    assert.match(text, /^\*\*Next QBR\*\*: 2026-10-15$/m);
    assert.ok(!text.includes('{{'));
    // Everything but the variables is the template's text.
    const pattern = QBR_TEMPLATE.split(/\{\{\w+\}\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^]*?');
    assert.match(text, new RegExp(`^${pattern}$`));
  });

  it('without previous QBR: placeholder rows with every column of the team table, placeholder tasks', () => {
    const text = render({ partner: 'Initech' });
    assert.match(text, /^\| \[Metric 1\] \| \[Target\] \| \[Actual\] \| \[Status\] \| \[Trend\] \| \[Commentary\] \|$/m);
    assert.match(text, /^- \[ \] \[Action item 1\] - Owner: \[Name\], Due: \[Date\]$/m);
    assert.ok(text.startsWith('# Partnership QBR: [Our Company] + Initech\n**Quarter**: Q[X] [Year]\n**Date**: [Date]\n'));
    assert.match(text, /^\*\*Next QBR\*\*: \[Date\]$/m);
  });

  it('carries the previous QBR: its metrics and targets under the team columns, its open actions', () => {
    const prev = {
      company: 'Globex',
      kpis: [{ key: 'pipeline', metric: 'Sourced pipeline', target: '$1,000,000' }, { key: 'certs', metric: 'Certified | engineers', target: undefined }],
      actions: [
        { open: true, text: 'Schedule enablement bootcamp', owner: 'Fox Mulder', due: '2026-09-15' },
        { open: false, text: 'Done already', owner: 'Dana', due: undefined },
      ],
    } as unknown as IndexedDoc;
    const { text } = newDocumentText('qbr', { partner: 'Initech', quarter: 4, year: 2026, date: '2026-10-15' }, { template: { path: PATH, text: QBR_TEMPLATE }, previous: { text: '', doc: prev } });
    assert.match(text, /^\| Sourced pipeline \| \$1,000,000 \| \[Actual\] \| \[Status\] \| \[Trend\] \| \[Commentary\] \|$/m);
    assert.match(text, /^\| Certified \\\| engineers \| \[Target\] \| \[Actual\] \| \[Status\] \| \[Trend\] \| \[Commentary\] \|$/m);
    assert.match(text, /^- \[ \] Schedule enablement bootcamp - Owner: Fox Mulder, Due: 2026-09-15$/m);
    assert.ok(!text.includes('Done already'));
    assert.ok(text.startsWith('# Partnership QBR: Globex + Initech\n'), 'our company from the previous QBR');
  });

  it('quarter dates, period, escapes', () => {
    const t = { path: 'x.md', text: '# T\n{{quarterStart}}..{{quarterEnd}} {{ period }} \\{{partner}}\n' };
    assert.equal(renderTemplate(t, { partner: 'P', quarter: 1, year: 2028 }).text, '# T\n2028-01-01..2028-03-31 Q1 2028 {{partner}}\n');
    assert.equal(renderTemplate(t, { partner: 'P' }).text, '# T\n[Date]..[Date] [Quarter Year] {{partner}}\n');
  });

  it('selects the first placeholder to fill', () => {
    const r = renderTemplate({ path: PATH, text: QBR_TEMPLATE }, { partner: 'Initech', company: 'Globex', quarter: 3, year: 2026, date: '2026-07-15' });
    assert.deepEqual(r.firstField, { line: 4, column: 16, endColumn: 33 });
  });

  it('an unknown variable is a problem with its line and column, and nothing is rendered', () => {
    const text = '# Partnership QBR: {{company}} + {{partner}}\n**Date**: {{date}}\n\n## Summary\nWritten for {{partnr}} in {{ quater }} and {{foo bar}}.\n';
    assert.deepEqual(templateProblems(text).map((p) => [p.line, p.column, p.endColumn]), [[5, 13, 23], [5, 27, 39], [5, 44, 55]]);
    assert.match(templateProblems(text)[0]!.message, /Unknown template variable “\{\{partnr\}\}”; did you mean “\{\{partner\}\}”\?/);
    assert.match(templateProblems(text)[1]!.message, /did you mean “\{\{quarter\}\}”/);
    assert.throws(() => renderTemplate({ path: PATH, text }, { partner: 'X' }), (e: unknown) =>
      e instanceof TemplateError && e.message.startsWith(`${PATH}:5:13: Unknown template variable`) && e.problems.length === 3);
  });

  it('columns count UTF-16 units after emoji; CRLF templates keep CRLF', () => {
    assert.deepEqual(templateProblems('# 🟢 {{nope}}\r\n').map((p) => [p.line, p.column]), [[1, 6]]);
    const crlf = '# QBR {{partner}}\r\n\r\n| Metric | Target |\r\n|---|---|\r\n{{previousKpiRows}}\r\n';
    assert.equal(renderTemplate({ path: 'x', text: crlf }, { partner: 'P' }).text,
      '# QBR P\r\n\r\n| Metric | Target |\r\n|---|---|\r\n| [Metric 1] | [Target] |\r\n| [Metric 2] | [Target] |\r\n| [Metric 3] | [Target] |\r\n');
  });

  it('multi-line variables must stand on their own line ({{previousKpiRows}} in a table)', () => {
    assert.deepEqual(templateProblems('# T\nRows: {{openActions}}\n').map((p) => [p.line, p.column]), [[2, 7]]);
    assert.match(templateProblems('# T\n\n{{previousKpiRows}}\n')[0]!.message, /must be a line of a table/);
  });
});

describe('team templates: required sections', () => {
  it('are the template H2 sections, in template order, as written', () => {
    assert.deepEqual(templateRequirements(QBR_TEMPLATE).sections.map((s) => s.heading),
      ['🎯 Executive Summary', 'KPI Dashboard', 'Key Wins', 'Challenges and Actions', 'Renewal Readiness (60–90 days out)', 'Next Steps (Owner, Due)']);
  });

  it('an issue template: the sections under its Partnership Issue heading; headings with a variable are not required', () => {
    const issue = '## Partnership Issue: [Brief Description]\n**Partner**: {{partner}}\n**Severity**: [Critical, High, Medium, Low]\n\n### Problem Statement\n[x]\n\n### Customer Impact\n[x]\n\n### {{partner}} Contacts\n[x]\n\n### Action Plan\n- [ ] [Action]\n';
    assert.deepEqual(templateRequirements(issue).sections.map((s) => s.heading), ['Problem Statement', 'Customer Impact', 'Action Plan']);
  });

  it('in the styles teams write templates: no H1, nested sub-sections, instructions in comments and code, CRLF', () => {
    const sr = [
      '<!-- How to use this template:',
      '## Example section',
      'Delete this comment. -->',
      '# Weekly Status: {{partner}} ({{date}})',
      '',
      '## Overview',
      '```markdown',
      '## Not a section (an example in a fence)',
      '```',
      '## Metrics',
      '### KPI table',
      '| Metric | Target | Actual |',
      '|---|---|---|',
      '{{previousKpiRows}}',
      '### Commentary',
      '[x]',
      '## Risks',
      '<!-- ## Commented out -->',
      '## Next Steps',
      '{{openActions}}',
      '',
    ];
    const expected = ['Overview', 'Metrics', 'Risks', 'Next Steps'];
    assert.deepEqual(templateRequirements(sr.join('\n')).sections.map((s) => s.heading), expected);
    assert.deepEqual(templateRequirements(sr.join('\r\n')).sections.map((s) => s.heading), expected);
    assert.deepEqual(templateRequirements('## Summary\n[x]\n\n## Decisions\n[x]\n').sections.map((s) => s.heading), ['Summary', 'Decisions'], 'no H1: the H2s');
    // A status report written to it: the nested KPI table and Commentary are not required on their own.
    const doc = '# Weekly Status: Initech (2026-07-31)\n\n## Overview\nFine.\n\n## Metrics\n| Metric | Target | Actual |\n|---|---|---|\n| Leads | 10 | 12 |\n\n## Risks\nNone this week.\n\n## Action Items\n- [ ] Call Bob - Owner: Dana, Due: 2026-08-05\n';
    const cfg: PartialConfig = { templates: { 'status-report': { path: 'sr.md', text: sr.join('\n') } } };
    assert.equal(lint(doc, { today: TODAY, config: cfg, cache: false }).kind, 'status-report');
    assert.deepEqual(missing(doc, cfg), []);
    assert.deepEqual(missing(doc.replace('## Risks\nNone this week.\n\n', ''), cfg), ['Risks']);
  });

  it('section-missing is silent on a QBR that follows the team template (no Asks and Decisions Needed, no Performance Highlights)', () => {
    assert.deepEqual(missing(filledQbr()), []);
    // Without the team template the playbook's sections are required.
    assert.deepEqual(missing(filledQbr(), {}), ['Performance Highlights', 'Upcoming Initiatives', 'Asks and Decisions Needed']);
  });

  it('a missing Renewal Readiness section is reported, naming the template, and the fix inserts the template skeleton', () => {
    const text = without(filledQbr(), 'Renewal Readiness');
    const f = findings(text, config, 'section-missing');
    assert.equal(f.length, 1);
    assert.equal(f[0]!.message, `Missing section “Renewal Readiness (60–90 days out)”, required by the team's QBR template (${PATH}); expected a “## Renewal Readiness (60–90 days out)” heading after “Challenges and Actions”.`);
    assert.equal(f[0]!.line, 1);
    const fixed = fixAll(text, { today: TODAY, config: { ...config, rules: { 'section-missing': 'warning' } }, cache: false }).text;
    assert.match(fixed, /## Challenges and Actions\n[^]*?Timeline: 2026-10-31\n\n## Renewal Readiness \(60–90 days out\)\n- \*\*Renewal date\*\*: \[Date\]\n- \*\*Recommendation\*\*: \[Expand \/ Renew as-is \/ Modify and renew \/ Sunset\]\n- \*\*Executive sponsor aligned\*\*: \[Yes\/No\]\n\n## Next Steps/);
    assert.deepEqual(missing(fixed), []);
  });

  it('keeps the heading matching rules: case, emoji, trailing parenthetical, section equivalents (built-in and configured)', () => {
    let text = filledQbr()
      .replace('## 🎯 Executive Summary', '## EXECUTIVE SUMMARY')
      .replace('## Renewal Readiness (60–90 days out)', '## ✅ renewal readiness')
      .replace('## Next Steps (Owner, Due)', '## Action Items');
    assert.deepEqual(missing(text), []);
    text = text.replace('## ✅ renewal readiness', '## Renewal Outlook');
    assert.deepEqual(missing(text), ['Renewal Readiness (60–90 days out)']);
    assert.deepEqual(missing(text, { ...config, sectionEquivalents: { 'Renewal Readiness': ['Renewal Outlook'] } }), []);
  });

  it('next-qbr-missing follows the template: expected when it has a Next QBR line, not when it has none', () => {
    const noNext = filledQbr().replace('**Next QBR**: 2026-10-15\n', '');
    assert.equal(findings(noNext, config, 'next-qbr-missing').length, 1);
    const templateWithout = QBR_TEMPLATE.replace('**Next QBR**: {{nextQbrDate}}\n', '');
    assert.equal(findings(noNext, { templates: { qbr: { path: PATH, text: templateWithout } } }, 'next-qbr-missing').length, 0);
  });

  it('kinds without a team template keep the playbook', () => {
    const sr = scaffold('status-report', { partner: 'Initech' }).text;
    assert.deepEqual(missing(sr.replace('## Recommendations\n', '## Something Else\n')), ['Recommendations']);
  });

  it('detection counts the template sections: a team-format QBR with only team sections is a QBR', () => {
    const text = '# Initech QBR — Q3 2026\n\n## Renewal Readiness\nOn track.\n\n## Partner Sentiment\nGood.\n';
    const team: PartialConfig = { templates: { qbr: { path: PATH, text: '# QBR: {{partner}}\n\n## Renewal Readiness\n[x]\n\n## Partner Sentiment\n[x]\n' } } };
    assert.equal(lint(text, { today: TODAY, cache: false }).kind, null);
    assert.equal(lint(text, { today: TODAY, config: team, cache: false }).kind, 'qbr');
  });

  it('the rendered template, filled in, has no section-missing and no next-qbr-missing', () => {
    const text = render({ partner: 'Initech', company: 'Globex', quarter: 3, year: 2026, date: '2026-07-15' });
    assert.deepEqual(findings(text).filter((f) => f.ruleId === 'section-missing' || f.ruleId === 'next-qbr-missing'), []);
  });
});
