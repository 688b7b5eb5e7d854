/**
 * `check --staged`: the markdown files staged in git (added, copied, modified or renamed), with
 * their staged content — what the next commit will hold, not the working tree's.
 *
 * With `--fix`, a staged file is fixed only when its working-tree copy is byte for byte its
 * staged copy (it has no unstaged changes): then the fixed text is written to the working tree
 * and the same bytes are staged, so the commit gets the fix and nothing else. A partially
 * staged file (unstaged hunks in the working tree, or a working-tree copy that git's filters
 * such as core.autocrlf convert) is checked but not fixed: fixing the index alone would leave the
 * working tree reverting the fix, and staging the working tree would commit the unstaged hunks.
 * Re-staging is done once, after every file is checked, with `git update-index` (one index lock).
 * Git is run with child_process; the core stays free of it.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isMarkdown } from './files.js';

export class GitError extends Error {}

export interface StagedFile {
  /** Absolute path in the working tree. */
  abs: string;
  /** Path relative to the repository root, `/`-separated (as git writes it). */
  gitPath: string;
  /** Index entry mode, e.g. 100644. */
  mode: string;
  /** The staged bytes. */
  raw: Buffer;
  /** The working-tree copy is byte for byte the staged one. */
  fullyStaged: boolean;
}

function git(args: string[], cwd: string, input?: Buffer | string): Buffer {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1 << 30 });
  if (r.error) throw new GitError(`cannot run git: ${r.error.message}`);
  if (r.status !== 0) throw new GitError(`git ${args[0]} failed: ${r.stderr.toString('utf8').trim()}`);
  return r.stdout;
}

export function repoTop(cwd: string): string {
  return git(['rev-parse', '--show-toplevel'], cwd).toString('utf8').replace(/\n$/, '');
}

/** The staged markdown files (not symbolic links or submodules), sorted by path. */
export function stagedFiles(cwd: string): { root: string; files: StagedFile[] } {
  const root = repoTop(cwd);
  const names = git(['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z', '--no-renames'], root)
    .toString('utf8')
    .split('\0')
    .filter((p) => p && isMarkdown(p));
  if (!names.length) return { root, files: [] };
  const wanted = new Set(names);
  const entries = new Map<string, { mode: string; sha: string }>();
  // `ls-files -s`: "<mode> <sha> <stage>\t<path>" for every index entry.
  for (const rec of git(['ls-files', '-s', '-z'], root).toString('utf8').split('\0')) {
    const tab = rec.indexOf('\t');
    if (tab < 0) continue;
    const path = rec.slice(tab + 1);
    if (!wanted.has(path)) continue;
    const [mode, sha, stage] = rec.slice(0, tab).split(' ');
    if (stage !== '0' || !(mode === '100644' || mode === '100755')) continue; // conflicts, links, submodules
    entries.set(path, { mode: mode!, sha: sha! });
  }
  const files: StagedFile[] = [];
  for (const gitPath of [...entries.keys()].sort()) {
    const { mode, sha } = entries.get(gitPath)!;
    const raw = git(['cat-file', 'blob', sha], root);
    const abs = resolve(root, ...gitPath.split('/'));
    let wt: Buffer | null = null;
    try {
      wt = readFileSync(abs);
    } catch {
      wt = null; // deleted (or unreadable) in the working tree
    }
    files.push({ abs, gitPath, mode, raw, fullyStaged: wt !== null && wt.equals(raw) });
  }
  return { root, files };
}

/** Stages `bytes` as the content of each path (what `--fix` wrote to the working tree). */
export function restage(root: string, entries: Array<{ gitPath: string; mode: string; bytes: Buffer }>): void {
  if (!entries.length) return;
  const lines: string[] = [];
  for (const e of entries) {
    // --no-filters: these exact bytes, as written to the working tree (which equalled the index).
    const sha = git(['hash-object', '-w', '--no-filters', '--stdin'], root, e.bytes).toString('utf8').trim();
    lines.push(`${e.mode} ${sha}\t${e.gitPath}\0`);
  }
  git(['update-index', '-z', '--index-info'], root, lines.join(''));
}

