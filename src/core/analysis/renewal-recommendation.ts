/**
 * Whether a document states a renewal recommendation (the playbook's renewal outcomes: Expand,
 * Renew as-is, Modify and renew, Sunset), in the wordings real teams use:
 *
 * - an unambiguous outcome phrase anywhere: `renew as-is`, `modify and renew`, `renew with
 *   changes`, `renew and expand`, `do not renew`, `non-renewal`, `auto-renews`, `sunsetting`,
 *   `sunset the partnership`, `wind down the partnership`, `let the agreement lapse`,
 *   `proceed with the renewal`;
 * - a sentence (a line, a list item, a table row, a wrapped paragraph) with a recommendation
 *   word (`recommend…`, `propose…` — not the noun `proposal`: "Renewal proposal due Dec 1" is a
 *   milestone —, `decision`, `decided`, `verdict`, `outcome`, `advise`, `suggest…`) and an outcome word (`renew…`, `expand`, `extend`, `sunset`, `wind down`,
 *   `terminate`, `exit`, `maintain`, `modify`, `as-is`, `upgrade`, `downgrade`…):
 *   `**Recommendation**: Expand`, `## Renewal Recommendation`, `We recommend renewing`;
 * - a sentence with an intention (`we will`, `we plan to`, `should`, `approve`, `next term`,
 *   `our position`…) and a renewal outcome (`renew`, `sunset`, `terminate`, `expand the
 *   partnership`…): `We plan to renew for two years`;
 * - a heading with a recommendation word and an outcome word (`## Renewal Recommendation`,
 *   `## Renewal Proposal`, `## Renewal decision`);
 * - under a heading with a recommendation word (`## Recommendations`, `## Decisions`,
 *   `## Options`), a sentence with an outcome word.
 *
 * Code and HTML comments are not read. A placeholder (`**Renewal recommendation**: [Expand /
 * Renew as-is / Sunset]`) counts as present: placeholder-unfilled reports it. Decision: when in
 * doubt, the document recommends (a wrong finding is worse than a missing one).
 */
import type { RuleContext } from '../rule.js';

const UNAMBIGUOUS =
  /\b(?:renew(?:s|ing|al)?[ \t]+as[- ]is|(?:modify|modified|modifying)[ \t]+and[ \t]+renew|renew(?:s|ing|al)?[ \t]+(?:with|on|under)[ \t]+(?:changes|modifications|modified|updated|new|revised|amended|adjusted|expanded|reduced|different)|renew(?:ing)?[ \t]+and[ \t]+expand|expand(?:ing)?[ \t]+and[ \t]+renew|(?:do[ \t]+not|don't|not[ \t]+to|will[ \t]+not|won't|shall[ \t]+not)[ \t]+renew|non-?renewal|auto-?renew(?:s|ed|ing|al)?|sunsett?ing|sunset[ \t]+(?:the|this|our)[ \t]+(?:partnership|agreement|relationship|program|programme|alliance|contract)|wind(?:ing)?[ \t]+down[ \t]+(?:the|this|our)[ \t]+(?:partnership|agreement|relationship|program|programme|alliance|contract)|let[ \t]+(?:the|this|our|it)[ \t]+(?:agreement[ \t]+|contract[ \t]+|partnership[ \t]+|term[ \t]+)?(?:lapse|expire)|proceed(?:ing)?[ \t]+with[ \t]+(?:the[ \t]+)?renewal)\b/i;

const STRONG_CUE = /\b(?:recommend|recommends|recommended|recommending|recommendations?|propose|proposed|proposes|proposing|decision|decided|verdict|outcome|advise|advises|suggest|suggests|suggested|suggestion)\b/i;
/** Headings whose section holds a recommendation: also `Renewal Proposal`, `Decisions`, `Options`. */
const HEADING_CUE = /\b(?:recommend\w*|propos\w*|decisions?|decided|verdict|outcomes?|advice|suggest\w*|options)\b/i;

const BROAD_OUTCOME =
  /\b(?:renew|renews|renewed|renewing|renewal|expand|expands|expanded|expanding|expansion|extend|extends|extended|extending|extension|sunset|sunsets|sunsetted|wind[ \t]+down|terminate|terminated|terminating|termination|exit|discontinue|discontinued|maintain|as[- ]is|modify|downgrade|upgrade|scale[ \t]+(?:back|down|up)|lapse|continue[ \t]+(?:the|this|our)[ \t]+(?:partnership|agreement|relationship|alliance|program|programme|contract))\b/i;

const WEAK_CUE =
  /\b(?:we[ \t]+(?:will|plan|intend|expect|want|would[ \t]+like|are[ \t]+going|aim|propose|recommend)|we'll|plan[ \t]+to|plan[ \t]+is[ \t]+to|intend[ \t]+to|going[ \t]+to|should|approve|approved|approval|next[ \t]+term|proceed[ \t]+with|our[ \t]+(?:call|position|stance|view|intent|intention))\b/i;

const NARROW_OUTCOME =
  /\b(?:renew|renews|renewed|renewing|sunset|wind[ \t]+down|terminate|non-renew|lapse|(?:expand|expanding|expansion[ \t]+of|extend|extending|extension[ \t]+of|grow|growing|scale[ \t]+up|upgrade|upgrading)[ \t]+(?:the[ \t]+|this[ \t]+|our[ \t]+)?(?:partnership|relationship|agreement|contract|alliance|scope|commitment|investment|tier|program|programme))\b/i;

const HEADING = /^ {0,3}(#{1,6})[ \t](.*)$/;
/** A line that starts a new sentence unit: a list item, a table row, a quote, a heading. */
const BLOCK_START = /^[ \t]*(?:[-*+][ \t]|\d{1,3}[.)][ \t]|\||>|#)/;

export interface RecommendationHit {
  /** Document offset of the sentence that recommends. */
  start: number;
  text: string;
}

/** The first sentence that states a renewal recommendation, or null. Read with `ctx.get(renewalRecommendation)`. */
export function renewalRecommendation(ctx: RuleContext): RecommendationHit | null {
  return findRenewalRecommendation(ctx.doc.text, [...ctx.doc.code, ...ctx.doc.comments]);
}

/** As renewalRecommendation, over a text with the given ranges (code, comments) blanked. */
export function findRenewalRecommendation(text: string, skip: ReadonlyArray<{ start: number; end: number }> = []): RecommendationHit | null {
  let clean = text;
  if (skip.length) {
    const parts: string[] = [];
    let at = 0;
    for (const r of [...skip].sort((a, b) => a.start - b.start)) {
      if (r.start < at) continue;
      parts.push(text.slice(at, r.start), text.slice(r.start, r.end).replace(/[^\n]/g, ' '));
      at = r.end;
    }
    parts.push(text.slice(at));
    clean = parts.join('');
  }
  /** Heading stack: level → whether it has a recommendation word. */
  const cueHeadings: boolean[] = [];
  let unit = '';
  let unitStart = 0;
  const flush = (): RecommendationHit | null => {
    const u = unit.replace(/[*_`]/g, '');
    unit = '';
    if (u.trim() === '') return null;
    const underCue = cueHeadings.some(Boolean);
    if (
      UNAMBIGUOUS.test(u) ||
      (STRONG_CUE.test(u) && BROAD_OUTCOME.test(u)) ||
      (WEAK_CUE.test(u) && NARROW_OUTCOME.test(u)) ||
      (underCue && BROAD_OUTCOME.test(u))
    )
      return { start: unitStart, text: u.trim() };
    return null;
  };
  let pos = 0;
  while (pos <= clean.length) {
    let eol = clean.indexOf('\n', pos);
    if (eol === -1) eol = clean.length;
    const line = clean.slice(pos, eol).replace(/\r$/, '');
    const h = HEADING.exec(line);
    const blank = line.trim() === '';
    if (h || blank || BLOCK_START.test(line)) {
      const hit = flush();
      if (hit) return hit;
    }
    if (h) {
      const level = h[1]!.length;
      cueHeadings.length = level - 1;
      for (let k = 0; k < level - 1; k++) cueHeadings[k] ??= false;
      // The heading itself is a unit (`## Renewal Recommendation`), then it is context.
      const title = h[2]!.replace(/[*_`]/g, '').trim();
      if (UNAMBIGUOUS.test(title) || (HEADING_CUE.test(title) && BROAD_OUTCOME.test(title))) return { start: pos, text: title.trim() };
      cueHeadings[level - 1] = HEADING_CUE.test(title);
    } else if (!blank) {
      if (unit === '') unitStart = pos;
      unit += (unit ? ' ' : '') + line;
    }
    pos = eol + 1;
  }
  return flush();
}
