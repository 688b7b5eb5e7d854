/**
 * Display width as editors and terminals draw it — exactly what string-width measures (emoji
 * such as ✅ ⚠️ 🔴 are two columns, combining marks none) — for re-padding tables (table.ts)
 * and aligning the CLI's stylish output.
 */
import stringWidth from 'string-width';

// string-width segments graphemes with Intl.Segmenter (~10 µs a call): with 100,000 findings it
// was most of a CLI run. Characters in ONE_COLUMN are one column each and need no segmentation.
const ONE_COLUMN_CHARS = '\\x20-\\x7e\\u00a0-\\u00a8\\u00aa-\\u00ac\\u00af-\\u02ff\\u2010-\\u2027\\u2030-\\u203b\\u203d-\\u2048\\u204a-\\u205e\\u2190-\\u2193\\u219a-\\u21a8\\u21ab-\\u21ff\\u2264\\u2265';
const ONE_COLUMN = new RegExp(`^[${ONE_COLUMN_CHARS}]*$`);
const ONE_COLUMN_CHAR = new RegExp(`[${ONE_COLUMN_CHARS}]`);
const LAST_ONE_COLUMN = 0x2265;
let oneColumnTable: Uint8Array | undefined;
function isOneColumn(code: number): boolean {
  if (code > LAST_ONE_COLUMN) return false;
  if (!oneColumnTable) {
    oneColumnTable = new Uint8Array(LAST_ONE_COLUMN + 1);
    for (let i = 0; i <= LAST_ONE_COLUMN; i++) oneColumnTable[i] = ONE_COLUMN_CHAR.test(String.fromCharCode(i)) ? 1 : 0;
  }
  return oneColumnTable[code] === 1;
}

const pieceWidths = new Map<string, number>();

/**
 * The display width of `s`, as string-width measures it. string-width sums the widths of the
 * grapheme clusters; there is always a cluster boundary between two ONE_COLUMN characters (none
 * of them is a control, extending, joining, prepended or regional-indicator character), so the
 * string is cut there, ONE_COLUMN characters count one each and the pieces in between (an emoji
 * with its neighbours: ` ✅ `, ` ⚠️ `) are measured by string-width once and remembered.
 * ANSI escapes (which string-width strips as whole sequences) go to string-width as a whole.
 */
export function displayWidth(s: string): number {
  if (ONE_COLUMN.test(s)) return s.length;
  if (s.includes('\x1b') || s.includes('\x9b')) return stringWidth(s);
  let width = 0;
  let start = 0; // start of the current piece
  let simple = true; // every character of the current piece is ONE_COLUMN
  for (let i = 0; i < s.length; i++) {
    const one = isOneColumn(s.charCodeAt(i));
    if (one && i > start && isOneColumn(s.charCodeAt(i - 1))) {
      width += pieceWidth(s, start, i, simple);
      start = i;
      simple = true;
    }
    if (!one) simple = false;
  }
  return width + pieceWidth(s, start, s.length, simple);
}

function pieceWidth(s: string, start: number, end: number, simple: boolean): number {
  if (simple) return end - start;
  const piece = s.slice(start, end);
  let w = pieceWidths.get(piece);
  if (w === undefined) {
    w = stringWidth(piece);
    if (pieceWidths.size < 10_000) pieceWidths.set(piece, w);
  }
  return w;
}

