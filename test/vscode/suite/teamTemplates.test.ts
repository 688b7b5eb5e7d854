/**
 * Team templates in the real host (issue #13 item 1): a folder of the workspace (`team/`) with its
 * own `.partnership-docs/templates/qbr.md`. New QBR writes it (the saved bytes, emoji included),
 * section-missing follows it, the CLI agrees with the editor, template and configuration changes
 * apply without a reload, and a broken template is reported (message + diagnostic), nothing
 * written.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { renderTemplate } from '../../../src/core/index';
import { activate, closeAll, EXTENSION_ID, exists, fileUri, ours, ruleOf, setSetting, waitFor, workspaceRoot, writeFile } from './util/helpers';

const TEMPLATE = `# Partnership QBR: {{company}} + {{partner}}
**Quarter**: {{quarter}} {{year}}
**Date**: {{date}}
**Attendees**: [Names and roles]

## 🎯 Executive Summary
[Three sentences: where we are, what changed, what we need]

## KPI Dashboard

| Metric | Target | Actual | Status | Trend | Commentary |
|--------|--------|--------|--------|-------|------------|
{{previousKpiRows}}

Legend: 🟢 on track · 🟡 watch · 🔴 at risk

## Key Wins
1. [Win with metrics]

## Renewal Readiness (60–90 days out)
- **Renewal date**: [Date]
- **Recommendation**: [Expand / Renew as-is / Modify and renew / Sunset]

## Next Steps (Owner, Due)
{{openActions}}

**Next QBR**: {{nextQbrDate}}
`;

const TPL = 'team/.partnership-docs/templates/qbr.md';
const ARGS = { partner: 'Initech', company: 'Globex', quarter: 3, year: 2026, date: '2026-07-15', fromPrevious: false };
const missingSections = (uri: vscode.Uri) => ours(uri).filter((d) => ruleOf(d) === 'section-missing').map((d) => d.message);

/** A filled QBR following the team template (no Performance Highlights, no Asks and Decisions Needed). */
const FILLED = `# Partnership QBR: Globex + Initech
**Quarter**: Q3 2026
**Date**: 2026-07-15
**Attendees**: Dana Scully, Fox Mulder

## 🎯 Executive Summary
Pipeline ahead of plan.

## KPI Dashboard

| Metric | Target | Actual | Status | Trend | Commentary |
|--------|--------|--------|--------|-------|------------|
| Sourced pipeline | 100 | 120 | 🟢 Green | ↑ Up | Two EMEA deals |

## Key Wins
1. Closed Acme together.

## Renewal Readiness (60–90 days out)
- **Renewal date**: 2027-03-31
- **Recommendation**: Expand

## Next Steps (Owner, Due)
- [ ] Book the bootcamp - Owner: Fox Mulder, Due: 2026-09-15

**Next QBR**: 2026-10-15
`;

suite('team templates', () => {
  const errors: string[] = [];
  const original = vscode.window.showErrorMessage;
  suiteSetup(async () => {
    await activate();
    await writeFile(TPL, TEMPLATE);
    await setSetting('newDocumentPath.qbr', 'team/partnerships/${partnerSlug}/${year}-Q${quarter}-qbr.md');
    // Error messages shown by the extension (the same API object in this host) are recorded.
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = (message: string, ...rest: unknown[]) => {
      errors.push(message);
      return (original as (...a: unknown[]) => Thenable<unknown>)(message, ...rest);
    };
  });
  suiteTeardown(async () => {
    (vscode.window as { showErrorMessage: unknown }).showErrorMessage = original;
    await setSetting('newDocumentPath.qbr', undefined);
    await closeAll();
    await vscode.workspace.fs.delete(fileUri('team'), { recursive: true, useTrash: false });
  });
  teardown(closeAll);

  test('New QBR writes the team template: the saved bytes are the rendered template (🟢/🟡/🔴 kept)', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newQbr', ARGS);
    assert.ok(uri, 'a file was created');
    assert.equal(vscode.workspace.asRelativePath(uri), 'team/partnerships/initech/2026-Q3-qbr.md');
    const bytes = await vscode.workspace.fs.readFile(uri);
    const expected = renderTemplate({ path: TPL, text: TEMPLATE }, { partner: 'Initech', company: 'Globex', quarter: 3, year: 2026, date: '2026-07-15' }).text;
    assert.ok(Buffer.from(bytes).equals(Buffer.from(expected, 'utf8')), new TextDecoder().decode(bytes));
    assert.ok(Buffer.from(bytes).includes(Buffer.from('🟢 on track · 🟡 watch · 🔴 at risk', 'utf8')));
    assert.match(expected, /^\| \[Metric 1\] \| \[Target\] \| \[Actual\] \| \[Status\] \| \[Trend\] \| \[Commentary\] \|$/m);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.getText(editor.selection), '[Names and roles]');
    await vscode.workspace.fs.delete(uri);
  });

  test('section-missing follows the team template in the editor, and the CLI reports the same findings', async () => {
    const uri = await writeFile('team/partnerships/initech/2026-Q3-qbr.md', FILLED.replace(/## Renewal Readiness[^]*?\n\n(?=## Next Steps)/, ''));
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const messages = await waitFor(() => { const m = missingSections(uri); return m.length ? m : undefined; }, 'section-missing from the team template');
    assert.deepEqual(messages, [`Missing section “Renewal Readiness (60–90 days out)”, required by the team's QBR template (${TPL}); expected a “## Renewal Readiness (60–90 days out)” heading after “Key Wins”.`]);

    // The CLI on the same workspace: the same findings for this file.
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const r = spawnSync(process.execPath, [path.join(ext.extensionPath, 'bin/partnership-docs.js'), 'check', '--format', 'json', 'team'], { cwd: workspaceRoot().fsPath, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const files = (JSON.parse(r.stdout) as { files: Array<{ path: string; findings: Array<{ ruleId: string; line: number; column: number; message: string }> }> }).files;
    assert.deepEqual(files.map((f) => f.path), ['team/partnerships/initech/2026-Q3-qbr.md'], 'the templates folder is not checked');
    const cli = files[0]!.findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`).sort();
    const editor = ours(uri).map((d) => `${ruleOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).sort();
    assert.deepEqual(editor, cli);

    // Restored: silent (and Asks and Decisions Needed is never asked for).
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(0, 0, doc.lineCount, 0), FILLED);
    await vscode.workspace.applyEdit(edit);
    await waitFor(() => missingSections(uri).length === 0, 'section-missing gone');
  });

  test('the template is not linted as a document; a template change applies without reload', async () => {
    const tpl = fileUri(TPL);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(tpl));
    const qbr = await writeFile('team/partnerships/initech/2026-Q3-qbr.md', FILLED);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qbr), { preview: false });
    await waitFor(() => ours(qbr).length >= 0 && missingSections(qbr).length === 0, 'a clean QBR');
    assert.deepEqual(ours(tpl).filter((d) => ruleOf(d) !== 'team-template').map((d) => d.message), [], 'no rule findings in the template');

    try {
      await writeFile(TPL, TEMPLATE.replace('## Key Wins', '## Partner Sentiment\n[How the partner feels]\n\n## Key Wins'));
      await waitFor(() => missingSections(qbr).some((m) => m.startsWith('Missing section “Partner Sentiment”')), `the new template section required (now: ${JSON.stringify(ours(qbr).map((d) => d.message))})`, 10_000);
    } finally {
      await writeFile(TPL, TEMPLATE);
    }
    await waitFor(() => missingSections(qbr).length === 0, 'back to the template without it', 10_000)
      .catch((e: Error) => { throw new Error(`${e.message} (now: ${JSON.stringify(missingSections(qbr))})`); });
  });

  test('templatesFolder in .partnership-docs.json applies without reload', async () => {
    const qbr = await writeFile('team/partnerships/initech/2026-Q3-qbr.md', FILLED);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(qbr));
    await writeFile('team/alt-templates/qbr.md', '# QBR: {{partner}}\n\n## Key Wins\n[x]\n\n## Exit Criteria\n[x]\n');
    await writeFile('team/.partnership-docs.json', '{ "templatesFolder": "alt-templates" }');
    try {
      await waitFor(() => { const m = missingSections(qbr); return m.length === 1 && m[0]!.startsWith('Missing section “Exit Criteria”') && m[0]!.includes('team/alt-templates/qbr.md'); }, 'the configured folder', 10_000);
    } finally {
      await vscode.workspace.fs.delete(fileUri('team/.partnership-docs.json'));
      await vscode.workspace.fs.delete(fileUri('team/alt-templates'), { recursive: true });
    }
    await waitFor(() => missingSections(qbr).length === 0, 'back to the default folder', 10_000);
  });

  test('a broken template: New QBR shows the file, line and column, writes nothing; the template shows a diagnostic', async () => {
    await writeFile(TPL, TEMPLATE.replace('**Date**: {{date}}', '**Date**: {{dat}}'));
    errors.length = 0;
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('partnershipDocs.newQbr', { ...ARGS, partner: 'Brokenco' });
      assert.equal(uri, undefined);
      assert.equal(await exists(fileUri('team/partnerships/brokenco')), false, 'nothing written');
      const shown = errors.filter((m) => m.endsWith('Nothing was written.'));
      assert.equal(shown.length, 1, errors.join('\n'));
      assert.match(shown[0]!, /^Partnership Docs: team\/\.partnership-docs\/templates\/qbr\.md:3:11: Unknown template variable “\{\{dat\}\}”; did you mean “\{\{date\}\}”\?.* Nothing was written\.$/);

      const tpl = fileUri(TPL);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(tpl));
      const d = await waitFor(() => ours(tpl).find((x) => ruleOf(x) === 'team-template'), 'the template diagnostic');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
      assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.character], [2, 10, 17]);
    } finally {
      await writeFile(TPL, TEMPLATE);
    }
  });

  test('a template that is not UTF-8: New QBR reports it with its line, nothing written', async () => {
    const bytes = Buffer.concat([Buffer.from('# QBR: {{partner}}\n\n## Caf'), Buffer.from([0xe9]), Buffer.from(' Notes\n')]);
    await vscode.workspace.fs.writeFile(fileUri(TPL), bytes);
    errors.length = 0;
    try {
      const uri = await vscode.commands.executeCommand<vscode.Uri | undefined>('partnershipDocs.newQbr', { ...ARGS, partner: 'Latinco' });
      assert.equal(uri, undefined);
      assert.equal(await exists(fileUri('team/partnerships/latinco')), false);
      assert.equal(errors.find((m) => m.endsWith('Nothing was written.')), 'Partnership Docs: team/.partnership-docs/templates/qbr.md:3:7: cannot read template: not valid UTF-8 (save it as UTF-8). Nothing was written.');
    } finally {
      await writeFile(TPL, TEMPLATE);
    }
  });
});
