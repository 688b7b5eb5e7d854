import type { Rule, RuleContext } from '../rule.js';
import { normalizeLabel } from '../model.js';
import { analyzeActions } from '../analysis/actions.js';
import { documentYear } from '../analysis/fields.js';
import { lastAtOrBefore } from '../positions.js';

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

/**
 * Template placeholders left in: `[Name]`, `[Date]`, `Q[X] [Year]`, `$[Amount]` — square-bracket
 * text that is not a link, a reference with a definition, a footnote or a task checkbox.
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
  local: { outline: true, key: (ctx) => [ctx.doc.definitions.join('\n'), String(ctx.get(documentYear))] },
  check(ctx) {
    const defined = new Set(ctx.doc.definitions);
    const missing = reportedAsMissing(ctx);
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
  },
};
