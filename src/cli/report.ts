/**
 * `partnership-docs report [folder] --format md|html|json [--today D] [--out FILE]`: the
 * partnership portfolio (every partner's health, trend, renewal, overdue actions, Red KPIs,
 * latest document, and health over quarters) as a document for a steering-committee pack.
 * Exit codes: 0 written, 2 usage, I/O or configuration errors.
 */
import type { Config } from '../core/types.js';
import { promises as fsp } from 'node:fs';
import { resolve } from 'node:path';
import { buildIndex, portfolioReport, ruleIds, type ReportFormat } from '../core/index.js';
import type { IndexedDoc } from '../core/workspace/types.js';
import type { Io } from './check.js';
import { ConfigResolver, formatConfigError } from './configFiles.js';
import { collectFiles, displayPath, errMessage } from './files.js';
import { formatTemplateError, withTemplates } from './templates.js';
import { indexFiles } from './indexFiles.js';

export interface ReportCliOptions {
  format: ReportFormat;
  today?: string;
  out?: string;
  config?: string;
  /** Threads to index on (default: the number of cores). */
  jobs?: number;
}

export async function runReport(folder: string | undefined, opts: ReportCliOptions, io: Io): Promise<number> {
  const display = (abs: string) => displayPath(abs, io.cwd);
  const collected = await collectFiles([folder ?? '.'], io.cwd);
  const { problems } = collected;
  let files = collected.files;
  for (const p of problems) io.stderr(`${display(p.path)}: ${p.message}\n`);
  if (problems.length) return 2;
  const resolver = new ConfigResolver(ruleIds, opts.config ? resolve(io.cwd, opts.config) : undefined);
  await resolver.init();
  let configs = await Promise.all(files.map((f) => resolver.forFile(f)));
  if (resolver.errors.length) {
    for (const e of resolver.errors) io.stderr(`${formatConfigError(e, display)}\n`);
    io.stderr('Invalid configuration: no report was written.\n');
    return 2;
  }
  // The templates folder holds no partnership documents (a template's `{{partner}}` is no partner).
  const templated = await withTemplates(files, configs as Config[], collected.named, display);
  if (templated.errors.length) {
    for (const e of templated.errors) io.stderr(`${formatTemplateError(e, display)}\n`);
    io.stderr('Invalid team template: no report was written.\n');
    return 2;
  }
  files = templated.files;
  configs = templated.configs;
  // Reading and indexing, spread over worker threads (see indexFiles.ts); same entries, in order.
  const outcomes = await indexFiles(files.map((abs, i) => ({ abs, path: display(abs), options: { today: opts.today, config: configs[i] } })), { jobs: opts.jobs });
  const docs: IndexedDoc[] = [];
  let failed = false;
  outcomes.forEach((o, i) => {
    if (!o.ok) {
      io.stderr(`${display(files[i]!)}: ${o.message}\n`);
      failed = true;
    } else if (o.doc) docs.push(o.doc);
  });
  const index = buildIndex(docs, { today: opts.today });
  const text = portfolioReport(index, opts.format, { today: opts.today });
  if (opts.out) {
    try {
      await fsp.writeFile(resolve(io.cwd, opts.out), text);
    } catch (err) {
      io.stderr(`${opts.out}: cannot write: ${errMessage(err)}\n`);
      return 2;
    }
    io.stderr(`Wrote ${opts.out} (${index.partners.length} partnership${index.partners.length === 1 ? '' : 's'}, ${docs.length} document${docs.length === 1 ? '' : 's'}).\n`);
  } else {
    io.stdout(text);
  }
  return failed ? 2 : 0;
}
