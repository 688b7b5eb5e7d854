/**
 * Fixture documents with inline expectations (the markdownlint habit): every file in
 * test/fixtures/docs ends with
 *
 *   <!-- expect
 *   12:34 kpi-status-mismatch
 *   40:3 action-missing-owner   # optional note
 *   -->
 *
 * (`-` alone: no findings). An optional sibling `<name>.config.json` holds the fixture's
 * configuration. Today is always 2026-11-24. The set of `line:column ruleId` produced by the
 * linter must equal the expectations exactly.
 */
import { test } from 'node:test';
import { loadConfig, markdownFilesUnder } from '../helpers.js';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildIndex, indexDocument, lint, lintWorkspace, parseConfigText, ruleIds } from '../../src/core/index.js';
import type { Finding, PartialConfig } from '../../src/core/types.js';

const FIXTURE_DIR = 'test/fixtures/docs';
const FIXTURE_TODAY = '2026-11-24';

interface Fixture {
  name: string;
  path: string;
  text: string;
  config?: PartialConfig;
  /** Expected `line:column ruleId` keys. */
  expected: string[];
}

/** Reads `<!-- expect … -->` at the end of a fixture. */
function parseExpectations(text: string, name: string): string[] {
  const m = /<!--\s*expect\s*\r?\n([\s\S]*?)-->\s*$/.exec(text);
  if (!m) throw new Error(`${name}: no <!-- expect … --> block at the end of the file`);
  const out: string[] = [];
  for (const raw of m[1]!.split(/\r?\n/)) {
    const line = raw.replace(/#.*$/, '').trim();
    if (!line || line === '-') continue;
    const e = /^(\d+):(\d+)\s+([a-z][a-z0-9-]*)$/.exec(line);
    if (!e) throw new Error(`${name}: bad expectation line "${raw}" (want "line:column rule-id")`);
    out.push(`${e[1]}:${e[2]} ${e[3]}`);
  }
  return out;
}


function loadFixtures(): Fixture[] {
  return readdirSync(FIXTURE_DIR)
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((n) => {
      const path = join(FIXTURE_DIR, n);
      const text = readFileSync(path, 'utf8');
      return {
        name: n,
        path,
        text,
        config: loadConfig(join(FIXTURE_DIR, n.replace(/\.md$/, '.config.json'))),
        expected: parseExpectations(text, n),
      };
    });
}

/** The rule ids of the spec (a typo in an expectation must not pass silently). */
const SPEC_RULE_IDS = [
  'kpi-table-columns', 'kpi-value-unparsable', 'kpi-unit-mismatch', 'kpi-target-zero', 'kpi-status-mismatch',
  'kpi-trend-mismatch', 'overall-health-mismatch', 'red-kpi-unaddressed', 'health-score-sum', 'health-score-range',
  'health-score-badge', 'status-health-conflict', 'action-missing-owner', 'action-missing-due', 'action-invalid-due',
  'action-overdue', 'action-unknown-owner', 'placeholder-unfilled', 'section-missing', 'field-invalid',
  'renewal-window', 'renewal-passed', 'next-qbr-missing', 'unknown-rule',
];

const key = (f: Finding) => `${f.line}:${f.column} ${f.ruleId}`;
const byPosition = (a: string, b: string) => {
  const [la, ca] = a.split(/[: ]/).map(Number) as [number, number];
  const [lb, cb] = b.split(/[: ]/).map(Number) as [number, number];
  return la - lb || ca - cb || a.localeCompare(b);
};

/** A readable diff: what was expected and not reported, and what was reported unexpectedly. */
function diff(fx: Fixture, findings: Finding[]): string {
  const lines = fx.text.split(/\r?\n/);
  const got = new Set(findings.map(key));
  const want = new Set(fx.expected);
  const out: string[] = [`${fx.path}: findings differ from the inline expectations`];
  const src = (k: string) => `      | ${lines[Number(k.split(':')[0]) - 1] ?? ''}`;
  for (const k of [...want].filter((k) => !got.has(k)).sort(byPosition)) out.push(`  - missing     ${k}`, src(k));
  for (const f of findings.filter((f) => !want.has(key(f))).sort((a, b) => byPosition(key(a), key(b)))) {
    out.push(`  + unexpected ${key(f)} (${f.severity}) ${f.message}`, src(key(f)));
  }
  return out.join('\n');
}

const fixtures = loadFixtures();

test('there are fixture documents', () => {
  assert.ok(fixtures.length >= 15, `expected at least 15 fixtures, found ${fixtures.length}`);
});

for (const fx of fixtures) {
  test(`fixture ${fx.name}`, () => {
    const { findings } = lint(fx.text, { path: fx.path, today: FIXTURE_TODAY, config: fx.config, cache: false });
    for (const id of new Set(fx.expected.map((k) => k.split(' ')[1]!))) {
      assert.ok(SPEC_RULE_IDS.includes(id) || ruleIds.includes(id), `${fx.name}: unknown rule id "${id}" in the expectations`);
    }
    const got = [...new Set(findings.map(key))].sort(byPosition);
    const want = [...new Set(fx.expected)].sort(byPosition);
    assert.ok(got.length === want.length && got.every((k, i) => k === want[i]), diff(fx, findings));
  });
}

// ---------------------------------------------------------------------------------------------
// examples/: the folder the README's main command runs on. Every rule of the spec fires
// somewhere in it, and the documents meant to be clean stay clean.

const EXAMPLES = 'examples';
/** Documents in examples/ that must have no findings at all (see examples/README.md). */
const CLEAN_EXAMPLES = [
  'examples/README.md',
  'examples/partnerships/initech/2026-Q3-qbr.md',
  'examples/partnerships/hooli/2026-Q1-qbr.md',
  'examples/partnerships/hooli/2026-Q2-qbr.md',
];

/** Cross-document findings over the whole of examples/ (as `partnership-docs check examples` reports them). */
let workspaceFindings: Map<string, Finding[]> | undefined;
function exampleWorkspaceFindings(path: string): Finding[] {
  if (!workspaceFindings) {
    const config = loadConfig(join(EXAMPLES, '.partnership-docs.json'));
    const texts = new Map(markdownFilesUnder(EXAMPLES).map((p) => [p, readFileSync(p, 'utf8')]));
    const docs = [...texts].flatMap(([p, t]) => indexDocument(p, t, { today: FIXTURE_TODAY, config, cache: false }) ?? []);
    workspaceFindings = lintWorkspace(buildIndex(docs, { today: FIXTURE_TODAY }), texts, { today: FIXTURE_TODAY, config }).byPath;
  }
  return workspaceFindings.get(path) ?? [];
}

function lintExample(path: string): Finding[] {
  // examples/ has one configuration file at its root.
  const config = loadConfig(join(EXAMPLES, '.partnership-docs.json'));
  return [...lint(readFileSync(path, 'utf8'), { path, today: FIXTURE_TODAY, config, cache: false }).findings, ...exampleWorkspaceFindings(path)];
}

test('examples/: every rule fires somewhere', () => {
  const fired = new Set(markdownFilesUnder(EXAMPLES).flatMap((p) => lintExample(p).map((f) => f.ruleId)));
  const silent = [...new Set([...SPEC_RULE_IDS, ...ruleIds])].filter((id) => !fired.has(id));
  assert.deepEqual(silent, [], `rules that fire nowhere in examples/: ${silent.join(', ')}`);
});

test('examples/: the clean documents have no findings', () => {
  for (const p of CLEAN_EXAMPLES) {
    assert.deepEqual(lintExample(p).map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`), [], p);
  }
});
