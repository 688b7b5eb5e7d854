import { analyzeKpi } from '../../analysis/kpi.js';
import type { DocModel } from '../../model.js';
import { enclosingHeadings, perStretch } from '../../document.js';
import { documentFact, type Rule, type RuleContext } from '../../rule.js';
import { memoByString } from '../../memo.js';
import { isAddressingSectionName } from '../../analysis/equivalents.js';
import { stripTrailingParenthetical } from '../../text.js';

/**
 * Headings of the sections where a Red KPI is addressed (spec §2.6; §9: the names real teams give
 * them — Risks & Issues, Risk Register, Blockers, Concerns, Watch items, Lowlights, Escalations,
 * Headwinds, Areas of concern, Recovery plan / Path to green, KPI commentary…).
 */
const ADDRESSING =
  /\b(?:challenges?|risks?|issues?|blockers?|concerns?|watch[ -]?(?:items?|list|outs?)|lowlights?|escalations?|headwinds?|problems?|mitigations?|red flags?|misses|areas? (?:of|for) (?:concern|improvement)|what didn'?t go well|what went wrong|remediation|recovery plan|get[ -]well plan|path to green|corrective actions?|commentary)\b/;

/** A Commentary / Notes cell that explains its row: some text beyond N/A, TBD, a dash or a placeholder. */
function explains(cell: string): boolean {
  const t = cell.replace(/[*_`]/g, '').trim();
  if (/^(?:n\/?a|tbd|tba|none|-+|—|–|\?|\[[^\]\n]*\])$/i.test(t)) return false;
  return /\p{L}{3}/u.test(t);
}

/**
 * The Challenges / Open Issues / Risks sections: their headings and names, and each one's body
 * lower-cased, markup-free and whitespace-collapsed (`pieces`; `text()` joins them). A body
 * within one section of the document's split is squashed once and cached with that section
 * (document.ts perStretch): a keystroke squashes none of the others, and no copy of the bodies is
 * kept. Joining the squashed bodies with one space is the same as squashing the bodies joined by
 * spaces, since squash collapses whitespace runs and trims.
 */
interface Addressing {
  names: string[];
  /** The heading of each entry of `names`. */
  heads: Array<DocModel['outline'][number]>;
  pieces: string[];
  /** The index into `names` / `heads` of each piece. */
  pieceOf: number[];
  text(): string;
}
const addressing = documentFact(function addressing(ctx: RuleContext): Addressing {
  const names: string[] = [];
  const heads: Addressing['heads'] = [];
  const pieces: string[] = [];
  const pieceOf: number[] = [];
  for (const h of ctx.doc.outline) {
    if (!ADDRESSING.test(h.norm) && !isAddressingSectionName(h.norm, ctx.config.sectionEquivalents)) continue;
    names.push(h.text.trim());
    heads.push(h);
    const piece = perStretch(ctx.doc, h.end, h.bodyEnd, 'squash', squash) ?? squash(ctx.doc.text.slice(h.end, h.bodyEnd));
    if (piece !== '') {
      pieces.push(piece);
      pieceOf.push(names.length - 1);
    }
  }
  let text: string | undefined;
  return { names, heads, pieces, pieceOf, text: () => (text ??= pieces.join(' ')) };
});

function squash(s: string): string {
  // Emoji that decorate a metric name (`🌍 EMEA deals`) are not part of the name.
  return s.replace(/[*_`\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
}
const squashName = memoByString(squash, 5_000);

/** A heading that titles the document rather than a section: the first H1, or an issue's heading. */
function isTitle(doc: DocModel, h: DocModel['outline'][number]): boolean {
  if (/^partnership (?:issue|escalation)\b/.test(h.norm)) return true;
  return h.depth === 1 && doc.outline.find((o) => o.depth === 1) === h;
}

/**
 * Whether `metric` appears in `text` (a section's squashed text; `words` its word stems, built on
 * first use). Real teams do not repeat a metric's name verbatim where they discuss it (spec §9;
 * decisions in red-kpi-unaddressed.md), so any of these counts:
 * - the name, or the name without its trailing parenthetical qualifier (`Bounce rate (docs
 *   portal)` is addressed by a risk about the "bounce rate on the docs portal");
 * - the name without a leading key-result or list identifier (`KR3.1 Co-hosted webinars`,
 *   `O2 —`, `3.`) — the text says "co-hosted webinars";
 * - most of the name's words: at least two and at least two thirds of its significant words
 *   (three letters or more, not a filler word; a plural `s` ignored) — "Resolution time on
 *   escalated tickets" addresses `Avg. resolution time, escalated tickets`.
 */
function mentionedIn(text: string, metric: string, words: () => Set<string>): boolean {
  const key = squashName(metric);
  if (text.includes(key)) return true;
  const bare = squashName(stripTrailingParenthetical(metric));
  if (bare !== key && bare.length >= 3 && text.includes(bare)) return true;
  const unlabelled = bare.replace(LEADING_ID, '');
  if (unlabelled !== bare && unlabelled.length >= 3 && text.includes(unlabelled)) return true;
  const significant = [...new Set(wordStems(unlabelled))];
  if (significant.length < 2) return false;
  const have = words();
  const found = significant.filter((w) => have.has(w)).length;
  return found >= Math.max(2, Math.ceil((significant.length * 2) / 3));
}

/** `kr3.1 `, `kr 2: `, `o1 — `, `3. `, `#4 ` at the start of a squashed metric name. */
const LEADING_ID = /^(?:(?:kr|o|okr|kpi|#)\s?\d{1,3}(?:\.\d{1,3})?|\d{1,3}[.)])\s*[:—–-]?\s*/;
const FILLER = new Set(['the', 'and', 'for', 'with', 'per', 'avg', 'average', 'total', 'number', 'count', 'rate', 'from', 'into', 'our', 'their', 'all', 'new', 'of']);

/** The significant word stems of a squashed text (see mentionedIn). */
function wordStems(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/\p{L}[\p{L}\p{N}'-]*/gu)) {
    let w = m[0];
    while (w.endsWith("'") || w.endsWith('-')) w = w.slice(0, -1);
    if (w.length < 3 || FILLER.has(w)) continue;
    if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1);
    out.push(w);
  }
  return out;
}

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
  local: {
    // Whether a red KPI is addressed depends on the Challenges / Open Issues / Risks sections' text,
    // and (the outline) on whether one of them holds the table.
    // (Compared piece by piece: the cached pieces are the same strings from lint to lint.)
    key: (ctx) => {
      const where = ctx.get(addressing);
      return [...where.names, '\n', ...where.pieces];
    },
    outline: true,
  },
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
      const searched = holding.filter((i) => !isTitle(ctx.doc, where.heads[i]!) && where.heads[i]!.bodyEnd - where.heads[i]!.end <= 200_000);
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
      const words = () => (stems ??= new Set(wordStems(text)));
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
