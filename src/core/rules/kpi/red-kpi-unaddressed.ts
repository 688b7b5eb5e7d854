import { analyzeKpi } from '../../analysis/kpi.js';
import { normalizeHeading } from '../../model.js';
import { perStretch } from '../../document.js';
import { documentFact, type Rule, type RuleContext } from '../../rule.js';
import { memoByString } from '../../memo.js';
import { isAddressingSectionName } from '../../analysis/equivalents.js';
import { stripTrailingParenthetical } from '../../text.js';

/**
 * Headings of the sections where a Red KPI must be addressed (spec §2.6): any heading naming
 * challenges, risks or open issues, and the equivalents of Challenges and Actions, Open Issues
 * and Risks and Mitigations (Lowlights, Blockers, Risk Register, RAID…: analysis/equivalents.ts).
 */
const ADDRESSING = /\b(?:challenges?|risks?|open issues?)\b/;

/**
 * The Challenges / Open Issues / Risks sections: their names, and each one's body lower-cased,
 * markup-free and whitespace-collapsed (`pieces`; `text()` joins them). A body within one section
 * of the document's split is squashed once and cached with that section (document.ts
 * perStretch): a keystroke squashes none of the others, and no copy of the bodies is kept.
 * Joining the squashed bodies with one space is the same as squashing the bodies joined by
 * spaces, since squash collapses whitespace runs and trims.
 */
interface Addressing {
  names: string[];
  pieces: string[];
  text(): string;
}
const addressing = documentFact(function addressing(ctx: RuleContext): Addressing {
  const names: string[] = [];
  const pieces: string[] = [];
  for (const h of ctx.doc.outline) {
    if (!ADDRESSING.test(h.norm) && !isAddressingSectionName(h.norm, ctx.config.sectionEquivalents)) continue;
    names.push(h.text.trim());
    const piece = perStretch(ctx.doc, h.end, h.bodyEnd, 'squash', squash) ?? squash(ctx.doc.text.slice(h.end, h.bodyEnd));
    if (piece !== '') pieces.push(piece);
  }
  let text: string | undefined;
  return { names, pieces, text: () => (text ??= pieces.join(' ')) };
});

function squash(s: string): string {
  // Emoji that decorate a metric name (`🌍 EMEA deals`) are not part of the name.
  return s.replace(/[*_`\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
}
const squashName = memoByString(squash, 5_000);

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
    // (Compared piece by piece: the cached pieces are the same strings from lint to lint.)
    key: (ctx) => {
      const where = ctx.get(addressing);
      return [...where.names, '\n', ...where.pieces];
    },
  },
  check(ctx) {
    const tables = ctx.get(analyzeKpi);
    // What the messages say about the addressing sections: read at the first red row, if any.
    let about: { isMentioned: (metric: string) => boolean; sections: string; named: string[] } | undefined;
    const addressed = () => {
      const where = ctx.get(addressing);
      const text = where.text();
      // Metric names repeat across tables (one per region, per quarter): search each name once.
      const mentioned = new Map<string, boolean>();
      // A metric's trailing qualifier need not be repeated: `Bounce rate (docs portal)` is
      // addressed by a risk about the "bounce rate on the docs portal".
      const isMentioned = (metric: string) => {
        const key = squashName(metric);
        let m = mentioned.get(key);
        if (m === undefined) {
          const bare = squashName(stripTrailingParenthetical(metric));
          mentioned.set(key, (m = text.includes(key) || (bare !== key && bare.length >= 3 && text.includes(bare))));
        }
        return m;
      };
      // Name at most three sections in the message; a long document may have hundreds.
      const listed = where.names.slice(0, 3).map((n) => `“${n}”`).join(', ');
      const more = where.names.length > 3 ? ` and ${where.names.length - 3} more` : '';
      const sections = where.names.length
        ? `none of ${listed}${more} mentions it`
        : 'the document has no Challenges, Open Issues or Risks section';
      return { isMentioned, sections, named: where.names.slice(0, 20) };
    };
    // Message and data are functions of the row's values here: one of each for rows that say the same.
    const said = new Map<object, { message: string; data: Record<string, unknown> }>();
    for (const t of tables) {
      for (const r of t.rows) {
        if (r.computed !== 'red' || !r.metricCell || r.metric === '') continue;
        const { isMentioned, sections, named } = (about ??= addressed());
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
