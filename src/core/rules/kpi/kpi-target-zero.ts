import { analyzeKpi } from '../../analysis/kpi.js';
import type { Rule } from '../../rule.js';

/** A target of 0: attainment cannot be computed, so no status is expected (spec §2.3). */
export const kpiTargetZero: Rule = {
  meta: {
    id: 'kpi-target-zero',
    description: 'A KPI target is 0, so its attainment (and status) cannot be computed.',
    defaultSeverity: 'info',
    fixable: false,
  },
  scope: 'chunk',
  check(ctx) {
    for (const t of ctx.get(analyzeKpi)) {
      for (const r of t.rows) {
        if (r.target.state !== 'value' || r.target.value.value !== 0 || !r.targetCell) continue;
        ctx.report({
          start: r.targetCell.start,
          end: r.targetCell.end,
          message:
            `Target “${r.target.value.raw}” for “${r.metric}” is 0, so attainment cannot be computed; ` +
            'its status is not checked and it is left out of the overall health score',
          data: { metric: r.metric },
        });
      }
    }
  },
};
