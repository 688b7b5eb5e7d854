/**
 * The CLI on hostile file systems and inputs, beyond test/cli/check.test.ts (which covers
 * binary and invalid UTF-8 files, symlink loops through folders, BOMs, broken config syntax)
 * and test/cli/units.test.ts (the changed-on-disk guard of --fix).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BIN, QBR, README, ROOT, ensureBuilt, onlyRules, removeTemp, run, tempRepo } from './helpers.js';
import { generateQbr } from '../../scripts/generate.mjs';
import { heavy } from '../helpers.js';

const temps: string[] = [];
const repo = (files: Record<string, string | Buffer> = {}) => {
  const d = tempRepo(files);
  temps.push(d);
  return d;
};
const json = (stdout: string) => JSON.parse(stdout) as {
  files: Array<{ path: string; kind: string | null; findings: Array<{ ruleId: string; line: number; column: number }> }>;
  summary: { files: number; errors: number; warnings: number; infos: number };
};
const isRoot = process.getuid?.() === 0;

let placeholderOnly: string;
before(async () => {
  ensureBuilt();
  placeholderOnly = await onlyRules({ 'placeholder-unfilled': 'warning' });
});
after(() => temps.forEach(removeTemp));

describe('per-file problems are reported one by one; the rest is still checked', () => {
  it('binary, invalid UTF-8, unreadable and FIFO files in one run: each named with its reason, exit 2', () => {
    const d = repo({
      '.partnership-docs.json': placeholderOnly,
      'a-good.md': QBR,
      'b-binary.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
      'c-latin1.md': Buffer.from('# Partnership QBR: Caf\xe9\n[Name]\n', 'latin1'),
      'd-unreadable.md': QBR,
      'z-good.md': QBR,
    });
    chmodSync(join(d, 'd-unreadable.md'), 0o000);
    const fifo = spawnSync('mkfifo', [join(d, 'e-fifo.md')]);
    const r = run(['check', '--format', 'json', '.', 'e-fifo.md'], d);
    chmodSync(join(d, 'd-unreadable.md'), 0o644);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, /^b-binary\.md: binary file \(contains NUL bytes\); not checked$/m);
    assert.match(r.stderr, /^c-latin1\.md: not valid UTF-8; not checked$/m);
    if (fifo.status === 0) assert.match(r.stderr, /^e-fifo\.md: not a regular file; not checked$/m, 'a FIFO named on the command line is refused, not read (it would block)');
    const expected = ['a-good.md', 'z-good.md'];
    if (isRoot) expected.splice(1, 0, 'd-unreadable.md'); // root reads anything
    else assert.match(r.stderr, /^d-unreadable\.md: cannot read: permission denied \(EACCES\)$/m);
    const out = json(r.stdout);
    assert.deepEqual(out.files.map((f) => f.path), expected);
    assert.equal(out.summary.warnings, expected.length, 'each readable QBR still reports its placeholder');
  });

  it('stylish output too lists the problems after the findings and exits 2', () => {
    const d = repo({ '.partnership-docs.json': placeholderOnly, 'good.md': QBR, 'bin.md': Buffer.from([0, 1, 2]) });
    const r = run(['check'], d);
    assert.equal(r.status, 2);
    assert.match(r.stdout, /good\.md/);
    assert.match(r.stderr, /^bin\.md: binary file/m);
  });
});

describe('odd things named *.md', () => {
  it('a directory named x.md is walked, not read as a file (named or found)', () => {
    const d = repo({ '.partnership-docs.json': placeholderOnly, 'x.md/inner.md': QBR, 'top.md': README });
    const walked = run(['check', '--format', 'json'], d);
    assert.equal(walked.status, 0, walked.stderr);
    assert.deepEqual(json(walked.stdout).files.map((f) => f.path), ['top.md', 'x.md/inner.md']);
    const named = run(['check', '--format', 'json', 'x.md'], d);
    assert.equal(named.status, 0, named.stderr);
    assert.deepEqual(json(named.stdout).files.map((f) => f.path), ['x.md/inner.md']);
  });

  it('a FIFO named x.md in a walked folder is skipped without blocking', () => {
    const d = repo({ 'a.md': README });
    if (spawnSync('mkfifo', [join(d, 'x.md')]).status !== 0) return;
    const r = run(['check', '--format', 'json'], d);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(json(r.stdout).files.map((f) => f.path), ['a.md']);
  });

  it('a symlink pointing at itself and a chain of links in a loop: no hang; named ones reported', () => {
    const d = repo({ '.partnership-docs.json': placeholderOnly, 'good.md': QBR });
    symlinkSync('self.md', join(d, 'self.md'));
    symlinkSync('loop-b.md', join(d, 'loop-a.md'));
    symlinkSync('loop-a.md', join(d, 'loop-b.md'));
    symlinkSync('missing.md', join(d, 'dangling.md'));
    mkdirSync(join(d, 'sub'));
    symlinkSync('../sub', join(d, 'sub', 'again'), 'dir');
    const walked = run(['check', '--format', 'json'], d);
    assert.equal(walked.status, 0, walked.stderr);
    assert.deepEqual(json(walked.stdout).files.map((f) => f.path), ['good.md']);
    const named = run(['check', '--format', 'json', 'good.md', 'self.md', 'loop-a.md', 'dangling.md'], d);
    assert.equal(named.status, 2);
    assert.match(named.stderr, /self\.md: cannot read: too many levels of symbolic links \(ELOOP\)/);
    assert.match(named.stderr, /loop-a\.md: cannot read: too many levels of symbolic links \(ELOOP\)/);
    assert.match(named.stderr, /dangling\.md: cannot read: no such file or directory \(ENOENT\)/);
    assert.deepEqual(json(named.stdout).files.map((f) => f.path), ['good.md']);
  });
});

describe('size', () => {
  it('a 5 MB document through the CLI, in a 512 MB heap, with the same findings as the library', heavy, () => {
    const text = generateQbr(5 * 1024 * 1024, 2) as string;
    // Alone in its folder: cross-document rules (same partner, earlier quarter) would add findings the single-document library call has not.
    const d = repo({ 'big.md': text });
    const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'json', '--today', '2026-11-24'], {
      cwd: d, encoding: 'utf8', timeout: 120_000, killSignal: 'SIGKILL', maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, NODE_OPTIONS: '--max-old-space-size=512' },
    });
    assert.equal(r.signal, null, 'killed: a hang or out of memory');
    assert.equal(r.status, 0, r.stderr.slice(0, 500)); // warnings and infos only
    const out = json(r.stdout);
    const big = out.files.find((f) => f.path === 'big.md')!;
    assert.equal(big.kind, 'qbr');
    // The library of the same build as the CLI (dist/), so concurrent edits of src/ cannot skew the comparison.
    const { lint } = require(join(ROOT, 'dist/core.js')) as typeof import('../../src/core/index.js');
    const expected = lint(text, { path: 'big.md', today: '2026-11-24', cache: false }).findings;
    assert.equal(big.findings.length, expected.length);
    assert.deepEqual(big.findings.slice(-3).map((f) => [f.ruleId, f.line, f.column]), expected.slice(-3).map((f) => [f.ruleId, f.line, f.column]));
  });
});

describe('--fix and broken configuration', () => {
  it('--fix writes nothing when a config file is broken (file:line:column, exit 2)', () => {
    const d = repo({ 'qbr.md': QBR, '.partnership-docs.json': '{\n  "rules": {\n    "kpi-status-mismatch": "warning",\n  "thresholds": { "statusGreen": -1 }\n}\n' });
    const before = readFileSync(join(d, 'qbr.md'));
    const r = run(['check', '--fix'], d);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^\.partnership-docs\.json:\d+:\d+: /m);
    assert.match(r.stderr, /Invalid configuration: nothing was checked\./);
    assert.deepEqual(readFileSync(join(d, 'qbr.md')), before);
  });

  it('a config file that is a directory, or not UTF-8 JSON at all, is reported with exit 2', () => {
    const d = repo({ 'qbr.md': QBR });
    mkdirSync(join(d, 'cfg.json'));
    const dir = run(['check', '-c', 'cfg.json'], d);
    assert.equal(dir.status, 2);
    assert.match(dir.stderr, /^cfg\.json: cannot read configuration: not a file/m);
    writeFileSync(join(d, 'bin.json'), Buffer.from([0xff, 0x00, 0x7b]));
    const bin = run(['check', '-c', 'bin.json'], d);
    assert.equal(bin.status, 2);
    assert.match(bin.stderr, /^bin\.json:1:\d+: /m);
  });

  it('--fix run twice: the second run writes nothing (the changed-on-disk guard itself: units.test.ts)', () => {
    const d = repo({ 'qbr.md': QBR });
    run(['check', '--fix'], d);
    const m = statSync(join(d, 'qbr.md')).mtimeMs;
    const text = readFileSync(join(d, 'qbr.md'), 'utf8');
    run(['check', '--fix'], d);
    assert.equal(readFileSync(join(d, 'qbr.md'), 'utf8'), text);
    assert.equal(statSync(join(d, 'qbr.md')).mtimeMs, m);
  });
});
