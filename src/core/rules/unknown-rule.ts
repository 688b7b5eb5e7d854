import type { Rule } from '../rule.js';
import { directives } from '../suppress.js';
import { workspaceRules } from '../workspace/rules/index.js';
import { groupRules } from './groups.js';

const ID = 'unknown-rule';

/** Every rule id (index.ts's ruleIds): the groups' rules, this one, the cross-document rules. */
const known: ReadonlySet<string> = new Set([...groupRules.map((r) => r.meta.id), ID, ...workspaceRules.map((r) => r.meta.id)]);

export const unknownRule: Rule = {
  meta: {
    id: ID,
    description: 'A suppression comment names a rule id that does not exist.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    for (const d of ctx.get(directives)) {
      for (const r of d.rules) {
        if (!known.has(r.id)) {
          ctx.report({
            start: r.start,
            end: r.end,
            message: `Unknown rule “${r.id}” in a partnership-docs-${d.kind} comment; expected one of the rule ids (see docs/rules).`,
          });
        }
      }
    }
  },
};
