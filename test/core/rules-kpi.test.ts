/** KPI rules (spec §2): table-driven cases with exact positions and fix round trips. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { checkRuleCase, fixAll, qbr, run, spans, statusReport, TODAY, type RuleCase } from '../helpers.js';
import { rules } from '../../src/core/index.js';

const HEADER = '| Metric | Target | Actual | Status | Trend |';
const DELIM = '|---|---|---|---|---|';
/** A QBR whose KPI table starts on line 6 (header), rows from line 8. */
function kpi(rows: string[], after = '', header = HEADER, delim = DELIM): string {
  return qbr(`## KPI Dashboard\n\n${[header, delim, ...rows].join('\n')}\n${after}`);
}

/** The playbook's QBR example, verbatim from the seed (shared/seeds). */
const PLAYBOOK_TABLE = [
  '| Metric | Target | Actual | Status | Trend |',
  '|--------|--------|--------|--------|-------|',
  '| Revenue generated | $500K | $450K | ⚠️ Yellow (90% of target) | ↗️ Improving (+20% vs. last quarter) |',
  '| Customers acquired | 50 | 62 | ✅ Green (124% of target) | ↗️ Improving |',
  '| Co-marketing campaigns | 4 | 4 | ✅ Green (100% of target) | → Stable |',
  '| Partner satisfaction | 8/10 | 7.5/10 | ⚠️ Yellow (94% of target) | ↘️ Declining |',
  '',
  '**Overall Partnership Health**: 🟡 Yellow (85% of targets met, some areas of concern)',
].join('\n');
const PLAYBOOK = qbr(`## KPI Dashboard\n\n${PLAYBOOK_TABLE}\n`);

function cases(ruleId: string, list: RuleCase[]): void {
  describe(ruleId, () => {
    for (const c of list) it(c.name, () => checkRuleCase(ruleId, c));
  });
}

describe('rule metadata', () => {
  const expected: Record<string, [string, string | false]> = {
    'kpi-table-columns': ['warning', false],
    'kpi-value-unparsable': ['warning', false],
    'kpi-unit-mismatch': ['warning', false],
    'kpi-target-zero': ['info', false],
    'kpi-status-mismatch': ['warning', 'fix'],
    'kpi-trend-mismatch': ['warning', 'suggestion'],
    'overall-health-mismatch': ['warning', 'fix'],
    'red-kpi-unaddressed': ['info', false],
  };
  for (const [id, [severity, fixable]] of Object.entries(expected)) {
    it(`${id}: severity, fixable and docs page`, () => {
      const meta = rules.find((r) => r.id === id);
      assert.ok(meta, id);
      assert.equal(meta.defaultSeverity, severity);
      assert.equal(meta.fixable, fixable);
      assert.ok(meta.description.length > 10);
      const page = readFileSync(new URL(`../../${meta.docs}`, import.meta.url), 'utf8');
      assert.match(page, new RegExp(`^# ${id}\\n`));
    });
  }
});

describe('the playbook example', () => {
  it('has correct statuses and trends, but its overall health line is stale (96% Green, not 85% Yellow)', () => {
    const ids = run(PLAYBOOK)
      .filter((f) => f.ruleId.startsWith('kpi-') || f.ruleId.includes('health') || f.ruleId.startsWith('red-'))
      .map((f) => `${f.ruleId}@${f.line}`);
    assert.deepEqual(ids, ['overall-health-mismatch@13']);
  });
});

cases('kpi-table-columns', [
  { name: 'full header', text: kpi(['| A | 1 | 1 | ✅ Green | → Stable |']), expect: [] },
  {
    name: 'no Status and no Trend',
    text: kpi(['| A | 1 | 1 |'], '', '| Metric | Target | Actual |', '|---|---|---|'),
    expect: [[6, 1, 6, 29]],
  },
  {
    name: 'synonyms, emphasis and case: KPI / Goal / Result / status, no Trend',
    text: kpi(['| A | 1 | 1 | ✅ |'], '', '| **KPI** | _Goal_ | result | status |', '|---|---|---|---|'),
    expect: [[6, 1, 6, 39]],
  },
  {
    name: 'Measure / Plan / Current with a parenthetical',
    text: kpi(['| A | 1 | 1 | ✅ | → |'], '', '| Measure | Plan (Q3) | Current | Status | Trend |', '|---|---|---|---|---|'),
    expect: [],
  },
  {
    name: 'not a KPI table (no Actual column)',
    text: kpi(['| A | 1 |'], '', '| Metric | Target |', '|---|---|'),
    expect: [],
  },
  {
    name: 'ordinary markdown is not linted',
    text: '# Notes\n\n| Metric | Target | Actual |\n|---|---|---|\n| A | 1 | 1 |\n',
    expect: [],
  },
]);

cases('kpi-value-unparsable', [
  {
    name: 'readable values and the not-measured spellings',
    text: kpi([
      '| A | $1.2M | €300k | | |',
      '| B | 1,200 | -3 | | |',
      '| C | N/A | TBD | | |',
      '| D | — | - | | |',
      '| E | `78%` | **8/10** | | |',
      '| F | ≤ 2 days | 48 hours | | |',
    ]),
    expect: [],
  },
  {
    name: 'unreadable actual',
    text: kpi(['| Revenue | $500K | lots | | |']),
    expect: [[8, 21, 8, 25]],
  },
  {
    // A table of nothing but text targets is not a KPI table (spec §9): a readable row keeps this one.
    name: 'unreadable target and actual',
    text: kpi(['| Revenue | about fifty | ask Bob | | |', '| Customers | 50 | 62 | | |']),
    expect: [
      [8, 13, 8, 24],
      [8, 27, 8, 34],
    ],
  },
]);

cases('kpi-unit-mismatch', [
  {
    name: 'comparable kinds (scores normalised, bare number vs unit word)',
    text: kpi([
      '| Satisfaction | 8/10 | 4/5 | | |',
      '| Campaigns | 4 | 4 campaigns | | |',
      '| Revenue | $500K | $0.45M | | |',
    ]),
    expect: [],
  },
  { name: 'currency vs percent', text: kpi(['| Pipeline | $500K | 45% | | |']), expect: [[8, 22, 8, 25]] },
  // Durations convert since #11 (2 days vs 48 hours was a mismatch); business days do not.
  { name: 'days vs hours: durations convert', text: kpi(['| Response | 2 days | 48 hours | | |']), expect: [] },
  { name: 'business days vs hours', text: kpi(['| Response | 2 business days | 48 hours | | |']), expect: [[8, 32, 8, 40]] },
  { name: 'incidents vs hours', text: kpi(['| Outages | 3 incidents | 4 hours | | |']), expect: [[8, 27, 8, 34]] },
  { name: '€ vs $', text: kpi(['| Revenue | €300k | $300K | | |']), expect: [[8, 21, 8, 26]] },
  { name: 'number vs percent', text: kpi(['| Adoption | 50 | 45% | | |']), expect: [[8, 19, 8, 22]] },
  { name: 'not measured: no comparison', text: kpi(['| Adoption | $5K | N/A | | |']), expect: [] },
]);

cases('kpi-target-zero', [
  { name: 'target 0', text: kpi(['| Escalations | 0 | 2 | | |']), expect: [[8, 17, 8, 18]] },
  { name: 'target $0', text: kpi(['| Spend | $0 | $1K | | |']), expect: [[8, 11, 8, 13]] },
  { name: 'non-zero targets', text: kpi(['| Escalations | ≤ 1 | 0 | ✅ Green (100% of target) | |']), expect: [] },
]);

cases('kpi-status-mismatch', [
  { name: 'the playbook table is consistent', text: PLAYBOOK, expect: [] },
  {
    name: 'wrong percent, right colour → canonical cell',
    text: kpi(['| Revenue generated | $500K | $450K | ⚠️ Yellow (94% of target) | → Stable |']),
    expect: [[8, 39, 8, 64]],
    fixed: kpi(['| Revenue generated | $500K | $450K | ⚠️ Yellow (90% of target) | → Stable |']),
  },
  {
    name: 'wrong colour (equal values are Green)',
    text: kpi(['| Revenue generated | $450K | $450K | ⚠️ Yellow (94% of target) | → Stable |']),
    expect: [[8, 39, 8, 64]],
    fixed: kpi(['| Revenue generated | $450K | $450K | ✅ Green (100% of target) | → Stable |']),
  },
  {
    name: 'lower is better by keyword: 3 days against ≤ 2 days is 67% Red',
    text: kpi(['| Issue resolution time | ≤ 2 days | 3 days | ✅ Green | → Stable |']),
    expect: [[8, 47, 8, 54]],
    fixed: kpi(['| Issue resolution time | ≤ 2 days | 3 days | 🔴 Red (67% of target) | → Stable |']),
  },
  {
    name: 'lower is better by name alone (no comparator)',
    text: kpi(['| Support tickets | 20 | 25 | ✅ Green | |']),
    expect: [[8, 31, 8, 38]],
    fixed: kpi(['| Support tickets | 20 | 25 | ⚠️ Yellow (80% of target) | |']),
  },
  {
    name: 'a configured direction overrides the keyword',
    text: kpi(['| Support tickets | 20 | 25 | ⚠️ Yellow (80% of target) | |']),
    config: { metrics: { 'support TICKETS': { direction: 'higher' } } },
    expect: [[8, 31, 8, 56]],
    fixed: kpi(['| Support tickets | 20 | 25 | ✅ Green (125% of target) | |']),
  },
  {
    name: 'currency with K and M: $900K of $1.2M is 75% Red; text after the parenthesis kept',
    text: kpi(['| Revenue | $1.2M | $900K | ⚠️ Yellow (75% of target) — pipeline slipped | |']),
    expect: [[8, 29, 8, 73]],
    fixed: kpi(['| Revenue | $1.2M | $900K | 🔴 Red (75% of target) — pipeline slipped | |']),
  },
  {
    name: 'scores with different denominators are normalised',
    text: kpi(['| Satisfaction | 8/10 | 3/5 | ✅ Green (75% of target) | |']),
    expect: [[8, 31, 8, 54]],
    fixed: kpi(['| Satisfaction | 8/10 | 3/5 | 🔴 Red (75% of target) | |']),
  },
  {
    name: 'words and other emoji count: Amber, 🟢, Red',
    text: kpi([
      '| A | 100 | 90 | Amber | |',
      '| B | 100 | 100 | 🟢 | |',
      '| C | 100 | 10 | red (10% of target) | |',
    ]),
    expect: [],
  },
  {
    name: 'empty status with computable attainment: Missing status',
    text: kpi(['| Customers | 50 | 62 |  | ↗️ Improving |']),
    expect: [[8, 24, 8, 26]],
    fixed: kpi(['| Customers | 50 | 62 | ✅ Green (124% of target) | ↗️ Improving |']),
  },
  {
    name: 'N/A status while both values are measured',
    text: kpi(['| Customers | 50 | 40 | N/A | |']),
    expect: [[8, 25, 8, 28]],
    fixed: kpi(['| Customers | 50 | 40 | ⚠️ Yellow (80% of target) | |']),
  },
  {
    name: 'not measured, unparsable, mismatched or target 0: no status expected',
    text: kpi([
      '| A | N/A | 40 | ✅ Green | |',
      '| B | 50 | TBD | | |',
      '| C | 50 | lots | 🔴 Red | |',
      '| D | $50 | 40% | ✅ Green | |',
      '| E | 0 | 3 | ✅ Green | |',
    ]),
    expect: [],
  },
  {
    name: 'a table without a Status column is kpi-table-columns’ business',
    text: kpi(['| A | 50 | 10 |'], '', '| Metric | Target | Actual |', '|---|---|---|'),
    expect: [],
  },
  {
    name: 'a row shorter than the header: reported at the row end, no fix',
    text: kpi(['| A | 50 | 40 |']),
    expect: [[8, 16, 8, 16]],
    fixed: kpi(['| A | 50 | 40 |']),
  },
  {
    name: 'configured thresholds: statusYellow 90 makes 85% Red',
    text: kpi(['| A | 100 | 85 | ⚠️ Yellow (85% of target) | |']),
    config: { thresholds: { statusYellow: 90 } },
    expect: [[8, 18, 8, 43]],
    fixed: kpi(['| A | 100 | 85 | 🔴 Red (85% of target) | |']),
  },
  {
    name: 'lower is better with actual 0 is 100% Green',
    text: kpi(['| Escalations | ≤ 3 | 0 | ✅ Green (100% of target) | |']),
    expect: [],
  },
  {
    name: 'a padded table is re-padded by display width; every stale row fixed',
    text: kpi(
      [
        '| Revenue generated     |  $500K |  $450K | ✅ Green                  | ↗️ Improving |',
        '| Customers acquired    |     50 |     62 | ✅ Green (124% of target) | ↗️ Improving |',
        '| Issue resolution time | ≤ 2 d. |  3 d.  |                           | → Stable     |',
      ],
      '',
      '| Metric                | Target | Actual | Status                    | Trend        |',
      '| --------------------- | -----: | -----: | ------------------------- | ------------ |',
    ),
    expect: [[8, 45, 8, 52]],
    fixed: kpi(
      [
        '| Revenue generated     |  $500K |  $450K | ⚠️ Yellow (90% of target) | ↗️ Improving |',
        '| Customers acquired    |     50 |     62 | ✅ Green (124% of target) | ↗️ Improving |',
        '| Issue resolution time | ≤ 2 d. |  3 d.  |                           | → Stable     |',
      ],
      '',
      '| Metric                | Target | Actual | Status                    | Trend        |',
      '| --------------------- | -----: | -----: | ------------------------- | ------------ |',
    ),
  },
  {
    name: 'a table written with 🟢 / 🟡 / 🔴 circles and colour words gets its status in circles',
    text: kpi(['| Revenue | $500K | $520K | 🟢 Green (104% of target) | |', '| Leads | 100 | 90 | 🟢 Green (90% of target) | |']),
    expect: [[9, 22, 9, 46]],
    fixed: kpi(['| Revenue | $500K | $520K | 🟢 Green (104% of target) | |', '| Leads | 100 | 90 | 🟡 Yellow (90% of target) | |']),
  },
  {
    name: 'a table mixing circles and ✅ / ⚠️ keeps the canonical form (and 🔴 alone says nothing)',
    text: kpi(['| Revenue | $500K | $520K | ✅ Green (104% of target) | |', '| Deals | 10 | 5 | 🔴 Red (50% of target) | |', '| Leads | 100 | 90 | 🟢 Green (90% of target) | |']),
    expect: [[10, 22, 10, 46]],
    fixed: kpi(['| Revenue | $500K | $520K | ✅ Green (104% of target) | |', '| Deals | 10 | 5 | 🔴 Red (50% of target) | |', '| Leads | 100 | 90 | ⚠️ Yellow (90% of target) | |']),
  },
  {
    name: 'a padded table grows a column for a wider status',
    text: kpi(
      ['| Revenue  | $500K  | $450K  | ✅ Green |', '| Partners | 10     | 10     |          |'],
      '',
      '| Metric   | Target | Actual | Status   |',
      '| -------- | ------ | ------ | -------- |',
    ),
    expect: [
      [8, 32, 8, 39],
      [9, 31, 9, 41],
    ],
    fixed: kpi(
      [
        '| Revenue  | $500K  | $450K  | ⚠️ Yellow (90% of target) |',
        '| Partners | 10     | 10     | ✅ Green (100% of target) |',
      ],
      '',
      '| Metric   | Target | Actual | Status                    |',
      '| -------- | ------ | ------ | ------------------------- |',
    ),
  },
]);

cases('kpi-trend-mismatch', [
  { name: 'the playbook table is consistent', text: PLAYBOOK, expect: [] },
  {
    name: 'arrow and word disagree (suggestions are never applied by --fix)',
    text: kpi(['| Revenue | $1M | $1M | ✅ Green (100% of target) | ↗️ Declining |']),
    expect: [[8, 52, 8, 64]],
    fixed: kpi(['| Revenue | $1M | $1M | ✅ Green (100% of target) | ↗️ Declining |']),
  },
  {
    name: 'a falling value is not Improving on a higher-is-better metric',
    text: kpi(['| Revenue | $1M | $1M | | ↗️ Improving (-5% vs. last quarter) |']),
    expect: [[8, 27, 8, 62]],
  },
  {
    name: 'lower is better: a falling resolution time is Improving',
    text: kpi(['| Issue resolution time | ≤ 2 days | 2 days | | ↗️ Improving (-10% vs. last quarter) |']),
    expect: [],
  },
  {
    name: 'Stable means |change| < 2%',
    text: kpi(['| A | 1 | 1 | | → Stable (+1.5%) |', '| B | 1 | 1 | | → Stable (+2%) |']),
    expect: [[9, 17, 9, 31]],
  },
  {
    name: 'a configured stable band',
    text: kpi(['| B | 1 | 1 | | → Stable (+2%) |']),
    config: { thresholds: { stableBand: 5 } },
    expect: [],
  },
  { name: 'arrow only, word only, empty', text: kpi(['| A | 1 | 1 | | ↗️ |', '| B | 1 | 1 | | Declining |', '| C | 1 | 1 | | |']), expect: [] },
]);

describe('kpi-trend-mismatch suggestions', () => {
  const suggestion = (row: string) => {
    const f = run(kpi([row])).find((x) => x.ruleId === 'kpi-trend-mismatch');
    assert.ok(f);
    assert.equal(f.fix, undefined);
    return f.suggestions?.map((s) => s.edits.map((e) => e.text));
  };
  it('the word wins when there is no change', () => {
    assert.deepEqual(suggestion('| Revenue | $1M | $1M | | ↗️ Declining |'), [['↘️ Declining']]);
  });
  it('the change wins, and the parenthetical is kept', () => {
    assert.deepEqual(suggestion('| Revenue | $1M | $1M | | ↗️ Improving (-5% vs. last quarter) |'), [['↘️ Declining (-5% vs. last quarter)']]);
    assert.deepEqual(suggestion('| Revenue | $1M | $1M | | ↘️ Declining (+0.5%) |'), [['→ Stable (+0.5%)']]);
  });
  it('lower is better: a rising cost is Declining', () => {
    assert.deepEqual(suggestion('| Cost per lead | $50 | $50 | | ↗️ Improving (+12%) |'), [['↘️ Declining (+12%)']]);
  });
});

const HEALTHY = [
  '| Revenue | $500K | $450K | ⚠️ Yellow (90% of target) | |',
  '| Customers | 50 | 62 | ✅ Green (124% of target) | |',
];
cases('overall-health-mismatch', [
  {
    name: 'the playbook example: 90, 124→100, 100, 94 → 96% Green; the text after the comma is kept',
    text: PLAYBOOK,
    expect: [[13, 33, 13, 62]],
    fixed: PLAYBOOK.replace('🟡 Yellow (85% of targets met', '🟢 Green (96% of targets met'),
  },
  {
    name: 'consistent line',
    text: kpi(HEALTHY, '\n**Overall Partnership Health**: 🟢 Green (95% of targets met, steady)\n'),
    expect: [],
  },
  {
    name: 'number wrong, badge right',
    text: kpi(HEALTHY, '\n**Overall Partnership Health**: 🟢 Green (92% of targets met)\n'),
    expect: [[11, 33, 11, 61]],
    fixed: kpi(HEALTHY, '\n**Overall Partnership Health**: 🟢 Green (95% of targets met)\n'),
  },
  {
    name: 'badge only, no number: the fix adds the number',
    text: kpi(HEALTHY, '\n**Overall Partnership Health**: Yellow, some areas of concern\n'),
    expect: [[11, 33, 11, 39]],
    fixed: kpi(HEALTHY, '\n**Overall Partnership Health**: 🟢 Green (95% of targets met), some areas of concern\n'),
  },
  {
    name: 'N/A and target-0 rows are left out of the score',
    text: kpi(
      [...HEALTHY, '| Referrals | N/A | 4 | | |', '| Escalations | 0 | 1 | | |'],
      '\n**Overall Partnership Health**: 🟢 Green (95% of targets met)\n',
    ),
    expect: [],
  },
  {
    name: 'Red band below 70 (lower-is-better row at 67%, Red row at 50%)',
    text: kpi(
      ['| Issue resolution time | ≤ 2 days | 3 days | | |', '| Revenue | $1M | $500K | | |'],
      '\n**Overall Partnership Health**: 🟡 Yellow (85% of targets met)\n',
    ),
    expect: [[11, 33, 11, 62]],
    fixed: kpi(
      ['| Issue resolution time | ≤ 2 days | 3 days | | |', '| Revenue | $1M | $500K | | |'],
      '\n**Overall Partnership Health**: 🔴 Red (59% of targets met)\n',
    ),
  },
  {
    name: 'several tables: the nearest table above the line is used',
    text: qbr(
      [
        '## KPI Dashboard',
        '',
        '| Metric | Target | Actual | Status | Trend |',
        '|---|---|---|---|---|',
        '| A | 100 | 10 | | |',
        '',
        '| Metric | Target | Actual | Status | Trend |',
        '|---|---|---|---|---|',
        '| B | 100 | 100 | | |',
        '',
        '**Overall Partnership Health**: 🟢 Green (100% of targets met)',
        '',
      ].join('\n'),
    ),
    expect: [],
  },
  {
    name: 'a health line in another section is not checked against the table',
    text: kpi(HEALTHY, '\n## Executive Summary\n\n**Overall Partnership Health**: 🔴 Red (10% of targets met)\n'),
    expect: [],
  },
  {
    name: 'a health line inside a subsection of the table’s section is',
    text: kpi(HEALTHY, '\n### Summary\n\n**Overall Partnership Health**: 🔴 Red (10% of targets met)\n'),
    expect: [[13, 33, 13, 59]],
    fixed: kpi(HEALTHY, '\n### Summary\n\n**Overall Partnership Health**: 🟢 Green (95% of targets met)\n'),
  },
  {
    name: 'configured health bands',
    text: kpi(HEALTHY, '\n**Overall Partnership Health**: 🟢 Green (95% of targets met)\n'),
    config: { thresholds: { healthGreen: 96 } },
    expect: [[11, 33, 11, 61]],
    fixed: kpi(HEALTHY, '\n**Overall Partnership Health**: 🟡 Yellow (95% of targets met)\n'),
  },
  {
    name: 'nothing measured: nothing to check',
    text: kpi(['| A | TBD | TBD | | |'], '\n**Overall Partnership Health**: 🟢 Green (100% of targets met)\n'),
    expect: [],
  },
]);

const RED = '| Issue resolution time | ≤ 2 days | 3 days | 🔴 Red (67% of target) | |';
cases('red-kpi-unaddressed', [
  {
    name: 'red and not mentioned anywhere relevant',
    text: kpi([RED], '\n## Key Wins\n\nIssue resolution time improved.\n\n## Challenges and Actions\n\n1. **Hiring**: slow\n'),
    expect: [[8, 3, 8, 24]],
  },
  {
    name: 'mentioned (case-insensitively, through emphasis) in Challenges and Actions',
    text: kpi([RED], '\n## Challenges and Actions\n\n1. **Issue Resolution  time**: support is understaffed\n'),
    expect: [],
  },
  {
    name: 'mentioned in a subsection of Risks and Mitigations',
    text: kpi([RED], '\n## Risks and Mitigations\n\n### Support\n\nIssue resolution time may slip further.\n'),
    expect: [],
  },
  {
    name: 'mentioned in Open Issues (status report)',
    text: statusReport(`## Performance Summary\n\n${HEADER}\n${DELIM}\n${RED}\n\n## Open Issues\n1. Issue resolution time: owner Sam\n`),
    expect: [],
  },
  {
    name: 'red by computed attainment although the Status cell says Green',
    text: kpi(['| Revenue | $1M | $500K | ✅ Green | |']),
    expect: [[8, 3, 8, 10]],
  },
  {
    name: 'stated Red but computed Yellow: not this rule',
    text: kpi(['| Revenue | $1M | $850K | 🔴 Red | |']),
    expect: [],
  },
  { name: 'can be turned off', text: kpi([RED]), config: { rules: { 'red-kpi-unaddressed': 'off' } }, expect: [] },
]);

describe('severities and suppression', () => {
  it('target-zero and red-kpi-unaddressed are info; the rest warnings', () => {
    const f = run(kpi(['| Escalations | 0 | 2 | | |', RED]));
    assert.equal(f.find((x) => x.ruleId === 'kpi-target-zero')?.severity, 'info');
    assert.equal(f.find((x) => x.ruleId === 'red-kpi-unaddressed')?.severity, 'info');
    assert.equal(f.find((x) => x.ruleId === 'kpi-status-mismatch'), undefined);
  });
  it('a disable-next-line comment silences a row', () => {
    const text = qbr(`## KPI Dashboard\n\n${HEADER}\n${DELIM}\n| A | 100 | 100 | 🔴 Red | |\n`);
    assert.equal(run(text).filter((f) => f.ruleId === 'kpi-status-mismatch').length, 1);
    const suppressed = text.replace('## KPI Dashboard\n\n', '## KPI Dashboard\n\n<!-- partnership-docs-disable kpi-status-mismatch -->\n\n');
    assert.equal(run(suppressed).filter((f) => f.ruleId === 'kpi-status-mismatch').length, 0);
  });
  it('fixAll leaves nothing fixable in the playbook example', () => {
    const out = fixAll(PLAYBOOK, { today: TODAY, cache: false }).text;
    assert.equal(run(out).filter((f) => f.fix).length, 0);
    assert.match(out, /🟢 Green \(96% of targets met, some areas of concern\)/);
  });
});

it('a placeholder KPI row (fresh scaffold) is reported once, as placeholder-unfilled', () => {
  const text = qbr('## KPI Dashboard\n\n| Metric | Target | Actual | Status | Trend |\n|---|---|---|---|---|\n| [Metric 2] | [Target] | [Actual] | [Status] | [Trend] |\n| Leads | 10 | pending | | |\n');
  const byRule = (id: string) => spans(text, id).map(([l, c]) => `${l}:${c}`);
  assert.deepEqual(byRule('kpi-value-unparsable'), ['9:16']);
  assert.deepEqual(byRule('kpi-status-mismatch'), []);
  assert.deepEqual(byRule('placeholder-unfilled'), ['8:3', '8:16', '8:27', '8:38', '8:49']);
});

describe('real documents (#11): what a team writes in its own format', () => {
  const ids = (text: string, id: string) => run(text).filter((f) => f.ruleId === id).map((f) => f.line);
  it('a Trend column is asked for only on the playbook template, a Status column always', () => {
    const table = '## KPI Dashboard\n\n| Metric | Target | Actual | Status |\n|---|---|---|---|\n| Revenue | $500K | $520K | ✅ Green |\n';
    assert.deepEqual(ids(qbr(table), 'kpi-table-columns'), [6]); // `# Partnership QBR: …`
    const own = `---\npartnership-doc: qbr\n---\n# Globex QBR\n\n${table}`;
    assert.deepEqual(ids(own, 'kpi-table-columns'), []);
    const noStatus = own.replace('| Status |', '| Notes |').replace('| ✅ Green |', '| fine |');
    assert.deepEqual(ids(noStatus, 'kpi-table-columns'), [8]);
  });
  it('an OKR grade column beside Status: the Status grades the score, not the attainment', () => {
    const okr = (status: string) =>
      kpi([], '', '| Objective | Key Result | Target | Actual | Score | Status |', '|---|---|---|---|---|---|') +
      `| Grow | Pipeline (stretch) | $1.5M | $1.05M | 0.7 | ${status} |\n\n## Challenges and Actions\n\n- Pipeline (stretch) is behind plan\n`;
    assert.deepEqual(ids(okr('🟢'), 'kpi-status-mismatch'), []);
    const plain = kpi(['| Pipeline (stretch) | $1.5M | $1.05M | 🟢 | → Stable |']);
    assert.deepEqual(ids(plain, 'kpi-status-mismatch'), [8]);
  });
  it('a Red KPI is addressed where it is discussed without its KR id, or in most of its words', () => {
    const doc = (metric: string, risks: string) =>
      kpi([`| ${metric} | 4 | 2 | 🔴 Red | → Stable |`], `\n## Challenges and Actions\n\n- ${risks}\n`);
    assert.deepEqual(ids(doc('KR3.1 Co-hosted webinars', 'Co-hosted webinars slipped: speakers cancelled'), 'red-kpi-unaddressed'), []);
    assert.deepEqual(ids(doc('Avg. resolution time, escalated tickets', 'Resolution time on escalated tickets doubled'), 'red-kpi-unaddressed'), []);
    assert.deepEqual(ids(doc('Marlowe AEs certified on Tessellate', '12 of 40 Marlowe AEs certified so far'), 'red-kpi-unaddressed'), []);
    // One word in common is not a discussion of the metric.
    assert.deepEqual(ids(doc('Co-hosted webinars', 'Hiring for the webinars team is on hold'), 'red-kpi-unaddressed'), [8]);
    assert.deepEqual(ids(doc('Joint customer references', 'Pricing pressure from a competitor'), 'red-kpi-unaddressed'), [8]);
  });
});
