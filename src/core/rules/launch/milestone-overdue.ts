import { documentDates } from '../../analysis/actions.js';
import { documentYear } from '../../analysis/fields.js';
import { analyzeMilestones, launchStart } from '../../analysis/milestones.js';
import { daysBetween } from '../../dates.js';
import { ENCLOSING, type Rule } from '../../rule.js';

/** A launch-plan milestone not marked done whose date is before today. */
export const milestoneOverdue: Rule = {
  meta: {
    id: 'milestone-overdue',
    description: 'A launch-plan milestone is past its date and not marked done.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  kinds: ['launch-plan'],
  scope: 'chunk',
  reads: [ENCLOSING, documentYear, documentDates, launchStart],
  check(ctx) {
    for (const m of ctx.get(analyzeMilestones)) {
      if (m.done || !m.date?.date) continue;
      const days = daysBetween(m.date.date, ctx.today);
      if (days <= 0) continue;
      ctx.report({
        start: m.date.start,
        end: m.date.end,
        message: `Milestone “${m.name}” is ${days} ${days === 1 ? 'day' : 'days'} past its date (${m.date.iso}) and not marked done; mark it done (✅, [x], Status: Done) or move its date.`,
        data: { milestone: m.name, date: m.date.iso, daysOverdue: days },
      });
    }
  },
};
