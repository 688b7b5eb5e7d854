/** Shared test helpers: lint a snippet and compare findings of one rule by exact positions. */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { lint, fixAll, applyFixes } from '../src/core/index.js';
import type { Finding, LintOptions, PartialConfig } from '../src/core/types.js';

export const TODAY = '2026-11-24';

export function run(text: string, options: LintOptions = {}): Finding[] {
  return lint(text, { today: TODAY, cache: false, ...options }).findings;
}

/** Findings of one rule as compact tuples: [line, column, endLine, endColumn]. */
export function spans(text: string, ruleId: string, options: LintOptions = {}): Array<[number, number, number, number]> {
  return run(text, options)
    .filter((f) => f.ruleId === ruleId)
    .map((f) => [f.line, f.column, f.endLine, f.endColumn]);
}

export interface RuleCase {
  name: string;
  text: string;
  /** Expected findings of the rule under test: [line, column, endLine, endColumn]. */
  expect: Array<[number, number, number, number]>;
  /** Expected text after applying this rule's fixes (fixAll restricted to this rule). */
  fixed?: string;
  config?: PartialConfig;
  today?: string;
}

/** Table-driven rule test: exact positions, and the fix round trip where `fixed` is given. */
export function checkRuleCase(ruleId: string, c: RuleCase): void {
  const options: LintOptions = { today: c.today ?? TODAY, config: c.config, cache: false };
  assert.deepEqual(spans(c.text, ruleId, options), c.expect, `${ruleId}: ${c.name}`);
  if (c.fixed !== undefined) {
    const only: PartialConfig = { ...c.config, rules: onlyRule(ruleId, c.config) };
    const out = fixAll(c.text, { ...options, config: only }).text;
    assert.equal(out, c.fixed, `${ruleId} fix: ${c.name}`);
    // Idempotent: fixing the fixed text changes nothing.
    assert.equal(fixAll(out, { ...options, config: only }).text, out, `${ruleId} fix idempotent: ${c.name}`);
  }
}

import { ruleIds, parseConfigText } from '../src/core/index.js';
function onlyRule(ruleId: string, config?: PartialConfig): Record<string, 'off' | 'warning'> {
  const r: Record<string, 'off' | 'warning'> = {};
  for (const id of ruleIds) r[id] = id === ruleId ? 'warning' : 'off';
  void config;
  return r;
}

export { applyFixes, lint, fixAll };

/** A minimal QBR wrapper so rule snippets are linted as partnership documents. */
export function qbr(body: string): string {
  return `# Partnership QBR: Acme + Globex\n**Quarter**: Q3 2026\n\n${body}`;
}
export function statusReport(body: string): string {
  return `# Partnership Status Report: Acme + Globex\n**Period**: Q3 2026\n\n${body}`;
}

/** A fixture's sibling `.config.json` (PartialConfig), validated like a real config file; undefined when absent. */
export function loadConfig(path: string): PartialConfig | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = parseConfigText(readFileSync(path, 'utf8'), path, ruleIds);
  if (parsed.errors.length) {
    throw new Error(`${path}: ${parsed.errors.map((e) => `${e.line}:${e.column} ${e.message}`).join('; ')}`);
  }
  return parsed.config;
}

/**
 * `npm test` sets PD_TEST_FULL=1: the long property runs and the heaviest robustness tests (what
 * CI runs). `npm run test:unit` alone is the developer's quick loop: fewer property cases, and the
 * tests marked `heavy` skipped (they say so in the output).
 */
export const FULL_RUN = process.env.PD_TEST_FULL === '1';

/** Runs per property: `PD_PROPERTY_RUNS` when set; else `full` under `npm test`, `quick` in the quick loop. */
export function propertyRuns(full: number, quick: number): number {
  if (process.env.PD_PROPERTY_RUNS) return Number(process.env.PD_PROPERTY_RUNS);
  return FULL_RUN ? full : quick;
}

/** Test options of a heavy robustness test (5 MB documents, nesting thousands deep): `npm test` only. */
export const heavy: { skip?: string } = FULL_RUN ? {} : { skip: 'heavy: runs in npm test (PD_TEST_FULL=1), not in the quick loop' };

/** Every `.md` file below `dir` (sub-folders included), in sorted order. */
export function markdownFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...markdownFilesUnder(p));
    else if (n.endsWith('.md')) out.push(p);
  }
  return out;
}
