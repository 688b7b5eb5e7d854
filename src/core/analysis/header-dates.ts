/**
 * Header date fields (spec §6): reading a date value (`Next renewal date`, `Next QBR`), and the
 * document's renewal dates (renewal-window, renewal-passed, the workspace index).
 */
import type { RuleContext } from '../rule.js';
import { daysBetween, findDate, parseDate, type DateOptions } from '../dates.js';
import { WHOLE_BRACKET } from '../placeholders.js';
import { trimEndChars, withoutMarkers } from '../text.js';
import { documentYear, extractFields, keyValueFields, type Field } from './fields.js';

/** Values that mean "no date yet" in a header date field. */
const NO_DATE = new Set(['', 'tbd', 'tba', 'n/a', 'na', 'none', 'unknown', 'pending', '-', '—', '–', '?']);

export type HeaderDate =
  | { state: 'placeholder' }
  | { state: 'none' }
  | { state: 'date'; date: Date; iso: string }
  | { state: 'unparsable' };

/**
 * Reads a header date value (`Next renewal date`, `Next QBR`): a bracket placeholder, a "no
 * date yet" word (TBD, N/A, —), a date (dates.ts parseDate at the start, else the first date
 * findDate sees in the text: `auto-renews on March 31, 2027`), or unparsable.
 */
export function readHeaderDate(raw: string, opts: DateOptions): HeaderDate {
  const v = withoutMarkers(raw).trim();
  if (WHOLE_BRACKET.test(v)) return { state: 'placeholder' };
  if (NO_DATE.has(trimEndChars(v.toLowerCase(), '.', false))) return { state: 'none' };
  const p = parseDate(v, opts);
  if (p.ok) return { state: 'date', date: p.date, iso: p.iso };
  const f = findDate(v, opts);
  if (f) return { state: 'date', date: f.date, iso: f.iso };
  if (v.startsWith('[')) return { state: 'placeholder' };
  return { state: 'unparsable' };
}

/**
 * The `Next renewal date` header fields and their dates (renewal-window, renewal-passed).
 * Unparsable values are silent (decision: there is no header-date rule to report them under,
 * and prose such as "auto-renews yearly" is a legitimate answer); placeholders are
 * placeholder-unfilled's.
 */
const RENEWAL_KEYS = ['next renewal date', 'renewal date', 'next renewal'];

export interface RenewalDate {
  field: Field;
  iso: string;
  /** Days from today to the renewal date (negative: passed). */
  days: number;
}

/** Read with `ctx.get(renewalDates)` (once per lint). */
export function renewalDates(ctx: RuleContext): RenewalDate[] {
  const out: RenewalDate[] = [];
  const opts = { dateOrder: ctx.config.dateOrder, defaultYear: ctx.get(documentYear) };
  // Field lines, then key / value table rows (`| Renewal date | 2027-03-31 |`).
  for (const field of [...ctx.get(extractFields), ...ctx.get(keyValueFields)]) {
    if (!RENEWAL_KEYS.includes(field.key)) continue;
    const d = readHeaderDate(field.value, opts);
    if (d.state !== 'date') continue;
    out.push({ field, iso: d.iso, days: daysBetween(ctx.today, d.date) });
  }
  return out;
}
