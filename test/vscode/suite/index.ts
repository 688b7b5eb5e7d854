/**
 * Mocha entry for the extension-host integration suites. The same module is loaded by
 * `@vscode/test-electron` (run-electron.mjs) and by code-server (run-code-server.mjs):
 * VS Code calls `run()` inside the real extension host; resolve = pass, reject = fail.
 *
 * Output: mocha's spec reporter writes to the extension host's stdout, which nobody sees under
 * code-server. So everything the reporter prints is also appended to the file named by
 * PARTNERSHIP_DOCS_TEST_LOG (set by the runner), or to `.vscode-test-output.log` in the first
 * workspace folder; the runner tails that file live.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';
import * as vscode from 'vscode';

function logFile(): string | undefined {
  if (process.env.PARTNERSHIP_DOCS_TEST_LOG) return process.env.PARTNERSHIP_DOCS_TEST_LOG;
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, '.vscode-test-output.log') : undefined;
}

/**
 * Sends mocha's reporter output (and `log()` from the suites) to the log file as well as to the
 * original console. The extension host swallows process.stdout under code-server, and patching
 * process.stdout / console there is unreliable, so the reporter's own hook is used:
 * mocha's Base reporter prints through `Base.consoleLog`.
 */
function teeOutput(file: string | undefined): () => void {
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void };
  const original = base.consoleLog;
  if (file) fs.writeFileSync(file, '');
  base.consoleLog = (...args: unknown[]) => {
    if (file) {
      try { fs.appendFileSync(file, format(...args) + '\n'); } catch { /* keep going */ }
    }
    original(...args);
  };
  (globalThis as { __partnershipDocsTestLog?: (...a: unknown[]) => void }).__partnershipDocsTestLog = base.consoleLog;
  return () => { base.consoleLog = original; };
}

export async function run(): Promise<void> {
  const restore = teeOutput(logFile());
  try {
    const mocha = new Mocha({
      ui: 'tdd',
      color: false,
      reporter: 'spec',
      timeout: Number(process.env.PARTNERSHIP_DOCS_TEST_TIMEOUT ?? 20_000),
      grep: process.env.PARTNERSHIP_DOCS_TEST_GREP || undefined,
    });
    const dir = __dirname;
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.test.js')).sort();
    for (const f of files) mocha.addFile(path.join(dir, f));
    const failures = await new Promise<number>((resolve, reject) => {
      try { mocha.run((n) => resolve(n)); } catch (e) { reject(e); }
    });
    (Mocha.reporters.Base as unknown as { consoleLog: (s: string) => void }).consoleLog(`\n# partnership-docs suite: ${failures} failure(s)`);
    if (failures > 0) throw new Error(`${failures} test(s) failed`);
  } catch (err) {
    (Mocha.reporters.Base as unknown as { consoleLog: (s: string) => void }).consoleLog(String(err instanceof Error ? err.stack : err));
    throw err;
  } finally {
    restore();
  }
}
