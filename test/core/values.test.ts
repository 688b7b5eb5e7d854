import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  attainment,
  badgeFor,
  canonicalStatus,
  directionOf,
  formatNumber,
  healthBand,
  parseKpiValue,
  parseStatusCell,
  parseTrendCell,
  sameKind,
  statusFor,
  suggestedTrend,
  trendProblem,
  type Direction,
  type KpiValue,
} from '../../src/core/values.js';

/** Parses a cell that must hold a value. */
function v(text: string): KpiValue {
  const p = parseKpiValue(text);
  assert.equal(p.state, 'value', `expected a value for ${JSON.stringify(text)}, got ${JSON.stringify(p)}`);
  return (p as { state: 'value'; value: KpiValue }).value;
}

describe('parseKpiValue', () => {
  const values: Array<[string, Partial<KpiValue>]> = [
    // plain numbers
    ['62', { kind: 'number', value: 62 }],
    ['1,200', { kind: 'number', value: 1200 }],
    ['1,200,000', { kind: 'number', value: 1200000 }],
    ['-3', { kind: 'number', value: -3 }],
    ['−3', { kind: 'number', value: -3 }],
    ['+4', { kind: 'number', value: 4 }],
    ['1.5', { kind: 'number', value: 1.5 }],
    ['0', { kind: 'number', value: 0 }],
    ['500K', { kind: 'number', value: 500000 }],
    ['2.5m', { kind: 'number', value: 2500000 }],
    // currency
    ['$500K', { kind: 'currency', value: 500000, currency: '$' }],
    ['$1.2M', { kind: 'currency', value: 1200000, currency: '$' }],
    ['€300k', { kind: 'currency', value: 300000, currency: '€' }],
    ['£1,000', { kind: 'currency', value: 1000, currency: '£' }],
    ['$2B', { kind: 'currency', value: 2000000000, currency: '$' }],
    ['$2b', { kind: 'currency', value: 2000000000, currency: '$' }],
    ['$1.2 M', { kind: 'currency', value: 1200000, currency: '$' }],
    ['$ 500', { kind: 'currency', value: 500, currency: '$' }],
    ['-$500', { kind: 'currency', value: -500, currency: '$' }],
    ['$-500', { kind: 'currency', value: -500, currency: '$' }],
    ['300 €', { kind: 'currency', value: 300, currency: '€' }],
    ['500 USD', { kind: 'currency', value: 500, currency: '$' }],
    ['$1.2M ARR', { kind: 'currency', value: 1200000, currency: '$', unit: 'arr' }],
    ['$0.1M', { kind: 'currency', value: 100000, currency: '$' }],
    // percent
    ['78%', { kind: 'percent', value: 78 }],
    ['78 %', { kind: 'percent', value: 78 }],
    ['12.5%', { kind: 'percent', value: 12.5 }],
    ['5 percent', { kind: 'percent', value: 5 }],
    // scores
    ['8/10', { kind: 'score', value: 8, denominator: 10 }],
    ['7.5/10', { kind: 'score', value: 7.5, denominator: 10 }],
    ['4 / 5', { kind: 'score', value: 4, denominator: 5 }],
    // units
    ['2 days', { kind: 'unit', value: 2, unit: 'day' }],
    ['1 day', { kind: 'unit', value: 1, unit: 'day' }],
    ['48 hours', { kind: 'unit', value: 48, unit: 'hour' }],
    ['48 hrs', { kind: 'unit', value: 48, unit: 'hour' }],
    ['48h', { kind: 'unit', value: 48, unit: 'hour' }],
    ['4 campaigns', { kind: 'unit', value: 4, unit: 'campaign' }],
    ['4 Campaigns', { kind: 'unit', value: 4, unit: 'campaign' }],
    ['3 classes', { kind: 'unit', value: 3, unit: 'classe' }], // simple rule: strip one 's'
    ['2 class', { kind: 'unit', value: 2, unit: 'class' }], // 'ss' kept
    ['2 business days', { kind: 'unit', value: 2, unit: 'business day' }],
    ['5K users', { kind: 'unit', value: 5000, unit: 'user' }],
    ['3 months', { kind: 'unit', value: 3, unit: 'month' }], // 'm' of months is not a multiplier
    // comparators
    ['≤ 2 days', { kind: 'unit', value: 2, unit: 'day', comparator: '<=' }],
    ['≤2 days', { kind: 'unit', value: 2, unit: 'day', comparator: '<=' }],
    ['<= 20', { kind: 'number', value: 20, comparator: '<=' }],
    ['< 5%', { kind: 'percent', value: 5, comparator: '<' }],
    ['≥ 50', { kind: 'number', value: 50, comparator: '>=' }],
    ['>= 50', { kind: 'number', value: 50, comparator: '>=' }],
    ['> 3', { kind: 'number', value: 3, comparator: '>' }],
    ['&lt; 5%', { kind: 'percent', value: 5, comparator: '<' }],
    ['at most 2 days', { kind: 'unit', value: 2, unit: 'day', comparator: '<=' }],
    ['under 5%', { kind: 'percent', value: 5, comparator: '<' }],
    ['at least $1M', { kind: 'currency', value: 1000000, comparator: '>=' }],
    // markup, notes, approximations
    ['**$500K**', { kind: 'currency', value: 500000, raw: '$500K' }],
    ['*78%*', { kind: 'percent', value: 78 }],
    ['_78%_', { kind: 'percent', value: 78 }],
    ['`8/10`', { kind: 'score', value: 8 }],
    ['  62  ', { kind: 'number', value: 62, raw: '62' }],
    ['$450K (est.)', { kind: 'currency', value: 450000, raw: '$450K' }],
    ['**$450K** (est.) more', { kind: 'currency', value: 450000 }],
    ['~$450K', { kind: 'currency', value: 450000, raw: '~$450K' }],
    ['approx. 12', { kind: 'number', value: 12 }],
    ['≤ ~2 days', { kind: 'unit', value: 2, comparator: '<=' }],
  ];
  for (const [text, expected] of values) {
    test(`value ${JSON.stringify(text)}`, () => {
      const got = v(text);
      for (const [k, val] of Object.entries(expected)) {
        assert.deepEqual(got[k as keyof KpiValue], val, `${k} of ${JSON.stringify(text)}`);
      }
    });
  }

  test('no comparator, currency or unit keys when absent', () => {
    assert.deepEqual(v('62'), { kind: 'number', value: 62, raw: '62' });
  });

  for (const text of ['N/A', 'n/a', 'TBD', 'tbd', '—', '–', '-', '', '   ', '?', '**TBD**', 'TBD (Q3)']) {
    test(`unmeasured ${JSON.stringify(text)}`, () => {
      assert.deepEqual(parseKpiValue(text), { state: 'unmeasured' });
    });
  }

  for (const text of [
    'hello',
    'about right',
    '1,20',
    '12-ish',
    '12 abc 3',
    '$78%',
    '8/10 days',
    '$5/10',
    '5K%',
    '1.2.3',
    '(est.)',
    'constructor',
    '2 days!',
    '$5 €',
  ]) {
    test(`unparsable ${JSON.stringify(text)}`, () => {
      const p = parseKpiValue(text);
      assert.equal(p.state, 'unparsable');
    });
  }

  test('unparsable keeps the cleaned text', () => {
    assert.deepEqual(parseKpiValue(' **soon** '), { state: 'unparsable', raw: 'soon' });
  });
});

describe('sameKind', () => {
  const ok: Array<[string, string, number, number]> = [
    ['$500K', '$450K', 500000, 450000],
    ['78%', '80 %', 78, 80],
    ['62', '1,200', 62, 1200],
    ['8/10', '7.5/10', 8, 7.5],
    ['4/5', '8/10', 0.8, 0.8], // different denominators: fractions
    ['2 days', '3 days', 2, 3],
    ['1 day', '2 days', 1, 2],
    ['2 days', '48 hours', 172_800_000, 172_800_000], // durations convert (#11; was a unit mismatch)
    ['4', '4 campaigns', 4, 4], // bare number vs unit: ok (decision)
    ['4 campaigns', '3', 4, 3],
    ['$1.2M ARR', '$1M', 1200000, 1000000],
  ];
  for (const [t, a, tn, an] of ok) {
    test(`ok: ${t} vs ${a}`, () => {
      assert.deepEqual(sameKind(v(t), v(a)), { ok: true, target: tn, actual: an });
    });
  }

  const bad: Array<[string, string, string | RegExp]> = [
    ['$500K', '78%', /currency.*percentage/],
    ['78%', '$500K', /percentage.*currency/],
    ['$500K', '€450K', 'target is in $, actual in €'],
    ['2 business days', '48 hours', 'target is in business days, actual in hours'], // business days do not convert (#11)
    ['2 months', '8 weeks', 'target is in months, actual in weeks'], // months have uneven lengths
    ['62', '78%', /plain number.*percentage/],
    ['62', '$500', /plain number.*currency/],
    ['8/10', '8', /score.*plain number/],
    ['8/10', '80%', /score/],
    ['2 days', '78%', /in days.*percentage/],
    ['$1M ARR', '$1M MRR', /arr.*mrr/],
  ];
  for (const [t, a, reason] of bad) {
    test(`not ok: ${t} vs ${a}`, () => {
      const r = sameKind(v(t), v(a));
      assert.equal(r.ok, false);
      if (!r.ok) {
        if (typeof reason === 'string') assert.equal(r.reason, reason);
        else assert.match(r.reason, reason);
      }
    });
  }
});

describe('directionOf', () => {
  const none = {};
  const cases: Array<[string, string | undefined, Record<string, { direction?: Direction }>, Direction, string, string?]> = [
    ['Revenue', '$500K', none, 'higher', 'default'],
    ['Customer acquisition cost', '$500', none, 'lower', 'keyword', 'cost'],
    ['Marketing costs', '$500', none, 'lower', 'keyword', 'cost'],
    ['Churn rate', '5%', none, 'lower', 'keyword', 'churn'],
    ['Issue resolution time', '2 days', none, 'lower', 'keyword', 'time'],
    ['Time to close', '30 days', none, 'lower', 'keyword', 'time'],
    ['Response times', '4 hours', none, 'lower', 'keyword', 'time'],
    ['Time-to-value', '30 days', none, 'lower', 'keyword', 'time'],
    ['Lifetime value', '$5K', none, 'higher', 'default'],
    ['Timeline adherence', '90%', none, 'higher', 'default'],
    ['Uptime', '99%', none, 'higher', 'default'],
    ['On-time delivery', '95%', none, 'higher', 'default'],
    ['Real-time sync coverage', '95%', none, 'higher', 'default'],
    ['Support tickets', '20', none, 'lower', 'keyword', 'tickets'],
    ['Ticket backlog', '20', none, 'lower', 'keyword', 'tickets'],
    ['Defects found', '3', none, 'lower', 'keyword', 'defects'],
    ['P1 incidents', '0', none, 'lower', 'keyword', 'incidents'],
    ['Escalations', '2', none, 'lower', 'keyword', 'escalations'],
    ['Ad spend', '$10K', none, 'lower', 'keyword', 'spend'],
    ['Blended CAC', '$300', none, 'lower', 'keyword', 'CAC'],
    ['Cache hit rate', '90%', none, 'higher', 'default'], // "cac" only as a whole word
    ['Days to onboard', '14 days', none, 'lower', 'keyword', 'days to'],
    ['Average days-to-close', '30', none, 'lower', 'keyword', 'days to'],
    ['Active days', '20', none, 'higher', 'default'],
    ['**Churn rate**', '5%', none, 'lower', 'keyword', 'churn'],
    // Beyond the spec's list: how status reports and SLA reviews name lower-is-better metrics.
    ['API latency (p95)', '300 ms', none, 'lower', 'keyword', 'latency'],
    ['Checkout p99', '1.5 s', none, 'lower', 'keyword', 'p99'],
    ['Failed syncs', '0.5%', none, 'lower', 'keyword', 'failures'],
    ['Payment failures', '12', none, 'lower', 'keyword', 'failures'],
    ['Error rate', '1%', none, 'lower', 'keyword', 'errors'],
    ['5xx errors', '40', none, 'lower', 'keyword', 'errors'],
    ['Monthly downtime', '45 min', none, 'lower', 'keyword', 'downtime'],
    ['MTTR (P1)', '4 h', none, 'lower', 'keyword', 'MTTR'],
    ['Bounce rate', '40%', none, 'lower', 'keyword', 'bounce'],
    ['Cash burn', '$200K', none, 'lower', 'keyword', 'burn'],
    ['Outages', '2', none, 'lower', 'keyword', 'outages'],
    // look-alikes that stay higher-is-better
    ['Mean time between failures', '300 h', none, 'higher', 'default'],
    ['MTBF', '300 h', none, 'higher', 'default'],
    ['Failover success rate', '99%', none, 'higher', 'default'],
    ['Burndown completion', '90%', none, 'higher', 'default'],
    // comparators beat keywords
    ['Revenue', '≤ $500K', none, 'lower', 'comparator'],
    ['Leads', '< 50', none, 'lower', 'comparator'],
    ['Resolution time', '≥ 2 days', none, 'higher', 'comparator'],
    ['Resolution time', '> 2 days', none, 'higher', 'comparator'],
    // configuration beats everything (case-insensitive, trimmed, markup stripped)
    ['Cost savings', '$100K', { 'cost savings': { direction: 'higher' } }, 'higher', 'config'],
    ['  **Cost Savings** ', '≤ $100K', { 'COST SAVINGS': { direction: 'higher' } }, 'higher', 'config'],
    ['Revenue', '$1M', { revenue: { direction: 'lower' } }, 'lower', 'config'],
    // a configured metric without a direction falls through
    ['Churn', '5%', { churn: {} }, 'lower', 'keyword', 'churn'],
    ['Revenue', undefined, none, 'higher', 'default'],
    ['Constructor count', undefined, none, 'higher', 'default'],
  ];
  for (const [name, target, cfg, direction, reason, keyword] of cases) {
    test(`${name} / ${target ?? '(no target)'} → ${direction} (${reason})`, () => {
      const r = directionOf(name, target === undefined ? undefined : v(target), cfg);
      assert.equal(r.direction, direction);
      assert.equal(r.reason, reason);
      assert.equal(r.keyword, keyword);
    });
  }
});

describe('attainment', () => {
  const cases: Array<[number, number, Direction, number | null]> = [
    [500000, 450000, 'higher', 90],
    [500000, 620000, 'higher', 124],
    [100, 100, 'higher', 100],
    [200, 179, 'higher', 90], // 89.5 → 90
    [200, 159, 'higher', 79], // 79.5 is below the Yellow boundary: shown as 79, never 80 (#11, spec §9; was 80)
    [200, 178.9, 'higher', 89], // 89.45 → 89
    [1000, 895, 'higher', 90], // 89.5 with float noise
    [8, 7.5, 'higher', 94], // 93.75
    [0.8, 0.7, 'higher', 88], // normalised scores
    [2, 3, 'lower', 67], // ≤ 2 days vs 3 days
    [2, 1, 'lower', 200],
    [5, 5, 'lower', 100],
    [5, 0, 'lower', 100], // lower-is-better with actual 0 → 100 (Green)
    [0, 5, 'higher', null], // target 0: not computable
    [0, 0, 'lower', null],
    [100, 0, 'higher', 0],
    [-10, -5, 'higher', 50], // negatives computed as written
    [10, -5, 'higher', -50],
    [-10, 5, 'lower', -200],
    [Number.NaN, 5, 'higher', null],
  ];
  for (const [t, a, d, expected] of cases) {
    test(`${t} vs ${a} (${d}) → ${expected}`, () => {
      assert.equal(attainment(t, a, d), expected);
    });
  }

  test('end to end: $500K target, $450K actual → 90 → yellow', () => {
    const r = sameKind(v('$500K'), v('$450K'));
    assert.ok(r.ok);
    const att = attainment(r.target, r.actual, 'higher');
    assert.equal(att, 90);
    assert.equal(statusFor(att!, { statusGreen: 100, statusYellow: 80 }), 'yellow');
  });

  test('end to end: 8/10 target, 7.5/10 actual → 94', () => {
    const r = sameKind(v('8/10'), v('7.5/10'));
    assert.ok(r.ok);
    assert.equal(attainment(r.target, r.actual, 'higher'), 94);
  });

  test('end to end: ≤ 2 days target, 3 days actual → lower → 67', () => {
    const target = v('≤ 2 days');
    const r = sameKind(target, v('3 days'));
    assert.ok(r.ok);
    const d = directionOf('Resolution', target, {});
    assert.equal(d.direction, 'lower');
    assert.equal(attainment(r.target, r.actual, d.direction), 67);
  });
});

describe('statusFor / healthBand', () => {
  const t = { statusGreen: 100, statusYellow: 80 };
  for (const [att, rag] of [
    [124, 'green'],
    [100, 'green'],
    [99, 'yellow'],
    [80, 'yellow'],
    [79, 'red'],
    [0, 'red'],
    [-5, 'red'],
  ] as const) {
    test(`status ${att} → ${rag}`, () => assert.equal(statusFor(att, t), rag));
  }
  const h = { healthGreen: 90, healthYellow: 70 };
  for (const [score, rag] of [
    [100, 'green'],
    [90, 'green'],
    [89, 'yellow'],
    [70, 'yellow'],
    [69, 'red'],
  ] as const) {
    test(`health ${score} → ${rag}`, () => assert.equal(healthBand(score, h), rag));
  }
  test('custom thresholds', () => {
    assert.equal(statusFor(95, { statusGreen: 95, statusYellow: 90 }), 'green');
    assert.equal(healthBand(85, { healthGreen: 80, healthYellow: 60 }), 'green');
  });
});

describe('status cells', () => {
  test('canonicalStatus', () => {
    assert.equal(canonicalStatus('green', 124), '✅ Green (124% of target)');
    assert.equal(canonicalStatus('yellow', 90), '\u26A0\uFE0F Yellow (90% of target)');
    assert.equal(canonicalStatus('red', 72), '🔴 Red (72% of target)');
  });
  test('badgeFor', () => {
    assert.equal(badgeFor('green'), '🟢 Green');
    assert.equal(badgeFor('yellow'), '🟡 Yellow');
    assert.equal(badgeFor('red'), '🔴 Red');
  });

  const rags: Array<[string, string | null]> = [
    ['✅ Green (124% of target)', 'green'],
    ['🟢', 'green'],
    ['green', 'green'],
    ['**GREEN**', 'green'],
    ['\u26A0\uFE0F Yellow (90% of target)', 'yellow'],
    ['\u26A0 Yellow', 'yellow'],
    ['🟡', 'yellow'],
    ['Amber', 'yellow'],
    ['🔴 Red (72% of target)', 'red'],
    ['❌ Off track', 'red'],
    ['red', 'red'],
    ['Reduced scope', null], // whole words only
    ['Greenfield', null],
    ['On track', 'green'], // status vocabularies (#11, spec §9; was null)
    ['', null],
  ];
  for (const [text, rag] of rags) {
    test(`rag of ${JSON.stringify(text)} → ${rag}`, () => assert.equal(parseStatusCell(text).rag, rag));
  }

  test('percent, its range and the text after the parenthesis', () => {
    const text = '✅ Green (124% of target) — strong quarter';
    const r = parseStatusCell(text);
    assert.equal(r.percent, 124);
    assert.deepEqual(r.percentRange, [9, 13]);
    assert.equal(text.slice(9, 13), '124%');
    assert.equal(r.afterParen, ' — strong quarter');
  });
  test('percent with spaces and without "of target"', () => {
    const text = '🔴 Red ( 72 % )';
    const r = parseStatusCell(text);
    assert.equal(r.percent, 72);
    assert.equal(text.slice(...r.percentRange!), '72 %');
    assert.equal(r.afterParen, '');
  });
  test('no percent', () => {
    const r = parseStatusCell('✅ Green');
    assert.deepEqual([r.rag, r.percent, r.afterParen, r.phrase, r.markerEnd], ['green', null, '', 'Green', 7]);
  });
  test('unclosed parenthesis: no percent', () => {
    assert.equal(parseStatusCell('✅ Green (124% of target').percent, null);
  });
  test('a parenthetical without a leading percent is skipped', () => {
    const r = parseStatusCell('⚠️ Yellow (note) (90% of target) x');
    assert.equal(r.percent, 90);
    assert.equal(r.afterParen, ' x');
  });
});

describe('trend cells', () => {
  const parsed: Array<[string, ReturnType<typeof parseTrendCell>]> = [
    ['↗️ Improving (+20% vs. last quarter)', { arrow: 'up', word: 'improving', change: 20 }],
    ['↗ Improving', { arrow: 'up', word: 'improving', change: null }],
    ['⬆️ improving', { arrow: 'up', word: 'improving', change: null }],
    ['↑', { arrow: 'up', word: null, change: null }],
    ['📈 Improving', { arrow: 'up', word: 'improving', change: null }],
    ['→ Stable', { arrow: 'flat', word: 'stable', change: null }],
    ['➡️ Stable (−1% vs. last quarter)', { arrow: 'flat', word: 'stable', change: -1 }],
    ['↔ Stable (0%)', { arrow: 'flat', word: 'stable', change: 0 }],
    ['↘️ Declining (-5.5%)', { arrow: 'down', word: 'declining', change: -5.5 }],
    ['↘ Declining', { arrow: 'down', word: 'declining', change: null }],
    ['⬇️', { arrow: 'down', word: null, change: null }],
    ['↓ Declining', { arrow: 'down', word: 'declining', change: null }],
    ['📉 Declining', { arrow: 'down', word: 'declining', change: null }],
    ['Stable (20% vs. last quarter)', { arrow: null, word: 'stable', change: 20 }],
    ['', { arrow: null, word: null, change: null }],
  ];
  for (const [text, expected] of parsed) {
    test(`parseTrendCell ${JSON.stringify(text)}`, () => assert.deepEqual(parseTrendCell(text), expected));
  }

  const problems: Array<[string, Direction, string | null]> = [
    ['↗️ Improving (+20% vs. last quarter)', 'higher', null],
    ['→ Stable (+1%)', 'higher', null],
    ['→ Stable (−1.9%)', 'higher', null],
    ['↘️ Declining (-5%)', 'higher', null],
    ['↗️ Improving', 'higher', null],
    ['', 'higher', null],
    // lower-is-better: a falling value is Improving
    ['↗️ Improving (-10% vs. last quarter)', 'lower', null],
    ['↘️ Declining (+10%)', 'lower', null],
    [
      '↗️ Improving (+10%)',
      'lower',
      'Unexpected “↗️ Improving” with a change of +10% (on a lower-is-better metric); expected “↘️ Declining”',
    ],
    [
      '↗️ Improving (−1% vs. last quarter)',
      'higher',
      'Unexpected “↗️ Improving” with a change of −1% (within the ±2% Stable band); expected “→ Stable”',
    ],
    [
      '→ Stable (+20% vs. last quarter)',
      'higher',
      'Unexpected “→ Stable” with a change of +20% (outside the ±2% Stable band); expected “↗️ Improving”',
    ],
    [
      '→ Stable (+2%)', // the band is exclusive: 2% is not Stable
      'higher',
      'Unexpected “→ Stable” with a change of +2% (outside the ±2% Stable band); expected “↗️ Improving”',
    ],
    [
      '↘️ Declining (+5%)',
      'higher',
      'Unexpected “↘️ Declining” with a change of +5% (on a higher-is-better metric); expected “↗️ Improving”',
    ],
    [
      'Improving (0%)',
      'higher',
      'Unexpected “Improving” with a change of 0% (within the ±2% Stable band); expected “→ Stable”',
    ],
    // arrow and word disagree
    ['↗️ Stable', 'higher', 'Unexpected “↗️ Stable”: the arrow means Improving but the word says Stable'],
    ['↘️ Improving', 'lower', 'Unexpected “↘️ Improving”: the arrow means Declining but the word says Improving'],
    ['→ Declining', 'higher', 'Unexpected “→ Declining”: the arrow means Stable but the word says Declining'],
  ];
  for (const [text, direction, message] of problems) {
    test(`trendProblem ${JSON.stringify(text)} (${direction})`, () => {
      assert.equal(trendProblem(parseTrendCell(text), 2, direction), message);
    });
  }

  test('the stable band is configurable', () => {
    assert.equal(trendProblem(parseTrendCell('→ Stable (+4%)'), 5, 'higher'), null);
    assert.match(trendProblem(parseTrendCell('↗️ Improving (+4%)'), 5, 'higher')!, /within the ±5% Stable band/);
  });

  const suggestions: Array<[Direction, number, string]> = [
    ['higher', 20, '↗️ Improving'],
    ['higher', -20, '↘️ Declining'],
    ['higher', 1, '→ Stable'],
    ['higher', -1.5, '→ Stable'],
    ['higher', 0, '→ Stable'],
    ['lower', -20, '↗️ Improving'],
    ['lower', 20, '↘️ Declining'],
    ['lower', 2, '↘️ Declining'],
  ];
  for (const [d, change, expected] of suggestions) {
    test(`suggestedTrend ${d} ${change} → ${expected}`, () => {
      assert.equal(suggestedTrend(d, change, 2), expected.replace('↗️', '↗\uFE0F').replace('↘️', '↘\uFE0F'));
    });
  }
});

describe('formatNumber', () => {
  for (const [n, s] of [
    [0, '0'],
    [62, '62'],
    [1200, '1,200'],
    [1200000, '1,200,000'],
    [-3, '-3'],
    [1.5, '1.5'],
    [1234.567, '1,234.57'],
    [100.1, '100.1'],
    [-0.001, '0'],
  ] as const) {
    test(`${n} → ${s}`, () => assert.equal(formatNumber(n), s));
  }
});

// -------------------------------------------------------------------------------------------
// Real documents (#11, spec §9): values, directions, rounding, status vocabularies

import { displayPercent, exactAttainment, statedPercentAgrees, statusVocabulary } from '../../src/core/values.js';
import { run, qbr, TODAY } from '../helpers.js';
import { explainAt, explainToMarkdown, fixAll } from '../../src/core/index.js';
import type { PartialConfig } from '../../src/core/types.js';

describe('real-world values (#11)', () => {
  const values: Array<[string, Partial<KpiValue>]> = [
    ['€40K/quarter', { kind: 'currency', value: 40000, currency: '€', per: 'quarter' }],
    ['3.4 avg', { kind: 'number', value: 3.4 }],
    ['< 3 per month', { kind: 'number', value: 3, comparator: '<', per: 'month' }],
    ['15% adoption', { kind: 'percent', value: 15 }],
    ['EUR 2.5M', { kind: 'currency', value: 2_500_000, currency: '€' }],
    ['2.5M EUR', { kind: 'currency', value: 2_500_000, currency: '€' }],
    ['$2.5 million', { kind: 'currency', value: 2_500_000, currency: '$' }],
    ['2.5 billion', { kind: 'number', value: 2_500_000_000 }],
    ['120 ms', { kind: 'unit', value: 120, unit: 'millisecond' }],
    ['1.5 s', { kind: 'unit', value: 1.5, unit: 'second' }],
    ['10 secs', { kind: 'unit', value: 10, unit: 'second' }],
    ['4.2/5', { kind: 'score', value: 4.2, denominator: 5 }],
    ['max 300 ms', { kind: 'unit', value: 300, unit: 'millisecond', comparator: '<=' }],
    ['under 2%', { kind: 'percent', value: 2, comparator: '<' }],
  ];
  for (const [text, expected] of values) {
    test(`reads ${JSON.stringify(text)}`, () => {
      const got = v(text);
      for (const [k, want] of Object.entries(expected)) assert.deepEqual(got[k as keyof KpiValue], want, `${text}: ${k}`);
    });
  }
  test('durations convert: 120 ms vs 1.5 s, in milliseconds', () => {
    assert.deepEqual(sameKind(v('120 ms'), v('1.5 s')), { ok: true, target: 120, actual: 1500 });
    assert.deepEqual(sameKind(v('1.5h'), v('90 min')), { ok: true, target: 5_400_000, actual: 5_400_000 });
  });
  test('a period on one side is implied on the other; different periods do not compare', () => {
    assert.deepEqual(sameKind(v('€40K/quarter'), v('€38K')), { ok: true, target: 40000, actual: 38000 });
    assert.deepEqual(sameKind(v('< 3 per month'), v('2')), { ok: true, target: 3, actual: 2 });
    const r = sameKind(v('€40K/quarter'), v('€150K/year'));
    assert.equal(r.ok, false);
  });
  test('kinds that really differ still mismatch', () => {
    for (const [t, a] of [['15% adoption', '$2.5 million'], ['4.2/5', '84%'], ['3 incidents', '4 hours'], ['EUR 2.5M', '$2.4M']] as const) {
      assert.equal(sameKind(v(t), v(a)).ok, false, `${t} vs ${a}`);
    }
  });
});

describe('direction: real-world words and configuration (#11)', () => {
  const dir = (name: string, target?: string, words = {}, actual?: string) =>
    directionOf(name, target ? v(target) : undefined, {}, words, actual ? v(actual) : undefined);
  test('response / resolution / handling / SLA measured as durations are lower-is-better', () => {
    assert.equal(dir('First response (P2)', '4 h').direction, 'lower');
    assert.equal(dir('Resolution', '2 days').direction, 'lower');
    assert.equal(dir('Deal registration SLA', '2 days').direction, 'lower');
    assert.equal(dir('Average handling', undefined, {}, '6 min').direction, 'lower');
  });
  test('… but a response rate or a resolution percentage is higher-is-better', () => {
    assert.equal(dir('Survey response rate', '30%').direction, 'higher');
    assert.equal(dir('First-contact resolution', '70%').direction, 'higher');
  });
  test('abandonment and churn rate are lower-is-better', () => {
    assert.equal(dir('Cart abandonment', '20%').direction, 'lower');
    assert.equal(dir('Abandoned calls', '5%').direction, 'lower');
    assert.equal(dir('Logo churn rate', '3%').direction, 'lower');
  });
  test('written targets: max, under, below, at most, <, ≤', () => {
    for (const t of ['max 300 ms', 'under 2%', 'below 5', 'at most 3 days', '< 3 per month', '≤ 4 h']) {
      const d = dir('Widgets', t);
      assert.deepEqual([d.direction, d.reason], ['lower', 'comparator'], t);
    }
  });
  test('lowerIsBetter / higherIsBetter configuration (whole words, phrases)', () => {
    assert.deepEqual(dir('Customer complaints', '10', { lowerIsBetter: ['complaints'] }), { direction: 'lower', reason: 'config-word', keyword: 'complaints' });
    assert.equal(dir('Complaint-free weeks', '10', { lowerIsBetter: ['complaints'] }).direction, 'higher');
    assert.deepEqual(dir('Time on platform', '100 h', { higherIsBetter: ['time on platform'] }), { direction: 'higher', reason: 'config-word', keyword: 'time on platform' });
    assert.equal(dir('Time on platform', '100 h').direction, 'lower'); // without the configuration: `time`
    // Built in: a lower-is-better word naming what was achieved counts up.
    assert.deepEqual(dir('Engineer time saved', '100 h'), { direction: 'higher', reason: 'keyword', keyword: 'saved' });
    assert.equal(dir('Claims-processing cost avoided', '$2.5M').direction, 'higher');
    assert.equal(dir('Carrier spend under audit', 'EUR 2.5M').direction, 'higher');
    assert.equal(dir('Escalations resolved', '40').direction, 'higher');
    assert.equal(dir('Escalations', '4').direction, 'lower');
    // A marketplace commitment drawn down through the partner counts up; spend alone does not.
    assert.equal(dir('Customers drawing down committed spend', '10').direction, 'higher');
    assert.equal(dir('MACC drawdown via partner', '$1.2M').direction, 'higher');
    assert.equal(dir('Cloud spend', '$40K').direction, 'lower');
  });
});

describe('rounding across a band (#11, spec §9)', () => {
  test('99.93 of 99.95 is 99.98 % exactly: Yellow, shown as 99', () => {
    const x = exactAttainment(99.95, 99.93, 'higher')!;
    assert.ok(x < 100 && x > 99.97);
    assert.equal(statusFor(x, { statusGreen: 100, statusYellow: 80 }), 'yellow');
    assert.equal(attainment(99.95, 99.93, 'higher'), 99);
  });
  test('79.6 shows 79, 80.4 shows 80, 100.4 shows 100, 89.5 shows 90 (no boundary)', () => {
    assert.equal(displayPercent(79.6, [100, 80]), 79);
    assert.equal(displayPercent(80.4, [100, 80]), 80);
    assert.equal(displayPercent(100.4, [100, 80]), 100);
    assert.equal(displayPercent(89.5, [100, 80]), 90);
  });
  test('float noise is not a shortfall', () => {
    assert.equal(exactAttainment(0.57, 0.57, 'higher'), 100);
    assert.equal(exactAttainment(1.1, 1.1, 'lower'), 100);
  });
  test('a stated percentage agrees with the displayed figure, or with the exact one at its precision', () => {
    assert.equal(statedPercentAgrees(99, 99, 99.98), true);
    assert.equal(statedPercentAgrees(100, 99, 99.98), false);
    assert.equal(statedPercentAgrees(99.98, 99, 99.98), true);
    assert.equal(statedPercentAgrees(99.9, 99, 99.98), false);
  });
});

describe('status vocabularies (#11, spec §9)', () => {
  const rags: Array<[string, 'green' | 'yellow' | 'red' | null]> = [
    ['On Track', 'green'], ['🟢 on-track', 'green'], ['Met', 'green'], ['✅ Achieved', 'green'], ['Exceeded', 'green'],
    ['Ahead', 'green'], ['PASS', 'green'], ['Healthy', 'green'], ['Done', 'green'],
    ['Amber', 'yellow'], ['⚠️ At Risk', 'yellow'], ['Borderline', 'yellow'], ['Watch', 'yellow'], ['Warning', 'yellow'],
    ['Partially met', 'yellow'],
    ['Off Track', 'red'], ['Behind', 'red'], ['❌ Missed', 'red'], ['Not Met', 'red'], ['not met', 'red'], ['MISS', 'red'],
    ['FAIL', 'red'], ['Critical', 'red'], ['Blocked', 'red'],
    ['See notes', null], ['Pending', null], ['Track', null], ['Not on track', null], ['Metrics pending', null],
  ];
  for (const [text, rag] of rags) {
    test(`${JSON.stringify(text)} → ${rag}`, () => assert.equal(parseStatusCell(text).rag, rag));
  }
  test('the marker (symbol and phrase) and whether the words are met / not met', () => {
    const r = parseStatusCell('❌ Not Met — vendor outage');
    assert.deepEqual([r.rag, r.phrase, r.markerEnd, r.binary], ['red', 'Not Met', 9, true]);
    assert.equal(parseStatusCell('🟡 At Risk').binary, false);
    assert.equal(parseStatusCell('🟡 At Risk').anyYellow, true);
  });
  test('statusWords adds and moves words', () => {
    const vocab = statusVocabulary({ yellow: ['slipping', 'done'], red: ['escalated to exec'] });
    assert.equal(parseStatusCell('Slipping', vocab).rag, 'yellow');
    assert.equal(parseStatusCell('Done', vocab).rag, 'yellow');
    assert.equal(parseStatusCell('Escalated to exec', vocab).rag, 'red');
    assert.equal(parseStatusCell('Escalated', vocab).rag, null);
  });
});

const TABLE_HEAD = '| Metric | Target | Actual | Status | Trend |\n|---|---|---|---|---|';
function kpiDoc(rows: string[]): string {
  return qbr(`## KPI Dashboard\n\n${TABLE_HEAD}\n${rows.join('\n')}\n`);
}
function statusFindings(text: string, config?: PartialConfig) {
  return run(text, { config }).filter((f) => f.ruleId === 'kpi-status-mismatch');
}

describe('kpi-status-mismatch on real vocabularies (#11)', () => {
  test('the issue example: 99.93 % of a 99.95 % target stated ⚠️ At Risk is right; ✅ Green is not', () => {
    assert.equal(statusFindings(kpiDoc(['| Availability | 99.95% | 99.93% | ⚠️ At Risk | → Stable |'])).length, 0);
    const f = statusFindings(kpiDoc(['| Availability | 99.95% | 99.93% | ✅ Green (100% of target) | → Stable |']));
    assert.equal(f.length, 1);
    assert.equal(f[0]!.fix!.edits[0]!.text, '⚠️ Yellow (99% of target)');
  });
  test('a two-valued table: ❌ Missed at 90 % is right, ✅ Met at 95 % is wrong and the fix writes ❌ Missed', () => {
    const text = kpiDoc([
      '| Webinars | 4 | 4 | ✅ Met | → Stable |',
      '| References | 10 | 9 | ❌ Missed | → Stable |',
      '| Plays | 20 | 19 | ✅ Met | → Stable |',
    ]);
    const f = statusFindings(text);
    assert.equal(f.length, 1);
    assert.equal(f[0]!.fix!.edits[0]!.text, '❌ Missed');
    assert.match(f[0]!.message, /not met/);
  });
  test('a two-valued table that never wrote the other side gets the counterpart word in its case', () => {
    const f = statusFindings(kpiDoc(['| Uptime | 99.9% | 99.5% | PASS | → Stable |', '| Tickets closed | 10 | 10 | PASS | → Stable |']));
    assert.equal(f.length, 1);
    assert.equal(f[0]!.fix!.edits[0]!.text, 'FAIL');
  });
  test('a Yellow word anywhere makes the table three-valued: Missed at 90 % is then wrong (Yellow)', () => {
    const f = statusFindings(kpiDoc(['| References | 10 | 9 | ❌ Missed | → Stable |', '| Plays | 20 | 15 | ⚠️ At Risk | → Stable |']));
    assert.equal(f.length, 2); // 90 % is Yellow; 75 % is Red
  });
  test('On Track / At Risk / Off Track: the fix writes the team word with its symbol style', () => {
    const text = kpiDoc([
      '| Pipeline | $1M | $0.8M | 🟢 On Track | → Stable |',
      '| Deals | 10 | 5 | 🔴 Off Track | → Stable |',
    ]);
    const f = statusFindings(text);
    assert.equal(f.length, 1);
    assert.equal(f[0]!.fix!.edits[0]!.text, '🟡 At Risk');
  });
  test('unknown words read no colour: no finding; N/A while measured still reported', () => {
    assert.equal(statusFindings(kpiDoc(['| Pipeline | $1M | $0.5M | See notes | → Stable |'])).length, 0);
    assert.equal(statusFindings(kpiDoc(['| Pipeline | $1M | $0.5M | Pending | → Stable |'])).length, 0);
    assert.equal(statusFindings(kpiDoc(['| Pipeline | $1M | $0.5M | N/A | → Stable |'])).length, 1);
  });
  test('statusWords configuration changes what a cell reads', () => {
    const text = kpiDoc(['| Pipeline | $1M | $0.9M | Slipping | → Stable |']);
    assert.equal(statusFindings(text).length, 0); // unknown word: silent
    const f = statusFindings(text.replace('$0.9M', '$0.5M'), { statusWords: { yellow: ['slipping'] } });
    assert.equal(f.length, 1); // read as Yellow, computed Red
    assert.equal(statusFindings(text, { statusWords: { yellow: ['slipping'] } }).length, 0);
  });
  test('lowerIsBetter configuration changes the direction and so the status', () => {
    const text = kpiDoc(['| Customer complaints | 10 | 5 | ✅ Green | → Stable |']);
    assert.equal(statusFindings(text).length, 1); // higher-is-better by default: 50 % → Red
    assert.equal(statusFindings(text, { lowerIsBetter: ['complaints'] }).length, 0);
    const saved = kpiDoc(['| Time on platform | 100 h | 120 h | ✅ Green | → Stable |']);
    assert.equal(statusFindings(saved).length, 1); // `time`: lower-is-better
    assert.equal(statusFindings(saved, { higherIsBetter: ['time on platform'] }).length, 0);
  });
  test('the hover says the direction and why, the vocabulary and the displayed percentage', () => {
    const text = kpiDoc(['| Availability | 99.95% | 99.93% | PASS | → Stable |', '| Errors | ≤ 5 | 2 | PASS | → Stable |']);
    const e = explainAt(text, text.indexOf('99.93%'), { today: TODAY, cache: false });
    assert.equal(e?.kind, 'kpi-row');
    const md = explainToMarkdown(e!);
    assert.match(md, /99% \(exactly 99\.98%/);
    assert.match(md, /met \/ not met/);
    assert.match(md, /“PASS” → met/);
    const e2 = explainAt(text, text.indexOf('≤ 5'), { today: TODAY, cache: false });
    assert.match(explainToMarkdown(e2!), /lower is better \(the target has a ≤ \/ < comparator\)/);
  });
  test('the fix round trip is idempotent', () => {
    const text = kpiDoc(['| Webinars | 4 | 3 | ✅ Met | → Stable |', '| Plays | 20 | 20 | ✅ Met | → Stable |']);
    const out = fixAll(text, { today: TODAY, cache: false }).text;
    assert.match(out, /\| ❌ Not Met \|/);
    assert.equal(fixAll(out, { today: TODAY, cache: false }).text, out);
  });
});

describe('overall health across a band (#11)', () => {
  test('a mean just below 90 is never shown as 90 and is Yellow', () => {
    // 99 (exactly 99.98) and 80 (exactly 80.0): mean of exact 89.99 → Yellow, shown 89.
    const text = qbr(`## KPI Dashboard\n\n${TABLE_HEAD}\n| A | 99.95% | 99.93% | | |\n| B | 100 | 80 | | |\n\n**Overall Partnership Health**: 🟢 Green (90% of targets met)\n`);
    const f = run(text).filter((x) => x.ruleId === 'overall-health-mismatch');
    assert.equal(f.length, 1);
    assert.equal(f[0]!.fix!.edits[0]!.text, '🟡 Yellow (89% of targets met');
  });
});
