// esbuild options of the VS Code for the Web bundle (dist/web/extension.js, package.json
// `browser`), shared by scripts/build.mjs and scripts/package-vsix.mjs. The web worker extension
// host has no Node: the build fails when
// - anything imports a Node built-in (`node:fs`, `path`, `worker_threads`…): the plugin below
//   names the importer, so a Node-only module reaching src/vscode/extension.web.ts's graph is
//   caught at build time instead of as "require is not defined" in vscode.dev;
// - the bundle reads a Node global (Buffer, process, __dirname, __filename, global, setImmediate,
//   require of anything but `vscode`): `check` scans the output (dependencies included).
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const bare = args.path.startsWith('node:') ? args.path : args.path.split('/')[0];
      if (!builtins.has(args.path) && !builtins.has(bare) && !args.path.startsWith('node:')) return undefined;
      return { errors: [{ text: `Node built-in "${args.path}" imported by ${args.importer} in the web extension bundle (the web worker extension host has no Node: put it behind src/vscode/platform)` }] };
    });
  },
};

/**
 * Uses of Node globals that do not exist in a web worker (`typeof process` guards are fine).
 * A `require("…")` inside a string (ajv's code generation for standalone validators) is not a use.
 */
const NODE_GLOBALS = new RegExp([
  String.raw`(?<![\w$.])Buffer\.(?:from|alloc|allocUnsafe|byteLength|isBuffer|concat)\b`,
  String.raw`(?<![\w$.])new Buffer\b`,
  String.raw`(?<![\w$.])process\.(?:env|argv|platform|cwd|nextTick|versions?|hrtime|exit|stdout|stderr|emitWarning|memoryUsage|execPath)\b`,
  String.raw`(?<![\w$.])(?:__dirname|__filename|setImmediate)\b(?!\s*[:'"])`,
  String.raw`(?<![\w$.'"\x60])require\(\s*["'](?!vscode["'])[^"']*["']\s*\)`,
].join('|'), 'g');

export const webBundle = {
  platform: 'browser',
  format: 'cjs',
  target: 'es2022',
  external: ['vscode'],
  // `worker` before `browser`: packages with a DOM build (decode-named-character-reference's
  // index.dom.js uses `document`) have a worker one, and the extension host is a web worker.
  conditions: ['worker'],
  mainFields: ['browser', 'module', 'main'],
  define: {},
  banner: {},
  metafile: true,
  write: true,
  plugins: [noNodeBuiltins],
  /** Throws when the written bundle uses a Node global or requires a module other than vscode. */
  check(result) {
    const out = Object.keys(result.metafile.outputs).find((f) => f.endsWith('.js'));
    const text = result.outputFiles?.find((f) => f.path.endsWith('.js'))?.text ?? readFileSync(out, 'utf8');
    const uses = [...new Set([...text.matchAll(NODE_GLOBALS)].map((m) => m[0]))];
    if (uses.length) throw new Error(`web bundle ${out} uses Node globals: ${uses.join(', ')}`);
    const dom = Object.keys(result.metafile.inputs).filter((i) => /\.dom\.js$/.test(i));
    if (dom.length) throw new Error(`web bundle ${out} includes DOM builds (no document in a web worker): ${dom.join(', ')}`);
  },
};
