// npm run bench — prints, from one process run, per document size: median ms of a first lint(),
// of a re-lint after a one-character edit (the keystroke case), of remark-parse + remark-gfm
// alone, and of markdownlint's default rules, with the ratios the targets are stated in.
// Targets (issue #2/#4): first lint ≤ 1.2× parse alone; keystroke ≤ 1/20 of a first lint at
// 200 KB and above; keystroke ≥ 10× faster than markdownlint from 20 KB up.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { generateQbr } from './generate.mjs';

const require = createRequire(import.meta.url);
const core = require('../dist/core.js');
const markdownlint = require('markdownlint/sync');

const full = process.argv.includes('--full');
const SIZES = [
  ['2 KB', 2_000, 25],
  ['20 KB', 20_000, 15],
  ['200 KB', 200_000, 7],
  ['1 MB', 1_000_000, 3],
  ...(full ? [['5 MB', 5_000_000, 1]] : []),
];

const parser = unified().use(remarkParse).use(remarkGfm);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn) {
  globalThis.gc?.();
  const t = performance.now();
  fn();
  return performance.now() - t;
}
function timeMany(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(time(() => fn(i)));
  return median(out);
}

const today = '2026-11-24';
const rows = [];
for (const [label, bytes, runs] of SIZES) {
  const text = generateQbr(bytes);
  // Warm up every measured code path (JIT) before timing: the core bundle carries its own copy
  // of remark, so both copies get the same warm-up.
  const warm = generateQbr(20_000, 7);
  for (let i = 0; i < 15; i++) {
    parser.parse(warm);
    core.lint(warm, { today, cache: false });
    markdownlint.lint({ strings: { doc: warm } });
  }

  const parse = timeMany(runs, () => parser.parse(text));
  const first = timeMany(runs, () => core.lint(text, { today, cache: core.createCache() }));
  const cache = core.createCache();
  core.lint(text, { today, cache });
  let current = text;
  const keystroke = timeMany(Math.max(runs, 9), (i) => {
    // Type one character in the middle of the document, as a user would.
    const at = Math.floor(current.length / 2) + i * 7;
    current = current.slice(0, at) + 'x' + current.slice(at);
    core.lint(current, { today, cache });
  });
  const mdl = timeMany(runs, () => markdownlint.lint({ strings: { doc: text } }));
  rows.push({ label, chars: text.length, parse, first, keystroke, mdl });
  console.error(`measured ${label}`);
}

const f = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
console.log(`\nPartnership Docs benchmark — ${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
console.log(`micromark ${JSON.parse(readFileSync(new URL('../node_modules/micromark/package.json', import.meta.url), 'utf8')).version}, markdownlint ${JSON.parse(readFileSync(new URL('../node_modules/markdownlint/package.json', import.meta.url), 'utf8')).version}\n`);
console.log('| size | chars | remark parse ms | first lint ms | first/parse (≤1.2) | keystroke re-lint ms | keystroke/first (≤0.05 from 200 KB) | markdownlint ms | markdownlint/keystroke (≥10 from 20 KB) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
let ok = true;
for (const r of rows) {
  const a = r.first / r.parse;
  const b = r.keystroke / r.first;
  const c = r.mdl / r.keystroke;
  const big = r.chars >= 200_000;
  const mid = r.chars >= 20_000;
  const pass1 = a <= 1.2;
  const pass2 = !big || b <= 0.05;
  const pass3 = !mid || c >= 10;
  ok &&= pass1 && pass2 && pass3;
  console.log(`| ${r.label} | ${r.chars} | ${f(r.parse)} | ${f(r.first)} | ${a.toFixed(2)} ${pass1 ? '✓' : '✗'} | ${f(r.keystroke)} | ${b.toFixed(3)} ${big ? (pass2 ? '✓' : '✗') : ''} | ${f(r.mdl)} | ${c.toFixed(1)} ${mid ? (pass3 ? '✓' : '✗') : ''} |`);
}
console.log(`\n${ok ? 'All targets met.' : 'Some targets missed (✗).'}`);
