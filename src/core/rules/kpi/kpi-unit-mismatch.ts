import { analyzeKpi } from '../../analysis/kpi.js';
import type { Rule } from '../../rule.js';

/** Target and Actual in kinds or units that cannot be compared (spec §2.1). */
export const kpiUnitMismatch: Rule = {
  meta: {
    id: 'kpi-unit-mismatch',
    description: 'A KPI’s Target and Actual are in different kinds, units, currencies or score scales.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  scope: 'chunk',
  check(ctx) {
    for (const t of ctx.get(analyzeKpi)) {
      for (const r of t.rows) {
        if (!r.comparison || r.comparison.ok || !r.actualCell) continue;
        if (r.target.state !== 'value' || r.actual.state !== 'value') continue;
        ctx.report({
          start: r.actualCell.start,
          end: r.actualCell.end,
          message:
            `Unexpected actual “${r.actual.value.raw}” against target “${r.target.value.raw}” for “${r.metric}”: ` +
            `${r.comparison.reason}; expected both in the same unit`,
          data: { metric: r.metric, reason: r.comparison.reason },
        });
      }
    }
  },
};
