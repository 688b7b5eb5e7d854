/**
 * Running a rule and turning its reports into findings: one runner for the per-document rules
 * (lint.ts) and the cross-document rules (workspace/lint.ts). A rule may only emit what its
 * metadata declares; a crashing rule becomes a finding, never a crash of the whole run.
 */
import type { LineIndex } from './positions.js';
import type { Report, Rule } from './rule.js';
import type { Finding, OffsetEdit, Severity, TextEdit } from './types.js';

/**
 * Runs `rule.check` on the context `withReport(report)` builds, passing each finding to `out`.
 * `lines` converts offsets (a function: the workspace builds its line index only when a rule
 * reports). Returns false when the rule crashed (its crash is reported as a finding).
 */
export function runRule<C>(
  rule: { meta: Rule['meta']; check(ctx: C): void },
  severity: Severity,
  withReport: (report: (r: Report) => void) => C,
  lines: LineIndex | (() => LineIndex),
  out: (f: Finding) => void,
  intern?: (s: string) => string,
): boolean {
  const index = typeof lines === 'function' ? lines : () => lines;
  const report = (r: Report) => {
    // Like eslint: a rule may only emit what its metadata declares.
    if (r.fix && rule.meta.fixable !== 'fix') throw new Error(`rule ${rule.meta.id} emitted a fix but is not declared fixable`);
    if (r.suggestions && rule.meta.fixable === false) throw new Error(`rule ${rule.meta.id} emitted suggestions but declares none`);
    out(toFinding(rule.meta.id, severity, r, index(), intern));
  };
  try {
    rule.check(withReport(report));
    return true;
  } catch (err) {
    out(toFinding(rule.meta.id, 'error', { start: 0, end: 0, message: `Internal error in rule ${rule.meta.id}: ${(err as Error)?.message ?? String(err)}` }, index()));
    return false;
  }
}

// Positions through line()/column() rather than position(): no temporary objects for the
// ~50,000 findings (and their edits) of a dense 5 MB document, on every keystroke.
/** An edit in both coordinates (one object, in both `edits` and `offsetEdits` of a fix). */
type BothEdit = TextEdit & OffsetEdit;

function toEdit(e: OffsetEdit, lines: LineIndex, intern: (s: string) => string): BothEdit {
  const line = lines.line(e.start);
  const endLine = lines.line(e.end);
  return { line, column: lines.column(e.start, line), endLine, endColumn: lines.column(e.end, endLine), text: intern(e.text), start: e.start, end: e.end };
}

/** A fix's edits: one array of edits in both coordinates, as `edits` and as `offsetEdits`. */
export function bothEdits(edits: BothEdit[]): { edits: TextEdit[]; offsetEdits: OffsetEdit[] } {
  return { edits, offsetEdits: edits };
}


/** Offsets → a Finding (shared with the workspace rules). */
export function toFinding(ruleId: string, severity: Severity, r: Report, lines: LineIndex, intern: (s: string) => string = (s) => s): Finding {
  const line = lines.line(r.start);
  const endLine = lines.line(r.end);
  const edits = (es: OffsetEdit[]) => bothEdits(es.map((e) => toEdit(e, lines, intern)));
  const fix = r.fix && r.fix.length ? edits(r.fix) : undefined;
  const suggestions = r.suggestions?.length ? r.suggestions.map((sg) => ({ title: intern(sg.title), ...edits(sg.edits) })) : undefined;
  return finding(ruleId, severity, intern(r.message), line, lines.column(r.start, line), endLine, lines.column(r.end, endLine), r.start, r.end, fix, suggestions, r.data);
}

/**
 * A Finding with all its properties written in one object literal: properties added to an object
 * after its creation live in a separate array (tens of thousands of them in a dense document).
 */
export function finding(
  ruleId: string, severity: Severity, message: string, line: number, column: number, endLine: number, endColumn: number, startOffset: number, endOffset: number,
  fix: Finding['fix'], suggestions: Finding['suggestions'], data: Finding['data'],
): Finding {
  if (!suggestions) {
    if (fix && data) return { ruleId, severity, message, line, column, endLine, endColumn, startOffset, endOffset, fix, data };
    if (fix) return { ruleId, severity, message, line, column, endLine, endColumn, startOffset, endOffset, fix };
    if (data) return { ruleId, severity, message, line, column, endLine, endColumn, startOffset, endOffset, data };
    return { ruleId, severity, message, line, column, endLine, endColumn, startOffset, endOffset };
  }
  if (data) return { ruleId, severity, message, line, column, endLine, endColumn, startOffset, endOffset, ...(fix ? { fix } : {}), suggestions, data };
  return { ruleId, severity, message, line, column, endLine, endColumn, startOffset, endOffset, ...(fix ? { fix } : {}), suggestions };
}

