/**
 * `minimalEdit` (the one edit the editor applies for Fix all, fix on save and Recalculate): it
 * must turn `before` into `after` and never cut a grapheme cluster — half of a surrogate pair
 * becomes U+FFFD on its way to the editor (🟢 🟡 🔴 share their first UTF-16 unit).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyEdits, fixTitle, isGraphemeBoundary, lint, minimalEdit } from '../../src/core/index.js';
import { propertyRuns } from '../helpers.js';

const RUNS = propertyRuns(10_000, 2_000);
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Every grapheme boundary of `s`, by segmenting the whole text (the oracle). */
function boundaries(s: string): Set<number> {
  const out = new Set<number>([s.length]);
  for (const seg of segmenter.segment(s)) out.add(seg.index);
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Pieces real partnership documents hold, chosen so that neighbours share code units.
const PIECES = ['🟢', '🟡', '🔴', '🟠', '✅', '⚠️', '⚠', '❌', '🚀', '👩‍💻', '👨‍👩‍👧', '🇺🇸', '🇩🇪', '🇫🇷', '1️⃣', 'é', 'e\u0301', '👍🏽',
  'Green', 'Yellow', 'Red', ' ', '|', '(', '%', '\n', '\r\n', '\r', 'a', '9', '—', '\u200D', '\uFE0F'];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((a) => a.join(''));

test('minimalEdit: applied to the old text gives the new text, both ends on grapheme boundaries of both texts', () => {
  fc.assert(fc.property(text, text, text, text, (prefix, a, b, suffix) => {
    const before = prefix + a + suffix;
    const after = prefix + b + suffix;
    const edit = minimalEdit(before, after);
    if (before === after) { assert.equal(edit, undefined); return; }
    assert.ok(edit);
    assert.equal(applyEdits(before, [edit]), after);
    const inBefore = boundaries(before);
    const inAfter = boundaries(after);
    assert.ok(inBefore.has(edit.start) && inBefore.has(edit.end), `edit [${edit.start}, ${edit.end}) cuts a cluster of the old text`);
    assert.ok(inAfter.has(edit.start) && inAfter.has(edit.start + edit.text.length), 'the inserted text cuts a cluster of the new text');
    assert.doesNotMatch(edit.text, LONE_SURROGATE);
    assert.doesNotMatch(before.slice(edit.start, edit.end), LONE_SURROGATE);
    // Minimal: no longer common prefix / suffix ends on a boundary of both texts.
    let common = 0;
    while (common < Math.min(before.length, after.length) && before[common] === after[common]) common++;
    for (let s = edit.start + 1; s <= common; s++) assert.ok(!(inBefore.has(s) && inAfter.has(s)), `a longer prefix (${s}) was possible`);
    const keptSuffix = before.length - edit.end;
    let commonSuffix = 0;
    while (commonSuffix < Math.min(before.length, after.length) - edit.start && before[before.length - 1 - commonSuffix] === after[after.length - 1 - commonSuffix]) commonSuffix++;
    for (let k = keptSuffix + 1; k <= commonSuffix; k++) {
      assert.ok(!(inBefore.has(before.length - k) && inAfter.has(after.length - k)), `a longer suffix (${k}) was possible`);
    }
  }), { numRuns: RUNS });
});

test('minimalEdit: 🟢 → 🟡 replaces the whole emoji, not its second half', () => {
  const before = '**Overall Partnership Health**: 🟢 Green (91% of targets met)';
  const after = '**Overall Partnership Health**: 🟡 Yellow (77% of targets met)';
  const edit = minimalEdit(before, after)!;
  assert.equal(before.slice(0, edit.start), '**Overall Partnership Health**: ');
  assert.equal(edit.text.slice(0, 2), '🟡');
  // The naive unit-by-unit prefix ends inside the pair:
  assert.equal(before.charCodeAt(edit.start), after.charCodeAt(edit.start));
});

test('minimalEdit: keeps the variation selector, ZWJ sequences, flags and CR LF whole', () => {
  const cases: Array<[string, string]> = [
    ['| ⚠️ Yellow |', '| ⚠ Yellow |'], // the same base, with / without U+FE0F
    ['team 👨‍👩‍👧 ok', 'team 👨‍👩‍👦 ok'], // ZWJ sequences differing in the last member
    ['🇺🇸🇩🇪', '🇺🇸🇫🇷'], // flags: regional-indicator pairs
    ['a\r\nb', 'a\rb'],
    ['🔴 Red', '🟢 Green'],
    ['x 👍🏽', 'x 👍🏾'],
  ];
  for (const [before, after] of cases) {
    const edit = minimalEdit(before, after)!;
    assert.equal(applyEdits(before, [edit]), after);
    assert.ok(boundaries(before).has(edit.start) && boundaries(before).has(edit.end), `${JSON.stringify(before)} → ${JSON.stringify(after)}: ${JSON.stringify(edit)}`);
    assert.ok(boundaries(after).has(edit.start + edit.text.length));
  }
});

test('isGraphemeBoundary agrees with segmenting the whole text', () => {
  fc.assert(fc.property(text, (s) => {
    const b = boundaries(s);
    for (let i = 0; i <= s.length; i++) assert.equal(isGraphemeBoundary(s, i), b.has(i), `offset ${i} of ${JSON.stringify(s)}`);
  }), { numRuns: RUNS });
});

test('fixTitle says what the fix writes: the cell, the completed health line, the section', () => {
  const text = `# Partnership QBR: Globex + Acme Corp
**Quarter**: Q1 2026

## KPI Dashboard

| Metric      | Target | Actual | Status   | Trend    |
|-------------|--------|--------|----------|----------|
| Revenue     | $500K  | $300K  | 🟢 Green | → Stable |
| 🚀 Launches | 4      | 4      |          | → Stable |

**Overall Partnership Health**: 🟢 Green (95% of targets met, strong quarter)
`;
  const titles = lint(text).findings.filter((f) => f.fix).map((f) => fixTitle(f, text));
  assert.ok(titles.includes('Change to “🔴 Red (60% of target)” (kpi-status-mismatch)'), titles.join('\n'));
  // An empty cell's fix carries the cell's padding; the title does not quote it. (The table writes
  // its statuses with 🟢 circles: so does the fix, #13.)
  assert.ok(titles.includes('Change to “🟢 Green (100% of target)” (kpi-status-mismatch)'), titles.join('\n'));
  // The overall-health fix keeps the text after the comma: the title shows the line as it will read.
  assert.ok(titles.includes('Change to “🟡 Yellow (80% of targets met, strong quarter)” (overall-health-mismatch)'), titles.join('\n'));
  assert.ok(titles.includes('Insert the “Key Wins” section (section-missing)'), titles.join('\n'));
  assert.ok(!titles.some((t) => t.startsWith('Fix this')), titles.join('\n'));
});
