/**
 * The fix round trip over every fixture document and every examples/ document:
 *  - fixAll leaves no finding that has a fix;
 *  - fixing twice equals fixing once;
 *  - per pass, no line outside the edited lines of that pass's fixes changes;
 *  - each finding's fix applied alone changes only lines within its edits, and the re-lint no
 *    longer reports that rule at that place.
 */
import { test } from 'node:test';
import { loadConfig } from '../helpers.js';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { applyFixes, fixAll, lint, mergeConfig, parseConfigText, ruleIds, DEFAULT_CONFIG } from '../../src/core/index.js';
import type { Finding, LintOptions, OffsetEdit, PartialConfig } from '../../src/core/types.js';

const TODAY = '2026-11-24';
const FIXTURE_DIR = 'test/fixtures/docs';


/** test/fixtures/docs/*.md with their optional sibling `<name>.config.json`. */
function fixtureDocs(): Doc[] {
  return readdirSync(FIXTURE_DIR)
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((n) => ({
      name: join(FIXTURE_DIR, n),
      text: readFileSync(join(FIXTURE_DIR, n), 'utf8'),
      config: loadConfig(join(FIXTURE_DIR, n.replace(/\.md$/, '.config.json'))),
    }));
}

interface Doc {
  name: string;
  text: string;
  config?: PartialConfig;
}

/** examples/**: each document with the nearest .partnership-docs.json (nearest wins, key by key). */
function exampleDocs(): Doc[] {
  const out: Doc[] = [];
  const walk = (dir: string) => {
    for (const n of readdirSync(dir).sort()) {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.md')) out.push({ name: p, text: readFileSync(p, 'utf8'), config: configFor(p) });
    }
  };
  walk('examples');
  return out;
}

function configFor(file: string): PartialConfig | undefined {
  const layers: PartialConfig[] = [];
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const c = loadConfig(join(dir, '.partnership-docs.json'));
    if (c) layers.unshift(c);
    if (dir === 'examples' || dir === '.' || dirname(dir) === dir) break;
  }
  return layers.length ? (mergeConfig(DEFAULT_CONFIG, ...layers) as PartialConfig) : undefined;
}

const docs: Doc[] = [
  ...fixtureDocs(),
  ...exampleDocs(),
];

const optionsOf = (d: Doc): LintOptions => ({ path: d.name, today: TODAY, config: d.config, cache: false });

/** Start offsets of every line (a line includes its terminator). */
function lineStarts(text: string): number[] {
  const s = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) s.push(i + 1);
  return s;
}
function lineOf(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo; // 0-based
}

/**
 * Checks that `after` differs from `before` only within the lines touched by `edits`: the
 * untouched runs of lines of `before` must appear in `after`, in order, verbatim, with only
 * (replacement) text between them. Returns a message on failure.
 */
function changedOnlyWithin(before: string, after: string, edits: OffsetEdit[]): string | null {
  if (before === after) return null;
  const starts = lineStarts(before);
  const touched = new Set<number>();
  for (const e of edits) {
    const a = lineOf(starts, e.start);
    const b = lineOf(starts, e.end);
    for (let l = a; l <= b; l++) touched.add(l);
  }
  // Untouched runs as literal strings, touched runs as gaps.
  const runs: string[] = [];
  let cur: string | null = '';
  for (let l = 0; l < starts.length; l++) {
    const line = before.slice(starts[l]!, starts[l + 1] ?? before.length);
    if (touched.has(l)) {
      if (cur !== null) runs.push(cur);
      cur = null;
    } else {
      cur = (cur ?? '') + line;
    }
  }
  runs.push(cur ?? '');
  // Anchored match: run0 gap run1 gap … runN (each gap arbitrary).
  let pos = 0;
  if (!after.startsWith(runs[0]!)) return `the text before the first edited line changed`;
  pos = runs[0]!.length;
  const last = runs[runs.length - 1]!;
  const tailStart = after.length - last.length;
  if (!after.endsWith(last) || tailStart < pos) return `the text after the last edited line changed`;
  for (let i = 1; i < runs.length - 1; i++) {
    const r = runs[i]!;
    const at = after.indexOf(r, pos);
    if (at === -1 || at + r.length > tailStart) {
      return `an unedited run of lines changed or moved:\n${r.split('\n').slice(0, 3).join('\n')}`;
    }
    pos = at + r.length;
  }
  return null;
}

const fixable = (fs: Finding[]) => fs.filter((f) => f.fix);
const describe = (f: Finding) => `${f.line}:${f.column} ${f.ruleId} (${f.message})`;

for (const d of docs) {
  test(`fix round trip: ${d.name}`, () => {
    const opts = optionsOf(d);
    // Pass by pass (as fixAll does), checking that each pass edits only its fixes' lines.
    let current = d.text;
    let passes = 0;
    for (; passes < 10; passes++) {
      const fs = fixable(lint(current, opts).findings);
      if (!fs.length) break;
      const next = applyFixes(current, fs);
      const bad = changedOnlyWithin(current, next, fs.flatMap((f) => f.fix!.offsetEdits));
      assert.equal(bad, null, `${d.name}, pass ${passes + 1}: ${bad}`);
      if (next === current) break;
      current = next;
    }
    const left = fixable(lint(current, opts).findings);
    assert.deepEqual(left.map(describe), [], `${d.name}: fixable findings left after fixing (${passes} passes)`);

    // fixAll agrees with the pass-by-pass result and is idempotent.
    const once = fixAllText(d.text, opts);
    assert.equal(once, current, `${d.name}: fixAll differs from the pass-by-pass result`);
    assert.equal(fixAllText(once, opts), once, `${d.name}: fixing twice differs from fixing once`);
  });

  test(`each fix alone: ${d.name}`, () => {
    const opts = optionsOf(d);
    for (const f of fixable(lint(d.text, opts).findings)) {
      const edits = f.fix!.offsetEdits;
      const out = applyFixes(d.text, [f]);
      assert.notEqual(out, d.text, `${d.name}: the fix of ${describe(f)} changes nothing`);
      const bad = changedOnlyWithin(d.text, out, edits);
      assert.equal(bad, null, `${d.name}: the fix of ${describe(f)}: ${bad}`);
      // The finding's line after the fix (shifted by edits before it).
      let offset = f.startOffset;
      let delta = 0;
      for (const e of edits) {
        if (e.end <= f.startOffset && !(e.start === e.end && e.start === f.startOffset)) delta += e.text.length - (e.end - e.start);
        else if (e.start <= f.startOffset && f.startOffset < e.end) offset = e.start;
      }
      offset += delta;
      const line = lineOf(lineStarts(out), offset) + 1;
      const again = lint(out, opts).findings.filter((g) => g.ruleId === f.ruleId && g.line === line && g.message === f.message);
      assert.deepEqual(again.map(describe), [], `${d.name}: ${describe(f)} is still reported after its own fix`);
    }
  });
}

function fixAllText(text: string, opts: LintOptions): string {
  return fixAll(text, opts).text;
}

test('the unchanged-lines check itself catches edits outside the fixed lines', () => {
  const before = 'a\nb\nc\nd\n';
  const onB: OffsetEdit[] = [{ start: 2, end: 3, text: 'B' }];
  assert.equal(changedOnlyWithin(before, 'a\nB\nc\nd\n', onB), null);
  assert.equal(changedOnlyWithin(before, 'a\nB\nx\ny\nc\nd\n', onB), null, 'lines inserted at the edit');
  assert.notEqual(changedOnlyWithin(before, 'a\nB\nc\nD\n', onB), null, 'a later line changed');
  assert.notEqual(changedOnlyWithin(before, 'A\nB\nc\nd\n', onB), null, 'an earlier line changed');
  assert.notEqual(changedOnlyWithin(before, 'a\nB\nd\n', onB), null, 'an unedited line deleted');
  assert.notEqual(changedOnlyWithin(before, 'a\nB\nc\nd', onB), null, 'the final newline dropped');
});
