/**
 * In-document suppression comments (spec §7.1):
 *   <!-- partnership-docs-disable RULE… -->  …  <!-- partnership-docs-enable RULE… -->
 *   <!-- partnership-docs-disable-next-line RULE… -->
 *   <!-- partnership-docs-disable-file RULE… -->
 * No rule id means every rule.
 */
import type { DocModel } from './model.js';
import type { LineIndex } from './positions.js';

export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named (empty = all rules), with their offsets for `unknown-rule`. */
  rules: Array<{ id: string; start: number; end: number }>;
  start: number;
  end: number;
}

const DIRECTIVE = /^<!--\s*partnership-docs-(disable-next-line|disable-file|disable|enable)(?=[\s,]|-->)/;
const ID = /[^\s,]+/g;

/** The document's suppression comments, as an analysis: read with `ctx.get(directives)` (once per lint). */
export function directives(ctx: { readonly doc: DocModel }): Directive[] {
  return parseDirectives(ctx.doc);
}

export function parseDirectives(doc: DocModel): Directive[] {
  const out: Directive[] = [];
  for (const c of doc.comments) {
    const raw = doc.text.slice(c.start, c.end);
    const m = DIRECTIVE.exec(raw);
    if (!m) continue;
    const bodyStart = m[0].length;
    const bodyEnd = raw.length - 3; // before -->
    const body = raw.slice(bodyStart, bodyEnd);
    const rules: Directive['rules'] = [];
    ID.lastIndex = 0;
    let id: RegExpExecArray | null;
    while ((id = ID.exec(body))) {
      const s = c.start + bodyStart + id.index;
      rules.push({ id: id[0], start: s, end: s + id[0].length });
    }
    out.push({ kind: m[1] as DirectiveKind, rules, start: c.start, end: c.end });
  }
  return out;
}

/** Returns a predicate telling whether a rule is suppressed at a 1-based line. */
export function suppressionFilter(directives: Directive[], lines: LineIndex): (ruleId: string, line: number) => boolean {
  if (directives.length === 0) return () => false;
  const fileOff = new Set<string>();
  let fileAll = false;
  const nextLine: Array<{ line: number; ids: Set<string> | null }> = [];
  // Ranges: per rule id ('*' for all) a list of [fromLine, toLine] (toLine inclusive, Infinity open).
  const ranges = new Map<string, Array<[number, number]>>();
  const open = new Map<string, number>();
  for (const d of directives) {
    const ids = d.rules.map((r) => r.id);
    const startLine = lines.position(d.start).line;
    const endLine = lines.position(d.end).line;
    switch (d.kind) {
      case 'disable-file':
        if (ids.length === 0) fileAll = true;
        for (const id of ids) fileOff.add(id);
        break;
      case 'disable-next-line':
        nextLine.push({ line: endLine + 1, ids: ids.length ? new Set(ids) : null });
        break;
      case 'disable':
        for (const id of ids.length ? ids : ['*']) if (!open.has(id)) open.set(id, startLine);
        break;
      case 'enable':
        for (const id of ids.length ? ids : [...open.keys()]) {
          const from = open.get(id);
          if (from === undefined) continue;
          open.delete(id);
          const list = ranges.get(id) ?? [];
          list.push([from, endLine]);
          ranges.set(id, list);
        }
        break;
    }
  }
  for (const [id, from] of open) {
    const list = ranges.get(id) ?? [];
    list.push([from, Infinity]);
    ranges.set(id, list);
  }
  return (ruleId, line) => {
    if (fileAll || fileOff.has(ruleId)) return true;
    for (const n of nextLine) if (n.line === line && (!n.ids || n.ids.has(ruleId))) return true;
    for (const key of [ruleId, '*']) {
      for (const [a, b] of ranges.get(key) ?? []) if (line >= a && line <= b) return true;
    }
    return false;
  };
}
