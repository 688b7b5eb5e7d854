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
  check(ctx: RuleContext): void;
}
