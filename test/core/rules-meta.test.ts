import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { rules, DOCS_BASE } from '../../src/core/index.js';

// Every rule id the spec names (shared/spec/domain.md §2–§7), plus kpi-target-zero (the spec's
// "Target 0 … info finding") and unknown-rule (§7.1).
const SPEC_IDS = [
  'kpi-table-columns', 'kpi-value-unparsable', 'kpi-unit-mismatch', 'kpi-target-zero', 'kpi-status-mismatch',
  'kpi-trend-mismatch', 'overall-health-mismatch', 'red-kpi-unaddressed', 'health-score-sum', 'health-score-range',
  'health-score-badge', 'status-health-conflict', 'action-missing-owner', 'action-missing-due', 'action-invalid-due',
  'action-overdue', 'placeholder-unfilled', 'section-missing', 'field-invalid', 'action-unknown-owner',
  'renewal-window', 'renewal-passed', 'next-qbr-missing', 'unknown-rule',
  // Cross-document rules (issue 5): registered for metadata and configuration, run by lintWorkspace.
  'kpi-trend-vs-previous', 'kpi-declining-quarters', 'action-carried-over',
];

test('every rule of the spec is registered, once', () => {
  const ids = rules.map((r) => r.id);
  assert.deepEqual([...ids].sort(), [...SPEC_IDS].sort());
});

test('default severities follow spec §7', () => {
  const sev = Object.fromEntries(rules.map((r) => [r.id, r.defaultSeverity]));
  for (const id of ['health-score-sum', 'health-score-range']) assert.equal(sev[id], 'error', id);
  for (const id of ['renewal-window', 'next-qbr-missing', 'red-kpi-unaddressed', 'kpi-target-zero']) assert.equal(sev[id], 'info', id);
  for (const id of SPEC_IDS.filter((i) => !['health-score-sum', 'health-score-range', 'renewal-window', 'next-qbr-missing', 'red-kpi-unaddressed', 'kpi-target-zero'].includes(i))) {
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
