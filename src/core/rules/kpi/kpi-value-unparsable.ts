import { analyzeKpi } from '../../analysis/kpi.js';
import type { Rule } from '../../rule.js';

/** A Target or Actual cell that cannot be read as a value (spec §2.1). */
export const kpiValueUnparsable: Rule = {
  meta: {
    id: 'kpi-value-unparsable',
    description: 'A KPI Target or Actual cell is not a readable number, amount, percentage, score or N/A.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  scope: 'chunk',
  check(ctx) {
    for (const t of ctx.get(analyzeKpi)) {
      for (const r of t.rows) {
        for (const [which, parsed, cell] of [
          ['target', r.target, r.targetCell],
          ['actual', r.actual, r.actualCell],
        ] as const) {
          if (parsed.state !== 'unparsable' || !cell) continue;
          ctx.report({
            start: cell.start,
            end: cell.end,
            message:
              `Unreadable ${which} “${cell.text}” for “${r.metric}”; expected a number (62), amount ($500K), ` +
              'percentage (78%), score (8/10), number with a unit (2 days) or N/A',
            data: { metric: r.metric, column: which },
          });
        }
      }
    }
  },
};
