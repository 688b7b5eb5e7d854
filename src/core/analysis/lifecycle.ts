/**
 * A document's lifecycle facts (lifecycle.ts computes the stage): its partnership start date,
 * its renewal date (the renewal-window / renewal-passed reading, header-dates.ts) and its own
 * date (the stage it was "written in").
 *
 * Start date, in this order (the first found wins):
 * 1. front matter `start:`, `start-date:`, `partnership-start:`, `partner-since:`,
 *    `effective-date:`, `contract-start:`, `kickoff:`, `launch-date:`, `go-live:` (`_` or `-`);
 * 2. a field whose label names the partnership's start anywhere in the document
 *    (`Partnership start date`, `Partner since`, `Contract start`, `Agreement effective date`…);
 * 3. in the document's header (before its first `##`) or an overview-like section (Overview,
 *    Partnership Details, Key Facts, Summary, Contract, Key dates…), the generic labels
 *    `Start date`, `Effective date`, `Kickoff`, `Launch date`, `Go-live` — not in issue
 *    documents, where a start date is the issue's — and not elsewhere: `Launch date` under Key
 *    Wins is a campaign's, `Start date` under Milestones a milestone's.
 * Among fields, the label order above decides (`Partnership start date` over `Launch date`).
 * Fields are `Label: value` lines and the rows of two-column key / value tables.
 */
import type { RuleContext } from '../rule.js';
import { findDate, parseDate, type DateOptions } from '../dates.js';
import { enclosingHeadings } from '../model.js';
import { readStartDate, type StartDate } from '../lifecycle.js';
import { documentDates } from './actions.js';
import { documentYear, extractFields, findField, keyValueFields, type Field } from './fields.js';
import { renewalDates, type RenewalDate } from './header-dates.js';

const FRONT_MATTER_KEYS = [
  'partnership-start-date',
  'partnership-start',
  'start-date',
  'start',
  'partner-since',
  'since',
  'contract-start',
  'contract-start-date',
  'effective-date',
  'kickoff',
  'kickoff-date',
  'launch-date',
  'go-live',
  'golive',
];

/** Labels that name the partnership's start wherever they are. */
const STRONG_LABELS = [
  'partnership start date',
  'partnership start',
  'partnership started',
  'partnership began',
  'partnership effective date',
  'partnership launch date',
  'partnership launch',
  'partnership go-live',
  'contract start date',
  'contract start',
  'contract effective date',
  'agreement start date',
  'agreement start',
  'agreement effective date',
  'term start date',
  'term start',
  'current term start',
  'relationship start date',
  'relationship start',
  'partner since',
  'partners since',
  'partnered since',
  'partnership since',
  'relationship since',
];
/** Generic labels, read only in the header or an overview-like section (not in issue documents). */
const HEADER_LABELS = [
  'start date',
  'started',
  'effective date',
  'kickoff date',
  'kick-off date',
  'kickoff',
  'kick-off',
  'launch date',
  'launched',
  'launch',
  'go-live date',
  'go-live',
  'go live date',
  'go live',
  'golive',
];

/** Headings of sections that hold a partnership's header facts. */
const OVERVIEW_HEADING =
  /\b(?:overview|details|summary|profile|information|info|about|facts|at a glance|background|snapshot|contract|agreement|terms|basics|metadata|key dates|dates|timeline)\b/;

export interface DocumentLifecycle {
  start: StartDate | null;
  /** The start date's field (offsets for the hover); null when it came from front matter or is unknown. */
  startField: Field | null;
  /** Where the start date was read: the label as written, or `front matter start`. */
  startSource: string | null;
  /** The first renewal date (as renewal-window reads it), or null. */
  renewal: RenewalDate | null;
  /** The document's own date: its Date / Report Date / … (documentDates), else its period's last day; or null. */
  documentDate: string | null;
  documentDateSource: 'date' | 'period-end' | null;
}

function inHeaderZone(ctx: RuleContext, f: Field): boolean {
  const chain = enclosingHeadings(ctx.doc, f.labelStart);
  const sections = chain.filter((h) => h.depth >= 2);
  if (sections.length === 0) return true;
  return sections.some((h) => OVERVIEW_HEADING.test(h.norm));
}

/** Read with `ctx.get(documentLifecycle)` (once per lint). */
export function documentLifecycle(ctx: RuleContext): DocumentLifecycle {
  const opts: DateOptions = { dateOrder: ctx.config.dateOrder, defaultYear: ctx.get(documentYear) };
  let start: StartDate | null = null;
  let startField: Field | null = null;
  let startSource: string | null = null;

  const fm = ctx.doc.frontMatter?.data;
  if (fm) {
    const byKey = new Map<string, unknown>();
    for (const [k, v] of Object.entries(fm)) byKey.set(k.toLowerCase().replace(/[_ ]/g, '-'), v);
    for (const k of FRONT_MATTER_KEYS) {
      if (!byKey.has(k)) continue;
      const s = readStartDate(byKey.get(k), opts);
      if (s) {
        start = s;
        startSource = `front matter ${k}`;
        break;
      }
    }
  }
  if (!start) {
    // Field lines and key / value table rows (`| Partner since | March 2025 |`), the same labels.
    const fields = [...ctx.get(extractFields), ...ctx.get(keyValueFields)];
    const generic = ctx.doc.kind !== 'issue';
    let best: { rank: number; field: Field; date: StartDate } | null = null;
    for (const f of fields) {
      let rank = STRONG_LABELS.indexOf(f.key);
      if (rank < 0 && generic) {
        const h = HEADER_LABELS.indexOf(f.key);
        if (h >= 0 && inHeaderZone(ctx, f)) rank = STRONG_LABELS.length + h;
      }
      if (rank < 0 || (best && best.rank <= rank)) continue;
      const d = readStartDate(f.value, opts);
      if (d) best = { rank, field: f, date: d };
    }
    if (best) {
      start = best.date;
      startField = best.field;
      startSource = best.field.label;
    }
  }

  const renewal = ctx.get(renewalDates)[0] ?? null;
  const dd = ctx.get(documentDates);
  let documentDate: string | null = dd.reference;
  let documentDateSource: DocumentLifecycle['documentDateSource'] = documentDate ? 'date' : null;
  if (!documentDate) {
    documentDate = periodEnd(ctx, opts);
    if (documentDate) documentDateSource = 'period-end';
  }
  return { start, startField, startSource, renewal, documentDate, documentDateSource };
}

const PERIOD_FIELDS = ['Quarter', 'Period', 'Reporting Period', 'Period covered'];
const YEAR_QUARTER = /(\d{4})[ \t]?[-/]?[ \t]?[Qq]([1-4])(?!\d)/;

/**
 * The last day of the document's period (front matter `quarter:` / `period:`, else the Quarter /
 * Period / Reporting Period / Period covered field): `Q3 2026` → 2026-09-30, `November 2026` →
 * 2026-11-30, `Jul 1 – Sep 30, 2026` → 2026-09-30. A review is written at the end of its period
 * or after it.
 */
function periodEnd(ctx: RuleContext, opts: DateOptions): string | null {
  const fm = ctx.doc.frontMatter?.data ?? {};
  const values: unknown[] = [fm['quarter'], fm['period']];
  for (const l of PERIOD_FIELDS) values.push(findField(ctx, l)?.value);
  for (const v of values) {
    if (typeof v !== 'string' && typeof v !== 'number') continue;
    const t = String(v).replace(/[*_`]/g, '').trim();
    if (t === '' || t.startsWith('[')) continue;
    const yq = YEAR_QUARTER.exec(t);
    if (yq) {
      const end = new Date(Number(yq[1]), Number(yq[2]) * 3, 0);
      return iso(end);
    }
    const p = parseDate(t, opts);
    let hit = p.ok ? { date: p.date, precision: p.precision, end: p.end } : null;
    if (!hit) {
      const f = findDate(t, opts);
      if (f) hit = { date: f.date, precision: f.precision, end: f.end };
    }
    if (!hit) continue;
    // A range (`Jul 1 – Sep 30, 2026`): its last date.
    let rest = t.slice(hit.end);
    for (let guard = 0; guard < 4; guard++) {
      const n = findDate(rest, opts);
      if (!n) break;
      hit = { date: n.date, precision: n.precision, end: 0 };
      rest = rest.slice(n.end);
    }
    return iso(hit.date);
  }
  return null;
}

function iso(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
