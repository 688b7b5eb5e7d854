/** Helpers of the CLI tests: temporary repositories and running the built `bin/partnership-docs.js`. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const BIN = join(ROOT, 'bin/partnership-docs.js');

/**
 * Makes sure dist/cli.js exists and is newer than src/ (rebuilding with `npm run build` when
 * not). Test files run in parallel processes: a lock folder lets one of them build at a time.
 */
export function ensureBuilt(): void {
  // The CLI and the remark plugin's bundles (the plugin's tests run the CLI and remark-cli).
  const bundles = ['dist/cli.js', 'dist/remark.mjs', 'dist/remark-preset.mjs'].map((b) => join(ROOT, b));
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
      const p = join(dir, e.name);
      return Math.max(m, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
    }, 0);
  const fresh = () =>
    bundles.every((b) => existsSync(b)) &&
    Math.min(...bundles.map((b) => statSync(b).mtimeMs)) >=
      Math.max(newest(join(ROOT, 'src/cli')), newest(join(ROOT, 'src/core')), newest(join(ROOT, 'src/remark')), statSync(join(ROOT, 'package.json')).mtimeMs);
  const lock = join(ROOT, 'dist/.cli-test-build.lock');
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const deadline = Date.now() + 120_000;
  while (!fresh()) {
    try {
      mkdirSync(lock);
    } catch {
      const st = statSync(lock, { throwIfNoEntry: false });
      if (st && Date.now() - st.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another test process to build dist/');
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
      continue;
    }
    try {
      const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stderr}`);
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
    break;
  }
}

/** A temporary folder made a repository root (it holds `.git`), filled with `files`. */
export function tempRepo(files: Record<string, string | Buffer> = {}, opts: { git?: boolean } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'pd-cli-'));
  if (opts.git !== false) mkdirSync(join(dir, '.git'));
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const p = join(dir, rel);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, content);
  }
}

export function removeTemp(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface RunResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(args: string[], cwd: string, env: Record<string, string | undefined> = {}): RunResult {
  const base = { ...process.env };
  delete base.FORCE_COLOR;
  delete base.NO_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...base, ...env },
    timeout: 30_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A configuration that switches every rule off except those given. */
export async function onlyRules(keep: Record<string, 'error' | 'warning' | 'info'>): Promise<string> {
  const { ruleIds } = await import('../../src/core/index.js');
  const rules: Record<string, string> = {};
  for (const id of ruleIds) rules[id] = keep[id as keyof typeof keep] ?? 'off';
  return JSON.stringify({ rules }, null, 2);
}

/** A QBR with one placeholder (`[Name]`, line 4) and a KPI whose Status is wrong (line 10). */
export const QBR = `# Partnership QBR: Acme + Globex
**Quarter**: Q2 2026
**Date**: 2026-06-30
**Attendees**: [Name]

## KPI Dashboard

| Metric | Target | Actual | Status | Trend |
|--------|--------|--------|--------|-------|
| Revenue generated | $500K | $450K | ✅ Green (100% of target) | → Stable |
`;

export const README = '# Notes\n\nNot a partnership document: [Name] is fine here.\n';
