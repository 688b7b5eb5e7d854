import { documentDates } from '../../analysis/actions.js';
import { documentYear } from '../../analysis/fields.js';
import { analyzeMilestones, launchStart } from '../../analysis/milestones.js';
import { ENCLOSING, type Rule } from '../../rule.js';

/** A launch-plan milestone without a date or timing (the playbook: a launch plan with milestones). */
export const milestoneMissingDate: Rule = {
  meta: {
    id: 'milestone-missing-date',
    description: 'A launch-plan milestone has no date.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  kinds: ['launch-plan'],
  scope: 'chunk',
  // Which items are milestones depends on the sections they are in (the enclosing headings, a dated
  // sub-heading); their dates on the document's year and dates.
  reads: [ENCLOSING, documentYear, documentDates, launchStart],
  check(ctx) {
    for (const m of ctx.get(analyzeMilestones)) {
      if (m.done || m.date || m.dateTemplate || m.dateUnreadable) continue;
      ctx.report({
        start: m.lineStart,
        end: m.lineEnd,
        message: `Milestone “${m.name}” has no date; expected a target date (“2027-01-15”, “15 Jan”, “Due: Feb 12”) or a timing (“Week 2”).`,
        data: { milestone: m.name },
      });
    }
  },
};
