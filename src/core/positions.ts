/** Offset ↔ 1-based line/column (UTF-16 code units), computed once per text. */
export class LineIndex {
  /** Offsets where lines start (exact size: counted first; a 5 MB document has ~150,000 lines). */
  private readonly starts: Uint32Array;
  constructor(readonly text: string) {
    let n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
    this.starts = new Uint32Array(n);
    n = 1;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts[n++] = i + 1;
  }
  /** 1-based line and column of an offset (end-exclusive offsets map naturally). */
  position(offset: number): { line: number; column: number } {
    const line = this.line(offset);
    return { line, column: this.column(offset, line) };
  }
  /** 1-based line of an offset (as `position`, without allocating). */
  line(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
  /** 1-based column of an offset on its 1-based `line` (from `line(offset)`). */
  column(offset: number, line: number): number {
    return Math.max(0, Math.min(offset, this.text.length)) - this.starts[line - 1]! + 1;
  }
  offset(line: number, column: number): number {
    const start = this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))]!;
    return Math.min(start + column - 1, this.text.length);
  }
  lineRange(line: number): { start: number; end: number } {
    const start = this.starts[line - 1] ?? this.text.length;
    let end = (this.starts[line] ?? this.text.length + 1) - 1;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return { start, end: Math.max(start, end) };
  }
  get lineCount(): number {
    return this.starts.length;
  }
}

/**
 * The last index `i` in [0, length) whose `startOf(i)` is at or before `offset`, for starts in
 * ascending order (binary search); -1 when there is none.
 */
export function lastAtOrBefore(length: number, startOf: (i: number) => number, offset: number): number {
  let lo = 0;
  let hi = length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (startOf(mid) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The line holding `offset`: [start, end) without its line break (a CR before the `\n` excluded). */
export function lineBounds(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { start, end };
}
