// Child of scripts/bench.mjs: the memory growth of a first lint() of one document, in a fresh
// process.   node --expose-gc scripts/bench-memory.mjs <file.md>
// Peak growth = the process's peak resident set (getrusage maxRSS) after the lint minus the
// resident set right before it (after a warm-up and a full GC): an upper bound of the growth.
// A worker thread also samples the RSS every 5 ms while the main thread is busy linting.
// --rules-off: the same lint with every rule off (tokenizing, the model and the section cache only).
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { generateQbr } from './generate.mjs';

const require = createRequire(import.meta.url);
const core = require('../dist/core.js');
const today = '2026-11-24';
const text = readFileSync(process.argv[2], 'utf8');

const warm = generateQbr(20_000, 7);
for (let i = 0; i < 5; i++) core.lint(warm, { today, cache: core.createCache() });

const sampler = new Worker(
  `const { parentPort } = require('node:worker_threads');
   let max = 0, stop = false;
   parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(t); parentPort.postMessage(max); } });
   const t = setInterval(() => { max = Math.max(max, process.memoryUsage.rss()); }, 5);
   parentPort.postMessage('ready');`,
  { eval: true },
);
await new Promise((r) => sampler.once('message', r));
globalThis.gc();
globalThis.gc();
const before = process.memoryUsage();
const maxBefore = process.resourceUsage().maxRSS * 1024;
const t = performance.now();
const rulesOff = process.argv.includes('--rules-off');
const config = rulesOff ? { rules: Object.fromEntries(core.ruleIds.map((id) => [id, 'off'])) } : undefined;
const result = core.lint(text, { today, cache: core.createCache(), config });
const ms = performance.now() - t;
const maxAfter = process.resourceUsage().maxRSS * 1024;
sampler.postMessage('stop');
const sampledMax = await new Promise((r) => sampler.once('message', r));
await sampler.terminate();
globalThis.gc();
const retained = process.memoryUsage();
const MB = 1024 * 1024;
console.log(JSON.stringify({
  chars: text.length,
  ms,
  findings: result.findings.length,
  rssBeforeMB: before.rss / MB,
  peakRssMB: maxAfter / MB,
  peakBeforeMB: maxBefore / MB,
  peakGrowthMB: (maxAfter - before.rss) / MB,
  sampledPeakGrowthMB: (sampledMax - before.rss) / MB,
  retainedHeapMB: (retained.heapUsed - before.heapUsed) / MB,
}));
