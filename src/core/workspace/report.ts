/**
 * The portfolio report: every partnership on one page, for a steering-committee pack.
 *   md   — a table of partners and a table of health by quarter
 *   html — self-contained: inline CSS, the health chart as inline SVG, no scripts, no remote resources
 *   json — the same data
 */
import { parseToday, isoDate } from '../dates.js';
import { badgeFor, RAG_WORD } from '../values/status.js';
import type { IndexedDoc, PartnerSummary, Rag, WorkspaceIndex } from './types.js';
import { describeStage, lifecycleStage, STAGE_FOCUS, startPhrase, type StageId } from '../lifecycle.js';

export type ReportFormat = 'md' | 'html' | 'json';

export interface ReportOptions {
  /** The report date (YYYY-MM-DD or a Date); defaults to today. Days to renewal are counted from the index. */
  today?: string | Date;
  /** Title (default "Partnership portfolio"). */
  title?: string;
}

export interface PortfolioRow {
  partner: string;
  key: string;
  health: { score: number; band: Rag; source: string } | null;
  /** Change of the health score vs the previous document, in points. */
  trend: number | null;
  trendWord: 'improving' | 'stable' | 'declining' | null;
  renewalDate: string | null;
  daysToRenewal: number | null;
  overdueActions: number;
  redKpis: number;
  latestDoc: { path: string; kind: string; period: string | null; line: number } | null;
  /**
   * Added (issue 13): the lifecycle stage on the index's today: `id` null when unknown; `start` as
   * written (or YYYY-MM-DD) and the document it comes from; `detail` one line
   * (`Ramp-Up — month 5 since 2026-01-15; renewal 2027-01-15 in 240 days`); `focus` the playbook's
   * activities for the stage.
   */
  stage: { id: StageId | null; label: string; month: number | null; start: string | null; startFrom: string | null; detail: string; focus: string };
  /** Health per quarter, oldest first (the last document of each quarter with a health figure). */
  history: Array<{ period: string; ordinal: number; score: number; band: Rag; path: string; kind: string }>;
}

export interface PortfolioData {
  title: string;
  date: string;
  partners: PortfolioRow[];
  /** Every quarter that has a health figure, oldest first. */
  quarters: string[];
}

export function portfolioData(index: WorkspaceIndex, options: ReportOptions = {}): PortfolioData {
  const date = isoDate(parseToday(options.today));
  const quarterSet = new Map<number, string>();
  const partners = index.partners.map((p) => {
    const row = rowOf(p);
    for (const h of row.history) quarterSet.set(h.ordinal, h.period);
    return row;
  });
  const quarters = [...quarterSet.entries()].sort((a, b) => a[0] - b[0]).map(([, l]) => l);
  return { title: options.title ?? 'Partnership portfolio', date, partners, quarters };
}

/**
 * A partner's "latest document", as the dashboard and the report show it: the latest QBR or
 * status report of a period — the documents that say how the partnership stands. An issue
 * document (usually undated: it has a Date Identified, not a quarter) is not it, however new;
 * without a dated QBR or status report, the latest document with a period, else the last one.
 */
export function latestDocument(p: PartnerSummary): IndexedDoc | undefined {
  let dated: IndexedDoc | undefined;
  let review: IndexedDoc | undefined;
  for (const d of p.docs) {
    if (d.period === null) continue;
    dated = d;
    if (d.kind === 'qbr' || d.kind === 'status-report') review = d;
  }
  return review ?? dated ?? p.docs[p.docs.length - 1];
}

function rowOf(p: PartnerSummary): PortfolioRow {
  const latest = latestDocument(p);
  const byQuarter = new Map<number, PortfolioRow['history'][number]>();
  // One figure per quarter: the quarter's QBR when it has one (the quarterly review is the
  // reference), else the quarter's last document with a health figure.
  for (const d of p.docs) {
    if (!d.period || !d.health) continue;
    const had = byQuarter.get(d.period.ordinal);
    if (had && had.kind === 'qbr' && d.kind !== 'qbr') continue;
    byQuarter.set(d.period.ordinal, { period: d.period.label, ordinal: d.period.ordinal, score: d.health.score, band: d.health.band, path: d.path, kind: d.kind });
  }
  const trend = p.healthTrend;
  return {
    partner: p.name,
    key: p.key,
    health: p.latestHealth,
    trend,
    trendWord: trend === null ? null : trend >= 2 ? 'improving' : trend <= -2 ? 'declining' : 'stable',
    renewalDate: p.renewalDate,
    daysToRenewal: p.daysToRenewal,
    overdueActions: p.overdueActions,
    redKpis: p.redKpis,
    latestDoc: latest ? { path: latest.path, kind: latest.kind, period: latest.period?.label ?? null, line: latest.titleLine } : null,
    stage: stageOf(p),
    history: [...byQuarter.values()].sort((a, b) => a.ordinal - b.ordinal),
  };
}

function stageOf(p: PartnerSummary): PortfolioRow['stage'] {
  const s = p.stage ?? lifecycleStage({ start: p.start ?? null, renewal: p.renewalDate, on: new Date(), windowDays: 90 });
  return {
    id: s.stage,
    label: s.label,
    month: s.month,
    start: s.start ? startPhrase(s.start) : null,
    startFrom: p.startFrom ?? null,
    detail: describeStage(s),
    focus: STAGE_FOCUS[s.stage ?? 'unknown'],
  };
}

/** `Ramp-Up (month 5)`, `Renewal window (37 days)`, `Expired`, `Unknown (no start date)`. */
export function stageText(r: PortfolioRow): string {
  const s = r.stage;
  if (s.id === null) return s.start ? 'Unknown (start date too vague)' : 'Unknown (no start date)';
  if (s.id === 'renewal-window' && r.daysToRenewal !== null) return `Renewal window (${r.daysToRenewal === 0 ? 'renewal today' : `${r.daysToRenewal} day${r.daysToRenewal === 1 ? '' : 's'} left`})`;
  if (s.month !== null && s.id !== 'expired') return `${s.label} (month ${s.month})`;
  return s.label;
}

export function portfolioReport(index: WorkspaceIndex, format: ReportFormat, options: ReportOptions = {}): string {
  const data = portfolioData(index, options);
  switch (format) {
    case 'json':
      return `${JSON.stringify(data, null, 2)}\n`;
    case 'md':
      return markdown(data);
    case 'html':
      return html(data);
    default:
      throw new RangeError(`Unknown report format "${String(format)}": expected md, html or json.`);
  }
}

// ---------------------------------------------------------------------------------------------

const ARROW = { improving: '↗️', stable: '→', declining: '↘️' } as const;

function healthText(r: PortfolioRow): string {
  return r.health ? `${badgeFor(r.health.band)} ${fmt(r.health.score)}` : '—';
}
function trendText(r: PortfolioRow): string {
  if (r.trend === null || r.trendWord === null) return '—';
  const sign = r.trend > 0 ? '+' : r.trend < 0 ? '−' : '±';
  return `${ARROW[r.trendWord]} ${sign}${fmt(Math.abs(r.trend))} pts`;
}
function renewalText(r: PortfolioRow): string {
  if (!r.renewalDate || r.daysToRenewal === null) return '—';
  const d = r.daysToRenewal;
  return `${r.renewalDate} (${d < 0 ? `${-d} days ago` : d === 0 ? 'today' : `in ${d} days`})`;
}
function latestText(r: PortfolioRow): string {
  return r.latestDoc ? `${r.latestDoc.path}${r.latestDoc.period ? ` (${r.latestDoc.period})` : ''}` : '—';
}
function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function markdown(d: PortfolioData): string {
  const out: string[] = [`# ${d.title}`, '', `Report date: ${d.date} · ${d.partners.length} partnership${d.partners.length === 1 ? '' : 's'}`, ''];
  out.push('| Partner | Health | Trend | Renewal | Overdue actions | Red KPIs | Latest document |');
  out.push('| --- | --- | --- | --- | ---: | ---: | --- |');
  for (const r of d.partners) {
    out.push(
      `| ${mdCell(r.partner)} | ${healthText(r)} | ${trendText(r)} | ${renewalText(r)} | ${r.overdueActions} | ${r.redKpis} | ${mdCell(latestText(r))} |`,
    );
  }
  out.push('', '## Lifecycle stage', '');
  out.push('| Partner | Stage | Start date | What the playbook has you do now |');
  out.push('| --- | --- | --- | --- |');
  for (const r of d.partners) {
    out.push(`| ${mdCell(r.partner)} | ${mdCell(stageText(r))} | ${mdCell(r.stage.start ?? '—')} | ${mdCell(r.stage.focus)} |`);
  }
  if (d.quarters.length) {
    out.push('', '## Health over quarters', '');
    out.push(`| Partner | ${d.quarters.join(' | ')} |`);
    out.push(`| --- | ${d.quarters.map(() => '---:').join(' | ')} |`);
    for (const r of d.partners) {
      const by = new Map(r.history.map((h) => [h.period, h]));
      out.push(`| ${mdCell(r.partner)} | ${d.quarters.map((q) => (by.has(q) ? fmt(by.get(q)!.score) : '—')).join(' | ')} |`);
    }
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// HTML

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];
const BAND_CLASS: Record<Rag, string> = { green: 'g', yellow: 'y', red: 'r' };

function html(d: PortfolioData): string {
  const rows = d.partners
    .map((r) => {
      const health = r.health
        ? `<span class="pill ${BAND_CLASS[r.health.band]}">${RAG_WORD[r.health.band]}</span> ${fmt(r.health.score)}`
        : '—';
      return (
        `<tr><th scope="row">${esc(r.partner)}</th><td>${health}</td><td>${esc(trendText(r))}</td>` +
        `<td>${esc(renewalText(r))}</td><td class="n">${r.overdueActions}</td><td class="n">${r.redKpis}</td>` +
        `<td><code>${esc(latestText(r))}</code></td></tr>`
      );
    })
    .join('\n');
  const stageRows = d.partners
    .map((r) => `<tr><th scope="row">${esc(r.partner)}</th><td>${esc(stageText(r))}</td><td>${esc(r.stage.start ?? '—')}</td><td>${esc(r.stage.focus.replace(/`/g, ''))}</td></tr>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(d.title)} — ${esc(d.date)}</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; margin: 2rem; max-width: 72rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
.meta { color: #57606a; margin: 0 0 1.5rem; }
table { border-collapse: collapse; width: 100%; margin-bottom: 2rem; }
th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
thead th { background: #f6f8fa; font-weight: 600; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.pill { display: inline-block; padding: 0 .5rem; border-radius: .75rem; font-size: .85em; font-weight: 600; }
.pill.g { background: #dafbe1; color: #116329; } .pill.y { background: #fff8c5; color: #7d4e00; } .pill.r { background: #ffebe9; color: #a40e26; }
figure { margin: 0; } figcaption { color: #57606a; margin-top: .5rem; }
svg text { font: 12px system-ui, sans-serif; fill: #1b1f24; }
@media print { body { margin: 0; } }
</style>
</head>
<body>
<h1>${esc(d.title)}</h1>
<p class="meta">Report date: ${esc(d.date)} · ${d.partners.length} partnership${d.partners.length === 1 ? '' : 's'}</p>
<table>
<thead><tr><th scope="col">Partner</th><th scope="col">Health</th><th scope="col">Trend</th><th scope="col">Renewal</th><th scope="col">Overdue actions</th><th scope="col">Red KPIs</th><th scope="col">Latest document</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Lifecycle stage</h2>
<table>
<thead><tr><th scope="col">Partner</th><th scope="col">Stage</th><th scope="col">Start date</th><th scope="col">What the playbook has you do now</th></tr></thead>
<tbody>
${stageRows}
</tbody>
</table>
<h2>Health over quarters</h2>
<figure>
${chart(d)}
<figcaption>Health score (0–100) per quarter. Bands: Green ≥ 90, Yellow 70–89, Red below 70 (the playbook's health bands).</figcaption>
</figure>
</body>
</html>
`;
}

/** The health chart as inline SVG (no xmlns needed inside HTML, so no URL at all). */
export function chart(d: PortfolioData): string {
  const W = 720;
  const H = 320;
  const left = 44;
  const right = 170;
  const top = 16;
  const bottom = 40;
  const plotW = W - left - right;
  const plotH = H - top - bottom;
  const n = d.quarters.length;
  const x = (i: number) => left + (n <= 1 ? plotW / 2 : (plotW * i) / (n - 1));
  const y = (v: number) => top + plotH - (Math.max(0, Math.min(100, v)) / 100) * plotH;
  const parts: string[] = [];
  parts.push(`<svg role="img" aria-labelledby="chart-title" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}">`);
  parts.push(`<title id="chart-title">Partnership health over quarters</title>`);
  // Bands
  parts.push(`<rect x="${left}" y="${y(100)}" width="${plotW}" height="${y(90) - y(100)}" fill="#dafbe1"/>`);
  parts.push(`<rect x="${left}" y="${y(90)}" width="${plotW}" height="${y(70) - y(90)}" fill="#fff8c5"/>`);
  parts.push(`<rect x="${left}" y="${y(70)}" width="${plotW}" height="${y(0) - y(70)}" fill="#ffebe9"/>`);
  for (const v of [0, 25, 50, 70, 90, 100]) {
    parts.push(`<line x1="${left}" x2="${left + plotW}" y1="${y(v)}" y2="${y(v)}" stroke="#d0d7de" stroke-width="1"/>`);
    parts.push(`<text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
  }
  d.quarters.forEach((q, i) => parts.push(`<text x="${x(i)}" y="${H - bottom + 18}" text-anchor="middle">${esc(q)}</text>`));
  if (n === 0) parts.push(`<text x="${left + plotW / 2}" y="${top + plotH / 2}" text-anchor="middle">No health figures yet</text>`);
  d.partners.forEach((r, pi) => {
    const colour = PALETTE[pi % PALETTE.length]!;
    const pts = r.history.map((h) => ({ px: x(d.quarters.indexOf(h.period)), py: y(h.score), h }));
    if (pts.length > 1) {
      parts.push(`<polyline fill="none" stroke="${colour}" stroke-width="2.5" points="${pts.map((p) => `${r1(p.px)},${r1(p.py)}`).join(' ')}"/>`);
    }
    for (const p of pts) {
      parts.push(
        `<circle cx="${r1(p.px)}" cy="${r1(p.py)}" r="4" fill="${colour}"><title>${esc(r.partner)}, ${esc(p.h.period)}: ${fmt(p.h.score)}</title></circle>`,
      );
    }
    const ly = top + 10 + pi * 18;
    parts.push(`<rect x="${W - right + 16}" y="${ly - 9}" width="12" height="12" fill="${colour}"/>`);
    parts.push(`<text x="${W - right + 34}" y="${ly + 1}">${esc(r.partner)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

function r1(n: number): string {
  return String(Math.round(n * 10) / 10);
}
