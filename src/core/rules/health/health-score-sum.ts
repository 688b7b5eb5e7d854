import { analyzeHealth, HEALTH_PARTS } from '../../analysis/health.js';
import type { Rule } from '../../rule.js';
import { formatNumber } from '../../values/kpi-value.js';

/**
 * The parts of the health score (business 30, operational 30, relationship 25, strategic 15)
 * must add up to the Overall Health Score. Either side may be the wrong one, so the fix that
 * sets the total to the sum is a suggestion, never applied automatically.
 */
export const healthScoreSum: Rule = {
  meta: {
    id: 'health-score-sum',
    description: 'The health score parts do not add up to the Overall Health Score.',
    defaultSeverity: 'error',
    fixable: 'suggestion',
  },
  check(ctx) {
    for (const block of ctx.get(analyzeHealth)) {
      const { total, sum, parts } = block;
      if (!total || sum === null || Math.abs(total.value - sum) < 1e-9) continue;
      const terms = parts.map((p) => formatNumber(p.score!.value)).join(' + ');
      const missing = HEALTH_PARTS.filter((d) => !parts.some((p) => p.key === d.key)).map((d) => d.name);
      const note = missing.length ? `; not listed: ${missing.join(', ')}` : '';
      ctx.report({
        start: total.start,
        end: total.end,
        message:
          `Overall Health Score is ${formatNumber(total.value)} but its parts add up to ${formatNumber(sum)} ` +
          `(${terms}${note}); expected the total to equal the sum of its parts.`,
        suggestions: [{ title: `Set the total to ${formatNumber(sum)}`, edits: [{ start: total.start, end: total.end, text: formatNumber(sum) }] }],
        data: { total: total.value, sum, parts: parts.map((p) => ({ name: p.name, score: p.score!.value, max: p.max })) },
      });
    }
  },
};
