/**
 * A copy of `s` that shares no memory with a larger string. V8 represents `big.slice(a, b)`
 * (13 characters or more) as a view into `big`, which keeps all of `big` alive for as long as
 * the slice lives. Anything kept across lints — memo keys, cached section models — must not be
 * such a view into a document text, or every keystroke's copy of the document stays in memory
 * (about 2 MB per keystroke on a 1 MB document, measured). Concatenating makes a rope; slicing
 * the rope first flattens it into a fresh string of `s.length + 1` characters and views that.
 */
export function flatCopy(s: string): string {
  return s.length < 13 ? s : ` ${s}`.slice(1);
}

/**
 * Memoises a pure function of one string. A keystroke re-lints a document whose cells are
 * almost all unchanged, so cell parsers see the same strings again and again. Bounded: the
 * map is cleared when it grows past `max` entries. Results are shared: callers must treat them
 * as read-only. Keys are stored as flat copies (and the function is applied to the copy, so a
 * result that slices its argument does not keep the caller's document alive either).
 */
export function memoByString<T>(fn: (s: string) => T, max = 50_000): (s: string) => T {
  const map = new Map<string, T>();
  return (s: string) => {
    let v = map.get(s);
    if (v === undefined && !map.has(s)) {
      if (map.size >= max) map.clear();
      const key = flatCopy(s);
      v = fn(key);
      map.set(key, v);
    }
    return v as T;
  };
}

/**
 * One string object for equal short texts that recur across a document and its versions (table
 * cells such as `$500K` or `🟢 Green (100% of target)`, field labels): a 5 MB QBR has ~170,000
 * cells but a few thousand different cell texts. Bounded; the kept strings are flat copies.
 */
const interned = memoByString((s: string) => s, 50_000);
export function internText(s: string): string {
  return s.length > 120 ? s : interned(s);
}
