/**
 * The VS Code for the Web bundle (dist/web/extension.js, package.json `browser`) must not need
 * Node: scripts/web-bundle.mjs fails the build when a Node built-in is imported or the output
 * uses a Node global. Here: the real entry builds clean and has no trace of the Node platform
 * (worker threads), and each guard really fails on a module that breaks it. The utf8 length the
 * web platform uses instead of Buffer.byteLength agrees with Buffer on every kind of character.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';
import { utf8LengthOf } from '../../src/vscode/platform/platform';

const root = join(__dirname, '..', '..');

async function buildWeb(entry: string) {
  // @ts-expect-error plain ESM build helper without types
  const { webBundle } = await import('../../scripts/web-bundle.mjs');
  const { check, ...options } = webBundle;
  const result = await esbuild.build({ ...options, absWorkingDir: root, bundle: true, write: false, logLevel: 'silent',
    entryPoints: [entry], outfile: join(root, 'out', 'web-test', 'extension.js') });
  check(result);
  return result.outputFiles!.find((f) => f.path.endsWith('.js'))!.text;
}

function tempEntry(source: string): { file: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pd-web-'));
  const file = join(dir, 'entry.ts');
  writeFileSync(file, source);
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

test('the web entry bundles without Node: no worker threads, no Node platform, vscode external', async () => {
  const text = await buildWeb('src/vscode/extension.web.ts');
  assert.doesNotMatch(text, /worker_threads|lintWorker\.js|Buffer\.byteLength/);
  assert.match(text, /require\("vscode"\)/);
  assert.match(text, /host: "web"/);
});

test('a Node built-in imported into the web bundle fails the build, naming the importer', async () => {
  const e = tempEntry("import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
  try {
    await assert.rejects(buildWeb(e.file), /Node built-in "node:fs" imported by .*entry\.ts/);
  } finally { e.dispose(); }
  const bare = tempEntry("import * as path from 'path';\nexport const x = path.join;\n");
  try {
    await assert.rejects(buildWeb(bare.file), /Node built-in "path"/);
  } finally { bare.dispose(); }
});

test('a Node global used by the web bundle fails the check', async () => {
  for (const use of ['Buffer.byteLength(s)', 'process.env.HOME', '__dirname']) {
    const e = tempEntry(`export const f = (s: string) => ${use};\n`);
    try {
      await assert.rejects(buildWeb(e.file), /uses Node globals/, use);
    } finally { e.dispose(); }
  }
  const ok = tempEntry("export const f = () => typeof process === 'undefined' ? 'web' : 'node';\n");
  try {
    await buildWeb(ok.file);
  } finally { ok.dispose(); }
});

test('utf8LengthOf equals Buffer.byteLength (ASCII, Latin-1, BMP, emoji, lone surrogates)', () => {
  for (const s of ['', 'plain', 'café', '€ – “quotes”', '🟢 Green 🟡 Yellow 🔴 Red ⚠️', 'a\ud800b', '\udc00', 'x\ud83d', '中文'.repeat(50)]) {
    assert.equal(utf8LengthOf(s), Buffer.byteLength(s, 'utf8'), JSON.stringify(s));
  }
});
