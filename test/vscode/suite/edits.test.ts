/**
 * Every edit path of the extension, in the real host, checked by the bytes saved to disk:
 * quick fix (the preferred one, as Ctrl+. → Enter applies it), "Fix all" from the quick-fix list,
 * `source.fixAll.partnershipDocs` as a code action and on save, Recalculate from the palette and
 * from the CodeLens. The saved bytes must equal what `partnership-docs check --fix` (the CLI of
 * this build, run beside the host) writes for the same text, for every badge family:
 * 🟢 🟡 🔴 (which share their first UTF-16 unit, so a unit-by-unit diff cuts them in half), ✅ ⚠️ ❌,
 * words only, a health-score badge, and a metric name with an emoji in a re-padded table.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lint } from '../../../src/core/index';
import { activate, closeAll, EXTENSION_ID, openFresh, ours, setSetting, waitFor } from './util/helpers';
import { log } from './util/log';

const SECTIONS_AFTER = `
## Key Wins
1. **Joint webinar**: 400 attendees, 35 qualified leads

## Challenges and Actions
1. **Revenue and Leads are behind plan**:
   - Impact: Q2 pipeline
   - Owner: Dana Scully
   - Timeline: 2030-06-30

## Upcoming Initiatives
1. Co-selling pilot in EMEA

## Asks and Decisions Needed
1. Approve the EMEA pilot budget

## Next Steps
- [ ] Share the pipeline review - Owner: Fox Mulder, Due: 2030-12-15

**Next QBR**: 2030-06-30
`;

function qbr(table: string, health: string): string {
  return `# Partnership QBR: Globex + Acme Corp
**Quarter**: Q1 2026
**Date**: 2026-03-31

## Executive Summary
Mixed quarter.

## Performance Highlights
- **Customers**: 62 new customers

## KPI Dashboard

${table}

**Overall Partnership Health**: ${health}
${SECTIONS_AFTER}`;
}

/** Badge families, each with stale cells in both directions (up and down the bands). */
const DOCS: Record<string, string> = {
  // 🟢 → 🔴 and 🔴 → ✅ cells, health 🟢 → 🟡; the table is padded by display width, with 🚀 in a metric name.
  circles: qbr(
    [
      '| Metric      | Target | Actual | Status   | Trend    |',
      '|-------------|--------|--------|----------|----------|',
      '| Revenue     | $500K  | $300K  | 🟢 Green | → Stable |',
      '| 🚀 Launches | 4      | 4      | 🔴 Red   | → Stable |',
      '| Leads       | 100    | 95     | 🟡 Yellow | → Stable |',
    ].join('\n'),
    '🟢 Green (95% of targets met, strong quarter)'),
  // Health 🟡 → 🟢 (the other direction through the shared unit), 🔴 → ✅.
  'circles-up': qbr(
    ['| Metric | Target | Actual | Status | Trend |', '|---|---|---|---|---|', '| Revenue | 500 | 520 | 🔴 Red | → Stable |', '| Deals | 10 | 10 | 🟡 Yellow | → Stable |'].join('\n'),
    '🟡 Yellow (75% of targets met, a good quarter)'),
  checks: qbr(
    ['| Metric | Target | Actual | Status | Trend |', '|---|---|---|---|---|', '| Revenue | $500K | $450K | ✅ Green (100% of target) | → Stable |',
      '| Leads | 100 | 40 | ⚠️ Yellow | → Stable |', '| Deals | 10 | 10 | ❌ Red | → Stable |', '| Partners | 10 | 3 | ✅ Green | → Stable |'].join('\n'),
    '🔴 Red (50% of targets met, see Challenges)'),
  words: qbr(
    ['| Metric | Target | Actual | Status | Trend |', '|---|---|---|---|---|', '| Revenue | 500 | 300 | Green | → Stable |', '| Leads | 100 | 100 | Red | → Stable |'].join('\n'),
    'Green (95% of targets met)'),
};

/** A complete status report whose health-score badge is stale (its only fixable finding). */
const STATUS_REPORT = (badge: string) => `# Partnership Status Report: Globex + Acme Corp
**Period**: Q1 2026
**Report Date**: 2026-03-31
**Partnership Manager**: Dana Scully

## Partnership Overview
- **Partnership type**: Channel
- **Current status**: Active

## Performance Summary

### Overall Health Score: 80/100 ${badge}
- Business performance: 25/30 (revenue, customers, leads)
- Operational execution: 24/30 (campaigns, integrations, activities)
- Relationship health: 20/25 (satisfaction, engagement, responsiveness)
- Strategic alignment: 11/15 (priorities, vision, mutual value)

## Recent Activities
1. Joint webinar: 400 attendees

## Key Wins
1. Two co-sold deals

## Open Issues
1. Lead routing delays - Owner: Fox Mulder, Due: 2030-04-30

## Upcoming Milestones
- Integration GA: 2030-05-15

## Risks and Mitigations
1. **Budget freeze**: pre-approve the Q2 plan

## Recommendations
Keep the co-selling cadence.

## Next Steps
- [ ] Send the Q2 plan - Owner: Dana Scully, Due: 2030-04-15
`;

/** What `partnership-docs check --fix` of this build writes for `text` (run as a separate process). */
const cliResults = new Map<string, string>();
function cliFix(text: string): string {
  if (!cliResults.has(text)) cliResults.set(text, runCliFix(text));
  return cliResults.get(text)!;
}
function runCliFix(text: string): string {
  const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
  const dir = mkdtempSync(path.join(tmpdir(), 'pd-cli-fix-'));
  try {
    const file = path.join(dir, 'doc.md');
    writeFileSync(file, text);
    const r = spawnSync(process.execPath, [path.join(ext.extensionPath, 'dist/cli.js'), 'check', '--fix', '--format', 'json', file],
      { encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 30_000 });
    assert.ok(r.status === 0 || r.status === 1, `CLI exit ${r.status}: ${r.stderr}`);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Saves the document and checks the bytes on disk are exactly `expected` in UTF-8. */
async function assertSavedBytes(doc: vscode.TextDocument, expected: string, what: string): Promise<void> {
  if (doc.isDirty) assert.ok(await doc.save(), `${what}: saved`);
  const bytes = Buffer.from(await vscode.workspace.fs.readFile(doc.uri));
  assert.equal(bytes.indexOf(Buffer.from([0xef, 0xbf, 0xbd])), -1, `${what}: U+FFFD written to the file:\n${bytes.toString('utf8')}`);
  assert.doesNotMatch(doc.getText(), LONE_SURROGATE, `${what}: a lone surrogate in the editor`);
  assert.equal(bytes.toString('utf8'), expected, `${what}: the saved text differs from the CLI's --fix`);
  assert.ok(bytes.equals(Buffer.from(expected, 'utf8')), `${what}: the saved bytes differ from the CLI's --fix`);
}

async function openStale(text: string, name: string): Promise<vscode.TextEditor> {
  const editor = await openFresh(text, name);
  await waitFor(() => ours(editor.document.uri).length > 0, `${name}: diagnostics`);
  return editor;
}

/** The fixable findings of the editor's text right now (the core, as the extension lints). */
function fixable(doc: vscode.TextDocument) {
  return lint(doc.getText(), { path: vscode.workspace.asRelativePath(doc.uri) }).findings.filter((f) => f.fix);
}

async function changed(doc: vscode.TextDocument, before: number, what: string, timeoutMs?: number): Promise<void> {
  await waitFor(() => doc.version !== before, what, timeoutMs);
}

/**
 * Ctrl+. → Enter: VS Code's own "apply the preferred quick fix" command at `at`. The command is a
 * no-op while the editor's context keys (writable, has code-action providers) are not set yet,
 * which happens right after an editor opens; it is tried again then. A retry cannot apply a fix
 * twice: an action computed for an older version of the document is not applied.
 */
async function quickFixAt(editor: vscode.TextEditor, at: vscode.Position, what: string): Promise<void> {
  editor.selection = new vscode.Selection(at, at);
  await runCodeActionCommand(editor, { kind: 'quickfix', apply: 'first', preferred: true }, what);
}

async function runCodeActionCommand(editor: vscode.TextEditor, args: object, what: string): Promise<void> {
  const doc = editor.document;
  const at = editor.selection.active;
  const version = doc.version;
  for (let attempt = 0; attempt < 5; attempt++) {
    await vscode.commands.executeCommand('editor.action.codeAction', args);
    try {
      await changed(doc, version, what, 2000);
      if (attempt > 0) log(`    (${what}: applied on attempt ${attempt + 1})`);
      return;
    } catch { /* not applied: try again */ }
  }
  const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at));
  throw new Error(`${what}: not applied at ${at.line}:${at.character}; offered: ${offered.map((a) => `${a.title}${a.isPreferred ? ' *' : ''}`).join(' | ')}`);
}

/** The edit paths, each as a user runs it. */
const PATHS: Record<string, (editor: vscode.TextEditor) => Promise<void>> = {
  // Ctrl+. at each stale finding → the preferred fix, one after another until none is left.
  'quick fix': async (editor) => {
    const doc = editor.document;
    for (let round = 0; round < 20; round++) {
      const [f] = fixable(doc);
      if (!f) return;
      await waitFor(() => ours(doc.uri).length > 0 && api().linter.stateFor(doc), 'linted before the quick fix');
      await quickFixAt(editor, doc.positionAt(f.startOffset), `quick fix of ${f.ruleId} (round ${round})`);
    }
    assert.fail('quick fixes did not converge');
  },
  // Ctrl+. → "Fix all partnership-docs problems": the action's command, as the menu runs it.
  'fix all from the quick-fix list': async (editor) => {
    const doc = editor.document;
    const [f] = fixable(doc);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri,
      new vscode.Range(doc.positionAt(f!.startOffset), doc.positionAt(f!.endOffset)));
    const all = actions.find((a) => a.title === 'Fix all partnership-docs problems');
    assert.ok(all?.command, `Fix all offered: ${actions.map((a) => a.title).join(' | ')}`);
    const version = doc.version;
    await vscode.commands.executeCommand(all.command.command, ...(all.command.arguments ?? []));
    await changed(doc, version, 'fix all');
  },
  // "Source Action… → Fix all" (editor.action.codeAction with the kind).
  'source.fixAll code action': async (editor) => {
    await runCodeActionCommand(editor, { kind: 'source.fixAll.partnershipDocs', apply: 'first' }, 'source.fixAll');
  },
  // "editor.codeActionsOnSave": { "source.fixAll.partnershipDocs": "explicit" } and Ctrl+S.
  'fix on save': async (editor) => {
    await vscode.workspace.getConfiguration('editor', { languageId: 'markdown' })
      .update('codeActionsOnSave', { 'source.fixAll.partnershipDocs': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    try {
      await editor.edit((e) => e.insert(new vscode.Position(0, 0), ' '));
      await editor.edit((e) => e.delete(new vscode.Range(0, 0, 0, 1)));
      assert.ok(await editor.document.save());
    } finally {
      await vscode.workspace.getConfiguration('editor', { languageId: 'markdown' }).update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
    }
  },
  'Recalculate from the palette': async (editor) => {
    const version = editor.document.version;
    assert.equal(await vscode.commands.executeCommand('partnershipDocs.recalculateKpiStatuses'), true);
    await changed(editor.document, version, 'recalculate');
  },
  'Recalculate from the CodeLens': async (editor) => {
    const doc = editor.document;
    const lenses = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
      return l.some((x) => x.command?.title === 'Recalculate') && l;
    }, 'the Recalculate lens');
    const lens = lenses.find((x) => x.command?.title === 'Recalculate')!;
    const version = doc.version;
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    await changed(doc, version, 'recalculate lens');
  },
};

let apiValue: { linter: { stateFor(doc: vscode.TextDocument): unknown } } | undefined;
function api() { return apiValue!; }

suite('edits reach the disk byte-exact (🟢 🟡 🔴, ✅ ⚠️ ❌, words)', () => {
  suiteSetup(async () => { apiValue = await activate() as unknown as typeof apiValue; });
  teardown(async () => { await setSetting('rules', undefined); await closeAll(); });

  for (const [family, text] of Object.entries(DOCS)) {
    test(`${family}: the CLI's --fix changes the document (the test has something to check)`, () => {
      const expected = cliFix(text);
      assert.notEqual(expected, text);
      assert.equal(fixable({ getText: () => expected, uri: vscode.Uri.file('/x.md') } as vscode.TextDocument).length, 0, 'the CLI fixed everything fixable');
    });
    for (const [name, run] of Object.entries(PATHS)) {
      test(`${family}: ${name} saves the CLI's bytes`, async function () {
        this.timeout(60_000);
        const editor = await openStale(text, `edits-${family}-${name.replace(/\W+/g, '-')}`);
        await run(editor);
        await assertSavedBytes(editor.document, cliFix(text), `${family} / ${name}`);
      });
    }
  }

  for (const [from, to] of [['🟢 Green', '🟡 Yellow'], ['🔴 Red', '🟡 Yellow']] as const) {
    const text = STATUS_REPORT(from);
    test(`health-score badge ${from} → ${to}: quick fix and Recalculate save the CLI's bytes`, async () => {
      const expected = cliFix(text);
      assert.ok(expected.includes(`80/100 ${to}`), expected);
      for (const name of ['quick fix', 'Recalculate from the palette'] as const) {
        const editor = await openStale(text, `edits-score-${name.replace(/\W+/g, '-')}`);
        await PATHS[name]!(editor);
        await assertSavedBytes(editor.document, expected, `health score ${from} / ${name}`);
        await closeAll();
      }
    });
  }

  test('a quick fix is one undo step, and undo restores the exact text', async () => {
    const text = DOCS.circles!;
    const editor = await openStale(text, 'edits-undo');
    const doc = editor.document;
    const f = fixable(doc).find((x) => x.ruleId === 'overall-health-mismatch')!;
    await quickFixAt(editor, doc.positionAt(f.startOffset), 'quick fix');
    assert.ok(doc.getText().includes('**Overall Partnership Health**: 🟡 Yellow'), doc.getText());
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), text);
  });
});
