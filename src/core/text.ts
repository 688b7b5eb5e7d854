/**
 * Small linear-time string helpers. Patterns like /[\s:]+$/ backtrack quadratically on long
 * runs (the ReDoS test rejects them), so trailing trims are loops.
 */

/** Removes trailing characters that are in `chars` (or whitespace when `ws` is true). */
export function trimEndChars(s: string, chars: string, ws = true): string {
  let end = s.length;
  while (end > 0) {
    const c = s[end - 1]!;
    if (chars.includes(c) || (ws && /\s/.test(c))) end--;
    else break;
  }
  return s.slice(0, end);
}

/** Removes one trailing parenthetical `(…)` (no nested parentheses) and surrounding spaces. */
export function stripTrailingParenthetical(s: string): string {
  const t = s.trimEnd();
  if (!t.endsWith(')')) return s;
  const open = t.lastIndexOf('(');
  if (open === -1 || t.slice(open + 1, -1).includes(')')) return s;
  return t.slice(0, open).trimEnd();
}

/** Levenshtein distance (case-insensitive), for ordering suggestions. */
export function editDistance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Own-property lookup (a cell saying `constructor` must not find Object.prototype members). */
export function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

const MARKERS = /[*_`~]/g;

/** `s` without emphasis, code and strikethrough markers (`*`, `_`, `` ` ``, `~`). */
export function withoutMarkers(s: string): string {
  return s.replace(MARKERS, '');
}
