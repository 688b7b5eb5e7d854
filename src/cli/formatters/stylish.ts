/**
 * `--format stylish` (the default): findings grouped by file, as eslint prints them.
 *
 *   partnerships/acme/2026-Q2-qbr.md
 *     12:34  warning  Status is Yellow (90% of target), expected Green  kpi-status-mismatch
 *
 *   ✖ 1 problem (0 errors, 1 warning, 0 infos)
 *
 * Columns are aligned by display width (emoji count as two columns).
 */
import stringWidth from 'string-width';
import type pc from 'picocolors';
import type { Severity } from '../../core/types.js';
import { summarize, type FileReport } from '../types.js';

type Colors = ReturnType<typeof pc.createColors>;

export function formatStylish(reports: FileReport[], c: Colors): string {
  const withFindings = reports.filter((r) => r.findings.length);
  if (!withFindings.length) return '';
  const paint: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.blue };
  // Lines are collected and joined once: appending ~100,000 rows to one string built a deep
  // rope that was slow to flatten and left much garbage.
  const lines: string[] = [''];
  for (const r of withFindings) {
    lines.push(c.underline(r.path));
    // Each cell's width is measured once (with 100,000 findings this is most of the formatting).
    const n = r.findings.length;
    const pos = new Array<string>(n);
    const msg = new Array<string>(n);
    const posW = new Array<number>(n);
    const sevW = new Array<number>(n);
    const msgW = new Array<number>(n);
    let w0 = 0;
    let w1 = 0;
    let w2 = 0;
    for (let i = 0; i < n; i++) {
      const f = r.findings[i]!;
      pos[i] = `${f.line}:${f.column}`;
      msg[i] = oneLine(f.message);
      w0 = Math.max(w0, (posW[i] = displayWidth(pos[i]!)));
      w1 = Math.max(w1, (sevW[i] = displayWidth(f.severity)));
      w2 = Math.max(w2, (msgW[i] = displayWidth(msg[i]!)));
    }
    for (let i = 0; i < n; i++) {
      const f = r.findings[i]!;
      lines.push(`  ${c.dim(pad(pos[i]!, posW[i]!, w0))}  ${paint[f.severity](pad(f.severity, sevW[i]!, w1))}  ${pad(msg[i]!, msgW[i]!, w2)}  ${c.dim(f.ruleId)}`);
    }
    lines.push('');
  }
  let out = `${lines.join('\n')}\n`;
  const s = summarize(withFindings);
  const total = s.errors + s.warnings + s.infos;
  const colour = s.errors ? c.red : s.warnings ? c.yellow : c.blue;
  out += `${colour(c.bold(`✖ ${plural(total, 'problem')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')})`))}\n`;
  const fixable = withFindings.reduce((n, r) => n + r.findings.filter((f) => f.fix).length, 0);
  if (fixable) out += `${colour(c.bold(`  ${plural(fixable, 'problem')} potentially fixable with the \`--fix\` option.`))}\n`;
  return `${out}\n`;
}

function pad(s: string, width: number, to: number): string {
  return to > width ? s + ' '.repeat(to - width) : s;
}

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

function oneLine(s: string): string {
  return (s.includes('\n') ? s.split(/\r?\n/).join(' ') : s).trim();
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
