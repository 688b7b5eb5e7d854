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
import type { RowModel, ChunkModel, TableModel } from '../../../src/core/model.js';
import { normalizeLabel } from '../../../src/core/model.js';
// Range-level helpers shared with the core: what this oracle checks is which source ranges the
// tree's nodes give them (text nodes, cells, the header row), not the helpers themselves.
import { cellModel, delimiterRow, emptyModel, scanBrackets } from '../../../src/core/parse.js';

const processor = unified().use(remarkParse).use(remarkGfm).freeze();

export function parseTree(text: string): Root {
  return processor.parse(text) as Root;
}

/**
 * True when the last build met text nodes without positions (made by remark-gfm's autolink-literal
 * transform): their brackets are invisible to this builder (it scans a text node's source range).
 */
export let lostPositions = false;

export function buildSectionModelFromTree(text: string): ChunkModel {
  lostPositions = false;
  const model = emptyModel();
  try {
    walk(parseTree(text), model, text, 0, -1);
  } catch (err) {
    // Containers nested thousands deep (`- - - - …`, `> > > …`) overflow the stack of the
    // parser's recursive tree transforms (and of this walk). lint() must not throw: such a
    // section yields an empty model, as if it had no structure.
    if (!(err instanceof RangeError)) throw err;
    return emptyModel();
  }
  return model;
}

function startOf(n: Nodes): number {
  return n.position?.start.offset ?? 0;
}
function endOf(n: Nodes): number {
  return n.position?.end.offset ?? 0;
}

function walk(node: Nodes, model: ChunkModel, text: string, depth: number, parentItem: number): void {
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

function listItem(node: ListItem, model: ChunkModel, text: string, depth: number, parent: number): number {
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

function tableModel(node: Table, text: string, topLevel: boolean): TableModel {
  const rows: RowModel[] = node.children.map((row) => ({
    start: startOf(row),
    end: endOf(row),
    cells: row.children.map((cell) => cellModel(text, startOf(cell), endOf(cell))),
  }));
  const header = rows[0]!;
  return {
    start: startOf(node),
    end: endOf(node),
    header,
    delimiter: delimiterRow(text, header.end),
    rows: rows.slice(1),
    align: (node.align ?? []).map((a) => a ?? null),
    topLevel,
  };
}
