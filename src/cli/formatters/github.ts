/**
 * `--format github`: GitHub Actions workflow commands, one per finding, which GitHub shows as
 * annotations on the pull request's changed lines and in the run's summary:
 *
 *   ::warning file=partnerships/acme/2026-Q2-qbr.md,line=12,endLine=12,col=34,endColumn=61,title=partnership-docs/kpi-status-mismatch::Unexpected status …
 *
 * error → `::error`, warning → `::warning`, info → `::notice`. Files that could not be checked
 * are `::error` annotations too. Escaping follows @actions/core (toolkit command.ts): in the
 * message `%`, `\r`, `\n` become `%25`, `%0D`, `%0A`; in property values `:` and `,` also become
 * `%3A`, `%2C`. `file` is relative to the repository checkout: GitHub resolves it against
 * GITHUB_WORKSPACE, so paths are made relative to `root` (GITHUB_WORKSPACE when set and the
 * working folder is inside it) rather than to the working folder.
 */
import type { Severity } from '../../core/types.js';
import type { FileFailure, FileReport } from '../types.js';
import { pathsUnderRoot } from '../files.js';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

export interface GithubOptions {
  /** The working folder the report's paths are relative to. */
  cwd: string;
  /** The folder GitHub resolves `file=` against (GITHUB_WORKSPACE); default: `cwd`. */
  root?: string;
  failures?: FileFailure[];
}

export function formatGithub(reports: FileReport[], opts: GithubOptions): string {
  const toFile = pathsUnderRoot(opts.cwd, opts.root);
  const lines: string[] = [];
  for (const r of reports) {
    const file = toFile(r.path);
    for (const f of r.findings) {
      const props = [
        ['file', file],
        ['line', String(f.line)],
        ['endLine', String(f.endLine)],
        ['col', String(f.column)],
        ['endColumn', String(f.endColumn)],
        ['title', `partnership-docs/${f.ruleId}`],
      ];
      lines.push(command(COMMAND[f.severity], props, f.message));
    }
  }
  for (const fail of opts.failures ?? []) {
    lines.push(command('error', [['file', toFile(fail.path)], ['title', 'partnership-docs']], fail.message));
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function command(name: string, props: string[][], message: string): string {
  return `::${name} ${props.map(([k, v]) => `${k}=${escapeProperty(v!)}`).join(',')}::${escapeData(message)}`;
}

/** A workflow command's message (toolkit `escapeData`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value (toolkit `escapeProperty`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
