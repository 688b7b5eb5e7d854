/**
 * Memoises a pure function of one string. A keystroke re-lints a document whose cells are
 * almost all unchanged, so cell parsers see the same strings again and again. Bounded: the
 * map is cleared when it grows past `max` entries. Results are shared: callers must treat them
 * as read-only.
 */
export function memoByString<T>(fn: (s: string) => T, max = 50_000): (s: string) => T {
  const map = new Map<string, T>();
  return (s: string) => {
    let v = map.get(s);
    if (v === undefined && !map.has(s)) {
      if (map.size >= max) map.clear();
      v = fn(s);
      map.set(s, v);
    }
    return v as T;
  };
}
