/**
 * Launch plans (issue 13): the kind `launch-plan` (detection), its playbook template, and the
 * milestone-missing-owner / milestone-missing-date / milestone-overdue / success-criteria-missing
 * rules on launch plans written in the styles teams use, and look-alikes that stay silent.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../src/core/index.js';
import { buildDocument } from '../../src/core/document.js';
import { defaultFileName, scaffold, TEMPLATE_KINDS } from '../../src/core/templates.js';
import { checkRuleCase, TODAY } from '../helpers.js';
import type { PartialConfig } from '../../src/core/types.js';

const LAUNCH_RULES = ['milestone-missing-owner', 'milestone-missing-date', 'milestone-overdue', 'success-criteria-missing'];

const kind = (text: string) => lint(text, { today: TODAY, cache: false }).kind;
const detectedBy = (text: string) => buildDocument(text).detectedBy;

/** `line ruleId` of every finding of the given rules (all rules but placeholder-unfilled by default). */
function found(text: string, opts: { config?: PartialConfig; today?: string; rules?: string[] } = {}): string[] {
  const r = lint(text, { today: opts.today ?? TODAY, config: opts.config, cache: false });
  return r.findings.filter((f) => (opts.rules ? opts.rules.includes(f.ruleId) : f.ruleId !== 'placeholder-unfilled')).map((f) => `${f.line} ${f.ruleId}`);
}

const TAIL = `
## Roles and Responsibilities
- Dana Smith: partnership manager

## Communication Cadence
- Weekly sync, Tuesdays

## Success Criteria
- 10 registered deals by end of Month 3
`;

const plan = (milestones: string, head = '') => `# Partnership Launch Plan: Globex + Initech
**Partner**: Initech
**Start Date**: 2026-10-01
${head}
## Milestones
${milestones}
${TAIL}`;

describe('launch-plan detection', () => {
  it('front matter and the playbook-style title', () => {
    assert.equal(kind('---\npartnership-doc: launch-plan\n---\nNo heading.\n'), 'launch-plan');
    assert.equal(kind('# Partnership Launch Plan: Globex + Initech\n'), 'launch-plan');
    assert.equal(detectedBy('# Partnership Launch Plan: Globex + Initech\n'), 'playbook-title');
    assert.equal(kind('---\npartnership-doc: none\n---\n# Partnership Launch Plan: Globex + Initech\n'), null);
  });

  it('a title naming a partnership launch / onboarding / go-live plan, with milestones and launch structure', () => {
    const body = '\n## Milestones\n- Kickoff — Dana, 2026-12-01\n\n## Roles and Responsibilities\n- Dana\n\n## Success Criteria\n- 5 deals\n';
    for (const t of ['# Partner Launch Plan — Initech', '# Initech Partnership Onboarding Plan', '# Go-Live Plan: Hooli Marketplace Partnership', '# Reseller onboarding plan: Contoso', '# Alliance Launch & Onboarding Plan']) {
      assert.equal(kind(`${t}\n${body}`), 'launch-plan', t);
      assert.equal(detectedBy(`${t}\n${body}`), 'title-and-structure', t);
    }
    // The partner named by a field instead of the title.
    assert.equal(kind(`# Initech Onboarding Plan\n\n**Partner:** Initech\n${body}`), 'launch-plan');
    // A milestone table stands for the Milestones section.
    assert.equal(kind('# Partner Launch Plan — Initech\n\n| Milestone | Owner | Date |\n|---|---|---|\n| Kickoff | Dana | 2026-12-01 |\n\n## Cadence\nweekly\n\n## Goals\n- 5 deals\n'), 'launch-plan');
  });

  it('look-alikes stay silent', () => {
    const body = '\n## Milestones\n- [ ] Beta — Sam, 2026-10-01\n- [ ] GA\n\n## Roles and Responsibilities\n- PM: Dana\n\n## Communication Cadence\n- weekly\n\n## Success Criteria\nTBD\n';
    for (const t of [
      '# Product Launch Plan: Widget 2.0', // no partnership
      '# Launch Plan', // nothing names a partner
      '# How we write partner launch plans', // a guide
      '# Partner launch plan sync — notes 2026-11-10', // meeting notes
      '# Partner Onboarding Plan template', // a template
      '# Partner onboarding checklist', // a checklist, not a plan
    ]) {
      assert.equal(kind(`${t}\n${body}`), null, t);
      assert.deepEqual(found(`${t}\n${body}`), [], t);
    }
    // A partnership launch title without any launch structure.
    assert.equal(kind('# Partner Launch Plan — Initech\n\nWe will launch in Q1.\n'), null);
    // Milestones alone are not enough: a launch plan has roles, cadence or success criteria too.
    assert.equal(kind('# Partner Launch Plan — Initech\n\n## Milestones\n- Kickoff\n'), null);
  });
});

describe('launch-plan template', () => {
  it('is a template kind, with the playbook’s onboarding sections and header fields', () => {
    assert.ok(TEMPLATE_KINDS.includes('launch-plan'));
    const { text, firstField } = scaffold('launch-plan', { partner: 'Initech', company: 'Globex', date: '2027-01-04' });
    assert.ok(text.startsWith('# Partnership Launch Plan: Globex + Initech\n**Partner**: Initech\n**Start Date**: 2027-01-04\n**Launch Owner**: [Name]\n'));
    assert.deepEqual(firstField, { line: 4, column: 19, endColumn: 25 });
    for (const h of ['## Launch Plan Overview', '## Milestones', '## Roles and Responsibilities', '## Communication Cadence', '## Success Criteria', '## Next Steps']) {
      assert.ok(text.includes(`\n${h}\n`), h);
    }
    // Launch (Month 1-3) of the playbook's lifecycle: the milestone rows.
    assert.match(text, /^\| Milestone \| Owner \| Date \| Status \|$/m);
    assert.match(text, /^\| Partnership kickoff meeting \| \[Owner\] \| \[Date\] \| Not started \|$/m);
    assert.match(text, /^\| First joint activity \(campaign, customer pilot\) \| \[Owner\] \| \[Date\] \| Not started \|$/m);
    // The playbook's communication cadence.
    assert.match(text, /^- \*\*Weekly\*\* \(Working team\)/m);
    assert.match(text, /^- \*\*Monthly\*\* \(Steering committee\)/m);
    assert.match(text, /^- \*\*Quarterly\*\* \(Executive sponsors\): QBR/m);
    assert.equal(scaffold('launch-plan', { partner: 'Initech' }).text.split('\n')[0], '# Partnership Launch Plan: [Our Company] + Initech');
  });

  it('lints clean apart from its placeholders (no milestone, success-criteria or section finding)', () => {
    const { text } = scaffold('launch-plan', { partner: 'Initech', company: 'Globex', date: '2026-10-01' });
    const r = lint(text, { today: TODAY });
    assert.equal(r.kind, 'launch-plan');
    assert.ok(r.findings.some((f) => f.ruleId === 'placeholder-unfilled'));
    assert.deepEqual(r.findings.filter((f) => LAUNCH_RULES.includes(f.ruleId) || f.ruleId === 'section-missing').map((f) => `${f.line} ${f.ruleId}`), []);
  });

  it('is named by the start date', () => {
    assert.equal(defaultFileName('launch-plan', { partner: 'Initech Ltd', date: '2027-01-04' }), 'partnerships/initech-ltd/2027-01-04-launch-plan.md');
    assert.throws(() => defaultFileName('launch-plan', { partner: 'Initech' }), /launch plan file name needs a date/);
  });
});

describe('milestone rules: list milestones', () => {
  const text = plan(`- [ ] Kickoff — Dana, 2026-10-05
- [x] Shared Slack channel — Sam, 2026-10-08
- **Integration live** (Owner: Sam, due 12 Nov)
- [ ] First joint webinar, due 2026-12-15
- [ ] Sales enablement session — Priya
- ✅ Contract signed — Legal, 2026-09-20
- [ ] Co-marketing plan (Owner: TBD, due Jan 10, 2027)
- [ ] Sandbox ready — Initech engineering, Week 6
- ~~Press release~~ (dropped)
- [ ] Pilot customer live (Status: Done) — Sam, 2026-11-02
- [ ] Renewal planning kickoff — @dana, 2027-03-01 (done)
- [ ] Case study — Priya, March 2027
- [ ] Quarterly review — Dana, Q3 2026`);

  it('reports what a manager would chase, nothing else', () => {
    assert.deepEqual(found(text), [
      '6 milestone-overdue', // Oct 5 passed, open
      '8 milestone-overdue', // 12 Nov (the document's year) passed
      '9 milestone-missing-owner', // a date, no owner
      '10 milestone-missing-date', // an owner after the dash, no date
      '12 milestone-missing-owner', // Owner: TBD
      '18 milestone-overdue', // Q3 2026 ended Sep 30
    ]);
  });

  it('places findings on the milestone’s text and the overdue one on its date', () => {
    checkRuleCase('milestone-overdue', { name: 'dash owner and date', text, expect: [[6, 23, 6, 33], [8, 41, 8, 47], [18, 32, 18, 39]] });
    checkRuleCase('milestone-missing-owner', { name: 'no owner; TBD', text, expect: [[9, 7, 9, 42], [12, 7, 12, 55]] });
    const r = lint(text, { today: TODAY }).findings.find((f) => f.ruleId === 'milestone-missing-owner' && f.line === 12)!;
    assert.equal(r.message, 'Milestone “Co-marketing plan” has owner “TBD”; expected a person or team (“Owner: NAME”, @name, or the Owner column).');
    const o = lint(text, { today: TODAY }).findings.find((f) => f.ruleId === 'milestone-overdue' && f.line === 6)!;
    assert.equal(o.message, 'Milestone “Kickoff” is 50 days past its date (2026-10-05) and not marked done; mark it done (✅, [x], Status: Done) or move its date.');
  });

  it('a milestone marked done is never overdue, and a date today is not overdue yet', () => {
    assert.deepEqual(found(plan('- [x] Kickoff — Dana, 2026-10-05\n- ✅ Listing live — Sam, 2026-10-05\n- [ ] Launch day — Sam, 2026-11-24')), []);
    assert.deepEqual(found(plan('- [ ] Launch day — Sam, 2026-11-23')), ['6 milestone-overdue']);
  });

  it('records under sub-headings, and sub-headings that date their milestones', () => {
    const records = plan(`### Reseller agreement countersigned
- **Owner:** Legal
- **Target date:** 14/10/2026
- **Status:** Complete

### Deal registration enabled
- **Owner:** Tom Briggs
- **Target date:** 02/11/2026

### Sales certification (wave 1)
- **Target date:** 30/11/2026

### Joint launch event
- **Owner:** Marketing
- **Notes:** venue to be confirmed`);
    // British numeric dates with dateOrder dmy: 02/11 is 2 November.
    assert.deepEqual(found(records, { config: { dateOrder: 'dmy' } }), ['13 milestone-overdue', '15 milestone-missing-owner', '18 milestone-missing-date']);
    checkRuleCase('milestone-missing-owner', { name: 'record', text: records, config: { dateOrder: 'dmy' }, expect: [[15, 5, 15, 33]] });
    checkRuleCase('milestone-overdue', { name: 'record', text: records, config: { dateOrder: 'dmy' }, expect: [[13, 20, 13, 30]] });
    const phases = plan(`### Weeks 1–4
- [ ] Kickoff — Dana
- [ ] Sales enablement session

### Later
- [ ] Webinar — Priya`);
    assert.deepEqual(found(phases), ['8 milestone-missing-owner', '11 milestone-missing-date']);
  });

  it('notes in the section are not milestones; nested lines belong to their milestone', () => {
    const text = plan(`All dates are tentative until the reseller agreement is signed.

- Joint webinar
  - Owner: Priya
  - Target date: 3 Mar 2027
- All dates assume the contract is countersigned by the end of October.
- Note: Initech's fiscal year starts in February.
- [ ] Kickoff — Dana Smith & Jo Park, 2027-01-10
- [ ] Integration certified - Owner: Ravi, ETA end of Q1 2027`);
    assert.deepEqual(found(text), []);
  });

  it('a date without a year before the plan’s start is next year’s', () => {
    // Start Date 2026-10-01: Jan 30 is 2027-01-30, not overdue on 2026-11-24; Nov 12 is 2026-11-12, overdue.
    assert.deepEqual(found(plan('- [ ] Listing live — @sam, by Jan 30\n- [ ] Pilot — Sam, Nov 12')), ['7 milestone-overdue']);
    // Without a start date: more than half a year before today is next year's.
    const noStart = plan('- [ ] Listing live — @sam, by Jan 30\n- [ ] Pilot — Sam, Nov 12').replace('**Start Date**: 2026-10-01\n', '');
    assert.deepEqual(found(noStart), ['6 milestone-overdue']);
  });

  it('relative timings are dates given, never overdue', () => {
    assert.deepEqual(found(plan('- [ ] Kickoff — Dana, Week 1\n- [ ] Listing live — Sam (Day 30)\n- [ ] Pilot — Priya, Month 2\n- [ ] Review — Dana, T+90')), []);
  });

  it('task items in the Milestones section are milestones, not action items; Next Steps stay action items', () => {
    const text2 = `${plan('- [ ] Kickoff')}\n## Next Steps\n- [ ] Book the steering committee\n`;
    assert.deepEqual(found(text2), ['6 milestone-missing-date', '6 milestone-missing-owner', '18 action-missing-due', '18 action-missing-owner']);
  });
});

describe('milestone rules: table milestones', () => {
  it('reads Owner / Date / Status columns and their synonyms', () => {
    const text = plan(`| Milestone | Owner | Target date | Status |
|---|---|---|---|
| Kickoff | Dana | 3 Nov 2026 | ✅ Done |
| Reseller agreement signed | Legal | Nov 10, 2026 | 🟢 On track |
| Deal registration portal |  | Dec 20, 2026 | Not started |
| First co-sell deal | Sales team | TBD |  |
| Launch webinar | [Owner] | [Date] |  |
| Enablement | Priya | Week 6 | In progress |
| Listing live | Sam | Oct 2, 2026 | Launched |`);
    assert.deepEqual(found(text), ['9 milestone-overdue', '10 milestone-missing-owner', '11 milestone-missing-date']);
    checkRuleCase('milestone-overdue', { name: 'table', text, expect: [[9, 39, 9, 51]] });
    checkRuleCase('milestone-missing-owner', { name: 'table', text, expect: [[10, 3, 10, 27]] });
    for (const [owner, date] of [['Responsible', 'Due'], ['DRI', 'When'], ['Who', 'Deadline'], ['Lead', 'ETA']]) {
      const t = plan(`| Phase | ${owner} | ${date} | State |\n|---|---|---|---|\n| Scoping | Dana | Sep 15, 2026 | In progress |\n| Launch |  | TBD | |`);
      assert.deepEqual(found(t), ['8 milestone-overdue', '9 milestone-missing-date', '9 milestone-missing-owner'], `${owner} / ${date}`);
    }
  });

  it('a Notion export: @mentions, long dates, emoji headings and statuses', () => {
    const text = `---
partnership-doc: launch-plan
---
# 🚀 Northwind Partnership Launch

## 🗓️ Launch Milestones

| Milestone | DRI | Target date | Status |
| --- | --- | --- | --- |
| Kickoff call | @Dana Smith | October 6, 2026 | Done ✅ |
| Joint value proposition signed off | @Sam Lee | October 30, 2026 | 🟢 On track |
| Marketplace listing live | @Priya Shah | December 15, 2026 | 🟡 At risk |
| First joint customer | | January 20, 2027 | Not started |

## 👥 Roles & Responsibilities
| Role | Name |
| --- | --- |
| Partnership manager | Dana Smith |

## 📣 Communication Cadence
- Weekly working-team sync

## 🎯 Success Metrics
- 5 joint opportunities by end of Month 3
`;
    assert.deepEqual(found(text), ['11 milestone-overdue', '13 milestone-missing-owner']);
  });

  it('tables in the Milestones section without owner or date columns are something else', () => {
    assert.deepEqual(found(plan('| Role | Name |\n|---|---|\n| Sponsor | |')), []);
  });
});

describe('success-criteria-missing', () => {
  const base = (criteria: string) => `# Partnership Launch Plan: Globex + Initech
**Partner**: Initech

## Milestones
- [ ] Kickoff — Dana, 2027-01-10

## Roles and Responsibilities
- Dana

## Communication Cadence
- weekly
${criteria}`;

  it('a missing section: one finding on the title, from this rule and not section-missing', () => {
    const text = base('');
    assert.deepEqual(found(text), ['1 success-criteria-missing']);
    checkRuleCase('success-criteria-missing', { name: 'missing', text, expect: [[1, 1, 1, 44]] });
  });

  it('an empty section: TBD, a comment, nothing', () => {
    for (const body of ['TBD', '<!-- agree with Initech at kickoff -->', '', '- TBC', '- N/A\n- to be defined', 'TBD — to agree at the first steering committee.']) {
      const text = base(`\n## Success Criteria\n${body}\n`);
      assert.deepEqual(found(text), ['13 success-criteria-missing'], JSON.stringify(body));
    }
    checkRuleCase('success-criteria-missing', { name: 'empty', text: base('\n## Success Criteria\nTBD\n'), expect: [[13, 4, 13, 20]] });
  });

  it('criteria, placeholders (placeholder-unfilled’s) and equivalent headings are silent', () => {
    assert.deepEqual(found(base('\n## Success Criteria\n- 10 registered deals by end of Month 3\n')), []);
    assert.deepEqual(found(base('\n## Success Criteria\n- [Criterion 1]: [Measurable target]\n')), []);
    assert.deepEqual(found(base('\n## Goals and Success Metrics\n- $250K pipeline in 90 days\n')), []);
    assert.deepEqual(found(base('\n## Definition of Success\nListing live with billing certified.\n')), []);
  });

  it('section-missing requires the other launch-plan sections', () => {
    const text = '# Partnership Launch Plan: Globex + Initech\n\n## Milestones\n- [ ] Kickoff — Dana, 2027-01-10\n\n## Success Criteria\n- 5 deals\n';
    assert.deepEqual(
      lint(text, { today: TODAY }).findings.filter((f) => f.ruleId === 'section-missing').map((f) => f.message),
      [
        'Missing section “Roles and Responsibilities”, required in a launch plan; expected a “## Roles and Responsibilities” heading after “Milestones”.',
        'Missing section “Communication Cadence”, required in a launch plan; expected a “## Communication Cadence” heading after “Milestones”.',
      ],
    );
  });
});

describe('section-missing and the launch-plan rules report one gap once', () => {
  const sectionMissing = (text: string, config?: PartialConfig) =>
    lint(text, { today: TODAY, config, cache: false }).findings.filter((f) => f.ruleId === 'section-missing' || f.ruleId === 'success-criteria-missing').map((f) => `${f.ruleId}: ${f.message}`);

  it('a milestone table under another heading is the plan’s Milestones', () => {
    const text = '# Partnership Launch Plan: Globex + Initech\n\n## The Plan\n\n| Milestone | Owner | Date |\n| --- | --- | --- |\n| Kickoff | Dana | 2027-01-10 |\n' + TAIL;
    assert.deepEqual(sectionMissing(text), []);
    // Without the table the section is missing.
    assert.equal(sectionMissing(text.replace('| Milestone |', '| Step |')).length, 1);
  });

  it('a team launch-plan template with Success Criteria: one finding, from success-criteria-missing', () => {
    const template = '# Partnership Launch Plan: {{partner}}\n\n## Milestones\n\n## Roles and Responsibilities\n\n## Communication Cadence\n\n## Success Criteria\n\n## Risks\n';
    const config = { templates: { 'launch-plan': { path: '.partnership-docs/templates/launch-plan.md', text: template } } } as unknown as PartialConfig;
    const text = '# Partnership Launch Plan: Globex + Initech\n\n## Milestones\n- [ ] Kickoff — Dana, 2027-01-10\n' + TAIL.replace(/## Success Criteria[^]*$/, '') + '\n## Risks\n- none\n';
    const got = sectionMissing(text, config);
    assert.equal(got.length, 1, got.join('\n'));
    assert.match(got[0]!, /^success-criteria-missing/);
    // The team template's own extra section is still required.
    assert.ok(sectionMissing(text.replace('## Risks\n- none\n', ''), config).some((m) => m.startsWith('section-missing') && m.includes('Risks')));
  });
});

describe('milestone rules stay out of other kinds', () => {
  it('a status report’s Upcoming Milestones are not checked as a launch plan’s', () => {
    const text = '# Partnership Status Report: Globex + Initech\n**Period**: Q4 2026\n\n## Upcoming Milestones\n- Kickoff\n- | Listing live, Oct 1, 2026\n';
    assert.deepEqual(found(text, { rules: LAUNCH_RULES }), []);
  });
});

describe('launch plans in the workspace index and the report', () => {
  it('a launch plan’s overdue milestones count as the partner’s overdue items', async () => {
    const { buildIndex, indexDocument } = await import('../../src/core/index.js');
    const text = plan('- [ ] Kickoff — Dana, 2026-10-05\n- [x] Slack channel — Sam, 2026-10-08\n- [ ] Listing live — Sam, 2027-01-15');
    const doc = indexDocument('partnerships/initech/2026-10-01-launch-plan.md', text, { today: TODAY })!;
    assert.equal(doc.kind, 'launch-plan');
    assert.equal(doc.partner, 'Initech');
    assert.deepEqual(doc.actions.map((a) => [a.line, a.open, a.owner, a.due, a.overdue]), [
      [6, true, 'Dana', '2026-10-05', true],
      [7, false, 'Sam', '2026-10-08', false],
      [8, true, 'Sam', '2027-01-15', false],
    ]);
    assert.equal(doc.overdueActions, 1);
    const index = buildIndex([doc], { today: TODAY });
    assert.equal(index.partners.find((p) => p.name === 'Initech')?.overdueActions, 1);
  });
});
