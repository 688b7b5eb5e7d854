/**
 * Target and Actual cells (spec §2.1): reading a value (numbers, currencies, percentages,
 * scores, unit words, per-period suffixes, comparators), whether a target and an actual can be
 * compared, and formatting numbers for messages. Pure functions, no I/O.
 *
 * Every regular expression here is linear-time: no nested quantifiers and no overlapping
 * alternatives under a quantifier.
 */
import { own } from '../text.js';

export type ValueKind = 'number' | 'currency' | 'percent' | 'score' | 'unit';
export type Comparator = '<' | '<=' | '>' | '>=';

export interface KpiValue {
  kind: ValueKind;
  /** The numeric value (K/M/B expanded; for scores the numerator). */
  value: number;
  /** '$', '€' or '£' (kind 'currency'). */
  currency?: string;
  /** The score's denominator (kind 'score'), e.g. 10 for `8/10`. */
  denominator?: number;
  /** Normalised unit word (kind 'unit'): lowercase, singular, e.g. 'day' for `2 days`. */
  unit?: string;
  /** A per-period suffix (`€40K/quarter`, `< 3 per month`): the period, normalised ('quarter', 'month'). */
  per?: string;
  comparator?: Comparator;
  /**
   * The value as written: emphasis/code stripped, trimmed, without a trailing parenthetical
   * note, comparator and `~` kept (e.g. `≤ 2 days`, `$450K`). Good for messages.
   */
  raw: string;
}

export type ParsedCell =
  | { state: 'value'; value: KpiValue }
  | { state: 'unmeasured' }
  | { state: 'unparsable'; raw: string };

// ---------------------------------------------------------------------------------------------
// Cell text helpers

/** Strips emphasis markers (`**x**`, `*x*`, `__x__`, `_x_`), inline-code backticks and outer space. */
export function stripInlineMarkup(text: string): string {
  // Markers never carry meaning in a value cell or a metric name, so they go wherever they are
  // (an underscore becomes a space: `_2_ days`, `time_to_close`).
  return text.replace(/[*`]/g, '').replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
}


const UNMEASURED = new Set(['', 'n/a', 'na', 'n.a.', 'tbd', 'tba', '—', '–', '-', '--', '?', '…', '...']);

const CURRENCY_CODES: Record<string, string> = { usd: '$', eur: '€', gbp: '£', cad: 'CAD', aud: 'AUD', chf: 'CHF', jpy: '¥', inr: '₹' };

/** Unit spellings that mean the same unit (after lowercasing and singularising). */
const UNIT_ALIASES: Record<string, string> = {
  ms: 'millisecond',
  msec: 'millisecond',
  s: 'second',
  sec: 'second',
  hr: 'hour',
  h: 'hour',
  min: 'minute',
  d: 'day',
  wk: 'week',
  mo: 'month',
  yr: 'year',
  percent: '%',
  pct: '%',
};

/** Lowercase, strip a plural 's' (not from words ending in 'ss'), apply a few aliases. */
export function normalizeUnit(word: string): string {
  let w = word.toLowerCase();
  const alias = own(UNIT_ALIASES, w);
  if (alias) return alias;
  if (w.length > 1 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
  return own(UNIT_ALIASES, w) ?? w;
}

const COMPARATOR_RE = /^(<=|>=|=<|=>|≤|≥|<|>|&lt;=|&gt;=|&le;|&ge;|&lt;|&gt;)\s*/;
/** Spelled-out comparators (`at most 2 days`, `under 5%`), matched as whole words. */
const WORD_COMPARATOR_RE =
  /^(at most|up to|no more than|maximum|max\.?|at least|no less than|minimum|min\.?|less than|under|below|more than|over|above)(?![a-z])\s*/i;
const COMPARATORS: Record<string, Comparator> = {
  '<=': '<=', '=<': '<=', '≤': '<=', '&lt;=': '<=', '&le;': '<=',
  '>=': '>=', '=>': '>=', '≥': '>=', '&gt;=': '>=', '&ge;': '>=',
  '<': '<', '&lt;': '<',
  '>': '>', '&gt;': '>',
  'at most': '<=', 'up to': '<=', 'no more than': '<=', maximum: '<=', max: '<=', 'max.': '<=',
  'at least': '>=', 'no less than': '>=', minimum: '>=', min: '>=', 'min.': '>=',
  'less than': '<', under: '<', below: '<',
  'more than': '>', over: '>', above: '>',
};
const APPROX_RE = /^(?:~|≈|approx\.?|approximately|about|circa|ca\.)\s*/i;
/** A number with or without thousands separators: `1,200`, `1200`, `1.5`, `.5`. */
const DIGITS_RE = /^(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)/;
const SIGNS = '+-\u2212';
const SYMBOLS = '$€£¥₹';
/** `K`/`M`/`B` and the spelled-out multipliers (`$2.5 million`, `2.5 billion`, `€3bn`). */
const MULTIPLIER_RE = /^(k|m|b|thousand|million|mn|mio|billion|bn)(?![a-z])/i;
/** A currency code before the number: `EUR 2.5M`, `USD 500`. */
const LEADING_CODE_RE = /^(usd|eur|gbp|cad|aud|chf|jpy|inr)(?![a-z])\s?/i;
/** A per-period suffix at the end: `/quarter`, `/ month`, `per month`, `/yr`. */
const PER_RE = /(?:\/|(?:^|\s)per\s)\s?([a-z]+)$/i;
const PERIODS: Record<string, string> = {
  hour: 'hour', hr: 'hour', day: 'day', week: 'week', wk: 'week', month: 'month', mo: 'month',
  quarter: 'quarter', qtr: 'quarter', year: 'year', yr: 'year', annum: 'year',
};
/** Words that qualify a number without changing what it measures: `3.4 avg`, `$450K est`. */
const QUALIFIER_WORDS = new Set(['avg', 'average', 'mean', 'median', 'est', 'estimated', 'approx']);
const SCORE_RE = /^\/\s*(\d+(?:\.\d+)?)$/;
const WORD_RE = /^[a-z]+$/i;

const EXPONENT: Record<string, number> = { k: 3, m: 6, b: 9, thousand: 3, million: 6, mn: 6, mio: 6, billion: 9, bn: 9 };

/**
 * Reads a Target or Actual cell (spec §2.1). See `KpiValue` for the result; `N/A`, `TBD`,
 * dashes, `?` and empty cells are `unmeasured`, anything else unreadable is `unparsable`.
 * A trailing parenthetical note (`$450K (est.)`) and a leading `~` / `approx.` are ignored.
 */
export function parseKpiValue(cellText: string): ParsedCell {
  const cleaned = stripInlineMarkup(cellText);
  const unparsable: ParsedCell = { state: 'unparsable', raw: cleaned };
  if (UNMEASURED.has(cleaned.toLowerCase())) return { state: 'unmeasured' };

  // A note in parentheses after the value is ignored, as is anything after it.
  const paren = cleaned.indexOf('(');
  const valueText = (paren >= 0 ? cleaned.slice(0, paren) : cleaned).trim();
  if (valueText === '') return unparsable;
  if (UNMEASURED.has(valueText.toLowerCase())) return { state: 'unmeasured' };

  let rest = valueText;
  let comparator: Comparator | undefined;
  let m = APPROX_RE.exec(rest);
  if (m) rest = rest.slice(m[0].length);
  m = COMPARATOR_RE.exec(rest) ?? WORD_COMPARATOR_RE.exec(rest);
  if (m) {
    comparator = own(COMPARATORS, m[1]!.toLowerCase());
    rest = rest.slice(m[0].length);
  }
  m = APPROX_RE.exec(rest);
  if (m) rest = rest.slice(m[0].length);

  // Tokenise: [sign] [symbol | code] [sign] digits, spaces allowed between (`-$500`, `$ -500`, `$ 500`, `EUR 2.5M`).
  let i = 0;
  let sign = '';
  let symbol = '';
  const code = LEADING_CODE_RE.exec(rest);
  if (code) {
    symbol = own(CURRENCY_CODES, code[1]!.toLowerCase())!;
    rest = rest.slice(code[0].length);
  }
  const skipSpaces = () => {
    while (i < rest.length && (rest[i] === ' ' || rest[i] === '\t' || rest[i] === '\u00A0')) i++;
  };
  if (SIGNS.includes(rest[i] ?? '#')) sign = rest[i++]!;
  skipSpaces();
  if (!symbol && SYMBOLS.includes(rest[i] ?? '#')) {
    symbol = rest[i++]!;
    skipSpaces();
    if (!sign && SIGNS.includes(rest[i] ?? '#')) sign = rest[i++]!;
  }
  const num = DIGITS_RE.exec(rest.slice(i));
  if (!num) return unparsable;
  const digits = num[0];
  const negative = sign === '-' || sign === '\u2212';
  let currency: string | undefined = symbol || undefined;
  let exponent = 0;
  rest = rest.slice(i + digits.length).trim();

  const mult = MULTIPLIER_RE.exec(rest);
  if (mult) {
    exponent = EXPONENT[mult[1]!.toLowerCase()]!;
    rest = rest.slice(mult[0].length).trim();
  }

  // Exact decimal → number conversion: `1.2` with exponent 6 is Number('1.2e6') = 1200000.
  const magnitude = Number(`${digits.replace(/,/g, '')}e${exponent}`);
  const value = negative ? -magnitude : magnitude;
  // A per-period suffix (`€40K/quarter`, `< 3 per month`) says what the number is counted over.
  let per: string | undefined;
  const perMatch = PER_RE.exec(rest);
  if (perMatch) {
    per = own(PERIODS, normalizeUnit(perMatch[1]!));
    if (per) rest = rest.slice(0, perMatch.index).trim();
  }
  // `15% adoption`, `15 % of accounts`: a percentage qualified by words is a percentage.
  if (rest.startsWith('%') && rest.length > 1 && /^%\s[a-z][a-z ]*$/i.test(rest)) rest = '%';
  // `3.4 avg`, `2 days median`: qualifiers that do not change what is measured.
  if (rest !== '' && !rest.includes('/')) {
    const kept = rest.split(/\s+/).filter((w) => !QUALIFIER_WORDS.has(w.toLowerCase().replace(/\.$/, '')));
    rest = kept.join(' ');
  }
  const base = { value, raw: valueText, ...(comparator ? { comparator } : {}), ...(per ? { per } : {}) };

  if (rest === '') {
    return { state: 'value', value: currency ? { ...base, kind: 'currency', currency } : { ...base, kind: 'number' } };
  }
  if (rest === '%') {
    if (currency || exponent) return unparsable;
    return { state: 'value', value: { ...base, kind: 'percent' } };
  }
  const score = SCORE_RE.exec(rest);
  if (score) {
    if (currency || exponent) return unparsable;
    const denominator = Number(score[1]);
    return { state: 'value', value: { ...base, kind: 'score', denominator } };
  }
  // Trailing currency: `300 €`, `500 USD`.
  const trailingCurrency = rest.length === 1 && SYMBOLS.includes(rest) ? rest : own(CURRENCY_CODES, rest.toLowerCase());
  if (trailingCurrency) {
    if (currency && currency !== trailingCurrency) return unparsable;
    currency = trailingCurrency;
    return { state: 'value', value: { ...base, kind: 'currency', currency } };
  }
  // Unit words: `2 days`, `48 hours`, `2 business days` (the last word is singularised);
  // after a currency amount they qualify it (`$1.2M ARR`).
  const words = rest.split(/\s+/);
  if (!words.every((w) => WORD_RE.test(w))) return unparsable;
  const last = normalizeUnit(words[words.length - 1]!);
  if (last === '%' && words.length === 1) {
    if (exponent || currency) return unparsable;
    return { state: 'value', value: { ...base, kind: 'percent' } };
  }
  const unit = [...words.slice(0, -1).map((w) => w.toLowerCase()), last].join(' ');
  if (currency) return { state: 'value', value: { ...base, kind: 'currency', currency, unit } };
  return { state: 'value', value: { ...base, kind: 'unit', unit } };
}

// ---------------------------------------------------------------------------------------------
// Comparing a target with an actual

/**
 * Durations that convert exactly, in milliseconds. Months and years (uneven lengths) and business
 * days (not 24 hours) do not convert: against another unit they stay a unit mismatch.
 */
const DURATION_MS: Record<string, number> = {
  millisecond: 1,
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
};

/** Whether a parsed value is a duration (`120 ms`, `1.5 s`, `2 days`). */
export function isDuration(v: KpiValue | undefined): boolean {
  return v?.kind === 'unit' && own(DURATION_MS, v.unit ?? '') !== undefined;
}

function pluralUnit(unit: string): string {
  return unit.endsWith('s') ? unit : `${unit}s`;
}

function describeKind(v: KpiValue): string {
  switch (v.kind) {
    case 'number':
      return 'a plain number';
    case 'currency':
      return `a currency amount (${v.currency ?? '?'})`;
    case 'percent':
      return 'a percentage';
    case 'score':
      return `a score (out of ${formatNumber(v.denominator ?? 0)})`;
    case 'unit':
      return `in ${pluralUnit(v.unit ?? '')}`;
  }
}

/**
 * Checks that a target and an actual can be compared and returns the numbers to compare.
 *
 * - Kinds must agree (`$` vs `%`, number vs currency, number vs percent, score vs anything
 *   else: not ok); currency symbols must agree; units must agree when both sides have one.
 * - Decision: a bare number against a unit word is ok (people write Target `4` and
 *   Actual `4 campaigns`); the unit on one side is taken as implied on the other.
 * - Scores with different denominators are normalised to fractions of their denominators
 *   (`4/5` vs `8/10` → 0.8 vs 0.8); with equal denominators the numerators are returned.
 */
export function sameKind(
  target: KpiValue,
  actual: KpiValue,
): { ok: true; target: number; actual: number } | { ok: false; reason: string } {
  const ok = (t: number, a: number) => ({ ok: true as const, target: t, actual: a });
  // Counted over different periods (`€40K/quarter` vs `€150K/year`): not comparable as written.
  // One side without a period takes the other's (`€40K/quarter` vs `€38K`).
  if (target.per && actual.per && target.per !== actual.per) {
    return { ok: false, reason: `target is per ${target.per}, actual per ${actual.per}` };
  }
  const bareVsUnit =
    (target.kind === 'number' && actual.kind === 'unit') || (target.kind === 'unit' && actual.kind === 'number');
  if (bareVsUnit) return ok(target.value, actual.value);
  if (target.kind !== actual.kind) {
    return { ok: false, reason: `target is ${describeKind(target)}, actual ${describeKind(actual)}` };
  }
  switch (target.kind) {
    case 'currency':
      if (target.currency !== actual.currency) {
        return { ok: false, reason: `target is in ${target.currency ?? '?'}, actual in ${actual.currency ?? '?'}` };
      }
      if (target.unit && actual.unit && target.unit !== actual.unit) {
        return { ok: false, reason: `target is in ${target.currency ?? ''} ${target.unit}, actual in ${actual.currency ?? ''} ${actual.unit}` };
      }
      return ok(target.value, actual.value);
    case 'unit': {
      // Durations convert (`120 ms` vs `1.5 s`, `2 days` vs `48 hours`): compared in milliseconds.
      const tf = own(DURATION_MS, target.unit ?? '');
      const af = own(DURATION_MS, actual.unit ?? '');
      if (tf !== undefined && af !== undefined && tf !== af) return ok(target.value * tf, actual.value * af);
      if (target.unit !== actual.unit) {
        return {
          ok: false,
          reason: `target is in ${pluralUnit(target.unit ?? '')}, actual in ${pluralUnit(actual.unit ?? '')}`,
        };
      }
      return ok(target.value, actual.value);
    }
    case 'score': {
      const td = target.denominator ?? 0;
      const ad = actual.denominator ?? 0;
      if (td === ad) return ok(target.value, actual.value);
      if (td === 0 || ad === 0) return { ok: false, reason: 'a score has a denominator of 0' };
      return ok(target.value / td, actual.value / ad);
    }
    default:
      return ok(target.value, actual.value);
  }
}

// ---------------------------------------------------------------------------------------------
// Formatting

/** `1200000` → `1,200,000`; `-3.5` → `-3.5`; at most 2 decimals, trailing zeros dropped. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const negative = n < 0;
  let fixed = (Math.round(Math.abs(n) * 100) / 100).toFixed(2);
  while (fixed.endsWith('0') && fixed.includes('.')) fixed = fixed.slice(0, -1);
  if (fixed.endsWith('.')) fixed = fixed.slice(0, -1);
  const [int = '0', frac] = fixed.split('.');
  let grouped = '';
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) grouped += ',';
    grouped += int[i];
  }
  const body = frac ? `${grouped}.${frac}` : grouped;
  return negative && body !== '0' ? `-${body}` : body;
}
