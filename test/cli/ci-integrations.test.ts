/**
 * CI integrations (issue #14, item 3): `--format github` and `--format gitlab`, `check --staged`,
 * the GitHub Action (action.yml + scripts/action/run.mjs, run locally as the runner would), the
 * pre-commit hooks (.pre-commit-hooks.yaml, invoked as pre-commit invokes them) and the snippets
 * of docs/ci.md (parsed, their commands run against examples/). The oracle throughout is the real
 * CLI's `--format json`.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { escapeData, escapeProperty, formatGithub } from '../../src/cli/formatters/github.js';
import { BIN, ROOT, ensureBuilt, removeTemp, run, tempRepo, type RunResult } from './helpers.js';

const TODAY = '2026-11-15';
// One thread: on these 14 files the worker pool's start-up costs more than it saves (the output
// is the same whatever --jobs is; parallel.test.ts checks that).
const J1 = ['--jobs', '1'];
const sarifSchema = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

interface JsonFinding { ruleId: string; severity: 'error' | 'warning' | 'info'; message: string; line: number; column: number; endLine: number; endColumn: number }
interface JsonReport { files: Array<{ path: string; findings: JsonFinding[] }>; summary: { errors: number; warnings: number; infos: number } }
interface Flat extends JsonFinding { path: string }

const flatten = (r: JsonReport): Flat[] => r.files.flatMap((f) => f.findings.map((x) => ({ ...x, path: f.path })));
const key = (f: { path: string; ruleId: string; line: number; column: number; endLine: number; endColumn: number; severity: string; message: string }) =>
  [f.path, f.line, f.column, f.endLine, f.endColumn, f.ruleId, f.severity, f.message].join('|');

/** A copy of examples/ as a workspace of its own. */
function examplesCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pd-ci-'));
  cpSync(join(ROOT, 'examples'), dir, { recursive: true });
  return dir;
}

function jsonOf(cwd: string, args: string[] = []): JsonReport {
  const r = run(['check', '--format', 'json', '--today', TODAY, ...J1, ...args], cwd);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout) as JsonReport;
}

/** Workflow commands back to findings (the inverse of @actions/core's escaping). */
function parseAnnotations(out: string) {
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  return out
    .split('\n')
    .filter((l) => l.startsWith('::'))
    .map((l) => {
      const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(l);
      assert.ok(m, `not a workflow command: ${l}`);
      const props = Object.fromEntries(m[2]!.split(',').map((kv) => {
        const i = kv.indexOf('=');
        return [kv.slice(0, i), unescape(kv.slice(i + 1))];
      }));
      return { command: m[1]!, props, message: unescape(m[3]!) };
    });
}

const SEVERITY_COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

function annotationsMatch(out: string, findings: Flat[], prefix = ''): void {
  const got = parseAnnotations(out).map((a) =>
    key({
      path: a.props.file!.slice(prefix.length),
      line: Number(a.props.line),
      column: Number(a.props.col),
      endLine: Number(a.props.endLine),
      endColumn: Number(a.props.endColumn),
      ruleId: a.props.title!.replace(/^partnership-docs\//, ''),
      severity: Object.entries(SEVERITY_COMMAND).find(([, c]) => c === a.command)![0],
      message: a.message,
    }),
  );
  assert.deepEqual(got, findings.map(key));
}

before(() => ensureBuilt());

describe('check --help', () => {
  it('lists the CI formats and --staged', () => {
    const h = run(['check', '--help'], ROOT);
    assert.equal(h.status, 0);
    assert.match(h.stdout, /"github"/);
    assert.match(h.stdout, /"gitlab"/);
    assert.match(h.stdout, /--staged/);
    assert.equal(run(['check', '--format', 'codeclimate'], ROOT).status, 2);
  });
});

describe('--format github', () => {
  it('escapes messages and properties as @actions/core does', () => {
    assert.equal(escapeData('50% done\r\nnext: a, b'), '50%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('a,b:c%\n'), 'a%2Cb%3Ac%25%0A');
    const out = formatGithub(
      [{ path: 'q3, final: v2.md', kind: 'qbr', findings: [{ ruleId: 'placeholder-unfilled', severity: 'info', message: '100% of [Name]\nline two', line: 3, column: 5, endLine: 3, endColumn: 11, startOffset: 0, endOffset: 1 }] }],
      { cwd: '/w/repo/docs', root: '/w/repo', failures: [{ path: 'bad.md', message: 'not valid UTF-8; not checked' }] },
    );
    assert.equal(
      out,
      '::notice file=docs/q3%2C final%3A v2.md,line=3,endLine=3,col=5,endColumn=11,title=partnership-docs/placeholder-unfilled::100%25 of [Name]%0Aline two\n' +
        '::error file=docs/bad.md,title=partnership-docs::not valid UTF-8; not checked\n',
    );
  });

  it('prints one annotation per finding of examples/, where --format json puts it; file= relative to GITHUB_WORKSPACE', () => {
    const json = flatten(jsonOf(join(ROOT, 'examples')));
    assert.ok(json.length > 20 && json.some((f) => f.severity === 'info') && json.some((f) => f.severity === 'error'));
    const r = run(['check', '--format', 'github', '--today', TODAY, ...J1], join(ROOT, 'examples'), { GITHUB_WORKSPACE: ROOT });
    assert.equal(r.status, 1, r.stderr);
    annotationsMatch(r.stdout, json, 'examples/');
    // Outside GITHUB_WORKSPACE, paths stay relative to the working folder.
    const alone = run(['check', '--format', 'github', '--today', TODAY, ...J1], join(ROOT, 'examples'), { GITHUB_WORKSPACE: '/nonexistent/ws' });
    annotationsMatch(alone.stdout, json);
  });
});

describe('--format gitlab', () => {
  let dir = '';
  before(() => (dir = examplesCopy()));
  after(() => removeTemp(dir));

  type Issue = { check_name: string; description: string; severity: string; fingerprint: string; location: { path: string; lines: { begin: number } } };
  const gitlab = (cwd: string, env: Record<string, string> = {}) => {
    const r = run(['check', '--format', 'gitlab', '--today', TODAY, ...J1], cwd, env);
    assert.equal(r.status, 1, r.stderr);
    return JSON.parse(r.stdout) as Issue[];
  };

  it('is a Code Quality report of the same findings, with unique fingerprints stable across runs, days and moved lines', () => {
    const json = flatten(jsonOf(dir));
    const issues = gitlab(dir);
    const SEV = { error: 'major', warning: 'minor', info: 'info' };
    assert.deepEqual(
      issues.map((i) => [i.location.path, i.location.lines.begin, i.check_name, i.severity, i.description]),
      json.map((f) => [f.path, f.line, f.ruleId, SEV[f.severity], f.message]),
    );
    for (const i of issues) assert.match(i.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'fingerprints are unique');
    assert.deepEqual(gitlab(dir).map((i) => i.fingerprint), issues.map((i) => i.fingerprint), 'same fingerprints on a second run');

    // A day later: "overdue by 79 days" becomes 80, the fingerprint stays.
    const later = JSON.parse(run(['check', '--format', 'gitlab', '--today', '2026-11-16', ...J1], dir).stdout) as Issue[];
    const overdue = issues.find((i) => i.check_name === 'action-overdue')!;
    const overdueLater = later.find((i) => i.check_name === 'action-overdue')!;
    assert.notEqual(overdueLater.description, overdue.description);
    assert.equal(overdueLater.fingerprint, overdue.fingerprint);

    // Lines added at the top of a document move its findings, not their fingerprints.
    const file = 'partnerships/initech/2026-Q3-status-report.md';
    const text = readFileSync(join(dir, file), 'utf8');
    writeFileSync(join(dir, file), text.replace(/\n/, '\n\n<!-- a comment -->\n\n'));
    const moved = gitlab(dir);
    const before = issues.filter((i) => i.location.path === file);
    const now = moved.filter((i) => i.location.path === file);
    assert.equal(now.length, before.length);
    assert.ok(now.every((i, k) => i.location.lines.begin === before[k]!.location.lines.begin + 3 || i.location.lines.begin === 1));
    assert.deepEqual(now.map((i) => i.fingerprint), before.map((i) => i.fingerprint));
    writeFileSync(join(dir, file), text);

    // Paths relative to CI_PROJECT_DIR.
    const sub = gitlab(join(dir, 'partnerships'), { CI_PROJECT_DIR: dir });
    assert.deepEqual(sub.map((i) => i.location.path), issues.map((i) => i.location.path));
  });
});

// ---------------------------------------------------------------------------------------------
// The GitHub Action.

type Step = { id?: string; name?: string; uses?: string; run?: string; shell?: string; if?: string; with?: Record<string, string>; env?: Record<string, string>; 'working-directory'?: string };
const action = parseYaml(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as {
  name: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

/** Evaluates the `${{ … }}` expressions of the check step (inputs.*, github.workspace). */
function expand(s: string, inputs: Record<string, string>, workspace: string): string {
  return s.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_m, expr: string) => {
    const input = /^inputs\.([\w-]+)$/.exec(expr);
    if (input) {
      assert.ok(input[1]! in action.inputs, `undeclared input ${input[1]}`);
      return inputs[input[1]!] ?? action.inputs[input[1]!]!.default ?? '';
    }
    if (expr === 'github.workspace') return workspace;
    throw new Error(`unsupported expression in the check step: ${expr}`);
  });
}

interface ActionRun extends RunResult {
  outputs: Record<string, string>;
  summary: string;
}

/** Runs the action's check step as the runner does: its `run` in bash, its env, GITHUB_* variables. */
function runAction(workspace: string, inputs: Record<string, string>): ActionRun {
  const step = action.runs.steps.find((s) => s.id === 'check')!;
  const files = mkdtempSync(join(tmpdir(), 'pd-runner-'));
  const outFile = join(files, 'output');
  const summaryFile = join(files, 'summary');
  writeFileSync(outFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('INPUT_') && !k.startsWith('GITHUB_')) env[k] = v;
  delete env.FORCE_COLOR;
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: ROOT,
    GITHUB_OUTPUT: outFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/partnerships',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    // No registry in tests: the CLI of this checkout instead of `npx partnership-docs@version`.
    PARTNERSHIP_DOCS_BIN: BIN,
  });
  for (const [k, v] of Object.entries(step.env ?? {})) env[k] = expand(v, inputs, workspace);
  const r = spawnSync(step.shell ?? 'bash', ['-e', '-c', expand(step.run!, inputs, workspace)], {
    cwd: expand(step['working-directory'] ?? workspace, inputs, workspace),
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const outputs = Object.fromEntries(
    readFileSync(outFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  const summary = readFileSync(summaryFile, 'utf8');
  rmSync(files, { recursive: true, force: true });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs, summary };
}

describe('GitHub Action (action.yml, run locally)', () => {
  let ws = '';
  before(() => (ws = examplesCopy()));
  after(() => removeTemp(ws));

  it('is a composite action whose expressions name declared inputs and outputs the check step writes', () => {
    assert.equal(action.runs.using, 'composite');
    const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');
    for (const m of text.matchAll(/inputs\.([\w-]+)/g)) assert.ok(m[1]! in action.inputs, `undeclared input ${m[1]}`);
    for (const [name, input] of Object.entries(action.inputs)) {
      assert.ok(input.description, `input ${name} has a description`);
      assert.ok(text.includes(`inputs.${name} `) || text.includes(`inputs.${name}}`), `input ${name} is used`);
    }
    const ids = new Set(action.runs.steps.map((s) => s.id).filter(Boolean));
    for (const [name, o] of Object.entries(action.outputs)) {
      const m = /^\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}$/.exec(o.value);
      assert.ok(m && ids.has(m[1]!), `output ${name} reads a step's output`);
    }
    const uses = action.runs.steps.filter((s) => s.uses).map((s) => s.uses);
    assert.deepEqual(uses, ['actions/setup-node@v4', 'github/codeql-action/upload-sarif@v3']);
    const upload = action.runs.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
    assert.equal(upload.with!.sarif_file, '${{ steps.check.outputs.sarif-file }}');
    assert.match(upload.if!, /!cancelled\(\)/);
  });

  it('writes SARIF 2.1.0 with the findings of --format json, annotates them, fills outputs and the summary; fail-on error → exit 1', () => {
    const json = flatten(jsonOf(ws));
    const r = runAction(ws, { args: `--today ${TODAY} --jobs 1` });
    assert.equal(r.status, 1, r.stderr);

    // Every output the action declares was written.
    for (const o of Object.values(action.outputs)) {
      const name = /outputs\.([\w-]+) \}\}$/.exec(o.value)![1]!;
      assert.ok(name in r.outputs, `output ${name} written`);
    }
    const sarifPath = join(ws, r.outputs['sarif-file']!);
    assert.equal(r.outputs['sarif-file'], 'partnership-docs.sarif');
    const log = JSON.parse(readFileSync(sarifPath, "utf8")) as { version: string; runs: Array<{ results: unknown[] }> };
    assert.ok(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    const LEVEL = { error: 'error', warning: 'warning', note: 'info' } as Record<string, string>;
    const fromSarif = (log.runs[0]!.results as Array<{ ruleId: string; level: string; message: { text: string }; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }> }>).map((x) => {
      const loc = x.locations[0]!.physicalLocation;
      return key({ path: decodeURIComponent(loc.artifactLocation.uri), line: loc.region.startLine, column: loc.region.startColumn, endLine: loc.region.endLine, endColumn: loc.region.endColumn, ruleId: x.ruleId, severity: LEVEL[x.level]!, message: x.message.text });
    });
    assert.deepEqual(fromSarif, json.map(key));

    annotationsMatch(r.stdout, json);
    const count = (s: string) => json.filter((f) => f.severity === s).length;
    assert.deepEqual([r.outputs.errors, r.outputs.warnings, r.outputs.notes, r.outputs['exit-code']], [String(count('error')), String(count('warning')), String(count('info')), '1']);

    assert.match(r.summary, /^## ❌ Partnership Docs/);
    assert.ok(r.summary.includes(`| ${count('error')} | ${count('warning')} | ${count('info')} | error | 1 |`), r.summary);
    const first = json[0]!;
    assert.ok(r.summary.includes(`[${first.path}](https://github.com/acme/partnerships/blob/0123456789abcdef0123456789abcdef01234567/${first.path}#L${first.line})`), r.summary);
    assert.equal(r.summary.split('\n').filter((l) => l.startsWith('| [')).length, json.length);
  });

  it('follows fail-on: warnings only pass with error, fail with warning; never passes; annotate false prints none', () => {
    const file = 'partnerships/globex/2026-09-referrals-issue.md';
    const json = jsonOf(ws, [file]);
    assert.equal(json.summary.errors, 0);
    assert.ok(json.summary.warnings > 0);
    const onError = runAction(ws, { paths: file, args: `--today ${TODAY} --jobs 1`, 'sarif-file': 'out/w.sarif' });
    assert.equal(onError.status, 0, onError.stderr);
    assert.match(onError.summary, /^## ✅/);
    assert.ok(existsSync(join(ws, 'out/w.sarif')));
    assert.equal(parseAnnotations(onError.stdout).length, json.summary.warnings);
    const onWarning = runAction(ws, { paths: file, args: `--today ${TODAY} --jobs 1`, 'fail-on': 'warning' });
    assert.equal(onWarning.status, 1);
    assert.equal(onWarning.outputs['exit-code'], '1');
    const never = runAction(ws, { args: `--today ${TODAY} --jobs 1`, 'fail-on': 'never', annotate: 'false' });
    assert.equal(never.status, 0);
    assert.equal(parseAnnotations(never.stdout).length, 0);
    assert.ok(Number(never.outputs.errors) > 0);
    // A check that cannot run fails whatever fail-on says, and says why.
    const broken = runAction(ws, { paths: 'no/such/folder', 'fail-on': 'never' });
    assert.equal(broken.status, 2);
    assert.equal(broken.outputs['exit-code'], '2');
    assert.match(broken.stderr, /no\/such\/folder/);
    const bad = runAction(ws, { 'fail-on': 'sometimes' });
    assert.equal(bad.status, 2);
    assert.match(bad.stdout, /^::error .*fail-on must be one of error, warning, never/m);
  });

  it('runs the CLI of the action release with npx by default, or the project\'s installed one', async () => {
    const script = (await import(join(ROOT, 'scripts/action/run.mjs'))) as {
      cliCommand: (i: { version: string }, env: Record<string, string>) => string[];
      readInputs: (env: Record<string, string>) => { version: string };
    };
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.deepEqual(script.cliCommand(script.readInputs({}), {}), ['npx', '--yes', '--package', `partnership-docs@${version}`, '--', 'partnership-docs']);
    assert.deepEqual(script.cliCommand(script.readInputs({ INPUT_VERSION: '1.2.3' }), {}).slice(0, 4), ['npx', '--yes', '--package', 'partnership-docs@1.2.3']);
    assert.deepEqual(script.cliCommand(script.readInputs({ INPUT_VERSION: 'installed' }), { GITHUB_WORKSPACE: '/ws' }), ['/ws/node_modules/.bin/partnership-docs']);
  });
});

// ---------------------------------------------------------------------------------------------
// git: pre-commit hooks and --staged.

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

function gitRepo(files: Record<string, string>): string {
  const dir = tempRepo(files, { git: false });
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 't@example.org');
  git(dir, 'config', 'user.name', 'T');
  git(dir, 'config', 'core.autocrlf', 'false');
  return dir;
}

/** A QBR whose KPI Status cells use 🟢/🟡/🔴 and two of which are wrong (fixable). */
const EMOJI_QBR = `# Partnership QBR: Acme + Globex
**Quarter**: Q2 2026
**Date**: 2026-06-30

## KPI Dashboard

| Metric | Target | Actual | Status | Trend |
|--------|--------|--------|--------|-------|
| Revenue generated | $500K | $450K | 🟢 Green (100% of target) | → Stable |
| Joint deals closed | 20 | 10 | 🟡 Yellow (50% of target) | → Stable |
| Partner NPS | 50 | 52 | 🟢 Green (104% of target) | → Stable |

## Challenges and Actions

- Joint deals closed are at half of target: 🔴 escalate.
`;

/** What `check --fix` makes of a text, outside git (the oracle for the staged fix). */
function fixedByCli(text: string): string {
  const dir = tempRepo({ 'doc.md': text });
  try {
    run(['check', '--fix', '--today', TODAY, 'doc.md'], dir);
    return readFileSync(join(dir, 'doc.md'), 'utf8');
  } finally {
    removeTemp(dir);
  }
}

describe('check --staged', () => {
  it('fixes and re-stages fully staged files byte-exactly; leaves partially staged and unstaged files alone', () => {
    const partialStaged = EMOJI_QBR.replace('Acme', 'Initech');
    const dir = gitRepo({ 'full.md': EMOJI_QBR, 'partial.md': partialStaged, 'unstaged.md': EMOJI_QBR, 'notes.txt': 'x\n' });
    try {
      git(dir, 'add', 'unstaged.md');
      git(dir, 'commit', '-q', '-m', 'base');
      writeFileSync(join(dir, 'unstaged.md'), `${EMOJI_QBR}\nMore.\n`); // modified, not staged
      git(dir, 'add', 'full.md', 'partial.md', 'notes.txt');
      const partialWorking = `${partialStaged}\n- an unstaged line\n`;
      writeFileSync(join(dir, 'partial.md'), partialWorking);

      const expected = fixedByCli(EMOJI_QBR);
      assert.notEqual(expected, EMOJI_QBR);
      assert.match(expected, /🟡 Yellow \(90% of target\)/);
      assert.match(expected, /🔴 Red \(50% of target\)/);

      const r = run(['check', '--staged', '--fix', '--today', TODAY, '--format', 'json'], dir);
      const report = JSON.parse(r.stdout) as JsonReport;
      assert.deepEqual(report.files.map((f) => f.path), ['full.md', 'partial.md']);
      // full.md: fixed in the working tree and staged with the very same bytes.
      assert.equal(readFileSync(join(dir, 'full.md'), 'utf8'), expected);
      assert.equal(git(dir, 'show', ':full.md'), expected);
      assert.equal(git(dir, 'status', '--porcelain', '--', 'full.md'), 'A  full.md\n');
      assert.deepEqual(report.files[0]!.findings.filter((f) => f.ruleId === 'kpi-status-mismatch'), []);
      // partial.md: neither copy touched; reported as staged (its staged text's findings); named on stderr.
      assert.equal(readFileSync(join(dir, 'partial.md'), 'utf8'), partialWorking);
      assert.equal(git(dir, 'show', ':partial.md'), partialStaged);
      assert.equal(report.files[1]!.findings.filter((f) => f.ruleId === 'kpi-status-mismatch').length, 2);
      assert.match(r.stderr, /^partial\.md: has unstaged changes .* not fixed/m);
      // unstaged.md: not checked, not changed, not staged.
      assert.equal(readFileSync(join(dir, 'unstaged.md'), 'utf8'), `${EMOJI_QBR}\nMore.\n`);
      assert.equal(git(dir, 'show', ':unstaged.md'), EMOJI_QBR);
      assert.equal(r.status, 0, r.stderr);

      // Without --fix, the staged text is checked, not the working tree's.
      writeFileSync(join(dir, 'full.md'), EMOJI_QBR); // unstaged revert of the fix
      const check = JSON.parse(run(['check', '--staged', '--today', TODAY, '--format', 'json'], dir).stdout) as JsonReport;
      assert.deepEqual(check.files[0]!.findings.filter((f) => f.ruleId === 'kpi-status-mismatch'), []);
      // Paths and --staged together, or no repository: exit 2.
      assert.equal(run(['check', '--staged', 'full.md'], dir).status, 2);
      const plain = tempRepo({ 'a.md': EMOJI_QBR }, { git: false });
      const outside = run(['check', '--staged'], plain);
      removeTemp(plain);
      assert.equal(outside.status, 2);
      assert.match(outside.stderr, /--staged: git rev-parse failed/);
    } finally {
      removeTemp(dir);
    }
  });
});

describe('pre-commit hooks (.pre-commit-hooks.yaml)', () => {
  const hooks = parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; files: string; types?: string[]; require_serial?: boolean }>;

  it('declares the check and fix hooks, installable from the repository (prepare builds dist/, npm pack keeps it)', () => {
    assert.deepEqual(hooks.map((h) => [h.id, h.entry, h.language]), [
      ['partnership-docs', 'partnership-docs check', 'node'],
      ['partnership-docs-fix', 'partnership-docs check --fix', 'node'],
    ]);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
    assert.ok(pkg.bin['partnership-docs'], 'the entry names the package bin');
    assert.match(pkg.scripts.prepare ?? '', /scripts\/build\.mjs/);
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    const packed = (JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>)[0]!.files.map((f) => f.path);
    for (const p of ['bin/partnership-docs.js', 'dist/cli.js', 'package.json']) assert.ok(packed.includes(p), `npm pack keeps ${p}`);
    assert.ok(!packed.some((p) => p.startsWith('test/') || p.startsWith('node_modules/')));
  });

  // pre-commit (3.x) runs a hook as: entry split with shlex + args + the staged files that match
  // `files` and `types` (identify's tags; `text` = not binary), after stashing unstaged changes;
  // it fails the hook on a non-zero exit code or when the hook modified files.
  function precommit(dir: string, hook: (typeof hooks)[number]): { status: number | null; modified: boolean; stdout: string } {
    const staged = git(dir, 'diff', '--cached', '--name-only', '-z').split('\0').filter(Boolean);
    const files = staged.filter((f) => new RegExp(hook.files).test(f) && !readFileSync(join(dir, f)).includes(0));
    const before = git(dir, 'diff');
    const [cmd, ...args] = hook.entry.split(' ');
    assert.equal(cmd, 'partnership-docs');
    const r = spawnSync(process.execPath, [BIN, ...args, ...files], { cwd: dir, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: undefined } });
    return { status: r.status, modified: git(dir, 'diff') !== before, stdout: r.stdout };
  }

  it('checks only the staged markdown files, as pre-commit invokes the hook; the fix hook modifies them', () => {
    const broken = EMOJI_QBR.replace('**Date**: 2026-06-30', '**Date**: 2026-06-30\n**Overall Health Score**: 120/100');
    const dir = gitRepo({ 'partnerships/acme/q2.md': EMOJI_QBR, 'partnerships/acme/q1.md': broken, 'README.txt': 'not markdown [Name]\n' });
    try {
      git(dir, 'add', 'partnerships/acme/q2.md', 'README.txt');
      const check = precommit(dir, hooks[0]!);
      assert.equal(check.status, 0, check.stdout); // warnings only; q1.md (with an error) is not staged
      assert.match(check.stdout, /partnerships\/acme\/q2\.md/);
      assert.doesNotMatch(check.stdout, /q1\.md/);
      assert.equal(check.modified, false);
      git(dir, 'add', 'partnerships/acme/q1.md');
      assert.equal(precommit(dir, hooks[0]!).status, 1);
      const fix = precommit(dir, hooks[1]!);
      assert.equal(fix.modified, true, 'pre-commit would stop the commit: files were modified by this hook');
      assert.equal(readFileSync(join(dir, 'partnerships/acme/q2.md'), 'utf8'), fixedByCli(EMOJI_QBR));
    } finally {
      removeTemp(dir);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// docs/ci.md: every snippet parses and its partnership-docs commands work on examples/.

describe('docs/ci.md snippets', () => {
  const doc = readFileSync(join(ROOT, 'docs/ci.md'), 'utf8');
  const blocks = [...doc.matchAll(/^```(yaml|sh)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1]!, body: m[2]! }));
  const yamlBlocks = blocks.filter((b) => b.lang === 'yaml').map((b) => {
    const docs = parseAllDocuments(b.body);
    assert.equal(docs.length, 1);
    assert.deepEqual(docs[0]!.errors, []);
    return { body: b.body, value: docs[0]!.toJS() as Record<string, unknown> };
  });
  const find = (head: string) => yamlBlocks.find((b) => b.body.startsWith(head))!;

  /** Runs a snippet's shell command in a copy of examples/ (`npx [--yes] partnership-docs` → this checkout's CLI). */
  function runSnippet(command: string, cwd: string, env: Record<string, string> = {}): RunResult {
    assert.match(command, /partnership-docs/);
    const shell = command.replace(/\bnpx (--yes )?partnership-docs\b/g, `"${process.execPath}" "${BIN}"`).replace(/(^|\|\s*|xargs -0 -r )partnership-docs\b/g, `$1"${process.execPath}" "${BIN}"`);
    const r = spawnSync('bash', ['-o', 'pipefail', '-c', shell], { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: undefined, ...env }, timeout: 60_000 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('has the five YAML snippets, all valid YAML', () => {
    assert.equal(yamlBlocks.length, 5);
    for (const head of ['# .github/workflows/partnership-docs.yml', '# .gitlab-ci.yml', '# .pre-commit-config.yaml', '# .lintstagedrc.yaml']) assert.ok(find(head), head);
  });

  it('the action snippet uses this repository\'s action with declared inputs and permissions for SARIF', () => {
    const wf = yamlBlocks.find((b) => b.body.includes('uses: partnership-docs/partnership-docs@'))!.value as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
    assert.equal(wf.permissions['security-events'], 'write');
    const step = Object.values(wf.jobs)[0]!.steps.find((s) => s.uses?.startsWith('partnership-docs/partnership-docs@'))!;
    for (const k of Object.keys(step.with ?? {})) assert.ok(k in action.inputs, `input ${k} exists`);
  });

  it('the plain GitHub workflow\'s commands annotate and write SARIF for examples/', () => {
    const wf = yamlBlocks.filter((b) => b.body.startsWith('# .github/workflows/'))[1]!.value as { jobs: Record<string, { steps: Step[] }> };
    const runs = Object.values(wf.jobs)[0]!.steps.filter((s) => s.run).map((s) => s.run!);
    assert.equal(runs.length, 2);
    const ws = examplesCopy();
    try {
      const json = flatten(jsonOf(ws, ['partnerships']));
      const annotate = runSnippet(`${runs[0]!} --today ${TODAY} --jobs 1`, ws, { GITHUB_WORKSPACE: ws });
      assert.equal(annotate.status, 1);
      annotationsMatch(annotate.stdout, json);
      const sarif = runSnippet(runs[1]!.replace(' > ', ` --today ${TODAY} --jobs 1 > `), ws);
      assert.equal(sarif.status, 1);
      const upload = Object.values(wf.jobs)[0]!.steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
      const log = JSON.parse(readFileSync(join(ws, upload.with!.sarif_file!), "utf8")) as { runs: Array<{ results: unknown[] }> };
      assert.ok(validateSarif(log));
      assert.equal(log.runs[0]!.results.length, json.length);
    } finally {
      removeTemp(ws);
    }
  });

  it('the GitLab job writes the Code Quality report its artifacts name', () => {
    const ci = find('# .gitlab-ci.yml').value as Record<string, { script: string[]; artifacts: { reports: { codequality: string } } }>;
    const job = Object.values(ci)[0]!;
    const ws = examplesCopy();
    try {
      const r = runSnippet(job.script[0]!.replace(' > ', ` --today ${TODAY} --jobs 1 > `), ws, { CI_PROJECT_DIR: ws });
      assert.equal(r.status, 1, r.stderr);
      const issues = JSON.parse(readFileSync(join(ws, job.artifacts.reports.codequality), 'utf8')) as unknown[];
      assert.equal(issues.length, flatten(jsonOf(ws, ['partnerships'])).length);
    } finally {
      removeTemp(ws);
    }
  });

  it('the pre-commit config names this repository\'s hooks; lint-staged, husky and xargs commands run on staged files', () => {
    const hooks = parseYaml(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string }>;
    const cfg = find('# .pre-commit-config.yaml').value as { repos: Array<{ repo: string; rev: string; hooks: Array<{ id: string }> }> };
    assert.match(cfg.repos[0]!.rev, /^v\d+\.\d+\.\d+$/);
    for (const h of cfg.repos[0]!.hooks) assert.ok(hooks.some((d) => d.id === h.id), h.id);
    assert.ok(doc.includes('# - id: partnership-docs-fix'));

    const lintStaged = find('# .lintstagedrc.yaml').value as Record<string, string>;
    const [[glob, command]] = Object.entries(lintStaged) as [[string, string]];
    assert.equal(glob, '*.{md,markdown}');
    const sh = blocks.filter((b) => b.lang === 'sh').map((b) => b.body.split('\n').filter((l) => l && !l.startsWith('#'))[0]!);
    assert.equal(sh.length, 2);
    const dir = gitRepo({ 'q2.md': EMOJI_QBR, 'other.md': EMOJI_QBR });
    try {
      git(dir, 'add', 'q2.md');
      // lint-staged: the command + the staged files matching the glob.
      const ls = runSnippet(`${command} q2.md`, dir);
      assert.equal(ls.status, 0, ls.stderr);
      assert.equal(readFileSync(join(dir, 'q2.md'), 'utf8'), fixedByCli(EMOJI_QBR));
      git(dir, 'checkout', '--', 'q2.md');
      // husky: --staged --fix fixes and re-stages.
      const husky = runSnippet(sh[0]!, dir);
      assert.equal(husky.status, 0, husky.stderr);
      assert.equal(git(dir, 'show', ':q2.md'), fixedByCli(EMOJI_QBR));
      assert.equal(readFileSync(join(dir, 'other.md'), 'utf8'), EMOJI_QBR);
      // xargs: checks the staged markdown files only.
      const xargs = runSnippet(`${sh[1]!} --format json`, dir);
      assert.equal(xargs.status, 0, xargs.stderr);
      assert.deepEqual((JSON.parse(xargs.stdout) as JsonReport).files.map((f) => f.path), ['q2.md']);
    } finally {
      removeTemp(dir);
    }
  });
});
