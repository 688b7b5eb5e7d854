/**
 * Finding and reading `.partnership-docs.json` files.
 *
 * Discovery: from the document's folder upward until the repository root (a folder containing
 * `.git`, included) or the file-system root. The nearest file wins key by key over farther
 * ones, which win over the defaults. `--config FILE` replaces discovery with that one file.
 */
import { promises as fsp } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, checkConfigSanity, mergeConfig, parseConfigText } from '../core/config.js';
import type { Config, PartialConfig } from '../core/types.js';
import { errMessage, findRepoRoot } from './files.js';

export interface ConfigFileError {
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** Other files whose merged values led to the error. */
  mergedFrom?: string[];
}

interface Loaded {
  file: string;
  text: string;
  config?: PartialConfig;
}

export class ConfigResolver {
  private readonly files = new Map<string, Promise<Loaded | null>>();
  private readonly chains = new Map<string, Promise<Loaded[]>>();
  private readonly reported = new Set<string>();
  readonly errors: ConfigFileError[] = [];

  constructor(
    private readonly knownRuleIds: readonly string[],
    private readonly explicitFile?: string,
    /** What the files are merged over (the remark plugin's options); the defaults otherwise. */
    private readonly base: Config = DEFAULT_CONFIG,
  ) {}

  /** Loads the explicit `--config` file (if any), so its errors show even with no documents. */
  async init(): Promise<void> {
    if (this.explicitFile) await this.explicitChain();
  }

  /** The merged configuration for a document, or undefined when a config file was invalid. */
  async forFile(absPath: string): Promise<Config | undefined> {
    const chain = this.explicitFile ? await this.explicitChain() : await this.chain(dirname(absPath));
    if (chain.some((l) => !l.config)) return undefined;
    const config = mergeConfig(this.base, ...chain.map((l) => l.config).reverse());
    const problems = checkConfigSanity(config);
    if (problems.length) {
      for (const message of problems) this.reportSanity(chain, message);
      return undefined;
    }
    return config;
  }

  private async explicitChain(): Promise<Loaded[]> {
    const loaded = await this.load(this.explicitFile!, true);
    return loaded ? [loaded] : [{ file: this.explicitFile!, text: '' }];
  }

  /** Config files nearest first. */
  private chain(dir: string): Promise<Loaded[]> {
    let p = this.chains.get(dir);
    if (!p) {
      p = (async () => {
        const here = await this.load(join(dir, CONFIG_FILE_NAME), false);
        const root = await findRepoRoot(dir);
        const parent = dirname(dir);
        const above = root === dir || parent === dir ? [] : await this.chain(parent);
        return here ? [here, ...above] : above;
      })();
      this.chains.set(dir, p);
    }
    return p;
  }

  private load(file: string, required: boolean): Promise<Loaded | null> {
    let p = this.files.get(file);
    if (!p) {
      p = (async () => {
        let text: string;
        try {
          const st = await fsp.stat(file);
          if (!st.isFile()) {
            if (!required) return null;
            this.errors.push({ file, message: 'cannot read configuration: not a file' });
            return { file, text: '' };
          }
          text = await fsp.readFile(file, 'utf8');
        } catch (err) {
          if (!required && (err as NodeJS.ErrnoException).code === 'ENOENT') return null;
          this.errors.push({ file, message: `cannot read configuration: ${errMessage(err)}` });
          return { file, text: '' };
        }
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        const parsed = parseConfigText(text, file, this.knownRuleIds);
        for (const e of parsed.errors) this.errors.push({ file, line: e.line, column: e.column, message: e.message });
        // `templatesFolder` is relative to the file that sets it: made absolute here, so the merged
        // configuration says where the folder is whichever file it came from.
        const config = parsed.config && typeof parsed.config.templatesFolder === 'string'
          ? { ...parsed.config, templatesFolder: resolve(dirname(file), parsed.config.templatesFolder) }
          : parsed.config;
        return { file, text, config };
      })();
      this.files.set(file, p);
    }
    return p;
  }

  /** Reports a problem of the merged thresholds at the nearest file that sets one of them. */
  private reportSanity(chain: Loaded[], message: string): void {
    const keys = [...message.matchAll(/thresholds\.(\w+)/g)].map((m) => m[1]!);
    for (const l of chain) {
      const tree = parseTree(l.text, [], { allowTrailingComma: true });
      for (const k of keys) {
        const node = tree && findNodeAtLocation(tree, ['thresholds', k]);
        if (!node) continue;
        const where = lineColumn(l.text, node.offset);
        const id = `${l.file}:${message}`;
        const mergedFrom = chain.length > 1 ? chain.map((c) => c.file) : undefined;
        if (!this.reported.has(id)) this.errors.push({ file: l.file, ...where, message, mergedFrom });
        this.reported.add(id);
        return;
      }
    }
  }
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const nl = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - nl };
}

export function formatConfigError(e: ConfigFileError, display: (abs: string) => string): string {
  const where = e.line !== undefined ? `${display(e.file)}:${e.line}:${e.column ?? 1}` : display(e.file);
  const merged = e.mergedFrom ? ` Merged from: ${e.mergedFrom.map(display).join(', ')}.` : '';
  return `${where}: ${e.message}${merged}`;
}
