import { trendFromChange } from '../../values/trend.js';
import type { IndexedDoc, IndexedKpi } from '../types.js';
import { comparableUnits } from '../util.js';
import { formatChange, relativeChange, type WorkspaceRule } from './context.js';

/**
 * A metric whose performance declined two or more consecutive quarters, comparing the Actuals of
 * the partner's QBRs of consecutive quarters (direction-aware: a rising resolution time is a
 * decline). Reported on the metric cell of the partner's latest QBR: the playbook's warning sign
 * "declining performance for 2+ consecutive quarters".
 */
export const kpiDecliningQuarters: WorkspaceRule = {
  meta: {
    id: 'kpi-declining-quarters',
    description: 'A KPI’s performance declined two or more consecutive quarters across the partnership’s QBRs (a warning sign: partnership at risk).',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { doc, qbrs } = ctx;
    if (doc.kind !== 'qbr' || !doc.period) return;
    // Only the latest QBR of the partnership carries the warning.
    const last = qbrs[qbrs.length - 1];
    if (!last || last.path !== doc.path) return;
    const band = ctx.config.thresholds.stableBand;
    for (const k of doc.kpis) {
      if (k.actualValue === null || !k.metricCell) continue;
      const chain: Array<{ doc: IndexedDoc; kpi: IndexedKpi; change: number | null }> = [{ doc, kpi: k, change: null }];
      let cur = chain[0]!;
      for (let j = qbrs.length - 2; j >= 0; j--) {
        const d = qbrs[j]!;
        if (d.period!.ordinal === cur.doc.period!.ordinal) continue; // a second document of the same quarter
        if (d.period!.ordinal !== cur.doc.period!.ordinal - 1) break;
        const p = d.kpis.find((x) => x.key === k.key);
        if (!p || p.actualValue === null || !comparableUnits(p.actualUnit, cur.kpi.actualUnit)) break;
        const change = relativeChange(p.actualValue, cur.kpi.actualValue!);
        if (change === null || trendFromChange(k.direction, change, band) !== 'declining') break;
        cur.change = change;
        cur = { doc: d, kpi: p, change: null };
        chain.push(cur);
      }
      const quarters = chain.length - 1;
      if (quarters < 2) continue;
      const path = chain
        .slice()
        .reverse()
        .map((c) => `${c.kpi.actual ?? c.kpi.actualValue} (${c.doc.period!.label})`)
        .join(' → ');
      ctx.report({
        start: k.metricCell.start,
        end: k.metricCell.end,
        message:
          `“${k.metric}” has declined ${quarters} consecutive quarters${k.direction === 'lower' ? ' (lower is better)' : ''}: ${path}. ` +
          'The playbook’s warning sign of a partnership at risk: address it under Challenges and Actions.',
        data: {
          metric: k.metric,
          quarters,
          values: chain.map((c) => ({ period: c.doc.period!.label, actual: c.kpi.actualValue, path: c.doc.path })).reverse(),
          changes: chain.slice(0, -1).map((c) => formatChange(c.change!)).reverse(),
        },
      });
    }
  },
};
