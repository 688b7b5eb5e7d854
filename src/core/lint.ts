/**
 * The engine: build the document model, run every enabled rule, convert offsets to
 * line/column, drop suppressed findings. Pure: no I/O, no vscode.
 */
import { DEFAULT_CONFIG, mergeConfig } from './config.js';
import { parseToday } from './dates.js';
import { buildDocument, chunksOf, type Chunk } from './document.js';
import { createCache, type ChunkFindings } from './cache.js';
import { applyFixes } from './fix.js';
import { flatCopy } from './memo.js';
import { enclosingHeadings, type DocModel } from './model.js';
import { LineIndex, lastAtOrBefore } from './positions.js';
import { bothEdits, finding, runRule, toFinding } from './run.js';
import { ENCLOSING, isDocumentFact, OUTLINE, type Analysis, type DocumentFact, type Rule, type RuleContext } from './rule.js';
import { ruleList } from './rules/index.js';
import { teamStructure } from './teamTemplates.js';
import { directives, suppressionFilter } from './suppress.js';
import type { Config, Finding, LintOptions, LintResult, OffsetEdit, Severity, TextEdit } from './types.js';

export { toFinding } from './run.js';

export type { Analysis } from './rule.js';

const LONE_CR = /\r(?!\n)/;
const LONE_CR_ALL = /\r(?!\n)/g;

/**
 * A lone CR ends a line (CommonMark, VS Code), but the analyses and rules find line ends with
 * `\n`. A text with lone CRs is analysed with each of them read as `\n` — one character for one,
 * so every offset stays the same — and its line numbers count them, as the editor does.
 */
function withoutLoneCr(text: string): string {
  return text.indexOf('\r') !== -1 && LONE_CR.test(text) ? text.replace(LONE_CR_ALL, '\n') : text;
}

/** Builds the model and a rule context without running rules (used by lint and by hovers). */
export function analyze(text: string, options: LintOptions = {}): Analysis {
  const config = mergeConfig(DEFAULT_CONFIG, options.config ?? {});
  text = withoutLoneCr(text);
  const doc = buildDocument(text, { cache: options.cache, wholeDocument: options.wholeDocument, sectionEquivalents: config.sectionEquivalents, teamStructure: teamStructure(config) });
  const today = parseToday(options.today);
  const lines = new LineIndex(text);
  return { doc, config, today, lines, ctx: ruleContext(doc, config, today, lines) };
}

/** A rule context over `doc`; `whole`: the context of the whole document, which answers the document facts (Rule.reads). */
export function ruleContext(
  doc: DocModel, config: Config, today: Date, lines: LineIndex, whole?: RuleContext,
  answeredByWhole: (fn: object) => boolean = isDocumentFact,
): RuleContext {
  const memo = new Map<unknown, unknown>();
  const ctx: RuleContext = {
    doc,
    config,
    today,
    lines,
    report: () => {},
    get<T>(compute: (c: RuleContext) => T): T {
      if (whole && answeredByWhole(compute)) return whole.get(compute);
      if (!memo.has(compute)) memo.set(compute, compute(ctx));
      return memo.get(compute) as T;
    },
  };
  return ctx;
}

/** The context a rule runs in: `ctx` with the runner's report (see run.ts). */
function reportingTo(ctx: RuleContext): (report: RuleContext['report']) => RuleContext {
  return (report) => ({ ...ctx, report, get: ctx.get });
}

export function lint(text: string, options: LintOptions = {}): LintResult {
  return lintAnalysis(analyze(text, options), text, options);
}

/**
 * The rule run over a model already built by `analyze(text, options)` (one model build per
 * document version: the Snapshot hands its analysis here; lint() above builds one).
 */
export function lintAnalysis(analysis: Analysis, text: string, options: LintOptions = {}): LintResult {
  const { doc, config, today, lines, ctx: base } = analysis;
  const parts = chunksOf(doc)!;
  if (!doc.kind && !config.lintAllMarkdown) return { kind: null, findings: [] };

  const findings: Finding[] = [];
  const suppressed = suppressionFilter(base.get(directives), lines);
  // One string per distinct message and fix text in this lint: a dense 5 MB QBR has 50,000
  // findings but a few thousand different messages.
  const strings = new Map<string, string>();
  const intern = (s: string): string => {
    const known = strings.get(s);
    if (known !== undefined) return known;
    strings.set(s, s);
    return s;
  };
  const enabled: Array<{ rule: Rule; severity: Severity }> = [];
  for (const rule of ruleList) {
    const setting = config.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (setting === 'off') continue;
    if (rule.kinds && !(doc.kind && rule.kinds.includes(doc.kind))) continue;
    enabled.push({ rule, severity: setting });
  }
  // Chunk-scoped rules go through the per-chunk findings (not with lone CRs: see keepLoneCrEndings).
  const sectioned = options.cache !== false && !options.wholeDocument && lines.text === text && parts.every((p) => p.entry);
  const local = sectioned ? enabled.filter((e) => e.rule.scope === 'chunk') : [];
  const out = (f: Finding) => {
    if (!suppressed(f.ruleId, f.line)) findings.push(f);
  };
  for (const e of enabled) if (!local.includes(e)) runRule(e.rule, e.severity, reportingTo(base), lines, out, intern);
  if (local.length) {
    const common = JSON.stringify([config, doc.kind, doc.frontMatter?.data ?? null]);
    for (const group of groupsOf(local)) runLocalRules(group, common, parts, base, lines, today, out, intern);
  }
  findings.sort((a, b) => a.startOffset - b.startOffset || a.endOffset - b.endOffset || a.ruleId.localeCompare(b.ruleId));
  if (lines.text !== text) keepLoneCrEndings(text, findings);
  return { kind: doc.kind, findings };
}

// ─── Per-chunk findings of the chunk-scoped rules ───────────────────────────────────────────
//
// On a keystroke one chunk's text changes; every other chunk's findings of a local rule
// (Rule.scope) are the same as before, moved by the edit's length (and line count) when the
// chunk comes after it. Each chunk's entry in the chunk cache keeps those findings with
// the context they were computed in; a lint reuses them as they are (an unmoved chunk: the
// very same Finding objects), moved (fresh objects), or — for the chunks whose text or
// context changed — runs the local rules over a document made of those chunks only.

/** Chunk-scoped rules that read the same document facts: their findings are kept and reused together. */
interface RuleGroup {
  /** The facts' names, sorted and joined: the group's slot in each chunk's cached findings. */
  id: string;
  rules: Array<{ rule: Rule; severity: Severity }>;
  reads: readonly DocumentFact[];
  outline: boolean;
  /** The group reads ENCLOSING: each chunk's findings are kept with the headings enclosing it. */
  enclosing: boolean;
}

/**
 * The enabled chunk-scoped rules grouped by the facts they read (Rule.reads). A change of one
 * fact (the text of the Challenges chunks, the document's date) then re-runs only the rules
 * that read it, in every chunk; the other groups keep every chunk's findings.
 */
function groupsOf(local: Array<{ rule: Rule; severity: Severity }>): RuleGroup[] {
  const groups = new Map<string, RuleGroup>();
  for (const e of local) {
    const reads = [...new Set(e.rule.reads ?? [])].sort((a, b) => (a.factName < b.factName ? -1 : a.factName > b.factName ? 1 : 0));
    const id = reads.map((f) => f.factName).join('|');
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { id, rules: [], reads, outline: reads.includes(OUTLINE), enclosing: reads.includes(ENCLOSING) }));
    g.rules.push(e);
  }
  return [...groups.values()];
}

/** Per group, the contexts its findings were last computed in (a few: documents linted in turn), newest first. */
const contexts = new Map<string, Array<{ parts: unknown[]; token: object }>>();

/**
 * The document context a group's findings depend on (see Rule.scope), as a token: the same
 * object as long as the context is the same (chunks compare it by identity), a new one when
 * any part of it changed — the configuration, kind and front matter (`common`), the group's
 * rules and severities, today, and the facts it reads. The parts are compared one by one, not
 * joined into one string: the Challenges text behind red-kpi-unaddressed alone can be megabytes.
 */
function contextKey(group: RuleGroup, common: string, ctx: RuleContext, today: Date): object {
  const parts: unknown[] = [
    common,
    group.rules.map((e) => `${e.rule.meta.id}:${e.severity}`).join(' '),
    today.getTime(),
    // Levels and names (memoised strings: they compare by identity) of the headings.
    group.outline ? ctx.doc.outline.flatMap((h) => [h.depth, h.norm]) : null,
    ...group.reads.filter((f) => f !== OUTLINE && f !== ENCLOSING).map((f) => f.keyOf(ctx.get(f))),
  ];
  const same = (a: unknown, b: unknown) =>
    a === b || (Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]));
  let list = contexts.get(group.id);
  if (!list) contexts.set(group.id, (list = []));
  let found = list.findIndex((c) => c.parts.length === parts.length && c.parts.every((p, i) => same(p, parts[i])));
  if (found === -1) {
    list.unshift({ parts, token: {} });
    if (list.length > 8) list.pop();
    found = 0;
  }
  return list[found]!.token;
}

function runLocalRules(
  group: RuleGroup,
  common: string,
  parts: Chunk[],
  base: RuleContext,
  lines: LineIndex,
  today: Date,
  out: (f: Finding) => void,
  intern: (s: string) => string,
): void {
  const key = contextKey(group, common, base, today);
  const { outline, enclosing } = group;
  const stale: number[] = [];
  let headingIndex = 0;
  const headingIndexes: number[] = [];
  const chains = enclosing ? chainKeys(base.doc, parts) : [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    headingIndexes.push(headingIndex);
    const chain = chains[i];
    const sf = part.entry!.findings?.[group.id];
    if (sf && sf.key === key && (!outline || sf.headingIndex === headingIndex) && (!enclosing || sameList(sf.chain, chain))) replay(part, sf, lines, out);
    else stale.push(i);
    headingIndex += part.model.headings.length;
  }
  if (stale.length === 0) return;

  // The stale chunks' findings: over the whole document when every chunk is stale (a first
  // lint: the analyses are then shared with the other rules), else over those chunks only.
  const whole = stale.length === parts.length;
  const ctx = whole ? base : ruleContext(subDocument(base.doc, parts, stale), base.config, today, lines, base);
  const lists = stale.map((): Finding[] | null => null);
  const uncacheable = new Set<number>();
  for (const { rule, severity } of group.rules) {
    const ok = runRule(rule, severity, reportingTo(ctx), lines, (f) => {
      // Kept with the chunk across lints: no slice of this version of the document (a first
      // lint's chunks all share its text anyway; see memo.ts).
      if (!whole) f = detached(f);
      out(f);
      const k = owner(parts, stale, f);
      if (k === -1) {
        // Outside every stale chunk (a rule that is not chunk-scoped after all): not cached.
        for (const s of stale) uncacheable.add(s);
        return;
      }
      (lists[k] ??= []).push(f);
    }, whole ? intern : undefined);
    if (!ok) for (const s of stale) uncacheable.add(s);
  }
  for (let k = 0; k < stale.length; k++) {
    const i = stale[k]!;
    const entry = parts[i]!.entry!;
    const byGroup = (entry.findings ??= {});
    if (uncacheable.has(i)) {
      delete byGroup[group.id];
      continue;
    }
    const l = lists[k];
    // Kept with the chunk: at its exact size (see parse.ts compact).
    byGroup[group.id] = { key, headingIndex: headingIndexes[i]!, chain: chains[i], at: parts[i]!.start, line: lines.line(parts[i]!.start), list: l ? l.slice() : NONE };
  }
}

const NONE: Finding[] = [];

/**
 * Per chunk, the levels and names (memoised strings) of the headings enclosing its start: the
 * chunks' ENCLOSING facts, computed once per lint for every group in one walk of the outline (a
 * stack of open headings), not by a search per chunk and group.
 */
const chainsOf = new WeakMap<DocModel, Array<readonly unknown[]>>();
function chainKeys(doc: DocModel, parts: Chunk[]): Array<readonly unknown[]> {
  let out = chainsOf.get(doc);
  if (out) return out;
  out = [];
  const o = doc.outline;
  const stack: Array<DocModel['outline'][number]> = [];
  let k = 0;
  for (const part of parts) {
    for (; k < o.length && o[k]!.start <= part.start; k++) {
      const h = o[k]!;
      while (stack.length && stack[stack.length - 1]!.depth >= h.depth) stack.pop();
      stack.push(h);
    }
    while (stack.length && stack[stack.length - 1]!.bodyEnd <= part.start) stack.pop();
    const key: unknown[] = [];
    for (const h of stack) key.push(h.depth, h.norm);
    out.push(key);
  }
  chainsOf.set(doc, out);
  return out;
}

function sameList(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));
}

/** `f` with its strings copied (see flatCopy). */
function detached(f: Finding): Finding {
  const data = f.data && Object.fromEntries(Object.entries(f.data).map(([k, v]) => [k, typeof v === 'string' ? flatCopy(v) : v]));
  return copyOf(f, 0, 0, flatCopy(f.message), flatCopy, flatCopy, data);
}

/** Index into `stale` of the stale section holding all of `f` (range and edits), or -1. */
function owner(parts: Chunk[], stale: number[], f: Finding): number {
  const k = lastAtOrBefore(stale.length, (i) => parts[stale[i]!]!.start, f.startOffset);
  if (k === -1) return -1;
  const { start, end } = parts[stale[k]!]!;
  const inside = (e: { start: number; end: number }) => e.start >= start && e.end <= end;
  if (!inside({ start: f.startOffset, end: f.endOffset })) return -1;
  if (f.fix && !f.fix.offsetEdits.every(inside)) return -1;
  if (f.suggestions && !f.suggestions.every((sg) => sg.offsetEdits.every(inside))) return -1;
  return k;
}

/** A section's cached findings, as they are (unmoved) or moved to where the section is now. */
function replay(part: Chunk, sf: ChunkFindings, lines: LineIndex, out: (f: Finding) => void): void {
  if (sf.list === NONE) return;
  const d = part.start - sf.at;
  // Not only the offset: an edit that keeps the length (a character replaced by a line break)
  // moves the lines.
  const line = lines.line(part.start);
  const dl = line - sf.line;
  if (d !== 0 || dl !== 0) {
    sf.list = sf.list.map((f) => movedFinding(f, d, dl));
    sf.at = part.start;
    sf.line = line;
  }
  for (const f of sf.list) out(f);
}

/** A copy of `f` moved by `d` offsets and `dl` lines (a section starts at a line start, so columns stay). */
function movedFinding(f: Finding, d: number, dl: number): Finding {
  return copyOf(f, d, dl, f.message, unchanged, unchanged, f.data);
}

const unchanged = (s: string): string => s;

/**
 * A copy of `f` moved by `d` offsets and `dl` lines, with `message` and `data`, the texts of its
 * fix's and suggestions' edits passed through `text` and the suggestions' titles through `title`.
 */
function copyOf(f: Finding, d: number, dl: number, message: string, text: (s: string) => string, title: (s: string) => string, data: Finding['data']): Finding {
  const edits = (x: { edits: TextEdit[]; offsetEdits: OffsetEdit[] }) =>
    bothEdits(x.edits.map((e, i) => {
      const o = x.offsetEdits[i]!;
      return { line: e.line + dl, column: e.column, endLine: e.endLine + dl, endColumn: e.endColumn, text: text(e.text), start: o.start + d, end: o.end + d };
    }));
  return finding(
    f.ruleId, f.severity, message, f.line + dl, f.column, f.endLine + dl, f.endColumn, f.startOffset + d, f.endOffset + d,
    f.fix ? edits(f.fix) : undefined,
    f.suggestions ? f.suggestions.map((sg) => ({ title: title(sg.title), ...edits(sg) })) : undefined,
    data,
  );
}

/**
 * The document made of the sections `stale` only, for the local rules: their models as placed
 * (list-item parents renumbered within it), with the whole document's text, kind, front matter,
 * outline and definitions — the context the local rules may read.
 */
function subDocument(doc: DocModel, parts: Chunk[], stale: number[]): DocModel {
  const sub: DocModel = {
    text: doc.text,
    kind: doc.kind,
    detectedBy: doc.detectedBy,
    frontMatter: doc.frontMatter,
    outline: doc.outline,
    headings: [],
    tables: [],
    listItems: [],
    paragraphs: [],
    brackets: [],
    definitions: doc.definitions,
    comments: [],
    code: [],
  };
  for (const i of stale) {
    const { model: m, itemBase } = parts[i]!;
    for (const key of ['headings', 'tables', 'paragraphs', 'brackets', 'comments', 'code'] as const) {
      const src = m[key] as unknown[];
      const dst = sub[key] as unknown[];
      for (let j = 0; j < src.length; j++) dst.push(src[j]);
    }
    const base = sub.listItems.length;
    for (const li of m.listItems) sub.listItems.push(li.parent === -1 || base === itemBase ? li : { ...li, parent: li.parent - itemBase + base });
  }
  return sub;
}

/**
 * Fixes were computed on the text with lone CRs read as `\n`: in a document whose lines end with
 * lone CRs, the line breaks a fix writes are lone CRs too.
 */
function keepLoneCrEndings(text: string, findings: Finding[]): void {
  const loneCr = (text.match(LONE_CR_ALL) ?? []).length;
  const lf = (text.match(/(?<!\r)\n/g) ?? []).length;
  if (loneCr <= lf) return;
  const cr = (s: string) => (s.includes('\n') ? s.replace(/(?<!\r)\n/g, '\r') : s);
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.fix || f.suggestions) findings[i] = copyOf(f, 0, 0, f.message, cr, unchanged, f.data);
  }
}

/**
 * Applies every safe fix, re-linting until nothing fixable is left (fixes that overlap — e.g.
 * two cells of one re-padded table — land in successive passes). At most `maxPasses` passes.
 */
export function fixAll(text: string, options: LintOptions = {}, maxPasses = 10): { text: string; passes: number } {
  let current = text;
  for (let pass = 0; pass < maxPasses; pass++) {
    const { findings } = lint(current, options);
    if (!findings.some((f) => f.fix)) return { text: current, passes: pass };
    const next = applyFixes(current, findings);
    if (next === current) return { text: current, passes: pass };
    current = next;
  }
  return { text: current, passes: maxPasses };
}

// ─── Checking what chunk-scoped rules declare ───────────────────────────────────────────────

/** A chunk-scoped rule whose findings in one chunk differ when it sees only what it declares. */
export interface ScopeViolation {
  ruleId: string;
  /** The chunk as its first line, and where it starts. */
  section: string;
  line: number;
  /** Findings in the chunk from a run over the whole document, and from a run that sees only the chunk and the declared facts. */
  inWholeDocument: string[];
  alone: string[];
}

/**
 * For test/core/rule-scopes.test.ts: runs each enabled chunk-scoped rule (Rule.scope) over the
 * whole document, then once per chunk over a document where everything outside that chunk
 * is blanked (same offsets; the outline cut to the chunk's own headings unless the rule reads
 * OUTLINE; link definitions the chunk's own; no record of how the kind was detected) and
 * where only the facts the rule declares in
 * `reads` answer for the whole document. A rule whose findings differ reads more than it
 * declares: its reused findings would go stale. Deterministic: no random edits needed.
 */
export function scopeViolations(text: string, options: LintOptions = {}, rules: readonly Rule[] = ruleList): ScopeViolation[] {
  const { doc, config, today, lines, ctx: base } = analyze(text, { ...options, cache: createCache() });
  const parts = chunksOf(doc);
  if (!parts || lines.text !== text || (!doc.kind && !config.lintAllMarkdown)) return [];
  const out: ScopeViolation[] = [];
  const show = (f: Finding) => JSON.stringify([f.startOffset, f.endOffset, f.message, f.fix?.offsetEdits ?? null, f.suggestions?.map((s) => s.offsetEdits) ?? null]);
  for (const rule of rules) {
    if (rule.scope !== 'chunk') continue;
    const severity = config.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
    if (severity === 'off' || (rule.kinds && !(doc.kind && rule.kinds.includes(doc.kind)))) continue;
    const all: Finding[] = [];
    runRule(rule, severity, reportingTo(ruleContext(doc, config, today, lines)), lines, (f) => all.push(f));
    const declared = new Set<object>(rule.reads ?? []);
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      const inWholeDocument = all.filter((f) => f.startOffset >= p.start && f.startOffset < Math.max(p.end, p.start + 1)).map(show).sort();
      const sub = subDocument(doc, parts, [i]);
      sub.text = blankOutside(text, p.start, p.end);
      sub.definitions = p.model.definitions;
      // How the kind was detected (the title, the structure) is not part of every rule's context.
      sub.detectedBy = null;
      if (!declared.has(OUTLINE)) {
        // ENCLOSING: the chunk's own headings and those enclosing it; else its own only.
        const chain = declared.has(ENCLOSING) ? new Set(enclosingHeadings(doc, p.start)) : new Set<unknown>();
        sub.outline = outlineWithin(doc.outline, p.start, p.end, chain);
      }
      const whole = ruleContext(doc, config, today, lines);
      const ctx = ruleContext(sub, config, today, lines, whole, (fn) => declared.has(fn));
      const alone: string[] = [];
      runRule(rule, severity, reportingTo(ctx), lines, (f) => alone.push(show(f)));
      alone.sort();
      if (alone.join('\n') !== inWholeDocument.join('\n')) {
        out.push({ ruleId: rule.meta.id, section: text.slice(p.start, text.indexOf('\n', p.start) === -1 ? p.end : Math.min(p.end, text.indexOf('\n', p.start))), line: lines.line(p.start), inWholeDocument, alone });
      }
    }
  }
  return out;
}

/** The headings in [start, end) with their parents renumbered within them (a parent outside: none). */
function outlineWithin(outline: DocModel['outline'], start: number, end: number, keep: ReadonlySet<unknown>): DocModel['outline'] {
  const index = new Map<number, number>();
  const out: DocModel['outline'] = [];
  outline.forEach((h, i) => {
    const kept = keep.has(h);
    if (!kept && (h.start < start || h.start >= end)) return;
    index.set(i, out.length);
    out.push({ ...h, parent: index.get(h.parent) ?? -1, bodyEnd: kept ? h.bodyEnd : Math.min(h.bodyEnd, end) });
  });
  return out;
}

/** `text` with every character outside [start, end) but line breaks replaced by a space (offsets kept). */
function blankOutside(text: string, start: number, end: number): string {
  const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
  return blank(text.slice(0, start)) + text.slice(start, end) + blank(text.slice(end));
}
