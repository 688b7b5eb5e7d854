/** Action items (spec §4) and the owners roster (spec §5): analysis and the five action-* rules. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRuleCase, qbr, run, statusReport, TODAY, type RuleCase } from '../helpers.js';
import { analyze, applyEdits, createCache, lint } from '../../src/core/index.js';
import { analyzeActions } from '../../src/core/analysis/actions.js';
import { rules } from '../../src/core/index.js';
import type { PartialConfig } from '../../src/core/types.js';

/** An edit's line/column coordinates (lint() edits carry their offsets too). */
const lineColumn = ({ line, column, endLine, endColumn, text }: { line: number; column: number; endLine: number; endColumn: number; text: string }) => ({ line, column, endLine, endColumn, text });

function actions(text: string, config?: PartialConfig) {
  const { ctx } = analyze(text, { today: '2026-11-24', cache: false, config });
  return ctx.get(analyzeActions).map((a) => ({
    line: text.slice(a.lineStart, a.lineEnd),
    open: a.open,
    meeting: a.meeting,
    owner: a.owner && (a.owner.placeholder ? `?${a.owner.text}` : a.owner.text),
    ownerRange: a.owner && text.slice(a.owner.start, a.owner.end),
    due: a.due && (a.due.placeholder ? `?${a.due.text}` : a.due.iso ?? `!${a.due.text}`),
    dueRange: a.due && text.slice(a.due.start, a.due.end),
  }));
}

function table(ruleId: string, cases: RuleCase[]): void {
  describe(ruleId, () => {
    for (const c of cases) it(c.name, () => checkRuleCase(ruleId, c));
  });
}

// The playbook's templates, verbatim.
const QBR_CHALLENGES = `## Challenges and Actions
1. **[Challenge 1]**:
   - Impact: [What's at risk]
   - Root cause: [Why it's happening]
   - Action plan: [How we'll address]
   - Owner: [Who's responsible]
   - Timeline: [When we'll resolve]

2. **[Challenge 2]**:
   - Impact: [What's at risk]
   - Root cause: [Why it's happening]
   - Action plan: [How we'll address]
   - Owner: [Who's responsible]
   - Timeline: [When we'll resolve]
`;
const QBR_NEXT_STEPS = `## Next Steps
- [Action item 1] - Owner: [Name], Due: [Date]
- [Action item 2] - Owner: [Name], Due: [Date]
- [Action item 3] - Owner: [Name], Due: [Date]

**Next QBR**: [Date]
`;
const ISSUE_ACTION_PLAN = `## Partnership Issue: [Brief Description]

**Severity**: [Critical, High, Medium, Low]
**Status**: [Open, In Progress, Resolved]
**Date Identified**: [Date]

### Action Plan
- [ ] [Action item 1] - Owner: [Name], Due: [Date]
- [ ] [Action item 2] - Owner: [Name], Due: [Date]
- [ ] [Action item 3] - Owner: [Name], Due: [Date]

### Resolution
[To be filled when issue is resolved: what was done, outcome, lessons learned]
`;
const STATUS_NEXT_STEPS = `## Next Steps
- [ ] [Action item 1] - Owner: [Name], Due: [Date]
- [ ] [Action item 2] - Owner: [Name], Due: [Date]
- [ ] [Next meeting]: [Date and agenda]
`;

// Filled in.
const FILLED_CHALLENGES = `## Challenges and Actions
1. **Salesforce referrals at 56% of target**:
   - Impact: pipeline from the partner is short by 22 referrals
   - Root cause: driven by Q3 budget cuts and low rep awareness
   - Action plan: joint sales enablement session
   - Owner: Dana Smith
   - Timeline: Dec 15, 2026
`;
const FILLED_NEXT_STEPS = `## Next Steps
- Schedule enablement session - Owner: Dana Smith, Due: Dec 1, 2026
- Draft co-selling plan - Owner - Lee Wong, Due: 2026-12-10
- **Owner**: Priya Patel, **Due**: Jan 15, 2027 — Dreamforce proposal
`;

describe('analyzeActions', () => {
  it('reads the QBR Challenges and Actions template: nested Owner/Timeline belong to the challenge', () => {
    assert.deepEqual(actions(qbr(QBR_CHALLENGES)), [
      { line: "**[Challenge 1]**:", open: true, meeting: false, owner: "?[Who's responsible]", ownerRange: "[Who's responsible]", due: "?[When we'll resolve]", dueRange: "[When we'll resolve]" },
      { line: "**[Challenge 2]**:", open: true, meeting: false, owner: "?[Who's responsible]", ownerRange: "[Who's responsible]", due: "?[When we'll resolve]", dueRange: "[When we'll resolve]" },
    ]);
  });

  it('reads filled-in items: owner forms, due forms, dates without a year take the document year', () => {
    assert.deepEqual(actions(qbr(FILLED_CHALLENGES + '\n' + FILLED_NEXT_STEPS)), [
      { line: '**Salesforce referrals at 56% of target**:', open: true, meeting: false, owner: 'Dana Smith', ownerRange: 'Dana Smith', due: '2026-12-15', dueRange: 'Dec 15, 2026' },
      { line: 'Schedule enablement session - Owner: Dana Smith, Due: Dec 1, 2026', open: true, meeting: false, owner: 'Dana Smith', ownerRange: 'Dana Smith', due: '2026-12-01', dueRange: 'Dec 1, 2026' },
      { line: 'Draft co-selling plan - Owner - Lee Wong, Due: 2026-12-10', open: true, meeting: false, owner: 'Lee Wong', ownerRange: 'Lee Wong', due: '2026-12-10', dueRange: '2026-12-10' },
      { line: '**Owner**: Priya Patel, **Due**: Jan 15, 2027 — Dreamforce proposal', open: true, meeting: false, owner: 'Priya Patel', ownerRange: 'Priya Patel', due: '2027-01-15', dueRange: 'Jan 15, 2027' },
    ]);
  });

  it('reads more owner and due spellings', () => {
    const got = actions(
      qbr(`## Action Items
- **Owner:** Dana, **Due:** Friday, Dec 4, 2026
- Ship the connector by Jan 15 @lee.wong
- Send recap @dana due on 12/1
- Owner: Dana by end of Q4
- Review (Owner: Lee Wong) Deadline: 2026-12-01
- Fix sync, Owner: **Dana**, Due: TBD
- Owners: Dana / Lee; Timeline: Q3
- Intro call, driven by Q3 budget cuts, Owner: Dana
- Call partner@example.com
`),
    );
    assert.deepEqual(
      got.map((a) => [a.owner, a.due, a.dueRange]),
      [
        ['Dana', '2026-12-04', 'Friday, Dec 4, 2026'],
        ['@lee.wong', '2026-01-15', 'Jan 15'],
        ['@dana', '2026-12-01', '12/1'],
        ['Dana', '2026-12-31', 'end of Q4'],
        ['Lee Wong', '2026-12-01', '2026-12-01'],
        ['Dana', '?TBD', 'TBD'],
        ['Dana / Lee', '2026-09-30', 'Q3'],
        ['Dana', null, null],
        [null, null, null],
      ],
    );
  });

  it('takes task items anywhere; nested items (tasks too) belong to their parent; other sections are not actions', () => {
    const got = actions(
      qbr(`## Key Wins
1. Joint case study published
   - [ ] Follow-up webinar - Owner: Lee, Due: Dec 2, 2026

## Next Steps
- Launch co-selling - Owner: Dana
  - [ ] Pick 10 accounts - Owner: Lee, Due: Dec 1, 2026
  - Draft the plan

## Risks and Mitigations
- [x] Renewal terms agreed - Owner: Dana, Due: 2026-10-01
`),
    );
    assert.deepEqual(
      got.map((a) => [a.line, a.open, a.owner, a.due]),
      [
        ['Follow-up webinar - Owner: Lee, Due: Dec 2, 2026', true, 'Lee', '2026-12-02'],
        ['Launch co-selling - Owner: Dana', true, 'Dana', '2026-12-01'],
        ['Renewal terms agreed - Owner: Dana, Due: 2026-10-01', false, 'Dana', '2026-10-01'],
      ],
    );
  });

  it('matches headings loosely (emoji, emphasis, &, parenthetical, deeper headings) and ignores code', () => {
    const got = actions(
      qbr(`## 🚀 **Challenges & Actions** (Q3)
### Partner side
- Referrals low - Owner: Dana, Timeline: Q4 2026

## Next Steps
- Send deck \`Owner: Dana\` \`Due: Jan 5\`

\`\`\`markdown
- [ ] Example task - Owner: [Name], Due: [Date]
\`\`\`

- Recap <!-- Owner: Lee --> soon
`),
    );
    assert.deepEqual(
      got.map((a) => [a.line, a.owner, a.due]),
      [
        ['Referrals low - Owner: Dana, Timeline: Q4 2026', 'Dana', '2026-12-31'],
        ['Send deck `Owner: Dana` `Due: Jan 5`', null, null],
        ['Recap <!-- Owner: Lee --> soon', null, null],
      ],
    );
  });

  it('reads the status report "Next meeting" line: its date is the value after the colon', () => {
    assert.deepEqual(
      actions(statusReport(STATUS_NEXT_STEPS)).map((a) => [a.meeting, a.owner, a.due]),
      [
        [false, '?[Name]', '?[Date]'],
        [false, '?[Name]', '?[Date]'],
        [true, null, '?[Date and agenda]'],
      ],
    );
    assert.deepEqual(
      actions(statusReport('## Next Steps\n- [ ] **Next meeting** - Dec 3, 2026: pipeline review\n')).map((a) => [a.meeting, a.due]),
      [[true, '2026-12-03']],
    );
  });

  it('uses the document year (Quarter field) for dates without one, and dmy when configured', () => {
    const doc = `# Partnership QBR: Acme + Globex\n**Quarter**: Q2 2025\n\n## Next Steps\n- A - Owner: Dana, Due: 3/4\n- B - Owner: Dana, Due: Mar 4\n`;
    assert.deepEqual(actions(doc).map((a) => a.due), ['2025-03-04', '2025-03-04']);
    assert.deepEqual(actions(doc, { dateOrder: 'dmy' }).map((a) => a.due), ['2025-04-03', '2025-03-04']);
  });
});

table('action-missing-owner', [
  { name: 'QBR Next Steps template: placeholder owners', text: qbr(QBR_NEXT_STEPS), expect: [[5, 3, 5, 47], [6, 3, 6, 47], [7, 3, 7, 47]] },
  { name: 'QBR Challenges template: placeholder owner in a sub-bullet, reported on the challenge line', text: qbr(QBR_CHALLENGES), expect: [[5, 4, 5, 22], [12, 4, 12, 22]] },
  { name: 'issue Action Plan template', text: ISSUE_ACTION_PLAN, expect: [[8, 7, 8, 51], [9, 7, 9, 51], [10, 7, 10, 51]] },
  { name: 'status report Next Steps template: the meeting line is a task item and needs an owner too (spec §4)', text: statusReport(STATUS_NEXT_STEPS), expect: [[5, 7, 5, 51], [6, 7, 6, 51], [7, 7, 7, 40]] },
  { name: 'filled in', text: qbr(FILLED_CHALLENGES + '\n' + FILLED_NEXT_STEPS), expect: [] },
  { name: 'no owner at all', text: qbr('## Next Steps\n- Send the deck, Due: Dec 1, 2026\n'), expect: [[5, 3, 5, 34]] },
  { name: 'empty owner and TBD owner', text: qbr('## Next Steps\n- A - Owner:, Due: Dec 1, 2026\n- B - Owner: TBD\n'), expect: [[5, 3, 5, 31], [6, 3, 6, 17]] },
  { name: '@handle owner', text: qbr('## Next Steps\n- Send the deck @dana, Due: Dec 1, 2026\n'), expect: [] },
  { name: 'an e-mail address is not an owner', text: qbr('## Next Steps\n- Mail partner@example.com\n'), expect: [[5, 3, 5, 27]] },
  { name: 'task items anywhere in the document (a ticked one is done: it needs no owner)', text: qbr('## Key Wins\n- [ ] Publish case study\n- [x] Webinar held\n- Plain bullet\n'), expect: [[5, 7, 5, 25]] },
  { name: 'nested sub-bullets are not items of their own', text: qbr('## Next Steps\n- Launch co-selling\n  - [ ] Pick accounts\n  - Draft plan\n'), expect: [[5, 3, 5, 20]] },
  { name: 'an owner in a nested line counts for the item', text: qbr('## Next Steps\n- Launch co-selling\n  - Owner: Dana\n'), expect: [] },
  { name: 'owner inside code does not count', text: qbr('## Next Steps\n- Send `Owner: Dana`\n'), expect: [[5, 3, 5, 21]] },
  { name: 'task items in fenced code are not items', text: qbr('## Next Steps\n```\n- [ ] A - Owner: [Name]\n```\n'), expect: [] },
  { name: 'empty item: reported on its marker', text: qbr('## Next Steps\n-\n'), expect: [[5, 1, 5, 2]] },
  { name: 'task item starting with emphasis: reported after the checkbox', text: qbr('## Key Wins\n- [ ] **Case study**\n'), expect: [[5, 7, 5, 21]] },
  { name: 'not a partnership document: nothing', text: '# README\n\n- [ ] Write docs\n', expect: [] },
  { name: 'lintAllMarkdown opts in', text: '# README\n\n- [ ] Write docs\n', config: { lintAllMarkdown: true }, expect: [[3, 7, 3, 17]] },
  { name: 'suppressed with a comment', text: qbr('## Next Steps\n<!-- partnership-docs-disable-next-line action-missing-owner -->\n- Send the deck, Due: Dec 1, 2026\n'), expect: [] },
]);

table('action-missing-due', [
  { name: 'QBR Next Steps template: placeholder dues', text: qbr(QBR_NEXT_STEPS), expect: [[5, 3, 5, 47], [6, 3, 6, 47], [7, 3, 7, 47]] },
  { name: 'QBR Challenges template: placeholder Timeline', text: qbr(QBR_CHALLENGES), expect: [[5, 4, 5, 22], [12, 4, 12, 22]] },
  { name: 'status report template: the meeting line needs a date too', text: statusReport(STATUS_NEXT_STEPS), expect: [[5, 7, 5, 51], [6, 7, 6, 51], [7, 7, 7, 40]] },
  { name: 'filled in', text: qbr(FILLED_CHALLENGES + '\n' + FILLED_NEXT_STEPS), expect: [] },
  { name: 'no due at all', text: qbr('## Next Steps\n- Send the deck - Owner: Dana\n'), expect: [[5, 3, 5, 30]] },
  { name: 'TBD and empty dues count as missing', text: qbr('## Next Steps\n- A - Owner: Dana, Due: TBD\n- B - Owner: Dana, Due:\n'), expect: [[5, 3, 5, 28], [6, 3, 6, 24]] },
  { name: 'by DATE and Timeline: DATE count', text: qbr('## Next Steps\n- Ship by Dec 15, 2026 - Owner: Dana\n- Plan - Owner: Dana\n  - Timeline: Q4 2026\n'), expect: [] },
  { name: '"by" without a date is prose, not a due', text: qbr('## Next Steps\n- Campaign driven by marketing - Owner: Dana\n'), expect: [[5, 3, 5, 45]] },
  { name: 'a done item needs no due date any more', text: qbr('## Next Steps\n- [x] Kickoff held - Owner: Dana\n- [X] Deck sent\n'), expect: [] },
  { name: 'an open item after a done one still does', text: qbr('## Next Steps\n- [x] Kickoff held\n- [ ] Deck sent - Owner: Dana\n'), expect: [[6, 7, 6, 30]] },
  { name: 'meeting with a date', text: statusReport('## Next Steps\n- [ ] Next meeting: Dec 3, 2026 - pipeline review\n'), expect: [] },
]);

table('action-invalid-due', [
  { name: 'Timeline: 2 weeks', text: qbr('## Next Steps\n- Plan - Owner: Dana, Timeline: 2 weeks\n'), expect: [[5, 33, 5, 40]] },
  { name: 'Timeline: ongoing (in a challenge sub-bullet)', text: qbr('## Challenges and Actions\n1. **Low referrals**:\n   - Owner: Dana\n   - Timeline: ongoing\n'), expect: [[7, 16, 7, 23]] },
  { name: 'Due: ASAP, then more fields', text: qbr('## Next Steps\n- A - Due: ASAP, Owner: Dana\n'), expect: [[5, 12, 5, 16]] },
  { name: 'impossible calendar date', text: qbr('## Next Steps\n- A - Owner: Dana, Due: 2026-02-30\n'), expect: [[5, 25, 5, 35]] },
  { name: 'dates in every accepted form are valid', text: qbr('## Next Steps\n- A @dana Due: 2026-12-15\n- B @dana Due: Dec 15, 2026\n- C @dana Due: December 15, 2026\n- D @dana Due: 15 Dec 2026\n- E @dana Due: 12/15/2026\n- F @dana Timeline: Q4 2026\n- G @dana Timeline: end of Q4 2026\n- H @dana Due: Dec 15\n- I @dana Due: December 2026\n'), expect: [] },
  { name: 'placeholder dues are missing, not invalid', text: qbr(QBR_NEXT_STEPS + '\n' + QBR_CHALLENGES), expect: [] },
  { name: 'dmy: 15/12/2026 is valid, 12/15/2026 is not', text: qbr('## Next Steps\n- A @dana Due: 15/12/2026\n- B @dana Due: 12/15/2026\n'), config: { dateOrder: 'dmy' }, expect: [[6, 16, 6, 26]] },
  { name: 'mdy: 15/12/2026 is not valid', text: qbr('## Next Steps\n- A @dana Due: 15/12/2026\n'), expect: [[5, 16, 5, 26]] },
  { name: 'due inside code is ignored', text: qbr('## Next Steps\n- A @dana `Due: someday` by 2026-12-15\n'), expect: [] },
]);

table('action-overdue', [
  { name: 'open item past its due date', text: qbr('## Next Steps\n- A - Owner: Dana, Due: Jan 15, 2026\n'), expect: [[5, 25, 5, 37]] },
  { name: 'done items are never overdue', text: qbr('## Next Steps\n- [x] A - Owner: Dana, Due: Jan 15, 2026\n- [X] B - Owner: Dana, Due: Jan 15, 2026\n'), expect: [] },
  { name: 'CRLF line endings', text: qbr('## Next Steps\n- A - Owner: Dana, Due: Jan 15, 2026\n').replace(/\n/g, '\r\n'), expect: [[5, 25, 5, 37]] },
  { name: 'open task item anywhere', text: qbr('## Key Wins\n- [ ] Case study - Owner: Dana, Due: 2026-11-23\n'), expect: [[5, 38, 5, 48]] },
  { name: 'due today is not overdue; tomorrow neither', text: qbr('## Next Steps\n- A @dana Due: 2026-11-24\n- B @dana Due: 2026-11-25\n'), expect: [] },
  { name: '--today moves the line', text: qbr('## Next Steps\n- A @dana Due: 2026-11-24\n'), today: '2026-11-25', expect: [[5, 16, 5, 26]] },
  { name: '--today before the due date', text: qbr('## Next Steps\n- A - Owner: Dana, Due: Jan 15, 2026\n'), today: '2026-01-01', expect: [] },
  { name: 'Timeline: end of Q3 2026 is Sep 30', text: qbr(FILLED_CHALLENGES.replace('Dec 15, 2026', 'end of Q3 2026')), expect: [[10, 16, 10, 30]] },
  { name: 'a date without a year takes the Quarter field year (Q3 2026)', text: qbr('## Next Steps\n- A @dana Due: Mar 4\n'), expect: [[5, 16, 5, 21]] },
  { name: 'a date without a year, Quarter in 2027: not yet due', text: '# Partnership QBR: A + B\n**Quarter**: Q1 2027\n\n## Next Steps\n- A @dana Due: Mar 4\n', expect: [] },
  { name: 'dmy: 4/3/2026 is 4 March', text: qbr('## Next Steps\n- A @dana Due: 4/3/2026\n'), config: { dateOrder: 'dmy' }, expect: [[5, 16, 5, 24]] },
  { name: 'by DATE in the first line', text: qbr('## Next Steps\n- Ship by Nov 1, 2026 @dana\n'), expect: [[5, 11, 5, 22]] },
  { name: 'the status report meeting in the past', text: statusReport('## Next Steps\n- [ ] Next meeting: Nov 3, 2026 - pipeline review\n'), expect: [[5, 21, 5, 32]] },
  { name: 'invalid and placeholder dues are not overdue', text: qbr('## Next Steps\n- A @dana Due: someday\n- B @dana Due: [Date]\n'), expect: [] },
]);

const ROSTER: PartialConfig = { owners: ['Dana Smith', 'Lee Wong', 'Priya Patel'] };
table('action-unknown-owner', [
  { name: 'no roster: no check', text: qbr('## Next Steps\n- A - Owner: Bob, Due: Dec 1, 2026\n'), expect: [] },
  { name: 'owner not on the roster', text: qbr('## Next Steps\n- A - Owner: Dana Smth, Due: Dec 1, 2026\n'), config: ROSTER, expect: [[5, 14, 5, 23]] },
  {
    name: 'known owners: any case, @handles, first names',
    text: qbr('## Next Steps\n- A - Owner: dana smith\n- B @lee.wong\n- C @priya-patel\n- D @danasmith\n- E - Owner: Lee\n- F @priya\n- G - **Owner**: Priya Patel\n'),
    config: ROSTER,
    expect: [],
  },
  { name: 'ambiguous first name is not enough', text: qbr('## Next Steps\n- A - Owner: Dana\n'), config: { owners: ['Dana Smith', 'Dana Jones'] }, expect: [[5, 14, 5, 18]] },
  { name: 'unknown @handle', text: qbr('## Next Steps\n- A @bob\n'), config: ROSTER, expect: [[5, 5, 5, 9]] },
  { name: 'several owners checked one by one', text: qbr('## Next Steps\n- A - Owner: Dana Smith / Bob & Lee Wong\n'), config: ROSTER, expect: [[5, 27, 5, 30]] },
  { name: 'placeholders are left to action-missing-owner', text: qbr(QBR_NEXT_STEPS), config: ROSTER, expect: [] },
]);

describe('action-unknown-owner suggestions', () => {
  it('offers the closest roster names, best first, and never as an automatic fix', () => {
    const text = qbr('## Next Steps\n- A - Owner: Dana Smth, Due: Dec 1, 2026\n');
    const [f] = run(text, { config: { owners: ['Lee Wong', 'Dana Smith', 'Priya Patel', 'Dan Smithers'] } }).filter((x) => x.ruleId === 'action-unknown-owner');
    assert.ok(f);
    assert.equal(f.fix, undefined);
    assert.equal(f.message, 'Owner “Dana Smth” is not in the owners roster; expected a configured owner such as “Dana Smith”.');
    assert.deepEqual(f.suggestions?.map((s) => s.title), ['Replace with “Dana Smith”', 'Replace with “Dan Smithers”', 'Replace with “Lee Wong”']);
    assert.deepEqual(f.suggestions?.[0]?.edits.map(lineColumn), [{ line: 5, column: 14, endLine: 5, endColumn: 23, text: 'Dana Smith' }]);
  });
});

describe('action messages', () => {
  const find = (text: string, id: string, today?: string) => run(text, today ? { today } : {}).filter((f) => f.ruleId === id).map((f) => f.message);
  it('overdue says by how many days and the due date', () => {
    assert.deepEqual(find(qbr('## Next Steps\n- A @dana Due: 2026-01-15\n'), 'action-overdue'), ['Overdue by 313 days (due 2026-01-15)']);
    assert.deepEqual(find(qbr('## Next Steps\n- A @dana Due: 2026-11-23\n'), 'action-overdue'), ['Overdue by 1 day (due 2026-11-23)']);
  });
  it('invalid due says which formats are accepted (in the configured order)', () => {
    assert.deepEqual(find(qbr('## Next Steps\n- A @dana Timeline: 2 weeks\n'), 'action-invalid-due'), [
      'Unexpected due date “2 weeks”; expected a date such as 2026-01-15, Jan 15, 2026, 15 Jan 2026, 1/15/2026, Q3 2026 or end of Q3 2026.',
    ]);
  });
  it('missing owner / due distinguish placeholders from absence', () => {
    assert.deepEqual(find(qbr('## Next Steps\n- A - Owner: [Name]\n- B\n'), 'action-missing-owner'), [
      'Action item owner is a placeholder “[Name]”; expected a person\'s name (“Owner: NAME” or @name).',
      'Action item has no owner; expected “Owner: NAME”, “Owner - NAME” or @name.',
    ]);
    assert.deepEqual(find(qbr('## Next Steps\n- A @dana Due: [Date]\n- B @dana\n'), 'action-missing-due'), [
      'Action item due date is a placeholder “[Date]”; expected a date such as “Due: 2026-01-15”.',
      'Action item has no due date; expected “Due: DATE”, “Timeline: DATE” or “by DATE”.',
    ]);
  });
});

describe('action rules metadata', () => {
  it('are registered with their ids, severities and fixability', () => {
    const meta = Object.fromEntries(rules.filter((r) => r.id.startsWith('action-')).map((r) => [r.id, [r.defaultSeverity, r.fixable]]));
    assert.deepEqual(meta, {
      'action-missing-owner': ['warning', 'suggestion'],
      'action-missing-due': ['warning', 'suggestion'],
      'action-invalid-due': ['warning', false],
      'action-overdue': ['warning', false],
      'action-unknown-owner': ['warning', 'suggestion'],
      'action-carried-over': ['warning', false], // cross-document (lintWorkspace)
    });
  });
  it('can be switched off or re-graded per rule', () => {
    const text = qbr('## Next Steps\n- A\n');
    const ids = (config: PartialConfig) => run(text, { config }).filter((f) => f.ruleId.startsWith('action-')).map((f) => `${f.ruleId}:${f.severity}`);
    assert.deepEqual(ids({}), ['action-missing-due:warning', 'action-missing-owner:warning']);
    assert.deepEqual(ids({ rules: { 'action-missing-owner': 'off', 'action-missing-due': 'error' } }), ['action-missing-due:error']);
  });
});

describe('action-missing-owner / action-missing-due suggestions', () => {
  const doc = qbr(`## Challenges and Actions
1. **Revenue behind plan**:
   - Impact: Q2 pipeline
   - Timeline: 2030-06-30

## Next Steps
- [ ] Send the deck
- [ ] Book the venue - Due: 2030-01-01
- [ ] Call Lee - Owner: [Name], Due: [Date]
`);
  const suggested = (ruleId: string) => lint(doc, { today: TODAY }).findings.filter((f) => f.ruleId === ruleId)
    .map((f) => ({ line: doc.slice(f.startOffset, f.endOffset), title: f.suggestions![0]!.title, after: applyEdits(doc, f.suggestions![0]!.offsetEdits) }));

  it('adds “Owner: [Name]” where the item keeps its fields: a sub-bullet, the line end, after another field', () => {
    const s = suggested('action-missing-owner');
    const challenge = s.find((x) => x.line.startsWith('**Revenue'))!;
    assert.equal(challenge.title, 'Add “Owner: …”');
    assert.ok(challenge.after.includes('   - Timeline: 2030-06-30\n   - Owner: [Name]\n'), challenge.after);
    assert.ok(s.find((x) => x.line === 'Send the deck')!.after.includes('- [ ] Send the deck - Owner: [Name]\n'));
    assert.ok(s.find((x) => x.line.startsWith('Book the venue'))!.after.includes('- [ ] Book the venue - Due: 2030-01-01, Owner: [Name]\n'));
  });

  it('a placeholder owner or due date: “Fill in …”, an edit that changes nothing in the text (the editor selects it)', () => {
    const owner = suggested('action-missing-owner').find((x) => x.line.startsWith('Call Lee'))!;
    assert.equal(owner.title, 'Fill in the owner');
    assert.equal(owner.after, doc);
    const due = suggested('action-missing-due').find((x) => x.line.startsWith('Call Lee'))!;
    assert.equal(due.title, 'Fill in the due date');
    assert.ok(suggested('action-missing-due').find((x) => x.line === 'Send the deck')!.after.includes('- [ ] Send the deck - Due: [Date]\n'));
  });

  it('a scaffold reports each placeholder once: [Name] / [Date] by the action rules, not also as unfilled placeholders', () => {
    const findings = lint(doc, { today: TODAY }).findings;
    const callLee = doc.indexOf('Call Lee');
    assert.deepEqual(findings.filter((f) => f.startOffset >= callLee).map((f) => f.ruleId).sort(), ['action-missing-due', 'action-missing-owner']);
    // With the action rules off, placeholder-unfilled reports them.
    const off = lint(doc, { today: TODAY, config: { rules: { 'action-missing-owner': 'off', 'action-missing-due': 'off' } } }).findings;
    assert.equal(off.filter((f) => f.startOffset >= callLee && f.ruleId === 'placeholder-unfilled').length, 2);
  });
});

describe('action suggestions are section-local', () => {
  it('a new sub-bullet takes the line ending of its item, not of the rest of the document (cache = fresh lint)', () => {
    const text = qbr('## Challenges and Actions\n1. **Churn**:\n   - Impact: renewals\n');
    const crlfElsewhere = `\r\n${text}`;
    const cache = createCache(1 << 22);
    lint(text, { today: TODAY, cache });
    const cached = lint(crlfElsewhere, { today: TODAY, cache }).findings;
    const fresh = lint(crlfElsewhere, { today: TODAY, cache: false }).findings;
    assert.deepEqual(cached, fresh);
    const owner = fresh.find((f) => f.ruleId === 'action-missing-owner')!;
    assert.equal(owner.suggestions![0]!.offsetEdits[0]!.text, '\n   - Owner: [Name]');
    const crlfItem = lint(text.replace(/\n/g, '\r\n'), { today: TODAY }).findings.find((f) => f.ruleId === 'action-missing-owner')!;
    assert.equal(crlfItem.suggestions![0]!.offsetEdits[0]!.text, '\r\n   - Owner: [Name]');
  });
});

// ---------------------------------------------------------------------------------------------
// Real documents (spec §9, issue #11)

/** A dated meeting-notes style status report. */
function dated(body: string, date = 'Nov 17, 2026'): string {
  return `# Partnership Status Report: Acme + Globex\n**Date**: ${date}\n\n${body}`;
}

describe('owners as people write them (spec §9)', () => {
  it('reads a leading name, a subject, bold names, a parenthesis and a trailing dash', () => {
    const got = actions(
      dated(`## Action Items
- Priya: send the deck
- Priya Shah: confirm the pricing
- Legal to review the MSA
- Globex to share the forecast
- Sam will book the room
- Priya and Sam to draft the joint plan
- **Priya** to draft the FAQ
- **Priya:** update the CRM
- Book the enablement slot (Priya)
- Refresh the co-sell list (Owner: Priya)
- Update the pricing page — P. Shah
- Draft the case study - Priya S.
`),
    );
    assert.deepEqual(
      got.map((a) => a.owner),
      ['Priya', 'Priya Shah', 'Legal', 'Globex', 'Sam', 'Priya and Sam', 'Priya', 'Priya', 'Priya', 'Priya', 'P. Shah', 'Priya S.'],
    );
  });

  it('labels, pronouns, verbs and passive subjects are not owners', () => {
    const got = actions(
      dated(`## Action Items
- Note: the partner is reorganising
- Update: pricing is final
- Q3: numbers are in
- Risk: budget cut
- Context: new VP at Globex
- Next Steps: see below
- Send to legal for review
- Move to the new tier
- Talk to Priya about the renewal
- We will send the recap
- Pricing to be finalised
- Check the (EMEA) numbers
- Review pricing - Q3
- Call Globex — Urgent
`),
    );
    assert.deepEqual(got.map((a) => a.owner), Array(14).fill(null));
  });

  it('an explicit owner wins; a placeholder owner is not overridden by phrasing', () => {
    const got = actions(dated('## Next Steps\n- Priya: send the deck @lee\n- Dana to send the deck - Owner: TBD\n'));
    assert.deepEqual(got.map((a) => a.owner), ['@lee', '?TBD']);
  });
});

describe('owners and dues written around a team or an event (held-out documents, issue #11)', () => {
  it('a company’s team as subject is the owner; team words alone still label a line', () => {
    const got = actions(
      dated(`## Next Steps
- Brightwater Partner Ops to share the referral forecast
- Acme Legal to review the MSA
- Partner Ops to share the forecast
- Partner to share the forecast
`),
    );
    assert.deepEqual(got.map((a) => a.owner), ['Brightwater Partner Ops', 'Acme Legal', null, null]);
  });

  it('by a named event, then its date: the date is the due date; an event alone or a later number is none', () => {
    const got = actions(
      dated(`## Next Steps
- Morwenna to share the analysis by the roadshow kick-off, 8 December
- Sam to book the venue by the board meeting (Dec 9)
- Lee to send the deck by the offsite on 12 Jan 2027
- Kai to draft the plan by the roadshow kick-off
- Ana to review pricing by the 3 regional leads, 40 accounts
`),
    );
    assert.deepEqual(got.map((a) => a.due), ['2026-12-08', '2026-12-09', '2027-01-12', null, null]);
  });
});

describe('owner labels that trackers export (issue #11)', () => {
  it('Assignee, Assigned to, DRI and Responsible name the owner; a sentence about responsibility does not', () => {
    const got = actions(
      dated(`## Next Steps
- [ ] Send the deck - Assignee: Dana, Due: Dec 1, 2026
- [ ] Book the room - Assigned to: Lee, Due: Dec 2, 2026
- [ ] Draft the FAQ (DRI: Priya, Dec 3)
- [ ] Update the CRM - Responsible: Sam - Due: Dec 4, 2026
- [ ] Decide who is responsible for the renewal by Dec 5, 2026
`),
    );
    assert.deepEqual(got.map((a) => [a.owner, a.due]), [
      ['Dana', '2026-12-01'], ['Lee', '2026-12-02'], ['Priya', '2026-12-03'], ['Sam', '2026-12-04'], [null, '2026-12-05'],
    ]);
  });
});

describe('due dates as people write them (spec §9)', () => {
  it('in a dated document: a month alone, EOM / EOQ / EOY, a year-less date, a parenthesis', () => {
    const got = actions(
      dated(`## Next Steps
- Priya: confirm pricing by November
- Priya: refresh the list by October
- Sam: book the room (EOM)
- Sam: draft the plan by end of quarter
- Sam: recap by EOY
- Globex to share the forecast by Oct 3
- Lee: send the deck (Priya, Nov 30)
- Lee: scope the pilot (Q2 2027)
- Lee: ship the connector (November)
- Lee: send the recap next week
- Lee: renew by Friday
- Lee: close out - Dana, Dec 4
`),
    );
    assert.deepEqual(
      got.map((a) => [a.due, a.dueRange]),
      [
        ['2026-11-30', 'November'],
        ['2027-10-31', 'October'],
        ['2026-11-30', 'EOM'],
        ['2026-12-31', 'end of quarter'],
        ['2026-12-31', 'EOY'],
        ['2026-10-03', 'Oct 3'],
        ['2026-11-30', 'Nov 30'],
        ['2027-06-30', 'Q2 2027'],
        ['2026-11-30', 'November'],
        ['!next week', 'next week'],
        ['!Friday', 'Friday'],
        ['2026-12-04', 'Dec 4'],
      ],
    );
  });

  it('without a document date: EOM has no day (not invalid, not missing, never overdue); a period dates a month alone', () => {
    const undatedDoc = '# Partnership QBR: Acme + Globex\n\n## Next Steps\n- A @dana by EOM\n- B @dana by November\n';
    assert.deepEqual(actions(undatedDoc).map((a) => a.due), ['!EOM', '!November']);
    for (const id of ['action-missing-due', 'action-invalid-due', 'action-overdue']) assert.deepEqual(spansOf(undatedDoc, id), [], id);
    assert.deepEqual(actions(qbr('## Next Steps\n- A @dana by February\n- B @dana by August\n')).map((a) => a.due), ['2027-02-28', '2026-08-31']);
  });
});

describe('owner and due split across a parenthesis and a trailing dash; team subjects; end of a month (spec §9)', () => {
  it('reads each part where it is written', () => {
    const got = actions(
      dated(`## Next Steps
- [ ] Scope the connector certification with Larchmont product (Tomás) — Dec 15
- [x] Priya: build the joint FY27 plan with the alliance lead — Dec 11 (draft agreed Sep 17)
- [ ] Send the webinar run-of-show to field marketing (Dana) — Oct 3
- Refresh the certification track for Workflow 7 (Jonas) — December
- Halcyon channel ops to clean up the duplicate deal registrations by end of November
- Acme legal will countersign the addendum - Dec 2
- Lee: wrap up the pilot end of November
`),
    );
    assert.deepEqual(
      got.map((a) => [a.owner, a.due, a.dueRange]),
      [
        ['Tomás', '2026-12-15', 'Dec 15'],
        ['Priya', '2026-12-11', 'Dec 11'],
        ['Dana', '2026-10-03', 'Oct 3'],
        ['Jonas', '2026-12-31', 'December'],
        ['Halcyon channel ops', '2026-11-30', 'end of November'],
        ['Acme legal', '2026-12-02', 'Dec 2'],
        ['Lee', '2026-11-30', 'end of November'],
      ],
    );
    const t = dated('## Next Steps\n- [ ] Send the run-of-show (Dana) — Oct 3\n');
    assert.deepEqual(spansOf(t, 'action-overdue').length, 1);
    assert.deepEqual(spansOf(t, 'action-missing-due'), []);
  });

  it('look-alikes stay as they were: no owner, no due', () => {
    const got = actions(
      dated(`## Next Steps
- Send the deck — see notes (internal)
- Globex budget to be confirmed
- Partner marketing to send the recap
- Review the March launch plan (Q&A)
- Acme weekly to review pipeline
`),
    );
    assert.deepEqual(got.map((a) => [a.owner, a.due]), [[null, null], [null, null], [null, null], [null, null], [null, null]]);
  });

  it('lists under an Example heading illustrate, they are no one\'s actions', () => {
    const t = dated('## Next Steps\n- [ ] Send the deck - Owner: Dana, Due: Dec 1, 2026\n\n### Example next steps\n- [ ] [Action] - Owner: [Name], Due: [Date]\n\n## Examples\n- [ ] Call Globex\n');
    assert.deepEqual(actions(t).map((a) => a.line), ['Send the deck - Owner: Dana, Due: Dec 1, 2026']);
  });
});

function spansOf(text: string, ruleId: string, config?: PartialConfig) {
  return run(text, { config }).filter((f) => f.ruleId === ruleId).map((f) => [f.line, f.column, f.endLine, f.endColumn]);
}

const REGISTER = dated(`## Action Register

| # | Action | Owner | Due | Status |
|---|--------|-------|-----|--------|
| 1 | Send MSA redlines | Priya | Oct 3 | Open |
| 2 | Book kickoff | | Nov 1, 2026 | ✅ Done |
| 3 | Joint webinar | TBD | TBD | In progress |
| 4 | Refresh co-sell list | Sam | ongoing | Open |
| 5 | Plan Q1 | Sam | next week | |
| 6 | Close the loop | Dana | ~~Nov 3~~ Nov 12 | Cancelled |
| 7 | Pilot review | Dana | Nov 10 | Blocked |
`);

describe('action registers written as tables (spec §9)', () => {
  it('each row is an action item: owner and due from their cells, the Status column closes a row', () => {
    assert.deepEqual(
      actions(REGISTER).map((a) => [a.line, a.open, a.owner, a.due]),
      [
        ['Send MSA redlines', true, 'Priya', '2026-10-03'],
        ['Book kickoff', false, null, '2026-11-01'],
        ['Joint webinar', true, '?TBD', '?TBD'],
        ['Refresh co-sell list', true, 'Sam', '!ongoing'],
        ['Plan Q1', true, 'Sam', '!next week'],
        ['Close the loop', false, 'Dana', '2026-11-12'],
        ['Pilot review', true, 'Dana', '2026-11-10'],
      ],
    );
  });

  it('findings go on the row: missing owner / due on the action cell, overdue / invalid on the due cell', () => {
    assert.deepEqual(spansOf(REGISTER, 'action-overdue'), [[8, 35, 8, 40], [14, 29, 14, 35]]);
    // Row 2 (no owner) is Done: a finished row needs no owner any more.
    assert.deepEqual(spansOf(REGISTER, 'action-missing-owner'), [[10, 7, 10, 20]]);
    assert.deepEqual(spansOf(REGISTER, 'action-missing-due'), [[10, 7, 10, 20]]);
    assert.deepEqual(spansOf(REGISTER, 'action-invalid-due'), [[11, 36, 11, 43]]);
  });

  it('a table without an owner (due) column reports no missing owner (due); an owner in the action text counts', () => {
    const t = dated('## Next Steps\n\n| Action | Due |\n|---|---|\n| Send the deck | Dec 1, 2026 |\n| Priya to call Globex | Dec 2, 2026 |\n');
    assert.deepEqual(actions(t).map((a) => a.owner), [null, 'Priya']);
    assert.deepEqual(spansOf(t, 'action-missing-owner'), []);
    const u = dated('| Task | Owner |\n|---|---|\n| Send the deck | Dana |\n');
    assert.deepEqual(spansOf(u, 'action-missing-due'), []);
  });

  it('other names of the columns; tables that are not registers', () => {
    const t = dated(`| Deliverable | DRI | Target date | State |
|---|---|---|---|
| Joint case study | Lee | Oct 1, 2026 | Shipped |
| Co-sell playbook | Lee | Oct 1, 2026 | Drafting |

| When | What | Who |
|---|---|---|
| 10:00 | Intro | Dana |

| Metric | Target | Actual | Owner |
|---|---|---|---|
| Item count | 10 | 8 | Dana |

| Item | Owner | Notes |
|---|---|---|
| Booth | Dana | a log, not a register |
`);
    assert.deepEqual(actions(t).map((a) => [a.line, a.open]), [['Joint case study', false], ['Co-sell playbook', true]]);
  });

  it('suggestions: an empty cell gets the placeholder with the table re-padded; other text gets none', () => {
    const t = dated(`## Next Steps

| Action        | Owner | Due         |
|---------------|-------|-------------|
| Send the deck |       | Dec 1, 2026 |
| Book the room | Dana  | soonish     |
`);
    const owner = run(t).find((f) => f.ruleId === 'action-missing-owner')!;
    assert.equal(owner.suggestions?.[0]?.title, 'Fill in the owner cell');
    const fixed = applyEdits(t, owner.suggestions![0]!.offsetEdits);
    assert.match(fixed, /\| Action {8}\| Owner {2}\| Due {9}\|\n\|-{15}\|-{8}\|-{13}\|\n\| Send the deck \| \[Name\] \| Dec 1, 2026 \|/);
    assert.equal(run(t).filter((f) => f.ruleId === 'action-missing-due').length, 0);
  });
});

describe('pre-send checklists are not action plans (spec §9)', () => {
  it('task items under a checklist heading, or right under a checklist label line, are not action items', () => {
    const t = dated(`## Pre-send checklist
- [ ] Numbers checked by finance
- [ ] Deck reviewed by legal

## Next Steps
- [ ] Send the deck - Owner: Dana, Due: Dec 1, 2026

**Before sending:**

- [ ] Links work
- [ ] Attachments added

### Definition of done
- [ ] Partner signed off

## Review checklist
### Next Steps
- Call Globex
`);
    assert.deepEqual(actions(t).map((a) => a.line), ['Send the deck - Owner: Dana, Due: Dec 1, 2026', 'Call Globex']);
    assert.deepEqual(spansOf(t, 'action-missing-owner'), [[21, 3, 21, 14]]);
  });

  it('a checklist word in the item text alone does not decide', () => {
    assert.deepEqual(actions(dated('## Key Wins\n- [ ] Checklist for finance reviewed\n')).length, 1);
  });
});

describe('action-unknown-owner and owners read from phrasing', () => {
  it('checks written owners and owner cells, not names read from phrasing', () => {
    const t = dated('## Next Steps\n- Legal to review the MSA by Dec 1, 2026\n- Send deck - Owner: Bob, Due: Dec 1, 2026\n\n| Action | Owner | Due |\n|---|---|---|\n| Book room | Eve | Dec 1, 2026 |\n');
    assert.deepEqual(spansOf(t, 'action-unknown-owner', { owners: ['Dana Smith'] }), [[6, 22, 6, 25], [10, 15, 10, 18]]);
  });
});
