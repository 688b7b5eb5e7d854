// `npm test`: every test stage in order, each as its own process, then one closing line
// `tests: N passed, M failed` summing all stages. Exits non-zero if any stage fails.
// Stages are npm scripts; a stage whose script is not defined in package.json is skipped
// with a note (so partial checkouts still run what they have).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const only = process.argv.slice(2);
const STAGES = [
  ['build', 'build', null],
  ['typecheck', 'typecheck', null],
  ['unit', 'test:unit', 'node'],
  ['grammar', 'test:grammar', 'plain'],
  ['vscode', 'test:vscode', 'mocha'],
  ['e2e', 'test:e2e', 'plain'],
].filter(([name]) => only.length === 0 || only.includes(name));

// Strip ANSI colour codes before matching counts.
const plain = (s) => s.replace(/\x1b\[[0-9;]*m/g, '');
function counts(kind, out) {
  const o = plain(out);
  const last = (re) => {
    let v = null;
    for (const m of o.matchAll(re)) v = Number(m[1]);
    return v;
  };
  if (kind === 'node') return { passed: last(/^ℹ pass (\d+)$/gm) ?? last(/^# pass (\d+)$/gm) ?? 0, failed: last(/^ℹ fail (\d+)$/gm) ?? last(/^# fail (\d+)$/gm) ?? 0 };
  // A plain stage may run several scripts, each ending with its own `N passed, M failed` line.
  const sum = (re) => [...o.matchAll(re)].reduce((n, m) => n + Number(m[1]), 0);
  if (kind === 'plain') return { passed: sum(/^[\w ]*?:? ?(\d+) passed, \d+ failed/gm), failed: sum(/^[\w ]*?:? ?\d+ passed, (\d+) failed/gm) };
  if (kind === 'mocha') return { passed: last(/^\s*(\d+) passing/gm) ?? 0, failed: last(/^\s*(\d+) failing/gm) ?? 0 };
  return { passed: 0, failed: 0 };
}

function runScript(script) {
  return new Promise((resolve) => {
    // The long property runs (10,000 cases each) and the heaviest robustness tests belong to
    // `npm test`; `npm run test:unit` alone is the quick loop (test/helpers.ts FULL_RUN).
    const env = { PD_TEST_FULL: '1', ...process.env };
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    child.stdout.on('data', (d) => { out += d; process.stdout.write(d); });
    child.stderr.on('data', (d) => { out += d; process.stderr.write(d); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

let passed = 0;
let failed = 0;
let broken = false;
const summary = [];
for (const [name, script, kind] of STAGES) {
  if (!pkg.scripts?.[script]) {
    summary.push(`${name}: skipped (no "${script}" script)`);
    continue;
  }
  const started = Date.now();
  console.log(`\n=== ${name} (npm run ${script}) ===`);
  const { code, out } = await runScript(script);
  const c = kind ? counts(kind, out) : { passed: 0, failed: 0 };
  // A stage that exits non-zero without reporting a failed test still counts as one failure.
  if (code !== 0 && c.failed === 0) c.failed = 1;
  passed += c.passed;
  failed += c.failed;
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  summary.push(`${name}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`}${kind ? `, ${c.passed} passed, ${c.failed} failed` : ''} in ${secs}s`);
  if (code !== 0) {
    broken = true;
    if (name === 'build' || name === 'typecheck') break; // later stages would only repeat the error
  }
}
console.log('\n=== summary ===');
for (const line of summary) console.log(line);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(broken || failed ? 1 : 0);
