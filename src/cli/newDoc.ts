/**
 * `partnership-docs new <kind>`: writes the team's template of the kind when the target's
 * templates folder has one (see templates.ts), else the playbook's scaffold (a launch plan's --date is the partnership's start date).
 * Never overwrites: an existing file is an error (exit 2). A team template that cannot be read
 * or has a problem (an unknown `{{variable}}`) is reported with its file, line and column on
 * stderr (exit 2), and nothing is written.
 *
 * A new QBR starts from the partner's previous QBR, as New QBR does in the editor: the markdown
 * files under `--previous <folder>` (default: the current folder; `.gitignore`d files and the
 * templates folder skipped) are indexed, and the partner's latest QBR before the new quarter
 * gives the KPI rows (metric and target), its open action items and the Next QBR date
 * (`{{previousKpiRows}}` / `{{openActions}}` in a team template). `--no-previous`: the plain
 * template. Unreadable files there are skipped: they cannot be the previous QBR.
 */
import { promises as fsp } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defaultFileName, isIsoDate, TEMPLATE_KINDS, type TemplateKind } from '../core/templates.js';
import { newDocumentText } from '../core/workspace/scaffold.js';
import { templateProblems } from '../core/teamTemplates.js';
import { ruleIds } from '../core/rules/index.js';
import { aliasLookup, buildIndex, partnerKeyOf } from '../core/index.js';
import type { Config } from '../core/types.js';
import type { IndexedDoc } from '../core/workspace/types.js';
import { collectFiles, displayPath, errMessage, readTextFileSync } from './files.js';
import { indexFiles } from './indexFiles.js';
import type { Io } from './check.js';
import { ConfigResolver, formatConfigError } from './configFiles.js';
import { formatTemplateError, TemplateResolver, withTemplates } from './templates.js';

export interface NewOptions {
  partner: string;
  company?: string;
  quarter?: string;
  year?: string;
  date?: string;
  out?: string;
  /** QBR: the folder to find the partner's previous QBR in (default: the current folder); false: none. */
  previous?: string | false;
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
  const previous = kind === 'qbr' && opts.previous !== false
    ? await previousQbr(resolve(io.cwd, opts.previous ?? '.'), opts.partner, quarter, year, config, io.cwd)
    : undefined;
  if (previous) io.stderr(`Starting from the previous QBR: ${display(previous.abs)}\n`);
  const { text } = newDocumentText(kind, { partner: opts.partner, company: opts.company, quarter, year, date },
    { template, previous: previous && { text: previous.text, doc: previous.doc } });
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

/**
 * The partner's latest QBR before the quarter among the markdown files under `folder` (the
 * configuration's `partners` aliases apply to the name typed), or undefined.
 */
async function previousQbr(folder: string, partner: string, quarter: number, year: number, config: Config, cwd: string): Promise<{ abs: string; text: string; doc: IndexedDoc } | undefined> {
  const display = (abs: string) => displayPath(abs, cwd);
  const collected = await collectFiles([folder], cwd);
  if (collected.problems.length || collected.files.length === 0) return undefined;
  const resolver = new ConfigResolver(ruleIds);
  const configs = await Promise.all(collected.files.map((f) => resolver.forFile(f)));
  const templated = await withTemplates(collected.files, configs.map((c) => c ?? config), collected.named, display);
  const files = templated.files;
  const outcomes = await indexFiles(files.map((abs, i) => ({ abs, path: display(abs), options: { config: templated.configs[i] } })));
  const docs: IndexedDoc[] = [];
  const absOf = new Map<string, string>();
  outcomes.forEach((o, i) => {
    if (o.ok && o.doc) {
      docs.push(o.doc);
      absOf.set(o.doc.path, files[i]!);
    }
  });
  const index = buildIndex(docs);
  const wanted = partnerKeyOf(aliasLookup(config.partners ?? {}, partner) ?? partner);
  const summary = index.partners.find((p) => p.key === wanted || partnerKeyOf(p.name) === wanted);
  const ordinal = year * 4 + (quarter - 1);
  const candidates = summary?.docs.filter((d) => d.kind === 'qbr' && d.period !== null && d.period.ordinal < ordinal) ?? [];
  const doc = candidates[candidates.length - 1];
  const abs = doc && absOf.get(doc.path);
  if (!doc || !abs) return undefined;
  const read = readTextFileSync(abs);
  return read.ok ? { abs, text: read.text, doc } : undefined;
}
