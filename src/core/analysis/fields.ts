/**
 * Header fields: `**Label**: value`, `**Label:** value`, `- **Label**: value` and plain
 * `Label: value` lines in paragraphs (including paragraphs in list items and quotes).
 */
import { fact, type RuleContext } from '../rule.js';
import { perChunk } from '../document.js';
import type { CellModel, ParagraphModel } from '../model.js';
import { internText, memoByString } from '../memo.js';

export interface Field {
  /** Label as written, without emphasis markers. */
  label: string;
  /** Lower-cased, whitespace-collapsed label for matching. */
  key: string;
  /** Value text (trimmed, as written). */
  value: string;
  labelStart: number;
  labelEnd: number;
  valueStart: number;
  valueEnd: number;
  /** Whether the label was in bold (`**Label**`). */
  bold: boolean;
}

const BOLD = /^(\*\*|__)([^*_\n]{1,80}?)(:?)\1(:?)[ \t]*/;
const PLAIN = /^([A-Za-z][A-Za-z0-9 /&'’-]{0,60}):[ \t]+(?=\S)/;

/**
 * The document's fields: its paragraphs' lines, section by section (cached with each section:
 * on a keystroke only the edited section's lines are matched again).
 */
export function extractFields(ctx: RuleContext): Field[] {
  const { text } = ctx.doc;
  return (
    perChunk(ctx.doc, 'fields', (p) => fieldsOf(p.text, p.model.paragraphs, p.start).slice(), (f, d) => ({
      label: f.label,
      key: f.key,
      value: f.value,
      labelStart: f.labelStart + d,
      labelEnd: f.labelEnd + d,
      valueStart: f.valueStart + d,
      valueEnd: f.valueEnd + d,
      bold: f.bold,
    })) ?? fieldsOf(text, ctx.doc.paragraphs)
  );
}

/**
 * Fields of `paragraphs` (document offsets), read from `text`, which starts at document offset `base`.
 *
 * A label with nothing after it takes its value from the next non-blank line (spec §9): the next
 * line of its paragraph (`**Severity:**` / `High`, also a plain `Severity:`), or — for a bold
 * label ending its paragraph — a one-line paragraph right below it (at the same nesting, only
 * blank lines between). The value line must not be a field itself and must be short (at most
 * NEXT_LINE_MAX characters): a sentence below a label is prose, not a value.
 */
function fieldsOf(text: string, paragraphs: ParagraphModel[], base = 0): Field[] {
  const out: Field[] = [];
  for (let i = 0; i < paragraphs.length; i++) {
    const p = paragraphs[i]!;
    let pos = p.start - base;
    const end = p.end - base;
    while (pos < end) {
      const l = lineAt(text, pos, end);
      const line = text.slice(l.s, l.lineEnd);
      let f = matchField(line, l.s + base);
      let next = l.eol + 1;
      if (!f || f.value === '') {
        const label = f ?? matchEmptyPlain(line, l.s + base);
        if (label) {
          if (next < end) {
            // The next line of the same paragraph.
            const v = lineAt(text, next, end);
            const value = valueLine(text, v);
            if (value) {
              f = withValue(label, value, v.s + base);
              next = v.eol + 1;
            }
          } else if (label.bold) {
            // A one-line paragraph right below (only blank lines, or quote markers, between).
            const q = paragraphs[i + 1];
            if (q && q.depth === p.depth && onlyBlank(text, end, q.start - base)) {
              const v = lineAt(text, q.start - base, q.end - base);
              const value = v.eol >= q.end - base ? valueLine(text, v) : null;
              if (value) f = withValue(label, value, v.s + base);
            }
          }
        }
      }
      if (f) out.push(f);
      pos = next;
    }
  }
  return out;
}

/** The longest value read from the next line. */
const NEXT_LINE_MAX = 80;

/** The line at `pos` (up to `end`): its content start (after indentation and quote markers), end (before a CR) and newline. */
function lineAt(text: string, pos: number, end: number): { s: number; lineEnd: number; eol: number } {
  let eol = text.indexOf('\n', pos);
  if (eol === -1 || eol > end) eol = end;
  let lineEnd = eol;
  if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
  // Skip quote markers and indentation of continuation lines.
  let s = pos;
  while (s < lineEnd && (text[s] === ' ' || text[s] === '\t' || text[s] === '>')) s++;
  return { s, lineEnd, eol };
}

/** The value on a line below a bare label: the trimmed line, unless it is empty, a field, or too long. */
function valueLine(text: string, l: { s: number; lineEnd: number }): string | null {
  const value = text.slice(l.s, l.lineEnd).trimEnd();
  if (value === '' || value.length > NEXT_LINE_MAX) return null;
  if (matchField(value, 0) || matchEmptyPlain(value, 0)) return null;
  return value;
}

function onlyBlank(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text[k];
    if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== '>') return false;
  }
  return true;
}

function withValue(f: Field, value: string, at: number): Field {
  const v = internText(value);
  return { label: f.label, key: f.key, value: v, labelStart: f.labelStart, labelEnd: f.labelEnd, valueStart: at, valueEnd: at + v.length, bold: f.bold };
}

const PLAIN_EMPTY = /^([A-Za-z][A-Za-z0-9 /&'’-]{0,60}):[ \t]*$/;

/** A plain label with nothing after it (`Severity:`), as a field with an empty value. */
function matchEmptyPlain(line: string, base: number): Field | null {
  const m = PLAIN_EMPTY.exec(line);
  if (!m) return null;
  const label = internText(m[1]!.trim());
  return { label, key: fieldKey(label), value: '', labelStart: base, labelEnd: base + m[1]!.length, valueStart: base + m[0].length, valueEnd: base + m[0].length, bold: false };
}

function matchField(line: string, base: number): Field | null {
  const b = BOLD.exec(line);
  if (b && (b[3] === ':' || b[4] === ':')) {
    const label = internText(b[2]!.trim());
    const valueStart = b[0].length;
    const value = internText(line.slice(valueStart).trimEnd());
    const labelStart = base + b[1]!.length;
    return {
      label,
      key: fieldKey(label),
      value,
      labelStart,
      labelEnd: labelStart + b[2]!.length,
      valueStart: base + valueStart,
      valueEnd: base + valueStart + value.length,
      bold: true,
    };
  }
  const m = PLAIN.exec(line);
  if (m) {
    const label = internText(m[1]!.trim());
    const valueStart = m[0].length;
    const value = internText(line.slice(valueStart).trimEnd());
    return {
      label,
      key: fieldKey(label),
      value,
      labelStart: base,
      labelEnd: base + m[1]!.length,
      valueStart: base + valueStart,
      valueEnd: base + valueStart + value.length,
      bold: false,
    };
  }
  return null;
}

export const fieldKey = memoByString(fieldKeyUncached, 20_000);

function fieldKeyUncached(label: string): string {
  return label.replace(/[*_]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** The first field with one of these labels (case-insensitive), preferring bold ones. */
export function findField(ctx: RuleContext, ...labels: string[]): Field | undefined {
  const index = ctx.get(fieldIndex);
  let bold: Field | undefined;
  let any: Field | undefined;
  for (const label of labels) {
    const e = index.get(fieldKey(label));
    if (!e) continue;
    // The first bold field of any of the labels, else the first field (document order).
    if (e.bold && (!bold || e.bold.labelStart < bold.labelStart)) bold = e.bold;
    if (!any || e.first.labelStart < any.labelStart) any = e.first;
  }
  return bold ?? any;
}

/** Per field key: the first field and the first bold field with that key (lookups are per label, not per field). */
function fieldIndex(ctx: RuleContext): Map<string, { first: Field; bold?: Field }> {
  const index = new Map<string, { first: Field; bold?: Field }>();
  for (const f of ctx.get(extractFields)) {
    const e = index.get(f.key);
    if (!e) index.set(f.key, f.bold ? { first: f, bold: f } : { first: f });
    else if (f.bold && !e.bold) e.bold = f;
  }
  return index;
}

/**
 * The document's year, for dates written without one: from the Quarter / Period / Date /
 * Report Date / Date Identified fields or front matter, else today's year.
 */
export const documentYear = fact('document year', function documentYear(ctx: RuleContext): number {
  const fm = ctx.doc.frontMatter?.data;
  const candidates: string[] = [];
  if (fm) for (const k of ['quarter', 'year', 'date']) if (fm[k] !== undefined) candidates.push(String(fm[k]));
  for (const l of ['Quarter', 'Period', 'Report Date', 'Date', 'Date Identified']) {
    const f = findField(ctx, l);
    if (f) candidates.push(f.value);
  }
  for (const c of candidates) {
    const y = /\b(20\d\d|19\d\d)\b/.exec(c);
    if (y) return Number(y[1]);
  }
  return ctx.today.getFullYear();
});

/**
 * Fields written as a two-column key / value table (`| Renewal date | 2027-03-31 |`: Notion and
 * Confluence property tables, "Key facts" tables), the header row included (a property table
 * often has no header of its own). Read by the readers of dated facts (the renewal date, the
 * partnership's start date), not by findField: the header fields' rules stay on their lines.
 */
export function keyValueFields(ctx: RuleContext): Field[] {
  const out: Field[] = [];
  for (const t of ctx.doc.tables) {
    if (t.header.cells.length !== 2 || t.rows.some((r) => r.cells.length !== 2)) continue;
    for (const r of [t.header, ...t.rows]) {
      const [k, v] = r.cells as [CellModel, CellModel];
      const label = k.text.replace(/[*_`]/g, '').replace(/:\s*$/, '').trim();
      if (label === '' || v.text === '' || label.length > 60) continue;
      out.push({ label, key: fieldKey(label), value: v.text, labelStart: k.start, labelEnd: k.end, valueStart: v.start, valueEnd: v.end, bold: /^(\*\*|__)/.test(k.text) });
    }
  }
  return out;
}
