/** Small shared helpers of the workspace index (no imports of the engine: no cycles). */
import { normalizeMetricName } from '../values/direction.js';
import type { Period } from './types.js';

export function makePeriod(year: number, quarter: number): Period {
  const q = quarter as Period['quarter'];
  return { year, quarter: q, ordinal: year * 4 + (q - 1), label: `Q${q} ${year}` };
}

export function metricKey(metric: string): string {
  return normalizeMetricName(metric).replace(/[^\p{L}\p{N}%]+/gu, ' ').trim();
}

/** Whether two actuals can be compared (same class; a bare number matches a unit word). */
export function comparableUnits(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  if (a === b) return true;
  return (a === 'number' && b.startsWith('unit:')) || (b === 'number' && a.startsWith('unit:'));
}

