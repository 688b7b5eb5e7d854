/**
 * The real-world corpus report (issue #11): per rule, the findings that were expected and found
 * (TP), found but not expected (FP: a wrong finding), and expected but not found (missed), with
 * precision, over test/fixtures/real-world/ (see test/real-world.ts). `--diff` also prints every
 * document that differs. Printed by `npm run bench` and `npm run corpus`.
 *   node --import tsx scripts/corpus-report.ts [--diff] [--root=test/fixtures/heldout]
 * `--root=test/fixtures/heldout`: the held-out set, written after the tuning by authors who saw
 * neither the code nor the corpus; measured, not tested (it is not part of npm test).
 */
import { compare, describeDiff, lintCorpus, loadCorpus, scoreByRule } from '../test/real-world.js';

const root = process.argv.find((a) => a.startsWith('--root='))?.slice(7);
const docs = loadCorpus(root);
const found = lintCorpus(docs);
const results = docs.map((d) => compare(d.expected, found.get(d.path) ?? []));
const scores = scoreByRule(results);
const folders = new Set(docs.map((d) => d.folder));
const silent = docs.filter((d) => d.expected.length === 0);
const silentNoisy = silent.filter((d) => (found.get(d.path) ?? []).length > 0);

const pct = (n: number, d: number) => (d === 0 ? '—' : `${((100 * n) / d).toFixed(1)} %`);
console.log(`## ${root ? `Held-out set (${root})` : 'Real-world corpus'}: ${docs.length} documents in ${folders.size} folders (${silent.length} must stay silent)\n`);
console.log('| rule | expected | TP | FP | missed | precision | recall |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
let tp = 0, fp = 0, missed = 0;
for (const s of scores) {
  tp += s.tp; fp += s.fp; missed += s.missed;
  const ok = (s.tp + s.fp === 0 || s.tp / (s.tp + s.fp) >= 0.95) && s.missed === 0 ? '✓' : '✗';
  console.log(`| ${s.ruleId} | ${s.tp + s.missed} | ${s.tp} | ${s.fp} | ${s.missed} | ${pct(s.tp, s.tp + s.fp)} | ${pct(s.tp, s.tp + s.missed)} ${ok} |`);
}
console.log(`| **all** | ${tp + missed} | ${tp} | ${fp} | ${missed} | ${pct(tp, tp + fp)} | ${pct(tp, tp + missed)} |`);
console.log(`\nLook-alikes and clean documents with any finding: ${silentNoisy.length} of ${silent.length}` + (silentNoisy.length ? ` (${silentNoisy.map((d) => d.path).join(', ')})` : ''));
if (process.argv.includes('--diff')) {
  for (const [i, d] of docs.entries()) {
    const c = results[i]!;
    if (c.fp.length || c.missed.length) console.log(`\n${describeDiff(d, c)}`);
  }
}
