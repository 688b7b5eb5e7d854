/**
 * `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
 * - tool.driver lists every rule (id, description, help URL, default level); results point at
 *   their rule by id and index;
 * - artifact URIs are relative to the working directory, under the `%SRCROOT%` base, which
 *   `originalUriBaseIds` maps to the working directory's file URI;
 * - regions use SARIF's default column unit (UTF-16 code units) with an exclusive end column,
 *   the same coordinates as the findings;
 * - safe fixes become `fixes[].artifactChanges[].replacements`;
 * - files that could not be checked become tool execution notifications.
 */
import { pathToFileURL } from 'node:url';
import type { Finding, RuleMeta, Severity } from '../../core/types.js';
import type { FileFailure, FileReport } from '../types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const SRCROOT = '%SRCROOT%';

export interface SarifOptions {
  rules: RuleMeta[];
  version: string;
  informationUri: string;
  cwd: string;
  failures?: FileFailure[];
}

export function formatSarif(reports: FileReport[], opts: SarifOptions): string {
  const ruleIndex = new Map(opts.rules.map((r, i) => [r.id, i]));
  const results = reports.flatMap((r) => r.findings.map((f) => toResult(f, r.path, ruleIndex)));
  const failures = opts.failures ?? [];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'partnership-docs',
            version: opts.version,
            semanticVersion: opts.version,
            informationUri: opts.informationUri,
            rules: opts.rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              helpUri: r.url,
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { fixable: r.fixable },
            })),
          },
        },
        invocations: [
          {
            executionSuccessful: failures.length === 0,
            toolExecutionNotifications: failures.map((f) => ({
              level: 'error',
              message: { text: f.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: toUri(f.path), uriBaseId: SRCROOT } } }],
            })),
          },
        ],
        originalUriBaseIds: { [SRCROOT]: { uri: dirUri(opts.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function toResult(f: Finding, path: string, ruleIndex: Map<string, number>) {
  const artifactLocation = { uri: toUri(path), uriBaseId: SRCROOT };
  const result: Record<string, unknown> = { ruleId: f.ruleId };
  const index = ruleIndex.get(f.ruleId);
  if (index !== undefined) result.ruleIndex = index;
  result.level = LEVEL[f.severity];
  result.message = { text: f.message };
  result.locations = [
    {
      physicalLocation: {
        artifactLocation,
        region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
      },
    },
  ];
  if (f.fix?.edits.length) {
    result.fixes = [
      {
        description: { text: `Fix ${f.ruleId}` },
        artifactChanges: [
          {
            artifactLocation,
            replacements: f.fix.edits.map((e) => ({
              deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn },
              insertedContent: { text: e.text },
            })),
          },
        ],
      },
    ];
  }
  return result;
}

/** A relative URI reference for a `/`-separated relative path (each segment percent-encoded). */
function toUri(path: string): string {
  return path.split('/').map((seg) => encodeURIComponent(seg)).join('/');
}

function dirUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
