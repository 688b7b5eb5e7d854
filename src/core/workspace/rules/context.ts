/**
 * What a cross-document rule sees: the document under check (its index entry and text), its
 * partner's other documents, and a lazily built analysis of its text (for table fixes).
 */
import type { Analysis, Report, Rule } from '../../rule.js';
import type { Config } from '../../types.js';
import type { IndexedDoc, WorkspaceIndex } from '../types.js';

export interface WorkspaceRuleContext {
  readonly doc: IndexedDoc;
  readonly text: string;
  readonly index: WorkspaceIndex;
  readonly config: Config;
  /** The partner's QBRs with a period, oldest first (the document itself included when it is one). */
  readonly qbrs: IndexedDoc[];
  /** The same partner's QBR with the nearest earlier period, or null. */
  readonly previous: IndexedDoc | null;
  /** The analysis of `text` (model, KPI tables…), built on first use. */
  analysis(): Analysis;
  report(r: Report): void;
}

export interface WorkspaceRule {
  meta: Rule['meta'];
  check(ctx: WorkspaceRuleContext): void;
}

/** `+20%`, `-12%`, `0%` (whole percent, ASCII sign as people type it). */
export function formatChange(change: number): string {
  return change > 0 ? `+${change}%` : change < 0 ? `-${-change}%` : '0%';
}

/** Relative change from `prev` to `cur` in whole percent (rounded half away from zero), or null when prev is 0. */
export function relativeChange(prev: number, cur: number): number | null {
  if (prev === 0 || !Number.isFinite(prev) || !Number.isFinite(cur)) return null;
  const raw = ((cur - prev) / Math.abs(prev)) * 100;
  const r = Math.floor(Math.abs(raw) + 0.5 + 1e-9);
  return r === 0 ? 0 : raw < 0 ? -r : r;
}

/** `path` without its folders, for messages. */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
