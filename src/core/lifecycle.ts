/**
 * The partnership lifecycle stage (the playbook's "Partnership Lifecycle Stages"): from the
 * partnership's start date and its renewal date, on a given day —
 *
 * - **Pre-launch**: before the start date (a launch plan written ahead of the kickoff);
 * - **Launch**: months 1–3 after the start; **Ramp-Up**: months 4–6; **Steady-State**: month 7 on;
 * - **Renewal window**: 0 to `renewalWindowDays` (90) days before the renewal / expiration date,
 *   the renewal day included — it wins over the month stages (a 6-month pilot that renews in
 *   month 5 is in its renewal window, not Ramp-Up);
 * - **Expired**: after the renewal date (no later renewal date known) — it wins over everything.
 *
 * Month k of the partnership starts on the start date plus k − 1 calendar months (clamped to the
 * month's end: a partnership started Jan 31 enters month 2 on Feb 28). A start date written as a
 * month, a quarter or a year (`Partner since: March 2024`, `Q1 2024`, `2024`) is a range of days:
 * its stage is known when every day of the range gives the same one, else the stage is unknown
 * (say so, do not guess). No start date → no month stage, but the renewal window and Expired can
 * still be known.
 *
 * Pure: no clock; "on" is given (today for the editor, the document's own date for the stage it
 * was written in).
 */
import { addMonths, differenceInCalendarMonths, endOfMonth, endOfQuarter, endOfYear, startOfMonth, startOfQuarter, startOfYear } from 'date-fns';
import { daysBetween, dateOfIso, findDate, isoDate, parseDate, type DateOptions } from './dates.js';

export type StageId = 'pre-launch' | 'launch' | 'ramp-up' | 'steady-state' | 'renewal-window' | 'expired';

export const STAGE_LABEL: Record<StageId, string> = {
  'pre-launch': 'Pre-launch',
  launch: 'Launch',
  'ramp-up': 'Ramp-Up',
  'steady-state': 'Steady-State',
  'renewal-window': 'Renewal window',
  expired: 'Expired',
};

/** What the playbook has a partnership manager do in each stage (for hovers, the dashboard, the report). */
export const STAGE_FOCUS: Record<StageId | 'unknown', string> = {
  'pre-launch': 'Finish the launch plan: milestones with owners and dates, roles, communication cadence, success criteria.',
  launch: 'Kickoff, align on priorities and quick wins, set the communication rhythm, first joint activity.',
  'ramp-up': 'Scale what worked, optimise processes, build momentum with wins and case studies.',
  'steady-state': 'Execute against the plan, regular performance reviews, explore expansion.',
  'renewal-window':
    'Assess performance against the original goals, document value and ROI, recommend: Expand, Renew as-is, Modify and renew, or Sunset.',
  expired: 'Record the renewal outcome and the new term’s renewal date (or the sunset).',
  unknown: 'Add the partnership start date (e.g. `**Start date**: January 1, 2024`) to know the stage.',
};

/** A start date: one day, or the days of the month / quarter / year it was written as. */
export interface StartDate {
  /** First possible day, YYYY-MM-DD. */
  from: string;
  /** Last possible day, YYYY-MM-DD (= from for a day). */
  to: string;
  precision: 'day' | 'month' | 'quarter' | 'year';
  /** The value as written (for messages). */
  text: string;
}

export interface LifecycleStage {
  /** The day the stage is computed for, YYYY-MM-DD. */
  on: string;
  /** null: unknown (see `note`). */
  stage: StageId | null;
  /** `Ramp-Up`, `Renewal window`…, or `Unknown`. */
  label: string;
  /** Month of the partnership on `on` (1-based), when the start date gives one; null otherwise. */
  month: number | null;
  /** Days from `on` to the renewal date (negative: passed), or null. */
  daysToRenewal: number | null;
  start: StartDate | null;
  renewal: string | null;
  windowDays: number;
  /** Why the stage is unknown, or what is missing (`no start date`), or null. */
  note: string | null;
}

export interface StageInput {
  start: StartDate | null;
  /** Renewal / expiration date, YYYY-MM-DD, or null. */
  renewal: string | null;
  on: Date;
  /** renewalWindowDays (default 90). */
  windowDays?: number;
}

/** Month of the partnership on `on` for a start day (1-based); 0 before the start. */
export function partnershipMonth(start: Date, on: Date): number {
  if (daysBetween(start, on) < 0) return 0;
  let m = differenceInCalendarMonths(on, start);
  if (daysBetween(addMonths(start, m), on) < 0) m--;
  return m + 1;
}

function monthStage(month: number): StageId {
  return month <= 0 ? 'pre-launch' : month <= 3 ? 'launch' : month <= 6 ? 'ramp-up' : 'steady-state';
}

/** The stage on `input.on` (see the module comment for the rules and their precedence). */
export function lifecycleStage(input: StageInput): LifecycleStage {
  const windowDays = input.windowDays ?? 90;
  const on = input.on;
  const daysToRenewal = input.renewal ? daysBetween(on, dateOfIso(input.renewal)) : null;
  let month: number | null = null;
  let fromMonths: StageId | null = null;
  let note: string | null = null;
  if (input.start) {
    const early = partnershipMonth(dateOfIso(input.start.from), on);
    const late = partnershipMonth(dateOfIso(input.start.to), on);
    const a = monthStage(early);
    const b = monthStage(late);
    if (a === b) {
      fromMonths = a;
      month = early === late && early > 0 ? early : null;
    } else note = `the start date "${input.start.text}" is too vague for the month stage (${STAGE_LABEL[b]} or ${STAGE_LABEL[a]})`;
  } else note = 'no start date';
  let stage: StageId | null = fromMonths;
  if (daysToRenewal !== null && daysToRenewal < 0) stage = 'expired';
  else if (daysToRenewal !== null && daysToRenewal <= windowDays) stage = 'renewal-window';
  return {
    on: isoDate(on),
    stage,
    label: stage ? STAGE_LABEL[stage] : 'Unknown',
    month,
    daysToRenewal,
    start: input.start,
    renewal: input.renewal,
    windowDays,
    note,
  };
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** `renewal 2027-01-15 in 52 days` / `renewal today (…)` / `renewal date 2026-10-01 passed 54 days ago`. */
export function renewalPhrase(s: Pick<LifecycleStage, 'renewal' | 'daysToRenewal'>): string | null {
  if (!s.renewal || s.daysToRenewal === null) return null;
  const d = s.daysToRenewal;
  if (d < 0) return `renewal date ${s.renewal} passed ${days(-d)} ago`;
  if (d === 0) return `renewal today (${s.renewal})`;
  return `renewal ${s.renewal} in ${days(d)}`;
}

/** The start date for a message: `2026-01-15`, or as written for a month / quarter / year. */
export function startPhrase(start: StartDate): string {
  return start.precision === 'day' ? start.from : start.text;
}

/**
 * One line for a hover, the status bar's tooltip, the report:
 * `Ramp-Up — month 5 since 2026-01-15; renewal 2027-01-15 in 240 days`,
 * `Renewal window — renewal 2027-01-15 in 52 days (window 90 days)`,
 * `Unknown — no start date; renewal 2027-06-30 in 218 days`.
 */
export function describeStage(s: LifecycleStage): string {
  const parts: string[] = [];
  if (s.start) {
    const since = startPhrase(s.start);
    if (s.month !== null) parts.push(`month ${s.month} since ${since}`);
    else if (s.stage === 'pre-launch' || (s.stage !== null && daysBetween(dateOfIso(s.on), dateOfIso(s.start.from)) > 0)) parts.push(`starts ${since}`);
    else parts.push(`since ${since}`);
  }
  if (s.note && (s.stage === null || s.note !== 'no start date')) parts.push(s.note);
  const r = renewalPhrase(s);
  if (r) parts.push(s.stage === 'renewal-window' ? `${r} (window ${s.windowDays} days)` : r);
  else if (s.stage === null || s.stage === 'pre-launch' || s.stage === 'launch' || s.stage === 'ramp-up' || s.stage === 'steady-state') parts.push('no renewal date');
  if (s.stage === null && !s.start && !s.renewal) return 'Unknown — no start date and no renewal date';
  return parts.length ? `${s.label} — ${parts.join('; ')}` : s.label;
}

/** A short form for tight places (status bar, tree): `Ramp-Up · month 5`, `Renewal window · 52 d`, `Expired`. */
export function shortStage(s: LifecycleStage): string | null {
  if (s.stage === null) return null;
  if (s.stage === 'renewal-window' && s.daysToRenewal !== null) return `Renewal window · ${s.daysToRenewal === 0 ? 'today' : `${s.daysToRenewal} d`}`;
  if (s.month !== null && s.stage !== 'expired' && s.stage !== 'renewal-window') return `${s.label} · month ${s.month}`;
  return s.label;
}

// ---------------------------------------------------------------------------------------------
// Reading a start date value

const NO_DATE = /^(?:tbd|tba|n\/?a|none|unknown|pending|-|—|–|\?)\.?$/i;
const YEAR_ONLY = /^(?:since\s+|in\s+)?((?:19|20)\d\d)\b(?!\s*[-/.]\d)/i;

/**
 * A start date as written in a field value or front matter: a day (`2026-01-15`,
 * `15 January 2026`, `January 15, 2026 (signed Dec 2025)`), a month (`March 2024`), a quarter
 * (`Q1 2024`) or a year (`2024`, `since 2024`); null for a placeholder, TBD or text without a date.
 */
export function readStartDate(raw: unknown, opts: DateOptions): StartDate | null {
  const text =
    raw instanceof Date
      ? Number.isNaN(raw.getTime())
        ? ''
        : raw.toISOString().slice(0, 10)
      : typeof raw === 'string' || typeof raw === 'number'
        ? String(raw)
        : '';
  const v = text.replace(/[*_`]/g, '').trim();
  if (v === '' || v.startsWith('[') || NO_DATE.test(v)) return null;
  const p = parseDate(v, opts);
  const hit = p.ok ? p : findDate(v, opts);
  if (hit) {
    const d = hit.date;
    if (hit.precision === 'day') return { from: isoDate(d), to: isoDate(d), precision: 'day', text: v };
    if (hit.precision === 'month') return { from: isoDate(startOfMonth(d)), to: isoDate(endOfMonth(d)), precision: 'month', text: v };
    return { from: isoDate(startOfQuarter(d)), to: isoDate(endOfQuarter(d)), precision: 'quarter', text: v };
  }
  const y = YEAR_ONLY.exec(v);
  if (y) {
    const d = new Date(Number(y[1]), 0, 1);
    return { from: isoDate(startOfYear(d)), to: isoDate(endOfYear(d)), precision: 'year', text: v };
  }
  return null;
}
