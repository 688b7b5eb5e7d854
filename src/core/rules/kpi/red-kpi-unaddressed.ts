import { analyzeKpi } from '../../analysis/kpi.js';
import { normalizeHeading } from '../../model.js';
import { documentFact, type Rule, type RuleContext } from '../../rule.js';
import { memoByString } from '../../memo.js';

/** Headings of the sections where a Red KPI must be addressed (spec §2.6). */
const ADDRESSING = /\b(?:challenges?|risks?|open issues?)\b/;

/** Lower-cased, markup-free, whitespace-collapsed text of every Challenges / Open Issues / Risks section. */
const addressingText = documentFact(function addressingText(ctx: RuleContext): { names: string[]; text: string } {
  const names: string[] = [];
  const parts: string[] = [];
  for (const h of ctx.doc.outline) {
    if (!ADDRESSING.test(h.norm)) continue;
    names.push(h.text.trim());
    // Squashed section by section (memoised: on a keystroke all but one are unchanged) and
    // joined by one space: the same as squashing the sections joined by spaces, since squash
    // collapses whitespace runs and trims. Memoising the joined text instead kept a copy of
    // megabytes of text per keystroke in the memo.
    const part = squash(ctx.doc.text.slice(h.end, h.bodyEnd));
    if (part !== '') parts.push(part);
  }
  return { names, text: parts.join(' ') };
});

const squash = memoByString(squashUncached, 5_000);

function squashUncached(s: string): string {
  // Emoji that decorate a metric name (`🌍 EMEA deals`) are not part of the name.
  return s.replace(/[*_`\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
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
  local: {
    // Whether a red KPI is addressed depends on the Challenges / Open Issues / Risks sections' text.
    key: (ctx) => {
      const where = ctx.get(addressingText);
      return `${where.names.join('\n')}\n\n${where.text}`;
    },
  },
  check(ctx) {
    const tables = ctx.get(analyzeKpi);
    if (!tables.some((t) => t.rows.some((r) => r.computed === 'red'))) return;
    const where = ctx.get(addressingText);
    // Metric names repeat across tables (one per region, per quarter): search each name once.
    const mentioned = new Map<string, boolean>();
    const isMentioned = (metric: string) => {
      const key = squash(metric);
      let m = mentioned.get(key);
      if (m === undefined) mentioned.set(key, (m = where.text.includes(key)));
      return m;
    };
    // Name at most three sections in the message; a long document may have hundreds.
    const listed = where.names.slice(0, 3).map((n) => `“${n}”`).join(', ');
    const more = where.names.length > 3 ? ` and ${where.names.length - 3} more` : '';
    const sections = where.names.length
      ? `none of ${listed}${more} mentions it`
      : 'the document has no Challenges, Open Issues or Risks section';
    const named = where.names.slice(0, 20);
    // Message and data are functions of the row's values here: one of each for rows that say the same.
    const said = new Map<object, { message: string; data: Record<string, unknown> }>();
    for (const t of tables) {
      for (const r of t.rows) {
        if (r.computed !== 'red' || !r.metricCell || r.metric === '') continue;
        if (isMentioned(r.metric)) continue;
        let s = said.get(r.values);
        if (!s) {
          said.set(r.values, (s = {
            message:
              `Red KPI “${r.metric}” (${r.attainment}% of target) is not addressed: ${sections}; ` +
              'expected a challenge, issue or risk naming it (gaps over 20% are escalated)',
            data: { metric: r.metric, attainment: r.attainment, sections: named },
          }));
        }
        ctx.report({ start: r.metricCell.start, end: r.metricCell.end, message: s.message, data: s.data });
      }
    }
  },
};
