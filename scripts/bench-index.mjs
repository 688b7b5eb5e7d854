// Child of bench.mjs: the workspace index (issue #5) over the generated 1,000-file folder.
// Prints one JSON line: cold indexing of every file (read + indexDocument + buildIndex, in a
// fresh process, no warm caches), then one changed file: indexDocument of its new text and
// updateIndex — the other 999 files are not read again.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const core = createRequire(import.meta.url)('../dist/core.js');
const folder = process.argv[2];
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
const t0 = performance.now();
const docs = [];
const texts = new Map();
for (const f of files) {
  const path = relative(folder, f);
  const text = readFileSync(f, 'utf8');
  texts.set(path, text);
  const d = core.indexDocument(path, text, { today });
  if (d) docs.push(d);
}
let index = core.buildIndex(docs, { today });
const coldMs = performance.now() - t0;

// One changed file: an edit in the middle of a QBR.
const changed = docs.find((d) => d.kind === 'qbr').path;
const old = texts.get(changed);
const at = old.length >> 1;
const next = old.slice(0, at) + 'x' + old.slice(at);
const t1 = performance.now();
const doc = core.indexDocument(changed, next, { today });
index = core.updateIndex(index, changed, doc, { today });
const updateMs = performance.now() - t1;
console.log(JSON.stringify({ files: files.length, indexed: docs.length, partners: index.partners.length, coldMs, updateMs }));
