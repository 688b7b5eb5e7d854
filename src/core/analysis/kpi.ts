/**
 * KPI tables (spec §2): which GFM tables are KPI tables, what each row says and what it
 * should say, and the `**Overall Partnership Health**` line that summarises a table.
 *
 * Computed once per lint through `ctx.get(analyzeKpi)`; the KPI rules, the hover (explain.ts)
 * and the CodeLens all read this one analysis.
 */
import { enclosingHeadings, perChunk } from '../document.js';
import type { CellModel, RowModel, TableModel } from '../model.js';
import type { RuleContext } from '../rule.js';
import type { Thresholds } from '../types.js';
import { parseKpiValue, sameKind, stripInlineMarkup, type KpiValue, type ParsedCell } from '../values/kpi-value.js';
import { directionOf, type Direction } from '../values/direction.js';
import {
  badgeFor,
  canonicalStatus,
  displayPercent,
  exactAttainment,
  healthBand,
  ragWord,
  roundHalfUp,
  statedPercentAgrees,
  statusFor,
  type Rag,
} from '../values/status.js';
import { parseStatusCell, statusVocabulary, type ParsedStatus, type StatusVocabulary } from '../values/status-cell.js';
import { suggestedTrend, trendProblem, type ParsedTrend, type TrendWord } from '../values/trend.js';
import { extractFields, type Field } from './fields.js';
import { flatCopy, memoByString } from '../memo.js';
import { kpiColumns, readTrend, type KpiColumns } from './kpi-columns.js';
import { isWholeSlot } from '../placeholders.js';

// Cell parsers are pure functions of the cell text: memoised across lints (see memo.ts).
const readValue = memoByString((cell: string): ParsedCell => {
  // A cell that is wholly a template placeholder (`[Target]`) is not filled in yet:
  // placeholder-unfilled reports it, so it counts as not measured rather than unparsable.
  const bare = stripInlineMarkup(cell).trim();
  if (/^\[[^\[\]\n]*\]$/.test(bare) || isWholeSlot(bare)) return { state: 'unmeasured' };
  return parseKpiValue(cell);
});
/** Status cells memoised per vocabulary (the default one, or one per configured `statusWords`). */
const statusReaders = new Map<StatusVocabulary, (text: string) => ParsedStatus>();
function statusReader(vocabulary: StatusVocabulary): (text: string) => ParsedStatus {
  let read = statusReaders.get(vocabulary);
  if (!read) {
    if (statusReaders.size > 20) statusReaders.clear();
    statusReaders.set(vocabulary, (read = memoByString((text: string) => parseStatusCell(text, vocabulary))));
  }
  return read;
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
  directionReason: 'config' | 'config-word' | 'comparator' | 'keyword' | 'default';
  directionKeyword?: string;
  /**
   * Whole percent as shown: rounded half up, but never at or above a band boundary the exact
   * figure is below (99.98 → 99). Null when unmeasured, unparsable, mismatched or target 0.
   */
  attainment: number | null;
  /** The exact attainment the band is decided on (99.98 for 99.93 of 99.95); null like `attainment`. */
  exactAttainment: number | null;
  /** RAG from the exact attainment; null when attainment is null. */
  computed: Rag | null;
  /** The Status cell as read; null when the table has no Status column. */
  stated: ParsedStatus | null;
  /** How the row's table writes its statuses (two-valued or not, the team's own words). */
  vocab: TableVocab;
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
  /** How the table writes its statuses. */
  readonly vocab: TableVocab;
}

// ---------------------------------------------------------------------------------------------
// Header matching: kpi-columns.ts (which tables are KPI tables and which column is which).

export { periodOf, type ColumnHow } from './kpi-columns.js';

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

function rowOf(table: TableModel, cols: KpiColumns, index: number, v: RowValues, vocab: TableVocab): KpiRow {
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
    exactAttainment: v.exactAttainment,
    computed: v.computed,
    stated: v.stated,
    vocab,
    trend: v.trend,
    values: v,
  };
}

/** What a row says and computes: a function of its cells' texts and the configuration only. */
type RowValues = Pick<KpiRow, 'metric' | 'target' | 'actual' | 'comparison' | 'direction' | 'directionReason' | 'directionKeyword' | 'attainment' | 'exactAttainment' | 'computed' | 'stated' | 'trend'>;

function computeRowValues(ctx: RuleContext, metricText: string, targetText: string, actualText: string, statusText: string | null, trendText: string | null): RowValues {
  const metric = stripInlineMarkup(metricText);
  const target = readValue(targetText);
  const actual = readValue(actualText);
  const targetValue: KpiValue | undefined = target.state === 'value' ? target.value : undefined;
  const actualValue: KpiValue | undefined = actual.state === 'value' ? actual.value : undefined;
  const { config } = ctx;
  const dir = directionOf(metric, targetValue, config.metrics, config, actualValue);
  let comparison: KpiRow['comparison'] = null;
  let exact: number | null = null;
  if (target.state === 'value' && actual.state === 'value') {
    comparison = sameKind(target.value, actual.value);
    if (comparison.ok) exact = exactAttainment(comparison.target, comparison.actual, dir.direction);
  }
  // The band is decided on the exact figure; the percentage shown never crosses a band boundary.
  const att = exact === null ? null : displayPercent(exact, [config.thresholds.statusGreen, config.thresholds.statusYellow]);
  const computed = exact === null ? null : statusFor(exact, config.thresholds);
  const stated = statusText === null ? null : statusReader(statusVocabulary(config.statusWords))(statusText);
  const trend = trendText === null || trendText === '' ? null : readTrend(trendText);
  return {
    metric, target, actual, comparison, direction: dir.direction, directionReason: dir.reason, directionKeyword: dir.keyword,
    attainment: att, exactAttainment: exact, computed, stated, trend,
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
  const c = ctx.config;
  const config = JSON.stringify([c.metrics, c.thresholds, c.kpiColumns ?? null, c.statusWords ?? null, c.lowerIsBetter ?? null, c.higherIsBetter ?? null]);
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
  vocab: TableVocab;
}

/**
 * How a KPI table writes its statuses (spec §9), read from all its Status cells:
 * - `twoValued`: every status read is a met / not-met word or symbol (Met, Not Met, Missed,
 *   Achieved, Exceeded, PASS, FAIL, MISS, ✅, ❌) and none reads Yellow: the table can only be
 *   checked as met (attainment ≥ statusGreen) vs not met;
 * - `forms`: the marker the fix writes for a colour, in the team's words (`❌ Missed`,
 *   `🟡 At Risk`), when the table writes that colour one way (or its vocabulary has an obvious
 *   counterpart); canonical (`⚠️ Yellow (90% of target)`) otherwise.
 * One object per distinct vocabulary (interned), so memos keyed on it are shared across lints.
 */
export interface TableVocab {
  twoValued: boolean;
  forms: Partial<Record<Rag, string>>;
  /** For the hover: `met / not met (Met, Missed)`, `On Track / At Risk / Off Track`, `Green / Yellow / Red`. */
  description: string;
  /**
   * The table writes its colours as 🟢 / 🟡 / 🔴 circles with colour words (`🟡 Yellow (90% of
   * target)`): the canonical status is written with the circles too, not ✅ / ⚠️ / 🔴.
   */
  circles?: boolean;
}
const CANONICAL_VOCAB: TableVocab = Object.freeze({ twoValued: false, forms: Object.freeze({}), description: 'Green / Yellow / Red' }) as TableVocab;
const NOT_KPI: TableSummary = { columns: null, values: [], vocab: CANONICAL_VOCAB };

function summarize(ctx: RuleContext, table: TableModel): TableSummary {
  const columns = kpiColumns(table, ctx.config.kpiColumns, { value: readValue });
  if (!columns) return NOT_KPI;
  const values = table.rows.map((_, i) => valuesOf(ctx, table, columns, i));
  const texts = columns.status === null ? [] : table.rows.map((r) => r.cells[columns.status!]?.text ?? '');
  return { columns, values, vocab: tableVocab(values, texts) };
}

const COLOUR_WORDS = new Set(['green', 'yellow', 'amber', 'red']);
/** Three-valued families whose counterpart words the fix may write. */
const FAMILIES: Array<Record<Rag, string>> = [
  { green: 'on track', yellow: 'at risk', red: 'off track' },
  { green: 'healthy', yellow: 'warning', red: 'critical' },
  { green: 'ahead', yellow: 'at risk', red: 'behind' },
];
/** Met / not-met counterparts (lowercase) for a two-valued table that never wrote one side. */
const MET_COUNTERPART: Record<string, string> = {
  met: 'not met', 'not met': 'met', achieved: 'not achieved', 'not achieved': 'achieved', exceeded: 'missed',
  missed: 'met', pass: 'fail', fail: 'pass', passed: 'failed', failed: 'passed', miss: 'met',
};
const SYMBOL_COUNTERPART: Record<string, string> = { '✅': '❌', '❌': '✅', '🟢': '🔴', '🔴': '🟢' };
const vocabs = new Map<string, TableVocab>();

/** `word` in the letter case of `like` (`PASS` → `FAIL`, `Met` → `Not Met`, `met` → `not met`). */
function inCaseOf(word: string, like: string): string {
  if (like === like.toUpperCase() && like !== like.toLowerCase()) return word.toUpperCase();
  if (like[0] !== undefined && like[0] === like[0].toUpperCase()) return word.replace(/(^|[ -])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
  return word;
}

function tableVocab(values: readonly RowValues[], texts: readonly string[]): TableVocab {
  const coloured: Array<{ stated: ParsedStatus; text: string }> = [];
  values.forEach((v, i) => {
    if (v.stated && v.stated.rag !== null) coloured.push({ stated: v.stated, text: texts[i] ?? '' });
  });
  if (coloured.length === 0) return CANONICAL_VOCAB;
  const twoValued = coloured.every((c) => c.stated.binary === true) && !values.some((v) => v.stated?.anyYellow);
  // The most frequent marker per colour (first on ties), keeping only non-colour vocabularies.
  const counts: Record<Rag, Map<string, number>> = { green: new Map(), yellow: new Map(), red: new Map() };
  const phrases = new Set<string>();
  let colourWords = false;
  let symbolStyle: 'circles' | 'marks' | null = null;
  /** Some marker has a 🟢 / 🟡 circle and none has ✅ / ⚠️ / ❌. */
  let circlesOnly: boolean | null = null;
  for (const { stated, text } of coloured) {
    const phrase = stated.phrase?.toLowerCase().replace(/[\s-]+/g, ' ') ?? null;
    if (phrase !== null) {
      phrases.add(phrase);
      if (COLOUR_WORDS.has(phrase)) colourWords = true;
    }
    if (stated.markerEnd === undefined) continue;
    const marker = text.slice(0, stated.markerEnd).trim();
    // 🔴 is both a circle and the canonical red: only 🟢 / 🟡 tell the circle style.
    if (/^(?:\u{1F7E2}|\u{1F7E1})/u.test(marker)) circlesOnly ??= true;
    else if (/^(?:\u2705|\u26A0|\u274C)/u.test(marker)) circlesOnly = false;
    if (symbolStyle === null) {
      if (/^(?:\u{1F7E2}|\u{1F7E1}|\u{1F534})/u.test(marker)) symbolStyle = 'circles';
      else if (/^(?:\u2705|\u26A0|\u274C)/u.test(marker)) symbolStyle = 'marks';
    }
    const m = counts[stated.rag!];
    m.set(marker, (m.get(marker) ?? 0) + 1);
  }
  const forms: Partial<Record<Rag, string>> = {};
  if (!colourWords) {
    for (const rag of ['green', 'yellow', 'red'] as const) {
      let best: string | undefined;
      let n = 0;
      for (const [marker, c] of counts[rag]) if (c > n) [best, n] = [marker, c];
      // A symbol alone (`✅`) is the team's form only in a two-valued table.
      if (best !== undefined && (twoValued || /[a-z]/i.test(best))) forms[rag] = best;
    }
    if (twoValued) {
      // The side never written: the counterpart of the other side's form.
      for (const [want, from] of [['red', 'green'], ['green', 'red']] as const) {
        const other = forms[from];
        if (forms[want] !== undefined || other === undefined) continue;
        const wordAt = other.search(/[a-z]/i);
        const symbol = wordAt < 0 ? other : other.slice(0, wordAt).trim();
        const word = wordAt < 0 ? '' : other.slice(wordAt);
        const sym = [...symbol.replace(/\uFE0F/g, '')].map((ch) => SYMBOL_COUNTERPART[ch] ?? '').join('');
        const counterpart = word === '' ? '' : MET_COUNTERPART[word.toLowerCase().replace(/[\s-]+/g, ' ')];
        if (counterpart === undefined || (sym === '' && symbol !== '')) continue;
        const text = [sym, counterpart === '' ? '' : inCaseOf(counterpart, word)].filter((x) => x !== '').join(' ');
        if (text !== '') forms[want] = text;
      }
    } else {
      // A three-valued family (On Track / At Risk / Off Track…): its word for a colour never written.
      const family = FAMILIES.find((f) => [...phrases].every((p) => p === f.green || p === f.yellow || p === f.red));
      const like = coloured.find((c) => c.stated.phrase)?.stated.phrase ?? '';
      if (family && like !== '') {
        for (const rag of ['green', 'yellow', 'red'] as const) {
          if (forms[rag] !== undefined) continue;
          const symbol = symbolStyle === 'circles' ? badgeFor(rag).split(' ')[0] + ' ' : symbolStyle === 'marks' ? canonicalStatus(rag, 0).split(' ')[0] + ' ' : '';
          forms[rag] = symbol + inCaseOf(family[rag], like);
        }
      }
    }
  }
  const description = twoValued
    ? `met / not met (${[forms.green, forms.red].filter((f) => f !== undefined).join(', ')})`
    : forms.green || forms.yellow || forms.red
      ? (['green', 'yellow', 'red'] as const).map((r) => forms[r] ?? ragWord(r)).join(' / ')
      : 'Green / Yellow / Red';
  const circles = !twoValued && colourWords && circlesOnly === true;
  const key = `${twoValued}\n${forms.green ?? ''}\n${forms.yellow ?? ''}\n${forms.red ?? ''}\n${circles}`;
  let v = vocabs.get(key);
  if (!v) {
    if (vocabs.size > 5_000) vocabs.clear();
    vocabs.set(key, (v = circles ? { twoValued, forms, description, circles } : { twoValued, forms, description }));
  }
  return v;
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
    readonly vocab: TableVocab,
  ) {}
  get rows(): KpiRow[] {
    return this.values.map((v, i) => rowOf(this.table, this.columns, i, v, this.vocab));
  }
}

export function analyzeKpi(ctx: RuleContext): KpiTable[] {
  const { doc } = ctx;
  const tables: KpiTableOfLint[] = [];
  // The summaries are position-free, so a section's are reused as they are even when it moved;
  // they depend on the configuration (the row memo's key), hence one slot per configuration.
  const slot = `kpi ${ctx.get(rowMemoFor).config}`;
  const summaries =
    perChunk(doc, slot, (p) => p.model.tables.map((t) => summarize(ctx, t))) ?? doc.tables.map((t) => summarize(ctx, t));
  for (let i = 0; i < doc.tables.length; i++) {
    const s = summaries[i]!;
    if (s.columns) tables.push(new KpiTableOfLint(doc.tables[i]!, s.columns, s.values, s.vocab));
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

/**
 * Score of a KPI table: mean over measured rows of min(exact attainment, 100), shown as a whole
 * percent that never crosses a health band boundary the exact mean is below (spec §9).
 */
export function tableScore(t: KpiTable, thresholds: { healthGreen: number; healthYellow: number } = { healthGreen: 90, healthYellow: 70 }): number | null {
  return scoreOf(measuredRows(t), thresholds)?.score ?? null;
}

/**
 * The score of measured rows (spec §2.5, §9): the band is decided on the exact mean of
 * min(exact attainment, 100); the figure shown is the mean of the row percentages as shown
 * (what a reader recomputes from the table), rounded half up, and kept inside that band (a mean
 * just below 90 is never shown as 90). Null when nothing is measured.
 */
function scoreOf(rows: ReadonlyArray<{ attainment: number | null; exactAttainment: number | null }>, thresholds: { healthGreen: number; healthYellow: number }): { score: number; exact: number } | null {
  if (rows.length === 0) return null;
  let shown = 0;
  let exact = 0;
  for (const r of rows) {
    shown += Math.min(r.attainment!, 100);
    exact += Math.min(r.exactAttainment ?? r.attainment!, 100);
  }
  shown /= rows.length;
  exact = Math.round((exact / rows.length) * 1e9) / 1e9;
  let score = roundHalfUp(shown);
  const bounds = [thresholds.healthGreen, thresholds.healthYellow];
  for (const b of bounds) {
    if (exact < b && score >= b) score = Math.ceil(b) - 1;
    else if (exact >= b && score < b) score = Math.ceil(b);
  }
  return { score, exact };
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
  const stated = parseStatusCell(value, statusVocabulary(ctx.config.statusWords));
  // From the rows' values (tableScore and measuredRows compute the same from the rows).
  const measured = t.values.filter((r) => r.attainment !== null);
  const used = measured.map(usedEntry);
  const thresholds = ctx.config.thresholds;
  const scored = scoreOf(measured, thresholds);
  const score = scored?.score ?? null;
  const exactScore = scored?.exact ?? null;
  // The band is decided on the exact mean; the figure shown never crosses a band boundary.
  const band = exactScore === null ? null : healthBand(exactScore, thresholds);

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
    const numberWrong = statedPercent !== null && !statedPercentAgrees(statedPercent, score, exactScore!);
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
  /** What a finding carries for tools (SARIF, the hover): the row's values as read. */
  data?: Readonly<Record<string, unknown>>;
}

/**
 * Whether a row's Status cell disagrees with its computed status. Null when consistent, when
 * there is no Status column or when no status is computable.
 */
export function statusProblem(r: KpiRow): StatusProblem | null {
  // A function of the row's values (the Status cell's text is one of them) and of its table's
  // vocabulary: one answer, and one message string, for all rows that say the same.
  let byValues = statusProblems.get(r.vocab);
  if (!byValues) statusProblems.set(r.vocab, (byValues = new WeakMap()));
  let p = byValues.get(r.values);
  if (p === undefined) {
    p = statusProblemOf(r);
    if (p) p.data = {
      metric: r.metric,
      target: r.target.state === 'value' ? r.target.value.raw : null,
      actual: r.actual.state === 'value' ? r.actual.value.raw : null,
      direction: r.direction,
      attainment: r.attainment,
      exactAttainment: r.exactAttainment,
      computed: r.computed,
      twoValued: r.vocab.twoValued,
      stated: r.stated?.rag ?? null,
      statedPercent: r.stated?.percent ?? null,
      expected: p.fixText,
    };
    byValues.set(r.values, p);
  }
  return p;
}
const statusProblems = new WeakMap<TableVocab, WeakMap<object, StatusProblem | null>>();

/** Cell texts that say "not measured": with both values measured they are still reported. */
const NO_STATUS = new Set(['n/a', 'na', 'n.a.', 'tbd', 'tba', '—', '–', '-', '--', '?', '…', '...']);

/**
 * What the fix writes for a status in the team's own words: the marker (`❌ Missed`,
 * `🟡 At Risk`), the percentage if the cell stated one, then the cell's own note (the text after
 * its parenthetical, or after its marker when it has none).
 */
function teamFix(r: KpiRow, form: string): string {
  const stated = r.stated!;
  const cellText = r.statusCell?.text ?? '';
  const percent = stated.percent !== null ? ` (${r.attainment}% of target)` : '';
  const rest = stated.percent !== null ? stated.afterParen : stated.markerEnd !== undefined ? cellText.slice(stated.markerEnd) : '';
  return (form + percent + rest).trimEnd();
}

function statusProblemOf(r: KpiRow): StatusProblem | null {
  if (r.stated === null || r.attainment === null || r.computed === null || r.exactAttainment === null) return null;
  const cellText = r.statusCell?.text ?? '';
  const stated = r.stated;
  if (r.vocab.twoValued) {
    // Met / not met only (spec §9): ✅ Met at 95% is wrong, ❌ Missed at 90% is right.
    const met = r.computed === 'green';
    const want: Rag = met ? 'green' : 'red';
    const form = r.vocab.forms[want];
    const fixText = form !== undefined ? teamFix(r, form) : canonicalStatus(r.computed, r.attainment) + stated.afterParen.trimEnd();
    const why = `${r.attainment}% of target is ${met ? 'met' : 'not met'} (${breakdownText(r)}; this table's statuses read as met / not met)`;
    if (cellText === '') return { message: `Missing status; expected “${fixText}”: ${why}`, fixText };
    const colourWrong = stated.rag === null ? NO_STATUS.has(cellText.trim().toLowerCase()) : (stated.rag === 'green') !== met;
    const percentWrong = stated.percent !== null && !statedPercentAgrees(stated.percent, r.attainment, r.exactAttainment);
    if (!colourWrong && !percentWrong) return null;
    return { message: `Unexpected status “${cellText}”: ${why}; expected “${fixText}”`, fixText };
  }
  const canonical = r.vocab.circles ? `${badgeFor(r.computed)} (${r.attainment}% of target)` : canonicalStatus(r.computed, r.attainment);
  const form = r.vocab.forms[r.computed];
  const fixText = form !== undefined ? teamFix(r, form) : canonical + stated.afterParen.trimEnd();
  const expected = form !== undefined ? `; expected “${fixText}”` : '';
  const computedText = `computed ${canonical} from ${breakdownText(r)}${expected}`;
  if (cellText === '') return { message: `Missing status; expected ${form !== undefined ? `“${fixText}”` : canonical} (${breakdownText(r)})`, fixText };
  // A cell whose words are unknown (`See notes`, `Pending`) reads no colour: no finding, unless
  // it says "not measured" (N/A, TBD) while both values are, or states a wrong percentage.
  const colourWrong = stated.rag === null ? NO_STATUS.has(cellText.trim().toLowerCase()) : stated.rag !== r.computed;
  const percentWrong = stated.percent !== null && !statedPercentAgrees(stated.percent, r.attainment, r.exactAttainment);
  if (!colourWrong && !percentWrong) return null;
  return { message: `Unexpected status “${cellText}”; ${computedText}`, fixText };
}

/**
 * The Status cell text the fix writes for this row when its cell is empty: the computed status
 * in the table's own style (`⚠️ Yellow (90% of target)`, `🟡 Yellow (90% of target)`,
 * `❌ Missed`, `🟡 At Risk`), or null when no status is computable (completions offer it).
 */
export function expectedStatusText(r: KpiRow): string | null {
  if (r.statusCell === null && r.stated === null) return null; // no Status column
  const empty: KpiRow = { ...r, statusCell: null, stated: parseStatusCell(''), values: {} };
  return statusProblemOf(empty)?.fixText ?? null;
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
