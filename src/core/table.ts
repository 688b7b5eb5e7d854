/**
 * Tidy table fixes (spec §7.2). A fix that rewrites table cells keeps the table as the author
 * laid it out:
 *
 * - a *padded* table (every column's cells, header and delimiter included, have one common
 *   display width between the pipes, and some cell actually carries padding) is re-padded as a
 *   whole, by display width (string-width: emoji such as ✅ ⚠️ 🔴 count as two columns), keeping
 *   each column's justification (left / right / centre, read from the cells) and margins, and
 *   the delimiter row's alignment colons; only lines whose text changes get an edit;
 * - any other table is edited cell by cell, and nothing else moves.
 *
 * Content of cells other than the replaced ones is never changed, and no line outside the
 * table is touched.
 */
import { displayWidth } from './width.js';
import { lineBounds } from './positions.js';
import type { CellModel, TableModel } from './model.js';
import type { OffsetEdit } from './types.js';

export interface CellReplacement {
  cell: CellModel;
  text: string;
}

/** A table's padded layout is computed once per table model (models are fresh per lint). */
const layouts = new WeakMap<TableModel, PaddedTable | null>();

interface LineLayout {
  /** Line range in the document. */
  start: number;
  end: number;
  /** Text before the first cell's outer range (indent and the leading pipe). */
  prefix: string;
  /** Text after the last cell's outer range (the trailing pipe and anything after). */
  suffix: string;
  /** Outer texts (between the pipes) of the cells. */
  outers: string[];
  /** Per cell: the replaced content, if any. */
  contents: string[];
  delimiter: boolean;
}

type Justify = 'left' | 'right' | 'center';

/**
 * Edits that replace the given cells' contents in `table`, re-padding the table when it was
 * padded. Replacements for cells not in `table` are applied as plain cell edits.
 */
export function cellReplacementEdits(text: string, table: TableModel, replacements: CellReplacement[]): OffsetEdit[] {
  if (replacements.length === 0) return [];
  let padded = layouts.get(table);
  if (padded === undefined) {
    padded = paddedLayout(text, table);
    layouts.set(table, padded);
  }
  if (padded) {
    const edits = repad(text, padded, replacements);
    if (edits) return edits;
  }
  return replacements.map((r) => plainEdit(text, r));
}

/** Edit of one cell in place; an empty cell gets a space either side of the new content. */
function plainEdit(text: string, r: CellReplacement): OffsetEdit {
  const { cell } = r;
  if (cell.start === cell.end) {
    return { start: cell.outerStart, end: cell.outerEnd, text: r.text === '' ? text.slice(cell.outerStart, cell.outerEnd) : ` ${r.text} ` };
  }
  return { start: cell.start, end: cell.end, text: r.text };
}

interface PaddedTable {
  lines: LineLayout[];
  /** Cells by line (null for the delimiter line), for locating replacements. */
  cells: Array<CellModel[] | null>;
  columns: number;
}

/** The table's line layout when it is padded (see the module comment), else null. */
function paddedLayout(text: string, table: TableModel): PaddedTable | null {
  const rows = [table.header, ...table.rows];
  const columns = table.header.cells.length;
  if (columns === 0) return null;
  const lines: LineLayout[] = [];
  const cells: Array<CellModel[] | null> = [];
  for (const [i, row] of rows.entries()) {
    if (row.cells.length !== columns) return null;
    const layout = rowLayout(text, row.cells);
    if (!layout) return null;
    lines.push(layout);
    cells.push(row.cells);
    if (i === 0) {
      const d = delimiterLayout(text, table, columns);
      if (!d) return null;
      lines.push(d);
      cells.push(null);
    }
  }
  // Every line on its own line; one row per line.
  for (let i = 1; i < lines.length; i++) if (lines[i]!.start <= lines[i - 1]!.end) return null;

  let evidence = false;
  for (let c = 0; c < columns; c++) {
    const width = displayWidth(lines[0]!.outers[c]!);
    for (const l of lines) if (displayWidth(l.outers[c]!) !== width) return null;
    // Padding evidence: some content cell narrower than its column's content width.
    const contentWidths = lines.filter((l) => !l.delimiter).map((l) => displayWidth(l.outers[c]!.trim()));
    if (contentWidths.some((w) => w !== contentWidths[0])) evidence = true;
  }
  return evidence ? { lines, cells, columns } : null;
}

function rowLayout(text: string, rowCells: CellModel[]): LineLayout | null {
  const first = rowCells[0]!;
  const last = rowCells[rowCells.length - 1]!;
  const { start, end } = lineBounds(text, first.outerStart);
  if (last.outerEnd > end) return null;
  const prefix = text.slice(start, first.outerStart);
  const suffix = text.slice(last.outerEnd, end);
  // Leading and trailing pipes are required (a pipe-less row cannot be re-padded safely).
  if (!/^[ \t]*\|$/.test(prefix) || !suffix.startsWith('|')) return null;
  for (let i = 1; i < rowCells.length; i++) {
    if (rowCells[i]!.outerStart !== rowCells[i - 1]!.outerEnd + 1) return null;
  }
  const outers = rowCells.map((c) => text.slice(c.outerStart, c.outerEnd));
  if (outers.some((o) => o.includes('\t'))) return null;
  return { start, end, prefix, suffix, outers, contents: outers.map((o) => o.trim()), delimiter: false };
}

function delimiterLayout(text: string, table: TableModel, columns: number): LineLayout | null {
  const { start, end } = lineBounds(text, table.delimiter.start);
  const line = text.slice(start, end);
  const open = line.indexOf('|');
  const close = line.lastIndexOf('|');
  if (open < 0 || close <= open || line.slice(0, open).trim() !== '' || line.slice(close + 1).trim() !== '') return null;
  const outers = line.slice(open + 1, close).split('|');
  if (outers.length !== columns) return null;
  if (outers.some((o) => !DELIMITER_CELL.test(o))) return null;
  return {
    start,
    end,
    prefix: line.slice(0, open + 1),
    suffix: line.slice(close),
    outers,
    contents: outers.map((o) => o.trim()),
    delimiter: true,
  };
}

const DELIMITER_CELL = /^ *:?-+:? *$/;

interface ColumnShape {
  justify: Justify;
  /** Spaces before the content (left), after it (right), or the minimum either side (centre). */
  lead: number;
  trail: number;
  /** Width of the widest content. */
  content: number;
}

function leadingSpaces(s: string): number {
  let i = 0;
  while (s[i] === ' ') i++;
  return i;
}
function trailingSpaces(s: string): number {
  let i = 0;
  while (s[s.length - 1 - i] === ' ' && i < s.length) i++;
  return i;
}

function columnShape(lines: LineLayout[], c: number): ColumnShape {
  const content = lines.filter((l) => !l.delimiter);
  const leads = content.map((l) => leadingSpaces(l.outers[c]!));
  const trails = content.map((l) => (l.outers[c]!.trim() === '' ? 0 : trailingSpaces(l.outers[c]!)));
  const widest = Math.max(...content.map((l) => displayWidth(l.outers[c]!.trim())));
  const nonEmpty = content.map((l, i) => (l.outers[c]!.trim() === '' ? -1 : i)).filter((i) => i >= 0);
  const same = (xs: number[]) => nonEmpty.every((i) => xs[i] === xs[nonEmpty[0] ?? 0]);
  const minLead = Math.min(...nonEmpty.map((i) => leads[i]!));
  const minTrail = Math.min(...nonEmpty.map((i) => trails[i]!));
  if (nonEmpty.length === 0 || same(leads)) {
    const lead = nonEmpty.length ? leads[nonEmpty[0]!]! : 1;
    const total = displayWidth(content[0]!.outers[c]!);
    return { justify: 'left', lead, trail: Math.max(0, total - lead - widest), content: widest };
  }
  if (same(trails)) {
    const trail = trails[nonEmpty[0]!]!;
    const total = displayWidth(content[0]!.outers[c]!);
    return { justify: 'right', lead: Math.max(0, total - trail - widest), trail, content: widest };
  }
  return { justify: 'center', lead: minLead, trail: minTrail, content: widest };
}

function renderCell(content: string, shape: ColumnShape, width: number): string {
  const w = displayWidth(content);
  const total = shape.lead + width + shape.trail;
  if (content === '') return ' '.repeat(total);
  switch (shape.justify) {
    case 'left':
      return ' '.repeat(shape.lead) + content + ' '.repeat(total - shape.lead - w);
    case 'right':
      return ' '.repeat(total - shape.trail - w) + content + ' '.repeat(shape.trail);
    case 'center': {
      const left = shape.lead + Math.floor((width - w) / 2);
      return ' '.repeat(left) + content + ' '.repeat(total - left - w);
    }
  }
}

function renderDelimiter(original: string, total: number): string {
  const lead = leadingSpaces(original);
  const trail = trailingSpaces(original);
  const core = original.trim();
  const left = core.startsWith(':') ? ':' : '';
  const right = core.endsWith(':') ? ':' : '';
  const dashes = Math.max(1, total - lead - trail - left.length - right.length);
  return ' '.repeat(lead) + left + '-'.repeat(dashes) + right + ' '.repeat(trail);
}

function repad(text: string, t: PaddedTable, replacements: CellReplacement[]): OffsetEdit[] | null {
  const shapes = Array.from({ length: t.columns }, (_, c) => columnShape(t.lines, c));
  const lines = t.lines.map((l) => ({ ...l, contents: [...l.contents] }));
  const extra: OffsetEdit[] = [];
  for (const r of replacements) {
    let found = false;
    for (const [li, rowCells] of t.cells.entries()) {
      const c = rowCells ? rowCells.indexOf(r.cell) : -1;
      const byRange = rowCells ? rowCells.findIndex((x) => x.outerStart === r.cell.outerStart && x.outerEnd === r.cell.outerEnd) : -1;
      const col = c >= 0 ? c : byRange;
      if (col >= 0) {
        if (r.text.includes('\n')) return null;
        lines[li]!.contents[col] = r.text.trim();
        found = true;
        break;
      }
    }
    if (!found) extra.push(plainEdit(text, r));
  }
  const widths = shapes.map((_, c) =>
    Math.max(1, ...lines.filter((l) => !l.delimiter).map((l) => displayWidth(l.contents[c]!))),
  );
  // A column whose width does not change keeps its untouched cells byte for byte (the author's
  // centring or margins are never "corrected").
  const keep = shapes.map((sh, c) => widths[c] === Math.max(1, sh.content));
  const edits: OffsetEdit[] = [];
  for (const [li, l] of lines.entries()) {
    const original = t.lines[li]!;
    const outers = l.delimiter
      ? l.outers.map((o, c) => (keep[c] ? o : renderDelimiter(o, shapes[c]!.lead + widths[c]! + shapes[c]!.trail)))
      : l.contents.map((content, c) =>
          keep[c] && content === original.contents[c] ? original.outers[c]! : renderCell(content, shapes[c]!, widths[c]!),
        );
    const rendered = l.prefix + outers.join('|') + l.suffix;
    if (rendered !== text.slice(l.start, l.end)) edits.push({ start: l.start, end: l.end, text: rendered });
  }
  return [...edits, ...extra];
}
