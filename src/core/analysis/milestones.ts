/**
 * The milestones of a launch plan (the playbook's "Onboarding and Launch": a launch plan with
 * milestones): each one's owner, date and done state, for the milestone-* rules. Computed once
 * per lint (`ctx.get(analyzeMilestones)`), only in documents of kind `launch-plan`.
 *
 * What is a milestone (decisions, documented in docs/rules/milestone-*.md):
 * - In a Milestones section (or an equivalent: Launch Milestones, Key Milestones, Timeline,
 *   Launch Timeline, Key Dates, Schedule…, and configured `sectionEquivalents`), including its
 *   sub-sections (`### Phase 1 (Weeks 1–4)`), and not under a nearer action section:
 *   - each top-level list item (`- [ ] Kickoff — Dana, 2027-01-15`,
 *     `- **Integration live** (Owner: Sam, due 12 Feb)`); its nested lines belong to it
 *     (`  - Owner: Sam`). A top-level item that is only a field line (`- Owner: Dana`) is not one.
 *   - a sub-heading whose direct list items are all `Label: value` lines (a Confluence-style
 *     record: `### Integration live` + `- Owner: Sam` + `- Target date: 12 Feb`): the heading
 *     is the milestone.
 *   - each row of a table with a milestone column (Milestone, Phase, Activity, Step, Task,
 *     Deliverable, Item, Workstream; the first column otherwise).
 * - Anywhere in the launch plan: each row of a table whose header names a Milestone column.
 * Owners and dates are read as action items' are (analysis/actions.ts: `Owner:`, `@handle`,
 * `— Dana, Jan 15`, `(Owner: Sam, due 12 Feb)`, team owners, British/US dates, `Q1 2027`), and
 * in a list item also any date in its first line (`- 15 Jan 2027: Kickoff (Dana)`). Columns:
 * Owner / Owners / Responsible / DRI / Who / Lead / Accountable / Assignee; Date / Target date /
 * Due / Due date / Deadline / When / ETA / Target / Timing / Week / Planned date / Go-live.
 * A relative timing (`Week 2`, `Day 30`, `Month 1`, `T+14`, `Sprint 3`) is a date given, never
 * overdue. A sub-heading with a date or a timing (`### Weeks 1–4`) dates the milestones under it.
 * A bracket placeholder (`[Owner]`, `[Date]`) is left to placeholder-unfilled (one finding per
 * placeholder); an empty value, TBD, TBC, `?`, N/A is missing.
 * Done: `[x]`, ✅ ✔ ☑, a struck-through title, `Status: Done` (Complete, Completed, Achieved,
 * Launched, Live, Shipped, Delivered), `(done)` at the end of the line; in a table, a Status
 * cell that says so (as an action register's: ✅, Done, Complete…, also Achieved / Launched / Live).
 * 🟢 / On track / In progress are open.
 */
import { addDays, addYears } from 'date-fns';
import { dateOfIso, findDate, isoDate, parseDate } from '../dates.js';
import { enclosingHeadings } from '../document.js';
import type { CellModel, DocModel, Range, TableModel } from '../model.js';
import { normalizeHeading } from '../model.js';
import { fact, type RuleContext } from '../rule.js';
import { findField } from './fields.js';
import {
  closedStatusText,
  dueOfCell,
  dueOptions,
  inMilestoneSection,
  ownerAndDueIn,
  ownerOfCell,
  readListItem,
  type ActionDue,
  type ActionOwner,
} from './actions.js';
import { headingIsSection } from './equivalents.js';

export interface MilestoneDate extends Range {
  text: string;
  /** The parsed date (the last day of a month or quarter), or null for a relative timing (`Week 2`). */
  date: Date | null;
  iso: string | null;
}

export interface Milestone extends Range {
  /** Where findings about the milestone go: its first line's text, its heading, its milestone cell. */
  lineStart: number;
  lineEnd: number;
  /** The milestone's name as written (for messages). */
  name: string;
  done: boolean;
  /** The owner: null when none; `placeholder` when TBD-like. */
  owner: ActionOwner | null;
  /** True when the owner is a bracket placeholder (`[Owner]`): left to placeholder-unfilled. */
  ownerTemplate: boolean;
  date: MilestoneDate | null;
  /** True when the date is a bracket placeholder (`[Date]`): left to placeholder-unfilled. */
  dateTemplate: boolean;
  /** True when a date is written but is no date (`soon`): not missing, not overdue. */
  dateUnreadable: boolean;
}

/** A record's field line (`- Owner: Sam`, `- **Target date:** 12 Feb`): a known label, not a milestone's name. */
const FIELD_LINE =
  /^(?:\[[ xX]\][ \t]+)?(?:\*\*|__)?(?:owners?|dri|responsible|leads?|accountable|assignees?|assigned to|date|dates|target date|target|due|due date|deadline|when|eta|timing|week|status|state|progress|description|details|notes?|dependenc(?:y|ies)|deliverables?|scope|success criteria|exit criteria|risks?|comments?|outcome|goal|kpi|measure)(?:\*\*|__)?[ \t]*:/i;
const isFieldLineText = (line: string): boolean => FIELD_LINE.test(line.trim());

const RELATIVE = /\b(?:weeks?|wk|days?|months?|sprints?|phases?|quarters?|mo)[ \t]*\d{1,3}\b|\b[TDW][ \t]?[+-][ \t]?\d{1,3}\b|\bM\d{1,2}\b|\bW\d{1,2}\b|\bday[ \t]+one\b/i;
const DONE_LABEL = /\b(?:status|state)\b[*_ \t]*[:\-–—][*_ \t]*(?:done|complete|completed|achieved|launched|live|shipped|delivered|closed|finished|met)\b/i;
const DONE_TAIL = /[([—–-][ \t]{0,3}(?:done|complete|completed|achieved|launched|shipped|delivered|dropped|cancell?ed|descoped)[ \t]{0,3}[)\]]?[ \t.]{0,3}$/i;
const DONE_MARK = /[✅✔☑]/u;
const CLOSED_EXTRA = /^(?:achieved|launched|live|met)(?![\p{L}])/u;

const MILESTONE_COLUMNS = new Set(['milestone', 'milestones', 'key milestone', 'key milestones', 'launch milestone', 'launch milestones']);
const NAME_COLUMNS = new Set(['phase', 'activity', 'activities', 'step', 'steps', 'task', 'tasks', 'deliverable', 'deliverables', 'item', 'workstream', 'what', 'name', 'event', 'goal']);
const OWNER_COLUMNS = new Set(['owner', 'owners', 'responsible', 'dri', 'who', 'lead', 'leads', 'accountable', 'assignee', 'assignees', 'assigned to', 'owner(s)']);
const DATE_COLUMNS = new Set([
  'date', 'dates', 'target date', 'due', 'due date', 'deadline', 'when', 'eta', 'target', 'timing', 'week', 'target week', 'planned date',
  'go-live', 'go live', 'completion date', 'target completion', 'by when', 'due by', 'timeline', 'planned', 'start date', 'end date',
]);
const STATUS_COLUMNS = new Set(['status', 'state', 'progress', 'rag', 'health', 'done', 'complete']);

/**
 * The launch plan's start date (`Start Date`, `Partnership start date`, `Kickoff date`, `Launch
 * start` fields, front matter `start` / `start-date` / `start_date`), `YYYY-MM-DD`, or null. A
 * milestone date written without a year that falls before it is in the next year (a plan
 * starting in October 2026 that says `Jan 30` means January 2027); without a start date, one
 * more than half a year before today is.
 */
export const launchStart = fact('launch start', function launchStart(ctx: RuleContext): string | null {
  if (ctx.doc.kind !== 'launch-plan') return null;
  const fm = ctx.doc.frontMatter?.data ?? {};
  const values: unknown[] = [fm['start'], fm['start-date'], fm['start_date'], fm['startDate']];
  for (const l of ['Start Date', 'Partnership Start Date', 'Kickoff Date', 'Kick-off Date', 'Launch Start']) values.push(findField(ctx, l)?.value);
  for (const v of values) {
    const t = v instanceof Date ? (Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10)) : typeof v === 'string' ? v.replace(/[*_`]/g, '').trim() : '';
    if (t === '' || t.startsWith('[')) continue;
    const p = parseDate(t, { dateOrder: ctx.config.dateOrder });
    if (p.ok && p.precision === 'day') return p.iso;
  }
  return null;
});

/** A dated item that reads as a sentence of context (`- All dates assume the contract is signed by October.`), not a milestone. */
function isNote(line: string): boolean {
  const t = line.replace(/[*_`]/g, '').trim();
  return /[.!?]$/.test(t) && t.split(/\s+/).length >= 8;
}

export function analyzeMilestones(ctx: RuleContext): Milestone[] {
  const { doc } = ctx;
  if (doc.kind !== 'launch-plan') return [];
  const extra = ctx.config.sectionEquivalents;
  const out: Milestone[] = [];
  const items = doc.listItems;
  const records = new Set<number>(); // headings already read as records
  for (let i = 0; i < items.length; i++) {
    const li = items[i]!;
    if (li.parent !== -1) continue;
    const chain = enclosingHeadings(doc, li.start);
    if (!inMilestoneSection(chain, extra)) continue;
    const firstLine = doc.text.slice(li.contentStart, li.firstLineEnd);
    const inner = chain[chain.length - 1]!;
    if (isFieldLineText(firstLine)) {
      // `### Integration live` + `- Owner: Sam` + `- Target date: 12 Feb`: the heading is the milestone.
      if (li.checked !== null || headingIsSection(inner.norm, 'Milestones', extra) || records.has(inner.start)) continue;
      const k = doc.outline.indexOf(inner);
      const end = doc.outline[k + 1]?.start ?? doc.text.length;
      let last = i;
      let all = true;
      for (let j = i; j < items.length && items[j]!.start < end; j++) {
        const it = items[j]!;
        if (it.parent !== -1) continue;
        if (it.checked !== null || !isFieldLineText(doc.text.slice(it.contentStart, it.firstLineEnd))) all = false;
        last = j;
      }
      records.add(inner.start);
      if (!all) continue;
      const a = readListItem(ctx, { ...li, end: items[last]!.end }, i);
      const headEnd = lineEndOf(doc.text, inner.textStart, inner.end);
      const record = doc.text.slice(li.start, items[last]!.end);
      out.push(
        milestoneOf(ctx, {
          start: inner.start,
          end: items[last]!.end,
          lineStart: inner.textStart,
          lineEnd: headEnd,
          name: doc.text.slice(inner.textStart, headEnd),
          done: DONE_MARK.test(doc.text.slice(inner.textStart, headEnd)) || DONE_LABEL.test(record),
          owner: a.owner,
          due: a.due,
          fallback: null,
          chain: chain.slice(0, -1),
        }),
      );
      i = last;
      continue;
    }
    const a = readListItem(ctx, li, i);
    const first = doc.text.slice(a.lineStart, a.lineEnd);
    // A plain bullet of context in the section (a sentence, no owner): not a milestone.
    if (li.checked === null && !a.owner && isNote(first)) continue;
    const struck = /^(?:\*\*|__)?~~[^~]/.test(first.trim()); // `~~Press release~~ (dropped)`
    if (!a.owner) a.owner = dashOwner(first, a.lineStart);
    out.push(
      milestoneOf(ctx, {
        start: li.start,
        end: li.end,
        lineStart: a.lineStart,
        lineEnd: a.lineEnd,
        name: first,
        done: li.checked === true || DONE_MARK.test(first) || struck || DONE_LABEL.test(a.text) || DONE_TAIL.test(first),
        owner: a.owner,
        due: a.due,
        fallback: { start: a.lineStart, end: a.lineEnd },
        chain,
      }),
    );
  }
  for (const t of doc.tables) out.push(...tableMilestones(ctx, t));
  out.sort((a, b) => a.start - b.start);
  return out;
}

interface Parts {
  start: number;
  end: number;
  lineStart: number;
  lineEnd: number;
  name: string;
  done: boolean;
  owner: ActionOwner | null;
  due: ActionDue | null;
  /** Where else to look for a date (a list item's first line). */
  fallback: Range | null;
  /** The headings enclosing the milestone (for a dated sub-heading). */
  chain: DocModel['outline'];
}

function milestoneOf(ctx: RuleContext, p: Parts): Milestone {
  const { text } = ctx.doc;
  const ownerTemplate = p.owner !== null && p.owner.placeholder && /^\[.*\]$/.test(p.owner.text.trim());
  const owner = p.owner;
  let date: MilestoneDate | null = null;
  let dateTemplate = false;
  let dateUnreadable = false;
  if (p.due && !p.due.placeholder) {
    if (p.due.date) date = { start: p.due.start, end: p.due.end, text: p.due.text, date: p.due.date, iso: p.due.iso };
    else if (p.due.undated) date = { start: p.due.start, end: p.due.end, text: p.due.text, date: null, iso: null };
    else if (RELATIVE.test(p.due.text)) date = { start: p.due.start, end: p.due.end, text: p.due.text, date: null, iso: null };
    else dateUnreadable = true;
  } else if (p.due?.placeholder && /^\[.*\]$/.test(p.due.text.trim())) dateTemplate = true;
  if (!date && !dateUnreadable && p.fallback) {
    const line = text.slice(p.fallback.start, p.fallback.end).replace(/`[^`\n]*`/g, (m) => ' '.repeat(m.length));
    const opts = ctx.get(dueOptions);
    const f = findDate(line, { dateOrder: opts.dateOrder, defaultYear: opts.defaultYear });
    if (f) {
      const d = f.precision === 'day' ? f.date : endOfPeriod(f.date, f.precision);
      date = { start: p.fallback.start + f.start, end: p.fallback.start + f.end, text: line.slice(f.start, f.end), date: d, iso: iso(d) };
    } else {
      const r = RELATIVE.exec(line);
      if (r) date = { start: p.fallback.start + r.index, end: p.fallback.start + r.index + r[0].length, text: r[0], date: null, iso: null };
      else if (/\[(?:date|target date|due date|when|dd\/mm|mm\/dd)[^[\]\n]{0,60}\]/i.test(line)) dateTemplate = true;
    }
  }
  if (!date && !dateTemplate && !dateUnreadable && datedHeading(ctx, p.chain)) dateUnreadable = true; // dated by its sub-heading
  if (date?.date && !/\b(?:19|20)\d\d\b|'\d\d\b/.test(date.text)) {
    // Before the plan's start, or without one more than half a year before today: next year's.
    const start = ctx.get(launchStart);
    const from = start ? dateOfIso(start) : addDays(ctx.today, -183);
    if (date.date < from) {
      const next = addYears(date.date, 1);
      date = { ...date, date: next, iso: isoDate(next) };
    }
  }
  return {
    start: p.start,
    end: p.end,
    lineStart: p.lineStart,
    lineEnd: p.lineEnd,
    name: shortName(p.name),
    done: p.done,
    owner,
    ownerTemplate,
    date,
    dateTemplate,
    dateUnreadable,
  };
}

/** A sub-heading of the Milestones section (not the section itself) that carries a date or timing. */
function datedHeading(ctx: RuleContext, chain: DocModel['outline']): boolean {
  const extra = ctx.config.sectionEquivalents;
  for (let k = chain.length - 1; k >= 0; k--) {
    const h = chain[k]!;
    if (headingIsSection(h.norm, 'Milestones', extra)) return false;
    const t = ctx.doc.text.slice(h.textStart, lineEndOf(ctx.doc.text, h.textStart, h.end));
    if (RELATIVE.test(t) || findDate(t, { dateOrder: ctx.config.dateOrder })) return true;
  }
  return false;
}

function tableMilestones(ctx: RuleContext, t: TableModel): Milestone[] {
  const { doc } = ctx;
  const heads = t.header.cells.map((c) => normalizeHeading(c.text));
  let name = heads.findIndex((h) => MILESTONE_COLUMNS.has(h));
  const inSection = inMilestoneSection(enclosingHeadings(doc, t.start), ctx.config.sectionEquivalents);
  if (name === -1) {
    if (!inSection) return [];
    name = heads.findIndex((h) => NAME_COLUMNS.has(h));
    if (name === -1) name = 0;
  }
  const col = (set: Set<string>) => heads.findIndex((h, i) => i !== name && set.has(h));
  const owner = col(OWNER_COLUMNS);
  const date = col(DATE_COLUMNS);
  const status = col(STATUS_COLUMNS);
  // A table in the section with neither an owner nor a date column is something else (a RACI, a contact list).
  if (owner === -1 && date === -1) return [];
  const out: Milestone[] = [];
  for (const row of t.rows) {
    const nameCell = row.cells[name];
    if (!nameCell || nameCell.text.replace(/[*_~]/g, '').trim() === '') continue;
    const cell = (i: number): CellModel | null => (i === -1 ? null : row.cells[i] ?? null);
    const ownerCell = cell(owner);
    const dateCell = cell(date);
    const statusCell = cell(status);
    const inName = ownerAndDueIn(ctx, nameCell.start, nameCell.end);
    let o = ownerCell ? ownerOfCell(ctx, ownerCell) : null;
    if ((!o || o.placeholder) && inName.owner && !inName.owner.placeholder) o = inName.owner;
    let d = dateCell ? dueOfCell(ctx, dateCell) : null;
    if ((!d || d.placeholder) && inName.due && !inName.due.placeholder) d = inName.due;
    const statusText = statusCell ? statusCell.text : '';
    const plain = statusText.replace(/[*_~]/g, '').replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '').trim().toLowerCase();
    const done = (statusCell !== null && (closedStatusText(statusText) || CLOSED_EXTRA.test(plain))) || /^\[[xX]\]/.test(nameCell.text.trim()) || DONE_MARK.test(nameCell.text);
    const m = milestoneOf(ctx, {
      start: row.start,
      end: row.end,
      lineStart: nameCell.start,
      lineEnd: nameCell.end,
      name: doc.text.slice(nameCell.start, nameCell.end),
      done,
      owner: o,
      due: d,
      fallback: null,
      chain: [],
    });
    // Without an owner / date column a row names one in its text or has none; a table without
    // a date column is an owner list: its dates are not missing (and vice versa).
    if (date === -1 && !m.date) m.dateUnreadable = true;
    out.push(m);
  }
  return out;
}

/** Words after a dash that are a status or a placeholder, not an owner. */
const NOT_OWNER = /^(?:tbd|tbc|tba|n\/a|none|done|complete|completed|achieved|launched|live|shipped|delivered|dropped|cancell?ed|in progress|not started|on track|at risk|blocked|pending|planned|ongoing|optional)\b/i;

/**
 * `Integration sandbox ready — Initech engineering`: the part after the last em or en dash of a
 * milestone line (up to a comma, semicolon or parenthesis) when it reads as a name or a team —
 * one to five words, the first capitalised or an @handle, no date, no label. Milestone lists put
 * the owner there; action items are stricter (analysis/actions.ts).
 */
function dashOwner(line: string, offset: number): ActionOwner | null {
  const dash = Math.max(line.lastIndexOf('—'), line.lastIndexOf('–'));
  if (dash <= 0 || !/[ \t]/.test(line[dash - 1]!) || !/[ \t]/.test(line[dash + 1] ?? '')) return null;
  let end = line.length;
  for (const c of [',', ';', '(']) {
    const k = line.indexOf(c, dash);
    if (k !== -1 && k < end) end = k;
  }
  const raw = line.slice(dash + 1, end);
  const text = raw.replace(/[*_]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (text === '' || text.length > 60) return null;
  if (!/^(?:@|\p{Lu})/u.test(text) || text.split(' ').length > 5 || /[:\d✅✔☑]/u.test(text) || NOT_OWNER.test(text)) return null;
  const start = offset + dash + 1 + (raw.length - raw.trimStart().length);
  return { start, end: start + raw.trim().length, text, placeholder: false, handle: text.startsWith('@'), inferred: true };
}

/** The milestone's name: its text up to an owner / date part (`Kickoff — Dana, Jan 15` → `Kickoff`), at most 60 characters. */
function shortName(raw: string): string {
  let t = raw.replace(/[*_~`]/g, '').replace(/\s+/g, ' ').trim();
  const cut = /\s[—–-]\s|\s\(|,\s|:\s/.exec(t);
  if (cut && cut.index > 0) t = t.slice(0, cut.index);
  t = t.replace(/^[✅✔☑\u{FE0F}\s]+/u, '').trim();
  return t.length > 60 ? `${t.slice(0, 59)}…` : t;
}

function lineEndOf(text: string, from: number, max: number): number {
  let e = text.indexOf('\n', from);
  if (e === -1 || e > max) e = max;
  while (e > from && /[ \t\r#]/.test(text[e - 1]!)) e--;
  return e;
}

function endOfPeriod(d: Date, precision: 'month' | 'quarter'): Date {
  const months = precision === 'month' ? 1 : 3;
  const startMonth = precision === 'month' ? d.getMonth() : Math.floor(d.getMonth() / 3) * 3;
  return new Date(d.getFullYear(), startMonth + months, 0);
}

function iso(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
