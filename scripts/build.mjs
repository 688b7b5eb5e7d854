// Builds every bundle with esbuild. Type-checking is separate (`npm run typecheck`).
// Entries whose source file does not exist yet are skipped, so partial checkouts still build.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { webBundle } from './web-bundle.mjs';

const watch = process.argv.includes('--watch');

/**
 * The core tokenizes each section with its own micromark call, and micromark redoes one setup on
 * every call that depends only on the (fixed) extension list: combineExtensions. This plugin
 * memoises it by the identity of the extension array (src/core/parse.ts passes the same arrays on
 * every call; the result is read-only during a parse). The build fails if the patched source ever
 * changes shape (a dependency update), so it cannot silently stop applying;
 * test/core/bundle.test.ts checks the bundle lints exactly like the sources.
 */
const PATCHES = [
  { file: /node_modules[\\/]micromark[\\/]lib[\\/]parse\.js$/,
    from: `  const constructs = /** @type {FullNormalizedExtension} */
  combineExtensions([defaultConstructs, ...(settings.extensions || [])]);`,
    to: `  let constructs = settings.extensions && combinedConstructs.get(settings.extensions);
  if (!constructs) {
    constructs = combineExtensions([defaultConstructs, ...(settings.extensions || [])]);
    if (settings.extensions) combinedConstructs.set(settings.extensions, constructs);
  }`,
    append: 'const combinedConstructs = new WeakMap();\n' },
];
const reuseParserSetup = {
  name: 'reuse-parser-setup',
  setup(build) {
    for (const p of PATCHES) {
      build.onLoad({ filter: p.file }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        if (!source.includes(p.from)) throw new Error(`reuse-parser-setup: ${args.path} changed; update scripts/build.mjs`);
        return { contents: source.replace(p.from, p.to) + p.append, loader: 'js' };
      });
    }
  },
};
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'warning',
  // remark & co. are ESM-only; bundling them as CJS removes ~160 ms of ESM loading at start-up.
  mainFields: ['module', 'main'],
  // ESM dependencies (fdir via tinyglobby) call createRequire(import.meta.url); in a CommonJS
  // bundle import.meta.url is empty, so give it the bundle's own URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "var __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [reuseParserSetup] };

/** ESM bundles: CommonJS dependencies (ajv) may require() Node built-ins, so give them a require. */
const esm = { format: 'esm', define: {}, banner: { js: "import { createRequire as __pdCreateRequire } from 'node:module';\nconst require = __pdCreateRequire(import.meta.url);" } };
/** The preset's `import partnershipDocs from './index.js'` → the plugin's own bundle, not a copy. */
const pluginBundleOfPreset = {
  name: 'plugin-bundle-of-preset',
  setup(build) {
    build.onResolve({ filter: /^\.\/index\.js$/ }, (args) => (args.importer.endsWith(join('src', 'remark', 'preset.ts')) ? { path: './remark.mjs', external: true } : undefined));
  },
};

const entries = [
  // The library: pure core, no vscode, no Node built-ins.
  { entryPoints: ['src/core/index.ts'], outfile: 'dist/core.js', platform: 'neutral', mainFields: ['module', 'main'], define: {}, banner: {} },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' },
  { entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  // Worker thread of the extension: lints documents above maxFileSizeMB on demand (core only).
  { entryPoints: ['src/vscode/lintWorker.ts'], outfile: 'dist/lintWorker.js' },
  // The remark / unified plugin and its preset (package exports `./remark`, `./remark-preset`):
  // ESM, as remark-cli loads plugins with import(). The core is bundled in; unified is not
  // imported at all (a plugin is a function), remark-gfm (the preset's) stays a dependency, and
  // the preset imports the plugin's bundle so both are one plugin to unified (options merge).
  { entryPoints: ['src/remark/index.ts'], outfile: 'dist/remark.mjs', ...esm },
  { entryPoints: ['src/remark/preset.ts'], outfile: 'dist/remark-preset.mjs', ...esm, external: ['remark-gfm'], plugins: [reuseParserSetup, pluginBundleOfPreset] },
  // VS Code for the Web (package.json `browser`): the web worker extension host, no Node built-ins
  // (scripts/web-bundle.mjs fails the build if one is imported or a Node global is used).
  { ...webBundle, entryPoints: ['src/vscode/extension.web.ts'], outfile: 'dist/web/extension.js' },
];
// Extension-host test suites (mocha), run by test-electron or code-server.
const suiteFiles = existsSync('test/vscode/suite')
  ? readdirSync('test/vscode/suite', { recursive: true }).filter((f) => String(f).endsWith('.ts')).map((f) => join('test/vscode/suite', String(f)))
  : [];
if (suiteFiles.length) {
  entries.push({ entryPoints: suiteFiles, outdir: 'out/test/vscode/suite', bundle: true, external: ['vscode', 'mocha'] });
}

const builds = entries.filter((e) => e.entryPoints.every((p) => existsSync(p)));
if (watch) {
  for (const { check, ...e } of builds) (await esbuild.context({ ...common, ...e })).watch();
} else {
  const results = await Promise.all(builds.map(({ check, ...e }) => esbuild.build({ ...common, ...e })));
  builds.forEach((e, k) => e.check?.(results[k]));
  console.log(`built ${builds.map((b) => b.outfile ?? b.outdir).join(', ')}`);
}
