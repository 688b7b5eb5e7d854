/**
 * The core's summaries of a linted document version (CodeLens, status bar, breakdown picker):
 * the version's snapshot, which computes each on first read and keeps it, so the features share
 * one computation. Nothing is computed here.
 */
import type { DocumentHealth, HealthBlockSummary, KpiLens, KpiTable, Rag } from '../core/index';
import type { LintState } from './diagnostics';

export interface Insight {
  readonly lenses: readonly KpiLens[];
  readonly health: DocumentHealth | null;
  readonly tables: readonly KpiTable[];
  readonly blocks: readonly HealthBlockSummary[];
}

const EMPTY: Insight = { lenses: [], health: null, tables: [], blocks: [] };

/**
 * The insight of a lint state: its snapshot (the status bar, after every lint while typing,
 * reads only `health`; CodeLens and the breakdown read the rest), or nothing for a document
 * that is not a partnership document or was not linted.
 */
export function insightFor(state: LintState): Insight {
  if (!state.kind || state.skipped || !state.snapshot) return EMPTY;
  const s = state.snapshot;
  return {
    get lenses() { return s.kpiLenses; },
    get health() { return s.documentHealth; },
    get tables() { return s.kpiTables; },
    get blocks() { return s.healthBlocks; },
  };
}

export const BADGE: Record<Rag, string> = { green: '🟢', yellow: '🟡', red: '🔴' };
export const WORD: Record<Rag, string> = { green: 'Green', yellow: 'Yellow', red: 'Red' };

/** The status bar's figure: `95% 🟢` for a KPI table, `82/100 🟡` for a health score. */
export function headline(h: DocumentHealth | null): string | undefined {
  if (!h || h.score === null) return undefined;
  const badge = h.band ? ` ${BADGE[h.band]}` : '';
  return h.source === 'kpi-table' ? `${h.score}%${badge}` : `${h.score}/100${badge}`;
}
