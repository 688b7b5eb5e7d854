/**
 * Splits a markdown document into independently parseable chunks.
 *
 * A split point is a line that starts (column 0) with an ATX heading marker and lies outside
 * front matter, fenced code and HTML blocks. At such a line every container block of the
 * document is closed (an ATX heading cannot be a lazy continuation line), so parsing each
 * section on its own yields the same blocks as parsing the whole text. Anything the scanner is
 * unsure about is simply not used as a split point: fewer splits are always safe.
 */

export interface ChunkSpan {
  start: number;
  end: number;
}

export interface SplitResult {
  /** Front matter (`---` … `---` at the very start), exclusive of nothing: the raw block range. */
  frontMatter: { start: number; end: number; body: string } | null;
  /** The chunks: stretches between column-0 ATX headings (a chunk is not a heading's section: it ends at the next heading of any level). */
  chunks: ChunkSpan[];
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^#{1,6}(?:[ \t]|$)/;
// HTML block starts (CommonMark 4.6). Kinds 1–5 end at a terminator, 6–7 at a blank line.
const HTML_RAW = /^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i;
const HTML_COMMENT = /^ {0,3}<!--/;
const HTML_PI = /^ {0,3}<\?/;
const HTML_DECL = /^ {0,3}<![A-Za-z]/;
const HTML_CDATA = /^ {0,3}<!\[CDATA\[/;
const HTML_BLOCKISH = /^ {0,3}<\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)/;

/**
 * Calls `fn` for every line. Line endings are `\n`, `\r\n` and a lone `\r`, as in CommonMark
 * (micromark): a scanner that missed lone CRs would take a heading inside a fence for a split point.
 */
function forEachLine(text: string, fn: (lineStart: number, lineEnd: number, next: number) => void): void {
  let pos = 0;
  const n = text.length;
  if (text.indexOf('\r') === -1) {
    // No CR anywhere (the usual case): every line ends at a \n, found natively.
    while (pos <= n) {
      let end = text.indexOf('\n', pos);
      if (end === -1) end = n;
      fn(pos, end, end + 1);
      if (end >= n) break;
      pos = end + 1;
    }
    return;
  }
  while (pos <= n) {
    let end = pos;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c === 10 || c === 13) break;
      end++;
    }
    const next = end < n && text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
    fn(pos, end, next);
    if (end >= n) break;
    pos = next;
  }
}

export function splitChunks(text: string): SplitResult {
  let frontMatter: SplitResult['frontMatter'] = null;
  // A leading byte order mark is no part of any section: micromark drops it from the start of
  // its input, so a section starting with it would get every offset shifted by one.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let bodyStart = bom;
  const open = /---[ \t]*\r?\n/y;
  open.lastIndex = bom;
  const fm = open.exec(text);
  if (fm) {
    const close = /^(?:---|\.\.\.)[ \t]*$/m;
    const head = bom + fm[0].length;
    const rest = text.slice(head);
    const m = close.exec(rest);
    if (m) {
      const endOfClose = head + m.index + m[0].length;
      const nl = text.indexOf('\n', endOfClose);
      bodyStart = nl === -1 ? text.length : nl + 1;
      frontMatter = { start: bom, end: bodyStart, body: rest.slice(0, m.index) };
    }
  }

  const starts: number[] = [bodyStart];
  let fence: { char: string; len: number } | null = null;
  let html: 'blank' | '-->' | '?>' | '>' | ']]>' | 'raw' | null = null;

  forEachLine(text, (lineStart, le) => {
    if (le < bodyStart) return;
    const ls = Math.max(lineStart, bodyStart);
    // Every construct the scanner looks for starts at the line's first character (an ATX
    // heading at column 0) or after at most three spaces (`` ` ``, `~`, `<`). A line whose first
    // character after up to three spaces is none of those is ordinary text in every state but
    // an HTML block that ends at a blank line: skip it without building the line string (a
    // keystroke re-splits the whole document, so this loop runs over every line each time).
    if (html === null) {
      let i = ls;
      while (i < le && i < ls + 3 && text.charCodeAt(i) === 32) i++;
      const c = text.charCodeAt(i);
      if (i >= le || (c !== 35 /* # */ && c !== 96 /* ` */ && c !== 126 /* ~ */ && c !== 60 /* < */)) return;
    }
    const line = text.slice(ls, le);
    if (fence) {
      const m = FENCE.exec(line);
      if (m && m[1]![0] === fence.char && m[1]!.length >= fence.len && line.slice(m[0].length).trim() === '') fence = null;
      return;
    }
    if (html) {
      if (html === 'blank') {
        if (line.trim() === '') html = null;
      } else if (html === 'raw') {
        if (/<\/(?:script|pre|style|textarea)>/i.test(line)) html = null;
      } else if (line.includes(html)) {
        html = null;
      }
      return;
    }
    if (ATX.test(line) && ls > bodyStart) starts.push(ls);
    const f = FENCE.exec(line);
    if (f && !(f[1]![0] === '`' && line.slice(f[0].length).includes('`'))) {
      fence = { char: f[1]![0]!, len: f[1]!.length };
    } else if (HTML_RAW.test(line)) {
      html = /<\/(?:script|pre|style|textarea)>/i.test(line) ? null : 'raw';
    } else if (HTML_COMMENT.test(line)) {
      html = line.includes('-->', line.indexOf('<!--') + 4) ? null : '-->';
    } else if (HTML_CDATA.test(line)) {
      html = line.includes(']]>') ? null : ']]>';
    } else if (HTML_PI.test(line)) {
      html = line.includes('?>') ? null : '?>';
    } else if (HTML_DECL.test(line)) {
      html = line.includes('>') ? null : '>';
    } else if (HTML_BLOCKISH.test(line)) {
      // Kinds 6/7 end at a blank line. Kind 7 cannot interrupt a paragraph, but treating it as
      // an HTML block only suppresses split points, which is safe.
      html = 'blank';
    }
  });

  const chunks: ChunkSpan[] = [];
  for (let i = 0; i < starts.length; i++) {
    const start = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! : text.length;
    if (end > start || chunks.length === 0) chunks.push({ start, end });
  }
  return { frontMatter, chunks };
}
