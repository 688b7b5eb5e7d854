import { documentDates } from '../../analysis/actions.js';
import { documentYear } from '../../analysis/fields.js';
import { analyzeMilestones, launchStart } from '../../analysis/milestones.js';
import { ENCLOSING, type Rule } from '../../rule.js';

/** A launch-plan milestone without an owner (the playbook: a launch plan with milestones, roles and responsibilities). */
export const milestoneMissingOwner: Rule = {
  meta: {
    id: 'milestone-missing-owner',
    description: 'A launch-plan milestone has no owner.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  kinds: ['launch-plan'],
  scope: 'chunk',
  // Which items are milestones depends on the sections they are in (the enclosing headings); their
  // dates (read with the owners) on the document's year and dates.
  reads: [ENCLOSING, documentYear, documentDates, launchStart],
  check(ctx) {
    for (const m of ctx.get(analyzeMilestones)) {
      if (m.done || m.ownerTemplate) continue; // a reached milestone needs no owner any more; `[Owner]`: placeholder-unfilled
      if (m.owner && !m.owner.placeholder) continue;
      ctx.report({
        start: m.lineStart,
        end: m.lineEnd,
        message: m.owner
          ? `Milestone “${m.name}” has owner “${m.owner.text}”; expected a person or team (“Owner: NAME”, @name, or the Owner column).`
          : `Milestone “${m.name}” has no owner; expected “Owner: NAME”, “— NAME”, @name or an Owner column.`,
        data: { milestone: m.name },
      });
    }
  },
};
