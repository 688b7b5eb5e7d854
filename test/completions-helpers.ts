/** Applying a completion item as VS Code does when it is accepted as is (tests only). */
import type { CompletionItem } from '../src/core/completions.js';

/** A snippet as VS Code inserts it when accepted as is: each placeholder's default, the first choice. */
export function expandSnippet(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '\\' && i + 1 < s.length) {
      out += s[++i];
      continue;
    }
    if (ch !== '$') {
      out += ch;
      continue;
    }
    const tab = /^\$(\d+)/.exec(s.slice(i));
    if (tab) {
      i += tab[0].length - 1;
      continue;
    }
    const m = /^\$\{\d+(?::((?:\\.|[^\\}])*)|\|((?:\\.|[^\\|])*)\|)?\}/.exec(s.slice(i));
    if (!m) {
      out += ch;
      continue;
    }
    i += m[0].length - 1;
    if (m[1] !== undefined) out += m[1].replace(/\\(.)/g, '$1');
    else if (m[2] !== undefined) out += (/^((?:\\.|[^\\,])*)/.exec(m[2])![1] ?? '').replace(/\\(.)/g, '$1');
  }
  return out;
}

export function applyItem(text: string, item: CompletionItem): { text: string; insertEnd: number } {
  const insert = item.snippet ? expandSnippet(item.insertText) : item.insertText;
  return { text: text.slice(0, item.start) + insert + text.slice(item.end), insertEnd: item.start + insert.length };
}

