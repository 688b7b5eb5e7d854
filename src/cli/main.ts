/**
 * The `partnership-docs` command line (bundled to dist/cli.js; bin/partnership-docs.js calls `run`,
 * and so does running the bundle itself). In a worker thread the bundle serves the pool instead
 * (pool.ts): `check` and `index` tasks. Required as a module it only exports: the parallel index
 * driver (`indexFiles`, `indexTexts`) is used by the benchmark that way.
 *   partnership-docs check [paths or globs…]   lint (the default command)
 *   partnership-docs new <kind> --partner NAME   scaffold a document
 * Exit codes: 0 clean or warnings only, 1 error findings or too many warnings,
 * 2 usage, I/O or configuration errors.
 */
import { isMainThread, workerData } from 'node:worker_threads';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { version } from '../../package.json';
import { isIsoDate } from '../core/templates.js';
import { checkOne, FORMATS, runCheck, type Format, type Io } from './check.js';
import { indexOne } from './indexFiles.js';
import { runNew, UsageError } from './newDoc.js';
import { defaultJobs, POOL_MARK, servePool } from '../node/pool.js';
import { runReport } from './report.js';

export { indexFiles, indexTexts, indexOne, type IndexTask, type IndexOutcome } from './indexFiles.js';

export async function main(argv: string[], io: Io, env: NodeJS.ProcessEnv, stdoutIsTty: boolean): Promise<number> {
  let exitCode = 0;
  const program = new Command();
  program
    .name('partnership-docs')
    .description('Lint, fix and scaffold partnership QBRs, status reports and issue documents.')
    .version(version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showSuggestionAfterError(true);

  program
    .command('check', { isDefault: true })
    .description('check partnership documents (the default command)')
    .argument('[paths...]', 'files, folders or globs (default: the current folder)')
    .addOption(
      new Option('-f, --format <format>', 'output format (sarif: code scanning; github: workflow annotations; gitlab: Code Quality report)')
        .choices(FORMATS)
        .default('stylish'),
    )
    .option('--fix', 'apply safe fixes and write the files back')
    .option('--staged', 'check the markdown files staged in git, as staged; with --fix, fix and re-stage those without unstaged changes')
    .option('--today <date>', 'the date to check due and renewal dates against (YYYY-MM-DD)', parseToday)
    .option('-c, --config <file>', 'use this configuration file instead of discovering .partnership-docs.json files')
    .option('--max-warnings <n>', 'exit with 1 when there are more than n warnings', parseCount)
    .option('-q, --quiet', 'report errors only')
    .option('-j, --jobs <n>', `check files in parallel on n threads (default: the number of cores, ${defaultJobs()})`, parseJobs)
    .option('--color', 'force coloured output')
    .option('--no-color', 'disable coloured output')
    .addHelpText(
      'after',
      '\nExit codes: 0 no findings or warnings only; 1 error findings or too many warnings;\n' +
        '2 usage, I/O or configuration errors.\n' +
        'Configuration: .partnership-docs.json files from each document\'s folder up to the repository root.',
    )
    .action(async (paths: string[], o: { format: Format; fix?: boolean; staged?: boolean; today?: string; config?: string; maxWarnings?: number; quiet?: boolean; color?: boolean; jobs?: number }) => {
      exitCode = await runCheck(
        paths,
        {
          format: o.format,
          fix: o.fix === true,
          today: o.today,
          config: o.config,
          maxWarnings: o.maxWarnings,
          quiet: o.quiet === true,
          color: useColor(o.color, env, stdoutIsTty),
          jobs: o.jobs,
          staged: o.staged === true,
          ciRoot: o.format === 'github' ? env.GITHUB_WORKSPACE || undefined : o.format === 'gitlab' ? env.CI_PROJECT_DIR || undefined : undefined,
        },
        io,
      );
    });

  program
    .command('new')
    .description("create a new document from the team's template (.partnership-docs/templates/<kind>.md) or the playbook's (never overwrites)")
    .argument('<kind>', 'qbr | status-report | issue | launch-plan')
    .requiredOption('-p, --partner <name>', 'partner company name')
    .option('--company <name>', 'our company name')
    .option('--quarter <quarter>', 'quarter, Q1–Q4 or 1–4 (default: the quarter of --date)')
    .option('--year <year>', 'year (default: the year of --date)')
    .option('--date <date>', 'document date, YYYY-MM-DD (default: today)')
    .option('-o, --out <file>', 'where to write (default: partnerships/<partner>/<year>-Q<n>-<kind>.md, or <date>-issue.md, <date>-launch-plan.md)')
    .option('--previous <folder>', "QBR: where to find the partner's previous QBR to start from (its KPI rows, open actions; default: the current folder)")
    .option('--no-previous', 'QBR: start from the plain template')
    .action(async (kind: string, o: { partner: string; company?: string; quarter?: string; year?: string; date?: string; out?: string; previous?: string | false }) => {
      exitCode = await runNew(kind, o, io);
    });

  program
    .command('report')
    .description('write the partnership portfolio (health, trend, renewal, overdue actions, Red KPIs per partner)')
    .argument('[folder]', 'the folder of partnership documents (default: the current folder)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['md', 'html', 'json']).default('md'))
    .option('--today <date>', 'the date to count days to renewal and overdue items from (YYYY-MM-DD)', parseToday)
    .option('-c, --config <file>', 'use this configuration file instead of discovering .partnership-docs.json files')
    .option('-o, --out <file>', 'write the report to this file instead of standard output')
    .option('-j, --jobs <n>', `read and index files in parallel on n threads (default: the number of cores, ${defaultJobs()})`, parseJobs)
    .action(async (folder: string | undefined, o: { format: 'md' | 'html' | 'json'; today?: string; config?: string; out?: string; jobs?: number }) => {
      exitCode = await runReport(folder, { format: o.format, today: o.today, config: o.config, out: o.out, jobs: o.jobs }, io);
    });

  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end with exit code 0; usage errors (already printed) with 2.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof UsageError) {
      io.stderr(`partnership-docs: ${err.message}\n`);
      return 2;
    }
    io.stderr(`partnership-docs: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 2;
  }
}

function parseToday(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError('expected a calendar date as YYYY-MM-DD.');
  return value;
}

function parseJobs(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return Number(value);
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of 0 or more.');
  return Number(value);
}

/** --color / --no-color win; then NO_COLOR and FORCE_COLOR; otherwise colour only on a terminal. */
function useColor(flag: boolean | undefined, env: NodeJS.ProcessEnv, isTty: boolean): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return isTty && env.TERM !== 'dumb';
}

/** Runs the command line of this process and sets its exit code. */
export function run(): Promise<void> {
  return main(
    process.argv,
    {
      cwd: process.cwd(),
      stdout: (s) => void process.stdout.write(s),
      stderr: (s) => void process.stderr.write(s),
      version,
    },
    process.env,
    Boolean(process.stdout.isTTY),
  ).then((code) => {
    process.exitCode = code;
  });
}

if (!isMainThread && workerData === POOL_MARK) {
  // A worker thread of `check` or `report` (see pool.ts): same bundle, no command line.
  servePool({ check: checkOne, index: indexOne });
} else if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  // `node dist/cli.js …`
  void run();
}
