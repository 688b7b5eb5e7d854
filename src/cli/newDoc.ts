/**
 * `partnership-docs new <kind>`: writes the team's template of the kind when the target's
 * templates folder has one (see templates.ts), else the playbook's scaffold (a launch plan's --date is the partnership's start date).
 * Never overwrites: an existing file is an error (exit 2). A team template that cannot be read
 * or has a problem (an unknown `{{variable}}`) is reported with its file, line and column on
 * stderr (exit 2), and nothing is written.
 */
import { promises as fsp } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defaultFileName, isIsoDate, TEMPLATE_KINDS, type TemplateKind } from '../core/templates.js';
import { newDocumentText } from '../core/workspace/scaffold.js';
import { templateProblems } from '../core/teamTemplates.js';
import { ruleIds } from '../core/rules/index.js';
import { displayPath, errMessage } from './files.js';
import type { Io } from './check.js';
import { ConfigResolver, formatConfigError } from './configFiles.js';
import { formatTemplateError, TemplateResolver } from './templates.js';

export interface NewOptions {
  partner: string;
  company?: string;
  quarter?: string;
  year?: string;
  date?: string;
  out?: string;
}

export class UsageError extends Error {}

export async function runNew(kindArg: string, opts: NewOptions, io: Io, now = new Date()): Promise<number> {
  const kind = kindArg as TemplateKind;
  if (!TEMPLATE_KINDS.includes(kind)) throw new UsageError(`unknown document kind "${kindArg}": expected one of ${TEMPLATE_KINDS.join(', ')}`);
  if (!opts.partner.trim()) throw new UsageError('--partner must not be empty');
  const date = opts.date ?? localIsoDate(now);
  if (!isIsoDate(date)) throw new UsageError(`invalid --date "${date}": expected YYYY-MM-DD`);
  const quarter = opts.quarter !== undefined ? parseQuarter(opts.quarter) : Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
  const year = opts.year !== undefined ? parseYear(opts.year) : Number(date.slice(0, 4));

  const target = resolve(io.cwd, opts.out ?? defaultFileName(kind, { partner: opts.partner, year, quarter, date }));
  const shown = displayPath(target, io.cwd);
  const display = (abs: string) => displayPath(abs, io.cwd);

  // The team's template of the kind, from the templates folder that applies where the file goes.
  const configs = new ConfigResolver(ruleIds);
  const config = await configs.forFile(target);
  if (!config) {
    for (const e of configs.errors) io.stderr(`${formatConfigError(e, display)}\n`);
    io.stderr('Invalid configuration: nothing was written.\n');
    return 2;
  }
  const loaded = await new TemplateResolver(display).forFile(target, config);
  const broken = loaded.errors[kind];
  if (broken) {
    io.stderr(`${formatTemplateError(broken, display)}\nNothing was written.\n`);
    return 2;
  }
  const template = loaded.templates[kind];
  if (template) {
    const problems = templateProblems(template.text);
    if (problems.length) {
      for (const p of problems) io.stderr(`${template.path}:${p.line}:${p.column}: ${p.message}\n`);
      io.stderr('Invalid team template: nothing was written.\n');
      return 2;
    }
  }
  const { text } = newDocumentText(kind, { partner: opts.partner, company: opts.company, quarter, year, date }, { template });
  try {
    await fsp.mkdir(dirname(target), { recursive: true });
    await fsp.writeFile(target, text, { flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    io.stderr(code === 'EEXIST' ? `${shown}: already exists; not overwritten\n` : `${shown}: cannot write: ${errMessage(err)}\n`);
    return 2;
  }
  io.stdout(`${shown}\n`);
  return 0;
}

/** `Q3`, `q3` or `3` → 3. */
export function parseQuarter(s: string): number {
  const m = /^[Qq]?([1-4])$/.exec(s.trim());
  if (!m) throw new UsageError(`invalid --quarter "${s}": expected Q1–Q4 or 1–4`);
  return Number(m[1]);
}

function parseYear(s: string): number {
  if (!/^\d{4}$/.test(s.trim())) throw new UsageError(`invalid --year "${s}": expected a four-digit year`);
  return Number(s.trim());
}

export function localIsoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
