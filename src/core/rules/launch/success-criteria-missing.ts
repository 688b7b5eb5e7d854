import { findSection, scopeAnchor, sectionScopes } from '../../analysis/sections.js';
import type { Rule, RuleContext } from '../../rule.js';

/**
 * A launch plan without success criteria (the playbook: "Set clear expectations and success
 * criteria"): no Success Criteria section (or equivalent), or one with nothing in it — only
 * blank lines, comments, TBD / N/A / TBC (also with a reason: `TBD — to agree at kickoff`). A section holding bracket placeholders only
 * (`[Criterion 1]`, the scaffold's) is left to placeholder-unfilled. This rule, not
 * section-missing, reports the missing section: one finding.
 */
export const successCriteriaMissing: Rule = {
  meta: {
    id: 'success-criteria-missing',
    description: 'A launch plan has no success criteria (a missing or empty Success Criteria section).',
    defaultSeverity: 'warning',
    fixable: false,
  },
  kinds: ['launch-plan'],
  check(ctx) {
    for (const scope of sectionScopes(ctx.doc)) {
      const h = findSection(ctx.doc, scope, 'Success Criteria', ctx.config.sectionEquivalents);
      if (!h) {
        const r = scopeAnchor(ctx.doc, scope);
        ctx.report({
          start: r.start,
          end: r.end,
          message: 'Launch plan has no success criteria; expected a “## Success Criteria” section with measurable targets (e.g. “10 joint opportunities by end of Month 3”).',
        });
        continue;
      }
      if (hasCriteria(ctx, h.end, h.bodyEnd)) continue;
      let e = ctx.doc.text.indexOf('\n', h.textStart);
      if (e === -1 || e > h.end) e = h.end;
      while (e > h.textStart && /[ \t\r#]/.test(ctx.doc.text[e - 1]!)) e--;
      ctx.report({
        start: h.textStart,
        end: e,
        message: 'Success Criteria section is empty; expected measurable targets (e.g. “10 joint opportunities by end of Month 3”).',
      });
    }
  },
};

const EMPTY = /^(?:tbd|tba|tbc|n\/a|na|none|pending|todo|to do|to be (?:defined|decided|confirmed|agreed)|coming soon)$/;
/** A line that says the criteria are still to come, with a reason (`TBD — to agree at the first steering committee`). */
const LATER = /^(?:tbd|tba|tbc|to be (?:defined|decided|confirmed|agreed))\b/;

/** Something written in the section besides comments, markers and TBD-like words (a bracket placeholder counts: placeholder-unfilled reports it). */
function hasCriteria(ctx: RuleContext, start: number, end: number): boolean {
  let text = ctx.doc.text.slice(start, end);
  for (const c of ctx.doc.comments) {
    if (c.start >= start && c.end <= end) text = text.slice(0, c.start - start) + ' '.repeat(c.end - c.start) + text.slice(c.end - start);
  }
  const lines = text
    .split('\n')
    .map((l) =>
      l
        .replace(/^[ \t>]*(?:#{1,6}[ \t]+|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d{1,9}[.)][ \t]+)?/, '')
        .replace(/[*_`~|:.\-–—]/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .toLowerCase(),
    )
    .filter((l) => l !== '');
  return lines.some((l) => /[\p{L}\p{N}]/u.test(l) && !EMPTY.test(l) && !LATER.test(l));
}
