/**
 * Memory kept across lints. A keystroke's document is a new string; whatever the section cache
 * keeps from a lint (models, findings, fields, keys) must not be a slice of that version, or every
 * keystroke keeps one whole copy of the document alive (2 MB a keystroke on a 1 MB document,
 * measured before the cache stored its own keys). The heap is measured after full collections.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { createCache, lint } from '../../src/core/index.js';
import { generateQbr } from '../../scripts/generate.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMB = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
};

test('typing in 40 places of a 1 MB document keeps no copy of each version of it', () => {
  let text = generateQbr(1_000_000);
  const cache = createCache();
  const today = '2026-11-24';
  lint(text, { today, cache });
  const before = heapMB();
  for (let i = 0; i < 40; i++) {
    const at = Math.floor((text.length * (i + 0.5)) / 40);
    text = `${text.slice(0, at)}x${text.slice(at)}`;
    lint(text, { today, cache });
  }
  const grown = heapMB() - before;
  // One version of this document is ~2 MB (UTF-16 with emoji): 40 kept versions would be ~80 MB.
  assert.ok(grown < 12, `heap grew by ${grown.toFixed(1)} MB over 40 keystrokes`);
});
