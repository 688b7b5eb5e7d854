import type { Rule } from '../../rule.js';
import { renewalDates } from '../../analysis/header-dates.js';

/** `Next renewal date` within renewalWindowDays (90) of today: time to start the renewal process. */
export const renewalWindow: Rule = {
  meta: {
    id: 'renewal-window',
    description: 'The next renewal date is within the renewal window (0–90 days ahead): start the renewal process.',
    defaultSeverity: 'info',
    fixable: false,
  },
  check(ctx) {
    const window = ctx.config.thresholds.renewalWindowDays;
    for (const r of ctx.get(renewalDates)) {
      if (r.days < 0 || r.days > window) continue;
      const when = r.days === 0 ? 'today' : r.days === 1 ? 'in 1 day' : `in ${r.days} days`;
      ctx.report({
        start: r.field.valueStart,
        end: r.field.valueEnd,
        message:
          `Renewal is ${when} (${r.iso}), within the ${window}-day renewal window: the playbook starts the renewal ` +
          'process 60–90 days before expiration (assess performance, document value, survey stakeholders, ' +
          'develop a recommendation, prepare the renewal proposal).',
        data: { date: r.iso, days: r.days },
      });
    }
  },
};
