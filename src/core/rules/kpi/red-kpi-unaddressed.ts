import { analyzeKpi } from '../../analysis/kpi.js';
import { normalizeHeading } from '../../model.js';
import type { Rule, RuleContext } from '../../rule.js';

/** Headings of the sections where a Red KPI must be addressed (spec §2.6). */
const ADDRESSING = /\b(?:challenges?|risks?|open issues?)\b/;

/** Lower-cased, markup-free, whitespace-collapsed text of every Challenges / Open Issues / Risks section. */
function addressingText(ctx: RuleContext): { names: string[]; text: string } {
  const names: string[] = [];
  let text = '';
  for (const h of ctx.doc.outline) {
    if (!ADDRESSING.test(normalizeHeading(h.text))) continue;
    names.push(h.text.trim());
    text += ` ${ctx.doc.text.slice(h.end, h.bodyEnd)}`;
  }
  return { names, text: squash(text) };
}

function squash(s: string): string {
  return s.replace(/[*_`]/g, '').replace(/\s+/g, ' ').toLowerCase();
}

/**
 * A KPI Red by its computed attainment whose metric name appears in no Challenges, Open Issues
 * or Risks section: the playbook escalates gaps over 20%.
 */
export const redKpiUnaddressed: Rule = {
  meta: {
    id: 'red-kpi-unaddressed',
    description: 'A KPI that is Red by its attainment is not mentioned in a Challenges, Open Issues or Risks section.',
    defaultSeverity: 'info',
    fixable: false,
  },
  check(ctx) {
    const tables = ctx.get(analyzeKpi);
    if (!tables.some((t) => t.rows.some((r) => r.computed === 'red'))) return;
    const where = ctx.get(addressingText);
    for (const t of tables) {
      for (const r of t.rows) {
        if (r.computed !== 'red' || !r.metricCell || r.metric === '') continue;
        if (where.text.includes(squash(r.metric))) continue;
        const sections = where.names.length
          ? `none of ${where.names.map((n) => `“${n}”`).join(', ')} mentions it`
          : 'the document has no Challenges, Open Issues or Risks section';
        ctx.report({
          start: r.metricCell.start,
          end: r.metricCell.end,
          message:
            `Red KPI “${r.metric}” (${r.attainment}% of target) is not addressed: ${sections}; ` +
            'expected a challenge, issue or risk naming it (gaps over 20% are escalated)',
          data: { metric: r.metric, attainment: r.attainment, sections: where.names },
        });
      }
    }
  },
};
