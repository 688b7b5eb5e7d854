/**
 * Markdown preview: a markdown-it plugin (contributed through `markdown.markdownItPlugins`,
 * returned as `extendMarkdownIt` from activate()) that shows KPI Status cells as coloured pills
 * and health scores as a small bar, using the values the core COMPUTES from the source (never
 * the written ones), with a "stale" marker where the written value disagrees.
 *
 * No vscode import: the plugin is a pure function of markdown-it's token stream and the source
 * (`state.src`), so it is unit-tested with a plain `markdown-it` instance too. Styles:
 * media/preview.css (`markdown.previewStyles`), theme-aware through VS Code's CSS variables.
 */
import { createCache, DEFAULT_CONFIG, explainer, type Explanation, type LintOptions, type Snapshot } from '../core/index';
import { healthBand, type Rag } from '../core/values';

// The slice of markdown-it's API the plugin uses (markdown-it ships no types of its own).
interface Token {
  type: string;
  tag: string;
  content: string;
  map: [number, number] | null;
  children: Token[] | null;
  attrJoin(name: string, value: string): void;
}
interface StateCore {
  src: string;
  env: unknown;
  tokens: Token[];
  Token: new (type: string, tag: string, nesting: number) => Token;
}
export interface MarkdownItLike {
  core: { ruler: { push(name: string, fn: (state: StateCore) => void): void } };
  utils: { escapeHtml(s: string): string };
}

export interface PreviewPluginOptions {
  /**
   * The snapshot of the source being rendered (`src`; `env` is markdown-it's render env), when the
   * host holds one — the open document with that text: the plugin reads its explanations, no
   * analysis of its own. `false`: leave this document undecorated (the extension says so for
   * documents over the live-lint size limit). Undefined: `optionsFor`.
   */
  snapshotFor?: (src: string, env: unknown) => Snapshot | undefined | false;
  /**
   * Lint options for the document being rendered (config, cache); `env` is markdown-it's render
   * env. `false`: leave this document undecorated (the extension says so for documents over the
   * live-lint size limit).
   */
  optionsFor?: (env: unknown) => LintOptions | undefined | false;
}

/**
 * VS Code's Markdown extension runs its markdown-it instance — with this plugin — in the
 * extension host, not only for the preview: it tokenizes a document for its outline, links and
 * folding after edits, often several times per version. The last source's explainer is kept,
 * so a re-tokenization of unchanged text costs map reads, not an analysis.
 */
let last: { src: string; config: unknown; path: unknown; explain: (offset: number) => Explanation | null } | undefined;

const LABEL: Record<Rag, string> = { green: 'Green', yellow: 'Yellow', red: 'Red' };
const EMOJI: Record<Rag, string> = { green: '✅', yellow: '⚠️', red: '🔴' };
const HEALTH_EMOJI: Record<Rag, string> = { green: '🟢', yellow: '🟡', red: '🔴' };
const CANDIDATE_LINE = /overall\s+(partnership\s+)?health|\d\s*\/\s*100\b/i;

export function partnershipPreviewPlugin(md: MarkdownItLike, plugin: PreviewPluginOptions = {}): void {
  md.core.ruler.push('partnership_docs_preview', (state) => {
    try {
      decorate(md, state, plugin);
    } catch {
      // A preview must never fail because of us: leave the tokens as they are.
    }
  });
}

function decorate(md: MarkdownItLike, state: StateCore, plugin: PreviewPluginOptions): void {
  const src = state.src;
  // Cheap gate: partnership documents have a KPI table or a health line.
  if (!/\|\s*status\b/i.test(src) && !CANDIDATE_LINE.test(src)) return;
  const held = plugin.snapshotFor?.(src, state.env);
  if (held === false) return;
  const wanted = held ? undefined : plugin.optionsFor?.(state.env);
  if (wanted === false) return;
  const base = wanted ?? {};
  const options: LintOptions = { ...base, cache: base.cache ?? createCache() };
  const lineStarts = [0];
  for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineText = (n: number) => src.slice(lineStarts[n] ?? src.length, (lineStarts[n + 1] ?? src.length + 1) - 1);
  // One analysis of the source for all the rows and lines asked about (made on first use).
  let explainOffset: ((offset: number) => Explanation | null) | undefined;
  const explain = (line: number): Explanation | null => {
    if (lineStarts[line] === undefined) return null;
    if (!explainOffset && held) explainOffset = (offset) => held.explainAt(offset);
    if (!explainOffset) {
      if (!(last && last.src === src && last.config === base.config && last.path === base.path)) {
        last = { src, config: base.config, path: base.path, explain: explainer(src, options) };
      }
      explainOffset = last.explain;
    }
    return explainOffset(lineStarts[line]!);
  };
  const thresholds = held ? held.config.thresholds : { ...DEFAULT_CONFIG.thresholds, ...(options.config?.thresholds ?? {}) };
  const esc = md.utils.escapeHtml;
  const html = (content: string): Token => {
    const t = new state.Token('html_inline', '', 0);
    t.content = content;
    return t;
  };

  const tokens = state.tokens;
  let tableDepth = 0;
  let statusColumn = -1;
  let inHead = false;
  let column = -1;
  let row: Explanation | null = null;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    switch (tok.type) {
      case 'table_open': tableDepth++; statusColumn = -1; continue;
      case 'table_close': tableDepth--; continue;
      case 'thead_open': inHead = true; continue;
      case 'thead_close': inHead = false; continue;
      case 'tr_open':
        column = -1;
        row = !inHead && statusColumn >= 0 && tok.map ? explain(tok.map[0]) : null;
        continue;
      case 'th_open': case 'td_open': column++; continue;
      case 'inline': break;
      default: continue;
    }
    if (tableDepth > 0) {
      if (inHead) {
        if (/^\s*status\b/i.test(tok.content) && statusColumn < 0) statusColumn = column;
      } else if (column === statusColumn && row?.kind === 'kpi-row') {
        const pill = statusPill(row, esc);
        if (pill) {
          tok.children = [html(pill)];
          tokens[i - 1]?.attrJoin('class', 'pd-status-cell');
        }
      }
      continue;
    }
    // Paragraphs and headings: the health line (QBR) or the Overall Health Score (status report).
    if (!tok.map || !tok.children) continue;
    const [from, to] = tok.map;
    for (let line = from; line < to; line++) {
      if (!CANDIDATE_LINE.test(lineText(line))) continue;
      const e = explain(line);
      let bar: string | null = null;
      if (e?.kind === 'overall-health' && lineStarts[line]! >= e.start && lineStarts[line]! <= e.end) bar = overallHealthBar(e, esc);
      else if (e?.kind === 'health-score' && lineStarts[line] === e.start) bar = healthScoreBar(e, thresholds, esc);
      if (bar) insertAtLineEnd(tok.children, line - from, html(bar));
    }
  }
}

/** Inserts `extra` at the end of the n-th source line of an inline token's children. */
function insertAtLineEnd(children: Token[], n: number, extra: Token): void {
  let line = 0;
  for (let i = 0; i < children.length; i++) {
    const t = children[i]!;
    if (t.type === 'softbreak' || t.type === 'hardbreak') {
      if (line === n) { children.splice(i, 0, extra); return; }
      line++;
    }
  }
  children.push(extra);
}

function statusPill(e: Extract<Explanation, { kind: 'kpi-row' }>, esc: (s: string) => string): string | null {
  const written = e.stated?.trim() ?? '';
  if (e.computed !== null && e.attainment !== null) {
    const label = `${EMOJI[e.computed]} ${LABEL[e.computed]} (${e.attainment}% of target)`;
    const tip = `Computed: ${e.computedText ?? label}${e.breakdown ? ` — ${e.breakdown}` : ''}`;
    let out = `<span class="pd-pill pd-${e.computed}" title="${esc(tip)}">${esc(label)}</span>`;
    if (e.fix !== null) {
      out += ` <span class="pd-stale" title="${esc(`Written: ${written || '(empty)'} — stale, the computed status is ${label}`)}">stale: <s>${esc(written || 'empty')}</s></span>`;
    }
    return out;
  }
  // Not computable (not measured, unreadable): keep the written status, marked as unverified.
  if (e.statedRag) {
    return `<span class="pd-pill pd-${e.statedRag} pd-unverified" title="${esc(`As written; not computed: ${e.note ?? 'attainment not computable'}`)}">${esc(written)}</span>`;
  }
  return null;
}

function bar(score: number, band: Rag, title: string, esc: (s: string) => string): string {
  const width = Math.max(0, Math.min(100, Math.round(score)));
  return ` <span class="pd-health pd-${band}" title="${esc(title)}">` +
    `<svg class="pd-bar" width="84" height="10" viewBox="0 0 100 10" aria-hidden="true" focusable="false">` +
    `<rect class="pd-bar-track" x="0" y="1" width="100" height="8" rx="4"></rect>` +
    `<rect class="pd-bar-fill" x="0" y="1" width="${width}" height="8" rx="4"></rect></svg>` +
    `<span class="pd-score">${HEALTH_EMOJI[band]} ${Math.round(score)}/100</span></span>`;
}

function staleMarker(text: string, esc: (s: string) => string): string {
  return ` <span class="pd-stale" title="${esc(text)}">stale</span>`;
}

function overallHealthBar(e: Extract<Explanation, { kind: 'overall-health' }>, esc: (s: string) => string): string | null {
  if (e.score === null || e.band === null) return null;
  const written = `${e.statedBand ? LABEL[e.statedBand] : '—'}${e.statedPercent !== null ? ` ${e.statedPercent}%` : ''}`;
  let out = bar(e.score, e.band, `Computed from the KPI table: ${e.score}% (${LABEL[e.band]}); written: ${written}`, esc);
  if (e.fix !== null) out += staleMarker(`Written: ${e.stated} — the KPI table computes ${e.score}% ${LABEL[e.band]}`, esc);
  return out;
}

function healthScoreBar(e: Extract<Explanation, { kind: 'health-score' }>, thresholds: { healthGreen: number; healthYellow: number }, esc: (s: string) => string): string | null {
  const score = e.sum ?? e.total;
  if (score === null) return null;
  const band = healthBand(score, thresholds);
  let out = bar(score, band, `Sum of the parts: ${e.sum ?? '—'}/100; written total: ${e.total ?? '—'}/100${e.badge ? ` ${e.badge}` : ''}`, esc);
  const stale = (e.sum !== null && e.total !== null && e.sum !== e.total) || (e.badgeRag !== null && e.badgeRag !== band);
  if (stale) out += staleMarker(`Written: ${e.total ?? '—'}/100 ${e.badge ?? ''} — the parts add up to ${score}/100 (${LABEL[band]})`, esc);
  return out;
}
