/**
 * Dates in action items and headers (spec §4, §6). Regular expressions here only *tokenise*
 * (find where a date-shaped run of text is and cut it into parts); date-fns does the parsing
 * and the calendar validation (`2026-02-30` is rejected by date-fns, not by a regex).
 *
 * Every regular expression is sticky (`y`, anchored at a given position) and linear-time.
 */
import {
  differenceInCalendarDays,
  endOfMonth,
  endOfQuarter,
  format,
  isValid,
  parse,
  startOfDay,
} from 'date-fns';

export type DateOrder = 'mdy' | 'dmy';

export interface DateOptions {
  /** How to read `1/2/2026`: month first (`mdy`, Jan 2) or day first (`dmy`, Feb 1). */
  dateOrder: DateOrder;
  /** The year for a date written without one (`Jan 15`, `end of Q3`); none → such dates fail. */
  defaultYear?: number;
}

export type ParsedDate = { ok: true; date: Date; iso: string; end: number; precision: DatePrecision } | { ok: false };

/** A fixed reference date so parsing never depends on the clock. */
const REFERENCE = new Date(2000, 0, 1);

/** `2026-01-15`, `2026/1/15` */
const ISO_RE = /(\d{4})([-/])(\d{1,2})([-/])(\d{1,2})/y;
/** `1/15/2026`, `15.01.2026`, `1-15-26` (order per dateOrder) */
const NUMERIC_RE = /(\d{1,2})([/.-])(\d{1,2})([/.-])(\d{4}|\d{2})/y;
/** `1/15` (no year) */
const NUMERIC_NO_YEAR_RE = /(\d{1,2})\/(\d{1,2})/y;
/** `Jan 15, 2026`, `January 15 2026`, `Sept. 3rd`, `March 3` */
const MONTH_DAY_RE = /([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s*(\d{4}))?/y;
/** `15 Jan 2026`, `15th of January, 2026`, `3 March` */
const DAY_MONTH_RE = /(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]{3,9})\.?(?:,?\s*(\d{4}))?/y;
/** `March 2026`, `Mar. 2026` → the last day of the month (a due month means by its end) */
const MONTH_YEAR_RE = /([A-Za-z]{3,9})\.?,?\s+(\d{4})/y;
/** `Q3 2026`, `Q3-2026`, `q3, 2026`, `Q3` (no year) */
const QUARTER_RE = /[Qq]([1-4])(?:\s*(?:[-/,]\s*)?(\d{4}))?/y;
/** `end of `, `the end of the ` before a quarter or a month */
const END_OF_RE = /(?:the\s+)?end\s+of\s+(?:the\s+)?/iy;

interface Mode {
  /** Accept `1/15` without a year (parseDate yes; findDate no: `8/10` is a score). */
  numericWithoutYear: boolean;
  /** Month names must be capitalised (findDate: "we may 3x" is not May 3). */
  capitalisedMonths: boolean;
  /** Accept a bare `Q3` without a year and without "end of" (findDate no: "our Q3 goals"). */
  bareQuarter: boolean;
}
const LENIENT: Mode = { numericWithoutYear: true, capitalisedMonths: false, bareQuarter: true };
const STRICT: Mode = { numericWithoutYear: false, capitalisedMonths: true, bareQuarter: false };

interface Hit {
  date: Date;
  /** Absolute end offset in the text. */
  end: number;
  /** What the text names: a day, a month (its last day) or a quarter (its last day). */
  precision: DatePrecision;
}

/** What a parsed date names: a day, or a month / quarter standing for its last day. */
export type DatePrecision = 'day' | 'month' | 'quarter';

function isAlnum(ch: string | undefined): boolean {
  return ch !== undefined && /^[A-Za-z0-9]$/.test(ch);
}

function stickyExec(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

function pad2(n: string): string {
  return n.length === 1 ? `0${n}` : n;
}

function valid(d: Date): Date | null {
  return isValid(d) ? startOfDay(d) : null;
}

/** y-m-d numbers (as written) → a local-midnight date, or null when not a calendar date. */
function fromNumbers(y: string, m: string, d: string): Date | null {
  const year = y.length === 2 ? `20${y}` : y;
  return valid(parse(`${year}-${pad2(m)}-${pad2(d)}`, 'yyyy-MM-dd', REFERENCE));
}

/** Normalises a month word for date-fns (`Sept` → `Sep`); null when capitalisation is required and missing. */
function monthWord(word: string, mode: Mode): string | null {
  if (mode.capitalisedMonths && !/^[A-Z]/.test(word)) return null;
  return word.toLowerCase() === 'sept' ? 'Sep' : word;
}

/** Month name + day (+ year) → date via date-fns (`MMMM` also accepts `Jan`). */
function fromMonthName(word: string, day: string, year: string | undefined, opts: DateOptions, mode: Mode): Date | null {
  const month = monthWord(word, mode);
  const y = year ?? (opts.defaultYear !== undefined ? String(opts.defaultYear) : undefined);
  if (month === null || y === undefined) return null;
  return valid(parse(`${month} ${Number(day)} ${y}`, 'MMMM d yyyy', REFERENCE));
}

function yearOrDefault(year: string | undefined, opts: DateOptions): string | undefined {
  if (year !== undefined) return year;
  return opts.defaultYear !== undefined ? String(opts.defaultYear).padStart(4, '0') : undefined;
}

/** All date shapes tried at `pos`; the longest valid one wins. */
function parseAt(text: string, pos: number, opts: DateOptions, mode: Mode): Hit | null {
  const hits: Hit[] = [];
  const add = (date: Date | null, end: number, precision: DatePrecision = 'day') => {
    if (date && !isAlnum(text[end])) hits.push({ date, end, precision });
  };
  let m: RegExpExecArray | null;

  // Both separators must be the same (`2026-01-15`, not `2026-01/15`).
  if ((m = stickyExec(ISO_RE, text, pos)) && m[2] === m[4]) {
    add(fromNumbers(m[1]!, m[3]!, m[5]!), pos + m[0].length);
  }
  if ((m = stickyExec(NUMERIC_RE, text, pos)) && m[2] === m[4]) {
    const [first, second] = [m[1]!, m[3]!];
    const [month, day] = opts.dateOrder === 'mdy' ? [first, second] : [second, first];
    add(fromNumbers(m[5]!, month, day), pos + m[0].length);
  }
  if (mode.numericWithoutYear && (m = stickyExec(NUMERIC_NO_YEAR_RE, text, pos))) {
    const [first, second] = [m[1]!, m[2]!];
    const [month, day] = opts.dateOrder === 'mdy' ? [first, second] : [second, first];
    const y = yearOrDefault(undefined, opts);
    if (y !== undefined && text[pos + m[0].length] !== '/') add(fromNumbers(y, month, day), pos + m[0].length);
  }
  if ((m = stickyExec(MONTH_DAY_RE, text, pos))) {
    add(fromMonthName(m[1]!, m[2]!, m[3], opts, mode), pos + m[0].length);
  }
  if ((m = stickyExec(DAY_MONTH_RE, text, pos))) {
    add(fromMonthName(m[2]!, m[1]!, m[3], opts, mode), pos + m[0].length);
  }

  // "end of" is optional before a quarter or a month-and-year.
  const endOf = stickyExec(END_OF_RE, text, pos);
  const p = endOf ? pos + endOf[0].length : pos;
  if ((m = stickyExec(MONTH_YEAR_RE, text, p))) {
    const month = monthWord(m[1]!, mode);
    if (month !== null) {
      const start = valid(parse(`${month} ${m[2]!}`, 'MMMM yyyy', REFERENCE));
      add(start && startOfDay(endOfMonth(start)), p + m[0].length, 'month');
    }
  }
  if ((m = stickyExec(QUARTER_RE, text, p))) {
    const y = yearOrDefault(m[2], opts);
    if (y !== undefined && (m[2] !== undefined || endOf || mode.bareQuarter)) {
      const start = valid(parse(`${m[1]!} ${y}`, 'Q yyyy', REFERENCE));
      add(start && startOfDay(endOfQuarter(start)), p + m[0].length, 'quarter');
    }
  }

  let best: Hit | null = null;
  for (const h of hits) if (!best || h.end > best.end) best = h;
  return best;
}

/** `YYYY-MM-DD` of a date (local calendar). */
export function isoDate(date: Date): string {
  return format(date, 'yyyy-MM-dd');
}

/** The local-midnight date of a `YYYY-MM-DD` string (isoDate's inverse). */
export function dateOfIso(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d);
}

/**
 * Parses the date at the start of `text` (leading whitespace ignored; text may continue after
 * it: `Jan 15, 2026 (tentative)`). Accepts ISO `2026-01-15`; `Jan 15, 2026`, `January 15 2026`,
 * `15 Jan 2026`; numeric `1/15/2026` or `15/1/2026` per dateOrder; `Q3 2026` and
 * `end of Q3 2026` (last day of the quarter); `March 2026` (last day of the month); dates
 * without a year (`Jan 15`, `1/15`, `end of Q3`) take defaultYear and fail without one.
 * `end` counts the characters consumed from the start of the trimmed text.
 */
export function parseDate(text: string, opts: DateOptions): ParsedDate {
  const s = text.trimStart();
  const hit = parseAt(s, 0, opts, LENIENT);
  if (!hit) return { ok: false };
  return { ok: true, date: hit.date, iso: isoDate(hit.date), end: hit.end, precision: hit.precision };
}

/**
 * The first date anywhere in `text` (starting at a word boundary), with its [start, end)
 * offsets; null when none. Stricter than parseDate to avoid false hits in prose: no
 * year-less numeric dates (`8/10` is a score), month names capitalised ("we may 3x"), and a
 * quarter needs a year or "end of" ("our Q3 goals" is not a date).
 */
export function findDate(
  text: string,
  opts: DateOptions,
): { date: Date; iso: string; start: number; end: number; precision: DatePrecision } | null {
  for (let i = 0; i < text.length; i++) {
    if (!isAlnum(text[i]) || isAlnum(text[i - 1])) continue;
    const hit = parseAt(text, i, opts, STRICT);
    if (hit) return { date: hit.date, iso: isoDate(hit.date), start: i, end: hit.end, precision: hit.precision };
  }
  return null;
}

/** Calendar days from `from` to `to` (to − from), DST-safe. */
export function daysBetween(from: Date, to: Date): number {
  return differenceInCalendarDays(to, from);
}

/**
 * "Today" for a run: a `YYYY-MM-DD` string → that day at local midnight; a Date → its local
 * midnight; undefined → today at local midnight. Throws on a malformed or impossible string.
 */
export function parseToday(today?: string | Date): Date {
  if (today === undefined) return startOfDay(new Date());
  if (today instanceof Date) {
    if (!isValid(today)) throw new Error('Invalid "today": the Date is invalid');
    return startOfDay(today);
  }
  const s = today.trim();
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? parse(s, 'yyyy-MM-dd', REFERENCE) : null;
  if (!d || !isValid(d)) throw new Error(`Invalid "today" date "${today}": expected YYYY-MM-DD, e.g. 2026-01-15`);
  return startOfDay(d);
}

// ---------------------------------------------------------------------------------------------
// Due phrases (action items, spec §9): dates as people write them in action lists.

export interface DueOptions extends DateOptions {
  /**
   * The document's own date (a day: its Date / Report Date field…). `end of month` / `EOM`,
   * `end of quarter` / `EOQ` and `EOY` count from it; without one they name no date.
   */
  reference?: Date;
  /**
   * Where the document's time starts: its date, else the first day of its period. A month
   * written alone (`by November`) is that month of this date's year, or of the next year when
   * the month comes earlier in the year; without one a month alone names no date.
   */
  from?: Date;
}

/**
 * A due phrase at the start of a text: `date` is its last day, or null when the phrase names
 * no computable day (`next week`, `Friday`, `EOM` in an undated document). `kind`: `date` (a
 * written date, spec §4), `month` (a month alone), `relative` (end of month / quarter / year),
 * `vague` (next week, this sprint, a weekday, mid-November…). `end`: characters consumed.
 */
export type DuePhrase =
  | { ok: true; date: Date | null; iso: string | null; end: number; kind: 'date' | 'month' | 'relative' | 'vague' }
  | { ok: false };

/** `end of (the|this) month`, `EOM`, `month-end` (and quarter / year). */
const END_REL_RE = /(?:(?:the[ \t]+)?end[ \t]+of[ \t]+(?:the[ \t]+|this[ \t]+)?(month|quarter|year)|(eom|eoq|eoy)|(month|quarter|year)[- ]end)(?![\p{L}\p{N}'’-])/iuy;
/** Phrases that name a time without a computable day. */
const VAGUE_RE =
  /(?:(?:this|next)[ \t]+(?:week|month|quarter|year|sprint|qbr|meeting|sync|call)|(?:the[ \t]+)?end[ \t]+of[ \t]+(?:(?:the|this)[ \t]+)?(?:week|day|sprint)|(?:the[ \t]+)?end[ \t]+of[ \t]+next[ \t]+(?:week|month|quarter|year|sprint)|eow|eod|cob|tomorrow|today|tonight|(?:(?:this|next)[ \t]+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:early|mid|late)[- ][ \t]?(?:[A-Za-z]{3,9}\.?|q[1-4]|\d{4}))(?![\p{L}\p{N}'’-])/iuy;
/** A month name alone (not followed by a day or a year: those are dates); `end of` may precede it. */
const MONTH_ALONE_RE = /([A-Za-z]{3,9})\.?(?![\p{L}\p{N}'’-])(?![ \t]*\d)(?![ \t]*,[ \t]*\d)/uy;
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** Month index of a full or three-letter month name (`Sept` too), else -1. */
function monthIndex(word: string): number {
  const w = word.toLowerCase();
  if (w === 'sept') return 8;
  for (let i = 0; i < 12; i++) {
    const m = MONTHS[i]!;
    if (w === m || (w.length === 3 && m.startsWith(w))) return i;
  }
  return -1;
}

/**
 * Reads a due phrase at the start of `text` (no leading blanks). `strict` (in prose, after a
 * bare `by`) reads dates like findDate and month names only capitalised; otherwise like
 * parseDate. Written dates win; then end of month / quarter / year, vague phrases, a month alone.
 */
export function parseDuePhrase(text: string, opts: DueOptions, strict: boolean): DuePhrase {
  const mode = strict ? STRICT : LENIENT;
  const hit = parseAt(text, 0, opts, mode);
  if (hit) return { ok: true, date: hit.date, iso: isoDate(hit.date), end: hit.end, kind: 'date' };
  let m: RegExpExecArray | null;
  if ((m = stickyExec(END_REL_RE, text, 0))) {
    const unit = (m[1] ?? m[3] ?? { eom: 'month', eoq: 'quarter', eoy: 'year' }[m[2]!.toLowerCase()]!).toLowerCase();
    let date: Date | null = null;
    if (unit === 'month' && opts.reference) date = startOfDay(endOfMonth(opts.reference));
    else if (unit === 'quarter' && opts.reference) date = startOfDay(endOfQuarter(opts.reference));
    else if (unit === 'year') {
      const base = opts.reference ?? opts.from;
      if (base) date = new Date(base.getFullYear(), 11, 31);
    }
    return { ok: true, date, iso: date && isoDate(date), end: m[0].length, kind: 'relative' };
  }
  if ((m = stickyExec(VAGUE_RE, text, 0)) && vagueOk(m[0], strict)) {
    return { ok: true, date: null, iso: null, end: m[0].length, kind: 'vague' };
  }
  // A month alone, also after `end of` (`by end of November`: the month's last day, as `by November`).
  const endOf = stickyExec(END_OF_RE, text, 0);
  const mp = endOf ? endOf[0].length : 0;
  if ((m = stickyExec(MONTH_ALONE_RE, text, mp))) {
    const mi = monthIndex(m[1]!);
    if (mi !== -1 && (!strict || /^[A-Z]/.test(m[1]!))) {
      let date: Date | null = null;
      if (opts.from) {
        const y = opts.from.getFullYear() + (mi < opts.from.getMonth() ? 1 : 0);
        date = startOfDay(endOfMonth(new Date(y, mi, 1)));
      }
      return { ok: true, date, iso: date && isoDate(date), end: mp + m[0].length, kind: 'month' };
    }
  }
  return { ok: false };
}

/** A vague phrase's extra checks: `mid-November` needs a month, quarter or year; in prose a weekday is capitalised. */
function vagueOk(phrase: string, strict: boolean): boolean {
  const pre = /^(?:early|mid|late)[- ][ \t]?/i.exec(phrase);
  if (pre) {
    const rest = phrase.slice(pre[0].length).replace(/\.$/, '');
    return /^(?:q[1-4]|\d{4})$/i.test(rest) || monthIndex(rest) !== -1;
  }
  if (strict && /day$/i.test(phrase) && !/^(?:this|next)/i.test(phrase) && !/^[A-Z]/.test(phrase)) return /^(?:today|tomorrow)$/i.test(phrase);
  return true;
}
