import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { formatSarif } from '../../src/cli/formatters/sarif.js';
import type { Finding, RuleMeta } from '../../src/core/types.js';
import { version } from '../../package.json';
import { QBR, ROOT, ensureBuilt, onlyRules, removeTemp, run, tempRepo } from './helpers.js';

// The official SARIF 2.1.0 schema, vendored (see test/fixtures/sarif-schema-2.1.0.SOURCE.md).
const sarifSchema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

function assertValid(log: unknown): void {
  const ok = validateSarif(log);
  assert.ok(ok, JSON.stringify(validateSarif.errors, null, 2));
}

type Log = {
  runs: Array<{
    tool: { driver: { name: string; version: string; informationUri: string; rules: Array<{ id: string; helpUri: string; defaultConfiguration: { level: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }>;
      fixes?: Array<{ artifactChanges: Array<{ replacements: Array<{ deletedRegion: Record<string, number>; insertedContent: { text: string } }> }> }>;
    }>;
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: Array<{ executionSuccessful: boolean; toolExecutionNotifications: unknown[] }>;
  }>;
};

const RULES: RuleMeta[] = [
  { id: 'kpi-status-mismatch', description: 'Status disagrees with attainment.', defaultSeverity: 'warning', fixable: 'fix', docs: 'docs/rules/kpi-status-mismatch.md', url: 'https://example.org/docs/rules/kpi-status-mismatch.md' },
  { id: 'renewal-window', description: 'Renewal is near.', defaultSeverity: 'info', fixable: false, docs: 'docs/rules/renewal-window.md', url: 'https://example.org/docs/rules/renewal-window.md' },
];

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'kpi-status-mismatch',
  severity: 'warning',
  message: 'm',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  startOffset: 0,
  endOffset: 1,
  ...over,
});

describe('formatSarif (unit)', () => {
  it('is valid SARIF 2.1.0 with rules, levels, regions, fixes and notifications', () => {
    const text = formatSarif(
      [
        {
          path: 'partners/acme corp/2026-Q2-qbr.md',
          kind: 'qbr',
          findings: [
            finding({
              line: 12,
              column: 34,
              endLine: 12,
              endColumn: 61,
              message: 'Status is Green, expected Yellow',
              fix: { edits: [{ line: 12, column: 34, endLine: 12, endColumn: 61, text: '⚠️ Yellow (90% of target)' }], offsetEdits: [{ start: 1, end: 2, text: 'x' }] },
            }),
            finding({ ruleId: 'renewal-window', severity: 'info', message: 'Renewal in 30 days' }),
            finding({ ruleId: 'kpi-status-mismatch', severity: 'error' }),
          ],
        },
      ],
      { rules: RULES, version: '1.2.3', informationUri: 'https://example.org', cwd: '/work/repo', failures: [{ path: 'bad.md', message: 'not valid UTF-8; not checked' }] },
    );
    const log = JSON.parse(text) as Log;
    assertValid(log);
    const runObj = log.runs[0]!;
    assert.deepEqual(runObj.tool.driver.rules.map((r) => [r.id, r.defaultConfiguration.level, r.helpUri]), [
      ['kpi-status-mismatch', 'warning', 'https://example.org/docs/rules/kpi-status-mismatch.md'],
      ['renewal-window', 'note', 'https://example.org/docs/rules/renewal-window.md'],
    ]);
    assert.deepEqual(runObj.results.map((r) => [r.ruleId, r.ruleIndex, r.level]), [
      ['kpi-status-mismatch', 0, 'warning'],
      ['renewal-window', 1, 'note'],
      ['kpi-status-mismatch', 0, 'error'],
    ]);
    const first = runObj.results[0]!;
    assert.deepEqual(first.locations[0]!.physicalLocation, {
      artifactLocation: { uri: 'partners/acme%20corp/2026-Q2-qbr.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 34, endLine: 12, endColumn: 61 },
    });
    assert.deepEqual(first.fixes![0]!.artifactChanges[0]!.replacements, [
      { deletedRegion: { startLine: 12, startColumn: 34, endLine: 12, endColumn: 61 }, insertedContent: { text: '⚠️ Yellow (90% of target)' } },
    ]);
    assert.equal(runObj.results[1]!.fixes, undefined);
    assert.deepEqual(runObj.originalUriBaseIds, { '%SRCROOT%': { uri: 'file:///work/repo/' } });
    assert.equal(runObj.invocations[0]!.executionSuccessful, false);
    assert.equal(runObj.invocations[0]!.toolExecutionNotifications.length, 1);
  });

  it('is valid with no files at all', () => {
    assertValid(JSON.parse(formatSarif([], { rules: RULES, version: '0.0.1', informationUri: 'https://example.org', cwd: '/' })));
  });

  it('the vendored schema really rejects broken logs', () => {
    assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false);
    assert.equal(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ level: 'info', message: { text: 'm' } }] }] }), false);
  });
});

describe('check --format sarif (end to end)', () => {
  const temps: string[] = [];
  before(() => ensureBuilt());
  after(() => temps.forEach(removeTemp));

  it('writes a valid log describing every rule of the core', async () => {
    const { rules } = await import('../../src/core/index.js');
    const config = await onlyRules({ 'placeholder-unfilled': 'info', 'kpi-status-mismatch': 'warning' });
    const d = tempRepo({ 'partners/acme/qbr.md': QBR, '.partnership-docs.json': config });
    temps.push(d);
    const r = run(['check', '--format', 'sarif'], d);
    assert.equal(r.status, 0, r.stderr);
    const log = JSON.parse(r.stdout) as Log;
    assertValid(log);
    const driver = log.runs[0]!.tool.driver;
    assert.equal(driver.name, 'partnership-docs');
    assert.equal(driver.version, version);
    assert.match(driver.informationUri, /^https:\/\//);
    assert.deepEqual(driver.rules.map((x) => x.id), rules.map((x) => x.id));
    const results = log.runs[0]!.results;
    const placeholder = results.find((x) => x.ruleId === 'placeholder-unfilled')!;
    assert.equal(placeholder.level, 'note');
    assert.equal(driver.rules[placeholder.ruleIndex]!.id, 'placeholder-unfilled');
    assert.deepEqual(placeholder.locations[0]!.physicalLocation.artifactLocation, { uri: 'partners/acme/qbr.md', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(placeholder.locations[0]!.physicalLocation.region, { startLine: 4, startColumn: 16, endLine: 4, endColumn: 22 });
    if (rules.some((x) => x.id === 'kpi-status-mismatch')) {
      const status = results.find((x) => x.ruleId === 'kpi-status-mismatch');
      assert.ok(status?.fixes?.[0]?.artifactChanges[0]?.replacements.length, 'the safe fix is in the log');
    }
    assert.equal(log.runs[0]!.originalUriBaseIds['%SRCROOT%']!.uri.startsWith('file:///'), true);
  });
});
