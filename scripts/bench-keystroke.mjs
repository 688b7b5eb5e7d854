// Child of scripts/bench.mjs (issue #12): what a keystroke costs depending on where it lands.
//   node --expose-gc scripts/bench-keystroke.mjs <bytes> <keystrokes>
// For a generated QBR and a generated status report of about <bytes> characters: the median
// first lint, then — for each place a partnership manager types (a header field, the executive
// summary, a KPI cell, a Challenges item, a Next Steps item, a Risks item, the health-score
// block) — the median re-lint after typing one character there, with a warm cache, typing
// successive characters at the cursor like a user. Prints one JSON line.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { generateQbr, generateStatusReport } from './generate.mjs';

const require = createRequire(import.meta.url);
const core = require('../dist/core.js');
const [bytes, keystrokes] = process.argv.slice(2).map(Number);
const today = '2026-11-24';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The offset just after `needle`, searched from `from` (the middle of the document by default). */
function after(text, needle, from = Math.floor(text.length / 2)) {
  const i = text.indexOf(needle, from);
  if (i === -1) throw new Error(`bench-keystroke: "${needle}" not found`);
  return i + needle.length;
}

const documents = [
  {
    name: 'QBR',
    text: generateQbr(bytes),
    places: [
      ['header field (Attendees)', (t) => after(t, '**Attendees**: Dana', 0)],
      ['executive summary', (t) => after(t, 'A steady quarter', 0)],
      ['KPI table cell', (t) => after(t, '| Customers acquired | 5')],
      ['Challenges item', (t) => after(t, 'Action plan: Joint')],
      ['Next Steps item', (t) => after(t, '- [ ] Send the enablement')],
      ['notes paragraph', (t) => after(t, 'the partnership continues')],
    ],
  },
  {
    name: 'status report',
    text: generateStatusReport(bytes),
    places: [
      ['Risks item', (t) => after(t, '## Risks and Mitigations', 0) + 4],
      ['health score block', (t) => after(t, '### Overall Health Score: ', 0) + 3],
    ],
  },
];

const out = { bytes, documents: [] };
// Warm-up of every path (JIT) on a small document.
{
  const w = generateQbr(20_000, 7);
  const cache = core.createCache();
  core.lint(w, { today, cache });
  for (let i = 0; i < 30; i++) core.lint(w.slice(0, 4000 + i) + 'x' + w.slice(4000 + i), { today, cache });
}
for (const d of documents) {
  const first = [];
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    const t = performance.now();
    core.lint(d.text, { today, cache: core.createCache() });
    first.push(performance.now() - t);
  }
  const row = { name: d.name, chars: d.text.length, firstMs: median(first), places: [] };
  for (const [place, locate] of d.places) {
    const cache = core.createCache();
    let text = d.text;
    core.lint(text, { today, cache });
    const at = locate(text);
    const samples = [];
    // 5 untimed keystrokes, then the timed ones: typing at the cursor, a character each time.
    for (let i = 0; i < 5 + keystrokes; i++) {
      text = text.slice(0, at + i) + 'x' + text.slice(at + i);
      const t = performance.now();
      core.lint(text, { today, cache });
      if (i >= 5) samples.push(performance.now() - t);
    }
    row.places.push({ place, ms: median(samples) });
  }
  out.documents.push(row);
}
console.log(JSON.stringify(out));
