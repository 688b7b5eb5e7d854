/**
 * `partnership-docs check`: collect files, resolve configuration, lint, optionally fix, report.
 * Returns the exit code: 0 clean or warnings only, 1 error findings (or too many warnings),
 * 2 usage, I/O or configuration problems.
 */
import { resolve } from 'node:path';
import pc from 'picocolors';
import { DOCS_BASE, fixAllSnapshot, ruleIds, rules, snapshot } from '../core/index.js';
import type { Config, Finding } from '../core/types.js';
import { ConfigResolver, formatConfigError } from './configFiles.js';
import { writeFixedFile } from './fix.js';
import { collectFiles, decodeText, displayPath, errMessage, readTextFileSync, type Collected } from './files.js';
import { addWorkspaceFindings } from './workspace.js';
import { formatTemplateError, withTemplates } from './templates.js';
import { indexSnapshot } from '../core/index.js';
import type { IndexedDoc } from '../core/workspace/types.js';
import { formatJson } from './formatters/json.js';
import { formatSarif } from './formatters/sarif.js';
import { formatGithub } from './formatters/github.js';
import { formatGitlab } from './formatters/gitlab.js';
import { GitError, restage, stagedFiles, type StagedFile } from './staged.js';
import { formatStylish } from './formatters/stylish.js';
import { defaultJobs, runTasks, startPool } from '../node/pool.js';
import type { FileFailure, FileReport } from './types.js';

export type Format = 'stylish' | 'json' | 'sarif' | 'github' | 'gitlab';
export const FORMATS: Format[] = ['stylish', 'json', 'sarif', 'github', 'gitlab'];

export interface CheckOptions {
  format: Format;
  fix: boolean;
  today?: string;
  config?: string;
  maxWarnings?: number;
  quiet: boolean;
  color: boolean;
  /** Files checked in parallel (worker threads); default: the number of cores. 1 = no workers. */
  jobs?: number;
  /** Check the files staged in git, with their staged content (see staged.ts); no paths. */
  staged?: boolean;
  /**
   * The folder `github` / `gitlab` paths are relative to (GITHUB_WORKSPACE, CI_PROJECT_DIR),
   * when the working folder is inside it.
   */
  ciRoot?: string;
}

export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  version: string;
}

export async function runCheck(paths: string[], opts: CheckOptions, io: Io): Promise<number> {
  const display = (abs: string) => displayPath(abs, io.cwd);
  let collected: Collected;
  let staged = new Map<string, StagedFile>();
  let gitRoot = '';
  if (opts.staged) {
    if (paths.length) {
      io.stderr('partnership-docs: --staged checks the staged files; give no paths with it.\n');
      return 2;
    }
    try {
      const s = stagedFiles(io.cwd);
      gitRoot = s.root;
      staged = new Map(s.files.map((f) => [f.abs, f]));
      // Not "named": a staged file in the team templates folder is a template, not checked.
      collected = { files: s.files.map((f) => f.abs), problems: [], named: new Set() };
    } catch (err) {
      if (!(err instanceof GitError)) throw err;
      io.stderr(`partnership-docs: --staged: ${err.message}\n`);
      return 2;
    }
  } else collected = await collectFiles(paths, io.cwd);
  const { problems } = collected;
  let files = collected.files;
  const failures: FileFailure[] = problems.map((p) => ({ path: display(p.path), message: p.message }));
  // The workers start now: their start-up overlaps reading the configuration files.
  const jobs = opts.jobs ?? defaultJobs();
  const pool = startPool(files.length, { jobs });
  let outcomes: CheckOutcome[];
  let tasks: CheckTask[];
  try {
    // Configuration first: an invalid config file stops the run before anything is linted.
    const resolver = new ConfigResolver(ruleIds, opts.config ? resolve(io.cwd, opts.config) : undefined);
    await resolver.init();
    let configs = await Promise.all(files.map((f) => resolver.forFile(f)));
    if (resolver.errors.length) {
      const sorted = [...resolver.errors].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
      for (const e of sorted) io.stderr(`${formatConfigError(e, display)}\n`);
      io.stderr('Invalid configuration: nothing was checked.\n');
      return 2;
    }
    // Team templates: their folder is not checked; they set the required sections of their kind.
    const templated = await withTemplates(files, configs as Config[], collected.named, display);
    if (templated.errors.length) {
      for (const e of templated.errors) io.stderr(`${formatTemplateError(e, display)}\n`);
      io.stderr('Invalid team template: nothing was checked.\n');
      return 2;
    }
    files = templated.files;
    configs = templated.configs;
    tasks = files.map((abs, i) => {
      const st = staged.get(abs);
      return { abs, path: display(abs), today: opts.today, config: configs[i]!, fix: opts.fix, ...(opts.format === 'gitlab' ? { keepText: true } : {}), ...(st ? { staged: { raw: st.raw, fullyStaged: st.fullyStaged } } : {}) };
    });
    outcomes = await runTasks('check', tasks, checkOne, { jobs }, pool);
  } finally {
    pool?.close(); // idle workers would keep the process alive
  }
  const reports: FileReport[] = [];
  const restaged: Array<{ gitPath: string; mode: string; bytes: Buffer }> = [];
  outcomes.forEach((o, i) => {
    failures.push(...o.failures);
    for (const n of o.notes ?? []) io.stderr(`${n.path}: ${n.message}\n`);
    if (o.report) reports.push(o.report);
    const st = staged.get(tasks[i]!.abs);
    if (o.written && st) restaged.push({ gitPath: st.gitPath, mode: st.mode, bytes: Buffer.from(o.written) });
  });
  if (restaged.length) {
    try {
      restage(gitRoot, restaged);
    } catch (err) {
      if (!(err instanceof GitError)) throw err;
      failures.push({ path: '.', message: `fixed in the working tree but not staged: ${err.message}` });
    }
  }
  // Cross-document rules over the QBRs among the checked files (see workspace.ts).
  const entries = outcomes.flatMap((o, i) => (o.workspace ? [{ abs: tasks[i]!.abs, path: tasks[i]!.path, config: tasks[i]!.config, ...o.workspace }] : []));
  // (With --staged, fixing across documents would rewrite a file without re-staging it.)
  failures.push(...(await addWorkspaceFindings(reports, entries, { today: opts.today, fix: opts.fix && !opts.staged })));

  const all = reports.flatMap((r) => r.findings);
  const errors = count(all, 'error');
  const warnings = count(all, 'warning');
  const shown = opts.quiet ? reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : reports;

  const colors = pc.createColors(opts.color);
  if (opts.format === 'json') io.stdout(formatJson(shown));
  else if (opts.format === 'sarif') {
    io.stdout(formatSarif(shown, { rules, version: io.version, informationUri: informationUri(), cwd: io.cwd, failures }));
  } else if (opts.format === 'github') {
    io.stdout(formatGithub(shown, { cwd: io.cwd, root: opts.ciRoot, failures }));
  } else if (opts.format === 'gitlab') {
    const texts = new Map(tasks.map((t, i) => [t.path, outcomes[i]?.text]));
    io.stdout(formatGitlab(shown, { cwd: io.cwd, root: opts.ciRoot, textOf: (path) => texts.get(path), failures }));
  } else io.stdout(formatStylish(shown, colors));

  for (const f of failures) io.stderr(`${f.path}: ${f.message}\n`);
  const tooManyWarnings = opts.maxWarnings !== undefined && opts.maxWarnings >= 0 && warnings > opts.maxWarnings;
  if (tooManyWarnings) {
    io.stderr(`partnership-docs found too many warnings (${warnings}; maximum allowed is ${opts.maxWarnings}).\n`);
  }
  if (failures.length) return 2;
  return errors > 0 || tooManyWarnings ? 1 : 0;
}

function count(findings: Finding[], severity: Finding['severity']): number {
  return findings.filter((f) => f.severity === severity).length;
}

function informationUri(): string {
  const i = DOCS_BASE.indexOf('/blob/');
  return i > 0 ? DOCS_BASE.slice(0, i) : DOCS_BASE;
}

// ---------------------------------------------------------------------------------------------
// Checking the files: one file at a time in this thread, or spread over worker threads (pool.ts;
// the same bundle, whose worker side calls checkOne) when there are enough files to repay their
// start-up.

/** One file to check; plain data, so it can be posted to a worker. */
export interface CheckTask {
  abs: string;
  path: string;
  today?: string;
  config: Config;
  fix: boolean;
  /** Return the checked text (the gitlab format's fingerprints read the flagged text). */
  keepText?: boolean;
  /** `--staged`: the staged bytes to check instead of the file's, and whether the working tree equals them. */
  staged?: { raw: Uint8Array; fullyStaged: boolean };
}

/** What checking one file produced: its report (unless unreadable) and its failures, in order. */
export interface CheckOutcome {
  report?: FileReport;
  failures: FileFailure[];
  /** Said on stderr without failing the run (a partially staged file not fixed). */
  notes?: FileFailure[];
  /** The bytes --fix wrote to the file (for --staged, to stage them). */
  written?: Uint8Array;
  /** The checked (final) text, for the gitlab format's fingerprints; only kept for that format. */
  text?: string;
  /** A QBR's index entry and final text, for the cross-document rules. */
  workspace?: { doc: IndexedDoc; text: string };
}

/** Reads, optionally fixes, and lints one file. Never throws. */
export async function checkOne(task: CheckTask): Promise<CheckOutcome> {
  const { abs, path, fix } = task;
  const failures: FileFailure[] = [];
  const read = task.staged ? decodeText(Buffer.from(task.staged.raw)) : readTextFileSync(abs);
  if (!read.ok) return { failures: [{ path, message: read.message }] };
  const notes: FileFailure[] = [];
  let written: Uint8Array | undefined;
  const options = { path, today: task.today, config: task.config };
  try {
    // One snapshot per text: its findings are the report, its model the index entry's (and with
    // --fix, the last fix pass's snapshot is the fixed text's).
    let snap = snapshot(read.text, options);
    if (fix) {
      const fixed = fixAllSnapshot(snap).snapshot;
      if (fixed.text !== snap.text) {
        if (task.staged && !task.staged.fullyStaged) {
          notes.push({ path, message: 'has unstaged changes (or is converted by git filters); checked as staged, not fixed — stage or stash the other changes, then run again' });
        } else {
          const outcome = await writeFixedFile(abs, read.raw, fixed.text, read.bom);
          if (outcome === 'changed-on-disk') {
            failures.push({ path, message: 'changed on disk while being checked; fixes not written' });
          } else {
            snap = fixed;
            if (outcome === 'written' && task.staged) written = Buffer.from((read.bom ? '\uFEFF' : '') + fixed.text, 'utf8');
          }
        }
      }
    }
    const { text } = snap;
    const result = snap.result;
    const doc = result.kind === 'qbr' ? indexSnapshot(path, snap) : null;
    return {
      report: { path, kind: result.kind, findings: result.findings.map(reported) },
      failures,
      ...(notes.length ? { notes } : {}),
      ...(written ? { written } : {}),
      ...(task.keepText ? { text } : {}),
      ...(doc ? { workspace: { doc, text } } : {}),
    };
  } catch (err) {
    failures.push({ path, message: `${fix ? 'could not check or fix' : 'could not check'}: ${errMessage(err)}` });
    return { failures };
  }
}

/**
 * A finding as the CLI reports it: without `data` and `suggestions`, which no output format
 * writes (see formatters/json.ts). Most findings carry `data`; leaving it out makes a worker's
 * reply a third smaller, and so cheaper to copy to the main thread and to keep there.
 */
function reported(f: Finding): Finding {
  if (f.data === undefined && f.suggestions === undefined) return f;
  const { data: _data, suggestions: _suggestions, ...rest } = f;
  return rest;
}
