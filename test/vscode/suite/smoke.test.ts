import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { log } from './util/log';

suite('smoke', () => {
  test('runs inside a real VS Code', () => {
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    log(`    (VS Code ${vscode.version}, ${vscode.env.appName}, host ${vscode.env.appHost})`);
  });
});
