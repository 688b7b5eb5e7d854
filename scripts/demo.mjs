// `npm run demo` — the main job: the CLI over the bundled examples/ (stylish output, then the
// JSON summary), then the packaged extension (.vsix). The examples contain deliberate
// problems, so the check's exit code 1 is expected and reported, not treated as a failure.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';

const today = '2026-11-24';
console.log(`$ partnership-docs check examples --today ${today}`);
const check = spawnSync(process.execPath, ['bin/partnership-docs.js', 'check', 'examples', '--today', today], { stdio: 'inherit' });
console.log(`(exit code ${check.status}: ${check.status === 1 ? 'error-severity findings present, as the examples intend' : check.status === 0 ? 'clean' : 'usage/I-O/config error'})\n`);
if (check.status !== 0 && check.status !== 1) process.exit(check.status ?? 2);

console.log('$ npm run package');
const pack = spawnSync('npm', ['run', '--silent', 'package'], { stdio: 'inherit' });
if (pack.status !== 0) process.exit(pack.status ?? 1);
for (const f of readdirSync('.').filter((n) => n.endsWith('.vsix'))) {
  console.log(`packaged ${f} (${(statSync(f).size / 1024).toFixed(0)} KB) — install with: code --install-extension ${f}`);
}
