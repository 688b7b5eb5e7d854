/**
 * Matching an action item of one QBR with its continuation in the next (action-carried-over).
 *
 * An item's key is its first line, normalised: markup, `Owner: …`, `Due: …` / `Timeline: …`
 * parts and `@handles` removed, lower case, split into words, small words dropped, a plural `s`
 * dropped. Two items match when their word sets are similar:
 *   Dice coefficient 2·|A∩B| / (|A| + |B|) ≥ 0.6, or
 *   the smaller set (at least 3 words) lies 80 % inside the larger (an item reworded longer).
 * "Book the enablement slot at the Globex sales kickoff" matches "Book enablement slot at the
 * Globex SKO" but not "Deliver campaign sync to 5 design partners".
 */

export const DICE_THRESHOLD = 0.6;
export const CONTAINMENT_THRESHOLD = 0.8;

const STOP = new Set([
  'a', 'an', 'the', 'and', 'or', 'of', 'to', 'for', 'in', 'on', 'at', 'by', 'with', 'from', 'into', 'our', 'their',
  'we', 'us', 'is', 'are', 'be', 'it', 'its', 'this', 'that', 'as', 'all',
]);

/** Where an owner / due part starts (`- Owner: …`, `Due: …`, `(owner: …)`), or -1. Linear. */
const LABEL = /(?:owners?|due(?: date)?|deadline|timeline|target date)(?:\*\*|__)?[ \t]{0,3}(?::|[-–—][ \t])/i;

export function actionKey(firstLine: string): string {
  let s = firstLine.replace(/[*_`~]/g, ' ');
  const m = LABEL.exec(s);
  if (m) s = s.slice(0, m.index);
  s = s.replace(/@[\w.-]+/g, ' ');
  return words(s).join(' ');
}

function words(s: string): string[] {
  const out: string[] = [];
  for (const raw of s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (raw === '' || STOP.has(raw)) continue;
    out.push(raw.length > 3 && raw.endsWith('s') && !raw.endsWith('ss') ? raw.slice(0, -1) : raw);
  }
  return out;
}

/** Similarity of two action keys in [0, 1] (the larger of Dice and, for ≥ 3 words, containment). */
export function keySimilarity(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  const A = new Set(a.split(' ').filter((w) => w !== ''));
  const B = new Set(b.split(' ').filter((w) => w !== ''));
  if (A.size === 0 || B.size === 0) return 0;
  let common = 0;
  for (const w of A) if (B.has(w)) common++;
  const dice = (2 * common) / (A.size + B.size);
  const small = Math.min(A.size, B.size);
  const containment = small >= 3 ? common / small : 0;
  return Math.max(dice, containment >= CONTAINMENT_THRESHOLD ? containment : 0);
}

export function sameAction(a: string, b: string): boolean {
  return keySimilarity(a, b) >= DICE_THRESHOLD;
}

/** The text with every `[…]` on one line (template placeholders) replaced by a space. Linear. */
export function withoutPlaceholders(s: string): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const open = s.indexOf('[', i);
    if (open === -1) break;
    const close = s.indexOf(']', open + 1);
    const nl = s.indexOf('\n', open + 1);
    if (close === -1 || (nl !== -1 && nl < close)) {
      out += s.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    // The innermost `[` before `close` starts the placeholder.
    const inner = s.lastIndexOf('[', close);
    out += `${s.slice(i, inner)} `;
    i = close + 1;
  }
  return out + s.slice(i);
}
