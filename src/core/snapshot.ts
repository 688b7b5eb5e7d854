/**
 * One document version, analysed once: the Snapshot. Built from (text, LintOptions) with one
 * model build; everything else is computed on first read and then kept — the findings (exactly
 * `lint(text, options)`'s, through the same per-chunk cache), the analysis context, the
 * explanations for hovers, the KPI lenses, the document's health, the KPI tables and health
 * blocks. A front end holds the snapshot of the version it shows and reads every feature from it
 * instead of handing the text back to the core per feature (each of which analysed it again).
 *
 *   const s = snapshot(text, { path, config, cache });
 *   s.findings; s.explainAt(offset); s.kpiLenses; s.documentHealth;
 *
 * The model is shared (between lints through the chunk cache, and between snapshots of the
 * same text, see `with`): it is read-only, and the types say so.
 */
import { analyzeHealth, blockBand, type HealthBlock } from './analysis/health.js';
import { analyzeKpi, type KpiTable } from './analysis/kpi.js';
import { DEFAULT_CONFIG, mergeConfig } from './config.js';
import { parseToday } from './dates.js';
import { buildStats } from './document.js';
import { applyFixes } from './fix.js';
import { documentHealthOf, explainerOf, kpiLensesOf, lifecycleOf, type DocumentHealth, type DocumentLifecycleInfo, type Explanation, type KpiLens } from './explain.js';
import { analyze, lintAnalysis, ruleContext, type Analysis } from './lint.js';
import type { DocModel } from './model.js';
import type { LineIndex } from './positions.js';
import type { Config, DocKind, Finding, LintOptions, LintResult } from './types.js';
import type { Rag } from './values.js';

/** A read-only view of `T`, all the way down (arrays become readonly arrays). */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends Date
    ? T
    : T extends object
      ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
      : T;

/** A health-score block with the band of its total under the configured thresholds. */
export type HealthBlockSummary = HealthBlock & { readonly band: Rag | null };

/** One document version, analysed once (see the module comment). */
export interface Snapshot {
  /** The text, as given (lone CRs included). */
  readonly text: string;
  readonly options: Readonly<LintOptions>;
  /** The configuration in effect: the defaults merged with `options.config`. */
  readonly config: DeepReadonly<Config>;
  /** Local midnight of "today". */
  readonly today: Date;
  readonly lines: LineIndex;
  /** The document model (shared: read-only). */
  readonly doc: DeepReadonly<DocModel>;
  /** The detected kind, or null for ordinary markdown. */
  readonly kind: DocKind | null;
  /** True when the rules and editor features apply: a partnership document, or `lintAllMarkdown`. */
  readonly checked: boolean;
  /** The analysis context the rules read (what `analyze` returns), over this snapshot's model. */
  readonly analysis: Readonly<Analysis>;
  /** What `lint(text, options)` returns (computed on first read). */
  readonly result: Readonly<LintResult>;
  readonly findings: readonly Finding[];
  /** The explanation under `offset` (hover), as `explainAt(text, offset, options)`. */
  explainAt(offset: number): Explanation | null;
  /** One summary per KPI table (CodeLens), as `kpiLenses(text, options)`. */
  readonly kpiLenses: readonly KpiLens[];
  /** The status bar's figure, as `documentHealth(text, options)`. */
  readonly documentHealth: DocumentHealth | null;
  /** The KPI tables (empty unless `checked`). Each table builds its `rows` anew on every read: read them once per use. */
  readonly kpiTables: readonly KpiTable[];
  /** The health-score blocks, with their bands (empty unless `checked`). */
  readonly healthBlocks: readonly HealthBlockSummary[];
  /** The lifecycle stage today and at the document's own date, with where its dates come from (null unless `checked`). */
  readonly lifecycle: DocumentLifecycleInfo | null;
  /**
   * This text under other options: this snapshot when they are the same; one sharing this model
   * (no model build; findings and analyses of its own) when they differ only in what the model
   * does not depend on (path, today, rules, thresholds…); else a new snapshot.
   */
  with(options: LintOptions): Snapshot;
  /** True when `with(options)` is this snapshot (the same effective options). */
  matches(options: LintOptions): boolean;
}

/** The snapshot of one document version: one model build now, the rest on first read. */
export function snapshot(text: string, options: LintOptions = {}): Snapshot {
  return new VersionSnapshot(text, options, analyze(text, options));
}

class VersionSnapshot implements Snapshot {
  private lint?: LintResult;
  private explain?: (offset: number) => Explanation | null;
  private lenses?: KpiLens[];
  private health?: DocumentHealth | null;
  private tables?: KpiTable[];
  private blocks?: HealthBlockSummary[];
  private life?: DocumentLifecycleInfo | null;

  constructor(
    readonly text: string,
    readonly options: Readonly<LintOptions>,
    readonly analysis: Readonly<Analysis>,
  ) {}

  get config(): DeepReadonly<Config> { return this.analysis.config; }
  get today(): Date { return this.analysis.today; }
  get lines(): LineIndex { return this.analysis.lines; }
  get doc(): DeepReadonly<DocModel> { return this.analysis.doc; }
  get kind(): DocKind | null { return this.analysis.doc.kind; }
  get checked(): boolean { return this.kind !== null || this.analysis.config.lintAllMarkdown; }

  get result(): Readonly<LintResult> {
    return (this.lint ??= lintAnalysis(this.analysis, this.text, this.options));
  }

  get findings(): readonly Finding[] {
    return this.result.findings;
  }

  explainAt(offset: number): Explanation | null {
    return (this.explain ??= explainerOf(this.analysis, this.text))(offset);
  }

  get kpiLenses(): readonly KpiLens[] {
    return (this.lenses ??= kpiLensesOf(this.analysis, () => this.findings));
  }

  get documentHealth(): DocumentHealth | null {
    if (this.health === undefined) this.health = documentHealthOf(this.analysis);
    return this.health;
  }

  get kpiTables(): readonly KpiTable[] {
    return (this.tables ??= this.checked ? this.analysis.ctx.get(analyzeKpi) : []);
  }

  get lifecycle(): DocumentLifecycleInfo | null {
    if (this.life === undefined) this.life = lifecycleOf(this.analysis);
    return this.life;
  }

  get healthBlocks(): readonly HealthBlockSummary[] {
    if (!this.blocks) {
      const ctx = this.analysis.ctx;
      this.blocks = this.checked ? ctx.get(analyzeHealth).map((b) => ({ ...b, band: blockBand(ctx, b) })) : [];
    }
    return this.blocks;
  }

  with(options: LintOptions): Snapshot {
    const c = this.compare(options);
    if (c === 'same') return this;
    if (c.model === 'other') return snapshot(this.text, options);
    const { doc, lines } = this.analysis;
    const { config, today } = c;
    return new VersionSnapshot(this.text, options, { doc, config, today, lines, ctx: ruleContext(doc, config, today, lines) });
  }

  matches(options: LintOptions): boolean {
    return this.compare(options) === 'same';
  }

  /** How `options` differ from this snapshot's: not at all, or in what the model depends on or not. */
  private compare(options: LintOptions): 'same' | { model: 'same' | 'other'; config: Config; today: Date } {
    if (options === this.options) return 'same';
    const config = options.config === this.options.config ? this.analysis.config : mergeConfig(DEFAULT_CONFIG, options.config ?? {});
    const today = parseToday(options.today);
    const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);
    const sameModel = options.cache === this.options.cache && !options.wholeDocument === !this.options.wholeDocument &&
      same(config.sectionEquivalents, this.analysis.config.sectionEquivalents) && same(config.templates, this.analysis.config.templates);
    if (sameModel && options.path === this.options.path && today.getTime() === this.today.getTime() && same(config, this.analysis.config)) return 'same';
    return { model: sameModel ? 'same' : 'other', config, today };
  }
}

/**
 * `fixAll` from a snapshot: every safe fix, re-analysing until nothing fixable is left (at most
 * `maxPasses` passes), where the first pass reads the snapshot's findings. Returns the snapshot
 * of the fixed text (when nothing was fixable: `s` itself), whose findings are that text's lint —
 * a front end about to show that text holds it instead of analysing the text again.
 */
export function fixAllSnapshot(s: Snapshot, maxPasses = 10): { snapshot: Snapshot; passes: number } {
  let current = s;
  for (let pass = 0; pass < maxPasses; pass++) {
    const findings = current.findings;
    if (!findings.some((f) => f.fix)) return { snapshot: current, passes: pass };
    const next = applyFixes(current.text, findings);
    if (next === current.text) return { snapshot: current, passes: pass };
    current = snapshot(next, current.options);
  }
  return { snapshot: current, passes: maxPasses };
}

/** Counters of the engine's work, for tests and the benchmark (internal). */
export interface EngineStats {
  /** Document models built (one per `snapshot`, `lint`, `analyze`…) since the process started. */
  readonly modelBuilds: number;
  /** Models built for exactly this text, counted while `trackModelBuilds(true)` (else undefined). */
  modelBuildsOf(text: string): number | undefined;
}

export function engineStats(): EngineStats {
  const tracked = buildStats.byText;
  return {
    modelBuilds: buildStats.modelBuilds,
    // The model is built from the text with lone CRs read as line ends (lint.ts).
    modelBuildsOf: (text) => (tracked ? tracked.get(text.replace(/\r(?!\n)/g, '\n')) ?? 0 : undefined),
  };
}

/** Starts (or stops) counting model builds per text (it keeps the last 256 texts: tests only). */
export function trackModelBuilds(on: boolean): void {
  buildStats.byText = on ? (buildStats.byText ?? new Map()) : null;
}

// ─── Per text: the snapshot's answers without keeping a snapshot ───────────────────────────

/**
 * The explanation for the construct at `offset`: a KPI row, an Overall Partnership Health line
 * or a health-score block (score line or one of its parts). Null elsewhere, and for files that
 * are not partnership documents (unless `lintAllMarkdown`).
 */
export function explainAt(text: string, offset: number, options: LintOptions = {}): Explanation | null {
  return snapshot(text, options).explainAt(offset);
}

/**
 * `explainAt` for many offsets of one text: the document is analysed once and the KPI rows and
 * health lines are indexed by line, so n lookups cost one analysis plus n map reads. Answers are
 * exactly `explainAt`'s.
 */
export function explainer(text: string, options: LintOptions = {}): (offset: number) => Explanation | null {
  const s = snapshot(text, options);
  return (offset) => s.explainAt(offset);
}

/**
 * One summary figure for the status bar: in a status report with an Overall Health Score, that
 * block's stated total; otherwise the first KPI table's computed score (mean of capped
 * attainment); otherwise the first health block. Null when the document has neither (or is
 * not a partnership document).
 */
export function documentHealth(text: string, options: LintOptions = {}): DocumentHealth | null {
  return snapshot(text, options).documentHealth;
}

/** One CodeLens summary per KPI table. */
export function kpiLenses(text: string, options: LintOptions = {}): KpiLens[] {
  return [...snapshot(text, options).kpiLenses];
}
