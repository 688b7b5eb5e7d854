import { analyzeKpi } from '../../analysis/kpi.js';
import { fact, type Rule } from '../../rule.js';

/**
 * Whether the document is written on the playbook's template (its title `Partnership QBR: …` /
 * `Partnership Status Report: …`), whose KPI dashboard has a Trend column. Teams writing their
 * own format (a QBR found by a common title and its structure, or opted in by front matter) are
 * not asked for a Trend column: most real KPI tables have none (decision, kpi-table-columns.md).
 */
const followsPlaybookTemplate = fact('follows the playbook template', (ctx) => ctx.doc.detectedBy === 'playbook-title');

/**
 * A KPI table (Metric + Target + Actual) without a Status and/or Trend column (spec §2).
 * Real documents (§9): a Gap / Variance / Δ / "% of target" column stands in for Status; a
 * Change / Δ / YoY / Prior Period column or an earlier period's column (`Q2 2026` beside the
 * actual `Q3 2026`) stands in for Trend; an OKR table (its metric column is a Key Result) is not
 * expected to have a Trend. Tables that are not KPI tables (text targets, a workstream RAG table)
 * are not KPI tables at all (analysis/kpi-columns.ts).
 */
export const kpiTableColumns: Rule = {
  meta: {
    id: 'kpi-table-columns',
    description: 'A KPI table lacks the Status and/or Trend column the playbook’s KPI dashboard has.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  scope: 'chunk',
  // Whether a Trend column is expected depends on the document's title (outside the section).
  reads: [followsPlaybookTemplate],
  check(ctx) {
    const trendExpected = ctx.get(followsPlaybookTemplate);
    for (const t of ctx.get(analyzeKpi)) {
      const c = t.columns;
      const noStatus = c.status === null && (c.statusStandIn ?? null) === null;
      const noTrend = trendExpected && c.trend === null && (c.trendStandIn ?? null) === null && !c.okr;
      const missing = [noStatus ? 'Status' : null, noTrend ? 'Trend' : null].filter((x): x is string => x !== null);
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
