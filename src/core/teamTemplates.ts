/**
 * Team templates: a team's own markdown template per document kind, kept in the repository
 * (by default `.partnership-docs/templates/<kind>.md`; the folder is the `templatesFolder`
 * configuration key). Pure: the CLI and the editor read the files and pass their text in
 * (`Config.templates`); this module renders them and derives what they require.
 *
 * Variables are written `{{name}}` (spaces inside the braces allowed: `{{ partner }}`); `\{{`
 * writes a literal `{{`. Every name must be one of TEMPLATE_VARIABLES: a misspelt one
 * (`{{partnr}}`) is a problem with its line and column, and nothing is rendered.
 * A variable without a value (no company given, no previous QBR) becomes the playbook's
 * `[bracket]` placeholder, which `placeholder-unfilled` points at until it is filled.
 *
 * What a template requires (section-missing, next-qbr-missing): its sections — the headings one
 * level below its title (`#` title → its `##` headings; an issue template's `## Partnership
 * Issue:` title → its `###` headings), in template order; headings holding a variable are not
 * required (their text is not known in advance). A QBR template's `**Next QBR**:` line makes
 * the Next QBR date expected, as in the playbook; a QBR template without one does not.
 */
import { addMonths } from 'date-fns';
import { isoDate } from './dates.js';
import { normalizeHeading } from './model.js';
import { sectionKey } from './analysis/equivalents.js';
import { TEMPLATE_KINDS, type TemplateKind } from './templates.js';

/** A team template as the front ends pass it: where it was read from (for messages) and its text. */
export interface TeamTemplate {
  /** Path or URI as shown to the user (workspace-relative when possible). */
  path: string;
  text: string;
}

/** Team templates by kind (`Config.templates`): only kinds that have one. */
export type TeamTemplates = Partial<Record<TemplateKind, TeamTemplate>>;

/** The default templates folder, relative to the workspace root / repository root. */
export const DEFAULT_TEMPLATES_FOLDER = '.partnership-docs/templates';

/** The file name of the team template of a kind (`qbr.md`, `status-report.md`…). */
export function templateFileName(kind: TemplateKind): string {
  return `${kind}.md`;
}

/** The kind of a template file name (`qbr.md` → `qbr`), or null when it is not one. */
export function templateKindOfFile(fileName: string): TemplateKind | null {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  for (const kind of TEMPLATE_KINDS) if (base.toLowerCase() === templateFileName(kind)) return kind;
  return null;
}

/** The variables a template may use, with what they hold. */
export const TEMPLATE_VARIABLES: Readonly<Record<string, string>> = {
  partner: 'the partner company',
  company: 'our company (`[Our Company]` when not given)',
  quarter: 'the quarter, `Q3` (`Q[X]` when not given)',
  year: 'the four-digit year (`[Year]` when not given)',
  period: 'quarter and year, `Q3 2026`',
  date: "the document's date, YYYY-MM-DD (today)",
  nextQbrDate: 'three months after the date, YYYY-MM-DD',
  quarterStart: 'the first day of the quarter, YYYY-MM-DD',
  quarterEnd: 'the last day of the quarter, YYYY-MM-DD',
  previousKpiRows: "on a line of its own in a table: the previous QBR's KPI rows (metric and target kept, other cells placeholders), else placeholder rows",
  openActions: "on a line of its own: the previous QBR's open action items as `- [ ]` tasks, else placeholder tasks",
};

export interface TemplateProblem {
  /** 1-based line. */
  line: number;
  /** 1-based column (UTF-16 code units). */
  column: number;
  /** Exclusive end column on the same line. */
  endColumn: number;
  message: string;
}

/** A KPI row carried from the previous QBR. */
export interface CarriedKpi {
  metric: string;
  target?: string;
}

export interface TemplateValues {
  partner: string;
  company?: string;
  quarter?: number;
  year?: number;
  /** YYYY-MM-DD */
  date?: string;
  /** The previous QBR's KPI rows (empty or absent: placeholder rows). */
  previousKpis?: readonly CarriedKpi[];
  /** The previous QBR's open action items, as task text without `- [ ] ` (empty or absent: placeholders). */
  openActions?: readonly string[];
}

export class TemplateError extends Error {
  constructor(
    readonly path: string,
    readonly problems: readonly TemplateProblem[],
  ) {
    super(problems.map((p) => `${path}:${p.line}:${p.column}: ${p.message}`).join('\n'));
    this.name = 'TemplateError';
  }
}

interface VariableUse {
  name: string;
  /** Offsets of `{{` and just after `}}`. */
  start: number;
  end: number;
  line: number;
  column: number;
}

const NAME = /^\s*([A-Za-z][A-Za-z0-9_]*)\s*$/;

/** Each `{{…}}` on one line with at most 60 characters inside and no brace: [offset, inner text, escaped]. */
function* braces(text: string): Generator<{ index: number; length: number; inner: string; escaped: boolean }> {
  let i = text.indexOf('{{');
  while (i >= 0) {
    let j = i + 2;
    const limit = Math.min(text.length, i + 2 + 61);
    while (j < limit && text[j] !== '}' && text[j] !== '{' && text[j] !== '\n') j++;
    // `{{{x}}`: the scan restarts at the next brace.
    if (text[j] === '{') {
      i = text.indexOf('{{', Math.max(i + 1, j - 1));
      continue;
    }
    if (j < text.length && text.startsWith('}}', j) && j - (i + 2) <= 60) {
      const escaped = i > 0 && text[i - 1] === '\\';
      yield { index: escaped ? i - 1 : i, length: j + 2 - i + (escaped ? 1 : 0), inner: text.slice(i + 2, j), escaped };
      i = text.indexOf('{{', j + 2);
    } else {
      i = text.indexOf('{{', i + 1);
    }
  }
}

/** Every `{{…}}` of the text with its position (escaped `\{{…}}` excluded). */
function uses(text: string): { uses: VariableUse[]; problems: TemplateProblem[] } {
  const out: VariableUse[] = [];
  const problems: TemplateProblem[] = [];
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const m of braces(text)) {
    const at = m.index;
    for (let i = scanned; i < at; i++) if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
    scanned = at;
    if (m.escaped) continue;
    const column = at - lineStart + 1;
    const end = at + m.length;
    const name = NAME.exec(m.inner)?.[1];
    if (name && Object.hasOwn(TEMPLATE_VARIABLES, name)) {
      out.push({ name, start: at, end, line, column });
      continue;
    }
    const raw = m.inner.trim();
    const close = name ? closest(name) : undefined;
    problems.push({
      line, column, endColumn: column + m.length,
      message: `Unknown template variable “{{${raw}}}”${close ? `; did you mean “{{${close}}}”?` : '.'} Known variables: ${Object.keys(TEMPLATE_VARIABLES).map((v) => `{{${v}}}`).join(', ')}.`,
    });
  }
  return { uses: out, problems };
}

/** Problems of a template's text: unknown variables, carried-content variables not on a line of their own. */
export function templateProblems(text: string): TemplateProblem[] {
  const { uses: found, problems } = uses(text);
  for (const u of found) {
    if (u.name !== 'previousKpiRows' && u.name !== 'openActions') continue;
    if (!aloneOnLine(text, u)) {
      problems.push({ line: u.line, column: u.column, endColumn: u.column + (u.end - u.start),
        message: `{{${u.name}}} must be on a line of its own (it expands to several lines).` });
    } else if (u.name === 'previousKpiRows' && !tableHeaderAbove(text, u.start)) {
      problems.push({ line: u.line, column: u.column, endColumn: u.column + (u.end - u.start),
        message: '{{previousKpiRows}} must be a line of a table (below its header and delimiter rows).' });
    }
  }
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

function aloneOnLine(text: string, u: VariableUse): boolean {
  const ls = text.lastIndexOf('\n', u.start - 1) + 1;
  let le = text.indexOf('\n', u.end);
  if (le < 0) le = text.length;
  return text.slice(ls, u.start).trim() === '' && text.slice(u.end, le).trim() === '';
}

/** The header cells of the table a `{{previousKpiRows}}` line sits in, or null. */
function tableHeaderAbove(text: string, at: number): string[] | null {
  const lines = text.slice(0, text.lastIndexOf('\n', at - 1) + 1).split('\n');
  lines.pop(); // the empty piece after the last newline
  let i = lines.length - 1;
  // Rows above (the table's own rows), up to its delimiter row.
  while (i >= 0 && /^\s*\|/.test(lines[i]!) && !isDelimiterRow(lines[i]!)) i--;
  if (i < 1 || !isDelimiterRow(lines[i]!)) return null;
  return splitRow(lines[i - 1]!);
}

function isDelimiterRow(line: string): boolean {
  const cells = splitRow(line);
  return cells.length > 0 && line.includes('-') && cells.every((c) => /^:?-+:?$/.test(c));
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  return s.split(/(?<!\\)\|/).map((c) => c.trim());
}

/**
 * Renders a team template. Throws TemplateError (with every problem's line and column) when the
 * template has a problem; nothing partial is returned.
 */
export function renderTemplate(template: TeamTemplate, values: TemplateValues): { text: string; firstField: { line: number; column: number; endColumn: number } } {
  const problems = templateProblems(template.text);
  if (problems.length) throw new TemplateError(template.path, problems);
  const text = expand(template.text, valuesOf(values), values);
  return { text, firstField: firstPlaceholder(text) };
}

function valuesOf(v: TemplateValues): Record<string, string> {
  const quarter = v.quarter === undefined ? undefined : v.quarter;
  const out: Record<string, string> = {
    partner: v.partner.replace(/\s+/g, ' ').trim() || '[Partner Company]',
    company: v.company?.replace(/\s+/g, ' ').trim() || '[Our Company]',
    quarter: quarter === undefined ? 'Q[X]' : `Q${quarter}`,
    year: v.year === undefined ? '[Year]' : String(v.year),
    date: v.date ?? '[Date]',
    nextQbrDate: '[Date]',
    quarterStart: '[Date]',
    quarterEnd: '[Date]',
  };
  out.period = quarter === undefined && v.year === undefined ? '[Quarter Year]' : `${out.quarter} ${out.year}`;
  if (v.date && /^\d{4}-\d{2}-\d{2}$/.test(v.date)) {
    const [y, m, d] = v.date.split('-').map(Number) as [number, number, number];
    out.nextQbrDate = isoDate(addMonths(new Date(y, m - 1, d), 3));
  }
  if (quarter !== undefined && v.year !== undefined) {
    out.quarterStart = isoDate(new Date(v.year, (quarter - 1) * 3, 1));
    out.quarterEnd = isoDate(new Date(v.year, quarter * 3, 0));
  }
  return out;
}

function expand(text: string, vars: Record<string, string>, values: TemplateValues): string {
  const { uses: found } = uses(text);
  let out = '';
  let pos = 0;
  for (const u of found) {
    if (u.name === 'previousKpiRows' || u.name === 'openActions') {
      const ls = text.lastIndexOf('\n', u.start - 1) + 1;
      let le = text.indexOf('\n', u.end);
      if (le < 0) le = text.length;
      if (text.charCodeAt(le - 1) === 13) le--;
      const indent = text.slice(ls, u.start);
      const lines = u.name === 'previousKpiRows' ? kpiRows(tableHeaderAbove(text, u.start) ?? [], values.previousKpis ?? []) : actionLines(values.openActions ?? []);
      const eol = text.includes('\r\n') ? '\r\n' : '\n';
      out += text.slice(pos, ls) + lines.map((l) => indent + l).join(eol);
      pos = le;
      continue;
    }
    out += text.slice(pos, u.start) + vars[u.name]!;
    pos = u.end;
  }
  out += text.slice(pos);
  // `\{{` writes `{{`.
  return out.split('\\{{').join('{{');
}

const METRIC_HEADER = /\b(?:metrics?|kpis?|measures?|okrs?|objectives?|key results?|indicators?)\b/i;
const TARGET_HEADER = /\b(?:targets?|goals?|plan|commit(?:ment)?|budget|quota|objective value)\b/i;

/** Table rows for `{{previousKpiRows}}` under a header: carried metric and target, other cells `[Header]`. */
function kpiRows(header: string[], carried: readonly CarriedKpi[]): string[] {
  const cols = header.length ? header : ['Metric', 'Target', 'Actual', 'Status', 'Trend'];
  let metric = cols.findIndex((c) => METRIC_HEADER.test(c));
  if (metric < 0) metric = 0;
  const target = cols.findIndex((c, i) => i !== metric && TARGET_HEADER.test(c));
  const placeholder = (c: string) => `[${c.replace(/[[\]|*_`]/g, '').trim() || 'Value'}]`;
  const rows = carried.length
    ? carried.map((k) => cols.map((c, i) => (i === metric ? cell(k.metric) : i === target ? (k.target ? cell(k.target) : placeholder(c)) : placeholder(c))))
    : [1, 2, 3].map((n) => cols.map((c, i) => (i === metric ? `[${placeholder(c).slice(1, -1)} ${n}]` : placeholder(c))));
  return rows.map((r) => `| ${r.join(' | ')} |`);
}

function actionLines(items: readonly string[]): string[] {
  if (items.length) return items.map((t) => `- [ ] ${t}`);
  return [1, 2, 3].map((n) => `- [ ] [Action item ${n}] - Owner: [Name], Due: [Date]`);
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

/** The first `[…]` placeholder (closing on its line) of the text, else the start. */
function firstPlaceholder(text: string): { line: number; column: number; endColumn: number } {
  let i = text.indexOf('[');
  while (i >= 0) {
    const close = text.indexOf(']', i + 1);
    const eol = text.indexOf('\n', i);
    const inner = close > i + 1 && (eol < 0 || close < eol) ? text.slice(i + 1, close) : '';
    if (inner && !inner.includes('[') && text[close + 1] !== '(') {
      const before = text.slice(0, i);
      const line = before.split('\n').length;
      const column = i - (before.lastIndexOf('\n') + 1) + 1;
      return { line, column, endColumn: column + close + 1 - i };
    }
    i = text.indexOf('[', i + 1);
  }
  return { line: 1, column: 1, endColumn: 1 };
}

function closest(name: string): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const known of Object.keys(TEMPLATE_VARIABLES)) {
    const d = distance(lower, known.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = known;
    }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

// ---------------------------------------------------------------------------------------------
// What a template requires

export interface TemplateSection {
  /** Heading text as in the template (`Renewal Readiness`, `Next Steps (Owner, Due)`). */
  heading: string;
  depth: number;
  /** Body lines (sub-headings included), trailing blank lines removed, variables as placeholders. */
  body: string;
}

export interface TemplateRequirements {
  /** Required sections in template order (the headings one level below the title). */
  sections: TemplateSection[];
  /** Section keys of every heading in the template (sub-headings included). */
  allSections: TemplateSection[];
  /** Field labels of the template's `**Label**:` lines, lower-cased (`next qbr`, `quarter`…). */
  fields: Set<string>;
}

const requirementCache = new Map<string, TemplateRequirements>();

const ATX_OPEN = /^ {0,3}(#{1,6})(?:[ \t]|$)/;

/** An ATX heading line's depth and text (its closing `#`s removed), or null. */
function atx(line: string): { depth: number; text: string } | null {
  const m = ATX_OPEN.exec(line);
  if (!m) return null;
  let t = line.slice(m[0].length).trim();
  let j = t.length;
  while (j > 0 && t[j - 1] === '#') j--;
  if (j === 0) t = '';
  else if (j < t.length && (t[j - 1] === ' ' || t[j - 1] === '\t')) t = t.slice(0, j).trim();
  return { depth: m[1]!.length, text: t };
}
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const FIELD = /^\s*(?:[-*+]\s+)?(?:\*\*|__)([^*_\n]{1,60}?)(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)/;

/**
 * What a team template requires, derived from its text (memoised by text). Variables are
 * rendered as placeholders in the section bodies (section-missing's fix inserts them).
 */
export function templateRequirements(text: string): TemplateRequirements {
  const cached = requirementCache.get(text);
  if (cached) return cached;
  let rendered: string;
  try {
    rendered = expand(text, valuesOf({ partner: '[Partner Company]' }), { partner: '[Partner Company]' });
  } catch {
    rendered = text;
  }
  const lines = rendered.replace(/\r\n?/g, '\n').split('\n');
  const headings: Array<{ line: number; depth: number; text: string; variable: boolean }> = [];
  const fields = new Set<string>();
  const raw = text.replace(/\r\n?/g, '\n').split('\n');
  let fence: string | null = null;
  let comment = false;
  lines.forEach((l, i) => {
    // Instructions in HTML comments (`<!-- ## Example … -->`) are not the template's sections.
    if (comment || (fence === null && l.trimStart().startsWith('<!--'))) {
      const close = l.indexOf('-->', comment ? 0 : l.indexOf('<!--') + 4);
      comment = close < 0;
      return;
    }
    const f = FENCE.exec(l);
    if (f) {
      if (fence === null) fence = f[1]![0]!;
      else if (f[1]![0] === fence) fence = null;
      return;
    }
    if (fence !== null) return;
    const h = atx(l);
    if (h) {
      headings.push({ line: i, depth: h.depth, text: h.text, variable: false });
      return;
    }
    const fm = FIELD.exec(l);
    if (fm) fields.add(fm[1]!.trim().toLowerCase());
  });
  // Headings whose text holds a variable in the template are not required. The rendered text has
  // as many lines as the template above any multi-line variable, so match by rendered heading.
  const withVars = new Set(raw.filter((l) => atx(l) && uses(l).uses.length + uses(l).problems.length > 0).map((l) => atx(expand(l, valuesOf({ partner: '[Partner Company]' }), { partner: '[Partner Company]' }))?.text ?? ''));
  for (const h of headings) h.variable = withVars.has(h.text);

  const sectionOf = (i: number): TemplateSection => {
    const h = headings[i]!;
    let endLine = lines.length;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j]!.depth <= h.depth) {
        endLine = headings[j]!.line;
        break;
      }
    }
    const body = lines.slice(h.line + 1, endLine);
    while (body.length && body[body.length - 1]!.trim() === '') body.pop();
    return { heading: h.text, depth: h.depth, body: body.join('\n') };
  };

  // The title: an issue template's `Partnership Issue:` heading, else the first H1; sections are
  // the headings of the shallowest depth below it.
  let titleIndex = headings.findIndex((h) => h.depth <= 2 && normalizeHeading(h.text).startsWith('partnership issue'));
  if (titleIndex < 0) titleIndex = headings.findIndex((h) => h.depth === 1);
  const titleDepth = titleIndex >= 0 ? headings[titleIndex]!.depth : 0;
  const below = headings.filter((h, i) => i !== titleIndex && h.depth > titleDepth);
  const level = below.length ? Math.min(...below.map((h) => h.depth)) : 0;
  const sections: TemplateSection[] = [];
  const allSections: TemplateSection[] = [];
  const seen = new Set<string>();
  headings.forEach((h, i) => {
    if (i === titleIndex) return;
    const s = sectionOf(i);
    allSections.push(s);
    if (h.depth !== level || h.variable) return;
    const key = sectionKey(h.text);
    if (!key || seen.has(key)) return;
    seen.add(key);
    sections.push(s);
  });
  const out = { sections, allSections, fields };
  if (requirementCache.size > 100) requirementCache.clear();
  requirementCache.set(text, out);
  return out;
}

const structures = new WeakMap<object, Partial<Record<string, { sections: readonly string[]; fields: ReadonlySet<string> }>>>();

/**
 * The team templates' sections and fields per kind, for kind detection (detect.ts counts them as
 * structure of the kind besides the playbook's). Undefined when no template is configured.
 */
export function teamStructure(config: { templates?: TeamTemplates }): Partial<Record<string, { sections: readonly string[]; fields: ReadonlySet<string> }>> | undefined {
  const templates = config.templates;
  if (!templates || Object.keys(templates).length === 0) return undefined;
  let out = structures.get(templates);
  if (!out) {
    out = {};
    for (const [kind, t] of Object.entries(templates)) {
      if (!t) continue;
      const req = templateRequirements(t.text);
      out[kind] = { sections: req.sections.map((s) => s.heading), fields: req.fields };
    }
    structures.set(templates, out);
  }
  return out;
}
