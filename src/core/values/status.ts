/**
 * Attainment, status and health bands (spec §2.3, §2.5, §3), and how each colour is written:
 * its word, its Status-cell emoji and its health-badge emoji (the one table of them). Pure
 * functions, no I/O.
 */
import type { Direction } from './direction.js';

export type Rag = 'green' | 'yellow' | 'red';

/** Rounds half up to a whole number, tolerant of float noise (89.49999999999999 → 90). */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5 + 1e-9);
}

/**
 * Exact attainment in percent (not rounded): actual / target × 100 (higher is better) or
 * target / actual × 100 (lower is better). The band is decided on this figure (spec §9: a
 * shortfall is never Green). Float noise is snapped away (`0.57 × 100 / 0.57` is 100, not
 * 99.99999999999999), a real shortfall of 0.02 % is kept.
 * - target 0 → null (not computable).
 * - lower is better and actual 0 → 100 (spec: "100% or more → Green").
 * - negative values are computed as written; a non-finite result is null. Never throws.
 */
export function exactAttainment(target: number, actual: number, direction: Direction): number | null {
  if (!Number.isFinite(target) || !Number.isFinite(actual) || target === 0) return null;
  let ratio: number;
  if (direction === 'higher') {
    ratio = (actual * 100) / target;
  } else {
    if (actual === 0) return 100;
    ratio = (target * 100) / actual;
  }
  if (!Number.isFinite(ratio)) return null;
  const snapped = Math.round(ratio * 1e9) / 1e9;
  return snapped === 0 ? 0 : snapped; // no -0
}

/**
 * The whole percent shown for an exact figure: rounded half up, except that a value below one of
 * `boundaries` is never shown at or above it (99.98 → 99 below 100; 79.6 → 79 below 80), so the
 * figure shown always falls in the band it was judged in.
 */
export function displayPercent(exact: number, boundaries: readonly number[]): number {
  let r = roundHalfUp(exact);
  for (const b of boundaries) if (exact < b && r >= b) r = Math.min(r, Math.ceil(b) - 1);
  return r === 0 ? 0 : r;
}

const DEFAULT_STATUS_BANDS = { statusGreen: 100, statusYellow: 80 };

/**
 * Attainment in whole percent as shown (see `exactAttainment` and `displayPercent`; the status
 * thresholds are the band boundaries, 100 and 80 by default). Null when not computable.
 */
export function attainment(
  target: number,
  actual: number,
  direction: Direction,
  thresholds: { statusGreen: number; statusYellow: number } = DEFAULT_STATUS_BANDS,
): number | null {
  const exact = exactAttainment(target, actual, direction);
  return exact === null ? null : displayPercent(exact, [thresholds.statusGreen, thresholds.statusYellow]);
}

/**
 * Whether a stated percentage agrees with a figure: equal to the displayed whole percent once
 * rounded, or — written with decimals (`99.98%`) — equal to the exact figure at that precision.
 */
export function statedPercentAgrees(stated: number, displayed: number, exact: number): boolean {
  if (roundHalfUp(stated) === displayed) return true;
  if (Number.isInteger(stated)) return false;
  const decimals = Math.min(String(stated).split('.')[1]?.length ?? 0, 6);
  return Math.abs(stated - exact) <= 10 ** -decimals / 2 + 1e-9;
}

/** KPI status from attainment: ≥ statusGreen green, ≥ statusYellow yellow, else red. */
export function statusFor(att: number, thresholds: { statusGreen: number; statusYellow: number }): Rag {
  if (att >= thresholds.statusGreen) return 'green';
  if (att >= thresholds.statusYellow) return 'yellow';
  return 'red';
}

/** Health band of a score (0–100): ≥ healthGreen green, ≥ healthYellow yellow, else red. */
export function healthBand(score: number, thresholds: { healthGreen: number; healthYellow: number }): Rag {
  if (score >= thresholds.healthGreen) return 'green';
  if (score >= thresholds.healthYellow) return 'yellow';
  return 'red';
}

/** Each colour's word, emoji in a Status cell (`✅ Green`) and emoji in a health badge (`🟢 Green`): the one table of them. */
export const RAG_WORD: Readonly<Record<Rag, string>> = { green: 'Green', yellow: 'Yellow', red: 'Red' };
export const STATUS_EMOJI: Readonly<Record<Rag, string>> = { green: '✅', yellow: '\u26A0\uFE0F', red: '🔴' };
export const BADGE_EMOJI: Readonly<Record<Rag, string>> = { green: '🟢', yellow: '🟡', red: '🔴' };

/** The canonical Status cell a fix writes: `✅ Green (124% of target)`. */
export function canonicalStatus(rag: Rag, att: number): string {
  return `${STATUS_EMOJI[rag]} ${RAG_WORD[rag]} (${att}% of target)`;
}

/** A health badge: `🟢 Green`, `🟡 Yellow`, `🔴 Red`. */
export function badgeFor(rag: Rag): string {
  return `${BADGE_EMOJI[rag]} ${RAG_WORD[rag]}`;
}

/** Capitalised RAG word: `Green`, `Yellow`, `Red`. */
export function ragWord(rag: Rag): string {
  return RAG_WORD[rag];
}
