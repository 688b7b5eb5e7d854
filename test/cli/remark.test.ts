/**
 * The remark / unified plugin (`partnership-docs/remark`, src/remark) against the real CLI:
 * - in a unified pipeline (remark-parse + remark-gfm) over every example, the messages are the
 *   findings of `partnership-docs check --format json` (all but the cross-document ones, which
 *   need the file set of a remark-cli run);
 * - the real remark-cli, in a folder where `partnership-docs` is an installed package (a symlink
 *   to this repository), with `--use partnership-docs/remark`, a `.remarkrc` naming the preset
 *   and a `.remarkrc.mjs` with options: the same findings as the CLI, cross-document ones
 *   included, and exit code 1 on errors;
 * - severities → `fatal`, the fix in `data`, invalid options, a look-alike README.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { markdownFilesUnder } from '../helpers.js';
import { ROOT, ensureBuilt, removeTemp, run, tempRepo } from './helpers.js';

const TODAY = '2026-11-24';
const SOURCE = 'partnership-docs';
const WORKSPACE_RULES = ['kpi-trend-vs-previous', 'kpi-declining-quarters', 'action-carried-over'];

interface CliFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: { edits: Array<{ line: number; column: number; endLine: number; endColumn: number; text: string }> };
}
interface CliReport {
  files: Array<{ path: string; kind: string | null; findings: CliFinding[] }>;
}
/** A message as vfile-reporter-json writes it (and as the in-process messages are read). */
interface JsonMessage {
  ruleId?: string;
  source?: string;
  reason: string;
  fatal?: boolean | null;
  line?: number;
  column?: number;
  place?: { start: { line: number; column: number }; end: { line: number; column: number } };
  url?: string;
  data?: { severity: string; fix?: { edits: Array<{ line: number; column: number; endLine: number; endColumn: number; text: string; start: number; end: number }> } };
}

const severityOf = (fatal: boolean | null | undefined) => (fatal === true ? 'error' : fatal === false ? 'warning' : 'info');

/** `path|rule|line:col-endLine:endCol|severity|message` per CLI finding. */
function cliKeys(report: CliReport, keep: (f: CliFinding) => boolean = () => true): string[] {
  return report.files.flatMap((file) => file.findings.filter(keep).map((f) => `${file.path}|${f.ruleId}|${f.line}:${f.column}-${f.endLine}:${f.endColumn}|${f.severity}|${f.message}`)).sort();
}
/** The same key per message of ours (other plugins' messages would be left out). */
function messageKeys(files: Array<{ path: string; messages: JsonMessage[] }>): string[] {
  return files
    .flatMap((file) =>
      file.messages
        .filter((m) => m.source === SOURCE)
        .map((m) => `${file.path}|${m.ruleId}|${m.line}:${m.column}-${m.place!.end.line}:${m.place!.end.column}|${severityOf(m.fatal)}|${m.reason}`),
    )
    .sort();
}

function cli(args: string[], cwd: string): CliReport {
  const r = run(['check', '--format', 'json', ...args], cwd);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout) as CliReport;
}

const REMARK = join(ROOT, 'node_modules/remark-cli/cli.js');
function remark(args: string[], cwd: string, json = true): { status: number | null; files: Array<{ path: string; messages: JsonMessage[] }>; stderr: string } {
  const r = spawnSync(process.execPath, [REMARK, ...args, ...(json ? ['--report', 'json'] : []), '--no-color'], { cwd, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
  // vfile-reporter-json writes the report on stderr (remark-cli writes documents on stdout).
  const start = r.stderr.indexOf('[');
  let files: Array<{ path: string; messages: JsonMessage[] }> = [];
  try {
    files = JSON.parse(r.stderr.slice(start));
  } catch {
    /* not a report: an error, returned in stderr */
  }
  return { status: r.status, files, stderr: r.stderr };
}

type Plugin = (options?: unknown) => unknown;
let plugin: Plugin;
/** unified().use(remarkParse).use(remarkGfm).use(plugin, options), with parse + run (no compiler needed). */
let unifiedPipeline: (options: unknown) => { parse(file: unknown): unknown; run(tree: unknown, file: unknown): Promise<unknown> };
let VFile: new (o: { path: string; cwd: string; value: string }) => unknown;

before(async () => {
  ensureBuilt();
  plugin = (await import(pathToFileURL(join(ROOT, 'dist/remark.mjs')).href)).default;
  const { unified } = await import('unified');
  const remarkParse = (await import('remark-parse')).default;
  const remarkGfm = (await import('remark-gfm')).default;
  ({ VFile } = (await import('vfile')) as never);
  unifiedPipeline = (options) => unified().use(remarkParse).use(remarkGfm).use(plugin as never, options as never) as never;
});

/** The examples' .partnership-docs.json, as plugin options (it is JSON with comments). */
async function examplesConfig(): Promise<Record<string, unknown>> {
  const { parse } = await import('jsonc-parser');
  const config = parse(readFileSync(join(ROOT, 'examples/.partnership-docs.json'), 'utf8'));
  delete config.$schema;
  return config;
}

async function processText(path: string, text: string, options: unknown, cwd = ROOT): Promise<JsonMessage[]> {
  const processor = unifiedPipeline(options);
  const file = new VFile({ path, cwd, value: text }) as { messages: JsonMessage[] };
  await processor.run(processor.parse(file), file);
  return file.messages;
}

describe('remark plugin in a unified pipeline', () => {
  it('reports every example finding of `check --format json` with its rule id, range, severity and text', async () => {
    const report = cli(['--today', TODAY, 'examples'], ROOT);
    const options = { ...(await examplesConfig()), today: TODAY, configFile: false };
    const files: Array<{ path: string; messages: JsonMessage[] }> = [];
    const all = markdownFilesUnder(join(ROOT, 'examples'));
    assert.equal(all.length, report.files.length, 'the CLI checked every example');
    for (const abs of all) {
      const path = relative(ROOT, abs);
      files.push({ path, messages: await processText(path, readFileSync(abs, 'utf8'), options) });
    }
    // One file at a time: the cross-document rules need the run's other QBRs (remark-cli below).
    const expected = cliKeys(report, (f) => !WORKSPACE_RULES.includes(f.ruleId));
    assert.ok(expected.length >= 30, `${expected.length} findings`);
    assert.deepEqual(messageKeys(files), expected);
  });

  it('maps error → fatal, warning → not fatal, info → neither; the fix goes in data, the rule page in url', async () => {
    const report = cli(['--today', TODAY, 'examples'], ROOT);
    const options = { ...(await examplesConfig()), today: TODAY, configFile: false };
    const seen = new Set<string>();
    let fixes = 0;
    for (const file of report.files) {
      const messages = await processText(file.path, readFileSync(join(ROOT, file.path), 'utf8'), options);
      for (const f of file.findings.filter((x) => !WORKSPACE_RULES.includes(x.ruleId))) {
        const m = messages.find((x) => x.ruleId === f.ruleId && x.line === f.line && x.column === f.column)!;
        assert.ok(m, `${file.path}:${f.line}:${f.column} ${f.ruleId}`);
        seen.add(f.severity);
        assert.equal(m.fatal, f.severity === 'error' ? true : f.severity === 'warning' ? false : undefined, `${f.ruleId} ${f.severity}`);
        assert.equal(m.data?.severity, f.severity);
        assert.equal(m.url, `https://github.com/partnership-docs/partnership-docs/blob/main/docs/rules/${f.ruleId}.md`);
        assert.deepEqual(m.data?.fix?.edits.map(({ start: _s, end: _e, ...e }) => e), f.fix?.edits, `${f.ruleId} fix`);
        if (f.fix) fixes++;
      }
    }
    assert.deepEqual([...seen].sort(), ['error', 'info', 'warning']);
    assert.ok(fixes >= 3, `${fixes} fixes`);
  });

  it('a fix in data, applied at its offsets, gives the text `check --fix` writes', async () => {
    const dir = tempRepo({ 'qbr.md': readFileSync(join(ROOT, 'examples/partnerships/globex/2026-Q3-qbr.md'), 'utf8') });
    try {
      const text = readFileSync(join(dir, 'qbr.md'), 'utf8');
      const messages = await processText('qbr.md', text, { today: TODAY, rules: { 'kpi-status-mismatch': 'error' }, configFile: false }, dir);
      const mine = messages.filter((x) => x.ruleId === 'kpi-status-mismatch' && x.data?.fix);
      assert.ok(mine.length > 0);
      let fixed = text;
      const edits = mine.flatMap((m) => m.data!.fix!.edits).sort((a, b) => b.start - a.start);
      for (const e of edits) fixed = fixed.slice(0, e.start) + e.text + fixed.slice(e.end);
      // `check --fix` with every other fixable rule the file triggers switched off.
      const others = messages.filter((x) => x.data?.fix && x.ruleId !== 'kpi-status-mismatch').map((x) => x.ruleId!);
      writeFileSync(join(dir, '.partnership-docs.json'), JSON.stringify({ rules: Object.fromEntries([...others, ...WORKSPACE_RULES].map((r) => [r, 'off'])) }));
      const r = run(['check', '--fix', '--today', TODAY, 'qbr.md'], dir);
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      assert.notEqual(fixed, text);
      assert.equal(readFileSync(join(dir, 'qbr.md'), 'utf8'), fixed);
      // The fixed text has no kpi-status-mismatch left for the plugin either.
      const again = await processText('qbr.md', fixed, { today: TODAY, configFile: false }, dir);
      assert.equal(again.filter((x) => x.ruleId === 'kpi-status-mismatch').length, 0);
    } finally {
      removeTemp(dir);
    }
  });

  it('rejects invalid options with a clear error naming each problem', async () => {
    const attach = (options: unknown) => async () => {
      const processor = unifiedPipeline(options);
      const file = new VFile({ path: 'x.md', cwd: ROOT, value: '' });
      await processor.run(processor.parse(file), file);
    };
    await assert.rejects(attach({ rules: { 'kpi-status-mismach': 'off' } }), /partnership-docs\/remark: invalid options[\s\S]*Unknown rule "kpi-status-mismach"\. Did you mean "kpi-status-mismatch"\?/);
    await assert.rejects(attach({ thresholds: { statusGreen: 'high' } }), /invalid options[\s\S]*thresholds\.statusGreen/);
    await assert.rejects(attach({ thresholds: { statusYellow: 95, statusGreen: 90 } }), /statusYellow \(95\) must not exceed thresholds\.statusGreen \(90\)/);
    await assert.rejects(attach({ today: 'tomorrow' }), /option "today" must be a date as YYYY-MM-DD/);
    await assert.rejects(attach(['health-score-sum']), /expected the options to be an object/);
    await assert.doesNotReject(attach({ rules: { 'kpi-status-mismatch': 'off' }, today: TODAY, configFile: false }));
  });

  it('respects rule settings of the options and disable comments', async () => {
    const text = readFileSync(join(ROOT, 'examples/partnerships/initech/2026-Q3-status-report.md'), 'utf8');
    const path = 'examples/partnerships/initech/2026-Q3-status-report.md';
    const base = { today: TODAY, configFile: false };
    const before = await processText(path, text, base);
    assert.ok(before.some((m) => m.ruleId === 'health-score-range' && m.fatal === true));
    const off = await processText(path, text, { ...base, rules: { 'health-score-range': 'off', 'kpi-target-zero': 'error' } });
    assert.ok(!off.some((m) => m.ruleId === 'health-score-range'));
    assert.ok(off.some((m) => m.ruleId === 'kpi-target-zero' && m.fatal === true));
    const line = before.find((m) => m.ruleId === 'health-score-range')!.line!;
    const lines = text.split('\n');
    lines.splice(line - 1, 0, '<!-- partnership-docs-disable-next-line health-score-range -->');
    const disabled = await processText(path, lines.join('\n'), base);
    assert.ok(!disabled.some((m) => m.ruleId === 'health-score-range'));
    assert.equal(disabled.length, before.length - 1);
  });

  it('stays silent on a look-alike README (document detection applies) unless lintAllMarkdown', async () => {
    const lookAlike = '# Team notes\n\nHow we track partners.\n\n| Metric | Target | Actual | Status |\n|---|---|---|---|\n| Revenue | $500K | $100K | ✅ Green |\n\nOwner: [Name]\n';
    const dir = tempRepo({ 'README.md': lookAlike });
    try {
      const r = cli(['README.md'], dir);
      assert.deepEqual(r.files.flatMap((f) => f.findings), []);
      assert.deepEqual(await processText('README.md', lookAlike, { configFile: false }, dir), []);
      const all = await processText('README.md', lookAlike, { configFile: false, lintAllMarkdown: true }, dir);
      assert.ok(all.some((m) => m.ruleId === 'kpi-status-mismatch'), JSON.stringify(all.map((m) => m.ruleId)));
    } finally {
      removeTemp(dir);
    }
  });
});

describe('remark plugin in remark-cli (the package installed in a project)', () => {
  let dir: string;
  before(() => {
    ensureBuilt();
    // A project whose node_modules has partnership-docs (this repository) and the JSON reporter.
    dir = tempRepo();
    cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules/partnership-docs'), 'dir');
    symlinkSync(join(ROOT, 'node_modules/vfile-reporter-json'), join(dir, 'node_modules/vfile-reporter-json'), 'dir');
  });
  after(() => removeTemp(dir));

  it('`remark examples --use partnership-docs/remark` reports what `check --format json examples` does', () => {
    // No --today: remark has no such flag; both runs judge dates against the same day.
    const expected = cliKeys(cli(['examples'], dir));
    const r = remark(['examples', '--use', 'partnership-docs/remark'], dir);
    assert.deepEqual(messageKeys(r.files), expected, r.stderr.slice(0, 2000));
    assert.ok(expected.some((k) => k.includes('|kpi-trend-vs-previous|')), 'cross-document findings are compared too');
    assert.equal(r.status, 1, 'errors fail the run');
  });

  it('a .remarkrc naming the preset, and a .remarkrc.mjs with options, give the CLI findings', () => {
    const expected = cliKeys(cli(['--today', TODAY, 'examples'], dir));
    writeFileSync(join(dir, '.remarkrc'), JSON.stringify({ plugins: ['partnership-docs/remark-preset', ['partnership-docs/remark', { today: TODAY }]] }));
    try {
      const r = remark(['examples'], dir);
      assert.deepEqual(messageKeys(r.files), expected, r.stderr.slice(0, 2000));
      assert.equal(r.status, 1);
    } finally {
      removeTemp(join(dir, '.remarkrc'));
    }
    // Options turning the two error rules off: their findings go, the run passes (no fatal).
    writeFileSync(
      join(dir, '.remarkrc.mjs'),
      `import partnershipDocs from 'partnership-docs/remark';\nexport default { plugins: [[partnershipDocs, { today: '${TODAY}', rules: { 'health-score-sum': 'off', 'health-score-range': 'off' } }]] };\n`,
    );
    try {
      const r = remark(['examples'], dir);
      const kept = expected.filter((k) => !/\|health-score-(sum|range)\|/.test(k));
      assert.ok(kept.length < expected.length);
      assert.deepEqual(messageKeys(r.files), kept, r.stderr.slice(0, 2000));
      assert.equal(r.status, 0, r.stderr.slice(0, 2000));
      const frail = remark(['examples', '--frail'], dir);
      assert.equal(frail.status, 1, 'warnings fail a --frail run');
    } finally {
      removeTemp(join(dir, '.remarkrc.mjs'));
    }
  });

  it('an invalid option or config file fails the run with the problem', () => {
    const bad = remark(['examples/README.md', '--use', 'partnership-docs/remark=rules:{"nope":"off"}'], dir, false);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /partnership-docs\/remark: invalid options[\s\S]*Unknown rule "nope"/);
    const cfg = join(dir, 'examples/partnerships/.partnership-docs.json');
    writeFileSync(cfg, '{ "thresholds": { "statusGreen": "high" } }');
    try {
      const r = remark(['examples/partnerships/globex', '--use', 'partnership-docs/remark'], dir, false);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /Invalid configuration: nothing was checked\.[\s\S]*examples\/partnerships\/\.partnership-docs\.json:1:\d+: .*statusGreen/);
    } finally {
      removeTemp(cfg);
    }
  });
});
