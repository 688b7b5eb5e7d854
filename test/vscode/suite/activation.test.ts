import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAll, EXTENSION_ID, waitFor, writeFile, type Api } from './util/helpers';
import { log } from './util/log';

// Runs first (files load in name order): the extension must still be inactive here.
suite('activation', () => {
  teardown(closeAll);

  test('activates on markdown only, quickly', async () => {
    const ext = vscode.extensions.getExtension<Api>(EXTENSION_ID)!;
    assert.equal(ext.isActive, false, 'not active before any markdown is opened');
    const json = await writeFile('tmp/activation.json', '{}\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(json));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(ext.isActive, false, 'a JSON file does not activate it');
    const started = Date.now();
    const md = await writeFile('tmp/activation.md', '# Notes\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(md));
    await waitFor(() => ext.isActive, 'activation on markdown');
    const api = ext.exports;
    log(`    (activate() ran in ${api.activatedInMs.toFixed(1)} ms; open → active ${Date.now() - started} ms, including loading the bundle)`);
    assert.ok(api.activatedInMs < 500, `activate() took ${api.activatedInMs} ms`);
  });
});
