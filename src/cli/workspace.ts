/**
 * The cross-document part of `check`: the QBRs among the checked files form a workspace index;
 * the cross-document rules (kpi-trend-vs-previous, kpi-declining-quarters, action-carried-over)
 * run over it and their findings join each file's report. With --fix their safe fixes are written
 * too (then the file is re-linted so positions stay right).
 */
import { applyFixes, buildIndex, indexSnapshot, lintWorkspace, snapshot } from '../core/index.js';
import type { Config, Finding } from '../core/types.js';
import type { IndexedDoc } from '../core/workspace/types.js';
import { writeFixedFile } from './fix.js';
import { errMessage, readTextFileSync } from './files.js';
import type { FileFailure, FileReport } from './types.js';

export interface WorkspaceEntry {
  abs: string;
  path: string;
  config: Config;
  doc: IndexedDoc;
  text: string;
}

/** Adds the cross-document findings to `reports` (in place); returns failures of fix writes. */
export async function addWorkspaceFindings(
  reports: FileReport[],
  entries: WorkspaceEntry[],
  opts: { today?: string; fix: boolean },
): Promise<FileFailure[]> {
  const failures: FileFailure[] = [];
  if (entries.length === 0) return failures;
  const byPath = new Map(entries.map((e) => [e.path, e]));
  const configFor = (p: string) => byPath.get(p)?.config;
  const texts = (p: string) => byPath.get(p)?.text;
  const index = buildIndex(
    entries.map((e) => e.doc),
    { today: opts.today },
  );
  let found = lintWorkspace(index, texts, { today: opts.today, configFor });

  if (opts.fix) {
    let changed = false;
    for (const [path, findings] of found.byPath) {
      if (!findings.some((f) => f.fix)) continue;
      const e = byPath.get(path)!;
      const fixed = applyFixes(e.text, findings);
      if (fixed === e.text) continue;
      try {
        const read = readTextFileSync(e.abs);
        if (!read.ok || read.text !== e.text) {
          failures.push({ path, message: 'changed on disk while being checked; fixes not written' });
          continue;
        }
        const outcome = await writeFixedFile(e.abs, read.raw, fixed, read.bom);
        if (outcome === 'changed-on-disk') {
          failures.push({ path, message: 'changed on disk while being checked; fixes not written' });
          continue;
        }
      } catch (err) {
        failures.push({ path, message: `could not fix: ${errMessage(err)}` });
        continue;
      }
      const snap = snapshot(fixed, { path, today: opts.today, config: e.config });
      const doc = indexSnapshot(path, snap);
      if (!doc) continue;
      e.text = fixed;
      e.doc = doc;
      index.docs.set(path, doc);
      const report = reports.find((r) => r.path === path);
      if (report) report.findings = [...snap.findings];
      changed = true;
    }
    if (changed) found = lintWorkspace(buildIndex([...index.docs.values()], { today: opts.today }), texts, { today: opts.today, configFor });
  }

  for (const report of reports) {
    const extra = found.byPath.get(report.path);
    if (!extra?.length) continue;
    report.findings = mergeFindings(report.findings, extra);
  }
  return failures;
}

function mergeFindings(a: Finding[], b: Finding[]): Finding[] {
  return [...a, ...b].sort((x, y) => x.startOffset - y.startOffset || x.endOffset - y.endOffset || x.ruleId.localeCompare(y.ruleId));
}
