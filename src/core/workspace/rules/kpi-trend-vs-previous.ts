import { analyzeKpi } from '../../analysis/kpi.js';
import { cellReplacementEdits } from '../../table.js';
import { ARROW_OF, parseTrendCell, suggestedTrend, trendFromChange } from '../../values/trend.js';
import { comparableUnits } from '../util.js';
import { baseName, formatChange, relativeChange, type WorkspaceRule } from './context.js';

/**
 * A QBR's Trend cell disagrees with the change from the previous quarter's QBR (same partner,
 * the quarter right before) of the same metric's Actual. The fix writes the trend computed from
 * both documents: `↗️ Improving (+20% vs. last quarter)`.
 */
export const kpiTrendVsPrevious: WorkspaceRule = {
  meta: {
    id: 'kpi-trend-vs-previous',
    description: 'A KPI Trend cell disagrees with the change from the previous quarter’s QBR of the same partnership.',
    defaultSeverity: 'warning',
    fixable: 'fix',
  },
  check(ctx) {
    const { doc, previous: prev } = ctx;
    if (doc.kind !== 'qbr' || !doc.period || !prev?.period || prev.period.ordinal !== doc.period.ordinal - 1) return;
    const band = ctx.config.thresholds.stableBand;
    const before = new Map<string, (typeof prev.kpis)[number]>();
    for (const k of prev.kpis) if (!before.has(k.key)) before.set(k.key, k);
    for (const k of doc.kpis) {
      const cell = k.trendCell;
      if (!cell || cell.text === '' || k.actualValue === null) continue;
      const p = before.get(k.key);
      if (!p || p.actualValue === null || !comparableUnits(p.actualUnit, k.actualUnit)) continue;
      const change = relativeChange(p.actualValue, k.actualValue);
      if (change === null) continue;
      const t = parseTrendCell(cell.text);
      if (t.arrow === null && t.word === null) continue; // not a trend yet (placeholder, prose)
      const expected = trendFromChange(k.direction, change, band);
      const wordWrong = t.word !== null && t.word !== expected;
      const arrowWrong = t.arrow !== null && t.arrow !== ARROW_OF[expected];
      let changeWrong = false;
      if (t.change !== null) {
        const points = k.actualUnit === 'percent' ? k.actualValue - p.actualValue : null;
        changeWrong = Math.abs(t.change - change) > 1 && !(points !== null && Math.abs(t.change - points) <= 1);
      }
      if (!wordWrong && !arrowWrong && !changeWrong) continue;
      const fixText = `${suggestedTrend(k.direction, change, band)} (${formatChange(change)} vs. last quarter)`;
      if (fixText === cell.text) continue;
      const where = `${prev.period.label}, ${baseName(prev.path)}`;
      const edits = tableEdits(ctx, cell.start, fixText);
      ctx.report({
        start: cell.start,
        end: cell.end,
        message:
          `Trend of “${k.metric}” says “${cell.text}”, but the actual went from ${p.actual ?? p.actualValue} (${where}) ` +
          `to ${k.actual ?? k.actualValue}: ${formatChange(change)}${k.direction === 'lower' ? ' on a lower-is-better metric' : ''}; ` +
          `expected “${fixText}”`,
        ...(edits ? { fix: edits } : {}),
        data: { metric: k.metric, previous: p.actualValue, actual: k.actualValue, change, expected: fixText, previousPath: prev.path },
      });
    }
  },
};

function tableEdits(ctx: Parameters<WorkspaceRule['check']>[0], cellStart: number, text: string) {
  const { ctx: rc } = ctx.analysis();
  for (const t of rc.get(analyzeKpi)) {
    if (cellStart < t.table.start || cellStart >= t.table.end) continue;
    for (const r of t.rows) {
      if (r.trendCell && r.trendCell.start === cellStart) return cellReplacementEdits(ctx.text, t.table, [{ cell: r.trendCell, text }]);
    }
  }
  return null;
}
