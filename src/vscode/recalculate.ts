/**
 * "Recalculate": apply the status fixes (KPI Status cells, the overall health line, health
 * badges) of one KPI table or of the whole document, re-linting between passes because a
 * re-padded table makes later fixes of the same table overlap. The first pass reads the
 * version's snapshot; each later one the snapshot of the text the previous pass wrote.
 */
import { applyFixes, snapshot, type Finding, type Snapshot } from '../core/index';

export const RECALC_RULES: ReadonlySet<string> = new Set(['kpi-status-mismatch', 'overall-health-mismatch', 'health-score-badge']);

/**
 * The snapshot of the recalculated text (`from` itself when nothing is stale). `table`: the
 * index of a KPI table (as in the insight) to limit the recalculation to.
 */
export function recalculate(from: Snapshot, table?: number): Snapshot {
  let current = from;
  for (let pass = 0; pass < 10; pass++) {
    let range: { start: number; end: number } | undefined;
    if (table !== undefined) {
      const t = current.kpiTables[table];
      if (!t) break;
      range = { start: t.table.start, end: t.health ? t.health.field.valueEnd : t.table.end };
    }
    const inRange = (f: Finding) => !range || (f.startOffset >= range.start && f.endOffset <= range.end);
    const picked = current.findings.filter((f) => f.fix && RECALC_RULES.has(f.ruleId) && inRange(f));
    if (picked.length === 0) break;
    const next = applyFixes(current.text, picked);
    if (next === current.text) break;
    current = snapshot(next, current.options);
  }
  return current;
}
