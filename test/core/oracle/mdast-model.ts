/**
 * The test oracle for src/core/parse.ts: the section model built the straightforward way, from a
 * full unified + remark-parse + remark-gfm syntax tree (this was the core's own builder until the
 * core switched to building the model from micromark's events, without the tree). The tests check
 * both builders give the same model; the core's builder is the fast one, this one is the obvious one.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import type { Nodes, Root, Table, ListItem, Parents } from 'mdast';
import type { BracketModel, CellModel, RowModel, SectionModel, TableModel } from '../../../src/core/model.js';
import { normalizeLabel } from '../../../src/core/model.js';

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

export function parseTree(text: string): Root {
  return processor.parse(text) as Root;
}

const BRACKET = /\[([^\[\]\n]{1,200})\]/g;

/**
 * True when the last build met text nodes without positions (made by remark-gfm's autolink-literal
 * transform): their brackets are invisible to this builder (it scans a text node's source range).
 */
export let lostPositions = false;

export function buildSectionModelFromTree(text: string): SectionModel {
  lostPositions = false;
  const model: SectionModel = {
    headings: [],
    tables: [],
    listItems: [],
    paragraphs: [],
    brackets: [],
    definitions: [],
    comments: [],
    code: [],
  };
  try {
    walk(parseTree(text), model, text, 0, -1);
  } catch (err) {
    // Containers nested thousands deep (`- - - - …`, `> > > …`) overflow the stack of the
    // parser's recursive tree transforms (and of this walk). lint() must not throw: such a
    // section yields an empty model, as if it had no structure.
    if (!(err instanceof RangeError)) throw err;
    return { headings: [], tables: [], listItems: [], paragraphs: [], brackets: [], definitions: [], comments: [], code: [] };
  }
  return model;
}

function startOf(n: Nodes): number {
  return n.position?.start.offset ?? 0;
}
function endOf(n: Nodes): number {
  return n.position?.end.offset ?? 0;
}

function walk(node: Nodes, model: SectionModel, text: string, depth: number, parentItem: number): void {
  switch (node.type) {
    case 'heading': {
      const start = startOf(node);
      const first = node.children[0];
      model.headings.push({
        start,
        end: endOf(node),
        depth: node.depth,
        text: toString(node),
        textStart: first ? startOf(first) : endOf(node),
      });
      break;
    }
    case 'table':
      model.tables.push(tableModel(node, text, depth === 0));
      break;
    case 'listItem':
      parentItem = listItem(node, model, text, depth, parentItem);
      break;
    case 'paragraph':
      model.paragraphs.push({ start: startOf(node), end: endOf(node), depth });
      break;
    case 'text':
      // remark-gfm's autolink-literal transform splits text nodes into new ones without positions.
      if (!node.position) lostPositions = true;
      scanBrackets(text, startOf(node), endOf(node), model.brackets);
      return;
    case 'definition':
    case 'footnoteDefinition':
      model.definitions.push(normalizeLabel(node.label ?? node.identifier));
      break;
    case 'html': {
      const m = /^<!--([\s\S]*?)-->/.exec(node.value);
      if (m) model.comments.push({ start: startOf(node), end: startOf(node) + m[0].length, body: m[1]!.trim() });
      return;
    }
    case 'code':
    case 'inlineCode':
      model.code.push({ start: startOf(node), end: endOf(node) });
      return;
    default:
      break;
  }
  if ('children' in node) {
    const childDepth = node.type === 'root' ? 0 : node.type === 'list' || node.type === 'blockquote' || node.type === 'listItem' ? depth + (node.type === 'list' ? 0 : 1) : depth;
    for (const child of (node as Parents).children) walk(child as Nodes, model, text, childDepth, parentItem);
  }
}

function listItem(node: ListItem, model: SectionModel, text: string, depth: number, parent: number): number {
  const start = startOf(node);
  const end = endOf(node);
  let contentStart = end;
  const first = node.children[0];
  if (first) contentStart = startOf(first);
  if (node.checked !== null && node.checked !== undefined) {
    // remark-gfm moves the paragraph start past `[ ] ` only when the text after it is plain
    // text; with emphasis first it points at the checkbox. Skip the checkbox either way.
    const box = /^\[[ xX]\][ \t]*/.exec(text.slice(contentStart, contentStart + 8));
    if (box) contentStart += box[0].length;
  }
  let firstLineEnd = text.indexOf('\n', contentStart);
  if (firstLineEnd === -1 || firstLineEnd > end) firstLineEnd = end;
  if (firstLineEnd > start && text.charCodeAt(firstLineEnd - 1) === 13) firstLineEnd--;
  model.listItems.push({
    start,
    end,
    checked: node.checked ?? null,
    depth,
    parent,
    contentStart,
    firstLineEnd,
  });
  return model.listItems.length - 1;
}

/** Finds `[label]` in the raw source of a text node; escaped brackets are literal text. */
function scanBrackets(text: string, start: number, end: number, out: BracketModel[]): void {
  const raw = text.slice(start, end);
  if (!raw.includes('[')) return;
  BRACKET.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BRACKET.exec(raw))) {
    if (m.index > 0 && raw[m.index - 1] === '\\') continue;
    const next = /^\[([^\[\]\n]{0,200})\]/.exec(raw.slice(m.index + m[0].length));
    const b: BracketModel = { start: start + m.index, end: start + m.index + m[0].length, label: m[1]! };
    if (next) b.nextLabel = next[1]!;
    out.push(b);
  }
}

function tableModel(node: Table, text: string, topLevel: boolean): TableModel {
  const rows: RowModel[] = node.children.map((row) => ({
    start: startOf(row),
    end: endOf(row),
    cells: row.children.map((cell) => cellModel(text, startOf(cell), endOf(cell))),
  }));
  const header = rows[0]!;
  // The delimiter row is the line after the header row.
  const delimStart = text.indexOf('\n', header.end) + 1;
  let delimEnd = text.indexOf('\n', delimStart);
  if (delimEnd === -1) delimEnd = text.length;
  if (text.charCodeAt(delimEnd - 1) === 13) delimEnd--;
  return {
    start: startOf(node),
    end: endOf(node),
    header,
    delimiter: { start: delimStart, end: delimEnd },
    rows: rows.slice(1),
    align: (node.align ?? []).map((a) => a ?? null),
    topLevel,
  };
}

function cellModel(text: string, s: number, e: number): CellModel {
  let outerStart = s;
  let outerEnd = e;
  if (text[outerStart] === '|') outerStart++;
  if (outerEnd > outerStart && text[outerEnd - 1] === '|' && text[outerEnd - 2] !== '\\') outerEnd--;
  let a = outerStart;
  let b = outerEnd;
  while (a < b && (text[a] === ' ' || text[a] === '\t')) a++;
  while (b > a && (text[b - 1] === ' ' || text[b - 1] === '\t')) b--;
  return { start: a, end: b, text: text.slice(a, b), outerStart, outerEnd };
}
