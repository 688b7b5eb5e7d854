import { analyzeHealth, blockBand } from '../../analysis/health.js';
import { readEnum } from '../../analysis/enums.js';
import { extractFields } from '../../analysis/fields.js';
import type { Rule } from '../../rule.js';
import { ragWord } from '../../values/status.js';
import { CURRENT_STATUS_VALUES } from './field-invalid.js';

/**
 * `Current status: Thriving` with a Red health score, or `At Risk` with a Green one: one of
 * the two is out of date. The score is the first health block's total.
 */
export const statusHealthConflict: Rule = {
  meta: {
    id: 'status-health-conflict',
    description: 'Current status (Thriving / At Risk) contradicts the health score band.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const block = ctx.get(analyzeHealth).find((b) => b.total);
    if (!block) return;
    const band = blockBand(ctx, block)!;
    const score = block.total!.value;
    const t = ctx.config.thresholds;
    for (const f of ctx.get(extractFields)) {
      if (f.key !== 'current status') continue;
      const r = readEnum(f.value, CURRENT_STATUS_VALUES);
      if (r.state !== 'value') continue;
      let conflict: string | null = null;
      if (r.value === 'Thriving' && band === 'red') conflict = `the health score of ${score} is Red (below ${t.healthYellow})`;
      if (r.value === 'At Risk' && band === 'green') conflict = `the health score of ${score} is Green (${t.healthGreen} or more)`;
      if (!conflict) continue;
      ctx.report({
        start: f.valueStart,
        end: f.valueStart + r.end,
        message: `Current status “${r.value}” contradicts the health score: ${conflict}; update the status or the score.`,
        data: { status: r.value, score, band: ragWord(band) },
      });
    }
  },
};
