import { analyzeActions, documentDates } from '../../analysis/actions.js';
import { documentYear } from '../../analysis/fields.js';
import { ENCLOSING, type Rule } from '../../rule.js';

/** A due value that is not a date (spec §4): `Timeline: 2 weeks`, `Due: ongoing`. */
export const actionInvalidDue: Rule = {
  meta: {
    id: 'action-invalid-due',
    description: 'An action item due date must be a date (2026-01-15, Jan 15, 2026, Q3 2026…).',
    defaultSeverity: 'warning',
    fixable: false,
  },
  scope: 'chunk',
  // Which list items are actions depends on the sections they are in (the enclosing headings); due dates
  // written without a year or relative to the document (`EOQ`, `by November`) on its dates.
  reads: [ENCLOSING, documentYear, documentDates],
  check(ctx) {
    const numeric = ctx.config.dateOrder === 'dmy' ? '15/1/2026' : '1/15/2026';
    for (const a of ctx.get(analyzeActions)) {
      const due = a.due;
      if (!due || due.placeholder || due.date || due.undated) continue;
      ctx.report({
        start: due.start,
        end: due.end,
        message:
          `Unexpected due date “${due.text}”; expected a date such as 2026-01-15, Jan 15, 2026, ` +
          `15 Jan 2026, ${numeric}, Q3 2026 or end of Q3 2026.`,
      });
    }
  },
};
