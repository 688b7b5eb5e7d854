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
import { perChunk } from '../document.js';

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

/**
 * Stems every recommendation above contains: a sentence without one is skipped before the
 * regular expressions run (a 1 MB review without a recommendation scans in a few ms).
 */
const STEM = /renew|sunset|wind|laps|expan|exten|expir|termin|exit|discontinu|maintain|as[- ]is|modif|grad|scale|continu|grow/i;

/** What one stretch of text holds (the whole document, or one chunk). */
interface Scan {
  /** Level and recommendation cue of the heading on its first line (0: none). */
  level: number;
  cue: boolean;
  /** The first sentence that recommends on its own (or under a heading of the stretch). */
  hit: RecommendationHit | null;
  /** The first sentence with an outcome word (a recommendation when an enclosing heading outside the stretch has a cue). */
  broad: RecommendationHit | null;
}

/**
 * The first sentence that states a renewal recommendation, or null. Read with
 * `ctx.get(renewalRecommendation)`: each chunk is scanned once and its result kept with the
 * chunk (a keystroke rescans the edited chunk only); the chunks are then combined in order, the
 * enclosing headings' cues carried from chunk to chunk.
 */
export function renewalRecommendation(ctx: RuleContext): RecommendationHit | null {
  const scans = perChunk(
    ctx.doc,
    'renewalRecommendation',
    (p) => [scan(p.text, [...p.model.code, ...p.model.comments], p.start)],
    (x, d) => ({ ...x, hit: x.hit && { ...x.hit, start: x.hit.start + d }, broad: x.broad && { ...x.broad, start: x.broad.start + d } }),
  );
  if (!scans) return findRenewalRecommendation(ctx.doc.text, [...ctx.doc.code, ...ctx.doc.comments]);
  const cues: boolean[] = [];
  for (const c of scans) {
    if (c.hit) return c.hit;
    if (c.level > 0) {
      cues.length = c.level - 1;
      for (let k = 0; k < c.level - 1; k++) cues[k] ??= false;
    }
    if (c.broad && cues.some(Boolean)) return c.broad;
    if (c.level > 0) cues[c.level - 1] = c.cue;
  }
  return null;
}

/** As renewalRecommendation, over a text with the given ranges (code, comments) blanked. */
export function findRenewalRecommendation(text: string, skip: ReadonlyArray<{ start: number; end: number }> = []): RecommendationHit | null {
  return scan(text, skip, 0).hit;
}

/**
 * Scans `text` (document offset `base`; `skip` in document offsets) sentence by sentence, with
 * the headings inside it as context.
 */
function scan(text: string, skip: ReadonlyArray<{ start: number; end: number }>, base: number): Scan {
  let clean = text;
  if (skip.length) {
    const parts: string[] = [];
    let at = 0;
    for (const r of [...skip].sort((a, b) => a.start - b.start)) {
      const from = Math.max(0, r.start - base);
      const to = Math.min(text.length, r.end - base);
      if (from < at || to <= from) continue;
      parts.push(text.slice(at, from), text.slice(from, to).replace(/[^\n]/g, ' '));
      at = to;
    }
    parts.push(text.slice(at));
    clean = parts.join('');
  }
  const out: Scan = { level: 0, cue: false, hit: null, broad: null };
  /** Heading stack: level → whether it has a recommendation word. */
  const cueHeadings: boolean[] = [];
  let unit = '';
  let unitStart = 0;
  const flush = (): RecommendationHit | null => {
    const raw = unit;
    unit = '';
    if (!STEM.test(raw)) return null;
    const u = raw.replace(/[*_`]/g, '');
    const broad = BROAD_OUTCOME.test(u);
    const found = { start: base + unitStart, text: u.trim() };
    if (
      UNAMBIGUOUS.test(u) ||
      (broad && (STRONG_CUE.test(u) || cueHeadings.some(Boolean))) ||
      (WEAK_CUE.test(u) && NARROW_OUTCOME.test(u))
    )
      return found;
    if (broad) out.broad ??= found;
    return null;
  };
  let pos = 0;
  let first = true;
  while (pos <= clean.length) {
    let eol = clean.indexOf('\n', pos);
    if (eol === -1) eol = clean.length;
    const line = clean.slice(pos, eol).replace(/\r$/, '');
    const h = HEADING.exec(line);
    const blank = line.trim() === '';
    if (h || blank || BLOCK_START.test(line)) {
      const hit = flush();
      if (hit) return { ...out, hit };
    }
    if (h) {
      const level = h[1]!.length;
      cueHeadings.length = level - 1;
      for (let k = 0; k < level - 1; k++) cueHeadings[k] ??= false;
      // The heading itself is a unit (`## Renewal Recommendation`), then it is context.
      const title = h[2]!.replace(/[*_`]/g, '').trim();
      const cue = HEADING_CUE.test(title);
      if (first) {
        out.level = level;
        out.cue = cue;
      }
      if (UNAMBIGUOUS.test(title) || (cue && BROAD_OUTCOME.test(title))) return { ...out, hit: { start: base + pos, text: title } };
      cueHeadings[level - 1] = cue;
    } else if (!blank) {
      if (unit === '') unitStart = pos;
      unit += (unit ? ' ' : '') + line;
    }
    if (!blank) first = false;
    pos = eol + 1;
  }
  const hit = flush();
  return hit ? { ...out, hit } : out;
}
