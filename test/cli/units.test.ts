/** In-process tests of the CLI's modules: atomic write-back, config discovery, stylish output. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pc from 'picocolors';
import { ConfigResolver } from '../../src/cli/configFiles.js';
import { writeFixedFile } from '../../src/cli/fix.js';
import { formatStylish } from '../../src/cli/formatters/stylish.js';
import { displayWidth } from '../../src/core/width.js';
import stringWidth from 'string-width';
import { formatJson } from '../../src/cli/formatters/json.js';
import type { Finding } from '../../src/core/types.js';
import { removeTemp, tempRepo } from './helpers.js';

const temps: string[] = [];
const repo = (files: Record<string, string> = {}, opts?: { git?: boolean }) => {
  const d = tempRepo(files, opts);
  temps.push(d);
  return d;
};
after(() => temps.forEach(removeTemp));

describe('writeFixedFile', () => {
  it('replaces the file and leaves no temporary file behind', async () => {
    const d = repo({ 'a.md': 'old\n' });
    const original = readFileSync(join(d, 'a.md'));
    assert.equal(await writeFixedFile(join(d, 'a.md'), original, 'new\n', false), 'written');
    assert.equal(readFileSync(join(d, 'a.md'), 'utf8'), 'new\n');
    assert.deepEqual(readdirSync(d).sort(), ['.git', 'a.md']);
  });

  it('does not write when the file changed on disk since it was read', async () => {
    const d = repo({ 'a.md': 'old\n' });
    const original = readFileSync(join(d, 'a.md'));
    writeFileSync(join(d, 'a.md'), 'edited by someone else\n');
    assert.equal(await writeFixedFile(join(d, 'a.md'), original, 'new\n', false), 'changed-on-disk');
    assert.equal(readFileSync(join(d, 'a.md'), 'utf8'), 'edited by someone else\n');
    assert.deepEqual(readdirSync(d).sort(), ['.git', 'a.md']);
  });

  it('keeps the byte order mark and skips identical content', async () => {
    const d = repo();
    writeFileSync(join(d, 'b.md'), Buffer.from('\uFEFFold\n', 'utf8'));
    const original = readFileSync(join(d, 'b.md'));
    assert.equal(await writeFixedFile(join(d, 'b.md'), original, 'old\n', true), 'unchanged');
    assert.equal(await writeFixedFile(join(d, 'b.md'), original, 'new\n', true), 'written');
    assert.deepEqual(readFileSync(join(d, 'b.md')), Buffer.from('\uFEFFnew\n', 'utf8'));
  });
});

describe('ConfigResolver', () => {
  const ids = ['placeholder-unfilled', 'section-missing'];

  it('merges nearest over farther, key by key, up to the repository root', async () => {
    const outer = repo({ '.partnership-docs.json': '{ "dateOrder": "dmy", "owners": ["Outside"] }' }, { git: false });
    const root = join(outer, 'repo');
    const files = {
      'repo/.git/HEAD': '',
      'repo/.partnership-docs.json': '{ "rules": { "placeholder-unfilled": "error", "section-missing": "info" }, "thresholds": { "statusGreen": 110 }, "owners": ["Ann", "Bo"] }',
      'repo/a/.partnership-docs.json': '{ "rules": { "placeholder-unfilled": "off" }, "thresholds": { "stableBand": 3 } }',
      'repo/a/b/.partnership-docs.json': '{ "owners": ["Cy"], "metrics": { "Churn": { "direction": "lower" } } }',
    };
    for (const [p, t] of Object.entries(files)) {
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(outer, p, '..'), { recursive: true });
      writeFileSync(join(outer, p), t);
    }
    const resolver = new ConfigResolver(ids);
    const config = await resolver.forFile(join(root, 'a/b/doc.md'));
    assert.deepEqual(resolver.errors, []);
    assert.deepEqual(config, {
      rules: { 'placeholder-unfilled': 'off', 'section-missing': 'info' },
      thresholds: { statusGreen: 110, statusYellow: 80, healthGreen: 90, healthYellow: 70, stableBand: 3, renewalWindowDays: 90 },
      metrics: { Churn: { direction: 'lower' } },
      dateOrder: 'mdy', // the file above the repository root is not read
      owners: ['Cy'],
      lintAllMarkdown: false,
    });
    const top = await resolver.forFile(join(root, 'doc.md'));
    assert.equal(top?.rules['placeholder-unfilled'], 'error');
  });

  it('collects errors with file, line and column', async () => {
    const d = repo({ '.partnership-docs.json': '{\n  "rules": { "nope": "off" }\n}' });
    const resolver = new ConfigResolver(ids);
    assert.equal(await resolver.forFile(join(d, 'x.md')), undefined);
    assert.deepEqual(resolver.errors.map((e) => [e.file, e.line, e.column]), [[join(d, '.partnership-docs.json'), 2, 14]]);
  });
});

describe('formatters', () => {
  const f = (over: Partial<Finding>): Finding => ({
    ruleId: 'placeholder-unfilled', severity: 'warning', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 2, startOffset: 0, endOffset: 1, ...over,
  });

  it('stylish: eslint-like groups, aligned by display width, with a summary', () => {
    const out = formatStylish(
      [
        { path: 'a.md', kind: 'qbr', findings: [f({ line: 3, column: 7, message: 'Status ✅ is wrong', ruleId: 'kpi-status-mismatch', fix: { edits: [], offsetEdits: [] } }), f({ line: 12, column: 10, severity: 'error', message: 'Sum is off', ruleId: 'health-score-sum' })] },
        { path: 'b.md', kind: null, findings: [] },
        { path: 'c/d.md', kind: 'issue', findings: [f({ severity: 'info', message: 'Renewal soon', ruleId: 'renewal-window' })] },
      ],
      pc.createColors(false),
    );
    assert.equal(
      out,
      [
        '',
        'a.md',
        '  3:7    warning  Status ✅ is wrong  kpi-status-mismatch',
        '  12:10  error    Sum is off          health-score-sum', // ✅ is two columns wide
        '',
        'c/d.md',
        '  1:1  info  Renewal soon  renewal-window',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '  1 problem potentially fixable with the `--fix` option.',
        '',
        '',
      ].join('\n'),
    );
    assert.equal(formatStylish([{ path: 'b.md', kind: null, findings: [] }], pc.createColors(false)), '');
  });

  it('stylish measures display width exactly as string-width does, emoji, marks and escapes included', () => {
    const pool = ['a', ' ', '(', 'é', 'e\u0301', '✅', '⚠', '\ufe0f', '🔴', '🟡', '👍🏽', '👨\u200d👩\u200d👧', '\u200d', '🇫🇷', '🇫', '\u0600', '1', '\u20e3',
      '中', '한', '\u1100', '\u1161', '\x1b[31m', '\x1b[0m', '\r', '\t', '\u00ad', '©', '↔', '—', '≤', '→', '\u0903', 'क', '\u094d'];
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
    for (let k = 0; k < 20_000; k++) {
      let s = '';
      for (let j = 1 + rnd(10); j > 0; j--) s += pool[rnd(pool.length)];
      assert.equal(displayWidth(s), stringWidth(s), JSON.stringify(s));
    }
    for (const s of ['Status is ✅ Green (100% of target), expected 🟡 Yellow', '⚠️ At Risk → 🔴 Red', '1️⃣ first', 'plain ASCII ≤ 2 days']) {
      assert.equal(displayWidth(s), stringWidth(s), s);
    }
  });

  it('json: only the fields of spec §7', () => {
    const out = JSON.parse(
      formatJson([
        { path: 'a.md', kind: 'qbr', findings: [f({ data: { x: 1 }, suggestions: [{ title: 't', edits: [], offsetEdits: [] }], fix: { edits: [{ line: 1, column: 1, endLine: 1, endColumn: 2, text: 'y' }], offsetEdits: [{ start: 0, end: 1, text: 'y' }] } })] },
      ]),
    );
    assert.deepEqual(out, {
      files: [{ path: 'a.md', kind: 'qbr', findings: [{ ruleId: 'placeholder-unfilled', severity: 'warning', message: 'm', line: 1, column: 1, endLine: 1, endColumn: 2, fix: { edits: [{ line: 1, column: 1, endLine: 1, endColumn: 2, text: 'y' }] } }] }],
      summary: { files: 1, errors: 0, warnings: 1, infos: 0 },
    });
  });
});
