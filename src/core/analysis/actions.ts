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
import { findDate, parseDate, type DateOptions } from '../dates.js';
import { enclosingHeadings } from '../document.js';
import type { DocModel, ListItemModel, Range } from '../model.js';
import { normalizeHeading } from '../model.js';
import type { RuleContext } from '../rule.js';
import { documentYear } from './fields.js';
import { memoByString } from '../memo.js';
import { isActionSectionName, type SectionEquivalents } from './equivalents.js';

/** Normalised headings (see normalizeHeading) whose top-level list items are action items. */
export const ACTION_SECTIONS: readonly string[] = [
  'next steps',
  'action plan',
  'action items',
  'action item',
  'challenges and actions',
];

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
  /** Where it came from: a `Due:`-style label, a bare `by`/`due` before a date, a meeting line. */
  source: 'label' | 'by' | 'meeting';
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
}

export function analyzeActions(ctx: RuleContext): ActionItem[] {
  const { doc } = ctx;
  const items = doc.listItems;
  const isAction = new Array<boolean>(items.length).fill(false);
  const opts: DateOptions = { dateOrder: ctx.config.dateOrder, defaultYear: ctx.get(documentYear) };
  const out: ActionItem[] = [];
  const ignored = [...doc.code, ...doc.comments].sort((a, b) => a.start - b.start);

  for (let i = 0; i < items.length; i++) {
    const li = items[i]!;
    if (hasActionAncestor(items, isAction, li)) continue;
    const chain = li.parent === -1 ? enclosingHeadings(doc, li.start) : [];
    const inSection = chain.some((h) => isActionSection(h.norm, ctx.config.sectionEquivalents));
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
  return out;
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

function readItem(ctx: RuleContext, li: ListItemModel, index: number, opts: DateOptions, ignored: Range[]): ActionItem {
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
function readParts(masked: string, contentRel: number, firstLineEndRel: number, opts: DateOptions) {
  const key = `${opts.dateOrder}|${opts.defaultYear}|${contentRel}|${firstLineEndRel}|${masked}`;
  const hit = partsMemo.get(key);
  if (hit) return hit;
  const firstLine = masked.slice(contentRel, firstLineEndRel);
  const meetingValue = meetingValueStart(firstLine);
  const meeting = meetingValue !== -1;
  const owner = findOwner(masked);
  let due = findDue(masked, opts);
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

const OWNER_LABELS = ['owners', 'owner'];
const DUE_LABELS = ['due date', 'due', 'deadline', 'target date', 'timeline'];
const STOP_WORDS = ['due', 'timeline', 'deadline', 'by', 'owner', 'owners'];
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
 * otherwise the value stops at `,` `;` `|` `(` `)`, a spaced dash, a stop word or the line end.
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

function findOwner(s: string): ActionOwner | null {
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
  return handle ?? placeholder;
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
// Due

/** `Friday, ` / `Fri ` before a date. */
const WEEKDAY = /^(?:mon|tue|wed|thu|fri|sat|sun)[a-z]{0,6}\.?,?[ \t]+/i;

function findDue(s: string, opts: DateOptions): ActionDue | null {
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
  return bareDue(s, opts) ?? placeholder;
}

/** A labelled due value starting at `v`: a date, a placeholder, or an invalid value. */
function labelledDue(s: string, v: number, opts: DateOptions, source: ActionDue['source']): ActionDue {
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

/** Longest date text we try after a bare `by` ("Wednesday, September 30th, 2026" is 31). */
const MAX_DATE_CHARS = 48;

/**
 * A date right at `start` (an optional weekday before it), within the line. `strict` (after a
 * bare `by`/`due`, i.e. in prose) reads like findDate: capitalised month names, no year-less
 * `1/15`, and a quarter needs a year or "end of" — so "driven by Q3 budget cuts" is no date.
 */
function dateAt(s: string, start: number, opts: DateOptions, strict: boolean): Omit<ActionDue, 'placeholder' | 'source'> | null {
  const line = s.slice(start, lineEndAt(s, start));
  const wd = WEEKDAY.exec(line);
  for (const skip of wd ? [wd[0].length, 0] : [0]) {
    const rest = line.slice(skip);
    if (isBlank(rest[0])) continue;
    let hit: { end: number; date: Date; iso: string } | null = null;
    if (strict) {
      const f = findDate(rest.slice(0, MAX_DATE_CHARS), opts);
      if (f && f.start === 0) hit = f;
    } else {
      const p = parseDate(rest, opts);
      if (p.ok) hit = p;
    }
    if (hit) {
      const end = start + skip + hit.end;
      return { start, end, text: s.slice(start, end), date: hit.date, iso: hit.iso };
    }
  }
  return null;
}

/**
 * A date after a bare `by`, `due`, `due by` or `due on` (no separator): `ship by Jan 15`,
 * `due 12/1`. After a lone `by` (common in prose) the date is read strictly.
 */
function bareDue(s: string, opts: DateOptions): ActionDue | null {
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
    const d = dateAt(s, p, opts, w === 2);
    if (d) return { ...d, placeholder: false, source: 'by' };
  }
  return null;
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
 * placeholder, for action-missing-owner / action-missing-due. The text it writes holds the
 * template placeholder (`[Name]`, `[Date]`) the user then types over: editors offer it as a snippet
 * whose `[…]` is a tab stop. Where it goes:
 * - a placeholder value (`Owner: [Name]`): the placeholder itself (an edit that changes nothing
 *   in the text; in an editor it selects the placeholder to type over);
 * - an item with nested lines (a challenge with `- Impact: …` sub-bullets): a new sub-bullet
 *   after its last line, indented like its first sub-bullet;
 * - else the end of the item's line: `, Owner: [Name]` after another `Label:` field, else
 *   ` - Owner: [Name]` (the template's `- [ ] Action - Owner: …, Due: …`).
 */
export function addFieldSuggestion(text: string, a: ActionItem, field: 'owner' | 'due'): { title: string; edits: Array<{ start: number; end: number; text: string }> } {
  const current = field === 'owner' ? a.owner : a.due;
  const label = field === 'owner' ? 'Owner' : a.meeting ? 'Date' : 'Due';
  const placeholder = field === 'owner' ? '[Name]' : '[Date]';
  if (current?.placeholder && current.end > current.start) {
    return { title: `Fill in the ${field === 'owner' ? 'owner' : 'due date'}`, edits: [{ start: current.start, end: current.end, text: text.slice(current.start, current.end) }] };
  }
  const title = `Add “${label}: …”`;
  const firstLineEnd = text.indexOf('\n', a.lineEnd);
  // The item's own line ending (a fact of its section: the rules are section-local).
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
