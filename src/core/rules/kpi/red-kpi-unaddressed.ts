import { analyzeKpi } from '../../analysis/kpi.js';
import { addressing, explains, mentionedIn, squash, wordStems } from '../../analysis/addressing.js';
import { enclosingHeadings } from '../../model.js';
import { ENCLOSING, type Rule } from '../../rule.js';

/**
 * A KPI Red by its computed attainment whose metric name appears in no Challenges, Open Issues
 * or Risks section (or an equivalent) and whose own Commentary / Notes cell is empty: the
 * playbook escalates gaps over 20%. A section that holds the KPI table itself (a document's
 * `Partnership Issue: …` title, a `KPIs and Risks` section) does not address it: the table names
 * its own metrics.
 */
export const redKpiUnaddressed: Rule = {
  meta: {
    id: 'red-kpi-unaddressed',
    description: 'A KPI that is Red by its attainment is not mentioned in a Challenges, Open Issues or Risks section.',
    defaultSeverity: 'info',
    fixable: false,
  },
  scope: 'chunk',
  // Whether a red KPI is addressed depends on the Challenges / Open Issues / Risks sections' text,
  // and (the enclosing headings) on whether one of them holds the table.
  reads: [ENCLOSING, addressing],
  check(ctx) {
    const tables = ctx.get(analyzeKpi);
    /** Per set of sections that hold a table (usually none): the search and the message. */
    const views = new Map<string, { isMentioned: (metric: string) => boolean; sections: string; named: string[] }>();
    const viewFor = (table: { start: number; end: number }) => {
      const where = ctx.get(addressing);
      const chain = where.heads.length ? new Set(enclosingHeadings(ctx.doc, table.start)) : new Set();
      const outside: number[] = [];
      const holding: number[] = [];
      where.heads.forEach((h, i) => (chain.has(h) ? holding : outside).push(i));
      // A section holding the table counts by its text around the table, unless it is the
      // document's title (`# Partnership Issue: …`, whose body is the whole document).
      const searched = holding.filter((i) => !where.titles[i] && where.heads[i]!.bodyEnd - where.heads[i]!.end <= 200_000);
      const around = searched
        .map((i) => where.heads[i]!)
        .map((h) => `${squash(ctx.doc.text.slice(h.end, table.start))} ${squash(ctx.doc.text.slice(table.end, h.bodyEnd))}`);
      const id = holding.length === 0 ? '' : `${outside.join(',')}|${table.start}`;
      let v = views.get(id);
      if (v) return v;
      const keep = new Set(outside);
      const text =
        holding.length === 0 ? where.text() : [...where.pieces.filter((_, k) => keep.has(where.pieceOf[k]!)), ...around].join(' ');
      const names = [...outside, ...searched].sort((a, b) => a - b).map((i) => where.names[i]!);
      // Metric names repeat across tables (one per region, per quarter): search each name once.
      const mentioned = new Map<string, boolean>();
      let stems: Set<string> | undefined;
      const words = () => (stems ??= holding.length === 0 ? where.stems() : new Set(wordStems(text)));
      const isMentioned = (metric: string) => {
        let m = mentioned.get(metric);
        if (m === undefined) mentioned.set(metric, (m = mentionedIn(text, metric, words)));
        return m;
      };
      // Name at most three sections in the message; a long document may have hundreds.
      const listed = names.slice(0, 3).map((n) => `“${n}”`).join(', ');
      const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
      const sections = names.length
        ? `none of ${listed}${more} mentions it`
        : 'the document has no Challenges, Open Issues or Risks section';
      views.set(id, (v = { isMentioned, sections, named: names.slice(0, 20) }));
      return v;
    };
    // Message and data are functions of the row's values and the view here: one of each for rows that say the same.
    const said = new Map<object, Map<object, { message: string; data: Record<string, unknown> }>>();
    for (const t of tables) {
      let view: ReturnType<typeof viewFor> | undefined;
      for (const r of t.rows) {
        if (r.computed !== 'red' || !r.metricCell || r.metric === '') continue;
        // The row's own Commentary / Notes cell explains it (decision, §9): addressed there.
        const note = t.columns.commentary ?? null;
        if (note !== null && explains(t.table.rows[r.index]?.cells[note]?.text ?? '')) continue;
        view ??= viewFor(t.table);
        const { isMentioned, sections, named } = view;
        if (isMentioned(r.metric)) continue;
        let byView = said.get(view);
        if (!byView) said.set(view, (byView = new Map()));
        let s = byView.get(r.values);
        if (!s) {
          byView.set(r.values, (s = {
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
