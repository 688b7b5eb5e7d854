/**
 * One document → its workspace-index entry (`IndexedDoc`). Pure: text in, data out.
 *
 * The entry is built from one snapshot of the text (the same section-cached model and the same
 * KPI / action / health analyses the rules use), so indexing costs about one lint — nothing more
 * when the caller already holds the version's snapshot (`indexSnapshot`).
 *
 * Decisions (documented in docs/workspace.md):
 * - Partner, first match wins: front matter `partner:`; for QBRs and status reports the H1
 *   (`Partnership QBR: Our Company + Partner`: the part after the first `+`, else after ` x `,
 *   ` × `, ` & `, ` and `, ` / `; no separator: the whole title); a `**Partner**:` field (the
 *   issue template's); the document's folder name (`partnerships/globex/…` → Globex).
 *   A placeholder (`[Partner Company]`) does not count. Aliases (`partners` in the config, or the
 *   `aliases` option) map a name to its canonical one; partner keys ignore case, punctuation and
 *   a trailing company suffix (Inc, Corp, Ltd, LLC, GmbH…), so `Globex Corp.` and `globex` match.
 * - Period, first readable of: front matter `quarter:` / `period:`; the Quarter, Period, Report
 *   Date, Date, Date Identified fields; front matter `date:`; a `2026-Q3` in the file name. A
 *   quarter (`Q3 2026`, `2026-Q3`) is taken as is; a date or a month (`October 2026`) gives its
 *   calendar quarter.
 */
import { analyzeActions } from '../analysis/actions.js';
import { analyzeMilestones } from '../analysis/milestones.js';
import { documentYear, extractFields, findField } from '../analysis/fields.js';
import { analyzeHealth, blockBand } from '../analysis/health.js';
import { analyzeKpi, tableScore } from '../analysis/kpi.js';
import { readHeaderDate, renewalDates } from '../analysis/header-dates.js';
import { documentLifecycle } from '../analysis/lifecycle.js';
import { daysBetween, parseDate, findDate, type DateOptions } from '../dates.js';
import { snapshot, type Snapshot } from '../snapshot.js';
import { normalizeHeading } from '../model.js';
import type { LintOptions } from '../types.js';
import type { KpiValue } from '../values/kpi-value.js';
import { healthBand } from '../values/status.js';
import { actionKey } from './similarity.js';
import { makePeriod, metricKey } from './util.js';
import type { IndexedAction, IndexedDoc, IndexedKpi, Period } from './types.js';

export interface IndexOptions extends LintOptions {
  /** Partner aliases: name → canonical name (case-insensitive). Defaults to the config's `partners`. */
  aliases?: Record<string, string>;
}

const TITLE_PREFIX = /^partnership (?:qbr|status report|issue|launch plan)\s*:\s*/i;

/** The index entry of a document, or null when the text is not a partnership document. */
export function indexDocument(path: string, text: string, options: IndexOptions = {}): IndexedDoc | null {
  return indexSnapshot(path, snapshot(text, { ...options, path }), options);
}

/**
 * `indexDocument` of a document version already analysed (a front end's snapshot, linted too):
 * no second model build. `options`: only `aliases` is read (the rest is the snapshot's).
 */
export function indexSnapshot(path: string, snap: Snapshot, options: Pick<IndexOptions, 'aliases'> = {}): IndexedDoc | null {
  const text = snap.text;
  const { doc, ctx, lines, today, config } = snap.analysis;
  if (!doc.kind) return null;

  // --- title, company, partner
  const titleHeading = doc.outline.find((h) => h.depth === 1) ?? doc.outline[0] ?? null;
  const title = titleHeading ? titleHeading.text.trim() : null;
  const fm = doc.frontMatter?.data ?? {};
  let partner: string | null = null;
  let company: string | null = null;
  let partnerSource: IndexedDoc['partnerSource'] = 'none';
  const fmPartner = FM_PARTNER_KEYS.map((k) => scalar(fm[k])).find((v) => v && !isPlaceholder(v)) ?? null;
  if (title && doc.kind !== 'issue' && TITLE_PREFIX.test(title)) {
    const parties = splitParties(title.replace(TITLE_PREFIX, ''));
    company = parties.company;
    if (parties.partner) {
      partner = parties.partner;
      partnerSource = 'title';
    }
  } else if (title && doc.kind !== 'issue') {
    // A common title (`QBR — Initech`, `Initech Partnership Review, Q1 2027`): what is left
    // once the kind's words and the period are taken out, when that is a short name.
    const parties = titleParties(title);
    if (parties?.partner) {
      company = parties.company;
      partner = parties.partner;
      partnerSource = 'title';
    }
  }
  if (fmPartner && !isPlaceholder(fmPartner)) {
    partner = fmPartner;
    partnerSource = 'front-matter';
  }
  if (!partner) {
    const f = findField(ctx, ...PARTNER_FIELDS);
    const v = f ? cleanName(f.value) : '';
    if (v && !isPlaceholder(v)) {
      partner = v;
      partnerSource = 'field';
    }
  }
  if (!partner) {
    const folder = partnerFolderName(path);
    if (folder) {
      partner = folder;
      partnerSource = 'folder';
    }
  }
  const aliases = options.aliases ?? config.partners ?? {};
  let name = partner ?? 'Unassigned';
  const aliasTarget = aliasLookup(aliases, name);
  if (aliasTarget) name = aliasTarget;

  // --- period and dates
  const opts: DateOptions = { dateOrder: config.dateOrder, defaultYear: ctx.get(documentYear) };
  const candidates: string[] = [];
  for (const k of ['quarter', 'period']) {
    const v = scalar(fm[k]);
    if (v) candidates.push(v);
  }
  for (const l of ['Quarter', 'Period', 'Report Date', 'Date', 'Date Identified']) {
    const f = findField(ctx, l);
    if (f) candidates.push(f.value);
  }
  const fmDate = scalar(fm['date']);
  if (fmDate) candidates.push(fmDate);
  let period: Period | null = null;
  for (const c of candidates) {
    period = periodOf(c, opts);
    if (period) break;
  }
  if (!period) period = periodFromFileName(path);

  let date: string | null = null;
  for (const c of [fmDate, ...['Date', 'Report Date', 'Date Identified'].map((l) => findField(ctx, l)?.value)]) {
    if (!c) continue;
    const d = readHeaderDate(c, opts);
    if (d.state === 'date') {
      date = d.iso;
      break;
    }
  }
  const lifecycle = ctx.get(documentLifecycle);
  const renewal = ctx.get(renewalDates)[0];
  const renewalDate = renewal ? renewal.iso : null;
  const nq = ctx.get(extractFields).find((f) => f.key === 'next qbr' || f.key === 'next qbr date');
  const nqDate = nq ? readHeaderDate(nq.value, opts) : null;
  const nextQbr = nqDate && nqDate.state === 'date' ? nqDate.iso : null;

  // --- KPIs
  const tables = ctx.get(analyzeKpi);
  const kpis: IndexedKpi[] = [];
  for (const t of tables) {
    for (const r of t.rows) {
      if (!r.metric) continue;
      const actual = r.actual.state === 'value' ? r.actual.value : null;
      kpis.push({
        metric: r.metric,
        key: metricKey(r.metric),
        target: r.targetCell && r.targetCell.text !== '' ? r.targetCell.text : null,
        actual: r.actualCell && r.actualCell.text !== '' ? r.actualCell.text : null,
        actualValue: actual ? actual.value : null,
        actualUnit: actual ? unitClass(actual) : null,
        direction: r.direction,
        attainment: r.attainment,
        computed: r.computed,
        line: lines.position(r.start).line,
        trendCell: r.trendCell ? { start: r.trendCell.start, end: r.trendCell.end, text: r.trendCell.text } : null,
        metricCell: r.metricCell ? { start: r.metricCell.start, end: r.metricCell.end } : null,
      });
    }
  }

  // --- health (as documentHealth: a status report's score block, else the first KPI table)
  let health: IndexedDoc['health'] = null;
  const blocks = ctx.get(analyzeHealth).filter((b) => b.total !== null);
  const fromBlock = (): IndexedDoc['health'] => {
    const b = blocks[0]!;
    const band = blockBand(ctx, b);
    return band ? { score: b.total!.value, band, source: 'health-score' } : null;
  };
  if (doc.kind === 'status-report' && blocks.length > 0) health = fromBlock();
  else if (tables[0]) {
    const score = tableScore(tables[0], config.thresholds);
    if (score !== null) health = { score, band: healthBand(score, config.thresholds), source: 'kpi-table' };
    else if (blocks.length > 0) health = fromBlock();
  } else if (blocks.length > 0) health = fromBlock();

  // --- actions
  const actions: IndexedAction[] = ctx.get(analyzeActions).map((a) => {
    const first = text.slice(a.lineStart, a.lineEnd);
    const overdue = a.open && a.due?.date ? daysBetween(a.due.date, today) > 0 : false;
    return {
      text: first,
      key: actionKey(first),
      open: a.open,
      owner: a.owner && !a.owner.placeholder ? a.owner.text : null,
      due: a.due?.iso ?? null,
      overdue,
      line: lines.position(a.lineStart).line,
    };
  });
  // A launch plan's milestones count with its action items (the portfolio's overdue items): a
  // milestone past its date and not done is a slipped commitment like an overdue action.
  for (const m of ctx.get(analyzeMilestones)) {
    const first = text.slice(m.lineStart, m.lineEnd);
    actions.push({
      text: first,
      key: actionKey(m.name),
      open: !m.done,
      owner: m.owner && !m.owner.placeholder && !m.ownerTemplate ? m.owner.text : null,
      due: m.date?.iso ?? null,
      overdue: !m.done && m.date?.date ? daysBetween(m.date.date, today) > 0 : false,
      line: lines.position(m.lineStart).line,
    });
  }
  if (doc.kind === 'launch-plan') actions.sort((x, y) => x.line - y.line);

  // --- anchor: the Next Steps heading, else the title
  const nextSteps = doc.outline.find((h) => normalizeHeading(h.text).replace(/^\d{1,3}[.)]\s*/, '') === 'next steps');
  const anchorHeading = nextSteps ?? titleHeading;
  let anchor: IndexedDoc['anchor'] = null;
  if (anchorHeading) {
    let end = text.indexOf('\n', anchorHeading.textStart);
    if (end === -1 || end > anchorHeading.end) end = anchorHeading.end;
    while (end > anchorHeading.textStart && /[ \t\r#]/.test(text[end - 1]!)) end--;
    anchor = { start: anchorHeading.textStart, end };
  }

  return {
    path,
    kind: doc.kind,
    partner: name,
    partnerKey: partnerKeyOf(name),
    period,
    date,
    health,
    renewalDate,
    kpis,
    actions,
    overdueActions: actions.filter((a) => a.overdue).length,
    redKpis: kpis.filter((k) => k.computed === 'red').length,
    titleLine: titleHeading ? lines.position(titleHeading.start).line : 1,
    textHash: hashText(text),
    partnerSource,
    company,
    title,
    nextQbr,
    anchor,
    start: lifecycle.start,
    startSource: lifecycle.startSource,
    renewalWindowDays: config.thresholds.renewalWindowDays,
  };
}

// ---------------------------------------------------------------------------------------------
// Partner names

/** `Our Company + Partner` → { company, partner }. */
export function splitParties(rest: string): { company: string | null; partner: string | null } {
  const s = stripParen(rest).trim();
  const lower = s.toLowerCase();
  for (const sep of ['+', ' x ', ' × ', ' & ', ' and ', ' / ', '/', '&']) {
    const i = lower.indexOf(sep);
    if (i <= 0) continue;
    const company = cleanName(s.slice(0, i));
    const partner = cleanName(s.slice(i + sep.length));
    if (!partner) continue;
    return { company: company && !isPlaceholder(company) ? company : null, partner: isPlaceholder(partner) ? null : partner };
  }
  const whole = cleanName(s);
  return { company: null, partner: whole && !isPlaceholder(whole) ? whole : null };
}

function stripParen(s: string): string {
  const t = s.trimEnd();
  if (!t.endsWith(')')) return t;
  const open = t.lastIndexOf('(');
  return open > 0 ? t.slice(0, open) : t;
}

function cleanName(s: string): string {
  return s.replace(/[*_`]/g, '').replace(/\s+/g, ' ').trim();
}

function isPlaceholder(s: string): boolean {
  return /^\[[^\]]*\]$/.test(s.trim()) || s.trim() === '';
}

const SUFFIXES = new Set(['inc', 'incorporated', 'corp', 'corporation', 'ltd', 'limited', 'llc', 'gmbh', 'ag', 'plc', 'co', 'company', 'sa', 'bv']);

/** Canonical partner key: lower case, letters and digits, a trailing company suffix dropped. */
export function partnerKeyOf(name: string): string {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
  while (words.length > 1 && SUFFIXES.has(words[words.length - 1]!)) words.pop();
  return words.join(' ');
}

/** The canonical partner name `name` is an alias of (`partners` config), or undefined. */
export function aliasLookup(aliases: Record<string, string>, name: string): string | undefined {
  const key = partnerKeyOf(name);
  for (const [alias, canonical] of Object.entries(aliases)) if (partnerKeyOf(alias) === key) return canonical;
  return undefined;
}

/** Front matter keys naming the counterparty, in order. */
const FM_PARTNER_KEYS = ['partner', 'customer', 'vendor', 'client', 'account'];
/** Fields naming the counterparty (`**Partner**:`, `**Customer**:`…). */
const PARTNER_FIELDS = ['Partner', 'Partner name', 'Customer', 'Customer name', 'Vendor', 'Client', 'Account'];

const KIND_WORDS = /\b(?:(?:quarterly|executive|annual|monthly|weekly|bi-?weekly|fortnightly)\s)?(?:business reviews?|partner(?:ship)? reviews?|qbrs?|ebrs?|status reports?|status updates?|status|escalations?|reviews?|reports?|partnerships?|partners?)\b/gi;
const PERIOD_WORDS = /\b(?:fy\s?'?\d{2,4}|[qh][1-4]|\d{4}(?:-\d{2}){0,2}|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|week|month|quarter|year)\b/gi;

/**
 * The parties of a common title: the title without the kind's words (QBR, Business Review,
 * Partnership Review, Status Report…) and the period (Q3 2026, FY27, October 2026), split at
 * `—`, `–`, `-`, `:`, `|`, `·`, `,`: when exactly one piece is left and it is a short name
 * (one to four words, starting with a capital or a digit), its parties (`Us + Initech`).
 */
export function titleParties(title: string): { company: string | null; partner: string | null } | null {
  const s = stripParen(title).replace(KIND_WORDS, ' ').replace(PERIOD_WORDS, ' ');
  const pieces = s.split(/\s[-\u2013\u2014]\s|[\u2013\u2014:|·,;]/).map(cleanName).filter((p) => /[\p{L}\p{N}]/u.test(p));
  if (pieces.length !== 1) return null;
  const piece = pieces[0]!;
  const words = piece.split(' ');
  if (words.length > 4 || !/^[\p{Lu}\p{N}]/u.test(piece)) return null;
  return splitParties(piece);
}

/** Folder names that say what the documents are, not whose: never a partner. */
const GENERIC_FOLDER = /^(?:docs?|documents?|reports?|reviews?|qbrs?|ebrs?|status(?:[-_ ]reports?)?|issues?|escalations?|notes?|meeting[-_ ]?notes|meetings?|partners?|partnerships?|customers?|vendors?|accounts?|clients?|archive|archived|old|drafts?|templates?|examples?|samples?|fixtures?|src|tests?|current|shared|general|misc|other|inbox|(?:fy)?\d{2,4}(?:[-_ ]?[qh][1-4])?|[qh][1-4](?:[-_ ]?\d{2,4})?)$/i;

/** The document's folder as a partner name, unless the folder name is a generic one (see GENERIC_FOLDER). */
function partnerFolderName(path: string): string | null {
  const parts = path.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  if (parts.length < 2 || GENERIC_FOLDER.test(parts[parts.length - 2]!)) return null;
  return folderName(path);
}

function folderName(path: string): string | null {
  const parts = path.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  if (parts.length < 2) return null;
  const dir = parts[parts.length - 2]!;
  const words = dir.split(/[-_\s]+/).filter((w) => w !== '');
  if (words.length === 0) return null;
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

function scalar(v: unknown): string | null {
  if (typeof v === 'string') return v.trim() || null;
  if (typeof v === 'number') return String(v);
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  return null;
}

// ---------------------------------------------------------------------------------------------
// Periods

const YEAR_QUARTER = /(?:^|[^\d])(\d{4}) ?[-/]? ?[Qq]([1-4])(?!\d)/;
const QUARTER_YEAR = /(?:^|[^A-Za-z])[Qq]([1-4]) ?[-/,]? ?(\d{4})(?!\d)/;

/** A quarter (`Q3 2026`, `2026-Q3`) or the quarter of a date or month; null when unreadable. */
export function periodOf(value: string, opts: DateOptions): Period | null {
  const v = value.replace(/[*_`]/g, '').trim();
  if (v === '' || v.startsWith('[')) return null;
  let m = YEAR_QUARTER.exec(v);
  if (m) return makePeriod(Number(m[1]), Number(m[2]));
  m = QUARTER_YEAR.exec(v);
  if (m) return makePeriod(Number(m[2]), Number(m[1]));
  const p = parseDate(v, opts);
  const d = p.ok ? p.date : findDate(v, opts)?.date;
  if (!d) return null;
  return makePeriod(d.getFullYear(), Math.floor(d.getMonth() / 3) + 1);
}

function periodFromFileName(path: string): Period | null {
  const base = path.split(/[\\/]/).pop() ?? '';
  const m = YEAR_QUARTER.exec(base);
  return m ? makePeriod(Number(m[1]), Number(m[2])) : null;
}

// ---------------------------------------------------------------------------------------------
// KPIs

/** The comparability class of a KPI value (`currency:$`, `percent`, `score:10`, `unit:day`, `number`). */
export function unitClass(v: KpiValue): string {
  switch (v.kind) {
    case 'currency':
      return `currency:${v.currency ?? ''}${v.unit ? `:${v.unit}` : ''}`;
    case 'percent':
      return 'percent';
    case 'score':
      return `score:${v.denominator ?? ''}`;
    case 'unit':
      return `unit:${v.unit ?? ''}`;
    default:
      return 'number';
  }
}

// ---------------------------------------------------------------------------------------------

/** FNV-1a (32-bit) of the text plus its length, as hex: cheap change detection, not security. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${(h >>> 0).toString(16).padStart(8, '0')}-${text.length.toString(16)}`;
}
