import type { Rule } from '../rule.js';
import { normalizeLabel } from '../model.js';

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
  // Brackets that are references depend on the document's link definitions.
  local: { key: (ctx) => ctx.doc.definitions.join('\n') },
  check(ctx) {
    const defined = new Set(ctx.doc.definitions);
    for (const b of ctx.doc.brackets) {
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
