/**
 * "Recalculate": apply the status fixes (KPI Status cells, the overall health line, health
 * badges) of one KPI table or of the whole document, re-linting between passes because a
 * re-padded table makes later fixes of the same table overlap.
 */
import { analyze, applyFixes, lint, type Finding, type LintOptions } from '../core/index';
import { analyzeKpi } from '../core/analysis/kpi';

export const RECALC_RULES: ReadonlySet<string> = new Set(['kpi-status-mismatch', 'overall-health-mismatch', 'health-score-badge']);

/** `table`: the index of a KPI table (as in the insight) to limit the recalculation to. */
export function recalculate(text: string, options: LintOptions, table?: number): string {
  let current = text;
  for (let pass = 0; pass < 10; pass++) {
    let range: { start: number; end: number } | undefined;
    if (table !== undefined) {
      const t = analyzeKpi(analyze(current, options).ctx)[table];
      if (!t) break;
      range = { start: t.table.start, end: t.health ? t.health.field.valueEnd : t.table.end };
    }
    const inRange = (f: Finding) => !range || (f.startOffset >= range.start && f.endOffset <= range.end);
    const picked = lint(current, options).findings.filter((f) => f.fix && RECALC_RULES.has(f.ruleId) && inRange(f));
    if (picked.length === 0) break;
    const next = applyFixes(current, picked);
    if (next === current) break;
    current = next;
  }
  return current;
}
