import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { rules, DOCS_BASE } from '../../src/core/index.js';

// Every rule id the spec names (shared/spec/domain.md §2–§7), plus kpi-target-zero (the spec's
// "Target 0 … info finding") and unknown-rule (§7.1).
const SPEC_IDS = [
  'kpi-table-columns', 'kpi-value-unparsable', 'kpi-unit-mismatch', 'kpi-target-zero', 'kpi-status-mismatch',
  'kpi-trend-mismatch', 'overall-health-mismatch', 'red-kpi-unaddressed', 'health-score-sum', 'health-score-range',
  'health-score-badge', 'status-health-conflict', 'action-missing-owner', 'action-missing-due', 'action-invalid-due',
  'action-overdue', 'placeholder-unfilled', 'section-missing', 'field-invalid', 'action-unknown-owner',
  'renewal-window', 'renewal-passed', 'next-qbr-missing', 'unknown-rule',
  // Issue 13: the lifecycle stage's renewal check.
  'renewal-recommendation-missing',
  // Cross-document rules (issue 5): registered for metadata and configuration, run by lintWorkspace.
  'kpi-trend-vs-previous', 'kpi-declining-quarters', 'action-carried-over',
  // Launch plans (issue 13): the playbook's Onboarding and Launch step.
  'milestone-missing-owner', 'milestone-missing-date', 'milestone-overdue', 'success-criteria-missing',
];

test('every rule of the spec is registered, once', () => {
  const ids = rules.map((r) => r.id);
  assert.deepEqual([...ids].sort(), [...SPEC_IDS].sort());
});

test('default severities follow spec §7', () => {
  const sev = Object.fromEntries(rules.map((r) => [r.id, r.defaultSeverity]));
  for (const id of ['health-score-sum', 'health-score-range']) assert.equal(sev[id], 'error', id);
  for (const id of ['renewal-window', 'next-qbr-missing', 'red-kpi-unaddressed', 'kpi-target-zero', 'renewal-recommendation-missing']) assert.equal(sev[id], 'info', id);
  for (const id of SPEC_IDS.filter((i) => !['health-score-sum', 'health-score-range', 'renewal-window', 'next-qbr-missing', 'red-kpi-unaddressed', 'kpi-target-zero', 'renewal-recommendation-missing'].includes(i))) {
    assert.equal(sev[id], 'warning', id);
  }
});

test('fixability matches the issue: fixes where a value is computable, suggestions where a human decides', () => {
  const fx = Object.fromEntries(rules.map((r) => [r.id, r.fixable]));
  for (const id of ['kpi-status-mismatch', 'overall-health-mismatch', 'health-score-badge', 'section-missing']) assert.equal(fx[id], 'fix', id);
  for (const id of ['kpi-trend-mismatch', 'health-score-sum', 'action-unknown-owner']) assert.equal(fx[id], 'suggestion', id);
});

test('every rule has a description, a kebab-case id and a docs page that names it', () => {
  for (const r of rules) {
    assert.match(r.id, /^[a-z]+(?:-[a-z]+)*$/);
    assert.ok(r.description.length > 10, r.id);
    assert.equal(r.docs, `docs/rules/${r.id}.md`);
    assert.equal(r.url, `${DOCS_BASE}${r.id}.md`);
    assert.ok(existsSync(r.docs), `missing ${r.docs}`);
    const page = readFileSync(r.docs, 'utf8');
    assert.ok(page.includes(r.id), `${r.docs} does not name ${r.id}`);
  }
});

// Issue #12: rules know nothing of caching. A rule reads the model, the analyses (through
// ctx.get) and the facts it declares; the engine decides what to reuse.
test('no rule imports the cache, memo or document-splitting code, or keeps a cache of its own', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const n of readdirSync(dir)) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (n.endsWith('.ts')) files.push(p);
    }
  };
  walk('src/core/rules');
  walk('src/core/workspace/rules');
  assert.ok(files.length >= 27, `only ${files.length} rule files found`);
  const problems: string[] = [];
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    for (const m of src.matchAll(/from '([^']+)'/g)) {
      if (/\/(?:cache|memo|document|split|parse)\.js$/.test(m[1]!)) problems.push(`${f} imports ${m[1]}`);
    }
    if (/^(?:const|let) \w+ = (?:new (?:Weak)?Map|memoByString)/m.test(src)) problems.push(`${f} keeps a module-level cache`);
  }
  assert.deepEqual(problems, []);
});

// Adding a rule touches its file, its docs page and its tests; the lists are generated
// (`npm run gen`, docs/architecture.md). These fail when a generated list is stale.
test('the rule registries and the README rule table are generated from the rule files', () => {
  const r = spawnSync(process.execPath, ['scripts/gen-rules.mjs', '--check'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const fix: Record<string, string> = { fix: 'fix', suggestion: 'suggestion', false: '—' };
  const readme = readFileSync('README.md', 'utf8');
  for (const m of rules) {
    assert.ok(
      readme.includes(`| [\`${m.id}\`](${m.docs}) | ${m.defaultSeverity} | ${fix[String(m.fixable)]} | ${m.description} |`),
      `README.md's rule table lacks or misstates ${m.id}: run npm run gen`,
    );
  }
});
