/**
 * Trend cells (spec §2.4): reading an arrow, a word and a stated change, the trend a change
 * implies, and whether a cell is consistent. Pure functions, no I/O.
 *
 * Every regular expression here is linear-time: no nested quantifiers and no overlapping
 * alternatives under a quantifier.
 */
import type { Direction } from './direction.js';
import { formatNumber } from './kpi-value.js';
import { own } from '../text.js';

export type TrendArrow = 'up' | 'flat' | 'down';
export type TrendWord = 'improving' | 'stable' | 'declining';
export interface ParsedTrend {
  arrow: TrendArrow | null;
  word: TrendWord | null;
  /** Stated change in percent, e.g. +20 from `(+20% vs. last quarter)`; null when none. */
  change: number | null;
}

const ARROWS: Record<string, TrendArrow> = {
  '↗': 'up', '⬆': 'up', '↑': 'up', '📈': 'up', '⤴': 'up',
  '→': 'flat', '➡': 'flat', '↔': 'flat',
  '↘': 'down', '⬇': 'down', '↓': 'down', '📉': 'down', '⤵': 'down',
};
const TREND_WORDS: Record<string, TrendWord> = {
  improving: 'improving', improved: 'improving', improve: 'improving',
  stable: 'stable', steady: 'stable', flat: 'stable', unchanged: 'stable',
  declining: 'declining', declined: 'declining', decline: 'declining', worsening: 'declining',
};
const TREND_TOKEN_RE = /[A-Za-z]+|[\u2197\u2B06\u2191\u2934\u2192\u27A1\u2194\u2198\u2B07\u2193\u2935]|\u{1F4C8}|\u{1F4C9}/gu;
const TREND_NUMBER_RE = /\d+(?:\.\d+)?/g;

/** Reads a Trend cell: `↗️ Improving (+20% vs. last quarter)`. First arrow, first trend word, first `N%`. */
export function parseTrendCell(text: string): ParsedTrend {
  let arrow: TrendArrow | null = null;
  let word: TrendWord | null = null;
  for (const m of text.matchAll(TREND_TOKEN_RE)) {
    const tok = m[0];
    const a = own(ARROWS, tok);
    if (arrow === null && a) arrow = a;
    const w = own(TREND_WORDS, tok.toLowerCase());
    if (word === null && w) word = w;
    if (arrow !== null && word !== null) break;
  }
  return { arrow, word, change: firstSignedPercent(text) };
}

/** The first `[sign] N %` in text (spaces allowed around the number), or null. */
function firstSignedPercent(text: string): number | null {
  for (const m of text.matchAll(TREND_NUMBER_RE)) {
    let after = m.index + m[0].length;
    while (text[after] === ' ') after++;
    if (text[after] !== '%') continue;
    let before = m.index - 1;
    while (before >= 0 && text[before] === ' ') before--;
    const n = Number(m[0]);
    const s = text[before];
    if (s === '-' || s === '\u2212') return n === 0 ? 0 : -n;
    return n;
  }
  return null;
}

/** The arrow that goes with each trend word. */
export const ARROW_OF: Readonly<Record<TrendWord, TrendArrow>> = { improving: 'up', stable: 'flat', declining: 'down' };
const WORD_OF: Record<TrendArrow, TrendWord> = { up: 'improving', flat: 'stable', down: 'declining' };
const ARROW_GLYPH: Record<TrendArrow, string> = { up: '↗\uFE0F', flat: '→', down: '↘\uFE0F' };
const WORD_TEXT: Record<TrendWord, string> = { improving: 'Improving', stable: 'Stable', declining: 'Declining' };

/** The trend a stated change implies: |change| < stableBand (or 0) → stable, else by direction. */
export function trendFromChange(direction: Direction, change: number, stableBand: number): TrendWord {
  if (change === 0 || Math.abs(change) < stableBand) return 'stable';
  return change > 0 === (direction === 'higher') ? 'improving' : 'declining';
}

/** Canonical trend text for a suggestion: `↗️ Improving`, `→ Stable`, `↘️ Declining`. */
export function suggestedTrend(direction: Direction, change: number, stableBand: number): string {
  const w = trendFromChange(direction, change, stableBand);
  return `${ARROW_GLYPH[ARROW_OF[w]]} ${WORD_TEXT[w]}`;
}

function formatChange(change: number): string {
  if (change > 0) return `+${formatNumber(change)}%`;
  if (change < 0) return `\u2212${formatNumber(-change)}%`;
  return '0%';
}

/**
 * Null when a trend cell is consistent, else a message. Checks, in order: arrow vs word
 * (up↔Improving, flat↔Stable, down↔Declining); then a stated change against the word (or the
 * arrow when there is no word): Stable needs |change| < stableBand; Improving needs a change
 * in the metric's good direction (a lower-is-better metric falling is Improving) of at least
 * stableBand; Declining the opposite.
 */
export function trendProblem(t: ParsedTrend, stableBand: number, direction: Direction): string | null {
  if (t.arrow && t.word && ARROW_OF[t.word] !== t.arrow) {
    return (
      `Unexpected “${ARROW_GLYPH[t.arrow]} ${WORD_TEXT[t.word]}”: the arrow means ` +
      `${WORD_TEXT[WORD_OF[t.arrow]]} but the word says ${WORD_TEXT[t.word]}`
    );
  }
  const stated = t.word ?? (t.arrow ? WORD_OF[t.arrow] : null);
  if (stated === null || t.change === null) return null;
  const expected = trendFromChange(direction, t.change, stableBand);
  if (expected === stated) return null;

  const shown = [t.arrow ? ARROW_GLYPH[t.arrow] : null, t.word ? WORD_TEXT[t.word] : null]
    .filter((s) => s !== null)
    .join(' ');
  const band = `±${formatNumber(stableBand)}%`;
  let why: string;
  if (expected === 'stable') why = `within the ${band} Stable band`;
  else if (stated === 'stable') why = `outside the ${band} Stable band`;
  else why = `on a ${direction}-is-better metric`;
  return (
    `Unexpected “${shown}” with a change of ${formatChange(t.change)} (${why}); ` +
    `expected “${suggestedTrend(direction, t.change, stableBand)}”`
  );
}
