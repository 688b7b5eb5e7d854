// Child of bench.mjs: the workspace index (issue #5) over the generated 1,000-file folder.
// Prints one JSON line. In a fresh process each, so nothing is warm:
//   bench-index.mjs FOLDER            cold indexing in this thread (read + indexDocument of every
//                                     file + buildIndex), then one changed file: indexDocument of
//                                     its new text and updateIndex — the other 999 files are not
//                                     read again (the file's previous text was indexed in this
//                                     thread, so its unchanged sections come from the cache).
//   bench-index.mjs FOLDER --workers  cold indexing with the CLI's parallel driver (indexFiles in
//                                     dist/cli.js: worker threads, as many as cores, each reading
//                                     and indexing files) + buildIndex in this thread. Worker
//                                     start-up is included.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const require = createRequire(import.meta.url);
const core = require('../dist/core.js');
const folder = process.argv[2];
const workers = process.argv.includes('--workers');
const cli = workers ? require('../dist/cli.js') : undefined;
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === '.git') continue;
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.md')) files.push(p);
  }
})(folder);

const today = '2026-11-24';
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const docs = [];
const texts = new Map();
if (workers) {
  const outcomes = await cli.indexFiles(files.map((f) => ({ abs: f, path: relative(folder, f), options: { today } })));
  for (const o of outcomes) {
    if (!o.ok) throw new Error(o.message);
    if (o.doc) docs.push(o.doc);
  }
} else {
  for (const f of files) {
    const path = relative(folder, f);
    const text = readFileSync(f, 'utf8');
    texts.set(path, text);
    const d = core.indexDocument(path, text, { today });
    if (d) docs.push(d);
  }
}
let index = core.buildIndex(docs, { today });
const coldMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0); // this thread and the workers
const coldCpuS = (cpu.user + cpu.system) / 1e6;
const result = { files: files.length, indexed: docs.length, partners: index.partners.length, coldMs, coldCpuS, threads: workers ? availableParallelism() : 1 };

if (!workers) {
  // One changed file: an edit in the middle of a QBR.
  const changed = docs.find((d) => d.kind === 'qbr').path;
  const old = texts.get(changed);
  const at = old.length >> 1;
  const next = old.slice(0, at) + 'x' + old.slice(at);
  const t1 = performance.now();
  const doc = core.indexDocument(changed, next, { today });
  index = core.updateIndex(index, changed, doc, { today });
  result.updateMs = performance.now() - t1;
}
console.log(JSON.stringify(result));
