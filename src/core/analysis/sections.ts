/**
 * Required sections (spec §5) and section lookup: which headings a document of each kind must
 * have, where a document's sections are, whether a section has real content, and the skeleton a
 * fix inserts for a missing one. (Header fields' values: enums.ts, header-dates.ts.)
 *
 * Section skeletons come from the scaffolds in `templates.ts` (built from the playbook's
 * templates), so `section-missing` inserts exactly what `new` would have written.
 */
import type { DocModel } from '../model.js';
import { normalizeHeading } from '../model.js';
import type { RuleContext } from '../rule.js';
import { scaffold, TEMPLATE_KINDS, type TemplateKind } from '../templates.js';
import type { DocKind } from '../types.js';
import { keyNamesAny, sectionKey, sectionKeyOfNorm, sectionKeysFor, type SectionEquivalents } from './equivalents.js';
import { trimEndChars } from '../text.js';
import { splitChunks } from '../split.js';
import type { Config } from '../types.js';
import { templateRequirements, type TeamTemplate } from '../teamTemplates.js';
import { REQUIRED_SECTIONS as PLAYBOOK_SECTIONS } from './equivalents.js';

/** Required sections per kind, in template order (spec §5): defined with the equivalents. */
export { REQUIRED_SECTIONS } from './equivalents.js';

export type OutlineEntry = DocModel['outline'][number];

// Heading name for matching: spec §1 normalisation (case, emphasis, emoji, trailing
// parenthetical, `&` = and) plus a leading section number (`2. Key Wins`, `2) Key Wins`).
export { sectionKey } from './equivalents.js';

/**
 * A scope in which sections are looked up: the whole document (its title is the first H1, or
 * the first heading), or for issue documents one `Partnership Issue:` heading and its body
 * (a file may hold several issues).
 */
export interface SectionScope {
  /** The title heading (H1 / issue heading), or null when the document has no heading. */
  title: OutlineEntry | null;
  /** [start, end) of the scope: section headings inside it (after the title) belong to it. */
  start: number;
  end: number;
}

export function sectionScopes(doc: DocModel): SectionScope[] {
  if (doc.kind === 'issue') {
    const issues = doc.outline.filter((h) => h.depth <= 2 && normalizeHeading(h.text).startsWith('partnership issue'));
    if (issues.length) return issues.map((h) => ({ title: h, start: h.start, end: h.bodyEnd }));
  }
  // No H1 (a document opted in by front matter that starts with its sections): no title, and
  // every heading is one of its sections (findings anchor on scopeAnchor's line).
  const title = doc.outline.find((h) => h.depth === 1) ?? null;
  return [{ title, start: doc.frontMatter ? doc.frontMatter.end : 0, end: doc.text.length }];
}

/**
 * Where a scope's document-level findings go (section-missing, next-qbr-missing): its title
 * line, else the first non-blank line of the scope (after front matter), trailing CR excluded.
 */
export function scopeAnchor(doc: DocModel, scope: SectionScope): { start: number; end: number } {
  const text = doc.text;
  let start = scope.title ? scope.title.start : scope.start;
  if (!scope.title) {
    // The first line with something on it (a bounded walk over blank lines only).
    let p = start;
    while (p < scope.end) {
      let nl = text.indexOf('\n', p);
      if (nl === -1) nl = text.length;
      if (text.slice(p, nl).trim() !== '') break;
      p = nl + 1;
    }
    start = p < scope.end ? p : Math.min(start, text.length);
  }
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return { start, end };
}

/** Headings in the scope other than its title. */
export function scopeHeadings(doc: DocModel, scope: SectionScope): OutlineEntry[] {
  return doc.outline.filter((h) => h !== scope.title && h.start >= scope.start && h.start < scope.end);
}

/**
 * The heading in the scope named `name` (spec §1 matching), or undefined: the first one with the
 * name itself, else the first with one of its equivalents (spec §9: `Action Items` for Next
 * Steps…; `extra` = the configured `sectionEquivalents`), in the table's order.
 */
export function findSection(doc: DocModel, scope: SectionScope, name: string, extra?: SectionEquivalents): OutlineEntry | undefined {
  const index = sectionIndex(doc, scope);
  const keys = sectionKeysFor(name, extra);
  for (const key of keys) {
    const h = index.get(key);
    if (h) return h;
  }
  // Else a heading naming one of them as a phrase (`OKR Scorecard`, `Challenges & Mitigations`).
  for (const [key, h] of index) if (keyNamesAny(key, keys)) return h;
  return undefined;
}

/**
 * Per document and scope: section key → the first heading with that key. Rules look up a dozen
 * section names in documents with thousands of headings, on every keystroke.
 */
const sectionIndexes = new WeakMap<DocModel, Map<string, Map<string, OutlineEntry>>>();
function sectionIndex(doc: DocModel, scope: SectionScope): Map<string, OutlineEntry> {
  let byScope = sectionIndexes.get(doc);
  if (!byScope) sectionIndexes.set(doc, (byScope = new Map()));
  const id = `${scope.start}:${scope.end}:${scope.title ? scope.title.start : -1}`;
  let index = byScope.get(id);
  if (!index) {
    index = new Map();
    for (const h of scopeHeadings(doc, scope)) {
      const key = sectionKeyOfNorm(h.norm);
      if (!index.has(key)) index.set(key, h);
    }
    byScope.set(id, index);
  }
  return index;
}

/** The scope enclosing an offset (the first scope when none does). */
export function scopeAt(doc: DocModel, offset: number): SectionScope {
  const scopes = sectionScopes(doc);
  return scopes.find((s) => s.start <= offset && offset < s.end) ?? scopes[0]!;
}

/** Body range of a section: from the end of its heading line to the next heading of the same or lower depth. */
export function sectionBody(h: OutlineEntry): { start: number; end: number } {
  return { start: h.end, end: h.bodyEnd };
}

// ---------------------------------------------------------------------------------------------
// Skeletons

export interface SectionSkeleton {
  /** Heading text as in the template (`Upcoming Initiatives (Next Quarter)`). */
  heading: string;
  /** Depth of the heading in the template. */
  depth: number;
  /** Body lines as in the template, without trailing blank lines (may include sub-headings). */
  body: string;
}

const skeletonCache = new Map<TemplateKind, Map<string, SectionSkeleton>>();

/** The playbook template's skeleton of each section of `kind`, keyed by `sectionKey` (read as a team template is). */
export function templateSkeletons(kind: TemplateKind): Map<string, SectionSkeleton> {
  let out = skeletonCache.get(kind);
  if (!out) skeletonCache.set(kind, (out = skeletonsByKey(templateRequirements(scaffold(kind, { partner: '[Partner Company]' }).text).allSections)));
  return out;
}

/** Skeletons keyed by `sectionKey`, the first of each key. */
function skeletonsByKey(sections: readonly SectionSkeleton[]): Map<string, SectionSkeleton> {
  const out = new Map<string, SectionSkeleton>();
  for (const s of sections) {
    const key = sectionKey(s.heading);
    if (!out.has(key)) out.set(key, s);
  }
  return out;
}

/**
 * The required sections of a kind: the team template's (config `templates`, see
 * teamTemplates.ts) when the kind has one, else the playbook's (spec §5). `template` is the team
 * template they come from (undefined: the playbook).
 */
export function requiredSectionsFor(kind: TemplateKind, config: Pick<Config, 'templates'>): { names: readonly string[]; skeleton: (name: string) => SectionSkeleton | undefined; template?: TeamTemplate } {
  const template = config.templates?.[kind];
  if (!template) {
    return { names: (PLAYBOOK_SECTIONS as Record<string, readonly string[] | undefined>)[kind] ?? [], skeleton: (name) => templateSkeletons(kind).get(sectionKey(name)) };
  }
  const req = templateRequirements(template.text);
  const skeletons = skeletonsByKey(req.allSections);
  return { names: req.sections.map((s) => s.heading), skeleton: (name) => skeletons.get(sectionKey(name)), template };
}

/** The skeleton text of a section at heading depth `depth` (sub-headings shifted alike). */
export function skeletonText(s: SectionSkeleton, depth: number, eol = '\n'): string {
  const delta = depth - s.depth;
  const body = s.body
    .split('\n')
    .map((l) => {
      const m = /^(#{1,6})([ \t])/.exec(l);
      if (!m || delta === 0) return l;
      const d = Math.min(6, Math.max(1, m[1]!.length + delta));
      return '#'.repeat(d) + l.slice(m[1]!.length);
    })
    .join(eol);
  return `${'#'.repeat(Math.min(6, Math.max(1, depth)))} ${s.heading}${eol}${body}`;
}

/** Kinds with required sections. */
export function templateKind(kind: DocKind | null): TemplateKind | null {
  return kind !== null && (TEMPLATE_KINDS as readonly string[]).includes(kind) ? (kind as TemplateKind) : null;
}

// ---------------------------------------------------------------------------------------------
// Section content

/** Values that say "nothing here yet". */
const EMPTY_WORDS = new Set(['tbd', 'tba', 'n/a', 'na', 'none', 'pending', 'todo', 'to do', '-', '—', '–', '...', '…']);

/**
 * True when the text range holds real content: something left after removing bracket
 * placeholders (`[To be filled…]`), HTML comments, list/heading markers and emphasis, and that
 * is not a "nothing yet" word (TBD, N/A, pending…).
 */
export function hasRealContent(ctx: RuleContext, start: number, end: number): boolean {
  const { doc } = ctx;
  let text = '';
  let pos = start;
  const cuts = [
    ...doc.comments.filter((c) => c.start >= start && c.end <= end),
    ...doc.brackets.filter((b) => b.start >= start && b.end <= end && !isLinkBracket(doc, b.end, b.nextLabel)),
  ].sort((a, b) => a.start - b.start);
  for (const c of cuts) {
    if (c.start < pos) continue;
    text += doc.text.slice(pos, c.start) + ' ';
    pos = c.end;
  }
  text += doc.text.slice(pos, end);
  let words = text
    .replace(/[*_`~#>|]/g, ' ')
    .replace(/^[ \t]*(?:[-+]|\d{1,9}[.)])[ \t]+/gm, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
  words = trimEndChars(words, '.:;,', false);
  if (!/[\p{L}\p{N}]/u.test(words)) return false;
  return !EMPTY_WORDS.has(words);
}

function isLinkBracket(doc: DocModel, end: number, nextLabel: string | undefined): boolean {
  return doc.text[end] === '(' || nextLabel !== undefined;
}

/**
 * Whether the split of `text` starts a section at `at`: every block (fenced code, an HTML
 * comment or block) is closed there, so a heading written at `at` is a heading.
 */
export function startsSectionAt(text: string, at: number): boolean {
  return splitChunks(text).chunks.some((s) => s.start === at);
}
