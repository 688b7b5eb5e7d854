#!/usr/bin/env node
// The GitHub Action's one step of its own (action.yml runs it; it runs locally just the same):
//   1. `partnership-docs check --format sarif` → the SARIF file (uploaded by the next step);
//   2. `partnership-docs check --format github` → workflow commands on stdout = annotations;
//   3. the counts → $GITHUB_OUTPUT, a findings table → $GITHUB_STEP_SUMMARY;
//   4. the exit code by `fail-on`.
// Inputs come as INPUT_* variables (action.yml maps them; a composite action does not).
// Only Node built-ins: the action's checkout has no node_modules.
//
// Which CLI runs: $PARTNERSHIP_DOCS_BIN (a bin script, e.g. a checkout's bin/partnership-docs.js)
// if set; else, with `version: installed`, the project's own node_modules/.bin/partnership-docs
// (the version its package-lock pins); else `npx --yes partnership-docs@<version>`, where the
// default version is the action's own (package.json next to action.yml), so a tag of the action
// runs the CLI of the same release.
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ACTION_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const FAIL_ON = ['error', 'warning', 'never'];

/** The action's inputs from the environment, with action.yml's defaults. */
export function readInputs(env) {
  const get = (name, def) => {
    const v = env[`INPUT_${name.replace(/[ -]/g, '_').toUpperCase()}`];
    return v === undefined || v.trim() === '' ? def : v.trim();
  };
  return {
    paths: splitWords(get('paths', '.')),
    failOn: get('fail-on', 'error').toLowerCase(),
    sarifFile: get('sarif-file', 'partnership-docs.sarif'),
    annotate: get('annotate', 'true').toLowerCase() === 'true',
    version: get('version', ''),
    args: splitWords(get('args', '')),
  };
}

/** Whitespace-separated words (newlines too); no quoting: paths with spaces are globbed. */
function splitWords(s) {
  return s.split(/\s+/).filter(Boolean);
}

/** [command, ...leading args] that runs the CLI. */
export function cliCommand(inputs, env) {
  if (env.PARTNERSHIP_DOCS_BIN) return [process.execPath, resolve(env.PARTNERSHIP_DOCS_BIN)];
  if (inputs.version === 'installed') {
    const bin = join(env.GITHUB_WORKSPACE || process.cwd(), 'node_modules', '.bin', 'partnership-docs');
    return [bin];
  }
  const version = inputs.version || JSON.parse(readFileSync(join(ACTION_ROOT, 'package.json'), 'utf8')).version;
  return ['npx', '--yes', '--package', `partnership-docs@${version}`, '--', 'partnership-docs'];
}

function localToday() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Escapes a markdown table cell. */
function cell(s) {
  return String(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function main(env = process.env) {
  const inputs = readInputs(env);
  if (!FAIL_ON.includes(inputs.failOn)) {
    process.stdout.write(`::error title=partnership-docs::fail-on must be one of ${FAIL_ON.join(', ')}; got "${inputs.failOn}"\n`);
    return 2;
  }
  const cwd = env.GITHUB_WORKSPACE || process.cwd();
  const [cmd, ...lead] = cliCommand(inputs, env);
  // Both runs check against the same day (a run across midnight would otherwise differ).
  const args = inputs.args.some((a) => a === '--today' || a.startsWith('--today=')) ? inputs.args : ['--today', localToday(), ...inputs.args];
  const run = (format, stdio) =>
    spawnSync(cmd, [...lead, 'check', '--format', format, '--no-color', ...args, ...inputs.paths], {
      cwd,
      env: { ...env },
      stdio,
      encoding: 'utf8',
      maxBuffer: 1 << 30,
    });

  // 1. SARIF.
  const sarifRun = run('sarif', ['ignore', 'pipe', 'inherit']);
  if (sarifRun.error) {
    process.stdout.write(`::error title=partnership-docs::cannot run ${cmd}: ${sarifRun.error.message}\n`);
    return 2;
  }
  const cliCode = sarifRun.status ?? 2;
  let log = null;
  try {
    log = JSON.parse(sarifRun.stdout);
  } catch {
    log = null;
  }
  const sarifPath = isAbsolute(inputs.sarifFile) ? inputs.sarifFile : resolve(cwd, inputs.sarifFile);
  if (log) {
    mkdirSync(dirname(sarifPath), { recursive: true });
    writeFileSync(sarifPath, sarifRun.stdout);
  }

  // 2. Annotations (workflow commands go to stdout, where the runner reads them).
  if (inputs.annotate && log) {
    const gh = run('github', ['ignore', 'pipe', 'ignore']);
    process.stdout.write(gh.stdout ?? '');
  }

  // 3. Counts, outputs, step summary.
  const results = log?.runs?.[0]?.results ?? [];
  const n = (level) => results.filter((r) => r.level === level).length;
  const counts = { errors: n('error'), warnings: n('warning'), notes: n('note') };
  let code;
  if (cliCode === 2 || !log) code = 2;
  else if (inputs.failOn === 'never') code = 0;
  else if (inputs.failOn === 'warning') code = counts.errors + counts.warnings > 0 ? 1 : cliCode;
  else code = cliCode;

  if (env.GITHUB_OUTPUT) {
    const out = {
      'sarif-file': log ? relativeOrAbsolute(cwd, sarifPath) : '',
      errors: counts.errors,
      warnings: counts.warnings,
      notes: counts.notes,
      'exit-code': code,
    };
    appendFileSync(env.GITHUB_OUTPUT, Object.entries(out).map(([k, v]) => `${k}=${v}\n`).join(''));
  }
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, summary(results, counts, code, inputs, env));
  return code;
}

function relativeOrAbsolute(cwd, p) {
  const rel = relative(cwd, p);
  return rel.startsWith('..') || isAbsolute(rel) ? p : rel;
}

const MAX_ROWS = 200;

function summary(results, counts, code, inputs, env) {
  const icon = code === 0 ? '✅' : '❌';
  const lines = [
    `## ${icon} Partnership Docs`,
    '',
    `| errors | warnings | notes | fail-on | exit code |`,
    `| ---: | ---: | ---: | --- | ---: |`,
    `| ${counts.errors} | ${counts.warnings} | ${counts.notes} | ${inputs.failOn} | ${code} |`,
    '',
  ];
  if (code === 2) lines.push('The check could not run (see the step log): usage, I/O or configuration error.', '');
  if (results.length) {
    const base = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_SHA ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/blob/${env.GITHUB_SHA}/` : null;
    lines.push('| file | line | severity | rule | message |', '| --- | ---: | --- | --- | --- |');
    for (const r of results.slice(0, MAX_ROWS)) {
      const loc = r.locations?.[0]?.physicalLocation;
      const uri = decodeURIComponent(loc?.artifactLocation?.uri ?? '');
      const line = loc?.region?.startLine ?? 1;
      const file = base ? `[${cell(uri)}](${base}${loc?.artifactLocation?.uri ?? ''}#L${line})` : cell(uri);
      lines.push(`| ${file} | ${line} | ${r.level} | \`${r.ruleId}\` | ${cell(r.message?.text ?? '')} |`);
    }
    if (results.length > MAX_ROWS) lines.push('', `…and ${results.length - MAX_ROWS} more (see the SARIF file or code scanning).`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main();
}

