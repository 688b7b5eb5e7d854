import type { Rule } from '../rule.js';
import { directives } from '../suppress.js';
import { ruleIds } from './index.js';

export const unknownRule: Rule = {
  meta: {
    id: 'unknown-rule',
    description: 'A suppression comment names a rule id that does not exist.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const known = new Set(ruleIds);
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
