/**
 * The rule registry: every rule of the spec, one file each. The docs URL is derived here, in
 * one place.
 */
import type { Rule } from '../rule.js';
import type { RuleMeta } from '../types.js';
import { groupRules } from './groups.js';
import { unknownRule } from './unknown-rule.js';
import { workspaceRules } from '../workspace/rules/index.js';

export const DOCS_BASE = 'https://github.com/partnership-docs/partnership-docs/blob/main/docs/rules/';

/** The per-file rules: what lint() runs. */
export const ruleList: Rule[] = [...groupRules, unknownRule];

/**
 * Every rule's metadata: the per-file rules, then the cross-document rules (which run only
 * through lintWorkspace, over several documents; see src/core/workspace/rules/).
 */
export const rules: RuleMeta[] = [...ruleList, ...workspaceRules].map((r) => ({
  ...r.meta,
  docs: `docs/rules/${r.meta.id}.md`,
  url: `${DOCS_BASE}${r.meta.id}.md`,
}));

export const ruleIds: string[] = rules.map((r) => r.id);

/** Ids of the cross-document rules. */
export const workspaceRuleIds: string[] = workspaceRules.map((r) => r.meta.id);
