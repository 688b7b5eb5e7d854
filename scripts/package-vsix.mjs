// `npm run package` → partnership-docs-<version>.vsix. Builds the extension bundle minified and
// without a source map (the .vsix ships dist/extension.js and dist/lintWorker.js only; see .vscodeignore), checks that
// the settings mirror the config schema, then packs with @vscode/vsce. Dependencies are bundled,
// so vsce runs with --no-dependencies (no node_modules in the package).
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

const sync = spawnSync(process.execPath, ['scripts/sync-vscode-contributes.mjs', '--check'], { stdio: 'inherit' });
if (sync.status !== 0) process.exit(sync.status ?? 1);

const bundle = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'],
  minify: true, sourcemap: false, legalComments: 'none', logLevel: 'warning' };
await esbuild.build({ ...bundle, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
// The worker that lints documents above maxFileSizeMB on demand (see src/vscode/backgroundLint.ts).
await esbuild.build({ ...bundle, entryPoints: ['src/vscode/lintWorker.ts'], outfile: 'dist/lintWorker.js' });

const out = `${pkg.name}-${pkg.version}.vsix`;
const vsce = require.resolve('@vscode/vsce/vsce');
const r = spawnSync(process.execPath, [vsce, 'package', '--no-dependencies', '--out', out], { stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
console.log(`${out}: ${(statSync(out).size / 1024).toFixed(0)} KB (dist/extension.js ${(statSync('dist/extension.js').size / 1024).toFixed(0)} KB minified)`);
