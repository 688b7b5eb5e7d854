import { documentYear, extractFields } from '../../analysis/fields.js';
import { readHeaderDate } from '../../analysis/header-dates.js';
import { scopeAnchor, sectionScopes } from '../../analysis/sections.js';
import type { Rule } from '../../rule.js';
import { followsPlaybook } from '../../detect.js';
import { templateRequirements } from '../../teamTemplates.js';

const KEYS = ['next qbr', 'next qbr date'];

/**
 * A QBR should say when the next one is (`**Next QBR**: [Date]` closes the template).
 * Decisions: a placeholder value counts as present (placeholder-unfilled reports it); a field
 * whose value is empty, "TBD" or not a date is reported on the value (on the label when
 * empty); no field at all is reported on the H1.
 * Only for QBRs that follow the playbook's template (its `Partnership QBR:` title or front matter
 * `partnership-doc: qbr`, see followsPlaybook): a QBR detected by a common title and its
 * structure is in the team's own format, which has no `**Next QBR**:` line to expect.
 * With a team QBR template (config `templates`, see teamTemplates.ts) the template decides
 * instead, for every QBR: a template with a `**Next QBR**:` line expects one, a template without
 * one does not (a date written anyway is still checked).
 */
export const nextQbrMissing: Rule = {
  meta: {
    id: 'next-qbr-missing',
    description: 'A QBR without a Next QBR date.',
    defaultSeverity: 'info',
    fixable: false,
  },
  kinds: ['qbr'],
  check(ctx) {
    const team = ctx.config.templates?.qbr;
    const expected = team ? KEYS.some((k) => templateRequirements(team.text).fields.has(k)) : followsPlaybook(ctx.doc);
    if (!team && !expected) return;
    const fields = ctx.get(extractFields).filter((f) => KEYS.includes(f.key));
    if (fields.length === 0) {
      if (!expected) return;
      const { start, end } = scopeAnchor(ctx.doc, sectionScopes(ctx.doc)[0]!);
      ctx.report({ start, end, message: 'Missing “**Next QBR**: DATE”; expected the date of the next QBR (the template ends with it).' });
      return;
    }
    const opts = { dateOrder: ctx.config.dateOrder, defaultYear: ctx.get(documentYear) };
    const states = fields.map((f) => ({ f, d: readHeaderDate(f.value, opts) }));
    if (states.some((s) => s.d.state === 'date' || s.d.state === 'placeholder')) return;
    const { f } = states[0]!;
    const empty = f.value.trim() === '';
    ctx.report({
      start: empty ? f.labelStart : f.valueStart,
      end: empty ? f.labelEnd : f.valueEnd,
      message: empty
        ? 'Next QBR has no date; expected the date of the next QBR.'
        : `Next QBR is “${f.value}”; expected the date of the next QBR.`,
    });
  },
};
