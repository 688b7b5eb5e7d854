/**
 * Builds the document model: split into chunks, take each chunk's model from the cache or
 * parse it, shift offsets, concatenate. Document-wide facts (kind, outline, front matter) are
 * resolved after the per-chunk pass.
 */
import { parse as parseYaml } from 'yaml';
import type { PlacedChunk, ChunkCache } from './cache.js';
import { sharedCache } from './cache.js';
import type { CellModel, DocModel, FrontMatter, HeadingModel, Range, RowModel, ChunkModel } from './model.js';
import { normalizeHeading } from './model.js';
import { flatCopy } from './memo.js';
import { buildSectionModel } from './parse.js';
import { splitChunks } from './split.js';
import { lastAtOrBefore } from './positions.js';
import { detect, type TeamStructure } from './detect.js';

export interface BuildOptions {
  cache?: ChunkCache | false;
  wholeDocument?: boolean;
  /** Configured section equivalents (config `sectionEquivalents`): they count for kind detection. */
  sectionEquivalents?: Record<string, string[]>;
  /** The team templates' sections and fields per kind (config `templates`): they count for kind detection too. */
  teamStructure?: TeamStructure;
}

/** One chunk of a built document (a stretch between column-0 ATX headings), as placed in it (used by lint.ts's per-chunk findings). */
export interface Chunk {
  /** The section's range in the document (it starts at a line start). */
  start: number;
  end: number;
  /**
   * The section's text (as cached: a copy of its own on a re-lint, see flatCopy). Data cached
   * with the section must slice this, never the document's text, or it keeps that whole version
   * of the document alive.
   */
  text: string;
  /** Its model, placed at document offsets. */
  model: ChunkModel;
  /** Index of its first list item in the document's `listItems`. */
  itemBase: number;
  /** Its entry in the chunk cache (null without a cache). */
  entry: PlacedChunk | null;
}

/**
 * Counts of model builds (buildDocument calls), read through engineStats() (snapshot.ts): the
 * editor builds one model per document version, and tests hold it to that. `byText` counts per
 * text, only while tracking is on (tests: it keeps the texts).
 */
export const buildStats: { modelBuilds: number; byText: Map<string, number> | null } = { modelBuilds: 0, byText: null };
const TRACKED_TEXTS = 256;

export function buildDocument(text: string, options: BuildOptions = {}): DocModel {
  buildStats.modelBuilds++;
  const tracked = buildStats.byText;
  if (tracked) {
    if (!tracked.has(text) && tracked.size >= TRACKED_TEXTS) tracked.delete(tracked.keys().next().value as string);
    tracked.set(text, (tracked.get(text) ?? 0) + 1);
  }
  const cache = options.cache === false ? null : (options.cache ?? sharedCache);
  const { frontMatter: fm, chunks: sections } = splitChunks(text);
  const spans = options.wholeDocument
    ? [{ start: sections[0]!.start, end: text.length }]
    : sections;

  const doc: DocModel = {
    text,
    kind: null,
    detectedBy: null,
    frontMatter: null,
    outline: [],
    headings: [],
    tables: [],
    listItems: [],
    paragraphs: [],
    brackets: [],
    definitions: [],
    comments: [],
    code: [],
  };

  // A section parsed into a cache that already holds models (a re-lint after an edit) is parsed
  // from a flat copy of its text: its model and cache key then keep only that copy alive, not
  // this whole version of the document (see flatCopy). A first lint into an empty cache parses
  // slices: its models all share the one document text, which copies would only duplicate.
  const incremental = cache !== null && cache.size > 0;
  const parts: Chunk[] = [];
  for (const span of spans) {
    let sectionText = text.slice(span.start, span.end);
    // micromark drops a U+FEFF at the very start of its input, which shifts every offset of a
    // section that happens to start with one (after front matter, or a split point): parse it
    // behind a blank line (structurally neutral) and place it one offset earlier.
    const bomLead = sectionText.charCodeAt(0) === 0xfeff;
    const by = span.start - (bomLead ? 1 : 0);
    const itemBase = doc.listItems.length;
    const hit = cache ? cache.get(sectionText) : undefined;
    let placed: PlacedChunk;
    if (!hit) {
      if (incremental) sectionText = flatCopy(sectionText);
      // A fresh model is not shared with anyone yet: place it where it is, without a copy.
      // (All fields written here: ones added later would live in a separate array of the object.)
      placed = { text: sectionText, model: placeInPlace(buildSectionModel(bomLead ? `\n${sectionText}` : sectionText), by, itemBase), by, itemBase, findings: undefined, derived: undefined };
      cache?.set(sectionText, placed);
    } else if (hit.by === by && hit.itemBase === itemBase) {
      placed = hit; // unmoved (every section before an edit, on a keystroke): reused as is
    } else {
      // The section's cached findings (lint.ts) and derived data stay with it: the text they were computed on is the same.
      placed = { text: hit.text, model: shifted(hit.model, by - hit.by, itemBase - hit.itemBase), by, itemBase, findings: hit.findings, derived: hit.derived };
      cache!.set(hit.text, placed);
    }
    parts.push({ start: span.start, end: span.end, text: placed.text, model: placed.model, itemBase, entry: cache ? placed : null });
    append(doc, placed.model);
  }

  if (fm) doc.frontMatter = readFrontMatter(fm);
  const detected = detect(doc, options.sectionEquivalents, options.teamStructure);
  doc.kind = detected?.kind ?? null;
  doc.detectedBy = detected?.by ?? null;
  doc.outline = outline(doc.headings, text.length);
  docParts.set(doc, parts);
  return doc;
}

const docParts = new WeakMap<DocModel, Chunk[]>();

/**
 * A value derived from the text [start, end) alone, cached with the section that holds that
 * stretch (under `slot` and the stretch's offsets in the section: valid wherever the section
 * moves). Undefined when the stretch is not within one section (or the document was not built
 * by buildDocument): compute it from the document's text then.
 */
export function perStretch<T>(doc: DocModel, start: number, end: number, slot: string, compute: (text: string) => T): T | undefined {
  const parts = docParts.get(doc);
  if (!parts) return undefined;
  const p = parts[lastAtOrBefore(parts.length, (i) => parts[i]!.start, start)];
  if (!p || end > p.end) return undefined;
  const key = `${slot} ${start - p.start} ${end - p.start}`;
  const e = p.entry;
  if (e?.derived && key in e.derived) return e.derived[key] as T;
  const value = compute(p.text.slice(start - p.start, end - p.start));
  if (e) (e.derived ??= {})[key] = value;
  return value;
}

/** The chunks a document built by buildDocument is made of, in order. */
export function chunksOf(doc: DocModel): Chunk[] | undefined {
  return docParts.get(doc);
}

/**
 * Data derived from each section alone (the fields of its paragraphs…), for the whole document:
 * the sections' lists concatenated. Each section's list is cached with the section (under
 * `slot`) and reused while its text is unchanged — as it is when the section did not move, moved
 * by `move` when it did (data without positions has no `move`: reused as it is). `compute` must
 * depend on the section's model and text only (and slice the part's text, not the document's:
 * see Chunk.text). Null for a document not built by buildDocument (a sub-document of lint.ts).
 */
export function perChunk<T>(doc: DocModel, slot: string, compute: (p: Chunk) => T[], move?: (x: T, d: number) => T): T[] | null {
  const parts = docParts.get(doc);
  if (!parts) return null;
  const out: T[] = [];
  for (const p of parts) {
    const e = p.entry;
    const c = e?.derived?.[slot] as { at: number; list: T[] } | undefined;
    let list: T[];
    if (c && (c.at === p.start || !move)) list = c.list;
    else {
      list = c ? c.list.map((x) => move!(x, p.start - c.at)) : compute(p);
      if (e) (e.derived ??= {})[slot] = { at: p.start, list };
    }
    for (let i = 0; i < list.length; i++) out.push(list[i]!);
  }
  return out;
}

/**
 * Placement. A section is parsed on its own, so its model comes out in offsets relative to the
 * section start, with list-item parents indexed within the section. The model is placed once,
 * in place, at the section's document offset (`by`) and list-item base (`itemBase`), and cached
 * placed, with that placement. A later lint finding the section's text where it was (every
 * section before an edit, on a keystroke) reuses the very same objects; one finding it
 * elsewhere (after an edit) gets a shifted copy, which replaces the cached one. So a document
 * holds one copy of each section's model, not a relative one plus a placed one. Placed models
 * are shared between lints (and documents): once placed, a model is never mutated, and rules
 * and analyses must treat the model as read-only.
 */
function placeInPlace(m: ChunkModel, by: number, itemBase: number): ChunkModel {
  if (by === 0 && itemBase === 0) return m;
  const r = (x: Range) => {
    x.start += by;
    x.end += by;
  };
  const cell = (c: CellModel) => {
    r(c);
    c.outerStart += by;
    c.outerEnd += by;
  };
  const row = (x: RowModel) => {
    r(x);
    for (const c of x.cells) cell(c);
  };
  for (const h of m.headings) {
    r(h);
    h.textStart += by;
  }
  for (const t of m.tables) {
    r(t);
    row(t.header);
    r(t.delimiter);
    for (const x of t.rows) row(x);
  }
  for (const li of m.listItems) {
    r(li);
    if (li.parent !== -1) li.parent += itemBase;
    li.contentStart += by;
    li.firstLineEnd += by;
  }
  for (const p of m.paragraphs) r(p);
  for (const b of m.brackets) r(b);
  for (const c of m.comments) r(c);
  for (const c of m.code) r(c);
  return m;
}

/** A copy of a placed model moved by `by` offsets and `itemBase` list items. */
function shifted(m: ChunkModel, by: number, itemBase: number): ChunkModel {
  const r = <T extends Range>(x: T): Range => ({ start: x.start + by, end: x.end + by });
  const cell = (c: CellModel): CellModel => ({
    start: c.start + by, end: c.end + by, text: c.text, outerStart: c.outerStart + by, outerEnd: c.outerEnd + by,
  });
  const row = (x: RowModel): RowModel => ({ start: x.start + by, end: x.end + by, cells: map(x.cells, cell) });
  return {
    headings: map(m.headings, (h) => ({ start: h.start + by, end: h.end + by, depth: h.depth, text: h.text, textStart: h.textStart + by })),
    tables: map(m.tables, (t) => ({
      start: t.start + by, end: t.end + by, header: row(t.header), delimiter: r(t.delimiter), rows: map(t.rows, row), align: t.align, topLevel: t.topLevel,
    })),
    listItems: map(m.listItems, (li) => ({
      start: li.start + by, end: li.end + by, checked: li.checked, depth: li.depth,
      parent: li.parent === -1 ? -1 : li.parent + itemBase,
      contentStart: li.contentStart + by, firstLineEnd: li.firstLineEnd + by,
    })),
    paragraphs: map(m.paragraphs, (p) => ({ start: p.start + by, end: p.end + by, depth: p.depth })),
    brackets: map(m.brackets, (b) => (b.nextLabel === undefined
      ? { start: b.start + by, end: b.end + by, label: b.label }
      : { start: b.start + by, end: b.end + by, label: b.label, nextLabel: b.nextLabel })),
    definitions: m.definitions,
    comments: map(m.comments, (c) => ({ start: c.start + by, end: c.end + by, body: c.body })),
    code: map(m.code, r),
  };
}

/** `xs.map(f)`, keeping a section model's shared empty array (parse.ts NO_ITEMS). */
function map<T, U>(xs: T[], f: (x: T) => U): U[] {
  return xs.length === 0 ? (xs as unknown as U[]) : xs.map(f);
}

function append(doc: DocModel, p: ChunkModel): void {
  for (const key of ['headings', 'tables', 'listItems', 'paragraphs', 'brackets', 'definitions', 'comments', 'code'] as const) {
    const src = p[key] as unknown[];
    const dst = doc[key] as unknown[];
    for (let i = 0; i < src.length; i++) dst.push(src[i]);
  }
}

function readFrontMatter(fm: { start: number; end: number; body: string }): FrontMatter {
  let data: Record<string, unknown> = {};
  try {
    // logLevel 'error': a YAML warning is not printed on the process (the core has no side
    // effects; the CLI's stderr stays clean); errors still throw and are caught here.
    const parsed: unknown = parseYaml(fm.body, { logLevel: 'error' });
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) data = parsed as Record<string, unknown>;
  } catch {
    // Malformed YAML front matter: treated as absent (it is the author's, not ours to judge).
  }
  return { start: fm.start, end: fm.end, data };
}

function outline(headings: HeadingModel[], textEnd: number): DocModel['outline'] {
  // One pass with a stack of open headings: each heading closes the open ones of the same or a
  // lower level (a larger or equal depth number), which end where it starts.
  const out: DocModel['outline'] = headings.map((h) => ({
    start: h.start, end: h.end, depth: h.depth, text: h.text, textStart: h.textStart, bodyEnd: textEnd, parent: -1, norm: normalizeHeading(h.text),
  }));
  const stack: number[] = [];
  for (let i = 0; i < out.length; i++) {
    const h = out[i]!;
    while (stack.length && out[stack[stack.length - 1]!]!.depth >= h.depth) out[stack.pop()!]!.bodyEnd = h.start;
    h.parent = stack.length ? stack[stack.length - 1]! : -1;
    stack.push(i);
  }
  return out;
}

export { enclosingHeadings } from './model.js';
