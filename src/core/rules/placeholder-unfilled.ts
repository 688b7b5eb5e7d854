import { ENCLOSING, fact, type Rule, type RuleContext } from '../rule.js';
import { normalizeLabel } from '../model.js';
import { analyzeActions, documentDates } from '../analysis/actions.js';
import { documentYear } from '../analysis/fields.js';
import { lastAtOrBefore } from '../positions.js';
import { isPhraseSlot, SLOT } from '../placeholders.js';

/**
 * The placeholder owners and due dates of action items (`Owner: [Name]`, `Due: [Date]`) while
 * action-missing-owner / action-missing-due are on: those rules report them (spec §4: a
 * placeholder owner is a missing owner), so this rule does not report the same text again.
 */
function reportedAsMissing(ctx: RuleContext): Array<{ start: number; end: number }> {
  const on = (id: string) => ctx.config.rules[id] !== 'off';
  const owners = on('action-missing-owner');
  const dues = on('action-missing-due');
  if (!owners && !dues) return [];
  const out: Array<{ start: number; end: number }> = [];
  for (const a of ctx.get(analyzeActions)) {
    if (owners && a.owner?.placeholder) out.push(a.owner);
    if (dues && a.due?.placeholder) out.push(a.due);
  }
  return out.sort((x, y) => x.start - y.start);
}

/** The document's link reference definitions (`[label]: url`), anywhere in it. */
const linkDefinitions = fact('link definitions', (ctx) => ctx.doc.definitions);

/**
 * Template placeholders left in: `[Name]`, `[Date]`, `Q[X] [Year]`, `$[Amount]` — square-bracket
 * text that is not a link, a reference with a definition, a footnote or a task checkbox — and
 * the other common slot styles (spec §9, see `slots`): `{{PartnerName}}`, `<Partner name>`,
 * `$X`, `XX%`, `MM/DD/YYYY`.
 */
export const placeholderUnfilled: Rule = {
  meta: {
    id: 'placeholder-unfilled',
    description: 'Template placeholders such as [Name] or [Date] are left in the document.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  // Brackets that are references depend on the document's link definitions; which brackets are
  // action owners and due dates, on the sections (outline) and the document's year.
  scope: 'chunk',
  reads: [ENCLOSING, linkDefinitions, documentYear, documentDates],
  check(ctx) {
    const defined = new Set(ctx.get(linkDefinitions));
    const missing = ctx.get(reportedAsMissing);
    for (const b of ctx.doc.brackets) {
      const r = missing[lastAtOrBefore(missing.length, (i) => missing[i]!.start, b.start)];
      if (r && b.end <= r.end) continue;
      const label = b.label.trim();
      if (label === '' || label.startsWith('^')) continue; // checkbox-like or footnote
      if (defined.has(normalizeLabel(label))) continue; // shortcut / collapsed reference
      if (b.nextLabel !== undefined && defined.has(normalizeLabel(b.nextLabel === '' ? label : b.nextLabel))) continue;
      ctx.report({
        start: b.start,
        end: b.end,
        message: `Unfilled template placeholder “[${b.label}]”; expected the actual value.`,
      });
    }
    for (const m of ctx.get(slots)) {
      const r = missing[lastAtOrBefore(missing.length, (i) => missing[i]!.start, m.start)];
      if (r && m.end <= r.end) continue;
      ctx.report({ start: m.start, end: m.end, message: `Unfilled template placeholder “${m.text}”; expected the actual value.` });
    }
  },
};

// ─── Other placeholder styles (spec §9) ─────────────────────────────────────────────────────
//
// `{{PartnerName}}`, `<Partner name>`, `$X` / `$XX` / `$X.XM`, `XX%` / `X%`, `MM/DD/YYYY`,
// `MM/DD`, `YYYY-MM-DD` in paragraphs, headings and table cells — never in code or HTML
// comments, never inside square brackets (the bracket is reported itself). `<…>` is a placeholder
// only when it reads as a phrase: letters, digits, spaces and `, ' & . -` only (no `=`, `"`, `/`,
// `:` or `@`: tags with attributes, autolinks and e-mail addresses), with a space or starting
// with a capital letter, and not an HTML element name written in lower or upper case (`<br>`,
// `<details open>`, `<BR>`) or a component closed later in the same block (`<Tabs>` … `</Tabs>`).
// TBD is a status word, not a placeholder.

interface Slot {
  start: number;
  end: number;
  text: string;
}

function slots(ctx: RuleContext): Slot[] {
  const { doc } = ctx;
  const text = doc.text;
  const out: Slot[] = [];
  // Ranges where nothing is a placeholder: code, comments, square brackets (sorted by start).
  const skip = [...doc.code, ...doc.comments, ...doc.brackets].sort((a, b) => a.start - b.start);
  const skipped = (s: number, e: number) => {
    // Any skip range overlapping [s, e): ranges are few and mostly disjoint; look back a little.
    let i = lastAtOrBefore(skip.length, (k) => skip[k]!.start, e - 1);
    for (let n = 0; i >= 0 && n < 8; i--, n++) if (skip[i]!.end > s) return true;
    return false;
  };
  const scan = (from: number, to: number) => {
    const block = text.slice(from, to);
    if (!/[{<$XMDY]/.test(block)) return;
    SLOT.lastIndex = 0;
    for (let m = SLOT.exec(block); m; m = SLOT.exec(block)) {
      let t = m[0];
      const at = m.index;
      const before = at > 0 ? block[at - 1]! : ' ';
      const c = t[0];
      if (c === '$' || c === 'X' || c === 'M' || c === 'D' || c === 'Y') {
        // Whole tokens only: `EXX%`, `AMM/DD` or `$XYZ` are something else.
        t = t.replace(/[,.]{1,12}$/, (x) => (c === '$' ? '' : x));
        const after = block[at + t.length] ?? ' ';
        if (/[A-Za-z0-9_]/.test(before) || /[A-Za-z0-9_]/.test(after)) continue;
      } else if (c === '<' && !isPhraseSlot(t, block)) continue;
      const start = from + at;
      const end = start + t.length;
      if (skipped(start, end)) continue;
      out.push({ start, end, text: t });
    }
  };
  for (const p of doc.paragraphs) scan(p.start, p.end);
  for (const h of doc.headings) scan(h.textStart, h.end);
  for (const t of doc.tables) for (const r of [t.header, ...t.rows]) for (const cell of r.cells) if (cell.end > cell.start) scan(cell.start, cell.end);
  return out.sort((a, b) => a.start - b.start);
}
