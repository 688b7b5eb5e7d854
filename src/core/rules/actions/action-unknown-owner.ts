import { editDistance } from '../../text.js';
import { analyzeActions, documentDates } from '../../analysis/actions.js';
import { documentYear } from '../../analysis/fields.js';
import { ENCLOSING, type Rule } from '../../rule.js';

/**
 * With a roster configured (`owners`), an action owner who is not on it (spec §5). Matching is
 * case-insensitive and ignores `@` and the separators `.` `_` `-` (so `@dana.smith`,
 * `@dana-smith` and `@danasmith` match “Dana Smith”); a single first name matches when exactly
 * one roster name starts with it. Several owners (`Dana / Lee`, `Dana & Lee`, `Dana and Lee`)
 * are checked one by one. Suggestions offer the closest roster names (edit distance, up to 3).
 */
export const actionUnknownOwner: Rule = {
  meta: {
    id: 'action-unknown-owner',
    description: 'An action item owner is not in the configured owners roster.',
    defaultSeverity: 'warning',
    fixable: 'suggestion',
  },
  scope: 'chunk',
  // Which list items are actions depends on the sections they are in (the enclosing headings); due dates
  // written without a year or relative to the document (`EOQ`, `by November`) on its dates.
  reads: [ENCLOSING, documentYear, documentDates],
  check(ctx) {
    const roster = ctx.config.owners.filter((n) => norm(n) !== '');
    if (roster.length === 0) return;
    for (const a of ctx.get(analyzeActions)) {
      const owner = a.owner;
      // Owners read from phrasing (`Priya: …`, `Legal to …`) are not checked: a misread is a wrong finding.
      if (!owner || owner.placeholder || owner.inferred) continue;
      const parts = owner.handle ? [{ start: owner.start, end: owner.end }] : splitOwners(ctx.doc.text, owner.start, owner.end);
      for (const part of parts) {
        const name = ctx.doc.text.slice(part.start, part.end);
        if (known(name, roster)) continue;
        const closest = closestNames(name, roster, 3);
        ctx.report({
          start: part.start,
          end: part.end,
          message: `Owner “${name}” is not in the owners roster; expected a configured owner such as “${closest[0]}”.`,
          suggestions: closest.map((r) => ({ title: `Replace with “${r}”`, edits: [{ start: part.start, end: part.end, text: r }] })),
          data: { owner: name, closest },
        });
      }
    }
  },
};

/** Lower-case; `@`, `.`, `_`, `-` and runs of blanks read as one space. */
function norm(name: string): string {
  return name.replace(/^@/, '').replace(/[._\-\s]+/g, ' ').trim().toLowerCase();
}
function compact(name: string): string {
  return norm(name).replace(/ /g, '');
}
function firstName(name: string): string {
  const n = norm(name);
  const sp = n.indexOf(' ');
  return sp === -1 ? n : n.slice(0, sp);
}

function known(owner: string, roster: string[]): boolean {
  const n = norm(owner);
  const c = compact(owner);
  if (roster.some((r) => norm(r) === n || compact(r) === c)) return true;
  if (n.includes(' ')) return false;
  return roster.filter((r) => firstName(r) === n).length === 1;
}

/** Splits `Dana / Lee`, `Dana & Lee`, `Dana + Lee`, `Dana and Lee` into trimmed ranges. */
function splitOwners(text: string, start: number, end: number): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const s = text.slice(start, end);
  const SEP = /\/|&|\+|\band\b/gi;
  let from = 0;
  const push = (a: number, b: number) => {
    while (a < b && /\s/.test(s[a]!)) a++;
    while (b > a && /\s/.test(s[b - 1]!)) b--;
    if (b > a) out.push({ start: start + a, end: start + b });
  };
  let m: RegExpExecArray | null;
  while ((m = SEP.exec(s))) {
    push(from, m.index);
    from = m.index + m[0].length;
  }
  push(from, s.length);
  return out;
}

/** The roster names closest to `owner` by edit distance (full name or first name), best first. */
function closestNames(owner: string, roster: string[], max: number): string[] {
  const n = norm(owner).slice(0, 64);
  const scored = roster.map((r, i) => {
    const full = editDistance(n, norm(r).slice(0, 64));
    const first = n.includes(' ') ? full : editDistance(n, firstName(r).slice(0, 64));
    return { r, i, d: Math.min(full, first) };
  });
  scored.sort((x, y) => x.d - y.d || x.i - y.i);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const s of scored) {
    if (seen.has(s.r)) continue;
    seen.add(s.r);
    out.push(s.r);
    if (out.length === max) break;
  }
  return out;
}
