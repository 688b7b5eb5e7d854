import { analyzeHealth, HEALTH_TOTAL_MAX } from '../../analysis/health.js';
import type { Rule } from '../../rule.js';
import { formatNumber } from '../../values/kpi-value.js';

/**
 * Health score values out of range: a part below 0 or above its maximum (30/30/25/15), a
 * total below 0 or above 100, and a written denominator that is not the part's maximum
 * (`Relationship health: 20/30`: the score would not add up to 100 any more).
 */
export const healthScoreRange: Rule = {
  meta: {
    id: 'health-score-range',
    description: 'A health score part is outside 0…its maximum (30/30/25/15), or the total is outside 0…100.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check(ctx) {
    const n = formatNumber;
    for (const block of ctx.get(analyzeHealth)) {
      const { total, totalDenominator: td } = block;
      if (td && td.value !== HEALTH_TOTAL_MAX) {
        ctx.report({
          start: td.start,
          end: td.end,
          message: `Overall Health Score is written out of ${n(td.value)}; expected out of ${HEALTH_TOTAL_MAX}.`,
        });
      }
      if (total && (total.value < 0 || total.value > HEALTH_TOTAL_MAX)) {
        ctx.report({
          start: total.start,
          end: total.end,
          message: `Overall Health Score is ${n(total.value)}; expected a score from 0 to ${HEALTH_TOTAL_MAX}.`,
        });
      }
      for (const p of block.parts) {
        const d = p.denominator;
        if (d && d.value !== p.max) {
          ctx.report({
            start: d.start,
            end: d.end,
            message: `${p.name} is scored out of ${n(d.value)}; expected out of ${p.max} (the parts are 30 + 30 + 25 + 15 = 100).`,
          });
        }
        const s = p.score;
        if (!s) continue;
        const limit = d && d.value < p.max ? d.value : p.max;
        if (s.value < 0 || s.value > limit) {
          ctx.report({
            start: s.start,
            end: s.end,
            message: `${p.name} is ${n(s.value)}; expected a score from 0 to ${n(limit)}.`,
            data: { part: p.name, score: s.value, max: p.max },
          });
        }
      }
    }
  },
};
