import { analyzeKpi } from '../../analysis/kpi.js';
import type { Rule } from '../../rule.js';

/**
 * The `**Overall Partnership Health**` line disagrees with the KPI table above it (spec §2.5):
 * score = mean over measured rows of min(attainment, 100); badge by the health bands. The fix
 * rewrites `🟡 Yellow (85% of targets met` and keeps the text after the comma.
 */
export const overallHealthMismatch: Rule = {
  meta: {
    id: 'overall-health-mismatch',
    description: 'The Overall Partnership Health badge or percentage disagrees with the KPI table above it.',
    defaultSeverity: 'warning',
    fixable: 'fix',
  },
  check(ctx) {
    for (const t of ctx.get(analyzeKpi)) {
      const h = t.health;
      if (!h || !h.problem || h.fixText === null) continue;
      ctx.report({
        start: h.replaceStart,
        end: h.replaceEnd,
        message: h.problem,
        fix: [{ start: h.replaceStart, end: h.replaceEnd, text: h.fixText }],
        data: {
          score: h.score,
          band: h.band,
          statedBand: h.statedBand,
          statedPercent: h.statedPercent,
          rows: h.used,
        },
      });
    }
  },
};
