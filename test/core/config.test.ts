import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, checkConfigSanity, mergeConfig, parseConfigText } from '../../src/core/config.js';
import type { PartialConfig } from '../../src/core/types.js';

const IDS = ['kpi-status-mismatch', 'placeholder-unfilled', 'section-missing'];
const parse = (text: string) => parseConfigText(text, '/repo/.partnership-docs.json', IDS);
const schema = JSON.parse(readFileSync(join(__dirname, '../../schemas/partnership-docs.schema.json'), 'utf8'));

/** The 1-based line/column of the first occurrence of `needle` in `text`. */
function pos(text: string, needle: string, nth = 0): { line: number; column: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in text`);
  const before = text.slice(0, at);
  return { line: before.split('\n').length, column: at - before.lastIndexOf('\n') };
}

describe('parseConfigText', () => {
  it('accepts comments and trailing commas and returns the config', () => {
    const text = `// project settings
{
  /* severities */
  "rules": { "placeholder-unfilled": "off", "kpi-status-mismatch": "error", },
  "thresholds": { "statusYellow": 75, },
  "metrics": { "Support tickets": { "direction": "lower" } },
  "dateOrder": "dmy",
  "owners": ["Ann Lee", "Bo Chen"],
  "lintAllMarkdown": true,
  "$schema": "./node_modules/partnership-docs/schemas/partnership-docs.schema.json",
}`;
    const r = parse(text);
    assert.deepEqual(r.errors, []);
    assert.deepEqual(r.config, {
      rules: { 'placeholder-unfilled': 'off', 'kpi-status-mismatch': 'error' },
      thresholds: { statusYellow: 75 },
      metrics: { 'Support tickets': { direction: 'lower' } },
      dateOrder: 'dmy',
      owners: ['Ann Lee', 'Bo Chen'],
      lintAllMarkdown: true,
    });
  });

  it('reports a syntax error at its line and column', () => {
    const text = '{\n  "rules": { "placeholder-unfilled": "off" }\n  "owners": []\n}';
    const r = parse(text);
    assert.equal(r.config, undefined);
    assert.equal(r.errors.length, 1);
    // The missing comma is noticed at the next property name: line 3, column 3.
    assert.deepEqual({ line: r.errors[0]!.line, column: r.errors[0]!.column }, { line: 3, column: 3 });
    assert.match(r.errors[0]!.message, /Invalid JSON: expected ","/);
  });

  it('reports an unclosed object at the end of the text', () => {
    const r = parse('{ "owners": [] \n');
    assert.equal(r.errors.length, 1);
    assert.deepEqual({ line: r.errors[0]!.line, column: r.errors[0]!.column }, { line: 2, column: 1 });
    assert.match(r.errors[0]!.message, /expected "}"/);
  });

  it('reports an unknown top-level key at the key', () => {
    const text = '{\n  "rules": {},\n  "colour": true\n}';
    const r = parse(text);
    assert.equal(r.errors.length, 1);
    assert.deepEqual({ line: r.errors[0]!.line, column: r.errors[0]!.column }, { line: 3, column: 3 });
    assert.match(r.errors[0]!.message, /^Unknown key "colour" in the configuration\. Allowed keys: rules, thresholds, metrics, dateOrder, owners, lintAllMarkdown, partners(?:, [A-Za-z]+)*\.$/);
    assert.match(r.errors[0]!.message, /, kpiColumns[,.]/);
    assert.match(r.errors[0]!.message, /, statusWords, lowerIsBetter, higherIsBetter[,.]/);
    assert.match(r.errors[0]!.message, /, sectionEquivalents[,.]/);
  });

  it('reports an unknown nested key at the key, suggesting the closest', () => {
    const text = '{ "thresholds": { "statusGren": 95 } }';
    const r = parse(text);
    assert.equal(r.errors.length, 1);
    assert.deepEqual({ line: r.errors[0]!.line, column: r.errors[0]!.column }, pos(text, '"statusGren"'));
    assert.match(r.errors[0]!.message, /Unknown key "statusGren" in thresholds\. Did you mean "statusGreen"\?/);
  });

  it('reports a bad severity at the value', () => {
    const text = '{\n  "rules": {\n    "placeholder-unfilled": "warn"\n  }\n}';
    const r = parse(text);
    assert.equal(r.errors.length, 1);
    assert.deepEqual({ line: r.errors[0]!.line, column: r.errors[0]!.column }, { line: 3, column: 29 });
    assert.equal(
      r.errors[0]!.message,
      'Invalid value "warn" for rules.placeholder-unfilled: expected one of "error", "warning", "info", "off".',
    );
  });

  it('reports a bad threshold type at the value', () => {
    const text = '{\n  "thresholds": {\n    "statusGreen": "100"\n  }\n}';
    const r = parse(text);
    assert.equal(r.errors.length, 1);
    assert.deepEqual({ line: r.errors[0]!.line, column: r.errors[0]!.column }, { line: 3, column: 20 });
    assert.equal(r.errors[0]!.message, 'Invalid value "100" for thresholds.statusGreen: expected a number, found a string.');
  });

  it('reports out-of-range numbers and non-integer day counts', () => {
    const text = '{ "thresholds": { "statusYellow": -5, "renewalWindowDays": 1.5 } }';
    const r = parse(text);
    assert.deepEqual(
      r.errors.map((e) => [e.column, e.message]),
      [
        [pos(text, '-5').column, 'Invalid value -5 for thresholds.statusYellow: must be >= 0.'],
        [pos(text, '1.5').column, 'Invalid value 1.5 for thresholds.renewalWindowDays: expected an integer, found a number.'],
      ],
    );
  });

  it('reports an unknown rule id at the key, listing the valid ids', () => {
    const text = '{\n  "rules": {\n    "kpi-status-mismatch": "off",\n    "kpi-staus-mismatch": "off"\n  }\n}';
    const r = parse(text);
    assert.equal(r.errors.length, 1);
    assert.deepEqual({ line: r.errors[0]!.line, column: r.errors[0]!.column }, { line: 4, column: 5 });
    assert.equal(
      r.errors[0]!.message,
      'Unknown rule "kpi-staus-mismatch". Did you mean "kpi-status-mismatch"? Valid rule ids: kpi-status-mismatch, placeholder-unfilled, section-missing.',
    );
  });

  it('reports an oddly spelled rule id once (unknown rule), not also as a bad key', () => {
    const r = parse('{ "rules": { "Placeholder_Unfilled": "off" } }');
    assert.equal(r.errors.length, 1);
    assert.match(r.errors[0]!.message, /^Unknown rule "Placeholder_Unfilled"/);
  });

  it('reports bad values of the other keys', () => {
    const text = `{
  "metrics": { "Churn": { "direction": "down" }, "Cost": { "dir": "lower" } },
  "dateOrder": "ymd",
  "owners": ["Ann", "Ann", ""],
  "lintAllMarkdown": "yes"
}`;
    const r = parse(text);
    assert.deepEqual(
      r.errors.map((e) => `${e.line}:${e.column} ${e.message}`),
      [
        `2:${pos(text, '"down"').column} Invalid value "down" for metrics.Churn.direction: expected one of "higher", "lower".`,
        `2:${pos(text, '"dir"').column} Unknown key "dir" in metrics.Cost. Allowed keys: direction.`,
        `3:${pos(text, '"ymd"').column} Invalid value "ymd" for dateOrder: expected one of "mdy", "dmy".`,
        `4:${pos(text, '"Ann"', 1).column} Duplicate entry "Ann" in owners.`,
        `4:${pos(text, '""').column} Invalid value for owners[2]: must not be empty.`,
        `5:${pos(text, '"yes"').column} Invalid value "yes" for lintAllMarkdown: expected a boolean, found a string.`,
      ],
    );
  });

  it('rejects yellow thresholds above green ones in one file', () => {
    const text = '{ "thresholds": { "statusGreen": 90, "statusYellow": 95, "healthGreen": 80, "healthYellow": 85 } }';
    const r = parse(text);
    assert.deepEqual(
      r.errors.map((e) => `${e.column} ${e.message}`),
      [
        `${pos(text, '95').column} thresholds.statusYellow (95) must not exceed thresholds.statusGreen (90).`,
        `${pos(text, '85').column} thresholds.healthYellow (85) must not exceed thresholds.healthGreen (80).`,
      ],
    );
  });

  it('rejects a non-object top level and duplicate keys', () => {
    assert.match(parse('[]').errors[0]!.message, /Expected a JSON object/);
    const text = '{ "dateOrder": "mdy", "dateOrder": "dmy" }';
    const r = parse(text);
    assert.deepEqual(r.errors.map((e) => [e.column, e.message]), [[pos(text, '"dateOrder"', 1).column, 'Duplicate key "dateOrder".']]);
  });

  it('counts columns in UTF-16 code units and accepts CRLF line ends', () => {
    const text = '{\r\n  "metrics": { "NPS 📈": { "direction": "up" } }\r\n}';
    const r = parse(text);
    assert.equal(r.errors.length, 1);
    assert.deepEqual({ line: r.errors[0]!.line, column: r.errors[0]!.column }, { line: 2, column: 41 }); // 📈 is two code units
  });

  it('skips the unknown-rule check when no rule ids are given', () => {
    assert.deepEqual(parseConfigText('{ "rules": { "anything-goes": "off" } }', 'x.json', []).errors, []);
  });
});

describe('mergeConfig', () => {
  it('merges key by key: rules and metrics per entry, thresholds per field, arrays replaced', () => {
    const merged = mergeConfig(
      DEFAULT_CONFIG,
      { rules: { a: 'off', b: 'error' }, thresholds: { statusGreen: 110 }, metrics: { Churn: { direction: 'lower' } }, owners: ['Ann', 'Bo'] },
      { rules: { b: 'info' }, thresholds: { stableBand: 5 }, metrics: { 'Time to close': { direction: 'lower' } }, owners: ['Cy'] },
    );
    assert.deepEqual(merged, {
      rules: { a: 'off', b: 'info' },
      thresholds: { ...DEFAULT_CONFIG.thresholds, statusGreen: 110, stableBand: 5 },
      metrics: { Churn: { direction: 'lower' }, 'Time to close': { direction: 'lower' } },
      dateOrder: 'mdy',
      owners: ['Cy'],
      lintAllMarkdown: false,
    });
  });

  it('treats metric names case-insensitively (the later layer wins)', () => {
    const merged = mergeConfig(DEFAULT_CONFIG, { metrics: { Churn: { direction: 'lower' } } }, { metrics: { churn: { direction: 'higher' } } });
    assert.deepEqual(merged.metrics, { churn: { direction: 'higher' } });
  });

  it('never mutates its inputs', () => {
    const layer = { rules: { a: 'off' as const }, owners: ['Ann'] };
    const merged = mergeConfig(DEFAULT_CONFIG, layer);
    merged.owners.push('Bo');
    merged.rules.b = 'error';
    assert.deepEqual(layer, { rules: { a: 'off' }, owners: ['Ann'] });
    assert.deepEqual(DEFAULT_CONFIG.rules, {});
    assert.deepEqual(DEFAULT_CONFIG.owners, []);
  });

  it('checkConfigSanity flags inverted merged thresholds', () => {
    assert.deepEqual(checkConfigSanity(DEFAULT_CONFIG), []);
    const bad = mergeConfig(DEFAULT_CONFIG, { thresholds: { statusGreen: 70 } });
    assert.deepEqual(checkConfigSanity(bad), ['thresholds.statusYellow (80) must not exceed thresholds.statusGreen (70).']);
  });
});

describe('schemas/partnership-docs.schema.json', () => {
  it('states the same defaults as DEFAULT_CONFIG', () => {
    const t = schema.properties.thresholds.properties;
    for (const [k, v] of Object.entries(DEFAULT_CONFIG.thresholds)) assert.equal(t[k].default, v, k);
    assert.equal(schema.properties.dateOrder.default, DEFAULT_CONFIG.dateOrder);
    assert.equal(schema.properties.lintAllMarkdown.default, DEFAULT_CONFIG.lintAllMarkdown);
  });

  it('describes every key and disallows others', () => {
    assert.equal(schema.additionalProperties, false);
    assert.equal(schema.properties.thresholds.additionalProperties, false);
    for (const [k, v] of Object.entries(schema.properties as Record<string, { description?: string }>)) assert.ok(v.description, k);
  });

  it('lists exactly the rules of the core, with their defaults (npm run schema regenerates)', async () => {
    const { rules } = await import('../../src/core/index.js');
    const listed = schema.properties.rules.properties as Record<string, { default: string; description: string; enum: string[] }>;
    assert.deepEqual(Object.keys(listed), rules.map((r) => r.id), 'out of date: run `npm run schema`');
    for (const r of rules) {
      assert.equal(listed[r.id]!.default, r.defaultSeverity, r.id);
      assert.ok(listed[r.id]!.description.startsWith(r.description), `${r.id}: out of date: run \`npm run schema\``);
      assert.deepEqual(listed[r.id]!.enum, ['error', 'warning', 'info', 'off']);
    }
  });
});

describe('statusWords / lowerIsBetter / higherIsBetter (#11)', () => {
  it('are valid keys; a bad colour is reported', () => {
    const ok = parse('{ "statusWords": { "yellow": ["slipping"] }, "lowerIsBetter": ["complaints"], "higherIsBetter": ["uptime"] }');
    assert.deepEqual(ok.errors, []);
    const bad = parse('{ "statusWords": { "amber": ["slipping"] } }');
    assert.equal(bad.errors.length, 1);
    assert.match(bad.errors[0]!.message, /Unknown key "amber"/);
  });
  it('merge: statusWords per colour, the word lists replaced', () => {
    const a = mergeConfig(DEFAULT_CONFIG, { statusWords: { yellow: ['slipping'], red: ['escalated'] }, lowerIsBetter: ['complaints'] });
    const b = mergeConfig(a, { statusWords: { yellow: ['wobbly'] }, lowerIsBetter: ['rework'] });
    assert.deepEqual(b.statusWords, { yellow: ['wobbly'], red: ['escalated'] });
    assert.deepEqual(b.lowerIsBetter, ['rework']);
    assert.equal(DEFAULT_CONFIG.statusWords, undefined);
  });
});

describe('sectionEquivalents', () => {
  it('validates (an object of name lists), merges per section name and adds to the built-in equivalents', async () => {
    assert.deepEqual(parse('{ "sectionEquivalents": { "Next Steps": ["Asks for next week"] } }').errors, []);
    assert.equal(parse('{ "sectionEquivalents": { "Next Steps": "Asks" } }').errors.length, 1);
    const merged = mergeConfig(DEFAULT_CONFIG, { sectionEquivalents: { 'Next Steps': ['A'], 'Root Cause': ['Why'] } }, { sectionEquivalents: { 'next steps': ['B'] } });
    assert.deepEqual(merged.sectionEquivalents, { 'Root Cause': ['Why'], 'next steps': ['B'] });
    const { lint } = await import('../../src/core/index.js');
    const doc = '# Partnership Issue: X\n\n**Severity:** High\n\n## Summary\n\n## Why\n\n## Impact\n\n## Options\n\n## Action Items\n\n## Outcome\n';
    const missing = (config?: PartialConfig) => lint(doc, { today: '2026-11-24', config }).findings.filter((f) => f.ruleId === 'section-missing').map((f) => f.data?.section);
    assert.deepEqual(missing(), ['Root Cause']);
    assert.deepEqual(missing({ sectionEquivalents: { 'Root Cause': ['Why'] } }), []);
  });
});
