/**
 * The core's summaries of a linted document version (CodeLens, status bar, breakdown picker),
 * memoised per lint state so the features share one computation. Nothing is computed here:
 * everything comes from the core (explain.ts and the analyses it reads).
 */
import { analyze, documentHealth, kpiLenses, type DocumentHealth, type KpiLens } from '../core/index';
import { analyzeKpi, type KpiTable } from '../core/analysis/kpi';
import { analyzeHealth, blockBand, type HealthBlock } from '../core/analysis/health';
import type { Rag } from '../core/values';
import type { LintState } from './diagnostics';

export interface Insight {
  lenses: KpiLens[];
  health: DocumentHealth | null;
  tables: KpiTable[];
  blocks: Array<HealthBlock & { band: Rag | null }>;
}

const memo = new WeakMap<LintState, Insight>();
const EMPTY: Insight = { lenses: [], health: null, tables: [], blocks: [] };

export function insightFor(state: LintState): Insight {
  if (!state.kind || state.skipped) return EMPTY;
  let i = memo.get(state);
  if (!i) {
    // Each part is computed on first use: the status bar (after every lint while typing) needs
    // only `health`; CodeLens and the breakdown read the rest.
    const { text, options } = state;
    let analysis: ReturnType<typeof analyze> | undefined;
    const ctx = () => (analysis ??= analyze(text, options)).ctx;
    i = lazy({
      lenses: () => kpiLenses(text, options),
      health: () => documentHealth(text, options),
      tables: () => analyzeKpi(ctx()),
      blocks: () => { const c = ctx(); return analyzeHealth(c).map((b) => ({ ...b, band: blockBand(c, b) })); },
    });
    memo.set(state, i);
  }
  return i;
}

/** An object whose properties are computed once, on first read. */
function lazy<T extends object>(compute: { [K in keyof T]: () => T[K] }): T {
  const out = {} as T;
  for (const key of Object.keys(compute) as Array<keyof T>) {
    Object.defineProperty(out, key, {
      enumerable: true,
      configurable: true,
      get() {
        const value = compute[key]();
        Object.defineProperty(out, key, { value, enumerable: true });
        return value;
      },
    });
  }
  return out;
}

export const BADGE: Record<Rag, string> = { green: '🟢', yellow: '🟡', red: '🔴' };
export const WORD: Record<Rag, string> = { green: 'Green', yellow: 'Yellow', red: 'Red' };

/** The status bar's figure: `95% 🟢` for a KPI table, `82/100 🟡` for a health score. */
export function headline(h: DocumentHealth | null): string | undefined {
  if (!h || h.score === null) return undefined;
  const badge = h.band ? ` ${BADGE[h.band]}` : '';
  return h.source === 'kpi-table' ? `${h.score}%${badge}` : `${h.score}/100${badge}`;
}
