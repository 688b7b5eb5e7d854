/**
 * `partnership-docs check`: collect files, resolve configuration, lint, optionally fix, report.
 * Returns the exit code: 0 clean or warnings only, 1 error findings (or too many warnings),
 * 2 usage, I/O or configuration problems.
 */
import { resolve } from 'node:path';
import pc from 'picocolors';
import { DOCS_BASE, fixAll, lint, ruleIds, rules } from '../core/index.js';
import type { Finding } from '../core/types.js';
import { ConfigResolver, formatConfigError } from './configFiles.js';
import { writeFixedFile } from './fix.js';
import { collectFiles, displayPath, errMessage, readTextFile } from './files.js';
import { formatJson } from './formatters/json.js';
import { formatSarif } from './formatters/sarif.js';
import { formatStylish } from './formatters/stylish.js';
import type { FileFailure, FileReport } from './types.js';

export type Format = 'stylish' | 'json' | 'sarif';

export interface CheckOptions {
  format: Format;
  fix: boolean;
  today?: string;
  config?: string;
  maxWarnings?: number;
  quiet: boolean;
  color: boolean;
}

export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  version: string;
}

export async function runCheck(paths: string[], opts: CheckOptions, io: Io): Promise<number> {
  const display = (abs: string) => displayPath(abs, io.cwd);
  const { files, problems } = await collectFiles(paths, io.cwd);
  const failures: FileFailure[] = problems.map((p) => ({ path: display(p.path), message: p.message }));

  // Configuration first: an invalid config file stops the run before anything is linted.
  const resolver = new ConfigResolver(ruleIds, opts.config ? resolve(io.cwd, opts.config) : undefined);
  await resolver.init();
  const configs = await Promise.all(files.map((f) => resolver.forFile(f)));
  if (resolver.errors.length) {
    const sorted = [...resolver.errors].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0)));
    for (const e of sorted) io.stderr(`${formatConfigError(e, display)}\n`);
    io.stderr('Invalid configuration: nothing was checked.\n');
    return 2;
  }

  const reports: FileReport[] = [];
  for (const [i, abs] of files.entries()) {
    const path = display(abs);
    const read = await readTextFile(abs);
    if (!read.ok) {
      failures.push({ path, message: read.message });
      continue;
    }
    const options = { path, today: opts.today, config: configs[i] };
    try {
      let text = read.text;
      if (opts.fix) {
        const fixed = fixAll(text, options).text;
        if (fixed !== text) {
          const outcome = await writeFixedFile(abs, read.raw, fixed, read.bom);
          if (outcome === 'changed-on-disk') {
            failures.push({ path, message: 'changed on disk while being checked; fixes not written' });
          } else {
            text = fixed;
          }
        }
      }
      const result = lint(text, options);
      reports.push({ path, kind: result.kind, findings: result.findings });
    } catch (err) {
      failures.push({ path, message: `${opts.fix ? 'could not check or fix' : 'could not check'}: ${errMessage(err)}` });
    }
  }

  const all = reports.flatMap((r) => r.findings);
  const errors = count(all, 'error');
  const warnings = count(all, 'warning');
  const shown = opts.quiet ? reports.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : reports;

  const colors = pc.createColors(opts.color);
  if (opts.format === 'json') io.stdout(formatJson(shown));
  else if (opts.format === 'sarif') {
    io.stdout(formatSarif(shown, { rules, version: io.version, informationUri: informationUri(), cwd: io.cwd, failures }));
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
