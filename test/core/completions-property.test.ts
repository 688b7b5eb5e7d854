/**
 * "None of the completions may insert anything the linter then flags" (#13): every completion
 * offered at every place of every fixture, example and real-world corpus document is applied
 * (snippets expanded with their defaults) and the result linted: the edited line(s) carry no
 * finding that was not there before (the one the completion fixes may go).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildIndex, createCache, indexDocument, lintWorkspace, previousQbr, snapshot, type Finding, type LintOptions, type PartialConfig } from '../../src/core/index.js';
import { completionsAt, type CompletionContext, type CompletionItem } from '../../src/core/completions.js';
import { loadCorpus } from '../real-world.js';
import { markdownFilesUnder, TODAY } from '../helpers.js';
import { applyItem } from '../completions-helpers.js';

function lineStartOf(text: string, o: number): number {
  return Math.max(text.lastIndexOf('\n', o - 1), text.lastIndexOf('\r', o - 1)) + 1;
}
function lineEndOf(text: string, o: number): number {
  let e = o;
  while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
  return e;
}

/** Candidate places on each line: its start and end, and after every `|` and `:` (and the space after). */
function places(text: string): number[] {
  const out = new Set<number>();
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    if (i === 0 || text[i - 1] === '\n') out.add(i);
    if (ch === '\n' || i === text.length) out.add(i > 0 && text[i - 1] === '\r' ? i - 1 : i);
    if (ch === '|' || ch === ':') {
      out.add(i + 1);
      if (text[i + 1] === ' ') out.add(i + 2);
    }
  }
  return [...out].filter((o) => o <= text.length);
}

const key = (f: Finding) => `${f.ruleId} ${f.message}`;

/** The findings that start on [from, to]'s lines. */
function onLines(findings: readonly Finding[], text: string, from: number, to: number): string[] {
  const a = lineStartOf(text, from);
  const b = lineEndOf(text, to);
  return findings.filter((f) => f.startOffset >= a && f.startOffset <= b).map(key);
}

export interface Checked {
  places: number;
  items: number;
  byKind: Record<string, number>;
  problems: string[];
}

export function checkDocument(name: string, text: string, options: LintOptions, context: CompletionContext, out: Checked, kinds?: readonly string[]): void {
  const s = snapshot(text, options);
  if (!s.checked) return;
  const before = s.findings;
  for (const o of places(text)) {
    const items = completionsAt(s, o, context).filter((i) => !kinds || kinds.includes(i.kind));
    if (items.length === 0) continue;
    out.places++;
    for (const item of items) {
      out.items++;
      out.byKind[item.kind] = (out.byKind[item.kind] ?? 0) + 1;
      assert.ok(item.start <= o && o <= item.end, `${name}@${o}: the range contains the cursor`);
      assert.ok(!/[\r\n]/.test(text.slice(item.start, item.end)), `${name}@${o}: one line`);
      const { text: next, insertEnd } = applyItem(text, item);
      const after = snapshot(next, options).findings;
      const was = onLines(before, text, item.start, item.end);
      const now = onLines(after, next, item.start, insertEnd);
      const left = [...was];
      for (const f of now) {
        const i = left.indexOf(f);
        if (i >= 0) left.splice(i, 1);
        else out.problems.push(`${name}:${lineOf(text, o)} ${item.kind} “${item.label}” → new finding ${f}\n    line after: ${next.slice(lineStartOf(next, item.start), lineEndOf(next, insertEnd))}`);
      }
    }
  }
}
function lineOf(text: string, o: number): number {
  let n = 1;
  for (let i = 0; i < o; i++) if (text[i] === '\n') n++;
  return n;
}

/** The markdown documents below `dir` (not the SARIF fixtures' inputs). */
const markdownUnder = (dir: string) => markdownFilesUnder(dir).filter((p) => !p.includes('sarif'));

const CONTEXT: CompletionContext = { workspaceOwners: ['Dana Smith', 'Priya Shah', 'Priya Shah', 'Sam Lee'], nextQbr: '2027-02-15' };

test('every completion in every fixture, example and corpus document leaves its line with no new finding', () => {
  const cache = createCache();
  const out: Checked = { places: 0, items: 0, byKind: {}, problems: [] };
  const corpus = new Map(loadCorpus().map((d) => [d.path, d.config] as const));
  const files = [...markdownUnder('test/fixtures'), ...markdownUnder('examples')];
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    const config: PartialConfig | undefined = corpus.get(path) ?? undefined;
    checkDocument(path, text, { today: TODAY, path, cache, ...(config ? { config } : {}) }, CONTEXT, out);
    // With a roster: only its names (and the workspace's that match it) are offered.
    checkDocument(path, text, { today: TODAY, path, cache, config: { ...config, owners: ['Dana Smith', 'Lee Park'] } }, CONTEXT, out, ['owner', 'snippet']);
  }
  console.log(`completions checked: ${files.length} documents, ${out.places} places, ${out.items} items ${JSON.stringify(out.byKind)}`);
  assert.deepEqual(out.problems, []);
  // The property says something only if every kind was offered somewhere.
  for (const kind of ['status', 'trend', 'owner', 'date', 'value', 'snippet']) assert.ok((out.byKind[kind] ?? 0) > 0, `some ${kind} completion was offered`);
});

test('trend completions against the previous quarter leave no cross-document finding on their row (workspaces of the fixtures, examples and corpus)', () => {
  const roots = ['test/fixtures/portfolio-workspace', 'test/fixtures/workspace', 'examples', 'test/fixtures/real-world'];
  let offered = 0;
  const problems: string[] = [];
  const corpus = new Map(loadCorpus().map((d) => [d.path, d.config] as const));
  for (const root of roots) {
    const texts = new Map(markdownUnder(root).map((p) => [p, readFileSync(p, 'utf8')] as const));
    const configFor = (p: string) => corpus.get(p) ?? undefined;
    const docs = [...texts].flatMap(([p, t]) => indexDocument(p, t, { today: TODAY, config: configFor(p), cache: false }) ?? []);
    const index = buildIndex(docs, { today: TODAY });
    for (const doc of index.docs.values()) {
      if (doc.kind !== 'qbr' || !doc.period || doc.partnerSource === 'none') continue;
      const prev = previousQbr(index, doc);
      if (!prev?.period || prev.period.ordinal !== doc.period.ordinal - 1) continue;
      const text = texts.get(doc.path)!;
      const options: LintOptions = { today: TODAY, path: doc.path, cache: false, config: configFor(doc.path) };
      const s = snapshot(text, options);
      const before = lintWorkspace(index, texts, { today: TODAY, configFor, only: [doc.path] }).byPath.get(doc.path) ?? [];
      for (const o of places(text)) {
        for (const item of completionsAt(s, o, { previousKpis: prev.kpis, previousLabel: prev.period.label }).filter((i) => i.kind === 'trend' && i.label.includes('vs. last quarter'))) {
          offered++;
          const { text: next, insertEnd } = applyItem(text, item);
          const after = lintWorkspace(index, (p) => (p === doc.path ? next : texts.get(p)), { today: TODAY, configFor, only: [doc.path] }).byPath.get(doc.path) ?? [];
          const was = onLines(before, text, item.start, item.end);
          for (const f of onLines(after, next, item.start, insertEnd)) {
            if (!was.includes(f)) problems.push(`${doc.path}:${lineOf(text, o)} “${item.label}” → ${f}`);
          }
          // The document's own rules too.
          const own = onLines(snapshot(next, options).findings, next, item.start, insertEnd);
          const ownBefore = onLines(s.findings, text, item.start, item.end);
          for (const f of own) if (!ownBefore.includes(f)) problems.push(`${doc.path}:${lineOf(text, o)} “${item.label}” → ${f}`);
        }
      }
    }
  }
  console.log(`trend completions with the previous quarter checked: ${offered}`);
  assert.ok(offered > 0, 'some trend against the previous quarter was offered');
  assert.deepEqual(problems, []);
});
