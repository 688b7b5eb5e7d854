/**
 * The status report's health block (spec §3):
 *
 *   ### Overall Health Score: 82/100 🟡 Yellow
 *   - Business performance: 25/30 (revenue, customers, leads)
 *   - Operational execution: 24/30 (campaigns, integrations, activities)
 *   - Relationship health: 20/25 (satisfaction, engagement, responsiveness)
 *   - Strategic alignment: 13/15 (priorities, vision, mutual value)
 *
 * The score line is a heading (any depth) or a field (`**Overall Health Score**: 82/100`,
 * plain `Overall Health Score: 82/100`); the parts are the lines after it, up to the next
 * heading, that start (after a list marker and emphasis) with one of the four part names,
 * case-insensitively. Legend lines (`🟢 Green (90-100): …`) are neither parts nor badges: a
 * badge is only read on the score line, right after the total. Placeholders (`[X/100]`,
 * `[X/30]`) give no number (placeholder-unfilled reports them).
 *
 * Every regular expression here is sticky and linear-time.
 */
import type { Range } from '../model.js';
import type { RuleContext } from '../rule.js';
import { healthBand, type Rag } from '../values/status.js';
import { extractFields } from './fields.js';

export type HealthPartKey = 'business' | 'operational' | 'relationship' | 'strategic';

/** The four parts of the health score and their maxima (spec §3: 30/30/25/15). */
export const HEALTH_PARTS: ReadonlyArray<{ key: HealthPartKey; name: string; max: number }> = [
  { key: 'business', name: 'Business performance', max: 30 },
  { key: 'operational', name: 'Operational execution', max: 30 },
  { key: 'relationship', name: 'Relationship health', max: 25 },
  { key: 'strategic', name: 'Strategic alignment', max: 15 },
];

/** The total's maximum. */
export const HEALTH_TOTAL_MAX = 100;

/** A number in the text with its [start, end) offsets. */
export interface NumberSpan extends Range {
  value: number;
}

export interface HealthBadge extends Range {
  /** The badge as written (`🟡 Yellow`). */
  text: string;
  /** Colour of the emoji, if any. */
  emoji: Rag | null;
  /** Colour of the word (Green / Yellow / Amber / Red), if any. */
  word: Rag | null;
  /** The colour the badge claims; null when emoji and word disagree (`🟢 Red`). */
  rag: Rag | null;
}

export interface HealthPart {
  key: HealthPartKey;
  /** Canonical name (`Business performance`). */
  name: string;
  /** The spec maximum (30, 30, 25, 15). */
  max: number;
  /** The whole line (from the list marker to the end of the line). */
  line: Range;
  /** The part's name as written. */
  nameRange: Range;
  /** The score, or null (placeholder `[X/30]` or unreadable). */
  score: NumberSpan | null;
  /** The written denominator (`/30`), or null when none is written. */
  denominator: NumberSpan | null;
}

export interface HealthBlock {
  /** The score line: the heading, or the field's line. */
  line: Range;
  /** The label (`Overall Health Score`) as written. */
  label: Range;
  /** The total, or null (placeholder `[X/100]`, missing or unreadable). */
  total: NumberSpan | null;
  /** The total's written denominator (`/100`), or null. */
  totalDenominator: NumberSpan | null;
  /** A badge right after the total on the score line, or null. */
  badge: HealthBadge | null;
  /** The parts found after the score line, in document order (first of each name only). */
  parts: HealthPart[];
  /** Sum of the parts when at least one is listed and every listed one has a number; else null. */
  sum: number | null;
}

/** The health block whose score line or parts contain `offset`, if any (for hovers). */
export function healthBlockAt(ctx: RuleContext, offset: number): HealthBlock | undefined {
  return ctx.get(analyzeHealth).find(
    (b) => (b.line.start <= offset && offset <= b.line.end) || b.parts.some((p) => p.line.start <= offset && offset <= p.line.end),
  );
}

/** The band of the block's total under the configured thresholds, or null without a total. */
export function blockBand(ctx: RuleContext, block: HealthBlock): Rag | null {
  return block.total ? healthBand(block.total.value, ctx.config.thresholds) : null;
}

// ---------------------------------------------------------------------------------------------

const LABELS = ['overall health score', 'health score'];

/** Every health block of the document, in order. Read with `ctx.get(analyzeHealth)` (once per lint). */
export function analyzeHealth(ctx: RuleContext): HealthBlock[] {
  const { doc } = ctx;
  const text = doc.text;
  const lines: Array<{ line: Range; label: Range; valueStart: number }> = [];

  for (const h of doc.headings) {
    const lineEnd = endOfLine(text, h.start);
    let pos = skipChars(text, h.textStart, lineEnd, ' \t*_');
    const labelStart = pos;
    const after = matchLabel(text, pos, lineEnd);
    if (after < 0) continue;
    pos = skipChars(text, after, lineEnd, '*_ \t');
    if (text[pos] === ':') pos = skipChars(text, pos + 1, lineEnd, '*_ \t');
    else if (pos < lineEnd && !/[\d[-]/.test(text[pos]!)) continue; // `## Health score trends`
    lines.push({ line: { start: h.start, end: lineEnd }, label: { start: labelStart, end: after }, valueStart: pos });
  }
  for (const f of ctx.get(extractFields)) {
    if (!LABELS.includes(f.key)) continue;
    const lineStart = startOfLine(text, f.labelStart);
    const lineEnd = endOfLine(text, f.labelStart);
    let pos = skipChars(text, f.valueStart, lineEnd, '*_ \t');
    if (pos > lineEnd) pos = lineEnd;
    lines.push({ line: { start: lineStart, end: lineEnd }, label: { start: f.labelStart, end: f.labelEnd }, valueStart: pos });
  }
  lines.sort((a, b) => a.line.start - b.line.start);

  const blocks: HealthBlock[] = [];
  lines.forEach((l, i) => {
    const { total, denominator, end } = readScore(text, l.valueStart, l.line.end);
    const badge = total ? readBadge(text, end, l.line.end) : null;
    // Parts: lines after the score line up to the next heading or the next score line.
    const nextHeading = doc.headings.find((h) => h.start > l.line.end)?.start ?? text.length;
    const nextScore = lines[i + 1]?.line.start ?? text.length;
    const parts = readParts(ctx, l.line.end, Math.min(nextHeading, nextScore));
    const sum = parts.length > 0 && parts.every((p) => p.score) ? parts.reduce((s, p) => s + p.score!.value, 0) : null;
    blocks.push({ line: l.line, label: l.label, total, totalDenominator: denominator, badge, parts, sum: sum === null ? null : round2(sum) });
  });
  return blocks;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Matches one of LABELS at `pos` (case-insensitive, then a non-letter); returns the end or -1. */
function matchLabel(text: string, pos: number, end: number): number {
  for (const label of LABELS) {
    if (pos + label.length > end) continue;
    if (text.slice(pos, pos + label.length).toLowerCase() !== label) continue;
    if (/[A-Za-z]/.test(text[pos + label.length] ?? '')) continue;
    return pos + label.length;
  }
  return -1;
}

const NUMBER_RE = /([-\u2212]?)(\d{1,6}(?:\.\d{1,4})?)(?![\d.]?\d)/y;
const SLASH_RE = /[ \t]*\/[ \t]*/y;
const PLACEHOLDER_RE = /\[[^\]\n]{0,200}\]/y;

function readNumber(text: string, pos: number): NumberSpan | null {
  NUMBER_RE.lastIndex = pos;
  const m = NUMBER_RE.exec(text);
  if (!m) return null;
  const value = Number(m[2]) * (m[1] ? -1 : 1);
  return { value: value === 0 ? 0 : value, start: pos, end: pos + m[0].length };
}

/** Reads `82/100`, `82 / 100`, `82`, `82%` at pos. A placeholder or anything else: no score. */
function readScore(text: string, pos: number, lineEnd: number): { total: NumberSpan | null; denominator: NumberSpan | null; end: number } {
  const none = { total: null, denominator: null, end: pos };
  const total = readNumber(text, pos);
  if (!total || total.end > lineEnd) return none;
  let end = total.end;
  let denominator: NumberSpan | null = null;
  SLASH_RE.lastIndex = end;
  const slash = SLASH_RE.exec(text);
  if (slash) {
    denominator = readNumber(text, end + slash[0].length);
    if (!denominator || denominator.value <= 0 || denominator.end > lineEnd) return none;
    end = denominator.end;
  } else if (text[end] === '%') {
    end++;
  }
  if (/[A-Za-z]/.test(text[end] ?? '')) return none; // `82abc`
  return { total, denominator, end };
}

const BADGE_EMOJI_RE = /(\u{1F7E2}|\u{1F7E1}|\u{1F7E0}|\u{1F534}|\u2705|\u26A0|\u274C)\uFE0F?(?:[ \t]{0,4}(green|yellow|amber|red)(?![A-Za-z]))?/iuy;
const BADGE_WORD_RE = /(green|yellow|amber|red)(?![A-Za-z])/iy;
const EMOJI_RAG: Record<string, Rag> = {
  '\u{1F7E2}': 'green',
  '\u2705': 'green',
  '\u{1F7E1}': 'yellow',
  '\u{1F7E0}': 'yellow',
  '\u26A0': 'yellow',
  '\u{1F534}': 'red',
  '\u274C': 'red',
};
const WORD_RAG: Record<string, Rag> = { green: 'green', yellow: 'yellow', amber: 'yellow', red: 'red' };

/** A badge right after the score (separators `(`, `-`, `—`, `:`, `|`, emphasis allowed between). */
function readBadge(text: string, pos: number, lineEnd: number): HealthBadge | null {
  const start = skipChars(text, pos, lineEnd, ' \t*_()-\u2014\u2013:|,');
  if (start >= lineEnd) return null;
  let m: RegExpExecArray | null;
  BADGE_EMOJI_RE.lastIndex = start;
  if ((m = BADGE_EMOJI_RE.exec(text))) {
    const emoji = EMOJI_RAG[m[1]!] ?? null;
    const word = m[2] ? (WORD_RAG[m[2].toLowerCase()] ?? null) : null;
    return badge(text, start, start + m[0].length, emoji, word);
  }
  BADGE_WORD_RE.lastIndex = start;
  if ((m = BADGE_WORD_RE.exec(text))) {
    return badge(text, start, start + m[0].length, null, WORD_RAG[m[1]!.toLowerCase()] ?? null);
  }
  return null;
}

function badge(text: string, start: number, end: number, emoji: Rag | null, word: Rag | null): HealthBadge {
  const rag = emoji && word && emoji !== word ? null : (emoji ?? word);
  return { start, end, text: text.slice(start, end), emoji, word, rag };
}

/** List markers, quote markers and a task checkbox at the start of a line. */
const LINE_PREFIX_RE = /[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?/y;

function readParts(ctx: RuleContext, from: number, to: number): HealthPart[] {
  const { text, code } = ctx.doc;
  const parts: HealthPart[] = [];
  const seen = new Set<HealthPartKey>();
  let pos = from;
  while (pos < to) {
    let nl = text.indexOf('\n', pos);
    if (nl === -1 || nl > to) nl = to;
    const lineStart = pos;
    const lineEnd = nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    pos = nl + 1;
    if (lineEnd <= lineStart || code.some((c) => c.start <= lineStart && lineStart < c.end)) continue;
    LINE_PREFIX_RE.lastIndex = lineStart;
    const prefix = LINE_PREFIX_RE.exec(text);
    const contentStart = lineStart + (prefix ? prefix[0].length : 0);
    const nameStart = skipChars(text, contentStart, lineEnd, '*_');
    const def = HEALTH_PARTS.find(
      (p) => text.slice(nameStart, nameStart + p.name.length).toLowerCase() === p.name.toLowerCase() && !/[A-Za-z]/.test(text[nameStart + p.name.length] ?? ''),
    );
    if (!def || seen.has(def.key)) continue;
    const nameEnd = nameStart + def.name.length;
    let v = skipChars(text, nameEnd, lineEnd, '*_ \t');
    if (text[v] !== ':') continue;
    v = skipChars(text, v + 1, lineEnd, '*_ \t');
    seen.add(def.key);
    let score: NumberSpan | null = null;
    let denominator: NumberSpan | null = null;
    PLACEHOLDER_RE.lastIndex = v;
    if (!PLACEHOLDER_RE.test(text)) {
      const r = readScore(text, v, lineEnd);
      score = r.total;
      denominator = r.denominator;
    }
    parts.push({
      key: def.key,
      name: def.name,
      max: def.max,
      line: { start: contentStart, end: lineEnd },
      nameRange: { start: nameStart, end: nameEnd },
      score,
      denominator,
    });
  }
  return parts;
}

function skipChars(text: string, pos: number, end: number, chars: string): number {
  while (pos < end && chars.includes(text[pos]!)) pos++;
  return pos;
}

function startOfLine(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function endOfLine(text: string, offset: number): number {
  let nl = text.indexOf('\n', offset);
  if (nl === -1) nl = text.length;
  return nl > offset && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
}
