import { analyzeKpi } from '../../analysis/kpi.js';
import type { Rule } from '../../rule.js';

/** A KPI table (Metric + Target + Actual) without a Status and/or Trend column (spec §2). */
export const kpiTableColumns: Rule = {
  meta: {
    id: 'kpi-table-columns',
    description: 'A KPI table lacks the Status and/or Trend column the playbook’s KPI dashboard has.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  local: {},
  check(ctx) {
    for (const t of ctx.get(analyzeKpi)) {
      const missing = [t.columns.status === null ? 'Status' : null, t.columns.trend === null ? 'Trend' : null].filter(
        (x): x is string => x !== null,
      );
      if (missing.length === 0) continue;
      const header = t.table.header;
      ctx.report({
        start: header.start,
        end: header.end,
        message:
          `KPI table has no ${missing.join(' or ')} column; expected ` +
          '`| Metric | Target | Actual | Status | Trend |`',
        data: { missing },
      });
    }
  },
};
