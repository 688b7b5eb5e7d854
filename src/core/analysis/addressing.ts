/**
 * Where a Red KPI counts as addressed (red-kpi-unaddressed, spec §2.6 and §9): the document's
 * Challenges / Open Issues / Risks sections (and their equivalents) as a document fact, and
 * whether a metric is mentioned in their text.
 */
import type { DocModel } from '../model.js';
import { perStretch } from '../document.js';
import { fact, type RuleContext } from '../rule.js';
import { memoByString } from '../memo.js';
import { isAddressingSectionName } from './equivalents.js';
import { stripTrailingParenthetical } from '../text.js';

/**
 * Headings of the sections where a Red KPI is addressed (spec §2.6; §9: the names real teams give
 * them — Risks & Issues, Risk Register, Blockers, Concerns, Watch items, Lowlights, Escalations,
 * Headwinds, Areas of concern, Recovery plan / Path to green, KPI commentary…).
 */
const ADDRESSING =
  /\b(?:challenges?|risks?|issues?|blockers?|concerns?|watch[ -]?(?:items?|list|outs?)|lowlights?|escalations?|headwinds?|problems?|mitigations?|red flags?|misses|areas? (?:of|for) (?:concern|improvement)|what didn'?t go well|what went wrong|remediation|recovery plan|get[ -]well plan|path to green|corrective actions?|commentary)\b/;

/** A Commentary / Notes cell that explains its row: some text beyond N/A, TBD, a dash or a placeholder. */
export function explains(cell: string): boolean {
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
export interface Addressing {
  names: string[];
  /** The heading of each entry of `names`. */
  heads: Array<DocModel['outline'][number]>;
  /** Whether each entry's heading titles the document (see isTitle). */
  titles: boolean[];
  pieces: string[];
  /** The index into `names` / `heads` of each piece. */
  pieceOf: number[];
  text(): string;
  /** The word stems of `text()` (see wordStems), from each piece's own stems (kept per piece). */
  stems(): Set<string>;
}
/**
 * The addressing sections of the whole document. Findings depend on their names and text
 * (compared piece by piece: the cached pieces are the same strings from lint to lint).
 */
export const addressing = fact('addressing sections', function addressing(ctx: RuleContext): Addressing {
  const names: string[] = [];
  const heads: Addressing['heads'] = [];
  const titles: boolean[] = [];
  const pieces: string[] = [];
  const pieceOf: number[] = [];
  for (const h of ctx.doc.outline) {
    if (!ADDRESSING.test(h.norm) && !isAddressingSectionName(h.norm, ctx.config.sectionEquivalents)) continue;
    names.push(h.text.trim());
    heads.push(h);
    titles.push(isTitle(ctx.doc, h));
    const piece = perStretch(ctx.doc, h.end, h.bodyEnd, 'squash', squash) ?? squash(ctx.doc.text.slice(h.end, h.bodyEnd));
    if (piece !== '') {
      pieces.push(piece);
      pieceOf.push(names.length - 1);
    }
  }
  let text: string | undefined;
  let stems: Set<string> | undefined;
  const allStems = () => {
    if (stems) return stems;
    stems = new Set();
    for (const p of pieces) for (const w of pieceStems(p)) stems.add(w);
    return stems;
  };
  return { names, heads, titles, pieces, pieceOf, text: () => (text ??= pieces.join(' ')), stems: allStems };
}, (a) => [...a.names, '\n', ...a.titles, '\n', ...a.pieces]);

export function squash(s: string): string {
  // Emoji that decorate a metric name (`🌍 EMEA deals`) are not part of the name.
  return s.replace(/[*_`\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
}
const squashName = memoByString(squash, 5_000);

/** A heading that titles the document rather than a section: the first H1, or an issue's heading. */
export function isTitle(doc: DocModel, h: DocModel['outline'][number]): boolean {
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
export function mentionedIn(text: string, metric: string, words: () => Set<string>): boolean {
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
/** A piece's distinct word stems: pieces are the same strings from lint to lint, so each is read once. */
const pieceStems = memoByString((piece: string): readonly string[] => [...new Set(wordStems(piece))], 5_000);

export function wordStems(s: string): string[] {
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

