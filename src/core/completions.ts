/**
 * Completions in partnership documents: what to offer at an offset, from the version's Snapshot
 * (its model and analyses) and what the front end knows beyond the file (the workspace's owners,
 * the previous quarter's KPI values, the next QBR date). Pure: no vscode, no fs.
 *
 * Contexts (everything else: no items, so a trigger character typed in prose shows nothing):
 * - a KPI table's Status cell: the status kpi-status-mismatch computes, written as its fix
 *   writes it (in the table's own style: `⚠️ Yellow (90% of target)`, `🟡 Yellow (90% of
 *   target)`, `❌ Missed`, `🟡 At Risk`);
 * - a KPI table's Trend cell: the arrow and word in the table's style, with the change against
 *   the previous quarter's QBR when the workspace index knows it (then only the trend that change
 *   implies, as kpi-trend-vs-previous computes it);
 * - after `Owner:` (Owners, Assignee, Assigned to, DRI, Responsible) or in an Owner cell of an
 *   action table: the roster (`owners`), then the owners already used in the workspace and the
 *   document (only those on the roster when there is one);
 * - after `Due:` (Due date, Deadline, Target date, Timeline) or in a Due cell of an action table:
 *   the end of the current quarter, the next QBR date and today + 2 weeks, in the document's own
 *   date style;
 * - after `Severity:`, `Current status:` and an issue's `Status:`: their allowed values;
 * - at the start of a line: in an action section a filled-in action item, in Challenges and
 *   Actions a challenge, right below a KPI table a new row with the table's columns.
 * Nothing offered makes the linter report anything new on that line (test/core/completions.test.ts).
 */
import { addDays, endOfQuarter, format, getQuarter } from 'date-fns';
import { analyzeActions } from './analysis/actions.js';
import { readEnum } from './analysis/enums.js';
import { headingIsSection, isActionSectionName } from './analysis/equivalents.js';
import { documentYear, extractFields } from './analysis/fields.js';
import { readHeaderDate } from './analysis/header-dates.js';
import { expectedStatusText, statusProblem, type KpiRow, type KpiTable } from './analysis/kpi.js';
import { scopeAt, scopeHeadings } from './analysis/sections.js';
import { isoDate, type DateOrder } from './dates.js';
import { enclosingHeadings } from './model.js';
import { trimEndChars } from './text.js';
import type { LintOptions } from './types.js';
import { CURRENT_STATUS_VALUES, ISSUE_STATUS_VALUES, SEVERITY_VALUES } from './rules/health/field-invalid.js';
import { snapshot as snapshotOf, type Snapshot } from './snapshot.js';
import { parseTrendCell, trendFromChange, type TrendWord } from './values/trend.js';
import { unitClass } from './workspace/indexer.js';
import { comparableUnits, metricKey } from './workspace/util.js';
import { formatChange, relativeChange } from './workspace/rules/context.js';

/** A KPI of the previous quarter's QBR, as the workspace index has it (IndexedKpi). */
export interface PreviousKpi {
  /** metricKey of the metric name. */
  key: string;
  actual: string | null;
  actualValue: number | null;
  actualUnit: string | null;
}

/** What the front end knows beyond the document. */
export interface CompletionContext {
  /** The roster; default: the configuration's `owners`. */
  owners?: readonly string[];
  /** Owners written in the workspace's other documents (repeats allowed: the more, the higher). */
  workspaceOwners?: readonly string[];
  /**
   * The KPIs of the same partner's QBR of the quarter right before this one (what
   * kpi-trend-vs-previous compares with); absent when there is none.
   */
  previousKpis?: readonly PreviousKpi[];
  /** That QBR's period, for the detail (`Q3 2026`). */
  previousLabel?: string;
  /** The partner's next QBR date (YYYY-MM-DD), used when this document has no `Next QBR` date to come. */
  nextQbr?: string | null;
}

export type CompletionKind = 'status' | 'trend' | 'owner' | 'date' | 'value' | 'snippet';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** The text to insert (a snippet in VS Code syntax when `snippet`). */
  insertText: string;
  snippet: boolean;
  /** The range replaced (offsets; on the cursor's line, containing the cursor). */
  start: number;
  end: number;
  detail: string;
  documentation?: string;
  /** Order among the items (ascending). */
  sortText: string;
  /** What the typed text is matched against. */
  filterText: string;
  /** The item to select first. */
  preselect?: boolean;
}

const OWNER_LABELS = ['owners', 'owner', 'assignees', 'assignee', 'assigned to', 'dri', 'responsible'];
const DUE_LABELS = ['due date', 'due', 'deadline', 'target date', 'timeline'];
const ENUM_HEAD = /^[ \t>]*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(\*\*|__)?(severity|current status|status)(?:\*\*|__)?[ \t]*$/i;
const MARKER_ONLY = /^(?:(?:[-*+]|\d{1,3}[.)])(?:[ \t]+\[[ xX]?\]?)?)?$/;

/**
 * The value typed after the last `Label:` of `s` (`- [ ] Call - Owner: Da` → `Da`), when that
 * label is one of `labels` (bold or not: `**Owner**:`, `**Owner:**`) and the value has no
 * separator yet (`,` `;` `|` `(` `)`); null otherwise. Scans, no regular expression (linear).
 */
function labelledValue(s: string, labels: readonly string[]): string | null {
  const colon = s.lastIndexOf(':');
  if (colon < 0) return null;
  let v = colon + 1;
  if ((s[v] === '*' && s[v + 1] === '*') || (s[v] === '_' && s[v + 1] === '_')) v += 2;
  while (s[v] === ' ' || s[v] === '\t') v++;
  const value = s.slice(v);
  if (/[,;|()]/.test(value)) return null;
  let j = colon;
  while (j > 0 && (s[j - 1] === ' ' || s[j - 1] === '\t')) j--;
  if (j >= 2 && (s.slice(j - 2, j) === '**' || s.slice(j - 2, j) === '__')) j -= 2;
  const head = s.slice(0, j).toLowerCase();
  for (const l of labels) {
    if (!head.endsWith(l)) continue;
    const before = head[head.length - l.length - 1];
    if (before === undefined || !/[\p{L}\p{N}]/u.test(before)) return value;
  }
  return null;
}

/** `Severity:` / `Current status:` / `Status:` at the start of the line: [key, bold, value typed], else null. */
function enumField(line: string): [string, boolean, string] | null {
  const colon = line.indexOf(':');
  if (colon < 0) return null;
  const m = ENUM_HEAD.exec(line.slice(0, colon));
  if (!m) return null;
  let v = colon + 1;
  if ((line[v] === '*' && line[v + 1] === '*') || (line[v] === '_' && line[v + 1] === '_')) v += 2;
  while (line[v] === ' ' || line[v] === '\t') v++;
  return [m[2]!.toLowerCase(), m[1] !== undefined, line.slice(v)];
}

function markerOnly(s: string): boolean {
  return MARKER_ONLY.test(trimEndChars(s, ' \t', false));
}

/**
 * A cheap test on the text of the line before the cursor: could any completion apply there?
 * (A front end calls it before asking for the document's snapshot, so a space typed in prose
 * costs nothing.)
 */
export function mayComplete(lineBefore: string): boolean {
  const s = lineBefore.replace(/^[ \t>]*/, '');
  return s.startsWith('|') || markerOnly(s) || labelledValue(s, OWNER_LABELS) !== null || labelledValue(s, DUE_LABELS) !== null || enumField(lineBefore) !== null;
}

/** The completion items at `offset` of the snapshot's text (empty outside the contexts above). */
export function completionsAt(s: Snapshot, offset: number, context: CompletionContext = {}): CompletionItem[] {
  if (!s.checked || offset < 0 || offset > s.text.length) return [];
  const text = s.text;
  const lineStart = lineStartAt(text, offset);
  const lineEnd = lineEndAt(text, offset);
  const before = text.slice(lineStart, offset);
  if (!mayComplete(before)) return [];
  if (inCode(s, offset)) return [];
  const c = new Completer(s, offset, lineStart, lineEnd, context);
  return c.items();
}

/** `completionsAt` for a text: its snapshot under `options` (a front end holding the version's snapshot passes that instead). */
export function completionsForText(text: string, offset: number, options: LintOptions = {}, context: CompletionContext = {}): CompletionItem[] {
  return completionsAt(snapshotOf(text, options), offset, context);
}

function lineStartAt(text: string, offset: number): number {
  const nl = text.lastIndexOf('\n', offset - 1);
  const cr = text.lastIndexOf('\r', offset - 1);
  return Math.max(nl, cr) + 1;
}
function lineEndAt(text: string, offset: number): number {
  let e = offset;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return e;
}

function inCode(s: Snapshot, offset: number): boolean {
  const inside = (r: { start: number; end: number }) => r.start < offset && offset < r.end;
  return s.doc.code.some(inside) || s.doc.comments.some(inside);
}

/** Pipes of a table row line that separate cells (not escaped `\|`). */
function pipesOf(line: string): number[] {
  const out: number[] = [];
  let code = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '`') code = !code;
    else if (ch === '|' && !code) out.push(i);
  }
  return out;
}

const num = (n: number) => String(n).padStart(3, '0');

class Completer {
  private readonly text: string;
  constructor(
    private readonly s: Snapshot,
    private readonly offset: number,
    private readonly lineStart: number,
    private readonly lineEnd: number,
    private readonly context: CompletionContext,
  ) {
    this.text = s.text;
  }

  items(): CompletionItem[] {
    const before = this.text.slice(this.lineStart, this.offset);
    const body = before.replace(/^[ \t>]*/, '');
    if (body.startsWith('|')) return this.tableItems();
    const e = enumField(before);
    if (e) {
      const got = this.enumItems(e[0], e[1], e[2]);
      if (got) return got;
    }
    // Inside a bold label (`**Owner:|**`): not yet at its value.
    if (/^[*_]/.test(this.text.slice(this.offset, this.offset + 1))) return [];
    const o = labelledValue(body, OWNER_LABELS);
    if (o !== null) return this.ownerItems(this.offset - o.length);
    const d = labelledValue(body, DUE_LABELS);
    if (d !== null) return this.dateItems(this.offset - d.length);
    if (markerOnly(body)) return this.lineStartItems(body);
    return [];
  }

  // ─── Tables ────────────────────────────────────────────────────────────────────────────

  private tableItems(): CompletionItem[] {
    const line = this.text.slice(this.lineStart, this.lineEnd);
    const rel = this.offset - this.lineStart;
    const pipes = pipesOf(line);
    // The line starts with a pipe (items() checked): the cells are between the pipes.
    const before = pipes.filter((p) => p < rel).length;
    if (before === 0) return [];
    const column = before - 1;
    const open = pipes.filter((p) => p < rel).pop()!;
    const close = pipes.find((p) => p >= rel);
    // The cell's content: trimmed, but always containing the cursor.
    let cs = open + 1;
    while (cs < rel && (line[cs] === ' ' || line[cs] === '\t')) cs++;
    let ce = close ?? line.length;
    while (ce > rel && (line[ce - 1] === ' ' || line[ce - 1] === '\t')) ce--;
    const start = this.lineStart + cs;
    const end = this.lineStart + ce;
    const atLineEnd = close === undefined && line.slice(rel).trim() === '';

    const kpi = this.s.kpiTables.find((t) => t.table.start <= this.offset && this.offset <= t.table.end);
    if (kpi) {
      if (this.offset <= kpi.table.delimiter.end) return [];
      const row = kpi.rows.find((r) => r.start >= this.lineStart && r.start <= this.lineEnd);
      if (!row) return [];
      // A new line below the table, just `|` typed: a new row.
      if (column === 0 && line.trim().replace(/^[>\s]*/, '') === '|' && line.slice(rel).trim() === '') {
        return this.kpiRowSnippet(kpi, this.lineStart, this.lineEnd);
      }
      const pad = (insert: string) => this.padCell(insert, start, end, atLineEnd);
      if (column === kpi.columns.status) return this.statusItems(row, start, end, pad);
      if (column === kpi.columns.trend) return this.trendItems(kpi, row, start, end, pad);
      return [];
    }
    // An action table (Owner / Due columns).
    const table = this.s.doc.tables.find((t) => t.start <= this.offset && this.offset <= t.end);
    if (!table || this.offset <= table.delimiter.end) return [];
    const header = table.header.cells[column]?.text.replace(/[*_`]/g, '').trim().toLowerCase() ?? '';
    const action = this.s.analysis.ctx.get(analyzeActions).some((a) => a.row?.table.start === table.start);
    if (!action) return [];
    if (OWNER_COLUMNS.has(header)) return this.ownerItems(start, end, atLineEnd);
    if (DUE_COLUMNS.has(header)) return this.dateItems(start, end, atLineEnd);
    return [];
  }

  /** A cell's insert text: a space after the pipe, and ` |` closing the row when typed at its end. */
  private padCell(insert: string, start: number, end: number, atLineEnd: boolean): string {
    const lead = this.text[start - 1] === '|' ? ' ' : '';
    const trail = atLineEnd ? ' |' : this.text[end] === '|' ? ' ' : '';
    return lead + insert + trail;
  }

  private statusItems(row: KpiRow, start: number, end: number, pad: (s: string) => string): CompletionItem[] {
    const computed = expectedStatusText(row);
    if (computed === null || row.attainment === null) return [];
    const cell = this.text.slice(start, end);
    // What the quick fix writes over this cell (it keeps the cell's own note); else the computed status.
    const fix = cell === '' ? computed : statusFixFor(row) ?? computed;
    if (fix === cell) return [];
    const typed = this.text.slice(start, this.offset);
    return [
      {
        label: fix,
        kind: 'status',
        insertText: pad(fix),
        snippet: false,
        start,
        end,
        detail: `Computed status: ${row.attainment}% of target`,
        documentation: `${row.metric}: computed from Target and Actual (${row.direction} is better), as kpi-status-mismatch computes it.`,
        sortText: num(0),
        filterText: typed + fix,
        preselect: true,
      },
    ];
  }

  private trendItems(kpi: KpiTable, row: KpiRow, start: number, end: number, pad: (s: string) => string): CompletionItem[] {
    const style = trendStyle(kpi, row);
    const typed = this.text.slice(start, this.offset);
    const item = (label: string, i: number, detail: string, preselect = false): CompletionItem => ({
      label,
      kind: 'trend',
      insertText: pad(label),
      snippet: false,
      start,
      end,
      detail,
      sortText: num(i),
      filterText: typed + label,
      ...(preselect ? { preselect } : {}),
    });
    const band = this.s.config.thresholds.stableBand;
    const previous = this.previousChange(row);
    if (previous) {
      const word = trendFromChange(row.direction, previous.change, band);
      const head = style(word);
      const label = `${head} (${formatChange(previous.change)} vs. last quarter)`;
      const where = this.context.previousLabel ? ` (${this.context.previousLabel})` : '';
      const detail = `Actual ${previous.from} last quarter${where} → ${row.actual.state === 'value' ? row.actual.value.raw : ''}`;
      return [item(label, 0, detail, true), item(head, 1, detail)];
    }
    // A change the cell states already decides the word.
    const stated = parseTrendCell(this.text.slice(start, end));
    const words: TrendWord[] = stated.change !== null ? [trendFromChange(row.direction, stated.change, band)] : ['improving', 'stable', 'declining'];
    return words.map((w, i) => item(style(w), i + 1, 'Trend'));
  }

  /** The change of the row's actual against the previous quarter's, as kpi-trend-vs-previous computes it. */
  private previousChange(row: KpiRow): { change: number; from: string } | null {
    const prev = this.context.previousKpis;
    if (!prev || row.actual.state !== 'value' || !row.metric) return null;
    const key = metricKey(row.metric);
    const p = prev.find((k) => k.key === key);
    if (!p || p.actualValue === null || !comparableUnits(p.actualUnit, unitClass(row.actual.value))) return null;
    const change = relativeChange(p.actualValue, row.actual.value.value);
    return change === null ? null : { change, from: p.actual ?? String(p.actualValue) };
  }

  private kpiRowSnippet(kpi: KpiTable, start: number, end: number): CompletionItem[] {
    const n = kpi.table.header.cells.length;
    const cols = kpi.columns;
    const cells: string[] = [];
    let stop = 1;
    for (let i = 0; i < n; i++) {
      if (i === cols.metric) cells.push(`\${${stop++}:Metric}`);
      else if (i === cols.status || i === cols.trend) cells.push('');
      else cells.push(`\${${stop++}}`);
    }
    const body = `| ${cells.map((c) => c || ' ').join(' | ')} |$0`.replace(/\|  \|/g, '|  |');
    const indent = this.text.slice(this.lineStart, this.lineStart + (this.text.slice(this.lineStart, this.lineEnd).indexOf('|')));
    const typed = this.text.slice(start, this.offset);
    return [
      {
        label: 'KPI row',
        kind: 'snippet',
        insertText: indent + body,
        snippet: true,
        start,
        end,
        detail: `A new row of this KPI table (${kpi.table.header.cells.map((c) => c.text).join(' | ')})`,
        documentation: 'Type the metric, its target and its actual; the Status and Trend cells then offer the computed values.',
        sortText: num(0),
        filterText: typed + 'KPI row',
      },
    ];
  }

  // ─── Owners ────────────────────────────────────────────────────────────────────────────

  private ownerItems(start: number, endAt?: number, atLineEnd = false): CompletionItem[] {
    const end = endAt ?? valueEnd(this.text, start, this.offset, this.lineEnd);
    const names = this.owners();
    const lead = /[:*_]$/.test(this.text.slice(this.lineStart, start)) ? ' ' : endAt !== undefined && this.text[start - 1] === '|' ? ' ' : '';
    const trail = endAt !== undefined ? (atLineEnd ? ' |' : this.text[end] === '|' ? ' ' : '') : '';
    return names.map((o, i) => ({
      label: o.name,
      kind: 'owner' as const,
      insertText: lead + o.name + trail,
      snippet: false,
      start,
      end,
      detail: o.detail,
      sortText: num(i),
      filterText: o.name,
    }));
  }

  /** The roster first, then the owners used in the workspace and this document (most used first). */
  private owners(): Array<{ name: string; detail: string }> {
    const roster = (this.context.owners ?? this.s.config.owners).map((n) => n.trim()).filter((n) => n !== '');
    const out: Array<{ name: string; detail: string }> = [];
    const seen = new Set<string>();
    const key = (n: string) => n.replace(/^@/, '').replace(/[._\-\s]+/g, ' ').trim().toLowerCase();
    for (const r of roster) {
      if (seen.has(key(r))) continue;
      seen.add(key(r));
      out.push({ name: r, detail: 'On the owners roster' });
    }
    // With a roster, its names are the owners (the workspace's are either on it or reported).
    if (roster.length > 0) return out;
    const counts = new Map<string, { name: string; n: number }>();
    const add = (raw: string) => {
      for (const part of raw.split(/\/|&|\+|\band\b|,/i)) {
        const name = part.trim().replace(/[*_]+/g, '');
        if (!OWNER_NAME.test(name) || NOT_AN_OWNER.has(name.toLowerCase())) continue;
        const k = key(name);
        const c = counts.get(k);
        if (c) c.n++;
        else counts.set(k, { name, n: 1 });
      }
    };
    for (const o of this.context.workspaceOwners ?? []) add(o);
    for (const a of this.s.analysis.ctx.get(analyzeActions)) {
      if (a.owner && !a.owner.placeholder && !a.owner.inferred && !(a.owner.start <= this.offset && this.offset <= a.owner.end)) add(a.owner.text);
    }
    for (const c of [...counts.values()].sort((x, y) => y.n - x.n)) {
      if (seen.has(key(c.name))) continue;
      seen.add(key(c.name));
      out.push({ name: c.name, detail: `Owner used ${c.n === 1 ? 'once' : `${c.n} times`} in the workspace` });
    }
    return out.slice(0, 50);
  }

  // ─── Dates ─────────────────────────────────────────────────────────────────────────────

  private dateItems(start: number, endAt?: number, atLineEnd = false): CompletionItem[] {
    const end = endAt ?? valueEnd(this.text, start, this.offset, this.lineEnd);
    const today = this.s.today;
    const style = this.dateStyle();
    const candidates: Array<{ date: Date; detail: string }> = [];
    const q = getQuarter(today);
    candidates.push({ date: endOfQuarter(today), detail: `End of this quarter (Q${q} ${today.getFullYear()})` });
    const next = this.nextQbr();
    if (next) candidates.push({ date: next, detail: 'The next QBR' });
    candidates.push({ date: addDays(today, 14), detail: 'Today + 2 weeks' });
    const seen = new Set<string>();
    const lead = /[:*_]$/.test(this.text.slice(this.lineStart, start)) ? ' ' : endAt !== undefined && this.text[start - 1] === '|' ? ' ' : '';
    const trail = endAt !== undefined ? (atLineEnd ? ' |' : this.text[end] === '|' ? ' ' : '') : '';
    const out: CompletionItem[] = [];
    for (const c of candidates) {
      const iso = isoDate(c.date);
      if (seen.has(iso)) continue;
      seen.add(iso);
      const label = style(c.date);
      out.push({
        label,
        kind: 'date',
        insertText: lead + label + trail,
        snippet: false,
        start,
        end,
        detail: `${c.detail}: ${format(c.date, 'EEE d MMM yyyy')}`,
        sortText: num(out.length),
        filterText: label,
      });
    }
    return out;
  }

  /** The document's own `Next QBR` date when it is to come, else the partner's from the workspace (context). */
  private nextQbr(): Date | null {
    const today = this.s.today.getTime();
    const ctx = this.s.analysis.ctx;
    const f = ctx.get(extractFields).find((x) => x.key === 'next qbr' || x.key === 'next qbr date');
    const own = f ? readHeaderDate(f.value, { dateOrder: this.s.config.dateOrder, defaultYear: ctx.get(documentYear) }) : null;
    if (own?.state === 'date' && own.date.getTime() >= today) return own.date;
    const iso = this.context.nextQbr;
    const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso) : null;
    const d = m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
    return d && d.getTime() >= today ? d : null;
  }

  /** How the document writes its dates (action due dates and header dates; the most frequent style, ISO by default). */
  private dateStyle(): (d: Date) => string {
    const ctx = this.s.analysis.ctx;
    const samples: string[] = [];
    for (const a of ctx.get(analyzeActions)) if (a.due?.date && !a.due.placeholder) samples.push(a.due.text);
    for (const f of ctx.get(extractFields)) if (DATE_FIELD_KEYS.has(f.key)) samples.push(f.value.replace(/[*_]/g, '').trim());
    const counts = new Map<string, number>();
    let best: string | null = null;
    for (const sample of samples) {
      const st = styleOf(sample.trim(), this.s.config.dateOrder);
      if (st === null) continue;
      const n = (counts.get(st) ?? 0) + 1;
      counts.set(st, n);
      if (best === null || n > counts.get(best)!) best = st;
    }
    const pattern = best ?? 'yyyy-MM-dd';
    const year = ctx.get(documentYear);
    return (d: Date) => {
      // Without a year a date is read in the document's year: write it when that would misread it.
      const p = !/y/.test(pattern) && d.getFullYear() !== year ? withYear(pattern) : pattern;
      return format(d, p);
    };
  }

  // ─── Enumerated fields ─────────────────────────────────────────────────────────────────

  private enumItems(key: string, bold: boolean, typedValue: string): CompletionItem[] | null {
    let allowed: readonly string[];
    if (key === 'severity') allowed = SEVERITY_VALUES;
    else if (key === 'current status') allowed = CURRENT_STATUS_VALUES;
    else if (key === 'status') {
      if (this.s.kind !== 'issue' || !this.issueHeader(bold)) return null;
      allowed = ISSUE_STATUS_VALUES;
    } else return null;
    const start = this.offset - typedValue.length;
    const rest = this.text.slice(start, this.lineEnd);
    const read = readEnum(rest, allowed);
    let end = read.state === 'value' || read.state === 'unknown' || read.state === 'several' ? start + read.end : this.lineEnd;
    while (end > start && /[ \t]/.test(this.text[end - 1]!)) end--;
    if (end < this.offset) end = this.offset;
    const lead = /[:*_]$/.test(this.text.slice(this.lineStart, start)) ? ' ' : '';
    const out: CompletionItem[] = [];
    for (const v of allowed) {
      // A value can be allowed and still flagged (Resolved without a Resolution, a Current status
      // the health score contradicts): only values the linter accepts on this line are offered.
      if (!this.accepted(start, end, lead + v)) continue;
      out.push({
        label: v,
        kind: 'value',
        insertText: lead + v,
        snippet: false,
        start,
        end,
        detail: `${key === 'severity' ? 'Severity' : key === 'status' ? 'Status' : 'Current status'}: one of ${allowed.join(', ')}`,
        sortText: num(out.length),
        filterText: v,
      });
    }
    return out;
  }

  /** An issue's Status is a bold field, or a plain `Status:` line before the issue's first section (as field-invalid reads it). */
  private issueHeader(bold: boolean): boolean {
    if (bold) return true;
    const first = scopeHeadings(this.s.analysis.doc, scopeAt(this.s.analysis.doc, this.lineStart))[0];
    return !first || this.lineStart < first.start;
  }

  /** Whether writing `insert` over [start, end) leaves the line with no finding it did not have. */
  private accepted(start: number, end: number, insert: string): boolean {
    const key = (f: { ruleId: string; message: string }) => `${f.ruleId}\n${f.message}`;
    const was = new Set(this.s.findings.filter((f) => f.startOffset >= this.lineStart && f.startOffset <= this.lineEnd).map(key));
    const next = this.text.slice(0, start) + insert + this.text.slice(end);
    const lineEnd = lineEndAt(next, start);
    const after = snapshotOf(next, this.s.options).findings;
    return !after.some((f) => f.startOffset >= this.lineStart && f.startOffset <= lineEnd && !was.has(key(f)));
  }

  // ─── Snippets at the start of a line ───────────────────────────────────────────────────

  private lineStartItems(body: string): CompletionItem[] {
    const before = this.text.slice(this.lineStart, this.offset);
    // Top-level lines only (a nested line belongs to the item above).
    if (/^[ \t]/.test(before)) return [];
    const after = this.text.slice(this.offset, this.lineEnd);
    if (after.trim() !== '') return [];
    const out: CompletionItem[] = [];
    // Right below a KPI table: a new row.
    const kpi = body.trim() === '' ? this.s.kpiTables.find((t) => this.rowBelow(t)) : undefined;
    if (kpi) out.push(...this.kpiRowSnippet(kpi, this.lineStart, this.lineEnd));
    // (At the end of the text the last section's body ends where the line starts: ask for the line's start.)
    const headings = enclosingHeadings(this.s.analysis.doc, Math.max(0, Math.min(this.lineStart, this.text.length - 1)));
    const extra = this.s.config.sectionEquivalents;
    const action = headings.some((h) => isActionSectionName(h.norm, extra));
    const challenges = headings.some((h) => headingIsSection(h.norm, 'Challenges and Actions', extra));
    if (!action && !challenges) return out;
    const owners = this.owners();
    const dates = this.dateItems(this.offset);
    // Without a known owner the item would need a placeholder the linter reports: not offered.
    if (owners.length === 0 || dates.length === 0) return out;
    const choice = (xs: string[]) => (xs.length === 1 ? `:${escapeSnippet(xs[0]!)}` : `|${xs.map(escapeChoice).join(',')}|`);
    const ownerChoice = choice(owners.slice(0, 10).map((o) => o.name));
    const dateChoice = choice(dates.map((d) => d.label));
    const typed = before;
    const marker = /^[-*+]/.test(body) ? body[0]! : '-';
    if (challenges) {
      const n = /^(\d{1,3})[.)]/.exec(body)?.[1] ?? String(this.nextNumber());
      out.push({
        label: 'Challenge',
        kind: 'snippet',
        insertText: [
          `${n}. **\${1:Challenge}**:`,
          '   - Impact: ${2:what is at risk}',
          '   - Root cause: ${3:why it is happening}',
          '   - Action plan: ${4:how we will address it}',
          `   - Owner: \${5${ownerChoice}}`,
          `   - Timeline: \${6${dateChoice}}`,
          '$0',
        ].join(this.eol()),
        snippet: true,
        start: this.lineStart,
        end: this.lineEnd,
        detail: 'Challenge with impact, root cause, action plan, owner and timeline',
        sortText: num(1),
        filterText: typed + 'Challenge',
      });
    }
    if (action) {
      out.push({
        label: 'Action item',
        kind: 'snippet',
        insertText: `${marker} [ ] \${1:Action} - Owner: \${2${ownerChoice}}, Due: \${3${dateChoice}}$0`,
        snippet: true,
        start: this.lineStart,
        end: this.lineEnd,
        detail: `Action item with an owner (${owners[0]!.name}) and a due date (${dates[0]!.label})`,
        sortText: num(challenges ? 2 : 1),
        filterText: typed + 'Action item',
      });
    }
    return out;
  }

  /** The line right below the table is where the cursor is, and it is blank. */
  private rowBelow(kpi: KpiTable): boolean {
    const last = kpi.table.end;
    const next = lineEndAt(this.text, last);
    let ls = next;
    if (this.text[ls] === '\r' && this.text[ls + 1] === '\n') ls += 2;
    else ls += 1;
    return ls === this.lineStart && this.text.slice(this.lineStart, this.lineEnd).trim() === '';
  }

  /** The number after the previous ordered item at the start of a line above (1 when none). */
  private nextNumber(): number {
    const above = this.text.slice(0, this.lineStart).split(/\r?\n|\r/);
    for (let i = above.length - 1; i >= 0; i--) {
      const l = above[i]!;
      if (/^#{1,6}\s/.test(l)) break;
      const m = /^(\d{1,3})[.)]\s/.exec(l);
      if (m) return Number(m[1]) + 1;
    }
    return 1;
  }

  private eol(): string {
    const i = this.text.indexOf('\n');
    return i > 0 && this.text[i - 1] === '\r' ? '\r\n' : '\n';
  }
}

const OWNER_COLUMNS = new Set(['owner', 'owners', 'responsible', 'dri', 'assignee', 'assignees', 'assigned to', 'who', 'action owner']);
const DUE_COLUMNS = new Set(['due', 'deadline', 'target date', 'due date', 'due by', 'target completion']);
const DATE_FIELD_KEYS = new Set(['date', 'report date', 'meeting date', 'date identified', 'next qbr', 'next qbr date', 'next renewal date', 'start date', 'renewal date']);
/** Values the action reader takes as a missing owner (actions.ts PLACEHOLDER_WORDS). */
const NOT_AN_OWNER = new Set(['tbd', 'tba', 'tbc', 'n/a', 'na', 'none', 'unassigned', 'unknown', 'owner', 'name']);
/** A name to offer: letters first, at most 40 characters, no brackets. */
const OWNER_NAME = /^@?\p{L}[\p{L}\p{N} .'’@-]{0,39}$/u;

/** What kpi-status-mismatch's fix writes over a row's Status cell (keeping its note), or null when the cell agrees. */
function statusFixFor(row: KpiRow): string | null {
  return statusProblem(row)?.fixText ?? null;
}

/** The end of an owner / due value starting at `start` (the cursor at least): as the action reader reads it. */
function valueEnd(text: string, start: number, offset: number, lineEnd: number): number {
  if (text[start] === '[') {
    const close = text.indexOf(']', start);
    if (close !== -1 && close < lineEnd) return Math.max(close + 1, offset);
  }
  let e = offset;
  for (; e < lineEnd; e++) {
    const ch = text[e];
    if (ch === ',' || ch === ';' || ch === '|' || ch === '(' || ch === ')') break;
    if (/[ \t]/.test(ch!) && /[-–—]/.test(text[e + 1] ?? '') && /[ \t]/.test(text[e + 2] ?? ' ')) break;
    if (/[ \t]/.test(ch!) && /[·•]/.test(text[e + 1] ?? '')) break;
    if (/[ \t]/.test(ch!) && /^[ \t]+(?:\*\*|__)?(?:due|timeline|deadline|owner|by)\b/i.test(text.slice(e, e + 14))) break;
  }
  while (e > offset && /[ \t.*_]/.test(text[e - 1]!)) e--;
  return e;
}

/** The date-fns pattern of a date as written, or null when it is not one of the styles. */
function styleOf(s: string, order: DateOrder): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return 'yyyy-MM-dd';
  if (/^\d{4}\/\d{2}\/\d{2}$/.test(s)) return 'yyyy/MM/dd';
  let m = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$/.exec(s);
  if (m) {
    const pad = m[1]!.length === 2 && m[3]!.length === 2;
    const [a, b] = order === 'mdy' ? ['M', 'd'] : ['d', 'M'];
    const p = (x: string) => (pad ? x + x : x);
    return `${p(a)}${m[2]}${p(b)}${m[2]}${m[4]!.length === 4 ? 'yyyy' : 'yy'}`;
  }
  m = /^([A-Z][a-z]{2,8})(\.?) (\d{1,2})(,?)(?: (\d{4}))?$/.exec(s);
  if (m && monthWord(m[1]!)) {
    const month = monthWord(m[1]!)!;
    return `${month}${m[2] ? "'.'" : ''} d${m[5] ? `${m[4] ? ',' : ''} yyyy` : ''}`;
  }
  m = /^(\d{1,2}) ([A-Z][a-z]{2,8})(\.?)(,?)(?: (\d{4}))?$/.exec(s);
  if (m && monthWord(m[2]!)) {
    const month = monthWord(m[2]!)!;
    return `d ${month}${m[3] ? "'.'" : ''}${m[5] ? `${m[4] ? ',' : ''} yyyy` : ''}`;
  }
  return null;
}
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** `MMMM` for a full month name, `MMM` for a three-letter one; null otherwise. */
function monthWord(w: string): string | null {
  const l = w.toLowerCase();
  if (MONTHS.includes(l)) return l.length === 3 ? 'MMM' : 'MMMM'; // `May` is both
  if (l.length === 3 && MONTHS.some((m) => m.startsWith(l))) return 'MMM';
  return null;
}
function withYear(pattern: string): string {
  return pattern.startsWith('d') ? `${pattern} yyyy` : `${pattern}, yyyy`;
}

/** The table's trend style: its arrows (and whether it writes words), from its other Trend cells. */
function trendStyle(kpi: KpiTable, row: KpiRow): (w: TrendWord) => string {
  let up = '↗\uFE0F';
  let flat = '→';
  let down = '↘\uFE0F';
  let arrows = true;
  let words = true;
  // The other rows first: the cell being typed may hold only the start of a trend.
  const rows = [...kpi.rows.filter((r) => r.index !== row.index), row];
  const cells = rows.filter((r) => r.trendCell && r.trendCell.text !== '').map((r) => r.trendCell!.text);
  let sawArrow = false;
  let sawWord = false;
  let wordOnly = 0;
  let arrowOnly = 0;
  for (const c of cells) {
    const t = parseTrendCell(c);
    if (t.arrow !== null && !sawArrow) {
      sawArrow = true;
      const family = ARROW_FAMILIES.find((f) => f.test(c));
      if (family) [up, flat, down] = family.glyphs(c);
    }
    if (t.word !== null) sawWord = true;
    if (t.word !== null && t.arrow === null) wordOnly++;
    if (t.arrow !== null && t.word === null) arrowOnly++;
  }
  if (cells.length > 0 && wordOnly === cells.length) arrows = false;
  if (cells.length > 0 && arrowOnly === cells.length && sawArrow && !sawWord) words = false;
  const glyph: Record<TrendWord, string> = { improving: up, stable: flat, declining: down };
  const word: Record<TrendWord, string> = { improving: 'Improving', stable: 'Stable', declining: 'Declining' };
  return (w) => [arrows ? glyph[w] : '', words ? word[w] : ''].filter((x) => x !== '').join(' ');
}
const ARROW_FAMILIES: Array<{ test: (c: string) => boolean; glyphs: (c: string) => [string, string, string] }> = [
  { test: (c) => /[↑↓]/u.test(c), glyphs: () => ['↑', '→', '↓'] },
  { test: (c) => /[⬆⬇]/u.test(c), glyphs: (c) => (c.includes('\uFE0F') ? ['⬆\uFE0F', '➡\uFE0F', '⬇\uFE0F'] : ['⬆', '➡', '⬇']) },
  { test: (c) => /\u{1F4C8}|\u{1F4C9}/u.test(c), glyphs: () => ['📈', '→', '📉'] },
  { test: (c) => /[↗↘]/u.test(c), glyphs: (c) => (c.includes('\uFE0F') ? ['↗\uFE0F', '→', '↘\uFE0F'] : ['↗', '→', '↘']) },
];

function escapeSnippet(s: string): string {
  return s.replace(/[\\$}]/g, (c) => `\\${c}`);
}
function escapeChoice(s: string): string {
  return s.replace(/[\\$},|]/g, (c) => `\\${c}`);
}
