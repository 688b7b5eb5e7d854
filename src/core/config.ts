/**
 * Configuration: defaults, parsing + validation of `.partnership-docs.json` text, and merging.
 * Pure: no file system access (the CLI and the extension read the files and call in here).
 *
 * The file is JSON with comments and trailing commas (parsed with jsonc-parser, which gives
 * offsets for every node), validated against `schemas/partnership-docs.schema.json` with ajv.
 * Every error carries a 1-based line/column (UTF-16 code units): unknown keys point at the key,
 * bad values at the value.
 */
import Ajv, { type ErrorObject } from 'ajv';
import {
  findNodeAtLocation,
  parseTree,
  printParseErrorCode,
  type Node as JsonNode,
  type ParseError,
} from 'jsonc-parser';
import schema from '../../schemas/partnership-docs.schema.json';
import type { Config, KpiColumnNames, PartialConfig, Thresholds } from './types.js';
import { editDistance } from './text.js';

/** The name of the configuration file looked up from a document's folder upward. */
export const CONFIG_FILE_NAME = '.partnership-docs.json';

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({
  statusGreen: 100,
  statusYellow: 80,
  healthGreen: 90,
  healthYellow: 70,
  stableBand: 2,
  renewalWindowDays: 90,
});

/** The defaults (spec §8). Frozen: use `mergeConfig` to derive a configuration. */
export const DEFAULT_CONFIG: Config = Object.freeze({
  rules: Object.freeze({}) as Config['rules'],
  thresholds: DEFAULT_THRESHOLDS as Thresholds,
  metrics: Object.freeze({}) as Config['metrics'],
  dateOrder: 'mdy',
  owners: Object.freeze([]) as unknown as string[],
  lintAllMarkdown: false,
}) as Config;

export interface ConfigError {
  message: string;
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units. */
  column: number;
}

export interface ParsedConfig {
  /** Present only when there are no errors. */
  config?: PartialConfig;
  errors: ConfigError[];
}

type Path = Array<string | number>;

let validator: ReturnType<Ajv['compile']> | undefined;
function validate(value: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    // VS Code's JSON language service reads this keyword of the schema: without it, a file whose
    // `$schema` points at the schema gets a "Trailing comma" warning per trailing comma, although
    // the tools accept them. It validates nothing.
    ajv.addKeyword({ keyword: 'allowTrailingCommas', schemaType: 'boolean' });
    validator = ajv.compile(schema);
  }
  return validator(value) ? [] : [...(validator.errors ?? [])];
}

/**
 * Parses and validates the text of a configuration file.
 * @param fileName used in messages only (no I/O happens here)
 * @param knownRuleIds the ids of all rules; keys of `rules` outside this list are errors
 */
export function parseConfigText(text: string, fileName: string, knownRuleIds: readonly string[]): ParsedConfig {
  const errors: ConfigError[] = [];
  const at = positionFinder(text);
  const push = (offset: number, message: string): void => {
    errors.push({ ...at(offset), message });
  };

  const parseErrors: ParseError[] = [];
  const tree = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  for (const e of parseErrors) push(e.offset, `Invalid JSON: ${describeParseError(printParseErrorCode(e.error))}.`);
  if (errors.length) return { errors: sortErrors(errors) };
  if (!tree) {
    push(0, `${baseName(fileName)} is empty: expected a JSON object such as {}.`);
    return { errors };
  }
  if (tree.type !== 'object') {
    push(tree.offset, `Expected a JSON object at the top level of ${baseName(fileName)}, found ${describeNodeType(tree)}.`);
    return { errors };
  }
  checkDuplicateKeys(tree, push);

  const value = nodeValue(tree);
  for (const e of validate(value)) {
    // Bad rule ids are reported below, with the list of valid ones.
    if (e.keyword === 'propertyNames' && e.instancePath === '/rules' && knownRuleIds.length) continue;
    const located = locateAjvError(tree, e);
    if (located) push(located.offset, located.message);
  }

  // Rule ids are known to the core only (they are passed in to avoid an import cycle).
  const rulesNode = findNodeAtLocation(tree, ['rules']);
  if (rulesNode?.type === 'object' && knownRuleIds.length) {
    const known = new Set(knownRuleIds);
    for (const prop of rulesNode.children ?? []) {
      const key = prop.children?.[0];
      if (!key || typeof key.value !== 'string' || known.has(key.value)) continue;
      const close = closest(key.value, knownRuleIds);
      push(
        key.offset,
        `Unknown rule "${key.value}".${close ? ` Did you mean "${close}"?` : ''} Valid rule ids: ${[...knownRuleIds].sort().join(', ')}.`,
      );
    }
  }

  // Cross-field sanity within one file (the merged result is checked by checkConfigSanity).
  const pairs: Array<[keyof Thresholds, keyof Thresholds]> = [
    ['statusYellow', 'statusGreen'],
    ['healthYellow', 'healthGreen'],
  ];
  for (const [low, high] of pairs) {
    const lowNode = findNodeAtLocation(tree, ['thresholds', low]);
    const highNode = findNodeAtLocation(tree, ['thresholds', high]);
    if (lowNode && highNode && typeof lowNode.value === 'number' && typeof highNode.value === 'number' && lowNode.value > highNode.value) {
      push(lowNode.offset, `thresholds.${low} (${lowNode.value}) must not exceed thresholds.${high} (${highNode.value}).`);
    }
  }

  if (errors.length) return { errors: sortErrors(dedupe(errors)) };
  const config = { ...(value as PartialConfig & { $schema?: unknown }) };
  delete config.$schema;
  return { config, errors: [] };
}

/**
 * Merges per-name entries (metrics, partner aliases, section equivalents): a nearer layer's
 * entry replaces the farther one's of the same name, compared case-insensitively (the nearer
 * spelling is kept). `copy` returns the value to store, or undefined to skip an invalid one.
 */
function mergeByName<V, W>(into: Record<string, V>, from: Readonly<Record<string, W>>, copy: (value: W) => V | undefined): void {
  for (const [name, value] of Object.entries(from)) {
    const v = copy(value);
    if (v === undefined) continue;
    const lower = name.toLowerCase();
    for (const existing of Object.keys(into)) if (existing.toLowerCase() === lower) delete into[existing];
    into[name] = v;
  }
}

/**
 * Merges configuration layers over a base, key by key: `rules` and `metrics` per entry
 * (metric names case-insensitively), `thresholds` per field, arrays and scalars replaced.
 * Later layers win. Never mutates its arguments.
 */
export function mergeConfig(base: Config, ...layers: Array<PartialConfig | undefined>): Config {
  const out: Config = {
    rules: { ...base.rules },
    thresholds: { ...base.thresholds },
    metrics: { ...base.metrics },
    dateOrder: base.dateOrder,
    owners: [...base.owners],
    lintAllMarkdown: base.lintAllMarkdown,
  };
  // `partners` (aliases) is optional: present only when some layer sets it.
  if (base.partners && Object.keys(base.partners).length) out.partners = { ...base.partners };
  // `kpiColumns` (extra KPI header names) is optional too; a nearer layer replaces a role's list.
  if (base.kpiColumns && Object.keys(base.kpiColumns).length) out.kpiColumns = { ...base.kpiColumns };
  // KPI values family: optional, present only when some layer sets them.
  if (base.statusWords) out.statusWords = { ...base.statusWords };
  if (base.lowerIsBetter) out.lowerIsBetter = [...base.lowerIsBetter];
  if (base.higherIsBetter) out.higherIsBetter = [...base.higherIsBetter];
  // `sectionEquivalents` is optional too: per section name, a nearer layer replaces the list.
  if (base.sectionEquivalents && Object.keys(base.sectionEquivalents).length) out.sectionEquivalents = { ...base.sectionEquivalents };
  // Team templates: the folder (a nearer layer replaces it) and the templates read from it (a
  // layer that sets them replaces them all: they come from one folder).
  if (base.templatesFolder !== undefined) out.templatesFolder = base.templatesFolder;
  if (base.templates && Object.keys(base.templates).length) out.templates = { ...base.templates };
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.rules) {
      for (const [id, sev] of Object.entries(layer.rules)) if (sev !== undefined) out.rules[id] = sev;
    }
    if (layer.thresholds) {
      for (const [k, v] of Object.entries(layer.thresholds) as Array<[keyof Thresholds, number | undefined]>) {
        if (typeof v === 'number') out.thresholds[k] = v;
      }
    }
    if (layer.metrics) mergeByName(out.metrics, layer.metrics, (m) => (m ? { ...m } : undefined));
    if (layer.dateOrder !== undefined) out.dateOrder = layer.dateOrder;
    if (layer.owners !== undefined) out.owners = [...layer.owners];
    if (layer.lintAllMarkdown !== undefined) out.lintAllMarkdown = layer.lintAllMarkdown;
    // statusWords per colour (a nearer file's list for a colour replaces the farther one's);
    // the direction word lists are replaced, like owners.
    if (layer.statusWords) {
      out.statusWords = { ...out.statusWords };
      for (const rag of ['green', 'yellow', 'red'] as const) {
        const words = layer.statusWords[rag];
        if (words !== undefined) out.statusWords[rag] = [...words];
      }
    }
    if (layer.lowerIsBetter !== undefined) out.lowerIsBetter = [...layer.lowerIsBetter];
    if (layer.higherIsBetter !== undefined) out.higherIsBetter = [...layer.higherIsBetter];
    // Per alias, like metrics: a nearer file adds or replaces aliases (case-insensitively).
    if (layer.partners) mergeByName((out.partners ??= {}), layer.partners, (c) => (typeof c === 'string' ? c : undefined));
    if (layer.kpiColumns) {
      for (const [role, names] of Object.entries(layer.kpiColumns) as Array<[keyof KpiColumnNames, string[] | undefined]>) {
        if (!Array.isArray(names)) continue;
        out.kpiColumns = { ...out.kpiColumns, [role]: [...names] };
      }
    }
    if (layer.sectionEquivalents) {
      mergeByName((out.sectionEquivalents ??= {}), layer.sectionEquivalents, (n) => (Array.isArray(n) ? [...n] : undefined));
    }
    if (typeof layer.templatesFolder === 'string') out.templatesFolder = layer.templatesFolder;
    if (layer.templates) {
      if (Object.keys(layer.templates).length) out.templates = { ...layer.templates };
      else delete out.templates;
    }
  }
  return out;
}

/** Cross-field checks of a merged configuration; returns messages (empty when sane). */
export function checkConfigSanity(config: Config): string[] {
  const t = config.thresholds;
  const problems: string[] = [];
  if (t.statusYellow > t.statusGreen) {
    problems.push(`thresholds.statusYellow (${t.statusYellow}) must not exceed thresholds.statusGreen (${t.statusGreen}).`);
  }
  if (t.healthYellow > t.healthGreen) {
    problems.push(`thresholds.healthYellow (${t.healthYellow}) must not exceed thresholds.healthGreen (${t.healthGreen}).`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

function locateAjvError(tree: JsonNode, e: ErrorObject): { offset: number; message: string } | undefined {
  const path = pointerToPath(e.instancePath);
  const node = findNodeAtLocation(tree, path) ?? tree;
  const where = path.length ? formatPath(path) : 'the configuration';
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {}).filter((k) => k !== '$schema');
      const close = closest(key, allowed);
      return {
        offset: keyOffset(node, key) ?? node.offset,
        message: `Unknown key "${key}" in ${where}.${close ? ` Did you mean "${close}"?` : ''} Allowed keys: ${allowed.join(', ')}.`,
      };
    }
    case 'propertyNames': {
      const key = String((e.params as { propertyName: string }).propertyName);
      return { offset: keyOffset(node, key) ?? node.offset, message: `Invalid key "${key}" in ${where}.` };
    }
    case 'pattern':
    case 'minLength':
      // Reported for property names through `propertyNames` above; for owners entries here.
      if ((e as ErrorObject & { propertyName?: string }).propertyName !== undefined) return undefined;
      return { offset: node.offset, message: `Invalid value for ${where}: must not be empty.` };
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map((v) => JSON.stringify(v)).join(', ');
      return { offset: node.offset, message: `Invalid value ${shortJson(e.data)} for ${where}: expected one of ${allowed}.` };
    }
    case 'type': {
      const expected = String((e.params as { type: string }).type);
      return {
        offset: node.offset,
        message: `Invalid value ${shortJson(e.data)} for ${where}: expected ${article(expected)}, found ${describeNodeType(node)}.`,
      };
    }
    case 'minimum':
    case 'maximum': {
      const p = e.params as { comparison: string; limit: number };
      return { offset: node.offset, message: `Invalid value ${shortJson(e.data)} for ${where}: must be ${p.comparison} ${p.limit}.` };
    }
    case 'uniqueItems': {
      const p = e.params as { i: number; j: number };
      const later = Math.max(p.i, p.j);
      const dup = findNodeAtLocation(tree, [...path, later]) ?? node;
      return { offset: dup.offset, message: `Duplicate entry ${shortJson(Array.isArray(e.data) ? e.data[later] : undefined)} in ${where}.` };
    }
    default:
      return { offset: node.offset, message: `Invalid value for ${where}: ${e.message ?? 'not allowed'}.` };
  }
}

function formatPath(path: Path): string {
  return path.map((seg, i) => (typeof seg === 'number' ? `[${seg}]` : i === 0 ? seg : `.${seg}`)).join('');
}

function keyOffset(objectNode: JsonNode, key: string): number | undefined {
  if (objectNode.type !== 'object') return undefined;
  for (const prop of objectNode.children ?? []) {
    const k = prop.children?.[0];
    if (k && k.value === key) return k.offset;
  }
  return undefined;
}

function checkDuplicateKeys(node: JsonNode, push: (offset: number, message: string) => void): void {
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const prop of node.children ?? []) {
      const key = prop.children?.[0];
      if (key && typeof key.value === 'string') {
        if (seen.has(key.value)) push(key.offset, `Duplicate key "${key.value}".`);
        seen.add(key.value);
      }
      const val = prop.children?.[1];
      if (val) checkDuplicateKeys(val, push);
    }
  } else if (node.type === 'array') {
    for (const child of node.children ?? []) checkDuplicateKeys(child, push);
  }
}

/** Like jsonc-parser's getNodeValue, but a duplicate key keeps its last value without `__proto__` surprises. */
function nodeValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': {
      const obj: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
      for (const prop of node.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (k && v && typeof k.value === 'string') obj[k.value] = nodeValue(v);
      }
      return { ...obj };
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

function pointerToPath(pointer: string): Path {
  if (!pointer) return [];
  return pointer
    .split('/')
    .slice(1)
    .map((seg) => seg.split('~1').join('/').split('~0').join('~'))
    .map((seg) => (/^(?:0|[1-9]\d*)$/.test(seg) ? Number(seg) : seg));
}

function positionFinder(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  };
}

function describeParseError(code: string): string {
  const words: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'invalid number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: 'expected ":"',
    CommaExpected: 'expected ","',
    CloseBraceExpected: 'expected "}"',
    CloseBracketExpected: 'expected "]"',
    EndOfFileExpected: 'expected end of file',
    InvalidCommentToken: 'invalid comment',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return words[code] ?? code;
}

function describeNodeType(node: JsonNode): string {
  if (node.type === 'null') return 'null';
  if (node.type === 'array') return 'an array';
  if (node.type === 'object') return 'an object';
  return article(node.type);
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function shortJson(v: unknown): string {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function baseName(fileName: string): string {
  const parts = fileName.split(/[\\/]/);
  return parts[parts.length - 1] || fileName;
}

function sortErrors(errors: ConfigError[]): ConfigError[] {
  return errors.sort((a, b) => a.line - b.line || a.column - b.column);
}

function dedupe(errors: ConfigError[]): ConfigError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.line}:${e.column}:${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The candidate within edit distance ≤ max(2, len/3) of `word`, if any (for "did you mean"). */
function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDist = Math.max(2, Math.floor(word.length / 3)) + 1;
  const w = word.toLowerCase();
  for (const c of candidates) {
    // Lengths more than 10 apart: that difference (a lower bound) stands for the distance.
    const lc = c.toLowerCase();
    const gap = Math.abs(w.length - lc.length);
    const d = gap > 10 ? gap : editDistance(w, lc);
    if (d < bestDist) {
      bestDist = d;
      best = c;
    }
  }
  return best;
}
