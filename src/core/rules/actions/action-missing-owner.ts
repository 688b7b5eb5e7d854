import { addFieldSuggestion, analyzeActions, documentDates } from '../../analysis/actions.js';
import { documentYear } from '../../analysis/fields.js';
import { ENCLOSING, type Rule } from '../../rule.js';

/** An action item without an owner, or whose owner is a placeholder (spec §4). */
export const actionMissingOwner: Rule = {
  meta: {
    id: 'action-missing-owner',
    description: 'Action items need an owner: “Owner: NAME”, “Owner - NAME” or @name.',
    defaultSeverity: 'warning',
    fixable: 'suggestion',
  },
  scope: 'chunk',
  // Which list items are actions depends on the sections they are in (the enclosing headings); due dates
  // written without a year or relative to the document (`EOQ`, `by November`) on its dates.
  reads: [ENCLOSING, documentYear, documentDates],
  check(ctx) {
    for (const a of ctx.get(analyzeActions)) {
      if (!a.open) continue; // a finished item (`[x]`, a Done row) needs no owner any more
      if (a.owner && !a.owner.placeholder) continue;
      if (a.row && !a.row.ownerColumn) continue; // a register without an Owner column names none
      ctx.report({
        start: a.lineStart,
        end: a.lineEnd,
        suggestions: suggestion(ctx.doc.text, a),
        message: a.owner
          ? `Action item owner is a placeholder “${a.owner.text}”; expected a person's name (“Owner: NAME” or @name).`
          : 'Action item has no owner; expected “Owner: NAME”, “Owner - NAME” or @name.',
      });
    }
  },
};

function suggestion(text: string, a: Parameters<typeof addFieldSuggestion>[1]) {
  const s = addFieldSuggestion(text, a, 'owner');
  return s ? [s] : undefined;
}
