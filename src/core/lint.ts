/**
 * The engine: build the document model, run every enabled rule, convert offsets to
 * line/column, drop suppressed findings. Pure: no I/O, no vscode.
 */
import { DEFAULT_CONFIG, mergeConfig } from './config.js';
import { parseToday } from './dates.js';
import { buildDocument } from './document.js';
import { applyFixes } from './fix.js';
import type { DocModel } from './model.js';
import { LineIndex } from './positions.js';
import type { Report, RuleContext } from './rule.js';
import { ruleList } from './rules/index.js';
import { parseDirectives, suppressionFilter } from './suppress.js';
import type { Config, Finding, LintOptions, LintResult, OffsetEdit, Severity, TextEdit } from './types.js';

export interface Analysis {
  doc: DocModel;
  config: Config;
  today: Date;
  lines: LineIndex;
  ctx: RuleContext;
}

const LONE_CR = /\r(?!\n)/;
const LONE_CR_ALL = /\r(?!\n)/g;

/**
 * A lone CR ends a line (CommonMark, VS Code), but the analyses and rules find line ends with
 * `\n`. A text with lone CRs is analysed with each of them read as `\n` — one character for one,
 * so every offset stays the same — and its line numbers count them, as the editor does.
 */
function withoutLoneCr(text: string): string {
  return text.indexOf('\r') !== -1 && LONE_CR.test(text) ? text.replace(LONE_CR_ALL, '\n') : text;
}

/** Builds the model and a rule context without running rules (used by lint and by hovers). */
export function analyze(text: string, options: LintOptions = {}): Analysis {
  const config = mergeConfig(DEFAULT_CONFIG, options.config ?? {});
  text = withoutLoneCr(text);
  const doc = buildDocument(text, { cache: options.cache, wholeDocument: options.wholeDocument });
  const today = parseToday(options.today);
  const lines = new LineIndex(text);
  const memo = new Map<unknown, unknown>();
  const ctx: RuleContext = {
    doc,
    config,
    today,
    lines,
    report: () => {},
    get<T>(compute: (c: RuleContext) => T): T {
      if (!memo.has(compute)) memo.set(compute, compute(ctx));
      return memo.get(compute) as T;
    },
  };
  return { doc, config, today, lines, ctx };
}

export function lint(text: string, options: LintOptions = {}): LintResult {
  const { doc, config, lines, ctx: base } = analyze(text, options);
  if (!doc.kind && !config.lintAllMarkdown) return { kind: null, findings: [] };

  const findings: Finding[] = [];
  const suppressed = suppressionFilter(base.get((c) => parseDirectives(c.doc)), lines);
  for (const rule of ruleList) {
    const setting = config.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (setting === 'off') continue;
    if (rule.kinds && !(doc.kind && rule.kinds.includes(doc.kind))) continue;
    const severity: Severity = setting;
    const report = (r: Report) => {
      // Like eslint: a rule may only emit what its metadata declares.
      if (r.fix && rule.meta.fixable !== 'fix') throw new Error(`rule ${rule.meta.id} emitted a fix but is not declared fixable`);
      if (r.suggestions && rule.meta.fixable === false) throw new Error(`rule ${rule.meta.id} emitted suggestions but declares none`);
      const f = toFinding(rule.meta.id, severity, r, lines);
      if (!suppressed(f.ruleId, f.line)) findings.push(f);
    };
    try {
      rule.check({ ...base, report, get: base.get });
    } catch (err) {
      // A crashing rule becomes a finding, never a crash of the whole run.
      findings.push(
        toFinding(rule.meta.id, 'error', { start: 0, end: 0, message: `Internal error in rule ${rule.meta.id}: ${(err as Error)?.message ?? String(err)}` }, lines),
      );
    }
  }
  findings.sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset || a.ruleId.localeCompare(b.ruleId));
  if (lines.text !== text) keepLoneCrEndings(text, findings);
  return { kind: doc.kind, findings };
}

/**
 * Fixes were computed on the text with lone CRs read as `\n`: in a document whose lines end with
 * lone CRs, the line breaks a fix writes are lone CRs too.
 */
function keepLoneCrEndings(text: string, findings: Finding[]): void {
  const loneCr = (text.match(LONE_CR_ALL) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  if (loneCr <= lf) return;
  const convert = (e: { text: string }) => { if (e.text.includes('\n')) e.text = e.text.replace(/(?<!\r)\n/g, '\r'); };
  for (const f of findings) {
    if (f.fix) { f.fix.offsetEdits = f.fix.offsetEdits.map((e) => ({ ...e })); f.fix.offsetEdits.forEach(convert); f.fix.edits.forEach(convert); }
    for (const sg of f.suggestions ?? []) { sg.offsetEdits = sg.offsetEdits.map((e) => ({ ...e })); sg.offsetEdits.forEach(convert); sg.edits.forEach(convert); }
  }
}

// Positions through line()/column() rather than position(): no temporary objects for the
// ~50,000 findings (and their edits) of a dense 5 MB document, on every keystroke.
function toEdit(e: OffsetEdit, lines: LineIndex): TextEdit {
  const line = lines.line(e.start);
  const endLine = lines.line(e.end);
  return { line, column: lines.column(e.start, line), endLine, endColumn: lines.column(e.end, endLine), text: e.text };
}

/** Offsets → a Finding (shared with the workspace rules). */
export function toFinding(ruleId: string, severity: Severity, r: Report, lines: LineIndex): Finding {
  const line = lines.line(r.start);
  const endLine = lines.line(r.end);
  const f: Finding = {
    ruleId,
    severity,
    message: r.message,
    line,
    column: lines.column(r.start, line),
    endLine,
    endColumn: lines.column(r.end, endLine),
    startOffset: r.start,
    endOffset: r.end,
  };
  if (r.fix && r.fix.length) f.fix = { edits: r.fix.map((x) => toEdit(x, lines)), offsetEdits: r.fix };
  if (r.suggestions?.length) {
    f.suggestions = r.suggestions.map((sg) => ({ title: sg.title, edits: sg.edits.map((x) => toEdit(x, lines)), offsetEdits: sg.edits }));
  }
  if (r.data) f.data = r.data;
  return f;
}

/**
 * Applies every safe fix, re-linting until nothing fixable is left (fixes that overlap — e.g.
 * two cells of one re-padded table — land in successive passes). At most `maxPasses` passes.
 */
export function fixAll(text: string, options: LintOptions = {}, maxPasses = 10): { text: string; passes: number } {
  let current = text;
  for (let pass = 0; pass < maxPasses; pass++) {
    const { findings } = lint(current, options);
    if (!findings.some((f) => f.fix)) return { text: current, passes: pass };
    const next = applyFixes(current, findings);
    if (next === current) return { text: current, passes: pass };
    current = next;
  }
  return { text: current, passes: maxPasses };
}
