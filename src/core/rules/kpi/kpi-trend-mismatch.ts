import { analyzeKpi, trendIssue } from '../../analysis/kpi.js';
import type { Rule } from '../../rule.js';
import { cellReplacementEdits } from '../../table.js';

/**
 * A Trend cell whose arrow and word disagree, or whose stated change contradicts them
 * (spec §2.4). The suggestion (not an automatic fix: which half is wrong needs a human) writes
 * the arrow and word the stated change implies, or the arrow matching the word.
 */
export const kpiTrendMismatch: Rule = {
  meta: {
    id: 'kpi-trend-mismatch',
    description: 'A KPI Trend cell’s arrow, word and stated change contradict each other.',
    defaultSeverity: 'warning',
    fixable: 'suggestion',
  },
  scope: 'chunk',
  check(ctx) {
    for (const t of ctx.get(analyzeKpi)) {
      for (const r of t.rows) {
        const issue = trendIssue(r, ctx.config.thresholds);
        if (!issue || !r.trendCell) continue;
        const cell = r.trendCell;
        ctx.report({
          start: cell.start,
          end: cell.end,
          message: `Trend of “${r.metric}”: ${issue.message.charAt(0).toLowerCase()}${issue.message.slice(1)}`,
          ...(issue.suggestion
            ? {
                suggestions: [
                  {
                    title: `Change the trend to “${issue.suggestion}”`,
                    edits: cellReplacementEdits(ctx.doc.text, t.table, [{ cell, text: issue.suggestion }]),
                  },
                ],
              }
            : {}),
          data: { metric: r.metric, direction: r.direction, change: r.trend?.change ?? null, expected: issue.suggestion },
        });
      }
    }
  },
};
