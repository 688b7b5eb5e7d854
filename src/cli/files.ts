/**
 * Which files to check, and reading them.
 *
 * - A path to a file is checked whatever its extension (and even when ignored: it was named).
 * - A directory is walked for `*.md` / `*.markdown`, skipping `node_modules`, `.git` and what
 *   `.gitignore` files ignore: the ones in the walked folders and in their parents up to the
 *   repository root (a folder containing `.git`); deeper files win, as in git.
 * - Anything else with glob characters is expanded with tinyglobby, then filtered the same way.
 * Symbolic links are followed; directories are tracked by real path so loops end.
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, readFileSync, promises as fsp, type Dirent } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { glob, isDynamicPattern } from 'tinyglobby';

export const MARKDOWN_EXTENSIONS = ['.md', '.markdown'];
const SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface FileProblem {
  /** Absolute path (or the pattern as given, for patterns that matched nothing). */
  path: string;
  message: string;
}

export interface Collected {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  problems: FileProblem[];
  /** The files named on the command line (not found by walking a folder or a pattern). */
  named: Set<string>;
}

/** `/`-separated path of `abs` relative to `cwd` (as the JSON and SARIF outputs use). */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs) || basename(abs);
  return sep === '/' ? rel : rel.split(sep).join('/');
}

/**
 * Report paths (relative to `cwd`) made relative to `root` instead — the folder a CI system
 * resolves them against (GITHUB_WORKSPACE, CI_PROJECT_DIR) — when `cwd` is inside it; unchanged
 * otherwise (no root, or a working folder outside it).
 */
export function pathsUnderRoot(cwd: string, root: string | undefined): (path: string) => string {
  if (!root) return (p) => p;
  const base = resolve(root);
  const inside = relative(base, resolve(cwd));
  if (inside.startsWith('..') || isAbsolute(inside)) return (p) => p;
  return (p) => {
    const rel = relative(base, resolve(cwd, p));
    return sep === '/' ? rel : rel.split(sep).join('/');
  };
}

export function isMarkdown(path: string): boolean {
  const lower = path.toLowerCase();
  return MARKDOWN_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

const repoRoots = new Map<string, string | null>();

/** The nearest folder at or above `dir` that contains `.git` (a folder or a worktree file). */
export async function findRepoRoot(dir: string): Promise<string | null> {
  const cached = repoRoots.get(dir);
  if (cached !== undefined) return cached;
  let root: string | null;
  if (await exists(join(dir, '.git'))) root = dir;
  else {
    const parent = dirname(dir);
    root = parent === dir ? null : await findRepoRoot(parent);
  }
  repoRoots.set(dir, root);
  return root;
}

/** The `.gitignore` rules that apply under a folder, outermost first. */
class GitIgnores {
  private readonly byDir = new Map<string, Ignore | null>();

  /** Chain of [folder, rules] from the repository root (or `top`) down to `dir`. */
  async chain(dir: string, top: string): Promise<Array<[string, Ignore]>> {
    const dirs: string[] = [];
    for (let d = dir; ; d = dirname(d)) {
      dirs.push(d);
      if (d === top || dirname(d) === d) break;
    }
    const out: Array<[string, Ignore]> = [];
    for (const d of dirs.reverse()) {
      const ig = await this.load(d);
      if (ig) out.push([d, ig]);
    }
    return out;
  }

  async isIgnored(abs: string, isDir: boolean, top: string): Promise<boolean> {
    let ignored = false;
    for (const [base, ig] of await this.chain(dirname(abs), top)) {
      const rel = relative(base, abs).split(sep).join('/');
      if (!rel || rel === '..' || rel.startsWith('../')) continue;
      const r = ig.test(isDir ? `${rel}/` : rel);
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  }

  private async load(dir: string): Promise<Ignore | null> {
    if (this.byDir.has(dir)) return this.byDir.get(dir) ?? null;
    let ig: Ignore | null = null;
    try {
      const text = await fsp.readFile(join(dir, '.gitignore'), 'utf8');
      ig = ignore({ allowRelativePaths: true }).add(text);
    } catch {
      ig = null; // no .gitignore here (or unreadable: git would not use it either)
    }
    this.byDir.set(dir, ig);
    return ig;
  }
}

/** Expands the command-line arguments into the files to check. */
export async function collectFiles(args: string[], cwd: string): Promise<Collected> {
  const found = new Set<string>();
  const named = new Set<string>();
  const problems: FileProblem[] = [];
  const gitignores = new GitIgnores();
  const visitedDirs = new Set<string>();

  // Parent .gitignore files count up to the repository root; outside a repository, up to the
  // working directory (when inside it).
  const topFor = async (dir: string) => {
    const root = await findRepoRoot(dir);
    if (root) return root;
    const rel = relative(cwd, dir);
    return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel)) ? cwd : dir;
  };

  const walk = async (dir: string, top: string): Promise<void> => {
    let real: string;
    try {
      real = await fsp.realpath(dir);
    } catch (err) {
      problems.push({ path: dir, message: `cannot read folder: ${errMessage(err)}` });
      return;
    }
    if (visitedDirs.has(real)) return; // a symlink loop, or a folder reached twice
    visitedDirs.add(real);
    let entries: Dirent[];
    try {
      entries = await fsp.readdir(dir, { withFileTypes: true });
    } catch (err) {
      problems.push({ path: dir, message: `cannot read folder: ${errMessage(err)}` });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = await fsp.stat(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // a dangling link: nothing to check
        }
      }
      if (isDir) {
        if (SKIPPED_DIRS.has(entry.name)) continue;
        if (await gitignores.isIgnored(abs, true, top)) continue;
        await walk(abs, top);
      } else if (isFile && isMarkdown(entry.name)) {
        if (await gitignores.isIgnored(abs, false, top)) continue;
        found.add(abs);
      }
    }
  };

  for (const arg of args.length ? args : ['.']) {
    const abs = isAbsolute(arg) ? arg : resolve(cwd, arg);
    let st: Awaited<ReturnType<typeof fsp.stat>> | undefined;
    try {
      st = await fsp.stat(abs);
    } catch (err) {
      if (!isDynamicPattern(arg)) {
        problems.push({ path: abs, message: `cannot read: ${errMessage(err)}` });
        continue;
      }
    }
    if (st?.isDirectory()) {
      await walk(abs, await topFor(abs));
    } else if (st) {
      found.add(abs); // named explicitly: checked whatever its extension or ignore rules
      named.add(abs);
    } else {
      const matches = await glob(arg, {
        cwd,
        absolute: true,
        dot: false,
        onlyFiles: true,
        ignore: ['**/node_modules/**', '**/.git/**'],
      });
      let kept = 0;
      for (const m of matches.map((p) => resolve(p))) {
        if (await gitignores.isIgnored(m, false, await topFor(dirname(m)))) continue;
        found.add(m);
        kept++;
      }
      if (!kept) problems.push({ path: arg, message: 'no files match this pattern' });
    }
  }
  return { files: [...found].sort(), problems, named };
}

export type ReadResult =
  | { ok: true; text: string; bom: boolean; raw: Buffer }
  | { ok: false; message: string };

/**
 * Reads a document as UTF-8 text. Binary files (containing NUL) and invalid UTF-8 are refused
 * with a message. A UTF-8 byte order mark is stripped from `text` and reported in `bom`.
 * Synchronous: files are read one after the other (in a worker thread, or the one-thread loop
 * of `check`), and the synchronous calls cost about a seventh of the CPU time of asynchronous
 * file-handle calls.
 */
export function readTextFileSync(abs: string): ReadResult {
  let raw: Buffer;
  try {
    // Opened non-blocking and checked on the descriptor: reading a FIFO (or a device) named like
    // a document would block the run forever.
    const fd = openSync(abs, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    try {
      const st = fstatSync(fd);
      if (st.isDirectory()) return { ok: false, message: 'is a directory; not checked' };
      if (!st.isFile()) return { ok: false, message: 'not a regular file; not checked' };
      raw = readFileSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (err) {
    return { ok: false, message: `cannot read: ${errMessage(err)}` };
  }
  return decodeText(raw);
}

export function decodeText(raw: Buffer): ReadResult {
  if (raw.includes(0)) return { ok: false, message: 'binary file (contains NUL bytes); not checked' };
  const bom = raw.length >= 3 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bom ? raw.subarray(3) : raw);
  } catch {
    return { ok: false, message: 'not valid UTF-8; not checked' };
  }
  return { ok: true, text, bom, raw };
}

export function errMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e === 'object' && e.code) {
    const words: Record<string, string> = {
      ENOENT: 'no such file or directory',
      EACCES: 'permission denied',
      EPERM: 'operation not permitted',
      EISDIR: 'is a directory',
      ENOTDIR: 'not a directory',
      ELOOP: 'too many levels of symbolic links',
      EMFILE: 'too many open files',
    };
    return `${words[e.code] ?? e.message} (${e.code})`;
  }
  return e instanceof Error ? e.message : String(err);
}

async function exists(p: string): Promise<boolean> {
  try {
    await fsp.stat(p);
    return true;
  } catch {
    return false;
  }
}
