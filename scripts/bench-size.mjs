// Child of scripts/bench.mjs: one document size, measured in one process, interleaved so that
// the ratios compare runs taken close together (the machine may be shared and noisy).
//   node --expose-gc scripts/bench-size.mjs <bytes> <runs> <keystrokeRuns>
// Prints one JSON line: the raw samples (ms) of each measurement.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { generateQbr } from './generate.mjs';

const require = createRequire(import.meta.url);
const core = require('../dist/core.js');
const markdownlint = require('markdownlint/sync');

const [bytes, runs, keystrokeRuns] = process.argv.slice(2).map(Number);
const today = '2026-11-24';
const parser = unified().use(remarkParse).use(remarkGfm);
const text = generateQbr(bytes);
const mdl = (s) => markdownlint.lint({ strings: { doc: s } });
const time = (fn, { collect = true } = {}) => {
  if (collect) globalThis.gc?.();
  const t = performance.now();
  fn();
  return performance.now() - t;
};
/** One character typed in the middle of the document; a different place each time. */
const edit = (s, i) => {
  const at = Math.floor(s.length / 2) + i * 7;
  return s.slice(0, at) + 'x' + s.slice(at);
};

// Warm-up (JIT) of every measured path; the core bundle carries its own copy of remark.
const warm = generateQbr(20_000, 7);
for (let i = 0; i < 12; i++) {
  parser.parse(warm);
  core.lint(warm, { today, cache: core.createCache() });
  mdl(warm);
}
// …and the keystroke path (section reuse, placement, memoised analyses) on the same warm-up text.
{
  const warmCache = core.createCache();
  let w = warm;
  core.lint(w, { today, cache: warmCache });
  for (let i = 0; i < 40; i++) {
    w = edit(w, i);
    core.lint(w, { today, cache: warmCache });
  }
}

const out = { bytes, chars: text.length, parse: [], first: [], mdl: [], keystroke: [], load: [] };
for (let i = 0; i < runs; i++) {
  out.load.push(os.loadavg()[0]);
  // Rotate the order so that no measurement always runs right after the heaviest one.
  const steps = [
    () => out.parse.push(time(() => parser.parse(text))),
    () => out.first.push(time(() => core.lint(text, { today, cache: core.createCache() }))),
    () => {
      const edited = edit(text, i);
      out.mdl.push(time(() => mdl(edited)));
    },
  ];
  for (let k = 0; k < steps.length; k++) steps[(k + i) % steps.length]();
}

/**
 * Keystrokes: prime a cache with a first lint, then type a fresh character each iteration —
 * 20 untimed keystrokes first (steady-state typing: a user types many), then the timed ones.
 * No forced full GC between keystrokes: an editor does not collect between them, and a forced
 * collection before each sample made the next lint ~10 ms slower (heap regrowth), not the lint.
 */
function typing(config) {
  const cache = core.createCache();
  let current = text;
  core.lint(current, { today, cache, config });
  const samples = [];
  let last;
  for (let i = 0; i < 20 + keystrokeRuns; i++) {
    current = edit(current, i);
    const ms = time(() => (last = core.lint(current, { today, cache, config })), { collect: false });
    if (i >= 20) samples.push(ms);
  }
  return { samples, current, last };
}
const { samples: keystrokes, current, last } = typing(undefined);
out.keystroke = keystrokes;
// The same keystrokes with every rule off: what the incremental parse, the section cache and the
// placement cost alone (the rest of a keystroke is the rules re-running over the whole model).
out.keystrokeRulesOff = typing({ rules: Object.fromEntries(core.ruleIds.map((id) => [id, 'off'])) }).samples;
// The incremental result must equal a full lint (property-tested elsewhere; cheap check here).
if (bytes <= 200_000) {
  const full = core.lint(current, { today, cache: false });
  out.sameAsFull = JSON.stringify(full.findings) === JSON.stringify(last.findings);
}
out.maxRssMB = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify(out));
