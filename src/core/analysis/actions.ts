/**
 * Action items (spec §4): which list items are actions, and each one's owner, due date and
 * open/closed state. Computed once per lint (`ctx.get(analyzeActions)`) and shared by the
 * action-* rules (and any front end that wants to show them).
 *
 * Decisions (documented in docs/rules/action-*.md):
 * - An action item is a list item with no enclosing list item (a "top-level" item: also one in a
 *   block quote) in a Next Steps, Action Plan, Action Items or Challenges and Actions section
 *   (any enclosing heading matches), or any task-list item (`- [ ]`, `- [x]`) anywhere in the
 *   document. Everything nested in an action item — sub-bullets, nested task items — belongs to
 *   it and is never an action item of its own.
 * - Only `[x]` closes an item. ✅, "Done" or ~~strikethrough~~ do not: the checkbox is the one
 *   unambiguous marker, and a plain bullet (no checkbox) is open.
 * - Owner: `Owner: NAME`, `Owner - NAME`, `**Owner**: NAME`, `**Owner:** NAME` (also `Owners`),
 *   else an `@handle`. The value stops at `,` `;` `|` `(` `)`, a ` - ` separator, the words
 *   Due / Timeline / Deadline / by, or the end of the line. A bracketed template placeholder
 *   (`[Name]`), an empty value or TBD/TBA/N/A/?/none/unassigned is a *placeholder* owner.
 * - Due: `Due: DATE` (also `Due date`, `Deadline`, `Timeline`, `Target date`, `**Due**:`, `Due - DATE`),
 *   else a date after a bare `by` or `due` (`ship by Jan 15`). A labelled value that is a
 *   placeholder (`[Date]`, empty, TBD…) counts as *missing*; any other labelled value that is not
 *   a date is *invalid*. A bare `by` not followed by a date is prose ("driven by marketing").
 * - A "Next meeting: DATE" item (the status-report template's `- [ ] [Next meeting]: [Date and
 *   agenda]`): its due date is the date after the colon. Like every task item it needs an
 *   owner (spec §4: any task-list item is an action item).
 * - Code (inline and fenced) and HTML comments inside an item are ignored.
 */
import { dateOfIso, findDate, parseDate, parseDuePhrase, type DueOptions } from '../dates.js';
import { enclosingHeadings } from '../document.js';
import type { CellModel, DocModel, ListItemModel, Range, TableModel } from '../model.js';
import { normalizeHeading } from '../model.js';
import { fact, type RuleContext } from '../rule.js';
import { documentYear, findField } from './fields.js';
import { memoByString } from '../memo.js';
import { headingIsSection, isActionSectionName, type SectionEquivalents } from './equivalents.js';
import { cellReplacementEdits } from '../table.js';
import { startOfMonth, startOfQuarter } from 'date-fns';

/**
 * Whether a normalised heading names an action section. A leading section number is ignored
 * (`## 8. Next Steps`), as section-missing does (sectionKey).
 */
const builtInActionSection = memoByString((norm: string) => isActionSectionName(norm), 50_000);
/** Also the equivalents (Action Items, Follow-ups, Corrective Actions…: analysis/equivalents.ts), built-in and configured. */
const isActionSection = (norm: string, extra?: SectionEquivalents): boolean => (extra ? isActionSectionName(norm, extra) : builtInActionSection(norm));

export interface ActionOwner extends Range {
  /** The owner as written (`Dana Smith`, `@dana`, `[Name]`). */
  text: string;
  /** True when the owner is a template placeholder, empty or TBD-like: counts as missing. */
  placeholder: boolean;
  /** True for an `@handle` owner. */
  handle: boolean;
  /**
   * True when the owner was read from how the item is phrased (`Priya: …`, `Legal to …`,
   * `(Priya)`, `— P. Shah`) rather than written as an owner (`Owner:`, `@name`, an Owner cell).
   */
  inferred?: boolean;
}

export interface ActionDue extends Range {
  /** The value as written (the date span when it parsed, else up to the next separator). */
  text: string;
  /** True when the value is a placeholder (`[Date]`, empty, TBD…): counts as missing. */
  placeholder: boolean;
  /** The parsed date (local midnight), or null when the value is not a date. */
  date: Date | null;
  /** `YYYY-MM-DD` of `date`. */
  iso: string | null;
  /**
   * Where it came from: a `Due:`-style label, a bare `by`/`due` before a date, a meeting line,
   * a parenthesis or trailing dash part (`(Q2 2027)`, `— Priya, Nov 30`), a register's due cell.
   */
  source: 'label' | 'by' | 'meeting' | 'paren' | 'cell';
  /**
   * True when the value is a due phrase that names no computable day (`next week`, `Friday`,
   * `EOM` in an undated document, a month alone in a document without a date or period): a due
   * date was given (not missing), it is not invalid, and it is never overdue.
   */
  undated?: boolean;
}

export interface ActionItem extends Range {
  /** Index into ctx.doc.listItems. */
  index: number;
  /** The first line's content (after marker and checkbox, trailing blanks trimmed): where findings go. */
  lineStart: number;
  lineEnd: number;
  /** The item's whole source text (including nested lines). */
  text: string;
  /** The checkbox: null when there is none. */
  checked: boolean | null;
  /** Open unless checked `[x]`. */
  open: boolean;
  /** A "Next meeting: DATE" line: its due date is the value after the colon. */
  meeting: boolean;
  owner: ActionOwner | null;
  due: ActionDue | null;
  /**
   * A row of an action register table (`| Action | Owner | Due | Status |`): the table, its
   * owner and due cells (null when the table has no such column). Absent for list items.
   */
  row?: {
    table: TableModel;
    /** The row's owner / due cells (null when the table has no such column or the row is short). */
    ownerCell: CellModel | null;
    dueCell: CellModel | null;
    /** Whether the table has an owner / due column at all (without one, nothing is missing). */
    ownerColumn: boolean;
    dueColumn: boolean;
  };
}

export function analyzeActions(ctx: RuleContext): ActionItem[] {
  const { doc } = ctx;
  const items = doc.listItems;
  const isAction = new Array<boolean>(items.length).fill(false);
  const opts = ctx.get(dueOptions);
  const out: ActionItem[] = [];
  const ignored = [...doc.code, ...doc.comments].sort((a, b) => a.start - b.start);
  const listStart = new Array<number>(items.length).fill(-1);

  for (let i = 0; i < items.length; i++) {
    const li = items[i]!;
    if (li.parent === -1) listStart[i] = startOfList(doc.text, items, listStart, i);
    if (hasActionAncestor(items, isAction, li)) continue;
    if (li.parent !== -1 && li.checked === null) continue;
    const chain = enclosingHeadings(doc, li.start);
    const section = sectionRole(chain, ctx.config.sectionEquivalents);
    // A launch plan's milestones are checked by the milestone-* rules (analysis/milestones.ts), not as action items.
    if (doc.kind === 'launch-plan' && section !== 'action' && inMilestoneSection(chain, ctx.config.sectionEquivalents)) continue;
    // A pre-send checklist (by its heading, or a checklist label line right above the list) is not an action plan.
    if (section === 'checklist') continue;
    if (li.parent === -1 && isChecklistLabel(lineBefore(doc.text, listStart[i]!))) continue;
    const inSection = li.parent === -1 && section === 'action';
    if (!inSection && li.checked === null) continue;
    const group = inSection && li.checked === null ? subsectionRecord(ctx, chain, i) : null;
    if (group) {
      // The sub-heading is the action; its field bullets are its lines (one item, reported on the heading).
      for (let k = i; k <= group.last; k++) isAction[k] = true;
      const last = items[group.last]!;
      const item = readItem(ctx, { ...li, end: last.end }, i, opts, ignored);
      out.push({ ...item, lineStart: group.heading.textStart, lineEnd: headingTextEnd(doc.text, group.heading) });
      i = group.last;
      continue;
    }
    isAction[i] = true;
    out.push(readItem(ctx, li, i, opts, ignored));
  }
  let tableItems = false;
  for (const t of doc.tables) {
    const rows = registerRows(ctx, t, opts, ignored);
    if (rows.length) {
      out.push(...rows);
      tableItems = true;
    }
  }
  if (tableItems) out.sort((a, b) => a.start - b.start);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The document's dates (for due phrases relative to it)

export interface DocumentDates {
  /** The document's own date (a day), `YYYY-MM-DD`, or null. */
  reference: string | null;
  /** Its date, else the first day of its period (`Q3 2026` → 2026-07-01), or null. */
  from: string | null;
}

const DATE_FIELDS = ['Date', 'Report Date', 'Meeting Date', 'Date Identified', 'As of', 'Week of', 'Week Ending'];
const PERIOD_FIELDS = ['Quarter', 'Period', 'Reporting Period'];
const YEAR_QUARTER = /(\d{4})[ \t]?[-/]?[ \t]?[Qq]([1-4])(?!\d)/;

/**
 * The document's date and the start of its period, for `end of month`, `EOQ`, `EOY` and a month
 * alone (spec §9). The date: front matter `date:`, else the first of the Date / Report Date /
 * Meeting Date / Date Identified / As of / Week of / Week Ending fields that is a full date, else a
 * full date in the title (`# Partner sync — 2026-11-17`). The period: front matter `quarter:` /
 * `period:`, else the Quarter / Period / Reporting Period field (a quarter or a month).
 */
export const documentDates = fact('document dates', function documentDates(ctx: RuleContext): DocumentDates {
  const dateOrder = ctx.config.dateOrder;
  const fm = ctx.doc.frontMatter?.data ?? {};
  const day = (v: unknown): Date | null => {
    const str = v instanceof Date ? (Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10)) : typeof v === 'string' ? v : '';
    const t = str.replace(/[*_`]/g, '').trim();
    if (t === '' || t.startsWith('[')) return null;
    const p = parseDate(t, { dateOrder });
    if (p.ok) return p.precision === 'day' ? p.date : null;
    const f = findDate(t, { dateOrder });
    return f && f.precision === 'day' ? f.date : null;
  };
  let reference = day(fm['date']);
  for (const l of DATE_FIELDS) {
    if (reference) break;
    const f = findField(ctx, l);
    if (f) reference = day(f.value);
  }
  if (!reference) {
    const h1 = ctx.doc.outline.find((h) => h.depth === 1);
    if (h1) {
      const f = findDate(h1.text, { dateOrder });
      if (f && f.precision === 'day') reference = f.date;
    }
  }
  let from: Date | null = reference;
  const periodValues: unknown[] = [fm['quarter'], fm['period']];
  for (const l of PERIOD_FIELDS) periodValues.push(findField(ctx, l)?.value);
  for (const v of periodValues) {
    if (from) break;
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const t = String(v).replace(/[*_`]/g, '').trim();
    const yq = YEAR_QUARTER.exec(t);
    if (yq) {
      from = new Date(Number(yq[1]), (Number(yq[2]) - 1) * 3, 1);
      break;
    }
    const p = parseDate(t, { dateOrder });
    const f = p.ok ? p : findDate(t, { dateOrder });
    if (!f) continue;
    from = f.precision === 'quarter' ? startOfQuarter(f.date) : f.precision === 'month' ? startOfMonth(f.date) : f.date;
  }
  const iso = (d: Date | null) => (d ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}` : null);
  return { reference: iso(reference), from: iso(from) };
}, (d) => [d.reference, d.from]);

function isoToDate(iso: string | null): Date | undefined {
  return iso ? dateOfIso(iso) : undefined;
}

/**
 * Whether the nearest enclosing heading that is a Milestones section (or an equivalent: Launch
 * Milestones, Timeline, Key Dates…) comes before any action section: a launch plan's milestones
 * (analysis/milestones.ts).
 */
export function inMilestoneSection(chain: DocModel['outline'], extra?: SectionEquivalents): boolean {
  for (let k = chain.length - 1; k >= 0; k--) {
    const norm = chain[k]!.norm;
    if (isActionSection(norm, extra)) return false;
    if (headingIsSection(norm, 'Milestones', extra)) return true;
  }
  return false;
}

/** The date options of the document (its date order, year and dates): for due phrases. */
export function dueOptions(ctx: RuleContext): DueOptions {
  const d = ctx.get(documentDates);
  return { dateOrder: ctx.config.dateOrder, defaultYear: ctx.get(documentYear), reference: isoToDate(d.reference), from: isoToDate(d.from) };
}

// ---------------------------------------------------------------------------------------------
// Sections: action plans and pre-send checklists

/**
 * Normalised headings of checklists: a heading with the word "checklist", or one starting
 * Before sending / Before you send / Pre-send / Pre-flight / Definition of done (or ready) /
 * Prerequisites / Acceptance (exit, entry) criteria / Readiness / Sign-off / Quality check(s).
 */
const CHECKLIST_HEADING =
  /^(?:before (?:sending|you send|send|publishing|you publish|sharing|submitting|distribution)|pre-? ?(?:send|flight|publish|read)|definition of (?:done|ready)|pre-? ?requisites?|(?:acceptance|exit|entry) criteria|readiness|sign-? ?off|quality (?:checks?|gates?)|review before sending)\b/;
/**
 * Also headings that show an example (`Example next steps`, `Sample action items`, `Examples`):
 * their lists illustrate how to write items (a how-to, a template's guide), they are no one's actions.
 */
const EXAMPLE_HEADING = /^(?:examples?|samples?|illustrative|illustration|e\.? ?g\.?)\b/;
const isChecklistHeading = memoByString((norm: string) => {
  const n = norm.replace(/^\d{1,3}[.)]\s*/, '');
  return /\bcheck-? ?lists?\b/.test(n) || CHECKLIST_HEADING.test(n) || EXAMPLE_HEADING.test(n);
}, 50_000);
const isExampleHeading = (norm: string): boolean => EXAMPLE_HEADING.test(norm.replace(/^\d{1,3}[.)]\s*/, ''));

/** The nearest enclosing heading that is an action section or a checklist decides. */
function sectionRole(chain: DocModel['outline'], extra?: SectionEquivalents): 'action' | 'checklist' | null {
  for (let k = chain.length - 1; k >= 0; k--) {
    const norm = chain[k]!.norm;
    if (isExampleHeading(norm)) return 'checklist'; // `Example next steps`: an illustration
    if (isActionSection(norm, extra)) return 'action';
    if (isChecklistHeading(norm)) return 'checklist';
  }
  return null;
}

/** A line that only labels a checklist: `**Pre-send checklist**`, `Before sending:`, `_Checklist:_`. */
function isChecklistLabel(line: string): boolean {
  const t = line.replace(/[*_]/g, '').trim();
  if (t === '' || t.length > 60) return false;
  const n = normalizeHeading(t);
  return isChecklistHeading(n);
}

/** The start of the list the top-level item `i` belongs to (items of one list are separated by blanks only). */
function startOfList(text: string, items: ListItemModel[], listStart: number[], i: number): number {
  let k = i - 1;
  while (k >= 0 && items[k]!.parent !== -1) k = items[k]!.parent;
  if (k < 0 || listStart[k] === -1) return items[i]!.start;
  const between = text.slice(items[k]!.end, items[i]!.start);
  return /^\s*$/.test(between) ? listStart[k]! : items[i]!.start;
}

/** The last non-blank line before the line holding `pos` (quote markers dropped), or ''. */
function lineBefore(text: string, pos: number): string {
  let ls = text.lastIndexOf('\n', pos - 1) + 1;
  for (let guard = 0; guard < 50 && ls > 0; guard++) {
    const prevEnd = ls - 1; // the newline ending the previous line
    const start = prevEnd === 0 ? 0 : text.lastIndexOf('\n', prevEnd - 1) + 1;
    const line = text.slice(start, prevEnd).replace(/^[ \t>]*/, '').trim();
    if (line !== '') return line;
    ls = start;
  }
  return '';
}

/**
 * A sub-section of an action section written as one record (`## Challenges and Actions` →
 * `### Rep certification behind plan` with `- Impact: …`, `- Owner: …`, `- Timeline: …`
 * bullets): when the item at `i` is the first top-level item directly under a heading nested in
 * an action section, and every top-level item directly under that heading is a plain (no
 * checkbox) `Label: value` line, the heading is the action item and those bullets are its lines.
 * Returns the heading and the index of the record's last item, else null.
 */
function subsectionRecord(
  ctx: RuleContext,
  chain: DocModel['outline'],
  i: number,
): { heading: DocModel['outline'][number]; last: number } | null {
  const inner = chain[chain.length - 1];
  if (!inner || isActionSection(inner.norm, ctx.config.sectionEquivalents)) return null;
  const { doc } = ctx;
  const items = doc.listItems;
  // Direct content of the heading: up to the next heading of any depth.
  const k = doc.outline.indexOf(inner);
  const end = doc.outline[k + 1]?.start ?? doc.text.length;
  let last = -1;
  for (let j = i; j < items.length && items[j]!.start < end; j++) {
    const it = items[j]!;
    if (it.parent !== -1) continue;
    if (it.checked !== null || !isFieldLine(doc.text.slice(it.contentStart, it.firstLineEnd))) return null;
    last = j;
  }
  return last === -1 ? null : { heading: inner, last };
}

/** `Label: value`, `**Label**: value`, `**Label:** value` (a short label of words). */
const FIELD_LINE = /^(?:\*\*|__)?[\p{L}][\p{L}\p{N} /&'’()-]{0,40}?(?::(?:\*\*|__)?|(?:\*\*|__):)/u;
const isFieldLine = memoByString((line: string) => {
  const m = FIELD_LINE.exec(line);
  // `Referrals low - Owner: Dana` is an action with an owner, not a `Label: value` line.
  return m !== null && !/ - /.test(m[0]);
}, 5_000);

function headingTextEnd(text: string, h: DocModel['outline'][number]): number {
  let e = text.indexOf('\n', h.textStart);
  if (e === -1 || e > h.end) e = h.end;
  while (e > h.textStart && /[ \t\r]/.test(text[e - 1]!)) e--;
  return e;
}

function hasActionAncestor(items: ListItemModel[], isAction: boolean[], li: ListItemModel): boolean {
  for (let p = li.parent; p !== -1; p = items[p]!.parent) if (isAction[p]) return true;
  return false;
}

/**
 * A list item (or a stretch of items, `end` extended) read as an action item would be: its
 * first line, checkbox, owner and due date. For other analyses (milestones) that read items the
 * same way.
 */
export function readListItem(ctx: RuleContext, li: ListItemModel, index: number): ActionItem {
  const ignored = [...ctx.doc.code, ...ctx.doc.comments].sort((a, b) => a.start - b.start);
  return readItem(ctx, li, index, ctx.get(dueOptions), ignored);
}

/** The owner and due date written in a stretch of text (a table cell): offsets in the document. */
export function ownerAndDueIn(ctx: RuleContext, start: number, end: number): { owner: ActionOwner | null; due: ActionDue | null } {
  const ignored = [...ctx.doc.code, ...ctx.doc.comments].sort((a, b) => a.start - b.start);
  const masked = maskedText(ctx.doc.text, { start, end } as ListItemModel, ignored);
  const opts = ctx.get(dueOptions);
  const owner = findOwner(masked, opts, 0, masked.length);
  const due = findDue(masked, opts, 0, masked.length);
  const shift = <T extends Range>(r: T | null): T | null => (r ? { ...r, start: r.start + start, end: r.end + start } : null);
  return { owner: shift(owner), due: shift(due) };
}

/** An owner cell and a date cell read as an action register's (`weak`: any non-placeholder value is a date given). */
export function ownerOfCell(ctx: RuleContext, cell: CellModel): ActionOwner | null {
  return cellOwner(ctx.doc.text, cell);
}
export function dueOfCell(ctx: RuleContext, cell: CellModel): ActionDue | null {
  return cellDue(ctx.doc.text, cell, ctx.get(dueOptions), false);
}

/** Whether a status cell's text closes a row (✅, Done, Complete, Delivered…): an action register's reading. */
export function closedStatusText(raw: string): boolean {
  const t = cellText(raw).replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '').trim().toLowerCase();
  return CLOSED_MARK.test(raw) || CLOSED_STATUS.test(t);
}

/** `Label: value`, `**Label**: value` (a short label of words): a record's field line. */
export function isFieldLineText(line: string): boolean {
  return isFieldLine(line);
}

function readItem(ctx: RuleContext, li: ListItemModel, index: number, opts: DueOptions, ignored: Range[]): ActionItem {
  const { text } = ctx.doc;
  const masked = maskedText(text, li, ignored);
  const contentStart = afterCheckbox(text, li);
  let lineStart = contentStart;
  let lineEnd = li.firstLineEnd;
  while (lineEnd > lineStart && isBlank(text[lineEnd - 1])) lineEnd--;
  if (lineEnd <= lineStart) {
    // An empty item (a lone `-`): report on the marker line.
    lineStart = li.start;
    lineEnd = text.indexOf('\n', li.start);
    if (lineEnd === -1 || lineEnd > li.end) lineEnd = li.end;
    while (lineEnd > lineStart && (isBlank(text[lineEnd - 1]) || text[lineEnd - 1] === '\r')) lineEnd--;
  }
  const { meeting, owner, due } = readParts(masked, contentStart - li.start, li.firstLineEnd - li.start, opts);
  const shift = <T extends Range>(r: T | null): T | null => (r ? { ...r, start: r.start + li.start, end: r.end + li.start } : null);
  return {
    index,
    start: li.start,
    end: li.end,
    lineStart,
    lineEnd,
    text: text.slice(li.start, li.end),
    checked: li.checked,
    open: li.checked !== true,
    meeting,
    owner: shift(owner),
    due: shift(due),
  };
}

/**
 * Owner, due date and meeting flag of an item, in offsets relative to the item. A pure function
 * of the masked item text and the date options, so it is memoised: on a keystroke almost every
 * item is unchanged. Bounded like memo.ts; results are shared and read-only.
 */
const partsMemo = new Map<string, { meeting: boolean; owner: ActionOwner | null; due: ActionDue | null }>();
function readParts(masked: string, contentRel: number, firstLineEndRel: number, opts: DueOptions) {
  const key = `${opts.dateOrder}|${opts.defaultYear}|${opts.reference?.getTime()}|${opts.from?.getTime()}|${contentRel}|${firstLineEndRel}|${masked}`;
  const hit = partsMemo.get(key);
  if (hit) return hit;
  const firstLine = masked.slice(contentRel, firstLineEndRel);
  const meetingValue = meetingValueStart(firstLine);
  const meeting = meetingValue !== -1;
  const owner = findOwner(masked, opts, contentRel, firstLineEndRel);
  let due = findDue(masked, opts, contentRel, firstLineEndRel);
  if (meeting && (!due || due.placeholder)) {
    const v = labelledDue(masked, contentRel + meetingValue, opts, 'meeting');
    if (!due || !v.placeholder) due = v;
  }
  if (partsMemo.size >= 20_000) partsMemo.clear();
  const parts = { meeting, owner, due };
  partsMemo.set(key, parts);
  return parts;
}

/**
 * The content start after the checkbox. The model's contentStart is the first paragraph's start,
 * which remark-gfm moves past `[ ] ` only when the paragraph begins with plain text: for
 * `- [ ] **Bold** …` it still points at the checkbox.
 */
function afterCheckbox(text: string, li: ListItemModel): number {
  let p = li.contentStart;
  if (li.checked === null || text[p] !== '[' || text[p + 2] !== ']' || !' xX'.includes(text[p + 1]!)) return p;
  p += 3;
  while (p < li.firstLineEnd && isBlank(text[p])) p++;
  return p;
}

/**
 * The item's text with code and HTML comments blanked out (same length, newlines kept).
 * `ignored` is sorted by start and its ranges do not overlap (code and comments never nest).
 */
function maskedText(text: string, li: ListItemModel, ignored: Range[]): string {
  const raw = text.slice(li.start, li.end);
  // Binary search: the first range ending after the item's start.
  let lo = 0;
  let hi = ignored.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ignored[mid]!.end <= li.start) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= ignored.length || ignored[lo]!.start >= li.end) return raw;
  const chars = raw.split('');
  for (let k = lo; k < ignored.length && ignored[k]!.start < li.end; k++) {
    const r = ignored[k]!;
    const from = Math.max(r.start, li.start) - li.start;
    const to = Math.min(r.end, li.end) - li.start;
    for (let c = from; c < to; c++) if (chars[c] !== '\n' && chars[c] !== '\r') chars[c] = ' ';
  }
  return chars.join('');
}

// ---------------------------------------------------------------------------------------------
// Scanning helpers (hand-written loops: no backtracking regular expressions).

function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t';
}
function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /^[\p{L}\p{N}_]$/u.test(ch);
}
function isDash(ch: string | undefined): boolean {
  return ch === '-' || ch === '–' || ch === '—';
}
function lineEndAt(s: string, pos: number): number {
  let e = s.indexOf('\n', pos);
  if (e === -1) e = s.length;
  if (e > pos && s[e - 1] === '\r') e--;
  return e;
}
/** Case-insensitive whole word `w` at `pos` (letters only around it). */
function wordAt(s: string, pos: number, w: string): boolean {
  if (isLetter(s[pos - 1])) return false;
  if (s.slice(pos, pos + w.length).toLowerCase() !== w) return false;
  return !isLetter(s[pos + w.length]);
}
const LETTER = /^\p{L}$/u;
function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && LETTER.test(ch);
}

/**
 * After a label word ending at `pos`: closing emphasis, then `:` or a spaced dash, then
 * opening emphasis and blanks. Returns where the value starts, or -1 when there is no separator.
 */
function separatorEnd(s: string, pos: number, extraSkip = ''): number {
  let j = pos;
  while (s[j] === '*' || s[j] === '_' || extraSkip.includes(s[j] ?? '\n')) j++;
  const beforeBlanks = j;
  while (isBlank(s[j])) j++;
  if (s[j] === ':') j++;
  else if (isDash(s[j]) && j > beforeBlanks && isBlank(s[j + 1])) j++;
  else return -1;
  while (s[j] === '*' || s[j] === '_' || isBlank(s[j])) j++;
  return j;
}

// Labels that name an owner: the playbook's Owner, and what trackers export (Assignee, Assigned to, DRI, Responsible).
const OWNER_LABELS = ['owners', 'owner', 'assignees', 'assignee', 'assigned to', 'dri', 'responsible'];
const DUE_LABELS = ['due date', 'due', 'deadline', 'target date', 'timeline'];
const STOP_WORDS = ['due', 'timeline', 'deadline', 'by', 'owner', 'owners', 'assignee', 'assignees', 'dri'];
const PLACEHOLDER_WORDS = new Set(['', 'tbd', 'tba', 'tbc', 'n/a', 'na', '?', '??', '???', '-', '–', '—', 'none', 'unassigned', 'unknown']);

/** Where a label from `labels` starts at `pos` (word boundary), returning the label's length, or 0. */
function labelAt(s: string, pos: number, labels: string[]): number {
  const c = s[pos]?.toLowerCase();
  if (c === undefined || !labels.some((l) => l[0] === c) || isWordChar(s[pos - 1])) return 0;
  for (const l of labels) {
    if (s.slice(pos, pos + l.length).toLowerCase() === l && !isWordChar(s[pos + l.length])) return l.length;
  }
  return 0;
}

/**
 * The end of a free-text value starting at `start`: a bracketed placeholder runs to its `]`;
 * otherwise the value stops at `,` `;` `|` `(` `)`, a spaced dash or middle dot, a stop word or the line end.
 * Trailing blanks, `.` and emphasis markers are trimmed.
 */
function valueEnd(s: string, start: number, stopWords: string[]): number {
  const eol = lineEndAt(s, start);
  if (s[start] === '[') {
    const close = s.indexOf(']', start);
    if (close !== -1 && close < eol) return close + 1;
  }
  let e = start;
  for (; e < eol; e++) {
    const ch = s[e];
    if (ch === ',' || ch === ';' || ch === '|' || ch === '(' || ch === ')') break;
    if (isBlank(ch) && isDash(s[e + 1]) && (isBlank(s[e + 2]) || e + 2 >= eol)) break;
    // A spaced middle dot or bullet separates fields as a spaced dash does (`Owner: Lukas · Timeline: …`).
    if (isBlank(ch) && (s[e + 1] === '\u00B7' || s[e + 1] === '\u2022') && (isBlank(s[e + 2]) || e + 2 >= eol)) break;
    if (e > start && isBlank(s[e - 1]) && stopWords.some((w) => wordAt(s, e, w))) break;
  }
  while (e > start && (isBlank(s[e - 1]) || s[e - 1] === '.' || s[e - 1] === '*' || s[e - 1] === '_')) e--;
  return e;
}

function isPlaceholder(value: string): boolean {
  const v = value.trim();
  return v.startsWith('[') || PLACEHOLDER_WORDS.has(v.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// Owner

function findOwner(s: string, opts: DueOptions, contentRel = 0, firstLineEndRel = s.length): ActionOwner | null {
  let placeholder: ActionOwner | null = null;
  for (let i = 0; i < s.length; i++) {
    const len = labelAt(s, i, OWNER_LABELS);
    if (!len) continue;
    const v = separatorEnd(s, i + len);
    if (v === -1) continue;
    const e = valueEnd(s, v, STOP_WORDS);
    const text = s.slice(v, e);
    const owner: ActionOwner = { start: v, end: e, text, placeholder: isPlaceholder(text), handle: false };
    if (!owner.placeholder) return owner;
    placeholder ??= owner;
  }
  const handle = findHandle(s);
  if (handle) return handle;
  if (placeholder) return placeholder;
  return inferOwner(s, opts, contentRel, firstLineEndRel);
}

/** The first `@handle` not inside a word, e-mail address or URL path. */
function findHandle(s: string): ActionOwner | null {
  for (let i = s.indexOf('@'); i !== -1; i = s.indexOf('@', i + 1)) {
    const prev = s[i - 1];
    if (isWordChar(prev) || prev === '/' || prev === '.' || prev === '@') continue;
    if (!isLetter(s[i + 1])) continue;
    let e = i + 2;
    while (e < s.length && (isWordChar(s[e]) || s[e] === '.' || s[e] === '-')) e++;
    while (s[e - 1] === '.' || s[e - 1] === '-') e--;
    return { start: i, end: e, text: s.slice(i, e), placeholder: false, handle: true };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Owners as people write them (spec §9): `Priya: send the deck`, `Legal to review the MSA`,
// `Sam will …`, `**Priya** to …`, `(Priya)`, `— P. Shah`. A name is one to four capitalised
// words (initials `P.` too) joined by spaces, `and`, `&`, `/` or `,`; words that label a line
// (Note, Update, Risk, Context, Q3…), pronouns, months and weekdays, and imperative verbs
// (`Send to legal`) are not names. When in doubt, no owner is read.

/** Words that make a line a label, not a name (lower case). */
const LABEL_WORDS = new Set(
  (
    'note notes nb update updates risk risks context action actions decision decisions next status todo fyi question questions ' +
    'issue issues goal goals outcome outcomes result results summary background problem problems impact timeline owner owners due ' +
    'agenda topic topics item items task tasks deadline priority phase step steps important warning reminder idea ideas proposal ' +
    'ask asks option options recommendation recommendations blocker blockers dependency dependencies assumption assumptions answer ' +
    'key why what how when where who which done blocked pending ongoing open closed complete completed progress follow followup ' +
    'highlight highlights win wins challenge challenges mitigation plan approach scope requirement requirements success metric ' +
    'metrics kpi kpis target objective objectives okr okrs week month quarter year today tomorrow eta date milestone milestones ' +
    'initiative initiatives deliverable deliverables description details detail comment comments feedback observation ' +
    'learning learnings lesson lessons takeaway takeaways conclusion purpose attendees attendee location time duration cost ' +
    'example tip also then first second third finally other misc general overall total new old current previous proposed ' +
    'recommended approved rejected yes no ok optional tentative draft final urgent high medium low critical tbd tba tbc na ' +
    'n/a asap eom eoq eoy eow eod link links ref reference references source sources resolution root cause fix workaround ' +
    'escalation severity pros cons pro con caveat edit edited agreed decided discussed resolved outstanding carryover carried ' +
    'internal external partner partners customer customers client clients vendor vendors company team teams everyone anyone ' +
    'someone somebody nobody all both each we i you they he she it us them our your their this that these those there here ' +
    'the a an to for of with by on in at from and or but if not is are was were be been will would should could can may might ' +
    'must shall do does did has have had monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs ' +
    'fri sat sun january february march april may june july august september october november december jan feb mar apr jun jul ' +
    'aug sep sept oct nov dec qbr qbrs msa sla slas nda sow rfp rfi poc pov crm api sso faq roi arr mrr acv tcv nps csat ' +
    'deck doc docs document meeting meetings call calls sync demo budget pricing price contract renewal forecast pipeline ' +
    'revenue region segment product feature release version email emails phone slack jira ticket tickets'
  ).split(' '),
);
/** Imperative verbs that start action items (`Send to legal`, `Move to the new tier`): not a subject. */
const VERBS = new Set(
  (
    'send share review schedule draft update prepare follow set book confirm finalize finalise create build publish launch run ' +
    'align agree sync check get make move add go reach talk reply escalate ask invite introduce present deliver submit provide ' +
    'define document close open track monitor validate test fix investigate identify evaluate assess decide determine discuss ' +
    'kick start begin complete finish hold host organize organise coordinate circulate distribute collect gather compile write ' +
    'edit sign negotiate renew extend expand onboard train enable certify migrate upgrade deploy ship release integrate connect ' +
    'configure install remove reduce increase improve optimize optimise analyze analyse measure report summarize summarise email ' +
    'call meet ping nudge remind chase push pull loop explore research scope estimate quote approve request secure obtain ' +
    'continue keep maintain try need want let help support work propose recommend respond return transfer assign forward attach ' +
    'upload post announce communicate notify inform brief walk demo pilot refresh revisit rework revise resolve address clarify ' +
    'reconcile audit verify map design spec outline prioritize prioritise triage hand transition switch replace retire sunset ' +
    'archive clean plan commit point link tie feed drive bring take give put turn look see think use reconnect redirect convert ' +
    'change adapt apply compare respond speak write introduce loop escalate mention raise flag note log file draft outline'
  ).split(' '),
);
/**
 * Lower-case words naming a team after a capitalised name (`Halcyon channel ops to …`,
 * `Acme legal to …`, `EMEA field marketing will …`): the whole phrase is the owner.
 */
const TEAM_WORDS = new Set(
  (
    'team teams ops operations channel legal finance procurement marketing sales engineering eng product support success ' +
    'partnerships partnership alliances alliance enablement security revops leadership field partner partners account ' +
    'accounts program programs solutions services it hr design data analytics infra infrastructure platform devrel pmm ' +
    'management exec execs executives office desk squad group committee council board counsel'
  ).split(' '),
);
const NOT_A_VERB_AFTER = new Set(['be', 'the', 'a', 'an', 'our', 'their', 'his', 'her', 'its', 'my', 'your', 'this', 'that', 'these', 'those', 'all', 'each', 'every', 'date', 'do', 'dos']);

/** `Priya`, `P.`, `O'Brien`, `Jean-Luc`, `DevRel`, `PMM`. */
const NAME_WORD = /(?:\p{Lu}\.|\p{Lu}[\p{L}'’-]{0,30})/uy;

interface NameRun {
  end: number;
  words: string[];
}

/** A run of name words at `p` in `s`, with joiners (`and`, `&`, `/`, `,`) between names. */
function readName(s: string, p: number, allowComma: boolean): NameRun | null {
  const words: string[] = [];
  let end = p;
  let q = p;
  for (let guard = 0; guard < 8; guard++) {
    NAME_WORD.lastIndex = q;
    const m = NAME_WORD.exec(s);
    if (!m) break;
    const w = m[0];
    const after = q + w.length;
    if (isWordChar(s[after])) break; // `Q3`, `P1`
    words.push(w);
    end = after;
    // the next word: a blank, or a joiner
    let r = after;
    if (s[r] === ' ' && /\p{Lu}/u.test(s[r + 1] ?? '')) {
      q = r + 1;
      continue;
    }
    let j = r;
    while (s[j] === ' ') j++;
    if (s[j] === '/' || s[j] === '&' || (allowComma && s[j] === ',')) j++;
    else if (j > r && s.slice(j, j + 4) === 'and ') j += 3;
    else break;
    while (s[j] === ' ') j++;
    if (!/\p{Lu}/u.test(s[j] ?? '')) break;
    q = j;
    r = j;
  }
  if (words.length === 0 || words.length > 4) return null;
  return { end, words };
}

/**
 * Whether the words read as a person's or a team's name. `strict`: no acronym-only single word.
 * `teamTail`: after a first name word, capitalised team words are part of the name
 * (`Brightwater Partner Ops to …`, `Acme Legal to …`), though alone they label a line.
 */
function looksLikeName(words: string[], strict: boolean, teamTail = false): boolean {
  if (words.length === 0) return false;
  for (let i = 0; i < words.length; i++) {
    let lw = words[i]!.toLowerCase();
    while (lw.length > 1 && ".'’".includes(lw[lw.length - 1]!)) lw = lw.slice(0, -1);
    if (teamTail && i > 0 && TEAM_WORDS.has(lw)) continue;
    if (LABEL_WORDS.has(lw)) return false;
  }
  const first = words[0]!.toLowerCase();
  if (VERBS.has(first)) return false;
  if (words.length === 1) {
    const w = words[0]!;
    if (w.endsWith('.')) return false; // a lone initial
    if (strict && w.length > 1 && w === w.toUpperCase()) return false; // `(EMEA)`, `SSO:`
    if (w.length < 2) return false;
  }
  return true;
}

function ownerOf(s: string, start: number, end: number): ActionOwner {
  return { start, end, text: s.slice(start, end), placeholder: false, handle: false, inferred: true };
}

/** An owner read from how the first line is phrased; null when nothing reads as one. */
function inferOwner(s: string, opts: DueOptions, contentRel: number, firstLineEndRel: number): ActionOwner | null {
  let lineEnd = firstLineEndRel;
  while (lineEnd > contentRel && (isBlank(s[lineEnd - 1]) || s[lineEnd - 1] === '\r')) lineEnd--;
  const line = s.slice(0, lineEnd); // offsets stay item-relative
  return leadingOwner(line, contentRel) ?? tailParts(line, contentRel, lineEnd, opts).owner;
}

/** `Priya: …`, `**Priya**: …`, `Priya Shah to review …`, `Legal will …`, `Sam needs to …`. */
function leadingOwner(line: string, p: number): ActionOwner | null {
  let q = p;
  let bold = '';
  if ((line[q] === '*' && line[q + 1] === '*') || (line[q] === '_' && line[q + 1] === '_')) {
    bold = line.slice(q, q + 2);
    q += 2;
  }
  const run = readName(line, q, false);
  if (!run) return null;
  let e = run.end;
  let after = e;
  if (bold) {
    if (line[after] === ':' && line.slice(after + 1, after + 3) === bold) {
      // `**Priya:** …`
      after += 3;
      return looksLikeName(run.words, true) && /^[ \t]+\S/.test(line.slice(after)) ? ownerOf(line, q, e) : null;
    }
    if (line.slice(after, after + 2) !== bold) return null;
    after += 2;
  }
  if (line[after] === ':') {
    return looksLikeName(run.words, true) && /^[ \t]+\S/.test(line.slice(after + 1)) ? ownerOf(line, q, e) : null;
  }
  // A team as subject: the name, then up to three lower-case team words (`Halcyon channel ops to …`).
  let teamEnd = -1;
  if (!bold) {
    let t = after;
    for (let n = 0; n < 3 && line[t] === ' '; n++) {
      let w = t + 1;
      while (w < line.length && /\p{Ll}/u.test(line[w]!)) w++;
      if (!TEAM_WORDS.has(line.slice(t + 1, w)) || isWordChar(line[w])) break;
      t = w;
      teamEnd = w;
    }
    if (teamEnd !== -1) {
      after = teamEnd;
      e = teamEnd;
    }
  }
  // A subject: `X to <verb>`, `X will <verb>`, `X shall|should|needs to|owns …`.
  const rest = line.slice(after, after + 40);
  const conn = /^ (?:to|will|shall|should|needs to|is to|is going to|owns|to own|and team to) (\p{Ll}[\p{L}-]*)/u.exec(rest);
  if (!conn) return null;
  if (NOT_A_VERB_AFTER.has(conn[1]!)) return null;
  if (!looksLikeName(run.words, false, true)) return null;
  return ownerOf(line, q, e);
}

/**
 * The parts of a trailing parenthesis (`(Priya)`, `(Priya, Nov 30)`, `(Q2 2027)`) or a trailing
 * dash segment (`— P. Shah`, `- Priya, Nov 30`) on the first line, when every part is a name or
 * a due phrase. Offsets item-relative.
 */
function tailParts(line: string, contentRel: number, lineEnd: number, opts: DueOptions): { owner: ActionOwner | null; due: ActionDue | null } {
  const none = { owner: null, due: null };
  const segments: Array<[number, number]> = [];
  // Parentheses on the line (not nested), last first.
  for (let c = line.lastIndexOf(')', lineEnd - 1); c > contentRel; c = line.lastIndexOf(')', c - 1)) {
    const o = line.lastIndexOf('(', c);
    if (o < contentRel) break;
    if (line[o - 1] === ']') continue; // a link `[x](url)`
    segments.push([o + 1, c]);
    c = o;
    if (segments.length >= 3) break;
  }
  // The trailing spaced-dash segment (`— Dec 15`), also before a closing parenthesis
  // (`— Dec 11 (draft agreed Sep 17)`: the parenthesis is a note, the dash part the due date).
  for (let k = lineEnd - 2; k > contentRel; k--) {
    if (isDash(line[k]) && isBlank(line[k - 1]) && isBlank(line[k + 1])) {
      const open = line.indexOf('(', k + 1);
      if (open === -1 || open >= lineEnd) segments.push([k + 2, lineEnd]);
      else if (line.lastIndexOf(')', lineEnd - 1) === lineEnd - 1 && line.indexOf(')', open) === lineEnd - 1) segments.push([k + 2, open]);
      break;
    }
  }
  // Each segment that reads as names and due phrases gives its parts: `(Tomás) — Dec 15` has
  // the owner in the parenthesis and the due date after the dash. The trailing dash part
  // is read first (the later the part, the more it is the item's due date).
  let owner: ActionOwner | null = null;
  let due: ActionDue | null = null;
  for (let s = segments.length - 1; s >= 0; s--) {
    const [from, to] = segments[s]!;
    const got = segmentParts(line, from, to, opts);
    if (!got) continue;
    owner ??= got.owner;
    due ??= got.due;
  }
  return owner || due ? { owner, due } : none;
}

/** Every `,`/`;` part of line[from, to) is a name or a due phrase: the first of each; else null. */
function segmentParts(line: string, from: number, to: number, opts: DueOptions): { owner: ActionOwner | null; due: ActionDue | null } | null {
  let owner: ActionOwner | null = null;
  let due: ActionDue | null = null;
  let p = from;
  while (p <= to) {
    let e = p;
    while (e < to && line[e] !== ',' && line[e] !== ';') e++;
    let a = p;
    let b = e;
    while (a < b && (isBlank(line[a]) || line[a] === '*' || line[a] === '_')) a++;
    while (b > a && (isBlank(line[b - 1]) || line[b - 1] === '*' || line[b - 1] === '_' || line[b - 1] === '.')) b--;
    // A name ending in an initial keeps its dot (`Priya S.`).
    if (line[b] === '.' && /\p{Lu}/u.test(line[b - 1] ?? '') && !/\p{L}/u.test(line[b - 2] ?? '')) b++;
    if (a >= b) return null;
    let c = a;
    if (wordAt(line, c, 'due') || wordAt(line, c, 'by')) {
      c += line[c]!.toLowerCase() === 'd' ? 3 : 2;
      while (isBlank(line[c])) c++;
    }
    const part = line.slice(c, b).replace(/\.$/, '');
    if (c === a && labelAt(line, a, OWNER_LABELS) && separatorEnd(line, a + labelAt(line, a, OWNER_LABELS)) !== -1) {
      p = e + 1; // `(Owner: Priya, Q2 2027)`: the owner is read by its label
      continue;
    }
    const d = parseDuePhrase(part, opts, c === a);
    if (d.ok && d.end === part.length) {
      due ??= { start: c, end: c + part.length, text: part, date: d.date, iso: d.iso, placeholder: false, source: 'paren', undated: d.date === null };
    } else {
      const run = c === a ? readName(line, a, false) : null;
      if (!run || run.end < b - 1 || !looksLikeName(run.words, true)) return null;
      owner ??= ownerOf(line, a, run.end);
    }
    p = e + 1;
  }
  return owner || due ? { owner, due } : null;
}

// ---------------------------------------------------------------------------------------------
// Action registers written as tables (spec §9)

const ACTION_COLUMNS = new Set([
  'action', 'actions', 'action item', 'action items', 'task', 'tasks', 'item', 'initiative', 'initiatives', 'deliverable',
  'deliverables', 'next step', 'next steps', 'what', 'to-do', 'todo', 'to do', 'follow-up', 'follow up', 'follow-ups',
  'corrective action', 'corrective actions', 'remediation', 'remediation item', 'action required',
]);
/** Action columns that alone do not make a register (`| When | What | Who |` may be a log). */
const WEAK_ACTION_COLUMNS = new Set(['item', 'what']);
const OWNER_COLUMNS = new Set(['owner', 'owners', 'responsible', 'dri', 'assignee', 'assignees', 'assigned to', 'who', 'action owner']);
const DUE_COLUMNS = new Set(['due', 'deadline', 'target date', 'due date', 'when', 'eta', 'by when', 'due by', 'target completion']);
/** Due columns that alone do not make a register, and whose unreadable values are not invalid (`10:00`, `after launch`). */
const WEAK_DUE_COLUMNS = new Set(['when']);
const STATUS_COLUMNS = new Set(['status', 'state', 'progress']);
/** A KPI table's columns: a table with one is not a register. */
const KPI_COLUMNS = new Set(['actual', 'target', 'goal', 'baseline', 'metric', 'kpi', 'result', 'value', 'attainment', 'key result']);
/** Status words that close a row (after emoji and markup are dropped, lower case). */
const CLOSED_STATUS = /^(?:done|complete|completed|closed|resolved|cancell?ed|finished|delivered|shipped|dropped)(?![\p{L}])/u;
const CLOSED_MARK = /[✅✔☑]/u;

/** The column roles of a table's header, or null when it is not an action register. */
function registerColumns(t: TableModel): { action: number; owner: number; due: number; status: number; strongDue: boolean } | null {
  let action = -1;
  let owner = -1;
  let due = -1;
  let status = -1;
  for (let c = 0; c < t.header.cells.length; c++) {
    const n = normalizeHeading(t.header.cells[c]!.text);
    if (KPI_COLUMNS.has(n)) return null;
    if (action === -1 && ACTION_COLUMNS.has(n)) action = c;
    else if (owner === -1 && OWNER_COLUMNS.has(n)) owner = c;
    else if (due === -1 && DUE_COLUMNS.has(n)) due = c;
    else if (status === -1 && STATUS_COLUMNS.has(n)) status = c;
  }
  if (action === -1 || (owner === -1 && due === -1)) return null;
  const actionName = normalizeHeading(t.header.cells[action]!.text);
  const strongDue = due !== -1 && !WEAK_DUE_COLUMNS.has(normalizeHeading(t.header.cells[due]!.text));
  if (WEAK_ACTION_COLUMNS.has(actionName) && status === -1 && !strongDue) return null;
  return { action, owner, due, status, strongDue };
}

/** The rows of an action register table as action items (none when the table is not one). */
function registerRows(ctx: RuleContext, t: TableModel, opts: DueOptions, ignored: Range[]): ActionItem[] {
  const cols = registerColumns(t);
  if (!cols) return [];
  const { doc } = ctx;
  if (doc.kind === 'launch-plan' && inMilestoneSection(enclosingHeadings(doc, t.start), ctx.config.sectionEquivalents)) return [];
  if (sectionRole(enclosingHeadings(doc, t.start)) === 'checklist' || isChecklistLabel(lineBefore(doc.text, t.start))) return [];
  const { text } = doc;
  const out: ActionItem[] = [];
  for (const row of t.rows) {
    const actionCell = row.cells[cols.action];
    if (!actionCell || cellText(actionCell.text) === '') continue;
    const ownerCell = cols.owner === -1 ? null : row.cells[cols.owner] ?? null;
    const dueCell = cols.due === -1 ? null : row.cells[cols.due] ?? null;
    const statusCell = cols.status === -1 ? null : row.cells[cols.status] ?? null;
    const statusText = statusCell ? cellText(statusCell.text).replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '').trim().toLowerCase() : '';
    const closed =
      (statusCell !== null && (CLOSED_MARK.test(statusCell.text) || CLOSED_STATUS.test(statusText))) || /^\[[xX]\]/.test(actionCell.text);
    // The action cell's own text (code and comments masked) may carry an owner or a date too.
    const masked = maskedText(text, { start: actionCell.start, end: actionCell.end } as ListItemModel, ignored);
    const rel = (r: { start: number; end: number } | null) => r && { start: r.start + actionCell.start, end: r.end + actionCell.start };

    let owner: ActionOwner | null = ownerCell ? cellOwner(text, ownerCell) : null;
    if (!owner || owner.placeholder) {
      const inText = findOwner(masked, opts, 0, masked.length);
      if (inText && !inText.placeholder) owner = { ...inText, ...rel(inText)! };
    }
    let due: ActionDue | null = dueCell ? cellDue(text, dueCell, opts, cols.strongDue) : null;
    if (!due || due.placeholder) {
      const inText = findDue(masked, opts, 0, masked.length);
      if (inText && !inText.placeholder) due = { ...inText, ...rel(inText)! };
    }
    out.push({
      index: -1,
      start: row.start,
      end: row.end,
      lineStart: actionCell.start,
      lineEnd: actionCell.end,
      text: text.slice(row.start, row.end),
      checked: null,
      open: !closed,
      meeting: false,
      owner,
      due,
      row: { table: t, ownerCell, dueCell, ownerColumn: cols.owner !== -1, dueColumn: cols.due !== -1 },
    });
  }
  return out;
}

/** A cell's text without emphasis and strikethrough markers, trimmed. */
function cellText(s: string): string {
  return s.replace(/[*_~]/g, '').trim();
}

/** The owner in an owner cell: its text inside emphasis; an empty cell has none. */
function cellOwner(text: string, cell: CellModel): ActionOwner | null {
  let a = cell.start;
  let b = cell.end;
  while (a < b && (text[a] === '*' || text[a] === '_')) a++;
  while (b > a && (text[b - 1] === '*' || text[b - 1] === '_')) b--;
  if (a >= b) return null;
  const value = text.slice(a, b).trim();
  if (value === '' || value.startsWith('<!--')) return null;
  return { start: a, end: b, text: value, placeholder: isPlaceholder(value), handle: value.startsWith('@') };
}

/** The due date in a due cell: a due phrase at its start (struck-through text skipped); a placeholder; else invalid (weak columns: undated). */
function cellDue(text: string, cell: CellModel, opts: DueOptions, strong: boolean): ActionDue | null {
  // Mask `~~old date~~` and emphasis so `~~Nov 3~~ Nov 17` reads Nov 17.
  let raw = text.slice(cell.start, cell.end);
  raw = raw.replace(/~~[^~\n]{0,200}~~/g, (m) => ' '.repeat(m.length)).replace(/[*_]/g, ' ');
  let p = 0;
  while (isBlank(raw[p])) p++;
  if (p >= raw.length) return null;
  const d = dateAt(raw, p, opts, false);
  if (d) return { ...d, start: d.start + cell.start, end: d.end + cell.start, placeholder: false, source: 'cell' };
  let e = raw.length;
  while (e > p && isBlank(raw[e - 1])) e--;
  const value = raw.slice(p, e);
  return {
    start: cell.start + p,
    end: cell.start + e,
    text: value,
    placeholder: isPlaceholder(value),
    date: null,
    iso: null,
    source: 'cell',
    undated: !strong && !isPlaceholder(value),
  };
}

// ---------------------------------------------------------------------------------------------
// Due

/** `Friday, ` / `Fri ` before a date. */
const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?[ \t]+/i;

function findDue(s: string, opts: DueOptions, contentRel = 0, firstLineEndRel = s.length): ActionDue | null {
  let placeholder: ActionDue | null = null;
  for (let i = 0; i < s.length; i++) {
    const len = labelAt(s, i, DUE_LABELS);
    if (!len) continue;
    const v = separatorEnd(s, i + len);
    if (v === -1) continue;
    const due = labelledDue(s, v, opts, 'label');
    if (!due.placeholder) return due;
    placeholder ??= due;
  }
  const bare = bareDue(s, opts);
  if (bare) return bare;
  if (placeholder) return placeholder;
  let lineEnd = firstLineEndRel;
  while (lineEnd > contentRel && (isBlank(s[lineEnd - 1]) || s[lineEnd - 1] === '\r')) lineEnd--;
  return tailParts(s.slice(0, lineEnd), contentRel, lineEnd, opts).due ?? looseDue(s, contentRel, lineEnd, opts);
}

/**
 * A timing phrase anywhere in the first line, without `by`: `send the recap next week`,
 * `refresh the list EOM`, `close out end of quarter`, `tomorrow` — end of month / quarter /
 * year, `this|next week|month|quarter|sprint`, `EOW`/`EOD`, `tomorrow`. Not a weekday or a
 * month alone (`Monday's call`, `the March launch`): those need `by` or a parenthesis.
 */
const LOOSE_STARTS = new Set(['next', 'this', 'end', 'the', 'eom', 'eoq', 'eoy', 'eow', 'eod', 'tomorrow', 'month', 'quarter', 'year']);
function looseDue(s: string, from: number, to: number, opts: DueOptions): ActionDue | null {
  for (let i = from; i < to; i++) {
    if (!isLetter(s[i]) || isWordChar(s[i - 1])) continue;
    const c = s[i]!.toLowerCase();
    if (c !== 'n' && c !== 't' && c !== 'e' && c !== 'm' && c !== 'q' && c !== 'y') continue;
    let w = i;
    while (w < to && w - i < 9 && isLetter(s[w])) w++;
    if (!LOOSE_STARTS.has(s.slice(i, w).toLowerCase())) continue;
    const d = parseDuePhrase(s.slice(i, Math.min(to, i + 40)), opts, true);
    if (!d.ok || d.kind === 'date') continue;
    const phrase = s.slice(i, i + d.end);
    // A month alone only after `end of` (`end of November`; `the March launch` is no due date).
    if (d.kind === 'month' && !/^(?:the[ \t]+)?end[ \t]/i.test(phrase)) continue;
    if (d.kind === 'vague' && !/^(?:(?:this|next)[ \t]+(?:week|month|quarter|year|sprint)|end|eo|tomorrow)/i.test(phrase)) continue;
    return { start: i, end: i + d.end, text: phrase, date: d.date, iso: d.iso, placeholder: false, source: 'by', undated: d.date === null };
  }
  return null;
}

/** A labelled due value starting at `v`: a date, a placeholder, or an invalid value. */
function labelledDue(s: string, v: number, opts: DueOptions, source: ActionDue['source']): ActionDue {
  let start = v;
  for (const w of ['by', 'on', 'before']) {
    if (wordAt(s, start, w) && isBlank(s[start + w.length])) {
      start += w.length;
      while (isBlank(s[start])) start++;
      break;
    }
  }
  const date = dateAt(s, start, opts, false);
  if (date) return { ...date, placeholder: false, source };
  const e = valueEnd(s, start, STOP_WORDS);
  const text = s.slice(start, e);
  return { start, end: e, text, placeholder: isPlaceholder(text), date: null, iso: null, source };
}

/**
 * A due phrase right at `start` (an optional weekday before a date), within the line: a date
 * (spec §4) or a phrase people write (spec §9: `November`, `end of month`, `EOQ`, `next week`).
 * `strict` (after a bare `by`/`due`, i.e. in prose) reads like findDate: capitalised month
 * names, no year-less `1/15`, and a quarter needs a year or "end of" — so "driven by Q3 budget
 * cuts" is no date.
 */
function dateAt(s: string, start: number, opts: DueOptions, strict: boolean): Omit<ActionDue, 'placeholder' | 'source'> | null {
  const line = s.slice(start, lineEndAt(s, start));
  const wd = WEEKDAY.exec(line);
  for (const skip of wd ? [wd[0].length, 0] : [0]) {
    const rest = line.slice(skip);
    if (isBlank(rest[0])) continue;
    const hit = parseDuePhrase(rest, opts, strict);
    if (!hit.ok) continue;
    if (hit.kind !== 'date' && skip > 0) continue; // `Friday next week`: read from the weekday
    const end = start + skip + hit.end;
    return { start, end, text: s.slice(start, end), date: hit.date, iso: hit.iso, undated: hit.date === null };
  }
  return null;
}

/**
 * A date after a bare `by`, `due`, `due by` or `due on` (no separator): `ship by Jan 15`,
 * `due 12/1`. After a lone `by` (common in prose) the date is read strictly.
 */
function bareDue(s: string, opts: DueOptions): ActionDue | null {
  for (let i = 0; i < s.length; i++) {
    const w = wordAt(s, i, 'by') ? 2 : wordAt(s, i, 'due') ? 3 : 0;
    if (!w) continue;
    let p = i + w;
    if (w === 3) {
      let q = p;
      while (isBlank(s[q])) q++;
      for (const x of ['by', 'on']) if (wordAt(s, q, x)) p = q + x.length;
    }
    if (!isBlank(s[p])) continue;
    while (isBlank(s[p])) p++;
    const d = dateAt(s, p, opts, w === 2) ?? (w === 2 ? eventDate(s, p, opts) : null);
    if (d) return { ...d, placeholder: false, source: 'by' };
  }
  return null;
}

/**
 * `by the roadshow kick-off, 8 December`, `by the board meeting (Dec 9)`, `by the offsite on
 * 12 Jan`: a named event of up to six words, then its date after a comma, in a parenthesis or
 * after `on` — the date is the due date. Read strictly, as after any bare `by`.
 */
const EVENT_THEN_DATE = /(?:the[ \t]+)?[\p{L}'’-]+(?:[ \t]+[\p{L}'’-]+){0,5}(?:,[ \t]*|[ \t]+\([ \t]*|[ \t]+on[ \t]+)/uy;
function eventDate(s: string, p: number, opts: DueOptions): Omit<ActionDue, 'placeholder' | 'source'> | null {
  EVENT_THEN_DATE.lastIndex = p;
  const m = EVENT_THEN_DATE.exec(s);
  if (!m || m[0].includes('\n')) return null;
  const d = dateAt(s, p + m[0].length, opts, true);
  if (!d || d.date === null || d.undated) return null;
  return d;
}

/**
 * When the first line is a "Next meeting" line (`Next meeting: …`, `[Next meeting]: …`,
 * `**Next meeting** - …`), the offset (in the line) where its value starts; else -1.
 */
function meetingValueStart(line: string): number {
  let i = 0;
  while (line[i] === '*' || line[i] === '_' || line[i] === '[' || isBlank(line[i])) i++;
  const label = 'next meeting';
  if (line.slice(i, i + label.length).toLowerCase() !== label || isWordChar(line[i + label.length])) return -1;
  return separatorEnd(line, i + label.length, ']');
}

/**
 * The suggestion that adds a missing owner or due date to an action item, or points at its
 * placeholder (null: no safe edit), for action-missing-owner / action-missing-due. The text it writes holds the
 * template placeholder (`[Name]`, `[Date]`) the user then types over: editors offer it as a snippet
 * whose `[…]` is a tab stop. Where it goes:
 * - a placeholder value (`Owner: [Name]`): the placeholder itself (an edit that changes nothing
 *   in the text; in an editor it selects the placeholder to type over);
 * - an item with nested lines (a challenge with `- Impact: …` sub-bullets): a new sub-bullet
 *   after its last line, indented like its first sub-bullet;
 * - else the end of the item's line: `, Owner: [Name]` after another `Label:` field, else
 *   ` - Owner: [Name]` (the template's `- [ ] Action - Owner: …, Due: …`).
 */
export function addFieldSuggestion(text: string, a: ActionItem, field: 'owner' | 'due'): { title: string; edits: Array<{ start: number; end: number; text: string }> } | null {
  const current = field === 'owner' ? a.owner : a.due;
  const label = field === 'owner' ? 'Owner' : a.meeting ? 'Date' : 'Due';
  const placeholder = field === 'owner' ? '[Name]' : '[Date]';
  if (current?.placeholder && current.end > current.start) {
    return { title: `Fill in the ${field === 'owner' ? 'owner' : 'due date'}`, edits: [{ start: current.start, end: current.end, text: text.slice(current.start, current.end) }] };
  }
  if (a.row) {
    // A register row: only an empty cell of the column gets the placeholder (the table re-padded
    // as every table fix is); a short row or other text in the cell gets no suggestion.
    const cell = field === 'owner' ? a.row.ownerCell : a.row.dueCell;
    if (!cell || cell.text !== '') return null;
    return { title: `Fill in the ${field === 'owner' ? 'owner' : 'due date'} cell`, edits: cellReplacementEdits(text, a.row.table, [{ cell, text: placeholder }]) };
  }
  const title = `Add “${label}: …”`;
  const firstLineEnd = text.indexOf('\n', a.lineEnd);
  // The item's own line ending (a fact of its chunk: the rules are chunk-scoped).
  const eol = firstLineEnd > 0 && text[firstLineEnd - 1] === '\r' ? '\r\n' : '\n';
  let end = a.end;
  while (end > a.lineEnd && /\s/.test(text[end - 1]!)) end--;
  if (firstLineEnd !== -1 && end > firstLineEnd) {
    const nested = /^([ \t]*)([-*+]|\d+[.)])[ \t]+/m.exec(text.slice(firstLineEnd + 1, end));
    const lineStart = text.lastIndexOf('\n', a.lineStart - 1) + 1;
    const indent = nested?.[1] ?? ' '.repeat(a.lineStart - lineStart);
    const marker = nested && /^[-*+]$/.test(nested[2]!) ? nested[2]! : '-';
    return { title, edits: [{ start: end, end, text: `${eol}${indent}${marker} ${label}: ${placeholder}` }] };
  }
  const line = text.slice(a.lineStart, a.lineEnd);
  const separator = /\b(?:owner|due|deadline|timeline|date)\s*:/i.test(line) ? ', ' : ' - ';
  return { title, edits: [{ start: a.lineEnd, end: a.lineEnd, text: `${separator}${label}: ${placeholder}` }] };
}
