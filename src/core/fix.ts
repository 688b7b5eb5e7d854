/** Applying fixes: non-overlapping edits, applied back to front; identical edits count once. */
import type { Finding, OffsetEdit } from './types.js';

export function applyEdits(text: string, edits: OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const accepted: OffsetEdit[] = [];
  let lastEnd = -1;
  for (const e of sorted) {
    // Identical edits count once, also when other edits at the same range sort between them
    // (several insertions at one point, each listed twice).
    let dup = false;
    for (let k = accepted.length - 1; k >= 0 && accepted[k]!.start === e.start; k--) {
      const p = accepted[k]!;
      if (p.end === e.end && p.text === e.text) dup = true;
    }
    if (dup) continue;
    // Overlapping: keep the first; a later pass applies the rest. Insertions at one point keep
    // their order (the sort is stable).
    if (e.start < lastEnd) continue;
    accepted.push(e);
    lastEnd = Math.max(lastEnd, e.end);
  }
  let out = text;
  for (let i = accepted.length - 1; i >= 0; i--) {
    const e = accepted[i]!;
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}

/**
 * Applies the safe fixes of `findings` to `text` (suggestions are never applied). A finding's
 * fix is applied whole or not at all: when it overlaps an earlier fix it is skipped, and a
 * later pass (see `fixAll`) picks it up.
 */
export function applyFixes(text: string, findings: Finding[]): string {
  const sorted = findings.filter((f) => f.fix).sort((a, b) => a.startOffset - b.startOffset);
  const taken: OffsetEdit[] = [];
  const overlaps = (e: OffsetEdit) =>
    taken.some((t) => !(t.start === e.start && t.end === e.end && t.text === e.text) && e.start < t.end && t.start < e.end);
  for (const f of sorted) {
    const edits = f.fix!.offsetEdits;
    if (edits.some(overlaps)) continue;
    taken.push(...edits);
  }
  return applyEdits(text, taken);
}
