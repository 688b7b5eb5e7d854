import { analyzeKpi, statusProblem } from '../../analysis/kpi.js';
import type { Rule } from '../../rule.js';
import { cellReplacementEdits } from '../../table.js';

/**
 * A Status cell whose colour or `(N% of target)` disagrees with the attainment computed from
 * Target and Actual (spec §2.3). An empty Status cell, or one saying N/A while both values are
 * measured, is reported too. The fix writes the canonical cell, keeping any text after the
 * closing parenthesis and the table's padding.
 */
export const kpiStatusMismatch: Rule = {
  meta: {
    id: 'kpi-status-mismatch',
    description: 'A KPI Status cell disagrees with the status computed from its Target and Actual.',
    defaultSeverity: 'warning',
    fixable: 'fix',
  },
  scope: 'chunk',
  check(ctx) {
    for (const t of ctx.get(analyzeKpi)) {
      for (const r of t.rows) {
        const problem = statusProblem(r);
        if (!problem) continue;
        const cell = r.statusCell;
        const data = problem.data;
        if (!cell) {
          // The row has fewer cells than the header: nothing to rewrite in place.
          ctx.report({ start: r.end, end: r.end, message: problem.message, data });
          continue;
        }
        const empty = cell.start === cell.end;
        ctx.report({
          start: empty ? cell.outerStart : cell.start,
          end: empty ? cell.outerEnd : cell.end,
          message: problem.message,
          fix: cellReplacementEdits(ctx.doc.text, t.table, [{ cell, text: problem.fixText }]),
          data,
        });
      }
    }
  },
};
