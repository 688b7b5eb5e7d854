/**
 * The compact document model that rules query. A section model is built from one section's
 * syntax tree, then the tree is dropped: the model holds only what rules need, in offsets
 * relative to the section start, so it can be cached by the section's text and shifted.
 */
import type { DocKind } from './finding.js';
import { stripTrailingParenthetical, trimEndChars } from './text.js';
import { memoByString } from './memo.js';
import { lastAtOrBefore } from './positions.js';

export interface Range {
  start: number;
  end: number;
}

export interface HeadingModel extends Range {
  depth: number;
  /** Plain text (emphasis markers removed), as written. */
  text: string;
  /** Text start offset (after `## `). */
  textStart: number;
}

export interface CellModel extends Range {
  /** Trimmed source text of the cell (start/end are its range; empty cells have start === end). */
  text: string;
  /** Range between the pipes (including the padding), for re-padding. */
  outerStart: number;
  outerEnd: number;
}

export interface RowModel extends Range {
  cells: CellModel[];
}

export interface TableModel extends Range {
  header: RowModel;
  /** The delimiter row's range (`|---|:--:|`). */
  delimiter: Range;
  rows: RowModel[];
  align: Array<'left' | 'right' | 'center' | null>;
  /** True when the table is a direct child of the document (not in a list or quote). */
  topLevel: boolean;
}

export interface ListItemModel extends Range {
  /** null: no checkbox; true/false: task item, checked or not. */
  checked: boolean | null;
  /** 0 for an item of a list that is a direct child of the document. */
  depth: number;
  /** Index (in the same section's `listItems`) of the nearest enclosing item, or -1. */
  parent: number;
  /** Offset where the item's content starts (after the marker and checkbox). */
  contentStart: number;
  /** End of the item's first line. */
  firstLineEnd: number;
}

export interface ParagraphModel extends Range {
  /** Nesting: 0 when a direct child of the document. */
  depth: number;
}

export interface BracketModel extends Range {
  /** The text between the brackets. */
  label: string;
  /** Label of an immediately following `[...]` (a full/collapsed reference), if any. */
  nextLabel?: string;
}

export interface CommentModel extends Range {
  /** Comment body without `<!--` and `-->`, trimmed. */
  body: string;
}

export interface ChunkModel {
  headings: HeadingModel[];
  tables: TableModel[];
  listItems: ListItemModel[];
  paragraphs: ParagraphModel[];
  brackets: BracketModel[];
  /** Normalised labels of link/footnote definitions in this section. */
  definitions: string[];
  comments: CommentModel[];
  /** Ranges of code (fenced, indented, inline) — where nothing is checked. */
  code: Range[];
}

export interface FrontMatter extends Range {
  data: Record<string, unknown>;
}

/** How a document was detected as a partnership document (detect.ts's steps). */
export type DetectedBy = 'front-matter' | 'playbook-title' | 'title-and-structure';

/** The whole document: the sections' models shifted to document offsets and concatenated. */
export interface DocModel extends ChunkModel {
  text: string;
  kind: DocKind | null;
  /**
   * How the document was detected (detect.ts): `front-matter`, `playbook-title` (it follows the
   * playbook's template) or `title-and-structure` (a common title and the kind's structure: the
   * team's own format); null when it is not a partnership document. See followsPlaybook.
   */
  detectedBy: DetectedBy | null;
  frontMatter: FrontMatter | null;
  /**
   * Heading "sections": each heading with its body's end (the next heading of the same or a
   * higher level), the index of its parent heading (-1 at the top) and its normalised name
   * (normalizeHeading), computed once per lint.
   */
  outline: Array<HeadingModel & { bodyEnd: number; parent: number; norm: string }>;
}

/** Normalises a label for reference matching (CommonMark: case-fold, collapse whitespace). */
export function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Normalises a heading for name matching: case-insensitive, ignoring emphasis markers, emoji,
 * a trailing parenthetical and a trailing colon; `&` reads as "and" (spec §1).
 */
export const normalizeHeading = memoByString(normalizeHeadingUncached, 50_000);

function normalizeHeadingUncached(text: string): string {
  const stripped = text
    .replace(/[*_`~]/g, '')
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{20E3}]/gu, '');
  return trimEndChars(stripTrailingParenthetical(stripped).replace(/&/g, ' and '), ':')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The headings enclosing `offset`, outermost first: the nearest heading at or before the offset
 * (binary search) and its ancestors. O(log n + depth).
 */
export function enclosingHeadings(doc: DocModel, offset: number): DocModel['outline'] {
  const o = doc.outline;
  const found = lastAtOrBefore(o.length, (i) => o[i]!.start, offset);
  const chain: DocModel['outline'] = [];
  for (let i = found; i !== -1; i = o[i]!.parent) if (offset < o[i]!.bodyEnd) chain.push(o[i]!);
  return chain.reverse();
}
