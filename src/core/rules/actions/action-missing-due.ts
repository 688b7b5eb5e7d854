import { addFieldSuggestion, analyzeActions, documentDates } from '../../analysis/actions.js';
import { documentYear } from '../../analysis/fields.js';
import { ENCLOSING, type Rule } from '../../rule.js';

/** An action item without a due date, or whose due date is a placeholder (spec §4). */
export const actionMissingDue: Rule = {
  meta: {
    id: 'action-missing-due',
    description: 'Action items need a due date: “Due: DATE”, “Timeline: DATE” or “by DATE”.',
    defaultSeverity: 'warning',
    fixable: 'suggestion',
  },
  scope: 'chunk',
  // Which list items are actions depends on the sections they are in (the enclosing headings); due dates
  // written without a year or relative to the document (`EOQ`, `by November`) on its dates.
  reads: [ENCLOSING, documentYear, documentDates],
  check(ctx) {
    for (const a of ctx.get(analyzeActions)) {
      if (!a.open) continue; // a finished item (`[x]`, a Done row) needs no due date any more
      if (a.due && !a.due.placeholder) continue;
      if (a.row && !a.row.dueColumn) continue; // a register without a Due column names none
      const what = a.meeting ? 'Meeting has no date' : 'Action item has no due date';
      ctx.report({
        start: a.lineStart,
        end: a.lineEnd,
        suggestions: suggestion(ctx.doc.text, a),
        message: a.due
          ? `${a.meeting ? 'Meeting date' : 'Action item due date'} is a placeholder “${a.due.text}”; expected a date such as “Due: 2026-01-15”.`
          : `${what}; expected “Due: DATE”, “Timeline: DATE” or “by DATE”.`,
      });
    }
  },
};

function suggestion(text: string, a: Parameters<typeof addFieldSuggestion>[1]) {
  const s = addFieldSuggestion(text, a, 'due');
  return s ? [s] : undefined;
}
