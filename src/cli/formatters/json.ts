/**
 * `--format json`: exactly the shape of spec §7. Only the spec's fields are written: the
 * findings' offsets, suggestions and data, and the fixes' offset edits, stay internal.
 */
import type { Finding } from '../../core/types.js';
import { summarize, type FileReport } from '../types.js';

export function formatJson(reports: FileReport[]): string {
  const files = reports.map((r) => ({ path: r.path, kind: r.kind, findings: r.findings.map(toJsonFinding) }));
  return `${JSON.stringify({ files, summary: summarize(reports) }, null, 2)}\n`;
}

function toJsonFinding(f: Finding) {
  const out: Record<string, unknown> = {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.line,
    column: f.column,
    endLine: f.endLine,
    endColumn: f.endColumn,
  };
  if (f.fix) {
    out.fix = {
      edits: f.fix.edits.map((e) => ({ line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn, text: e.text })),
    };
  }
  return out;
}
