/**
 * Which tables are KPI tables and which column is which (spec §2 and §9 "KPI tables").
 *
 * Real teams name the columns of a KPI table in many ways: `KPI | Goal | Q3 2026 | RAG`,
 * `Objective | Key Result | Target | Actual | Status`, `Requirement | Threshold | Result | Met?`,
 * `Metric | Target | Q2 2026 | Q3 2026 | Variance | Commentary`. This module reads a table's
 * header (and, where a name alone is ambiguous, its cells) and says which column is the metric,
 * the target, the actual, the status and the trend — or that the table is not a KPI table.
 * Where two readings are plausible it answers "not a KPI table": a wrong finding is worse than a
 * missing one.
 *
 * Pure: a function of the table's texts and the configured column names.
 */
import type { TableModel } from '../model.js';
import { normalizeHeading } from '../model.js';
import { memoByString } from '../memo.js';
import type { KpiColumnNames } from '../types.js';
import { parseKpiValue, type ParsedCell } from '../values/kpi-value.js';
import { parseStatusCell } from '../values/status-cell.js';
import { parseTrendCell } from '../values/trend.js';

export type { KpiColumnNames };

/** How a column was recognised (shown on hover). */
export type ColumnHow = 'named' | 'configured' | 'synonym' | 'qualified' | 'period' | 'latest period';

export interface KpiColumns {
  metric: number;
  target: number;
  actual: number;
  status: number | null;
  trend: number | null;
  /** How the target and actual columns were recognised (optional: older callers build columns without). */
  targetHow?: ColumnHow;
  actualHow?: ColumnHow;
  /** A Gap / Variance / Δ / "% of target" column that stands in for a missing Status column. */
  statusStandIn?: number | null;
  /** A Change / Δ / YoY / Prior Period / earlier-period column that stands in for a missing Trend column. */
  trendStandIn?: number | null;
  /** A Commentary / Notes / Comments column (a Red row explained there is addressed). */
  commentary?: number | null;
  /** The metric column is a Key Result / KR (an OKR table: no Trend expected). */
  okr?: boolean;
}

/** Cell readers (the KPI analysis passes its memoised ones). */
export interface CellReaders {
  value: (cell: string) => ParsedCell;
}

const defaultReaders: CellReaders = { value: parseKpiValue };
const readStatus = memoByString(parseStatusCell);
/** parseTrendCell, memoised (shared with the KPI analysis). */
export const readTrend = memoByString(parseTrendCell);

// ---------------------------------------------------------------------------------------------
// Names

/** Metric column names, by specificity: a Key Result is more specific than a Metric, a Metric than an Objective. */
const METRIC_RANK: Record<string, number> = {
  'key result': 3, 'key results': 3, kr: 3, krs: 3,
  metric: 2, metrics: 2, kpi: 2, kpis: 2, measure: 2, measures: 2, requirement: 2, requirements: 2,
  indicator: 2, indicators: 2, 'metric name': 2, 'kpi name': 2, 'success metric': 2, 'success metrics': 2,
  'performance indicator': 2, 'key performance indicator': 2, 'sla metric': 2, 'service level': 2,
  objective: 1, objectives: 1,
};
const TARGET = new Set([
  'target', 'targets', 'goal', 'goals', 'plan', 'benchmark', 'benchmarks', 'threshold', 'thresholds',
  'commitment', 'commitments', 'committed', 'sla', 'slo', 'sla target', 'slo target', 'target value',
  'target level', 'planned',
]);
/** Column names that are the metric only when another column is the target (`SLA | Commitment | …`). */
const SLA_METRIC = new Set(['sla', 'slas', 'slo', 'slos', 'service', 'service level', 'sli']);
/** Actual, by name (first choice). */
const ACTUAL = new Set(['actual', 'actuals', 'actual value', 'actual result', 'actual results']);
/** Actual, by a synonym (second choice; a column whose cells are statuses is not the actual). */
const ACTUAL_SYNONYM = new Set([
  'value', 'values', 'result', 'results', 'achieved', 'achievement', 'current', 'current value', 'score',
  'measured', 'observed',
]);
const STATUS = new Set(['status', 'statuses', 'rag', 'rag status', 'status rag', 'health', 'state', 'result status']);
/**
 * Columns read as a Status only when their cells are statuses (`PASS`, `✅`, `Green`): a `Met?`
 * column of Yes / No answers the question without a colour, so it is not checked (it still
 * stands in for a Status column).
 */
const STATUS_BY_CONTENT = new Set([
  'met?', 'met', 'met target?', 'target met', 'target met?', 'on track?', 'achieved?', 'pass/fail', 'pass / fail',
  'result', 'results', 'outcome', 'assessment', 'achieved', 'rating', 'verdict',
]);
/** Of those, the ones that say whether the target was met (a stand-in for Status whatever their cells). */
const STATUS_QUESTION = new Set(['met?', 'met', 'met target?', 'target met', 'target met?', 'on track?', 'achieved?', 'pass/fail', 'pass / fail']);
const TREND = new Set(['trend', 'trends', 'trend direction']);
/** Columns read as a Trend only when every filled cell says Improving / Stable / Declining. */
const TREND_BY_CONTENT = new Set(['direction', 'change', 'movement', 'momentum', 'δ', 'delta']);
const COMMENTARY = new Set([
  'commentary', 'comment', 'comments', 'notes', 'note', 'remarks', 'explanation', 'context', 'why',
  'root cause', 'cause', 'analysis', 'insight', 'insights', 'action', 'actions', 'mitigation',
  'next steps', 'recovery plan', 'path to green', 'narrative', 'details',
]);
/** A column that says how far the actual is from the target: stands in for Status. */
/** OKR grade columns (0.0–1.0 or 0–10 scores a team grades its key results with). */
const GRADE = new Set(['score', 'grade', 'okr score', 'kr score', 'scoring']);
const STATUS_STAND_IN = /\b(?:gap|gaps|variance|var|attainment|achievement %|progress|grade|score)\b|\bvs\.? (?:target|plan|goal)\b|% (?:of|to) (?:target|plan|goal)|^(?:δ|delta|diff|difference)$/;
/** A column that says how the actual moved: stands in for Trend. */
const TREND_STAND_IN =
  /\b(?:change|delta|yoy|qoq|mom|wow|prior|previous|prev|last|baseline|growth)\b|δ|^vs\b|^(?:direction|movement|momentum)$/;
/** Words that make a period-labelled column something other than an actual (`Q4 2026 (forecast)`). */
const NOT_ACTUAL_PERIOD =
  /\b(?:forecast|fcst|projected|projection|estimate|estimated|est|plan|planned|target|goal|budget|prior|previous|prev|baseline|last|ly|py|benchmark|outlook)\b/;

/** Header cell → key: emphasis, emoji and a trailing parenthetical ignored, case-insensitive. */
function headerKey(text: string): string {
  return normalizeHeading(text);
}

// ---------------------------------------------------------------------------------------------
// Periods

export interface Period {
  kind: 'quarter' | 'half' | 'month' | 'year' | 'fy' | 'current' | 'to-date';
  /** Quarter 1–4, half 1–2, month 1–12; 0 otherwise. */
  index: number;
  /** Four-digit year, or null when the label has none. */
  year: number | null;
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const CURRENT = new Set([
  'this period', 'this month', 'this quarter', 'this week', 'this year', 'this sprint', 'this cycle', 'this qtr',
  'current period', 'current month', 'current quarter', 'current week', 'current year', 'current qtr',
  'reporting period', 'latest', 'latest period', 'this review period',
]);
const TO_DATE = new Set(['ytd', 'qtd', 'mtd', 'fytd']);

function yearOf(token: string): number | null {
  if (/^(?:19|20)\d{2}$/.test(token)) return Number(token);
  if (/^\d{2}$/.test(token)) return 2000 + Number(token);
  return null;
}

/** A period label (`Q3 2026`, `Q3`, `Sep 2026`, `FY26`, `H1 2026`, `2026`, `YTD`, `This Month`), or null. */
export const periodOf = memoByString((key: string): Period | null => {
  if (CURRENT.has(key)) return { kind: 'current', index: 0, year: null };
  const tokens = key.replace(/[-/'’.,]/g, ' ').split(' ').filter((t) => t !== '');
  if (tokens.length === 0 || tokens.length > 3) return null;
  // `FY 2026` → `fy2026`
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i] === 'fy' && /^\d{2}(?:\d{2})?$/.test(tokens[i + 1]!)) tokens.splice(i, 2, `fy${tokens[i + 1]!}`);
  }
  let unit: Period | null = null;
  let year: number | null = null;
  let sawYear = false;
  for (const t of tokens) {
    let m: RegExpExecArray | null;
    if ((m = /^q([1-4])$/.exec(t))) {
      if (unit) return null;
      unit = { kind: 'quarter', index: Number(m[1]), year: null };
    } else if ((m = /^h([12])$/.exec(t))) {
      if (unit) return null;
      unit = { kind: 'half', index: Number(m[1]), year: null };
    } else if (Object.hasOwn(MONTHS, t)) {
      if (unit) return null;
      unit = { kind: 'month', index: MONTHS[t]!, year: null };
    } else if (TO_DATE.has(t)) {
      if (unit) return null;
      unit = { kind: 'to-date', index: 0, year: null };
    } else if ((m = /^fy(\d{2}|\d{4})$/.exec(t))) {
      if (sawYear) return null;
      sawYear = true;
      year = yearOf(m[1]!);
    } else if (yearOf(t) !== null && (t.length === 4 || unit !== null)) {
      if (sawYear) return null;
      sawYear = true;
      year = yearOf(t);
    } else return null;
  }
  if (unit) return { ...unit, year };
  if (!sawYear || year === null) return null;
  return tokens[0]!.startsWith('fy') ? { kind: 'fy', index: 0, year } : { kind: 'year', index: 0, year };
}, 5_000);

/** Month at the end of a period (for ordering); null for current / to-date. */
function endMonth(p: Period): number | null {
  switch (p.kind) {
    case 'quarter':
      return p.index * 3;
    case 'half':
      return p.index * 6;
    case 'month':
      return p.index;
    case 'year':
    case 'fy':
      return 12;
    default:
      return null;
  }
}

/** Whether a target's period qualifier (`Q3` of `Q3 Target`) names the same period as an actual column's label. */
function samePeriod(a: Period, b: Period): boolean {
  return a.kind === b.kind && a.index === b.index && (a.year === null || b.year === null || a.year === b.year);
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

// ---------------------------------------------------------------------------------------------
// Matching

/** Names configured for a role, normalised like header cells. */
const configuredKeys = memoByString((json: string): Record<keyof KpiColumnNames, Set<string>> => {
  const names = JSON.parse(json) as KpiColumnNames;
  const set = (l?: string[]) => new Set((l ?? []).map(headerKey).filter((k) => k !== ''));
  return { metric: set(names.metric), target: set(names.target), actual: set(names.actual), status: set(names.status), trend: set(names.trend) };
}, 100);

type Role = keyof KpiColumnNames;
const ROLES: Role[] = ['metric', 'target', 'actual', 'status', 'trend'];

/** The cells of column `i` (body rows), trimmed. */
function columnCells(table: TableModel, i: number): string[] {
  return table.rows.map((r) => (r.cells[i]?.text ?? '').trim());
}

/** Whether most filled cells of a column read as a status (`✅`, `Green`, `PASS`) and few as values. */
function statusLike(table: TableModel, i: number, read: CellReaders): boolean {
  let filled = 0;
  let statuses = 0;
  let values = 0;
  for (const c of columnCells(table, i)) {
    if (c === '') continue;
    filled++;
    if (readStatus(c).rag !== null) statuses++;
    else if (read.value(c).state === 'value') values++;
  }
  return filled > 0 && statuses * 2 > filled && values === 0;
}

/** Whether every filled cell of a column names a trend word (Improving / Stable / Declining). */
function trendWords(table: TableModel, i: number): boolean {
  let filled = 0;
  for (const c of columnCells(table, i)) {
    if (c === '') continue;
    filled++;
    if (readTrend(c).word === null) return false;
    // `↑ Higher is better` says which way is good, not how the value moved.
    if (/\b(?:better|higher|lower)\b/i.test(c)) return false;
  }
  return filled > 0;
}

/**
 * Column indices of a KPI table's header, or null when the table is not a KPI table.
 *
 * - Metric: a configured name, else Key Result / KR, else Metric / KPI / Measure / Requirement /
 *   Indicator, else Objective (the most specific wins: in `Objective | Key Result | …` the metric
 *   is the Key Result).
 * - Target: a configured name, else Target / Goal / Plan / Benchmark / Threshold / Commitment /
 *   SLA / SLO, else one qualified by a period (`Q3 Target`).
 * - Actual: a configured name, else Actual(s), else one qualified by a period (`Q3 Actual`, the
 *   Target's period first, else the rightmost), else Value / Result / Achieved / Current / Score
 *   (not a column of statuses), else a period label (`Q3 2026`, `This Month`, `FY26`, `YTD`): the
 *   latest of them, or the Target's period when the Target is qualified (`Q3 Target`). Periods
 *   that cannot be ordered (`YTD` beside `Q3`, two current labels, labels with and without a year)
 *   make the table unreadable: not a KPI table.
 * - Status / Trend: by name, or a Result / Outcome column of statuses, a Direction / Change column
 *   of trend words.
 * - A table whose filled Target and Actual cells are mostly not values (text targets, a
 *   requirements matrix) is not a KPI table.
 */
export function kpiColumns(table: TableModel, names?: KpiColumnNames, read: CellReaders = defaultReaders): KpiColumns | null {
  const raw = table.header.cells.map((c) => c.text);
  const keys = raw.map(headerKey);
  const used = new Set<number>();
  const configured = names ? configuredKeys(JSON.stringify(names)) : null;
  // Configured names first: they take their column away from every other role.
  const fromConfig: Partial<Record<Role, number>> = {};
  if (configured) {
    for (const role of ROLES) {
      const i = keys.findIndex((k, j) => !used.has(j) && configured[role].has(k));
      if (i >= 0) {
        fromConfig[role] = i;
        used.add(i);
      }
    }
  }
  const free = (i: number) => !used.has(i);

  // Metric: the most specific name.
  let metric = fromConfig.metric ?? -1;
  let okr = false;
  if (metric < 0) {
    let rank = 0;
    keys.forEach((k, i) => {
      const r = Object.hasOwn(METRIC_RANK, k) ? METRIC_RANK[k]! : 0;
      if (free(i) && r > rank) {
        rank = r;
        metric = i;
      }
    });
    okr = rank === 3;
    // `| SLA | Commitment | Actual | Met? |`: the SLA (or SLO) column names the metric when
    // another column holds the target.
    if (metric < 0) {
      const sla = keys.findIndex((k, i) => free(i) && SLA_METRIC.has(k));
      if (sla >= 0 && keys.some((k, i) => i !== sla && free(i) && TARGET.has(k))) metric = sla;
    }
  }
  if (metric < 0) return null;
  used.add(metric);

  // Target.
  let target = fromConfig.target ?? -1;
  let targetHow: ColumnHow = 'configured';
  let targetPeriod: string | undefined;
  if (target < 0) {
    target = keys.findIndex((k, i) => free(i) && TARGET.has(k));
    targetHow = target >= 0 && keys[target] === 'target' ? 'named' : 'synonym';
    if (target < 0) {
      // Qualified by a period: of several (`Q3 Target | Q3 Actual | Q4 Target`), the rightmost
      // one whose period has an Actual column too; else the rightmost.
      const actualPeriods = new Set<string>();
      keys.forEach((k) => {
        const q = qualified(k);
        if (q && (ACTUAL.has(q.name) || ACTUAL_SYNONYM.has(q.name))) actualPeriods.add(q.period);
      });
      let paired = false;
      keys.forEach((k, i) => {
        const q = qualified(k);
        if (!free(i) || !q || !TARGET.has(q.name)) return;
        const pairs = actualPeriods.has(q.period);
        if (paired && !pairs) return;
        target = i;
        targetPeriod = q.period;
        paired ||= pairs;
      });
      targetHow = 'qualified';
    }
  }
  if (target < 0) return null;
  used.add(target);

  // Actual.
  let actual = fromConfig.actual ?? -1;
  let actualHow: ColumnHow = 'configured';
  if (actual < 0) {
    actual = keys.findIndex((k, i) => free(i) && ACTUAL.has(k));
    actualHow = 'named';
  }
  if (actual < 0) {
    // Qualified by a period: the Target's period first, else the rightmost.
    keys.forEach((k, i) => {
      const q = qualified(k);
      if (!free(i) || !q || !(ACTUAL.has(q.name) || ACTUAL_SYNONYM.has(q.name))) return;
      if (actual >= 0 && targetPeriod !== undefined && qualified(keys[actual]!)?.period === targetPeriod) return;
      actual = i;
    });
    actualHow = 'qualified';
  }
  if (actual < 0) {
    // In an OKR table a Score / Grade is the key result's grade (0.7), not its actual value.
    actual = keys.findIndex((k, i) => free(i) && ACTUAL_SYNONYM.has(k) && !(okr && k === 'score') && !statusLike(table, i, read));
    actualHow = 'synonym';
  }
  let periods: number[] = [];
  const periodAt = (i: number) => (NOT_ACTUAL_PERIOD.test(raw[i]!.toLowerCase()) ? null : periodOf(keys[i]!));
  keys.forEach((_, i) => {
    if (free(i) && i !== actual && periodAt(i)) periods.push(i);
  });
  if (actual < 0) {
    const chosen = latestPeriod(periods.map((i) => ({ i, p: periodAt(i)! })), targetPeriod);
    if (chosen === null) return null;
    actual = chosen;
    actualHow = periods.length > 1 ? 'latest period' : 'period';
  }
  used.add(actual);
  periods = periods.filter((i) => i !== actual);

  // Status and Trend.
  let status = fromConfig.status ?? keys.findIndex((k, i) => free(i) && STATUS.has(k));
  if (status < 0) status = keys.findIndex((k, i) => free(i) && STATUS_BY_CONTENT.has(k) && statusLike(table, i, read));
  if (status >= 0) used.add(status);
  let trend = fromConfig.trend ?? keys.findIndex((k, i) => free(i) && TREND.has(k));
  if (trend < 0) trend = keys.findIndex((k, i) => free(i) && TREND_BY_CONTENT.has(k) && trendWords(table, i));
  if (trend >= 0) used.add(trend);

  // The cells decide: a table of text targets is not a KPI table.
  if (!mostlyValues(table, target, actual, read)) return null;

  // An OKR grade (`| Score | Status |`, 0.7 = on target for a stretch KR) beside the Status: the
  // Status grades the score on the team's own scale, not the attainment — not checked (the
  // grade column stands in for it; a computed Red is still reported by red-kpi-unaddressed).
  const grade = status >= 0 && okr ? keys.findIndex((k, i) => free(i) && GRADE.has(k)) : -1;
  if (grade >= 0) status = -1;
  const statusStandIn = grade >= 0 ? grade : status >= 0 ? null : keys.findIndex((k, i) => free(i) && (STATUS_STAND_IN.test(k) || STATUS_QUESTION.has(k)));
  let trendStandIn: number | null = null;
  if (trend < 0) {
    const t = keys.findIndex((k, i) => free(i) && TREND_STAND_IN.test(k));
    trendStandIn = t >= 0 ? t : (periods[0] ?? null);
  }
  const commentary = keys.findIndex((k, i) => free(i) && COMMENTARY.has(k));
  return {
    metric,
    target,
    actual,
    status: status < 0 ? null : status,
    trend: trend < 0 ? null : trend,
    targetHow,
    actualHow,
    statusStandIn: statusStandIn === null || statusStandIn < 0 ? null : statusStandIn,
    trendStandIn,
    commentary: commentary < 0 ? null : commentary,
    okr,
  };
}

/**
 * The actual among period-labelled columns: the Target's period when the Target is qualified by
 * one (none matching: null), else the latest. Null when they cannot be ordered.
 */
function latestPeriod(cols: Array<{ i: number; p: Period }>, targetPeriod: string | undefined): number | null {
  if (cols.length === 0) return null;
  if (targetPeriod !== undefined) {
    const tp = periodOf(targetPeriod);
    const same = tp ? cols.filter((c) => samePeriod(tp, c.p)) : [];
    return same.length === 1 ? same[0]!.i : null;
  }
  if (cols.length === 1) return cols[0]!.i;
  const current = cols.filter((c) => c.p.kind === 'current');
  if (current.length === 1) return current[0]!.i;
  if (current.length > 1) return null;
  // Cumulative (YTD) beside discrete periods: which one the status speaks of is a guess.
  if (cols.some((c) => c.p.kind === 'to-date')) return null;
  const withYear = cols.filter((c) => c.p.year !== null).length;
  if (withYear !== 0 && withYear !== cols.length) return null;
  let best: { i: number; order: number } | null = null;
  let tie = false;
  for (const c of cols) {
    const order = (c.p.year ?? 0) * 12 + endMonth(c.p)!;
    if (best === null || order > best.order) {
      best = { i: c.i, order };
      tie = false;
    } else if (order === best.order) tie = true;
  }
  return tie || best === null ? null : best.i;
}

/**
 * Whether at least half of the filled Target and Actual cells are values. A table with nothing
 * filled yet (a template: `[Target]`, `TBD`) counts: its header says what it is.
 */
function mostlyValues(table: TableModel, target: number, actual: number, read: CellReaders): boolean {
  let measured = 0;
  let values = 0;
  for (const row of table.rows) {
    for (const i of [target, actual]) {
      const text = row.cells[i]?.text ?? '';
      const v = read.value(text);
      if (v.state === 'unmeasured') continue;
      measured++;
      if (v.state === 'value') values++;
    }
  }
  return measured === 0 || values * 2 >= measured;
}
