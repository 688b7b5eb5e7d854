/**
 * KPI value arithmetic (spec §2): reading Target/Actual/Status/Trend cells, direction,
 * attainment, RAG status and health bands. Pure functions, no I/O.
 *
 * Every regular expression here is linear-time: no nested quantifiers and no overlapping
 * alternatives under a quantifier.
 */
import { memoByString } from './memo.js';

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

export type Direction = 'higher' | 'lower';
export type Rag = 'green' | 'yellow' | 'red';

// ---------------------------------------------------------------------------------------------
// Cell text helpers

/** Strips emphasis markers (`**x**`, `*x*`, `__x__`, `_x_`), inline-code backticks and outer space. */
export function stripInlineMarkup(text: string): string {
  // Markers never carry meaning in a value cell or a metric name, so they go wherever they are
  // (an underscore becomes a space: `_2_ days`, `time_to_close`).
  return text.replace(/[*`]/g, '').replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Own-property lookup (a cell saying `constructor` must not find Object.prototype members). */
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
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
// Direction (spec §2.2)

/** Keyword → canonical keyword reported. Plurals/singulars of the spec's words included. */
const LOWER_KEYWORDS: Record<string, string> = {
  cost: 'cost', costs: 'cost',
  churn: 'churn',
  time: 'time', times: 'time',
  ticket: 'tickets', tickets: 'tickets',
  defect: 'defects', defects: 'defects',
  incident: 'incidents', incidents: 'incidents',
  escalation: 'escalations', escalations: 'escalations',
  spend: 'spend',
  cac: 'CAC',
  // Beyond the spec's list (real status reports and SLA reviews, see kpi-status-mismatch.md):
  // durations and rates of things going wrong.
  latency: 'latency', latencies: 'latency',
  downtime: 'downtime',
  mttr: 'MTTR', mttd: 'MTTD', mtta: 'MTTA',
  p90: 'p90', p95: 'p95', p99: 'p99',
  bounce: 'bounce', bounces: 'bounce',
  burn: 'burn',
  outage: 'outages', outages: 'outages',
  failure: 'failures', failures: 'failures', failed: 'failures', fails: 'failures',
};
const LOWER_STEMS: Array<[string, string]> = [
  ['cost', 'cost'], ['churn', 'churn'], ['ticket', 'tickets'], ['defect', 'defects'],
  ['incident', 'incidents'], ['escalat', 'escalations'], ['spend', 'spend'],
  ['error', 'errors'], ['abandon', 'abandonment'],
];
/**
 * Lower-is-better when the metric is measured as a duration (`First response | 4 h | 2.5 h`,
 * `Resolution (business days)`): a response *rate* or a resolution *percentage* is higher-is-better.
 */
const DURATION_KEYWORDS: Record<string, string> = {
  response: 'response', resolution: 'resolution', resolve: 'resolution', handling: 'handling', turnaround: 'turnaround', tat: 'turnaround',
  sla: 'SLA', approval: 'approval',
};
/**
 * "time" after these words is not a duration to keep short, or the metric counts time between
 * bad events: `Mean time between failures` is higher-is-better.
 */
const TIME_BETWEEN = new Set(['between']);
/**
 * "time" after these words is not a duration (`On-time delivery`, `Real-time sync`,
 * `First-time fix rate`, `Full-time staff`): those metrics are higher-is-better.
 */
const TIME_NOT_DURATION = new Set(['on', 'real', 'first', 'full', 'part']);

/** Metric-name normalisation for config lookups: markup stripped, trimmed, lowercase, one space. */
export const normalizeMetricName = memoByString(normalizeMetricNameUncached, 20_000);

function normalizeMetricNameUncached(name: string): string {
  return stripInlineMarkup(name).replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Direction of a metric. Precedence: a configured direction (case-insensitive name match)
 * → a comparator in the target (`≤`/`<` lower, `≥`/`>` higher) → keywords in the name
 * (whole words: `Issue resolution time` and `Time to close` are lower-is-better,
 * `Lifetime value` and `Timeline` are not) → higher.
 */
export interface DirectionWords {
  /** Configured `lowerIsBetter` words / phrases (whole words, case-insensitive). */
  lowerIsBetter?: readonly string[];
  /** Configured `higherIsBetter` words / phrases: they win over the built-in keywords. */
  higherIsBetter?: readonly string[];
}

/** Whether `phrase` (lowercase words) occurs in `words` as whole consecutive words. */
/**
 * Words that turn a cost, spend, ticket, churn or escalation metric into an achievement
 * (higher is better) — checked before the lower-is-better keywords (see kpi-status-mismatch.md).
 */
const ACHIEVED_WORDS = [
  'avoided', 'avoidance', 'saved', 'savings', 'saving', 'reduction', 'reductions', 'deflected', 'deflection',
  'prevented', 'resolved', 'closed', 'fixed', 'recovered', 'under audit', 'under management',
  // A cloud marketplace commitment drawn down through the partner (MACC / EDP drawdown) is revenue.
  'drawdown', 'drawdowns', 'drawing down', 'drawn down', 'draw down', 'draws down',
];

function hasPhrase(words: readonly string[], phrase: string): boolean {
  const p = phrase.toLowerCase().split(/[^a-z0-9%]+/).filter((w) => w !== '');
  if (p.length === 0) return false;
  for (let i = 0; i + p.length <= words.length; i++) {
    let j = 0;
    while (j < p.length && words[i + j] === p[j]) j++;
    if (j === p.length) return true;
  }
  return false;
}

export function directionOf(
  metricName: string,
  target: KpiValue | undefined,
  metricsConfig: Record<string, { direction?: Direction }>,
  configured: DirectionWords = {},
  actual?: KpiValue,
): { direction: Direction; reason: 'config' | 'config-word' | 'comparator' | 'keyword' | 'default'; keyword?: string } {
  const key = normalizeMetricName(metricName);
  for (const [name, cfg] of Object.entries(metricsConfig)) {
    if (cfg.direction && normalizeMetricName(name) === key) return { direction: cfg.direction, reason: 'config' };
  }
  const c = target?.comparator;
  if (c === '<' || c === '<=') return { direction: 'lower', reason: 'comparator' };
  if (c === '>' || c === '>=') return { direction: 'higher', reason: 'comparator' };

  const words = key.split(/[^a-z0-9]+/).filter((w) => w !== '');
  // Configured words: higher first (it exists to overrule a built-in keyword), then lower.
  for (const w of configured.higherIsBetter ?? []) {
    if (hasPhrase(words, w)) return { direction: 'higher', reason: 'config-word', keyword: w };
  }
  for (const w of configured.lowerIsBetter ?? []) {
    if (hasPhrase(words, w)) return { direction: 'lower', reason: 'config-word', keyword: w };
  }
  const durationValued = isDuration(target) || isDuration(actual);
  // A lower-is-better word that names what was achieved (`Cost avoided`, `Ticket deflection`,
  // `Spend under management`, `Escalations resolved`) counts up: more is better.
  for (const w of ACHIEVED_WORDS) {
    if (hasPhrase(words, w)) return { direction: 'higher', reason: 'keyword', keyword: w };
  }
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if ((w === 'days' || w === 'day') && words[i + 1] === 'to') {
      return { direction: 'lower', reason: 'keyword', keyword: 'days to' };
    }
    // Spec §2.2: the name *contains* a keyword — so inflected forms count (`Churned customers`,
    // `Escalated cases`, `Costs`), matched at the start of a word. `time` and `CAC` stay whole
    // words (`Lifetime value`, `Timeline`, `Cache hit rate` are not lower-is-better).
    const kw = own(LOWER_KEYWORDS, w) ?? LOWER_STEMS.find(([stem]) => w.startsWith(stem))?.[1];
    if (!kw) continue;
    if (kw === 'time' && i > 0 && TIME_NOT_DURATION.has(words[i - 1]!)) continue;
    // Time between failures (MTBF) grows when things go well: not lower-is-better.
    if (words.includes('mtbf') || (TIME_BETWEEN.has(words[i + 1] ?? '') && (kw === 'time' || kw === 'failures'))) {
      return { direction: 'higher', reason: 'default' };
    }
    return { direction: 'lower', reason: 'keyword', keyword: kw };
  }
  if (durationValued) {
    for (const w of words) {
      const kw = own(DURATION_KEYWORDS, w);
      if (kw) return { direction: 'lower', reason: 'keyword', keyword: `${kw} (a duration)` };
    }
  }
  return { direction: 'higher', reason: 'default' };
}

// ---------------------------------------------------------------------------------------------
// Attainment, status and health (spec §2.3, §2.5, §3)

/** Rounds half up to a whole number, tolerant of float noise (89.49999999999999 → 90). */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}

/**
 * Exact attainment in percent (not rounded): actual / target × 100 (higher is better) or
 * target / actual × 100 (lower is better). The band is decided on this figure (spec §9: a
 * shortfall is never Green). Float noise is snapped away (`0.57 × 100 / 0.57` is 100, not
 * 99.99999999999999), a real shortfall of 0.02 % is kept.
 * - target 0 → null (not computable).
 * - lower is better and actual 0 → 100 (spec: "100% or more → Green").
 * - negative values are computed as written; a non-finite result is null. Never throws.
 */
export function exactAttainment(target: number, actual: number, direction: Direction): number | null {
  if (!Number.isFinite(target) || !Number.isFinite(actual) || target === 0) return null;
  let ratio: number;
  if (direction === 'higher') {
    ratio = (actual * 100) / target;
  } else {
    if (actual === 0) return 100;
    ratio = (target * 100) / actual;
  }
  if (!Number.isFinite(ratio)) return null;
  const snapped = Math.round(ratio * 1e9) / 1e9;
  return snapped === 0 ? 0 : snapped; // no -0
}

/**
 * The whole percent shown for an exact figure: rounded half up, except that a value below one of
 * `boundaries` is never shown at or above it (99.98 → 99 below 100; 79.6 → 79 below 80), so the
 * figure shown always falls in the band it was judged in.
 */
export function displayPercent(exact: number, boundaries: readonly number[]): number {
  let r = roundHalfUp(exact);
  for (const b of boundaries) if (exact < b && r >= b) r = Math.min(r, Math.ceil(b) - 1);
  return r === 0 ? 0 : r;
}

const DEFAULT_STATUS_BANDS = { statusGreen: 100, statusYellow: 80 };

/**
 * Attainment in whole percent as shown (see `exactAttainment` and `displayPercent`; the status
 * thresholds are the band boundaries, 100 and 80 by default). Null when not computable.
 */
export function attainment(
  target: number,
  actual: number,
  direction: Direction,
  thresholds: { statusGreen: number; statusYellow: number } = DEFAULT_STATUS_BANDS,
): number | null {
  const exact = exactAttainment(target, actual, direction);
  return exact === null ? null : displayPercent(exact, [thresholds.statusGreen, thresholds.statusYellow]);
}

/**
 * Whether a stated percentage agrees with a figure: equal to the displayed whole percent once
 * rounded, or — written with decimals (`99.98%`) — equal to the exact figure at that precision.
 */
export function statedPercentAgrees(stated: number, displayed: number, exact: number): boolean {
  if (roundHalfUp(stated) === displayed) return true;
  if (Number.isInteger(stated)) return false;
  const decimals = Math.min(String(stated).split('.')[1]?.length ?? 0, 6);
  return Math.abs(stated - exact) <= 10 ** -decimals / 2 + 1e-9;
}

/** KPI status from attainment: ≥ statusGreen green, ≥ statusYellow yellow, else red. */
export function statusFor(att: number, thresholds: { statusGreen: number; statusYellow: number }): Rag {
  if (att >= thresholds.statusGreen) return 'green';
  if (att >= thresholds.statusYellow) return 'yellow';
  return 'red';
}

/** Health band of a score (0–100): ≥ healthGreen green, ≥ healthYellow yellow, else red. */
export function healthBand(score: number, thresholds: { healthGreen: number; healthYellow: number }): Rag {
  if (score >= thresholds.healthGreen) return 'green';
  if (score >= thresholds.healthYellow) return 'yellow';
  return 'red';
}

/** Each colour's word, emoji in a Status cell (`✅ Green`) and emoji in a health badge (`🟢 Green`): the one table of them. */
export const RAG_WORD: Readonly<Record<Rag, string>> = { green: 'Green', yellow: 'Yellow', red: 'Red' };
export const STATUS_EMOJI: Readonly<Record<Rag, string>> = { green: '✅', yellow: '\u26A0\uFE0F', red: '🔴' };
export const BADGE_EMOJI: Readonly<Record<Rag, string>> = { green: '🟢', yellow: '🟡', red: '🔴' };

/** The canonical Status cell a fix writes: `✅ Green (124% of target)`. */
export function canonicalStatus(rag: Rag, att: number): string {
  return `${STATUS_EMOJI[rag]} ${RAG_WORD[rag]} (${att}% of target)`;
}

/** A health badge: `🟢 Green`, `🟡 Yellow`, `🔴 Red`. */
export function badgeFor(rag: Rag): string {
  return `${BADGE_EMOJI[rag]} ${RAG_WORD[rag]}`;
}

/** Capitalised RAG word: `Green`, `Yellow`, `Red`. */
export function ragWord(rag: Rag): string {
  return RAG_WORD[rag];
}

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

// ---------------------------------------------------------------------------------------------
// Trend (spec §2.4)

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
