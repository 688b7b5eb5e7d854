/**
 * What a rule is: metadata plus a check over the document model. Rules never see syntax
 * trees, never do I/O, and report in offsets; the engine converts to lines and columns.
 */
import type { DocModel } from './model.js';
import type { LineIndex } from './positions.js';
import type { Config, OffsetEdit, RuleMeta } from './types.js';

export interface Report {
  start: number;
  end: number;
  message: string;
  /** A safe fix: only for rules whose meta.fixable is 'fix'. */
  fix?: OffsetEdit[];
  /** Fixes that need a human decision. */
  suggestions?: Array<{ title: string; edits: OffsetEdit[] }>;
  data?: Record<string, unknown>;
}

export interface RuleContext {
  readonly doc: DocModel;
  readonly config: Config;
  /** Local midnight of "today". */
  readonly today: Date;
  readonly lines: LineIndex;
  report(r: Report): void;
  /** Memoised derived data shared by rules (KPI analysis, action items…), computed once per lint. */
  get<T>(compute: (ctx: RuleContext) => T): T;
}

export interface Rule {
  meta: Omit<RuleMeta, 'docs' | 'url'>;
  /** Kinds the rule applies to; undefined = every partnership document (and opted-in markdown). */
  kinds?: Array<NonNullable<DocModel['kind']>>;
  /**
   * Section-local: every finding lies inside one split section of the document (a stretch
   * between column-0 ATX headings, see split.ts), and the findings in a section depend only on
   * that section's text and on the document context — the configuration, today, the document
   * kind and front matter, plus `key(ctx)` (a string, or strings compared one by one) and, with `outline`, the document's headings (their
   * levels and names) and how many of them come before the section. A re-lint then reuses the
   * findings of every section whose text and context did not change (lint.ts); the rule runs
   * over a document made of the other sections only. Facts of the whole document a local rule
   * needs (documentYear…) must be read through `ctx.get` and listed in lint.ts's DOCUMENT_FACTS.
   */
  local?: { key?: (ctx: RuleContext) => string | readonly string[]; outline?: boolean };
  check(ctx: RuleContext): void;
}

const documentFacts = new WeakSet<object>();

/**
 * Marks a `ctx.get` computation as a fact of the whole document: when a section-local rule runs
 * over some sections only (see Rule.local), `ctx.get(fn)` still answers for the whole document.
 */
export function documentFact<T extends (ctx: RuleContext) => unknown>(fn: T): T {
  documentFacts.add(fn);
  return fn;
}

export function isDocumentFact(fn: object): boolean {
  return documentFacts.has(fn);
}
