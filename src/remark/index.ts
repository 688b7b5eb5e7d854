/**
 * `partnership-docs/remark`: the linter as a unified (remark) plugin.
 *
 *   unified().use(remarkParse).use(remarkGfm).use(partnershipDocs, options)
 *   remark . --use partnership-docs/remark
 *
 * Every finding of `partnership-docs check` becomes a vfile message: same rule id, same 1-based
 * line/column range, same text; `fatal` is true for errors, false for warnings and undefined for
 * infos (remark-lint's convention); `url` is the rule's page; `data` carries the severity, the
 * fix and the suggestions (see docs/remark.md).
 *
 * Design (README, design notes): the core tokenizes the text itself with micromark, the
 * tokenizer remark-parse runs, section by section with a chunk cache; the mdast tree handed to
 * the transformer is not used (rebuilding the core's model from it would lose the per-section
 * cache and its offsets, and the findings would depend on which remark plugins ran before).
 *
 * Configuration: the options are a `.partnership-docs.json` object; the `.partnership-docs.json`
 * files above each document are read as the CLI reads them and win over the options key by key
 * (as they win over the editor's settings). `configFile: false` reads none; `configFile: "path"`
 * reads that one file only (the CLI's `--config`).
 *
 * Cross-document rules (kpi-trend-vs-previous, kpi-declining-quarters, action-carried-over) need
 * every QBR of the run: under unified-engine (remark-cli, the language server) the plugin receives
 * the file set and runs them once all files are linted, over the QBRs of the run, as `check` does
 * over the files it checks. A bare `unified().process(file)` sees one file, so they do not run.
 */
import { resolve } from 'node:path';
import type { Plugin } from 'unified';
import type { VFile } from 'vfile';
import { buildIndex, indexSnapshot, lintWorkspace, parseConfigText, ruleIds, rules, snapshot } from '../core/index.js';
import { DEFAULT_CONFIG, checkConfigSanity, mergeConfig } from '../core/config.js';
import type { Config, Finding, PartialConfig, Severity, TextEdit } from '../core/types.js';
import type { IndexedDoc } from '../core/workspace/types.js';
import { ConfigResolver, formatConfigError } from '../cli/configFiles.js';
import { displayPath } from '../cli/files.js';
import { formatTemplateError, withTemplates } from '../cli/templates.js';

/** The plugin's options: any `.partnership-docs.json` key, plus two of the plugin's own. */
export interface Options extends Omit<PartialConfig, 'templates'> {
  /** "Today" as YYYY-MM-DD (the CLI's `--today`); default: the current local date. */
  today?: string;
  /**
   * `false`: read no `.partnership-docs.json` file (the options are the whole configuration).
   * A path (relative to the working directory): read that file only, like the CLI's `--config`.
   * Default: the files above each document, nearest winning, as the CLI finds them.
   */
  configFile?: string | false;
}

/** What `message.data` holds for each finding. */
export interface MessageData {
  severity: Severity;
  /** The safe automatic fix (`check --fix`), as in `check --format json` plus offsets. */
  fix?: { edits: Array<TextEdit & { start: number; end: number }> };
  /** Fixes that need a human decision (the editor's non-preferred quick fixes). */
  suggestions?: Array<{ title: string; edits: Array<TextEdit & { start: number; end: number }> }>;
}

/** The message `source` of every finding. */
export const SOURCE = 'partnership-docs';
const PLUGIN_ID = 'partnership-docs/remark';
const PLUGIN_KEYS = new Set(['today', 'configFile']);
const RULE_URL = new Map(rules.map((r) => [r.id, r.url]));

/** What the transformer leaves on a QBR's file for the cross-document pass. */
interface WorkspaceEntry {
  path: string;
  config: Config;
  today?: string;
  doc: IndexedDoc;
  text: string;
}
const DATA_KEY = 'partnershipDocs';

/** The file set unified-engine passes as the attacher's second argument (the part used here). */
interface FileSetLike {
  use(completer: ((set: FileSetLike) => void) & { pluginId?: string }): unknown;
  valueOf(): VFile[];
}

/**
 * Validates the options with the configuration file's own parser (the JSON schema, unknown rule
 * ids, threshold order) and returns them split into the configuration and the plugin's keys.
 * Throws an Error naming every problem.
 */
export function parseOptions(options: unknown): { config: PartialConfig; today?: string; configFile?: string | false } {
  if (options === undefined || options === null) return { config: {} };
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new Error(`${PLUGIN_ID}: expected the options to be an object (the keys of .partnership-docs.json), got ${Array.isArray(options) ? 'an array' : typeof options}.`);
  }
  const problems: string[] = [];
  const own = options as Record<string, unknown>;
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(own)) if (!PLUGIN_KEYS.has(k)) rest[k] = v;
  const { today, configFile } = own;
  if (today !== undefined && (typeof today !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(today))) {
    problems.push(`option "today" must be a date as YYYY-MM-DD, got ${JSON.stringify(today)}.`);
  }
  if (configFile !== undefined && configFile !== false && (typeof configFile !== 'string' || configFile === '')) {
    problems.push(`option "configFile" must be false or a path, got ${JSON.stringify(configFile)}.`);
  }
  const parsed = parseConfigText(JSON.stringify(rest), 'options', ruleIds);
  problems.push(...parsed.errors.map((e) => e.message));
  if (parsed.config) problems.push(...checkConfigSanity(mergeConfig(DEFAULT_CONFIG, parsed.config)));
  if (problems.length) {
    throw new Error(`${PLUGIN_ID}: invalid options (the keys of .partnership-docs.json, plus "today" and "configFile"):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  return { config: parsed.config ?? {}, today: today as string | undefined, configFile: configFile as string | false | undefined };
}

/** The configuration resolvers, one per run (file set), so a long-lived host rereads changed files. */
const resolvers = new WeakMap<object, Map<string, ConfigResolver>>();

/**
 * The unified plugin. Lints each file as `partnership-docs check` does and reports every finding
 * as a vfile message (see the module comment).
 */
const partnershipDocs: Plugin<[(Options | null | undefined)?]> = function partnershipDocs(options, ...rest: unknown[]) {
  const { config: optionConfig, today, configFile } = parseOptions(options);
  const fileSet = isFileSet(rest[0]) ? rest[0] : undefined;
  const base = mergeConfig(DEFAULT_CONFIG, optionConfig);
  const ownResolvers = new Map<string, ConfigResolver>();

  function resolverFor(cwd: string): ConfigResolver {
    const explicit = typeof configFile === 'string' ? resolve(cwd, configFile) : '';
    const key = `${explicit}\0${JSON.stringify(optionConfig)}`;
    let byKey = ownResolvers;
    if (fileSet) {
      byKey = resolvers.get(fileSet) ?? new Map();
      resolvers.set(fileSet, byKey);
    }
    let r = byKey.get(key);
    if (!r) {
      r = new ConfigResolver(ruleIds, explicit || undefined, base);
      byKey.set(key, r);
    }
    return r;
  }

  if (fileSet) {
    const completer = (set: FileSetLike) => crossDocument(set.valueOf());
    completer.pluginId = PLUGIN_ID;
    fileSet.use(completer);
  }

  return async function transformer(_tree, file: VFile) {
    const text = String(file.value ?? '');
    const abs = file.path ? resolve(file.cwd, file.path) : undefined;
    const path = abs ? displayPath(abs, file.cwd) : undefined;
    let config: Config = base;
    if (abs && configFile !== false) {
      const resolver = resolverFor(file.cwd);
      const before = resolver.errors.length;
      const found = await resolver.forFile(abs);
      if (!found) {
        const errors = resolver.errors.length > before ? resolver.errors.slice(before) : resolver.errors;
        const shown = errors.map((e) => formatConfigError(e, (p) => displayPath(p, file.cwd))).join('\n');
        file.fail(`Invalid configuration: nothing was checked.\n${shown}`, { ruleId: 'config', source: SOURCE });
      }
      config = found;
      // Team templates: like `check .`, a document in the templates folder is not linted, and a
      // kind with a template requires the template's sections.
      const templated = await withTemplates([abs], [config], new Set(), (p) => displayPath(p, file.cwd));
      if (templated.errors.length) {
        const shown = templated.errors.map((e) => formatTemplateError(e, (p) => displayPath(p, file.cwd))).join('\n');
        file.fail(`Invalid team template: nothing was checked.\n${shown}`, { ruleId: 'template', source: SOURCE });
      }
      if (templated.files.length === 0) return;
      config = templated.configs[0]!;
    }
    const snap = snapshot(text, { path, today, config });
    for (const f of snap.result.findings) report(file, f);
    if (fileSet && path && snap.result.kind === 'qbr') {
      const doc = indexSnapshot(path, snap);
      if (doc) file.data[DATA_KEY] = { path, config, today, doc, text } satisfies WorkspaceEntry;
    }
  };
};

export default partnershipDocs;
export { partnershipDocs };

/** The cross-document rules over the QBRs of the run (`check`'s addWorkspaceFindings, without --fix). */
function crossDocument(files: VFile[]): void {
  const entries = new Map<string, { file: VFile; entry: WorkspaceEntry }>();
  for (const file of files) {
    const entry = file.data[DATA_KEY] as WorkspaceEntry | undefined;
    if (entry) entries.set(entry.path, { file, entry });
  }
  if (entries.size === 0) return;
  const today = [...entries.values()][0]!.entry.today;
  const index = buildIndex([...entries.values()].map((e) => e.entry.doc), { today });
  const found = lintWorkspace(index, (p) => entries.get(p)?.entry.text, { today, configFor: (p) => entries.get(p)?.entry.config });
  for (const [path, findings] of found.byPath) {
    const target = entries.get(path);
    if (target) for (const f of findings) report(target.file, f);
  }
}

/** One finding as a vfile message. */
function report(file: VFile, f: Finding): void {
  const message = file.message(f.message, {
    place: {
      start: { line: f.line, column: f.column, offset: f.startOffset },
      end: { line: f.endLine, column: f.endColumn, offset: f.endOffset },
    },
    ruleId: f.ruleId,
    source: SOURCE,
  });
  // remark-lint's convention: fatal for errors (severity 2), false for warnings; an info is
  // neither (vfile's `file.info()` leaves it undefined).
  message.fatal = f.severity === 'error' ? true : f.severity === 'warning' ? false : undefined;
  const url = RULE_URL.get(f.ruleId);
  if (url) message.url = url;
  const data: MessageData = { severity: f.severity };
  if (f.fix) data.fix = { edits: edits(f.fix.edits, f.fix.offsetEdits) };
  if (f.suggestions?.length) data.suggestions = f.suggestions.map((s) => ({ title: s.title, edits: edits(s.edits, s.offsetEdits) }));
  (message as typeof message & { data: MessageData }).data = data;
}

function edits(lineEdits: readonly TextEdit[], offsetEdits: ReadonlyArray<{ start: number; end: number }>) {
  return lineEdits.map((e, i) => ({ line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn, text: e.text, start: offsetEdits[i]!.start, end: offsetEdits[i]!.end }));
}

function isFileSet(v: unknown): v is FileSetLike {
  return typeof v === 'object' && v !== null && typeof (v as FileSetLike).use === 'function' && typeof (v as FileSetLike).valueOf === 'function' && Array.isArray((v as FileSetLike).valueOf());
}

