import { actionKey, sameAction, withoutPlaceholders } from '../similarity.js';
import type { IndexedDoc } from '../types.js';
import { baseName, type WorkspaceRule } from './context.js';

/**
 * An open action item of the partner's previous QBR that this QBR neither closes (`[x]`) nor
 * carries over (an action item with a similar text, see similarity.ts) nor mentions anywhere
 * else (a line with a similar text: `Joint case study published` under Key Wins). Reported on
 * this QBR's Next Steps heading (else its title), one finding per item.
 *
 * Real documents (spec §9; docs/rules/action-carried-over.md): documents are chained only when
 * both name their partner in their content (front matter `partner:`, the title, a Partner
 * field): a partner known only from the folder name (`partnerSource` 'folder') or not at all
 * is never chained — a folder may hold several counterparties' documents. The previous QBR is
 * the same partner's (same `partnerKey`) with the nearest earlier period. An item whose line
 * marks it done (✅, `Done`, `(done)`, struck through) or whose text has fewer than two words
 * to match on is not reported.
 */
export const actionCarriedOver: WorkspaceRule = {
  meta: {
    id: 'action-carried-over',
    description: 'An open action item of the previous QBR is neither closed nor carried into this one.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check(ctx) {
    const { doc, previous: prev } = ctx;
    if (doc.kind !== 'qbr' || !prev || !doc.anchor) return;
    if (!contentPartner(doc) || !contentPartner(prev) || prev.partnerKey !== doc.partnerKey || prev.kind !== doc.kind) return;
    if (!prev.period || !doc.period || prev.period.ordinal >= doc.period.ordinal) return;
    let mentions: LineIndex | null = null;
    for (const a of prev.actions) {
      if (!a.open || a.key === '' || a.key.startsWith('next meeting')) continue;
      if (actionKey(withoutPlaceholders(a.text)) === '') continue; // a template placeholder item
      if (a.key.split(' ').length < 2 || markedDone(a.text)) continue;
      if (doc.actions.some((b) => sameAction(a.key, b.key))) continue;
      mentions ??= lineIndex(withoutComments(ctx.text));
      if (mentioned(mentions, a.key)) continue;
      ctx.report({
        start: doc.anchor.start,
        end: doc.anchor.end,
        message:
          `Open action item of the ${prev.period?.label ?? 'previous'} QBR (${baseName(prev.path)}:${a.line}) is neither closed nor carried over: ` +
          `“${a.text}”. Tick it off (\`[x]\`) here or carry it into Next Steps.`,
        data: { item: a.text, previousPath: prev.path, previousLine: a.line, owner: a.owner, due: a.due },
      });
    }
  },
};

/** The partner was read from the document's content (not only its folder). */
function contentPartner(d: IndexedDoc): boolean {
  return d.partnerSource === 'front-matter' || d.partnerSource === 'title' || d.partnerSource === 'field';
}

/** A line that says the item is done although it is not ticked off: ✅, ~~struck~~, `Done`, `(done)`, `[DONE]`. */
function markedDone(line: string): boolean {
  const t = line.trim();
  if (/[✅✔☑]/u.test(t)) return true;
  if (t.startsWith('~~') && t.endsWith('~~')) return true;
  return /(?:^|[\s(\[—–:-])(?:done|completed|complete|closed|resolved|cancell?ed)(?:[\s)\].!]|$)/i.test(t) && !/\bnot (?:done|completed|complete|closed|resolved)\b/i.test(t);
}

/**
 * The text with every HTML comment blanked (newlines kept): a comment is not part of what the
 * reader sees, so an item named only in a comment (a reviewer's note, a template hint) is not
 * mentioned. An unclosed `<!--` runs to the end of the text. Linear.
 */
function withoutComments(text: string): string {
  let out = '';
  let i = 0;
  for (let open = text.indexOf('<!--'); open !== -1; open = text.indexOf('<!--', i)) {
    const close = text.indexOf('-->', open + 4);
    const end = close === -1 ? text.length : close + 3;
    out += text.slice(i, open) + text.slice(open, end).replace(/[^\n]/g, ' ');
    i = end;
  }
  return out + text.slice(i);
}

interface LineIndex {
  keys: string[];
  byWord: Map<string, number[]>;
}

/** Every line's action key and, per word, the lines holding it (so a lookup reads only candidate lines). */
function lineIndex(text: string): LineIndex {
  const keys: string[] = [];
  const byWord = new Map<string, number[]>();
  for (const line of text.split('\n')) {
    if (line.length > 2000) continue;
    const key = actionKey(line);
    if (key === '') continue;
    const id = keys.length;
    keys.push(key);
    for (const w of new Set(key.split(' '))) {
      const list = byWord.get(w);
      if (list) list.push(id);
      else byWord.set(w, [id]);
    }
  }
  return { keys, byWord };
}

/** Some line of the document has a text similar to `key` (a word in common, then the item match). */
function mentioned(index: LineIndex, key: string): boolean {
  const seen = new Set<number>();
  for (const w of new Set(key.split(' '))) {
    const lines = index.byWord.get(w);
    if (!lines || lines.length > 5000) continue;
    for (const id of lines) {
      if (seen.has(id)) continue;
      seen.add(id);
      if (sameAction(key, index.keys[id]!)) return true;
    }
  }
  return false;
}
