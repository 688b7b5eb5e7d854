/**
 * The rule registry: every rule of the spec, one file each. The docs URL is derived here, in
 * one place.
 */
import type { Rule } from '../rule.js';
import type { RuleMeta } from '../types.js';
import { placeholderUnfilled } from './placeholder-unfilled.js';
import { unknownRule } from './unknown-rule.js';
import { kpiRules } from './kpi/index.js';
import { healthRules } from './health/index.js';
import { actionsRules } from './actions/index.js';

export const DOCS_BASE = 'https://github.com/partnership-docs/partnership-docs/blob/main/docs/rules/';

export const ruleList: Rule[] = [...kpiRules, ...healthRules, ...actionsRules, placeholderUnfilled, unknownRule];

export const rules: RuleMeta[] = ruleList.map((r) => ({
  ...r.meta,
  docs: `docs/rules/${r.meta.id}.md`,
  url: `${DOCS_BASE}${r.meta.id}.md`,
}));

export const ruleIds: string[] = ruleList.map((r) => r.meta.id);
