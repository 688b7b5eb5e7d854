/**
 * Parses one section and reduces it to a ChunkModel (offsets relative to the section).
 *
 * The tokenizer is micromark with the GFM extensions — exactly what remark-parse + remark-gfm run —
 * but the model is built from micromark's events directly, without compiling an mdast tree
 * (mdast-util-from-markdown): the tree cost about a third of the parse time and most of the
 * memory churn (every node, every position object), and the model needs a small part of it.
 *
 * This compiler mirrors mdast-util-from-markdown (and its GFM extensions) for what the model
 * reads: which tokens open nodes, how adjacent text tokens merge into one text node (the bracket
 * scan runs over each text node's source range), the toString() of headings, where list items end
 * (from-markdown's `prepareList`), how a task-list checkbox moves its paragraph's start, which
 * content lives in "fragments" outside the tree (image alt text, link destinations, code). It is
 * checked against a builder over the real mdast tree (test/core/oracle/mdast-model.ts) on every
 * fixture, example and generated document and on random markdown (test/core/parse.test.ts).
 *
 * Two GFM constructs are tried only where they can occur — a table needs a `|` or a delimiter row
 * with an alignment colon, the autolink literals need `www.`, `http://`, `https://` or an `@`
 * (micromark's own start conditions) — so a section without them is tokenized with the other extensions only:
 * same events, less work (they were ~45 % of the tokenizing time on a partnership folder).
 *
 * Deliberate difference from the tree: remark-gfm's autolink-literal *transform* (a regex pass
 * over finished text nodes that catches literals the tokenizer left alone) is not run. It only
 * turns text into links, and the text nodes it makes have no positions, so a bracket in such a
 * paragraph (`Ask [Owner] at a@b.co` in some contexts) was invisible before; now it is found.
 */
import { parse, postprocess, preprocess } from 'micromark';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { Event, Extension, Token } from 'micromark-util-types';
import type { BracketModel, CellModel, HeadingModel, ListItemModel, ParagraphModel, Range, RowModel, ChunkModel } from './model.js';
import { internText } from './memo.js';
import { normalizeLabel } from './model.js';

const autolink = gfmAutolinkLiteral();
const footnote = gfmFootnote();
const strikethrough = gfmStrikethrough();
const table = gfmTable();
const taskList = gfmTaskListItem();
/**
 * The extension lists, in micromark-extension-gfm's order, by [has a pipe] + 2 × [has an autolink
 * trigger]. The same array objects every call: the bundle memoises micromark's combineExtensions
 * by the array's identity (scripts/build.mjs).
 */
const EXTENSIONS: Extension[][] = [
  [footnote, strikethrough, taskList],
  [footnote, strikethrough, table, taskList],
  [autolink, footnote, strikethrough, taskList],
  [autolink, footnote, strikethrough, table, taskList],
];
const AUTOLINK_TRIGGER = /https?:\/\/|www\.|@/i;
/**
 * A GFM table needs a delimiter row with a pipe or an alignment colon (micromark-extension-gfm-
 * table's `seen`); the header row needs neither (`www.` over `:--` is a one-column table).
 */
const PIPELESS_DELIMITER_ROW = /^[ \t]*(?::-|-+:[ \t]*$)/m;

/** micromark's events for one text, with the GFM constructs that can occur in it. */
export function sectionEvents(text: string): Event[] {
  const hasTable = text.includes('|') || PIPELESS_DELIMITER_ROW.test(text);
  const extensions = EXTENSIONS[(hasTable ? 1 : 0) + (AUTOLINK_TRIGGER.test(text) ? 2 : 0)]!;
  return postprocess(parse({ extensions }).document().write(preprocess()(text, undefined, true)));
}

/** The full GFM extension list: what remark-gfm gives micromark (for the tests). */
export const ALL_GFM_EXTENSIONS = EXTENSIONS[3]!;

export function emptyModel(): ChunkModel {
  return { headings: [], tables: [], listItems: [], paragraphs: [], brackets: [], definitions: [], comments: [], code: [] };
}

export function buildSectionModel(text: string): ChunkModel {
  const model = emptyModel();
  try {
    compile(sectionEvents(text), text, model);
  } catch (err) {
    // Containers nested thousands deep (`- - - - …`, `> > > …`) can overflow the stack of the
    // tokenizer. lint() must not throw: such a section yields an empty model, as if it had no
    // structure.
    if (!(err instanceof RangeError)) throw err;
    return emptyModel();
  }
  return compact(model);
}

/**
 * The one empty array of every section model that has none of something (most sections have no
 * table, no comment, no code…): frozen, as models are never changed once built.
 */
export const NO_ITEMS: readonly never[] = Object.freeze([]);

/**
 * The model's arrays at their exact size. An array grown by push keeps room for more (V8 gives a
 * one-element array room for 17): across the ~10,000 sections and ~30,000 table rows of a 5 MB
 * document, that spare room was ~10 MB of a model kept for as long as the section is cached.
 */
function compact(model: ChunkModel): ChunkModel {
  const exact = <T>(xs: T[]): T[] => (xs.length === 0 ? (NO_ITEMS as unknown as T[]) : xs.slice());
  for (const t of model.tables) {
    t.header.cells = exact(t.header.cells);
    for (const r of t.rows) r.cells = exact(r.cells);
    t.rows = exact(t.rows);
  }
  for (const key of ['headings', 'tables', 'listItems', 'paragraphs', 'brackets', 'definitions', 'comments', 'code'] as const) {
    (model[key] as unknown[]) = exact(model[key] as unknown[]);
  }
  return model;
}

/** A node (or fragment) of the mdast tree that from-markdown would build, reduced to what we read. */
interface Frame {
  /** mdast node type, or 'fragment' for from-markdown's buffer(). */
  type: string;
  /** Nesting depth that this node's children get (the tree walk's depth: lists and quotes nest). */
  depth: number;
  /** Index of the enclosing list item (this one, for a list item) in model.listItems, or -1. */
  item: number;
  /** Text nodes here are part of the tree (not of an image's alt text, a URL, code…). */
  visible: boolean;
  /** from-markdown's canContainEols: a line ending here is text. */
  eols: boolean;
  /** Accumulate this node's toString() in `value`. */
  collect: boolean;
  value: string;
  /** The source range of the open text node (the last child is a text node), or runStart -1. */
  runStart: number;
  runEnd: number;
  /** Whether any child node was added, and the first child's start offset. */
  hasChild: boolean;
  firstChildStart: number;
  firstIsText: boolean;
  /** Per type: the model entry (heading, paragraph, list item), table rows, the first paragraph child… */
  heading: HeadingModel | null;
  paragraph: ParagraphModel | null;
  listItem: ListItemModel | null;
  firstChildParagraph: ParagraphModel | null;
  firstParagraph: ParagraphModel | null;
  rows: RowModel[] | null;
  cells: CellModel[] | null;
  /** A task item's paragraph: the value length of its head text node, once closed (-1: none). */
  taskHead: boolean;
  headLength: number;
}

function frame(type: string, parent: Frame | null): Frame {
  return {
    type,
    depth: parent ? parent.depth : 0,
    item: parent ? parent.item : -1,
    visible: parent ? parent.visible : true,
    eols: type === 'paragraph' || type === 'heading' || type === 'emphasis' || type === 'strong' || type === 'fragment',
    collect: parent ? parent.collect : false,
    value: '',
    runStart: -1,
    runEnd: -1,
    hasChild: false,
    firstChildStart: -1,
    firstIsText: false,
    heading: null,
    paragraph: null,
    listItem: null,
    firstChildParagraph: null,
    firstParagraph: null,
    rows: null,
    cells: null,
    taskHead: false,
    headLength: -1,
  };
}

const BRACKET = /\[([^\[\]\n]{1,200})\]/g;
/**
 * Tokens whose enter and exit are from-markdown's onenterdata / onexitdata: text of the current
 * node (a character escape enters as `characterEscape` and exits as its `characterEscapeValue`;
 * a character reference exits in steps, below).
 */
const TEXT_TOKENS = new Set(['data', 'codeTextData', 'htmlFlowData', 'htmlTextData', 'autolinkProtocol', 'autolinkEmail', 'literalAutolinkEmail', 'literalAutolinkHttp', 'literalAutolinkWww']);
/** Tokens that open a node of their own and need nothing else on enter or exit. */
const PLAIN_NODES = new Set(['emphasis', 'strong', 'strikethrough', 'link', 'autolink', 'literalAutolink', 'image', 'thematicBreak', 'definition', 'gfmFootnoteDefinition', 'gfmFootnoteCall']);
/**
 * Strings from-markdown collects into a fragment (buffer/resume) and keeps out of the tree: link
 * and image destinations, titles and reference strings, a footnote call's label. Their text is
 * not the document's visible text, so it is compiled and dropped.
 */
const HIDDEN_STRINGS = new Set([
  'definitionDestinationString',
  'definitionTitleString',
  'referenceString',
  'resourceDestinationString',
  'resourceTitleString',
  'gfmFootnoteCallString',
]);
const LINE_PREFIXES = new Set(['linePrefix', 'blockQuotePrefix', 'blockQuotePrefixWhitespace', 'blockQuoteMarker', 'listItemIndent']);

/** The walk over one section's events: from-markdown's compiler state, reduced to what the model needs. */
class Compiler {
  readonly stack: Frame[];
  /** The innermost open node or fragment. */
  top: Frame;
  /** The next line ending belongs to a hard break (it is not text). */
  atHardBreak = false;
  /** Inside a setext heading's text: its line endings are not text either. */
  slurpLineEnding = false;
  /** A numeric character reference's base (10, 16), 0 for a named one. */
  referenceBase = 0;

  constructor(
    readonly events: Event[],
    readonly text: string,
    readonly model: ChunkModel,
  ) {
    this.top = frame('root', null);
    this.stack = [this.top];
  }

  push(f: Frame): void {
    this.stack.push(f);
    this.top = f;
  }

  pop(): Frame {
    const f = this.stack.pop()!;
    this.top = this.stack[this.stack.length - 1]!;
    return f;
  }

  /** The node enclosing the current one. */
  parent(): Frame {
    return this.stack[this.stack.length - 2]!;
  }

  closeRun(f: Frame): void {
    if (f.runStart < 0) return;
    if (f.visible) scanBrackets(this.text, f.runStart, f.runEnd, this.model.brackets);
    if (f.taskHead && f.headLength < 0) f.headLength = f.value.length;
    f.runStart = -1;
  }

  /** from-markdown's enter(): a new child node of the current node. */
  openNode(type: string, token: Token): Frame {
    const parent = this.top;
    this.closeRun(parent);
    if (!parent.hasChild) {
      parent.hasChild = true;
      parent.firstChildStart = token.start.offset;
    }
    const f = frame(type, parent);
    this.push(f);
    return f;
  }

  /** from-markdown's exit(): the node is done; its text joins the parent's toString(). */
  closeNode(): Frame {
    const f = this.pop();
    this.closeRun(f);
    if (this.top.collect && f.value) this.top.value += f.value;
    return f;
  }

  /** from-markdown's buffer(): a fragment that collects text outside the tree. */
  openFragment(visible: boolean, collect: boolean): void {
    const f = frame('fragment', this.top);
    f.visible = visible && this.top.visible;
    f.collect = collect;
    this.push(f);
  }

  /** from-markdown's resume(): the fragment's toString(). */
  resume(): string {
    const f = this.pop();
    this.closeRun(f);
    return f.value;
  }

  /** Adds `value` to the current node's toString(), if it collects one. */
  collect(value: string): void {
    if (this.top.collect) this.top.value += value;
  }

  enterText(token: Token): void {
    const f = this.top;
    if (f.runStart >= 0) return;
    f.runStart = token.start.offset;
    if (!f.hasChild) {
      f.hasChild = true;
      f.firstChildStart = token.start.offset;
      f.firstIsText = true;
    }
  }

  exitText(event: Event): void {
    const f = this.top;
    f.runEnd = event[1].end.offset;
    if (f.collect) f.value += event[2].sliceSerialize(event[1]);
  }

  /** Closes the current list item, whose list goes on at events[index] (the next item or the list's exit). */
  closeItem(index: number): void {
    const { events, text } = this;
    const f = this.pop();
    const item = f.listItem!;
    // from-markdown's prepareList: the item ends where the run of line endings and line prefixes
    // before the next item (or the list's end) starts.
    let lineIndex = -1;
    let tail = index;
    while (tail--) {
      const e = events[tail]!;
      const type = e[1].type;
      if (type === 'lineEnding' || type === 'lineEndingBlank') {
        if (e[0] === 'exit') continue;
        lineIndex = tail;
      } else if (!LINE_PREFIXES.has(type)) {
        break;
      }
    }
    const end = lineIndex > 0 /* from-markdown tests it for truthiness */ ? events[lineIndex]![1].start.offset : events[index]![1].end.offset;
    item.end = end;
    let contentStart = f.firstChildParagraph ? f.firstChildParagraph.start : f.hasChild ? f.firstChildStart : end;
    if (item.checked !== null) {
      // remark-gfm moves the paragraph start past `[ ] ` only when the text after it is plain
      // text; with emphasis first it points at the checkbox. Skip the checkbox either way.
      const box = /^\[[ xX]\][ \t]*/.exec(text.slice(contentStart, contentStart + 8));
      if (box) contentStart += box[0].length;
    }
    let firstLineEnd = text.indexOf('\n', contentStart);
    if (firstLineEnd === -1 || firstLineEnd > end) firstLineEnd = end;
    if (firstLineEnd > item.start && text.charCodeAt(firstLineEnd - 1) === 13) firstLineEnd--;
    item.contentStart = contentStart;
    item.firstLineEnd = firstLineEnd;
  }
}

/**
 * What an event does to the model: the handler of its token type, on enter or on exit. `index`
 * is the event's; a handler that consumes the events after it returns the index of the last one.
 */
type Handler = (c: Compiler, token: Token, event: Event, index: number) => number | void;

const ON_ENTER = new Map<string, Handler>();
const ON_EXIT = new Map<string, Handler>();

/** Registers `handler` for token types that have none yet in `table` (one handler per type). */
function on(table: Map<string, Handler>, types: Iterable<string>, handler: Handler): void {
  for (const type of types) {
    if (table.has(type)) throw new Error(`parse.ts: two handlers for ${type}`);
    table.set(type, handler);
  }
}

// ─── Text ───────────────────────────────────────────────────────────────────────────────────

on(ON_ENTER, [...TEXT_TOKENS, 'characterEscape', 'characterReference'], (c, token) => c.enterText(token));
on(ON_EXIT, [...TEXT_TOKENS, 'characterEscapeValue'], (c, _token, event) => c.exitText(event));
on(ON_EXIT, ['characterReferenceMarkerNumeric'], (c) => {
  c.referenceBase = 10;
});
on(ON_EXIT, ['characterReferenceMarkerHexadecimal'], (c) => {
  c.referenceBase = 16;
});
on(ON_EXIT, ['characterReferenceValue'], (c, token, event) => {
  if (c.top.collect) {
    const raw = event[2].sliceSerialize(token);
    c.top.value += c.referenceBase ? decodeNumericCharacterReference(raw, c.referenceBase) : String(decodeNamedCharacterReference(raw));
  }
  c.referenceBase = 0;
});
on(ON_EXIT, ['characterReference'], (c, token) => {
  c.top.runEnd = token.end.offset;
});
on(ON_EXIT, ['lineEnding'], (c, token, event) => {
  if (c.atHardBreak) {
    c.atHardBreak = false;
  } else if (!c.slurpLineEnding && c.top.eols) {
    c.enterText(token);
    c.exitText(event);
  }
});

// ─── Nodes with nothing to record ───────────────────────────────────────────────────────────

on(ON_ENTER, PLAIN_NODES, (c, token) => {
  c.openNode(token.type, token);
});
on(ON_EXIT, PLAIN_NODES, (c) => {
  c.closeNode();
});
on(ON_ENTER, ['hardBreakEscape', 'hardBreakTrailing'], (c, token) => {
  c.openNode(token.type, token);
});
on(ON_EXIT, ['hardBreakEscape', 'hardBreakTrailing'], (c) => {
  c.atHardBreak = true;
  c.closeNode();
});
on(ON_ENTER, ['blockQuote'], (c, token) => {
  c.openNode('blockquote', token).depth++;
});
on(ON_EXIT, ['blockQuote'], (c) => {
  c.closeNode();
});

// ─── Paragraphs ─────────────────────────────────────────────────────────────────────────────

on(ON_ENTER, ['paragraph'], (c, token) => {
  const parent = c.top;
  const firstChild = !parent.hasChild;
  const f = c.openNode('paragraph', token);
  const p: ParagraphModel = { start: token.start.offset, end: token.end.offset, depth: parent.depth };
  c.model.paragraphs.push(p);
  f.paragraph = p;
  if (parent.type === 'listItem') {
    if (firstChild) parent.firstChildParagraph = p;
    if (!parent.firstParagraph) parent.firstParagraph = p;
  }
});
on(ON_EXIT, ['paragraph'], (c) => {
  const f = c.top;
  const parent = c.parent();
  c.closeRun(f);
  // mdast-util-gfm-task-list-item: the head text loses its first character (the space after
  // the checkbox); if text remains, the paragraph starts one character later.
  if (parent.type === 'listItem' && parent.listItem!.checked !== null && f.firstIsText && parent.firstParagraph === f.paragraph && f.headLength > 1) {
    f.paragraph!.start = f.firstChildStart + 1;
  }
  c.closeNode();
});

// ─── Headings ───────────────────────────────────────────────────────────────────────────────

on(ON_ENTER, ['atxHeading', 'setextHeading'], (c, token) => {
  const f = c.openNode('heading', token);
  f.collect = true;
  f.heading = { start: token.start.offset, end: token.end.offset, depth: 0, text: '', textStart: 0 };
  c.model.headings.push(f.heading);
});
on(ON_EXIT, ['atxHeadingSequence'], (c, token) => {
  const heading = c.top.heading;
  if (heading && !heading.depth) heading.depth = token.end.offset - token.start.offset;
});
on(ON_EXIT, ['setextHeadingText'], (c) => {
  c.slurpLineEnding = true;
});
on(ON_EXIT, ['setextHeadingLineSequence'], (c, token) => {
  if (c.top.heading) c.top.heading.depth = c.text.charCodeAt(token.start.offset) === 61 ? 1 : 2;
});
on(ON_EXIT, ['atxHeading', 'setextHeading'], (c, token) => {
  if (token.type === 'setextHeading') c.slurpLineEnding = false;
  const f = c.closeNode();
  const heading = f.heading!;
  heading.text = f.value;
  heading.textStart = f.hasChild ? f.firstChildStart : heading.end;
});

// ─── Lists ──────────────────────────────────────────────────────────────────────────────────

on(ON_ENTER, ['listOrdered', 'listUnordered'], (c, token) => {
  c.openNode('list', token);
});
on(ON_EXIT, ['listOrdered', 'listUnordered'], (c, _token, _event, index) => {
  if (c.top.type === 'listItem') c.closeItem(index);
  c.closeNode();
});
on(ON_ENTER, ['listItemPrefix'], (c, token, _event, index) => {
  // from-markdown's prepareList inserts a listItem node here.
  if (c.top.type === 'listItem') c.closeItem(index);
  const list = c.top;
  const f = c.openNode('listItem', token);
  const item: ListItemModel = {
    start: token.start.offset,
    end: token.end.offset,
    checked: null,
    depth: list.depth,
    parent: list.item,
    contentStart: 0,
    firstLineEnd: 0,
  };
  c.model.listItems.push(item);
  f.listItem = item;
  f.item = c.model.listItems.length - 1;
  f.depth = list.depth + 1;
});
on(ON_EXIT, ['taskListCheckValueChecked', 'taskListCheckValueUnchecked'], (c, token) => {
  const parent = c.parent();
  if (parent.listItem) parent.listItem.checked = token.type === 'taskListCheckValueChecked';
  c.top.taskHead = true;
  c.top.collect = true;
});

// ─── Tables ─────────────────────────────────────────────────────────────────────────────────

on(ON_ENTER, ['table'], (c, token) => {
  c.openNode('table', token).rows = [];
});
on(ON_EXIT, ['table'], (c, token) => {
  const f = c.closeNode();
  const rows = f.rows!;
  const header = rows[0]!;
  const align = ((token as Token & { _align?: string[] })._align ?? []).map((a) => (a === 'none' ? null : a) as 'left' | 'right' | 'center' | null);
  c.model.tables.push({
    start: token.start.offset,
    end: token.end.offset,
    header,
    delimiter: delimiterRow(c.text, header.end),
    rows: rows.slice(1),
    align,
    topLevel: c.top.depth === 0,
  });
});
on(ON_ENTER, ['tableRow'], (c, token) => {
  c.openNode('tableRow', token).cells = [];
});
on(ON_EXIT, ['tableRow'], (c, token) => {
  const f = c.closeNode();
  c.top.rows!.push({ start: token.start.offset, end: token.end.offset, cells: f.cells! });
});
on(ON_ENTER, ['tableHeader', 'tableData'], (c, token) => {
  const row = c.top;
  c.openNode('tableCell', token);
  row.cells!.push(cellModel(c.text, token.start.offset, token.end.offset));
});
on(ON_EXIT, ['tableHeader', 'tableData'], (c) => {
  c.closeNode();
});

// ─── Code and HTML ──────────────────────────────────────────────────────────────────────────

on(ON_ENTER, ['codeFenced', 'codeIndented'], (c, token, _event, index) => {
  // Code is a leaf whose content is a fragment outside the tree: skip to its end.
  c.openNode('code', token);
  c.closeNode();
  if (c.top.visible) c.model.code.push({ start: token.start.offset, end: token.end.offset });
  const { events } = c;
  while (++index < events.length && !(events[index]![0] === 'exit' && events[index]![1] === token));
  return index;
});
on(ON_ENTER, ['codeText'], (c, token) => {
  const f = c.openNode('inlineCode', token);
  if (f.visible) c.model.code.push({ start: token.start.offset, end: token.end.offset });
  c.openFragment(false, f.collect);
});
on(ON_EXIT, ['codeText'], (c) => {
  const value = c.resume();
  c.closeNode();
  c.collect(value);
});
on(ON_ENTER, ['htmlFlow', 'htmlText'], (c, token) => {
  c.openNode('html', token);
  c.openFragment(false, true);
});
on(ON_EXIT, ['htmlFlow', 'htmlText'], (c, token) => {
  const value = c.resume();
  const visible = c.top.visible;
  const start = token.start.offset;
  c.closeNode();
  c.collect(value);
  const m = visible && value.startsWith('<!--') ? /^<!--([\s\S]*?)-->/.exec(value) : null;
  if (m) c.model.comments.push({ start, end: start + m[0].length, body: m[1]!.trim() });
});

// ─── Links, images, definitions: strings kept in fragments ──────────────────────────────────

on(ON_ENTER, ['label'], (c) => {
  // A link's label becomes its children; an image's is its alt text.
  c.openFragment(c.top.type === 'link', c.top.collect);
});
on(ON_EXIT, ['label'], (c) => {
  // A link's toString() is its label's; an image's is its alt text.
  c.collect(c.resume());
});
on(ON_ENTER, ['definitionLabelString', 'gfmFootnoteDefinitionLabelString'], (c) => c.openFragment(false, true));
on(ON_EXIT, ['definitionLabelString', 'gfmFootnoteDefinitionLabelString'], (c) => {
  c.model.definitions.push(normalizeLabel(c.resume()));
});
on(ON_ENTER, HIDDEN_STRINGS, (c) => c.openFragment(false, false));
on(ON_EXIT, HIDDEN_STRINGS, (c) => {
  c.resume();
});

function compile(events: Event[], text: string, model: ChunkModel): void {
  const c = new Compiler(events, text, model);
  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    const token = event[1];
    const handler = (event[0] === 'enter' ? ON_ENTER : ON_EXIT).get(token.type);
    if (!handler) continue;
    const next = handler(c, token, event, index);
    if (next !== undefined) index = next;
  }
}

/** Finds `[label]` in the raw source of a text node; escaped brackets are literal text. */
export function scanBrackets(text: string, start: number, end: number, out: BracketModel[]): void {
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

/** A cell's ranges from its token's range (which includes the leading pipe and padding). */
export function cellModel(text: string, s: number, e: number): CellModel {
  let outerStart = s;
  let outerEnd = e;
  if (text[outerStart] === '|') outerStart++;
  if (outerEnd > outerStart && text[outerEnd - 1] === '|' && text[outerEnd - 2] !== '\\') outerEnd--;
  let a = outerStart;
  let b = outerEnd;
  while (a < b && (text[a] === ' ' || text[a] === '\t')) a++;
  while (b > a && (text[b - 1] === ' ' || text[b - 1] === '\t')) b--;
  return { start: a, end: b, text: internText(text.slice(a, b)), outerStart, outerEnd };
}

/** The delimiter row (`|---|:--:|`): the line after the header row. */
export function delimiterRow(text: string, headerEnd: number): Range {
  const start = text.indexOf('\n', headerEnd) + 1;
  let end = text.indexOf('\n', start);
  if (end === -1) end = text.length;
  if (text.charCodeAt(end - 1) === 13) end--;
  return { start, end };
}
