/**
 * KPI tables (spec §2): which GFM tables are KPI tables, what each row says and what it
 * should say, and the `**Overall Partnership Health**` line that summarises a table.
 *
 * Computed once per lint through `ctx.get(analyzeKpi)`; the KPI rules, the hover (explain.ts)
 * and the CodeLens all read this one analysis.
 */
import { enclosingHeadings, perPart } from '../document.js';
import type { CellModel, RowModel, TableModel } from '../model.js';
import { normalizeHeading } from '../model.js';
import type { RuleContext } from '../rule.js';
import type { Thresholds } from '../types.js';
import {
  attainment as attainmentOf,
  badgeFor,
  canonicalStatus,
  directionOf,
  formatNumber,
  healthBand,
  parseKpiValue,
  parseStatusCell,
  parseTrendCell,
  roundHalfUp,
  sameKind,
  statusFor,
  stripInlineMarkup,
  suggestedTrend,
  trendProblem,
  type Direction,
  type KpiValue,
  type ParsedCell,
  type ParsedTrend,
  type Rag,
  type TrendWord,
} from '../values.js';
import { extractFields, type Field } from './fields.js';
import { flatCopy, memoByString } from '../memo.js';
import { isWholeSlot } from '../placeholders.js';

// Cell parsers are pure functions of the cell text: memoised across lints (see memo.ts).
const readValue = memoByString((cell: string): ParsedCell => {
  // A cell that is wholly a template placeholder (`[Target]`) is not filled in yet:
  // placeholder-unfilled reports it, so it counts as not measured rather than unparsable.
  const bare = stripInlineMarkup(cell).trim();
  if (/^\[[^\[\]\n]*\]$/.test(bare) || isWholeSlot(bare)) return { state: 'unmeasured' };
  return parseKpiValue(cell);
});
const readStatus = memoByString(parseStatusCell);
const readTrend = memoByString(parseTrendCell);

export interface KpiColumns {
  metric: number;
  target: number;
  actual: number;
  status: number | null;
  trend: number | null;
}

export interface KpiRow {
  /** Index of the row in `table.rows`. */
  index: number;
  /** Row range (offsets). */
  start: number;
  end: number;
  /** Metric name, emphasis stripped. */
  metric: string;
  metricCell: CellModel | null;
  targetCell: CellModel | null;
  actualCell: CellModel | null;
  statusCell: CellModel | null;
  trendCell: CellModel | null;
  target: ParsedCell;
  actual: ParsedCell;
  /** Comparison of target and actual; null unless both are values. */
  comparison: ReturnType<typeof sameKind> | null;
  direction: Direction;
  directionReason: 'config' | 'comparator' | 'keyword' | 'default';
  directionKeyword?: string;
  /** Whole percent; null when unmeasured, unparsable, mismatched or target 0. */
  attainment: number | null;
  /** RAG from the attainment; null when attainment is null. */
  computed: Rag | null;
  /** The Status cell as read; null when the table has no Status column. */
  stated: ReturnType<typeof parseStatusCell> | null;
  /** The Trend cell as read; null when the table has no Trend column or the cell is empty. */
  trend: ParsedTrend | null;
  /**
   * The position-free values this row was built from: one object for all rows with the same
   * cells (and configuration), so what is derived from them alone can be memoised on it.
   */
  values: object;
}

export interface HealthLine {
  field: Field;
  /** Colour of the badge as written (🟡, Yellow…), or null. */
  statedBand: Rag | null;
  /** `85` from `(85% of targets met…`, or null. */
  statedPercent: number | null;
  /** Computed score (mean of min(attainment, 100) over measured rows), or null when none is measured. */
  score: number | null;
  band: Rag | null;
  /** Rows that went into the score, with their capped attainment. */
  used: Array<{ metric: string; attainment: number; capped: number }>;
  /** Range the fix rewrites (from the value start up to the comma or closing parenthesis). */
  replaceStart: number;
  replaceEnd: number;
  /** Text the fix writes over [replaceStart, replaceEnd), or null when nothing is stale. */
  fixText: string | null;
  /** Null when consistent, else a message. */
  problem: string | null;
}

export interface KpiTable {
  table: TableModel;
  columns: KpiColumns;
  /** The rows, built anew on each read (they are not kept: see analyzeKpi): read once per use. */
  readonly rows: KpiRow[];
  health: HealthLine | null;
}

// ---------------------------------------------------------------------------------------------
// Header matching

const METRIC = new Set(['metric', 'metrics', 'kpi', 'kpis', 'measure', 'measures']);
const TARGET = new Set(['target', 'targets', 'goal', 'goals', 'plan']);
const ACTUAL = new Set(['actual', 'actuals', 'result', 'results', 'current']);
const STATUS = new Set(['status', 'rag', 'rag status']);
const TREND = new Set(['trend', 'trends']);

/** Header cell → key: emphasis, emoji and a trailing parenthetical ignored, case-insensitive. */
function headerKey(text: string): string {
  return normalizeHeading(text);
}

/**
 * A period qualifier before or after a header name (`Q2 Target`, `Q3 2026 Actual`, `Actual Q2`,
 * `FY26 Goal`, `YTD Actual`): `{ name, period }`, or null when there is none.
 */
const PERIOD = /^(?:(?:q[1-4]|h[12]|fy ?\d{2,4}|ytd|\d{4})(?: \d{4})?)$/;
const qualified = memoByString((key: string): { name: string; period: string } | null => {
  const words = key.split(' ');
  if (words.length < 2) return null;
  for (const n of [1, 2]) {
    if (words.length <= n) break;
    const head = words.slice(0, n).join(' ');
    if (PERIOD.test(head)) return { name: words.slice(n).join(' '), period: head };
    const tail = words.slice(-n).join(' ');
    if (PERIOD.test(tail)) return { name: words.slice(0, -n).join(' '), period: tail };
  }
  return null;
}, 5_000);

/** Column indices of a KPI table's header, or null when the table is not a KPI table. */
export function kpiColumns(table: TableModel): KpiColumns | null {
  const keys = table.header.cells.map((c) => headerKey(c.text));
  const exact = (names: Set<string>): number => keys.findIndex((k) => names.has(k));
  /** The column named exactly, else one qualified by a period (`Q2 Actual`), preferring `period`, else the last. */
  const find = (names: Set<string>, period?: string): { index: number; period?: string } => {
    const e = exact(names);
    if (e >= 0) return { index: e };
    let best: { index: number; period?: string } = { index: -1 };
    keys.forEach((k, i) => {
      const q = qualified(k);
      if (!q || !names.has(q.name)) return;
      if (best.index >= 0 && period !== undefined && best.period === period) return;
      best = { index: i, period: q.period };
    });
    return best;
  };
  const metric = exact(METRIC);
  const targetCol = find(TARGET);
  const target = targetCol.index;
  const actual = find(ACTUAL, targetCol.period).index;
  if (metric < 0 || target < 0 || actual < 0) return null;
  const status = exact(STATUS);
  const trend = exact(TREND);
  return { metric, target, actual, status: status < 0 ? null : status, trend: trend < 0 ? null : trend };
}

// ---------------------------------------------------------------------------------------------
// Rows

/** The cells of a row that the columns name. */
function cellsOf(row: RowModel, cols: KpiColumns) {
  const cell = (i: number | null): CellModel | null => (i === null ? null : (row.cells[i] ?? null));
  return { metricCell: cell(cols.metric), targetCell: cell(cols.target), actualCell: cell(cols.actual), statusCell: cell(cols.status), trendCell: cell(cols.trend) };
}

/** What the row at `index` says and computes (position-free: a function of its cells' texts and the configuration). */
function valuesOf(ctx: RuleContext, table: TableModel, cols: KpiColumns, index: number): RowValues {
  const row = table.rows[index]!;
  const c = cellsOf(row, cols);
  return rowValues(ctx, c.metricCell?.text ?? '', c.targetCell?.text ?? '', c.actualCell?.text ?? '', cols.status === null ? null : (c.statusCell?.text ?? ''), cols.trend === null ? null : (c.trendCell?.text ?? ''));
}

function rowOf(table: TableModel, cols: KpiColumns, index: number, v: RowValues): KpiRow {
  const row = table.rows[index]!;
  const { metricCell, targetCell, actualCell, statusCell, trendCell } = cellsOf(row, cols);
  return {
    index,
    start: row.start,
    end: row.end,
    metric: v.metric,
    metricCell,
    targetCell,
    actualCell,
    statusCell,
    trendCell,
    target: v.target,
    actual: v.actual,
    comparison: v.comparison,
    direction: v.direction,
    directionReason: v.directionReason,
    ...(v.directionKeyword ? { directionKeyword: v.directionKeyword } : {}),
    attainment: v.attainment,
    computed: v.computed,
    stated: v.stated,
    trend: v.trend,
    values: v,
  };
}

/** What a row says and computes: a function of its cells' texts and the configuration only. */
type RowValues = Pick<KpiRow, 'metric' | 'target' | 'actual' | 'comparison' | 'direction' | 'directionReason' | 'directionKeyword' | 'attainment' | 'computed' | 'stated' | 'trend'>;

function computeRowValues(ctx: RuleContext, metricText: string, targetText: string, actualText: string, statusText: string | null, trendText: string | null): RowValues {
  const metric = stripInlineMarkup(metricText);
  const target = readValue(targetText);
  const actual = readValue(actualText);
  const targetValue: KpiValue | undefined = target.state === 'value' ? target.value : undefined;
  const dir = directionOf(metric, targetValue, ctx.config.metrics);
  let comparison: KpiRow['comparison'] = null;
  let att: number | null = null;
  if (target.state === 'value' && actual.state === 'value') {
    comparison = sameKind(target.value, actual.value);
    if (comparison.ok) att = attainmentOf(comparison.target, comparison.actual, dir.direction);
  }
  const computed = att === null ? null : statusFor(att, ctx.config.thresholds);
  const stated = statusText === null ? null : readStatus(statusText);
  const trend = trendText === null || trendText === '' ? null : readTrend(trendText);
  return {
    metric, target, actual, comparison, direction: dir.direction, directionReason: dir.reason, directionKeyword: dir.keyword,
    attainment: att, computed, stated, trend,
  };
}

/**
 * Row values memoised by their cells' texts, for one configuration (the metric settings and
 * thresholds they depend on) at a time: rows that say the same share one object (a QBR repeats
 * its metrics quarter after quarter), and a re-parsed section finds its unchanged rows' values.
 * (A section's table summaries are cached with the section itself: see analyzeKpi.) Bounded like
 * memoByString; the values are shared between rows and lints and must be treated as read-only.
 */
let rowMemo = { config: '', byText: new Map<string, RowValues>() };
const ROW_MEMO_MAX = 50_000;
/** The memo for this lint's configuration (once per lint, through ctx.get). */
function rowMemoFor(ctx: RuleContext): typeof rowMemo {
  const config = JSON.stringify([ctx.config.metrics, ctx.config.thresholds]);
  if (rowMemo.config !== config) rowMemo = { config, byText: new Map() };
  return rowMemo;
}

function rowValues(ctx: RuleContext, metricText: string, targetText: string, actualText: string, statusText: string | null, trendText: string | null): RowValues {
  const memo = ctx.get(rowMemoFor);
  // A table row is one line, so no cell text holds a line break: joined by \n, the texts make
  // a key no other row shares; \r stands for an absent column.
  const key = `${metricText}\n${targetText}\n${actualText}\n${statusText ?? '\r'}\n${trendText ?? '\r'}`;
  let v = memo.byText.get(key);
  if (v === undefined) {
    if (memo.byText.size >= ROW_MEMO_MAX) memo.byText.clear();
    v = computeRowValues(ctx, metricText, targetText, actualText, statusText, trendText);
    memo.byText.set(flatCopy(key), v);
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// The analysis

const HEALTH_KEYS = new Set(['overall partnership health']);

/** A table as the KPI analysis reads it, without positions: its columns (null: not a KPI table) and its rows' values. */
interface TableSummary {
  columns: KpiColumns | null;
  values: RowValues[];
}
const NOT_KPI: TableSummary = { columns: null, values: [] };

function summarize(ctx: RuleContext, table: TableModel): TableSummary {
  const columns = kpiColumns(table);
  return columns ? { columns, values: table.rows.map((_, i) => valuesOf(ctx, table, columns, i)) } : NOT_KPI;
}

/**
 * A KPI table of one lint. Its rows (KpiRow: values with the row's cells and offsets) are built
 * each time they are read, not kept: the overall health line needs only the values, so a
 * keystroke builds no row objects for the document's thousands of unchanged tables, and a first
 * lint does not hold the rows of every table (~5 MB at 5 MB) while all its rules run — each
 * rule's walk over a table's rows leaves short-lived garbage instead. Rows that say the same
 * share `values`: memoise on that, not on the row object.
 */
class KpiTableOfLint implements KpiTable {
  health: HealthLine | null = null;
  constructor(
    readonly table: TableModel,
    readonly columns: KpiColumns,
    readonly values: readonly RowValues[],
  ) {}
  get rows(): KpiRow[] {
    return this.values.map((v, i) => rowOf(this.table, this.columns, i, v));
  }
}

export function analyzeKpi(ctx: RuleContext): KpiTable[] {
  const { doc } = ctx;
  const tables: KpiTableOfLint[] = [];
  // The summaries are position-free, so a section's are reused as they are even when it moved;
  // they depend on the configuration (the row memo's key), hence one slot per configuration.
  const slot = `kpi ${ctx.get(rowMemoFor).config}`;
  const summaries =
    perPart(doc, slot, (p) => p.model.tables.map((t) => summarize(ctx, t))) ?? doc.tables.map((t) => summarize(ctx, t));
  for (let i = 0; i < doc.tables.length; i++) {
    const s = summaries[i]!;
    if (s.columns) tables.push(new KpiTableOfLint(doc.tables[i]!, s.columns, s.values));
  }
  if (tables.length === 0) return tables;

  // Each health line belongs to the nearest KPI table above it, within that table's
  // innermost heading section; each table takes the first such line.
  const fields = ctx.get(extractFields).filter((f) => HEALTH_KEYS.has(f.key));
  // The owner is the last table (in document order) ending at or before the line. Tables do not
  // overlap, so their ends ascend and that is a binary search (a scan of every table per line
  // was quadratic: ~2,500 × 2,500 steps in a 5 MB QBR, on every keystroke).
  let sorted = true;
  for (let i = 1; i < tables.length && sorted; i++) sorted = tables[i - 1]!.table.end <= tables[i]!.table.end;
  const ownerOf = (at: number): KpiTableOfLint | undefined => {
    if (!sorted) {
      let owner: KpiTableOfLint | undefined;
      for (const t of tables) if (t.table.end <= at) owner = t;
      return owner;
    }
    let lo = 0;
    let hi = tables.length; // first index whose table ends after `at`
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tables[mid]!.table.end <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? tables[lo - 1] : undefined;
  };
  for (const field of fields) {
    const owner = ownerOf(field.labelStart);
    if (!owner || owner.health) continue;
    const headings = enclosingHeadings(doc, owner.table.start);
    const section = headings[headings.length - 1];
    if (section && field.labelStart >= section.bodyEnd) continue;
    owner.health = healthLine(ctx, owner, field);
  }
  return tables;
}

/** Rows with a computable attainment. */
export function measuredRows(t: KpiTable): Array<KpiRow & { attainment: number }> {
  return t.rows.filter((r): r is KpiRow & { attainment: number } => r.attainment !== null);
}

/** Score of a KPI table: mean over measured rows of min(attainment, 100), rounded half up. */
export function tableScore(t: KpiTable): number | null {
  return scoreOf(measuredRows(t).map((r) => Math.min(r.attainment, 100)));
}

/** The mean of capped attainments, rounded half up (spec §2.5); null when nothing is measured. */
function scoreOf(capped: number[]): number | null {
  return capped.length === 0 ? null : roundHalfUp(capped.reduce((sum, c) => sum + c, 0) / capped.length);
}

/** A measured row's entry in a health line's breakdown: one per distinct row values (read-only). */
const usedEntries = new WeakMap<RowValues, HealthLine['used'][number]>();
function usedEntry(r: RowValues): HealthLine['used'][number] {
  let u = usedEntries.get(r);
  if (!u) usedEntries.set(r, (u = { metric: r.metric, attainment: r.attainment!, capped: Math.min(r.attainment!, 100) }));
  return u;
}

const PERCENT_RE = /\(\s*(\d[\d,]*(?:\.\d+)?)\s*%/;

function healthLine(ctx: RuleContext, t: KpiTableOfLint, field: Field): HealthLine {
  const text = ctx.doc.text;
  const value = field.value;
  const stated = parseStatusCell(value);
  // From the rows' values (tableScore and measuredRows compute the same from the rows).
  const used = t.values.filter((r) => r.attainment !== null).map(usedEntry);
  const score = scoreOf(used.map((u) => u.capped));
  const band = score === null ? null : healthBand(score, ctx.config.thresholds);

  // The part the fix rewrites: `🟡 Yellow (85% of targets met` — up to the first comma (or
  // semicolon or dash) or closing parenthesis inside the percent's parenthetical; without one, up to the first comma
  // of the value, else the whole value.
  let replaceEnd = field.valueEnd;
  const pm = PERCENT_RE.exec(value);
  let hasParen = false;
  if (pm) {
    const open = pm.index;
    let stop = value.length;
    for (let i = open + 1; i < value.length; i++) {
      const ch = value[i];
      // A note after a comma, semicolon or dash is the author's (`met — inbound referrals lag`).
      if (ch === ',' || ch === ')' || ch === ';' || ch === '—' || ch === '–' || (ch === '-' && value[i - 1] === ' ' && value[i + 1] === ' ')) {
        stop = i;
        break;
      }
    }
    replaceEnd = field.valueStart + stop;
    hasParen = true;
  } else {
    const comma = value.indexOf(',');
    if (comma >= 0) replaceEnd = field.valueStart + comma;
  }
  // Keep trailing spaces before a comma outside the replacement.
  while (replaceEnd > field.valueStart && text[replaceEnd - 1] === ' ') replaceEnd--;

  const statedPercent = pm ? Number(pm[1]!.replace(/,/g, '')) : null;
  let problem: string | null = null;
  let fixText: string | null = null;
  if (score !== null && band !== null) {
    const expected = `${badgeFor(band)} (${score}% of targets met`;
    const badgeWrong = stated.rag !== band;
    const numberWrong = statedPercent !== null && roundHalfUp(statedPercent) !== score;
    if (badgeWrong || numberWrong) {
      // Without a parenthetical, the fix closes the one it opens.
      fixText = hasParen ? expected : `${expected})`;
      const found = text.slice(field.valueStart, replaceEnd) + (hasParen ? ')' : '');
      const breakdown = used.map((u) => (u.attainment > 100 ? `${u.attainment}→100` : String(u.attainment))).join(', ');
      problem =
        `Unexpected overall health “${found}”; computed ${badgeFor(band)} (${score}% of targets met) ` +
        `from the KPI table above: mean of ${breakdown}`;
    }
  }
  return {
    field,
    statedBand: stated.rag,
    statedPercent,
    score,
    band,
    used,
    replaceStart: field.valueStart,
    replaceEnd,
    fixText,
    problem,
  };
}

// ---------------------------------------------------------------------------------------------
// Per-row checks shared by the rules and the hover

function describeValue(c: ParsedCell): string {
  return c.state === 'value' ? c.value.raw : c.state === 'unparsable' ? c.raw : 'N/A';
}

/** `$450K of $500K` / `3 days against ≤ 2 days` — the numbers behind an attainment. */
export function breakdownText(r: KpiRow): string {
  const t = describeValue(r.target);
  const a = describeValue(r.actual);
  return r.direction === 'lower' ? `${a} against ${t} (lower is better)` : `${a} of ${t}`;
}

export interface StatusProblem {
  message: string;
  /** The canonical cell text, keeping any text after the closing parenthesis. */
  fixText: string;
}

/**
 * Whether a row's Status cell disagrees with its computed status. Null when consistent, when
 * there is no Status column or when no status is computable.
 */
export function statusProblem(r: KpiRow): StatusProblem | null {
  // A function of the row's values (the Status cell's text is one of them): one answer, and one
  // message string, for all rows that say the same.
  let p = statusProblems.get(r.values);
  if (p === undefined) statusProblems.set(r.values, (p = statusProblemOf(r)));
  return p;
}
const statusProblems = new WeakMap<object, StatusProblem | null>();

function statusProblemOf(r: KpiRow): StatusProblem | null {
  if (r.stated === null || r.attainment === null || r.computed === null) return null;
  const canonical = canonicalStatus(r.computed, r.attainment);
  const cellText = r.statusCell?.text ?? '';
  const fixText = canonical + r.stated.afterParen.trimEnd();
  const computedText = `computed ${canonical} from ${breakdownText(r)}`;
  if (cellText === '') return { message: `Missing status; expected ${canonical} (${breakdownText(r)})`, fixText };
  const colourWrong = r.stated.rag !== r.computed;
  const percentWrong = r.stated.percent !== null && roundHalfUp(r.stated.percent) !== r.attainment;
  if (!colourWrong && !percentWrong) return null;
  return { message: `Unexpected status “${cellText}”; ${computedText}`, fixText };
}

const TREND_CANONICAL: Record<TrendWord, string> = {
  improving: '↗\uFE0F Improving',
  stable: '→ Stable',
  declining: '↘\uFE0F Declining',
};

export interface TrendProblem {
  message: string;
  /** Replacement cell text (arrow + word implied by the change, or by the word), `(…)` kept. */
  suggestion: string | null;
}

/** Whether a row's Trend cell contradicts itself (spec §2.4). */
export function trendIssue(r: KpiRow, thresholds: Thresholds): TrendProblem | null {
  if (!r.trend) return null;
  const message = trendProblem(r.trend, thresholds.stableBand, r.direction);
  if (message === null) return null;
  const cellText = r.trendCell?.text ?? '';
  let head: string | null = null;
  if (r.trend.change !== null) head = suggestedTrend(r.direction, r.trend.change, thresholds.stableBand);
  else if (r.trend.word) head = TREND_CANONICAL[r.trend.word];
  const paren = cellText.indexOf('(');
  const tail = paren >= 0 ? ` ${cellText.slice(paren)}` : '';
  const suggestion = head === null ? null : head + tail;
  return { message, suggestion: suggestion === cellText ? null : suggestion };
}

/** A percentage as the hover shows it (`90%`, `—` for null). Used by src/vscode/hover.ts. */
export function pct(n: number | null): string {
  return n === null ? '—' : `${formatNumber(n)}%`;
}
