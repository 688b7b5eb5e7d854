/**
 * Explanations for the editor (hover, status bar, CodeLens) — plain data, no vscode — computed
 * over one analysis of a document version (the Snapshot's, snapshot.ts, which also offers them
 * per text: `explainAt(text, offset, options)`, `documentHealth`, `kpiLenses`):
 *
 * - `explainerOf(analysis)(offset)`: what the KPI row, Overall Partnership Health line or
 *   health-score block under the cursor computes, and what a fix would write;
 * - `explainToMarkdown(e)`: that explanation as a small markdown table (for a hover);
 * - `documentHealthOf(analysis)`: one summary figure for the status bar;
 * - `kpiLensesOf(analysis, findings)`: one summary per KPI table, for CodeLens.
 *
 * Everything here reads the same analyses the rules use (analysis/kpi.ts, analysis/health.ts),
 * so a hover never disagrees with a diagnostic.
 */
import { analyzeHealth, blockBand, healthBlockAt } from './analysis/health.js';
import {
  analyzeKpi,
  breakdownText,
  statusProblem,
  tableScore,
  type ColumnHow,
  type KpiRow,
  type KpiTable,
  expectedStatusText,
} from './analysis/kpi.js';
import type { Analysis } from './lint.js';
import { documentLifecycle } from './analysis/lifecycle.js';
import { dateOfIso } from './dates.js';
import { describeStage, lifecycleStage, STAGE_FOCUS, startPhrase, type LifecycleStage, type StartDate } from './lifecycle.js';
import { normalizeHeading } from './model.js';
import type { Finding } from './types.js';
import { lastAtOrBefore } from './positions.js';
import { badgeFor, canonicalStatus, healthBand, type Direction, type Rag } from './values.js';

export interface KpiRowExplanation {
  kind: 'kpi-row';
  /** The row's range (offsets). */
  start: number;
  end: number;
  metric: string;
  /** Target / Actual as written (markup stripped); null when not measured. */
  target: string | null;
  actual: string | null;
  direction: Direction;
  /** Why this direction: configuration, the target's comparator, a keyword in the name, or the default. */
  directionWhy: string;
  /** Whole percent as displayed, or null with `note` saying why. */
  attainment: number | null;
  /** The exact attainment the band is decided on (e.g. 99.98 when 99 is displayed); null like `attainment`. */
  exactAttainment: number | null;
  /** How the Status column was read: `Green / Yellow / Red`, `met / not met (✅ Met, ❌ Missed)`… */
  vocabulary: string;
  /** The stated status as read (`At Risk → Yellow`), or null when the cell reads no colour. */
  statedReading: string | null;
  /** The numbers behind the attainment (`$450K of $500K`). */
  breakdown: string | null;
  computed: Rag | null;
  /** The computed status as the fix would write it, in the table's own style (`✅ Green (124% of target)`, `🟢 Green (124% of target)`, `✅ Met`). */
  computedText: string | null;
  /** The Status cell as written; null when the table has no Status column. */
  stated: string | null;
  statedRag: Rag | null;
  /** What the kpi-status-mismatch fix writes, or null when the cell is not stale. */
  fix: string | null;
  /** Why no status is computed (unmeasured, unparsable, unit mismatch, target 0). */
  note?: string;
  /**
   * Which columns were read as the target and actual, when their headers are not plainly
   * `Target` / `Actual` (`{ target: 'Goal', actual: 'Q3 2026', actualWhy: 'latest period' }`).
   */
  columns?: { target: string; targetWhy: string | null; actual: string; actualWhy: string | null };
}

export interface OverallHealthExplanation {
  kind: 'overall-health';
  /** The health line's range. */
  start: number;
  end: number;
  rows: Array<{ metric: string; attainment: number; capped: number }>;
  score: number | null;
  band: Rag | null;
  /** The value as written (`🟡 Yellow (85% of targets met, some areas of concern)`). */
  stated: string;
  statedBand: Rag | null;
  statedPercent: number | null;
  /** The whole value after the overall-health-mismatch fix, or null when not stale. */
  fix: string | null;
}

export interface HealthScoreExplanation {
  kind: 'health-score';
  start: number;
  end: number;
  parts: Array<{ name: string; score: number | null; max: number }>;
  /** Sum of the parts, or null when a part has no number. */
  sum: number | null;
  /** The total as written, or null. */
  total: number | null;
  /** The band of the stated total. */
  band: Rag | null;
  /** The badge as written on the score line, or null. */
  badge: string | null;
  badgeRag: Rag | null;
}

/**
 * The lifecycle stage (issue 13), on the start date or renewal date line: the stage today (what
 * the editor shows) and the stage the document was written in (at its own date).
 */
export interface LifecycleExplanation {
  kind: 'lifecycle';
  start: number;
  end: number;
  /** Which line: the start date's or the renewal date's. */
  on: 'start-date' | 'renewal-date';
  info: DocumentLifecycleInfo;
}

/** A document's lifecycle: where its dates come from, the stage today and at its own date. */
export interface DocumentLifecycleInfo {
  start: StartDate | null;
  /** The start date's label as written (`Start date`, `front matter start`), or null. */
  startSource: string | null;
  /** The start date field's value range, or null (front matter, none). */
  startRange: { start: number; end: number } | null;
  renewal: string | null;
  renewalRange: { start: number; end: number } | null;
  /** The document's own date and where it comes from (its date, or the last day of its period). */
  documentDate: string | null;
  documentDateSource: 'date' | 'period-end' | null;
  /** The stage today (the run's today). */
  today: LifecycleStage;
  /** The stage on the document's own date (null without one). */
  written: LifecycleStage | null;
}

export type Explanation = KpiRowExplanation | OverallHealthExplanation | HealthScoreExplanation | LifecycleExplanation;

/** The document's lifecycle (null for a file that is not a partnership document, unless lintAllMarkdown). */
export function lifecycleOf(analysis: Analysis): DocumentLifecycleInfo | null {
  const { doc, config, ctx, today } = analysis;
  if (!doc.kind && !config.lintAllMarkdown) return null;
  const lc = ctx.get(documentLifecycle);
  const windowDays = config.thresholds.renewalWindowDays;
  const renewal = lc.renewal?.iso ?? null;
  return {
    start: lc.start,
    startSource: lc.startSource,
    startRange: lc.startField ? { start: lc.startField.valueStart, end: lc.startField.valueEnd } : null,
    renewal,
    renewalRange: lc.renewal ? { start: lc.renewal.field.valueStart, end: lc.renewal.field.valueEnd } : null,
    documentDate: lc.documentDate,
    documentDateSource: lc.documentDateSource,
    today: lifecycleStage({ start: lc.start, renewal, on: today, windowDays }),
    written: lc.documentDate ? lifecycleStage({ start: lc.start, renewal, on: dateOfIso(lc.documentDate), windowDays }) : null,
  };
}

function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { start, end };
}

function directionWhy(r: KpiRow): string {
  switch (r.directionReason) {
    case 'config':
      return 'configured in `metrics`';
    case 'config-word':
      return `the name contains “${r.directionKeyword ?? ''}”, configured in \`${r.direction === 'lower' ? 'lowerIsBetter' : 'higherIsBetter'}\``;
    case 'comparator':
      return r.direction === 'lower' ? 'the target has a ≤ / < comparator' : 'the target has a ≥ / > comparator';
    case 'keyword':
      return `the name contains “${r.directionKeyword ?? ''}”`;
    case 'default':
      return 'default';
  }
}

function rowNote(r: KpiRow): string | undefined {
  if (r.attainment !== null) return undefined;
  if (r.target.state === 'unparsable' || r.actual.state === 'unparsable') return 'a value is unreadable';
  if (r.target.state === 'unmeasured' || r.actual.state === 'unmeasured') return 'not measured (no status expected)';
  if (r.comparison && !r.comparison.ok) return `not comparable: ${r.comparison.reason}`;
  if (r.target.state === 'value' && r.target.value.value === 0) return 'target is 0: attainment not computable';
  return 'attainment not computable';
}

const HOW: Record<ColumnHow, string | null> = {
  named: null,
  configured: 'configured in `kpiColumns`',
  synonym: null,
  qualified: null,
  period: 'period',
  'latest period': 'latest period',
};

/** The target and actual columns as read, when either header is not plainly Target / Actual. */
function columnsRead(t: KpiTable): KpiRowExplanation['columns'] | undefined {
  const header = (i: number) => (t.table.header.cells[i]?.text ?? '').trim();
  const target = header(t.columns.target);
  const actual = header(t.columns.actual);
  if (normalizeHeading(target) === 'target' && normalizeHeading(actual) === 'actual') return undefined;
  return {
    target,
    targetWhy: t.columns.targetHow ? HOW[t.columns.targetHow] : null,
    actual,
    actualWhy: t.columns.actualHow ? HOW[t.columns.actualHow] : null,
  };
}

function statedReading(r: KpiRow): string | null {
  const s = r.stated;
  if (!s || s.rag === null) return null;
  const colour = s.rag === 'green' ? 'Green' : s.rag === 'yellow' ? 'Yellow' : 'Red';
  const what = r.vocab.twoValued ? (s.rag === 'green' ? 'met' : 'not met') : colour;
  return s.phrase ? `“${s.phrase}” → ${what}` : what;
}

/** `99% (exactly 99.98%: below 100%, never shown as 100%)` when the display differs from the exact figure. */
function displayedWhy(e: KpiRowExplanation): string {
  if (e.attainment === null || e.exactAttainment === null) return '';
  const x = e.exactAttainment;
  if (Math.abs(x - e.attainment) < 1e-9) return '';
  const exact = `${Math.round(x * 100) / 100}%`;
  if (x < e.attainment + 0.5 - 1e-9 && x >= e.attainment - 0.5) return ` (exactly ${exact})`;
  return ` (exactly ${exact}: shown as ${e.attainment}% so it stays in its band)`;
}

function explainRow(r: KpiRow, t?: KpiTable): KpiRowExplanation {
  const problem = statusProblem(r);
  const note = rowNote(r);
  const columns = t ? columnsRead(t) : undefined;
  return {
    kind: 'kpi-row',
    start: r.start,
    end: r.end,
    metric: r.metric,
    target: r.target.state === 'value' ? r.target.value.raw : r.target.state === 'unparsable' ? r.target.raw : null,
    actual: r.actual.state === 'value' ? r.actual.value.raw : r.actual.state === 'unparsable' ? r.actual.raw : null,
    direction: r.direction,
    directionWhy: directionWhy(r),
    attainment: r.attainment,
    exactAttainment: r.exactAttainment,
    vocabulary: `statuses read as ${r.vocab.description}`,
    statedReading: statedReading(r),
    breakdown: r.attainment === null ? null : breakdownText(r),
    computed: r.computed,
    // In the table's own style (🟡 in a table of circles, `❌ Missed` in a met / not-met table): what
    // the fix would write, so the hover's two lines never disagree in form.
    computedText: r.computed === null || r.attainment === null ? null : expectedStatusText(r) ?? canonicalStatus(r.computed, r.attainment),
    stated: r.stated === null ? null : (r.statusCell?.text ?? ''),
    statedRag: r.stated?.rag ?? null,
    fix: problem ? problem.fixText : null,
    ...(note ? { note } : {}),
    ...(columns ? { columns } : {}),
  };
}

function explainHealthLine(text: string, t: KpiTable): OverallHealthExplanation | null {
  const h = t.health;
  if (!h) return null;
  const { start, end } = lineBounds(text, h.field.labelStart);
  const stated = h.field.value;
  const fix =
    h.fixText === null
      ? null
      : text.slice(h.field.valueStart, h.replaceStart) + h.fixText + text.slice(h.replaceEnd, h.field.valueEnd);
  return {
    kind: 'overall-health',
    start,
    end,
    rows: h.used,
    score: h.score,
    band: h.band,
    stated,
    statedBand: h.statedBand,
    statedPercent: h.statedPercent,
    fix,
  };
}

/**
 * The explanation for the construct at an offset — a KPI row, an Overall Partnership Health line
 * or a health-score block (score line or one of its parts); null elsewhere, and for files that
 * are not partnership documents (unless `lintAllMarkdown`) — for many offsets of one analysed
 * version: the KPI rows and health lines are indexed by line on the first call, so n lookups cost
 * one analysis plus n map reads (the Markdown preview asks for every table row; analysing per
 * row was quadratic, seconds of a blocked extension host on a 200 KB document). `text`: the
 * analysed text (the analysis reads lone CRs as line ends, one character for one).
 */
export function explainerOf(analysis: Analysis, text: string = analysis.doc.text): (offset: number) => Explanation | null {
  const { doc, config, ctx } = analysis;
  if (!doc.kind && !config.lintAllMarkdown) return () => null;
  type Candidate = { from: number; to: number; explain: () => Explanation | null };
  let byLine: Map<number, Candidate[]> | undefined;
  const index = (): Map<number, Candidate[]> => {
    const map = new Map<number, Candidate[]>();
    const add = (lineStart: number, c: Candidate) => {
      const list = map.get(lineStart);
      if (list) list.push(c);
      else map.set(lineStart, [c]);
    };
    for (const t of ctx.get(analyzeKpi)) {
      for (const r of t.rows) {
        const line = lineBounds(text, r.start);
        add(line.start, { from: Math.max(line.start, t.table.start), to: Math.min(line.end, t.table.end), explain: () => explainRow(r, t) });
      }
      if (t.health) {
        const line = lineBounds(text, t.health.field.labelStart);
        add(line.start, { from: line.start, to: line.end, explain: () => explainHealthLine(text, t) });
      }
    }
    const lc = lifecycleOf(analysis);
    if (lc) {
      for (const [on, range] of [['start-date', lc.startRange], ['renewal-date', lc.renewalRange]] as const) {
        if (!range) continue;
        const line = lineBounds(text, range.start);
        add(line.start, { from: line.start, to: line.end, explain: () => ({ kind: 'lifecycle', start: line.start, end: line.end, on, info: lc }) });
      }
    }
    return map;
  };
  return (offset) => {
    byLine ??= index();
    for (const c of byLine.get(lineBounds(text, offset).start) ?? []) {
      if (offset >= c.from && offset <= c.to) return c.explain();
    }
    const block = healthBlockAt(ctx, offset);
    if (!block) return null;
    return {
      kind: 'health-score',
      start: block.line.start,
      end: block.parts.reduce((e, p) => Math.max(e, p.line.end), block.line.end),
      parts: block.parts.map((p) => ({ name: p.name, score: p.score?.value ?? null, max: p.max })),
      sum: block.sum,
      total: block.total?.value ?? null,
      band: blockBand(ctx, block),
      badge: block.badge?.text ?? null,
      badgeRag: block.badge?.rag ?? null,
    };
  };
}

// ---------------------------------------------------------------------------------------------
// Markdown for hovers

function esc(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
function pct(n: number | null): string {
  return n === null ? '—' : `${n}%`;
}
function rag(r: Rag | null): string {
  return r === null ? '—' : badgeFor(r);
}

function table(title: string, rows: Array<[string, string]>): string {
  const lines = [`**${title}**`, '', '| | |', '| --- | --- |'];
  for (const [k, v] of rows) lines.push(`| ${esc(k)} | ${esc(v)} |`);
  return lines.join('\n');
}

/** A hover-sized markdown table for an explanation. */
export function explainToMarkdown(e: Explanation): string {
  switch (e.kind) {
    case 'kpi-row': {
      const from = (header: string, why: string | null) => ` — column “${header}”${why ? ` (${why})` : ''}`;
      const rows: Array<[string, string]> = [
        ['Target', (e.target ?? 'not measured') + (e.columns ? from(e.columns.target, e.columns.targetWhy) : '')],
        ['Actual', (e.actual ?? 'not measured') + (e.columns ? from(e.columns.actual, e.columns.actualWhy) : '')],
        ['Direction', `${e.direction} is better (${e.directionWhy})`],
        ['Attainment', e.attainment === null ? (e.note ?? '—') : `${e.attainment}%${displayedWhy(e)} — ${e.breakdown ?? ''}`],
        ['Computed status', e.computedText ?? '—'],
      ];
      if (e.stated !== null) {
        rows.push(['Stated status', e.stated === '' ? '(empty)' : e.stated]);
        rows.push(['Read as', `${e.statedReading ?? 'no status word read'}; ${e.vocabulary}`]);
      }
      if (e.fix !== null) rows.push(['Fix writes', e.fix]);
      return table(`KPI: ${e.metric || '(unnamed)'}`, rows);
    }
    case 'overall-health': {
      const rows: Array<[string, string]> = e.rows.map((r) => [
        r.metric || '(unnamed)',
        r.attainment > r.capped ? `${r.attainment}% → counted as ${r.capped}%` : `${r.attainment}%`,
      ]);
      rows.push(['Score (mean)', pct(e.score)]);
      rows.push(['Computed badge', rag(e.band)]);
      rows.push(['Stated', e.stated]);
      if (e.fix !== null) rows.push(['Fix writes', e.fix]);
      return table('Overall Partnership Health', rows);
    }
    case 'lifecycle':
      return lifecycleToMarkdown(e.info);
    case 'health-score': {
      const rows: Array<[string, string]> = e.parts.map((p) => [p.name, `${p.score ?? '—'}/${p.max}`]);
      rows.push(['Sum of parts', e.sum === null ? '—' : `${e.sum}/100`]);
      rows.push(['Stated total', e.total === null ? '—' : `${e.total}/100`]);
      rows.push(['Band of the total', rag(e.band)]);
      rows.push(['Stated badge', e.badge ?? '—']);
      return table('Overall Health Score', rows);
    }
  }
}

/**
 * The lifecycle hover: the stage today, the stage the document was written in, where the dates
 * come from and what the playbook has the manager do now. `partner`: the partnership's stage from
 * all its documents (the workspace index), shown when it differs from this document's.
 */
export function lifecycleToMarkdown(info: DocumentLifecycleInfo, partner?: { stage: LifecycleStage; startFrom: string | null } | null): string {
  const rows: Array<[string, string]> = [[`Today (${info.today.on})`, describeStage(info.today)]];
  if (partner && describeStage(partner.stage) !== describeStage(info.today)) {
    rows.push([
      'Partnership (all its documents)',
      describeStage(partner.stage) + (partner.startFrom && partner.stage.start && !info.start ? ` — start date from ${partner.startFrom}` : ''),
    ]);
  }
  if (info.written && info.documentDate) {
    const from = info.documentDateSource === 'period-end' ? 'the last day of its period' : 'its date';
    rows.push([`Written in (${info.documentDate}, ${from})`, describeStage(info.written)]);
  } else rows.push(['Written in', 'unknown — the document has no date and no period']);
  rows.push(['Start date', info.start ? `${startPhrase(info.start)} (from “${info.startSource}”)` : 'not found — add `Start date:` (or `Partnership start date:`, `Partner since:`, front matter `start:`)']);
  rows.push(['Renewal date', info.renewal ?? 'not found (`Next renewal date:`)']);
  const now = partner?.stage ?? info.today;
  rows.push(['What now', STAGE_FOCUS[now.stage ?? 'unknown']]);
  return table('Lifecycle stage', rows);
}

// ---------------------------------------------------------------------------------------------
// Status bar and CodeLens

export interface DocumentHealth {
  /** Where the figure comes from. */
  source: 'kpi-table' | 'health-score';
  score: number | null;
  band: Rag | null;
  /** KPIs Red by computed attainment (KPI table source; 0 otherwise). */
  redCount: number;
  /** Status cells that disagree with the computed status (KPI table source; 0 otherwise). */
  staleCount: number;
}

/**
 * One summary figure for the status bar: in a status report with an Overall Health Score, that
 * block's stated total; otherwise the first KPI table's computed score (mean of capped
 * attainment); otherwise the first health block. Null when the document has neither (or is
 * not a partnership document).
 */
export function documentHealthOf(analysis: Analysis): DocumentHealth | null {
  const { doc, config, ctx } = analysis;
  if (!doc.kind && !config.lintAllMarkdown) return null;
  const blocks = ctx.get(analyzeHealth).filter((b) => b.total !== null);
  const tables = ctx.get(analyzeKpi);
  const fromBlock = (): DocumentHealth => {
    const b = blocks[0]!;
    return { source: 'health-score', score: b.total!.value, band: blockBand(ctx, b), redCount: 0, staleCount: 0 };
  };
  if (doc.kind === 'status-report' && blocks.length > 0) return fromBlock();
  const first = tables[0];
  if (first) {
    const score = tableScore(first, config.thresholds);
    const rows = first.rows; // built on each read (see analyzeKpi): once here
    return {
      source: 'kpi-table',
      score,
      band: score === null ? null : healthBand(score, config.thresholds),
      redCount: rows.filter((r) => r.computed === 'red').length,
      staleCount: rows.filter((r) => statusProblem(r) !== null).length,
    };
  }
  return blocks.length > 0 ? fromBlock() : null;
}

export interface KpiLens {
  /** The table's range (offsets) and first line (1-based). */
  tableStart: number;
  tableEnd: number;
  line: number;
  score: number | null;
  band: Rag | null;
  /** Measured rows / all rows. */
  measured: number;
  rows: number;
  redCount: number;
  /** Status cells that disagree with the computed status. */
  staleStatuses: number;
  /** Findings with a safe fix in the table or its Overall Partnership Health line. */
  fixableFindings: number;
  /** A one-line title for the lens: `KPI health 96% 🟢 Green · 1 stale status · 2 fixable`. */
  title: string;
}

/** One CodeLens summary per KPI table; `findings`: the version's findings (read only when it has a KPI table). */
export function kpiLensesOf(analysis: Analysis, findings: () => readonly Finding[]): KpiLens[] {
  const { doc, config, ctx, lines } = analysis;
  if (!doc.kind && !config.lintAllMarkdown) return [];
  const tables = ctx.get(analyzeKpi);
  if (tables.length === 0) return [];
  const fixable = findings().filter((f) => f.fix);
  return tables.map((t) => {
    const end = t.health ? Math.max(t.table.end, t.health.field.valueEnd) : t.table.end;
    const score = tableScore(t, config.thresholds);
    const band = score === null ? null : healthBand(score, config.thresholds);
    const rows = t.rows; // built on each read (see analyzeKpi): once here
    const staleStatuses = rows.filter((r) => statusProblem(r) !== null).length;
    const redCount = rows.filter((r) => r.computed === 'red').length;
    // Findings come sorted by start offset: count those in [table start, end] by binary search
    // (a filter per table was tables × findings on every lint of a large document).
    const startOf = (i: number) => fixable[i]!.startOffset;
    const fixableFindings = lastAtOrBefore(fixable.length, startOf, end) - lastAtOrBefore(fixable.length, startOf, t.table.start - 1);
    const parts = [score === null ? 'KPI health: nothing measured' : `KPI health ${score}% ${badgeFor(band!)}`];
    if (redCount) parts.push(`${redCount} red`);
    if (staleStatuses) parts.push(`${staleStatuses} stale status${staleStatuses === 1 ? '' : 'es'}`);
    if (fixableFindings) parts.push(`${fixableFindings} fixable`);
    return {
      tableStart: t.table.start,
      tableEnd: t.table.end,
      line: lines.position(t.table.start).line,
      score,
      band,
      measured: rows.filter((r) => r.attainment !== null).length,
      rows: rows.length,
      redCount,
      staleStatuses,
      fixableFindings,
      title: parts.join(' · '),
    };
  });
}

