/**
 * Reading a Status cell (spec §2.3, §9): its colour from status symbols and words (built-in and
 * configured vocabularies), a stated percentage, and where the team's own status marker ends.
 * Pure functions, no I/O.
 *
 * Every regular expression here is linear-time: no nested quantifiers and no overlapping
 * alternatives under a quantifier.
 */
import { own } from '../text.js';
import type { Rag } from './status.js';

const RAG_SYMBOLS: Record<string, Rag> = {
  '✅': 'green', '🟢': 'green',
  '\u26A0': 'yellow', '🟡': 'yellow',
  '🔴': 'red', '❌': 'red',
};
/** Symbols that say met / not met rather than a colour (a two-valued vocabulary may use them alone). */
const MET_SYMBOLS = new Set(['✅', '❌']);

/** What a status word or phrase says: its colour and whether it belongs to a met / not-met vocabulary. */
export interface StatusWord {
  rag: Rag;
  /** A met / not-met word (Met, Missed, PASS, FAIL…): a table of only these is two-valued. */
  binary: boolean;
}

/**
 * Status vocabularies (spec §9), as lowercase phrases matched whole (words separated by spaces or
 * hyphens): `Not Met` is Red, not Green by `Met`; `Off Track` is Red, not a `Track`.
 */
const BUILTIN_STATUS_WORDS: Record<string, StatusWord> = {
  // colours
  green: { rag: 'green', binary: false }, yellow: { rag: 'yellow', binary: false },
  amber: { rag: 'yellow', binary: false }, red: { rag: 'red', binary: false },
  // Green
  'on track': { rag: 'green', binary: false }, 'on target': { rag: 'green', binary: false },
  ahead: { rag: 'green', binary: false }, healthy: { rag: 'green', binary: false }, done: { rag: 'green', binary: false },
  met: { rag: 'green', binary: true }, achieved: { rag: 'green', binary: true }, exceeded: { rag: 'green', binary: true },
  pass: { rag: 'green', binary: true }, passed: { rag: 'green', binary: true },
  // Yellow
  'at risk': { rag: 'yellow', binary: false }, borderline: { rag: 'yellow', binary: false },
  watch: { rag: 'yellow', binary: false }, warning: { rag: 'yellow', binary: false },
  'partially met': { rag: 'yellow', binary: false }, 'partially achieved': { rag: 'yellow', binary: false },
  // Red
  'off track': { rag: 'red', binary: false }, behind: { rag: 'red', binary: false },
  critical: { rag: 'red', binary: false }, blocked: { rag: 'red', binary: false },
  'not met': { rag: 'red', binary: true }, 'not achieved': { rag: 'red', binary: true },
  missed: { rag: 'red', binary: true }, miss: { rag: 'red', binary: true },
  fail: { rag: 'red', binary: true }, failed: { rag: 'red', binary: true },
};

/** A status vocabulary: the built-in words with the configured `statusWords` over them. */
export interface StatusVocabulary {
  /** A stable key (the configured words), for memoisation. */
  key: string;
  words: ReadonlyMap<string, StatusWord>;
  /** The longest phrase, in words. */
  maxWords: number;
}

function phraseKey(phrase: string): string {
  return phrase.toLowerCase().split(/[\s-]+/).filter((w) => w !== '').join(' ');
}

function buildVocabulary(configured: { green?: readonly string[]; yellow?: readonly string[]; red?: readonly string[] } | undefined): StatusVocabulary {
  const words = new Map<string, StatusWord>(Object.entries(BUILTIN_STATUS_WORDS));
  for (const rag of ['green', 'yellow', 'red'] as const) {
    for (const w of configured?.[rag] ?? []) {
      const k = phraseKey(w);
      if (k === '') continue;
      // A configured word is three-valued unless it is a built-in met / not-met word of that colour.
      const builtin = own(BUILTIN_STATUS_WORDS, k);
      words.set(k, { rag, binary: builtin?.binary === true && builtin.rag === rag });
    }
  }
  let maxWords = 1;
  for (const k of words.keys()) maxWords = Math.max(maxWords, k.split(' ').length);
  return { key: JSON.stringify(configured ?? {}), words, maxWords: Math.min(maxWords, 6) };
}

export const DEFAULT_STATUS_VOCABULARY: StatusVocabulary = buildVocabulary(undefined);
const vocabularies = new Map<string, StatusVocabulary>();
/** The vocabulary for a configuration's `statusWords` (one object per distinct setting). */
export function statusVocabulary(configured: { green?: readonly string[]; yellow?: readonly string[]; red?: readonly string[] } | undefined): StatusVocabulary {
  if (!configured) return DEFAULT_STATUS_VOCABULARY;
  const key = JSON.stringify(configured);
  let v = vocabularies.get(key);
  if (!v) {
    if (vocabularies.size > 50) vocabularies.clear();
    vocabularies.set(key, (v = buildVocabulary(configured)));
  }
  return v;
}

const STATUS_TOKEN_RE = /[A-Za-z]+|\u2705|\u26A0|\u274C|\u{1F7E2}|\u{1F7E1}|\u{1F534}/gu;
const STATUS_PERCENT_RE = /\(\s*(\d[\d,]*(?:\.\d+)?)\s*%/g;

export interface ParsedStatus {
  rag: Rag | null;
  percent: number | null;
  percentRange?: [number, number];
  afterParen: string;
  /** The status word or phrase read, as written (`At Risk`, `PASS`), or null (a symbol alone, or nothing). */
  phrase?: string | null;
  /**
   * Where the status marker ends: the first symbol and/or phrase (`✅ Met`, `🟡 At Risk`,
   * `PASS`), when only spaces precede it; undefined otherwise. `text.slice(0, markerEnd)` is the
   * team's own way of writing that status.
   */
  markerEnd?: number;
  /** Every symbol and word read in the cell is a met / not-met one (false when nothing is read). */
  binary?: boolean;
  /** Some symbol or word in the cell reads Yellow. */
  anyYellow?: boolean;
}

/** Whether the text between two words joins them into one phrase (spaces or hyphens only). */
function joins(text: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch !== ' ' && ch !== '-' && ch !== '\u00A0') return false;
  }
  return true;
}

/**
 * Reads a Status cell. The colour is the first status symbol or word / phrase (✅ 🟢 Green On
 * Track Met PASS… → green; ⚠️ 🟡 Yellow Amber At Risk… → yellow; 🔴 ❌ Red Off Track Not Met
 * FAIL… → red; case-insensitive, whole phrases, longest first). A phrase negated by a preceding
 * `not` / `no` that is not itself a phrase (`Not on track`) makes the cell read no colour.
 * `percent` comes from the first parenthetical starting with `N%` (`(124% of target)`);
 * `percentRange` is the [start, end) offset of `124%` within `text`; `afterParen` is the
 * text after that closing parenthesis, verbatim (leading space kept), or ''.
 */
export function parseStatusCell(text: string, vocabulary: StatusVocabulary = DEFAULT_STATUS_VOCABULARY): ParsedStatus {
  const tokens: Array<{ text: string; start: number; end: number }> = [];
  for (const m of text.matchAll(STATUS_TOKEN_RE)) tokens.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  let rag: Rag | null = null;
  let phrase: string | null = null;
  let markerEnd: number | undefined;
  let firstEnd = -1;
  let firstRag: Rag | null = null;
  let binary = true;
  let anyRead = false;
  let anyYellow = false;
  let negated = false;
  for (let i = 0; i < tokens.length; ) {
    const tok = tokens[i]!;
    const sym = own(RAG_SYMBOLS, tok.text);
    let read: { rag: Rag; binary: boolean; end: number; phrase: string | null; next: number } | null = null;
    if (sym) {
      read = { rag: sym, binary: MET_SYMBOLS.has(tok.text), end: tok.end, phrase: null, next: i + 1 };
    } else if (/^[a-z]/i.test(tok.text)) {
      // Longest phrase first.
      let words = tok.text.toLowerCase();
      const candidates: Array<[string, number]> = [[words, i]];
      for (let j = i + 1; j < tokens.length && j - i < vocabulary.maxWords; j++) {
        const next = tokens[j]!;
        if (!/^[a-z]/i.test(next.text) || !joins(text, tokens[j - 1]!.end, next.start)) break;
        words += ` ${next.text.toLowerCase()}`;
        candidates.push([words, j]);
      }
      for (let c = candidates.length - 1; c >= 0; c--) {
        const [key, last] = candidates[c]!;
        const w = vocabulary.words.get(key);
        if (!w) continue;
        const prev = tokens[i - 1];
        if (prev && (prev.text.toLowerCase() === 'not' || prev.text.toLowerCase() === 'no') && joins(text, prev.end, tok.start)) {
          negated = true;
        }
        const end = tokens[last]!.end;
        read = { rag: w.rag, binary: w.binary, end, phrase: text.slice(tok.start, end), next: last + 1 };
        break;
      }
    }
    if (!read) {
      i++;
      continue;
    }
    anyRead = true;
    if (!read.binary) binary = false;
    if (read.rag === 'yellow') anyYellow = true;
    if (firstRag === null) {
      firstRag = read.rag;
      firstEnd = read.end;
      phrase = read.phrase;
      if (text.slice(0, tok.start).trim() === '') markerEnd = read.end;
    } else if (firstEnd >= 0 && read.rag === firstRag && phrase === null && read.phrase !== null && markerEnd !== undefined && onlySpaceOrVs(text, firstEnd, tok.start)) {
      // `✅ Met`: the symbol and the word make one marker.
      phrase = read.phrase;
      markerEnd = read.end;
      firstEnd = read.end;
    } else {
      firstEnd = -1; // the marker is complete
    }
    if (firstRag !== null && read.rag !== firstRag) firstEnd = -1;
    i = read.next;
  }
  rag = negated ? null : firstRag;
  if (markerEnd !== undefined) {
    // Include a variation selector right after a symbol (`⚠️`).
    while (text[markerEnd] === '\uFE0F') markerEnd++;
  }
  const extra = { phrase, ...(markerEnd !== undefined && rag !== null ? { markerEnd } : {}), binary: anyRead && binary, anyYellow };
  for (const p of text.matchAll(STATUS_PERCENT_RE)) {
    const percentEnd = p.index + p[0].length;
    const close = text.indexOf(')', percentEnd);
    if (close < 0) break; // no later candidate can be closed either
    if (text.lastIndexOf('(', close) !== p.index) continue; // `(x (12%` — not this parenthetical
    return {
      rag,
      percent: Number(p[1]!.replace(/,/g, '')),
      percentRange: [p.index + p[0].indexOf(p[1]!), percentEnd],
      afterParen: text.slice(close + 1),
      ...extra,
    };
  }
  return { rag, percent: null, afterParen: '', ...extra };
}

function onlySpaceOrVs(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const ch = text[i];
    if (ch !== ' ' && ch !== '\uFE0F' && ch !== '\u00A0') return false;
  }
  return true;
}
