/**
 * Parses one section and reduces it to a SectionModel (offsets relative to the section).
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
import type { BracketModel, CellModel, HeadingModel, ListItemModel, ParagraphModel, Range, RowModel, SectionModel } from './model.js';
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

export function emptyModel(): SectionModel {
  return { headings: [], tables: [], listItems: [], paragraphs: [], brackets: [], definitions: [], comments: [], code: [] };
}

export function buildSectionModel(text: string): SectionModel {
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
function compact(model: SectionModel): SectionModel {
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

function compile(events: Event[], text: string, model: SectionModel): void {
  const root = frame('root', null);
  const stack: Frame[] = [root];
  let top = root;
  let atHardBreak = false;
  let slurpLineEnding = false;
  let referenceBase = 0;

  const push = (f: Frame): void => {
    stack.push(f);
    top = f;
  };
  const pop = (): Frame => {
    const f = stack.pop()!;
    top = stack[stack.length - 1]!;
    return f;
  };
  const closeRun = (f: Frame): void => {
    if (f.runStart < 0) return;
    if (f.visible) scanBrackets(text, f.runStart, f.runEnd, model.brackets);
    if (f.taskHead && f.headLength < 0) f.headLength = f.value.length;
    f.runStart = -1;
  };
  /** from-markdown's enter(): a new child node of the current node. */
  const openNode = (type: string, token: Token): Frame => {
    const parent = top;
    closeRun(parent);
    if (!parent.hasChild) {
      parent.hasChild = true;
      parent.firstChildStart = token.start.offset;
    }
    const f = frame(type, parent);
    push(f);
    return f;
  };
  /** from-markdown's exit(): the node is done; its text joins the parent's toString(). */
  const closeNode = (): Frame => {
    const f = pop();
    closeRun(f);
    if (top.collect && f.value) top.value += f.value;
    return f;
  };
  /** from-markdown's buffer(): a fragment that collects text outside the tree. */
  const openFragment = (visible: boolean, collect: boolean): void => {
    const f = frame('fragment', top);
    f.visible = visible && top.visible;
    f.collect = collect;
    push(f);
  };
  /** from-markdown's resume(): the fragment's toString(). */
  const resume = (): string => {
    const f = pop();
    closeRun(f);
    return f.value;
  };
  const enterText = (token: Token): void => {
    const f = top;
    if (f.runStart >= 0) return;
    f.runStart = token.start.offset;
    if (!f.hasChild) {
      f.hasChild = true;
      f.firstChildStart = token.start.offset;
      f.firstIsText = true;
    }
  };
  const exitText = (event: Event): void => {
    const f = top;
    f.runEnd = event[1].end.offset;
    if (f.collect) f.value += event[2].sliceSerialize(event[1]);
  };
  const closeItem = (index: number): void => {
    const f = pop();
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
  };

  for (let index = 0; index < events.length; index++) {
    const event = events[index]!;
    const token = event[1];
    const type = token.type;
    if (event[0] === 'enter') {
      if (TEXT_TOKENS.has(type) || type === 'characterEscape' || type === 'characterReference') {
        enterText(token);
        continue;
      }
      if (PLAIN_NODES.has(type)) {
        openNode(type, token);
        continue;
      }
      switch (type) {
        case 'paragraph': {
          const parent = top;
          const firstChild = !parent.hasChild;
          const f = openNode('paragraph', token);
          const p: ParagraphModel = { start: token.start.offset, end: token.end.offset, depth: parent.depth };
          model.paragraphs.push(p);
          f.paragraph = p;
          if (parent.type === 'listItem') {
            if (firstChild) parent.firstChildParagraph = p;
            if (!parent.firstParagraph) parent.firstParagraph = p;
          }
          break;
        }
        case 'atxHeading':
        case 'setextHeading': {
          const f = openNode('heading', token);
          f.collect = true;
          f.heading = { start: token.start.offset, end: token.end.offset, depth: 0, text: '', textStart: 0 };
          model.headings.push(f.heading);
          break;
        }
        case 'listItemPrefix': {
          // from-markdown's prepareList inserts a listItem node here.
          if (top.type === 'listItem') closeItem(index);
          const list = top;
          const f = openNode('listItem', token);
          const item: ListItemModel = {
            start: token.start.offset,
            end: token.end.offset,
            checked: null,
            depth: list.depth,
            parent: list.item,
            contentStart: 0,
            firstLineEnd: 0,
          };
          model.listItems.push(item);
          f.listItem = item;
          f.item = model.listItems.length - 1;
          f.depth = list.depth + 1;
          break;
        }
        case 'listOrdered':
        case 'listUnordered':
          openNode('list', token);
          break;
        case 'blockQuote':
          openNode('blockquote', token).depth++;
          break;
        case 'hardBreakEscape':
        case 'hardBreakTrailing':
          openNode(type, token);
          break;
        case 'tableRow':
          openNode(type, token).cells = [];
          break;
        case 'table': {
          const f = openNode('table', token);
          f.rows = [];
          break;
        }
        case 'tableHeader':
        case 'tableData': {
          const row = top;
          openNode('tableCell', token);
          row.cells!.push(cellModel(text, token.start.offset, token.end.offset));
          break;
        }
        case 'codeFenced':
        case 'codeIndented': {
          // Code is a leaf whose content is a fragment outside the tree: skip to its end.
          openNode('code', token);
          closeNode();
          if (top.visible) model.code.push({ start: token.start.offset, end: token.end.offset });
          while (++index < events.length && !(events[index]![0] === 'exit' && events[index]![1] === token));
          break;
        }
        case 'codeText': {
          const f = openNode('inlineCode', token);
          if (f.visible) model.code.push({ start: token.start.offset, end: token.end.offset });
          openFragment(false, f.collect);
          break;
        }
        case 'htmlFlow':
        case 'htmlText':
          openNode('html', token);
          openFragment(false, true);
          break;
        case 'label':
          // A link's label becomes its children; an image's is its alt text.
          openFragment(top.type === 'link', top.collect);
          break;
        case 'definitionLabelString':
        case 'gfmFootnoteDefinitionLabelString':
          openFragment(false, true);
          break;
        default:
          if (HIDDEN_STRINGS.has(type)) openFragment(false, false);
          break;
      }
      continue;
    }

    if (TEXT_TOKENS.has(type) || type === 'characterEscapeValue') {
      exitText(event);
      continue;
    }
    if (PLAIN_NODES.has(type)) {
      closeNode();
      continue;
    }
    switch (type) {
      case 'characterReferenceMarkerNumeric':
        referenceBase = 10;
        break;
      case 'characterReferenceMarkerHexadecimal':
        referenceBase = 16;
        break;
      case 'characterReferenceValue':
        if (top.collect) {
          const raw = event[2].sliceSerialize(token);
          top.value += referenceBase ? decodeNumericCharacterReference(raw, referenceBase) : String(decodeNamedCharacterReference(raw));
        }
        referenceBase = 0;
        break;
      case 'characterReference':
        top.runEnd = token.end.offset;
        break;
      case 'lineEnding':
        if (atHardBreak) {
          atHardBreak = false;
        } else if (!slurpLineEnding && top.eols) {
          enterText(token);
          exitText(event);
        }
        break;
      case 'hardBreakEscape':
      case 'hardBreakTrailing':
        atHardBreak = true;
        closeNode();
        break;
      case 'paragraph': {
        const f = top;
        const parent = stack[stack.length - 2]!;
        closeRun(f);
        // mdast-util-gfm-task-list-item: the head text loses its first character (the space after
        // the checkbox); if text remains, the paragraph starts one character later.
        if (parent.type === 'listItem' && parent.listItem!.checked !== null && f.firstIsText && parent.firstParagraph === f.paragraph && f.headLength > 1) {
          f.paragraph!.start = f.firstChildStart + 1;
        }
        closeNode();
        break;
      }
      case 'taskListCheckValueChecked':
      case 'taskListCheckValueUnchecked': {
        const parent = stack[stack.length - 2]!;
        if (parent.listItem) parent.listItem.checked = type === 'taskListCheckValueChecked';
        top.taskHead = true;
        top.collect = true;
        break;
      }
      case 'atxHeadingSequence': {
        const heading = top.heading;
        if (heading && !heading.depth) heading.depth = token.end.offset - token.start.offset;
        break;
      }
      case 'setextHeadingText':
        slurpLineEnding = true;
        break;
      case 'setextHeadingLineSequence':
        if (top.heading) top.heading.depth = text.charCodeAt(token.start.offset) === 61 ? 1 : 2;
        break;
      case 'atxHeading':
      case 'setextHeading': {
        if (type === 'setextHeading') slurpLineEnding = false;
        const f = closeNode();
        const heading = f.heading!;
        heading.text = f.value;
        heading.textStart = f.hasChild ? f.firstChildStart : heading.end;
        break;
      }
      case 'listOrdered':
      case 'listUnordered':
        if (top.type === 'listItem') closeItem(index);
        closeNode();
        break;
      case 'tableRow': {
        const f = closeNode();
        top.rows!.push({ start: token.start.offset, end: token.end.offset, cells: f.cells! });
        break;
      }
      case 'table': {
        const f = closeNode();
        const rows = f.rows!;
        const header = rows[0]!;
        const align = ((token as Token & { _align?: string[] })._align ?? []).map((a) => (a === 'none' ? null : a) as 'left' | 'right' | 'center' | null);
        model.tables.push({
          start: token.start.offset,
          end: token.end.offset,
          header,
          delimiter: delimiterRow(text, header.end),
          rows: rows.slice(1),
          align,
          topLevel: top.depth === 0,
        });
        break;
      }
      case 'tableHeader':
      case 'tableData':
      case 'blockQuote':
        closeNode();
        break;
      case 'codeText': {
        const value = resume();
        closeNode();
        if (top.collect) top.value += value;
        break;
      }
      case 'htmlFlow':
      case 'htmlText': {
        const value = resume();
        const visible = top.visible;
        const start = token.start.offset;
        closeNode();
        if (top.collect) top.value += value;
        const m = visible && value.startsWith('<!--') ? /^<!--([\s\S]*?)-->/.exec(value) : null;
        if (m) model.comments.push({ start, end: start + m[0].length, body: m[1]!.trim() });
        break;
      }
      case 'label': {
        // A link's toString() is its label's; an image's is its alt text.
        const value = resume();
        if (top.collect) top.value += value;
        break;
      }
      case 'definitionLabelString':
      case 'gfmFootnoteDefinitionLabelString':
        model.definitions.push(normalizeLabel(resume()));
        break;
      default:
        if (HIDDEN_STRINGS.has(type)) resume();
        break;
    }
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
