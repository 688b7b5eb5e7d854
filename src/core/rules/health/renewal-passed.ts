import type { Rule } from '../../rule.js';
import { renewalDates } from '../../analysis/header-dates.js';

/** `Next renewal date` before today: the date is stale or the renewal was missed. */
export const renewalPassed: Rule = {
  meta: {
    id: 'renewal-passed',
    description: 'The next renewal date is in the past.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    for (const r of ctx.get(renewalDates)) {
      if (r.days >= 0) continue;
      const ago = r.days === -1 ? '1 day ago' : `${-r.days} days ago`;
      ctx.report({
        start: r.field.valueStart,
        end: r.field.valueEnd,
        message: `Next renewal date ${r.iso} passed ${ago}; expected a future date (record the renewal outcome and the new term's date).`,
        data: { date: r.iso, days: r.days },
      });
    }
  },
};
