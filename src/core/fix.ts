/** Applying fixes: non-overlapping edits, applied back to front; identical edits count once. */
import type { Finding, OffsetEdit } from './types.js';

export function applyEdits(text: string, edits: OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const accepted: OffsetEdit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    // Identical edits count once, also when other edits at the same range sort between them
    // (several insertions at one point, each listed twice).
    let dup = false;
    for (let k = accepted.length - 1; k >= 0 && accepted[k]!.start === e.start; k--) {
      const p = accepted[k]!;
      if (p.end === e.end && p.text === e.text) dup = true;
    }
    if (dup) continue;
    // Overlapping: keep the first; a later pass applies the rest. Insertions at one point keep
    // their order (the sort is stable).
    if (e.start < lastEnd) continue;
    accepted.push(e);
    lastEnd = Math.max(lastEnd, e.end);
  }
  let out = text;
  for (let i = accepted.length - 1; i >= 0; i--) {
    const e = accepted[i]!;
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}

/**
 * Applies the safe fixes of `findings` to `text` (suggestions are never applied). A finding's
 * fix is applied whole or not at all: when it overlaps an earlier fix it is skipped, and a
 * later pass (see `fixAll`) picks it up.
 */
export function applyFixes(text: string, findings: readonly Finding[]): string {
  const sorted = findings.filter((f) => f.fix).sort((a, b) => a.startOffset - b.startOffset);
  const taken: OffsetEdit[] = [];
  const overlaps = (e: OffsetEdit) =>
    taken.some((t) => !(t.start === e.start && t.end === e.end && t.text === e.text) && e.start < t.end && t.start < e.end);
  for (const f of sorted) {
    const edits = f.fix!.offsetEdits;
    if (edits.some(overlaps)) continue;
    taken.push(...edits);
  }
  return applyEdits(text, taken);
}

/** Grapheme clusters as Unicode defines them (emoji + variation selector, ZWJ sequences, flags, CR LF). */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Whether offset `i` of `s` lies between two grapheme clusters (0 and `s.length` do). A cluster
 * never spans a line feed, and whether `i` is a boundary depends on the text before it and on the
 * one code point at it, so only that stretch of the line is segmented.
 */
export function isGraphemeBoundary(s: string, i: number): boolean {
  if (i <= 0 || i >= s.length) return true;
  const a = s.charCodeAt(i - 1);
  const b = s.charCodeAt(i);
  // Printable ASCII on both sides: always a boundary (the common case, no segmenting).
  if (a >= 0x20 && a < 0x7f && b >= 0x20 && b < 0x7f) return true;
  if (b === 0x0a) return a !== 0x0d; // CR LF is one cluster; anything else before LF is a boundary
  if (a === 0x0a) return true;
  const lineStart = s.lastIndexOf('\n', i - 1) + 1;
  const stretch = s.slice(lineStart, Math.min(s.length, i + 2));
  return graphemes.segment(stretch).containing(i - lineStart)!.index === i - lineStart;
}

/**
 * The single replacement turning `before` into `after`: the common prefix and suffix are kept,
 * so a whole-document fix moves the cursor and the folds no more than it must. Both ends lie on
 * grapheme-cluster boundaries of both texts, so the edit never carries half of a surrogate pair
 * (🟢 U+1F7E2 and 🟡 U+1F7E1 share their first UTF-16 unit), an emoji without its variation
 * selector, part of a ZWJ sequence or of a flag, or a CR without its LF.
 */
export function minimalEdit(before: string, after: string): OffsetEdit | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  while (start > 0 && !(isGraphemeBoundary(before, start) && isGraphemeBoundary(after, start))) start--;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) { endB--; endA--; }
  // The kept suffix is common to both, so both ends move together until both are boundaries.
  while (endB < before.length && !(isGraphemeBoundary(before, endB) && isGraphemeBoundary(after, endA))) { endB++; endA++; }
  return { start, end: endB, text: after.slice(start, endA) };
}

/**
 * What a fix writes, in its title: `Change to “⚠️ Yellow (90% of target)” (kpi-status-mismatch)`.
 * - one edit within a line: its text, trimmed (an empty cell's fix carries the cell's padding),
 *   completed with the kept text after it up to the closing parenthesis (the overall-health fix
 *   keeps the text after the comma: `🟡 Yellow (77% of targets met, …)`);
 * - a re-padded table: the new text of the finding's cell;
 * - an inserted section: `Insert the “Key Wins” section`.
 */
export function fixTitle(f: Finding, text: string): string {
  const generic = `Fix this ${f.ruleId} problem`;
  const edits = f.fix?.offsetEdits ?? [];
  if (edits.length === 0) return generic;
  const e = edits[0]!;
  const heading = edits.length === 1 && e.start === e.end && e.text.includes('\n') ? headingName(e.text) : undefined;
  if (heading) return `Insert the “${heading}” section (${f.ruleId})`;
  let shown: string | undefined;
  if (edits.length === 1 && !e.text.includes('\n') && !text.slice(e.start, e.end).includes('\n')) {
    shown = e.text;
    // Complete an open parenthesis with the text the fix keeps after it (same line).
    const eol = text.indexOf('\n', e.end);
    const lineEnd = eol === -1 ? text.length : eol;
    let depth = (shown.match(/\(/g)?.length ?? 0) - (shown.match(/\)/g)?.length ?? 0);
    let i = e.end;
    while (depth > 0 && i < lineEnd) {
      const c = text[i++]!;
      if (c === '(') depth++;
      else if (c === ')') depth--;
      shown += c;
    }
    if (depth > 0) return generic;
  } else {
    // A re-padded table (one edit per line): the finding's cell as the fix leaves it.
    const line = edits.find((x) => x.start <= f.startOffset && f.startOffset <= x.end);
    shown = line && cellAfterFix(text, line, f.startOffset);
  }
  shown = shown?.trim();
  if (!shown) return generic;
  const MAX = 60;
  if ([...shown].length > MAX) {
    const open = shown.indexOf('(');
    const comma = shown.indexOf(',', open);
    shown = open >= 0 && comma > open && comma < MAX ? `${shown.slice(0, comma)}, …)` : `${[...shown].slice(0, MAX - 1).join('')}…`;
  }
  return `Change to “${shown}” (${f.ruleId})`;
}

/** The name of the first ATX heading line in `text` (`## Key Wins ##` → `Key Wins`). */
function headingName(text: string): string | undefined {
  for (const raw of text.split('\n')) {
    const m = /^#{1,6}[ \t]+(\S.*)$/.exec(raw.trim());
    if (!m) continue;
    let name = m[1]!;
    while (name.endsWith('#')) name = name.slice(0, -1);
    return name.trimEnd() || undefined;
  }
  return undefined;
}

/** The cell at `offset` as `edit` (which rewrites that whole table line) leaves it: same column index. */
function cellAfterFix(text: string, edit: OffsetEdit, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  if (edit.start !== lineStart || edit.text.includes('\n')) return undefined;
  const column = text.slice(lineStart, offset).match(/(?<!\\)\|/g)?.length ?? 0;
  return edit.text.split(/(?<!\\)\|/)[column];
}
