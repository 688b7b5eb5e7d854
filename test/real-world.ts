/**
 * The real-world corpus (issue #11): documents under test/fixtures/real-world/, written here in
 * the styles real teams use (partner and customer QBRs, SLA reviews, status and RAG reports, OKR
 * reviews, meeting notes, postmortems, issue docs, look-alikes that must stay silent). Each ends
 * with its expected findings:
 *
 *   <!-- expect
 *   23 kpi-status-mismatch   # why
 *   41:7 action-overdue      # a column is optional
 *   -->
 *
 * (`-` alone: nothing). The whole corpus is linted as one workspace (today 2026-11-24), each file
 * with the nearest `.partnership-docs.json` of its folders (up to the corpus root), so the
 * cross-document rules and partner identity see the folders as a user's workspace does.
 * Used by test/core/real-world.test.ts (exact match per file) and scripts/corpus-report.ts (the
 * per-rule precision table that `npm run bench` prints).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { buildIndex, indexDocument, lint, lintWorkspace } from '../src/core/index.js';
import type { Finding, PartialConfig } from '../src/core/types.js';
import { loadConfig } from './helpers.js';

export const CORPUS_DIR = 'test/fixtures/real-world';
export const CORPUS_TODAY = '2026-11-24';

export interface Expectation {
  line: number;
  column: number | null;
  ruleId: string;
  why: string;
}

export interface CorpusDoc {
  path: string;
  /** The folder under the corpus root (its authoring style or team). */
  folder: string;
  text: string;
  config: PartialConfig | undefined;
  expected: Expectation[];
}

export function parseCorpusExpectations(text: string, name: string): Expectation[] {
  const m = /<!--\s*expect\s*\r?\n([\s\S]*?)-->\s*$/.exec(text);
  if (!m) throw new Error(`${name}: no <!-- expect … --> block at the end of the file`);
  const out: Expectation[] = [];
  for (const raw of m[1]!.split(/\r?\n/)) {
    const hash = raw.indexOf('#');
    const body = (hash >= 0 ? raw.slice(0, hash) : raw).trim();
    const why = hash >= 0 ? raw.slice(hash + 1).trim() : '';
    if (!body || body === '-') continue;
    const e = /^(\d+)(?::(\d+))?\s+([a-z][a-z0-9-]*)$/.exec(body);
    if (!e) throw new Error(`${name}: bad expectation line "${raw}" (want "line[:column] rule-id  # why")`);
    out.push({ line: Number(e[1]), column: e[2] ? Number(e[2]) : null, ruleId: e[3]!, why });
  }
  return out;
}

function markdownFiles(dir: string): string[] {
  const out: string[] = [];
  if (!existsSync(dir)) return out;
  for (const n of readdirSync(dir).sort()) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...markdownFiles(p));
    else if (n.endsWith('.md')) out.push(p.split('\\').join('/'));
  }
  return out;
}

/** The nearest `.partnership-docs.json` from the file's folder up to the corpus root. */
function configFor(path: string): PartialConfig | undefined {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const file = join(dir, '.partnership-docs.json');
    if (existsSync(file)) return loadConfig(file);
    if (relative(CORPUS_DIR, dir) === '' || dir === '.' || dir === dirname(dir)) return undefined;
  }
}

export function loadCorpus(root = CORPUS_DIR): CorpusDoc[] {
  return markdownFiles(root).map((path) => {
    const text = readFileSync(path, 'utf8');
    return { path, folder: relative(root, path).split(/[\\/]/)[0]!, text, config: configFor(path), expected: parseCorpusExpectations(text, path) };
  });
}

/** Every finding of every corpus document: the document's own lint plus the workspace rules over the corpus. */
export function lintCorpus(docs: CorpusDoc[]): Map<string, Finding[]> {
  const texts = new Map(docs.map((d) => [d.path, d.text]));
  const indexed = docs.flatMap((d) => indexDocument(d.path, d.text, { today: CORPUS_TODAY, config: d.config, cache: false }) ?? []);
  const ws = lintWorkspace(buildIndex(indexed, { today: CORPUS_TODAY }), texts, { today: CORPUS_TODAY }).byPath;
  const out = new Map<string, Finding[]>();
  for (const d of docs) {
    const own = lint(d.text, { path: d.path, today: CORPUS_TODAY, config: d.config, cache: false }).findings;
    out.set(d.path, [...own, ...(ws.get(d.path) ?? [])]);
  }
  return out;
}

export interface Comparison {
  /** Expected and found. */
  tp: Array<{ expected: Expectation; finding: Finding }>;
  /** Found, not expected. */
  fp: Finding[];
  /** Expected, not found. */
  missed: Expectation[];
}

/** Matches findings to expectations: same rule and line (and column when the expectation gives one), one to one. */
export function compare(expected: Expectation[], findings: Finding[]): Comparison {
  const left = [...findings];
  const tp: Comparison['tp'] = [];
  const missed: Expectation[] = [];
  for (const e of expected) {
    const i = left.findIndex((f) => f.ruleId === e.ruleId && f.line === e.line && (e.column === null || f.column === e.column));
    if (i < 0) missed.push(e);
    else tp.push({ expected: e, finding: left.splice(i, 1)[0]! });
  }
  return { tp, fp: left, missed };
}

export interface RuleScore {
  ruleId: string;
  tp: number;
  fp: number;
  missed: number;
}

/** Per rule: true positives, false findings, missed seeded problems (sorted by rule id). */
export function scoreByRule(results: Comparison[]): RuleScore[] {
  const by = new Map<string, RuleScore>();
  const row = (id: string) => {
    let r = by.get(id);
    if (!r) by.set(id, (r = { ruleId: id, tp: 0, fp: 0, missed: 0 }));
    return r;
  };
  for (const c of results) {
    for (const t of c.tp) row(t.expected.ruleId).tp++;
    for (const f of c.fp) row(f.ruleId).fp++;
    for (const m of c.missed) row(m.ruleId).missed++;
  }
  return [...by.values()].sort((a, b) => a.ruleId.localeCompare(b.ruleId));
}

/** A readable diff of one document. */
export function describeDiff(doc: CorpusDoc, c: Comparison): string {
  const lines = doc.text.split(/\r?\n/);
  const src = (n: number) => `      | ${(lines[n - 1] ?? '').slice(0, 160)}`;
  const out = [`${doc.path}: findings differ from the inline expectations`];
  for (const m of c.missed) out.push(`  - missing     ${m.line}${m.column ? `:${m.column}` : ''} ${m.ruleId}  # ${m.why}`, src(m.line));
  for (const f of c.fp) out.push(`  + unexpected ${f.line}:${f.column} ${f.ruleId} (${f.severity}) ${f.message}`, src(f.line));
  return out.join('\n');
}
