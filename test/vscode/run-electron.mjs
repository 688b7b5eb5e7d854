#!/usr/bin/env node
// Runs the same extension-host suites with @vscode/test-electron (downloads VS Code from
// Microsoft's update service: needs internet). Offline, use run-code-server.mjs instead.
// Env: VSCODE_TEST_VERSION (default 1.100.3, the version code-server carries).
import { runTests } from '@vscode/test-electron';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const root = mkdtempSync(join(tmpdir(), 'pd-electron-'));
const workspace = join(root, 'workspace');
cpSync(join(repo, 'test/fixtures/vscode-workspace'), workspace, { recursive: true });
const logFile = join(root, 'mocha-output.log');
let code = 1;
// runTests has no timeout of its own: never hang CI (download + run).
const watchdog = setTimeout(() => { console.error('run-electron: timed out'); process.exit(1); },
  Number(process.env.PARTNERSHIP_DOCS_TEST_TIMEOUT_MS ?? 600_000));
watchdog.unref();
try {
  code = await runTests({
    version: process.env.VSCODE_TEST_VERSION ?? '1.100.3',
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(repo, 'out/test/vscode/suite/index.js'),
    extensionTestsEnv: { PARTNERSHIP_DOCS_TEST_LOG: logFile, PARTNERSHIP_DOCS_TEST_WORKSPACE: workspace,
      PARTNERSHIP_DOCS_TEST_GREP: process.env.PARTNERSHIP_DOCS_TEST_GREP ?? '', PARTNERSHIP_DOCS_ENGINE_STATS: '1' },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome',
      '--skip-release-notes', `--user-data-dir=${join(root, 'user-data')}`, `--extensions-dir=${join(root, 'extensions')}`],
  });
} catch (err) {
  console.error(`run-electron: ${err instanceof Error ? err.message : err}`);
  if (existsSync(logFile)) console.log(readFileSync(logFile, 'utf8'));
  code = 1;
} finally {
  rmSync(root, { recursive: true, force: true });
}
process.exit(code);
