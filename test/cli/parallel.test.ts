/**
 * Worker threads change nothing but the time: `check` and `report` give the same output, exit
 * code and written files whatever --jobs is (workers only start for 8 files or more, so these
 * folders are larger than the other tests'); the parallel index driver gives exactly
 * `indexDocument`'s entries; a worker that dies or never starts leaves its tasks to the main
 * thread.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { generateFolderFiles } from '../../scripts/generate.mjs';
import { indexDocument } from '../../src/core/index.js';
import { runTasks } from '../../src/node/pool.js';
import { spawnSync } from 'node:child_process';
import { BIN, ensureBuilt, README, removeTemp, ROOT, tempRepo, type RunResult } from './helpers.js';

const temps: string[] = [];
/** As helpers' run, with room for the JSON and SARIF of the generated documents (megabytes). */
const run = (args: string[], cwd: string): RunResult => {
  const env = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env, timeout: 60_000, maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
let folder: string;
const TODAY = '2026-11-24';

before(() => {
  ensureBuilt();
  const files: Record<string, string | Buffer> = Object.fromEntries(generateFolderFiles(12));
  files['README.md'] = README;
  files['partnerships/globex/broken.md'] = Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]); // not UTF-8
  files['partnerships/globex/binary.md'] = Buffer.from([0x23, 0x00, 0x01]);
  folder = tempRepo(files);
  temps.push(folder);
});
after(() => temps.forEach(removeTemp));

const snapshot = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (name === '.git') continue;
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
};

describe('--jobs gives the same result as one thread', () => {
  for (const format of ['stylish', 'json', 'sarif']) {
    it(`check --format ${format}`, () => {
      const one = run(['check', '--today', TODAY, '--format', format, '--jobs', '1'], folder);
      assert.equal(one.status, 2, one.stderr); // the two unreadable files
      assert.match(one.stderr, /broken\.md: not valid UTF-8/);
      assert.ok(one.stdout.length > 10_000);
      for (const jobs of format === 'stylish' ? ['2', '3'] : ['2']) {
        const many = run(['check', '--today', TODAY, '--format', format, '--jobs', jobs], folder);
        assert.equal(many.status, one.status);
        assert.equal(many.stderr, one.stderr);
        assert.ok(many.stdout === one.stdout, `--jobs ${jobs} printed something else than --jobs 1`);
      }
    });
  }

  it('check --fix writes the same files', () => {
    const copy = (jobs: string) => {
      const d = mkdtempSync(join(tmpdir(), 'pd-cli-par-'));
      temps.push(d);
      cpSync(folder, d, { recursive: true });
      const r = run(['check', '--fix', '--today', TODAY, '--format', 'json', '--jobs', jobs], d);
      return { r, files: snapshot(d) };
    };
    const one = copy('1');
    const two = copy('2');
    assert.notDeepEqual(one.files, snapshot(folder), 'something was fixed');
    assert.deepEqual(two.files, one.files);
    assert.equal(two.r.status, one.r.status);
    assert.equal(two.r.stdout, one.r.stdout);
    assert.equal(two.r.stderr, one.r.stderr);
  });

  it('report', () => {
    const one = run(['report', '--today', TODAY, '--format', 'json', '--jobs', '1'], folder);
    const two = run(['report', '--today', TODAY, '--format', 'json', '--jobs', '2'], folder);
    assert.equal(one.status, 2); // the two unreadable files are reported, the rest is indexed
    assert.ok(JSON.parse(one.stdout).partners.length > 1);
    assert.equal(two.status, one.status);
    assert.equal(two.stdout, one.stdout);
    assert.equal(two.stderr, one.stderr);
  });
});

describe('parallel index driver (dist/cli.js)', () => {
  it('indexTexts and indexFiles give exactly indexDocument’s entries, in order', async () => {
    const cli = createRequire(__filename)(join(ROOT, 'dist/cli.js')) as typeof import('../../src/cli/main.js');
    const docs = generateFolderFiles(10, 3).map(([path, text]) => ({ path, text, options: { today: TODAY } }));
    docs.push({ path: 'README.md', text: README, options: { today: TODAY } });
    const expected = docs.map((d) => indexDocument(d.path, d.text, { ...d.options, path: d.path }));
    assert.equal(expected.at(-1), null);
    assert.deepEqual(await cli.indexTexts(docs, { jobs: 2 }), expected);
    assert.deepEqual(await cli.indexTexts(docs, { jobs: 1 }), expected);

    const files = Object.entries(snapshot(folder))
      .map(([rel]) => rel)
      .sort();
    const outcomes = await cli.indexFiles(files.map((rel) => ({ abs: join(folder, rel), path: rel, options: { today: TODAY }, wantText: true })), { jobs: 2 });
    outcomes.forEach((o, i) => {
      const rel = files[i]!;
      if (rel.endsWith('broken.md') || rel.endsWith('binary.md')) {
        assert.equal(o.ok, false, rel);
        return;
      }
      assert.ok(o.ok, rel);
      const text = readFileSync(join(folder, rel), 'utf8');
      assert.equal(o.text, text);
      assert.deepEqual(o.doc, indexDocument(rel, text, { today: TODAY, path: rel }), rel);
    });
  });
});

describe('worker failures', () => {
  const script = (body: string) => {
    const d = mkdtempSync(join(tmpdir(), 'pd-cli-worker-'));
    temps.push(d);
    const f = join(d, 'worker.js');
    writeFileSync(f, body);
    return f;
  };
  const tasks = Array.from({ length: 20 }, (_, i) => i);
  const square = async (n: number) => n * n;

  it('a worker that ends at once: the main thread does everything', async () => {
    const out = await runTasks('square', tasks, square, { jobs: 2, workerScript: script('// serves nothing\n') });
    assert.deepEqual(out, tasks.map((n) => n * n));
  });

  it('a worker that crashes on its first batch: the main thread takes it over', async () => {
    const f = script("require('node:worker_threads').parentPort.on('message', () => { throw new Error('boom'); });\n");
    const out = await runTasks('square', tasks, square, { jobs: 3, workerScript: f });
    assert.deepEqual(out, tasks.map((n) => n * n));
  });

  it('a worker that cannot start (no such script)', async () => {
    const out = await runTasks('square', tasks, square, { jobs: 2, workerScript: join(tmpdir(), 'pd-no-such-worker.js') });
    assert.deepEqual(out, tasks.map((n) => n * n));
  });
});
