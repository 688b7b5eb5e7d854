/**
 * The bundle (dist/core.js) is what the CLI, the extension and library users run. Its build
 * patches the parser's per-call setup to be reused (scripts/build.mjs, reuse-parser-setup); the
 * sources these unit tests load do not have that patch. Here the bundle must lint every fixture,
 * example and generated document exactly like the sources — first lints, then keystrokes through
 * a warm cache, and a whole-document parse.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { generateFolderFiles, generateQbr } from '../../scripts/generate.mjs';
import { createCache, lint } from '../../src/core/index.js';

const require = createRequire(__filename);
const root = join(__dirname, '..', '..');
const bundlePath = join(root, 'dist', 'core.js');

function docs(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) out.push([p.slice(root.length + 1), readFileSync(p, 'utf8')]);
    }
  };
  walk(join(root, 'test', 'fixtures', 'docs'));
  walk(join(root, 'examples'));
  out.push(['generated 60 KB QBR', generateQbr(60_000, 3)]);
  for (const [p, text] of generateFolderFiles(9, 5)) out.push([p, text]);
  return out;
}

const shape = (r: { kind: unknown; findings: readonly object[] }) => JSON.stringify(r);

test('dist/core.js lints exactly like the sources (first lint, warm-cache keystrokes, whole document)', { skip: existsSync(bundlePath) ? false : 'run `npm run build` first' }, () => {
  const bundle = require(bundlePath) as typeof import('../../src/core/index.js');
  const options = { today: '2026-11-24' };
  const bundleCache = bundle.createCache();
  const sourceCache = createCache();
  let compared = 0;
  for (const [name, text] of docs()) {
    assert.equal(shape(bundle.lint(text, { ...options, path: name, cache: false })), shape(lint(text, { ...options, path: name, cache: false })), `${name}: first lint`);
    assert.equal(shape(bundle.lint(text, { ...options, path: name, wholeDocument: true, cache: false })), shape(lint(text, { ...options, path: name, wholeDocument: true, cache: false })), `${name}: whole document`);
    // Keystrokes: a character typed at a few places, through one warm cache each.
    let current = text;
    for (let i = 1; i <= 3; i++) {
      const at = Math.floor((current.length * i) / 4);
      current = current.slice(0, at) + 'x' + current.slice(at);
      assert.equal(shape(bundle.lint(current, { ...options, path: name, cache: bundleCache })), shape(lint(current, { ...options, path: name, cache: sourceCache })), `${name}: keystroke ${i}`);
    }
    compared++;
  }
  assert.ok(compared > 50, `documents compared: ${compared}`);
});
