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

/** How a document fact is compared from lint to lint: by identity, arrays element by element. */
export type FactKey = string | number | boolean | null | readonly (string | number | boolean | null)[];

const documentFacts = new WeakSet<object>();

/**
 * A fact of the whole document that a chunk-scoped rule reads besides its own chunk (the
 * document's year, its dates, whether it follows the playbook's template, the text of its
 * Challenges sections…): a named computation over the whole document, declared with `fact()`.
 * A rule lists the facts it reads in `reads`; the engine recomputes the rule's findings in a
 * chunk when the chunk's text or one of those facts changed, and reuses them otherwise.
 * Read with `ctx.get(fact)`: in a rule run over some chunks only, it still answers for the
 * whole document.
 */
export interface DocumentFact<T = unknown> {
  (ctx: RuleContext): T;
  readonly factName: string;
  /** The value as compared from lint to lint (see FactKey). */
  keyOf(value: T): FactKey;
}

/**
 * Declares a document fact. `compute` reads the whole document through `ctx` (and other facts
 * through `ctx.get`). `keyOf` says what of its value findings depend on, as a FactKey (strings
 * that stay the same objects from lint to lint compare cheaply); without it the value itself
 * must be a FactKey.
 */
export function fact<T extends FactKey>(name: string, compute: (ctx: RuleContext) => T): DocumentFact<T>;
export function fact<T>(name: string, compute: (ctx: RuleContext) => T, keyOf: (value: T) => FactKey): DocumentFact<T>;
export function fact<T>(name: string, compute: (ctx: RuleContext) => T, keyOf: (value: T) => FactKey = (v) => v as FactKey): DocumentFact<T> {
  const f = ((ctx: RuleContext) => compute(ctx)) as DocumentFact<T>;
  Object.defineProperty(f, 'factName', { value: name });
  Object.defineProperty(f, 'keyOf', { value: keyOf });
  documentFacts.add(f);
  return f;
}

/**
 * The document's headings (levels and names) and how many come before the chunk: read by
 * rules that look a section up by name or nesting (`## Next Steps` holds action items).
 */
export const OUTLINE: DocumentFact<null> = fact('outline', () => null);

/**
 * The headings that enclose the chunk — its own heading and its ancestors, levels and names —
 * compared per chunk: read by rules that only ask which section a line is in (`## Next Steps`
 * holds action items). Editing another heading (a health score written in its heading) then
 * leaves the chunks it does not enclose alone.
 */
export const ENCLOSING: DocumentFact<null> = fact('enclosing headings', () => null);


export interface Rule {
  meta: Omit<RuleMeta, 'docs' | 'url'>;
  /** Kinds the rule applies to; undefined = every partnership document (and opted-in markdown). */
  kinds?: Array<NonNullable<DocModel['kind']>>;
  /**
   * What the rule's findings depend on — the engine decides from this what to recompute:
   * - `'document'` (the default): anything in the document. Re-run on every lint.
   * - `'chunk'`: every finding lies inside one chunk of the document — the stretch between two
   *   column-0 ATX headings of any level (a table or a list never spans two; a heading's
   *   section with sub-headings is several chunks) — and the findings in a chunk depend only on
   *   that chunk's text, the configuration, today, the document's kind and front matter, and the
   *   facts listed in `reads`. A re-lint reuses the findings of every chunk whose text did not
   *   change, as long as those facts did not change either.
   * A rule that reads more than it declares fails test/core/rule-scopes.test.ts.
   */
  scope?: 'chunk' | 'document';
  /** Chunk-scoped rules: the document facts they read besides their chunk (see DocumentFact, OUTLINE). */
  reads?: readonly DocumentFact[];
  check(ctx: RuleContext): void;
}

/** Whether `fn` is a DocumentFact (answered for the whole document when a rule runs over some chunks). */
export function isDocumentFact(fn: object): boolean {
  return documentFacts.has(fn);
}

/** A document's model and a rule context over it, without running rules (lint.ts analyze; hovers and workspace rules read it). */
export interface Analysis {
  doc: DocModel;
  config: Config;
  today: Date;
  lines: LineIndex;
  ctx: RuleContext;
}
