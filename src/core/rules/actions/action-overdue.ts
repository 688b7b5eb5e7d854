import { analyzeActions, documentDates } from '../../analysis/actions.js';
import { documentYear } from '../../analysis/fields.js';
import { daysBetween } from '../../dates.js';
import { ENCLOSING, type Rule } from '../../rule.js';

/** An open action item (not `[x]`) whose due date is before today (spec §4). */
export const actionOverdue: Rule = {
  meta: {
    id: 'action-overdue',
    description: 'An open action item is past its due date.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  scope: 'chunk',
  // Which list items are actions depends on the sections they are in (the enclosing headings); due dates
  // written without a year or relative to the document (`EOQ`, `by November`) on its dates.
  reads: [ENCLOSING, documentYear, documentDates],
  check(ctx) {
    for (const a of ctx.get(analyzeActions)) {
      const due = a.due;
      if (!a.open || !due?.date) continue;
      const days = daysBetween(due.date, ctx.today);
      if (days <= 0) continue;
      ctx.report({
        start: due.start,
        end: due.end,
        message: `Overdue by ${days} ${days === 1 ? 'day' : 'days'} (due ${due.iso})`,
        data: { due: due.iso, daysOverdue: days },
      });
    }
  },
};
