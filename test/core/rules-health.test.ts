/**
 * Health, required-content and header-date rules: health-score-sum, health-score-range,
 * health-score-badge, status-health-conflict, section-missing, field-invalid, renewal-window,
 * renewal-passed, next-qbr-missing. Table-driven: exact [line, column, endLine, endColumn]
 * and, for fixable rules, the exact fixed text (fixAll restricted to the rule under test).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scaffold } from '../../src/core/index.js';
import { analyze } from '../../src/core/lint.js';
import { analyzeHealth } from '../../src/core/analysis/health.js';
import { checkRuleCase, fixAll, qbr, run, statusReport, type RuleCase } from '../helpers.js';

/** An edit's line/column coordinates (lint() edits carry their offsets too). */
const lineColumn = ({ line, column, endLine, endColumn, text }: { line: number; column: number; endLine: number; endColumn: number; text: string }) => ({ line, column, endLine, endColumn, text });

/** The playbook's three templates, verbatim (shared/seeds/000_4de25af6a9ebdb71.txt). */
const PLAYBOOK_QBR = `# Partnership QBR: [Our Company] + [Partner Company]
**Quarter**: Q[X] [Year]
**Date**: [Date]
**Attendees**: [Executive sponsors, steering committee members]

## Executive Summary
[1-paragraph summary of partnership performance and key decisions]

## Performance Highlights
- **Achievement 1**: [Specific win with metrics]
- **Achievement 2**: [Specific win with metrics]
- **Achievement 3**: [Specific win with metrics]

## KPI Dashboard

| Metric | Target | Actual | Status | Trend |
|--------|--------|--------|--------|-------|
| Revenue generated | $500K | $450K | ⚠️ Yellow (90% of target) | ↗️ Improving (+20% vs. last quarter) |
| Customers acquired | 50 | 62 | ✅ Green (124% of target) | ↗️ Improving |
| Co-marketing campaigns | 4 | 4 | ✅ Green (100% of target) | → Stable |
| Partner satisfaction | 8/10 | 7.5/10 | ⚠️ Yellow (94% of target) | ↘️ Declining |

**Overall Partnership Health**: 🟡 Yellow (85% of targets met, some areas of concern)

## Key Wins
1. **[Win 1]**: [Description, impact, metrics]
2. **[Win 2]**: [Description, impact, metrics]
3. **[Win 3]**: [Description, impact, metrics]

## Challenges and Actions
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

## Upcoming Initiatives (Next Quarter)
1. [Initiative 1]: [Description, goal, timeline]
2. [Initiative 2]: [Description, goal, timeline]
3. [Initiative 3]: [Description, goal, timeline]

## Asks and Decisions Needed
1. [Decision 1]: [What needs to be decided and why]
2. [Resource ask]: [What resources or support needed]
3. [Escalation]: [Issue requiring executive attention]

## Next Steps
- [Action item 1] - Owner: [Name], Due: [Date]
- [Action item 2] - Owner: [Name], Due: [Date]
- [Action item 3] - Owner: [Name], Due: [Date]

**Next QBR**: [Date]
`;

const PLAYBOOK_ISSUE = `## Partnership Issue: [Brief Description]

**Severity**: [Critical, High, Medium, Low]
**Status**: [Open, In Progress, Resolved]
**Date Identified**: [Date]
**Impact**: [Specific impact on partnership or business]

### Problem Statement
[Clear description of the issue]

### Root Cause
[Analysis of why this is happening]

### Impact
- **Business impact**: [Revenue at risk, customer impact, etc.]
- **Relationship impact**: [Effect on partnership trust and collaboration]
- **Timeline impact**: [Delays to planned activities]

### Proposed Solutions
1. **Option 1**: [Description, pros, cons, required effort]
2. **Option 2**: [Description, pros, cons, required effort]
3. **Option 3**: [Description, pros, cons, required effort]

**Recommended**: [Which option and why]

### Action Plan
- [ ] [Action item 1] - Owner: [Name], Due: [Date]
- [ ] [Action item 2] - Owner: [Name], Due: [Date]
- [ ] [Action item 3] - Owner: [Name], Due: [Date]

### Resolution
[To be filled when issue is resolved: what was done, outcome, lessons learned]
`;

const PLAYBOOK_STATUS_REPORT = `# Partnership Status Report: [Our Company] + [Partner Company]
**Period**: [Month/Quarter Year]
**Report Date**: [Date]
**Partnership Manager**: [Name]

## Partnership Overview
- **Partnership type**: [Strategic alliance, channel, technology integration, etc.]
- **Start date**: [Date]
- **Current status**: [Active, At Risk, Thriving, Sunsetting]
- **Next renewal date**: [Date]

## Performance Summary

### KPI Dashboard
[Table showing all metrics: target, actual, status, trend]

### Overall Health Score: [X/100]
- Business performance: [X/30] (revenue, customers, leads)
- Operational execution: [X/30] (campaigns, integrations, activities)
- Relationship health: [X/25] (satisfaction, engagement, responsiveness)
- Strategic alignment: [X/15] (priorities, vision, mutual value)

🟢 Green (90-100): Partnership thriving
🟡 Yellow (70-89): Partnership on track with areas for improvement
🔴 Red (<70): Partnership at risk, immediate action required

## Recent Activities
1. [Activity 1]: [Description, date, outcome]
2. [Activity 2]: [Description, date, outcome]
3. [Activity 3]: [Description, date, outcome]

## Key Wins
1. [Win 1 with metrics and impact]
2. [Win 2 with metrics and impact]

## Open Issues
1. [Issue 1]: [Status, owner, timeline to resolve]
2. [Issue 2]: [Status, owner, timeline to resolve]

## Upcoming Milestones
- [Milestone 1]: [Date, description]
- [Milestone 2]: [Date, description]

## Risks and Mitigations
1. **[Risk 1]**: [Description, mitigation plan]
2. **[Risk 2]**: [Description, mitigation plan]

## Recommendations
[Actions to improve partnership performance or expand scope]

## Next Steps
- [ ] [Action item 1] - Owner: [Name], Due: [Date]
- [ ] [Action item 2] - Owner: [Name], Due: [Date]
- [ ] [Next meeting]: [Date and agenda]
`;

const MY_RULES = [
  'health-score-sum',
  'health-score-range',
  'health-score-badge',
  'status-health-conflict',
  'section-missing',
  'field-invalid',
  'renewal-window',
  'renewal-passed',
  'next-qbr-missing',
];

function cases(ruleId: string, table: RuleCase[]): void {
  describe(ruleId, () => {
    for (const c of table) it(c.name, () => checkRuleCase(ruleId, c));
  });
}

/** The spec §3 example with a given score line. */
function healthBlock(scoreLine: string, parts: [string, string, string, string] = ['25/30', '24/30', '20/25', '13/15']): string {
  return statusReport(
    `${scoreLine}\n` +
      `- Business performance: ${parts[0]} (revenue, customers, leads)\n` +
      `- Operational execution: ${parts[1]} (campaigns, integrations, activities)\n` +
      `- Relationship health: ${parts[2]} (satisfaction, engagement, responsiveness)\n` +
      `- Strategic alignment: ${parts[3]} (priorities, vision, mutual value)\n\n` +
      '🟢 Green (90-100): Partnership thriving\n' +
      '🟡 Yellow (70-89): Partnership on track with areas for improvement\n' +
      '🔴 Red (<70): Partnership at risk, immediate action required\n',
  );
}

describe('playbook templates', () => {
  for (const [name, text] of [
    ['QBR', PLAYBOOK_QBR],
    ['issue', PLAYBOOK_ISSUE],
    ['status report', PLAYBOOK_STATUS_REPORT],
  ] as const) {
    it(`the ${name} template verbatim gives none of these rules' findings`, () => {
      const found = run(text).filter((f) => MY_RULES.includes(f.ruleId));
      assert.deepEqual(found, []);
    });
  }
  for (const kind of ['qbr', 'status-report', 'issue'] as const) {
    it(`the ${kind} scaffold gives none of these rules' findings`, () => {
      const found = run(scaffold(kind, { partner: 'Globex' }).text).filter((f) => MY_RULES.includes(f.ruleId));
      assert.deepEqual(found, []);
    });
  }
});

describe('analyzeHealth', () => {
  it('reads the spec example: total, badge, parts with offsets', () => {
    const text = healthBlock('### Overall Health Score: 82/100 🟡 Yellow');
    const [block, ...rest] = analyzeHealth(analyze(text).ctx);
    assert.equal(rest.length, 0);
    assert.ok(block);
    assert.equal(block.total?.value, 82);
    assert.equal(text.slice(block.total!.start, block.total!.end), '82');
    assert.equal(block.totalDenominator?.value, 100);
    assert.equal(block.badge?.text, '🟡 Yellow');
    assert.equal(block.badge?.rag, 'yellow');
    assert.deepEqual(
      block.parts.map((p) => [p.key, p.score?.value, p.denominator?.value, p.max, text.slice(p.score!.start, p.score!.end)]),
      [
        ['business', 25, 30, 30, '25'],
        ['operational', 24, 30, 30, '24'],
        ['relationship', 20, 25, 25, '20'],
        ['strategic', 13, 15, 15, '13'],
      ],
    );
    assert.equal(block.sum, 82);
  });
  it('placeholders give no numbers; legend lines are not badges', () => {
    const text = healthBlock('### Overall Health Score: [X/100]', ['[X/30]', '[X/30]', '[X/25]', '[X/15]']);
    const [block] = analyzeHealth(analyze(text).ctx);
    assert.equal(block?.total, null);
    assert.equal(block?.badge, null);
    assert.equal(block?.parts.length, 4);
    assert.ok(block?.parts.every((p) => p.score === null));
    assert.equal(block?.sum, null);
  });
  it('reads a bold field score line and bold part names, case-insensitively', () => {
    const text = statusReport(
      '**Overall Health Score**: 71/100 (🟡 Yellow)\n\n* **business PERFORMANCE**: 20/30\n* Operational Execution: 21/30\n* relationship health: 18/25\n* Strategic alignment: 12/15\n',
    );
    const [block] = analyzeHealth(analyze(text).ctx);
    assert.equal(block?.total?.value, 71);
    assert.equal(block?.badge?.text, '🟡 Yellow');
    assert.equal(block?.sum, 71);
  });
  it('a heading that merely mentions the health score is not a score line', () => {
    const text = statusReport('## Health score trends\nBusiness performance: 25/30\n');
    assert.deepEqual(analyzeHealth(analyze(text).ctx), []);
  });
});

// Line 4 of statusReport()/qbr() bodies is the first body line.
cases('health-score-sum', [
  { name: 'spec example 82 = 25 + 24 + 20 + 13', text: healthBlock('### Overall Health Score: 82/100'), expect: [] },
  {
    name: 'parts add up to 82, total says 85 (suggestion only: the fix is not applied)',
    text: healthBlock('### Overall Health Score: 85/100 🟡 Yellow'),
    expect: [[4, 27, 4, 29]],
    fixed: healthBlock('### Overall Health Score: 85/100 🟡 Yellow'),
  },
  { name: 'bold field score line', text: healthBlock('**Overall Health Score**: 80/100'), expect: [[4, 27, 4, 29]] },
  { name: 'plain field score line', text: healthBlock('Overall Health Score: 80'), expect: [[4, 23, 4, 25]] },
  { name: 'a placeholder part: no sum', text: healthBlock('### Overall Health Score: 85/100', ['25/30', '[X/30]', '20/25', '13/15']), expect: [] },
  { name: 'template placeholders', text: healthBlock('### Overall Health Score: [X/100]', ['[X/30]', '[X/30]', '[X/25]', '[X/15]']), expect: [] },
  {
    name: 'a part not listed: the listed ones still must add up',
    text: statusReport('### Overall Health Score: 82/100\n- Business performance: 25/30\n- Operational execution: 24/30\n- Relationship health: 20/25\n'),
    expect: [[4, 27, 4, 29]],
  },
  {
    name: 'parts inside code are not parts',
    text: statusReport('### Overall Health Score: 82/100\n```\nBusiness performance: 99/30\n```\n'),
    expect: [],
  },
]);

describe('health-score-sum details', () => {
  it('message and suggestion', () => {
    const [f] = run(healthBlock('### Overall Health Score: 85/100')).filter((x) => x.ruleId === 'health-score-sum');
    assert.equal(f?.severity, 'error');
    assert.equal(
      f?.message,
      'Overall Health Score is 85 but its parts add up to 82 (25 + 24 + 20 + 13); expected the total to equal the sum of its parts.',
    );
    assert.equal(f?.fix, undefined);
    assert.equal(f?.suggestions?.[0]?.title, 'Set the total to 82');
    assert.deepEqual(f?.suggestions?.[0]?.edits.map(lineColumn), [{ line: 4, column: 27, endLine: 4, endColumn: 29, text: '82' }]);
  });
  it('names the parts that are not listed', () => {
    const text = statusReport('### Overall Health Score: 82/100\n- Business performance: 25/30\n- Operational execution: 24/30\n- Relationship health: 20/25\n');
    const [f] = run(text).filter((x) => x.ruleId === 'health-score-sum');
    assert.match(f!.message, /\(25 \+ 24 \+ 20; not listed: Strategic alignment\)/);
  });
});

cases('health-score-range', [
  { name: 'spec example', text: healthBlock('### Overall Health Score: 82/100'), expect: [] },
  { name: 'a part above its maximum', text: healthBlock('### Overall Health Score: 89/100', ['32/30', '24/30', '20/25', '13/15']), expect: [[5, 25, 5, 27]] },
  { name: 'a negative part', text: healthBlock('### Overall Health Score: 67/100', ['25/30', '24/30', '20/25', '-2/15']), expect: [[8, 24, 8, 26]] },
  { name: 'a total above 100', text: healthBlock('### Overall Health Score: 120/100'), expect: [[4, 27, 4, 30]] },
  { name: 'a total written out of 120', text: healthBlock('### Overall Health Score: 82/120'), expect: [[4, 30, 4, 33]] },
  {
    name: 'a denominator that is not the spec maximum',
    text: healthBlock('### Overall Health Score: 82/100', ['25/30', '24/30', '20/30', '13/15']),
    expect: [[7, 27, 7, 29]],
  },
  {
    name: 'a part above a smaller written denominator: both reported',
    text: healthBlock('### Overall Health Score: 81/100', ['25/30', '24/30', '20/25', '12/10']),
    expect: [
      [8, 24, 8, 26],
      [8, 27, 8, 29],
    ],
  },
  { name: 'exactly at the maxima', text: healthBlock('### Overall Health Score: 100/100', ['30/30', '30/30', '25/25', '15/15']), expect: [] },
]);

cases('health-score-badge', [
  { name: 'spec: 82/100 🟡 Yellow matches', text: healthBlock('### Overall Health Score: 82/100 🟡 Yellow'), expect: [] },
  {
    name: 'spec: 82/100 🟢 Green is a mismatch',
    text: healthBlock('### Overall Health Score: 82/100 🟢 Green'),
    expect: [[4, 34, 4, 42]],
    fixed: healthBlock('### Overall Health Score: 82/100 🟡 Yellow'),
  },
  { name: 'no badge: nothing to check (legend lines are not badges)', text: healthBlock('### Overall Health Score: 62/100'), expect: [] },
  {
    name: 'emoji-only badge of the wrong colour',
    text: healthBlock('### Overall Health Score: 95/100 🟡', ['30/30', '28/30', '22/25', '15/15']),
    expect: [[4, 34, 4, 36]],
    fixed: healthBlock('### Overall Health Score: 95/100 🟢 Green', ['30/30', '28/30', '22/25', '15/15']),
  },
  {
    name: 'word-only badge in parentheses',
    text: healthBlock('**Overall Health Score**: 75/100 (Red)', ['20/30', '20/30', '20/25', '15/15']),
    expect: [[4, 35, 4, 38]],
    fixed: healthBlock('**Overall Health Score**: 75/100 (🟡 Yellow)', ['20/30', '20/30', '20/25', '15/15']),
  },
  {
    name: 'emoji and word disagree',
    text: healthBlock('### Overall Health Score: 62/100 🟢 Red', ['20/30', '20/30', '12/25', '10/15']),
    expect: [[4, 34, 4, 40]],
    fixed: healthBlock('### Overall Health Score: 62/100 🔴 Red', ['20/30', '20/30', '12/25', '10/15']),
  },
  { name: 'boundaries: 90 is Green', text: healthBlock('### Overall Health Score: 90/100 🟢 Green', ['28/30', '27/30', '22/25', '13/15']), expect: [] },
  { name: 'boundaries: 70 is Yellow', text: healthBlock('### Overall Health Score: 70/100 🟡 Yellow', ['20/30', '20/30', '20/25', '10/15']), expect: [] },
  { name: 'boundaries: 69 is Red', text: healthBlock('### Overall Health Score: 69/100 🔴 Red', ['20/30', '20/30', '19/25', '10/15']), expect: [] },
  {
    name: 'configured bands (healthGreen 80)',
    text: healthBlock('### Overall Health Score: 82/100 🟡 Yellow'),
    config: { thresholds: { healthGreen: 80 } },
    expect: [[4, 34, 4, 43]],
    fixed: healthBlock('### Overall Health Score: 82/100 🟢 Green'),
  },
]);

describe('health-score-badge details', () => {
  it('message says what was found and what was expected', () => {
    const [f] = run(healthBlock('### Overall Health Score: 82/100 🟢 Green')).filter((x) => x.ruleId === 'health-score-badge');
    assert.equal(f?.severity, 'warning');
    assert.equal(
      f?.message,
      'Unexpected health badge “🟢 Green”: a score of 82 is Yellow (Green ≥ 90, Yellow 70–89, Red < 70); expected “🟡 Yellow”.',
    );
  });
});

/** A status report with a Current status and a score line (no parts). */
function statusAndScore(status: string, score: number): string {
  return statusReport(`## Partnership Overview\n- **Current status**: ${status}\n\n### Overall Health Score: ${score}/100\n`);
}

cases('status-health-conflict', [
  { name: 'Thriving with a Red score', text: statusAndScore('Thriving', 62), expect: [[5, 23, 5, 31]] },
  { name: 'At Risk with a Green score', text: statusAndScore('At Risk', 92), expect: [[5, 23, 5, 30]] },
  { name: '**At risk** (bold, lower case) with a Green score', text: statusAndScore('**At risk** (renewal open)', 95), expect: [[5, 23, 5, 34]] },
  { name: 'Thriving with a Green score', text: statusAndScore('Thriving', 92), expect: [] },
  { name: 'At Risk with a Red score', text: statusAndScore('At Risk', 50), expect: [] },
  { name: 'Thriving with a Yellow score', text: statusAndScore('Thriving', 75), expect: [] },
  { name: 'Active with a Red score', text: statusAndScore('Active', 50), expect: [] },
  { name: 'placeholder status', text: statusAndScore('[Active, At Risk, Thriving, Sunsetting]', 50), expect: [] },
  { name: 'no score', text: statusReport('- **Current status**: Thriving\n\n### Overall Health Score: [X/100]\n'), expect: [] },
  {
    name: 'bands follow the configuration',
    text: statusAndScore('Thriving', 75),
    config: { thresholds: { healthYellow: 80, healthGreen: 90 } },
    expect: [[5, 23, 5, 31]],
  },
]);

// ---------------------------------------------------------------------------------------------
// section-missing

const QBR_SECTIONS: Array<[string, string]> = [
  ['## Executive Summary', 'Good quarter.'],
  ['## Performance Highlights', '- Revenue up'],
  ['## KPI Dashboard', 'See the table.'],
  ['## Key Wins', '1. Case study'],
  ['## Challenges and Actions', '1. Referrals'],
  ['## Upcoming Initiatives (Next Quarter)', '1. Co-selling'],
  ['## Asks and Decisions Needed', '1. Budget'],
  ['## Next Steps', '- Call\n\n**Next QBR**: Feb 1, 2027'],
];
/** A QBR with the given sections (by heading) left out. */
function qbrWithout(...left: string[]): string {
  return qbr(
    QBR_SECTIONS.filter(([h]) => !left.includes(h))
      .map(([h, b]) => `${h}\n${b}\n`)
      .join('\n'),
  );
}
const KEY_WINS_SKELETON =
  '## Key Wins\n1. **[Win 1]**: [Description, impact, metrics]\n2. **[Win 2]**: [Description, impact, metrics]\n3. **[Win 3]**: [Description, impact, metrics]\n';
const CHALLENGES_SKELETON = `## Challenges and Actions
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
const EXEC_SKELETON = '## Executive Summary\n[1-paragraph summary of partnership performance and key decisions]\n';
const H1 = [1, 1, 1, 33] as [number, number, number, number];

/** Removes the section headed exactly `heading` (with its sub-sections) from a scaffold. */
function removeSection(text: string, heading: string): string {
  const lines = text.split('\n');
  const depth = heading.indexOf(' ');
  const start = lines.indexOf(heading);
  assert.ok(start >= 0, heading);
  let end = lines.length;
  for (let i = start + 1; i < lines.length; i++) {
    const m = /^(#{1,6}) /.exec(lines[i]!);
    if (m && m[1]!.length <= depth) {
      end = i;
      break;
    }
  }
  return [...lines.slice(0, start), ...lines.slice(end)].join('\n');
}

cases('section-missing', [
  { name: 'every section present', text: qbrWithout(), expect: [] },
  {
    name: 'Key Wins missing: inserted after KPI Dashboard',
    text: qbrWithout('## Key Wins'),
    expect: [H1],
    fixed: qbrWithout('## Key Wins').replace('## Challenges and Actions', `${KEY_WINS_SKELETON}\n## Challenges and Actions`),
  },
  {
    name: 'two missing at one point come out in template order',
    text: qbrWithout('## Key Wins', '## Challenges and Actions'),
    expect: [H1, H1],
    fixed: qbrWithout('## Key Wins', '## Challenges and Actions').replace(
      '## Upcoming Initiatives',
      `${KEY_WINS_SKELETON}\n${CHALLENGES_SKELETON}\n## Upcoming Initiatives`,
    ),
  },
  {
    name: 'the first section missing: inserted before the first present one',
    text: qbrWithout('## Executive Summary'),
    expect: [H1],
    fixed: qbrWithout('## Executive Summary').replace('## Performance Highlights', `${EXEC_SKELETON}\n## Performance Highlights`),
  },
  {
    name: 'headings match ignoring case, emphasis, emoji, a parenthetical, & and numbering',
    text: qbr(
      [
        '## 📈 **Executive summary**',
        '## Performance Highlights:',
        '### KPI dashboard',
        '## 4. Key Wins',
        '## Challenges & Actions',
        '## Upcoming Initiatives (Q4 2026)',
        '## _Asks and Decisions Needed_',
        '## NEXT STEPS',
      ].join('\nText.\n\n') + '\nText.\n\n**Next QBR**: Feb 1, 2027\n',
    ),
    expect: [],
  },
  {
    name: 'a section nested deeper than the others keeps its parent: the insert goes after the parent',
    text: qbr('## Executive Summary\nText.\n\n## Performance Highlights\n- Up\n\n### KPI Dashboard\nTable.\n\n### Notes\nMore.\n\n## Challenges and Actions\n1. X\n\n## Upcoming Initiatives\n1. Y\n\n## Asks and Decisions Needed\n1. Z\n\n## Next Steps\n- Go\n'),
    expect: [H1],
    fixed: qbr(
      `## Executive Summary\nText.\n\n## Performance Highlights\n- Up\n\n### KPI Dashboard\nTable.\n\n### Notes\nMore.\n\n${KEY_WINS_SKELETON}\n## Challenges and Actions\n1. X\n\n## Upcoming Initiatives\n1. Y\n\n## Asks and Decisions Needed\n1. Z\n\n## Next Steps\n- Go\n`,
    ),
  },
  {
    name: 'sections written at ### are inserted at ###',
    text: qbr('### Executive Summary\nText.\n\n### Performance Highlights\n- Up\n\n### KPI Dashboard\nT.\n\n### Challenges and Actions\n1. X\n\n### Upcoming Initiatives\n1. Y\n\n### Asks and Decisions Needed\n1. Z\n\n### Next Steps\n- Go\n'),
    expect: [H1],
    fixed: qbr(
      `### Executive Summary\nText.\n\n### Performance Highlights\n- Up\n\n### KPI Dashboard\nT.\n\n#${KEY_WINS_SKELETON}\n### Challenges and Actions\n1. X\n\n### Upcoming Initiatives\n1. Y\n\n### Asks and Decisions Needed\n1. Z\n\n### Next Steps\n- Go\n`,
    ),
  },
  {
    name: 'missing at the end of a file without a final newline',
    text: '## Partnership Issue: Slow referrals\n\n### Problem Statement\nA.\n\n### Root Cause\nB.\n\n### Impact\nC.\n\n### Proposed Solutions\n1. D\n\n### Action Plan\n- E',
    expect: [[1, 1, 1, 37]],
    fixed:
      '## Partnership Issue: Slow referrals\n\n### Problem Statement\nA.\n\n### Root Cause\nB.\n\n### Impact\nC.\n\n### Proposed Solutions\n1. D\n\n### Action Plan\n- E\n\n### Resolution\n[To be filled when issue is resolved: what was done, outcome, lessons learned]\n',
  },
  {
    name: 'CRLF line endings are kept',
    text: '## Partnership Issue: X\r\n\r\n### Problem Statement\r\nA.\r\n\r\n### Impact\r\nC.\r\n\r\n### Proposed Solutions\r\n1. D\r\n\r\n### Action Plan\r\n- E\r\n\r\n### Resolution\r\nDone.\r\n',
    expect: [[1, 1, 1, 24]],
    fixed:
      '## Partnership Issue: X\r\n\r\n### Problem Statement\r\nA.\r\n\r\n### Root Cause\r\n[Analysis of why this is happening]\r\n\r\n### Impact\r\nC.\r\n\r\n### Proposed Solutions\r\n1. D\r\n\r\n### Action Plan\r\n- E\r\n\r\n### Resolution\r\nDone.\r\n',
  },
  {
    name: 'a file with two issues: each is checked on its own heading',
    text:
      '## Partnership Issue: One\n\n### Problem Statement\nA.\n### Root Cause\nB.\n### Impact\nC.\n### Proposed Solutions\n1. D\n### Action Plan\n- E\n### Resolution\nF.\n\n' +
      '## Partnership Issue: Two\n\n### Problem Statement\nA.\n### Root Cause\nB.\n### Impact\nC.\n### Proposed Solutions\n1. D\n### Action Plan\n- E\n',
    expect: [[16, 1, 16, 26]],
    fixed:
      '## Partnership Issue: One\n\n### Problem Statement\nA.\n### Root Cause\nB.\n### Impact\nC.\n### Proposed Solutions\n1. D\n### Action Plan\n- E\n### Resolution\nF.\n\n' +
      '## Partnership Issue: Two\n\n### Problem Statement\nA.\n### Root Cause\nB.\n### Impact\nC.\n### Proposed Solutions\n1. D\n### Action Plan\n- E\n\n### Resolution\n[To be filled when issue is resolved: what was done, outcome, lessons learned]\n',
  },
  {
    name: 'status report: KPI Dashboard and Overall Health Score are not required on their own',
    text: removeSection(removeSection(scaffold('status-report', { partner: 'Globex' }).text, '### KPI Dashboard'), '### Overall Health Score: [X/100]'),
    expect: [],
  },
  { name: 'ordinary markdown is not checked', text: '# Notes\n\nNothing here.\n', expect: [] },
]);

describe('section-missing round trips on the scaffolds', () => {
  for (const kind of ['qbr', 'status-report', 'issue'] as const) {
    const full = scaffold(kind, { partner: 'Globex', year: 2026, quarter: 3 }).text;
    const level = kind === 'issue' ? '### ' : '## ';
    const headings = full.split('\n').filter((l) => l.startsWith(level) && !l.startsWith('## Partnership Issue'));
    it(`${kind}: every section removed on its own is restored exactly`, () => {
      for (const h of headings) {
        const text = removeSection(full, h);
        checkRuleCase('section-missing', { name: h, text, expect: [[1, 1, 1, full.indexOf('\n') + 1]], fixed: full });
      }
    });
    it(`${kind}: every pair of adjacent sections removed is restored in template order`, () => {
      const title: [number, number, number, number] = [1, 1, 1, full.indexOf('\n') + 1];
      for (let i = 0; i + 1 < headings.length; i++) {
        const text = removeSection(removeSection(full, headings[i]!), headings[i + 1]!);
        checkRuleCase('section-missing', { name: `${headings[i]} + ${headings[i + 1]}`, text, expect: [title, title], fixed: full });
      }
    });
    it(`${kind}: only the header left: the whole skeleton is restored`, () => {
      const cut = full.indexOf(`\n${level}`) + 1;
      const text = full.slice(0, cut);
      const n = run(text).filter((f) => f.ruleId === 'section-missing').length;
      assert.equal(n, kind === 'qbr' ? 8 : kind === 'status-report' ? 9 : 6);
      checkRuleCase('section-missing', { name: 'header only', text, expect: Array.from({ length: n }, () => [1, 1, 1, full.indexOf('\n') + 1] as [number, number, number, number]), fixed: full });
    });
  }
});

describe('section-missing details', () => {
  it('message names the section, the kind and where it goes', () => {
    const [f] = run(qbrWithout('## Key Wins')).filter((x) => x.ruleId === 'section-missing');
    assert.equal(f?.severity, 'warning');
    assert.equal(f?.message, 'Missing section “Key Wins”, required in a QBR; expected a “## Key Wins” heading after “KPI Dashboard”.');
  });
  it('findings come out in template order', () => {
    const msgs = run(qbrWithout('## Next Steps', '## Key Wins', '## Executive Summary'))
      .filter((x) => x.ruleId === 'section-missing')
      .map((f) => (f.data as { section: string }).section);
    assert.deepEqual(msgs, ['Executive Summary', 'Key Wins', 'Next Steps']);
  });
});

// ---------------------------------------------------------------------------------------------
// field-invalid

interface IssueParts {
  severity?: string;
  status?: string;
  recommended?: string;
  resolution?: string | null;
  extra?: string;
}
/** An issue document; Severity on line 3 (value column 15), Status on line 4 (column 13), Recommended on line 21 (column 18). */
function issue(p: IssueParts = {}): string {
  const resolution =
    p.resolution === null ? '' : `\n### Resolution\n${p.resolution ?? '[To be filled when issue is resolved: what was done, outcome, lessons learned]'}\n`;
  return `## Partnership Issue: Referral shortfall

**Severity**: ${p.severity ?? 'High'}
**Status**: ${p.status ?? 'Open'}
**Date Identified**: 2026-10-01

### Problem Statement
Referrals are low.

### Root Cause
Reps are unaware of the partnership.

### Impact
- Revenue at risk

### Proposed Solutions
1. **Option 1**: Joint enablement session
2. **Option 2**: Referral bonus
3. **Partner portal listing**: A listing in their portal

**Recommended**: ${p.recommended ?? 'Option 1, the cheapest'}

### Action Plan
- [ ] Book the session - Owner: Ana, Due: 2026-12-01
${p.extra ?? ''}${resolution}`;
}

cases('field-invalid', [
  { name: 'valid issue', text: issue(), expect: [] },
  { name: 'Severity outside the set', text: issue({ severity: 'Urgent' }), expect: [[3, 15, 3, 21]] },
  { name: 'Severity placeholder is placeholder-unfilled’s', text: issue({ severity: '[Critical, High, Medium, Low]' }), expect: [] },
  { name: 'Severity: emphasis, case and a note are fine', text: issue({ severity: '**high** (customer-facing)' }), expect: [] },
  { name: 'Severity with emoji', text: issue({ severity: '🔥 Critical' }), expect: [] },
  { name: 'Severity on a numbered scale: P1', text: issue({ severity: 'P1' }), expect: [] },
  { name: 'Severity on a numbered scale: Sev 2, SEV-1 (customer-facing), S3', text: issue({ severity: 'Sev 2' }), expect: [] },
  { name: 'Severity SEV-1 with a note', text: issue({ severity: '**SEV-1** (customer-facing)' }), expect: [] },
  { name: 'Severity P9 is not a scale we know', text: issue({ severity: 'P9' }), expect: [[3, 15, 3, 17]] },
  { name: 'Severity Priority-ish word is still reported', text: issue({ severity: 'Pressing' }), expect: [[3, 15, 3, 23]] },
  { name: 'Severity naming several values', text: issue({ severity: 'High, Critical' }), expect: [[3, 15, 3, 29]] },
  { name: 'Severity with no value', text: issue({ severity: '' }), expect: [[3, 3, 3, 11]] },
  { name: 'issue Status outside the set', text: issue({ status: 'Closed' }), expect: [[4, 13, 4, 19]] },
  { name: 'issue Status In-Progress', text: issue({ status: 'In-Progress' }), expect: [] },
  { name: 'Status placeholder', text: issue({ status: '[Open, In Progress, Resolved]' }), expect: [] },
  { name: 'Resolved with the template’s Resolution placeholder', text: issue({ status: 'Resolved' }), expect: [[4, 13, 4, 21]] },
  { name: 'Resolved with a Resolution of TBD', text: issue({ status: 'Resolved', resolution: 'TBD' }), expect: [[4, 13, 4, 21]] },
  { name: 'Resolved without a Resolution section', text: issue({ status: 'Resolved', resolution: null }), expect: [[4, 13, 4, 21]] },
  {
    name: 'Resolved with a real Resolution',
    text: issue({ status: 'Resolved', resolution: 'Ran the enablement session on Dec 1; referrals doubled.' }),
    expect: [],
  },
  {
    name: 'a plain Status line inside a section is not the issue’s Status',
    text: issue({ extra: '\nStatus: blocked on legal\n' }),
    expect: [],
  },
  { name: 'Recommended names an option number that does not exist', text: issue({ recommended: 'Option 4' }), expect: [[21, 18, 21, 26]] },
  { name: 'Recommended names an option by number', text: issue({ recommended: '**Option 2** because it scales' }), expect: [] },
  { name: 'Recommended names an option by its bold title', text: issue({ recommended: 'Partner portal listing, since it is free' }), expect: [] },
  { name: 'Recommended names no option', text: issue({ recommended: 'the cheapest one' }), expect: [[21, 18, 21, 34]] },
  { name: 'Recommended placeholder', text: issue({ recommended: '[Which option and why]' }), expect: [] },
  { name: 'Recommended as a bare option number', text: issue({ recommended: '2, keeping the workaround until it ships' }), expect: [] },
  { name: 'Recommended as bare option numbers', text: issue({ recommended: '1 and 3' }), expect: [] },
  { name: 'Recommended as a bare number out of range', text: issue({ recommended: '4' }), expect: [[21, 18, 21, 19]] },
  { name: 'Recommended: a number that is no option number', text: issue({ recommended: '5 days of on-site support' }), expect: [[21, 18, 21, 43]] },
  { name: 'Recommended: all of them', text: issue({ recommended: 'all three; 1 and 2 need the partner, 3 is ours.' }), expect: [] },
  { name: 'Recommended: both / none of the above', text: issue({ recommended: 'None of the above: escalate to the VP' }), expect: [] },
  { name: 'Recommended: an ordinal', text: issue({ recommended: 'the second, it scales' }), expect: [] },
  { name: 'Recommended: Options 1 and 3', text: issue({ recommended: 'Options 1 and 3' }), expect: [] },
  {
    name: 'Current status outside the set',
    text: statusReport('## Partnership Overview\n- **Current status**: Paused\n'),
    expect: [[5, 23, 5, 29]],
  },
  {
    name: 'Current status values',
    text: statusReport('- **Current status**: At risk\n\nCurrent status: Sunsetting — wind-down agreed\n'),
    expect: [],
  },
  { name: 'a Status line in a QBR is not an issue Status', text: qbr('**Status**: Whatever\n'), expect: [] },
]);

describe('field-invalid details', () => {
  it('message and suggestions, closest value first', () => {
    const [f] = run(issue({ severity: 'Hgh' })).filter((x) => x.ruleId === 'field-invalid');
    assert.equal(f?.message, 'Unexpected Severity: it is “Hgh”; expected one of Critical, High, Medium, Low.');
    assert.equal(f?.fix, undefined);
    assert.deepEqual(
      f?.suggestions?.map((s) => s.title),
      ['Set Severity to High', 'Set Severity to Low', 'Set Severity to Medium', 'Set Severity to Critical'],
    );
    assert.deepEqual(f?.suggestions?.[0]?.edits.map(lineColumn), [{ line: 3, column: 15, endLine: 3, endColumn: 18, text: 'High' }]);
  });
  it('Recommended message lists the options and titles', () => {
    const [f] = run(issue({ recommended: 'Option 4' })).filter((x) => x.ruleId === 'field-invalid');
    assert.equal(
      f?.message,
      'Recommended names none of the 3 options in Proposed Solutions; expected Option 1, Option 2, Option 3 (or an option\'s title: “Partner portal listing”).',
    );
  });
  it('Resolved message', () => {
    const [f] = run(issue({ status: 'Resolved' })).filter((x) => x.ruleId === 'field-invalid');
    assert.match(f!.message, /^Status is Resolved but its Resolution section is still empty or a placeholder;/);
  });
});

// ---------------------------------------------------------------------------------------------
// renewal-window, renewal-passed (today is 2026-11-24)

/** A status report whose renewal date is on line 4, value from column 26. */
function renewal(value: string): string {
  return statusReport(`- **Next renewal date**: ${value}\n`);
}
const at = (value: string): [number, number, number, number] => [4, 26, 4, 26 + value.length];

cases('renewal-window', [
  { name: '52 days ahead', text: renewal('January 15, 2027'), expect: [at('January 15, 2027')] },
  { name: 'exactly 90 days ahead', text: renewal('2027-02-22'), expect: [at('2027-02-22')] },
  { name: '91 days ahead', text: renewal('2027-02-23'), expect: [] },
  { name: 'today', text: renewal('2026-11-24'), expect: [at('2026-11-24')] },
  { name: 'passed: renewal-passed’s', text: renewal('2026-11-23'), expect: [] },
  { name: 'placeholder', text: renewal('[Date]'), expect: [] },
  { name: 'TBD', text: renewal('TBD'), expect: [] },
  { name: 'prose', text: renewal('auto-renews yearly'), expect: [] },
  { name: 'no year: the document’s year (Q3 2026)', text: renewal('Dec 31'), expect: [at('Dec 31')] },
  { name: 'a date inside prose', text: renewal('auto-renews on Jan 31, 2027 unless cancelled'), expect: [at('auto-renews on Jan 31, 2027 unless cancelled')] },
  { name: 'configured window (30 days)', text: renewal('January 15, 2027'), config: { thresholds: { renewalWindowDays: 30 } }, expect: [] },
  { name: 'in a QBR too', text: qbr('**Next renewal date**: 2027-01-10\n'), expect: [[4, 24, 4, 34]] },
]);

cases('renewal-passed', [
  { name: 'yesterday', text: renewal('2026-11-23'), expect: [at('2026-11-23')] },
  { name: 'today is not passed', text: renewal('2026-11-24'), expect: [] },
  { name: 'future', text: renewal('March 31, 2027'), expect: [] },
  { name: 'placeholder', text: renewal('[Date]'), expect: [] },
  { name: 'mdy: 12/01/2026 is Dec 1 (future)', text: renewal('12/01/2026'), expect: [] },
  { name: 'dmy: 12/01/2026 is Jan 12 (passed)', text: renewal('12/01/2026'), config: { dateOrder: 'dmy' }, expect: [at('12/01/2026')] },
  { name: 'another "today"', text: renewal('March 31, 2027'), today: '2027-04-01', expect: [at('March 31, 2027')] },
]);

// renewal-recommendation-missing: the stage at the document's own date (its Period Q3 2026 ends
// 2026-09-30); more cases in lifecycle.test.ts
const SR_TITLE = [1, 1, 1, 43] as [number, number, number, number];
cases('renewal-recommendation-missing', [
  { name: 'written 46 days before the renewal, no recommendation: on the title', text: renewal('November 15, 2026'), expect: [SR_TITLE] },
  { name: 'written 107 days before: outside the window', text: renewal('January 15, 2027'), expect: [] },
  { name: 'written after the renewal date (Expired): silent', text: renewal('2026-09-29'), expect: [] },
  { name: 'a recommendation field', text: statusReport('- **Next renewal date**: November 15, 2026\n- **Recommendation**: Renew and expand\n'), expect: [] },
  { name: 'a Renewal Recommendation section', text: statusReport('- **Next renewal date**: November 15, 2026\n\n## Renewal Recommendation\nModify and renew.\n'), expect: [] },
  { name: 'prose', text: statusReport('- **Next renewal date**: November 15, 2026\n\nWe recommend renewing as-is.\n'), expect: [] },
  { name: 'a placeholder is placeholder-unfilled’s', text: statusReport('- **Next renewal date**: November 15, 2026\n- **Renewal recommendation**: [Expand / Renew as-is / Sunset]\n'), expect: [] },
  { name: 'renewalWindowDays 30', text: renewal('November 15, 2026'), config: { thresholds: { renewalWindowDays: 30 } }, expect: [] },
]);

describe('renewal messages', () => {
  it('renewal-window gives the days and the playbook advice', () => {
    const [f] = run(renewal('January 15, 2027')).filter((x) => x.ruleId === 'renewal-window');
    assert.equal(f?.severity, 'info');
    assert.equal(
      f?.message,
      'Renewal is in 52 days (2027-01-15), within the 90-day renewal window: the playbook starts the renewal process 60–90 days before expiration (assess performance, document value, survey stakeholders, develop a recommendation, prepare the renewal proposal).',
    );
    assert.deepEqual(f?.data, { date: '2027-01-15', days: 52 });
  });
  it('renewal-passed says how long ago', () => {
    const [f] = run(renewal('2026-10-25')).filter((x) => x.ruleId === 'renewal-passed');
    assert.equal(f?.severity, 'warning');
    assert.equal(f?.message, 'Next renewal date 2026-10-25 passed 30 days ago; expected a future date (record the renewal outcome and the new term\'s date).');
  });
});

// ---------------------------------------------------------------------------------------------
// next-qbr-missing

cases('next-qbr-missing', [
  { name: 'no Next QBR field: on the H1', text: qbr('## Executive Summary\nText.\n'), expect: [H1] },
  { name: 'a date', text: qbr('## Next Steps\n- Go\n\n**Next QBR**: March 3, 2027\n'), expect: [] },
  { name: 'a placeholder counts as present', text: qbr('**Next QBR**: [Date]\n'), expect: [] },
  { name: 'a plain field', text: qbr('Next QBR: Q1 2027\n'), expect: [] },
  { name: 'TBD is not a date', text: qbr('**Next QBR**: TBD\n'), expect: [[4, 15, 4, 18]] },
  { name: 'empty value: on the label', text: qbr('**Next QBR**:\n'), expect: [[4, 3, 4, 11]] },
  { name: 'not a QBR', text: statusReport('## Next Steps\n- Go\n'), expect: [] },
  { name: 'front matter partnership-doc: qbr follows the template', text: '---\npartnership-doc: qbr\n---\n# Q3 review\n\nText.\n', expect: [[4, 1, 4, 12]] },
  {
    name: 'a QBR in the team\'s own format (common title + structure) has no Next QBR line to expect',
    text: '# 🤝 Quarterly Business Review: Us × Pinecliff\n\n| Metric | Target | Actual |\n|---|---|---|\n| Deals | 10 | 10 |\n',
    expect: [],
  },
]);

describe('severities and metadata', () => {
  it('default severities follow spec §7', async () => {
    const { rules } = await import('../../src/core/index.js');
    const sev = Object.fromEntries(rules.filter((r) => MY_RULES.includes(r.id)).map((r) => [r.id, [r.defaultSeverity, r.fixable]]));
    assert.deepEqual(sev, {
      'health-score-sum': ['error', 'suggestion'],
      'health-score-range': ['error', false],
      'health-score-badge': ['warning', 'fix'],
      'status-health-conflict': ['warning', false],
      'section-missing': ['warning', 'fix'],
      'field-invalid': ['warning', 'suggestion'],
      'renewal-window': ['info', false],
      'renewal-passed': ['warning', false],
      'next-qbr-missing': ['info', false],
    });
  });
  it('every rule has its docs page', async () => {
    const { existsSync } = await import('node:fs');
    for (const id of MY_RULES) assert.ok(existsSync(new URL(`../../docs/rules/${id}.md`, import.meta.url)), id);
  });
});
