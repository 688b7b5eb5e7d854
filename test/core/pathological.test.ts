/**
 * Pathological inputs: each is linted in a child process (node + tsx) with a 60 s kill timer
 * and --max-old-space-size=512, so a hang or unbounded memory fails the test instead of
 * hanging the suite. The child prints a summary (test/core/pathological.cases.ts); this file
 * asserts that the run finished and that the findings are the expected ones, at the right
 * places. No timing assertions: the timer only catches hangs.
 *
 * Both of the corners that used to be skipped now run: a 100,000-character line dense with inline
 * markup took ~25 s through the mdast tree and takes ~2 s from micromark's events; lists nested
 * 1,000 deep by indentation (a 1 MB text) took minutes and take ~12 s (still superlinear in the
 * depth inside micromark, and ~0.5 GB: every line carries a continuation for each open list).
 * `- ` nested 5,000 deep on one line takes ~3.5 s and is analysed (through the tree its section
 * overflowed the stack and yielded nothing).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BRACKETS, COLUMNS, HEADINGS, INDENTED_NEST, KPI_ROWS, KPI_WRONG_EVERY, LONG_LINE_WORDS, NEST, type Summary } from './pathological.cases.js';
import { heavy } from '../helpers.js';

const ROOT = join(__dirname, '../..');

function runCase(name: string, env: Record<string, string> = {}, timeout = 60_000, heapMB = 512): Summary {
  const r = spawnSync(process.execPath, ['--import', 'tsx', `--max-old-space-size=${heapMB}`, '--stack-size=984', 'test/core/pathological.cases.ts', name], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...env },
  });
  assert.equal(r.signal, null, `${name}: killed (${r.signal}) — a hang (${timeout / 1000} s) or out of memory`);
  assert.equal(r.status, 0, `${name}: exit ${r.status}\n${r.stderr.slice(0, 2000)}`);
  const s = JSON.parse(r.stdout) as Summary;
  assert.deepEqual(s.internalErrors, [], `${name}: a rule crashed`);
  assert.ok(s.rangesOk, `${name}: a finding's range lies outside the document`);
  return s;
}

const TITLE_FINDINGS = { 'next-qbr-missing': 1, 'section-missing': 8 };
const at = (s: Summary, rule: string) => s.sample.filter((x) => x[0] === rule).map((x) => x.slice(1));

test('a 100,000-character line: the placeholder at its end is found at column 100,001', () => {
  const s = runCase('long-line');
  assert.equal(s.kind, 'qbr');
  assert.deepEqual(s.byRule, { ...TITLE_FINDINGS, 'placeholder-unfilled': 1 });
  assert.deepEqual(at(s, 'placeholder-unfilled'), [[4, LONG_LINE_WORDS * 5 + 1, 4, LONG_LINE_WORDS * 5 + 7, '[Name]']]);
});

test('a 100,000-character line dense with inline markup', () => {
  const s = runCase('long-line-markup');
  assert.deepEqual(s.byRule, { ...TITLE_FINDINGS, 'placeholder-unfilled': 1 });
  assert.deepEqual(at(s, 'placeholder-unfilled'), [[4, 104_001, 4, 104_007, '[Name]']]);
});

test('a 5,000-row KPI table: status mismatches on exactly the wrong rows', () => {
  const s = runCase('kpi-5000-rows');
  const wrong = KPI_ROWS / KPI_WRONG_EVERY;
  assert.deepEqual(s.byRule, { 'next-qbr-missing': 1, 'section-missing': 7, 'kpi-status-mismatch': wrong });
  // Row i is on line 8 + i; its status cell starts after `| Metric i | 100 | actual | `.
  const expected = Array.from({ length: wrong }, (_, k) => {
    const i = k * KPI_WRONG_EVERY;
    const col = `| Metric ${i} | 100 | ${100 + (i % 50)} | `.length + 1;
    return [8 + i, col, 8 + i, col + '🔴 Red (50% of target)'.length, '🔴 Red (50% of target)'];
  });
  assert.deepEqual(at(s, 'kpi-status-mismatch'), expected);
});

test('a 500-column table: the KPI row is checked, at the right cell', () => {
  const s = runCase('table-500-columns');
  assert.deepEqual(s.byRule, { 'next-qbr-missing': 1, 'section-missing': 7, 'kpi-status-mismatch': 1 });
  const col = '| Revenue | $500K | $450K | '.length + 1;
  assert.deepEqual(at(s, 'kpi-status-mismatch'), [[8, col, 8, col + '✅ Green (100% of target)'.length, '✅ Green (100% of target)']]);
  assert.ok(COLUMNS === 500);
});

test('lists nested 1,000 deep (`- - - …`): the innermost placeholder is found', () => {
  const s = runCase('nested-lists-1000');
  assert.deepEqual(s.byRule, { ...TITLE_FINDINGS, 'placeholder-unfilled': 1 });
  assert.deepEqual(at(s, 'placeholder-unfilled'), [[6, NEST * 2 + 6, 6, NEST * 2 + 12, '[Name]']]);
});

test(`lists nested ${INDENTED_NEST} deep by indentation: the innermost placeholder is found`, () => {
  const s = runCase('nested-indented-lists');
  assert.deepEqual(s.byRule, { ...TITLE_FINDINGS, 'placeholder-unfilled': 1 });
  const col = (INDENTED_NEST - 1) * 2 + `- level ${INDENTED_NEST - 1} `.length + 1;
  assert.deepEqual(at(s, 'placeholder-unfilled'), [[5 + INDENTED_NEST, col, 5 + INDENTED_NEST, col + 6, '[Name]']]);
});

test('lists nested 1,000 deep by indentation', heavy, () => {
  // A 1 MB text; the child gets more heap than the other cases (micromark's events for it), and
  // more time: micromark alone spends ~60 CPU s re-reading the indentation of 1,000 open lists
  // (profiled: micromark-factory-space / micromark-util-character), which a loaded 2-core CI
  // machine stretched past 120 s once. 300 s still catches a hang.
  const s = runCase('nested-indented-lists', { PD_INDENTED_NEST: '1000' }, 300_000, 1024);
  assert.equal(s.byRule['placeholder-unfilled'], 1);
});

test('blockquotes nested 1,000 deep and lists/quotes alternating: found, no crash', () => {
  const q = runCase('nested-quotes-1000');
  assert.deepEqual(at(q, 'placeholder-unfilled'), [[6, NEST * 2 + 6, 6, NEST * 2 + 12, '[Name]']]);
  const m = runCase('mixed-nesting-1000');
  assert.deepEqual(m.byRule, { ...TITLE_FINDINGS, 'placeholder-unfilled': 1 });
});

test('containers nested 20,000 and 5,000 deep: no crash, the placeholder inside is found and the other sections are linted', heavy, () => {
  // The model is built from micromark's events without recursion (the mdast tree's recursive
  // transforms overflowed the stack on both), so the deep section is analysed too.
  for (const name of ['nested-quotes-20000', 'nested-lists-5000']) {
    const s = runCase(name);
    assert.equal(s.kind, 'qbr', name);
    assert.deepEqual(at(s, 'placeholder-unfilled').map((x) => x[4]), ['[Name]', '[Date]'], name);
  }
});

test('a 5 MB generated QBR within a 512 MB heap', heavy, () => {
  // The timer is longer here only because the 2-core CI machine is shared: ~19 s of CPU.
  const s = runCase('5mb-document', {}, 120_000);
  assert.equal(s.kind, 'qbr');
  assert.ok(s.length >= 5 * 1024 * 1024);
  // Each generated block has three action items, one of them with a placeholder owner and due
  // date (`Owner: [Name]`, `Due: [Date]`): reported once each, as a missing owner and due date,
  // not again as unfilled placeholders.
  const blocks = s.byRule['action-missing-owner']!;
  assert.ok(blocks > 3000, JSON.stringify(s.byRule));
  assert.equal(s.byRule['action-missing-due'], blocks);
  assert.equal(s.byRule['placeholder-unfilled'], undefined);
  assert.equal(s.byRule['overall-health-mismatch'] !== undefined, true);
  assert.ok(s.heapUsedMB < 512);
});

test('a binary file decoded as text (lenient UTF-8 and Latin-1): no crash, exact ranges', () => {
  const a = runCase('binary-as-text');
  assert.equal(a.kind, null);
  const b = runCase('binary-latin1-qbr');
  assert.equal(b.kind, 'qbr');
  assert.ok(at(b, 'placeholder-unfilled').length > 0);
});

test('invalid UTF-8 decoded with replacement characters keeps columns exact', () => {
  const s = runCase('invalid-utf8');
  // Bytes ff fe c3 28 e2 82 20 f0 9f 98 decode to: � � � ( � ␠ � → 7 UTF-16 units, then " Owner ".
  assert.deepEqual(at(s, 'placeholder-unfilled'), [[4, 15, 4, 21, '[Name]']]);
});

test('10,000 headings: every section parsed, the last placeholder found', () => {
  const s = runCase('headings-10000');
  assert.deepEqual(s.byRule, { ...TITLE_FINDINGS, 'placeholder-unfilled': 1 });
  assert.deepEqual(at(s, 'placeholder-unfilled'), [[HEADINGS + 5, 1, HEADINGS + 5, 7, '[Name]']]);
});

test('50,000 brackets: flat, nested, unclosed and link-like', heavy, () => {
  const flat = runCase('brackets-flat-50000');
  assert.equal(flat.byRule['placeholder-unfilled'], Math.floor(BRACKETS / 3));
  assert.deepEqual(at(flat, 'placeholder-unfilled').slice(0, 3), [[4, 1, 4, 4, '[x]'], [4, 4, 4, 7, '[x]'], [4, 7, 4, 10, '[x]']]);
  const nested = runCase('brackets-nested-50000');
  assert.deepEqual(at(nested, 'placeholder-unfilled'), [[4, BRACKETS / 2, 4, BRACKETS / 2 + 3, '[x]']]);
  const open = runCase('brackets-open-50000');
  assert.deepEqual(at(open, 'placeholder-unfilled'), [[6, 1, 6, 7, '[Name]']]);
  const links = runCase('link-brackets-50000');
  assert.equal(links.byRule['placeholder-unfilled'], BRACKETS / 4 + 1);
});
