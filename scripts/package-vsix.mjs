// `npm run package` → partnership-docs-<version>.vsix. Builds the extension bundles minified and
// without a source map (the .vsix ships dist/extension.js, dist/lintWorker.js and the web worker
// host's dist/web/extension.js only; see .vscodeignore), checks that
// the settings mirror the config schema, then packs with @vscode/vsce. Dependencies are bundled,
// so vsce runs with --no-dependencies (no node_modules in the package).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { webBundle } from './web-bundle.mjs';
import { zipEntries } from './zip-entries.mjs';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const sync = spawnSync(process.execPath, ['scripts/sync-vscode-contributes.mjs', '--check'], { stdio: 'inherit' });
if (sync.status !== 0) process.exit(sync.status ?? 1);

const bundle = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'],
  minify: true, sourcemap: false, legalComments: 'none', logLevel: 'warning' };
await esbuild.build({ ...bundle, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
// The worker that lints documents above maxFileSizeMB on demand (see src/vscode/backgroundLint.ts).
await esbuild.build({ ...bundle, entryPoints: ['src/vscode/lintWorker.ts'], outfile: 'dist/lintWorker.js' });
// VS Code for the Web (package.json `browser`); the same checks as `npm run build` (no Node).
{
  const { check, ...web } = webBundle;
  check(await esbuild.build({ ...bundle, ...web, minify: true, sourcemap: false, entryPoints: ['src/vscode/extension.web.ts'], outfile: 'dist/web/extension.js' }));
}

const out = `${pkg.name}-${pkg.version}.vsix`;
const vsce = require.resolve('@vscode/vsce/vsce');
const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
const kb = (f) => (statSync(f).size / 1024).toFixed(0);
console.log(`${out}: ${kb(out)} KB (dist/extension.js ${kb('dist/extension.js')} KB, dist/web/extension.js ${kb('dist/web/extension.js')} KB minified)`);

// The package must carry both hosts' entries (the manifest's main and browser) and stay under
// 1 MB (issue #14): fail here rather than ship a .vsix vscode.dev cannot run.
const MAX_BYTES = 1024 * 1024;
const names = new Set(await zipEntries(readFileSync(out)));
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const problems = [];
for (const [field, entry] of [['main', manifest.main], ['browser', manifest.browser]]) {
  if (!entry) problems.push(`package.json has no "${field}"`);
  else if (!names.has(`extension/${entry.replace(/^\.\//, '')}`)) problems.push(`${out} lacks ${field} ${entry}`);
}
if (!names.has('extension/dist/lintWorker.js')) problems.push(`${out} lacks dist/lintWorker.js`);
if (statSync(out).size >= MAX_BYTES) problems.push(`${out} is ${kb(out)} KB, not under 1 MB`);
if (problems.length) {
  console.error(`package check failed:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
console.log(`package check: main and browser entries present, ${kb(out)} KB < 1024 KB`);
