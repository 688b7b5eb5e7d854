/**
 * Launch plans (issue 13) in the real host: the New Launch Plan command writes the playbook's
 * launch-plan scaffold (read back from disk, byte for byte), opens it pinned with the first
 * placeholder selected, and the saved plan lints as a launch plan: placeholders and the Next
 * Steps' action items only, no milestone / success-criteria / section finding.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { scaffold } from '../../../src/core/templates';
import { activate, closeAll, EXTENSION_ID, openFresh, ours, readFile, ruleOf, setSetting, waitFor } from './util/helpers';

suite('launch plan', () => {
  suiteSetup(activate);
  teardown(async () => {
    await setSetting('newDocumentPath.launchPlan', undefined);
    await closeAll();
  });

  test('New Launch Plan writes the launch-plan scaffold, opens it pinned on the first field, and it lints as a launch plan', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newLaunchPlan', { partner: 'Initrode Ltd', company: 'Globex', date: '2027-01-04' });
    try {
      assert.equal(vscode.workspace.asRelativePath(uri), 'partnerships/initrode-ltd/2027-01-04-launch-plan.md');
      const saved = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      assert.equal(saved, scaffold('launch-plan', { partner: 'Initrode Ltd', company: 'Globex', date: '2027-01-04' }).text);
      assert.ok(saved.startsWith('# Partnership Launch Plan: Globex + Initrode Ltd\n**Partner**: Initrode Ltd\n**Start Date**: 2027-01-04\n'));
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.toString(), uri.toString());
      assert.equal(editor.document.getText(editor.selection), '[Name]');
      assert.equal(editor.selection.start.line, 3, 'the Launch Owner line, the first field left to fill');
      assert.equal(vscode.window.tabGroups.activeTabGroup.activeTab?.isPreview, false);
      const diags = await waitFor(() => {
        const d = ours(uri);
        return d.length > 0 && d;
      }, 'lint of the new launch plan');
      const rules = new Set(diags.map(ruleOf));
      assert.ok(rules.has('placeholder-unfilled'), [...rules].join(', '));
      for (const r of ['milestone-missing-owner', 'milestone-missing-date', 'milestone-overdue', 'success-criteria-missing', 'section-missing']) assert.ok(!rules.has(r), `${r}: ${[...rules].join(', ')}`);
    } finally {
      await closeAll();
      await vscode.workspace.fs.delete(uri); // not a partner of the workspace suite's portfolio
    }
  });

  test('New Launch Plan honours newDocumentPath.launchPlan and never overwrites', async () => {
    await setSetting('newDocumentPath.launchPlan', 'launch/${partnerSlug}-${date}.md');
    const args = { partner: 'Initrode', company: '', date: '2027-02-01' };
    const first = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newLaunchPlan', args);
    const second = await vscode.commands.executeCommand<vscode.Uri>('partnershipDocs.newLaunchPlan', args);
    try {
      assert.deepEqual([first, second].map((u) => vscode.workspace.asRelativePath(u)), ['launch/initrode-2027-02-01.md', 'launch/initrode-2027-02-01-2.md']);
      assert.match(await readFile(first), /^# Partnership Launch Plan: \[Our Company\] \+ Initrode\n/);
      assert.equal(vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection), '[Our Company]');
    } finally {
      await closeAll();
      for (const u of [first, second]) await vscode.workspace.fs.delete(u);
    }
  });

  test('the launch-plan snippet, typed and accepted, saves the plan it shows and lints as a launch plan', async () => {
    const editor = await openFresh('launch-plan', 'launch-snippet');
    const uri = editor.document.uri;
    const end = new vscode.Position(0, 'launch-plan'.length);
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    const item = await waitFor(async () => {
      const l = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, end);
      return l.items.find((i) => label(i) === 'launch-plan' && i.kind === vscode.CompletionItemKind.Snippet);
    }, 'the launch-plan snippet offered');
    const body = item.insertText instanceof vscode.SnippetString ? item.insertText.value : String(item.insertText);
    // What accepting it writes: every placeholder's default (a choice's first value, a mirror its
    // placeholder's), the date variables as today.
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!;
    const declared = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(pkg.extensionUri, 'snippets/markdown.json'))))['Partnership Launch Plan'].body.join('\n');
    assert.equal(body, declared, 'the snippet offered is the declared one');
    await editor.insertSnippet(new vscode.SnippetString(body), new vscode.Range(new vscode.Position(0, 0), end));
    await vscode.commands.executeCommand('leaveSnippet');
    await editor.document.save();
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    const defaults = new Map<string, string>();
    const expected = body
      .replace(/\$CURRENT_YEAR/g, String(now.getFullYear())).replace(/\$CURRENT_MONTH/g, pad(now.getMonth() + 1)).replace(/\$CURRENT_DATE/g, pad(now.getDate()))
      .replace(/\$\{(\d+):([^}]*)\}/g, (_m, n: string, d: string) => { defaults.set(n, d); return d; })
      .replace(/\$\{(\d+)\|([^|]*?),[^}]*\|\}/g, '$2')
      .replace(/\$\{(\d+)\}/g, (_m, n: string) => defaults.get(n) ?? '')
      .replace(/\$0$/, '');
    const saved = await readFile(uri);
    assert.equal(saved, expected);
    assert.match(saved, /^\| Partnership kickoff meeting \| \[Owner\] \| \[Date\] \| Not started \|$/m);
    const diags = await waitFor(() => { const d = ours(uri); return d.length > 0 && d; }, 'lint of the inserted plan');
    const rules = new Set(diags.map(ruleOf));
    assert.ok(rules.has('placeholder-unfilled'), [...rules].join(', '));
    for (const r of ['milestone-missing-owner', 'milestone-missing-date', 'milestone-overdue', 'success-criteria-missing', 'section-missing']) assert.ok(!rules.has(r), `${r}: ${[...rules].join(', ')}`);
  });
});
