/**
 * `--format gitlab`: a GitLab Code Quality report (the `artifacts:reports:codequality` JSON: an
 * array of issues in the Code Climate subset GitLab reads). GitLab shows the issues in the merge
 * request widget and diff, as new or resolved relative to the target branch, by fingerprint.
 *
 * - severity: error → `major`, warning → `minor`, info → `info` (GitLab's scale is info, minor,
 *   major, critical, blocker; `critical`/`blocker` are left for findings that would break
 *   something, which a document linter has none of — the same mapping as eslint-formatter-gitlab);
 * - location.path: relative to the project folder GitLab resolves it against (CI_PROJECT_DIR when
 *   set and the working folder is inside it, else the working folder);
 * - fingerprint: SHA-256 of the rule id, the path, the flagged text, the message with its digits
 *   blanked, and the rank among findings that agree on all of these. So it is the same from run
 *   to run and when lines move (a paragraph added above), and changes when the finding changes
 *   (another rule, another file, another flagged cell) — not when a day passes and "overdue by
 *   12 days" becomes "overdue by 13 days".
 */
import { createHash } from 'node:crypto';
import type { Finding, Severity } from '../../core/types.js';
import type { FileFailure, FileReport } from '../types.js';
import { pathsUnderRoot } from '../files.js';

export const GITLAB_SEVERITY: Record<Severity, 'major' | 'minor' | 'info'> = { error: 'major', warning: 'minor', info: 'info' };

export interface GitlabOptions {
  cwd: string;
  /** The project folder GitLab resolves paths against (CI_PROJECT_DIR); default: `cwd`. */
  root?: string;
  /** The text each finding's offsets refer to, for a report path (undefined when unreadable). */
  textOf: (path: string) => string | undefined;
  failures?: FileFailure[];
}

export function formatGitlab(reports: FileReport[], opts: GitlabOptions): string {
  const toPath = pathsUnderRoot(opts.cwd, opts.root);
  const issues: object[] = [];
  for (const r of reports) {
    const path = toPath(r.path);
    const text = r.findings.length ? opts.textOf(r.path) : undefined;
    const seen = new Map<string, number>();
    for (const f of r.findings) {
      const key = [f.ruleId, path, flagged(f, text), f.message.replace(/\d+/g, '#')].join('\0');
      const rank = seen.get(key) ?? 0;
      seen.set(key, rank + 1);
      issues.push({
        type: 'issue',
        check_name: f.ruleId,
        description: f.message,
        categories: ['Style'],
        severity: GITLAB_SEVERITY[f.severity],
        fingerprint: createHash('sha256').update(`${key}\0${rank}`).digest('hex'),
        location: { path, lines: { begin: f.line, end: f.endLine } },
      });
    }
  }
  for (const fail of opts.failures ?? []) {
    const path = toPath(fail.path);
    issues.push({
      type: 'issue',
      check_name: 'partnership-docs',
      description: `${fail.path}: ${fail.message}`,
      categories: ['Bug Risk'],
      severity: 'major',
      fingerprint: createHash('sha256').update(`failure\0${path}\0${fail.message}`).digest('hex'),
      location: { path, lines: { begin: 1 } },
    });
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
}

function flagged(f: Finding, text: string | undefined): string {
  if (text === undefined) return '';
  const s = text.slice(f.startOffset, f.endOffset);
  // A whole-document finding (1:1, e.g. a missing section) may span the document: its first line.
  const nl = s.indexOf('\n');
  return (nl >= 0 ? s.slice(0, nl) : s).trim();
}
